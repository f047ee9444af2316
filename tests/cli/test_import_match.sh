#!/bin/sh
# test_import_match.sh -- issue 13 item 2: explicit profile match rules. A profile's match:
# section (file, box, msn, experiment, group, subject: header fields; filename: the file's
# name) makes it a candidate only for the sessions it describes; among candidates the one
# whose decoding agrees with the program's counters is used, and two that still decode a
# session differently make it an error naming both (not a silent first choice). The files
# and profiles are built here (two rooms running one program with swapped lever wiring, as
# in docs/MEDPC.md, "Choosing a profile").
#
# usage: sh tests/cli/test_import_match.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

session() { # SUBJECT BOX EXPERIMENT -- codes 1, 1, 2 (two presses of one lever, one of the other)
    printf 'File: C:\\MED-PC\\Data\\!2024-01-02_09h00m.Subject %s\r\n\r\n' "$1"
    printf 'Start Date: 01/02/24\r\nEnd Date: 01/02/24\r\nSubject: %s\r\n' "$1"
    printf 'Experiment: %s\r\nGroup: G\r\nBox: %s\r\n' "$3" "$2"
    printf 'Start Time:  9:00:00\r\nEnd Time: 10:00:00\r\nMSN: SA_FR1\r\n'
    printf 'E:\r\n     0:        1.000        1.000        2.000      100.000\r\n'
    printf 'T:\r\n     0:       12.500       15.000       20.000     3600.000\r\n'
}
profile() { # NAME ACTIVE-CODE INACTIVE-CODE [MATCH-LINES...]
    name=$1 act=$2 inact=$3
    shift 3
    {
        printf 'profile: %s\nprograms: ["SA_FR1"]\nencoding: parallel\ncodes: E\ntimes: T\n' "$name"
        printf 'events: {%s: poke_active, %s: poke_inactive, 100: session_end}\n' "$act" "$inact"
        for line in "$@"; do printf '%s\n' "$line"; done
    } >"$tmp/$name.yaml"
}

mkdir "$tmp/in"
session A3 3 Cocaine-1 >"$tmp/in/a3"
session B12 12 Cocaine-1 >"$tmp/in/b12"
profile room-a 1 2 'match:' '  box: ["[1-8]"]' '  experiment: "Cocaine*"'
profile room-b 2 1 'match: {box: ["9", "1[0-6]"]}'
profile any-a 1 2
profile any-b 2 1
profile same-a 1 2 'match: {msn: "SA_*"}'

# each room's sessions with its own wiring
expect_exit 0 "match rules" "$RL" import-medpc "$tmp/in" --profile "$tmp/room-a.yaml" \
    --profile "$tmp/room-b.yaml" --out "$tmp/m.db"
if have_sqlite3; then
    expect_eq "profile per box" "$(sql "$tmp/m.db" "select group_concat(i.box || ':' || i.profile || ':' || s.active || '/' || s.inactive, ' ') from (select * from import_sessions order by box) i join sessions s using (session_id)")" \
        "12:room-b:1/2 3:room-a:2/1"
fi

# without rules (and no counters to tell) the two decodings differ: an error naming both
expect_exit 1 "ambiguous" "$RL" import-medpc "$tmp/in" --profile "$tmp/any-a.yaml" \
    --profile "$tmp/any-b.yaml" --out "$tmp/amb.db"
grep -q "in/a3:1: error: profiles 'any-a' and 'any-b' both match this session and decode it differently: add a match: rule" "$tmp/err" ||
    { show_file stderr "$tmp/err"; fail "ambiguity: no error naming both profiles"; }
[ -e "$tmp/amb.db" ] && fail "ambiguity: a database was written"

# two candidates that decode alike: the first, no error
expect_exit 0 "candidates that agree" "$RL" import-medpc "$tmp/in" --profile "$tmp/same-a.yaml" \
    --profile "$tmp/any-a.yaml" --out "$tmp/same.db"
grep -q "error" "$tmp/err" && { show_file stderr "$tmp/err"; fail "identical decodings reported as an error"; }
if have_sqlite3; then
    expect_eq "the first of two alike" "$(sql "$tmp/same.db" "select group_concat(distinct profile) from import_sessions")" same-a
fi

# a rule that does not hold: not a candidate (one field of several failing is enough)
session A4 4 Saline >"$tmp/in/a4-saline"
expect_exit 0 "experiment rule" "$RL" import-medpc "$tmp/in" --profile "$tmp/room-a.yaml" \
    --profile "$tmp/room-b.yaml" --out "$tmp/e.db"
grep -q "a4-saline:1: error: no profile decodes program 'SA_FR1'.*match: rules" "$tmp/err" ||
    { show_file stderr "$tmp/err"; fail "a session no profile's rules describe is not reported"; }
rm "$tmp/in/a4-saline"

# each field: subject, group, file (the File: header's base name), filename (where it is now)
for rule in 'subject: "A*"' 'group: "G"' 'file: "!2024-*.Subject A3"' 'filename: "a3"'; do
    profile rule 1 2 "match: {$rule}"
    expect_exit 0 "rule $rule" "$RL" import-medpc "$tmp/in/a3" "$tmp/in/b12" \
        --profile "$tmp/rule.yaml" --out "$tmp/r.db" --replace
    case $rule in
        group*) want="Imported 2 of 2" ;;
        *) want="Imported 1 of 2" ;;
    esac
    grep -q "^$want" "$tmp/out" || { show_file stdout "$tmp/out"; fail "rule $rule: expected '$want'"; }
done

# a missing header never matches a rule on it
sed '/^Experiment:/d' "$tmp/in/a3" >"$tmp/noexp"
expect_exit 1 "missing header" "$RL" import-medpc "$tmp/noexp" --profile "$tmp/room-a.yaml" \
    --out "$tmp/x.db"

# a bad match: section is refused with its line
profile bad 1 2 'match:' '  room: "A"'
expect_exit 1 "unknown field" "$RL" import-medpc "$tmp/in" --profile "$tmp/bad.yaml" --out "$tmp/x.db"
grep -q "bad.yaml:8:.*match: unknown field 'room' (allowed: file, box, msn, experiment, group, subject, filename)" "$tmp/err" ||
    { show_file stderr "$tmp/err"; fail "unknown match field: no error with its line"; }
profile bad 1 2 'match: {box: []}'
expect_exit 1 "empty list" "$RL" import-medpc "$tmp/in" --profile "$tmp/bad.yaml" --out "$tmp/x.db"
grep -q "match: box: an empty list matches nothing" "$tmp/err" || { show_file stderr "$tmp/err"; fail "empty glob list accepted"; }

finish
