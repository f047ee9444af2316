/* claims.h -- published findings as data: claims files (docs/CLAIMS.md).
**
** A claims file states a finding -- its id, statement, source, species and quality tag --,
** the protocol that reproduces its design (a path relative to the claims file), and one
** or more checks. A check names groups of that protocol, a measure of the measures module
** (measures.h) in a phase, a test, the expected result and the rate at which it must hold
** over replicated virtual studies (`relapselab validate`, validate.h). Optional
** magnitudes report a group's mean against a prior. Loading checks everything -- every key,
** every group, phase and measure name against the protocol -- and reports the first
** problem as file:line:col; nothing is run on an invalid file.
*/
#ifndef RELAPSELAB_CLAIMS_H
#define RELAPSELAB_CLAIMS_H

#include <stdbool.h>
#include <stddef.h>

#include "relapselab/api.h"
#include "relapselab/error.h"
#include "relapselab/protocol.h"

#define RL_CLAIM_TEXT_MAX 256
#define RL_CLAIM_SOURCE_MAX 1024
#define RL_CLAIMS_MAX_UNCHECKED 16
#define RL_CLAIMS_MAX_CHECKS 128
#define RL_CLAIMS_MAX_MAGNITUDES 16
#define RL_CLAIM_MAX_PAIRS 16
#define RL_CLAIM_MAX_SESSIONS 32

/* The tests a check can apply (docs/CLAIMS.md "Tests"). */
#define RL_CLAIM_TESTS(X)                                                          \
    X(RL_CLAIM_STUDENT, "student", "Student's t-test")                             \
    X(RL_CLAIM_WELCH, "welch", "Welch's t-test")                                   \
    X(RL_CLAIM_RM_ANOVA, "rm_anova",                                               \
        "group x session repeated-measures ANOVA (group effect)")                  \
    X(RL_CLAIM_PROPORTION, "proportion", "share of the mice of each group")        \
    X(RL_CLAIM_PAIRED, "paired", "paired t-test against the same mice's baseline")  \
    X(RL_CLAIM_FISHER, "fisher", "Fisher's exact test of two shares")              \
    X(RL_CLAIM_TREND, "trend", "linear trend over a dose or current series")       \
    X(RL_CLAIM_TOST_RATIO, "tost_ratio",                                           \
        "equivalence (TOST) of the ratio of means A / B")                          \
    X(RL_CLAIM_TOST_DIFF, "tost_diff", "equivalence (TOST) of the difference A - B") \
    X(RL_CLAIM_RATIO, "ratio", "the ratio of means A / B (Fieller interval)")      \
    X(RL_CLAIM_DESCRIBE, "describe", "a statistic of each group")                  \
    X(RL_CLAIM_LOGRANK, "logrank",                                                 \
        "log-rank test of sessions to a criterion (mice never meeting it censored)")
#define RL_CLAIM_ENUM_(id, word, text) id,
typedef enum { RL_CLAIM_TESTS(RL_CLAIM_ENUM_) RL_CLAIM_TEST_COUNT } rl_claim_test_t;

/* What the check expects of group A relative to group B (or of each group). */
#define RL_CLAIM_EXPECTS(X)                                                        \
    X(RL_EXPECT_LOWER, "lower", "A < B at p < alpha")                              \
    X(RL_EXPECT_HIGHER, "higher", "A > B at p < alpha")                            \
    X(RL_EXPECT_DIFFERENT, "different", "A != B at p < alpha")                     \
    X(RL_EXPECT_NO_DIFFERENCE, "no_difference",                                    \
        "null: the rate is how often a difference (p < alpha) shows")              \
    X(RL_EXPECT_EACH_AT_LEAST, "each_at_least",                                    \
        "every group's share of mice meeting the measure is >= threshold")         \
    X(RL_EXPECT_EACH_AT_MOST, "each_at_most",                                      \
        "every group's share of mice meeting the measure is <= threshold")         \
    X(RL_EXPECT_REPORT, "report", "reported per direction, no target")             \
    X(RL_EXPECT_EQUIVALENT, "equivalent", "A and B equivalent within range (TOST)") \
    X(RL_EXPECT_WITHIN, "within", "the estimate lies within range")                \
    X(RL_EXPECT_AT_MOST, "at_most", "the estimate is <= value")                    \
    X(RL_EXPECT_AT_LEAST, "at_least", "the estimate is >= value")                  \
    X(RL_EXPECT_INCREASING, "increasing", "the means never fall along the series") \
    X(RL_EXPECT_DECREASING, "decreasing", "the means never rise along the series")
typedef enum { RL_CLAIM_EXPECTS(RL_CLAIM_ENUM_) RL_EXPECT_COUNT } rl_claim_expect_t;

/* What the check is in its study. */
#define RL_CLAIM_ROLES(X)                                                          \
    X(RL_ROLE_FINDING, "finding", "a finding of the study (a target)")             \
    X(RL_ROLE_NOT_REPORTED, "not_reported",                                        \
        "a difference the study did not report (a null target)")                   \
    X(RL_ROLE_SECONDARY, "secondary", "a secondary analysis (shown, not a target)")
typedef enum { RL_CLAIM_ROLES(RL_CLAIM_ENUM_) RL_ROLE_COUNT } rl_claim_role_t;
/* What `test: describe` computes for each group. */
#define RL_CLAIM_STATISTICS(X)                                                     \
    X(RL_STAT_MEAN, "mean", "the mean")                                            \
    X(RL_STAT_MEDIAN, "median", "the median")                                      \
    X(RL_STAT_CV, "cv", "the between-mouse coefficient of variation (SD / mean)")  \
    X(RL_STAT_SHARE_AT_MOST, "share_at_most",                                      \
        "the share of mice whose value is <= cut")                                 \
    X(RL_STAT_MAX_OVER_MEDIAN, "max_over_median",                                  \
        "the largest value over the group's median")
typedef enum { RL_CLAIM_STATISTICS(RL_CLAIM_ENUM_) RL_STAT_COUNT } rl_claim_statistic_t;
#undef RL_CLAIM_ENUM_

/* A measure of one mouse: measure `measure` (rl_measure_t) of its row of phase `phase`
** (index in the group's procedure, resolved per group by name or kind); or, with
** first_sessions > 0, the mean of the per-session active responses of the phase's first
** sessions (the rm_anova test uses each of them); or, with session_cv, the coefficient of
** variation of its per-session active responses or reinforcers over the phase's sessions
** (day-to-day variability); or the activity (c-Fos) index of a region in the phase's first
** session (region >= 0). minus >= 0 subtracts another measure of the same row ("the test's
** responses minus the extinction baseline"); over >= 0 divides by measure `over` of phase
** over_phase of the same mouse ("the first extinction session relative to acquisition"). */
typedef struct rl_claim_measure {
    char name[RL_NAME_MAX];     /* as written: a measures.h name, or "activity" */
    int measure;                /* rl_measure_t; -1 for activity */
    int region;                 /* activity: rl_region_t, RL_N_REGIONS for every region */
    char phase[RL_NAME_MAX];    /* a phase name, or a phase kind (its first phase) */
    int first_sessions;         /* 0, or 1..RL_CLAIM_MAX_SESSIONS */
    int minus;                  /* rl_measure_t, -1 for none */
    bool session_cv;            /* CV over the phase's sessions (active or reinforcers) */
    int over;                   /* rl_measure_t, -1 for none */
    char over_phase[RL_NAME_MAX];
    char label[RL_NAME_MAX];    /* shown in reports ("breakpoint"); default: name */
} rl_claim_measure_t;

/* A check. Its contrast is one of: pairs of groups A vs B (group_a[i], group_b[i]); groups
** each on its own (group_b[i] = -1: proportion, paired, describe); a between-subjects series
** (trend: group_a[i] at level[i], n_pairs levels, one row); or a within-subjects series
** (trend with levels: the one group group_a[0] measured in phase level_phase[i] at
** level[i]). */
typedef struct rl_claim_check {
    char id[RL_NAME_MAX];                   /* "S2" */
    char text[RL_CLAIM_TEXT_MAX];           /* the claim in words */
    int n_pairs;                            /* pairs, groups or series levels */
    int group_a[RL_CLAIM_MAX_PAIRS];        /* group indices */
    int group_b[RL_CLAIM_MAX_PAIRS];        /* -1 where the contrast has no group B */
    double level[RL_CLAIM_MAX_PAIRS];       /* trend: the level of each group or phase */
    bool within;                            /* trend over phases of one group (levels) */
    char level_phase[RL_CLAIM_MAX_PAIRS][RL_NAME_MAX];
    rl_claim_measure_t measure;
    bool has_baseline;                      /* paired: the measure it is compared with */
    rl_claim_measure_t baseline;
    rl_claim_test_t test;
    rl_claim_expect_t expect;
    double threshold;                       /* each_at_least, each_at_most */
    double range[2];                        /* equivalent, within */
    double value;                           /* at_most, at_least */
    rl_claim_statistic_t statistic;         /* describe */
    double cut;                             /* share_at_most */
    rl_claim_role_t role;
    bool has_target;                        /* false for secondary and report */
    double target;                          /* rate over studies: >= (findings), <= (nulls) */
    long src_line;
} rl_claim_check_t;

/* A magnitude: the mean over studies of the group-pooled mean of a measure, against a
** prior (text) and, when has_range, a plausible range [range[0], range[1]] (lo < hi) that
** the reports test and the calibration's loss counts (calibrate.h). scale_dose_per_h: the
** value is multiplied by the group's unit dose and divided by the phase's session hours
** (reinforcers per session -> mg/kg/h). With n_relative > 0 the study's value is that mean
** divided by the same measure's pooled mean over the groups `relative` (a study whose
** denominator is not positive has no value). */
typedef struct rl_claim_magnitude {
    char label[RL_NAME_MAX];
    int n_groups;
    int groups[RL_MAX_GROUPS];
    int n_relative;
    int relative[RL_MAX_GROUPS];
    rl_claim_measure_t measure;
    bool scale_dose_per_h;
    char unit[RL_NAME_MAX];
    char prior[RL_CLAIM_TEXT_MAX];
    bool has_range;
    double range[2];
    long src_line;
} rl_claim_magnitude_t;

/* A criterion of the finding the file cannot check, and why (the capability it lacks):
** shown in every report, so that nothing the finding says is silently left out. */
typedef struct rl_claim_unchecked {
    char criterion[RL_CLAIM_TEXT_MAX];
    char reason[RL_CLAIM_TEXT_MAX];
    long src_line;
} rl_claim_unchecked_t;

typedef struct rl_claims {
    char path[256];                         /* the claims file */
    char id[RL_NAME_MAX];
    char statement[RL_CLAIM_TEXT_MAX];
    char source[RL_CLAIM_SOURCE_MAX];
    char species[RL_NAME_MAX];
    char quality[RL_NAME_MAX];              /* TEXT, DIR or SOFT */
    char protocol_path[512];                /* as resolved (relative to the claims file) */
    double alpha;                           /* significance level, default 0.05 */
    rl_protocol_t *protocol;                /* loaded, owned */
    int n_checks;
    rl_claim_check_t checks[RL_CLAIMS_MAX_CHECKS];
    int n_magnitudes;
    rl_claim_magnitude_t magnitudes[RL_CLAIMS_MAX_MAGNITUDES];
    int n_unchecked;
    rl_claim_unchecked_t unchecked[RL_CLAIMS_MAX_UNCHECKED];
} rl_claims_t;

/* Load the claims file at path and the protocol it names. self is large: allocate it on
** the heap. Returns 0, or RL_ERR_IO / RL_ERR_PARSE / RL_ERR_INVALID / RL_ERR_NOMEM with err
** naming the file (the claims file, or the protocol for a problem of the protocol), line
** and column. Release with rl_claims_free() in all cases. */
RL_API int rl_claims_load_file(rl_claims_t *self, const char *path, rl_error_t *err);

/* The same from a buffer; relative protocol paths are resolved against dir ("" for the
** current directory); name is used in messages. */
RL_API int rl_claims_load_buffer(rl_claims_t *self, const char *text, size_t len,
    const char *name, const char *dir, rl_error_t *err);

/* Release what self owns; safe after a failed load and twice. */
RL_API void rl_claims_free(rl_claims_t *self);

/* Names of a test, an expectation and a role (their YAML words). */
RL_API const char *rl_claim_test_name(rl_claim_test_t t);
RL_API const char *rl_claim_test_text(rl_claim_test_t t);
RL_API const char *rl_claim_expect_name(rl_claim_expect_t e);
RL_API const char *rl_claim_role_name(rl_claim_role_t r);
RL_API const char *rl_claim_statistic_name(rl_claim_statistic_t s);

#endif
