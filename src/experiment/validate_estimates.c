/* validate_estimates.c -- the tests of a claims file beyond the two-group t-tests and the
** proportion (see validate_internal.h, docs/CLAIMS.md "Tests"):
**
**   paired      each group's test measure against its own baseline (paired t, d_z)
**   fisher      the shares of two groups meeting a yes/no measure (Fisher's exact test;
**               the effect: the difference in percentage points)
**   trend       a linear trend over a series of groups (OLS slope) or of one group's phases
**               (the mean of the mice's slopes), with the monotonicity of the level means
**               for expect increasing / decreasing
**   tost_ratio  equivalence of mean_A / mean_B within a range (TOST, Tamhane-Logan)
**   tost_diff   equivalence of mean_A - mean_B within a range (TOST, Welch)
**   ratio       the ratio of means mean_A / mean_B (Fieller's interval shown) against a
**               range or a bound
**   describe    a statistic of each group (mean, median, CV, share at most a cut, largest
**               over median) against a range or a bound
**   logrank     the log-rank test of two groups' sessions to a criterion, each mouse that
**               never met it censored at the sessions it ran (the effect: the hazard ratio
**               A / B of meeting the criterion; the direction: z, > 0 when A takes longer)
**
** Each test records one study's effect and whether the claim held in it; the statistics
** themselves are the stats module's (stats.h), tested against R.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "validate_internal.h"

/* Does estimate x meet a check's within / at_most / at_least? (report: never.) */
static int
estimate_holds(const rl_claim_check_t *c, double x)
{
    if (!isfinite(x)) {
        return 0;
    }
    switch (c->expect) {
    case RL_EXPECT_WITHIN: return x >= c->range[0] && x <= c->range[1];
    case RL_EXPECT_AT_MOST: return x <= c->value;
    case RL_EXPECT_AT_LEAST: return x >= c->value;
    default: return 0;
    }
}

/* Record an estimate test's study: the effect and whether it held. */
static void
record(row_t *row, double effect, int holds)
{
    row->effect[row->tested++] = effect;
    row->holds += holds;
}

/* ---------------------------------------------------------------- paired */

static void
test_paired(rl_validation_t *v, row_t *row, int s)
{
    const rl_claim_check_t *c = row->check;
    int g = c->group_a[row->pair], i, n = 0;
    rl_ttest_paired_t t;
    rl_error_t err;

    for (i = 0; i < v->n_mice; i++) {
        const mouse_t *x = &v->mice[i];
        double test, base;
        if (x->group != g) {
            continue;
        }
        test = rl_v_value(v, x, &c->measure, -1);
        base = rl_v_value(v, x, &c->baseline, -1);
        if (!isnan(test) && !isnan(base)) {
            v->a[n] = test;
            v->b[n++] = base;
        }
    }
    if (rl_ttest_paired(v->a, v->b, n, &t, &err) != 0) {
        return;
    }
    rl_v_judge(v, row, t.p, t.diff, isfinite(t.d_z) ? t.d_z : 0.0);
    if (s == 0) {
        snprintf(row->study1, sizeof row->study1, "%.60s %.3g -> %.60s %.3g (n %d, p = %.3g)",
            c->baseline.label, t.mean_y, c->measure.label, t.mean_x, n, t.p);
    }
}

/* ---------------------------------------------------------------- fisher */

/* The mice of group g with the yes/no measure, and how many meet it. */
static int
count_yes(rl_validation_t *v, int g, const rl_claim_measure_t *m, int *yes)
{
    int n = rl_v_values(v, g, m, -1, v->a), i;
    *yes = 0;
    for (i = 0; i < n; i++) {
        *yes += v->a[i] == 1.0;
    }
    return n;
}

static void
test_fisher(rl_validation_t *v, row_t *row, int s)
{
    const rl_claim_check_t *c = row->check;
    int ya, yb, na = count_yes(v, c->group_a[row->pair], &c->measure, &ya);
    int nb = count_yes(v, c->group_b[row->pair], &c->measure, &yb);
    rl_fisher_t f;
    rl_error_t err;

    if (rl_fisher_exact(ya, na, yb, nb, &f, &err) != 0) {
        return;
    }
    rl_v_judge(v, row, f.p, f.prop_a - f.prop_b, 100.0 * (f.prop_a - f.prop_b));
    if (s == 0) {
        snprintf(row->study1, sizeof row->study1, "%s: %d/%d | %d/%d (p = %.3g)",
            c->measure.label, yb, nb, ya, na, f.p);
    }
}

/* ---------------------------------------------------------------- trend */

/* Between subjects: the mice of each level's group; x in v->b, y in v->a. */
static int
series_between(rl_validation_t *v, const rl_claim_check_t *c, double *means, int *ok)
{
    int k, n = 0;
    *ok = 1;
    for (k = 0; k < c->n_pairs; k++) {
        int m = rl_v_values(v, c->group_a[k], &c->measure, -1, v->a + n), j;
        rl_mean_sem_t ms = rl_mean_sem(v->a + n, m);
        for (j = 0; j < m; j++) {
            v->b[n + j] = c->level[k];
        }
        means[k] = ms.mean;
        *ok &= m > 0;
        n += m;
    }
    return n;
}

/* Within subjects: the mice of the group with a value at every level; y[i*k + j] in v->a. */
static int
series_within(rl_validation_t *v, const rl_claim_check_t *c, double *means)
{
    int k = c->n_pairs, i, j, n = 0;
    for (j = 0; j < k; j++) {
        means[j] = 0.0;
    }
    for (i = 0; i < v->n_mice; i++) {
        const mouse_t *x = &v->mice[i];
        int all = 1;
        if (x->group != c->group_a[0]) {
            continue;
        }
        for (j = 0; j < k; j++) {
            double y = rl_v_value_in(v, x, &c->measure, c->level_phase[j], -1);
            v->a[(size_t) n * (size_t) k + (size_t) j] = y;
            all &= !isnan(y);
        }
        if (all) {
            for (j = 0; j < k; j++) {
                means[j] += v->a[(size_t) n * (size_t) k + (size_t) j];
            }
            n++;
        }
    }
    for (j = 0; j < k; j++) {
        means[j] = n > 0 ? means[j] / n : NAN;
    }
    return n;
}

static void
test_trend(rl_validation_t *v, row_t *row, int s)
{
    const rl_claim_check_t *c = row->check;
    double means[RL_CLAIM_MAX_PAIRS];
    rl_trend_t t;
    rl_error_t err;
    int n, ok = 1, ret, j;
    size_t len;

    if (c->within) {
        n = series_within(v, c, means);
        ret = rl_trend_within(c->level, v->a, n, c->n_pairs, &t, NULL, &err);
    } else {
        n = series_between(v, c, means, &ok);
        ret = rl_trend_between(v->b, v->a, n, &t, &err);
    }
    if (ret != 0 || !ok) {
        return;
    }
    if (c->expect == RL_EXPECT_INCREASING || c->expect == RL_EXPECT_DECREASING) {
        int dir = c->expect == RL_EXPECT_INCREASING ? 1 : -1;
        record(row, t.slope, t.p < v->claims->alpha && dir * t.slope > 0.0
                && rl_monotone(means, c->n_pairs, dir, &err) == 1);
    } else {
        rl_v_judge(v, row, t.p, t.slope, t.slope);
    }
    if (s == 0) {
        len = (size_t) snprintf(row->study1, sizeof row->study1, "%s means:", c->measure.label);
        for (j = 0; j < c->n_pairs && len < sizeof row->study1; j++) {
            len += (size_t) snprintf(row->study1 + len, sizeof row->study1 - len, " %.3g",
                means[j]);
        }
        if (len < sizeof row->study1) {
            snprintf(row->study1 + len, sizeof row->study1 - len, " (p = %.3g)", t.p);
        }
    }
}

/* ---------------------------------------------------------------- equivalence, ratio */

static void
test_two_estimate(rl_validation_t *v, row_t *row, int s)
{
    const rl_claim_check_t *c = row->check;
    int ga = c->group_a[row->pair], gb = c->group_b[row->pair];
    int na = rl_v_values(v, ga, &c->measure, -1, v->a);
    int nb = rl_v_values(v, gb, &c->measure, -1, v->b);
    rl_error_t err;

    if (c->test == RL_CLAIM_RATIO) {
        rl_ratio_ci_t q;
        /* a ratio of means is read as one only over a positive denominator */
        double est;
        if (rl_fieller_welch(v->a, na, v->b, nb, &q, &err) != 0) {
            return;
        }
        est = rl_mean_sem(v->b, nb).mean > 0.0 ? q.est : NAN;
        record(row, est, estimate_holds(c, est));
        if (s == 0) {
            snprintf(row->study1, sizeof row->study1, "%s A/B %.3g, Fieller %s [%.3g, %.3g]",
                c->measure.label, q.est, q.kind == RL_FIELLER_BOUNDED ? "in"
                    : q.kind == RL_FIELLER_EXCLUSIVE ? "outside" : "unbounded", q.lo, q.hi);
        }
        return;
    } else {
        rl_tost_t t;
        int ret = c->test == RL_CLAIM_TOST_RATIO
            ? rl_tost_ratio(v->a, na, v->b, nb, c->range[0], c->range[1], v->claims->alpha, &t,
                  &err)
            : rl_tost_diff(v->a, na, v->b, nb, c->range[0], c->range[1], v->claims->alpha, &t,
                  &err);
        if (ret != 0) {
            return;
        }
        /* the effect column summarises A/B over the studies where it reads as a ratio, as
        ** the ratio rows do (a positive B mean); the verdict is the TOST's in every study */
        record(row, c->test == RL_CLAIM_TOST_RATIO && !(t.mean_b > 0.0) ? NAN : t.est,
            t.p < v->claims->alpha);
        if (s == 0) {
            snprintf(row->study1, sizeof row->study1, "%s: %.3g | %.3g, %s %.3g (TOST p = "
                "%.3g)", c->measure.label, t.mean_b, t.mean_a,
                c->test == RL_CLAIM_TOST_RATIO ? "A/B" : "A-B", t.est, t.p);
        }
    }
}

/* ---------------------------------------------------------------- describe */

/* Statistic st of x[0..n-1] (x is sorted in place). */
static double
statistic(const rl_claim_check_t *c, double *x, int n)
{
    double med, sum = 0.0;
    int i, at_most = 0;
    if (n < 1) {
        return NAN;
    }
    gsl_sort(x, 1, (size_t) n);
    med = gsl_stats_median_from_sorted_data(x, 1, (size_t) n);
    switch (c->statistic) {
    case RL_STAT_MEDIAN: return med;
    case RL_STAT_CV: {
        double mean = gsl_stats_mean(x, 1, (size_t) n);
        return n >= 2 && mean != 0.0 ? gsl_stats_sd_m(x, 1, (size_t) n, mean) / mean : NAN;
    }
    case RL_STAT_SHARE_AT_MOST:
        for (i = 0; i < n; i++) {
            at_most += x[i] <= c->cut;
        }
        return (double) at_most / n;
    case RL_STAT_MAX_OVER_MEDIAN: return med != 0.0 ? x[n - 1] / med : NAN;
    case RL_STAT_MEAN:
    default:
        for (i = 0; i < n; i++) {
            sum += x[i];
        }
        return sum / n;
    }
}

static void
test_describe(rl_validation_t *v, row_t *row, int s)
{
    const rl_claim_check_t *c = row->check;
    int n = rl_v_values(v, c->group_a[row->pair], &c->measure, -1, v->a);
    double x;
    if (n < 1) {
        return;
    }
    x = statistic(c, v->a, n);
    record(row, x, estimate_holds(c, x));
    if (s == 0) {
        snprintf(row->study1, sizeof row->study1, "%s: %s %.3g (n %d, range %.3g-%.3g)",
            c->measure.label, rl_claim_statistic_name(c->statistic), x, n, v->a[0],
            v->a[n - 1]);
    }
}

/* ---------------------------------------------------------------- logrank */

/* Group g's mice with the check's phase: the session of the criterion, or the sessions run
** (censored) where it was never met, into t; the event flags into e. */
static int
times_to_criterion(const rl_validation_t *v, int g, const rl_claim_measure_t *m, double *t,
    int *e)
{
    int i, n = 0;
    for (i = 0; i < v->n_mice; i++) {
        const mouse_t *x = &v->mice[i];
        double met, run, at;
        if (x->group != g) {
            continue;
        }
        at = rl_v_value(v, x, m, -1); /* sessions to criterion; NaN if never met */
        if (isnan(run = rl_v_value_in(v, x, &(rl_claim_measure_t){.measure = RL_M_SESSIONS,
                 .minus = -1, .over = -1}, m->phase, -1))) {
            continue; /* the phase did not run */
        }
        met = !isnan(at);
        t[n] = met ? at : run;
        e[n++] = (int) met;
    }
    return n;
}

static void
test_logrank(rl_validation_t *v, row_t *row, int s)
{
    const rl_claim_check_t *c = row->check;
    int na, nb, ea = 0, eb = 0, i;
    int *flags = v->event;
    rl_logrank_t r;
    rl_error_t err;

    na = times_to_criterion(v, c->group_a[row->pair], &c->measure, v->a, flags);
    nb = times_to_criterion(v, c->group_b[row->pair], &c->measure, v->b, flags + na);
    if (rl_logrank(v->a, flags, na, v->b, flags + na, nb, &r, &err) != 0) {
        return;
    }
    rl_v_judge(v, row, r.p, r.z, r.hazard_ratio);
    if (s == 0) {
        for (i = 0; i < na + nb; i++) {
            *(i < na ? &ea : &eb) += flags[i];
        }
        snprintf(row->study1, sizeof row->study1, "A met %d/%d, median %.3g | B met %d/%d, "
            "median %.3g (p = %.3g)", ea, na, r.median_a, eb, nb, r.median_b, r.p);
    }
}

int
rl_v_test_estimate(rl_validation_t *v, row_t *row, int s)
{
    switch (row->check->test) {
    case RL_CLAIM_PAIRED: test_paired(v, row, s); return 1;
    case RL_CLAIM_FISHER: test_fisher(v, row, s); return 1;
    case RL_CLAIM_TREND: test_trend(v, row, s); return 1;
    case RL_CLAIM_TOST_RATIO:
    case RL_CLAIM_TOST_DIFF:
    case RL_CLAIM_RATIO: test_two_estimate(v, row, s); return 1;
    case RL_CLAIM_DESCRIBE: test_describe(v, row, s); return 1;
    case RL_CLAIM_LOGRANK: test_logrank(v, row, s); return 1;
    default: return 0;
    }
}
