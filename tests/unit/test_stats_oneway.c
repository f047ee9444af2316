/* test_stats_oneway.c -- the one-way ANOVA (with eta squared) and Holm's adjustment of
** p-values against R.
**
** Expected values: R 4.2.2 (Debian 12 packages r-base-core, r-cran-afex,
** r-cran-effectsize), from `Rscript tests/data/stats_ref.R`, section "Group comparisons":
** summary(aov(y ~ g)) and effectsize::eta_squared(partial = FALSE) on session 1 of
** tests/data/stats_ref.csv split into three groups by mouse (m01-m07, m08-m14, m15-m20) and
** on a small data set written out in the script; p.adjust(p, "holm") on four vectors.
** The output is stored in tests/data/stats_ref.out; R is not needed to run this test.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "relapselab/stats.h"
#include "testlib.h"

/* Session 1 of tests/data/stats_ref.csv, m01 .. m20. */
static const double session1[20] = {19, 25, 40, 32, 38, 24, 38, 27, 35, 16,
    28, 29, 31, 33, 30, 20, 19, 4, 46, 15};

static void
oneway_known_answers(void)
{
    const double small[10] = {1, 2, 3, 2, 4, 6, 8, 5, 5, 6};
    const int small_g[10] = {0, 0, 0, 1, 1, 1, 1, 2, 2, 2};
    int g[20], i;
    rl_anova_oneway_t a;
    rl_error_t err;

    for (i = 0; i < 20; i++) {
        g[i] = i < 7 ? 0 : i < 14 ? 1 : 2;
    }
    /* R: oneway session 1, mice 1-7 A, 8-14 B, 15-20 C */
    CHECK(rl_anova_oneway(session1, g, 20, 3, &a, &err) == 0);
    CHECK_CLOSE(a.group.f, 1.25331160458, 0.0, 1e-9);
    CHECK(a.group.df == 2.0 && a.group.df_error == 17.0);
    CHECK_CLOSE(a.group.p, 0.310647614185, 0.0, 1e-9);
    CHECK_CLOSE(a.group.ss, 245.045238095, 0.0, 1e-7);
    CHECK_CLOSE(a.ss_error, 1661.9047619, 0.0, 1e-7);
    CHECK_CLOSE(a.group.pes, 0.128501134322, 0.0, 1e-10);
    CHECK_CLOSE(a.ss_total, 245.045238095 + 1661.9047619, 0.0, 1e-7);
    CHECK(a.group.p_gg == a.group.p);
    /* R: oneway a = 1,2,3 b = 2,4,6,8 c = 5,5,6 */
    CHECK(rl_anova_oneway(small, small_g, 10, 3, &a, &err) == 0);
    CHECK_CLOSE(a.group.f, 3.23235294118, 0.0, 1e-9);
    CHECK(a.group.df == 2.0 && a.group.df_error == 7.0);
    CHECK_CLOSE(a.group.p, 0.101310414101, 0.0, 1e-9);
    CHECK_CLOSE(a.group.pes, 0.480122324159, 0.0, 1e-10);
}

static void
oneway_edge_cases(void)
{
    const double flat[6] = {1, 1, 2, 2, 3, 3}, same[4] = {4, 4, 4, 4};
    const int g3[6] = {0, 0, 1, 1, 2, 2}, g2[4] = {0, 0, 1, 1}, bad[4] = {0, 0, 2, 2};
    rl_anova_oneway_t a;
    rl_error_t err;

    /* no spread within groups: F = +inf, p = 0; nothing anywhere: F = 0, p = 1 */
    CHECK(rl_anova_oneway(flat, g3, 6, 3, &a, &err) == 0);
    CHECK(isinf(a.group.f) && a.group.p == 0.0 && a.group.pes == 1.0);
    CHECK(rl_anova_oneway(same, g2, 4, 2, &a, &err) == 0);
    CHECK(a.group.f == 0.0 && a.group.p == 1.0 && isnan(a.group.pes));
    /* a group without values, too few values, one group */
    CHECK(rl_anova_oneway(same, bad, 4, 3, &a, &err) == RL_ERR_INVALID);
    CHECK(strstr(err.msg, "group 1 has no values") != NULL);
    CHECK(rl_anova_oneway(same, g2, 2, 2, &a, &err) == RL_ERR_INVALID);
    CHECK(rl_anova_oneway(same, g2, 4, 1, &a, &err) == RL_ERR_INVALID);
}

static void
holm_known_answers(void)
{
    double p1[4] = {0.01, 0.04, 0.03, 0.005}, p2[4] = {0.2, 0.01, 0.2, 0.04};
    double p3[3] = {0.5, 0.6, 0.9}, p4[1] = {0.3}, adj[4], bad[2] = {0.1, NAN};
    rl_error_t err;

    /* R: holm 0.01,0.04,0.03,0.005 -> 0.03,0.06,0.06,0.02 (the step-down maximum makes
    ** 0.04 x 1 = 0.04 into 0.06) */
    CHECK(rl_p_adjust_holm(p1, 4, adj, &err) == 0);
    CHECK_CLOSE(adj[0], 0.03, 0.0, 1e-15);
    CHECK_CLOSE(adj[1], 0.06, 0.0, 1e-15);
    CHECK_CLOSE(adj[2], 0.06, 0.0, 1e-15);
    CHECK_CLOSE(adj[3], 0.02, 0.0, 1e-15);
    /* R: holm 0.2,0.01,0.2,0.04 -> 0.4,0.04,0.4,0.12 (ties) -- in place */
    CHECK(rl_p_adjust_holm(p2, 4, p2, &err) == 0);
    CHECK_CLOSE(p2[0], 0.4, 0.0, 1e-15);
    CHECK_CLOSE(p2[1], 0.04, 0.0, 1e-15);
    CHECK_CLOSE(p2[2], 0.4, 0.0, 1e-15);
    CHECK_CLOSE(p2[3], 0.12, 0.0, 1e-15);
    /* R: holm 0.5,0.6,0.9 -> 1,1,1 (capped); holm 0.3 -> 0.3 */
    CHECK(rl_p_adjust_holm(p3, 3, adj, &err) == 0);
    CHECK(adj[0] == 1.0 && adj[1] == 1.0 && adj[2] == 1.0);
    CHECK(rl_p_adjust_holm(p4, 1, adj, &err) == 0);
    CHECK(adj[0] == 0.3);
    CHECK(rl_p_adjust_holm(bad, 2, adj, &err) == RL_ERR_INVALID);
    CHECK(rl_p_adjust_holm(p4, 0, adj, &err) == RL_ERR_INVALID);
}

static const rl_test_case_t CASES[] = {
    {"oneway_known_answers", oneway_known_answers, 0},
    {"oneway_edge_cases", oneway_edge_cases, 0},
    {"holm_known_answers", holm_known_answers, 0},
};

int
main(int argc, char **argv)
{
    static const rl_test_suite_t suite = {CASES, RL_TEST_COUNT(CASES), NULL, NULL};
    return rl_test_main(argc, argv, &suite);
}
