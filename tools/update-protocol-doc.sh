#!/bin/sh
# Regenerate the table of limits in docs/PROTOCOL.md from the code (relapselab limits
# --markdown, the table of include/relapselab/protocol_limits.h).
# Usage: tools/update-protocol-doc.sh [path/to/relapselab]
set -eu
bin=${1:-build/relapselab}
doc=docs/PROTOCOL.md
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.table"' EXIT
"$bin" limits --markdown > "$tmp.table"
awk -v table="$tmp.table" '
  /<!-- limits:begin -->/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
  /<!-- limits:end -->/ { skip = 0 }
  !skip { print }
' "$doc" > "$tmp"
mv "$tmp" "$doc"
echo "updated $doc"
