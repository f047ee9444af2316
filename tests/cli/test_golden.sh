#!/bin/sh
# Golden test: the per-group summary of a small protocol with a fixed seed must match the
# answer file tests/golden/small.out exactly (same binary and platform; the model's
# numbers are deterministic). After a deliberate model change, regenerate the answer with
# tools/update-golden.sh and review the diff: it shows what the change did to the numbers.
. "$(dirname "$0")/lib.sh"

"$RL" run tests/data/small.yaml --seed 1 --threads 2 --out "$tmp/small.db" > "$tmp/out" 2>/dev/null ||
    fail "run of tests/data/small.yaml failed"
sed -n '1,/^Results database:/p' "$tmp/out" | sed '$d' > "$tmp/summary"
if cmp -s "$tmp/summary" tests/golden/small.out; then
    note "summary matches tests/golden/small.out"
else
    diff tests/golden/small.out "$tmp/summary" | head -20 >&2
    fail "summary differs from tests/golden/small.out (tools/update-golden.sh regenerates it)"
fi
finish
