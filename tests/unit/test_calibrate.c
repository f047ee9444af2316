/* test_calibrate.c -- the calibration (calibrate.h, calibrate_internal.h): the search space
** (names, ranges, the scale), the transforms (position in the range, logit coordinates:
** bounds and round trips, linear and log scale), the Latin-hypercube design (each stratum
** hit exactly once per dimension; the same design for the same seed), the loss on
** hand-made rows, and a small search on the test claims file (tests/data/
** calibrate_small.yaml): evaluation 0 at the reference, the best no worse, the same result
** for 1 and 2 threads, a cancelled search returning nothing.
**
** Known answers (computed by hand): the middle of a log-scale range is the geometric mean
** sqrt(lo * hi), of a linear one (lo + hi) / 2; logit(1e-3) = ln(1e-3 / 0.999) = -6.9068;
** the loss of the rows below is the mean of 0.3^2, 0, 0.2^2, 0 = 0.0325.
*/
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/calibrate.h"
#include "relapselab/params.h"
#include "relapselab/rng.h"
#include "experiment/calibrate_internal.h"
#include "testlib.h"

/* The dimension of parameter name (which must exist). */
static rl_cal_dim_t
dim_of(const char *name)
{
    rl_cal_dim_t d;
    rl_error_t err;
    const char *names[1];
    names[0] = name;
    memset(&d, 0, sizeof d);
    CHECK(rl_cal_space(names, 1, &d, &err) == 0);
    return d;
}

static void
space_scale_and_errors(void)
{
    rl_cal_dim_t dims[3], d;
    rl_param_info_t flat;
    rl_error_t err;
    const char *ok[] = {"burst_s", "da_km_nM", "da_knon_per_s"};
    const char *unknown[] = {"burst_s", "no_such_parameter"};
    const char *twice[] = {"burst_s", "want_gain", "burst_s"};

    CHECK(rl_cal_space(ok, 3, dims, &err) == 0);
    CHECK(dims[0].log);   /* [0.2, 3]: hi / lo = 15 >= 10 */
    CHECK(!dims[1].log);  /* [100, 300]: hi / lo = 3 */
    CHECK(!dims[2].log);  /* [0, 0.2]: lo = 0 */
    CHECK(dims[0].param == rl_param_find("burst_s") && strcmp(dims[0].name, "burst_s") == 0);

    CHECK(rl_cal_space(unknown, 2, dims, &err) == RL_ERR_INVALID);
    CHECK(strstr(err.msg, "no_such_parameter") != NULL);
    CHECK(rl_cal_space(twice, 3, dims, &err) == RL_ERR_INVALID);
    CHECK(strstr(err.msg, "burst_s") != NULL && strstr(err.msg, "twice") != NULL);
    CHECK(rl_cal_space(ok, 0, dims, &err) == RL_ERR_INVALID);

    /* a range with lo == hi (no row of the table has one: a hand-made row) */
    flat = *rl_param_info((size_t) rl_param_find("burst_s"));
    flat.lo = flat.hi = 1.0;
    CHECK(rl_cal_dim_set(&d, 0, &flat, &err) == RL_ERR_INVALID);
    CHECK(strstr(err.msg, "burst_s") != NULL && strstr(err.msg, "no range") != NULL);
}

static void
transform_bounds(void)
{
    rl_cal_dim_t lin = dim_of("want_gain"), lg = dim_of("burst_s");
    const rl_cal_dim_t *ds[2];
    double zmax = log((1.0 - RL_CAL_EDGE) / RL_CAL_EDGE);
    int i;

    ds[0] = &lin;
    ds[1] = &lg;
    CHECK_CLOSE(zmax, 6.9068, 1e-4, 0); /* ln(0.999 / 0.001) */
    for (i = 0; i < 2; i++) {
        const rl_cal_dim_t *d = ds[i];
        static const double zs[] = {-1e6, -800.0, -40.0, -7.0, 0.0, 3.0, 40.0, 800.0, 1e6};
        size_t k;
        CHECK(rl_cal_to_unit(d, d->lo) == 0.0 && rl_cal_to_unit(d, d->hi) == 1.0);
        CHECK(rl_cal_from_unit(d, 0.0) == d->lo && rl_cal_from_unit(d, 1.0) == d->hi);
        CHECK(rl_cal_from_unit(d, -0.5) == d->lo && rl_cal_from_unit(d, 2.0) == d->hi);
        CHECK(rl_cal_to_unit(d, d->lo - 1.0) == 0.0 && rl_cal_to_unit(d, d->hi * 2.0) == 1.0);
        /* a value at an edge starts a finite distance inside */
        CHECK_CLOSE(rl_cal_to_free(d, d->lo), -zmax, 1e-12, 1e-12);
        CHECK_CLOSE(rl_cal_to_free(d, d->hi), zmax, 1e-12, 1e-12);
        /* every real z gives a value within the range */
        for (k = 0; k < sizeof zs / sizeof zs[0]; k++) {
            double x = rl_cal_from_free(d, zs[k]);
            CHECK(x >= d->lo && x <= d->hi);
        }
        CHECK(rl_cal_from_free(d, -1e6) == d->lo && rl_cal_from_free(d, 1e6) == d->hi);
        CHECK(rl_cal_from_free(d, -20.0) > d->lo); /* still inside (u = 2e-9), not clipped */
    }
    /* the middle: arithmetic on a linear scale, geometric on a log scale */
    CHECK_CLOSE(rl_cal_from_unit(&lin, 0.5), 0.5, 1e-15, 0);            /* [0, 1] */
    CHECK_CLOSE(rl_cal_from_unit(&lg, 0.5), sqrt(0.2 * 3.0), 0, 1e-14); /* [0.2, 3] */
    CHECK_CLOSE(rl_cal_from_free(&lg, 0.0), sqrt(0.2 * 3.0), 0, 1e-14);
    CHECK_CLOSE(rl_cal_to_unit(&lg, sqrt(0.6)), 0.5, 1e-14, 0);
}

static void
transform_round_trip(void)
{
    static const char *const names[] = {"want_gain", "burst_s", "alpha_cue", "da_knon_per_s",
        "dyn_induction_decay_h"};
    size_t i;
    int k;
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        rl_cal_dim_t d = dim_of(names[i]);
        for (k = 1; k < 100; k++) { /* positions 0.01 .. 0.99, inside the edges */
            double x = rl_cal_from_unit(&d, k / 100.0);
            double back = rl_cal_from_free(&d, rl_cal_to_free(&d, x));
            CHECK_CLOSE(back, x, 1e-12 * (d.hi - d.lo), 1e-12);
            CHECK_CLOSE(rl_cal_to_unit(&d, x), k / 100.0, 1e-12, 0);
        }
    }
}

/* Each of the n strata [k/n, (k+1)/n) holds exactly one point in every dimension. */
static int
stratified(const double *u, int n, int dims)
{
    int j, i, ok = 1;
    int *hits = calloc((size_t) n, sizeof *hits);
    if (hits == NULL) {
        return 0;
    }
    for (j = 0; j < dims; j++) {
        memset(hits, 0, (size_t) n * sizeof *hits);
        for (i = 0; i < n; i++) {
            double v = u[i * dims + j];
            int s = (int) floor(v * n);
            ok &= v > 0.0 && v < 1.0 && s >= 0 && s < n;
            if (s >= 0 && s < n) {
                hits[s]++;
            }
        }
        for (i = 0; i < n; i++) {
            ok &= hits[i] == 1;
        }
    }
    free(hits);
    return ok;
}

static void
lhs_strata(void)
{
    static const int sizes[] = {1, 2, 7, 50, 333};
    gsl_rng *r = rl_rng_alloc();
    size_t t;
    CHECK(r != NULL);
    if (r == NULL) {
        return;
    }
    for (t = 0; t < sizeof sizes / sizeof sizes[0]; t++) {
        int n = sizes[t], dims = 5;
        double *u = calloc((size_t) (n * dims), sizeof *u);
        size_t *perm = calloc((size_t) n, sizeof *perm);
        CHECK(u != NULL && perm != NULL);
        if (u != NULL && perm != NULL) {
            rl_stream_set(r, 17 + t, RL_STREAM_CALIBRATE, 0, 0);
            rl_cal_lhs(r, n, dims, u, perm);
            CHECK(stratified(u, n, dims));
        }
        free(u);
        free(perm);
    }
    gsl_rng_free(r);
}

static void
lhs_deterministic(void)
{
    enum { N = 20, D = 3 };
    double a[N * D], b[N * D], c[N * D];
    size_t perm[N];
    gsl_rng *r = rl_rng_alloc();
    CHECK(r != NULL);
    if (r == NULL) {
        return;
    }
    rl_stream_set(r, 5, RL_STREAM_CALIBRATE, 0, 0);
    rl_cal_lhs(r, N, D, a, perm);
    rl_stream_set(r, 5, RL_STREAM_CALIBRATE, 0, 0);
    rl_cal_lhs(r, N, D, b, perm);
    rl_stream_set(r, 6, RL_STREAM_CALIBRATE, 0, 0);
    rl_cal_lhs(r, N, D, c, perm);
    CHECK(memcmp(a, b, sizeof a) == 0);   /* same seed, same design */
    CHECK(memcmp(a, c, sizeof a) != 0);   /* another seed, another design */
    /* the stream is the calibration's own: not the parameter stream of the same seed */
    rl_stream_set(r, 5, RL_STREAM_PARAMS, 0, 0);
    rl_cal_lhs(r, N, D, c, perm);
    CHECK(memcmp(a, c, sizeof a) != 0);
    gsl_rng_free(r);
}

static void
loss_known_answers(void)
{
    const rl_cal_dir_t dir[] = {RL_CAL_AT_LEAST, RL_CAL_AT_LEAST, RL_CAL_AT_MOST,
        RL_CAL_AT_MOST, RL_CAL_INFO};
    const double target[] = {0.8, 0.8, 0.1, 0.1, NAN};
    const double high[] = {NAN, NAN, NAN, NAN, NAN};
    const double rate[] = {0.5, 0.9, 0.3, 0.05, 0.0};
    const rl_cal_dir_t info[] = {RL_CAL_INFO, RL_CAL_INFO};
    /* a range row [2, 4] beside one at-least row: value 4.5 is 0.25 widths above */
    const rl_cal_dir_t mixed[] = {RL_CAL_AT_LEAST, RL_CAL_RANGE};
    const double mixed_target[] = {0.8, 2.0}, mixed_high[] = {NAN, 4.0};
    const double mixed_x[] = {0.6, 4.5};

    CHECK_CLOSE(rl_cal_shortfall(RL_CAL_AT_LEAST, 0.8, NAN, 0.5), 0.09, 1e-15, 0); /* 0.3^2 */
    CHECK(rl_cal_shortfall(RL_CAL_AT_LEAST, 0.8, NAN, 0.8) == 0.0);        /* met exactly */
    CHECK(rl_cal_shortfall(RL_CAL_AT_LEAST, 0.8, NAN, 1.0) == 0.0);        /* no reward */
    CHECK_CLOSE(rl_cal_shortfall(RL_CAL_AT_MOST, 0.1, NAN, 0.3), 0.04, 1e-15, 0); /* 0.2^2 */
    CHECK(rl_cal_shortfall(RL_CAL_AT_MOST, 0.1, NAN, 0.0) == 0.0);
    CHECK(rl_cal_shortfall(RL_CAL_INFO, 0.8, NAN, 0.0) == 0.0);
    /* a range: 0 inside and on its bounds, the distance outside in widths, squared */
    CHECK(rl_cal_shortfall(RL_CAL_RANGE, 2.0, 4.0, 3.0) == 0.0);
    CHECK(rl_cal_shortfall(RL_CAL_RANGE, 2.0, 4.0, 2.0) == 0.0);
    CHECK(rl_cal_shortfall(RL_CAL_RANGE, 2.0, 4.0, 4.0) == 0.0);
    CHECK_CLOSE(rl_cal_shortfall(RL_CAL_RANGE, 2.0, 4.0, 5.0), 0.25, 1e-15, 0); /* 0.5^2 */
    CHECK_CLOSE(rl_cal_shortfall(RL_CAL_RANGE, 2.0, 4.0, 1.0), 0.25, 1e-15, 0);
    CHECK(rl_cal_shortfall(RL_CAL_RANGE, 2.0, 4.0, NAN) == 1.0); /* no value: a full miss */
    /* mean over the 4 target rows; the info row does not count */
    CHECK_CLOSE(rl_cal_file_loss(dir, target, high, rate, 5), 0.0325, 1e-15, 0);
    CHECK(rl_cal_file_loss(info, target, high, rate, 2) == 0.0);
    CHECK(rl_cal_file_loss(dir, target, high, rate, 0) == 0.0);
    /* a magnitude's row counts as one row: (0.2^2 + 0.25^2) / 2 */
    CHECK_CLOSE(rl_cal_file_loss(mixed, mixed_target, mixed_high, mixed_x, 2), 0.05125, 1e-15,
        0);
}

/* ---- a small search on the test claims file ---- */

static rl_claims_t *
load_small(void)
{
    rl_claims_t *c = calloc(1, sizeof *c);
    rl_error_t err;
    CHECK(c != NULL);
    if (c != NULL && rl_claims_load_file(c, "tests/data/calibrate_small.yaml", &err) != 0) {
        CHECK(!"tests/data/calibrate_small.yaml loads");
        rl_claims_free(c);
        free(c);
        return NULL;
    }
    return c;
}

/* A search of two parameters on the small file: 2 studies from seed 4, 1 thread, no design,
** no local search. */
static void
small_options(rl_calibrate_options_t *opt, const char **names)
{
    memset(opt, 0, sizeof *opt);
    opt->names = names;
    opt->n_names = 2;
    opt->replicates = 2;
    opt->seed = 4;
    opt->threads = 1;
}

static void
search_small(void)
{
    const char *names[] = {"want_gain", "burst_s"};
    rl_claims_t *c = load_small();
    const rl_claims_t *set[1];
    rl_calibrate_options_t opt;
    rl_calibration_t *a = NULL, *b = NULL;
    rl_params_t best, table;
    rl_error_t err;
    char sa[256], sb[256];
    double loss;

    if (c == NULL) {
        return;
    }
    set[0] = c;
    small_options(&opt, names);
    opt.design = 3;
    opt.local_iter = 2;
    CHECK(rl_calibrate_run(set, 1, set, 1, &opt, &a, &err) == 0);
    opt.threads = 2;
    CHECK(rl_calibrate_run(set, 1, NULL, 0, &opt, &b, &err) == 0);
    if (a != NULL && b != NULL) {
        /* point 0, 3 design points, then the local search's new points */
        CHECK(rl_calibration_n_evals(a) >= 4);
        CHECK(a->evals[0].stage == CAL_REFERENCE);
        rl_params_default(&table);
        CHECK(a->evals[0].x[0] == table.want_gain && a->evals[0].x[1] == table.burst_s);
        CHECK(a->evals[1].stage == CAL_DESIGN && a->evals[3].step == 3);
        loss = rl_calibration_best(a, &best);
        CHECK(loss <= a->evals[0].loss);
        CHECK(best.da_set_width == table.da_set_width); /* not searched: the reference */
        CHECK(best.want_gain == a->evals[a->best].x[0]);
        /* the hold-out at the reference is evaluation 0's file again (the same file) */
        CHECK(a->have_hold && a->hold_ref.loss == a->evals[0].loss);
        CHECK(!b->have_hold);
        /* threads do not change the search */
        CHECK(rl_calibration_n_evals(a) == rl_calibration_n_evals(b));
        CHECK(a->best == b->best && a->evals[a->best].loss == b->evals[b->best].loss);
        rl_calibration_best_settings(a, sa, sizeof sa);
        rl_calibration_best_settings(b, sb, sizeof sb);
        CHECK(strcmp(sa, sb) == 0 && strstr(sa, " --set want_gain=") == sa);
    }
    rl_calibration_free(a);
    rl_calibration_free(b);
    rl_claims_free(c);
    free(c);
}

/* The confirmation: the reference and the best search points again over the studies after
** the search's (seeds seed + R ..), the best point the lowest loss there. */
static void
search_confirmed(void)
{
    const char *names[] = {"cue_opioid_release", "burst_s"};
    rl_claims_t *c = load_small();
    const rl_claims_t *set[1];
    rl_calibrate_options_t opt;
    rl_calibration_t *a = NULL, *fresh = NULL;
    rl_params_t best;
    rl_error_t err;
    int i, lowest = 0;

    if (c == NULL) {
        return;
    }
    set[0] = c;
    small_options(&opt, names);
    opt.design = 4;
    opt.confirm_replicates = 3;
    opt.confirm_top = 0;
    CHECK(rl_calibrate_run(set, 1, NULL, 0, &opt, &a, &err) == RL_ERR_INVALID && a == NULL);
    opt.confirm_top = 2;
    CHECK(rl_calibrate_run(set, 1, NULL, 0, &opt, &a, &err) == 0);
    /* the reference alone over the confirmation's studies: a search of no design */
    opt.design = 0;
    opt.confirm_replicates = 0;
    opt.replicates = 3;
    opt.seed = 6;
    CHECK(rl_calibrate_run(set, 1, NULL, 0, &opt, &fresh, &err) == 0);
    if (a != NULL && fresh != NULL) {
        CHECK(rl_calibration_n_evals(a) == 5 && a->n_conf == 3);
        CHECK(a->confirm_seed == 6 && a->confirm_replicates == 3);
        CHECK(a->conf_of[0] == 0 && a->conf_of[1] != 0 && a->conf_of[2] != 0);
        /* the best search points, in order of their loss */
        CHECK(a->evals[a->conf_of[1]].loss <= a->evals[a->conf_of[2]].loss);
        for (i = 1; i < a->n_evals; i++) {
            CHECK(i == a->conf_of[1] || i == a->conf_of[2]
                || a->evals[i].loss >= a->evals[a->conf_of[2]].loss);
        }
        /* seeds 6..8: the reference's loss there is the fresh search's point 0 */
        CHECK(a->conf[0].loss == fresh->evals[0].loss);
        CHECK(memcmp(a->conf[0].rate, fresh->evals[0].rate,
                  (size_t) a->calib.n_rows * sizeof *a->conf[0].rate) == 0);
        /* ... and not the search's own (seeds 4..5) */
        CHECK(memcmp(a->conf[0].rate, a->evals[0].rate,
                  (size_t) a->calib.n_rows * sizeof *a->conf[0].rate) != 0);
        for (i = 1; i < a->n_conf; i++) {
            if (a->conf[i].loss < a->conf[lowest].loss) {
                lowest = i;
            }
        }
        CHECK(a->best == a->conf_of[lowest]);
        CHECK(rl_calibration_best(a, &best) == a->conf[lowest].loss);
        CHECK(best.burst_s == a->evals[a->best].x[1]);
    }
    rl_calibration_free(a);
    rl_calibration_free(fresh);
    rl_claims_free(c);
    free(c);
}

static void
search_cancelled(void)
{
    const char *names[] = {"want_gain"}, *bad[] = {"nope"};
    rl_claims_t *c = load_small();
    const rl_claims_t *set[1];
    rl_calibrate_options_t opt;
    rl_calibration_t *a = NULL;
    atomic_int stop = 1;
    rl_error_t err;

    if (c == NULL) {
        return;
    }
    set[0] = c;
    memset(&opt, 0, sizeof opt);
    opt.names = names;
    opt.n_names = 1;
    opt.design = 2;
    opt.replicates = 1;
    opt.threads = 1;
    opt.cancel = &stop;
    CHECK(rl_calibrate_run(set, 1, NULL, 0, &opt, &a, &err) == RL_ERR_INTERRUPTED);
    CHECK(a == NULL);
    opt.cancel = NULL;
    opt.names = bad;
    CHECK(rl_calibrate_run(set, 1, NULL, 0, &opt, &a, &err) == RL_ERR_INVALID && a == NULL);
    CHECK(rl_calibrate_check(&opt, &err) == RL_ERR_INVALID && strstr(err.msg, "nope") != NULL);
    rl_claims_free(c);
    free(c);
}

static const rl_test_case_t CASES[] = {
    {"space_scale_and_errors", space_scale_and_errors, 0},
    {"transform_bounds", transform_bounds, 0},
    {"transform_round_trip", transform_round_trip, 0},
    {"lhs_strata", lhs_strata, 0},
    {"lhs_deterministic", lhs_deterministic, 0},
    {"loss_known_answers", loss_known_answers, 0},
    {"search_small", search_small, 0},
    {"search_confirmed", search_confirmed, 0},
    {"search_cancelled", search_cancelled, 0},
};
RL_TEST_MAIN(CASES)
