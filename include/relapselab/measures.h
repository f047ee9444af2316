/* measures.h -- the lab's standard measures: one definition of each, for every consumer.
**
** Every per-session, per-mouse and per-group measure is computed here, and only here:
** `relapselab run`'s table, `summary`, `validate`, the screen, figures and the report all
** read them. The input is session records (results.h) of one subject in its procedure --
** straight from the simulator (rl_measures_subject), or read back from a database, a
** simulation or imported chamber data alike (rl_measures_compute converts the dataset's
** sessions to the same records first), so simulated and lab data are measured by the same
** code. Nothing here depends on the simulator. Three levels (docs/ANALYSIS.md defines
** every measure and its unit):
**  - per session: responses, reinforcers, responses in timeout, inter-reinforcer intervals
**    from the delivery events, inter-infusion intervals after the loading phase, active
**    responses per 10-min bin, duration, the phase's criterion evaluated with criteria.h,
**    the PR breakpoint (stored, or derived), the model's DA and cocaine readouts (as
**    recorded, and DA as % of the pre-session level);
**  - per subject x phase: the means over the phase's sessions, the last-N-session means
**    (N = the phase criterion's window, 3 without one), criterion met and sessions to
**    criterion, breakpoint, the reinstatement test against the extinction baseline;
**  - per group x phase: mean +/- SEM over the subjects (rl_mean_sem()).
** "Not applicable" is NaN throughout (an empty field in CSV, "n/a" in tables).
*/
#ifndef RELAPSELAB_MEASURES_H
#define RELAPSELAB_MEASURES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "relapselab/api.h"
#include "relapselab/dataset.h"
#include "relapselab/error.h"
#include "relapselab/protocol.h"
#include "relapselab/results.h"
#include "relapselab/tempwatch.h"

/* Width of a response bin (the first bin is the "loading phase"). */
#define RL_BIN_S 600.0

/* End of the loading phase (s from the session start): inter-infusion intervals that begin
** with an infusion at or after it are maintenance intervals (docs/ANALYSIS.md, "The loading
** rule"). The first response bin. */
#define RL_LOADING_S RL_BIN_S

/* Subject x phase measures: id, CSV column name, table label (with unit). Each is a double
** (NaN = not applicable); the group table gives mean, SEM and n of each over subjects. */
#define RL_MEASURES(X)                                                                  \
    X(RL_M_SESSIONS, "sessions", "sessions run")                                        \
    X(RL_M_ACTIVE, "active", "active responses/session")                                \
    X(RL_M_INACTIVE, "inactive", "inactive responses/session")                          \
    X(RL_M_REINFORCERS, "reinforcers", "reinforcers/session")                           \
    X(RL_M_ACTIVE_TIMEOUT, "active_timeout", "active responses in timeout/session")     \
    X(RL_M_FIRST_BIN_ACTIVE, "first_bin_active", "active responses in the first 10 min") \
    X(RL_M_IRI_MEDIAN_S, "iri_median_s", "median inter-reinforcer interval (s)")        \
    X(RL_M_IRI_MEAN_S, "iri_mean_s", "mean inter-reinforcer interval (s)")              \
    X(RL_M_DURATION_MIN, "duration_min", "session duration (min)")                      \
    X(RL_M_CRITERION_MET, "criterion_met", "criterion met (0/1)")                       \
    X(RL_M_SESSIONS_TO_CRITERION, "sessions_to_criterion", "sessions to criterion")     \
    X(RL_M_BREAKPOINT, "breakpoint", "PR breakpoint (ratio)")                           \
    X(RL_M_LAST_ACTIVE, "last_active", "active responses, mean of the last N sessions") \
    X(RL_M_BASELINE_ACTIVE, "baseline_active", "extinction baseline (active responses)") \
    X(RL_M_REINSTATEMENT_RATIO, "reinstatement_ratio", "reinstatement / baseline")     \
    X(RL_M_PLACE_PAIRED_S, "place_paired_s", "place test: time in the drug-paired compartment (s)") \
    X(RL_M_PLACE_SCORE_S, "place_score_s", "place test: CPP score, paired - other (s)") \
    X(RL_M_PLACE_LAST_SCORE_S, "place_last_score_s", "place test: CPP score of the last test (s)") \
    X(RL_M_LAST_REINFORCERS, "last_reinforcers", "reinforcers, mean of the last N sessions") \
    X(RL_M_III_MAINT_MEAN_S, "iii_maint_mean_s", "mean inter-infusion interval after loading (s)") \
    X(RL_M_DA_PRE_NM, "da_pre_nM", "accumbal DA, pre-session level (nM)")               \
    X(RL_M_DA_MEAN_NM, "da_mean_nM", "accumbal DA, session mean (nM)")                  \
    X(RL_M_DA_PEAK_NM, "da_peak_nM", "accumbal DA, session peak (nM)")                  \
    X(RL_M_DA_MEAN_PCT, "da_mean_pct", "accumbal DA, session mean (% of pre-session)")  \
    X(RL_M_DA_PEAK_PCT, "da_peak_pct", "accumbal DA, session peak (% of pre-session)")  \
    X(RL_M_COCAINE_MEAN_UM, "cocaine_mean_uM", "brain cocaine, session mean (uM)")      \
    X(RL_M_COCAINE_PEAK_UM, "cocaine_peak_uM", "brain cocaine, session peak (uM)")      \
    X(RL_M_ACTIVE_PER_H, "active_per_h", "active responses per hour")                   \
    X(RL_M_INACTIVE_PER_H, "inactive_per_h", "inactive responses per hour")             \
    X(RL_M_LATENCY_ACTIVE_S, "latency_active_s", "latency to the first active response (s)") \
    X(RL_M_EARNED, "earned", "earned reinforcers/session")                              \
    X(RL_M_NONCONTINGENT, "noncontingent", "non-contingent deliveries/session")         \
    X(RL_M_HEAD_ENTRIES, "head_entries", "head entries/session")                        \
    X(RL_M_HEAD_ENTRIES_PER_H, "head_entries_per_h", "head entries per hour")           \
    X(RL_M_LATENCY_HEAD_ENTRY_S, "latency_head_entry_s", "latency to the first head entry (s)") \
    X(RL_M_HEAD_ENTRIES_CUE, "head_entries_cue", "head entries during the cue/session") \
    X(RL_M_HEAD_ENTRIES_NO_CUE, "head_entries_no_cue", "head entries outside the cue/session") \
    X(RL_M_CUE_LATENCY_HEAD_ENTRY_S, "cue_latency_head_entry_s",                        \
        "latency from cue onset to a head entry, capped at the cue (s)")

#define RL_M_ENUM_(id, name, label) id,
typedef enum { RL_MEASURES(RL_M_ENUM_) RL_M_COUNT } rl_measure_t;
#undef RL_M_ENUM_

/* The lab measures (issue 13): rates per hour, latencies, earned and non-contingent
** deliveries, head entries and the cue. They come last in the table, and tables and CSV
** files show each only where its events exist in the data (rl_measures_shown), so a
** simulation without head entries prints no column of zeros. */
#define RL_M_LAB_FIRST RL_M_ACTIVE_PER_H
#define RL_N_LAB (RL_M_COUNT - RL_M_LAB_FIRST)

/* Mean, SEM and n of a sample. */
typedef struct rl_mean_sem {
    double mean, sem;
    int n;
} rl_mean_sem_t;

/* Mean +/- SEM (sample SD / sqrt(n)) of x[0..n-1]; sem 0 when n < 2, mean 0 when n == 0.
** The one mean/SEM of relapselab. */
RL_API rl_mean_sem_t rl_mean_sem(const double *x, int n);

/* CSV name and table label of measure m. */
RL_API const char *rl_measure_name(int m);
RL_API const char *rl_measure_label(int m);

/* Per session. Event measures are NaN (and n_bins 0) for a session without events (not
** loaded from a database, or RL_MEASURES_COUNTS_ONLY). */
typedef struct rl_session_measures {
    int64_t deliveries;         /* infusion_start, pellet and liquid events */
    double iri_median_s;        /* intervals between successive earned deliveries (not
                                ** the non-contingent ones: in_timeout set); NaN if < 2 */
    double iri_mean_s;
    int n_bins;                 /* bins of RL_BIN_S over the session (at least 1) */
    int64_t *bins;              /* active responses per bin (owned) */
    double first_bin_active;    /* bins[0]: active responses in the first 10 min */
    double criterion_met;       /* the phase's criterion evaluated at the end of this
                                ** session (criteria.h): 1, 0, or NaN when it has none */
    double breakpoint;          /* PR phases: stored, or derived (below); NaN otherwise */
    int breakpoint_derived;     /* 1: pr_series[reinforcers - 1] (0 if none), as the
                                ** database has no breakpoint for this PR session */
    double place_score_s;       /* place tests: CPP score (paired - other, s); NaN otherwise */
    double iii_maint_mean_s;    /* mean interval between successive infusions (infusion_start
                                ** events) beginning at or after RL_LOADING_S; NaN if none */
    int iii_maint_n;            /* the number of those intervals */
    rl_brain_readout_t brain;   /* the session's DA and cocaine readouts (results.h) as
                                ** recorded; NaN where not (imported data) */
    double da_mean_pct;         /* 100 x brain.da_mean_nM / brain.da_pre_nM; NaN if either
                                ** is missing or the pre-session level is not > 0 */
    double da_peak_pct;         /* 100 x brain.da_peak_nM / brain.da_pre_nM; likewise */
    double lab[RL_N_LAB];       /* the lab measures of this session, lab[m - RL_M_LAB_FIRST]
                                ** (measures_lab.c; docs/ANALYSIS.md); NaN = not applicable */
} rl_session_measures_t;

/* One subject in one phase it ran. */
typedef struct rl_subject_phase {
    int subject;                /* index in dataset->subjects (the caller's subject number
                                   for rl_measures_subject) */
    int group;                  /* index in dataset->groups / protocol->groups */
    int phase_index;            /* in the group's procedure */
    double v[RL_M_COUNT];       /* rl_measure_t -> value, NaN = not applicable */
} rl_subject_phase_t;

/* One group in one phase of its procedure. */
typedef struct rl_group_phase {
    int group;
    int phase_index;
    int n;                      /* subjects with at least one session in the phase */
    rl_mean_sem_t m[RL_M_COUNT];/* over the subjects where the measure applies (m[k].n) */
} rl_group_phase_t;

typedef struct rl_measures {
    size_t n_sessions;
    rl_session_measures_t *sessions;      /* parallel to dataset->sessions */
    size_t n_subject_phases;
    rl_subject_phase_t *subject_phases;   /* by subject, then phase */
    size_t n_group_phases;
    rl_group_phase_t *group_phases;       /* by group, then phase */
} rl_measures_t;

/* ---- one subject ------------------------------------------------------------------------ */

/* Scratch space reused across subjects (opaque; grown as needed). */
typedef struct rl_measures_work rl_measures_work_t;

/* A new, empty work space (NULL when out of memory); release with rl_measures_work_free
** (NULL allowed). */
RL_API rl_measures_work_t *rl_measures_work_new(void);
RL_API void rl_measures_work_free(rl_measures_work_t *w);

/* Flags of rl_measures_subject. */
enum {
    RL_MEASURES_COUNTS_ONLY = 1   /* skip the event measures (intervals, bins): NaN */
};

/* Whether measure m (rl_measure_t) is one of the event measures -- computed from a
** session's events (intervals, response bins), NaN under RL_MEASURES_COUNTS_ONLY and for
** sessions without events. 0 or 1; 0 for an index outside the table. */
RL_API int rl_measure_from_events(int m);

/* The measures of one subject of group `group` (numbered `subject` in the rows) whose
** sessions s[0..n-1] (in the order run; a session's events are used when s[i].events is
** not NULL) follow procedure proc. The sessions are not modified: the criterion of each
** session's phase is evaluated afresh (criteria.h) and PR breakpoints missing from a record
** (-1) derived from the reinforcers. sm, if not NULL, gets n per-session records (release
** each with rl_session_measures_clear); rows gets one row per phase of proc the subject
** ran (room for proc->n_phases), in phase order, *n_rows of them. Returns 0 or
** RL_ERR_NOMEM (with err set). */
RL_API int rl_measures_subject(const rl_procedure_t *proc, const rl_session_result_t *s, size_t n,
    int subject, int group, int flags, rl_measures_work_t *w, rl_session_measures_t *sm,
    rl_subject_phase_t *rows, int *n_rows, rl_error_t *err);

/* Release what a per-session record owns (its bins). */
RL_API void rl_session_measures_clear(rl_session_measures_t *sm);

/* ---- a database --------------------------------------------------------------------------- */

/* Compute every measure of ds (borrowed for the call; load its events first with
** rl_dataset_load_events(ds, -1, ...) for the event measures). On success returns 0 and
** *out owns the result; on failure (RL_ERR_NOMEM, the only error) *out is NULL. A phase
** whose extinction criterion names no phase of the procedure has no criterion (NaN). */
RL_API int rl_measures_compute(const rl_dataset_t *ds, rl_measures_t **out, rl_error_t *err);

/* Release m and all it owns. NULL is allowed. */
RL_API void rl_measures_free(rl_measures_t *m);

/* 1 if measure k is shown in m's tables and CSV files: every measure before RL_M_LAB_FIRST;
** a lab measure where its events exist in the data -- rates and the latency to the first
** active response where any subject x phase has a value; earned and non-contingent
** deliveries where any delivery was non-contingent; head-entry measures where any head
** entry was recorded; the cue measures where, besides, a cue was presented. */
RL_API int rl_measures_shown(const rl_measures_t *m, int k);

/* 1 if any lab measure is shown (the tables then print their lab block). */
RL_API int rl_measures_any_lab_shown(const rl_measures_t *m);

/* Readable tables (measures_print.c): one row per group x phase (mean +/- SEM over
** subjects, like `relapselab run`), per subject x phase, or per session. */
RL_API void rl_measures_print_groups(const rl_dataset_t *ds, const rl_measures_t *m, FILE *f);
RL_API void rl_measures_print_subjects(const rl_dataset_t *ds, const rl_measures_t *m, FILE *f);
RL_API void rl_measures_print_sessions(const rl_dataset_t *ds, const rl_measures_t *m, FILE *f);

/* Tidy CSV tables (measures_csv.c) in dir (created if missing): summary_sessions.csv,
** summary_subjects.csv, summary_groups.csv and bins.csv, renamed into place together when
** all are complete (relapselab/tempwatch.h; watch may be NULL); a file that would replace
** the database ds was read from is refused. RL_ERR_IO or RL_ERR_NOMEM naming the file on
** failure. */
RL_API int rl_measures_write_csv(const rl_dataset_t *ds, const rl_measures_t *m, const char *dir,
    const rl_temp_watch_t *watch, rl_error_t *err);

/* As rl_measures_write_csv, with compare.csv of the comparisons cmp (compare.h; NULL: none)
** among the files, all renamed together when every one is complete. */
struct rl_comparisons;
RL_API int rl_measures_write_csv_with(const rl_dataset_t *ds, const rl_measures_t *m,
    const struct rl_comparisons *cmp, const char *dir, const rl_temp_watch_t *watch,
    rl_error_t *err);

#endif
