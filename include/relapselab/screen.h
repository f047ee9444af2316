/* screen.h -- an in-silico drug screen against relapse (`relapselab screen`,
** docs/SCREEN.md).
**
** Which treatment, at what dose and time, prevents which kind of relapse, in which
** genotype? A screen file names a training protocol (its phases up to a test phase), the
** genotypes, the relapse triggers (phase keys added to the test: a contingent cue, stress,
** a drug prime, non-contingent cues, in any combination) and the candidate treatments.
** Every mouse is trained and extinguished once; a copy of the trained mouse
** (rl_mouse_copy) is then tested under every trigger x treatment cell, vehicle included, so
** every comparison is paired within mouse.
**
** Random numbers: mouse i of genotype g is subject g*n + i of the run (its parameters and
** training sessions use the streams of a cohort run). A test draws from a stream of its own
** kind (rng.h: RL_STREAM_TEST), derived from (seed, subject, trigger name) -- the same for every treatment of a
** trigger ("common random numbers", the default) -- or from (seed, subject, trigger name,
** treatment name) with `random_numbers: independent`. Results therefore do not depend on
** the thread count, nor on the order of triggers and candidates or on adding one.
**
** Data flow: rl_screen_load_file (file -> rl_screen_t, src/protocol/screen_yaml.c) ->
** rl_screen_run (-> rl_screen_results_t, src/experiment/screen_run.c) -> rl_screen_summarize
** (-> rl_screen_summary_t, the statistics, src/screen/screen_stats.c) -> the printers
** (text, JSON, CSV; src/screen/screen_print.c).
*/
#ifndef RELAPSELAB_SCREEN_H
#define RELAPSELAB_SCREEN_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "relapselab/api.h"
#include "relapselab/error.h"
#include "relapselab/params.h"
#include "relapselab/progress.h"
#include "relapselab/protocol.h"
#include "relapselab/split.h"

#define RL_SCREEN_MAX_GENOTYPES 16
#define RL_SCREEN_MAX_TRIGGERS 16
#define RL_SCREEN_MAX_CANDIDATES 32
#define RL_SCREEN_MAX_ARMS (RL_SCREEN_MAX_CANDIDATES + 1) /* + vehicle */
#define RL_SCREEN_MIN_N 2       /* a paired interval needs two mice */
#define RL_SCREEN_MAX_N 1000

/* A relapse trigger: the test phase with the trigger's keys (active_response, treatments,
** stress, noncontingent_cues) applied. */
typedef struct rl_screen_trigger {
    char name[RL_NAME_MAX];
    rl_phase_t phase;
    long src_line;
} rl_screen_trigger_t;

/* A treatment arm: vehicle (no drug, arm 0) or a candidate's drugs, given before the test
** session (minutes_before), in addition to the trigger's. */
typedef struct rl_screen_arm {
    char name[RL_NAME_MAX];
    int n_treatments;
    rl_treatment_t treatments[RL_MAX_TREATMENTS];
    long src_line;
} rl_screen_arm_t;

typedef struct rl_screen {
    char title[2 * RL_NAME_MAX];  /* `screen:`, free text ("" if absent) */
    char path[256];               /* the screen file */
    rl_protocol_t protocol;       /* the training protocol; its groups are replaced by one
                                     group per genotype (group g = genotypes[g], n mice) */
    int procedure;                /* index of the procedure used */
    int test_phase;               /* its index in the procedure; the phases before it train */
    int n;                        /* mice per genotype */
    int n_genotypes;              /* = protocol.n_groups */
    int n_triggers;
    rl_screen_trigger_t triggers[RL_SCREEN_MAX_TRIGGERS];
    int n_arms;                   /* 1 + number of candidates */
    rl_screen_arm_t arms[RL_SCREEN_MAX_ARMS]; /* arms[0] is vehicle */
    bool independent_streams;     /* random_numbers: independent */
    double max_minutes_before;    /* a dose or stressor may start at most this long before
                                     the test: the end of the last training session */
} rl_screen_t;

/* Load and check the screen file at path (and the protocol it names, relative to the
** screen file's folder). self is large (it holds a protocol): allocate it on the heap.
** Returns 0, or RL_ERR_IO / RL_ERR_PARSE / RL_ERR_INVALID / RL_ERR_NOMEM with err naming
** the file (the screen file, or the protocol file for a problem of the protocol), line and
** column. Release with rl_screen_free() in all cases. */
RL_API int rl_screen_load_file(rl_screen_t *self, const char *path, rl_error_t *err);

/* Change the number of mice per genotype (--n). Returns 0 or RL_ERR_USAGE (n out of
** 1..RL_SCREEN_MAX_N). */
RL_API int rl_screen_set_n(rl_screen_t *self, int n, rl_error_t *err);

/* Release what self owns; safe after a failed load and twice. */
RL_API void rl_screen_free(rl_screen_t *self);

/* The extinction baseline's window: the last training phase's criterion window
** (`consecutive`), 3 if it has no criterion. */
RL_API int rl_screen_baseline_sessions(const rl_screen_t *self);

/* Subjects and test sessions of a run. */
RL_API int rl_screen_n_subjects(const rl_screen_t *self);
RL_API int rl_screen_tests_per_mouse(const rl_screen_t *self);

/* ---------------------------------------------------------------- running */

typedef struct rl_screen_options {
    uint64_t seed;
    const rl_params_t *params;    /* population values; NULL = the parameter table */
    int threads;                  /* >= 1 */
    const atomic_int *cancel;     /* non-zero stops the run between sessions; may be NULL */
    rl_progress_t progress;       /* on the calling thread after each mouse (unit "mice") */
    const rl_split_t *split;      /* NULL: every mouse here; else this rank's block of mice
                                     (split.h), the results complete on rank 0 only */
} rl_screen_options_t;

/* Per-mouse results. Subject s = g*n + i (mouse i of genotype g); cell (t, a) = trigger t,
** arm a. */
typedef struct rl_screen_results {
    uint64_t seed;
    int n_subjects, n_triggers, n_arms;
    double *baseline;             /* [s] mean active pokes over the last
                                     rl_screen_baseline_sessions() sessions of the last
                                     training phase (measures.h: last_active) */
    int *training_sessions;       /* [s] */
    double *active;               /* [(s * n_triggers + t) * n_arms + a] active pokes */
    double *inactive;             /* same layout, inactive pokes */
    int64_t sessions;             /* training + test sessions simulated */
    int64_t events;
} rl_screen_results_t;

/* Run the screen. Returns 0, RL_ERR_NOMEM, RL_ERR_INTERRUPTED (cancelled), or a simulation
** error, with err set; out is filled on success (release with rl_screen_results_free(),
** which is safe in all cases). */
RL_API int rl_screen_run(const rl_screen_t *screen, const rl_screen_options_t *opt,
    rl_screen_results_t *out, rl_error_t *err);

RL_API void rl_screen_results_free(rl_screen_results_t *self);

/* Index of (s, t, a) in active / inactive. */
RL_API size_t rl_screen_index(const rl_screen_results_t *r, int s, int t, int a);

/* ---------------------------------------------------------------- statistics */

/* The mean of x - y over n pairs with its paired-t 95 % interval (n - 1 df):
** mean +/- t(0.975, n - 1) * sd / sqrt(n), and the two-sided p of t = mean / (sd/sqrt(n)).
** With sd = 0 the interval is the point and p is 1 (mean 0) or 0. */
typedef struct rl_screen_paired {
    int n;
    double mean, sem, lo, hi, t, p;
} rl_screen_paired_t;

/* Needs n >= 2 (RL_ERR_INVALID otherwise). y may be NULL (then y = 0). */
RL_API int rl_screen_paired(const double *x, const double *y, int n, rl_screen_paired_t *out,
    rl_error_t *err);

/* A ratio of paired means sum(a)/sum(b) with its 95 % Fieller interval (docs/SCREEN.md):
** the values q for which a paired t-test of a_i - q*b_i does not reject mean 0 at the 5 %
** level (n - 1 df). The interval is bounded exactly when the denominator's own mean differs
** from 0 (|mean(b)| / sem(b) > t(0.975, n - 1)). */
typedef enum {
    RL_RATIO_BOUNDED = 0,         /* est, lo, hi */
    RL_RATIO_UNBOUNDED = 1,       /* est only: the denominator is not significantly != 0 */
    RL_RATIO_UNDEFINED = 2        /* mean(b) <= 0: nothing to reduce */
} rl_ratio_kind_t;

typedef struct rl_screen_ratio {
    rl_ratio_kind_t kind;
    double est, lo, hi;
} rl_screen_ratio_t;

RL_API int rl_screen_fieller(const double *a, const double *b, int n, rl_screen_ratio_t *out,
    rl_error_t *err);

/* One treatment arm in one genotype x trigger combination. */
typedef struct rl_screen_arm_stats {
    double mean, sem;             /* active pokes */
    double inactive_mean;
    rl_screen_paired_t diff;      /* candidate - vehicle, active pokes (vehicle: zeros) */
    rl_screen_ratio_t reduction;  /* (vehicle - candidate) / (vehicle - baseline), fraction */
    int rank;                     /* 1 = largest reduction; 0 for vehicle */
} rl_screen_arm_stats_t;

typedef struct rl_screen_cell_stats {
    int genotype, trigger;
    double baseline_mean, baseline_sem;
    rl_screen_paired_t relapse;   /* vehicle - baseline */
    rl_screen_arm_stats_t arms[RL_SCREEN_MAX_ARMS];
    int order[RL_SCREEN_MAX_ARMS]; /* candidates ranked: arm indices, best first */
} rl_screen_cell_stats_t;

/* A candidate over every genotype x trigger combination. */
typedef struct rl_screen_overall {
    int n_relapse;                /* combinations where the vehicle relapse is significant */
    double mean_reduction;        /* mean of the reductions over those (fraction; NAN if 0) */
    double worst_reduction;       /* the smallest of them */
    int n_lower, n_higher;        /* combinations where the candidate significantly lowers /
                                     raises active pokes against vehicle (paired 95 % CI) */
    double mean_diff;             /* mean of the differences over all combinations, pokes */
    int rank;
} rl_screen_overall_t;

typedef struct rl_screen_summary {
    int n_cells;                  /* n_genotypes * n_triggers, genotype-major */
    rl_screen_cell_stats_t *cells;
    rl_screen_overall_t overall[RL_SCREEN_MAX_ARMS];
    int order[RL_SCREEN_MAX_ARMS]; /* candidates ranked overall */
} rl_screen_summary_t;

/* Compute the statistics of a run (needs n >= 2). Returns 0, RL_ERR_INVALID (n < 2) or
** RL_ERR_NOMEM. Release with rl_screen_summary_free() (safe after failure). */
RL_API int rl_screen_summarize(const rl_screen_t *screen, const rl_screen_results_t *res,
    rl_screen_summary_t *out, rl_error_t *err);

RL_API void rl_screen_summary_free(rl_screen_summary_t *self);

/* ---------------------------------------------------------------- output */

/* The ranked tables, with units in the headers. */
RL_API void rl_screen_print(const rl_screen_t *screen, const rl_screen_results_t *res,
    const rl_screen_summary_t *sum, FILE *f);

/* The same as one JSON document. */
RL_API void rl_screen_print_json(const rl_screen_t *screen, const rl_screen_results_t *res,
    const rl_screen_summary_t *sum, FILE *f);

/* The tidy CSV table, one row per genotype x trigger x treatment (docs/SCREEN.md), to f. */
RL_API void rl_screen_print_csv(const rl_screen_t *screen, const rl_screen_results_t *res,
    const rl_screen_summary_t *sum, FILE *f);

/* The same table written to path atomically (relapselab/tempwatch.h: the path checked
** first, a temporary file renamed into place). Returns 0 or RL_ERR_IO / RL_ERR_NOMEM naming
** the file; on error no file is left. */
RL_API int rl_screen_write_csv(const rl_screen_t *screen, const rl_screen_results_t *res,
    const rl_screen_summary_t *sum, const char *path, rl_error_t *err);

#endif
