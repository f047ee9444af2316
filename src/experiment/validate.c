/* validate.c -- replicate virtual studies and test a claims file's checks (validate.h).
**
** Flow: expand the checks into report rows (a row per pair of groups, per region for a
** per-region check); find the groups of identical biology for the test calibration of null
** checks; then for each of R studies run the cohort (runner.h), reduce every mouse to its
** measures (the measures module, measures.h: the one definition of every measure, plus
** its first sessions' responses and activity indices), and apply each row's test
** (validate_checks.c). Only per-mouse numbers are kept, never events, so R is limited by
** time only. The checks name groups of the protocol; nothing here knows a genotype.
** power.c runs the same rows, reduction and per-study tests on nested cohorts
** (validate_internal.h: rl_v_prepare, rl_v_reduce_mouse, rl_v_test_study).
*/
#include "relapselab/validate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/measures.h"
#include "relapselab/runner.h"

#include "core/alloc.h"
#include "validate_internal.h"

/* ---- building the rows ------------------------------------------------------------------ */

static int
add_row(rl_validation_t *v, const rl_claim_check_t *c, int pair, int region, size_t *cap)
{
    row_t *r;
    if (rl_grow(&v->rows, cap, (size_t) v->n_rows + 1) != 0) {
        return RL_ERR_NOMEM;
    }
    r = &v->rows[v->n_rows];
    memset(r, 0, sizeof *r);
    r->check = c;
    r->pair = pair;
    r->region = region;
    if ((r->effect = rl_calloc((size_t) v->replicates, sizeof *r->effect)) == NULL) {
        return RL_ERR_NOMEM;
    }
    v->n_rows++;
    return 0;
}

static int
build_rows(rl_validation_t *v)
{
    size_t cap = 0;
    int k, p, reg, ret;
    for (k = 0; k < v->claims->n_checks; k++) {
        const rl_claim_check_t *c = &v->claims->checks[k];
        if (c->test == RL_CLAIM_PROPORTION || c->test == RL_CLAIM_TREND) {
            if ((ret = add_row(v, c, -1, -1, &cap)) != 0) {
                return ret;
            }
            continue;
        }
        for (p = 0; p < c->n_pairs; p++) {
            if (c->measure.region == RL_N_REGIONS) {
                for (reg = 0; reg < RL_N_REGIONS; reg++) {
                    if ((ret = add_row(v, c, p, reg, &cap)) != 0) {
                        return ret;
                    }
                }
            } else if ((ret = add_row(v, c, p, -1, &cap)) != 0) {
                return ret;
            }
        }
    }
    return 0;
}

/* Two groups of identical biology in the same procedure with the same reinforcer. */
static int
same_biology(const rl_group_t *a, const rl_group_t *b)
{
    return a->genotype_id == b->genotype_id && a->background_id == b->background_id
        && a->sex == b->sex && a->reinforcer == b->reinforcer && a->procedure == b->procedure;
}

/* The pairs of groups of identical biology, and one calibration entry per reinforcer and
** measure of a null check whose groups have such a pair. */
static void
build_calib(rl_validation_t *v)
{
    const rl_protocol_t *p = v->protocol;
    int g, h, k, j;
    for (g = 0; g < p->n_groups; g++) {
        for (h = g + 1; h < p->n_groups && v->n_same < MAX_SAME_PAIRS; h++) {
            if (same_biology(&p->groups[g], &p->groups[h])) {
                v->same[v->n_same][0] = g;
                v->same[v->n_same][1] = h;
                v->n_same++;
            }
        }
    }
    for (k = 0; k < v->n_rows; k++) {
        const row_t *row = &v->rows[k];
        const rl_claim_check_t *c = row->check;
        int r, seen = 0;
        if (c->expect != RL_EXPECT_NO_DIFFERENCE || row->pair < 0
            || (c->test != RL_CLAIM_STUDENT && c->test != RL_CLAIM_WELCH
                && c->test != RL_CLAIM_RM_ANOVA)) {
            continue;
        }
        r = p->groups[c->group_a[row->pair]].reinforcer;
        for (j = 0; j < v->n_calib; j++) {
            seen |= v->calib[j].reinforcer == r
                && strcmp(v->calib[j].check->measure.label, c->measure.label) == 0;
        }
        for (j = 0; j < v->n_same && !seen && v->n_calib < MAX_CALIB; j++) {
            if (p->groups[v->same[j][0]].reinforcer == r) {
                v->calib[v->n_calib].reinforcer = r;
                v->calib[v->n_calib].check = c;
                v->n_calib++;
                seen = 1;
            }
        }
    }
}

/* ---- one study -------------------------------------------------------------------------- */

int
rl_v_reduce_mouse(const rl_protocol_t *p, int measure_flags, rl_measures_work_t *work,
    const rl_subject_result_t *s, mouse_t *m, rl_error_t *err)
{
    const rl_procedure_t *proc = &p->procedures[p->groups[s->group].procedure];
    rl_subject_phase_t rows[RL_MAX_PHASES];
    int n_rows, k, i, ret;

    memset(m, 0, sizeof *m);
    m->group = s->group;
    ret = rl_measures_subject(proc, s->sessions, (size_t) s->n_sessions, s->subject_id,
        s->group, measure_flags, work, NULL, rows, &n_rows, err);
    if (ret != 0) {
        return ret;
    }
    for (k = 0; k < n_rows; k++) {
        int ph = rows[k].phase_index;
        m->ran[ph] = true;
        memcpy(m->v[ph], rows[k].v, sizeof m->v[ph]);
    }
    for (i = 0; i < s->n_sessions; i++) {
        const rl_session_result_t *r = &s->sessions[i];
        if (r->phase < 0 || r->phase >= RL_MAX_PHASES) {
            continue;
        }
        if (r->session_in_phase == 0) {
            memcpy(m->activity[r->phase], r->activity, sizeof m->activity[r->phase]);
        }
        if (m->n_first[r->phase] < RL_CLAIM_MAX_SESSIONS) {
            m->first_rf[r->phase][m->n_first[r->phase]] = (double) r->reinforcers;
            m->first[r->phase][m->n_first[r->phase]++] = (double) r->active;
        }
    }
    return 0;
}

typedef struct sink_ctx {
    rl_validation_t *v;
} sink_ctx_t;

static int
sink(void *ctx, const rl_subject_result_t *s, rl_error_t *err)
{
    rl_validation_t *v = ((sink_ctx_t *) ctx)->v;
    return rl_v_reduce_mouse(v->protocol, v->measure_flags, v->work, s,
        &v->mice[s->subject_id], err);
}

/* The calibration comparisons of this study. */
static void
test_calib(rl_validation_t *v)
{
    int k, j;
    for (k = 0; k < v->n_calib; k++) {
        calib_t *c = &v->calib[k];
        for (j = 0; j < v->n_same; j++) {
            rl_ttest_t t;
            int ga = v->same[j][0], gb = v->same[j][1];
            if (v->protocol->groups[ga].reinforcer != c->reinforcer
                || rl_v_compare(v, c->check, ga, gb, -1, &t) != 0) {
                continue;
            }
            c->tested++;
            c->hits += t.p < v->claims->alpha;
        }
    }
}

/* The pooled mean over the mice of groups[0..n_groups) of magnitude mg's measure (scaled as
** mg says); NAN when no mouse has a value. */
static double
pooled_mean(const rl_validation_t *v, const rl_claim_magnitude_t *mg, const int *groups,
    int n_groups)
{
    const rl_protocol_t *p = v->protocol;
    double sum = 0.0;
    int n = 0, i, g;
    for (i = 0; i < v->n_mice; i++) {
        const mouse_t *x = &v->mice[i];
        double val;
        int in = 0;
        for (g = 0; g < n_groups; g++) {
            in |= groups[g] == x->group;
        }
        if (!in || isnan(val = rl_v_value(v, x, &mg->measure, -1))) {
            continue;
        }
        if (mg->scale_dose_per_h) {
            const rl_group_t *gr = &p->groups[x->group];
            const rl_procedure_t *proc = &p->procedures[gr->procedure];
            int ph = rl_procedure_phase_find(proc, mg->measure.phase);
            const rl_phase_t *phase = &proc->phases[ph >= 0 ? ph : 0];
            double dose = phase->dose_mg_per_kg > 0.0
                ? phase->dose_mg_per_kg /* the phase's own unit dose */
                : p->reinforcers[gr->reinforcer].dose_mg_per_kg;
            val *= dose * 60.0 / phase->session_min;
        }
        sum += val;
        n++;
    }
    return n > 0 ? sum / n : NAN;
}

/* Add each magnitude's group-pooled mean in this study to its sum, and for a relative one
** the pooled mean of its `relative_to` groups to the reference sum (a study counts when
** every mean it needs has a value). */
static void
magnitudes(rl_validation_t *v)
{
    int k;
    for (k = 0; k < v->claims->n_magnitudes; k++) {
        const rl_claim_magnitude_t *mg = &v->claims->magnitudes[k];
        double x = pooled_mean(v, mg, mg->groups, mg->n_groups);
        double ref = mg->n_relative > 0 ? pooled_mean(v, mg, mg->relative, mg->n_relative)
                                        : 0.0;
        if (!isnan(x) && !isnan(ref)) {
            v->magnitude[k] += x;
            v->magnitude_ref[k] += ref;
            v->magnitude_n[k]++;
        }
    }
}

double
rl_v_magnitude(const rl_validation_t *v, int k)
{
    if (v->magnitude_n[k] == 0) {
        return NAN;
    }
    if (v->claims->magnitudes[k].n_relative > 0) { /* the ratio of the means over studies */
        return v->magnitude_ref[k] > 0.0 ? v->magnitude[k] / v->magnitude_ref[k] : NAN;
    }
    return v->magnitude[k] / v->magnitude_n[k];
}

double
rl_v_range_miss(double lo, double hi, double x)
{
    if (isnan(x)) {
        return 1.0;
    }
    return x < lo ? (lo - x) / (hi - lo) : x > hi ? (x - hi) / (hi - lo) : 0.0;
}

double
rl_v_magnitude_miss(const rl_validation_t *v, int k)
{
    const rl_claim_magnitude_t *m = &v->claims->magnitudes[k];
    return m->has_range ? rl_v_range_miss(m->range[0], m->range[1], rl_v_magnitude(v, k))
                        : NAN;
}

/* ---- public ------------------------------------------------------------------------------ */

static int
measure_needs_events(const rl_claim_measure_t *m)
{
    return rl_measure_from_events(m->measure) || rl_measure_from_events(m->minus)
        || rl_measure_from_events(m->over);
}

int
rl_v_measure_flags(const rl_claims_t *claims)
{
    int k;
    for (k = 0; k < claims->n_checks; k++) {
        const rl_claim_check_t *c = &claims->checks[k];
        if (measure_needs_events(&c->measure)
            || (c->has_baseline && measure_needs_events(&c->baseline))) {
            return 0;
        }
    }
    for (k = 0; k < claims->n_magnitudes; k++) {
        if (measure_needs_events(&claims->magnitudes[k].measure)) {
            return 0;
        }
    }
    return RL_MEASURES_COUNTS_ONLY;
}

int
rl_v_prepare(rl_validation_t *v, const rl_claims_t *claims, const rl_validate_options_t *opt,
    mouse_t *mice, rl_error_t *err)
{
    v->claims = claims;
    v->protocol = claims->protocol;
    v->replicates = opt->replicates > 0 ? opt->replicates : 1;
    v->seed = opt->seed;
    v->n_mice = rl_protocol_n_subjects(v->protocol);
    v->measure_flags = rl_v_measure_flags(claims);
    v->borrowed_mice = mice != NULL;
    v->mice = mice != NULL ? mice : rl_calloc((size_t) v->n_mice + 1, sizeof *v->mice);
    v->work = rl_measures_work_new();
    v->a = rl_calloc((size_t) v->n_mice * RL_CLAIM_MAX_SESSIONS + 1, sizeof *v->a);
    v->b = rl_calloc((size_t) v->n_mice * RL_CLAIM_MAX_SESSIONS + 1, sizeof *v->b);
    v->event = rl_calloc((size_t) v->n_mice + 1, sizeof *v->event);
    if (v->mice == NULL || v->work == NULL || v->a == NULL || v->b == NULL || v->event == NULL
        || build_rows(v) != 0) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    build_calib(v);
    return 0;
}

void
rl_v_test_study(rl_validation_t *v, int s)
{
    int k;
    for (k = 0; k < v->n_rows; k++) {
        rl_v_test_row(v, &v->rows[k], s);
    }
    test_calib(v);
    magnitudes(v);
}

int
rl_v_run_study(rl_validation_t *v, const rl_validate_options_t *opt, int r, rl_error_t *err)
{
    rl_runner_options_t ro;
    sink_ctx_t ctx;
    int ret;
    ctx.v = v;
    memset(&ro, 0, sizeof ro);
    ro.seed = opt->seed + (uint64_t) r;
    ro.params = opt->params;
    ro.threads = opt->threads;
    ro.cancel = opt->cancel;
    ro.sink = sink;
    ro.sink_ctx = &ctx;
    if ((ret = rl_runner_run(v->protocol, &ro, err)) != 0) {
        return ret;
    }
    rl_v_test_study(v, r);
    return 0;
}

int
rl_validate_run(const rl_claims_t *claims, const rl_validate_options_t *opt,
    rl_validation_t **out, rl_error_t *err)
{
    rl_validation_t *v = rl_calloc(1, sizeof *v);
    rl_progress_info_t info;
    int ret, r;

    *out = NULL;
    if (v == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    memset(&info, 0, sizeof info);
    info.total = opt->replicates > 0 ? opt->replicates : 1;
    info.unit = "studies";
    if ((ret = rl_v_prepare(v, claims, opt, NULL, err)) != 0) {
        rl_validation_free(v);
        return ret;
    }
    if (rl_split_active(opt->split)) {
        if ((ret = rl_v_run_split(v, opt, err)) != 0) {
            rl_validation_free(v);
            return ret;
        }
        *out = v;
        return 0;
    }
    for (r = 0; r < v->replicates; r++) {
        if ((ret = rl_v_run_study(v, opt, r, err)) != 0) {
            rl_validation_free(v);
            return ret;
        }
        info.done = r + 1;
        rl_progress_report(&opt->progress, &info);
    }
    *out = v;
    return 0;
}

void
rl_validation_free(rl_validation_t *self)
{
    int k;
    if (self == NULL) {
        return;
    }
    for (k = 0; k < self->n_rows; k++) {
        free(self->rows[k].effect);
    }
    free(self->rows);
    if (!self->borrowed_mice) {
        free(self->mice);
    }
    free(self->a);
    free(self->event);
    free(self->b);
    rl_measures_work_free(self->work);
    free(self);
}
