#!/bin/sh
# Regenerate docs/VALIDATION.md and docs/validation.json: run `relapselab validate` on the
# seed study (300 virtual studies, seed 1), keep the report verbatim, and build the claims
# table, the c-Fos (S8) table and the list of claims that miss their target from the JSON.
#
# Usage: tools/update-validation-doc.sh [path/to/relapselab]      (default build/relapselab)
# Environment (for quick trials; the documented run uses the defaults):
#   REPLICATES  virtual studies (default 300)     SEED  first seed (default 1)
#   OUT_DIR     where VALIDATION.md and validation.json go (default docs)
#
# The block between <!-- notes:begin --> and <!-- notes:end --> in the old VALIDATION.md
# (the hand-written explanation of what does not reproduce) is carried over unchanged;
# everything else is regenerated. Nothing is written if a run fails. Needs python3
# (standard library only). Review `git diff docs/VALIDATION.md` afterwards.
set -eu

bin=${1:-build/relapselab}
case $bin in
    /*) ;;
    *) bin=$(pwd)/$bin ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ ! -x "$bin" ]; then
    echo "update-validation-doc: '$bin' is not an executable (build first, or pass the binary)" >&2
    exit 1
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "update-validation-doc: python3 is required" >&2
    exit 1
fi

# The command as shown in the document: the binary relative to the repository root.
case $bin in
    "$root"/*) shown=${bin#"$root"/} ;;
    *) shown=$bin ;;
esac

exec python3 - "$bin" "$shown" "${REPLICATES:-300}" "${SEED:-1}" "${OUT_DIR:-docs}" <<'PYTHON'
import datetime
import json
import os
import platform
import subprocess
import sys
import time

binary, shown, replicates, seed, out_dir = sys.argv[1:6]
claims_file = "claims/gutierrez2014.yaml"
protocol = "examples/gutierrez2014.yaml"
args = ["validate", claims_file, "--replicates", replicates, "--seed", seed]
doc_path = os.path.join(out_dir, "VALIDATION.md")
json_path = os.path.join(out_dir, "validation.json")
NOTES_BEGIN = "<!-- notes:begin -->"
NOTES_END = "<!-- notes:end -->"
PLACEHOLDER = """{begin}
_Notes (kept across regenerations: tools/update-validation-doc.sh preserves this block).
Explain here, claim by claim, why the claims listed above do not reproduce: which mechanism
should produce the effect, what the model does instead, and what calibration or model change
is planned._
{end}""".format(begin=NOTES_BEGIN, end=NOTES_END)


def die(msg):
    sys.stderr.write("update-validation-doc: %s\n" % msg)
    sys.exit(1)


def run(extra):
    cmd = [binary] + args + extra
    t0 = time.monotonic()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.monotonic() - t0
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
        die("`%s` failed with exit status %d" % (" ".join(cmd), proc.returncode))
    return proc.stdout.decode("utf-8"), wall


def old_notes():
    """The notes block of the existing document (markers included), or the placeholder."""
    try:
        with open(doc_path, encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        return PLACEHOLDER
    lines = text.split("\n")
    begins = [i for i, l in enumerate(lines) if l.strip() == NOTES_BEGIN]
    ends = [i for i, l in enumerate(lines) if l.strip() == NOTES_END]
    if not begins and not ends:
        return PLACEHOLDER
    if len(begins) != 1 or len(ends) != 1 or ends[0] < begins[0]:
        die("%s: expected one '%s' line followed by one '%s' line; fix the markers by hand "
            "so the notes are not lost" % (doc_path, NOTES_BEGIN, NOTES_END))
    return "\n".join(lines[begins[0]:ends[0] + 1])


def version():
    out = subprocess.run([binary, "version"], stdout=subprocess.PIPE, check=True)
    return out.stdout.decode().strip()


def commit():
    """Short commit hash, with a note when tracked files differ from it (read-only git)."""
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


def cell(s):
    return str(s).replace("|", "\\|")


def pct(x):
    return "%.0f %%" % (100.0 * x)


def signed(x):
    return ("%+.2f" % x).replace("-", "−")


def fmt_p(p):
    return "< 0.001" if p < 0.001 else "%.3g" % p


# "status": "finding" = a finding of the study (S1-S7), "not_reported" = a difference it did not
# report (N), "secondary" = a secondary analysis shown for information, without a target.
def is_secondary(c):
    return c["status"] == "secondary"


def target_text(c):
    if is_secondary(c):
        return "— (secondary)"
    return ("≤ " if c["kind"] == "null" else "≥ ") + pct(c["target"])


def met_text(c):
    if is_secondary(c):
        return "—"
    return "yes" if c["meets_target"] else "**no**"


# ---- run (the old notes are read first: broken markers stop before the long runs) ----
notes = old_notes()
report, wall_text = run([])
json_text, wall_json = run(["--json"])
try:
    data = json.loads(json_text)
except ValueError as e:
    die("the --json report does not parse: %s" % e)
claims = data["claims"]
n_rep = data["replicates"]

# Claims whose text is shared by several rows (S7) name their measure.
texts = {}
for c in claims:
    texts.setdefault((c["id"], c["claim"]), set()).add(c["measure"])


def claim_text(c):
    t = c["claim"]
    if len(texts[(c["id"], c["claim"])]) > 1:
        t += " — " + c["measure"]
    return t


def rate_text(c):
    s = pct(c["rate"])
    if "rate_lo" in c:
        s += " [%.0f–%.0f]" % (100 * c["rate_lo"], 100 * c["rate_hi"])
    if c["studies"] != n_rep:
        s += " (of %d)" % c["studies"]
    return s


def effect_text(c):
    e = c["effect"]
    if e["measure"] in ("percent_acquiring_min", "percent_meeting_min"):
        return "least-acquiring line: %.0f %% of mice [%.0f, %.0f]" % (e["mean"], e["lo"], e["hi"])
    return "%s [%s, %s]" % (signed(e["mean"]), signed(e["lo"]), signed(e["hi"]))


# ---- document ----
out = []
w = out.append
now = datetime.datetime.now(datetime.timezone.utc)
cmd_shown = " ".join([shown] + args)
w("# Validation: does the seed study's phenotype matrix emerge?")
w("")
w("<!-- Generated by tools/update-validation-doc.sh from `relapselab validate`. Edit only")
w("     the notes block at the end (between the notes:begin and notes:end markers): the")
w("     script keeps it and overwrites everything else. -->")
w("")
w("The model is validated against its founding case, the seed study Gutiérrez-Cuesta et al.")
w("(2014), *Neuropsychopharmacology* 39:2974: constitutive knockouts of MOR (Oprm1), DOR")
w("(Oprd1), proenkephalin (Penk) and prodynorphin (Pdyn), each against its wild-type")
w("littermates, self-administering cocaine or chocolate pellets, then a progressive-ratio")
w("test, extinction and cue-induced reinstatement. Its findings — claims S1–S8 of the science")
w("brief (`../shared/science/BRIEF.md` §1, outside this repository) — must *emerge* from")
w("the mechanisms: a knockout only removes a gene product, nothing behavioural is set per")
w("genotype.")
w("")
w("The claims are data: [`%s`](../%s) states each one (groups, measure, test," % (claims_file, claims_file))
w("expected result, target; the format is docs/CLAIMS.md). `relapselab validate` runs the")
w("seed-study protocol (`%s`, n per group as in the protocol) many times as" % protocol)
w("independent **virtual studies** (study *r* uses seed *S* + *r*), applies the lab's")
w("analysis to each study, and counts how often each claim holds. Knockout groups are")
w("compared with the wild-type group of the same line and reinforcer; tests are two-sided at")
w("p < 0.05 (the tests per measure are listed under the report below). Targets:")
w("")
w("- **positive claims** (S1–S6): the claim holds — p < 0.05 in the stated direction — in")
w("  **≥ 80 %** of studies (S1: ≥ 50 % of the mice of every knockout line meet the")
w("  acquisition criteria, in ≥ 80 % of studies);")
w("- **null claims** (S7: food-maintained responding shows no genotype difference; N:")
w("  differences the study did not report): a difference (p < 0.05) appears in **≤ 10 %** of")
w("  studies;")
w("- rows marked *secondary* are other analyses of a claim, shown for information only;")
w("- **S8** (c-Fos after the reinstatement test) is reported per region and knockout line,")
w("  without a target: the paper reports differential activation, not a pattern to match.")
w("")
w("With 10 mice per group, a two-sided t-test reaches 80 % power only for effects of about")
w("g ≥ 1.3, so a positive claim meets its target only if the model's effect is large.")
w("")
w("## Run")
w("")
w("| | |")
w("|---|---|")
w("| command | `%s` (report) and the same with `--json` (`%s`) |" % (cmd_shown, json_path))
w("| seed | %s (studies use seeds %s..%d) |" % (seed, seed, int(seed) + n_rep - 1))
w("| replicates | %d virtual studies |" % n_rep)
w("| date | %s |" % now.strftime("%Y-%m-%d %H:%M UTC"))
w("| version | `%s`, commit %s |" % (version(), commit()))
machine = "%s, %d CPUs" % (platform.machine(), os.cpu_count() or 0)
if cpu_model():
    machine += " (%s)" % cpu_model()
w("| machine | %s |" % cell(machine))
w("| wall time | %.1f s (report), %.1f s (`--json`); default threads (2) |"
  % (wall_text, wall_json))
w("| rows missing their target | %d findings of the study (S1–S7), %d differences it did "
  "not report (N); `failures` in the JSON: %d |"
  % (sum(1 for c in claims if c["status"] == "finding" and not c["meets_target"]),
     sum(1 for c in claims if c["status"] == "not_reported" and not c["meets_target"]),
     data["failures"]))
w("")
w("## Report")
w("")
w("```")
w(report.rstrip("\n"))
w("```")
w("")
w("## Claims table")
w("")
w("Generated from `%s`. Rate: share of studies in which the claim holds (a difference," % json_path)
w("for a null claim), with its Wilson 95 % interval in brackets: over 50 studies a rate of 14 %")
w("is compatible with 7–26 %. Effect: Hedges' g (KO − WT), mean over studies and 95 %")
w("interval; study 1: the first virtual study's group means ± SEM and p. Reinstatement values are the")
w("increase from the last extinction sessions to the test.")
w("")
w("| id | claim | pair | rate | target | met? | effect g mean [95 % interval] "
  "| study 1 WT mean ± SEM | KO mean ± SEM | p |")
w("|---|---|---|---:|---|---|---|---:|---:|---:|")
for c in claims:
    s1 = c.get("study1")
    if s1 is not None:
        wt = "%.1f ± %.1f" % (s1["wt"]["mean"], s1["wt"]["sem"])
        ko = "%.1f ± %.1f" % (s1["ko"]["mean"], s1["ko"]["sem"])
        p = fmt_p(s1["p"])
    else:
        wt = ko = p = "—"
    w("| %s |" % " | ".join(cell(x) for x in [
        c["id"], claim_text(c), c["pair"], rate_text(c), target_text(c),
        met_text(c), effect_text(c), wt, ko, p]))
w("")

calib = data.get("calibration", [])
if calib:
    w("## Test calibration: wild type against wild type")
    w("")
    w("The study's four wild-type cocaine groups (and its four chocolate groups) are the same")
    w("biology with independent mice, so comparing two of them with a null claim's test shows")
    w("how often that test finds a difference where there is none — the level a null claim's")
    w("rate is to be read against (5 % for an exact test). Comparisons of one study share")
    w("groups, so the Wilson interval in brackets is somewhat too narrow.")
    w("")
    w("| reinforcer | measure | WT vs WT differences (p < 0.05) | comparisons |")
    w("|---|---|---:|---:|")
    for x in calib:
        w("| %s | %s | %.1f %% [%.1f–%.1f] | %d |" % (cell(x["reinforcer"]), x["measure"],
          100 * x["rate"], 100 * x["rate_lo"], 100 * x["rate_hi"], x["comparisons"]))
    w("")

fos = [x for x in data.get("reports", []) if x.get("measure") == "activity"]
if fos:
    pairs, regions = [], []
    table = {}
    for x in fos:
        if x["pair"] not in pairs:
            pairs.append(x["pair"])
        if x["region"] not in regions:
            regions.append(x["region"])
        table[(x["region"], x["pair"])] = x
    w("## S8: predicted c-Fos after the reinstatement test")
    w("")
    w("Activity index of each region in the reinstatement session (arbitrary units, see")
    w("docs/MODEL.md [FOS-1]), knockout vs wild-type littermates, t-test per region. Each cell:")
    w("the direction that reached p < 0.05 in more studies (↑ KO > WT, ↓ KO < WT, = tied), the")
    w("share of studies in which it did, and the KO/WT ratio of the means in study 1. **Bold**:")
    w("a difference in at least half of the studies.")
    w("")
    w("| region | %s |" % " | ".join(cell(p) for p in pairs))
    w("|---|" + "---|" * len(pairs))
    for r in regions:
        cells = []
        for p in pairs:
            x = table.get((r, p))
            if x is None:
                cells.append("")
                continue
            hi, lo = x["higher"], x["lower"]
            if hi > lo:
                d = "↑ %s" % pct(hi)
            elif lo > hi:
                d = "↓ %s" % pct(lo)
            else:
                d = "= (%s each way)" % pct(hi) if hi > 0 else "="
            if max(hi, lo) >= 0.5:
                d = "**%s**" % d
            cells.append("%s, ratio %.2f" % (d, x["study1_ratio"]))
        w("| %s | %s |" % (cell(r), " | ".join(cells)))
    w("")

w("## What does not reproduce")
w("")
missed = [c for c in claims if not c["meets_target"] and not is_secondary(c)]
reported = [c for c in missed if c["status"] == "finding"]
unreported = [c for c in missed if c["status"] == "not_reported"]


def miss_line(c):
    return ("- **%s** %s — %s: %s %s of studies (target %s); effect %s."
            % (c["id"], claim_text(c), c["pair"],
               "holds in" if c["kind"] == "positive" else "a difference in",
               rate_text(c), target_text(c), effect_text(c)))


if not missed:
    w("Every claim meets its target in this run.")
    w("")
else:
    if reported:
        w("Findings of the study that miss their target in this run (generated from the JSON):")
        w("")
        for c in reported:
            w(miss_line(c))
        w("")
    if unreported:
        w("Differences the study did not report that the model produces too often:")
        w("")
        for c in unreported:
            w(miss_line(c))
        w("")
w(notes)
w("")

os.makedirs(out_dir, exist_ok=True)
for path, text in ((json_path, json_text), (doc_path, "\n".join(out))):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)
print("updated %s and %s (%d studies, %.0f s)" % (doc_path, json_path, n_rep,
                                                 wall_text + wall_json))
PYTHON
