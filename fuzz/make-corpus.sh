#!/bin/sh
# make-corpus.sh -- regenerate the seed corpora of the fuzz targets (fuzz/corpus/<target>/)
# from the project's own files:
#
#   fuzz/make-corpus.sh [BUILD_DIR]       (from the repository root; BUILD_DIR default build)
#
#   protocol  examples/*.yaml, tests/bad/*.yaml, tests/data/small.yaml and the protocols of
#             tests/bad_screen/protocols/
#   screen    examples/screens/*.yaml and tests/bad_screen/*.yaml, each with the protocol it
#             names appended after a `#--- protocol.yaml` line and its `protocol:` rewritten
#             to protocol.yaml (the input format of fuzz_screen.c); a screen whose protocol
#             does not exist is copied as it is
#   claims    claims/*.yaml, claims/literature/*.yaml (the literature panel), examples/claims/
#             *.yaml and tests/bad_claims/*.yaml, each with its protocol appended as for
#             screens (the input format of fuzz_claims.c)
#   profile   profiles/*.yaml
#   medpc     MED-PC files written by `relapselab export --medpc` for a run of
#             tests/data/small.yaml (seed 1) with the profiles relapselab (one session of
#             each phase), coffey-liq-sa, coffey-liq-sa-medpc5 and townsend-tt; two sessions
#             in one file; one session converted to the time.code arrays of jorge-time-tag;
#             one converted to the numbers-only format
#
# Nothing from ../shared/data/medpc (lab data, not ours to publish) goes into the corpus.
# The corpus only seeds the fuzzer: the files need not stay in step with their sources.
set -eu
build=${1:-build}
rl="$build/relapselab"
[ -x "$rl" ] || { echo "make-corpus: $rl not found (make build first)" >&2; exit 2; }
if [ ! -d fuzz ] || [ ! -d examples ]; then
    echo "make-corpus: run from the repository root" >&2
    exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for t in protocol screen claims profile medpc; do
    rm -rf "fuzz/corpus/$t"
    mkdir -p "fuzz/corpus/$t"
done

# ---------------------------------------------------------------- protocol
for f in examples/*.yaml; do cp "$f" "fuzz/corpus/protocol/example-$(basename "$f")"; done
for f in tests/bad/*.yaml; do cp "$f" "fuzz/corpus/protocol/bad-$(basename "$f")"; done
cp tests/data/small.yaml fuzz/corpus/protocol/data-small.yaml
for f in tests/bad_screen/protocols/*.yaml; do
    cp "$f" "fuzz/corpus/protocol/screen-$(basename "$f")"
done

# ---------------------------------------------------------------- screen
screen_seed() { # screen_seed FILE OUT: a screen or claims file with the protocol it names
    rel=$(sed -n 's/^protocol:[[:space:]]*\([^[:space:]#]*\).*/\1/p' "$1" | head -n 1)
    proto="$(dirname "$1")/$rel"
    if [ -n "$rel" ] && [ -f "$proto" ]; then
        sed 's/^protocol:[[:space:]]*[^[:space:]#]*/protocol: protocol.yaml/' "$1" > "$2"
        printf '#--- protocol.yaml\n' >> "$2"
        cat "$proto" >> "$2"
    else
        cp "$1" "$2"
    fi
}
for f in examples/screens/*.yaml; do
    screen_seed "$f" "fuzz/corpus/screen/example-$(basename "$f")"
done
for f in tests/bad_screen/*.yaml; do
    screen_seed "$f" "fuzz/corpus/screen/bad-$(basename "$f")"
done

# ---------------------------------------------------------------- claims
for f in claims/*.yaml examples/claims/*.yaml; do
    screen_seed "$f" "fuzz/corpus/claims/$(basename "$f")"
done
for f in claims/literature/*.yaml; do
    screen_seed "$f" "fuzz/corpus/claims/literature-$(basename "$f")"
done
for f in tests/bad_claims/*.yaml; do
    screen_seed "$f" "fuzz/corpus/claims/bad-$(basename "$f")"
done

# ---------------------------------------------------------------- profile
for f in profiles/*.yaml; do cp "$f" "fuzz/corpus/profile/$(basename "$f")"; done

# ---------------------------------------------------------------- medpc
"$rl" run tests/data/small.yaml --seed 1 --out "$tmp/small.db" --quiet
for p in relapselab coffey-liq-sa coffey-liq-sa-medpc5 townsend-tt; do
    "$rl" export "$tmp/small.db" --medpc "$tmp/$p" --profile "$p" > /dev/null 2>&1
done
# The largest session file of subject WT-01 with the program (MSN) given.
largest_of() { # largest_of DIR MSN
    found=''
    size=-1
    for f in "$1"/*WT-01; do
        if grep -q "^MSN: $2" "$f" && [ "$(wc -c < "$f")" -gt "$size" ]; then
            found=$f
            size=$(wc -c < "$f")
        fi
    done
    [ -n "$found" ] || { echo "make-corpus: no session with MSN $2 in $1" >&2; exit 1; }
    echo "$found"
}
for msn in acquisition progressive_ratio extinction cue_test; do
    cp "$(largest_of "$tmp/relapselab" $msn)" "fuzz/corpus/medpc/relapselab-$msn.txt"
done
cp "$(largest_of "$tmp/coffey-liq-sa" acquisition)" fuzz/corpus/medpc/coffey-liq-sa-acquisition.txt
cp "$(largest_of "$tmp/coffey-liq-sa-medpc5" extinction)" \
    fuzz/corpus/medpc/coffey-liq-sa-medpc5-extinction.txt
cp "$(largest_of "$tmp/townsend-tt" acquisition)" fuzz/corpus/medpc/townsend-tt-acquisition.txt
cat fuzz/corpus/medpc/relapselab-acquisition.txt fuzz/corpus/medpc/relapselab-cue_test.txt \
    > fuzz/corpus/medpc/relapselab-two-sessions.txt

# time.code (jorge-time-tag: arrays C and D, time in centiseconds, code in the thousandths):
# entry i of E (code) and T (time, s) becomes int(100 T) + E / 1000, alternately in C and D.
awk '{ sub(/\r$/, "") }
     /^[A-Z]:/ { cur = substr($0, 1, 1); next }
     /^ *[0-9]+:/ { sub(/^ *[0-9]+:/, ""); n = split($0, v, " ");
                    for (i = 1; i <= n; i++) { x[cur, c[cur]++] = v[i] }; next }
     /^MSN:/ { print "MSN: Delayed_Acquisition_fuzz"; next }
     { print }
     END {
         for (a = 0; a < 2; a++) {
             print (a == 0 ? "C:" : "D:")
             k = 0
             for (i = a; i < c["E"]; i += 2) {
                 if (k % 5 == 0) printf "%s%6d:", (k ? "\n" : ""), k
                 printf " %12.3f", int(100 * x["T", i]) + x["E", i] / 1000
                 k++
             }
             printf "\n"
         }
     }' fuzz/corpus/medpc/relapselab-acquisition.txt > fuzz/corpus/medpc/jorge-time-tag.txt

# Numbers only: the 18-line header block (dates, subject, experiment, group, box, times,
# two numbers), the marker 0.3, the 26 element counts of A..Z, then their values.
awk '{ sub(/\r$/, "") }
     /^[A-Z]:/ { cur = substr($0, 1, 1); rest = substr($0, 3); n = split(rest, v, " ");
                 for (i = 1; i <= n; i++) { x[cur, c[cur]++] = v[i] }; next }
     /^ *[0-9]+:/ { sub(/^ *[0-9]+:/, ""); n = split($0, v, " ");
                    for (i = 1; i <= n; i++) { x[cur, c[cur]++] = v[i] }; next }
     END {
         L = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
         printf "1\n2\n24\n1\n2\n24\nM1\nexp\nG1\n1\n9\n0\n0\n10\n0\n0\n24\n2\n"
         print "0.300"
         for (j = 1; j <= 26; j++) print c[substr(L, j, 1)] + 0
         for (j = 1; j <= 26; j++) {
             a = substr(L, j, 1)
             for (i = 0; i < c[a]; i++) print x[a, i]
         }
     }' fuzz/corpus/medpc/relapselab-extinction.txt > fuzz/corpus/medpc/numbers-only.txt

for t in protocol screen claims profile medpc; do
    echo "make-corpus: fuzz/corpus/$t: $(find "fuzz/corpus/$t" -type f | wc -l) files," \
        "$(cat "fuzz/corpus/$t"/* | wc -c) bytes"
done
