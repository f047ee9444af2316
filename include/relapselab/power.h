/* power.h -- how many mice? (`relapselab power`, docs/POWER.md)
**
** For each check of a claims file (claims.h), how often the lab's own test finds the
** effect in a virtual study with n mice per group, for every n of a list: the power curve,
** each point with its Wilson 95 % interval, and the smallest n of the list from which the
** power stays at or above a target (default 0.8).
**
** The machinery is validate's (validate.h): the same rows (a check per pair of groups, per
** region), the same reduction of each mouse to its measures, the same tests. What differs
** is the cohort. Nested cohorts with common random numbers: every virtual study is
** simulated once, at the largest n, and each check is evaluated on the first n mice of
** every group for each n of the list, so the n = 6 study is the first 6 mice of the n = 20
** one. For that a mouse's random streams depend on (study seed, group, index in the
** group) only -- never on the group sizes: group g's mice draw from master seed
** rl_stream_seed(seed + r, RL_STREAM_NESTED, g, 0) with their index in the group as the
** subject key (validate numbers subjects through the whole cohort, so its studies are not
** nested; its scheme is unchanged). Study r uses seed + r, as in validate, and depends on
** nothing else: studies may be computed in any order or on any process, and the results
** are identical whatever the thread count.
**
** What the rate of a row means depends on its check (rl_power_kind_t): the power of a
** finding's test; for a null check (expect no_difference) how often a difference shows
** (the false-positive rate where the groups truly do not differ); for an equivalence check
** how often equivalence is shown; for an estimate (ratio, describe, proportion) how often
** it meets its condition; for a report row how often p < alpha either way (a report of a
** statistic without a test has no rate, only its mean effect). The rate is over
** all the design's studies (a study in which the test cannot be made, e.g. no variance,
** counts as not holding); `tested` says in how many it could be made.
**
** Sequential stopping (precision > 0): after each study (in study order), a design (an n)
** whose rows' 95 % intervals are all narrower than precision takes no more studies; the
** sweep ends when every design has stopped or R studies are done. Deterministic for a
** given seed. Later studies are simulated only up to the largest n still running.
*/
#ifndef RELAPSELAB_POWER_H
#define RELAPSELAB_POWER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "relapselab/api.h"
#include "relapselab/claims.h"
#include "relapselab/error.h"
#include "relapselab/params.h"
#include "relapselab/progress.h"
#include "relapselab/split.h"

#define RL_POWER_MAX_SIZES 32   /* n values in one sweep */
#define RL_POWER_MIN_N 2        /* a t-test needs two mice per group */

typedef struct rl_power rl_power_t;

typedef struct rl_power_options {
    int n_sizes;                        /* 1 .. RL_POWER_MAX_SIZES */
    int sizes[RL_POWER_MAX_SIZES];      /* mice per group, strictly increasing,
                                           RL_POWER_MIN_N .. RL_MAX_GROUP_N */
    int replicates;                     /* virtual studies per n (at most), >= 1 */
    uint64_t seed;                      /* study r uses seed + r */
    double alpha;                       /* significance level in (0, 1); 0 = the claims
                                           file's */
    double target;                      /* power to reach, in (0, 1); 0 = 0.8 */
    double precision;                   /* 0 = none; else the 95 % interval width at
                                           which a design stops (sequential stopping) */
    int threads;                        /* worker threads (results do not depend on it) */
    const rl_params_t *params;          /* population values, NULL = the parameter table */
    const atomic_int *cancel;           /* non-zero stops the sweep; may be NULL */
    rl_progress_t progress;             /* after each virtual study (unit "studies") */
    const rl_split_t *split;            /* NULL: run every study here; else this rank's
                                           share, the sweep complete on rank 0 only
                                           (split.h) */
} rl_power_options_t;

/* What the rate of a row measures (see above). */
typedef enum rl_power_kind {
    RL_POWER_FINDING = 0,   /* power of the test in the expected direction */
    RL_POWER_NULL,          /* no_difference: how often p < alpha */
    RL_POWER_EQUIVALENCE,   /* equivalent: how often TOST shows equivalence */
    RL_POWER_ESTIMATE,      /* within / at_most / at_least / each_*: the condition met */
    RL_POWER_EITHER_WAY,    /* report with a test of a p value: how often p < alpha either
                               way */
    RL_POWER_DESCRIPTION    /* report with a statistic only (describe, ratio): no rate, the
                               effect only */
} rl_power_kind_t;

/* One row at one n. */
typedef struct rl_power_cell {
    int n;                  /* mice per group */
    int studies;            /* virtual studies of this design */
    int tested;             /* in how many the test could be made */
    int hits;               /* in how many the row's condition held */
    double rate;            /* hits / studies (0 without studies; NaN for a description) */
    double lo, hi;          /* Wilson 95 % interval of rate */
    double effect;          /* mean over the tested studies of the row's effect (Hedges' g
                               for the t-tests; validate's effect otherwise); NaN if none */
} rl_power_cell_t;

/* Run the sweep of claims (borrowed until rl_power_free()). Returns 0, or an error
** (RL_ERR_INVALID for bad options, RL_ERR_INTERRUPTED if cancelled, RL_ERR_NOMEM, a
** simulation error) with err set; *out is NULL on error. */
RL_API int rl_power_run(const rl_claims_t *claims, const rl_power_options_t *opt,
    rl_power_t **out, rl_error_t *err);

RL_API void rl_power_free(rl_power_t *self);

/* The sweep's shape and options as run (alpha and target resolved). */
RL_API const rl_claims_t *rl_power_claims(const rl_power_t *self);
RL_API int rl_power_n_sizes(const rl_power_t *self);
RL_API int rl_power_size(const rl_power_t *self, int j);
RL_API int rl_power_replicates(const rl_power_t *self);
RL_API double rl_power_alpha(const rl_power_t *self);
RL_API double rl_power_target(const rl_power_t *self);

/* Rows: one per check, pair of groups and region, in the claims file's order (as validate).
** rl_power_row_label writes "S2 breakpoint, Oprd1-KO-cocaine vs Oprd1-WT-cocaine" into buf. */
RL_API int rl_power_n_rows(const rl_power_t *self);
RL_API const rl_claim_check_t *rl_power_row_check(const rl_power_t *self, int row);
RL_API rl_power_kind_t rl_power_row_kind(const rl_power_t *self, int row);
RL_API const char *rl_power_row_label(const rl_power_t *self, int row, char *buf, size_t n);
RL_API rl_power_cell_t rl_power_cell(const rl_power_t *self, int row, int j);

/* The smallest n of the sweep from which row's rate stays >= the target at every larger n
** of the list; 0 when the largest n does not reach it, -1 for a row without one (null
** rows). */
RL_API int rl_power_n_needed(const rl_power_t *self, int row);

/* The rule itself: the index of the first of rate[0..n-1] from which every rate is
** >= target (-1 when rate[n-1] < target). */
RL_API int rl_power_first_sustained(const double *rate, int n, double target);

/* The kind's name as printed and in JSON ("power", "null", "equivalence", "estimate",
** "either_way", "description") and what its rate means, in words. */
RL_API const char *rl_power_kind_name(rl_power_kind_t k);
RL_API const char *rl_power_kind_text(rl_power_kind_t k);

/* Reports: a text table, one JSON object, the rows of a tidy CSV table (one per row and n;
** with header when header is true), and the power-curve figure of several sweeps (PNG,
** SVG or PDF by the extension; written atomically, see rl_plot_write). Return 0 or an error
** (err set). */
RL_API int rl_power_print(const rl_power_t *self, FILE *f, rl_error_t *err);
RL_API int rl_power_print_json(const rl_power_t *self, FILE *f, rl_error_t *err);
RL_API int rl_power_print_csv(const rl_power_t *self, FILE *f, bool header, rl_error_t *err);
RL_API int rl_power_write_figure(const rl_power_t *const *sweeps, int n, const char *path,
    rl_error_t *err);

/* ---- analytic power of the two-sample t-test (the check of the machinery) ---- */

/* The noncentral t distribution with df degrees of freedom and noncentrality ncp:
** P(T <= t) and P(T > t), by integrating the normal CDF over the distribution of the
** chi variable: P(T <= t) = int_0^inf Phi(t u - ncp) f_U(u) du, U = sqrt(X / df),
** X ~ chi^2_df (GSL's QAGIU, absolute error 1e-13). NaN for df <= 0, non-finite input or
** when the integration fails. */
RL_API double rl_nct_P(double t, double df, double ncp);
RL_API double rl_nct_Q(double t, double df, double ncp);

/* The power of Student's two-sample t-test, n mice per group, standardised difference d
** (difference over the common SD), two-sided level alpha: the probability that the test
** finds A > B (p < alpha and A above B; R's power.t.test with strict = FALSE), or with
** both_tails a difference in either direction (strict = TRUE). NaN for n < 2 or alpha not
** in (0, 1). */
RL_API double rl_power_ttest(int n, double d, double alpha, bool both_tails);

#endif
