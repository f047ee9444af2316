/* validate_internal.h -- the state shared by validate.c (running the studies, reducing the
** mice), validate_checks.c (applying each check's test) and validate_report.c (the text,
** JSON and Markdown reports). Not a public header.
*/
#ifndef RL_EXPERIMENT_VALIDATE_INTERNAL_H
#define RL_EXPERIMENT_VALIDATE_INTERNAL_H

#include <stdint.h>

#include "relapselab/claims.h"
#include "relapselab/measures.h"
#include "relapselab/protocol.h"
#include "relapselab/stats.h"
#include "relapselab/validate.h"

/* One mouse of one study, reduced to what checks can ask for: its subject x phase rows of
** the measures module, the active responses of each phase's first sessions, and the
** activity indices of each phase's first session. */
typedef struct mouse {
    int group;
    bool ran[RL_MAX_PHASES];
    double v[RL_MAX_PHASES][RL_M_COUNT];
    int n_first[RL_MAX_PHASES];
    double first[RL_MAX_PHASES][RL_CLAIM_MAX_SESSIONS];
    double activity[RL_MAX_PHASES][RL_N_REGIONS];
} mouse_t;

/* A row of the report: one check on one pair of groups (all its groups for a proportion),
** one region for a per-region check. */
typedef struct row {
    const rl_claim_check_t *check;
    int pair;                   /* index in the check's pairs; -1: all its groups */
    int region;                 /* activity region; -1 when not per region */
    int holds, tested;          /* studies in which it held (or a difference showed) */
    int higher, lower;          /* expect report: studies with p < alpha each way */
    double *effect;             /* per study: Hedges' g (A - B), or the lowest % (proportion) */
    rl_mean_sem_t rep_a, rep_b; /* first study */
    double rep_p;
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
    int magnitude_n[RL_CLAIMS_MAX_MAGNITUDES];  /* studies with a value */
    /* scratch for one study */
    mouse_t *mice;
    int n_mice;
    rl_measures_work_t *work;
    double *a, *b;                  /* values of two groups */
};

/* ---- validate_checks.c ---- */

/* The value of measure m for mouse x (NaN where it does not apply); region overrides the
** measure's region for per-region checks (-1: the measure's). */
double rl_v_value(const rl_validation_t *v, const mouse_t *x, const rl_claim_measure_t *m,
    int region);

/* Values of measure m for the mice of group g into out (NaN ones skipped); returns how
** many. */
int rl_v_values(const rl_validation_t *v, int g, const rl_claim_measure_t *m, int region,
    double *out);

/* Apply row's test on this study's mice (study index s), accumulating into row. */
void rl_v_test_row(rl_validation_t *v, row_t *row, int s);

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

/* Wilson score 95 % interval of hits / tested. */
void rl_v_wilson(int hits, int tested, double *lo, double *hi);

/* A row's groups as shown: group A's name, or "n groups" for a proportion. */
const char *rl_v_groups_label(const rl_validation_t *v, const row_t *r, char *buf, size_t n);

#endif
