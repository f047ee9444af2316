#!/bin/sh
# test_report.sh -- `relapselab report DB -o REPORT.html`, rendered by headless Chromium.
#
# Makes a simulated database (the tiny protocol of lib.sh, its study name holding HTML
# special characters) and an imported one (export --medpc, then import-medpc), writes the
# report of each, and checks: the file is self-contained (no script, link, external source
# or URL) and atomic (no temporary left; a missing directory fails and writes nothing);
# Chromium's DOM holds as many <svg> figures and <table>s as `report` says it wrote, the
# sections expected for each kind of run, and the study name as text (escaped, not
# markup); Chromium logged no console message (a script error, a failed resource); and a
# screenshot of the report is far from blank (its PNG is many times the size of a blank
# page's screenshot of the same size: a white image compresses to almost nothing).
#
# Chromium is a required capability (Makefile DEB_PACKAGES): without it this test FAILS.
#
# usage: sh tests/cli/test_report.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

write_small_protocol "$tmp/p.yaml"
sed -e 's/^study: .*/study: "Tiny <b>bold<\/b> \& co"/' "$tmp/p.yaml" >"$tmp/q.yaml"
if ! "$RL" run "$tmp/q.yaml" --seed 5 --quiet --out "$tmp/sim.db" 2>"$tmp/err"; then
    show_file "stderr" "$tmp/err"
    die "relapselab run of the tiny protocol failed"
fi
if ! "$RL" export "$tmp/sim.db" --medpc "$tmp/medpc" >/dev/null 2>"$tmp/err" \
    || ! "$RL" import-medpc "$tmp/medpc" --profile relapselab --out "$tmp/imp.db" \
        >/dev/null 2>"$tmp/err"; then
    show_file "stderr" "$tmp/err"
    die "could not make an imported database (export --medpc, import-medpc)"
fi

# report NAME: write $tmp/NAME.html from $tmp/NAME.db; sets figures and tables from the
# line it prints ("wrote F (N figures, M tables) from DB").
report() {
    figures=0
    tables=0
    if ! "$RL" report "$tmp/$1.db" -o "$tmp/$1.html" >"$tmp/$1.out" 2>"$tmp/err"; then
        show_file "stderr" "$tmp/err"
        fail "relapselab report $1.db failed"
        return 1
    fi
    figures=$(sed -n 's/.*(\([0-9]*\) figures, \([0-9]*\) tables.*/\1/p' "$tmp/$1.out")
    tables=$(sed -n 's/.*(\([0-9]*\) figures, \([0-9]*\) tables.*/\2/p' "$tmp/$1.out")
    [ -n "$figures" ] || { fail "report $1: no '(N figures, M tables)' line"; figures=0; }
    for pattern in '<script' '<link' ' src=' 'url(' 'href="http'; do
        grep -qF "$pattern" "$tmp/$1.html" && fail "report $1 is not self-contained: '$pattern'"
    done
    for leftover in "$tmp/$1.html".tmp*; do
        [ -e "$leftover" ] && fail "report $1 left a temporary file: $leftover"
    done
    return 0
}

report sim
sim_figures=$figures
sim_tables=$tables
report imp
imp_figures=$figures
imp_tables=$tables
# tiny protocol: acquisition, breakpoint, extinction, reinstatement, cumulative (+ traces
# of the last acquisition session and of the test, for the simulation); tables: provenance, groups, 4 phases, 4 phases' group comparisons
# (+ the phases table, files and no issues table for the import)
expect_eq "figures in the simulation's report" "$sim_figures" 7
expect_eq "tables in the simulation's report" "$sim_tables" 10
expect_eq "figures in the import's report" "$imp_figures" 5
expect_eq "tables in the import's report" "$imp_tables" 12

# Bad usage and a bad database.
"$RL" report "$tmp/sim.db" >"$tmp/out" 2>"$tmp/err"
expect_eq "report without -o: exit status" "$?" 2
grep -q "usage: relapselab report" "$tmp/err" || fail "report without -o: no usage text"
"$RL" report "$tmp/none.db" -o "$tmp/none.html" >"$tmp/out" 2>"$tmp/err"
expect_eq "report of a missing database: exit status" "$?" 1
grep -qF "$tmp/none.db" "$tmp/err" || fail "report of a missing database: stderr does not name it"
"$RL" report "$tmp/sim.db" -o "$tmp/no/such/dir/r.html" >"$tmp/out" 2>"$tmp/err"
expect_eq "report into a missing directory: exit status" "$?" 1
[ -e "$tmp/no/such/dir/r.html" ] && fail "report into a missing directory wrote a file"

# ---- Chromium ----
chrome=
for c in chromium chromium-browser google-chrome; do
    if command -v "$c" >/dev/null 2>&1; then
        chrome=$c
        break
    fi
done
if [ -z "$chrome" ]; then
    fail "Chromium is not installed: it is required to check that the report renders" \
        "(Debian package 'chromium', in DEB_PACKAGES; 'make deps' installs it as root)"
    finish
fi
# A private profile and home: Chromium writes to both; headless, no GPU, no sandbox (CI
# runs as root, where the sandbox cannot start).
mkdir -p "$tmp/home"
chrome() {
    HOME="$tmp/home" timeout 120 "$chrome" --headless=new --no-sandbox --disable-gpu \
        --disable-dev-shm-usage --no-first-run --user-data-dir="$tmp/profile" \
        --enable-logging=stderr --v=0 "$@"
}

# count PATTERN FILE: occurrences (not lines) of a fixed string.
count() {
    grep -oF "$1" "$2" | wc -l | tr -d ' '
}

# screenshot HTML PNG: a 1200 x 4000 screenshot of HTML into PNG (fails if none).
screenshot() {
    if ! chrome --screenshot="$2" --window-size=1200,4000 "file://$1" >/dev/null \
        2>"$2.err" || [ ! -s "$2" ]; then
        show_file "chromium stderr" "$2.err"
        fail "$chrome --screenshot of $1 failed"
        return 1
    fi
}

# render NAME FIGURES TABLES SECTION...: DOM and screenshot of $tmp/NAME.html.
render() {
    name=$1
    want_figures=$2
    want_tables=$3
    shift 3
    url="file://$tmp/$name.html"
    if ! chrome --dump-dom "$url" >"$tmp/$name.dom" 2>"$tmp/$name.chrome.err"; then
        show_file "chromium stderr" "$tmp/$name.chrome.err"
        fail "$chrome --dump-dom $name.html failed"
        return
    fi
    expect_eq "<svg> figures in the DOM of $name.html" "$(count '<svg' "$tmp/$name.dom")" \
        "$want_figures"
    expect_eq "<figure>s in the DOM of $name.html" "$(count '<figure' "$tmp/$name.dom")" \
        "$want_figures"
    expect_eq "<table>s in the DOM of $name.html" "$(count '<table' "$tmp/$name.dom")" \
        "$want_tables"
    for section in "$@"; do
        grep -qF "<section id=\"$section\">" "$tmp/$name.dom" \
            || fail "$name.html: no section '$section' in the DOM"
    done
    if grep -E "Uncaught|CONSOLE" "$tmp/$name.chrome.err" >"$tmp/console"; then
        show_file "console messages" "$tmp/console"
        fail "Chromium logged console messages rendering $name.html"
    fi
    screenshot "$tmp/$name.html" "$tmp/$name.png" || return
    size=$(wc -c <"$tmp/$name.png" | tr -d ' ')
    if [ "$size" -lt $((10 * blank)) ]; then
        fail "screenshot of $name.html is $size bytes, under 10x a blank page's ($blank):" \
            "the report looks empty"
    fi
}

printf '<!DOCTYPE html><html><body></body></html>\n' >"$tmp/blank.html"
screenshot "$tmp/blank.html" "$tmp/blank.png" || finish
blank=$(wc -c <"$tmp/blank.png" | tr -d ' ')

render sim "$sim_figures" "$sim_tables" provenance groups protocol summary compare figures
render imp "$imp_figures" "$imp_tables" provenance groups protocol summary compare import \
    figures

# The study name is text: its '<b>' is escaped, not an element.
if [ -f "$tmp/sim.dom" ]; then
    grep -qF "Tiny &lt;b&gt;bold&lt;/b&gt; &amp; co" "$tmp/sim.dom" \
        || fail "the study name is not in the DOM as escaped text"
    grep -qF "<b>bold</b>" "$tmp/sim.dom" && fail "the study name was parsed as markup"
fi
# What is only in one kind of report.
[ -f "$tmp/sim.dom" ] && ! grep -qF "Brain cocaine" "$tmp/sim.html" \
    && fail "the simulation's report has no traces figure"
[ -f "$tmp/imp.dom" ] && ! grep -qF "chamber files: " "$tmp/imp.dom" \
    && fail "the import's report has no import summary"

finish
