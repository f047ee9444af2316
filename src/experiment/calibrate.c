/* calibrate.c -- the calibration's search (calibrate.h, docs/CALIBRATION.md).
**
** Flow: check the search space (calibrate_space.c); evaluate point 0, the reference values;
** evaluate the N points of a Latin-hypercube design drawn from the RL_STREAM_CALIBRATE
** stream of the seed; from the best point so far, run GSL's Nelder-Mead simplex
** (nmsimplex2) in logit coordinates for at most ITER iterations or until the simplex is
** smaller than the tolerance; with a confirmation, evaluate the reference and the best
** search points again over fresh studies (seeds seed + R onward) and take the best point
** there; then evaluate the hold-out files at the reference and at the best point. An
** evaluation sets the searched parameters' population values (the others keep the
** reference's), validates every file of its set over the same R studies (seeds
** seed .. seed + R - 1, validate.h), reads each report row's rate and target and each
** magnitude with a range (claims.h), and sums the files' mean squared shortfalls (a
** magnitude's: its distance outside the range in units of the range's width). Every
** evaluation is kept (values, loss, per-file losses, per-row rates and magnitudes); a point
** already evaluated (to 1e-9 of every range) is not evaluated again. Cancellation is checked
** between evaluations and, through the validation, between sessions.
*/
#include "relapselab/calibrate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>

#include "relapselab/rng.h"
#include "relapselab/validate.h"

#include "core/alloc.h"
#include "calibrate_internal.h"
#include "validate_internal.h"

/* The initial simplex: each vertex moves the start by this share of one parameter's range
** (on its scale), toward the middle -- whatever the start, also at a range's edge, where a
** fixed step in logit units would hardly move it. */
#define LOCAL_STEP 0.1

/* ---- sets of claims files and their rows -------------------------------------------------- */

static int
set_init(cal_set_t *s, const rl_claims_t *const *claims, int n)
{
    int f;
    s->n = n;
    s->n_rows = -1;
    if (n == 0) {
        return 0;
    }
    if ((s->claims = rl_calloc((size_t) n, sizeof *s->claims)) == NULL) {
        return RL_ERR_NOMEM;
    }
    for (f = 0; f < n; f++) {
        s->claims[f] = claims[f];
    }
    return 0;
}

static void
set_free(cal_set_t *s)
{
    free(s->claims);
    free(s->rows);
    free(s->dir);
    free(s->target);
    free(s->high);
}

/* Make room for one more row of s and return it (NULL when out of memory). */
static cal_row_t *
set_grow(cal_set_t *s)
{
    size_t n = (size_t) s->n_rows + 1;
    if (rl_grow(&s->rows, &s->cap_rows, n) != 0 || rl_grow(&s->dir, &s->cap_dir, n) != 0
        || rl_grow(&s->target, &s->cap_target, n) != 0
        || rl_grow(&s->high, &s->cap_high, n) != 0) {
        return NULL;
    }
    return &s->rows[s->n_rows];
}

/* Append row r of validation v (file f of s) to s's rows. */
static int
set_add_row(cal_set_t *s, const rl_validation_t *v, const row_t *r, int f)
{
    const rl_claim_check_t *c = r->check;
    cal_row_t *row = set_grow(s);
    char groups[2 * RL_NAME_MAX + 8];

    if (row == NULL) {
        return RL_ERR_NOMEM;
    }
    row->file = f;
    snprintf(row->id, sizeof row->id, "%s", c->id);
    if (r->pair >= 0 && c->group_b[r->pair] >= 0) {
        snprintf(groups, sizeof groups, "%s vs %s", v->protocol->groups[c->group_a[r->pair]].name,
            v->protocol->groups[c->group_b[r->pair]].name);
    } else {
        rl_v_groups_label(v, r, groups, sizeof groups);
    }
    snprintf(row->label, sizeof row->label, "%s: %s%s%s", groups, c->measure.label,
        r->region >= 0 ? ", " : "", r->region >= 0 ? rl_region_name(r->region) : "");
    /* as rl_v_meets reads a row: no target, at most (a null), at least */
    s->dir[s->n_rows] = !c->has_target ? RL_CAL_INFO
        : c->expect == RL_EXPECT_NO_DIFFERENCE ? RL_CAL_AT_MOST
                                               : RL_CAL_AT_LEAST;
    s->target[s->n_rows] = c->has_target ? c->target : NAN;
    s->high[s->n_rows] = NAN;
    s->n_rows++;
    return 0;
}

/* Append magnitude m (with a range; file f of s) to s's rows: id "magnitude", its label. */
static int
set_add_magnitude(cal_set_t *s, const rl_claim_magnitude_t *m, int f)
{
    cal_row_t *row = set_grow(s);
    if (row == NULL) {
        return RL_ERR_NOMEM;
    }
    row->file = f;
    snprintf(row->id, sizeof row->id, "%s", "magnitude");
    snprintf(row->label, sizeof row->label, "%s%s%s", m->label, m->unit[0] ? ", " : "",
        m->unit);
    s->dir[s->n_rows] = RL_CAL_RANGE;
    s->target[s->n_rows] = m->range[0];
    s->high[s->n_rows] = m->range[1];
    s->n_rows++;
    return 0;
}

/* ---- one evaluation ------------------------------------------------------------------------ */

static void
eval_free(cal_eval_t *e)
{
    free(e->x);
    free(e->file_loss);
    free(e->rate);
    memset(e, 0, sizeof *e);
}

static int
cancelled(const rl_calibration_t *c, rl_error_t *err)
{
    if (c->cancel != NULL && atomic_load(c->cancel) != 0) {
        return rl_error_set(err, RL_ERR_INTERRUPTED, NULL, 0, 0, "interrupted");
    }
    return 0;
}

static void
report_progress(rl_calibration_t *c)
{
    c->info.done++;
    if (c->info.done > c->info.total) {
        c->info.total = c->info.done;
    }
    rl_progress_report(&c->progress, &c->info);
}

/* Validate every file of s at population values p over R studies from seed `seed` into e
** (file losses, rates, loss). */
static int
eval_set(rl_calibration_t *c, cal_set_t *s, const rl_params_t *p, int R, uint64_t seed,
    cal_eval_t *e, rl_error_t *err)
{
    rl_validate_options_t vo;
    size_t cap = 0;
    int f, k, n = 0, ret, first = s->n_rows < 0;

    if ((ret = cancelled(c, err)) != 0) {
        return ret;
    }
    memset(&vo, 0, sizeof vo);
    vo.replicates = R;
    vo.seed = seed;
    vo.threads = c->threads;
    vo.params = p;
    vo.cancel = c->cancel;
    if ((e->file_loss = rl_calloc((size_t) s->n, sizeof *e->file_loss)) == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    if (first) {
        s->n_rows = 0;
    }
    e->loss = 0.0;
    for (f = 0; f < s->n; f++) {
        rl_validation_t *v;
        int start = n;
        if ((ret = rl_validate_run(s->claims[f], &vo, &v, err)) != 0) {
            return ret;
        }
        if (!first && n + v->n_rows > s->n_rows) {
            rl_validation_free(v);
            return rl_error_set(err, RL_ERR_INTERNAL, s->claims[f]->path, 0, 0,
                "the report rows changed between evaluations");
        }
        for (k = 0; k < v->n_rows; k++, n++) {
            if (rl_grow(&e->rate, &cap, (size_t) n + 1) != 0
                || (first && set_add_row(s, v, &v->rows[k], f) != 0)) {
                rl_validation_free(v);
                return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
            }
            e->rate[n] = rl_v_rate(&v->rows[k]);
        }
        for (k = 0; k < s->claims[f]->n_magnitudes; k++) {
            const rl_claim_magnitude_t *m = &s->claims[f]->magnitudes[k];
            if (!m->has_range) {
                continue;
            }
            if (!first && n + 1 > s->n_rows) {
                rl_validation_free(v);
                return rl_error_set(err, RL_ERR_INTERNAL, s->claims[f]->path, 0, 0,
                    "the report rows changed between evaluations");
            }
            if (rl_grow(&e->rate, &cap, (size_t) n + 1) != 0
                || (first && set_add_magnitude(s, m, f) != 0)) {
                rl_validation_free(v);
                return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
            }
            e->rate[n++] = rl_v_magnitude(v, k);
        }
        rl_validation_free(v);
        e->file_loss[f] = rl_cal_file_loss(s->dir + start, s->target + start, s->high + start,
            e->rate + start, n - start);
        e->loss += e->file_loss[f];
    }
    if (n != s->n_rows) {
        return rl_error_set(err, RL_ERR_INTERNAL, NULL, 0, 0,
            "the report rows changed between evaluations");
    }
    return 0;
}

/* The reference values with the searched ones set to x. */
static void
params_at(const rl_calibration_t *c, const double *x, rl_params_t *p)
{
    int k;
    *p = c->ref;
    for (k = 0; k < c->n_dims; k++) {
        const rl_param_info_t *info = rl_param_info((size_t) c->dims[k].param);
        memcpy((char *) p + info->offset, &x[k], sizeof x[k]);
    }
}

/* Two values closer than this share of their range are the same point (the logit round
** trip of the local search moves a value by a few units in the last place). */
#define SAME_POINT 1e-9

/* An earlier evaluation at x, or -1. */
static int
find_eval(const rl_calibration_t *c, const double *x)
{
    int i, k;
    for (i = 0; i < c->n_evals; i++) {
        for (k = 0; k < c->n_dims
             && fabs(c->evals[i].x[k] - x[k]) <= SAME_POINT * (c->dims[k].hi - c->dims[k].lo);
             k++) {
        }
        if (k == c->n_dims) {
            return i;
        }
    }
    return -1;
}

/* Evaluate the loss at x (kept as the next evaluation) into *loss; a point already
** evaluated gives its loss again without a new evaluation. */
static int
evaluate(rl_calibration_t *c, const double *x, int stage, int step, double *loss,
    rl_error_t *err)
{
    rl_params_t p;
    cal_eval_t *e;
    int ret, old = find_eval(c, x);

    if (old >= 0) {
        *loss = c->evals[old].loss;
        return 0;
    }
    if (rl_grow(&c->evals, &c->cap, (size_t) c->n_evals + 1) != 0) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    e = &c->evals[c->n_evals];
    memset(e, 0, sizeof *e);
    e->stage = stage;
    e->step = step;
    if ((e->x = rl_calloc((size_t) c->n_dims, sizeof *e->x)) == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    memcpy(e->x, x, (size_t) c->n_dims * sizeof *x);
    params_at(c, x, &p);
    if ((ret = eval_set(c, &c->calib, &p, c->replicates, c->seed, e, err)) != 0) {
        eval_free(e);
        return ret;
    }
    if (c->n_evals == 0 || e->loss < c->evals[c->best].loss) {
        c->best = c->n_evals;
    }
    c->n_evals++;
    *loss = e->loss;
    report_progress(c);
    return 0;
}

/* ---- the search ---------------------------------------------------------------------------- */

static int
run_design(rl_calibration_t *c, rl_error_t *err)
{
    gsl_rng *r = rl_rng_alloc();
    double *u = rl_calloc((size_t) c->design * (size_t) c->n_dims, sizeof *u);
    double x[RL_CALIBRATE_MAX_PARAMS], loss;
    size_t *perm = rl_calloc((size_t) c->design, sizeof *perm);
    int i, k, ret = 0;

    if (r == NULL || u == NULL || perm == NULL) {
        ret = rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    rl_stream_set(r, c->seed, RL_STREAM_CALIBRATE, 0, 0);
    rl_cal_lhs(r, c->design, c->n_dims, u, perm);
    for (i = 0; i < c->design && ret == 0; i++) {
        for (k = 0; k < c->n_dims; k++) {
            x[k] = rl_cal_from_unit(&c->dims[k], u[(size_t) i * (size_t) c->n_dims + (size_t) k]);
        }
        ret = evaluate(c, x, CAL_DESIGN, i + 1, &loss, err);
    }
out:
    if (r != NULL) {
        gsl_rng_free(r);
    }
    free(u);
    free(perm);
    return ret;
}

/* The local search's objective: the loss at the values of logit coordinates z. */
typedef struct local_ctx {
    rl_calibration_t *c;
    rl_error_t *err;
    int ret;                    /* the first error; then every call returns NaN */
    int iter;
    const gsl_vector *z0;       /* the start, and its evaluation when z0 maps back onto */
    int start;                  /* it exactly (-1 when it was moved off a range's edge) */
} local_ctx_t;

static double
local_f(const gsl_vector *z, void *vctx)
{
    local_ctx_t *ctx = vctx;
    rl_calibration_t *c = ctx->c;
    double x[RL_CALIBRATE_MAX_PARAMS], loss;
    int k, same = ctx->start >= 0;

    if (ctx->ret != 0) {
        return GSL_NAN;
    }
    for (k = 0; k < c->n_dims; k++) {
        double zk = gsl_vector_get(z, (size_t) k);
        same &= zk == gsl_vector_get(ctx->z0, (size_t) k);
        x[k] = rl_cal_from_free(&c->dims[k], zk);
    }
    if (same) { /* the start itself: not a new point, whatever the round trip's rounding */
        return c->evals[ctx->start].loss;
    }
    if ((ctx->ret = evaluate(c, x, CAL_LOCAL, ctx->iter, &loss, ctx->err)) != 0) {
        return GSL_NAN;
    }
    return loss;
}

/* Nelder-Mead (nmsimplex2) from the best evaluation so far. */
static int
run_local(rl_calibration_t *c, rl_error_t *err)
{
    const size_t n = (size_t) c->n_dims;
    gsl_multimin_fminimizer *s = NULL;
    gsl_vector *z = NULL, *step = NULL;
    gsl_multimin_function fn;
    local_ctx_t ctx;
    int k, it, status, ret = 0;

    rl_gsl_setup();
    if (rl_alloc_permit() != 0 || (z = gsl_vector_alloc(n)) == NULL || rl_alloc_permit() != 0
        || (step = gsl_vector_alloc(n)) == NULL || rl_alloc_permit() != 0
        || (s = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, n)) == NULL) {
        ret = rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    memset(&ctx, 0, sizeof ctx);
    ctx.c = c;
    ctx.err = err;
    ctx.z0 = z;
    ctx.start = c->local_start = c->best;
    for (k = 0; k < c->n_dims; k++) {
        const rl_cal_dim_t *d = &c->dims[k];
        double x = c->evals[c->best].x[k], u = rl_cal_to_unit(d, x), z0;
        gsl_vector_set(z, (size_t) k, z0 = rl_cal_to_free(d, x));
        if (u < RL_CAL_EDGE || u > 1.0 - RL_CAL_EDGE) {
            ctx.start = -1; /* moved inside the range: a new point */
        }
        u = u < RL_CAL_EDGE ? RL_CAL_EDGE : u > 1.0 - RL_CAL_EDGE ? 1.0 - RL_CAL_EDGE : u;
        u += u <= 0.5 ? LOCAL_STEP : -LOCAL_STEP;
        gsl_vector_set(step, (size_t) k, log(u / (1.0 - u)) - z0);
    }
    fn.n = n;
    fn.f = local_f;
    fn.params = &ctx;
    status = gsl_multimin_fminimizer_set(s, &fn, z, step);
    c->local_stop = "iterations";
    if (status == GSL_SUCCESS) {
        c->local_size = gsl_multimin_fminimizer_size(s);
    }
    for (it = 1; it <= c->local_iter && status == GSL_SUCCESS && ctx.ret == 0; it++) {
        ctx.iter = it;
        if ((status = gsl_multimin_fminimizer_iterate(s)) != GSL_SUCCESS) {
            break;
        }
        c->local_iters = it;
        c->local_size = gsl_multimin_fminimizer_size(s);
        if (c->local_size < c->tol) {
            c->local_stop = "size";
            break;
        }
    }
    if (ctx.ret != 0) {
        ret = ctx.ret;
    } else if (status != GSL_SUCCESS) {
        c->local_stop = "no progress";  /* GSL could not go on (e.g. a degenerate simplex) */
    }
out:
    if (s != NULL) {
        gsl_multimin_fminimizer_free(s);
    }
    if (z != NULL) {
        gsl_vector_free(z);
    }
    if (step != NULL) {
        gsl_vector_free(step);
    }
    return ret;
}

void
rl_cal_by_loss(const cal_eval_t *evals, int n, int *order)
{
    int i, j;
    for (i = 0; i < n; i++) { /* insertion sort: stable */
        for (j = i; j > 0 && evals[order[j - 1]].loss > evals[i].loss; j--) {
            order[j] = order[j - 1];
        }
        order[j] = i;
    }
}

/* The confirmation: the reference and the confirm_top best search points (by loss, the
** earliest among equals) re-evaluated over fresh studies; the best point becomes the
** lowest loss there (the earlier in this order among equals). */
static int
run_confirm(rl_calibration_t *c, rl_error_t *err)
{
    int *order, n, i, ret = 0;

    if ((order = rl_calloc((size_t) c->n_evals, sizeof *order)) == NULL
        || (c->conf_of = rl_calloc((size_t) c->confirm_top + 1, sizeof *c->conf_of)) == NULL
        || (c->conf = rl_calloc((size_t) c->confirm_top + 1, sizeof *c->conf)) == NULL) {
        free(order);
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    rl_cal_by_loss(c->evals, c->n_evals, order);
    c->conf_of[c->n_conf++] = 0;
    for (i = 0; i < c->n_evals && c->n_conf <= c->confirm_top; i++) {
        if (order[i] != 0) {
            c->conf_of[c->n_conf++] = order[i];
        }
    }
    free(order);
    c->search_best = c->best;
    for (n = 0; n < c->n_conf; n++) {
        rl_params_t p;
        params_at(c, c->evals[c->conf_of[n]].x, &p);
        if ((ret = eval_set(c, &c->calib, &p, c->confirm_replicates, c->confirm_seed,
                 &c->conf[n], err)) != 0) {
            eval_free(&c->conf[n]);
            c->n_conf = n; /* the evaluated ones are freed with the calibration */
            return ret;
        }
        report_progress(c);
    }
    for (n = 1, i = 0; n < c->n_conf; n++) {
        if (c->conf[n].loss < c->conf[i].loss) {
            i = n;
        }
    }
    c->best = c->conf_of[i];
    return 0;
}

/* The hold-out files at the reference and at the best point. */
static int
run_holdout(rl_calibration_t *c, rl_error_t *err)
{
    rl_params_t p;
    int ret;

    if ((ret = eval_set(c, &c->hold, &c->ref, c->replicates, c->seed, &c->hold_ref,
             err)) != 0) {
        return ret;
    }
    report_progress(c);
    params_at(c, c->evals[c->best].x, &p);
    if ((ret = eval_set(c, &c->hold, &p, c->replicates, c->seed, &c->hold_best, err)) != 0) {
        return ret;
    }
    c->have_hold = true;
    report_progress(c);
    return 0;
}

/* ---- public -------------------------------------------------------------------------------- */

int
rl_calibrate_check(const rl_calibrate_options_t *opt, rl_error_t *err)
{
    rl_cal_dim_t dims[RL_CALIBRATE_MAX_PARAMS];
    return rl_cal_space(opt->names, opt->n_names, dims, err);
}

static int
setup(rl_calibration_t *c, const rl_claims_t *const *calib, int n_calib,
    const rl_claims_t *const *hold, int n_hold, const rl_calibrate_options_t *opt,
    rl_error_t *err)
{
    int ret, n;
    if (n_calib < 1 || n_hold < 0 || opt->replicates < 1 || opt->design < 0
        || opt->local_iter < 0 || opt->confirm_replicates < 0
        || (opt->confirm_replicates > 0 && opt->confirm_top < 1)) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "calibrate: needs a claims file, "
            "R >= 1, non-negative design, local and confirmation sizes, and a confirmation "
            "of at least one point");
    }
    if ((ret = rl_cal_space(opt->names, opt->n_names, c->dims, err)) != 0) {
        return ret;
    }
    n = c->n_dims = opt->n_names;
    if (opt->params != NULL) {
        c->ref = *opt->params;
    } else {
        rl_params_default(&c->ref);
    }
    c->design = opt->design;
    c->local_iter = opt->local_iter;
    c->tol = opt->tol > 0.0 ? opt->tol : RL_CALIBRATE_DEFAULT_TOL;
    c->replicates = opt->replicates;
    c->seed = opt->seed;
    c->threads = opt->threads;
    c->cancel = opt->cancel;
    c->progress = opt->progress;
    c->local_start = -1;
    c->confirm_replicates = opt->confirm_replicates;
    c->confirm_top = opt->confirm_replicates > 0 ? opt->confirm_top : 0;
    c->confirm_seed = c->seed + (uint64_t) c->replicates;
    c->search_best = 0;
    c->info.unit = "evaluations";
    /* an upper bound: Nelder-Mead sets n + 1 vertices, then makes at most n + 2
    ** evaluations an iteration (reflect, contract, shrink the n others) */
    c->info.total = 1 + c->design + (c->local_iter > 0 ? n + 1 + c->local_iter * (n + 2) : 0)
        + (c->confirm_replicates > 0 ? 1 + c->confirm_top : 0) + (n_hold > 0 ? 2 : 0);
    if (set_init(&c->calib, calib, n_calib) != 0 || set_init(&c->hold, hold, n_hold) != 0) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    return 0;
}

int
rl_calibrate_run(const rl_claims_t *const *calib, int n_calib, const rl_claims_t *const *hold,
    int n_hold, const rl_calibrate_options_t *opt, rl_calibration_t **out, rl_error_t *err)
{
    rl_calibration_t *c = rl_calloc(1, sizeof *c);
    double x[RL_CALIBRATE_MAX_PARAMS], loss;
    int k, ret;

    *out = NULL;
    if (c == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    if ((ret = setup(c, calib, n_calib, hold, n_hold, opt, err)) != 0) {
        goto fail;
    }
    for (k = 0; k < c->n_dims; k++) {
        x[k] = rl_params_get(&c->ref, (size_t) c->dims[k].param);
    }
    if ((ret = evaluate(c, x, CAL_REFERENCE, 0, &loss, err)) != 0
        || (c->design > 0 && (ret = run_design(c, err)) != 0)
        || (c->local_iter > 0 && (ret = run_local(c, err)) != 0)
        || (c->confirm_replicates > 0 && (ret = run_confirm(c, err)) != 0)
        || (n_hold > 0 && (ret = run_holdout(c, err)) != 0)) {
        goto fail;
    }
    if (c->info.done != c->info.total) { /* the bound was not reached: close the report */
        c->info.total = c->info.done;
        rl_progress_report(&c->progress, &c->info);
    }
    *out = c;
    return 0;
fail:
    rl_calibration_free(c);
    return ret;
}

int
rl_calibration_n_evals(const rl_calibration_t *self)
{
    return self->n_evals;
}

double
rl_calibration_best(const rl_calibration_t *self, rl_params_t *out)
{
    int i;
    params_at(self, self->evals[self->best].x, out);
    for (i = 0; i < self->n_conf; i++) {
        if (self->conf_of[i] == self->best) {
            return self->conf[i].loss;
        }
    }
    return self->evals[self->best].loss;
}

void
rl_calibration_free(rl_calibration_t *self)
{
    int i;
    if (self == NULL) {
        return;
    }
    for (i = 0; i < self->n_evals; i++) {
        eval_free(&self->evals[i]);
    }
    free(self->evals);
    for (i = 0; i < self->n_conf; i++) {
        eval_free(&self->conf[i]);
    }
    free(self->conf);
    free(self->conf_of);
    eval_free(&self->hold_ref);
    eval_free(&self->hold_best);
    set_free(&self->calib);
    set_free(&self->hold);
    free(self);
}
