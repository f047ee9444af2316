#!/bin/sh
# docs/PROTOCOL.md's table of limits must be exactly what the code says (relapselab limits
# --markdown, from the one table of include/relapselab/protocol_limits.h): the documented
# limits and the program's cannot drift apart. tools/update-protocol-doc.sh regenerates it.
set -eu
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" limits --markdown > "$tmp/code.md"
awk '/<!-- limits:end -->/ { p = 0 } p { print } /<!-- limits:begin -->/ { p = 1 }' \
    docs/PROTOCOL.md > "$tmp/doc.md"
if [ ! -s "$tmp/doc.md" ]; then
    echo "docs/PROTOCOL.md has no table of limits (between limits:begin and end)" >&2
    exit 1
fi
if ! cmp -s "$tmp/code.md" "$tmp/doc.md"; then
    echo "docs/PROTOCOL.md's table of limits is out of date; run tools/update-protocol-doc.sh" >&2
    diff "$tmp/code.md" "$tmp/doc.md" | head -20 >&2
    exit 1
fi
echo "1 passed, 0 failed"
