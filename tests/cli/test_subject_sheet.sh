#!/bin/sh
# test_subject_sheet.sh -- issue 13 item 5: a subject sheet (CSV) joined onto imported
# subjects, at import (--subjects) or later (annotate). The sheet's group overrides the
# header's (and summary follows it); sex, genotype, treatment, dose, notes land in subjects;
# a sheet row without data is a warning with the sheet's line, a subject not on the sheet a
# warning; a bad sheet is file:line:col, exit 1, nothing written; annotate replaces the
# database atomically and refuses a simulation leaving it byte-identical. The MED-PC files
# are built here from the format (relapselab profile: E = codes, T = times, C(0) = active).
#
# usage: sh tests/cli/test_subject_sheet.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

session() { # SUBJECT DATE GROUP -- one active (code 1) and one inactive (2) poke, end (100)
    printf 'File: x\r\n\r\nStart Date: %s\r\nEnd Date: %s\r\n' "$2" "$2"
    printf 'Subject: %s\r\nExperiment: E\r\nGroup: %s\r\nBox: 1\r\n' "$1" "$3"
    printf 'Start Time:  9:00:00\r\nEnd Time: 10:00:00\r\nMSN: acquisition\r\n'
    printf 'C:\r\n     0:        1.000        1.000        0.000        0.000\r\n'
    printf 'E:\r\n     0:        1.000        2.000      100.000\r\n'
    printf 'T:\r\n     0:       12.500       20.000     3600.000\r\n'
}

mkdir "$tmp/in"
session M1 01/02/24 G1 >"$tmp/in/a"
session M2 01/02/24 G1 >"$tmp/in/b"
session M3 01/02/24 G1 >"$tmp/in/c"
session M3 01/03/24 G1 >"$tmp/in/d"

# M1 and M3 to KO (M3 has two sessions), M2 stays in the header's group; M9 has no data
printf 'subject,sex,genotype,group,treatment,dose,notes\n' >"$tmp/sheet.csv"
printf 'M1,F,Oprm1-/-,KO,naltrexone,1 mg/kg,"cage 3, ""quiet"""\n' >>"$tmp/sheet.csv"
printf 'M2,male,WT,,,,\n' >>"$tmp/sheet.csv"
printf 'M9,m,WT,KO,,,\n' >>"$tmp/sheet.csv"
printf 'M3,f,Oprm1-/-,KO,,,\n' >>"$tmp/sheet.csv"

expect_exit 0 "import --subjects" "$RL" import-medpc "$tmp/in" --profile relapselab \
    --out "$tmp/a.db" --subjects "$tmp/sheet.csv"
grep -q "sheet.csv:4: warning: subject sheet: subject 'M9' is on the sheet but has no session" \
    "$tmp/err" || { show_file stderr "$tmp/err"; fail "no warning with the sheet's line for M9"; }
grep -q "^Subject sheet: 3 of 4 rows joined; 1 on the sheet without data, 0 subjects of the data not on it; 2 subjects moved" \
    "$tmp/out" || { show_file stdout "$tmp/out"; fail "no Subject sheet line"; }
if have_sqlite3; then
    expect_eq "groups" "$(sql "$tmp/a.db" "select group_concat(group_id || ':' || name || ':' || n || ':' || ifnull(genotype, '-') || ':' || ifnull(sex, '-'), ' ') from groups")" \
        "0:G1:1:WT:male 1:KO:2:Oprm1-/-:female"
    expect_eq "subjects" "$(sql "$tmp/a.db" "select group_concat(name || ':' || group_id || ':' || index_in_group || ':' || sex || ':' || ifnull(treatment, '-') || ':' || ifnull(dose, '-'), ' ') from subjects")" \
        "M1:1:0:female:naltrexone:1 mg/kg M2:0:0:male:-:- M3:1:1:female:-:-"
    expect_eq "notes" "$(sql "$tmp/a.db" "select notes from subjects where name = 'M1'")" \
        'cage 3, "quiet"'
    expect_eq "sessions_tidy" "$(sql "$tmp/a.db" "select group_concat(subject_name || ':' || group_name || ':' || genotype, ' ') from sessions_tidy")" \
        "M1:KO:Oprm1-/- M2:G1:WT M3:KO:Oprm1-/- M3:KO:Oprm1-/-"
    expect_eq "import_issues" "$(sql "$tmp/a.db" "select line || ':' || severity from import_issues where message like 'subject sheet:%'")" \
        "4:warning"
fi
expect_exit 0 "export --csv" "$RL" export "$tmp/a.db" --csv "$tmp/csv"
expect_eq "subjects.csv" "$(cut -d, -f3,5,6,10 "$tmp/csv/subjects.csv" | tr '\n' ' ')" \
    "group_name,genotype,sex,subject_name KO,Oprm1-/-,female,M1 G1,WT,male,M2 KO,Oprm1-/-,female,M3 "
expect_exit 0 "summary" "$RL" summary "$tmp/a.db"
grep -q "^KO  *acquisition  *2 " "$tmp/out" || { show_file stdout "$tmp/out"; fail "summary: no KO group of 2 mice"; }
grep -q "^G1  *acquisition  *1 " "$tmp/out" || { show_file stdout "$tmp/out"; fail "summary: no G1 group of 1 mouse"; }

# a bad sheet: file:line:col, exit 1, nothing read or written
printf 'subject,sex,genotpye\nM1,m,x\n' >"$tmp/bad.csv"
expect_exit 1 "unknown column" "$RL" import-medpc "$tmp/in" --profile relapselab \
    --out "$tmp/b.db" --subjects "$tmp/bad.csv"
grep -q "bad.csv:1:13: unknown column 'genotpye'" "$tmp/err" || { show_file stderr "$tmp/err"; fail "unknown column: no file:line:col"; }
no_db "$tmp/b.db"
printf 'subject,sex\nM1,m\nM2,x\n' >"$tmp/bad2.csv"
expect_exit 1 "bad sex" "$RL" import-medpc "$tmp/in" --profile relapselab \
    --out "$tmp/b.db" --subjects "$tmp/bad2.csv"
grep -q "bad2.csv:3:4: sex 'x'" "$tmp/err" || { show_file stderr "$tmp/err"; fail "bad sex: no file:line:col"; }
no_db "$tmp/b.db"
expect_exit 1 "missing sheet" "$RL" import-medpc "$tmp/in" --profile relapselab \
    --out "$tmp/b.db" --subjects "$tmp/nope.csv"
no_db "$tmp/b.db"

# annotate later: an import without a sheet, then the sheet (semicolons, M3 not on it)
expect_exit 0 "import" "$RL" import-medpc "$tmp/in" --profile relapselab --out "$tmp/c.db"
printf 'subject;group;genotype\nM1;KO;Oprm1-/-\nM2;WT;WT\n' >"$tmp/later.csv"
expect_exit 0 "annotate" "$RL" annotate "$tmp/c.db" "$tmp/later.csv"
grep -q "later.csv: warning: subject 'M3' is in the data but not on the sheet" "$tmp/err" ||
    { show_file stderr "$tmp/err"; fail "annotate: no warning for M3"; }
ls "$tmp" | grep -q 'tmp-' && fail "annotate left a temporary file"
if have_sqlite3; then
    expect_eq "groups after annotate" "$(sql "$tmp/c.db" "select group_concat(group_id || ':' || name || ':' || n, ' ') from groups")" \
        "0:G1:1 1:KO:1 2:WT:1"
    expect_eq "subjects after annotate" "$(sql "$tmp/c.db" "select group_concat(name || ':' || group_id || ':' || ifnull(genotype, '-'), ' ') from subjects")" \
        "M1:1:Oprm1-/- M2:2:WT M3:0:-"
fi
# everyone out of G1: the empty group disappears and ids stay 0..n-1
printf 'subject,group\nM3,KO\n' >"$tmp/last.csv"
expect_exit 0 "annotate again" "$RL" annotate "$tmp/c.db" "$tmp/last.csv"
if have_sqlite3; then
    expect_eq "empty group removed" "$(sql "$tmp/c.db" "select group_concat(group_id || ':' || name || ':' || n, ' ') from groups")" \
        "0:KO:2 1:WT:1"
fi
expect_exit 0 "summary after annotate" "$RL" summary "$tmp/c.db" --by subject

# annotate failing leaves the database byte-identical: a bad sheet, a simulation
cp "$tmp/c.db" "$tmp/c.before"
expect_exit 1 "annotate bad sheet" "$RL" annotate "$tmp/c.db" "$tmp/bad.csv"
cmp -s "$tmp/c.db" "$tmp/c.before" || fail "a bad sheet changed the database"
write_small_protocol "$tmp/p.yaml"
"$RL" run "$tmp/p.yaml" --seed 1 --out "$tmp/sim.db" >/dev/null 2>&1 || fail "run failed"
cp "$tmp/sim.db" "$tmp/sim.before"
expect_exit 1 "annotate a simulation" "$RL" annotate "$tmp/sim.db" "$tmp/later.csv"
grep -q "holds a simulation" "$tmp/err" || { show_file stderr "$tmp/err"; fail "simulation: no message"; }
cmp -s "$tmp/sim.db" "$tmp/sim.before" || fail "annotate changed a simulation"
expect_exit 2 "annotate usage" "$RL" annotate "$tmp/c.db"
ls "$tmp" | grep -q 'tmp-' && fail "a temporary file was left behind"

finish
