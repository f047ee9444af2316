/* test_screen.c -- the screen's statistics against hand-worked values, and its file reader.
**
** Expected values were worked by hand from the definitions in docs/SCREEN.md ("Measures"),
** with t(0.975, 3 df) = 3.182446305284263 (printed tables give 3.182) and, for the p-value,
** the closed form of the t distribution with 3 df:
** F(t) = 1/2 + (1/pi) (t / (sqrt(3) (1 + t^2/3)) + atan(t / sqrt(3))). The arithmetic was
** checked with a few lines of Python (plain floats, no statistics library).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/screen.h"
#include "testlib.h"

#define T975_3DF 3.182446305284263

/* x - y = 2, 3, 3, 0: mean 2, sd sqrt(2), sem sqrt(2)/2 = 0.70711, interval 2 +/- 3.18245
** x 0.70711 = [-0.25033, 4.25033], t = 2.82843, p = 2 (1 - F(2.82843)) = 0.066276. */
static void
paired_interval(void)
{
    const double x[] = {5, 7, 9, 6}, y[] = {3, 4, 6, 6};
    rl_screen_paired_t p;
    rl_error_t err;

    CHECK(rl_screen_paired(x, y, 4, &p, &err) == 0);
    CHECK(p.n == 4);
    CHECK_CLOSE(p.mean, 2.0, 1e-12, 0);
    CHECK_CLOSE(p.sem, sqrt(2.0) / 2.0, 1e-12, 0);
    CHECK_CLOSE(p.lo, 2.0 - T975_3DF * sqrt(2.0) / 2.0, 1e-9, 0);
    CHECK_CLOSE(p.lo, -0.2503293632285759, 1e-9, 0);
    CHECK_CLOSE(p.hi, 4.250329363228576, 1e-9, 0);
    CHECK_CLOSE(p.t, 2.82842712474619, 1e-9, 0);
    CHECK_CLOSE(p.p, 0.06627560274152389, 1e-9, 0);

    /* y = NULL: the interval of the mean of x itself */
    CHECK(rl_screen_paired(x, NULL, 4, &p, &err) == 0);
    CHECK_CLOSE(p.mean, 6.75, 1e-12, 0);

    /* no spread: the interval is the point; p is 1 at 0 and 0 elsewhere */
    {
        const double same[] = {3, 3, 3}, more[] = {4, 4, 4};
        CHECK(rl_screen_paired(same, same, 3, &p, &err) == 0);
        CHECK(p.lo == 0.0 && p.hi == 0.0 && p.p == 1.0);
        CHECK(rl_screen_paired(more, same, 3, &p, &err) == 0);
        CHECK(p.lo == 1.0 && p.hi == 1.0 && p.p == 0.0);
    }
    CHECK(rl_screen_paired(x, y, 1, &p, &err) == RL_ERR_INVALID);
}

/* a = vehicle - candidate = 4, 6, 5, 7; b = vehicle - baseline = 8, 10, 9, 13.
** Means 5.5 and 10 (estimate 0.55); sample (co)variances s_aa = 5/3, s_bb = 14/3,
** s_ab = 8/3, so the variances of the means are 5/12, 14/12, 8/12. Fieller's quadratic
** A q^2 - 2 B q + C <= 0 with t^2 = 10.127964:
**   A = 100 - t^2 14/12 = 88.184041, B = 55 - t^2 8/12 = 48.248024,
**   C = 30.25 - t^2 5/12 = 26.030015,
** q = (B -/+ sqrt(B^2 - A C)) / A = 0.48254107, 0.61171642. */
static void
fieller_interval(void)
{
    const double a[] = {4, 6, 5, 7}, b[] = {8, 10, 9, 13};
    rl_screen_ratio_t r;
    rl_error_t err;
    int k;

    CHECK(rl_screen_fieller(a, b, 4, &r, &err) == 0);
    CHECK(r.kind == RL_RATIO_BOUNDED);
    CHECK_CLOSE(r.est, 0.55, 1e-12, 0);
    CHECK_CLOSE(r.lo, 0.48254106653514267, 1e-9, 0);
    CHECK_CLOSE(r.hi, 0.6117164179703081, 1e-9, 0);

    /* The defining property: at each bound, the paired t statistic of a - q b is exactly
    ** the 97.5 % quantile in absolute value. */
    for (k = 0; k < 2; k++) {
        double q = k == 0 ? r.lo : r.hi, e[4];
        rl_screen_paired_t p;
        int i;
        for (i = 0; i < 4; i++) {
            e[i] = a[i] - q * b[i];
        }
        CHECK(rl_screen_paired(e, NULL, 4, &p, &err) == 0);
        CHECK_CLOSE(fabs(p.t), T975_3DF, 1e-7, 0);
    }

    /* The denominator's mean is not significantly above 0 (mean 1, sem 0.913, t 1.10):
    ** the interval is unbounded, the estimate still given. */
    {
        const double noisy[] = {3, -1, 2, 0};
        CHECK(rl_screen_fieller(a, noisy, 4, &r, &err) == 0);
        CHECK(r.kind == RL_RATIO_UNBOUNDED);
        CHECK_CLOSE(r.est, 5.5, 1e-12, 0);
    }
    /* No relapse (mean of b <= 0): nothing to reduce. */
    {
        const double none[] = {-1, 1, -2, 0};
        CHECK(rl_screen_fieller(a, none, 4, &r, &err) == 0);
        CHECK(r.kind == RL_RATIO_UNDEFINED);
        CHECK(isnan(r.est));
    }
}

/* The shipped example: its file, its protocol and the screen's own rule on start times. */
static void
example_file(void)
{
    rl_screen_t *s = malloc(sizeof *s);
    rl_error_t err;
    int t;

    CHECK(s != NULL);
    if (s == NULL) {
        return;
    }
    CHECK(rl_screen_load_file(s, "examples/screens/kor.yaml", &err) == 0);
    CHECK(s->n_genotypes == 3 && s->n == 10);
    CHECK(strcmp(s->protocol.groups[1].genotype, "Pdyn-/-") == 0);
    CHECK(s->n_triggers == 3 && s->n_arms == 6);
    CHECK(strcmp(s->arms[0].name, "vehicle") == 0 && s->arms[0].n_treatments == 0);
    CHECK(s->arms[5].n_treatments == 2);
    CHECK(s->test_phase == 2); /* acquisition, extinction, test */
    CHECK_CLOSE(s->max_minutes_before, 24.0 * 60.0 - 120.0, 1e-12, 0);
    CHECK(!s->independent_streams);
    for (t = 0; t < s->n_triggers; t++) {
        const rl_phase_t *ph = &s->triggers[t].phase;
        if (strcmp(s->triggers[t].name, "cue") == 0) {
            CHECK(ph->deliver_cue && !ph->deliver_reinforcer && ph->n_treatments == 0);
        } else if (strcmp(s->triggers[t].name, "footshock") == 0) {
            CHECK(ph->n_stressors == 1 && !ph->deliver_cue);
            CHECK_CLOSE(ph->stressors[0].start_min, -15.0, 1e-12, 0);
        } else {
            CHECK(ph->n_treatments == 1 && ph->treatments[0].dose_mg_per_kg == 10.0);
        }
    }
    CHECK(rl_screen_n_subjects(s) == 30 && rl_screen_tests_per_mouse(s) == 18);
    CHECK(rl_screen_set_n(s, 1, &err) == RL_ERR_USAGE);
    CHECK(rl_screen_set_n(s, 4, &err) == 0 && s->protocol.groups[2].n == 4);
    rl_screen_free(s);
    rl_screen_free(s); /* safe twice */
    free(s);
}

/* A small run: the same numbers on 1 and 2 threads, and a summary whose vehicle rows have
** no rank and whose candidates are ranked 1..C. */
static void
small_run(void)
{
    rl_screen_t *s = malloc(sizeof *s);
    rl_screen_results_t r1, r2;
    rl_screen_summary_t sum;
    rl_screen_options_t opt;
    rl_error_t err;
    size_t cells;
    int c, a, seen;

    if (s == NULL || rl_screen_load_file(s, "examples/screens/kor.yaml", &err) != 0
        || rl_screen_set_n(s, 2, &err) != 0) {
        CHECK(!"example screen loads");
        free(s);
        return;
    }
    memset(&opt, 0, sizeof opt);
    opt.seed = 11;
    opt.threads = 1;
    CHECK(rl_screen_run(s, &opt, &r1, &err) == 0);
    opt.threads = 2;
    CHECK(rl_screen_run(s, &opt, &r2, &err) == 0);
    cells = (size_t) rl_screen_n_subjects(s) * (size_t) rl_screen_tests_per_mouse(s);
    CHECK(memcmp(r1.active, r2.active, cells * sizeof *r1.active) == 0);
    CHECK(memcmp(r1.baseline, r2.baseline, (size_t) r1.n_subjects * sizeof *r1.baseline) == 0);
    CHECK(r1.sessions == r2.sessions && r1.events == r2.events);
    CHECK(rl_screen_summarize(s, &r1, &sum, &err) == 0);
    CHECK(sum.n_cells == 9);
    for (c = 0; c < sum.n_cells; c++) {
        CHECK(sum.cells[c].arms[0].rank == 0);
        for (a = 1, seen = 0; a < s->n_arms; a++) {
            seen |= 1 << sum.cells[c].arms[a].rank;
        }
        CHECK(seen == 0x3E); /* ranks 1..5, once each */
    }
    rl_screen_summary_free(&sum);
    rl_screen_results_free(&r1);
    rl_screen_results_free(&r2);
    rl_screen_free(s);
    free(s);
}

static const rl_test_case_t CASES[] = {
    {"paired_interval", paired_interval, 0},
    {"fieller_interval", fieller_interval, 0},
    {"example_file", example_file, 0},
    {"small_run", small_run, 0},
};

RL_TEST_MAIN(CASES)
