#!/bin/sh
# Regenerate the drug table in docs/DRUGS.md from the code (relapselab drugs --markdown).
# Usage: tools/update-drugs-doc.sh [path/to/relapselab]
set -eu
bin=${1:-build/relapselab}
doc=docs/DRUGS.md
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.table"' EXIT
"$bin" drugs --markdown > "$tmp.table"
awk -v table="$tmp.table" '
  /<!-- drugs:begin -->/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
  /<!-- drugs:end -->/ { skip = 0 }
  !skip { print }
' "$doc" > "$tmp"
mv "$tmp" "$doc"
echo "updated $doc"
