#!/bin/sh
# Regenerate the section "The literature panel" of docs/VALIDATION.md: run `relapselab
# validate claims/literature --markdown` (100 virtual studies, seed 1), and write the run's
# facts and its table between the lines <!-- literature:begin --> and <!-- literature:end -->.
# tools/update-validation-doc.sh calls this script after it has rewritten the seed study's
# part of the document; it can also be run on its own.
#
# Usage: tools/update-literature-doc.sh [path/to/relapselab]      (default build/relapselab)
# Environment (for quick trials; the documented run uses the defaults):
#   REPLICATES  virtual studies (default 100)     SEED  first seed (default 1)
#   OUT_DIR     where VALIDATION.md is (default docs)
#
# The hand-written block between <!-- literature-notes:begin --> and
# <!-- literature-notes:end --> (finding by finding: what passes, what fails and why) is
# kept; a document without the section gets it appended, with a placeholder for the notes.
# Nothing is written if the run fails. Needs python3 (standard library only). Review
# `git diff docs/VALIDATION.md` afterwards.
set -eu

bin=${1:-build/relapselab}
case $bin in
    /*) ;;
    *) bin=$(pwd)/$bin ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ ! -x "$bin" ]; then
    echo "update-literature-doc: '$bin' is not an executable (build first, or pass the binary)" >&2
    exit 1
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "update-literature-doc: python3 is required" >&2
    exit 1
fi
case $bin in
    "$root"/*) shown=${bin#"$root"/} ;;
    *) shown=$bin ;;
esac

exec python3 - "$bin" "$shown" "${REPLICATES:-100}" "${SEED:-1}" "${OUT_DIR:-docs}" <<'PYTHON'
import datetime
import os
import platform
import subprocess
import sys
import time

binary, shown, replicates, seed, out_dir = sys.argv[1:6]
folder = "claims/literature"
args = ["validate", folder, "--replicates", replicates, "--seed", seed, "--markdown"]
doc_path = os.path.join(out_dir, "VALIDATION.md")
BEGIN, END = "<!-- literature:begin -->", "<!-- literature:end -->"
NOTES_BEGIN, NOTES_END = "<!-- literature-notes:begin -->", "<!-- literature-notes:end -->"
PLACEHOLDER = """{begin}
_Notes (kept across regenerations: tools/update-literature-doc.sh preserves this block).
Finding by finding: what passes, what fails and the likely mechanistic reason, what is not
checked and why._
{end}""".format(begin=NOTES_BEGIN, end=NOTES_END)


def die(msg):
    sys.stderr.write("update-literature-doc: %s\n" % msg)
    sys.exit(1)


def block(lines, begin, end, what):
    """(first, last) line indices of the block begin..end, or None if absent."""
    b = [i for i, l in enumerate(lines) if l.strip() == begin]
    e = [i for i, l in enumerate(lines) if l.strip() == end]
    if not b and not e:
        return None
    if len(b) != 1 or len(e) != 1 or e[0] < b[0]:
        die("%s: expected one '%s' line followed by one '%s' line (the %s); fix the markers "
            "by hand" % (doc_path, begin, end, what))
    return b[0], e[0]


def commit():
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, check=True).stdout.decode().strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    dirty = subprocess.run(["git", "diff-index", "--quiet", "HEAD", "--"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    return head + (" + uncommitted changes" if dirty else "")


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


try:
    with open(doc_path, encoding="utf-8") as f:
        lines = f.read().split("\n")
except FileNotFoundError:
    die("%s not found (run tools/update-validation-doc.sh first)" % doc_path)
gen = block(lines, BEGIN, END, "generated literature section")
notes = block(lines, NOTES_BEGIN, NOTES_END, "literature notes")

t0 = time.monotonic()
proc = subprocess.run([binary] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
wall = time.monotonic() - t0
if proc.returncode != 0:
    sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
    die("`%s` failed with exit status %d" % (" ".join([binary] + args), proc.returncode))
table = proc.stdout.decode("utf-8").rstrip("\n").split("\n")
rows = [l for l in table if l.startswith("| L")]
verdicts = [l.rstrip(" |").rsplit("|", 1)[-1].strip() for l in rows]
n_ok = sum(1 for v in verdicts if v == "reproduced")
n_no = sum(1 for v in verdicts if v == "**not reproduced**")
n_info = sum(1 for v in verdicts if v == "info")
n_unchecked = sum(1 for v in verdicts if v.startswith("not checked"))
if n_ok + n_no + n_info + n_unchecked != len(rows) or not rows:
    die("unexpected rows in the --markdown report (%d rows, verdicts %s)"
        % (len(rows), sorted(set(verdicts))))
findings = []
for l in rows:
    f = l.split("|")[1].strip()
    if f not in findings:
        findings.append(f)

out = []
w = out.append
cmd_shown = " ".join([shown] + args)
w(BEGIN)
w("## The literature panel")
w("")
w("<!-- Generated by tools/update-literature-doc.sh (tools/update-validation-doc.sh runs it)")
w("     from `relapselab validate claims/literature --markdown`. Edit only the notes block")
w("     after the table (between literature-notes:begin and literature-notes:end). -->")
w("")
w("Beyond the seed study, the model is run against the field's established findings on the")
w("same circuit: the literature panel, `../shared/science/PANEL.md` (L1–L11, outside this")
w("repository). Each finding is a claims file in [`%s/`](../%s/) (L1–L3 one per" % (folder, folder))
w("paradigm, `a` conditioned place preference and `b` self-administration), with its")
w("protocol in [`examples/literature/`](../examples/literature/) (L9–L11 use the seed")
w("study's); each protocol's opening comment gives the source, what was verified in it and")
w("what had to be chosen. Targets are the panel's: a check holds in **≥ 80 %** of virtual")
w("studies. *info* rows are secondary readings (the same effect by another test, a point")
w("estimate beside an equivalence test) or reports, without a target, and their rate")
w("column is not a verdict; *not checked* rows are criteria of the panel that the claims")
w("engine cannot test, with the capability it lacks. The model was not tuned to any of")
w("these findings: this is a measurement, and where the model fails a finding the table")
w("says so.")
w("")
w("| | |")
w("|---|---|")
w("| command | `%s` |" % cmd_shown)
w("| seed | %s (studies use seeds %s..%d) |" % (seed, seed, int(seed) + int(replicates) - 1))
w("| replicates | %s virtual studies per claims file |" % replicates)
w("| date | %s |" % datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
ver = subprocess.run([binary, "version"], stdout=subprocess.PIPE, check=True).stdout
w("| version | `%s`, commit %s |" % (ver.decode().strip(), commit()))
machine = "%s, %d CPUs" % (platform.machine(), os.cpu_count() or 0)
if cpu_model():
    machine += " (%s)" % cpu_model()
w("| machine | %s |" % machine.replace("|", "\\|"))
w("| wall time | %.0f s for the %d files; default threads (2) |" % (wall, len(findings)))
w("| rows | %d checks with a target: %d reproduced, %d not reproduced; %d info rows; "
  "%d criteria not checked |" % (n_ok + n_no, n_ok, n_no, n_info, n_unchecked))
w("")
w("Rate: the share of studies in which the check holds, with its Wilson 95 % interval;")
w("effect: the check's estimate (Hedges' g, d_z, a ratio A/B, a slope, a statistic of the")
w("group), mean over studies and its 2.5–97.5 % range.")
w("")
out.extend(table)
w(END)
if notes is None:
    note_lines = PLACEHOLDER.split("\n")
else:
    note_lines = lines[notes[0]:notes[1] + 1]

if gen is not None:
    new = lines[:gen[0]] + out + lines[gen[1] + 1:]
    if notes is None:
        at = gen[0] + len(out)
        new = new[:at] + note_lines + new[at:]
else:
    if notes is not None:  # notes without the generated block: put the block before them
        new = lines[:notes[0]] + out + lines[notes[0]:]
    else:
        tail = lines
        while tail and tail[-1] == "":
            tail = tail[:-1]
        new = tail + [""] + out + note_lines + [""]
tmp = doc_path + ".tmp"
with open(tmp, "w", encoding="utf-8") as f:
    f.write("\n".join(new))
os.replace(tmp, doc_path)
print("updated the literature panel in %s (%d files, %d rows, %.0f s)"
      % (doc_path, len(findings), len(rows), wall))
PYTHON
