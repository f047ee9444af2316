#!/bin/sh
# docs/MODEL.md's parameter table must be exactly what the code says (relapselab params
# --markdown): the documented table and the code cannot drift apart.
set -eu
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" params --markdown > "$tmp/code.md"
awk '/<!-- params:end -->/ { p = 0 } p { print } /<!-- params:begin -->/ { p = 1 }' docs/MODEL.md > "$tmp/doc.md"
if ! cmp -s "$tmp/code.md" "$tmp/doc.md"; then
    echo "docs/MODEL.md parameter table is out of date; run tools/update-model-doc.sh" >&2
    diff "$tmp/code.md" "$tmp/doc.md" | head -20 >&2
    exit 1
fi
echo "1 passed, 0 failed"
