#!/bin/sh
# Regenerate tests/golden/small.out (the golden summary) and tests/golden/validate_r5_s3.txt
# (the seed claims' rates over 5 studies) after a deliberate model change.
# Usage: tools/update-golden.sh [path/to/relapselab]. Review `git diff tests/golden` after.
set -eu
bin=${1:-build/relapselab}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" run tests/data/small.yaml --seed 1 --threads 2 --out "$tmp/small.db" > "$tmp/out" 2>/dev/null
sed -n '1,/^Results database:/p' "$tmp/out" | sed '$d' > tests/golden/small.out
echo "updated tests/golden/small.out"
# The rate of every check of the seed claims over 5 studies from seed 3.
head -n 4 tests/golden/validate_r5_s3.txt > "$tmp/g"
"$bin" validate --replicates 5 --seed 3 --json 2>/dev/null | grep '"id":' | grep '"rate":' |
    sed 's/.*"id": "\([^"]*\)".*"pair": "\([^"]*\)".*"measure": "\([^"]*\)", "rate": \([0-9.]*\),.*/\1	\2	\3	\4/' \
    >> "$tmp/g"
mv "$tmp/g" tests/golden/validate_r5_s3.txt
echo "updated tests/golden/validate_r5_s3.txt"
