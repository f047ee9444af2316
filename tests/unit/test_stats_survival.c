/* test_stats_survival.c -- the log-rank test and Kaplan-Meier medians against R.
**
** Expected values: R 4.2.2 with survival 3.5-3 (Debian 12 r-base-core), from
** `Rscript tests/data/survival_ref.R`: survdiff(Surv(t, e) ~ g) (chisq, observed and
** expected events of each group) and summary(survfit(...))$table[, "median"] on four small
** data sets written out in the script: censored mice at a session limit of 40 (cases 1
** and 2), a censored subject in B (case 3), ties of events and censoring at one time
** (case 4). R is not needed to run this test.
*/
#include <math.h>

#include "relapselab/stats.h"
#include "testlib.h"

#define TOL 1e-9

typedef struct lr_case {
    int na, nb;
    double ta[10], tb[10];
    int ea[10], eb[10];
    double chisq, p, o_a, o_b, e_a, e_b, med_a, med_b;
} lr_case_t;

static const lr_case_t cases[] = {
    {6, 6, {3, 5, 7, 9, 40, 40}, {3, 3, 4, 3, 5, 6}, {1, 1, 1, 1, 0, 0}, {1, 1, 1, 1, 1, 1},
        5.570502286, 0.01826552042, 4, 6, 6.853571429, 3.146428571, 8, 3.5},
    {10, 10, {3, 3, 4, 6, 8, 10, 12, 40, 40, 40}, {3, 3, 3, 3, 4, 4, 5, 7, 40, 40},
        {1, 1, 1, 1, 1, 1, 1, 0, 0, 0}, {1, 1, 1, 1, 1, 1, 1, 1, 0, 0},
        1.137046848, 0.2862772093, 7, 8, 8.848268398, 6.151731602, 9, 4},
    {4, 4, {1, 2, 3, 4}, {2, 3, 4, 5}, {1, 1, 1, 1}, {1, 0, 1, 1},
        2.217430023, 0.1364600465, 4, 3, 2.423809524, 4.576190476, 2.5, 4},
    {4, 5, {5, 5, 5, 6}, {5, 6, 6, 7, 8}, {1, 0, 1, 1}, {1, 1, 0, 1, 0},
        2.016759777, 0.1555708053, 3, 3, 1.733333333, 4.266666667, 5.5, 7},
};

static void
logrank_known_answers(void)
{
    rl_logrank_t r;
    rl_error_t err;
    size_t i;
    for (i = 0; i < RL_TEST_COUNT(cases); i++) {
        const lr_case_t *c = &cases[i];
        CHECK(rl_logrank(c->ta, c->ea, c->na, c->tb, c->eb, c->nb, &r, &err) == 0);
        CHECK_CLOSE(r.chisq, c->chisq, 0.0, TOL);
        CHECK_CLOSE(r.p, c->p, 0.0, TOL);
        CHECK_CLOSE(r.o_a, c->o_a, 0.0, 0.0);
        CHECK_CLOSE(r.o_b, c->o_b, 0.0, 0.0);
        CHECK_CLOSE(r.e_a, c->e_a, 0.0, TOL);
        CHECK_CLOSE(r.e_b, c->e_b, 0.0, TOL);
        CHECK_CLOSE(r.median_a, c->med_a, 0.0, 0.0);
        CHECK_CLOSE(r.median_b, c->med_b, 0.0, 0.0);
        /* the sign: group A's events later than expected <=> z > 0 */
        CHECK((r.z > 0.0) == (c->o_a < c->e_a));
        CHECK_CLOSE(r.z * r.z, r.chisq, 0.0, 1e-12);
        CHECK_CLOSE(r.hazard_ratio, (c->o_a / c->e_a) / (c->o_b / c->e_b), 0.0, 1e-8);
    }
}

static void
logrank_edge_cases(void)
{
    static const double t1[] = {4, 5}, t2[] = {6, 7}, bad[] = {-1, 2};
    static const int none[] = {0, 0}, all[] = {1, 1};
    rl_logrank_t r;
    rl_error_t err;
    /* every subject censored: no events, no test (p stays 1) */
    CHECK(rl_logrank(t1, none, 2, t2, none, 2, &r, &err) == RL_ERR_NUMERIC);
    CHECK(r.p == 1.0 && r.z == 0.0);
    /* a negative time, an empty group */
    CHECK(rl_logrank(bad, all, 2, t2, all, 2, &r, &err) == RL_ERR_INVALID);
    CHECK(rl_logrank(t1, all, 0, t2, all, 2, &r, &err) == RL_ERR_INVALID);
    /* a curve that never reaches 0.5 has no median */
    CHECK(rl_logrank(t1, all, 2, t2, none, 2, &r, &err) == 0);
    CHECK(isnan(r.median_b) && r.median_a == 4.5);
    CHECK(isnan(r.hazard_ratio));
}

static const rl_test_case_t CASES[] = {
    {"logrank_known_answers", logrank_known_answers, 0},
    {"logrank_edge_cases", logrank_edge_cases, 0},
};

int
main(int argc, char **argv)
{
    static const rl_test_suite_t suite = {CASES, RL_TEST_COUNT(CASES), NULL, NULL};
    return rl_test_main(argc, argv, &suite);
}
