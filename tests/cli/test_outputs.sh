#!/bin/sh
# test_outputs.sh -- every output is written safely (issue 14, the output half).
#
# Each section is one case of issue 14 and failed before the output module
# (src/core/outfile.c) existed:
#   2  an output path that is a FIFO, a symbolic link to a FIFO, a device node and a link to
#      it (made with mknod in the temporary folder where that is allowed -- root, as in CI;
#      no test touches /dev -- else the FIFO cases stand in for devices), a symbolic
#      link to a directory, or a directory is refused by every command that writes -- exit 1,
#      "refusing to replace it", the target untouched, no temporary file (a link to a
#      regular file is followed: that file is replaced, the link stays; a dangling link is
#      refused);
#   3  a symbolic link planted at an old predictable temporary name ("<table>.csv.tmp",
#      "<MED-PC name>.tmp", "<out>.tmp-<pid>") is not written through: its target is
#      untouched;
#   4  export --medpc of groups "a/b" and "a_b" (same start minute, same label once '/' is
#      '_'): one file per session, the printed count is the count on disk, and the files
#      import back;
#   9  Ctrl-C (SIGINT) or SIGTERM while import-medpc, summary, report, plot or export has
#      temporary files on disk removes them (and a folder the command created); an older
#      output stays as it was. The signal comes at a defined point: RL_TEST_INTERRUPT_AT=N
#      makes the tool raise it right after its N-th temporary file appears (signals.c), so
#      the test does not depend on timing;
#  10  default output names keep everything but the last extension (study.v1.yaml and
#      study.v2.yaml write two databases; .hidden.yaml writes results/.hidden.db), and an
#      output that is one of the command's inputs is refused;
#  11  a group named =HYPERLINK(...) reaches the CSV tables as text ('=...), numbers
#      unchanged;
#  13  the commands printed after `run` quote a path with spaces (and run as printed);
# and "-" is standard output for report (HTML), plot (SVG) and screen --csv (CSV), and is
# refused with a clear message where the output is a database or a folder.
#
# usage: sh tests/cli/test_outputs.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

write_small_protocol "$tmp/p.yaml"
"$RL" run "$tmp/p.yaml" --seed 3 --threads 1 --out "$tmp/base.db" --quiet 2>"$tmp/err" ||
    { show_file "stderr" "$tmp/err"; die "the reference run failed"; }
"$RL" export "$tmp/base.db" --medpc "$tmp/medpc" >/dev/null 2>"$tmp/err" ||
    { show_file "stderr" "$tmp/err"; die "the reference MED-PC export failed"; }
first_medpc=$(ls "$tmp/medpc" | head -n 1)

# no_tmp DIR WHAT: no temporary file ("*.tmp*") is left in DIR.
no_tmp() {
    left=$(ls -a "$1" | grep '\.tmp' | head -n 3)
    [ -z "$left" ] || fail "$2: temporary file(s) left in $1: $left"
}

# ---- 2: refused targets ----------------------------------------------------------------

# make_targets DIR EXT: DIR/fifo.EXT, DIR/link_fifo.EXT -> fifo, DIR/link_dir.EXT -> dir.EXT,
# DIR/dir.EXT (a directory).
make_targets() {
    mkdir -p "$1"
    mkfifo "$1/fifo$2" || die "mkfifo failed"
    ln -s "fifo$2" "$1/link_fifo$2"
    mkdir "$1/dir$2"
    ln -s "dir$2" "$1/link_dir$2"
}

# target_intact DIR EXT WHAT: the four targets are what they were.
target_intact() {
    [ -p "$1/fifo$2" ] && [ ! -L "$1/fifo$2" ] || fail "$3: the FIFO was replaced"
    [ -L "$1/link_fifo$2" ] && [ -p "$1/link_fifo$2" ] || fail "$3: the link to the FIFO was replaced"
    [ -L "$1/link_dir$2" ] && [ -d "$1/link_dir$2" ] || fail "$3: the link to the directory was replaced"
    [ -d "$1/dir$2" ] && [ -z "$(ls -A "$1/dir$2")" ] || fail "$3: the directory was changed"
    no_tmp "$1" "$3"
}

# refused WHAT CMD...: the command must exit 1 and say why.
refused() {
    what=$1
    shift
    "$@" >"$tmp/out" 2>"$tmp/err"
    status=$?
    if [ "$status" -ne 1 ] || ! grep -q "refusing to replace it" "$tmp/err"; then
        show_file "stderr" "$tmp/err"
        fail "$what: exit status $status, expected 1 with 'refusing to replace it'"
    fi
}

t=$tmp/targets
make_targets "$t" .db
make_targets "$t" .html
make_targets "$t" .svg
make_targets "$t" .json
make_targets "$t" .csv
for kind in fifo link_fifo link_dir dir; do
    refused "run --out $kind" "$RL" run "$tmp/p.yaml" --seed 1 --quiet --out "$t/$kind.db"
    refused "import-medpc --out $kind" "$RL" import-medpc "$tmp/medpc" --profile relapselab \
        --quiet --out "$t/$kind.db"
    refused "report -o $kind" "$RL" report "$tmp/base.db" -o "$t/$kind.html"
    refused "plot -o $kind" "$RL" plot "$tmp/base.db" acquisition -o "$t/$kind.svg"
    refused "screen --csv $kind" "$RL" screen examples/screens/kor.yaml --n 4 --quiet \
        --csv "$t/$kind.csv"
    refused "calibrate --out $kind" "$RL" calibrate tests/data/calibrate_small.yaml \
        --params burst_s,want_gain --design 2 --local 1 --replicates 1 --threads 1 \
        --out "$t/$kind.json"
done
for ext in .db .html .svg .json .csv; do
    target_intact "$t" "$ext" "outputs named *$ext"
done
"$RL" report "$tmp/base.db" -o "$t/fifo.html" 2>"$tmp/err"
grep -q "error: $t/fifo.html: is a FIFO; refusing to replace it" "$tmp/err" ||
    { show_file "stderr" "$tmp/err"; fail "report -o FIFO: the message does not say why"; }
"$RL" run "$tmp/p.yaml" --quiet --out "$t/link_fifo.db" 2>"$tmp/err"
grep -q "link_fifo.db: is a symbolic link to a FIFO; refusing to replace it" "$tmp/err" ||
    { show_file "stderr" "$tmp/err"; fail "run --out link to a FIFO: the message does not say why"; }

# a real character device (the null device's numbers, 1:3) made in the temporary folder,
# and a symbolic link to it: made only where mknod is allowed (root with CAP_MKNOD, as in
# CI's container); elsewhere the FIFO cases above stand in for it, and a note says so
if mknod "$t/dev" c 1 3 2>/dev/null; then
    ln -s dev "$t/link_dev.db"
    refused "run --out a link to a device" "$RL" run "$tmp/p.yaml" --seed 1 --quiet \
        --out "$t/link_dev.db"
    grep -q "link_dev.db: is a symbolic link to a character device; refusing to replace it" "$tmp/err" ||
        { show_file "stderr" "$tmp/err"; fail "run --out a link to a device: the message does not say why"; }
    refused "report -o a device" "$RL" report "$tmp/base.db" -o "$t/dev"
    [ -c "$t/dev" ] && [ -L "$t/link_dev.db" ] && [ -c "$t/link_dev.db" ] ||
        fail "the device node or the link to it was replaced"
    rm -f "$t/dev" "$t/link_dev.db"
else
    note "mknod not allowed here: the device cases rest on the FIFO ones"
fi

# a link to a regular file is followed: the file it leads to is replaced, the link stays
echo "old" >"$t/real.html"
ln -s real.html "$t/latest.html"
"$RL" report "$tmp/base.db" -o "$t/latest.html" >/dev/null 2>"$tmp/err" ||
    { show_file "stderr" "$tmp/err"; fail "report -o a link to a regular file failed"; }
[ -L "$t/latest.html" ] || fail "report -o a link: the link was replaced"
head -c 15 "$t/real.html" | grep -q '<!DOCTYPE html>' || fail "report -o a link: its file was not written"
ln -s nowhere.html "$t/dangling.html"
refused "report -o a dangling link" "$RL" report "$tmp/base.db" -o "$t/dangling.html"
[ -e "$t/nowhere.html" ] && fail "report -o a dangling link created its target"

# a FIFO inside an output folder: the whole export is refused, nothing else is written
for cmd in csv medpc summary; do
    d=$tmp/folder-$cmd
    mkdir -p "$d"
    case $cmd in
        csv) name=runs.csv ;;
        medpc) name=$first_medpc ;;
        summary) name=bins.csv ;;
    esac
    mkfifo "$d/$name"
    case $cmd in
        summary) refused "summary --csv (FIFO $name)" "$RL" summary "$tmp/base.db" --csv "$d" ;;
        *) refused "export --$cmd (FIFO $name)" "$RL" export "$tmp/base.db" --"$cmd" "$d" ;;
    esac
    [ -p "$d/$name" ] || fail "export --$cmd: the FIFO $name was replaced"
    expect_eq "export --$cmd into a folder with a FIFO: files in it" "$(ls -A "$d")" "$name"
done

# ---- 3: links planted at the old predictable temporary names ---------------------------

echo "precious" >"$tmp/victim"
mkdir -p "$tmp/plant-csv" "$tmp/plant-medpc" "$tmp/plant-sum"
ln -s "$tmp/victim" "$tmp/plant-csv/runs.csv.tmp"
ln -s "$tmp/victim" "$tmp/plant-medpc/$first_medpc.tmp"
ln -s "$tmp/victim" "$tmp/plant-sum/bins.csv.tmp"
"$RL" export "$tmp/base.db" --csv "$tmp/plant-csv" >/dev/null 2>&1 || fail "export --csv (planted link) failed"
"$RL" export "$tmp/base.db" --medpc "$tmp/plant-medpc" >/dev/null 2>&1 ||
    fail "export --medpc (planted link) failed"
"$RL" summary "$tmp/base.db" --csv "$tmp/plant-sum" >/dev/null 2>&1 || fail "summary --csv (planted link) failed"
# "<out>.tmp-<pid>": the shell's PID is the tool's after exec
for cmd in report plot run import; do
    case $cmd in
        report) out=$tmp/planted.html; args="report $tmp/base.db -o $out" ;;
        plot) out=$tmp/planted.svg; args="plot $tmp/base.db acquisition -o $out" ;;
        run) out=$tmp/planted.db; args="run $tmp/p.yaml --seed 1 --quiet --out $out" ;;
        import) out=$tmp/planted-lab.db
            args="import-medpc $tmp/medpc --profile relapselab --quiet --out $out" ;;
    esac
    sh -c 'ln -s "$1" "$2.tmp-$$" && shift 2 && exec "$@"' sh "$tmp/victim" "$out" "$RL" $args \
        >/dev/null 2>&1 || fail "$cmd with a link planted at <out>.tmp-<pid> failed"
    [ -f "$out" ] && [ ! -L "$out" ] || fail "$cmd: $out is not a regular file"
done
expect_eq "the planted links' target" "$(cat "$tmp/victim")" "precious"
[ -L "$tmp/plant-csv/runs.csv" ] && fail "export --csv: runs.csv is a symbolic link"
[ -L "$tmp/plant-medpc/$first_medpc" ] && fail "export --medpc: $first_medpc is a symbolic link"

# ---- 4: MED-PC export names that collide -----------------------------------------------

sed -e 's/name: Pdyn-WT,/name: "a\/b",/' -e 's/name: Pdyn-KO,/name: "a_b",/' \
    -e 's/n: 3,/n: 1,/' "$tmp/p.yaml" >"$tmp/collide.yaml"
"$RL" run "$tmp/collide.yaml" --seed 2 --quiet --out "$tmp/collide.db" 2>"$tmp/err" ||
    { show_file "stderr" "$tmp/err"; die "the run of groups a/b and a_b failed"; }
"$RL" export "$tmp/collide.db" --medpc "$tmp/collide" >"$tmp/out" 2>"$tmp/err" ||
    { show_file "stderr" "$tmp/err"; fail "export --medpc of a/b and a_b failed"; }
on_disk=$(ls "$tmp/collide" | wc -l | tr -d ' ')
printed=$(sed -n 's/^wrote \([0-9]*\) MED-PC files.*/\1/p' "$tmp/out")
expect_eq "MED-PC files printed vs on disk" "$printed" "$on_disk"
if have_sqlite3; then
    expect_eq "MED-PC files vs sessions" "$on_disk" "$(sql "$tmp/collide.db" 'select count(*) from sessions')"
fi
ls "$tmp/collide" | grep -q 'a_b-01 (2)$' || fail "no ' (2)' suffix on a colliding name"
"$RL" import-medpc "$tmp/collide" --profile relapselab --group-by none --quiet \
    --out "$tmp/collide-back.db" >"$tmp/out" 2>"$tmp/err" ||
    { show_file "stderr" "$tmp/err"; fail "the exported files do not import back"; }
grep -q "^Imported $on_disk of $on_disk sessions" "$tmp/out" ||
    { show_file "stdout" "$tmp/out"; fail "not every exported session imported back"; }

# ---- 9: Ctrl-C and SIGTERM remove the temporary files -----------------------------------

# interrupted AT SIGNAL WHAT DIR CMD...: with the signal raised after the AT-th temporary
# file, the command dies of it (status 128 + signal number) and DIR holds no temporary file.
interrupted() {
    at=$1
    sig=$2
    what=$3
    dir=$4
    shift 4
    RL_TEST_INTERRUPT_AT=$at RL_TEST_INTERRUPT_SIGNAL=$sig "$@" >"$tmp/out" 2>"$tmp/err"
    status=$?
    want=130
    [ "$sig" = TERM ] && want=143
    [ "$status" -eq "$want" ] || { show_file "stderr" "$tmp/err"; fail "$what: exit status $status, expected $want"; }
    [ -d "$dir" ] && no_tmp "$dir" "$what"
}

i=$tmp/int
mkdir -p "$i"
echo "old report" >"$i/r.html"
interrupted 1 INT "report, SIGINT" "$i" "$RL" report "$tmp/base.db" -o "$i/r.html"
expect_eq "report interrupted: the old report" "$(cat "$i/r.html")" "old report"
interrupted 1 TERM "plot, SIGTERM" "$i" "$RL" plot "$tmp/base.db" acquisition -o "$i/f.svg"
[ -e "$i/f.svg" ] && fail "plot interrupted: f.svg exists"
interrupted 1 INT "import-medpc, SIGINT" "$i" "$RL" import-medpc "$tmp/medpc" \
    --profile relapselab --quiet --out "$i/lab.db"
[ -e "$i/lab.db" ] && fail "import-medpc interrupted: lab.db exists"
interrupted 7 INT "export --csv, SIGINT after 6 tables" "$i" "$RL" export "$tmp/base.db" \
    --csv "$i/csv"
[ -e "$i/csv" ] && fail "export --csv interrupted: the folder it created is still there"
interrupted 3 TERM "export --medpc, SIGTERM" "$i" "$RL" export "$tmp/base.db" --medpc "$i/m"
[ -e "$i/m" ] && fail "export --medpc interrupted: the folder it created is still there"
mkdir "$i/sum"
echo "old" >"$i/sum/bins.csv"
interrupted 4 INT "summary --csv, SIGINT" "$i/sum" "$RL" summary "$tmp/base.db" --csv "$i/sum"
expect_eq "summary interrupted: the folder" "$(ls "$i/sum" | tr '\n' ' ')" "bins.csv "
expect_eq "summary interrupted: the old bins.csv" "$(cat "$i/sum/bins.csv")" "old"

# ---- 10: default names, and an output that is an input ---------------------------------

mkdir -p "$tmp/w"
cp "$tmp/p.yaml" "$tmp/w/study.v1.yaml"
cp "$tmp/p.yaml" "$tmp/w/study.v2.yaml"
cp "$tmp/p.yaml" "$tmp/w/.hidden.yaml"
for f in study.v1.yaml study.v2.yaml .hidden.yaml; do
    (cd "$tmp/w" && "$RL" run "$f" --seed 1 --quiet) 2>"$tmp/err" ||
        { show_file "stderr" "$tmp/err"; fail "run $f (default output) failed"; }
done
expect_eq "default outputs" "$(ls -A "$tmp/w/results" | tr '\n' ' ')" \
    ".hidden.db study.v1.db study.v2.db "

cp "$tmp/base.db" "$tmp/self.db"
cp "$tmp/base.db" "$tmp/self.svg"
cp "$tmp/p.yaml" "$tmp/self.yaml"
refused "report self.db -o self.db" "$RL" report "$tmp/self.db" -o "$tmp/self.db"
refused "plot self.svg -o self.svg" "$RL" plot "$tmp/self.svg" acquisition -o "$tmp/self.svg"
refused "run p.yaml --out p.yaml" "$RL" run "$tmp/self.yaml" --seed 1 --quiet --out "$tmp/self.yaml"
refused "run p.yaml --out ./p.yaml (another name)" "$RL" run "$tmp/self.yaml" --seed 1 \
    --quiet --out "$tmp/../$(basename "$tmp")/self.yaml"
refused "import-medpc FILE --out FILE" "$RL" import-medpc "$tmp/medpc/$first_medpc" \
    --profile relapselab --quiet --out "$tmp/medpc/$first_medpc"
mkdir -p "$tmp/inside"
cp "$tmp/base.db" "$tmp/inside/runs.csv"
refused "export inside/runs.csv --csv inside" "$RL" export "$tmp/inside/runs.csv" --csv "$tmp/inside"
cmp -s "$tmp/self.db" "$tmp/base.db" || fail "report -o its own database changed it"
cmp -s "$tmp/self.svg" "$tmp/base.db" || fail "plot -o its own database changed it"
cmp -s "$tmp/inside/runs.csv" "$tmp/base.db" || fail "export --csv over its own database changed it"
cmp -s "$tmp/self.yaml" "$tmp/p.yaml" || fail "run --out its own protocol changed it"
expect_eq "export --csv over its own database: files" "$(ls "$tmp/inside")" "runs.csv"

# ---- 11: spreadsheet formulas in CSV cells ---------------------------------------------

sed -e 's/name: Pdyn-WT,/name: "=HYPERLINK(\\"http:\/\/x\\",\\"y\\")",/' "$tmp/p.yaml" >"$tmp/formula.yaml"
"$RL" run "$tmp/formula.yaml" --seed 1 --quiet --out "$tmp/formula.db" 2>"$tmp/err" ||
    { show_file "stderr" "$tmp/err"; die "the run of a group named =HYPERLINK(...) failed"; }
"$RL" export "$tmp/formula.db" --csv "$tmp/fcsv" >/dev/null || fail "export --csv of =HYPERLINK failed"
"$RL" summary "$tmp/formula.db" --csv "$tmp/fsum" >/dev/null || fail "summary --csv of =HYPERLINK failed"
grep -q "^0,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",Pdyn,WT," "$tmp/fcsv/groups.csv" ||
    { show_file "groups.csv" "$tmp/fcsv/groups.csv"; fail "groups.csv: the formula is not neutralised"; }
for f in "$tmp"/fcsv/*.csv "$tmp"/fsum/*.csv; do
    # a cell that starts a formula: at the start of a line, after a comma or an opening quote
    if grep -q -e '^[=@+]' -e ',[=@+]' -e ',"[=@+]' -e '^"[=@+]' "$f"; then
        fail "$(basename "$f"): a cell begins with =, + or @"
    fi
done
grep -q "'=HYPERLINK" "$tmp/fsum/summary_groups.csv" || fail "summary_groups.csv: no neutralised name"

# ---- 13: the printed commands quote a path with spaces --------------------------------

mkdir -p "$tmp/with space"
"$RL" run "$tmp/p.yaml" --seed 1 --out "$tmp/with space/it's.db" >"$tmp/out" 2>"$tmp/err" ||
    { show_file "stderr" "$tmp/err"; fail "run --out a path with a space failed"; }
line=$(sed -n 's/^  measures: //p' "$tmp/out")
case $line in
    "relapselab summary '$tmp/with space/it'\\''s.db'") ;;
    *) fail "the printed summary command does not quote the path: $line" ;;
esac
(eval "set -- $line" && shift && "$RL" "$@") >"$tmp/out2" 2>"$tmp/err" ||
    { show_file "stderr" "$tmp/err"; fail "the printed summary command does not run: $line"; }

# ---- "-": standard output where the format allows it ------------------------------------

"$RL" report "$tmp/base.db" -o - >"$tmp/stdout.html" 2>"$tmp/err" || fail "report -o - failed"
head -c 15 "$tmp/stdout.html" | grep -q '<!DOCTYPE html>' || fail "report -o - wrote no HTML"
[ -e ./- ] && fail "report -o - created a file named -"
"$RL" plot "$tmp/base.db" acquisition -o - >"$tmp/stdout.svg" 2>"$tmp/err" || fail "plot -o - failed"
grep -q '<svg' "$tmp/stdout.svg" || fail "plot -o - wrote no SVG"
"$RL" screen examples/screens/kor.yaml --n 4 --quiet --csv - >"$tmp/stdout.csv" 2>"$tmp/err" ||
    fail "screen --csv - failed"
head -n 1 "$tmp/stdout.csv" | grep -q '^screen_file,seed,' || fail "screen --csv - wrote no CSV header"
for args in "run $tmp/p.yaml --out -" "import-medpc $tmp/medpc --profile relapselab --out -" \
    "export $tmp/base.db --csv -" "export $tmp/base.db --medpc -" "summary $tmp/base.db --csv -" \
    "calibrate tests/data/calibrate_small.yaml --params burst_s --out -"; do
    "$RL" $args >"$tmp/out" 2>"$tmp/err"
    status=$?
    [ "$status" -eq 2 ] && grep -q -e "-: .*standard output" "$tmp/err" ||
        { show_file "stderr" "$tmp/err"; fail "$args: exit status $status, expected 2 and a message"; }
done
[ -e ./- ] && fail "a file named - was created"

finish
