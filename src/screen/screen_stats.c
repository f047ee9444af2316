/* screen_stats.c -- the statistics of a screen (docs/SCREEN.md, "Measures").
**
** Every comparison is paired within mouse: a candidate against vehicle (the difference of
** active pokes, paired t interval: the paired t-test's one-sample step, stats_paired.c), vehicle against the mouse's extinction baseline (the
** relapse), and their ratio, the share of the relapse a candidate prevents (Fieller's
** interval for a ratio of paired means; the roots of its quadratic are
** src/analysis/stats_fieller.c's). Quantiles and p-values come from GSL's t distribution;
** tests/unit/test_screen.c checks the arithmetic against hand-worked values.
*/
#include "relapselab/measures.h"
#include "relapselab/rng.h"
#include "relapselab/screen.h"
#include "core/alloc.h"
#include "analysis/stats_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

/* The two-sided 95 % quantile of t with df degrees of freedom. */
static double
t975(int df)
{
    return gsl_cdf_tdist_Pinv(0.975, (double) df);
}

int
rl_screen_paired(const double *x, const double *y, int n, rl_screen_paired_t *out,
    rl_error_t *err)
{
    rl_one_sample_t one;
    int ret;

    rl_gsl_setup();

    memset(out, 0, sizeof *out);
    if (n < 2) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "a paired interval needs at least 2 mice (got %d)", n);
    }
    if ((ret = rl_stats_paired_diff(x, y, n, &one, err)) != 0) { /* stats_paired.c */
        return ret;
    }
    out->n = n;
    out->mean = one.mean;
    out->sem = one.se;
    out->lo = one.lo;
    out->hi = one.hi;
    out->t = one.t;
    out->p = one.p;
    return 0;
}

int
rl_screen_fieller(const double *a, const double *b, int n, rl_screen_ratio_t *out,
    rl_error_t *err)
{
    double ma, mb, vaa, vbb, vab, t2, lo, hi;

    rl_gsl_setup();

    out->kind = RL_RATIO_UNDEFINED;
    out->est = out->lo = out->hi = NAN;
    if (n < 2) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "a ratio interval needs at least 2 mice (got %d)", n);
    }
    ma = gsl_stats_mean(a, 1, (size_t) n);
    mb = gsl_stats_mean(b, 1, (size_t) n);
    if (!(mb > 0.0)) {
        return 0;
    }
    out->est = ma / mb;
    /* variances and covariance of the two means (sample (co)variances, n - 1, over n) */
    vaa = gsl_stats_variance_m(a, 1, (size_t) n, ma) / n;
    vbb = gsl_stats_variance_m(b, 1, (size_t) n, mb) / n;
    vab = gsl_stats_covariance_m(a, 1, b, 1, (size_t) n, ma, mb) / n;
    t2 = t975(n - 1) * t975(n - 1);
    /* (ma - q mb)^2 <= t2 (vaa - 2 q vab + q^2 vbb): the screen reports only a bounded
    ** interval; an exclusive set or the whole line is "unbounded" */
    if (rl_fieller_roots(mb * mb - t2 * vbb, ma * mb - t2 * vab, ma * ma - t2 * vaa, &lo, &hi)
        != RL_FIELLER_BOUNDED) {
        out->kind = RL_RATIO_UNBOUNDED;
        return 0;
    }
    out->kind = RL_RATIO_BOUNDED;
    out->lo = lo;
    out->hi = hi;
    return 0;
}

/* ---------------------------------------------------------------- the summary */

/* The vehicle, baseline and candidate values of genotype g, trigger t, arm a. */
static void
gather(const rl_screen_t *sc, const rl_screen_results_t *res, int g, int t, int a, double *v,
    double *b, double *c, double *inact)
{
    int i;
    for (i = 0; i < sc->n; i++) {
        int s = g * sc->n + i;
        v[i] = res->active[rl_screen_index(res, s, t, 0)];
        b[i] = res->baseline[s];
        c[i] = res->active[rl_screen_index(res, s, t, a)];
        inact[i] = res->inactive[rl_screen_index(res, s, t, a)];
    }
}

static int
arm_stats(const rl_screen_t *sc, const rl_screen_results_t *res, rl_screen_cell_stats_t *cell,
    int a, double *buf, rl_error_t *err)
{
    int n = sc->n, i, ret;
    double *v = buf, *b = buf + n, *c = buf + 2 * n, *inact = buf + 3 * n;
    double *num = buf + 4 * n, *den = buf + 5 * n;
    rl_screen_arm_stats_t *as = &cell->arms[a];
    rl_screen_paired_t one;

    gather(sc, res, cell->genotype, cell->trigger, a, v, b, c, inact);
    for (i = 0; i < n; i++) {
        num[i] = v[i] - c[i];
        den[i] = v[i] - b[i];
    }
    if ((ret = rl_screen_paired(c, NULL, n, &one, err)) != 0
        || (ret = rl_screen_paired(c, v, n, &as->diff, err)) != 0
        || (ret = rl_screen_fieller(num, den, n, &as->reduction, err)) != 0) {
        return ret;
    }
    as->mean = one.mean;
    as->sem = one.sem;
    as->inactive_mean = gsl_stats_mean(inact, 1, (size_t) n);
    if (a == 0) {
        rl_screen_paired_t base;
        if ((ret = rl_screen_paired(b, NULL, n, &base, err)) != 0
            || (ret = rl_screen_paired(v, b, n, &cell->relapse, err)) != 0) {
            return ret;
        }
        cell->baseline_mean = base.mean;
        cell->baseline_sem = base.sem;
    }
    return 0;
}

/* Candidates of a cell, best first: the largest mean reduction of active pokes against
** vehicle (the same order as the share of the relapse prevented, whose denominator is
** common to the cell); ties in arm order. */
static void
rank_cell(rl_screen_cell_stats_t *cell, int n_arms)
{
    int i, j;
    for (i = 1; i < n_arms; i++) {
        cell->order[i - 1] = i;
    }
    for (i = 1; i < n_arms - 1; i++) { /* insertion sort: stable, a few dozen arms */
        int x = cell->order[i];
        for (j = i; j > 0 && cell->arms[cell->order[j - 1]].diff.mean > cell->arms[x].diff.mean;
             j--) {
            cell->order[j] = cell->order[j - 1];
        }
        cell->order[j] = x;
    }
    for (i = 0; i < n_arms - 1; i++) {
        cell->arms[cell->order[i]].rank = i + 1;
    }
}

/* True if candidate x ranks before y overall: the larger mean share of the relapse
** prevented (over the combinations with a relapse), then the more negative mean
** difference against vehicle. */
static int
before(const rl_screen_overall_t *x, const rl_screen_overall_t *y)
{
    double kx = x->n_relapse > 0 ? x->mean_reduction : -INFINITY;
    double ky = y->n_relapse > 0 ? y->mean_reduction : -INFINITY;
    if (kx != ky) {
        return kx > ky;
    }
    return x->mean_diff < y->mean_diff;
}

static void
rank_overall(rl_screen_summary_t *sum, const rl_screen_t *sc)
{
    int a, c, i, j;
    for (a = 1; a < sc->n_arms; a++) {
        rl_screen_overall_t *o = &sum->overall[a];
        double total = 0.0;
        o->worst_reduction = INFINITY;
        for (c = 0; c < sum->n_cells; c++) {
            const rl_screen_arm_stats_t *as = &sum->cells[c].arms[a];
            o->mean_diff += as->diff.mean / sum->n_cells;
            o->n_lower += as->diff.hi < 0.0;
            o->n_higher += as->diff.lo > 0.0;
            if (as->reduction.kind == RL_RATIO_BOUNDED) {
                o->n_relapse++;
                total += as->reduction.est;
                o->worst_reduction = fmin(o->worst_reduction, as->reduction.est);
            }
        }
        o->mean_reduction = o->n_relapse > 0 ? total / o->n_relapse : NAN;
        if (o->n_relapse == 0) {
            o->worst_reduction = NAN;
        }
        sum->order[a - 1] = a;
    }
    for (i = 1; i < sc->n_arms - 1; i++) {
        int x = sum->order[i];
        for (j = i; j > 0 && before(&sum->overall[x], &sum->overall[sum->order[j - 1]]); j--) {
            sum->order[j] = sum->order[j - 1];
        }
        sum->order[j] = x;
    }
    for (i = 0; i < sc->n_arms - 1; i++) {
        sum->overall[sum->order[i]].rank = i + 1;
    }
}

int
rl_screen_summarize(const rl_screen_t *sc, const rl_screen_results_t *res,
    rl_screen_summary_t *out, rl_error_t *err)
{
    double *buf = NULL;
    int g, t, a, ret = 0;

    rl_gsl_setup();

    memset(out, 0, sizeof *out);
    if (sc->n < 2) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "the screen's statistics need "
            "at least 2 mice per genotype (got %d)", sc->n);
    }
    out->n_cells = sc->n_genotypes * sc->n_triggers;
    out->cells = rl_calloc((size_t) out->n_cells, sizeof *out->cells);
    buf = rl_malloc(6 * (size_t) sc->n * sizeof *buf);
    if (out->cells == NULL || buf == NULL) {
        ret = rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    for (g = 0; g < sc->n_genotypes; g++) {
        for (t = 0; t < sc->n_triggers; t++) {
            rl_screen_cell_stats_t *cell = &out->cells[g * sc->n_triggers + t];
            cell->genotype = g;
            cell->trigger = t;
            for (a = 0; a < sc->n_arms; a++) {
                if ((ret = arm_stats(sc, res, cell, a, buf, err)) != 0) {
                    goto out;
                }
            }
            rank_cell(cell, sc->n_arms);
        }
    }
    rank_overall(out, sc);
out:
    free(buf);
    if (ret != 0) {
        rl_screen_summary_free(out);
    }
    return ret;
}

void
rl_screen_summary_free(rl_screen_summary_t *self)
{
    if (self != NULL) {
        free(self->cells);
        self->cells = NULL;
        self->n_cells = 0;
    }
}
