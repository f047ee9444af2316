/* power.c -- the power sweep of a claims file over group sizes (power.h).
**
** Flow. rl_pw_new checks the options and builds one design per n: a validation
** (validate_internal.h) of a copy of the claims file whose protocol has every group at the
** largest n, with validate's rows, but evaluated on the first n mice of each group only.
** All designs borrow one array of mice, ordered index-major (mouse k of group g at
** k * G + g), so the first n mice of every group are simply the first n * G entries: no
** copying between designs. Then, for each study r in order:
**
**   simulate   the first n_sim mice of every group (n_sim: the largest n still taking
**              studies) on the worker pool (pool.h); each worker simulates a mouse with the
**              nested streams (power.h: master seed rl_stream_seed(seed + r,
**              RL_STREAM_NESTED, g, 0), subject key = index in the group) and reduces it
**              to its measures (rl_v_reduce_mouse) into the mouse's own slot;
**   evaluate   every active design's rows on its prefix of the mice (rl_v_test_study, the
**              tests of validate), recording per row whether the test could be made,
**              whether the row's condition held and its effect (pw_outcome_t);
**   accumulate the outcomes into the designs, then stop the designs whose 95 % intervals
**              are all narrower than the precision (sequential stopping).
**
** A study depends on (seed, r) and the set of designs still running only, never on the
** thread count or the order in which mice finish. Evaluation and accumulation are separate
** steps so that a split sweep (split.h, `mpirun -n K`, docs/SCALE.md: sweep_split) computes
** studies on other ranks and accumulates their outcomes on rank 0 in study order (with
** sequential stopping, a rank's studies past the stopping point of a design are then simply
** not counted).
*/
#include "power_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/rng.h"
#include "cohort/subject.h"
#include "core/alloc.h"
#include "pool.h"

/* ---- building the sweep ----------------------------------------------------------------- */

static rl_power_kind_t
kind_of(const rl_claim_check_t *c)
{
    switch (c->expect) {
    case RL_EXPECT_NO_DIFFERENCE: return RL_POWER_NULL;
    case RL_EXPECT_EQUIVALENT: return RL_POWER_EQUIVALENCE;
    case RL_EXPECT_EACH_AT_LEAST:
    case RL_EXPECT_EACH_AT_MOST:
    case RL_EXPECT_WITHIN:
    case RL_EXPECT_AT_MOST:
    case RL_EXPECT_AT_LEAST: return RL_POWER_ESTIMATE;
    case RL_EXPECT_REPORT:
        return c->test == RL_CLAIM_DESCRIBE || c->test == RL_CLAIM_RATIO
                || c->test == RL_CLAIM_PROPORTION || c->test == RL_CLAIM_TOST_DIFF
                || c->test == RL_CLAIM_TOST_RATIO
            ? RL_POWER_DESCRIPTION
            : RL_POWER_EITHER_WAY;
    default: return RL_POWER_FINDING;
    }
}

static int
check_options(const rl_power_options_t *o, rl_error_t *err)
{
    int j;
    if (o->n_sizes < 1 || o->n_sizes > RL_POWER_MAX_SIZES) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "--n: 1 to %d group sizes "
            "(got %d)", RL_POWER_MAX_SIZES, o->n_sizes);
    }
    for (j = 0; j < o->n_sizes; j++) {
        if (o->sizes[j] < RL_POWER_MIN_N || o->sizes[j] > RL_MAX_GROUP_N) {
            return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "--n: a group size must be "
                "%d-%d (got %d)", RL_POWER_MIN_N, RL_MAX_GROUP_N, o->sizes[j]);
        }
        if (j > 0 && o->sizes[j] <= o->sizes[j - 1]) {
            return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "--n: the group sizes must "
                "increase (%d after %d)", o->sizes[j], o->sizes[j - 1]);
        }
    }
    if (o->replicates < 1) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "--replicates must be >= 1");
    }
    if (!(o->alpha >= 0.0 && o->alpha < 1.0)) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "--alpha must be in (0, 1)");
    }
    if (!(o->target >= 0.0 && o->target < 1.0)) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "--target must be in (0, 1)");
    }
    if (!(o->precision >= 0.0 && o->precision < 1.0)) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "--precision must be in (0, 1)");
    }
    return 0;
}

/* The design of size n: a validation of the sweep's claims on its first n mice. */
static int
design_init(rl_power_t *pw, pw_design_t *d, int n, rl_error_t *err)
{
    rl_validate_options_t vo;
    int ret;
    memset(&vo, 0, sizeof vo);
    vo.replicates = pw->opt.replicates;
    vo.seed = pw->opt.seed;
    d->n = n;
    d->active = true;
    if ((d->v = rl_calloc(1, sizeof *d->v)) == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    if ((ret = rl_v_prepare(d->v, pw->sweep, &vo, pw->mice, err)) != 0) {
        return ret;
    }
    d->v->n_mice = n * pw->n_groups; /* the first n mice of every group */
    pw->n_rows = d->v->n_rows;
    d->hits = rl_calloc((size_t) pw->n_rows + 1, sizeof *d->hits);
    d->tested = rl_calloc((size_t) pw->n_rows + 1, sizeof *d->tested);
    d->effect_sum = rl_calloc((size_t) pw->n_rows + 1, sizeof *d->effect_sum);
    if (d->hits == NULL || d->tested == NULL || d->effect_sum == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    return 0;
}

static int
build(rl_power_t *pw, const rl_claims_t *claims, const rl_power_options_t *opt,
    rl_error_t *err)
{
    int g, j, k, ret;

    pw->claims = claims;
    pw->opt = *opt;
    pw->opt.alpha = opt->alpha > 0.0 ? opt->alpha : claims->alpha;
    pw->opt.target = opt->target > 0.0 ? opt->target : 0.8;
    pw->n_groups = claims->protocol->n_groups;
    pw->n_max = opt->sizes[opt->n_sizes - 1];
    pw->protocol = rl_malloc(sizeof *pw->protocol);
    pw->sweep = rl_malloc(sizeof *pw->sweep);
    pw->mice = rl_calloc((size_t) pw->n_groups * (size_t) pw->n_max + 1, sizeof *pw->mice);
    if (pw->protocol == NULL || pw->sweep == NULL || pw->mice == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    *pw->protocol = *claims->protocol;
    pw->protocol->source_text = NULL; /* not owned: never freed through this copy */
    pw->protocol->source_len = 0;
    for (g = 0; g < pw->n_groups; g++) {
        pw->protocol->groups[g].n = pw->n_max;
    }
    *pw->sweep = *claims;
    pw->sweep->protocol = pw->protocol;
    pw->sweep->alpha = pw->opt.alpha;
    for (j = 0; j < opt->n_sizes; j++) {
        pw->n_designs = j + 1;
        if ((ret = design_init(pw, &pw->design[j], opt->sizes[j], err)) != 0) {
            return ret;
        }
    }
    pw->kind = rl_calloc((size_t) pw->n_rows + 1, sizeof *pw->kind);
    pw->outcome = rl_calloc((size_t) pw->n_designs * (size_t) pw->n_rows + 1,
        sizeof *pw->outcome);
    pw->before = rl_calloc(2 * (size_t) pw->n_rows + 1, sizeof *pw->before);
    if (pw->kind == NULL || pw->outcome == NULL || pw->before == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    for (k = 0; k < pw->n_rows; k++) {
        pw->kind[k] = kind_of(pw->design[0].v->rows[k].check);
    }
    return 0;
}

int
rl_pw_new(const rl_claims_t *claims, const rl_power_options_t *opt, rl_power_t **out,
    rl_error_t *err)
{
    rl_power_t *pw;
    int ret;

    *out = NULL;
    if ((ret = check_options(opt, err)) != 0) {
        return ret;
    }
    if ((pw = rl_calloc(1, sizeof *pw)) == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    if ((ret = build(pw, claims, opt, err)) != 0) {
        rl_power_free(pw);
        return ret;
    }
    *out = pw;
    return 0;
}

void
rl_power_free(rl_power_t *self)
{
    int j;
    if (self == NULL) {
        return;
    }
    for (j = 0; j < self->n_designs; j++) {
        rl_validation_free(self->design[j].v);
        free(self->design[j].hits);
        free(self->design[j].tested);
        free(self->design[j].effect_sum);
    }
    free(self->kind);
    free(self->outcome);
    free(self->before);
    free(self->mice);
    free(self->sweep);
    free(self->protocol);
    free(self);
}

/* ---- one study: evaluate, accumulate ----------------------------------------------------- */

int
rl_pw_n_active_max(const rl_power_t *pw)
{
    int j, n = 0;
    for (j = 0; j < pw->n_designs; j++) {
        if (pw->design[j].active) {
            n = pw->design[j].n;
        }
    }
    return n;
}

/* What counts as the row's condition holding: the row's holds, or for a report row a
** difference either way. */
static int
row_hits(const rl_power_t *pw, const row_t *row, int k)
{
    return pw->kind[k] == RL_POWER_EITHER_WAY ? row->higher + row->lower : row->holds;
}

/* Test design j's rows on its first n mice as study s, recording what the study added to
** each row in the design's outcomes. */
static void
evaluate(rl_power_t *pw, int j, int s)
{
    pw_design_t *d = &pw->design[j];
    pw_outcome_t *o = &pw->outcome[(size_t) j * (size_t) pw->n_rows];
    int k;
    /* a study's outcome: what it added to the rows' running counts */
    for (k = 0; k < pw->n_rows; k++) {
        pw->before[2 * k] = d->v->rows[k].tested;
        pw->before[2 * k + 1] = row_hits(pw, &d->v->rows[k], k);
    }
    rl_v_test_study(d->v, s);
    for (k = 0; k < pw->n_rows; k++) {
        const row_t *row = &d->v->rows[k];
        o[k].tested = row->tested > pw->before[2 * k];
        o[k].hit = row_hits(pw, row, k) > pw->before[2 * k + 1];
        o[k].effect = o[k].tested ? row->effect[row->tested - 1] : NAN;
    }
}

void
rl_pw_study(rl_power_t *pw)
{
    int j;
    for (j = 0; j < pw->n_designs; j++) {
        memset(&pw->outcome[(size_t) j * (size_t) pw->n_rows], 0,
            (size_t) pw->n_rows * sizeof *pw->outcome);
        pw->counted[j] = pw->design[j].active;
        if (pw->design[j].active) {
            evaluate(pw, j, pw->design[j].studies);
        }
    }
    rl_pw_accumulate(pw);
}

void
rl_pw_study_all(rl_power_t *pw, int s)
{
    int j;
    memset(pw->outcome, 0, (size_t) pw->n_designs * (size_t) pw->n_rows * sizeof *pw->outcome);
    for (j = 0; j < pw->n_designs; j++) {
        evaluate(pw, j, s);
    }
}

/* Is every row's interval (with a rate) narrower than the precision? */
static bool
precise_enough(const rl_power_t *pw, int j)
{
    int k;
    for (k = 0; k < pw->n_rows; k++) {
        rl_power_cell_t c = rl_pw_cell(pw, k, j);
        if (pw->kind[k] != RL_POWER_DESCRIPTION && !(c.hi - c.lo < pw->opt.precision)) {
            return false;
        }
    }
    return true;
}

void
rl_pw_accumulate(rl_power_t *pw)
{
    int j, k;
    for (j = 0; j < pw->n_designs; j++) {
        pw_design_t *d = &pw->design[j];
        const pw_outcome_t *o = &pw->outcome[(size_t) j * (size_t) pw->n_rows];
        if (!pw->counted[j] || !d->active) {
            continue;
        }
        d->studies++;
        for (k = 0; k < pw->n_rows; k++) {
            d->tested[k] += o[k].tested;
            d->hits[k] += o[k].hit;
            if (o[k].tested && isfinite(o[k].effect)) {
                d->effect_sum[k] += o[k].effect;
            }
        }
        if (pw->opt.precision > 0.0 && precise_enough(pw, j)) {
            d->active = false;
        }
    }
    pw->studies++;
}

/* ---- simulation -------------------------------------------------------------------------- */

typedef struct sim {
    rl_power_t *pw;
    uint64_t study_seed;
    int64_t *sessions, *events;     /* per mouse slot, this study */
} sim_t;

/* Item i: mouse k = i / G of group g = i % G, simulated and reduced into pw->mice[i] (its
** own slot: workers share nothing). The measures' scratch is the item's own. */
static int
work(void *ctx, rl_pool_worker_t *wk, int i, rl_pool_tally_t *tally, rl_error_t *err)
{
    sim_t *s = ctx;
    rl_power_t *pw = s->pw;
    int g = i % pw->n_groups, k = i / pw->n_groups, ret, q;
    uint64_t group_seed = rl_stream_seed(s->study_seed, RL_STREAM_NESTED, (uint64_t) g, 0);
    rl_measures_work_t *mw = rl_measures_work_new();
    rl_subject_result_t res;

    if (mw == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    /* the subject key is the index in the group: the streams do not depend on group sizes */
    ret = rl_subject_simulate(pw->claims->protocol, pw->opt.params, k, g, k, group_seed, wk->r,
        &wk->w, wk->stop, &res, err);
    if (ret == 0) {
        ret = rl_v_reduce_mouse(pw->claims->protocol, pw->design[0].v->measure_flags, mw, &res,
            &pw->mice[i], err);
    }
    if (ret == 0) {
        tally->sessions = res.n_sessions;
        for (q = 0; q < res.n_sessions; q++) {
            tally->events += (int64_t) res.sessions[q].n_events;
        }
        s->sessions[i] = tally->sessions;
        s->events[i] = tally->events;
    }
    rl_subject_result_free(&res);
    rl_measures_work_free(mw);
    return ret;
}

static int
simulate(sim_t *s, int r, int n_sim, rl_error_t *err)
{
    rl_power_t *pw = s->pw;
    rl_pool_job_t job;
    int i, ret;
    memset(&job, 0, sizeof job);
    s->study_seed = pw->opt.seed + (uint64_t) r;
    job.n_items = n_sim * pw->n_groups;
    job.threads = pw->opt.threads;
    job.cancel = pw->opt.cancel;
    job.work = work;
    job.ctx = s;
    job.progress_unit = "mice";
    if ((ret = rl_pool_run(&job, err)) != 0) {
        return ret;
    }
    for (i = 0; i < job.n_items; i++) {
        pw->sessions += s->sessions[i];
        pw->events += s->events[i];
    }
    return 0;
}

/* This rank's share of the studies (opt.split, split.h): every design evaluated on every
** one of them (a rank cannot know where the designs before its block stopped), the
** outcomes gathered on rank 0 and accumulated there in study order, skipping the designs
** stopped by then: what the single-process sweep counts. */
static int
sweep_split(rl_power_t *pw, sim_t *s, rl_error_t *err)
{
    const rl_split_t *sp = pw->opt.split;
    size_t per = (size_t) pw->n_designs * (size_t) pw->n_rows, sz = sizeof *pw->outcome;
    pw_outcome_t *mine, *all = NULL;
    rl_progress_info_t info;
    int lo, hi, r, j, ret = 0;

    rl_split_range(sp, pw->opt.replicates, &lo, &hi);
    memset(&info, 0, sizeof info);
    info.total = hi - lo;
    info.unit = "studies";
    mine = rl_calloc((size_t) (hi - lo) * per + 1, sz);
    all = sp->rank == 0 ? rl_calloc((size_t) pw->opt.replicates * per + 1, sz) : NULL;
    if (mine == NULL || (sp->rank == 0 && all == NULL)) {
        ret = rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    for (r = lo; r < hi && ret == 0; r++) {
        if ((ret = simulate(s, r, pw->n_max, err)) == 0) {
            rl_pw_study_all(pw, r);
            memcpy(mine + (size_t) (r - lo) * per, pw->outcome, per * sz);
            info.done = r - lo + 1;
            info.sessions = pw->sessions;
            info.events = pw->events;
            rl_progress_report(&pw->opt.progress, &info);
        }
    }
    if (ret == 0 && (ret = sp->gather(sp->ctx, mine, (size_t) (hi - lo) * per * sz, all,
            sp->rank == 0 ? (size_t) pw->opt.replicates * per * sz : 0)) != 0) {
        rl_error_set(err, ret, NULL, 0, 0, "power: gathering the studies of %d ranks failed",
            sp->size);
    }
    for (r = 0; ret == 0 && sp->rank == 0 && r < pw->opt.replicates
        && rl_pw_n_active_max(pw) > 0; r++) {
        memcpy(pw->outcome, all + (size_t) r * per, per * sz);
        for (j = 0; j < pw->n_designs; j++) {
            pw->counted[j] = pw->design[j].active;
        }
        rl_pw_accumulate(pw);
    }
    free(mine);
    free(all);
    return ret;
}

static int
sweep(rl_power_t *pw, sim_t *s, rl_error_t *err)
{
    rl_progress_info_t info;
    int r, n_sim, ret;

    memset(&info, 0, sizeof info);
    info.total = pw->opt.replicates;
    info.unit = "studies";
    for (r = 0; r < pw->opt.replicates && (n_sim = rl_pw_n_active_max(pw)) > 0; r++) {
        if ((ret = simulate(s, r, n_sim, err)) != 0) {
            return ret;
        }
        rl_pw_study(pw);
        info.done = r + 1;
        info.sessions = pw->sessions;
        info.events = pw->events;
        rl_progress_report(&pw->opt.progress, &info);
    }
    if (info.done < info.total) { /* every design stopped early: the line ends */
        info.total = info.done;
        rl_progress_report(&pw->opt.progress, &info);
    }
    return 0;
}

int
rl_power_run(const rl_claims_t *claims, const rl_power_options_t *opt, rl_power_t **out,
    rl_error_t *err)
{
    rl_power_t *pw = NULL;
    size_t slots;
    sim_t s;
    int ret;

    *out = NULL;
    memset(&s, 0, sizeof s);
    if ((ret = rl_pw_new(claims, opt, &pw, err)) != 0) {
        return ret;
    }
    slots = (size_t) pw->n_groups * (size_t) pw->n_max + 1;
    s.pw = pw;
    s.sessions = rl_calloc(slots, sizeof *s.sessions);
    s.events = rl_calloc(slots, sizeof *s.events);
    if (s.sessions == NULL || s.events == NULL) {
        ret = rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    } else {
        ret = rl_split_active(opt->split) ? sweep_split(pw, &s, err) : sweep(pw, &s, err);
    }
    free(s.sessions);
    free(s.events);
    if (ret != 0) {
        rl_power_free(pw);
        return ret;
    }
    *out = pw;
    return 0;
}
