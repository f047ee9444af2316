#!/bin/sh
# Regenerate tests/golden/small.out (the golden summary) after a deliberate model change.
# Usage: tools/update-golden.sh [path/to/relapselab]. Review `git diff tests/golden` after.
set -eu
bin=${1:-build/relapselab}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" run tests/data/small.yaml --seed 1 --threads 2 --out "$tmp/small.db" > "$tmp/out" 2>/dev/null
sed -n '1,/^Results database:/p' "$tmp/out" | sed '$d' > tests/golden/small.out
echo "updated tests/golden/small.out"
