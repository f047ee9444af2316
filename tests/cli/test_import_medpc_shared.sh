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

if ! "$RL" import-medpc "$data" --profile coffey-liq-sa-medpc5 --profile coffey-liq-sa \
    --profile townsend-tt --profile jorge-time-tag --out "$tmp/real.db" >"$tmp/out" 2>"$tmp/err"
then
    show_file "stderr" "$tmp/err"
    fail "shared samples: import-medpc failed"
fi
# 39 sessions: the 36 sample files, one of which (medpc_data_example) holds 4 sessions;
# the same count as tests/unit/test_medpc.c's table of the files.
grep -q "Imported 39 of 39 sessions" "$tmp/out" ||
    { show_file "stdout" "$tmp/out"; fail "not every sample session was imported"; }
grep -q "Report: 0 errors" "$tmp/out" || fail "errors importing the samples"
finish
