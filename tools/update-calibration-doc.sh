#!/bin/sh
# The calibration/generalisation report of issue 11: run the two calibrations of
# docs/CALIBRATION.md ("Generalisation": step 2, the seed claims + the odd half of the
# literature panel with the even half held out; step 3, the final fit on the seed claims +
# the whole panel), re-check each best point and the reference values on fresh seeds, and
# write the section "Calibration and generalisation" of docs/VALIDATION.md (between the lines
# <!-- calibration:begin --> and <!-- calibration:end -->).
#
# Usage: tools/update-calibration-doc.sh [path/to/relapselab]   (default build/relapselab)
# Environment (the documented run uses the defaults):
#   PARAMS            the parameters searched, separated by commas or spaces (default: the
#                     output of `relapselab params --basis calibrated`)
#   DESIGN            Latin-hypercube points (default 64)     LOCAL  Nelder-Mead iterations
#                     (default 200)
#   REPLICATES        virtual studies per file and evaluation of the search (default 20)
#   SEED              the search's first seed (default 1): its studies use SEED..SEED+R-1
#   CHECK_REPLICATES  virtual studies of the check on fresh seeds (default 100): `validate
#                     --seed SEED+REPLICATES --replicates CHECK_REPLICATES --json` of every
#                     file, at the reference values and at each best point (`--set ...`)
#   FINAL=0           skip the final fit (step 3)
#   OUT_DIR           where VALIDATION.md is (default docs)
#   JSON_DIR          where the searches' JSON documents go (default build/calibration:
#                     calibration-half.json, calibration-final.json; every evaluation)
#   SEED_CLAIMS       the seed claims file (default claims/gutierrez2014.yaml)
#   PANEL_CAL, PANEL_HOLDOUT   the panel's calibration and hold-out files, separated by
#                     spaces (default: the fixed split of docs/CALIBRATION.md, odd findings
#                     L1, L3, L5, L7, L9, L11 and even findings L2, L4, L6, L8, L10 of
#                     claims/literature). For tests and trials only: the section says so.
#
# Runs: the two `relapselab calibrate` commands (their cost: docs/CALIBRATION.md, Cost, and
# docs/DEVELOPING.md), then 2 or 3 `relapselab validate` runs of all the files on the fresh
# seeds (the reference, each best point). The search's own seeds flatter its best point (the
# winner's curse, docs/CALIBRATION.md, Limits): the section's rates and losses are the fresh
# ones; the search's losses are given as run facts only.
#
# Writes only that section: the rest of VALIDATION.md is kept byte for byte; a document
# without the markers gets the section inserted before the sensitivity section (or appended
# when that is absent too). Nothing is written if a parameter is unknown, the markers are
# broken, or any run fails; the document is replaced atomically (temporary file, then
# rename). Nothing here adopts the result: the parameter table (include/relapselab/params.h)
# changes only by hand, with the basis "calibrated" and this section cited. Needs python3
# (standard library).
set -eu

doc_name=update-calibration-doc
doc_bin=${1:-}
. "$(dirname "$0")/doc-setup.sh"

exec python3 - "$bin" "$shown" <<'PYTHON'
import datetime
import json
import math
import os
import platform
import re
import sys
import time
sys.path.insert(0, os.path.join(os.getcwd(), "tools"))
from docmeta import (cell, commit, cpu_model, line_offsets, marker_span, messages,
                     read_doc, run_tool, write_atomically)

binary, shown = sys.argv[1:3]
env = os.environ.get
BEGIN, END = "<!-- calibration:begin -->", "<!-- calibration:end -->"
SENS_BEGIN = "<!-- sensitivity:begin -->"
L = "claims/literature/"
DEFAULT_CAL = [L + f for f in (
    "L01a-stress-cpp.yaml", "L01b-stress-sa.yaml", "L03a-kor-agonist-cpp.yaml",
    "L03b-kor-agonist-sa.yaml", "L05-unit-dose-law.yaml", "L07-da-unit-dose.yaml",
    "L09-gradual-extinction.yaml", "L11-individual-differences.yaml")]
DEFAULT_HOLDOUT = [L + f for f in (
    "L02a-prime-cpp.yaml", "L02b-prime-sa.yaml", "L04-naltrexone-cue.yaml",
    "L06-dopamine-genotypes.yaml", "L08-prime-dose.yaml", "L10-food-operant.yaml")]
EDGE = 0.02  # a best value within 2 % of its range (on the search's scale) is at an edge


die, say = messages("update-calibration-doc")


def count(name, default, least):
    value = env(name, default)
    if not re.fullmatch(r"[0-9]+", value) or int(value) < least:
        die("%s must be an integer >= %d (got '%s')" % (name, least, value))
    return value


design = count("DESIGN", "64", 0)
local = count("LOCAL", "200", 0)
replicates = count("REPLICATES", "20", 1)
seed = count("SEED", "1", 0)
check_replicates = count("CHECK_REPLICATES", "100", 1)
final_on = env("FINAL", "1") != "0"
out_dir = env("OUT_DIR", "docs")
json_dir = env("JSON_DIR", "build/calibration")
seed_claims = env("SEED_CLAIMS", "claims/gutierrez2014.yaml")
custom_split = env("PANEL_CAL") is not None or env("PANEL_HOLDOUT") is not None
cal_files = env("PANEL_CAL", " ".join(DEFAULT_CAL)).split()
holdout_files = env("PANEL_HOLDOUT", " ".join(DEFAULT_HOLDOUT)).split()
if not cal_files or not holdout_files:
    die("PANEL_CAL and PANEL_HOLDOUT must each name at least one claims file")
for f in [seed_claims] + cal_files + holdout_files:
    if not os.path.isfile(f):
        die("claims file '%s' not found; nothing was run or written" % f)
fresh_seed = str(int(seed) + int(replicates))
doc_path = os.path.join(out_dir, "VALIDATION.md")


def tool_ok(args):
    code, out, err = run_tool(binary, args)
    if code != 0:
        sys.stderr.write(err)
        die("`%s` failed with exit status %d; nothing was written"
            % (" ".join([shown] + args), code))
    return out


# ---- the document and its markers, checked before any run ----
doc = read_doc(doc_path, die)


span = marker_span(doc, BEGIN, END, lambda m: die("%s: %s" % (doc_path, m)))

# ---- the parameters ----
table = {}
for line in tool_ok(["params"]).splitlines():
    fields = line.split()
    if len(fields) >= 2:
        table[fields[0]] = fields[1]
if env("PARAMS", "").strip():
    names = env("PARAMS").replace(",", " ").split()
    source = "`PARAMS`: a chosen list, not all the calibrated values"
else:
    names = tool_ok(["params", "--basis", "calibrated"]).split()
    source = "`relapselab params --basis calibrated`"
if not names:
    die("no parameter to search")
unknown = [n for n in names if n not in table]
if unknown:
    die("not a parameter: %s (see `%s params`); nothing was run or written"
        % (", ".join(unknown), shown))
if len(set(names)) != len(names):
    die("a parameter is named twice in PARAMS")
params_arg = ",".join(names)

# ---- the runs ----
os.makedirs(json_dir, exist_ok=True)
SEARCH = ["--params", params_arg, "--design", design, "--local", local,
          "--replicates", replicates, "--seed", seed]
t_start = time.monotonic()


def calibrate(files, holdout, name):
    path = os.path.join(json_dir, name)
    args = ["calibrate"] + files + (["--holdout"] + holdout if holdout else []) + SEARCH \
        + ["--out", path]
    say("running `%s` (this is the long part)" % " ".join([shown] + args))
    t0 = time.monotonic()
    tool_ok(args)
    wall = time.monotonic() - t0
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        die("cannot read %s: %s" % (path, e))
    return {"args": args, "json": path, "data": data, "wall": wall}


def validate(files, setting):
    args = ["validate"] + files + ["--replicates", check_replicates, "--seed", fresh_seed,
                                   "--json"] + (setting.split() if setting else [])
    say("checking on fresh seeds: %s" % " ".join([shown] + args))
    t0 = time.monotonic()
    out = tool_ok(args)
    try:
        data = json.loads(out)
    except ValueError as e:
        die("the JSON of `%s` does not parse: %s" % (" ".join([shown] + args), e))
    if isinstance(data, dict):
        data = [data]
    if len(data) != len(files):
        die("`%s` reported %d files for %d" % (" ".join([shown] + args), len(data), len(files)))
    return {"args": args, "data": data, "wall": time.monotonic() - t0}


step1 = calibrate([seed_claims] + cal_files, holdout_files, "calibration-half.json")
all_files = [seed_claims] + sorted(cal_files + holdout_files)
step2 = calibrate(all_files, None, "calibration-final.json") if final_on else None
check_files = [seed_claims] + cal_files + holdout_files
checks = [("reference", None, validate(check_files, None)),
          ("step 2 best", step1["data"]["best"]["set"],
           validate(check_files, step1["data"]["best"]["set"]))]
if step2:
    checks.append(("step 3 best", step2["data"]["best"]["set"],
                   validate(check_files, step2["data"]["best"]["set"])))
elapsed = time.monotonic() - t_start


# ---- summaries of the fresh checks ----
def file_summary(v):
    """(loss, rows met, rows with a target, passes) of one file's validate JSON; the loss is
    docs/CALIBRATION.md's: the mean over the rows with a target and the magnitudes with a
    range of the squared shortfall (a magnitude's: its distance outside the range in units
    of the range's width). Rows met and passes count the check rows only."""
    rows = [c for c in v["claims"] if c["target"] is not None]
    mags = [m for m in v.get("magnitudes", []) if "range" in m]
    if not rows and not mags:
        return 0.0, 0, 0, None
    s = 0.0
    for c in rows:
        gap = (c["rate"] - c["target"] if c["expect"] == "no_difference"
               else c["target"] - c["rate"])
        s += max(0.0, gap) ** 2
    for m in mags:
        lo, hi = m["range"]
        x = m["mean"]
        s += 1.0 if x is None else (max(0.0, lo - x, x - hi) / (hi - lo)) ** 2
    met = sum(1 for c in rows if c["meets_target"])
    return (s / (len(rows) + len(mags)), met, len(rows),
            (met == len(rows)) if rows else None)


summ = [[file_summary(v) for v in chk[2]["data"]] for chk in checks]


def g(x):
    return "%.6g" % x


def position(p, x):
    lo, hi = p["lo"], p["hi"]
    if p["scale"] == "log":
        return (math.log(x) - math.log(lo)) / (math.log(hi) - math.log(lo))
    return (x - lo) / (hi - lo)


def best_cell(p, x):
    u = position(p, x)
    if u <= EDGE:
        return "**%s** (lower edge)" % g(x)
    if u >= 1 - EDGE:
        return "**%s** (upper edge)" % g(x)
    return g(x)


def search_facts(run, label):
    d = run["data"]
    loc = d.get("local")
    why = {"size": "the simplex's size fell below the tolerance",
           "iterations": "the iteration limit", "no progress": "GSL could not go on"}
    stop = ("no local search" if not loc else
            "%s, after %d iterations (simplex size %s)"
            % (why.get(loc["stop"], loc["stop"]), loc["iterations"], g(loc["size"])))
    ref_loss = d["evaluations"][0]["loss"]
    return ("| %s | `%s` (%.0f s); %d evaluations; stopped by: %s; loss on the search's seeds "
            "%s → %s (evaluation %d) |"
            % (label, " ".join([shown] + run["args"]), run["wall"], len(d["evaluations"]),
               stop, g(ref_loss), g(d["best"]["loss"]), d["best"]["evaluation"]))


# ---- the section ----
out = []
w = out.append
now = datetime.datetime.now(datetime.timezone.utc)
n_seed = 1
n_cal = n_seed + len(cal_files)
w(BEGIN)
w("## Calibration and generalisation")
w("")
w("<!-- Generated by tools/update-calibration-doc.sh; do not edit by hand (the script")
w("     overwrites this section and leaves the rest of the document as it is). -->")
w("")
w("The procedure of docs/CALIBRATION.md (Generalisation): **step 2** calibrates on the seed")
w("claims and one half of the literature panel and holds the other half out; **step 3** (the")
w("final fit) calibrates on the seed claims and the whole panel. Each best point, and the")
w("reference (the parameter table's values), is then validated on **fresh seeds** the")
w("searches did not use: those are the numbers below (the search's own losses flatter its")
w("best point). Loss: docs/CALIBRATION.md's, per file; *met*: rows meeting their target, of")
w("the rows with one. Nothing here changes the model: a best value is adopted only by")
w("editing the parameter table (basis *calibrated*, citing this section).")
if custom_split:
    w("")
    w("**Trial run:** the claims files were chosen with `PANEL_CAL`/`PANEL_HOLDOUT`, not the")
    w("fixed split of docs/CALIBRATION.md.")
w("")
w("| | |")
w("|---|---|")
w(search_facts(step1, "step 2 (half)"))
if step2:
    w(search_facts(step2, "step 3 (final)"))
else:
    w("| step 3 (final) | not run (`FINAL=0`) |")
w("| check | `%s validate FILES... --replicates %s --seed %s --json` of all the files below, "
  "at the reference and with each best point's `--set` options (%d runs) |"
  % (shown, check_replicates, fresh_seed, len(checks)))
w("| seeds | search: %s..%d (R = %s, the same in every evaluation); check: %s..%d "
  "(R = %s) |" % (seed, int(seed) + int(replicates) - 1, replicates, fresh_seed,
                  int(fresh_seed) + int(check_replicates) - 1, check_replicates))
w("| parameters | %d (%s) |" % (len(names), source))
w("| date | %s |" % now.strftime("%Y-%m-%d %H:%M UTC"))
w("| version | `%s`, commit %s |" % (tool_ok(["version"]).strip(), commit()))
machine = "%s, %d CPUs" % (platform.machine(), os.cpu_count() or 0)
if cpu_model():
    machine += " (%s)" % cpu_model()
w("| machine | %s |" % cell(machine))
w("| wall time | %.0f s in all (checks %.0f s); default threads (2) |"
  % (elapsed, sum(c[2]["wall"] for c in checks)))
w("| evaluations | %s (JSON, every evaluation) |"
  % ", ".join("`%s`" % r["json"] for r in (step1, step2) if r))
w("")

w("### Parameters")
w("")
w("Range and scale as searched; **bold**: a best value within %d %% of its range's edge (on"
  % round(100 * EDGE))
w("the search's scale), where the data push beyond the range (docs/CALIBRATION.md, Limits).")
w("")
w("| parameter | range | scale | reference | best, step 2 | best, step 3 |")
w("|---|---|---|---:|---:|---:|")
p2 = {p["name"]: p for p in step2["data"]["parameters"]} if step2 else {}
for p in step1["data"]["parameters"]:
    w("| `%s` | [%s, %s] | %s | %s | %s | %s |"
      % (p["name"], g(p["lo"]), g(p["hi"]), p["scale"], g(p["reference"]),
         best_cell(p, p["best"]),
         best_cell(p2[p["name"]], p2[p["name"]]["best"]) if p["name"] in p2 else "—"))


def at_edge(p):
    u = position(p, p["best"])
    return min(u, 1 - u) <= EDGE


edges = [p["name"] for p in step1["data"]["parameters"] if at_edge(p)]
edges2 = [n for n, p in p2.items() if at_edge(p)]
w("")
w("At a range's edge: step 2 %s; step 3 %s."
  % (", ".join("`%s`" % n for n in edges) or "none",
     (", ".join("`%s`" % n for n in edges2) or "none") if step2 else "not run"))
w("")
for label, setting, _ in checks[1:]:
    w("The best point of %s:" % label.replace(" best", ""))
    w("")
    w("```")
    w(setting)
    w("```")
    w("")

w("### Claims files on fresh seeds")
w("")
w("Loss and rows met (of the rows with a target) at the reference and at each best point;")
w("*held out*: files step 2 did not search on (step 3 searched on every file).")
w("")
head = ["file", "in step 2", "reference"] + [c[0] for c in checks[1:]]
w("| " + " | ".join(head) + " |")
w("|---|---|" + "---:|" * (len(head) - 2))
for i, f in enumerate(check_files):
    role = "calibrated on" if i < n_cal else "held out"
    cells = ["`%s`" % f, role]
    for s in summ:
        loss, met, n, _ = s[i]
        cells.append("%.4f, %d/%d" % (loss, met, n))
    w("| " + " | ".join(cells) + " |")
for role, lo, hi in (("calibrated on", 0, n_cal), ("held out", n_cal, len(check_files))):
    cells = ["**total, %s**" % role, ""]
    for s in summ:
        cells.append("%.4f, %d/%d" % (sum(x[0] for x in s[lo:hi]), sum(x[1] for x in s[lo:hi]),
                                      sum(x[2] for x in s[lo:hi])))
    w("| " + " | ".join(cells) + " |")
w("")
w("Panel findings passing (every row with a target met; a finding is one claims file):")
w("")
w("| | reference | " + " | ".join(c[0] for c in checks[1:]) + " |")
w("|---|" + "---:|" * len(checks))
for role, lo, hi in (("calibration half", n_seed, n_cal),
                     ("hold-out half", n_cal, len(check_files)),
                     ("whole panel", n_seed, len(check_files))):
    cells = [role]
    for s in summ:
        with_target = [x for x in s[lo:hi] if x[3] is not None]
        cells.append("%d of %d" % (sum(1 for x in with_target if x[3]), len(with_target)))
    w("| " + " | ".join(cells) + " |")
w(END)
block = "\n".join(out) + "\n"

# ---- the write: the rest of the document byte for byte ----
if span is not None:
    new = doc[:span[0]] + block + doc[span[1]:]
else:
    sens = [o for o, l in line_offsets(doc) if l.strip() == SENS_BEGIN]
    if len(sens) == 1:
        new = doc[:sens[0]] + block + "\n" + doc[sens[0]:]
    else:
        new = doc + ("" if doc.endswith("\n") or not doc else "\n") + "\n" + block
write_atomically(doc_path, new)
print("updated the calibration section of %s (%d parameters, %.0f s)"
      % (doc_path, len(names), elapsed))
PYTHON
