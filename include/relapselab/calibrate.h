/* calibrate.h -- fit population parameters to claims files (`relapselab calibrate`,
** docs/CALIBRATION.md).
**
** A global search (a Latin-hypercube design over the parameters' plausible ranges, plus the
** reference values as point 0) followed by a local one (GSL's Nelder-Mead simplex,
** nmsimplex2, from the best design point, in unbounded logit coordinates so that every
** trial stays inside the ranges) on one loss: the sum over the calibration claims files of
** the mean, over each file's target rows, of the squared shortfall of the row's rate from
** its target (max(0, t - rate)^2 for a finding, max(0, rate - t)^2 for a null); rows
** without a target are ignored. Every evaluation validates every file (validate.h) over the
** same studies (seeds seed .. seed + R - 1: common random numbers), so the loss is a
** deterministic function of the parameters. A search of many evaluations on common studies
** finds their luck as well as the parameters' effect (the lowest of many noisy losses is
** biased low), so the best points can be confirmed: re-evaluated on studies the search did
** not use, the best point then being the lowest confirmation loss. Hold-out files are
** evaluated only at the reference values and at the best point (generalisation). The
** library never prints except into the FILE given to the print functions.
*/
#ifndef RELAPSELAB_CALIBRATE_H
#define RELAPSELAB_CALIBRATE_H

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#include "relapselab/api.h"
#include "relapselab/claims.h"
#include "relapselab/error.h"
#include "relapselab/params.h"
#include "relapselab/progress.h"

#define RL_CALIBRATE_MAX_PARAMS 64   /* parameters searched at once */
#define RL_CALIBRATE_DEFAULT_TOL 0.01 /* simplex size (logit units) that stops the search */

typedef struct rl_calibration rl_calibration_t;

typedef struct rl_calibrate_options {
    const char *const *names;     /* the parameters searched (parameter table names) */
    int n_names;                  /* 1 .. RL_CALIBRATE_MAX_PARAMS */
    int design;                   /* Latin-hypercube points, >= 0 (point 0 comes on top) */
    int local_iter;               /* Nelder-Mead iterations at most, >= 0 (0: no local) */
    double tol;                   /* stop when the simplex size falls below it; <= 0:
                                     RL_CALIBRATE_DEFAULT_TOL */
    int replicates;               /* virtual studies per file and evaluation, >= 1 */
    uint64_t seed;                /* study r uses seed + r; the design's stream too */
    int threads;                  /* worker threads per study */
    int confirm_replicates;       /* > 0: after the search, re-evaluate the reference and
                                     the confirm_top best points over this many studies on
                                     seeds seed + replicates onward (none the search used),
                                     and make the best point the lowest loss there (the
                                     earlier in that order among equals: the reference
                                     first); 0: no confirmation */
    int confirm_top;              /* the best search points confirmed, >= 1 when
                                     confirm_replicates > 0 */
    const rl_params_t *params;    /* reference population values (the table after any
                                     --set), NULL = the parameter table; parameters not
                                     searched keep these values */
    const atomic_int *cancel;     /* non-zero stops the search; may be NULL */
    rl_progress_t progress;       /* after each evaluation (unit "evaluations"); total is
                                     an upper bound until the last report */
} rl_calibrate_options_t;

/* Check the search space of opt (names known, none twice, each range lo < hi) without
** running anything: 0, or RL_ERR_INVALID naming the parameter. */
RL_API int rl_calibrate_check(const rl_calibrate_options_t *opt, rl_error_t *err);

/* Calibrate on calib[0..n_calib) (n_calib >= 1) and report hold[0..n_hold) (may be 0) at
** the reference and the best point. The claims are borrowed until rl_calibration_free().
** Returns 0, or an error with err set (RL_ERR_INVALID for a bad search space,
** RL_ERR_INTERRUPTED if cancelled, RL_ERR_NOMEM, or a validation's error); *out is NULL
** on error. */
RL_API int rl_calibrate_run(const rl_claims_t *const *calib, int n_calib,
    const rl_claims_t *const *hold, int n_hold, const rl_calibrate_options_t *opt,
    rl_calibration_t **out, rl_error_t *err);

/* Number of evaluations made (point 0, the design, the local search; not the confirmation
** or the hold-out). */
RL_API int rl_calibration_n_evals(const rl_calibration_t *self);

/* The best evaluation (lowest loss; the earliest among equals; with a confirmation, the
** lowest confirmation loss): its loss (the confirmation's when there is one), and its
** population values into *out (the reference values with the searched ones replaced). */
RL_API double rl_calibration_best(const rl_calibration_t *self, rl_params_t *out);

/* The best point as command-line options, " --set a=1.5 --set b=0.02", into buf (cut to
** n bytes). Each value is written in the fewest digits (6 to 17) that read back inside
** the parameter's range. */
RL_API void rl_calibration_best_settings(const rl_calibration_t *self, char *buf, size_t n);

/* The report: text (the search, the `top` best evaluations, the best point, every target
** row at the reference and at the best point, the hold-out comparison), or JSON (one
** object: every evaluation with its values, loss, per-file losses and per-row rates; see
** docs/CALIBRATION.md). Return 0, RL_ERR_NOMEM (the text report's sorting) or RL_ERR_IO
** (the stream failed). */
RL_API int rl_calibration_print(const rl_calibration_t *self, FILE *f, int top,
    rl_error_t *err);
RL_API int rl_calibration_print_json(const rl_calibration_t *self, FILE *f, rl_error_t *err);

RL_API void rl_calibration_free(rl_calibration_t *self);

#endif
