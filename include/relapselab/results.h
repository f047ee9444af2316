/* results.h -- plain-data records that leave the simulator: events, sessions, subjects.
**
** These are the boundary between the simulation (chamber, mouse, cohort) and everything
** downstream (the SQLite store, CSV export, the summary). They hold no pointers into
** simulator state. Times are seconds from session start.
*/
#ifndef RELAPSELAB_RESULTS_H
#define RELAPSELAB_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "relapselab/api.h"
#include "relapselab/params.h"

/* Event kinds, with the names used in the database and CSV. The X-macro keeps the enum and
** the name table in one place. The simulator logs the first ten and liquid (a drop of a
** liquid reinforcer, where a pellet reinforcer logs pellet) in operant sessions, and
** enter_paired and enter_unpaired (the mouse enters the drug-paired or the other
** compartment) in place-preference sessions; head_entry (a magazine or receptacle entry)
** and other (any recorded code a MED-PC profile does not map to a kind) come only from
** imported chamber data. */
#define RL_EVENT_KINDS(X)                                              \
    X(RL_EV_SESSION_START, "session_start")                            \
    X(RL_EV_SESSION_END, "session_end")                                \
    X(RL_EV_POKE_ACTIVE, "poke_active")                                \
    X(RL_EV_POKE_INACTIVE, "poke_inactive")                            \
    X(RL_EV_INFUSION_START, "infusion_start")                          \
    X(RL_EV_INFUSION_END, "infusion_end")                              \
    X(RL_EV_PELLET, "pellet")                                          \
    X(RL_EV_CUE_ON, "cue_on")                                          \
    X(RL_EV_CUE_OFF, "cue_off")                                        \
    X(RL_EV_TIMEOUT_END, "timeout_end")                                \
    X(RL_EV_HEAD_ENTRY, "head_entry")                                  \
    X(RL_EV_OTHER, "other")                                            \
    X(RL_EV_ENTER_PAIRED, "enter_paired")                              \
    X(RL_EV_ENTER_UNPAIRED, "enter_unpaired")                          \
    X(RL_EV_LIQUID, "liquid")

#define RL_EV_ENUM_(id, name) id,
typedef enum { RL_EVENT_KINDS(RL_EV_ENUM_) RL_EV_COUNT } rl_event_kind_t;
#undef RL_EV_ENUM_

/* Why a session ended (stored as text). The last two are for imported sessions: the
** program wrote its session-end code, or it did not (stopped by hand, crashed). */
#define RL_END_REASONS(X)                        \
    X(RL_END_TIME, "time")                       \
    X(RL_END_MAX_REINFORCERS, "max_reinforcers") \
    X(RL_END_NO_REINFORCER, "no_reinforcer")   \
    X(RL_END_END_CODE, "end_code")               \
    X(RL_END_NO_END_CODE, "no_end_code")

#define RL_END_ENUM_(id, name) id,
typedef enum { RL_END_REASONS(RL_END_ENUM_) RL_END_COUNT } rl_end_reason_t;
#undef RL_END_ENUM_

/* Brain regions with a predicted activity (c-Fos) index, with their database names.
** Definitions: docs/MODEL.md [FOS-1]. */
#define RL_REGIONS(X)                              \
    X(RL_REGION_PL, "prelimbic_cortex")            \
    X(RL_REGION_IL, "infralimbic_cortex")          \
    X(RL_REGION_NAC_CORE, "nac_core")              \
    X(RL_REGION_NAC_SHELL, "nac_shell")            \
    X(RL_REGION_DS, "dorsal_striatum")             \
    X(RL_REGION_BLA, "basolateral_amygdala")       \
    X(RL_REGION_CEA, "central_amygdala")           \
    X(RL_REGION_HPC, "hippocampus")                \
    X(RL_REGION_VTA, "vta")                        \
    X(RL_REGION_BNST, "bnst")

#define RL_REGION_ENUM_(id, name) id,
typedef enum { RL_REGIONS(RL_REGION_ENUM_) RL_N_REGIONS } rl_region_t;
#undef RL_REGION_ENUM_

/* One logged event. For pokes, in_timeout tells whether the poke fell in a timeout (or
** during an infusion/pellet delivery) and so had no programmed consequence; for a delivery
** (infusion_start, pellet, liquid) of imported data, that it was non-contingent -- made by
** the program without a response, delivered but not earned (docs/MEDPC.md); 0 for every
** other event and every simulated delivery. */
typedef struct rl_event {
    double t_s;
    int32_t kind;      /* rl_event_kind_t */
    int32_t in_timeout;
} rl_event_t;

/* What the model's brain did in one session: accumbal dopamine and brain cocaine as numbers
** (docs/MODEL.md [OBS-1]). Tonic DA is the quasi-steady level [DA-2] (phasic transients
** are not included); brain cocaine is the self-administered (catheter) cocaine at the
** effect site [PK-2] -- cocaine given by injection acts through its DAT load and shows in
** DA only. Means are time averages over the whole session, peaks maxima over it. NaN
** where not observed (imported chamber data). */
typedef struct rl_brain_readout {
    double da_pre_nM;       /* the mouse's pre-session level: tonic DA at t = 0 without any
                            ** drug or stressor (what microdialysis baseline samples
                            ** before the session and its drugs measure) [OBS-1] */
    double da_mean_nM;      /* time average of tonic accumbal DA over the session */
    double da_peak_nM;      /* its maximum */
    double cocaine_mean_uM; /* time average of brain cocaine over the session */
    double cocaine_peak_uM; /* its maximum */
} rl_brain_readout_t;

/* One session of one mouse: the per-session measures plus its events (owned). */
typedef struct rl_session_result {
    int subject_id;
    int phase;              /* index in the subject's procedure */
    int session_in_phase;   /* 0-based */
    int day;                /* 0-based running session number for this subject */
    int64_t active;         /* active pokes, timeout ones included */
    int64_t inactive;
    int64_t active_timeout; /* active pokes during timeouts/deliveries */
    int64_t reinforcers;    /* deliveries (infusions or pellets, or cues when only a cue) */
    double duration_min;
    int end_reason;         /* rl_end_reason_t */
    bool criterion_met;     /* the phase criterion holds at the end of this session */
    int breakpoint;         /* PR: last ratio completed (0 if none); -1 otherwise */
    double drug_mg_per_kg;  /* total drug self-administered this session */
    double activity[RL_N_REGIONS]; /* predicted activity (c-Fos) index per region [FOS-1] */
    double place_s[2];      /* place preference: seconds in the drug-paired (0) and the
                            ** other (1) compartment; 0 in operant sessions */
    rl_brain_readout_t brain; /* dopamine and cocaine readouts [OBS-1]; NaN if not observed */
    size_t n_events;
    rl_event_t *events;     /* owned; rl_session_result_free() releases */
} rl_session_result_t;

/* Release the events of r (safe twice). */
RL_API void rl_session_result_free(rl_session_result_t *r);

/* A named individual parameter of a mouse (value in the unit given in docs/MODEL.md). */
typedef struct rl_named_value {
    const char *name;  /* static string from the parameter table */
    double value;
} rl_named_value_t;

/* One mouse's whole life in a run: its individual parameters and every session, in the
** order run (what the cohort runner hands to its sink, runner.h). */
typedef struct rl_subject_result {
    int subject_id;
    int group;
    int index_in_group;
    rl_params_t params;           /* the individual parameters drawn */
    int n_sessions;
    int cap;
    rl_session_result_t *sessions; /* owned, in the order run */
} rl_subject_result_t;

/* Release the sessions of a subject record (safe twice, and on a zeroed record). */
RL_API void rl_subject_result_free(rl_subject_result_t *self);

RL_API const char *rl_event_kind_name(int kind);
RL_API const char *rl_end_reason_name(int reason);
RL_API const char *rl_region_name(int region);

#endif
