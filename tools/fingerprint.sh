#!/bin/sh
# fingerprint.sh -- everything a build prints for a fixed set of commands and seeds, in one
# folder, so that a refactoring can be checked to change no output:
#
#   tools/fingerprint.sh build /tmp/fp-before      # on the old commit
#   tools/fingerprint.sh build /tmp/fp-after       # on the new one
#   diff -r /tmp/fp-before /tmp/fp-after           # empty = byte-identical outputs
#
# Covers: `run` of every example protocol (its summary, the CSV export of the database and
# `summary` at every level), `validate` (text and JSON, 3 studies), `screen` (text, JSON and
# CSV), a `traces` figure as SVG, the MED-PC export of a run, the parameter, genotype and drug
# tables, and (when ../shared/data/medpc exists) an import of real MED-PC files.
# Run from the repository root. Takes about a minute.
set -eu
build=${1:?usage: tools/fingerprint.sh BUILD_DIR OUT_DIR}
out=${2:?usage: tools/fingerprint.sh BUILD_DIR OUT_DIR}
rl="$build/relapselab"
[ -x "$rl" ] || { echo "fingerprint: $rl not found" >&2; exit 2; }
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for p in examples/*.yaml tests/data/small.yaml; do
    name=$(basename "$p" .yaml)
    "$rl" run "$p" --seed 5 --threads 2 --out "$tmp/$name.db" > "$out/run-$name.txt" 2>/dev/null
    sed -i "s|$tmp|TMP|g" "$out/run-$name.txt"
    "$rl" export "$tmp/$name.db" --csv "$tmp/csv-$name" > /dev/null
    for f in "$tmp/csv-$name"/*.csv; do
        cp "$f" "$out/export-$name-$(basename "$f")"
    done
    for by in group subject session; do
        "$rl" summary "$tmp/$name.db" --by $by > "$out/summary-$name-$by.txt"
        sed -i "s|$tmp|TMP|g" "$out/summary-$name-$by.txt"
    done
done
"$rl" plot "$tmp/gutierrez2014.db" traces --subject 3 --session 2 -o "$out/traces.svg" > /dev/null
"$rl" export "$tmp/small.db" --medpc "$tmp/medpc" > /dev/null
for f in "$tmp/medpc"/*; do
    cp "$f" "$out/medpc-$(basename "$f")"
done
"$rl" validate --replicates 3 --seed 1 > "$out/validate.txt" 2>/dev/null
"$rl" validate --replicates 3 --seed 1 --json > "$out/validate.json" 2>/dev/null
"$rl" screen examples/screens/kor.yaml --n 4 --seed 1 > "$out/screen.txt" 2>/dev/null
"$rl" screen examples/screens/kor.yaml --n 4 --seed 1 --json > "$out/screen.json" 2>/dev/null
"$rl" screen examples/screens/kor.yaml --n 4 --seed 1 --quiet --csv "$out/screen.csv" 2>/dev/null
"$rl" params --markdown > "$out/params.md"
"$rl" genotypes > "$out/genotypes.txt"
"$rl" drugs --markdown > "$out/drugs.md"
data=../shared/data/medpc/coffey-mouse-oralfent
if [ -d "$data" ]; then
    "$rl" import-medpc "$data" --profile coffey-liq-sa-medpc5 --profile coffey-liq-sa \
        --out "$tmp/lab.db" > "$out/import.txt" 2>&1 || true
    sed -i "s|$tmp|TMP|g" "$out/import.txt"
    if [ -f "$tmp/lab.db" ]; then
        "$rl" summary "$tmp/lab.db" --by subject | sed "s|$tmp|TMP|g" > "$out/import-summary.txt"
    fi
fi
echo "fingerprint: $(ls "$out" | wc -l) files in $out"
