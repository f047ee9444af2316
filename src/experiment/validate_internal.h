/* validate_internal.h -- the state shared by validate.c (running the studies, reducing the
** mice), validate_checks.c (applying each check's test) and validate_report.c (the text,
** JSON and Markdown reports), and by power.c, which runs the same rows on nested cohorts
** (power.h). Not a public header.
*/
#ifndef RL_EXPERIMENT_VALIDATE_INTERNAL_H
#define RL_EXPERIMENT_VALIDATE_INTERNAL_H

#include <stdint.h>

#include "relapselab/claims.h"
#include "relapselab/measures.h"
#include "relapselab/protocol.h"
#include "relapselab/results.h"
#include "relapselab/stats.h"
#include "relapselab/validate.h"

/* One mouse of one study, reduced to what checks can ask for: its subject x phase rows of
** the measures module, the active responses and reinforcers of each phase's first
** sessions (up to RL_CLAIM_MAX_SESSIONS), and the activity indices of each phase's first
** session. */
typedef struct mouse {
    int group;
    bool ran[RL_MAX_PHASES];
    double v[RL_MAX_PHASES][RL_M_COUNT];
    int n_first[RL_MAX_PHASES];
    double first[RL_MAX_PHASES][RL_CLAIM_MAX_SESSIONS];
    double first_rf[RL_MAX_PHASES][RL_CLAIM_MAX_SESSIONS];
    double activity[RL_MAX_PHASES][RL_N_REGIONS];
} mouse_t;

/* A row of the report: one check on one pair of groups (on one group for paired and
** describe; on all its groups for a proportion and a trend), one region for a per-region
** check. */
typedef struct row {
    const rl_claim_check_t *check;
    int pair;                   /* index in the check's pairs; -1: all its groups */
    int region;                 /* activity region; -1 when not per region */
    int holds, tested;          /* studies in which it held (or a difference showed) */
    int higher, lower;          /* expect report: studies with p < alpha each way */
    double *effect;             /* per study: the test's effect (rl_v_effect_name) */
    rl_mean_sem_t rep_a, rep_b; /* first study (t-tests) */
    double rep_p;
    char study1[256];           /* first study, in words (tests other than the t-tests) */
} row_t;

/* Test calibration: two groups of identical biology (genotype, background, sex) given the
** same reinforcer in the same procedure, compared with the test of a null check: every
** difference is a false positive, so the share of comparisons at p < alpha is the
** analysis's own false-positive rate on that measure. */
typedef struct calib {
    int reinforcer;
    const rl_claim_check_t *check;   /* measure and test */
    int hits, tested;
} calib_t;

#define MAX_SAME_PAIRS 64
#define MAX_CALIB 32

struct rl_validation {
    const rl_claims_t *claims;
    const rl_protocol_t *protocol;
    int replicates;
    uint64_t seed;
    int n_rows;
    row_t *rows;
    int n_same;
    int same[MAX_SAME_PAIRS][2];     /* group indices of two groups of identical biology */
    int n_calib;
    calib_t calib[MAX_CALIB];
    double magnitude[RL_CLAIMS_MAX_MAGNITUDES]; /* sums over studies of the study means */
    double magnitude_ref[RL_CLAIMS_MAX_MAGNITUDES]; /* the same of relative_to's means */
    int magnitude_n[RL_CLAIMS_MAX_MAGNITUDES];  /* studies with a value */
    /* scratch for one study */
    mouse_t *mice;                  /* n_mice mice, owned unless borrowed_mice */
    int n_mice;
    bool borrowed_mice;
    rl_measures_work_t *work;
    int measure_flags;              /* rl_measures_subject flags: RL_MEASURES_COUNTS_ONLY
                                       unless a check needs an event measure */
    double *a, *b;                  /* values of two groups */
    int *event;                     /* logrank: the event flags of both groups' mice */
};

/* ---- validate.c, also for power.c ---- */

/* Set v (zeroed) up for claims (borrowed): its rows (one per check, pair and region, each
** with room for opt->replicates effects), the test calibration, scratch for
** rl_protocol_n_subjects(claims->protocol) mice. mice: NULL to allocate the mice, else an
** array of at least that many that v borrows (the caller fills it before each
** rl_v_test_study and frees it after rl_validation_free). Returns 0 or RL_ERR_NOMEM (err
** set; free v with rl_validation_free either way). */
int rl_v_prepare(rl_validation_t *v, const rl_claims_t *claims, const rl_validate_options_t *opt,
    mouse_t *mice, rl_error_t *err);

/* The rl_measures_subject flags for claims: RL_MEASURES_COUNTS_ONLY unless a check or a
** magnitude reads an event measure (those cost a pass over every session's events). */
int rl_v_measure_flags(const rl_claims_t *claims);

/* One mouse (a subject of protocol p, simulated) reduced to what the checks need, into m;
** work is the caller's scratch (one per thread). Returns 0 or the measures' error. */
int rl_v_reduce_mouse(const rl_protocol_t *p, int measure_flags, rl_measures_work_t *work,
    const rl_subject_result_t *s, mouse_t *m, rl_error_t *err);

/* Magnitude k's value: the mean over studies of its group-pooled mean, or for a relative
** magnitude the ratio of that mean to the mean of its relative_to groups' (the ratio of
** the population means, not the mean of each study's ratio, which n per group inflates);
** NAN without a study that had a value. */
double rl_v_magnitude(const rl_validation_t *v, int k);

/* How far x lies outside [lo, hi] (lo < hi), in units of the range's width: 0 inside
** (bounds included), (lo - x) / (hi - lo) below, (x - hi) / (hi - lo) above, 1 when x is NAN
** (a magnitude without a value). The one definition the reports and the calibration's
** loss (calibrate_space.c) share. */
double rl_v_range_miss(double lo, double hi, double x);

/* rl_v_range_miss of magnitude k's value and range; NAN when it has no range. */
double rl_v_magnitude_miss(const rl_validation_t *v, int k);

/* Test study s (0-based) on v->mice[0..v->n_mice): every row, the test calibration and the
** magnitudes accumulate it. */
void rl_v_test_study(rl_validation_t *v, int s);

/* Simulate study r (seed opt->seed + r) into v->mice and test it (rl_v_test_study).
** Returns 0 or the runner's error (RL_ERR_INTERRUPTED if cancelled). */
int rl_v_run_study(rl_validation_t *v, const rl_validate_options_t *opt, int r,
    rl_error_t *err);

/* ---- validate_split.c ---- */

/* Run this rank's share of the studies (opt->split, active) and gather them: on rank 0, v
** then holds exactly what running every study here would have. Returns 0 or an error. */
int rl_v_run_split(rl_validation_t *v, const rl_validate_options_t *opt, rl_error_t *err);

/* ---- validate_checks.c ---- */

/* The value of measure m for mouse x (NaN where it does not apply); region overrides the
** measure's region for per-region checks (-1: the measure's). */
double rl_v_value(const rl_validation_t *v, const mouse_t *x, const rl_claim_measure_t *m,
    int region);

/* Values of measure m for the mice of group g into out (NaN ones skipped); returns how
** many. */
int rl_v_values(const rl_validation_t *v, int g, const rl_claim_measure_t *m, int region,
    double *out);

/* The value of measure m for mouse x in phase `phase` instead of the measure's own. */
double rl_v_value_in(const rl_validation_t *v, const mouse_t *x, const rl_claim_measure_t *m,
    const char *phase, int region);

/* Apply row's test on this study's mice (study index s), accumulating into row. */
void rl_v_test_row(rl_validation_t *v, row_t *row, int s);

/* Record one study's result of a test with a p value and a signed difference (a t, a
** paired t, Fisher's test, a trend's slope): the row's expectation lower, higher,
** different or no_difference holds, or for report the direction is counted; effect is
** the study's effect (the rows keep the tested studies' effects in order). */
void rl_v_judge(const rl_validation_t *v, row_t *row, double p, double diff, double effect);

/* The effect a row records per study, as shown ("g", "d_z", "slope", ...); NULL for the
** t-tests' Hedges' g, which the reports name in their header. */
const char *rl_v_effect_name(const rl_claim_check_t *c);

/* ---- validate_estimates.c ---- */

/* The tests of validate_estimates.c (paired, fisher, trend, tost_ratio, tost_diff, ratio,
** describe) on study s; 0 if c's test is not one of them (nothing done), else 1. */
int rl_v_test_estimate(rl_validation_t *v, row_t *row, int s);

/* The test of check between groups ga and gb: 0 and *t filled, or -1 if it cannot be made
** (too few mice). */
int rl_v_compare(rl_validation_t *v, const rl_claim_check_t *check, int ga, int gb,
    int region, rl_ttest_t *t);

/* Does a row meet its target? (Rows without a target do.) */
int rl_v_meets(const row_t *row);

/* The rate of a row: holds / tested. */
double rl_v_rate(const row_t *row);

/* ---- validate_report.c, for validate_json.c ---- */

/* Mean and 95 % interval of a row's effect over the studies (tmp: R values of scratch). */
void rl_v_row_effect(const rl_validation_t *v, const row_t *r, double *tmp, double *m,
    double *lo, double *hi);

/* A row's effect over the studies in words, for the summary and Markdown tables:
** "g +1.20 [+0.40, +2.10]", "lowest group 85 % of mice", "A/B 0.42 [0.2, 0.7]". */
const char *rl_v_effect_text(const rl_validation_t *v, const row_t *r, double *tmp, char *buf,
    size_t n);

/* Wilson score 95 % interval of hits / tested. */
void rl_v_wilson(int hits, int tested, double *lo, double *hi);

/* A row's groups as shown: group A's name, or "n groups" for a proportion. */
const char *rl_v_groups_label(const rl_validation_t *v, const row_t *r, char *buf, size_t n);

#endif
