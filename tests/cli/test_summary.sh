#!/bin/sh
# test_summary.sh -- `relapselab summary DB [--csv DIR] [--by session|subject|group]`.
#
# Runs the small test protocol, then checks that the group x phase means `summary` computes
# from the database agree with those `run` printed for the same seed (both come from the
# same sessions: a real consistency check between the in-memory summary and the database
# reader), that the criterion evaluated from the database agrees with the one the simulator
# stored, that the 10-min bins add up to the active responses, that --csv writes the four
# tables, that the DA and cocaine readouts and maintenance intervals are consistent (DA in %
# of the pre-session level from the nM columns, peaks >= means, the database's columns),
# and the exit codes of bad usage (2) and a bad database (1), including one of an older
# schema.
#
# usage: sh tests/cli/test_summary.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

# first_table_rows FILE: the rows (lines starting with a number) of the first table of a
# summary, up to the blank line before the next block (the lab measures: docs/ANALYSIS.md)
first_table_rows() {
    awk '/^ *[0-9]/ { c++; seen = 1; next } seen && NF == 0 { exit } END { print c + 0 }' "$1"
}

if ! "$RL" run tests/data/small.yaml --seed 11 --threads 2 --out "$tmp/a.db" \
    >"$tmp/run.out" 2>"$tmp/err"; then
    show_file "stderr" "$tmp/err"
    die "relapselab run tests/data/small.yaml failed"
fi
if ! "$RL" summary "$tmp/a.db" >"$tmp/sum.out" 2>"$tmp/err"; then
    show_file "stderr" "$tmp/err"
    die "relapselab summary $tmp/a.db failed"
fi

# The group x phase table as "group phase n active sem inactive sem reinforcers sem": rows
# follow the first header line that starts with "group  phase" (summary's second block, the
# readouts, has its own); the group name is printed on a group's first row only.
table() {
    awk '/^group +phase/ { on = 1; next }
         on && /^[ \t]*$/ { exit }
         on { if (substr($0, 1, 1) != " ") { g = $1; o = 1 } else { o = 0 }
              print g, $(o + 1), $(o + 2), $(o + 3), $(o + 5), $(o + 6), $(o + 8),
                    $(o + 9), $(o + 11) }' "$1"
}
table "$tmp/run.out" >"$tmp/run.table"
table "$tmp/sum.out" >"$tmp/sum.table"
rows=$(wc -l <"$tmp/run.table")
[ "$rows" -eq 12 ] || fail "run printed $rows group x phase rows, expected 12 (3 groups x 4 phases)"
if ! cmp -s "$tmp/run.table" "$tmp/sum.table"; then
    fail "summary's group x phase means differ from run's for the same seed"
    show_file "run" "$tmp/run.table"
    show_file "summary" "$tmp/sum.table"
fi

# The phase measures both print: criteria met, breakpoint, extinction sessions and last N.
phase_measures() {
    grep -o -e 'criteria met: [0-9]*%' -e 'breakpoint: [0-9.]* ± [0-9.]*' \
        -e 'sessions: [0-9.]* ± [0-9.]* ([0-9]*/[0-9]* met' \
        -e 'last [0-9]*: [0-9.]* ± [0-9.]*' "$1"
}
phase_measures "$tmp/run.out" >"$tmp/run.pm"
phase_measures "$tmp/sum.out" >"$tmp/sum.pm"
[ "$(wc -l <"$tmp/run.pm")" -ge 9 ] || fail "run printed too few phase measures"
if ! cmp -s "$tmp/run.pm" "$tmp/sum.pm"; then
    fail "summary's criteria, breakpoints or extinction measures differ from run's"
    show_file "run" "$tmp/run.pm"
    show_file "summary" "$tmp/sum.pm"
fi

# --csv and --by session.
if ! "$RL" summary "$tmp/a.db" --by session --csv "$tmp/csv" >"$tmp/ses.out" 2>"$tmp/err"; then
    show_file "stderr" "$tmp/err"
    die "relapselab summary --by session --csv failed"
fi
for t in summary_sessions summary_subjects summary_groups bins; do
    [ -f "$tmp/csv/$t.csv" ] || fail "--csv wrote no $t.csv"
done
for leftover in "$tmp"/csv/*.tmp*; do
    [ -e "$leftover" ] && fail "--csv left a temporary file: $leftover"
done
expect_eq "header of summary_subjects.csv" "$(head -n 1 "$tmp/csv/summary_subjects.csv" | cut -d, -f1-10)" \
    "subject_id,subject_name,group_id,group_name,genotype,sex,phase_index,phase_name,phase_kind,sessions"
if [ -f "$tmp/csv/summary_sessions.csv" ] && [ -f "$tmp/csv/bins.csv" ]; then
    csv_rows=$(($(wc -l <"$tmp/csv/summary_sessions.csv") - 1))
    ses_rows=$(first_table_rows "$tmp/ses.out")
    expect_eq "rows of --by session vs summary_sessions.csv" "$ses_rows" "$csv_rows"
    # The criterion evaluated from the database (criteria.c) = the one the simulator stored.
    bad=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
                   $c["criterion_met"] != "" && $c["criterion_met"] != $c["criterion_met_stored"] { n++ }
                   END { print n + 0 }' "$tmp/csv/summary_sessions.csv")
    expect_eq "sessions whose evaluated criterion differs from the stored one" "$bad" 0
    if have_sqlite3; then
        expect_eq "data lines of summary_sessions.csv vs sessions" "$csv_rows" \
            "$(sql "$tmp/a.db" 'select count(*) from sessions')"
        expect_eq "active responses summed over bins.csv vs sessions.active" \
            "$(awk -F, 'NR > 1 { s += $9 } END { print s + 0 }' "$tmp/csv/bins.csv")" \
            "$(sql "$tmp/a.db" 'select sum(active) from sessions')"
    else
        note "sqlite3 is not installed: skipping the row counts against the database"
    fi
fi
# The readouts block: one row per group x phase, like the first table.
rrows=$(awk '/^group +phase/ { n++; next } n == 2 && NF == 0 { n++ } n == 2 && NF > 0 { r++ }
    END { print r + 0 }' "$tmp/sum.out")
expect_eq "rows of the readouts block (3 groups x 4 phases)" "$rrows" 12
grep -q "III after" "$tmp/sum.out" || fail "summary printed no maintenance-interval column"
# summary_sessions.csv: DA in % of the pre-session level = 100 x nM / pre-session nM, peaks
# >= means, at most deliveries - 1 maintenance intervals, DA and cocaine for every simulated
# session, cocaine in acquisition (the mice self-administer) and none in extinction (the
# day before's has fallen below 1e-6 uM, which counts as none).
if [ -f "$tmp/csv/summary_sessions.csv" ]; then
    bad=$(awk -F, 'function abs(x) { return x < 0 ? -x : x }
        NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        { pre = $c["da_pre_nM"]; mean = $c["da_mean_nM"]; peak = $c["da_peak_nM"]
          if (pre == "" || mean == "" || peak == "" || $c["cocaine_mean_uM"] == "") { n++; next }
          if (abs($c["da_mean_pct"] - 100 * mean / pre) > 1e-9 * $c["da_mean_pct"]) n++
          if (abs($c["da_peak_pct"] - 100 * peak / pre) > 1e-9 * $c["da_peak_pct"]) n++
          if (peak < mean || $c["cocaine_peak_uM"] < $c["cocaine_mean_uM"]) n++
          if ($c["iii_maint_n"] > 0 && $c["iii_maint_n"] > $c["deliveries"] - 1) n++
          if ($c["phase_kind"] == "acquisition" && $c["reinforcers"] > 0 \
              && !($c["cocaine_mean_uM"] > 0)) n++
          if ($c["phase_kind"] == "extinction" && $c["cocaine_peak_uM"] + 0 != 0) n++ }
        END { print n + 0 }' "$tmp/csv/summary_sessions.csv")
    expect_eq "summary_sessions.csv rows with inconsistent DA, cocaine or intervals" "$bad" 0
    if have_sqlite3; then
        expect_eq "sessions without DA readouts in a simulation" \
            "$(sql "$tmp/a.db" 'select count(*) from sessions where da_mean_nM is null
                or da_pre_nM is null or cocaine_peak_uM is null')" 0
        expect_eq "mean DA over sessions: summary_sessions.csv vs the database" \
            "$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
                { s += $c["da_mean_nM"] } END { printf "%.6f", s }' "$tmp/csv/summary_sessions.csv")" \
            "$(sql "$tmp/a.db" "select printf('%.6f', sum(da_mean_nM)) from sessions")"
    fi
fi

"$RL" summary "$tmp/a.db" --by subject >"$tmp/sub.out" 2>"$tmp/err" \
    || fail "relapselab summary --by subject failed"
expect_eq "rows of --by subject (9 mice x 4 phases)" "$(first_table_rows "$tmp/sub.out")" 36

# Bad usage: exit 2 with a usage line.
for args in "" "--by" "$tmp/a.db --by day" "$tmp/a.db --bogus" "$tmp/a.db $tmp/a.db" \
    "$tmp/a.db --csv"; do
    # shellcheck disable=SC2086
    "$RL" summary $args >"$tmp/out" 2>"$tmp/err"
    code=$?
    expect_eq "summary $args: exit status" "$code" 2
    grep -q "usage: relapselab summary" "$tmp/err" || fail "summary $args: no usage line on stderr"
done

# A bad database: exit 1, naming the file.
"$RL" summary "$tmp/no_such.db" >"$tmp/out" 2>"$tmp/err"
expect_eq "summary of a missing database: exit status" "$?" 1
grep -qF "$tmp/no_such.db" "$tmp/err" || fail "summary of a missing database: stderr does not name it"
[ -e "$tmp/no_such.db" ] && fail "summary of a missing database created it"
cp tests/data/small.yaml "$tmp/not_a.db"
"$RL" summary "$tmp/not_a.db" >"$tmp/out" 2>"$tmp/err"
expect_eq "summary of a YAML file: exit status" "$?" 1
grep -qF "$tmp/not_a.db" "$tmp/err" || fail "summary of a YAML file: stderr does not name it"
grep -q "not a relapselab database" "$tmp/err" || fail "summary of a YAML file: no clear error"
# A database of an older schema (here: version 4, before the DA readouts): exit 1, saying so.
if have_sqlite3; then
    cp "$tmp/a.db" "$tmp/old.db"
    sql "$tmp/old.db" "pragma user_version = 4" >/dev/null
    "$RL" summary "$tmp/old.db" >"$tmp/out" 2>"$tmp/err"
    expect_eq "summary of a schema-4 database: exit status" "$?" 1
    grep -q "schema version 4; this relapselab reads version 8" "$tmp/err" \
        || fail "summary of a schema-4 database: no clear error"
fi

finish
