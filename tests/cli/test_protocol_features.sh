#!/bin/sh
# test_protocol_features.sh -- the protocol features of issue 16 downstream of the
# simulation: every command that reads a results database works on what they write.
#
# A protocol with a liquid (sucrose) arm, a drug arm with a phase's own unit dose and a
# treatment during a session, and a CPP group that names no reinforcer (it gets one of type
# none) is run; then: the database holds the reinforcer of type none and the liquid one with
# their numbers, liquid events one per sucrose delivery, the phase's unit dose and
# intersession interval; `summary` (text and CSV), `export --csv`, `export --medpc`,
# `report` and `plot` succeed on it.
#
# usage: sh tests/cli/test_protocol_features.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

cat >"$tmp/p.yaml" <<'YAML'
reinforcers:
  cocaine: {type: drug, drug: cocaine, dose_mg_per_kg: 1, infusion_s: 2}
  sucrose: {type: liquid, solution: sucrose, concentration_pct: 10, volume_ul: 20}
procedures:
  operant:
    - {name: acquisition, kind: acquisition, schedule: {type: FR, ratio: 1}, session_min: 60,
       active_response: [reinforcer], sessions: 3}
    - {name: low_dose, kind: other, schedule: {type: FR, ratio: 1}, session_min: 60,
       active_response: [reinforcer], sessions: 2, dose_mg_per_kg: 0.25, intersession_h: 12}
    - name: test
      kind: reinstatement
      schedule: {type: FR, ratio: 1}
      session_min: 60
      active_response: []
      sessions: 1
      treatments: [{drug: cocaine, dose_mg_per_kg: 10, route: i.p., at_min: 30}]
  food:
    - {name: acquisition, kind: acquisition, schedule: {type: FR, ratio: 1}, session_min: 60,
       active_response: [reinforcer], sessions: 3}
  cpp:
    - {name: pretest, kind: place_test, session_min: 15, sessions: 1}
    - {name: conditioning, kind: place_conditioning, session_min: 30, sessions: 4,
       intersession_h: 12,
       pairing: {drug: cocaine, dose_mg_per_kg: 15, route: s.c., first: saline}}
    - {name: test, kind: place_test, session_min: 15, sessions: 1}
groups:
  - {name: drug, genotype: WT, reinforcer: cocaine, procedure: operant, n: 3}
  - {name: sweet, genotype: WT, reinforcer: sucrose, procedure: food, n: 3}
  - {name: place, genotype: WT, procedure: cpp, n: 3}
YAML

if ! "$RL" run "$tmp/p.yaml" --seed 4 --out "$tmp/p.db" >"$tmp/run.out" 2>"$tmp/err"; then
    show_file "stderr" "$tmp/err"
    die "relapselab run failed"
fi
if have_sqlite3; then
    expect_eq "reinforcers" "$(sql "$tmp/p.db" "select name || ':' || kind from reinforcers
        order by reinforcer_id" | tr '\n' ' ')" "cocaine:drug sucrose:liquid none:none "
    expect_eq "the place group's reinforcer" "$(sql "$tmp/p.db" "select reinforcer from groups
        where name = 'place'")" "none"
    expect_eq "sucrose numbers" "$(sql "$tmp/p.db" "select solution, concentration_pct,
        volume_ul, round(palatability, 6), round(satiety_per_delivery, 6) from reinforcers
        where kind = 'liquid'")" "sucrose|10.0|20.0|0.714286|0.110571"
    drops=$(sql "$tmp/p.db" "select count(*) from events e join sessions s using (session_id)
        join subjects using (subject_id) join groups g using (group_id)
        where g.name = 'sweet' and e.kind = 'liquid'")
    deliveries=$(sql "$tmp/p.db" "select sum(reinforcers) from sessions_tidy
        where group_name = 'sweet'")
    [ "$drops" -gt 0 ] || fail "no liquid events"
    expect_eq "liquid events = sucrose deliveries" "$drops" "$deliveries"
    expect_eq "unit dose of low_dose" "$(sql "$tmp/p.db" "select dose_mg_per_kg, intersession_h
        from phases where name = 'low_dose'")" "0.25|12.0"
    expect_eq "intake at 0.25 mg/kg" "$(sql "$tmp/p.db" "select count(*) from sessions_tidy
        where phase_name = 'low_dose' and abs(drug_mg_per_kg - 0.25 * reinforcers) > 1e-9")" "0"
    expect_eq "treatment during the session" "$(sql "$tmp/p.db" "select treatments from phases
        where procedure_id = 0 and name = 'test'")" "cocaine 10 mg/kg i.p. at 30 min"
fi
for by in group subject session; do
    "$RL" summary "$tmp/p.db" --by $by >"$tmp/s.out" 2>"$tmp/err" ||
        { show_file "stderr" "$tmp/err"; fail "summary --by $by failed"; }
done
"$RL" summary "$tmp/p.db" --csv "$tmp/sum" >/dev/null 2>"$tmp/err" ||
    { show_file "stderr" "$tmp/err"; fail "summary --csv failed"; }
"$RL" export "$tmp/p.db" --csv "$tmp/csv" >/dev/null 2>"$tmp/err" ||
    { show_file "stderr" "$tmp/err"; fail "export --csv failed"; }
grep -q '^2,none,none,' "$tmp/csv/reinforcers.csv" || fail "reinforcers.csv lacks the none row"
"$RL" export "$tmp/p.db" --medpc "$tmp/medpc" >/dev/null 2>"$tmp/err" ||
    { show_file "stderr" "$tmp/err"; fail "export --medpc failed"; }
"$RL" report "$tmp/p.db" -o "$tmp/r.html" >/dev/null 2>"$tmp/err" ||
    { show_file "stderr" "$tmp/err"; fail "report failed"; }
[ -s "$tmp/r.html" ] || fail "report wrote nothing"
"$RL" plot "$tmp/p.db" cumulative --subject 3 --session 0 -o "$tmp/cum.svg" >/dev/null \
    2>"$tmp/err" || { show_file "stderr" "$tmp/err"; fail "plot cumulative (sucrose) failed"; }
[ -s "$tmp/cum.svg" ] || fail "plot cumulative wrote nothing"
"$RL" plot "$tmp/p.db" iri --phase acquisition --groups sweet -o "$tmp/iri.svg" >/dev/null \
    2>"$tmp/err" || { show_file "stderr" "$tmp/err"; fail "plot iri (sucrose) failed"; }
"$RL" plot "$tmp/p.db" place -o "$tmp/place.svg" >/dev/null 2>"$tmp/err" ||
    { show_file "stderr" "$tmp/err"; fail "plot place failed"; }
finish
