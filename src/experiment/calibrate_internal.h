/* calibrate_internal.h -- the parts of the calibration (calibrate.h) shared by
** calibrate_space.c (the search space, its transforms, the Latin-hypercube design, the loss
** of one file's rows: plain functions the unit tests reach on their own), calibrate.c (the
** evaluations and the search) and calibrate_report.c (the text and JSON reports). Not a
** public header.
*/
#ifndef RL_EXPERIMENT_CALIBRATE_INTERNAL_H
#define RL_EXPERIMENT_CALIBRATE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "relapselab/calibrate.h"

/* ---- calibrate_space.c ---- */

/* One dimension of the search space: a parameter over its plausible range, on a log scale
** when lo > 0 and hi / lo >= 10, else linear. */
typedef struct rl_cal_dim {
    int param;          /* index in the parameter table */
    const char *name;   /* the table's name (static storage) */
    double lo, hi;      /* the plausible range, lo < hi */
    bool log;
} rl_cal_dim_t;

/* Dimension d for parameter `param` (its index), row p of the parameter table: 0, or
** RL_ERR_INVALID when p's range is empty (lo == hi). */
int rl_cal_dim_set(rl_cal_dim_t *d, int param, const rl_param_info_t *p, rl_error_t *err);

/* The dimensions of names[0..n) into dims[0..n): 0, or RL_ERR_INVALID naming the problem
** (no name, more than RL_CALIBRATE_MAX_PARAMS, an unknown name, a name given twice, a
** range with lo == hi). */
int rl_cal_space(const char *const *names, int n, rl_cal_dim_t *dims, rl_error_t *err);

/* The position u in [0, 1] of value x within d's range on d's scale (x outside the range
** is clipped), and back: the value at position u (u clipped to [0, 1]), always within
** [lo, hi] (exactly lo at 0 and hi at 1). */
double rl_cal_to_unit(const rl_cal_dim_t *d, double x);
double rl_cal_from_unit(const rl_cal_dim_t *d, double u);

/* The unbounded coordinate of the local search: z = logit(u), u = x's position clipped to
** [RL_CAL_EDGE, 1 - RL_CAL_EDGE] (so that a value at a range's edge starts a finite,
** movable distance inside it: |z| <= 6.9); and back: any real z gives a value within
** [lo, hi]. */
#define RL_CAL_EDGE 1e-3
double rl_cal_to_free(const rl_cal_dim_t *d, double x);
double rl_cal_from_free(const rl_cal_dim_t *d, double z);

/* A Latin-hypercube design of n points in dims dimensions: u[i * dims + j] in (0, 1) is
** point i's position in dimension j. In each dimension the n strata [k/n, (k+1)/n) are
** assigned to the points by a random permutation (gsl_ran_shuffle) and each point is
** drawn uniformly within its stratum; dimension by dimension, permutation then draws, all
** from r. perm is scratch of n elements. */
void rl_cal_lhs(gsl_rng *r, int n, int dims, double *u, size_t *perm);

/* What a row asks of its value: a check's rate, or a magnitude with a range (claims.h). */
typedef enum {
    RL_CAL_INFO = 0,     /* no target: not in the loss */
    RL_CAL_AT_LEAST = 1, /* a finding: rate >= target */
    RL_CAL_AT_MOST = 2,  /* a null: rate <= target */
    RL_CAL_RANGE = 3     /* a magnitude: target <= value <= high */
} rl_cal_dir_t;

/* The squared shortfall of value x from its target: max(0, t - x)^2 (at least),
** max(0, x - t)^2 (at most), 0 (info); for a range [t, high] the distance outside it in
** units of its width, squared (0 inside; 1 when x is NAN, a magnitude without a value). */
double rl_cal_shortfall(rl_cal_dir_t dir, double target, double high, double x);

/* The loss of one file: the mean squared shortfall over its rows with a target (checks and
** magnitudes with a range alike); 0 when it has none. high[k] is read for range rows only. */
double rl_cal_file_loss(const rl_cal_dir_t *dir, const double *target, const double *high,
    const double *x, int n);

/* ---- calibrate.c: the result ---- */

/* A row of a file's validation, as the reports show it. */
typedef struct cal_row {
    int file;                   /* index in its set */
    char id[RL_NAME_MAX];       /* the check's id */
    char label[3 * RL_NAME_MAX + 40]; /* "A vs B: measure", ", region" for a region */
} cal_row_t;

/* A set of claims files (the calibration files or the hold-out) and their rows: rows[k],
** dir[k], target[k] and high[k] describe row k (each file's check rows, then its magnitudes
** with a range; file 0's, then file 1's, ...), known from the set's first evaluation on. */
typedef struct cal_set {
    const rl_claims_t **claims; /* the files (the array owned, the claims borrowed) */
    int n;
    cal_row_t *rows;
    rl_cal_dir_t *dir;
    double *target;
    double *high;               /* a range row's upper bound, else NAN */
    size_t cap_rows, cap_dir, cap_target, cap_high;
    int n_rows;                 /* -1 until the first evaluation */
} cal_set_t;

enum { CAL_REFERENCE, CAL_DESIGN, CAL_LOCAL };

/* One evaluation of the loss. */
typedef struct cal_eval {
    int stage;                  /* CAL_REFERENCE, CAL_DESIGN, CAL_LOCAL */
    int step;                   /* design point 1..N; local: the iteration (0 = the
                                   initial simplex) */
    double loss;
    double *x;                  /* the searched values (n_dims); NULL for the hold-out */
    double *file_loss;          /* per file of its set */
    double *rate;               /* per row of its set: a check's rate, a magnitude's value */
} cal_eval_t;

struct rl_calibration {
    int n_dims;
    rl_cal_dim_t dims[RL_CALIBRATE_MAX_PARAMS];
    rl_params_t ref;            /* the reference population values */
    int design, local_iter, replicates, threads;
    double tol;
    uint64_t seed;
    const atomic_int *cancel;
    rl_progress_t progress;
    rl_progress_info_t info;
    cal_set_t calib, hold;
    cal_eval_t *evals;
    int n_evals;
    size_t cap;
    int best;                   /* index of the best evaluation */
    int local_start;            /* the evaluation the local search started from, or -1 */
    int local_iters;            /* Nelder-Mead iterations made */
    double local_size;          /* the simplex size at the end (logit units) */
    const char *local_stop;     /* why it stopped (static text) */
    bool have_hold;
    cal_eval_t hold_ref, hold_best;
    /* the confirmation (calibrate.h): conf[i] is evaluation conf_of[i] re-evaluated on the
    ** calibration files over confirm_replicates studies from seed confirm_seed; conf_of[0]
    ** is the reference (0), then the best search points by loss */
    int confirm_replicates, confirm_top;
    uint64_t confirm_seed;
    cal_eval_t *conf;
    int *conf_of;
    int n_conf;
    int search_best;            /* the lowest search loss (best before the confirmation) */
};

/* order[0..n) = the indices of evals[0..n) by loss, the earlier among equals first. */
void rl_cal_by_loss(const cal_eval_t *evals, int n, int *order);

/* The name of a stage ("reference", "design", "local"). */
const char *rl_cal_stage_name(int stage);

#endif
