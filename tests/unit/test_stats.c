/* test_stats.c -- t-tests, their effect size (Hedges' g) and interval, and the mixed ANOVA
** with its partial eta squared against R.
**
** Data: tests/data/stats_ref.csv (20 mice, WT/KO, 3 sessions of active pokes; generated
** once with a fixed seed). Expected values: R 4.2.2 with afex 1.2.1 (Debian 12 packages
** r-base-core, r-cran-afex), from `Rscript tests/data/stats_ref.R` -- t.test(var.equal =
** TRUE / FALSE) on session 1, afex::aov_ez(type = 3) with correction "none" and "GG" on
** sessions 1-3, and on sessions 1 and 3 (a 2 x 2 design). R is not needed to run this
** test; the script documents where each number came from, and its output is stored in
** tests/data/stats_ref.out.
**
** Hedges' g (the effect size `relapselab validate` reports per claim) is checked on the
** same data and on two small data sets worked by hand, with the correction stats.c
** implements, J = 1 - 3 / (4 df - 1) (the approximation of Hedges 1981, eq. 6e; Borenstein
** et al. 2009, eq. 4.22), not the exact gamma form (which R's effectsize::hedges_g uses:
** its values are in stats_ref.out too, and differ from these in the 3rd-4th digit).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/stats.h"
#include "testlib.h"

#define N 20
#define K 3

static double y[N * K];
static int group[N];

static int
load(void)
{
    FILE *f = fopen("tests/data/stats_ref.csv", "r");
    char line[256];
    int rows = 0;
    if (f == NULL) {
        return -1;
    }
    if (fgets(line, sizeof line, f) == NULL) { /* header */
        fclose(f);
        return -1;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        int subject, session;
        char g[8];
        double v;
        if (sscanf(line, "m%d,%7[^,],%d,%lf", &subject, g, &session, &v) != 4) {
            continue;
        }
        y[(subject - 1) * K + (session - 1)] = v;
        group[subject - 1] = strcmp(g, "KO") == 0;
        rows++;
    }
    fclose(f);
    return rows == N * K ? 0 : -1;
}

/* The first session's values (column 0 of y) split by group: wt[0..*na), ko[0..*nb). */
static void
session1_by_group(double *wt, int *na, double *ko, int *nb)
{
    int i;
    *na = *nb = 0;
    for (i = 0; i < N; i++) {
        if (group[i]) {
            ko[(*nb)++] = y[i * K];
        } else {
            wt[(*na)++] = y[i * K];
        }
    }
}

static void
t_tests(void)
{
    double wt[10], ko[10];
    rl_ttest_t t;
    rl_error_t err;
    int a = 0, b = 0;
    session1_by_group(wt, &a, ko, &b);
    CHECK(rl_ttest_student(wt, a, ko, b, &t, &err) == 0);
    /* R: t.test(wt, ko, var.equal = TRUE) */
    CHECK_CLOSE(t.t, 0.864676287836, 0.0, 1e-9);
    CHECK_CLOSE(t.df, 18.0, 0.0, 0.0);
    CHECK_CLOSE(t.p, 0.398593745313, 0.0, 1e-8);
    CHECK(rl_ttest_welch(wt, a, ko, b, &t, &err) == 0);
    /* R: t.test(wt, ko, var.equal = FALSE) */
    CHECK_CLOSE(t.t, 0.864676287836, 0.0, 1e-9);
    CHECK_CLOSE(t.df, 16.5096385585, 0.0, 1e-8);
    CHECK_CLOSE(t.p, 0.399606210008, 0.0, 1e-8);
    CHECK(rl_ttest_student(wt, 1, ko, b, &t, &err) == RL_ERR_INVALID);
}

/* Hedges' g = J d, d = (mean_a - mean_b) / s_p, s_p^2 = (SS_a + SS_b) / df,
** df = n_a + n_b - 2, J = 1 - 3 / (4 df - 1), for both t-tests (Welch's test too uses the
** pooled SD and this df: the effect size does not depend on the test). */
static void
hedges_g_known_answers(void)
{
    double wt[10], ko[10];
    const double a[] = {2, 4, 6}, b3[] = {1, 2, 3}, b2[] = {1, 3};
    const double same[] = {5, 5, 5}, more[] = {7, 7, 7};
    rl_ttest_t t;
    rl_error_t err;
    int na = 0, nb = 0;

    session1_by_group(wt, &na, ko, &nb);
    /* stats_ref.csv session 1, WT - KO: df 18, s_p 10.0854680936, d 0.386694991627,
    ** J = 1 - 3/71 = 0.957746478873, g 0.370355766628 (R, stats_ref.R "hedges"; exact
    ** J would give 0.370317077079, as effectsize::hedges_g does) */
    CHECK(rl_ttest_student(wt, na, ko, nb, &t, &err) == 0);
    CHECK_CLOSE(t.hedges_g, 0.370355766628, 0.0, 1e-10);
    CHECK(rl_ttest_welch(wt, na, ko, nb, &t, &err) == 0);
    CHECK_CLOSE(t.hedges_g, 0.370355766628, 0.0, 1e-10);
    /* the sign follows mean_a - mean_b */
    CHECK(rl_ttest_student(ko, nb, wt, na, &t, &err) == 0);
    CHECK_CLOSE(t.hedges_g, -0.370355766628, 0.0, 1e-10);

    /* By hand: a = 2,4,6 (mean 4, SS 8), b = 1,2,3 (mean 2, SS 2): df 4, s_p^2 = 10/4,
    ** d = 2 / sqrt(2.5) = 1.26491106407, J = 1 - 3/15 = 0.8, g = 1.6 / sqrt(2.5)
    ** = 1.01192885125 (R agrees; exact J 0.797884560803 would give 1.00925300881). */
    CHECK(rl_ttest_student(a, 3, b3, 3, &t, &err) == 0);
    CHECK_CLOSE(t.hedges_g, 1.6 / sqrt(2.5), 0.0, 1e-12);
    CHECK_CLOSE(t.hedges_g, 1.01192885125, 0.0, 1e-10);

    /* By hand, unequal n and variances: a = 2,4,6, b = 1,3 (mean 2, SS 2): df 3,
    ** s_p^2 = 10/3, d = 2 / sqrt(10/3) = 1.09544511501, J = 1 - 3/11 = 8/11,
    ** g = 0.796687356371 (R agrees). Welch's df here is 2.88235294118, so a J computed from
    ** it (0.7151) instead of n_a + n_b - 2 would fail this check. */
    CHECK(rl_ttest_student(a, 3, b2, 2, &t, &err) == 0);
    CHECK_CLOSE(t.hedges_g, 8.0 / 11.0 * 2.0 / sqrt(10.0 / 3.0), 0.0, 1e-12);
    CHECK_CLOSE(t.hedges_g, 0.796687356371, 0.0, 1e-10);
    CHECK(rl_ttest_welch(a, 3, b2, 2, &t, &err) == 0);
    CHECK_CLOSE(t.df, 2.88235294118, 0.0, 1e-10);
    CHECK_CLOSE(t.hedges_g, 0.796687356371, 0.0, 1e-10);

    /* No spread (stats.h): g is +/-inf when the means differ, 0 when they do not. */
    CHECK(rl_ttest_student(more, 3, same, 3, &t, &err) == 0);
    CHECK(isinf(t.hedges_g) && t.hedges_g > 0.0);
    CHECK(rl_ttest_welch(same, 3, more, 3, &t, &err) == 0);
    CHECK(isinf(t.hedges_g) && t.hedges_g < 0.0);
    CHECK(rl_ttest_student(same, 3, same, 3, &t, &err) == 0);
    CHECK(t.hedges_g == 0.0);
}

static void
mixed_anova_three_levels(void)
{
    rl_anova_mixed_t a;
    rl_error_t err;
    CHECK(rl_anova_mixed(y, group, N, 2, K, &a, &err) == 0);
    /* R: afex::aov_ez(..., type = 3), correction = "none" */
    CHECK_CLOSE(a.group.f, 1.15301726845, 0.0, 1e-9);
    CHECK_CLOSE(a.group.df, 1.0, 0.0, 0.0);
    CHECK_CLOSE(a.group.df_error, 18.0, 0.0, 0.0);
    CHECK_CLOSE(a.group.p, 0.297103123479, 0.0, 1e-8);
    CHECK_CLOSE(a.level.f, 8.73787911379, 0.0, 1e-9);
    CHECK_CLOSE(a.level.df_error, 36.0, 0.0, 0.0);
    CHECK_CLOSE(a.level.p, 0.000806528825726, 0.0, 1e-8);
    CHECK_CLOSE(a.interaction.f, 0.941621854162, 0.0, 1e-9);
    CHECK_CLOSE(a.interaction.p, 0.399389066817, 0.0, 1e-8);
    /* R: correction = "GG": df 1.95701149353 = eps x 2 */
    CHECK_CLOSE(a.gg_epsilon * 2.0, 1.95701149353, 0.0, 1e-9);
    CHECK_CLOSE(a.level.p_gg, 0.000891289584571, 0.0, 1e-8);
    CHECK_CLOSE(a.interaction.p_gg, 0.397820933722, 0.0, 1e-8);
}

static void
mixed_anova_two_levels(void)
{
    double y2[N * 2];
    rl_anova_mixed_t a;
    rl_error_t err;
    int i;
    for (i = 0; i < N; i++) {
        y2[i * 2] = y[i * K];
        y2[i * 2 + 1] = y[i * K + 2];
    }
    CHECK(rl_anova_mixed(y2, group, N, 2, 2, &a, &err) == 0);
    /* R: the same on sessions 1 and 3 */
    CHECK_CLOSE(a.group.f, 0.178209979759, 0.0, 1e-9);
    CHECK_CLOSE(a.group.p, 0.67791540235, 0.0, 1e-8);
    CHECK_CLOSE(a.level.f, 14.1872727273, 0.0, 1e-9);
    CHECK_CLOSE(a.level.p, 0.00141271605864, 0.0, 1e-8);
    CHECK_CLOSE(a.interaction.f, 0.785454545455, 0.0, 1e-9);
    CHECK_CLOSE(a.interaction.p, 0.38716572989, 0.0, 1e-8);
    CHECK_CLOSE(a.gg_epsilon, 1.0, 0.0, 0.0);
    CHECK(rl_anova_mixed(y2, group, N, 2, 1, &a, &err) == RL_ERR_INVALID);
}

/* The 95 % interval of the difference (summary --compare): R, stats_ref.R "ci" --
** t.test(wt, ko, var.equal = TRUE / FALSE)$conf.int and $stderr. */
static void
interval_known_answers(void)
{
    double wt[10], ko[10];
    const double a[] = {2, 4, 6}, b2[] = {1, 3}, same[] = {5, 5, 5}, more[] = {7, 7, 7};
    rl_ttest_t t;
    rl_error_t err;
    int na = 0, nb = 0;

    session1_by_group(wt, &na, ko, &nb);
    CHECK(rl_ttest_student(wt, na, ko, nb, &t, &err) == 0);
    CHECK_CLOSE(t.se, 4.51035844843, 0.0, 1e-9);
    CHECK_CLOSE(t.lo, -5.5759114737, 0.0, 1e-8);
    CHECK_CLOSE(t.hi, 13.3759114737, 0.0, 1e-8);
    CHECK(rl_ttest_welch(wt, na, ko, nb, &t, &err) == 0);
    CHECK_CLOSE(t.se, 4.51035844843, 0.0, 1e-9);
    CHECK_CLOSE(t.lo, -5.63760061166, 0.0, 1e-8);
    CHECK_CLOSE(t.hi, 13.4376006117, 0.0, 1e-8);
    /* unequal n and variances: Welch's df 2.88235294118 sets the t quantile */
    CHECK(rl_ttest_welch(a, 3, b2, 2, &t, &err) == 0);
    CHECK_CLOSE(t.se, 1.52752523165, 0.0, 1e-10);
    CHECK_CLOSE(t.lo, -2.97546759641, 0.0, 1e-9);
    CHECK_CLOSE(t.hi, 6.97546759641, 0.0, 1e-9);
    /* no spread: the interval is the point difference */
    CHECK(rl_ttest_welch(more, 3, same, 3, &t, &err) == 0);
    CHECK(t.se == 0.0 && t.lo == 2.0 && t.hi == 2.0);
}

/* Partial eta squared of the mixed ANOVAs: R, stats_ref.R "pes3" / "pes2" --
** anova(aov_ez(...), es = "pes"). */
static void
partial_eta_squared_known_answers(void)
{
    double y2[N * 2];
    rl_anova_mixed_t a;
    rl_error_t err;
    int i;
    CHECK(rl_anova_mixed(y, group, N, 2, K, &a, &err) == 0);
    CHECK_CLOSE(a.group.pes, 0.0602002938903, 0.0, 1e-10);
    CHECK_CLOSE(a.level.pes, 0.326797764198, 0.0, 1e-10);
    CHECK_CLOSE(a.interaction.pes, 0.0497117861085, 0.0, 1e-10);
    for (i = 0; i < N; i++) {
        y2[i * 2] = y[i * K];
        y2[i * 2 + 1] = y[i * K + 2];
    }
    CHECK(rl_anova_mixed(y2, group, N, 2, 2, &a, &err) == 0);
    CHECK_CLOSE(a.group.pes, 0.00980349440112, 0.0, 1e-10);
    CHECK_CLOSE(a.level.pes, 0.440772750381, 0.0, 1e-10);
    CHECK_CLOSE(a.interaction.pes, 0.0418118466899, 0.0, 1e-10);
}

static bool
setup(void)
{
    if (load() != 0) {
        fprintf(stderr, "cannot read tests/data/stats_ref.csv\n");
        return false;
    }
    return true;
}

static const rl_test_case_t CASES[] = {
    {"t_tests", t_tests, 0},
    {"hedges_g_known_answers", hedges_g_known_answers, 0},
    {"mixed_anova_three_levels", mixed_anova_three_levels, 0},
    {"mixed_anova_two_levels", mixed_anova_two_levels, 0},
    {"interval_known_answers", interval_known_answers, 0},
    {"partial_eta_squared_known_answers", partial_eta_squared_known_answers, 0},
};

int
main(int argc, char **argv)
{
    static const rl_test_suite_t suite = {CASES, RL_TEST_COUNT(CASES), setup, NULL};
    return rl_test_main(argc, argv, &suite);
}
