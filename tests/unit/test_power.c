/* test_power.c -- `relapselab power` (power.h): the analytic power of the two-sample t-test
** against R, the Wilson interval, the smallest-n rule, and the check of the machinery --
** the power sweep's own evaluation (rl_pw_new, rl_pw_study: validate's rows on the first n
** mice of each group, nested) fed synthetic normal data, whose simulated power must match
** the analytic power within Monte-Carlo error. No simulation of mice runs here.
**
** Known answers come from R 4.2.2 (2022-11-10), run on this machine:
**   power.t.test(n, delta, sd = 1, sig.level = 0.05)$power                 (one tail)
**   power.t.test(n, delta, sd = 1, sig.level = 0.05, strict = TRUE)$power  (both tails)
**   pt(t, df, ncp), prop.test(x, n, correct = FALSE)$conf.int (the Wilson interval).
** Note: the 0.5620066 quoted for power.t.test(n = 10, delta = 1) is the strict (two-tailed)
** value; R's default (strict = FALSE) gives 0.5619846 (the upper tail only).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "experiment/power_internal.h"
#include "relapselab/claims.h"
#include "relapselab/rng.h"
#include "testlib.h"

#define CLOSE(got, want, tol) CHECK_CLOSE((got), (want), (tol), 0.0)

static void
nct_known_answers(void)
{
    /* R: pt(1.5, 10, ncp = 2); pt(-1, 5, ncp = 0.5); pt(3, 30, ncp = -1) */
    CLOSE(rl_nct_P(1.5, 10, 2.0), 0.3047854474, 1e-9);
    CLOSE(rl_nct_P(-1.0, 5, 0.5), 0.08244409106, 1e-9);
    CLOSE(rl_nct_P(3.0, 30, -1.0), 0.9999011884, 1e-9);
    CLOSE(rl_nct_Q(3.0, 30, -1.0), 1.0 - 0.9999011884, 1e-9);
    CLOSE(rl_nct_P(1.5, 10, 2.0) + rl_nct_Q(1.5, 10, 2.0), 1.0, 1e-9);
    /* ncp = 0 is Student's t: GSL's own CDF */
    CLOSE(rl_nct_P(1.2, 7, 0.0), 0.8654140316, 1e-9); /* R: pt(1.2, 7) */
    CHECK(isnan(rl_nct_P(1.0, 0.0, 1.0)));
    CHECK(isnan(rl_nct_P(NAN, 4.0, 1.0)));
}

static void
analytic_power_known_answers(void)
{
    static const struct {
        int n;
        double d, one_tail, both_tails; /* R, see the top of the file */
    } cases[] = {
        {10, 1.0, 0.561984615, 0.5620066466},
        {6, 1.5, 0.6495744166, 0.6495814802},
        {20, 0.5, 0.3377083656, 0.3379390289},
        {4, 2.0, 0.6568712988, 0.6568758751},
        {15, 0.8, 0.5617622440, 0.5617848517},
        {8, 0.0, 0.025, 0.05},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CLOSE(rl_power_ttest(cases[i].n, cases[i].d, 0.05, false), cases[i].one_tail, 1e-8);
        CLOSE(rl_power_ttest(cases[i].n, cases[i].d, 0.05, true), cases[i].both_tails, 1e-8);
    }
    CHECK(isnan(rl_power_ttest(1, 1.0, 0.05, true)));
    CHECK(isnan(rl_power_ttest(10, 1.0, 0.0, true)));
    CHECK(isnan(rl_power_ttest(10, 1.0, 1.0, true)));
}

static void
wilson_known_answers(void)
{
    double lo, hi;
    /* R: prop.test(8, 10, correct = FALSE)$conf.int */
    rl_v_wilson(8, 10, &lo, &hi);
    CLOSE(lo, 0.4901624715, 1e-9);
    CLOSE(hi, 0.9433178485, 1e-9);
    rl_v_wilson(0, 10, &lo, &hi); /* R: 0, 0.2775327999 */
    CLOSE(lo, 0.0, 1e-12);
    CLOSE(hi, 0.2775327999, 1e-9);
    rl_v_wilson(50, 50, &lo, &hi); /* R: 0.9286524009, 1 */
    CLOSE(lo, 0.9286524009, 1e-9);
    CLOSE(hi, 1.0, 1e-12);
    rl_v_wilson(14, 50, &lo, &hi); /* R: 0.1747417067, 0.4166512370 */
    CLOSE(lo, 0.1747417067, 1e-9);
    CLOSE(hi, 0.4166512370, 1e-9);
    rl_v_wilson(0, 0, &lo, &hi); /* no study: the whole range */
    CHECK(lo == 0.0 && hi == 1.0);
}

static void
smallest_n_rule(void)
{
    const double rising[] = {0.3, 0.6, 0.8, 0.9};
    const double dip[] = {0.5, 0.82, 0.79, 0.85, 0.9}; /* reached at 1, lost at 2 */
    const double never[] = {0.1, 0.5, 0.79};
    const double always[] = {0.8, 0.9};
    const double lost_at_end[] = {0.9, 0.95, 0.7};
    const double with_nan[] = {0.9, NAN, 0.9};
    CHECK(rl_power_first_sustained(rising, 4, 0.8) == 2); /* >= target counts */
    CHECK(rl_power_first_sustained(dip, 5, 0.8) == 3);    /* stays from index 3 on */
    CHECK(rl_power_first_sustained(never, 3, 0.8) == -1);
    CHECK(rl_power_first_sustained(always, 2, 0.8) == 0);
    CHECK(rl_power_first_sustained(lost_at_end, 3, 0.8) == -1);
    CHECK(rl_power_first_sustained(with_nan, 3, 0.8) == 2);
    CHECK(rl_power_first_sustained(rising, 0, 0.8) == -1);
}

/* ---- the check of the machinery ---------------------------------------------------------- */

/* Six groups of the seed protocol get breakpoints from N(mu, 1) (by name, so the test does
** not depend on the protocol's group order); the others no data. */
static const struct {
    const char *group;
    double mu;
} DATA[] = {
    {"Oprm1-WT-cocaine", 0.0}, {"Oprm1-KO-cocaine", 1.0}, {"Oprd1-WT-cocaine", 0.0},
    {"Oprd1-KO-cocaine", 0.5}, {"Penk-WT-cocaine", 0.0}, {"Penk-KO-cocaine", 0.0},
};

/* The mean of group g's breakpoints, or NaN for a group without data. */
static double
mu_of(const rl_protocol_t *p, int g)
{
    size_t i;
    for (i = 0; i < sizeof DATA / sizeof DATA[0]; i++) {
        if (strcmp(p->groups[g].name, DATA[i].group) == 0) {
            return DATA[i].mu;
        }
    }
    return NAN;
}

static const char CLAIMS[] =
    "id: synthetic\nstatement: s\nsource: synthetic normal data\n"
    "protocol: examples/gutierrez2014.yaml\nalpha: 0.05\n"
    "checks:\n"
    "  - {id: H, claim: c, groups: [Oprm1-KO-cocaine, Oprm1-WT-cocaine], test: student,\n"
    "     expect: higher, measure: {name: breakpoint, phase: progressive_ratio}}\n"
    "  - {id: D, claim: c, groups: [Oprm1-WT-cocaine, Oprm1-KO-cocaine], test: student,\n"
    "     expect: different, measure: {name: breakpoint, phase: progressive_ratio}}\n"
    "  - {id: L, claim: c, groups: [Oprd1-WT-cocaine, Oprd1-KO-cocaine], test: student,\n"
    "     expect: lower, measure: {name: breakpoint, phase: progressive_ratio}}\n"
    "  - {id: N, claim: c, groups: [Penk-WT-cocaine, Penk-KO-cocaine], test: student,\n"
    "     expect: no_difference, measure: {name: breakpoint, phase: progressive_ratio}}\n";

/* The analytic rate of row k (the check order above) at n. */
static double
analytic(int k, int n)
{
    switch (k) {
    case 0: return rl_power_ttest(n, 1.0, 0.05, false);  /* KO above WT by 1 SD */
    case 1: return rl_power_ttest(n, 1.0, 0.05, true);   /* either way */
    case 2: return rl_power_ttest(n, 0.5, 0.05, false);  /* WT below KO by 0.5 SD */
    default: return rl_power_ttest(n, 0.0, 0.05, true);  /* no difference: alpha */
    }
}

/* Study r's mice: every slot of the sweep's array gets its group; the groups of DATA their
** breakpoints (phase `ph`), mouse k of group g drawn from stream (r, g, k), the others
** nothing (NaN). */
static void
synthetic_study(rl_power_t *pw, gsl_rng *rng, int r, int ph)
{
    int g, k;
    for (k = 0; k < pw->n_max; k++) {
        for (g = 0; g < pw->n_groups; g++) {
            mouse_t *m = &pw->mice[k * pw->n_groups + g];
            double mu = mu_of(pw->claims->protocol, g);
            memset(m, 0, sizeof *m);
            m->group = g;
            if (!isnan(mu)) {
                rl_stream_set(rng, 99, RL_STREAM_PARAMS, (uint64_t) r, (uint64_t) (g * 1000 + k));
                m->ran[ph] = true;
                m->v[ph][RL_M_BREAKPOINT] = mu + gsl_ran_gaussian(rng, 1.0);
            }
        }
    }
}

/* A sweep of the synthetic claims over sizes, R studies; NULL on failure. */
static rl_power_t *
synthetic_sweep(rl_claims_t *claims, const int *sizes, int n_sizes, int R, double precision)
{
    rl_power_options_t opt;
    rl_power_t *pw = NULL;
    rl_error_t err;
    gsl_rng *rng = rl_rng_alloc();
    int j, r, ph;

    memset(&opt, 0, sizeof opt);
    opt.n_sizes = n_sizes;
    for (j = 0; j < n_sizes; j++) {
        opt.sizes[j] = sizes[j];
    }
    opt.replicates = R;
    opt.precision = precision;
    if (rng == NULL || rl_pw_new(claims, &opt, &pw, &err) != 0) {
        fprintf(stderr, "  sweep: %s\n", rng == NULL ? "no memory" : err.msg);
        gsl_rng_free(rng);
        return NULL;
    }
    ph = rl_procedure_phase_find(&claims->protocol->procedures[0], "progressive_ratio");
    for (r = 0; r < R && rl_pw_n_active_max(pw) > 0; r++) {
        synthetic_study(pw, rng, r, ph);
        rl_pw_study(pw);
    }
    gsl_rng_free(rng);
    return pw;
}

static rl_claims_t *
load_claims(void)
{
    rl_claims_t *c = calloc(1, sizeof *c);
    rl_error_t err;
    if (c == NULL || rl_claims_load_buffer(c, CLAIMS, strlen(CLAIMS), "synthetic.yaml", "",
                         &err) != 0) {
        fprintf(stderr, "  claims: %s\n", c != NULL ? err.msg : "no memory");
        if (c != NULL) {
            rl_claims_free(c);
            free(c);
        }
        return NULL;
    }
    return c;
}

static void
simulated_matches_analytic(void)
{
    static const int sizes[] = {4, 8, 15, 25};
    const int R = 2000;
    rl_claims_t *claims = load_claims();
    rl_power_t *pw = claims != NULL ? synthetic_sweep(claims, sizes, 4, R, 0.0) : NULL;
    int j, k, worst_k = 0, worst_j = 0;
    double worst = 0.0;

    CHECK(pw != NULL);
    if (pw == NULL) {
        goto out;
    }
    CHECK(rl_power_n_rows(pw) == 4);
    CHECK(rl_power_row_kind(pw, 0) == RL_POWER_FINDING);
    CHECK(rl_power_row_kind(pw, 3) == RL_POWER_NULL);
    for (k = 0; k < 4; k++) {
        for (j = 0; j < 4; j++) {
            rl_power_cell_t c = rl_power_cell(pw, k, j);
            double p = analytic(k, sizes[j]), se = sqrt(p * (1.0 - p) / R);
            double z = fabs(c.rate - p) / se;
            CHECK(c.n == sizes[j] && c.studies == R && c.tested == R);
            CHECK(c.lo <= c.rate && c.rate <= c.hi);
            /* within Monte-Carlo error: |simulated - analytic| < 3 SE */
            if (z >= 3.0) {
                fprintf(stderr, "  row %d n %d: simulated %.4f, analytic %.4f (%.1f SE)\n", k,
                    sizes[j], c.rate, p, z);
            }
            CHECK(z < 3.0);
            if (z > worst) {
                worst = z;
                worst_k = k;
                worst_j = j;
            }
        }
    }
    printf("  largest deviation: row %d at n = %d, %.2f SE\n", worst_k, sizes[worst_j], worst);
    /* the smallest n for 80 %: row H (d = 1) needs 17 analytically (R: power.t.test(power =
    ** 0.8, delta = 1)$n = 16.7; at n = 15 the power is 0.75, at 25 0.93), so of 4, 8, 15, 25
    ** it is 25; the null row has none */
    CHECK(rl_power_n_needed(pw, 0) == 25);
    CHECK(rl_power_n_needed(pw, 2) == 0); /* d = 0.5 needs 64 (R: 63.8) */
    CHECK(rl_power_n_needed(pw, 3) == -1);
out:
    rl_power_free(pw);
    if (claims != NULL) {
        rl_claims_free(claims);
        free(claims);
    }
}

static void
sequential_stopping(void)
{
    static const int sizes[] = {4, 8, 15};
    const int R = 3000;
    rl_claims_t *claims = load_claims();
    rl_power_t *pw = claims != NULL ? synthetic_sweep(claims, sizes, 3, R, 0.1) : NULL;
    rl_power_t *again = claims != NULL ? synthetic_sweep(claims, sizes, 3, R, 0.1) : NULL;
    int j, k;

    CHECK(pw != NULL && again != NULL);
    if (pw == NULL || again == NULL) {
        goto out;
    }
    for (j = 0; j < 3; j++) {
        int studies = rl_power_cell(pw, 0, j).studies;
        /* stopped before R, at the first study where every interval is < 0.1 wide: the
        ** widest possible (rate 1/2) needs about 4 * 1.96^2 / 0.1^2 = 384 studies */
        CHECK(studies < R && studies > 30);
        for (k = 0; k < 4; k++) {
            rl_power_cell_t c = rl_power_cell(pw, k, j), d = rl_power_cell(again, k, j);
            CHECK(c.hi - c.lo < 0.1);
            CHECK(c.studies == studies);
            CHECK(c.hits == d.hits && c.studies == d.studies); /* deterministic */
        }
    }
    printf("  studies taken: n=4 %d, n=8 %d, n=15 %d\n", rl_power_cell(pw, 0, 0).studies,
        rl_power_cell(pw, 0, 1).studies, rl_power_cell(pw, 0, 2).studies);
out:
    rl_power_free(pw);
    rl_power_free(again);
    if (claims != NULL) {
        rl_claims_free(claims);
        free(claims);
    }
}

static void
bad_options(void)
{
    rl_claims_t *claims = load_claims();
    rl_power_options_t opt;
    rl_power_t *pw = NULL;
    rl_error_t err;

    CHECK(claims != NULL);
    if (claims == NULL) {
        return;
    }
    memset(&opt, 0, sizeof opt);
    opt.replicates = 5;
    opt.n_sizes = 2;
    opt.sizes[0] = 6;
    opt.sizes[1] = 6; /* not increasing */
    CHECK(rl_pw_new(claims, &opt, &pw, &err) == RL_ERR_INVALID && pw == NULL);
    opt.sizes[1] = 1; /* decreasing, and below 2 */
    CHECK(rl_pw_new(claims, &opt, &pw, &err) == RL_ERR_INVALID && pw == NULL);
    opt.sizes[0] = 1;
    opt.sizes[1] = 4; /* 1 mouse per group */
    CHECK(rl_pw_new(claims, &opt, &pw, &err) == RL_ERR_INVALID && pw == NULL);
    opt.sizes[0] = 2;
    opt.alpha = 1.0;
    CHECK(rl_pw_new(claims, &opt, &pw, &err) == RL_ERR_INVALID && pw == NULL);
    opt.alpha = 0.0;
    opt.target = -0.5;
    CHECK(rl_pw_new(claims, &opt, &pw, &err) == RL_ERR_INVALID && pw == NULL);
    opt.target = 0.0;
    opt.n_sizes = 0;
    CHECK(rl_pw_new(claims, &opt, &pw, &err) == RL_ERR_INVALID && pw == NULL);
    opt.n_sizes = 2;
    CHECK(rl_pw_new(claims, &opt, &pw, &err) == 0 && pw != NULL);
    /* defaults resolved: the file's alpha, target 0.8 */
    CHECK(pw != NULL && rl_power_alpha(pw) == 0.05 && rl_power_target(pw) == 0.8);
    rl_power_free(pw);
    rl_claims_free(claims);
    free(claims);
}

static const rl_test_case_t CASES[] = {
    {"nct_known_answers", nct_known_answers, 0},
    {"analytic_power_known_answers", analytic_power_known_answers, 0},
    {"wilson_known_answers", wilson_known_answers, 0},
    {"smallest_n_rule", smallest_n_rule, 0},
    {"simulated_matches_analytic", simulated_matches_analytic, 0},
    {"sequential_stopping", sequential_stopping, 0},
    {"bad_options", bad_options, 0},
};

RL_TEST_MAIN(CASES)
