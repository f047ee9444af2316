#!/bin/sh
# test_export.sh -- `relapselab export DB --csv DIR` writes the tidy CSV tables.
#
# usage: sh tests/cli/test_export.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

write_small_protocol "$tmp/small.yaml"
if ! "$RL" run "$tmp/small.yaml" --seed 7 --threads 2 --out "$tmp/a.db" --quiet \
    >"$tmp/out" 2>"$tmp/err"; then
    show_file "stderr" "$tmp/err"
    die "relapselab run of the tiny protocol failed"
fi

if ! "$RL" export "$tmp/a.db" --csv "$tmp/csv" >"$tmp/out" 2>"$tmp/err"; then
    show_file "stderr" "$tmp/err"
    die "relapselab export $tmp/a.db --csv $tmp/csv failed"
fi

for t in sessions activity events subjects subject_params groups phases runs; do
    f=$tmp/csv/$t.csv
    if [ ! -f "$f" ]; then
        fail "export wrote no $t.csv"
        continue
    fi
    header=$(head -n 1 "$f")
    case $header in
        *[A-Za-z]*,*) ;;
        *) fail "$t.csv: first line '$header' is not a header line" ;;
    esac
done

if [ -f "$tmp/csv/sessions.csv" ]; then
    expect_eq "last columns of sessions.csv" \
        "$(head -n 1 "$tmp/csv/sessions.csv" | tr ',' '\n' | tail -n 5 | tr '\n' ' ')" \
        "da_pre_nM da_mean_nM da_peak_nM cocaine_mean_uM cocaine_peak_uM "
    csv_rows=$(($(wc -l <"$tmp/csv/sessions.csv") - 1))
    [ "$csv_rows" -gt 0 ] || fail "sessions.csv has no data lines"
    if have_sqlite3; then
        db_rows=$(sql "$tmp/a.db" 'select count(*) from sessions')
        expect_eq "data lines of sessions.csv vs select count(*) from sessions" "$csv_rows" \
            "$db_rows"
        # the DA and cocaine readouts: the last five columns, every value as stored
        expect_eq "sum of sessions.csv's da_mean_nM vs the database" \
            "$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
                { s += $c["da_mean_nM"] } END { printf "%.6f", s }' "$tmp/csv/sessions.csv")" \
            "$(sql "$tmp/a.db" "select printf('%.6f', sum(da_mean_nM)) from sessions")"
    else
        note "sqlite3 is not installed: skipping the row count against the database"
    fi
fi

# activity.csv: one row per session and region (10 regions), with its header.
if [ -f "$tmp/csv/activity.csv" ]; then
    expect_eq "header of activity.csv" "$(head -n 1 "$tmp/csv/activity.csv")" \
        "session_id,subject_id,group_name,genotype,phase_name,region,value"
    act_rows=$(($(wc -l <"$tmp/csv/activity.csv") - 1))
    if have_sqlite3; then
        db_rows=$(sql "$tmp/a.db" 'select count(*) * 10 from sessions')
        expect_eq "data lines of activity.csv vs 10 regions x sessions" "$act_rows" "$db_rows"
        db_rows=$(sql "$tmp/a.db" 'select count(*) from activity')
        expect_eq "data lines of activity.csv vs select count(*) from activity" "$act_rows" \
            "$db_rows"
    else
        [ "$act_rows" -gt 0 ] || fail "activity.csv has no data lines"
    fi
fi

# Exporting a database that does not exist fails (exit 1) and names it.
"$RL" export "$tmp/no_such.db" --csv "$tmp/csv2" >"$tmp/out" 2>"$tmp/err"
code=$?
expect_eq "export of a missing database: exit status" "$code" 1
grep -qF "$tmp/no_such.db" "$tmp/err" || fail "export of a missing database: stderr does not name it"
[ -e "$tmp/no_such.db" ] && fail "export of a missing database created '$tmp/no_such.db'"

finish
