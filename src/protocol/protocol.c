/* protocol.c -- the protocol as data: its value rules.
**
** rl_protocol_validate() is the one statement of what makes a protocol's *values* valid
** (docs/PROTOCOL.md, "Rules"). It knows nothing about YAML: the reader in protocol_yaml.c
** builds the struct, noting where each value came from in an rl_srcmap_t, then calls it;
** a protocol built in code (a test, a sweep) can be checked by the same function with no
** map. Checks run in document order and stop at the first problem, so the message names
** the first thing the user has to fix. Messages follow
** "<object>: <field> must be <rule> (got <value>)".
**
** The rules of a phase's drugs and triggers are in protocol_check_triggers.c; the helpers
** they share in protocol_check.h. Nothing here prints or keeps state.
*/
#include "protocol_check.h"

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

int
pv_fail(const pv_ctx_t *v, const void *field, long fallback_line, const char *fmt, ...)
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

int
pv_num(const pv_ctx_t *v, const void *field, long line, const char *ctx, const char *key,
    double x, double lo, bool lo_open, double hi, const char *hi_note)
{
    if (!isfinite(x)) {
        return pv_fail(v, field, line, "%s: %s must be a finite number (got %.15g)", ctx, key, x);
    }
    if (x < lo || (lo_open && x == lo)) {
        return pv_fail(v, field, line, "%s: %s must be %s %.15g (got %.15g)", ctx, key,
            lo_open ? ">" : ">=", lo, x);
    }
    if (x > hi) {
        return pv_fail(v, field, line, "%s: %s must be <= %.15g%s (got %.15g)", ctx, key, hi,
            hi_note, x);
    }
    return 0;
}

int
pv_int(const pv_ctx_t *v, const int *field, long line, const char *ctx, const char *key,
    int lo, int hi, const char *hi_note)
{
    return pv_num(v, field, line, ctx, key, *field, lo, false,
        hi == INT_MAX ? INFINITY : hi, hi_note);
}

bool
pv_written(const pv_ctx_t *v, const void *field)
{
    return rl_srcmap_find(v->src, field) != NULL;
}

/* A name must be non-empty and NUL-terminated within the array. */
static int
check_name(const pv_ctx_t *v, const char *name, long line, const char *what, int index)
{
    if (memchr(name, '\0', RL_NAME_MAX) == NULL) {
        return pv_fail(v, name, line, "%s %d: the name is not terminated", what, index + 1);
    }
    if (name[0] == '\0') {
        return pv_fail(v, name, line, "%s %d has an empty name", what, index + 1);
    }
    return 0;
}

/* ---------------------------------------------------------------- reinforcers */

/* A liquid reinforcer: a solution of the table at a concentration it allows, a delivery
** volume; its satiety per delivery, and its palatability unless written, from the table's
** row [LRN-1], [BEH-2]. */
static int
validate_liquid(const pv_ctx_t *v, rl_reinforcer_t *rf, const char *ctx)
{
    const rl_solution_t *sol = rl_solution_find(rf->solution);
    long line = rf->src_line;
    int ret;

    if (sol == NULL) {
        char names[128];
        return pv_fail(v, rf->solution, line, "%s: unknown solution '%.*s' (valid: %s)", ctx,
            RL_NAME_MAX, rf->solution, rl_solution_names(names, sizeof names));
    }
    if ((ret = pv_num(v, &rf->concentration_pct, line, ctx, "concentration_pct",
             rf->concentration_pct, 0, true, sol->max_pct, " % w/v")) != 0
        || (ret = pv_num(v, &rf->volume_ul, line, ctx, "volume_ul", rf->volume_ul, 0, true,
                RL_MAX_LIQUID_UL, " ul, a larger drop is not one delivery")) != 0) {
        return ret;
    }
    if (rl_srcmap_find(v->src, &rf->palatability) != NULL || rf->palatability != 0.0) {
        if ((ret = pv_num(v, &rf->palatability, line, ctx, "palatability",
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
validate_reinforcer(const pv_ctx_t *v, rl_protocol_t *p, int i)
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
            return pv_fail(v, rf->name, line, "duplicate reinforcer name '%s' (first on line %ld)",
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
            return pv_fail(v, rf->drug, line, "%s: drug '%.*s' is not supported (supported: %s)",
                ctx, RL_NAME_MAX, rf->drug, names);
        }
        if ((ret = pv_num(v, &rf->dose_mg_per_kg, line, ctx, "dose_mg_per_kg",
                 rf->dose_mg_per_kg, 0, true, RL_MAX_DOSE_MG_PER_KG,
                 " mg/kg, a larger dose per infusion is implausible")) != 0
            || (ret = pv_num(v, &rf->infusion_s, line, ctx, "infusion_s", rf->infusion_s, 0,
                    true, RL_MAX_INFUSION_S, " s, a longer infusion is implausible")) != 0
            || (ret = pv_num(v, &rf->volume_ul, line, ctx, "volume_ul", rf->volume_ul, 0,
                    false, INFINITY, "")) != 0) {
            return ret;
        }
        return 0;
    }
    case RL_REINFORCER_PELLET:
        if ((ret = pv_num(v, &rf->pellet_mg, line, ctx, "pellet_mg", rf->pellet_mg, 0, true,
                 INFINITY, "")) != 0
            || (ret = pv_num(v, &rf->palatability, line, ctx, "palatability",
                    rf->palatability, 0, true, INFINITY, "")) != 0) {
            return ret;
        }
        return 0;
    case RL_REINFORCER_LIQUID:
        return validate_liquid(v, rf, ctx);
    case RL_REINFORCER_NONE:
        return 0;
    }
    return pv_fail(v, &rf->kind, line, "%s: type must be drug, pellet, liquid or none", ctx);
}

/* ---------------------------------------------------------------- phases */

static int
validate_schedule(const pv_ctx_t *v, const rl_phase_t *ph, const char *ctx)
{
    const rl_schedule_t *s = &ph->schedule;
    long line = ph->src_line;
    int i;

    if (s->type == RL_SCHEDULE_FR) {
        return pv_int(v, &s->ratio, line, ctx, "schedule.ratio", 1, INT_MAX, "");
    }
    if (s->type != RL_SCHEDULE_PR) {
        return pv_fail(v, &s->type, line, "%s: schedule.type must be FR or PR", ctx);
    }
    if (s->pr_from_formula) {
        /* steps beyond RL_PR_RR_MAX_STEPS would saturate at INT_MAX */
        int ret = pv_int(v, &s->pr_n, line, ctx, "schedule.steps", 1, RL_PR_RR_MAX_STEPS,
            ", later Richardson-Roberts ratios exceed the integer range");
        if (ret != 0) {
            return ret;
        }
    } else if (s->pr_n < 1) {
        return pv_fail(v, &s->pr_n, line, "%s: schedule.series must have at least 1 entry", ctx);
    } else if (s->pr_n > RL_MAX_PR_STEPS) {
        return pv_fail(v, &s->pr_n, line,
            "%s: schedule.series must have at most %d entries (got %d)", ctx, RL_MAX_PR_STEPS,
            s->pr_n);
    }
    if (s->pr_series[0] < 1) {
        return pv_fail(v, &s->pr_series[0], line,
            "%s: schedule.series entries must be >= 1 (got %d)", ctx, s->pr_series[0]);
    }
    for (i = 1; i < s->pr_n; i++) {
        if (s->pr_series[i] <= s->pr_series[i - 1]) {
            return pv_fail(v, &s->pr_series[i], line,
                "%s: schedule.series must be strictly increasing (got %d after %d)", ctx,
                s->pr_series[i], s->pr_series[i - 1]);
        }
    }
    return 0;
}

/* The extinction criterion's reference: an earlier phase of the same procedure that has
** an acquisition criterion. Sets reference_phase_id. */
static int
resolve_reference(const pv_ctx_t *v, rl_procedure_t *pr, int k, const char *ctx)
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
        return pv_fail(v, c->reference_phase, line,
            "%s: criterion.reference_phase '%.*s' is not a phase of procedure '%s' "
            "(earlier phases: %s)", ctx, RL_NAME_MAX, c->reference_phase, pr->name,
            k ? names : "none");
    }
    if (j >= k) {
        return pv_fail(v, c->reference_phase, line,
            "%s: criterion.reference_phase '%s' must be an earlier phase (it is phase %d, "
            "this is phase %d)", ctx, pr->phases[j].name, j + 1, k + 1);
    }
    if (pr->phases[j].criterion.type != RL_CRITERION_ACQUISITION) {
        return pv_fail(v, c->reference_phase, line,
            "%s: criterion.reference_phase '%s' must have an acquisition criterion "
            "(its window gives the reference level)", ctx, pr->phases[j].name);
    }
    c->reference_phase_id = j;
    return 0;
}

static int
validate_criterion(const pv_ctx_t *v, rl_procedure_t *pr, int k, const char *ctx)
{
    rl_phase_t *ph = &pr->phases[k];
    rl_criterion_t *c = &ph->criterion;
    long line = ph->src_line;
    int ret;

    switch (c->type) {
    case RL_CRITERION_NONE:
        return 0;
    case RL_CRITERION_ACQUISITION:
        if ((ret = pv_int(v, &c->min_reinforcers, line, ctx, "criterion.min_reinforcers", 0,
                 INT_MAX, "")) != 0
            || (ret = pv_num(v, &c->min_active_fraction, line, ctx,
                    "criterion.min_active_fraction", c->min_active_fraction, 0, false, 1,
                    "")) != 0
            || (ret = pv_num(v, &c->max_deviation, line, ctx, "criterion.max_deviation",
                    c->max_deviation, 0, false, 1, "")) != 0) {
            return ret;
        }
        if (c->min_reinforcers > 0 && !ph->deliver_reinforcer) {
            return pv_fail(v, &c->min_reinforcers, line,
                "%s: criterion.min_reinforcers is %d but active_response does not deliver "
                "the reinforcer: the criterion can never be met", ctx, c->min_reinforcers);
        }
        break;
    case RL_CRITERION_EXTINCTION:
        if ((ret = pv_num(v, &c->max_fraction_of_reference, line, ctx,
                 "criterion.max_fraction_of_reference", c->max_fraction_of_reference, 0, true,
                 1, "")) != 0
            || (ret = resolve_reference(v, pr, k, ctx)) != 0) {
            return ret;
        }
        break;
    default:
        return pv_fail(v, &c->type, line, "%s: criterion.type must be acquisition or extinction",
            ctx);
    }
    if ((ret = pv_int(v, &c->consecutive, line, ctx, "criterion.consecutive", 1, INT_MAX,
             "")) != 0) {
        return ret;
    }
    if (c->consecutive > ph->max_sessions && ph->max_sessions >= 1) {
        return pv_fail(v, &c->consecutive, line,
            "%s: criterion.consecutive must be <= the phase's %s%d session%s, or the criterion "
            "can never be met (got %d)", ctx, ph->until_criterion ? "maximum of " : "",
            ph->max_sessions, ph->max_sessions == 1 ? "" : "s", c->consecutive);
    }
    return 0;
}

/* sessions: a fixed number, or {until: criterion, max, min}. */
static int
validate_sessions(const pv_ctx_t *v, const rl_phase_t *ph, const char *ctx)
{
    long line = ph->src_line;
    int ret;

    if (!ph->until_criterion) {
        if ((ret = pv_int(v, &ph->sessions, line, ctx, "sessions", 1, RL_MAX_SESSIONS,
                 "")) != 0) {
            return ret;
        }
        if (ph->max_sessions != ph->sessions) {
            return pv_fail(v, &ph->max_sessions, line,
                "%s: max_sessions must equal sessions when the number is fixed (got %d, %d)",
                ctx, ph->max_sessions, ph->sessions);
        }
        return 0;
    }
    if (ph->criterion.type == RL_CRITERION_NONE) {
        return pv_fail(v, &ph->until_criterion, line,
            "%s: sessions: {until: criterion} but the phase has no criterion to wait for "
            "(add a criterion, or give a number of sessions)", ctx);
    }
    if ((ret = pv_int(v, &ph->max_sessions, line, ctx, "sessions.max", 1, RL_MAX_SESSIONS,
             "")) != 0
        || (ret = pv_int(v, &ph->sessions, line, ctx, "sessions.min", 1, INT_MAX, "")) != 0) {
        return ret;
    }
    if (ph->sessions > ph->max_sessions) {
        return pv_fail(v, &ph->sessions, line,
            "%s: sessions.min must be <= sessions.max (got min %d, max %d)", ctx, ph->sessions,
            ph->max_sessions);
    }
    return 0;
}

/* The phase's unit dose of the drug reinforcer: 0 (the reinforcer's), or written and then
** > 0 and plausible, in a phase whose completions deliver the reinforcer. Whether the
** groups that run the phase work for a drug is checked with the groups. */
static int
validate_unit_dose(const pv_ctx_t *v, const rl_phase_t *ph, const char *ctx)
{
    bool written = pv_written(v, &ph->dose_mg_per_kg);
    int ret;

    if (!written && ph->dose_mg_per_kg == 0.0) {
        return 0;
    }
    if ((ret = pv_num(v, &ph->dose_mg_per_kg, ph->src_line, ctx, "dose_mg_per_kg",
             ph->dose_mg_per_kg, 0, true, RL_MAX_DOSE_MG_PER_KG,
             " mg/kg, a larger dose per infusion is implausible")) != 0) {
        return ret;
    }
    if (!ph->deliver_reinforcer) {
        return pv_fail(v, &ph->dose_mg_per_kg, ph->src_line, "%s: dose_mg_per_kg sets the unit "
            "dose of the drug reinforcer, but active_response does not deliver the reinforcer "
            "in this phase", ctx);
    }
    return 0;
}

/* The time from one session's start to the next (the phase's intersession_h, or the
** protocol's): the phase's sessions must not overlap each other, and its first session
** (after abstinence_days) must not overlap the previous phase's last. */
static int
validate_interval(const pv_ctx_t *v, const rl_protocol_t *p, const rl_procedure_t *pr, int k,
    const char *ctx)
{
    const rl_phase_t *ph = &pr->phases[k];
    double ih, gap_min;
    int ret;

    if ((pv_written(v, &ph->intersession_h) || ph->intersession_h != 0.0)
        && (ret = pv_num(v, &ph->intersession_h, ph->src_line, ctx, "intersession_h",
                ph->intersession_h, 0, true, RL_MAX_INTERSESSION_H, " (one year)")) != 0) {
        return ret;
    }
    ih = rl_phase_intersession_h(p, ph);
    if (ph->max_sessions > 1 && ph->session_min > 60.0 * ih) {
        return pv_fail(v, &ph->session_min, ph->src_line,
            "%s: session_min must be <= intersession_h x 60 = %.15g, or sessions would overlap "
            "(got %.15g)", ctx, 60.0 * ih, ph->session_min);
    }
    gap_min = 60.0 * ih + 1440.0 * ph->abstinence_days;
    if (k > 0 && pr->phases[k - 1].session_min > gap_min) {
        return pv_fail(v, pv_written(v, &ph->intersession_h) ? (const void *) &ph->intersession_h
                : (const void *) &ph->session_min, ph->src_line,
            "%s: its first session starts %.15g min (intersession_h x 60 + abstinence_days x "
            "1440) after the start of the last session of phase '%s', which lasts up to %.15g "
            "min: sessions would overlap", ctx, gap_min, pr->phases[k - 1].name,
            pr->phases[k - 1].session_min);
    }
    return 0;
}

static int
validate_phase(const pv_ctx_t *v, const rl_protocol_t *p, rl_procedure_t *pr, int k)
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
            return pv_fail(v, ph->name, line,
                "duplicate phase name '%s' in procedure '%s' (first on line %ld)", ph->name,
                pr->name, pr->phases[j].src_line);
        }
    }
    snprintf(ctx, sizeof ctx, "phase '%s' of procedure '%s'", ph->name, pr->name);
    if ((unsigned) ph->kind >= (unsigned) RL_PHASE_KIND_COUNT) {
        return pv_fail(v, &ph->kind, line, "%s: kind is not a phase kind (got %d)", ctx,
            (int) ph->kind);
    }
    if ((ret = validate_schedule(v, ph, ctx)) != 0
        || (ret = pv_num(v, &ph->session_min, line, ctx, "session_min", ph->session_min, 0,
                true, RL_MAX_SESSION_MIN, " (one day)")) != 0) {
        return ret;
    }
    if ((ret = pv_num(v, &ph->timeout_s, line, ctx, "timeout_s", ph->timeout_s, 0, false,
             INFINITY, "")) != 0
        || (ret = pv_num(v, &ph->cue_s, line, ctx, "cue_s", ph->cue_s, 0, false, INFINITY,
                "")) != 0
        || (ret = pv_int(v, &ph->max_reinforcers, line, ctx, "limits.max_reinforcers", 0,
                INT_MAX, "")) != 0
        /* 0 means "off" in the struct; written in a protocol it must be > 0 */
        || (ret = pv_num(v, &ph->no_reinforcer_stop_min, line, ctx,
                "limits.no_reinforcer_stop_min", ph->no_reinforcer_stop_min, 0,
                rl_srcmap_find(v->src, &ph->no_reinforcer_stop_min) != NULL, INFINITY,
                "")) != 0
        /* the criterion first: sessions.min defaults to criterion.consecutive, and a
        ** consecutive that exceeds the maximum is the clearer message */
        || (ret = validate_criterion(v, pr, k, ctx)) != 0
        || (ret = validate_sessions(v, ph, ctx)) != 0
        || (ret = pv_phase_triggers(v, p, pr, k, ctx)) != 0
        || (ret = pv_num(v, &ph->abstinence_days, line, ctx, "abstinence_days",
                ph->abstinence_days, 0, false, RL_MAX_ABSTINENCE_DAYS, " (one year)")) != 0
        || (ret = validate_unit_dose(v, ph, ctx)) != 0
        || (ret = validate_interval(v, p, pr, k, ctx)) != 0
        || (ret = pv_phase_timing(v, p, pr, k, ctx)) != 0) {
        return ret;
    }
    if (k == 0 && ph->abstinence_days > 0.0) {
        return pv_fail(v, &ph->abstinence_days, line, "%s: abstinence_days needs an earlier "
            "phase (home-cage days before the first session change nothing)", ctx);
    }
    return 0;
}

static int
validate_procedure(const pv_ctx_t *v, const rl_protocol_t *p, rl_procedure_t *pr, int i)
{
    int ret, k;

    if ((ret = check_name(v, pr->name, pr->src_line, "procedure", i)) != 0) {
        return ret;
    }
    for (k = 0; k < i; k++) {
        if (strcmp(p->procedures[k].name, pr->name) == 0) {
            return pv_fail(v, pr->name, pr->src_line,
                "duplicate procedure name '%s' (first on line %ld)", pr->name,
                p->procedures[k].src_line);
        }
    }
    if (pr->n_phases < 1 || pr->n_phases > RL_MAX_PHASES) {
        return pv_fail(v, &pr->n_phases, pr->src_line,
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

/* What the group's procedure asks of its reinforcer: a phase that delivers the reinforcer
** needs one (not type none; reported at the group), a phase's unit dose needs a drug
** reinforcer (reported at the phase's value, naming the group). */
static int
validate_group_phases(const pv_ctx_t *v, const rl_protocol_t *p, const rl_group_t *g,
    const char *ctx)
{
    const rl_procedure_t *pr = &p->procedures[g->procedure];
    const rl_reinforcer_t *rf = &p->reinforcers[g->reinforcer];
    int k;

    for (k = 0; k < pr->n_phases; k++) {
        const rl_phase_t *ph = &pr->phases[k];
        if (rf->kind == RL_REINFORCER_NONE && ph->deliver_reinforcer) {
            return pv_fail(v, &g->reinforcer, g->src_line, "%s: works for reinforcer '%s' (type "
                "none, %s), but phase '%s' of procedure '%s' delivers the reinforcer; give the "
                "group one (only a procedure of place phases can do without)", ctx, rf->name,
                pv_written(v, &g->reinforcer) ? "which delivers nothing" : "as it names none",
                ph->name, pr->name);
        }
        if (ph->dose_mg_per_kg > 0.0 && rf->kind != RL_REINFORCER_DRUG) {
            return pv_fail(v, &ph->dose_mg_per_kg, ph->src_line, "phase '%s' of procedure '%s': "
                "dose_mg_per_kg is the unit dose of a drug reinforcer, but %s works for "
                "reinforcer '%s' (type %s)", ph->name, pr->name, ctx, rf->name,
                rl_reinforcer_kind_name(rf->kind));
        }
    }
    return 0;
}

static int
validate_group(const pv_ctx_t *v, rl_protocol_t *p, int i)
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
            return pv_fail(v, g->name, line, "duplicate group name '%s' (first on line %ld)",
                g->name, p->groups[j].src_line);
        }
    }
    snprintf(ctx, sizeof ctx, "group '%s'", g->name);
    g->genotype_id = rl_genotype_find(g->genotype);
    if (g->genotype_id < 0) {
        return pv_fail(v, g->genotype, line, "%s: unknown genotype '%.*s' (valid: %s)", ctx,
            RL_NAME_MAX, g->genotype, rl_genotype_names(names, sizeof names));
    }
    g->background_id = rl_background_find(g->background[0] != '\0' ? g->background : "C57BL/6J");
    if (g->background_id < 0) {
        return pv_fail(v, g->background, line, "%s: unknown genetic background '%.*s' (valid: "
            "%s; see relapselab genotypes)", ctx, RL_NAME_MAX, g->background,
            rl_background_names(names, sizeof names));
    }
    if (g->reinforcer < 0 || g->reinforcer >= p->n_reinforcers) {
        return pv_fail(v, &g->reinforcer, line, "%s: reinforcer index %d is out of range", ctx,
            g->reinforcer);
    }
    if (g->procedure < 0 || g->procedure >= p->n_procedures) {
        return pv_fail(v, &g->procedure, line, "%s: procedure index %d is out of range", ctx,
            g->procedure);
    }
    if ((ret = pv_int(v, &g->n, line, ctx, "n", 1, RL_MAX_GROUP_N, "")) != 0
        || (ret = validate_group_phases(v, p, g, ctx)) != 0) {
        return ret;
    }
    if (g->sex != RL_SEX_MALE && g->sex != RL_SEX_FEMALE) {
        return pv_fail(v, &g->sex, line, "%s: sex must be male or female", ctx);
    }
    return 0;
}

/* ---------------------------------------------------------------- the protocol */

int
rl_protocol_validate(rl_protocol_t *self, const rl_srcmap_t *src, const char *file,
    rl_error_t *err)
{
    pv_ctx_t v;
    int ret, i;

    v.src = src;
    v.file = file;
    v.err = err;
    if ((ret = pv_num(&v, &self->intersession_h, 1, "protocol", "intersession_h",
             self->intersession_h, 0, true, RL_MAX_INTERSESSION_H, " (one year)")) != 0) {
        return ret;
    }
    if (self->n_reinforcers < 1 || self->n_reinforcers > RL_MAX_REINFORCERS) {
        return pv_fail(&v, &self->n_reinforcers, 1,
            "reinforcers must define 1 to %d reinforcers (got %d)", RL_MAX_REINFORCERS,
            self->n_reinforcers);
    }
    for (i = 0; i < self->n_reinforcers; i++) {
        if ((ret = validate_reinforcer(&v, self, i)) != 0) {
            return ret;
        }
    }
    if (self->n_procedures < 1 || self->n_procedures > RL_MAX_PROCEDURES) {
        return pv_fail(&v, &self->n_procedures, 1,
            "procedures must define 1 to %d procedures (got %d)", RL_MAX_PROCEDURES,
            self->n_procedures);
    }
    for (i = 0; i < self->n_procedures; i++) {
        if ((ret = validate_procedure(&v, self, &self->procedures[i], i)) != 0) {
            return ret;
        }
    }
    if (self->n_groups < 1 || self->n_groups > RL_MAX_GROUPS) {
        return pv_fail(&v, &self->n_groups, 1, "groups must list 1 to %d groups (got %d)",
            RL_MAX_GROUPS, self->n_groups);
    }
    for (i = 0; i < self->n_groups; i++) {
        if ((ret = validate_group(&v, self, i)) != 0) {
            return ret;
        }
    }
    return 0;
}

