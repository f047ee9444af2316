#!/bin/sh
# test_import_medpc_shared.sh -- `relapselab import-medpc` on the real MED-PC sample files of
# ../shared/data/medpc (read in place, never copied: their licenses forbid it), with the four
# decoding profiles they need: every session imports and the report has no error. Skipped
# (exit 77) when the folder is absent, as in CI; RL_SHARED_DIR points at another copy.
#
# usage: sh tests/cli/test_import_medpc_shared.sh /path/to/relapselab   (from the repo root)
. "$(dirname "$0")/lib.sh"

need_shared data/medpc
data=$shared_dir/data/medpc

# One session (coffey-rat-oralfent, V4F1_79 on 2026-06-30) is decoded with 0 active and 0
# inactive pokes where the program counted C(10) = 69 and C(11) = 14: it is flagged, and
# import exits 3 (issue 13 item 2) -- 0 with --accept-mismatch.
"$RL" import-medpc "$data" --profile coffey-liq-sa-medpc5 --profile coffey-liq-sa \
    --profile townsend-tt --profile jorge-time-tag --out "$tmp/real.db" >"$tmp/out" 2>"$tmp/err"
st=$?
if [ "$st" -ne 3 ]; then
    show_file "stderr" "$tmp/err"
    fail "shared samples: import-medpc exit status $st, expected 3 (one flagged session)"
fi
grep -q "^Flagged: 1 sessions" "$tmp/out" ||
    { show_file "stdout" "$tmp/out"; fail "shared samples: not exactly 1 flagged session"; }
grep -q "V4F1_79:49: warning: counts disagree: 0 poke_active decoded, the program counted C(10) = 69" "$tmp/err" ||
    fail "shared samples: the flagged session's warning is missing"
"$RL" import-medpc "$data" --profile coffey-liq-sa-medpc5 --profile coffey-liq-sa \
    --profile townsend-tt --profile jorge-time-tag --out "$tmp/real.db" --replace \
    --accept-mismatch >"$tmp/out" 2>"$tmp/err" || fail "shared samples: --accept-mismatch did not exit 0"
# 39 sessions: the 36 sample files, one of which (medpc_data_example) holds 4 sessions;
# the same count as tests/unit/test_medpc.c's table of the files.
grep -q "Imported 39 of 39 sessions" "$tmp/out" ||
    { show_file "stdout" "$tmp/out"; fail "not every sample session was imported"; }
grep -q "Report: 0 errors" "$tmp/out" || fail "errors importing the samples"
finish
