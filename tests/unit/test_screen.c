/* test_screen.c -- the screen's statistics against hand-worked values, and its file reader.
**
** Expected values were worked by hand from the definitions in docs/SCREEN.md ("Measures"),
** with t(0.975, 3 df) = 3.182446305284263 (printed tables give 3.182) and, for the p-value,
** the closed form of the t distribution with 3 df:
** F(t) = 1/2 + (1/pi) (t / (sqrt(3) (1 + t^2/3)) + atan(t / sqrt(3))). The arithmetic was
** checked with a few lines of Python (plain floats, no statistics library), and again with
** R (tests/data/stats_ref.R, output in tests/data/stats_ref.out: t.test(paired = TRUE) for
** the paired intervals; Fieller's interval both from its closed form and by inverting the
** paired t-test with uniroot). These are all the effect sizes the screen reports: a
** difference in active pokes with its paired interval, and the share of the relapse
** prevented with Fieller's interval (it reports no standardized effect size).
** summary_known_answers checks that rl_screen_summarize() feeds them the right differences
** (candidate - vehicle; (vehicle - candidate) / (vehicle - baseline)) and ranks by them.
** split_two_ranks checks that mice split across ranks (split.h) and gathered on rank 0 give
** the plain run's results exactly.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/screen.h"
#include "testlib.h"

#define T975_3DF 3.182446305284263

/* x - y = 2, 3, 3, 0: mean 2, sd sqrt(2), sem sqrt(2)/2 = 0.70711, interval 2 +/- 3.18245
** x 0.70711 = [-0.25033, 4.25033], t = 2.82843, p = 2 (1 - F(2.82843)) = 0.066276.
** R ("paired x = 5,7,9,6"): lo -0.250329363228, hi 4.25032936323, p 0.0662756027415. */
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
** q = (B -/+ sqrt(B^2 - A C)) / A = 0.48254107, 0.61171642. R ("fieller a = 4,6,5,7"):
** [0.482541066535, 0.61171641797] by both the closed form and test inversion. */
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

/* The example screen (examples/screens/kor.yaml) at n mice per genotype, newly allocated;
** NULL (after a failed check) when it does not load. */
static rl_screen_t *
example_screen(int n)
{
    rl_screen_t *s = malloc(sizeof *s);
    rl_error_t err;
    if (s == NULL || rl_screen_load_file(s, "examples/screens/kor.yaml", &err) != 0
        || rl_screen_set_n(s, n, &err) != 0) {
        CHECK(!"example screen loads");
        free(s);
        return NULL;
    }
    return s;
}

/* A small run: the same numbers on 1 and 2 threads, and a summary whose vehicle rows have
** no rank and whose candidates are ranked 1..C. */
static void
small_run(void)
{
    rl_screen_t *s;
    rl_screen_results_t r1, r2;
    rl_screen_summary_t sum;
    rl_screen_options_t opt;
    rl_error_t err;
    size_t cells;
    int c, a, seen;

    if ((s = example_screen(2)) == NULL) {
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

/* ---- summary_known_answers: a screen's results written by hand ---- */

#define SK_N 4 /* mice per genotype */

/* Per mouse i: baseline b, relapse r = v - b, and the share of it a full dose prevents,
** p = v - c: the data of fieller_interval (p = a, r = b there). */
static const double SK_B[SK_N] = {2, 3, 1, 4}, SK_R[SK_N] = {8, 10, 9, 13},
                    SK_P[SK_N] = {4, 6, 5, 7};
/* Arm a prevents SK_M[a] times p (arm 0 is vehicle: 0). */
static const double SK_M[] = {0, 1, 0.5, 2, 0, -1};

/* Genotype 0: v = b + r, c = v - m p. Genotype 1: the same vehicle, but no candidate does
** anything (c = v). Genotype 2: no relapse (v = b - 1), c = v - m p. Every trigger alike;
** inactive pokes 100 t + 10 a + i, to see that (s, t, a) are read where they are. */
static void
sk_fill(const rl_screen_t *s, rl_screen_results_t *r)
{
    int g, i, t, a;
    for (g = 0; g < s->n_genotypes; g++) {
        for (i = 0; i < SK_N; i++) {
            int subj = g * SK_N + i;
            double v = g == 2 ? SK_B[i] - 1.0 : SK_B[i] + SK_R[i];
            r->baseline[subj] = SK_B[i];
            for (t = 0; t < s->n_triggers; t++) {
                for (a = 0; a < s->n_arms; a++) {
                    size_t k = rl_screen_index(r, subj, t, a);
                    r->active[k] = g == 1 ? v : v - SK_M[a] * SK_P[i];
                    r->inactive[k] = 100.0 * t + 10.0 * a + i;
                }
            }
        }
    }
}

/* Expected values. With p, r as above (R, stats_ref.out "screen ..."): relapse v - b mean
** 10 [6.56256511814, 13.4374348819], p 0.00266652018571; baseline 2.5 +/- 0.645497224368;
** c - v = -p for m = 1: mean -5.5 [-7.55426025676, -3.44573974324], p 0.00339577706386;
** reduction p / r: 0.55 [0.482541066535, 0.61171641797]. For another m, c - v = -m p: the
** difference and its interval scale by m, p is unchanged (m != 0); the reduction and its
** Fieller bounds scale by m too (substitute q = m q' in the quadratic of docs/SCREEN.md),
** the bounds swapping for m < 0; m = 0 gives 0 [0, 0]. */
#define SK_REL_LO 6.56256511814
#define SK_REL_HI 13.4374348819
#define SK_DIFF_LO -7.55426025676
#define SK_DIFF_HI -3.44573974324
#define SK_RED_LO 0.482541066535
#define SK_RED_HI 0.61171641797

static void
sk_check_arm(const rl_screen_arm_stats_t *as, int g, int a)
{
    double m = g == 1 ? 0.0 : SK_M[a], v_mean = g == 2 ? 1.5 : 12.5;
    CHECK_CLOSE(as->mean, v_mean - 5.5 * m, 1e-12, 0);
    CHECK_CLOSE(as->diff.mean, -5.5 * m, 1e-12, 0);
    CHECK_CLOSE(as->diff.lo, m >= 0 ? m * SK_DIFF_LO : m * SK_DIFF_HI, 1e-10, 0);
    CHECK_CLOSE(as->diff.hi, m >= 0 ? m * SK_DIFF_HI : m * SK_DIFF_LO, 1e-10, 0);
    CHECK_CLOSE(as->diff.p, m != 0 ? 0.00339577706386 : 1.0, 1e-12, 0);
    if (g == 2) {
        CHECK(as->reduction.kind == RL_RATIO_UNDEFINED && isnan(as->reduction.est));
        return;
    }
    CHECK(as->reduction.kind == RL_RATIO_BOUNDED);
    CHECK_CLOSE(as->reduction.est, 0.55 * m, 1e-12, 0);
    CHECK_CLOSE(as->reduction.lo, m >= 0 ? m * SK_RED_LO : m * SK_RED_HI, 1e-10, 0);
    CHECK_CLOSE(as->reduction.hi, m >= 0 ? m * SK_RED_HI : m * SK_RED_LO, 1e-10, 0);
}

static void
sk_check_cell(const rl_screen_t *s, const rl_screen_cell_stats_t *cell, int g, int t)
{
    /* ranked by the difference against vehicle, most negative first: m = 2, 1, 0.5, 0, -1
    ** (genotype 1: all tied at 0, in arm order) */
    static const int order[] = {3, 1, 2, 4, 5}, order_tied[] = {1, 2, 3, 4, 5};
    int a;
    CHECK(cell->genotype == g && cell->trigger == t);
    CHECK_CLOSE(cell->baseline_mean, 2.5, 1e-12, 0);
    CHECK_CLOSE(cell->baseline_sem, 0.645497224368, 1e-11, 0);
    if (g == 2) {
        CHECK(cell->relapse.mean == -1.0 && cell->relapse.lo == -1.0 && cell->relapse.p == 0.0);
    } else {
        CHECK_CLOSE(cell->relapse.mean, 10.0, 1e-12, 0);
        CHECK_CLOSE(cell->relapse.lo, SK_REL_LO, 1e-10, 0);
        CHECK_CLOSE(cell->relapse.hi, SK_REL_HI, 1e-10, 0);
        CHECK_CLOSE(cell->relapse.p, 0.00266652018571, 1e-13, 0);
    }
    for (a = 0; a < s->n_arms; a++) {
        sk_check_arm(&cell->arms[a], g, a);
        CHECK_CLOSE(cell->arms[a].inactive_mean, 100.0 * t + 10.0 * a + 1.5, 1e-12, 0);
    }
    CHECK(cell->arms[0].rank == 0);
    for (a = 0; a < s->n_arms - 1; a++) {
        int want = g == 1 ? order_tied[a] : order[a];
        CHECK(cell->order[a] == want && cell->arms[want].rank == a + 1);
    }
}

static void
summary_known_answers(void)
{
    rl_screen_t *s;
    rl_screen_results_t r;
    rl_screen_summary_t sum;
    rl_error_t err;
    double baseline[3 * SK_N], active[3 * SK_N * 3 * 6], inactive[3 * SK_N * 3 * 6];
    int g, t, a;

    if ((s = example_screen(SK_N)) == NULL) {
        return;
    }
    CHECK(s->n_genotypes == 3 && s->n_triggers == 3 && s->n_arms == 6);
    memset(&r, 0, sizeof r);
    r.n_subjects = 3 * SK_N;
    r.n_triggers = 3;
    r.n_arms = 6;
    r.baseline = baseline;
    r.active = active;
    r.inactive = inactive;
    sk_fill(s, &r);
    CHECK(rl_screen_summarize(s, &r, &sum, &err) == 0);
    CHECK(sum.n_cells == 9);
    for (g = 0; g < 3 && sum.n_cells == 9; g++) {
        for (t = 0; t < 3; t++) {
            sk_check_cell(s, &sum.cells[g * 3 + t], g, t);
        }
    }
    /* Overall, arm a: a bounded reduction (a significant relapse) in the 6 combinations of
    ** genotypes 0 (0.55 m) and 1 (0): mean 0.275 m, worst min(0.55 m, 0); the difference
    ** -5.5 m in 6 of 9 combinations (genotypes 0, 2): mean -11 m / 3, significantly below 0
    ** in 6 when m > 0, above in 6 when m < 0. Ranked by the mean reduction: m = 2, 1, 0.5,
    ** 0, -1, i.e. arms 3, 1, 2, 4, 5. */
    for (a = 1; a < 6 && sum.n_cells == 9; a++) {
        const rl_screen_overall_t *o = &sum.overall[a];
        double m = SK_M[a];
        CHECK(o->n_relapse == 6);
        CHECK_CLOSE(o->mean_reduction, 0.275 * m, 1e-12, 0);
        CHECK_CLOSE(o->worst_reduction, fmin(0.55 * m, 0.0), 1e-12, 0);
        CHECK_CLOSE(o->mean_diff, -11.0 * m / 3.0, 1e-12, 0);
        CHECK(o->n_lower == (m > 0 ? 6 : 0) && o->n_higher == (m < 0 ? 6 : 0));
    }
    CHECK(sum.order[0] == 3 && sum.order[1] == 1 && sum.order[2] == 2 && sum.order[3] == 4
        && sum.order[4] == 5);
    CHECK(sum.overall[3].rank == 1 && sum.overall[5].rank == 5);
    rl_screen_summary_free(&sum);
    rl_screen_free(s);
    free(s);
}

/* ---- split_two_ranks: the mice split over two "ranks" in one process (split.h) ---- */

/* A gather for two ranks run one after the other: rank 1 (run first) leaves its records in
** the context, rank 0 receives its own followed by rank 1's. */
typedef struct fake_gather {
    unsigned char buf[1 << 16];
    size_t len;
} fake_gather_t;

static int
fake_gather(void *ctx, const void *mine, size_t mine_bytes, void *all, size_t all_bytes)
{
    fake_gather_t *g = ctx;
    if (all == NULL) { /* rank 1 */
        if (mine_bytes > sizeof g->buf) {
            return RL_ERR_NOMEM;
        }
        memcpy(g->buf, mine, mine_bytes);
        g->len = mine_bytes;
        return 0;
    }
    if (mine_bytes + g->len != all_bytes) {
        return RL_ERR_INTERNAL;
    }
    memcpy(all, mine, mine_bytes);
    memcpy((unsigned char *) all + mine_bytes, g->buf, g->len);
    return 0;
}

/* Rank 0 of a 2-rank split holds exactly the plain run's results (6 mice: 3 per rank, 3
** triggers x 6 arms each); rank 1 ran only its own mice (mouse 0 untouched there). */
static void
split_two_ranks(void)
{
    rl_screen_t *s;
    static fake_gather_t g;
    rl_screen_results_t plain, r0, r1;
    rl_split_t sp = { 1, 2, fake_gather, &g };
    rl_screen_options_t opt;
    rl_error_t err;
    size_t cells;

    if ((s = example_screen(2)) == NULL) {
        return;
    }
    memset(&opt, 0, sizeof opt);
    opt.seed = 5;
    opt.threads = 1;
    CHECK(rl_screen_run(s, &opt, &plain, &err) == 0);
    opt.split = &sp;
    CHECK(rl_screen_run(s, &opt, &r1, &err) == 0);
    CHECK(g.len == 3 * (4 + 2 * 3 * 6) * sizeof(double));
    sp.rank = 0;
    CHECK(rl_screen_run(s, &opt, &r0, &err) == 0);
    cells = (size_t) rl_screen_n_subjects(s) * (size_t) rl_screen_tests_per_mouse(s);
    CHECK(memcmp(plain.active, r0.active, cells * sizeof *r0.active) == 0);
    CHECK(memcmp(plain.inactive, r0.inactive, cells * sizeof *r0.inactive) == 0);
    CHECK(memcmp(plain.baseline, r0.baseline, 6 * sizeof *r0.baseline) == 0);
    CHECK(memcmp(plain.training_sessions, r0.training_sessions,
              6 * sizeof *r0.training_sessions) == 0);
    CHECK(plain.sessions == r0.sessions && plain.events == r0.events);
    CHECK(r1.training_sessions[0] == 0 && r1.training_sessions[5] > 0);
    CHECK(r1.sessions < plain.sessions);
    rl_screen_results_free(&plain);
    rl_screen_results_free(&r0);
    rl_screen_results_free(&r1);
    rl_screen_free(s);
    free(s);
}

static const rl_test_case_t CASES[] = {
    {"paired_interval", paired_interval, 0},
    {"fieller_interval", fieller_interval, 0},
    {"summary_known_answers", summary_known_answers, 0},
    {"example_file", example_file, 0},
    {"small_run", small_run, 0},
    {"split_two_ranks", split_two_ranks, 0},
};

RL_TEST_MAIN(CASES)
