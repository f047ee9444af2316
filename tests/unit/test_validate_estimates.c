/* test_validate_estimates.c -- the claims engine's tests beyond the t-tests
** (src/experiment/validate_estimates.c) and its measures session_cv and over
** (validate_checks.c), on mice whose values are set by hand: no simulation runs. The
** checks are read from a claims file on the seed protocol (examples/gutierrez2014.yaml:
** groups 0-3 are Oprm1-WT, Oprm1-KO, Oprd1-WT, Oprd1-KO cocaine; phases 0-3 acquisition,
** progressive_ratio, extinction, cue_reinstatement). Each test's effect and verdict are
** compared with the stats module's functions on the same numbers (those are tested
** against R in test_stats_more.c) or with values worked by hand (stated where used), so
** what is tested here is the plumbing: which mice, which phase, which value, which
** verdict. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment/validate_internal.h"
#include "relapselab/claims.h"
#include "testlib.h"

#define N_PER 6
#define N_MICE (4 * N_PER)

static const char CLAIMS[] =
    "id: t\nstatement: s\nsource: hand-made values\nprotocol: examples/gutierrez2014.yaml\n"
    "checks:\n"
    /* 0 */
    "  - {id: P, claim: c, groups: [Oprm1-WT-cocaine], test: paired, expect: higher,\n"
    "     measure: {name: active, phase: cue_reinstatement},\n"
    "     baseline: {name: active, phase: extinction}}\n"
    /* 1 */
    "  - {id: F, claim: c, groups: [Oprm1-WT-cocaine, Oprm1-KO-cocaine], test: fisher,\n"
    "     expect: higher, measure: {name: criterion_met, phase: acquisition}}\n"
    /* 2 */
    "  - id: TB\n    claim: c\n    test: trend\n    expect: increasing\n"
    "    measure: {name: breakpoint, phase: progressive_ratio}\n"
    "    series: [{group: Oprm1-WT-cocaine, level: 0}, {group: Oprm1-KO-cocaine, level: 1},\n"
    "             {group: Oprd1-WT-cocaine, level: 2}]\n"
    /* 3 */
    "  - id: TW\n    claim: c\n    test: trend\n    expect: decreasing\n"
    "    groups: [Oprd1-KO-cocaine]\n    measure: {name: active}\n"
    "    series: [{phase: acquisition, level: 1}, {phase: extinction, level: 2},\n"
    "             {phase: cue_reinstatement, level: 3}]\n"
    /* 4 */
    "  - {id: Q, claim: c, groups: [Oprm1-KO-cocaine, Oprm1-WT-cocaine], test: tost_ratio,\n"
    "     expect: equivalent, range: [0.7, 1.3], measure: {name: breakpoint, phase: progressive_ratio}}\n"
    /* 5 */
    "  - {id: R, claim: c, groups: [Oprm1-KO-cocaine, Oprm1-WT-cocaine], test: ratio,\n"
    "     expect: at_most, value: 0.3, measure: {name: breakpoint, phase: progressive_ratio}}\n"
    /* 6 */
    "  - {id: D, claim: c, groups: [Oprd1-WT-cocaine], test: describe, statistic: cv,\n"
    "     expect: within, range: [0.8, 0.9], measure: {name: breakpoint, phase: progressive_ratio}}\n"
    /* 7 */
    "  - {id: V, claim: c, groups: [Oprd1-WT-cocaine], test: describe, statistic: median,\n"
    "     expect: report, measure: {name: reinforcers, phase: acquisition, session_cv: true}}\n"
    /* 8 */
    "  - {id: O, claim: c, groups: [Oprd1-WT-cocaine], test: describe, statistic: mean,\n"
    "     expect: at_least, value: 0.5, measure: {name: active, phase: extinction,\n"
    "     over: {name: active, phase: acquisition}}}\n"
    /* 9 */
    "  - {id: T, claim: c, groups: [Oprm1-WT-cocaine, Oprm1-KO-cocaine], test: tost_diff,\n"
    "     expect: equivalent, range: [-5, 5], measure: {name: breakpoint, phase: progressive_ratio}}\n"
    /* 10 */
    "  - {id: L, claim: c, groups: [Oprm1-KO-cocaine, Oprm1-WT-cocaine], test: logrank,\n"
    "     expect: higher, measure: {name: sessions_to_criterion, phase: extinction}}\n";

typedef struct fixture {
    rl_claims_t *claims;
    rl_validation_t v;
    mouse_t mice[N_MICE];
    double a[N_MICE * RL_CLAIM_MAX_SESSIONS], b[N_MICE * RL_CLAIM_MAX_SESSIONS];
    int event[N_MICE];
    double effect[4];
    row_t row;
} fixture_t;

/* Mouse i of group g (i-th of its group): every phase ran. */
static mouse_t *
mouse(fixture_t *f, int g, int i)
{
    mouse_t *m = &f->mice[g * N_PER + i];
    int ph;
    m->group = g;
    for (ph = 0; ph < 4; ph++) {
        m->ran[ph] = true;
    }
    return m;
}

static int
setup(fixture_t *f)
{
    rl_error_t err;
    memset(f, 0, sizeof *f);
    f->claims = calloc(1, sizeof *f->claims);
    if (f->claims == NULL || rl_claims_load_buffer(f->claims, CLAIMS, strlen(CLAIMS), "t.yaml",
                                 "", &err) != 0) {
        fprintf(stderr, "  claims: %s\n", f->claims != NULL ? err.msg : "no memory");
        return -1;
    }
    f->v.claims = f->claims;
    f->v.protocol = f->claims->protocol;
    f->v.replicates = 1;
    f->v.mice = f->mice;
    f->v.n_mice = N_MICE;
    f->v.a = f->a;
    f->v.b = f->b;
    f->v.event = f->event;
    return 0;
}

/* Run check k (pair `pair`) on the mice: the row it leaves. */
static const row_t *
run(fixture_t *f, int k, int pair)
{
    memset(&f->row, 0, sizeof f->row);
    f->row.check = &f->claims->checks[k];
    f->row.pair = pair;
    f->row.region = -1;
    f->row.effect = f->effect;
    rl_v_test_row(&f->v, &f->row, 0);
    return &f->row;
}

static void
teardown(fixture_t *f)
{
    rl_claims_free(f->claims);
    free(f->claims);
}

/* A set-up fixture (freed by fixture_free), or NULL after a failed check. */
static fixture_t *
fixture_new(void)
{
    fixture_t *f = malloc(sizeof *f);
    if (f == NULL || setup(f) != 0) {
        CHECK(0);
        free(f);
        return NULL;
    }
    return f;
}

static void
fixture_free(fixture_t *f)
{
    teardown(f);
    free(f);
}

static void
parsed(void)
{
    fixture_t *f = fixture_new();
    const rl_claim_check_t *c;
    if (f == NULL) {
        return;
    }
    c = f->claims->checks;
    CHECK(f->claims->n_checks == 11);
    CHECK(c[10].test == RL_CLAIM_LOGRANK && c[10].measure.measure == RL_M_SESSIONS_TO_CRITERION);
    CHECK(c[0].test == RL_CLAIM_PAIRED && c[0].has_baseline && c[0].group_b[0] == -1);
    CHECK(strcmp(c[0].baseline.phase, "extinction") == 0);
    CHECK(c[2].test == RL_CLAIM_TREND && !c[2].within && c[2].n_pairs == 3);
    CHECK(c[2].group_a[2] == 2 && c[2].level[1] == 1.0);
    CHECK(c[3].within && c[3].group_a[0] == 3 && c[3].n_pairs == 3);
    CHECK(strcmp(c[3].level_phase[2], "cue_reinstatement") == 0 && c[3].measure.phase[0] == 0);
    CHECK(c[4].range[0] == 0.7 && c[4].range[1] == 1.3 && c[5].value == 0.3);
    CHECK(c[6].statistic == RL_STAT_CV && c[7].measure.session_cv && !c[7].has_target);
    CHECK(c[8].measure.over == RL_M_ACTIVE && strcmp(c[8].measure.over_phase, "acquisition") == 0);
    fixture_free(f);
}

static void
paired(void)
{
    fixture_t *f = fixture_new();
    double x[N_PER], y[N_PER];
    rl_ttest_paired_t t;
    rl_error_t err;
    const row_t *r;
    int i;
    if (f == NULL) {
        return;
    }
    for (i = 0; i < N_PER; i++) { /* test 20 + 3i + (i odd), baseline 8 + i */
        mouse_t *m = mouse(f, 0, i);
        y[i] = m->v[2][RL_M_ACTIVE] = 8.0 + i;
        x[i] = m->v[3][RL_M_ACTIVE] = 20.0 + 3.0 * i + (i % 2);
        mouse(f, 1, i)->v[3][RL_M_ACTIVE] = 1000.0; /* another group: not used */
    }
    CHECK(rl_ttest_paired(x, y, N_PER, &t, &err) == 0);
    r = run(f, 0, 0);
    CHECK(r->tested == 1 && r->holds == (t.p < 0.05 && t.diff > 0.0) && r->holds == 1);
    CHECK(fabs(r->effect[0] - t.d_z) < 1e-12);
    CHECK(strstr(r->study1, "(n 6,") != NULL);
    mouse(f, 0, 5)->ran[3] = false; /* a mouse without the test phase drops out */
    r = run(f, 0, 0);
    CHECK(rl_ttest_paired(x, y, N_PER - 1, &t, &err) == 0 && fabs(r->effect[0] - t.d_z) < 1e-12);
    fixture_free(f);
}

static void
fisher(void)
{
    fixture_t *f = fixture_new();
    rl_fisher_t ft;
    rl_error_t err;
    const row_t *r;
    int i;
    if (f == NULL) {
        return;
    }
    for (i = 0; i < N_PER; i++) { /* A: 6 of 6 meet the criteria; B: 0 of 6 */
        mouse(f, 0, i)->v[0][RL_M_CRITERION_MET] = 1.0;
        mouse(f, 1, i)->v[0][RL_M_CRITERION_MET] = 0.0;
    }
    CHECK(rl_fisher_exact(6, 6, 0, 6, &ft, &err) == 0);
    r = run(f, 1, 0);
    /* 6/6 vs 0/6: two-sided p = 2 / C(12, 6) = 2 / 924 (by hand) */
    CHECK(fabs(ft.p - 2.0 / 924.0) < 1e-12);
    CHECK(r->holds == 1 && fabs(r->effect[0] - 100.0) < 1e-12);
    CHECK(strstr(r->study1, "0/6 | 6/6") != NULL);
    mouse(f, 0, 0)->v[0][RL_M_CRITERION_MET] = 0.0; /* 5/6 vs 0/6: p = 0.015 */
    mouse(f, 0, 1)->v[0][RL_M_CRITERION_MET] = 0.0; /* 4/6 vs 0/6: p = 0.061, no */
    r = run(f, 1, 0);
    CHECK(rl_fisher_exact(4, 6, 0, 6, &ft, &err) == 0 && ft.p > 0.05);
    CHECK(r->tested == 1 && r->holds == 0 && fabs(r->effect[0] - 100.0 * 4.0 / 6.0) < 1e-12);
    fixture_free(f);
}

static void
trend_between(void)
{
    fixture_t *f = fixture_new();
    double x[3 * N_PER], y[3 * N_PER];
    rl_trend_t t;
    rl_error_t err;
    const row_t *r;
    int g, i, n = 0;
    if (f == NULL) {
        return;
    }
    for (g = 0; g < 3; g++) { /* breakpoints rise with the level, with scatter */
        for (i = 0; i < N_PER; i++) {
            x[n] = g;
            y[n] = mouse(f, g, i)->v[1][RL_M_BREAKPOINT] = 10.0 + 5.0 * g + (i % 3) - 1.0;
            n++;
        }
    }
    for (i = 0; i < N_PER; i++) { /* group 3 is not in the series */
        mouse(f, 3, i)->v[1][RL_M_BREAKPOINT] = -500.0;
    }
    CHECK(rl_trend_between(x, y, n, &t, &err) == 0);
    r = run(f, 2, -1);
    CHECK(r->tested == 1 && r->holds == 1 && fabs(r->effect[0] - t.slope) < 1e-12);
    CHECK(fabs(t.slope - 5.0) < 1e-12); /* by construction */
    /* significant but not monotone: the middle group (mean 20.5) above the last (20);
    ** the slope stays 5, t about 6 */
    n = N_PER;
    for (i = 0; i < N_PER; i++) {
        y[n++] = f->mice[1 * N_PER + i].v[1][RL_M_BREAKPOINT] = 20.5 + (i % 3) - 1.0;
    }
    CHECK(rl_trend_between(x, y, 3 * N_PER, &t, &err) == 0 && t.p < 0.001);
    r = run(f, 2, -1);
    CHECK(r->tested == 1 && r->holds == 0 && fabs(r->effect[0] - t.slope) < 1e-12);
    fixture_free(f);
}

static void
trend_within(void)
{
    fixture_t *f = fixture_new();
    double y[N_PER * 3], lv[3] = {1.0, 2.0, 3.0};
    rl_trend_t t;
    rl_error_t err;
    const row_t *r;
    int i, j;
    if (f == NULL) {
        return;
    }
    for (i = 0; i < N_PER; i++) { /* active falls over phases 0, 2, 3, each mouse its slope */
        mouse_t *m = mouse(f, 3, i);
        static const int ph[3] = {0, 2, 3};
        for (j = 0; j < 3; j++) {
            y[i * 3 + j] = m->v[ph[j]][RL_M_ACTIVE] = 50.0 - (4.0 + i) * j + (j == 1 ? i % 2 : 0);
        }
    }
    CHECK(rl_trend_within(lv, y, N_PER, 3, &t, NULL, &err) == 0);
    r = run(f, 3, -1);
    CHECK(r->tested == 1 && r->holds == 1 && fabs(r->effect[0] - t.slope) < 1e-12);
    CHECK(strstr(r->study1, "active means: 50") != NULL);
    fixture_free(f);
}

static void
equivalence_ratio(void)
{
    fixture_t *f = fixture_new();
    double a[N_PER], b[N_PER];
    rl_tost_t t;
    rl_ratio_ci_t q;
    rl_error_t err;
    const row_t *r;
    int i;
    if (f == NULL) {
        return;
    }
    for (i = 0; i < N_PER; i++) { /* A (KO, group 1) = B (WT, group 0) within 2 % */
        b[i] = mouse(f, 0, i)->v[1][RL_M_BREAKPOINT] = 100.0 + i;
        a[i] = mouse(f, 1, i)->v[1][RL_M_BREAKPOINT] = 101.0 + i + (i % 2);
    }
    CHECK(rl_tost_ratio(a, N_PER, b, N_PER, 0.7, 1.3, 0.05, &t, &err) == 0);
    r = run(f, 4, 0);
    CHECK(r->holds == 1 && fabs(r->effect[0] - t.est) < 1e-12);
    CHECK(rl_fieller_welch(a, N_PER, b, N_PER, &q, &err) == 0);
    r = run(f, 5, 0); /* ratio ~1.02 is not <= 0.3 */
    CHECK(r->tested == 1 && r->holds == 0 && fabs(r->effect[0] - q.est) < 1e-12);
    CHECK(rl_tost_diff(b, N_PER, a, N_PER, -5.0, 5.0, 0.05, &t, &err) == 0);
    r = run(f, 9, 0); /* WT - KO within +/-5 */
    CHECK(r->holds == (t.p < 0.05) && fabs(r->effect[0] - (-1.5)) < 1e-12);
    for (i = 0; i < N_PER; i++) { /* A is 20 % of B: the ratio holds */
        f->mice[1 * N_PER + i].v[1][RL_M_BREAKPOINT] = 0.2 * b[i];
    }
    r = run(f, 5, 0);
    CHECK(r->holds == 1 && fabs(r->effect[0] - 0.2) < 1e-12);
    for (i = 0; i < N_PER; i++) { /* B's mean <= 0: no ratio, the claim does not hold */
        f->mice[i].v[1][RL_M_BREAKPOINT] = -1.0 - i;
    }
    r = run(f, 5, 0);
    CHECK(r->tested == 1 && r->holds == 0 && isnan(r->effect[0]));
    /* the equivalence row over the same mice: its verdict is the TOST's, its effect, as the
    ** ratio row's, no ratio over a B mean <= 0 (the effect column skips it) */
    for (i = 0; i < N_PER; i++) {
        a[i] = f->mice[1 * N_PER + i].v[1][RL_M_BREAKPOINT];
        b[i] = f->mice[i].v[1][RL_M_BREAKPOINT];
    }
    CHECK(rl_tost_ratio(a, N_PER, b, N_PER, 0.7, 1.3, 0.05, &t, &err) == 0);
    r = run(f, 4, 0);
    CHECK(r->tested == 1 && r->holds == (t.p < 0.05) && isnan(r->effect[0]));
    fixture_free(f);
}

static void
describe(void)
{
    fixture_t *f = fixture_new();
    static const double bp[N_PER] = {1, 2, 3, 4, 10, 4};
    const row_t *r;
    int i, j;
    if (f == NULL) {
        return;
    }
    for (i = 0; i < N_PER; i++) {
        mouse_t *m = mouse(f, 2, i);
        m->v[1][RL_M_BREAKPOINT] = bp[i];
        m->n_first[0] = 4; /* reinforcers per session 10, 12, 8, 10 (+ i) */
        for (j = 0; j < 4; j++) {
            m->first_rf[0][j] = (j == 1 ? 12.0 : j == 2 ? 8.0 : 10.0) + i;
        }
        m->v[0][RL_M_ACTIVE] = 40.0;
        m->v[2][RL_M_ACTIVE] = 10.0 * (i + 1);
    }
    /* {1, 2, 3, 4, 4, 10}: mean 4, squares about it 50, SD sqrt(50 / 5), CV 0.7906 (by
    ** hand): not within [0.8, 0.9] */
    r = run(f, 6, 0);
    CHECK(fabs(r->effect[0] - sqrt(50.0 / 5.0) / 4.0) < 1e-12 && r->holds == 0);
    f->mice[2 * N_PER + 5].v[1][RL_M_BREAKPOINT] = 0.0;
    /* {0, 1, 2, 3, 4, 10}: mean 10/3, squares about it 130 - 6 (10/3)^2 = 190/3, CV 1.068
    ** (by hand) */
    r = run(f, 6, 0);
    CHECK(fabs(r->effect[0] - sqrt((130.0 - 6.0 * 100.0 / 9.0) / 5.0) / (10.0 / 3.0)) < 1e-12);
    /* session_cv of mouse i: {10, 12, 8, 10} + i, SD sqrt(8/3), CV sqrt(8/3) / (10 + i);
    ** the median of the six CVs is the mean of mice 2 and 3's */
    r = run(f, 7, 0);
    CHECK(fabs(r->effect[0] - 0.5 * (sqrt(8.0 / 3.0) / 12.0 + sqrt(8.0 / 3.0) / 13.0)) < 1e-12);
    CHECK(r->tested == 1 && r->holds == 0 && !r->check->has_target);
    /* over: extinction active / acquisition active = (i + 1) / 4, mean 21/24 = 0.875 */
    r = run(f, 8, 0);
    CHECK(fabs(r->effect[0] - 0.875) < 1e-12 && r->holds == 1);
    f->mice[2 * N_PER].ran[0] = false; /* no acquisition: no ratio for that mouse */
    r = run(f, 8, 0);
    CHECK(fabs(r->effect[0] - (20.0 / 4.0) / 5.0) < 1e-12);
    fixture_free(f);
}

/* logrank: the KO's mice meet the extinction criterion later, two never within the 40
** sessions (censored at 40, not counted as meeting it there); the row's p, direction,
** hazard ratio and first-study text are those of rl_logrank on the same times. */
static void
logrank(void)
{
    static const double ko_t[N_PER] = {5, 6, 8, 10, 40, 40}, wt_t[N_PER] = {3, 3, 4, 3, 3, 5};
    static const int ko_e[N_PER] = {1, 1, 1, 1, 0, 0}, wt_e[N_PER] = {1, 1, 1, 1, 1, 1};
    fixture_t *f = fixture_new();
    rl_logrank_t lr;
    rl_error_t err;
    const row_t *r;
    int i;
    if (f == NULL) {
        return;
    }
    for (i = 0; i < N_PER; i++) {
        mouse_t *ko = mouse(f, 1, i), *wt = mouse(f, 0, i);
        ko->v[2][RL_M_SESSIONS] = ko_t[i];
        ko->v[2][RL_M_SESSIONS_TO_CRITERION] = ko_e[i] ? ko_t[i] : NAN;
        wt->v[2][RL_M_SESSIONS] = wt_t[i] + 2.0; /* sessions run past the criterion: unused */
        wt->v[2][RL_M_SESSIONS_TO_CRITERION] = wt_t[i];
    }
    CHECK(rl_logrank(ko_t, ko_e, N_PER, wt_t, wt_e, N_PER, &lr, &err) == 0);
    CHECK(lr.p < 0.05 && lr.z > 0.0);
    r = run(f, 10, 0);
    CHECK(r->tested == 1 && r->holds == 1);
    CHECK(fabs(r->effect[0] - lr.hazard_ratio) < 1e-12 && r->effect[0] < 1.0);
    CHECK(strstr(r->study1, "A met 4/6, median 9 | B met 6/6, median 3") != NULL);
    mouse(f, 1, 5)->ran[2] = false; /* a mouse without the phase drops out */
    r = run(f, 10, 0);
    CHECK(rl_logrank(ko_t, ko_e, N_PER - 1, wt_t, wt_e, N_PER, &lr, &err) == 0);
    CHECK(fabs(r->effect[0] - lr.hazard_ratio) < 1e-12);
    fixture_free(f);
}

static const rl_test_case_t CASES[] = {
    {"parsed", parsed, 0},
    {"paired", paired, 0},
    {"fisher", fisher, 0},
    {"logrank", logrank, 0},
    {"trend_between", trend_between, 0},
    {"trend_within", trend_within, 0},
    {"equivalence_ratio", equivalence_ratio, 0},
    {"describe", describe, 0},
};

RL_TEST_MAIN(CASES)
