#!/bin/sh
# test_plot.sh -- `relapselab plot DB FIGURE [options] -o OUT.{png,svg,pdf}`.
#
# Simulates tests/data/small.yaml (seed 11), then draws every figure kind as PNG (checking
# the PNG signature and the size in pixels the options ask for), one figure as SVG and one
# as PDF; then the errors: an unknown figure, subject, session or phase, a phase without
# data, traces of an imported database (made with export --medpc + import-medpc) and of a
# run made with --set (which the traces cannot reproduce) all exit 1 with a clear message
# and write nothing; bad usage exits 2 with the usage text.
#
# usage: sh tests/cli/test_plot.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

if ! "$RL" run tests/data/small.yaml --seed 11 --threads 2 --quiet --out "$tmp/sim.db" \
    2>"$tmp/err"; then
    show_file "stderr" "$tmp/err"
    die "relapselab run tests/data/small.yaml failed"
fi

# png_size FILE: "WIDTH HEIGHT" from the IHDR chunk (bytes 16..23, big-endian).
png_size() {
    od -An -tu1 -j16 -N8 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4,
                                             $5 * 16777216 + $6 * 65536 + $7 * 256 + $8 }'
}

# is_png FILE: the 8-byte PNG signature.
is_png() {
    [ "$(od -An -tx1 -N8 "$1" | tr -d ' \n')" = "89504e470d0a1a0a" ]
}

# plot_ok NAME ARGS...: `relapselab plot sim.db ARGS -o $tmp/NAME` must succeed.
plot_ok() {
    name=$1
    shift
    if ! "$RL" plot "$tmp/sim.db" "$@" -o "$tmp/$name" >"$tmp/out" 2>"$tmp/err"; then
        show_file "stderr" "$tmp/err"
        fail "plot $* -o $name failed"
        return 1
    fi
    [ -s "$tmp/$name" ] || fail "plot $* wrote no $name"
    return 0
}

# Every figure kind as PNG at its default size, round(mm / 25.4 * 200 dpi) pixels (docs/
# PLOT.md): 120 x 90 mm = 945 x 709 px; bars of up to 4 groups 100 mm wide (787 px);
# curves whose legend labels are long ("Oprm1-het inactive") 150 mm (1181 px); traces
# 120 x 150 mm (945 x 1181 px: three stacked panels).
for spec in acquisition:1181 breakpoint:787 extinction:945 reinstatement:787 iri:945; do
    fig=${spec%%:*}
    if plot_ok "$fig.png" "$fig"; then
        is_png "$tmp/$fig.png" || fail "$fig.png is not a PNG"
        expect_eq "$fig.png size in pixels" "$(png_size "$tmp/$fig.png")" "${spec#*:} 709"
    fi
done
if plot_ok cumulative.png cumulative --subject 4 --session 3; then
    is_png "$tmp/cumulative.png" || fail "cumulative.png is not a PNG"
fi
if plot_ok traces.png traces --subject 4 --session 3; then
    is_png "$tmp/traces.png" || fail "traces.png is not a PNG"
    expect_eq "traces.png size in pixels" "$(png_size "$tmp/traces.png")" "945 1181"
fi
# Options: size, resolution, title, a phase and a session by phase, groups, log axis.
if plot_ok small.png acquisition --width-mm 80 --height-mm 60 --dpi 100 --title "Acq <1>"; then
    expect_eq "80 x 60 mm at 100 dpi" "$(png_size "$tmp/small.png")" "315 236"
fi
plot_ok phase.png cumulative --subject 4 --phase progressive_ratio --session-in-phase 0
plot_ok groups.png extinction --groups Pdyn-KO,WT
plot_ok log.png iri --log --phase progressive_ratio

# SVG and PDF.
if plot_ok bp.svg breakpoint; then
    head -c 200 "$tmp/bp.svg" | grep -q "<svg" || fail "bp.svg has no <svg> element"
fi
if plot_ok acq.pdf acquisition; then
    expect_eq "PDF header" "$(head -c 5 "$tmp/acq.pdf")" "%PDF-"
    tail -c 32 "$tmp/acq.pdf" | grep -q "%%EOF" || fail "acq.pdf has no %%EOF trailer"
fi
for leftover in "$tmp"/*.tmp-*; do
    [ -e "$leftover" ] && fail "a temporary file was left behind: $leftover"
done

# plot_fails CODE MESSAGE ARGS...: exits CODE, stderr contains MESSAGE, no output file.
plot_fails() {
    want=$1
    msg=$2
    shift 2
    rm -f "$tmp/bad.png"
    "$RL" plot "$@" >"$tmp/out" 2>"$tmp/err"
    code=$?
    expect_eq "plot $*: exit status" "$code" "$want"
    if ! grep -qF -- "$msg" "$tmp/err"; then
        fail "plot $*: stderr lacks '$msg'"
        show_file "stderr" "$tmp/err"
    fi
    [ -e "$tmp/bad.png" ] && fail "plot $*: wrote bad.png anyway"
    return 0
}

plot_fails 1 "unknown figure 'histogram'" "$tmp/sim.db" histogram -o "$tmp/bad.png"
plot_fails 1 "no subject 'mouse-7'" "$tmp/sim.db" cumulative --subject mouse-7 --session 0 \
    -o "$tmp/bad.png"
plot_fails 1 "no session on day 99" "$tmp/sim.db" cumulative --subject 0 --session 99 \
    -o "$tmp/bad.png"
plot_fails 1 "no phase named 'relapse'" "$tmp/sim.db" acquisition --phase relapse \
    -o "$tmp/bad.png"
plot_fails 1 "no PR breakpoints in the cue_test phase" "$tmp/sim.db" breakpoint \
    --phase cue_test -o "$tmp/bad.png"
plot_fails 1 "needs a subject" "$tmp/sim.db" traces -o "$tmp/bad.png"
plot_fails 1 "no group 'KO' (groups: WT, Pdyn-KO, Oprm1-het)" "$tmp/sim.db" acquisition \
    --groups WT,KO -o "$tmp/bad.png"
plot_fails 1 "$tmp/none.db" "$tmp/none.db" acquisition -o "$tmp/bad.png"

# Traces of imported chamber data: there is no model to re-simulate.
if "$RL" export "$tmp/sim.db" --medpc "$tmp/medpc" >/dev/null 2>"$tmp/err" \
    && "$RL" import-medpc "$tmp/medpc" --profile relapselab --out "$tmp/imp.db" \
        >/dev/null 2>>"$tmp/err"; then
    plot_fails 1 "traces need a simulated run" "$tmp/imp.db" traces --subject 0 --session 0 \
        -o "$tmp/bad.png"
    name=
    if have_sqlite3; then
        name=$(sql "$tmp/imp.db" "select name from subjects where subject_id = 4")
    fi
    if [ -n "$name" ] && "$RL" plot "$tmp/imp.db" cumulative --subject "$name" --session 3 \
        -o "$tmp/imp_cum.png" >/dev/null 2>"$tmp/err"; then
        is_png "$tmp/imp_cum.png" || fail "cumulative of an imported subject is not a PNG"
    elif [ -n "$name" ]; then
        show_file "stderr" "$tmp/err"
        fail "cumulative of imported subject '$name' failed"
    fi
    "$RL" plot "$tmp/imp.db" acquisition -o "$tmp/imp_acq.png" >/dev/null 2>"$tmp/err" \
        || fail "acquisition of the imported database failed"
else
    show_file "stderr" "$tmp/err"
    fail "could not make an imported database (export --medpc, import-medpc)"
fi

# A run made with --set: the stored protocol and seed alone do not reproduce it.
if "$RL" run tests/data/small.yaml --seed 11 --quiet --set alpha_v=0.2 --out "$tmp/set.db" \
    2>"$tmp/err"; then
    plot_fails 1 "cannot be reproduced" "$tmp/set.db" traces --subject 4 --session 3 \
        -o "$tmp/bad.png"
    grep -q -- "--set" "$tmp/err" || fail "the --set failure does not mention --set"
else
    fail "relapselab run --set alpha_v=0.2 failed"
fi

# Bad usage: exit 2 with the usage text.
for args in "" "$tmp/sim.db" "$tmp/sim.db acquisition" "$tmp/sim.db acquisition -o" \
    "$tmp/sim.db acquisition -o $tmp/bad.jpg" "$tmp/sim.db acquisition --dpi 0 -o $tmp/bad.png" \
    "$tmp/sim.db acquisition --width-mm x -o $tmp/bad.png" \
    "$tmp/sim.db acquisition --bogus -o $tmp/bad.png" \
    "$tmp/sim.db cumulative --session -1 -o $tmp/bad.png" \
    "$tmp/sim.db cumulative --session-in-phase 1 -o $tmp/bad.png" \
    "$tmp/sim.db acquisition extra -o $tmp/bad.png"; do
    # shellcheck disable=SC2086
    "$RL" plot $args >"$tmp/out" 2>"$tmp/err"
    code=$?
    expect_eq "plot $args: exit status" "$code" 2
    grep -q "usage: relapselab plot" "$tmp/err" || fail "plot $args: no usage text on stderr"
done
[ -e "$tmp/bad.png" ] || [ -e "$tmp/bad.jpg" ] && fail "a failed plot wrote its output"

finish
