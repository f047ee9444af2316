/* validate_internal.h -- the state shared by validate.c (running the studies, testing
** the claims) and validate_report.c (the text and JSON reports). Not a public header.
*/
#ifndef RELAPSELAB_VALIDATE_INTERNAL_H
#define RELAPSELAB_VALIDATE_INTERNAL_H

#include <stdint.h>

#include "relapselab/measures.h"
#include "relapselab/protocol.h"
#include "relapselab/stats.h"
#include "relapselab/summary.h"
#include "relapselab/validate.h"

#define WT_NAME "WT"
#define MAX_CLAIMS 64
#define EXT_FIRST 3

/* The measures a claim is tested on: X(identifier, name, test) gives the enum and the name
** and test tables below. */
#define M_MEASURES(X)                                                                       \
    X(M_ACQUIRES, "acquisition", "% of KO mice meeting the acquisition criteria")           \
    X(M_INTAKE, "intake", "t-test, reinforcers in the last 3 acquisition sessions")         \
    X(M_BREAKPOINT, "breakpoint", "t-test, PR breakpoint")                                  \
    X(M_EXT_CURVE, "extinction_curve", "genotype x session RM ANOVA, active pokes in the "  \
        "first 3 extinction sessions (genotype effect)")                                    \
    X(M_EXTINCTION, "sessions_to_extinction", "t-test, sessions to the extinction "         \
        "criterion")                                                                        \
    X(M_REINSTATEMENT, "reinstatement", "genotype x test ANOVA, active pokes (last "        \
        "extinction vs test; interaction)")
#define M_ENUM_(id, name, test) id,
typedef enum { M_MEASURES(M_ENUM_) M_COUNT } measure_t;
#undef M_ENUM_

/* Name and test of each measure, indexed by measure_t (validate_report.c). */
extern const char *const rl_validate_measure_names[M_COUNT];
extern const char *const rl_validate_measure_tests[M_COUNT];

/* A claim of the seed study (BRIEF section 1) or a null comparison. */
typedef struct claim_def {
    const char *id;
    const char *text;
    const char *genotype;   /* the knockout group's genotype; NULL = every pair of the arm */
    int drug_arm;           /* 1 cocaine, 0 food */
    measure_t measure;
    int direction;          /* -1 KO < WT, +1 KO > WT, 0 null (no difference) */
    int reported;           /* 1 a finding of the study, 0 a difference it did not report,
                               -1 a secondary analysis (shown, not a target) */
} claim_def_t;

/* One mouse reduced to what the tests need. */
typedef struct mouse_measures {
    int group;
    int acquired;
    double intake, breakpoint, ext_sessions, ext_last, reinst;
    double ext_first[EXT_FIRST];  /* active pokes in the first extinction sessions */
    double activity[RL_N_REGIONS];
} mouse_t;

typedef struct pair {
    int ko, wt;             /* group indices */
    int drug_arm;
} pair_t;

/* A claim instantiated on the protocol: one pair (or all pairs of an arm for S1). */
typedef struct claim {
    const claim_def_t *def;
    int pair;               /* index in pairs, -1 for S1 (all drug pairs) */
    int holds;              /* studies in which it holds (positive) or a difference shows (null) */
    int tested;
    double *effect;         /* per study: Hedges g (KO - WT), or % acquiring for S1 */
    rl_mean_sem_t rep_wt, rep_ko; /* first study */
    double rep_p;
} claim_t;

/* Test calibration: two wild-type groups given the same reinforcer (the same biology,
** independent mice) compared with the test of a null claim. Every difference is then a
** false positive, so the share of comparisons with p < 0.05 is the analysis's own
** false-positive rate on that measure -- the level a null claim's rate is to be read
** against (5 % for an exact test; the discrete PR breakpoints make it higher). */
typedef struct calib {
    int reinforcer;
    measure_t measure;
    int hits, tested;
} calib_t;

#define MAX_WT_PAIRS 64
#define MAX_CALIB 16

/* S8: per drug pair and region. */
typedef struct fos {
    int pair;
    int region;
    int higher, lower;      /* studies with p < 0.05 in each direction */
    double *effect;
    double rep_ratio;       /* KO / WT mean in the first study */
} fos_t;

struct rl_validation {
    const rl_protocol_t *protocol;
    int replicates;
    uint64_t seed;
    int n_pairs;
    pair_t pairs[RL_MAX_GROUPS];
    int n_claims;
    claim_t claims[MAX_CLAIMS];
    int n_fos;
    fos_t *fos;
    int n_wt_pairs;
    int wt_pairs[MAX_WT_PAIRS][2]; /* group indices of two WT groups, same reinforcer */
    int n_calib;
    calib_t calib[MAX_CALIB];
    /* magnitudes (means over studies) */
    double wt_breakpoint, wt_ext_sessions, wt_reinst_ratio, wt_intake_mg_per_h;
    int magnitude_n;
    /* scratch for one study */
    mouse_t *mice;
    int n_mice;
    rl_measures_work_t *work;
};

#endif
