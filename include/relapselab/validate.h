/* validate.h -- do published findings emerge? (`relapselab validate`, docs/VALIDATION.md)
**
** Runs the protocol of a claims file (claims.h) R times as independent virtual studies
** (study r uses seed + r), applies each check's test to each study, and reports per check
** (per pair of groups, per region) how often it holds at p < alpha in the expected
** direction -- or, for a null check (expect no_difference), how often a difference shows --
** with the Wilson 95 % interval of that rate, the effect size across studies (mean and 95 %
** interval of Hedges' g, A - B), and group means +/- SEM of the first study. Null checks
** are read against the test's own false-positive rate: the same test between groups of
** identical biology in the same protocol (test calibration). Magnitudes report a measure's
** mean over studies against a prior.
*/
#ifndef RELAPSELAB_VALIDATE_H
#define RELAPSELAB_VALIDATE_H

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#include "relapselab/api.h"
#include "relapselab/error.h"
#include "relapselab/claims.h"
#include "relapselab/params.h"
#include "relapselab/progress.h"
#include "relapselab/split.h"

typedef struct rl_validation rl_validation_t;

typedef struct rl_validate_options {
    int replicates;               /* >= 1 */
    uint64_t seed;                /* study r uses seed + r */
    int threads;                  /* worker threads per study */
    const rl_params_t *params;    /* population values, NULL = the parameter table */
    const atomic_int *cancel;     /* non-zero stops the run; may be NULL */
    rl_progress_t progress;       /* after each virtual study (unit "studies") */
    const rl_split_t *split;      /* NULL: run every study here; else this rank's share,
                                     the report complete on rank 0 only (split.h) */
} rl_validate_options_t;

/* Run the validation of claims (borrowed, with its protocol, until rl_validation_free()).
** Returns 0, or an error (RL_ERR_INTERRUPTED if cancelled) with err set; *out is NULL on
** error. */
RL_API int rl_validate_run(const rl_claims_t *claims, const rl_validate_options_t *opt,
    rl_validation_t **out, rl_error_t *err);

/* The report of one validation: a table (text), JSON (one object), or Markdown (the rows
** of the claims table, for docs/VALIDATION.md). Return 0 or RL_ERR_NOMEM (nothing printed). */
RL_API int rl_validation_print(const rl_validation_t *self, FILE *f, rl_error_t *err);
RL_API int rl_validation_print_json(const rl_validation_t *self, FILE *f, rl_error_t *err);
RL_API int rl_validation_print_markdown(const rl_validation_t *self, FILE *f,
    rl_error_t *err);

/* One line per check row of several validations (several claims files): finding, check,
** rate with its 95 % interval, effect, verdict. */
RL_API void rl_validation_print_summary(const rl_validation_t *const *v, int n, FILE *f);

/* Number of check rows that miss their target: findings below their rate (>= target),
** null checks above theirs (<= target). Secondary and report rows are not counted. */
RL_API int rl_validation_failures(const rl_validation_t *self);

/* Number of magnitudes with a range (claims.h) whose value lies outside it, or that have no
** value (no study gave one). Magnitudes without a range are not counted. */
RL_API int rl_validation_magnitude_misses(const rl_validation_t *self);

RL_API void rl_validation_free(rl_validation_t *self);

#endif
