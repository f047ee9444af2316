#!/bin/sh
# test_interrupt_long.sh -- a run stops at once on SIGINT whatever its mouse is doing, and
# the size of a run is looked at before it starts (issue 14, item 5):
#
#   1. one mouse whose life is 32 phases x 200 day-long sessions (about 15 million events):
#      SIGINT once the run has started (its "1 mice" line is on stderr and the temporary
#      database exists), then the tool must exit 130 within 3 s (it takes milliseconds:
#      the chamber polls the flag every 1024 turns of its loop, the writer before each
#      session), leaving no database and no temporary file;
#   2. a run estimated at more than a 1 TB database (1000 such mice) is refused with its
#      estimate, exit 1, nothing written; with --force it starts (announced as forced)
#      and SIGINT stops it the same way.
#
# usage: sh tests/cli/test_interrupt_long.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

# protocol FILE N SESSIONS: N mice, 32 phases of SESSIONS sessions of 1440 min.
protocol() {
    {
        printf 'study: long mice\nreinforcers:\n'
        printf '  cocaine: {type: drug, drug: cocaine, dose_mg_per_kg: 1.0, infusion_s: 2, volume_ul: 23.5}\n'
        printf 'phases:\n'
        i=1
        while [ $i -le 32 ]; do
            printf '  - {name: p%d, kind: acquisition, schedule: {type: FR, ratio: 1}, ' $i
            printf 'session_min: 1440, timeout_s: 15, cue_s: 4, '
            printf 'active_response: [reinforcer, cue], sessions: %d}\n' "$3"
            i=$((i + 1))
        done
        printf 'groups:\n  - {name: WT, line: test, genotype: WT, reinforcer: cocaine, n: %d}\n' "$2"
    } >"$1"
}

now_ms() {
    t=$(date +%s%N)
    case $t in
        *N) echo $(($(date +%s) * 1000)) ;; # no %N: whole seconds
        *) echo $((t / 1000000)) ;;
    esac
}

# interrupt_started DIR ARGS...: start `run ARGS --out DIR/out.db` in the background (DIR
# empty), wait (at most 60 s) until it has started -- its "mice" line on stderr and its
# temporary database in DIR, whatever its name -- then send SIGINT and wait. Sets $code and
# $ms (milliseconds from the signal to the exit).
interrupt_started() {
    dir=$1
    shift
    mkdir -p "$dir"
    "$RL" run "$@" --seed 1 --out "$dir/out.db" >"$tmp/out" 2>"$tmp/err" &
    pid=$!
    i=0
    while [ $i -lt 600 ]; do
        if grep -q " mice, seed 1" "$tmp/err" && [ -n "$(ls -A "$dir")" ]; then
            break
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
        i=$((i + 1))
    done
    kill -0 "$pid" 2>/dev/null || { wait "$pid"; show_file "stderr" "$tmp/err";
        die "the run ended before it could be interrupted (exit $?)"; }
    [ $i -lt 600 ] || { kill -TERM "$pid"; wait "$pid"; die "the run did not start in 60 s"; }
    sleep 0.5 # inside the mouse's simulation by now
    t0=$(now_ms)
    kill -INT "$pid"
    wait "$pid"
    code=$?
    ms=$(($(now_ms) - t0))
}

# left_nothing DIR: the interrupted run left no file (no database, no temporary file).
left_nothing() {
    if [ -n "$(ls -A "$1")" ]; then
        ls -la "$1" >&2
        fail "files left behind in $1"
    fi
}

# 1. one long mouse
protocol "$tmp/one.yaml" 1 200
interrupt_started "$tmp/one" "$tmp/one.yaml" --threads 2
note "one long mouse: exit $code, $ms ms after SIGINT"
[ "$code" -eq 130 ] || { show_file "stderr" "$tmp/err"; fail "exit status $code, expected 130"; }
[ "$ms" -le 3000 ] || fail "the run took $ms ms to stop after SIGINT (at most 3000)"
left_nothing "$tmp/one"

# 2. an absurd run: refused with its estimate; --force starts it
protocol "$tmp/absurd.yaml" 1000 1000
mkdir "$tmp/absurd"
watchdog=
if command -v timeout >/dev/null 2>&1; then
    watchdog="timeout 30" # a tool that does not refuse would run for weeks
fi
$watchdog "$RL" run "$tmp/absurd.yaml" --seed 1 --out "$tmp/absurd/out.db" >"$tmp/out" \
    2>"$tmp/err"
code=$?
[ "$code" -eq 1 ] || fail "absurd run: exit status $code, expected 1"
grep -q "a large run: at most 7.68e+08 mouse-session hours; estimate .*7.68e+10 events, a 1.1 TB database" \
    "$tmp/err" || { show_file "stderr" "$tmp/err"; fail "absurd run: no estimate printed"; }
grep -q "refusing a run estimated at more than 7 days, a 1 TB database or this machine's memory" \
    "$tmp/err" || { show_file "stderr" "$tmp/err"; fail "absurd run: no refusal"; }
left_nothing "$tmp/absurd"
interrupt_started "$tmp/absurd" "$tmp/absurd.yaml" --threads 1 --force
grep -q -- "--force: running it anyway" "$tmp/err" || fail "forced run: not announced"
[ "$code" -eq 130 ] || { show_file "stderr" "$tmp/err"; fail "forced run: exit $code, not 130"; }
[ "$ms" -le 3000 ] || fail "forced run: took $ms ms to stop after SIGINT (at most 3000)"
left_nothing "$tmp/absurd"

finish
