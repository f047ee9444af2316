/* protocol.c -- the protocol as data: its value rules, the PR formula and small helpers.
**
** rl_protocol_validate() is the one statement of what makes a protocol's *values* valid
** (docs/PROTOCOL.md, "Rules"). It knows nothing about YAML: the reader in protocol_yaml.c
** builds the struct, noting where each value came from in an rl_srcmap_t, then calls it;
** a protocol built in code (a test, a sweep) can be checked by the same function with no
** map. Checks run in document order and stop at the first problem, so the message names
** the first thing the user has to fix. Messages follow
** "<object>: <field> must be <rule> (got <value>)".
**
** Also here, because it is not about YAML: reading a protocol file into memory (the
** format's strict number syntax is the YAML adapter's, core/yaml_doc.h). Nothing here
** prints or keeps state.
*/
#include "protocol_internal.h"

#include "relapselab/background.h"
#include "relapselab/drugs.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/genotype.h"
#include "biology/solutions.h"
#include "core/alloc.h"

/* Where to report a problem: the source map, the file name and the caller's error. */
typedef struct vctx {
    const rl_srcmap_t *src;
    const char *file;
    rl_error_t *err;
} vctx_t;

/* ---------------------------------------------------------------- source map */

int
rl_srcmap_note(rl_srcmap_t *self, const void *field, long line, long col)
{
    if (self->n == self->cap) {
        size_t cap = self->cap == 0 ? 256 : 2 * self->cap;
        rl_src_note_t *notes = rl_realloc(self->notes, cap * sizeof *notes);
        if (notes == NULL) {
            return RL_ERR_NOMEM;
        }
        self->notes = notes;
        self->cap = cap;
    }
    self->notes[self->n].field = field;
    self->notes[self->n].line = line;
    self->notes[self->n].col = col;
    self->n++;
    return 0;
}

const rl_src_note_t *
rl_srcmap_find(const rl_srcmap_t *self, const void *field)
{
    size_t i;

    if (self == NULL) {
        return NULL;
    }
    /* Only called on the error path: a linear search from the newest note is enough. */
    for (i = self->n; i > 0; i--) {
        if (self->notes[i - 1].field == field) {
            return &self->notes[i - 1];
        }
    }
    return NULL;
}

void
rl_srcmap_free(rl_srcmap_t *self)
{
    free(self->notes);
    self->notes = NULL;
    self->n = 0;
    self->cap = 0;
}

/* ---------------------------------------------------------------- helpers */

/* Raise RL_ERR_INVALID at the note of field, or at fallback_line if it has none. */
static int vfail(const vctx_t *v, const void *field, long fallback_line, const char *fmt, ...)
    RL_PRINTF_LIKE(4, 5);

static int
vfail(const vctx_t *v, const void *field, long fallback_line, const char *fmt, ...)
{
    char msg[RL_ERROR_MSG_MAX];
    const rl_src_note_t *note = rl_srcmap_find(v->src, field);
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return rl_error_set(v->err, RL_ERR_INVALID, v->file, note ? note->line : fallback_line,
        note ? note->col : 0, "%s", msg);
}

/* Check lo < x (lo_open) or lo <= x, and x <= hi (hi = INFINITY: no upper bound). hi_note
** explains the upper bound (", larger is implausible") or is "". */
static int
check_num(const vctx_t *v, const void *field, long line, const char *ctx, const char *key,
    double x, double lo, bool lo_open, double hi, const char *hi_note)
{
    if (!isfinite(x)) {
        return vfail(v, field, line, "%s: %s must be a finite number (got %.15g)", ctx, key, x);
    }
    if (x < lo || (lo_open && x == lo)) {
        return vfail(v, field, line, "%s: %s must be %s %.15g (got %.15g)", ctx, key,
            lo_open ? ">" : ">=", lo, x);
    }
    if (x > hi) {
        return vfail(v, field, line, "%s: %s must be <= %.15g%s (got %.15g)", ctx, key, hi,
            hi_note, x);
    }
    return 0;
}

/* check_num() for an int field. */
static int
check_int(const vctx_t *v, const int *field, long line, const char *ctx, const char *key,
    int lo, int hi, const char *hi_note)
{
    return check_num(v, field, line, ctx, key, *field, lo, false,
        hi == INT_MAX ? INFINITY : hi, hi_note);
}

/* A name must be non-empty and NUL-terminated within the array. */
static int
check_name(const vctx_t *v, const char *name, long line, const char *what, int index)
{
    if (memchr(name, '\0', RL_NAME_MAX) == NULL) {
        return vfail(v, name, line, "%s %d: the name is not terminated", what, index + 1);
    }
    if (name[0] == '\0') {
        return vfail(v, name, line, "%s %d has an empty name", what, index + 1);
    }
    return 0;
}

/* ---------------------------------------------------------------- reinforcers */

/* A liquid reinforcer: a solution of the table at a concentration it allows, a delivery
** volume; its satiety per delivery, and its palatability unless written, from the table's
** row [LRN-1], [BEH-2]. */
static int
validate_liquid(const vctx_t *v, rl_reinforcer_t *rf, const char *ctx)
{
    const rl_solution_t *sol = rl_solution_find(rf->solution);
    long line = rf->src_line;
    int ret;

    if (sol == NULL) {
        char names[128];
        return vfail(v, rf->solution, line, "%s: unknown solution '%.*s' (valid: %s)", ctx,
            RL_NAME_MAX, rf->solution, rl_solution_names(names, sizeof names));
    }
    if ((ret = check_num(v, &rf->concentration_pct, line, ctx, "concentration_pct",
             rf->concentration_pct, 0, true, sol->max_pct, " % w/v")) != 0
        || (ret = check_num(v, &rf->volume_ul, line, ctx, "volume_ul", rf->volume_ul, 0, true,
                RL_MAX_LIQUID_UL, " ul, a larger drop is not one delivery")) != 0) {
        return ret;
    }
    if (rl_srcmap_find(v->src, &rf->palatability) != NULL || rf->palatability != 0.0) {
        if ((ret = check_num(v, &rf->palatability, line, ctx, "palatability",
                 rf->palatability, 0, true, INFINITY, "")) != 0) {
            return ret;
        }
    } else {
        rf->palatability = rl_solution_palatability(sol, rf->concentration_pct);
    }
    rf->satiety_per_delivery = rl_solution_satiety(sol, rf->concentration_pct, rf->volume_ul);
    return 0;
}

static int
validate_reinforcer(const vctx_t *v, rl_protocol_t *p, int i)
{
    rl_reinforcer_t *rf = &p->reinforcers[i];
    long line = rf->src_line;
    char ctx[RL_NAME_MAX + 32];
    int ret, j;

    if ((ret = check_name(v, rf->name, line, "reinforcer", i)) != 0) {
        return ret;
    }
    for (j = 0; j < i; j++) {
        if (strcmp(p->reinforcers[j].name, rf->name) == 0) {
            return vfail(v, rf->name, line, "duplicate reinforcer name '%s' (first on line %ld)",
                rf->name, p->reinforcers[j].src_line);
        }
    }
    snprintf(ctx, sizeof ctx, "reinforcer '%s'", rf->name);
    switch (rf->kind) {
    case RL_REINFORCER_DRUG: {
        /* a drug of the drug table that a mouse can self-administer (its self_administrable
        ** column), never a silent fallback */
        const rl_drug_t *d = NULL;
        if (rl_drug_find(rf->drug, &d, NULL) != RL_OK || !d->self_administrable) {
            char names[128];
            rl_drug_self_administrable_names(names, sizeof names);
            return vfail(v, rf->drug, line, "%s: drug '%.*s' is not supported (supported: %s)",
                ctx, RL_NAME_MAX, rf->drug, names);
        }
        if ((ret = check_num(v, &rf->dose_mg_per_kg, line, ctx, "dose_mg_per_kg",
                 rf->dose_mg_per_kg, 0, true, RL_MAX_DOSE_MG_PER_KG,
                 " mg/kg, a larger dose per infusion is implausible")) != 0
            || (ret = check_num(v, &rf->infusion_s, line, ctx, "infusion_s", rf->infusion_s, 0,
                    true, RL_MAX_INFUSION_S, " s, a longer infusion is implausible")) != 0
            || (ret = check_num(v, &rf->volume_ul, line, ctx, "volume_ul", rf->volume_ul, 0,
                    false, INFINITY, "")) != 0) {
            return ret;
        }
        return 0;
    }
    case RL_REINFORCER_PELLET:
        if ((ret = check_num(v, &rf->pellet_mg, line, ctx, "pellet_mg", rf->pellet_mg, 0, true,
                 INFINITY, "")) != 0
            || (ret = check_num(v, &rf->palatability, line, ctx, "palatability",
                    rf->palatability, 0, true, INFINITY, "")) != 0) {
            return ret;
        }
        return 0;
    case RL_REINFORCER_LIQUID:
        return validate_liquid(v, rf, ctx);
    }
    return vfail(v, &rf->kind, line, "%s: type must be drug, pellet or liquid", ctx);
}

/* ---------------------------------------------------------------- phases */

static int
validate_schedule(const vctx_t *v, const rl_phase_t *ph, const char *ctx)
{
    const rl_schedule_t *s = &ph->schedule;
    long line = ph->src_line;
    int i;

    if (s->type == RL_SCHEDULE_FR) {
        return check_int(v, &s->ratio, line, ctx, "schedule.ratio", 1, INT_MAX, "");
    }
    if (s->type != RL_SCHEDULE_PR) {
        return vfail(v, &s->type, line, "%s: schedule.type must be FR or PR", ctx);
    }
    if (s->pr_from_formula) {
        /* steps beyond RL_PR_RR_MAX_STEPS would saturate at INT_MAX */
        int ret = check_int(v, &s->pr_n, line, ctx, "schedule.steps", 1, RL_PR_RR_MAX_STEPS,
            ", later Richardson-Roberts ratios exceed the integer range");
        if (ret != 0) {
            return ret;
        }
    } else if (s->pr_n < 1) {
        return vfail(v, &s->pr_n, line, "%s: schedule.series must have at least 1 entry", ctx);
    } else if (s->pr_n > RL_MAX_PR_STEPS) {
        return vfail(v, &s->pr_n, line,
            "%s: schedule.series must have at most %d entries (got %d)", ctx, RL_MAX_PR_STEPS,
            s->pr_n);
    }
    if (s->pr_series[0] < 1) {
        return vfail(v, &s->pr_series[0], line,
            "%s: schedule.series entries must be >= 1 (got %d)", ctx, s->pr_series[0]);
    }
    for (i = 1; i < s->pr_n; i++) {
        if (s->pr_series[i] <= s->pr_series[i - 1]) {
            return vfail(v, &s->pr_series[i], line,
                "%s: schedule.series must be strictly increasing (got %d after %d)", ctx,
                s->pr_series[i], s->pr_series[i - 1]);
        }
    }
    return 0;
}

/* The extinction criterion's reference: an earlier phase of the same procedure that has
** an acquisition criterion. Sets reference_phase_id. */
static int
resolve_reference(const vctx_t *v, rl_procedure_t *pr, int k, const char *ctx)
{
    rl_criterion_t *c = &pr->phases[k].criterion;
    long line = pr->phases[k].src_line;
    char names[RL_ERROR_MSG_MAX / 2] = "";
    size_t len = 0;
    int j;

    for (j = 0; j < pr->n_phases; j++) {
        if (strcmp(pr->phases[j].name, c->reference_phase) == 0) {
            break;
        }
    }
    if (j == pr->n_phases) {
        for (j = 0; j < k && len < sizeof names; j++) {
            len += (size_t) snprintf(names + len, sizeof names - len, "%s%s", j ? ", " : "",
                pr->phases[j].name);
        }
        return vfail(v, c->reference_phase, line,
            "%s: criterion.reference_phase '%.*s' is not a phase of procedure '%s' "
            "(earlier phases: %s)", ctx, RL_NAME_MAX, c->reference_phase, pr->name,
            k ? names : "none");
    }
    if (j >= k) {
        return vfail(v, c->reference_phase, line,
            "%s: criterion.reference_phase '%s' must be an earlier phase (it is phase %d, "
            "this is phase %d)", ctx, pr->phases[j].name, j + 1, k + 1);
    }
    if (pr->phases[j].criterion.type != RL_CRITERION_ACQUISITION) {
        return vfail(v, c->reference_phase, line,
            "%s: criterion.reference_phase '%s' must have an acquisition criterion "
            "(its window gives the reference level)", ctx, pr->phases[j].name);
    }
    c->reference_phase_id = j;
    return 0;
}

static int
validate_criterion(const vctx_t *v, rl_procedure_t *pr, int k, const char *ctx)
{
    rl_phase_t *ph = &pr->phases[k];
    rl_criterion_t *c = &ph->criterion;
    long line = ph->src_line;
    int ret;

    switch (c->type) {
    case RL_CRITERION_NONE:
        return 0;
    case RL_CRITERION_ACQUISITION:
        if ((ret = check_int(v, &c->min_reinforcers, line, ctx, "criterion.min_reinforcers", 0,
                 INT_MAX, "")) != 0
            || (ret = check_num(v, &c->min_active_fraction, line, ctx,
                    "criterion.min_active_fraction", c->min_active_fraction, 0, false, 1,
                    "")) != 0
            || (ret = check_num(v, &c->max_deviation, line, ctx, "criterion.max_deviation",
                    c->max_deviation, 0, false, 1, "")) != 0) {
            return ret;
        }
        if (c->min_reinforcers > 0 && !ph->deliver_reinforcer) {
            return vfail(v, &c->min_reinforcers, line,
                "%s: criterion.min_reinforcers is %d but active_response does not deliver "
                "the reinforcer: the criterion can never be met", ctx, c->min_reinforcers);
        }
        break;
    case RL_CRITERION_EXTINCTION:
        if ((ret = check_num(v, &c->max_fraction_of_reference, line, ctx,
                 "criterion.max_fraction_of_reference", c->max_fraction_of_reference, 0, true,
                 1, "")) != 0
            || (ret = resolve_reference(v, pr, k, ctx)) != 0) {
            return ret;
        }
        break;
    default:
        return vfail(v, &c->type, line, "%s: criterion.type must be acquisition or extinction",
            ctx);
    }
    if ((ret = check_int(v, &c->consecutive, line, ctx, "criterion.consecutive", 1, INT_MAX,
             "")) != 0) {
        return ret;
    }
    if (c->consecutive > ph->max_sessions && ph->max_sessions >= 1) {
        return vfail(v, &c->consecutive, line,
            "%s: criterion.consecutive must be <= the phase's %s%d session%s, or the criterion "
            "can never be met (got %d)", ctx, ph->until_criterion ? "maximum of " : "",
            ph->max_sessions, ph->max_sessions == 1 ? "" : "s", c->consecutive);
    }
    return 0;
}

/* sessions: a fixed number, or {until: criterion, max, min}. */
static int
validate_sessions(const vctx_t *v, const rl_phase_t *ph, const char *ctx)
{
    long line = ph->src_line;
    int ret;

    if (!ph->until_criterion) {
        if ((ret = check_int(v, &ph->sessions, line, ctx, "sessions", 1, RL_MAX_SESSIONS,
                 "")) != 0) {
            return ret;
        }
        if (ph->max_sessions != ph->sessions) {
            return vfail(v, &ph->max_sessions, line,
                "%s: max_sessions must equal sessions when the number is fixed (got %d, %d)",
                ctx, ph->max_sessions, ph->sessions);
        }
        return 0;
    }
    if (ph->criterion.type == RL_CRITERION_NONE) {
        return vfail(v, &ph->until_criterion, line,
            "%s: sessions: {until: criterion} but the phase has no criterion to wait for "
            "(add a criterion, or give a number of sessions)", ctx);
    }
    if ((ret = check_int(v, &ph->max_sessions, line, ctx, "sessions.max", 1, RL_MAX_SESSIONS,
             "")) != 0
        || (ret = check_int(v, &ph->sessions, line, ctx, "sessions.min", 1, INT_MAX, "")) != 0) {
        return ret;
    }
    if (ph->sessions > ph->max_sessions) {
        return vfail(v, &ph->sessions, line,
            "%s: sessions.min must be <= sessions.max (got min %d, max %d)", ctx, ph->sessions,
            ph->max_sessions);
    }
    return 0;
}

/* A phase's treatments [DRG-6], [DRG-7]: a known drug, a route with data, a dose and a
** time. */
static int
validate_treatment(const vctx_t *v, const rl_treatment_t *t, const char *tctx)
{
    const rl_drug_t *d = rl_drug_get(t->drug_id);
    const rl_drug_route_pk_t *pk;
    rl_error_t derr;
    int ret;
    if (d == NULL || t->route_id < 0 || t->route_id >= RL_ROUTE_COUNT) {
        return vfail(v, t, t->src_line, "%s: unknown drug or route", tctx);
    }
    rl_error_clear(&derr);
    if (rl_drug_route_pk(d, (rl_route_t) t->route_id, &pk, &derr) != 0) {
        return vfail(v, t->route, t->src_line, "%s: %s", tctx, derr.msg);
    }
    if ((ret = check_num(v, &t->dose_mg_per_kg, t->src_line, tctx, "dose_mg_per_kg",
             t->dose_mg_per_kg, 0, true, 1000.0, "")) != 0) {
        return ret;
    }
    return check_num(v, &t->minutes_before, t->src_line, tctx, "minutes_before",
        t->minutes_before, 0, false, 7.0 * 24.0 * 60.0, " (one week)");
}

static int
validate_treatments(const vctx_t *v, const rl_phase_t *ph, const char *ctx)
{
    int i, ret;
    for (i = 0; i < ph->n_treatments; i++) {
        char tctx[2 * RL_NAME_MAX + 80];
        snprintf(tctx, sizeof tctx, "%s: treatment %d (%s)", ctx, i + 1,
            ph->treatments[i].drug);
        if ((ret = validate_treatment(v, &ph->treatments[i], tctx)) != 0) {
            return ret;
        }
    }
    if (ph->kind == RL_PHASE_PLACE_CONDITIONING && ph->pairing.with_drug) {
        char tctx[2 * RL_NAME_MAX + 80];
        snprintf(tctx, sizeof tctx, "%s: pairing (%s)", ctx, ph->pairing.drug.drug);
        return validate_treatment(v, &ph->pairing.drug, tctx);
    }
    return 0;
}

/* A phase's stressors [STR-1]: plausible intensities and times; a stressor during the
** session starts before its end. */
static int
validate_stress(const vctx_t *v, const rl_phase_t *ph, const char *ctx)
{
    int i, ret = 0;
    for (i = 0; i < ph->n_stressors && ret == 0; i++) {
        const rl_stressor_t *s = &ph->stressors[i];
        char sctx[2 * RL_NAME_MAX + 80];
        long line = s->src_line;
        snprintf(sctx, sizeof sctx, "%s: stressor %d (%s)", ctx, i + 1,
            rl_stress_kind_name(s->kind));
        switch (s->kind) {
        case RL_STRESS_FOOTSHOCK:
            ret = check_num(v, &s->intensity_mA, line, sctx, "intensity_mA", s->intensity_mA,
                0, true, 3.0, " (mouse footshock is 0.1-1.5 mA)");
            ret = ret ? ret : check_num(v, &s->shock_s, line, sctx, "shock_s", s->shock_s, 0,
                true, 10.0, "");
            ret = ret ? ret : check_num(v, &s->mean_interval_s, line, sctx, "mean_interval_s",
                s->mean_interval_s, s->shock_s, false, 3600.0, " (one hour)");
            break;
        case RL_STRESS_SWIM:
            ret = check_num(v, &s->water_C, line, sctx, "water_C", s->water_C, 5.0, false,
                40.0, " (warmer than a mouse's body is not a swim stress)");
            break;
        case RL_STRESS_FOOD_DEPRIVATION:
        default:
            ret = check_num(v, &s->hours, line, sctx, "hours", s->hours, 0, true, 72.0,
                " (three days)");
            break;
        }
        if (ret == 0 && s->kind != RL_STRESS_FOOD_DEPRIVATION) {
            ret = check_num(v, &s->duration_min, line, sctx, "duration_min", s->duration_min,
                0, true, 240.0, " (four hours)");
            ret = ret ? ret : check_num(v, &s->start_min, line, sctx,
                s->start_min < 0.0 ? "minutes_before" : "at_min", fabs(s->start_min), 0,
                false, s->start_min < 0.0 ? 7.0 * 24.0 * 60.0 : ph->session_min,
                s->start_min < 0.0 ? " (one week)" : " (the session's length)");
            if (ret == 0 && s->start_min >= ph->session_min) {
                ret = vfail(v, &s->start_min, line, "%s: at_min must be before the end of "
                    "the session (%g min)", sctx, ph->session_min);
            }
        }
    }
    return ret;
}

/* Non-contingent cues need the phase's cue light and fit in the session. */
static int
validate_free_cues(const vctx_t *v, const rl_phase_t *ph, const char *ctx)
{
    const rl_free_cues_t *f = &ph->free_cues;
    char cctx[2 * RL_NAME_MAX + 80];
    int ret;
    if (f->count == 0 && f->src_line == 0) {
        return 0;
    }
    snprintf(cctx, sizeof cctx, "%s: noncontingent_cues", ctx);
    if ((ret = check_int(v, &f->count, f->src_line, cctx, "count", 1, 10000, "")) != 0
        || (ret = check_num(v, &f->start_min, f->src_line, cctx, "start_min", f->start_min, 0,
            false, ph->session_min, " (the session's length)")) != 0
        || (f->count > 1 && (ret = check_num(v, &f->interval_s, f->src_line, cctx,
            "interval_s", f->interval_s, ph->cue_s, true, 24.0 * 3600.0, "")) != 0)) {
        return ret;
    }
    if (!(ph->cue_s > 0.0)) {
        return vfail(v, &f->count, f->src_line, "%s: the phase has no cue light (cue_s is 0); "
            "set cue_s to the duration of each presentation", cctx);
    }
    return 0;
}

/* The phase's unit dose of the drug reinforcer: 0 (the reinforcer's), or written and then
** > 0 and plausible, in a phase whose completions deliver the reinforcer. Whether the
** groups that run the phase work for a drug is checked with the groups. */
static int
validate_unit_dose(const vctx_t *v, const rl_phase_t *ph, const char *ctx)
{
    bool written = rl_srcmap_find(v->src, &ph->dose_mg_per_kg) != NULL;
    int ret;

    if (!written && ph->dose_mg_per_kg == 0.0) {
        return 0;
    }
    if ((ret = check_num(v, &ph->dose_mg_per_kg, ph->src_line, ctx, "dose_mg_per_kg",
             ph->dose_mg_per_kg, 0, true, RL_MAX_DOSE_MG_PER_KG,
             " mg/kg, a larger dose per infusion is implausible")) != 0) {
        return ret;
    }
    if (!ph->deliver_reinforcer) {
        return vfail(v, &ph->dose_mg_per_kg, ph->src_line, "%s: dose_mg_per_kg sets the unit "
            "dose of the drug reinforcer, but active_response does not deliver the reinforcer "
            "in this phase", ctx);
    }
    return 0;
}

static int
validate_phase(const vctx_t *v, const rl_protocol_t *p, rl_procedure_t *pr, int k)
{
    rl_phase_t *ph = &pr->phases[k];
    long line = ph->src_line;
    char ctx[2 * RL_NAME_MAX + 40];
    int ret, j;

    if ((ret = check_name(v, ph->name, line, "phase", k)) != 0) {
        return ret;
    }
    for (j = 0; j < k; j++) {
        if (strcmp(pr->phases[j].name, ph->name) == 0) {
            return vfail(v, ph->name, line,
                "duplicate phase name '%s' in procedure '%s' (first on line %ld)", ph->name,
                pr->name, pr->phases[j].src_line);
        }
    }
    snprintf(ctx, sizeof ctx, "phase '%s' of procedure '%s'", ph->name, pr->name);
    if ((unsigned) ph->kind >= (unsigned) RL_PHASE_KIND_COUNT) {
        return vfail(v, &ph->kind, line, "%s: kind is not a phase kind (got %d)", ctx,
            (int) ph->kind);
    }
    if ((ret = validate_schedule(v, ph, ctx)) != 0
        || (ret = check_num(v, &ph->session_min, line, ctx, "session_min", ph->session_min, 0,
                true, RL_MAX_SESSION_MIN, " (one day)")) != 0) {
        return ret;
    }
    if (ph->session_min > 60.0 * p->intersession_h) {
        return vfail(v, &ph->session_min, line,
            "%s: session_min must be <= intersession_h x 60 = %.15g, or sessions would overlap "
            "(got %.15g)", ctx, 60.0 * p->intersession_h, ph->session_min);
    }
    if ((ret = check_num(v, &ph->timeout_s, line, ctx, "timeout_s", ph->timeout_s, 0, false,
             INFINITY, "")) != 0
        || (ret = check_num(v, &ph->cue_s, line, ctx, "cue_s", ph->cue_s, 0, false, INFINITY,
                "")) != 0
        || (ret = check_int(v, &ph->max_reinforcers, line, ctx, "limits.max_reinforcers", 0,
                INT_MAX, "")) != 0
        /* 0 means "off" in the struct; written in a protocol it must be > 0 */
        || (ret = check_num(v, &ph->no_reinforcer_stop_min, line, ctx,
                "limits.no_reinforcer_stop_min", ph->no_reinforcer_stop_min, 0,
                rl_srcmap_find(v->src, &ph->no_reinforcer_stop_min) != NULL, INFINITY,
                "")) != 0
        /* the criterion first: sessions.min defaults to criterion.consecutive, and a
        ** consecutive that exceeds the maximum is the clearer message */
        || (ret = validate_criterion(v, pr, k, ctx)) != 0
        || (ret = validate_sessions(v, ph, ctx)) != 0
        || (ret = validate_treatments(v, ph, ctx)) != 0
        || (ret = validate_stress(v, ph, ctx)) != 0
        || (ret = validate_free_cues(v, ph, ctx)) != 0
        || (ret = check_num(v, &ph->abstinence_days, line, ctx, "abstinence_days",
                ph->abstinence_days, 0, false, 365.0, " (one year)")) != 0
        || (ret = validate_unit_dose(v, ph, ctx)) != 0) {
        return ret;
    }
    if (k == 0 && ph->abstinence_days > 0.0) {
        return vfail(v, &ph->abstinence_days, line, "%s: abstinence_days needs an earlier "
            "phase (home-cage days before the first session change nothing)", ctx);
    }
    return 0;
}

static int
validate_procedure(const vctx_t *v, const rl_protocol_t *p, rl_procedure_t *pr, int i)
{
    int ret, k;

    if ((ret = check_name(v, pr->name, pr->src_line, "procedure", i)) != 0) {
        return ret;
    }
    for (k = 0; k < i; k++) {
        if (strcmp(p->procedures[k].name, pr->name) == 0) {
            return vfail(v, pr->name, pr->src_line,
                "duplicate procedure name '%s' (first on line %ld)", pr->name,
                p->procedures[k].src_line);
        }
    }
    if (pr->n_phases < 1 || pr->n_phases > RL_MAX_PHASES) {
        return vfail(v, &pr->n_phases, pr->src_line,
            "procedure '%s' must have 1 to %d phases (got %d)", pr->name, RL_MAX_PHASES,
            pr->n_phases);
    }
    for (k = 0; k < pr->n_phases; k++) {
        if ((ret = validate_phase(v, p, pr, k)) != 0) {
            return ret;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- groups */

/* What the group's procedure asks of its reinforcer: a phase's unit dose needs a drug
** reinforcer. Reported at the phase's value, naming the group. */
static int
validate_group_phases(const vctx_t *v, const rl_protocol_t *p, const rl_group_t *g,
    const char *ctx)
{
    const rl_procedure_t *pr = &p->procedures[g->procedure];
    const rl_reinforcer_t *rf = &p->reinforcers[g->reinforcer];
    int k;

    for (k = 0; k < pr->n_phases; k++) {
        const rl_phase_t *ph = &pr->phases[k];
        if (ph->dose_mg_per_kg > 0.0 && rf->kind != RL_REINFORCER_DRUG) {
            return vfail(v, &ph->dose_mg_per_kg, ph->src_line, "phase '%s' of procedure '%s': "
                "dose_mg_per_kg is the unit dose of a drug reinforcer, but %s works for "
                "reinforcer '%s' (type %s)", ph->name, pr->name, ctx, rf->name,
                rl_reinforcer_kind_name(rf->kind));
        }
    }
    return 0;
}

static int
validate_group(const vctx_t *v, rl_protocol_t *p, int i)
{
    rl_group_t *g = &p->groups[i];
    long line = g->src_line;
    char ctx[RL_NAME_MAX + 16];
    char names[RL_ERROR_MSG_MAX / 2];
    int ret, j;

    if ((ret = check_name(v, g->name, line, "group", i)) != 0) {
        return ret;
    }
    for (j = 0; j < i; j++) {
        if (strcmp(p->groups[j].name, g->name) == 0) {
            return vfail(v, g->name, line, "duplicate group name '%s' (first on line %ld)",
                g->name, p->groups[j].src_line);
        }
    }
    snprintf(ctx, sizeof ctx, "group '%s'", g->name);
    g->genotype_id = rl_genotype_find(g->genotype);
    if (g->genotype_id < 0) {
        return vfail(v, g->genotype, line, "%s: unknown genotype '%.*s' (valid: %s)", ctx,
            RL_NAME_MAX, g->genotype, rl_genotype_names(names, sizeof names));
    }
    g->background_id = rl_background_find(g->background[0] != '\0' ? g->background : "C57BL/6J");
    if (g->background_id < 0) {
        return vfail(v, g->background, line, "%s: unknown genetic background '%.*s' (valid: "
            "%s; see relapselab genotypes)", ctx, RL_NAME_MAX, g->background,
            rl_background_names(names, sizeof names));
    }
    if (g->reinforcer < 0 || g->reinforcer >= p->n_reinforcers) {
        return vfail(v, &g->reinforcer, line, "%s: reinforcer index %d is out of range", ctx,
            g->reinforcer);
    }
    if (g->procedure < 0 || g->procedure >= p->n_procedures) {
        return vfail(v, &g->procedure, line, "%s: procedure index %d is out of range", ctx,
            g->procedure);
    }
    if ((ret = check_int(v, &g->n, line, ctx, "n", 1, RL_MAX_GROUP_N, "")) != 0
        || (ret = validate_group_phases(v, p, g, ctx)) != 0) {
        return ret;
    }
    if (g->sex != RL_SEX_MALE && g->sex != RL_SEX_FEMALE) {
        return vfail(v, &g->sex, line, "%s: sex must be male or female", ctx);
    }
    return 0;
}

/* ---------------------------------------------------------------- the protocol */

int
rl_protocol_validate(rl_protocol_t *self, const rl_srcmap_t *src, const char *file,
    rl_error_t *err)
{
    vctx_t v;
    int ret, i;

    v.src = src;
    v.file = file;
    v.err = err;
    if ((ret = check_num(&v, &self->intersession_h, 1, "protocol", "intersession_h",
             self->intersession_h, 0, true, INFINITY, "")) != 0) {
        return ret;
    }
    if (self->n_reinforcers < 1 || self->n_reinforcers > RL_MAX_REINFORCERS) {
        return vfail(&v, &self->n_reinforcers, 1,
            "reinforcers must define 1 to %d reinforcers (got %d)", RL_MAX_REINFORCERS,
            self->n_reinforcers);
    }
    for (i = 0; i < self->n_reinforcers; i++) {
        if ((ret = validate_reinforcer(&v, self, i)) != 0) {
            return ret;
        }
    }
    if (self->n_procedures < 1 || self->n_procedures > RL_MAX_PROCEDURES) {
        return vfail(&v, &self->n_procedures, 1,
            "procedures must define 1 to %d procedures (got %d)", RL_MAX_PROCEDURES,
            self->n_procedures);
    }
    for (i = 0; i < self->n_procedures; i++) {
        if ((ret = validate_procedure(&v, self, &self->procedures[i], i)) != 0) {
            return ret;
        }
    }
    if (self->n_groups < 1 || self->n_groups > RL_MAX_GROUPS) {
        return vfail(&v, &self->n_groups, 1, "groups must list 1 to %d groups (got %d)",
            RL_MAX_GROUPS, self->n_groups);
    }
    for (i = 0; i < self->n_groups; i++) {
        if ((ret = validate_group(&v, self, i)) != 0) {
            return ret;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- text helpers */

int
rl_read_file(const char *path, char **out, size_t *out_len, rl_error_t *err)
{
    FILE *f;
    char *buf = NULL, *grown;
    size_t len = 0, cap = 0, got;
    int ret = 0;

    *out = NULL;
    if ((f = fopen(path, "rb")) == NULL) {
        return rl_error_set(err, RL_ERR_IO, path, 0, 0, "cannot open protocol '%s': %s", path,
            strerror(errno));
    }
    do {
        if (len > (size_t) RL_MAX_PROTOCOL_BYTES) {
            ret = rl_error_set(err, RL_ERR_INVALID, path, 0, 0,
                "'%s' is larger than %ld bytes: not a protocol", path, RL_MAX_PROTOCOL_BYTES);
            goto out;
        }
        if (cap - len < 4096) {
            cap = cap == 0 ? 16384 : 2 * cap;
            if ((grown = rl_realloc(buf, cap)) == NULL) {
                ret = rl_error_set(err, RL_ERR_NOMEM, path, 0, 0, "out of memory reading '%s'",
                    path);
                goto out;
            }
            buf = grown;
        }
        errno = 0;
        got = fread(buf + len, 1, cap - len - 1, f); /* keep room for the NUL */
        len += got;
    } while (got > 0);
    if (ferror(f)) {
        ret = rl_error_set(err, RL_ERR_IO, path, 0, 0, "cannot read protocol '%s': %s", path,
            strerror(errno != 0 ? errno : EIO));
        goto out;
    }
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    buf = NULL;
out:
    free(buf);
    fclose(f);
    return ret;
}

/* ---------------------------------------------------------------- small helpers */

void
rl_protocol_free(rl_protocol_t *self)
{
    if (self == NULL) {
        return;
    }
    free(self->source_text);
    self->source_text = NULL;
    self->source_len = 0;
}

void
rl_pr_richardson_roberts(int *out, int n)
{
    int j;

    for (j = 1; j <= n; j++) {
        double r = floor(5.0 * exp(0.2 * j) - 5.0 + 0.5);
        /* from step 100 on the ratio exceeds INT_MAX: saturate (the validator refuses
        ** such series, see RL_PR_RR_MAX_STEPS) */
        out[j - 1] = r < (double) INT_MAX ? (int) r : INT_MAX;
    }
}

int
rl_protocol_n_subjects(const rl_protocol_t *self)
{
    int i, n = 0;

    for (i = 0; i < self->n_groups; i++) {
        n += self->groups[i].n;
    }
    return n;
}

/* ---------------------------------------------------------------- names (protocol.h) */

static const char *const reinforcer_kind_names[] = {RL_REINFORCER_KINDS(RL_X_NAME_)};
static const char *const phase_kind_names[] = {RL_PHASE_KINDS(RL_X_NAME_)};
static const char *const schedule_type_names[] = {RL_SCHEDULE_TYPES(RL_X_NAME_)};
static const char *const criterion_type_names[] = {"none", RL_CRITERION_TYPES(RL_X_NAME_)};
static const char *const sex_names[] = {RL_SEXES(RL_X_NAME_) "unknown"};
static const char *const stress_kind_names[] = {RL_STRESS_KINDS(RL_X_NAME_)};

/* names[v] for 0 <= v < count, else "invalid". */
static const char *
name_of(const char *const *names, int count, int v)
{
    return v >= 0 && v < count ? names[v] : "invalid";
}

const char *
rl_reinforcer_kind_name(rl_reinforcer_kind_t k)
{
    return name_of(reinforcer_kind_names, RL_REINFORCER_KIND_COUNT, (int) k);
}

const char *
rl_phase_kind_name(rl_phase_kind_t k)
{
    return name_of(phase_kind_names, RL_PHASE_KIND_COUNT, (int) k);
}

const char *
rl_schedule_type_name(rl_schedule_type_t t)
{
    return name_of(schedule_type_names, RL_SCHEDULE_TYPE_COUNT, (int) t);
}

const char *
rl_criterion_type_name(rl_criterion_type_t t)
{
    return name_of(criterion_type_names, RL_CRITERION_TYPE_COUNT, (int) t);
}

const char *
rl_stress_kind_name(rl_stress_kind_t k)
{
    return name_of(stress_kind_names, RL_STRESS_KIND_COUNT, (int) k);
}

const char *
rl_sex_name(rl_sex_t s)
{
    return name_of(sex_names, RL_SEX_COUNT, (int) s);
}

int
rl_phase_kind_find(const char *name)
{
    int k;

    for (k = 0; name != NULL && k < RL_PHASE_KIND_COUNT; k++) {
        if (strcmp(name, phase_kind_names[k]) == 0) {
            return k;
        }
    }
    return -1;
}
