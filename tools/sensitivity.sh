#!/bin/sh
# Robustness of the validation to the calibrated values: each calibrated parameter at
# 0.8 x and 1.2 x its table value, one at a time, against the seed study's claims and the
# literature panel; the result is the section "Sensitivity" of docs/VALIDATION.md (between
# the lines <!-- sensitivity:begin --> and <!-- sensitivity:end -->): the rates of the seed
# claims and the panel's findings, then the seed claims' magnitudes (their priors' ranges,
# docs/CLAIMS.md) under the same runs, and which leave or enter their range.
#
# Usage: tools/sensitivity.sh [path/to/relapselab]      (default build/relapselab)
# Environment (the documented run uses the defaults):
#   REPLICATES        virtual studies of the seed claims per run (default 100)
#   PANEL_REPLICATES  virtual studies per panel claims file per run (default 50)
#   SEED              first seed of every run (default 1): all runs use the same studies
#   PARAMS            the parameters to perturb, separated by spaces (default: the output
#                     of `relapselab params --basis calibrated`)
#   PANEL=0           skip the literature panel (claims/literature)
#   OUT_DIR           where VALIDATION.md is (default docs)
#
# Runs, with the table's values (the reference) and then with `--set NAME=VALUE` for each
# parameter and factor:
#   relapselab validate --replicates REPLICATES --seed SEED --json          (seed claims)
#   relapselab validate claims/literature --replicates PANEL_REPLICATES --seed SEED --json
# that is 1 + 2 x (number of parameters) runs of each. Cost: about (1 + 2P) times one
# reference run of each; docs/DEVELOPING.md states the measured figure.
#
# Out of range: the tool refuses a --set value outside the parameter's plausible range
# (rl_params_set, params.h), and this script does not clip: such a perturbation is not run,
# and its row says so (the value and the range). A clipped run would be a smaller change
# filed under the ±20 % label; for a value at the edge of its range it would repeat the
# reference.
#
# Writes only that section: the rest of VALIDATION.md is kept byte for byte; a document
# without the markers gets the section appended at its end. Nothing is written if a name
# is not a parameter or a run fails (other than by the range refusal above); the document
# is replaced atomically (temporary file, then rename). Needs python3 (standard library).
# Review `git diff docs/VALIDATION.md` afterwards.
set -eu

doc_name=sensitivity
doc_bin=${1:-}
. "$(dirname "$0")/doc-setup.sh"

exec python3 - "$bin" "$shown" "${REPLICATES:-100}" "${PANEL_REPLICATES:-50}" "${SEED:-1}" \
    "${PARAMS-}" "${PANEL:-1}" "${OUT_DIR:-docs}" <<'PYTHON'
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import textwrap
import time
sys.path.insert(0, os.path.join(os.getcwd(), "tools"))
from docmeta import (cell, commit, cpu_model, line_offsets, marker_span, messages,
                     read_doc, run_tool, write_atomically)

binary, shown, replicates, panel_replicates, seed, params_env, panel_env, out_dir = sys.argv[1:9]
panel_on = panel_env != "0"
doc_path = os.path.join(out_dir, "VALIDATION.md")
BEGIN, END = "<!-- sensitivity:begin -->", "<!-- sensitivity:end -->"
FACTORS = (0.8, 1.2)
PANEL_DIR = "claims/literature"
SEED_ARGS = ["validate", "--replicates", replicates, "--seed", seed, "--json"]
PANEL_ARGS = ["validate", PANEL_DIR, "--replicates", panel_replicates, "--seed", seed, "--json"]


die, say = messages("sensitivity")
# The checkout's commit when the runs start (the binary is taken as built from it): a
# commit made during a run of twenty minutes or more must not be stamped on its results.
START_COMMIT = commit()


for name, value in (("REPLICATES", replicates), ("PANEL_REPLICATES", panel_replicates),
                    ("SEED", seed)):
    if not re.fullmatch(r"[0-9]+", value) or (name != "SEED" and int(value) < 1):
        die("%s must be a %s integer (got '%s')"
            % (name, "non-negative" if name == "SEED" else "positive", value))


# ---- the document and its markers, checked before any run ----
doc = read_doc(doc_path, die)


span = marker_span(doc, BEGIN, END, lambda m: die("%s: %s" % (doc_path, m)))

# ---- the parameters and their table values ----
code, out, err = run_tool(binary, ["params"])
if code != 0:
    sys.stderr.write(err)
    die("`%s params` failed with exit status %d" % (shown, code))
table = {}
for line in out.splitlines():
    fields = line.split()
    if len(fields) >= 2:
        table[fields[0]] = float(fields[1])  # printed with %g: the table's values are short
if params_env.strip():
    names = params_env.split()
    source = "`PARAMS`"
    what = "parameter named in `PARAMS` (a chosen list, not all the calibrated values)"
else:
    code, out, err = run_tool(binary, ["params", "--basis", "calibrated"])
    if code != 0:
        sys.stderr.write(err)
        die("`%s params --basis calibrated` failed with exit status %d" % (shown, code))
    names = out.split()
    source = "`relapselab params --basis calibrated`"
    what = ("calibrated parameter (`relapselab params --basis calibrated`: the *calibrated* "
            "rows of docs/MODEL.md's parameter table)")
if not names:
    die("no parameter to perturb")
unknown = [n for n in names if n not in table]
if unknown:
    die("not a parameter: %s (see `%s params`); nothing was run or written"
        % (", ".join(unknown), shown))
if len(set(names)) != len(names):
    die("a parameter is named twice in PARAMS")


# ---- runs ----
OUT_OF_RANGE = re.compile(r"parameter \S+ = (\S+) is outside its plausible range \[([^]]*)\]")
wall = {"seed": 0.0, "panel": 0.0}
n_runs = {"seed": 0, "panel": 0}


def validate(kind, setting):
    """The parsed JSON of one run (a list of objects for the panel), or the text of the
    range refusal (a str). Dies on any other failure."""
    args = (SEED_ARGS if kind == "seed" else PANEL_ARGS) + (["--set", setting] if setting else [])
    t0 = time.monotonic()
    code, out, err = run_tool(binary, args)
    wall[kind] += time.monotonic() - t0
    n_runs[kind] += 1
    if code != 0:
        m = OUT_OF_RANGE.search(err)
        if setting and m:
            return "outside the plausible range [%s]" % m.group(2)
        sys.stderr.write(err)
        die("`%s` failed with exit status %d; nothing was written"
            % (" ".join([shown] + args), code))
    try:
        data = json.loads(out)
    except ValueError as e:
        die("the JSON of `%s` does not parse: %s" % (" ".join([shown] + args), e))
    if kind == "panel" and isinstance(data, dict):
        data = [data]
    return data


def row_key(i, c):
    """A check row: its place in the claims file's rows (the same in every run of the file)
    and what describes it (id, measure, groups)."""
    return (i, c["id"], c["measure"], c.get("pair", ""))


def seed_summary(data):
    """{row key: (rate, meets, has target)} for every check row, and the largest null rate."""
    rows = {}
    for i, c in enumerate(data["claims"]):
        rows[row_key(i, c)] = (c["rate"], bool(c["meets_target"]), c["target"] is not None)
    nulls = [c["rate"] for c in data["claims"] if c["kind"] == "null" and c["target"] is not None]
    return rows, (max(nulls) if nulls else None)


def magnitudes(data):
    """[(label, mean, unit, range or None, inside or None)] of the seed claims' magnitudes."""
    return [(m["label"], m.get("mean"), m.get("unit", ""), m.get("range"), m.get("inside"))
            for m in data.get("magnitudes", [])]


def panel_summary(data):
    """{finding id: True (passes) / False (fails) / None (no check with a target)}."""
    verdict = {}
    for d in data:
        targeted = [c for c in d["claims"] if c["target"] is not None]
        verdict[d["id"]] = all(c["meets_target"] for c in targeted) if targeted else None
    return verdict


t_start = time.monotonic()
total = 1 + 2 * len(names)
say("reference run (1/%d)" % total)
ref_seed = validate("seed", None)
ref_rows, ref_null = seed_summary(ref_seed)
ref_mags = magnitudes(ref_seed)
ref_panel = panel_summary(validate("panel", None)) if panel_on else None
results = []  # (name, factor, value, refusal or None, rows, null, panel verdicts, magnitudes)
k = 1
for name in names:
    for factor in FACTORS:
        k += 1
        value = table[name] * factor
        say("%s x %g = %g (%d/%d)" % (name, factor, value, k, total))
        setting = "%s=%s" % (name, repr(value))
        data = validate("seed", setting)
        if isinstance(data, str):
            results.append((name, factor, value, data, None, None, None, None))
            continue
        rows, null = seed_summary(data)
        panel = panel_summary(validate("panel", setting)) if panel_on else None
        results.append((name, factor, value, None, rows, null, panel, magnitudes(data)))
elapsed = time.monotonic() - t_start

# ---- the section ----
claims_all = ref_seed["claims"]
# Columns: every positive check row of the seed claims (those without a target, e.g. a
# secondary reading, are shown for information), labelled by id, or id and pair when an
# id has several rows; null rows are summarised by the largest rate.
positives = [(i, c) for i, c in enumerate(claims_all) if c["kind"] == "positive"]
ids = [c["id"] for _, c in positives]
columns = []
for i, c in positives:
    label = c["id"] if ids.count(c["id"]) == 1 else "%s %s" % (c["id"], c["pair"])
    if c["target"] is None:
        label += " (no target)"
    columns.append((row_key(i, c), label))
null_target = [c["target"] for c in claims_all if c["kind"] == "null" and c["target"] is not None]
null_ids = []
for c in claims_all:
    if c["kind"] == "null" and c["target"] is not None and c["id"] not in null_ids:
        null_ids.append(c["id"])


def pct(x):
    return "—" if x is None else "%.0f %%" % (100.0 * x)


def lost(key, rows):
    """The row met its target at the reference and does not here."""
    r = ref_rows.get(key)
    return r is not None and r[2] and r[1] and key in rows and not rows[key][1]


def findings_passing(verdict):
    return sum(1 for v in verdict.values() if v)


out = []
w = out.append
now = datetime.datetime.now(datetime.timezone.utc)
w(BEGIN)
w("## Sensitivity: each calibrated value ±20 %")
w("")
w("<!-- Generated by tools/sensitivity.sh; do not edit by hand (the script overwrites this")
w("     section and leaves the rest of the document as it is). -->")
w("")
intro = (
    "How much do the results rest on the exact calibrated values? `tools/sensitivity.sh` "
    "sets each %s to 0.8 × and 1.2 × its table value, one at a time and for every "
    "mouse (`--set`), and reruns the seed study's claims %s with the same seeds as the "
    "reference run at the table values. Each row gives the rate of "
    "each positive seed claim, the largest rate among the null claims (%s; target ≤ %s), "
    "and the number of panel findings that pass (a finding is one claims file of `%s/`; "
    "it passes when every check with a target meets it), with the findings whose verdict "
    "differs from the reference (− lost, + gained). **Bold**: a cell that loses its "
    "target relative to the reference; for the largest null rate, some null claim that "
    "meets its target at the reference misses it (the Fragile list names it). A perturbed "
    "value outside the parameter's plausible range is refused by the tool and not run "
    "(no clipping): its row says so. **Fragile** (the list after the table): a claim or "
    "finding that meets its target at the reference but not with one value at ±20 %%. A "
    "rate a few points from its target can cross it by chance (over 100 studies a rate of "
    "80 %% has a 95 %% interval of about 71–87 %%): read a fragile entry with its rates."
    % (what, "and the literature panel" if panel_on
       else "(not the literature panel: this run has `PANEL=0`)",
       ", ".join(null_ids) or "none", pct(max(null_target)) if null_target else "—",
       PANEL_DIR))
out.extend(textwrap.wrap(intro, 92, break_on_hyphens=False))
w("")
w("| | |")
w("|---|---|")
w("| command | `%s` (seed claims)%s, each once with the table's values and once with "
  "`--set NAME=VALUE` per row%s |"
  % (" ".join([shown] + SEED_ARGS),
     " and `%s` (panel)" % " ".join([shown] + PANEL_ARGS) if panel_on else "",
     "" if panel_on else "; the panel was not run (`PANEL=0`)"))
w("| seed | %s (every run uses the same studies: seeds %s..%d) |"
  % (seed, seed, int(seed) + max(int(replicates), int(panel_replicates) if panel_on else 0) - 1))
w("| replicates | %s virtual studies (seed claims)%s |"
  % (replicates, ", %s per panel claims file" % panel_replicates if panel_on else ""))
w("| parameters | %d (%s) |" % (len(names), source))
w("| date | %s |" % now.strftime("%Y-%m-%d %H:%M UTC"))
ver = subprocess.run([binary, "version"], stdout=subprocess.PIPE, check=True).stdout
w("| version | `%s`, commit %s (at the start of the runs) |"
  % (ver.decode().strip(), START_COMMIT))
machine = "%s, %d CPUs" % (platform.machine(), os.cpu_count() or 0)
if cpu_model():
    machine += " (%s)" % cpu_model()
w("| machine | %s |" % cell(machine))
w("| wall time | %.0f s: %d seed-claims runs (%.0f s)%s; default threads (2) |"
  % (elapsed, n_runs["seed"], wall["seed"],
     ", %d panel runs (%.0f s)" % (n_runs["panel"], wall["panel"]) if panel_on else ""))
refused = sum(1 for r in results if r[3] is not None)
w("| not run | %d of %d perturbations (outside the plausible range) |" % (refused, len(results)))
w("")
head = ["parameter", "value"] + [cell(lab) for _, lab in columns] + ["largest null rate"]
if panel_on:
    head += ["panel passing (of %d)" % sum(1 for v in ref_panel.values() if v is not None),
             "panel verdicts changed"]
w("| " + " | ".join(head) + " |")
w("|---|---|" + "---:|" * (len(columns) + 1 + (1 if panel_on else 0)) + ("---|" if panel_on else ""))
ref_cells = ["**reference**", "table values"] + [pct(ref_rows[k][0]) for k, _ in columns]
ref_cells.append(pct(ref_null))
if panel_on:
    ref_cells += [str(findings_passing(ref_panel)), "—"]
w("| " + " | ".join(ref_cells) + " |")
fragile = {}  # row key or ("panel", finding) -> [(rate or None, name, factor, value)]
for name, factor, value, refusal, rows, null, panel, _ in results:
    cells = ["`%s`" % name, "× %g = %g" % (factor, value)]
    if refusal is not None:
        cells[1] += ": not run, %s" % refusal
        cells += ["—"] * (len(head) - 2)
        w("| " + " | ".join(cells) + " |")
        continue
    for key, label in columns:
        text = pct(rows[key][0]) if key in rows else "—"
        if lost(key, rows):
            text = "**%s**" % text
            fragile.setdefault(key, []).append((rows[key][0], name, factor, value))
        cells.append(text)
    null_lost = [key for key in ref_rows if key not in dict(columns) and lost(key, rows)]
    for key in null_lost:
        fragile.setdefault(key, []).append((rows[key][0], name, factor, value))
    cells.append(("**%s**" if null_lost else "%s") % pct(null))
    if panel_on:
        gone = [f for f, v in ref_panel.items() if v and panel.get(f) is False]
        came = [f for f, v in ref_panel.items() if v is False and panel.get(f)]
        for f in gone:
            fragile.setdefault(("panel", f), []).append((None, name, factor, value))
        cells.append(("**%d**" if gone else "%d") % findings_passing(panel))
        cells.append(", ".join(["−" + f for f in gone] + ["+" + f for f in came]) or "—")
    w("| " + " | ".join(cells) + " |")
w("")
w("**Fragile** (meets its target with the table's values, not with the value shown):")
w("")
if not fragile:
    w("none: every claim and finding that meets its target at the reference meets it with "
      "each value at ±20 % that was run.")
order = [k for k, _ in columns] + [k for k in ref_rows if k not in dict(columns)]
order += [("panel", f) for f in (ref_panel or {})]
for key in order:
    if key not in fragile:
        continue
    if key[0] == "panel":  # row keys start with an index, not a string
        w("- panel finding **%s**: passes at the reference; fails with %s."
          % (key[1], ", ".join("`%s` × %g (%g)" % (n, fa, v) for _, n, fa, v in fragile[key])))
    else:
        w("- **%s** (%s, %s): %s at the reference; %s." % (key[1], key[2], key[3],
          pct(ref_rows[key][0]), "; ".join("%s with `%s` × %g (%g)" % (pct(r), n, fa, v)
                                            for r, n, fa, v in fragile[key])))
if ref_mags:
    # The magnitudes of the same runs: one more table and what leaves or enters its range.
    def mag_text(m):
        label, mean, unit, rng, inside = m
        text = "—" if mean is None else "%.3g" % mean
        return text + (" OUTSIDE" if inside is False else "")

    def mag_range(m):
        rng = m[3]
        return " (%g–%g%s)" % (rng[0], rng[1], " " + m[2] if m[2] else "") if rng else ""

    w("")
    w("**Magnitudes** (the seed claims' priors, docs/CLAIMS.md, Magnitudes): the mean of each "
      "over the")
    w("same runs' studies, with its range; OUTSIDE marks a mean outside it, **bold** one inside")
    w("at the reference and outside with the value shown.")
    w("")
    w("| parameter | value | " + " | ".join(cell(m[0] + mag_range(m)) for m in ref_mags) + " |")
    w("|---|---|" + "---:|" * len(ref_mags))
    w("| **reference** | table values | " + " | ".join(mag_text(m) for m in ref_mags) + " |")
    leave, enter = {}, {}
    for name, factor, value, refusal, rows, null, panel, mags in results:
        if refusal is not None:
            continue
        cells = ["`%s`" % name, "× %g = %g" % (factor, value)]
        for ref, m in zip(ref_mags, mags):
            text = mag_text(m)
            if ref[4] is True and m[4] is False:
                text = "**%s**" % text
                leave.setdefault(ref[0], []).append((m[1], name, factor))
            elif ref[4] is False and m[4] is True:
                enter.setdefault(ref[0], []).append((m[1], name, factor))
            cells.append(text)
        w("| " + " | ".join(cells) + " |")
    w("")
    for verb, found in (("leaves", leave), ("enters", enter)):
        if not found:
            w("- No magnitude %s its range." % verb)
        for label, hits in found.items():
            w("- %s %s its range: %s." % (label[:1].upper() + label[1:], verb, "; ".join(
                "%.3g with `%s` × %g" % (mean, n, fa) for mean, n, fa in hits)))
    # A magnitude outside at the reference that no value brings inside: its nearest approach.
    for i, ref in enumerate(ref_mags):
        if ref[4] is not False or ref[0] in enter or ref[3] is None:
            continue
        lo, hi = ref[3]
        near = [(max(lo - r[7][i][1], r[7][i][1] - hi), r[7][i][1], r[0], r[1])
                for r in results if r[3] is None and r[7][i][1] is not None]
        if near:
            d, mean, n, fa = min(near)
            w("- %s stays outside its range with every value run; nearest: %.3g with `%s` × %g "
              "(reference %.3g)." % (ref[0][:1].upper() + ref[0][1:], mean, n, fa, ref[1]))
w(END)
block = "\n".join(out) + "\n"

if span is None:
    new = doc + ("" if doc.endswith("\n") or not doc else "\n") + "\n" + block
else:
    new = doc[:span[0]] + block + doc[span[1]:]
write_atomically(doc_path, new)
print("updated the sensitivity section of %s (%d parameters, %d runs, %.0f s)"
      % (doc_path, len(names), n_runs["seed"] + n_runs["panel"], elapsed))
PYTHON
