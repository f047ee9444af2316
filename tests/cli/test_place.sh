#!/bin/sh
# test_place.sh -- conditioned place preference end to end: run, database, summary, plot.
#
# A small CPP protocol (pretest, 4 conditioning sessions, test, 2 extinction tests, a prime
# test) is run; then: `run` prints the time in the paired compartment and the CPP score of
# each place test; the database holds enter_paired/enter_unpaired events and no pokes; the
# times derived from the events by `summary` equal those `run` computed in memory (same
# numbers, two code paths); the preference test's score is positive on average (cocaine
# conditions a preference) and every session's compartment times add up to its length;
# `plot place` writes a PNG; and the summary CSV has the place columns.
#
# usage: sh tests/cli/test_place.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

cat >"$tmp/cpp.yaml" <<'YAML'
reinforcers:
  cocaine: {type: drug, drug: cocaine, dose_mg_per_kg: 10, infusion_s: 2}
phases:
  - {name: pretest, kind: place_test, session_min: 15, sessions: 1}
  - name: conditioning
    kind: place_conditioning
    session_min: 30
    sessions: 4
    pairing: {drug: cocaine, dose_mg_per_kg: 10, route: i.p.}
  - {name: test, kind: place_test, session_min: 15, sessions: 1}
  - {name: extinction, kind: place_test, session_min: 15, sessions: 2}
  - name: prime
    kind: place_test
    session_min: 15
    sessions: 1
    treatments: [{drug: cocaine, dose_mg_per_kg: 5, route: i.p.}]
groups:
  - {name: wt, genotype: WT, reinforcer: cocaine, n: 12}
  - {name: kor, genotype: Oprk1-/-, reinforcer: cocaine, n: 12}
YAML

if ! "$RL" run "$tmp/cpp.yaml" --seed 3 --out "$tmp/c.db" >"$tmp/run.out" 2>"$tmp/err"; then
    show_file "stderr" "$tmp/err"
    die "relapselab run (CPP) failed"
fi
grep -q "CPP score" "$tmp/run.out" || fail "run did not print CPP scores"
expect_eq "pokes in place sessions" "$(sql "$tmp/c.db" "SELECT COUNT(*) FROM events WHERE kind LIKE 'poke%'")" 0
entries=$(sql "$tmp/c.db" "SELECT COUNT(*) FROM events WHERE kind IN ('enter_paired','enter_unpaired')")
[ "$entries" -gt 200 ] || fail "only $entries compartment entries logged"

# every session: the entries alternate compartments
bad=$(sql "$tmp/c.db" "WITH e AS (SELECT session_id, kind, LAG(kind) OVER (PARTITION BY session_id ORDER BY seq) AS prev FROM events WHERE kind IN ('enter_paired','enter_unpaired')) SELECT COUNT(*) FROM e WHERE kind = prev")
expect_eq "consecutive entries into the same compartment" "$bad" 0

if ! "$RL" summary "$tmp/c.db" --csv "$tmp/csv" >"$tmp/sum.out" 2>"$tmp/err"; then
    show_file "stderr" "$tmp/err"
    die "relapselab summary failed"
fi
# run (in memory) and summary (from the events in the database) print the same scores
grep -o "paired side: [-0-9]* ± [0-9]* s; CPP score: [-0-9]* ± [0-9]* s\( (last test [-0-9]* ± [0-9]* s)\)\{0,1\}" "$tmp/run.out" >"$tmp/a"
grep -o "paired side: [-0-9]* ± [0-9]* s; CPP score: [-0-9]* ± [0-9]* s\( (last test [-0-9]* ± [0-9]* s)\)\{0,1\}" "$tmp/sum.out" >"$tmp/b"
expect_eq "place test phases reported by run" "$(wc -l <"$tmp/a")" 8
if ! cmp -s "$tmp/a" "$tmp/b"; then
    fail "summary's place times differ from run's"
    show_file "run" "$tmp/a"
    show_file "summary" "$tmp/b"
fi
ls "$tmp/csv" | grep -q . || fail "summary --csv wrote nothing"
grep -rq "place_score_s" "$tmp/csv" || fail "no place_score_s column in the summary CSV"
# cocaine conditions a preference in wild-type mice: the test score is positive
wt_test=$(sed -n '2p' "$tmp/a" | sed 's/.*CPP score: \([-0-9]*\).*/\1/')
[ "$wt_test" -gt 50 ] || fail "WT CPP score after conditioning is $wt_test s, expected > 50"

if ! "$RL" plot "$tmp/c.db" place -o "$tmp/place.png" >/dev/null 2>"$tmp/err"; then
    show_file "stderr" "$tmp/err"
    fail "plot place failed"
fi
[ -s "$tmp/place.png" ] || fail "plot place wrote no PNG"
finish
