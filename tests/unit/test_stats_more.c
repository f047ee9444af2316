/* test_stats_more.c -- the statistics claims files need (stats.h: paired t-test, trend
** tests, Fisher's exact test and proportion intervals, TOST for a difference and a ratio,
** Fieller's interval for independent samples) against R.
**
** Data: tests/data/stats_ref.csv (20 mice, WT/KO, 3 sessions of active pokes), and small
** data sets written out both here and in tests/data/stats_ref.R. Expected values: R 4.2.2
** (Debian 12 r-base-core; effectsize 0.8.3) from `Rscript tests/data/stats_ref.R`, section
** "Claims-file statistics", output stored in tests/data/stats_ref.out (printed with 12
** significant digits, hence relative tolerances of 1e-9 and more). Each check names the R
** call. Values said to be "by hand" follow from the definitions in stats.h in a line or two
** of arithmetic, shown beside them.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/alloc.h"
#include "relapselab/stats.h"
#include "analysis/stats_internal.h"
#include "testlib.h"

#define N 20
#define K 3
#define TOL 1e-9 /* relative, against R's 12 significant digits */

static double s1[N], s2[N], s3[N]; /* sessions 1-3 of mice m01..m20 */
static int ko[N];                    /* 1 = KO (m11..m20) */

static bool
setup(void)
{
    FILE *f = fopen("tests/data/stats_ref.csv", "r");
    char line[256];
    int rows = 0;
    if (f == NULL || fgets(line, sizeof line, f) == NULL) { /* header */
        fprintf(stderr, "cannot read tests/data/stats_ref.csv\n");
        if (f != NULL) {
            fclose(f);
        }
        return false;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        int subject, session;
        char g[8];
        double v;
        if (sscanf(line, "m%d,%7[^,],%d,%lf", &subject, g, &session, &v) != 4 || subject < 1
            || subject > N || session < 1 || session > K) {
            continue;
        }
        (session == 1 ? s1 : session == 2 ? s2 : s3)[subject - 1] = v;
        ko[subject - 1] = strcmp(g, "KO") == 0;
        rows++;
    }
    fclose(f);
    return rows == N * K;
}

/* The values of one genotype (ko_wanted 0 = WT, 1 = KO) from session s; returns their count. */
static int
pick(const double *s, int ko_wanted, double *out)
{
    int i, n = 0;
    for (i = 0; i < N; i++) {
        if (ko[i] == ko_wanted) {
            out[n++] = s[i];
        }
    }
    return n;
}

/* ---------------------------------------------------------------- paired t-test */

static void
paired_known_answers(void)
{
    double wt1[N], wt2[N];
    const double x2[] = {5, 9}, y2[] = {4, 6};
    rl_ttest_paired_t p;
    rl_error_t err;
    int n;

    /* R: t.test(s3, s1, paired = TRUE), all 20 mice; d_z = mean(d) / sd(d), the same as
    ** effectsize::cohens_d(s3, s1, paired = TRUE) */
    CHECK(rl_ttest_paired(s3, s1, N, &p, &err) == 0);
    CHECK(p.n == N);
    CHECK_CLOSE(p.mean_x, 17.25, 0.0, TOL);
    CHECK_CLOSE(p.mean_y, 27.45, 0.0, TOL);
    CHECK_CLOSE(p.diff, -10.2, 0.0, TOL);
    CHECK_CLOSE(p.sd, 12.0420316523, 0.0, TOL);
    CHECK_CLOSE(p.se, 2.69268013618, 0.0, TOL);
    CHECK_CLOSE(p.t, -3.78804740412, 0.0, TOL);
    CHECK_CLOSE(p.df, 19.0, 0.0, 0.0);
    CHECK_CLOSE(p.p, 0.00124322859412, 0.0, TOL);
    CHECK_CLOSE(p.lo, -15.8358442959, 0.0, TOL);
    CHECK_CLOSE(p.hi, -4.56415570414, 0.0, TOL);
    CHECK_CLOSE(p.d_z, -0.847033149761, 0.0, TOL);

    /* R: t.test(s2, s1, paired = TRUE), WT mice */
    n = pick(s1, 0, wt1);
    CHECK(pick(s2, 0, wt2) == n);
    CHECK(rl_ttest_paired(wt2, wt1, n, &p, &err) == 0);
    CHECK_CLOSE(p.t, -3.67631550839, 0.0, TOL);
    CHECK_CLOSE(p.df, 9.0, 0.0, 0.0);
    CHECK_CLOSE(p.p, 0.00510456405559, 0.0, TOL);
    CHECK_CLOSE(p.lo, -15.1841274183, 0.0, TOL);
    CHECK_CLOSE(p.hi, -3.61587258172, 0.0, TOL);
    CHECK_CLOSE(p.d_z, -1.16255304039, 0.0, TOL);

    /* n = 2 (1 df), R: t.test(c(5, 9), c(4, 6), paired = TRUE): d = 1, 3, sd sqrt(2), se 1 */
    CHECK(rl_ttest_paired(x2, y2, 2, &p, &err) == 0);
    CHECK_CLOSE(p.t, 2.0, 0.0, TOL);
    CHECK_CLOSE(p.p, 0.295167235301, 0.0, TOL);
    CHECK_CLOSE(p.lo, -10.7062047362, 0.0, TOL);
    CHECK_CLOSE(p.hi, 14.7062047362, 0.0, TOL);
    CHECK_CLOSE(p.d_z, sqrt(2.0), 0.0, TOL);

    /* No spread of the differences (stats.h), by hand: x = y + 2 gives t = d_z = +inf,
    ** p = 0 and the interval [2, 2]; x = y gives t = d_z = 0, p = 1. */
    {
        const double y[] = {1, 4, 2}, x[] = {3, 6, 4};
        CHECK(rl_ttest_paired(x, y, 3, &p, &err) == 0);
        CHECK(isinf(p.t) && p.t > 0.0 && isinf(p.d_z) && p.p == 0.0);
        CHECK(p.lo == 2.0 && p.hi == 2.0);
        CHECK(rl_ttest_paired(y, x, 3, &p, &err) == 0);
        CHECK(isinf(p.t) && p.t < 0.0 && p.d_z < 0.0);
        CHECK(rl_ttest_paired(y, y, 3, &p, &err) == 0);
        CHECK(p.t == 0.0 && p.d_z == 0.0 && p.p == 1.0);
    }
    CHECK(rl_ttest_paired(x2, y2, 1, &p, &err) == RL_ERR_INVALID);
    /* the one allocation fails */
    rl_alloc_fault_set(1, NULL);
    CHECK(rl_ttest_paired(x2, y2, 2, &p, &err) == RL_ERR_NOMEM);
    rl_alloc_fault_set(0, NULL);
}

/* ---------------------------------------------------------------- trend tests */

static void
trend_between_known_answers(void)
{
    const double dose[] = {0.25, 0.5, 1.0, 2.0};
    double x[N];
    rl_trend_t tr;
    rl_ttest_t st;
    rl_error_t err;
    int i;

    /* Mouse i at dose (i - 1) mod 4 (R: x = log10(dose)[(i - 1) %% 4 + 1]), y = session 1.
    ** R: summary(lm(y ~ x)), confint() */
    for (i = 0; i < N; i++) {
        x[i] = log10(dose[i % 4]);
    }
    CHECK(rl_trend_between(x, s1, N, &tr, &err) == 0);
    CHECK(tr.n == N);
    CHECK_CLOSE(tr.slope, 1.52808692365, 0.0, TOL);
    CHECK_CLOSE(tr.intercept, 27.68, 0.0, TOL);
    CHECK_CLOSE(tr.se, 6.82889455034, 0.0, TOL);
    CHECK_CLOSE(tr.t, 0.223767831292, 0.0, TOL);
    CHECK_CLOSE(tr.df, 18.0, 0.0, 0.0);
    CHECK_CLOSE(tr.p, 0.825458033527, 0.0, TOL);
    CHECK_CLOSE(tr.lo, -12.8188881476, 0.0, TOL);
    CHECK_CLOSE(tr.hi, 15.8750619949, 0.0, TOL);

    /* k = 2 levels: x = 0 (WT), 1 (KO). R: lm; the slope is mean(KO) - mean(WT) and its t
    ** Student's t (the same as rl_ttest_student with the groups swapped). */
    for (i = 0; i < N; i++) {
        x[i] = ko[i];
    }
    CHECK(rl_trend_between(x, s1, N, &tr, &err) == 0);
    CHECK_CLOSE(tr.slope, -3.9, 0.0, TOL);
    CHECK_CLOSE(tr.intercept, 29.4, 0.0, TOL);
    CHECK_CLOSE(tr.se, 4.51035844843, 0.0, TOL);
    CHECK_CLOSE(tr.t, -0.864676287836, 0.0, TOL);
    CHECK_CLOSE(tr.p, 0.398593745313, 0.0, TOL);
    CHECK_CLOSE(tr.lo, -13.3759114737, 0.0, TOL);
    CHECK_CLOSE(tr.hi, 5.5759114737, 0.0, TOL);
    {
        double wt[N], kov[N];
        int na = pick(s1, 0, wt), nb = pick(s1, 1, kov);
        CHECK(rl_ttest_student(kov, nb, wt, na, &st, &err) == 0);
        CHECK_CLOSE(tr.t, st.t, 0.0, 1e-12);
    }

    /* n = 3 (1 df). R: lm(c(3, 4, 9) ~ c(1, 2, 4)) */
    {
        const double x3[] = {1, 2, 4}, y3[] = {3, 4, 9};
        CHECK(rl_trend_between(x3, y3, 3, &tr, &err) == 0);
        CHECK_CLOSE(tr.slope, 2.07142857143, 0.0, TOL);
        CHECK_CLOSE(tr.intercept, 0.5, 0.0, TOL);
        CHECK_CLOSE(tr.se, 0.371153744479, 0.0, TOL);
        CHECK_CLOSE(tr.t, 5.58105260217, 0.0, TOL);
        CHECK_CLOSE(tr.p, 0.112870330958, 0.0, TOL);
        CHECK_CLOSE(tr.lo, -2.64452689452, 0.0, TOL);
        CHECK_CLOSE(tr.hi, 6.78738403738, 0.0, TOL);
    }

    /* Points on a line, by hand: y = 1 + 2x exactly, no residual: se 0, t +inf, p 0;
    ** a flat line: slope 0, t 0, p 1. Too few values, or one level only: invalid. */
    {
        const double xl[] = {1, 2, 3}, yl[] = {3, 5, 7}, flat[] = {4, 4, 4};
        CHECK(rl_trend_between(xl, yl, 3, &tr, &err) == 0);
        CHECK(tr.slope == 2.0 && tr.intercept == 1.0 && tr.se == 0.0);
        CHECK(isinf(tr.t) && tr.t > 0.0 && tr.p == 0.0 && tr.lo == 2.0 && tr.hi == 2.0);
        CHECK(rl_trend_between(xl, flat, 3, &tr, &err) == 0);
        CHECK(tr.slope == 0.0 && tr.t == 0.0 && tr.p == 1.0);
        CHECK(rl_trend_between(xl, yl, 2, &tr, &err) == RL_ERR_INVALID);
        CHECK(rl_trend_between(flat, yl, 3, &tr, &err) == RL_ERR_INVALID);
    }
}

static void
trend_within_known_answers(void)
{
    double x[K], y[N * K], slopes[N];
    rl_trend_t tr;
    rl_error_t err;
    int i, n;

    /* Sessions 1-3 at the unequally spaced levels x = log10(0.25, 1, 2) (the middle level
    ** counts), all 20 mice. R: each mouse's coef(lm(y ~ x))[2], then t.test(slopes). */
    x[0] = log10(0.25);
    x[1] = log10(1.0);
    x[2] = log10(2.0);
    for (i = 0; i < N; i++) {
        y[i * K] = s1[i];
        y[i * K + 1] = s2[i];
        y[i * K + 2] = s3[i];
    }
    CHECK(rl_trend_within(x, y, N, K, &tr, slopes, &err) == 0);
    CHECK(tr.n == N);
    CHECK_CLOSE(slopes[0], -12.3385900667, 0.0, TOL);
    CHECK_CLOSE(slopes[1], -1.66096404744, 0.0, TOL);
    CHECK_CLOSE(slopes[2], -16.8469210526, 0.0, TOL);
    CHECK_CLOSE(tr.intercept, 19.15, 0.0, TOL);
    CHECK_CLOSE(tr.slope, -12.2911339511, 0.0, TOL);
    CHECK_CLOSE(tr.se, 2.91735786553, 0.0, TOL);
    CHECK_CLOSE(tr.t, -4.21310463701, 0.0, TOL);
    CHECK_CLOSE(tr.df, 19.0, 0.0, 0.0);
    CHECK_CLOSE(tr.p, 0.00047102335681, 0.0, TOL);
    CHECK_CLOSE(tr.lo, -18.397234139, 0.0, TOL);
    CHECK_CLOSE(tr.hi, -6.18503376321, 0.0, TOL);
    /* slopes may be NULL (then allocated inside; that allocation may fail) */
    CHECK(rl_trend_within(x, y, N, K, &tr, NULL, &err) == 0);
    CHECK_CLOSE(tr.t, -4.21310463701, 0.0, TOL);
    rl_alloc_fault_set(1, NULL);
    CHECK(rl_trend_within(x, y, N, K, &tr, NULL, &err) == RL_ERR_NOMEM);
    rl_alloc_fault_set(0, NULL);

    /* k = 2 levels, x = 1, 3: sessions 1 and 3 of the WT mice. R: the same. */
    {
        double x2[] = {1, 3}, w1[N], w3[N], y2[2 * N];
        n = pick(s1, 0, w1);
        CHECK(pick(s3, 0, w3) == n);
        for (i = 0; i < n; i++) {
            y2[2 * i] = w1[i];
            y2[2 * i + 1] = w3[i];
        }
        CHECK(rl_trend_within(x2, y2, n, 2, &tr, slopes, &err) == 0);
        CHECK_CLOSE(slopes[0], -4.5, 0.0, TOL);
        CHECK_CLOSE(slopes[2], -9.0, 0.0, TOL);
        CHECK_CLOSE(tr.intercept, 35.7, 0.0, TOL);
        CHECK_CLOSE(tr.slope, -6.3, 0.0, TOL);
        CHECK_CLOSE(tr.se, 1.72755446931, 0.0, TOL);
        CHECK_CLOSE(tr.t, -3.64677358191, 0.0, TOL);
        CHECK_CLOSE(tr.df, 9.0, 0.0, 0.0);
        CHECK_CLOSE(tr.p, 0.00534427397781, 0.0, TOL);
        CHECK_CLOSE(tr.lo, -10.2079997169, 0.0, TOL);
        CHECK_CLOSE(tr.hi, -2.39200028312, 0.0, TOL);
    }

    /* By hand: every subject's slope is -1 (no spread of the slopes): t = -inf, p = 0;
    ** invalid: 1 subject, 1 level, equal levels. */
    {
        const double xs[] = {0, 1, 2}, same[] = {0, 0, 0};
        const double ys[] = {5, 4, 3, 9, 8, 7};
        CHECK(rl_trend_within(xs, ys, 2, 3, &tr, slopes, &err) == 0);
        CHECK(slopes[0] == -1.0 && slopes[1] == -1.0 && tr.slope == -1.0);
        CHECK(isinf(tr.t) && tr.t < 0.0 && tr.p == 0.0);
        CHECK(tr.intercept == 7.0); /* (5 + 9) / 2 */
        CHECK(rl_trend_within(xs, ys, 1, 3, &tr, slopes, &err) == RL_ERR_INVALID);
        CHECK(rl_trend_within(xs, ys, 2, 1, &tr, slopes, &err) == RL_ERR_INVALID);
        CHECK(rl_trend_within(same, ys, 2, 3, &tr, slopes, &err) == RL_ERR_INVALID);
    }
}

/* By the definition in stats.h (non-strict steps). */
static void
monotone_check(void)
{
    const double falling[] = {10, 8, 8, 3}, rising[] = {1, 2, 2, 5}, bump[] = {1, 3, 2};
    const double flat[] = {4, 4}, nan_in[] = {1, NAN, 3};
    rl_error_t err;

    CHECK(rl_monotone(falling, 4, -1, &err) == 1);
    CHECK(rl_monotone(falling, 4, +1, &err) == 0);
    CHECK(rl_monotone(rising, 4, +1, &err) == 1);
    CHECK(rl_monotone(rising, 4, -1, &err) == 0);
    CHECK(rl_monotone(bump, 3, +1, &err) == 0);
    CHECK(rl_monotone(bump, 3, -1, &err) == 0);
    CHECK(rl_monotone(bump, 2, +1, &err) == 1); /* k = 2: the first step only */
    CHECK(rl_monotone(flat, 2, +1, &err) == 1);
    CHECK(rl_monotone(flat, 2, -1, &err) == 1);
    CHECK(rl_monotone(falling + 2, 2, -1, &err) == 1);
    CHECK(rl_monotone(flat, 1, +1, &err) == RL_ERR_INVALID);
    CHECK(rl_monotone(flat, 2, 0, &err) == RL_ERR_INVALID);
    CHECK(rl_monotone(nan_in, 3, +1, &err) == RL_ERR_INVALID);
}

/* ---------------------------------------------------------------- counts */

typedef struct fisher_case {
    int xa, na, xb, nb;
    double p, less, greater, odds_ratio; /* R: fisher.test(matrix(c(xa, xb, na - xa,
                                         ** nb - xb), 2)), alternative = "less" and
                                         ** "greater"; the sample odds ratio by hand */
} fisher_case_t;

static void
fisher_known_answers(void)
{
    static const fisher_case_t cases[] = {
        {3, 10, 9, 10, 0.0197666110979, 0.00988330554894, 0.999642772089, 0.047619047619},
        /* a zero cell */
        {0, 8, 5, 8, 0.025641025641, 0.0128205128205, 1.0, 0.0},
        /* symmetric margins: the mirror table (5/6 vs 1/6) ties with the observed one and
        ** counts, p = 2 x the one-sided p */
        {1, 6, 5, 6, 0.0800865800866, 0.0400432900433, 0.998917748918, 0.04},
        /* the most likely table */
        {3, 6, 3, 6, 1.0, 0.71645021645, 0.71645021645, 1.0},
        {2, 4, 2, 6, 1.0, 0.880952380952, 0.547619047619, 2.0},
        {4, 20, 15, 20, 0.00123185735218, 0.000615928676092, 0.999956249127,
            0.0833333333333},
        {12, 40, 25, 37, 0.0013647644282, 0.000979153434453, 0.99982139463, 0.205714285714},
        /* another table as likely as the observed one but computed from different terms
        ** (C(3,1) C(7,1) = C(3,0) C(7,2)): found by a search over n <= 25 as tables where
        ** only R's tolerance makes the tie count (without it p = 0.533 and 0.547) */
        {1, 2, 2, 8, 1.0, 0.933333333333, 0.533333333333, 3.0},
        {0, 3, 3, 11, 1.0, 0.453296703297, 1.0, 0.0},
    };
    rl_fisher_t f;
    rl_error_t err;
    size_t i;

    for (i = 0; i < RL_TEST_COUNT(cases); i++) {
        const fisher_case_t *c = &cases[i];
        CHECK(rl_fisher_exact(c->xa, c->na, c->xb, c->nb, &f, &err) == 0);
        CHECK_CLOSE(f.p, c->p, 0.0, TOL);
        CHECK_CLOSE(f.p_less, c->less, 0.0, TOL);
        CHECK_CLOSE(f.p_greater, c->greater, 0.0, TOL);
        CHECK_CLOSE(f.odds_ratio, c->odds_ratio, 0.0, TOL);
        CHECK_CLOSE(f.prop_a, (double) c->xa / c->na, 0.0, 0.0);
        CHECK_CLOSE(f.prop_b, (double) c->xb / c->nb, 0.0, 0.0);
    }
    /* no successes at all: one possible table, p = 1 (R agrees); odds ratio 0/0 */
    CHECK(rl_fisher_exact(0, 5, 0, 5, &f, &err) == 0);
    CHECK(f.p == 1.0 && f.p_less == 1.0 && f.p_greater == 1.0 && isnan(f.odds_ratio));
    /* the mirror of the zero-cell table: the odds ratio is +inf, the one-sided p swap */
    CHECK(rl_fisher_exact(5, 8, 0, 8, &f, &err) == 0);
    CHECK(isinf(f.odds_ratio) && f.odds_ratio > 0.0);
    CHECK_CLOSE(f.p, 0.025641025641, 0.0, TOL);
    CHECK_CLOSE(f.p_greater, 0.0128205128205, 0.0, TOL);
    CHECK(rl_fisher_exact(-1, 5, 0, 5, &f, &err) == RL_ERR_INVALID);
    CHECK(rl_fisher_exact(6, 5, 0, 5, &f, &err) == RL_ERR_INVALID);
    CHECK(rl_fisher_exact(0, 5, 0, 0, &f, &err) == RL_ERR_INVALID);
}

typedef struct prop_case {
    int x, n;
    double exact_lo, exact_hi;   /* R: binom.test(x, n)$conf.int */
    double wilson_lo, wilson_hi; /* R: prop.test(x, n, correct = FALSE)$conf.int */
} prop_case_t;

static void
prop_ci_known_answers(void)
{
    static const prop_case_t cases[] = {
        {3, 10, 0.0667395111777, 0.65245285006, 0.107791267406, 0.603221852539},
        {0, 10, 0.0, 0.308497107819, 0.0, 0.277532799863},
        {10, 10, 0.691502892181, 1.0, 0.722467200137, 1.0},
        {17, 20, 0.621073173455, 0.967929062815, 0.639581135259, 0.947631254104},
        {1, 1, 0.025, 1.0, 0.206549314377, 1.0},
        {2, 40, 0.00611364659935, 0.169196863959, 0.0138206673861, 0.165038773691},
    };
    rl_prop_ci_t ci;
    rl_error_t err;
    size_t i;

    for (i = 0; i < RL_TEST_COUNT(cases); i++) {
        const prop_case_t *c = &cases[i];
        CHECK(rl_prop_ci_exact(c->x, c->n, &ci, &err) == 0);
        CHECK_CLOSE(ci.p, (double) c->x / c->n, 0.0, 0.0);
        CHECK_CLOSE(ci.lo, c->exact_lo, 0.0, TOL);
        CHECK_CLOSE(ci.hi, c->exact_hi, 0.0, TOL);
        CHECK(rl_prop_ci_wilson(c->x, c->n, &ci, &err) == 0);
        CHECK_CLOSE(ci.lo, c->wilson_lo, 1e-15, TOL);
        CHECK_CLOSE(ci.hi, c->wilson_hi, 0.0, TOL);
    }
    CHECK(rl_prop_ci_exact(3, 0, &ci, &err) == RL_ERR_INVALID);
    CHECK(rl_prop_ci_wilson(4, 3, &ci, &err) == RL_ERR_INVALID);
}

/* ---------------------------------------------------------------- equivalence */

static void
tost_diff_known_answers(void)
{
    double wt[N], kov[N];
    const double a[] = {10, 11, 12, 11}, b[] = {10, 10.5, 11, 10.5};
    int na = pick(s1, 0, wt), nb = pick(s1, 1, kov);
    rl_tost_t t;
    rl_error_t err;

    /* Session 1, WT - KO within [-10, 10], alpha 0.05. R: t.test(wt, ko, mu = -10,
    ** alternative = "greater"), t.test(wt, ko, mu = 10, alternative = "less"),
    ** t.test(wt, ko, conf.level = 0.9). Not equivalent: p 0.097 > 0.05. */
    CHECK(rl_tost_diff(wt, na, kov, nb, -10.0, 10.0, 0.05, &t, &err) == 0);
    CHECK_CLOSE(t.est, 3.9, 0.0, TOL);
    CHECK_CLOSE(t.t_lo, 3.0817949746, 0.0, TOL);
    CHECK_CLOSE(t.p_lo, 0.00347221906156, 0.0, TOL);
    CHECK_CLOSE(t.t_hi, -1.35244239892, 0.0, TOL);
    CHECK_CLOSE(t.p_hi, 0.0972345346779, 0.0, TOL);
    CHECK_CLOSE(t.df_lo, 16.5096385585, 0.0, TOL);
    CHECK(t.df_hi == t.df_lo);
    CHECK_CLOSE(t.p, 0.0972345346779, 0.0, TOL);
    CHECK_CLOSE(t.ci_lo, -3.95967964885, 0.0, TOL);
    CHECK_CLOSE(t.ci_hi, 11.7596796488, 0.0, TOL);
    CHECK(t.ci_hi > 10.0); /* the interval reaches past a bound: not equivalent */

    /* the same within [-2, 15], alpha 0.1 (an 80 % interval). R: the same calls. */
    CHECK(rl_tost_diff(wt, na, kov, nb, -2.0, 15.0, 0.1, &t, &err) == 0);
    CHECK_CLOSE(t.t_lo, 1.30810002519, 0.0, TOL);
    CHECK_CLOSE(t.p_lo, 0.104380150254, 0.0, TOL);
    CHECK_CLOSE(t.t_hi, -2.4610017423, 0.0, TOL);
    CHECK_CLOSE(t.p_hi, 0.0126034182404, 0.0, TOL);
    CHECK_CLOSE(t.p, 0.104380150254, 0.0, TOL);
    CHECK_CLOSE(t.ci_lo, -2.12124961808, 0.0, TOL);
    CHECK_CLOSE(t.ci_hi, 9.92124961808, 0.0, TOL);

    /* Equivalent: a = 10,11,12,11, b = 10,10.5,11,10.5 within [-1, 2]. R: the same. */
    CHECK(rl_tost_diff(a, 4, b, 4, -1.0, 2.0, 0.05, &t, &err) == 0);
    CHECK_CLOSE(t.t_lo, 3.28633534503, 0.0, TOL);
    CHECK_CLOSE(t.t_hi, -3.28633534503, 0.0, TOL);
    CHECK_CLOSE(t.df_lo, 4.41176470588, 0.0, TOL);
    CHECK_CLOSE(t.p, 0.0131151262108, 0.0, TOL);
    CHECK_CLOSE(t.ci_lo, -0.447533891465, 0.0, TOL);
    CHECK_CLOSE(t.ci_hi, 1.44753389146, 0.0, TOL);
    CHECK(t.p < 0.05 && t.ci_lo > -1.0 && t.ci_hi < 2.0);

    /* No spread (stats.h), by hand: difference 1 within [0, 2]: both t infinite, p 0;
    ** within [1, 2]: at the lower bound, t_lo 0 and p_lo 0.5; within [2, 3]: p_lo 1. */
    {
        const double c2[] = {2, 2, 2}, c1[] = {1, 1, 1};
        CHECK(rl_tost_diff(c2, 3, c1, 3, 0.0, 2.0, 0.05, &t, &err) == 0);
        CHECK(isinf(t.t_lo) && isinf(t.t_hi) && t.p == 0.0);
        CHECK(t.ci_lo == 1.0 && t.ci_hi == 1.0);
        CHECK(rl_tost_diff(c2, 3, c1, 3, 1.0, 2.0, 0.05, &t, &err) == 0);
        CHECK(t.t_lo == 0.0 && t.p_lo == 0.5 && t.p == 0.5);
        CHECK(rl_tost_diff(c2, 3, c1, 3, 2.0, 3.0, 0.05, &t, &err) == 0);
        CHECK(t.p_lo == 1.0 && t.p_hi == 0.0 && t.p == 1.0);
    }
    CHECK(rl_tost_diff(a, 1, b, 4, -1.0, 2.0, 0.05, &t, &err) == RL_ERR_INVALID);
    CHECK(rl_tost_diff(a, 4, b, 4, 2.0, -1.0, 0.05, &t, &err) == RL_ERR_INVALID);
    CHECK(rl_tost_diff(a, 4, b, 4, -1.0, 2.0, 0.5, &t, &err) == RL_ERR_INVALID);
    CHECK(rl_tost_diff(a, 4, b, 4, -1.0, 2.0, 0.0, &t, &err) == RL_ERR_INVALID);
}

static void
tost_ratio_known_answers(void)
{
    double wt[N], kov[N];
    const double a[] = {10, 11, 12, 11, 10}, b[] = {10, 10.5, 11, 10.5, 10.8};
    int na = pick(s1, 0, wt), nb = pick(s1, 1, kov);
    rl_tost_t t;
    rl_error_t err;

    /* Session 1, KO / WT within [0.7, 1.3]. R: t.test(ko, 0.7 * wt, alternative =
    ** "greater"), t.test(ko, 1.3 * wt, alternative = "less") (Welch's test of a against
    ** r b, the same statistic as the formula in stats.h, also printed). Not equivalent. */
    CHECK(rl_tost_ratio(kov, nb, wt, na, 0.7, 1.3, 0.05, &t, &err) == 0);
    CHECK_CLOSE(t.est, 0.867346938776, 0.0, TOL);
    CHECK_CLOSE(t.mean_a, 25.5, 0.0, TOL);
    CHECK_CLOSE(t.mean_b, 29.4, 0.0, TOL);
    CHECK_CLOSE(t.t_lo, 1.20342687828, 0.0, TOL);
    CHECK_CLOSE(t.df_lo, 13.4362844776, 0.0, TOL);
    CHECK_CLOSE(t.p_lo, 0.124793200816, 0.0, TOL);
    CHECK_CLOSE(t.t_hi, -2.53122090546, 0.0, TOL);
    CHECK_CLOSE(t.df_hi, 17.9592785924, 0.0, TOL);
    CHECK_CLOSE(t.p_hi, 0.0104638005987, 0.0, TOL);
    CHECK_CLOSE(t.p, 0.124793200816, 0.0, TOL);
    CHECK(isnan(t.ci_lo) && isnan(t.ci_hi));

    /* within [0.8, 1.25]. R: the same. */
    CHECK(rl_tost_ratio(kov, nb, wt, na, 0.8, 1.25, 0.05, &t, &err) == 0);
    CHECK_CLOSE(t.t_lo, 0.469545998448, 0.0, TOL);
    CHECK_CLOSE(t.df_lo, 14.5402499806, 0.0, TOL);
    CHECK_CLOSE(t.p_lo, 0.322821683263, 0.0, TOL);
    CHECK_CLOSE(t.t_hi, -2.28002810363, 0.0, TOL);
    CHECK_CLOSE(t.df_hi, 17.8658394921, 0.0, TOL);
    CHECK_CLOSE(t.p_hi, 0.017555662613, 0.0, TOL);

    /* Equivalent: a = 10,11,12,11,10, b = 10,10.5,11,10.5,10.8 within [0.8, 1.25]. */
    CHECK(rl_tost_ratio(a, 5, b, 5, 0.8, 1.25, 0.05, &t, &err) == 0);
    CHECK_CLOSE(t.est, 1.02272727273, 0.0, TOL);
    CHECK_CLOSE(t.t_lo, 5.91141396279, 0.0, TOL);
    CHECK_CLOSE(t.df_lo, 5.02836431157, 0.0, TOL);
    CHECK_CLOSE(t.p_lo, 0.000967684480902, 0.0, TOL);
    CHECK_CLOSE(t.t_hi, -5.58460538077, 0.0, TOL);
    CHECK_CLOSE(t.df_hi, 6.317454432, 0.0, TOL);
    CHECK_CLOSE(t.p_hi, 0.00058887717077, 0.0, TOL);
    CHECK_CLOSE(t.p, 0.000967684480902, 0.0, TOL);

    /* By hand: with r = 1 the test at that bound is Welch's t-test of a against b. */
    {
        rl_ttest_t w;
        CHECK(rl_ttest_welch(a, 5, b, 5, &w, &err) == 0);
        CHECK(rl_tost_ratio(a, 5, b, 5, 1.0, 1.25, 0.05, &t, &err) == 0);
        CHECK_CLOSE(t.t_lo, w.t, 0.0, 1e-12);
        CHECK_CLOSE(t.df_lo, w.df, 0.0, 1e-12);
        CHECK_CLOSE(2.0 * fmin(t.p_lo, 1.0 - t.p_lo), w.p, 0.0, 1e-9);
    }
    /* A negative denominator mean (stats.h: no sign flip), by hand: b = -a, ratio -1, the
    ** band [0.8, 1.25] lies far from it: mean_a - 0.8 mean_b > 0 is clear (p_lo small)
    ** but mean_a - 1.25 mean_b < 0 is not (p_hi ~ 1), so not equivalent. */
    {
        const double nb5[] = {-10, -11, -12, -11, -10};
        CHECK(rl_tost_ratio(a, 5, nb5, 5, 0.8, 1.25, 0.05, &t, &err) == 0);
        CHECK_CLOSE(t.est, -1.0, 0.0, 1e-12);
        CHECK(t.p_lo < 1e-6 && t.p_hi > 0.999999 && t.p == t.p_hi);
    }
    CHECK(rl_tost_ratio(a, 5, b, 5, 1.25, 0.8, 0.05, &t, &err) == RL_ERR_INVALID);
    CHECK(rl_tost_ratio(a, 5, b, 1, 0.8, 1.25, 0.05, &t, &err) == RL_ERR_INVALID);
}

/* ---------------------------------------------------------------- Fieller */

static void
fieller_welch_known_answers(void)
{
    double wt[N], kov[N], wt3[N], ko3[N];
    int na = pick(s1, 0, wt), nb = pick(s1, 1, kov);
    rl_ratio_ci_t r;
    rl_error_t err;

    pick(s3, 0, wt3);
    pick(s3, 1, ko3);
    /* R (stats_ref.R, fieller2): the closed form and, independently, the q where
    ** |t.test(a, q * b)$statistic| = t(0.975, df), df = t.test(a, est * b)$parameter. */
    /* session 1, KO / WT: bounded */
    CHECK(rl_fieller_welch(kov, nb, wt, na, &r, &err) == 0);
    CHECK(r.kind == RL_FIELLER_BOUNDED);
    CHECK_CLOSE(r.est, 0.867346938776, 0.0, TOL);
    CHECK_CLOSE(r.df, 15.2591543172, 0.0, TOL);
    CHECK_CLOSE(r.lo, 0.581141758785, 0.0, TOL);
    CHECK_CLOSE(r.hi, 1.22074250599, 0.0, TOL);
    /* session 3, KO / WT: bounded */
    CHECK(rl_fieller_welch(ko3, nb, wt3, na, &r, &err) == 0);
    CHECK(r.kind == RL_FIELLER_BOUNDED);
    CHECK_CLOSE(r.est, 1.05357142857, 0.0, TOL);
    CHECK_CLOSE(r.df, 17.8603397797, 0.0, TOL);
    CHECK_CLOSE(r.lo, 0.584803240579, 0.0, TOL);
    CHECK_CLOSE(r.hi, 1.84219629825, 0.0, TOL);
    /* n = 2 */
    {
        const double a2[] = {2, 4}, b2[] = {5, 6};
        CHECK(rl_fieller_welch(a2, 2, b2, 2, &r, &err) == 0);
        CHECK(r.kind == RL_FIELLER_BOUNDED);
        CHECK_CLOSE(r.df, 1.14794185573, 0.0, TOL);
        CHECK_CLOSE(r.lo, -1.70585633869, 0.0, TOL);
        CHECK_CLOSE(r.hi, 5.79922474656, 0.0, TOL);
    }
    /* The denominator's interval includes 0, the numerator's does not: q <= lo or q >= hi,
    ** with the estimate 9.2 in the upper part. */
    {
        const double a[] = {10, 12, 11, 13}, b[] = {-1, 2, 1, 3};
        CHECK(rl_fieller_welch(a, 4, b, 4, &r, &err) == 0);
        CHECK(r.kind == RL_FIELLER_EXCLUSIVE);
        CHECK_CLOSE(r.est, 9.2, 0.0, TOL);
        CHECK_CLOSE(r.df, 3.04050585021, 0.0, TOL);
        CHECK_CLOSE(r.lo, -7.87914598795, 0.0, TOL);
        CHECK_CLOSE(r.hi, 2.84605499718, 0.0, TOL);
    }
    /* Neither differs from 0: the whole line (R: no bound on a grid over [-50, 50]). */
    {
        const double a[] = {-1, 3, 0, 2}, b[] = {-2, 2, 1, 3};
        CHECK(rl_fieller_welch(a, 4, b, 4, &r, &err) == 0);
        CHECK(r.kind == RL_FIELLER_UNBOUNDED);
        CHECK_CLOSE(r.est, 1.0, 0.0, TOL);
        CHECK_CLOSE(r.df, 5.83783783784, 0.0, TOL);
        CHECK(isnan(r.lo) && isnan(r.hi));
    }
    /* mean(b) = 0: the estimate is infinite, df its limit n_b - 1 = 3; R: the closed form
    ** and the inversion with df = 3. */
    {
        const double a[] = {10, 12, 11, 13}, b[] = {-1, 1, -2, 2};
        CHECK(rl_fieller_welch(a, 4, b, 4, &r, &err) == 0);
        CHECK(r.kind == RL_FIELLER_EXCLUSIVE);
        CHECK(isinf(r.est));
        CHECK(r.df == 3.0);
        CHECK_CLOSE(r.lo, -3.89480246289, 0.0, TOL);
        CHECK_CLOSE(r.hi, 3.89480246289, 0.0, TOL);
    }
    /* b constant 0 and a's mean significant (R: |t| 19.05 > t(0.975, 2) 4.30): no finite
    ** ratio fits, EXCLUSIVE with both bounds infinite; with a's mean not significant
    ** (a = -1, 0, 1: t = 0), every ratio fits. */
    {
        const double a[] = {10, 11, 12}, b[] = {0, 0, 0}, c[] = {-1, 0, 1};
        CHECK(rl_fieller_welch(a, 3, b, 3, &r, &err) == 0);
        CHECK(r.kind == RL_FIELLER_EXCLUSIVE && r.df == 2.0);
        CHECK(isinf(r.lo) && r.lo < 0.0 && isinf(r.hi) && r.hi > 0.0);
        CHECK(rl_fieller_welch(c, 3, b, 3, &r, &err) == 0);
        CHECK(r.kind == RL_FIELLER_UNBOUNDED);
    }
    /* Both constant, by hand: a ratio known exactly, the interval is the point 2. */
    {
        const double a[] = {4, 4}, b[] = {2, 2};
        CHECK(rl_fieller_welch(a, 2, b, 2, &r, &err) == 0);
        CHECK(r.kind == RL_FIELLER_BOUNDED && r.lo == 2.0 && r.hi == 2.0);
    }
    CHECK(rl_fieller_welch(kov, 1, wt, na, &r, &err) == RL_ERR_INVALID);
}

/* The shapes of qa q^2 - 2 qb q + qc <= 0 (stats_internal.h), by hand. */
static void
fieller_roots_shapes(void)
{
    double lo, hi;

    /* q^2 - 4q + 3 = (q - 1)(q - 3) <= 0: [1, 3] */
    CHECK(rl_fieller_roots(1.0, 2.0, 3.0, &lo, &hi) == RL_FIELLER_BOUNDED);
    CHECK(lo == 1.0 && hi == 3.0);
    /* -(q - 1)(q - 3) <= 0: q <= 1 or q >= 3 */
    CHECK(rl_fieller_roots(-1.0, -2.0, -3.0, &lo, &hi) == RL_FIELLER_EXCLUSIVE);
    CHECK(lo == 1.0 && hi == 3.0);
    /* -q^2 - 1 <= 0 everywhere */
    CHECK(rl_fieller_roots(-1.0, 0.0, -1.0, &lo, &hi) == RL_FIELLER_UNBOUNDED);
    CHECK(isnan(lo) && isnan(hi));
    /* -(q - 2)^2 <= 0 everywhere (a double root is not a gap) */
    CHECK(rl_fieller_roots(-1.0, -2.0, -4.0, &lo, &hi) == RL_FIELLER_UNBOUNDED);
    /* linear: -4q + 6 <= 0 is q >= 1.5; 4q + 6 <= 0 is q <= -1.5 */
    CHECK(rl_fieller_roots(0.0, 2.0, 6.0, &lo, &hi) == RL_FIELLER_EXCLUSIVE);
    CHECK(isinf(lo) && lo < 0.0 && hi == 1.5);
    CHECK(rl_fieller_roots(0.0, -2.0, 6.0, &lo, &hi) == RL_FIELLER_EXCLUSIVE);
    CHECK(lo == -1.5 && isinf(hi) && hi > 0.0);
    /* constant: 1 <= 0 never (both bounds infinite), -1 <= 0 always */
    CHECK(rl_fieller_roots(0.0, 0.0, 1.0, &lo, &hi) == RL_FIELLER_EXCLUSIVE);
    CHECK(isinf(lo) && isinf(hi));
    CHECK(rl_fieller_roots(0.0, 0.0, -1.0, &lo, &hi) == RL_FIELLER_UNBOUNDED);
    /* a rounding-negative discriminant with qa > 0 is a point; NaN is unbounded */
    CHECK(rl_fieller_roots(1.0, 1.0, 1.0 + 1e-15, &lo, &hi) == RL_FIELLER_BOUNDED);
    CHECK(lo == 1.0 && hi == 1.0);
    CHECK(rl_fieller_roots(NAN, 1.0, 1.0, &lo, &hi) == RL_FIELLER_UNBOUNDED);
}

static const rl_test_case_t CASES[] = {
    {"paired_known_answers", paired_known_answers, 0},
    {"trend_between_known_answers", trend_between_known_answers, 0},
    {"trend_within_known_answers", trend_within_known_answers, 0},
    {"monotone_check", monotone_check, 0},
    {"fisher_known_answers", fisher_known_answers, 0},
    {"prop_ci_known_answers", prop_ci_known_answers, 0},
    {"tost_diff_known_answers", tost_diff_known_answers, 0},
    {"tost_ratio_known_answers", tost_ratio_known_answers, 0},
    {"fieller_welch_known_answers", fieller_welch_known_answers, 0},
    {"fieller_roots_shapes", fieller_roots_shapes, 0},
};

int
main(int argc, char **argv)
{
    static const rl_test_suite_t suite = {CASES, RL_TEST_COUNT(CASES), setup, NULL};
    return rl_test_main(argc, argv, &suite);
}
