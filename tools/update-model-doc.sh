#!/bin/sh
# Regenerate the parameter table in docs/MODEL.md from the code (relapselab params --markdown).
# Usage: tools/update-model-doc.sh [path/to/relapselab]
set -eu
bin=${1:-build/relapselab}
doc=docs/MODEL.md
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.table"' EXIT
"$bin" params --markdown > "$tmp.table"
awk -v table="$tmp.table" '
  /<!-- params:begin -->/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
  /<!-- params:end -->/ { skip = 0 }
  !skip { print }
' "$doc" > "$tmp"
mv "$tmp" "$doc"
echo "updated $doc"
