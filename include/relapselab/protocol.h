/* protocol.h -- the laboratory protocol as plain, validated data.
**
** A protocol says what a lab protocol says: the reinforcers (cocaine dose and infusion,
** pellets), the groups of mice (genotype, reinforcer, n, sex, littermate line) and, per
** procedure, an ordered list of phases (schedule, session length, timeout, cue, what an
** active response delivers, limits, number of sessions, advancement criterion).
**
** Units are normalised at load time and carried in field names: minutes for session
** lengths, seconds for short intervals, mg/kg for doses. No default of the lab's standard
** protocol lives in code: every such value is a protocol value (docs/PROTOCOL.md).
**
** rl_protocol_t is a value object: rl_protocol_load_file() fills it, rl_protocol_free()
** releases it (safe after a failed load, safe twice). After loading it is immutable and is
** shared read-only between threads.
*/
#ifndef RELAPSELAB_PROTOCOL_H
#define RELAPSELAB_PROTOCOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "relapselab/api.h"
#include "relapselab/error.h"
#include "relapselab/protocol_limits.h" /* RL_MAX_PHASES, RL_NAME_MAX, ...: the format's limits */

/* The enums below and their names (as YAML, the database and CSV spell them) come from one
** X-macro list each, X(identifier, "name") in enum order: the enum, its count, the name
** function at the end of this header and the YAML readers' word lists are generated from
** it, with these helpers (a word list: {RL_PHASE_KINDS(RL_X_NAME_) NULL}). */
#define RL_X_ENUM_(id, name) id,
#define RL_X_COUNT_(id, name) +1
#define RL_X_NAME_(id, name) name,

#define RL_REINFORCER_KINDS(X)          \
    X(RL_REINFORCER_DRUG, "drug")       \
    X(RL_REINFORCER_PELLET, "pellet")   \
    X(RL_REINFORCER_LIQUID, "liquid")   \
    X(RL_REINFORCER_NONE, "none")
typedef enum { RL_REINFORCER_KINDS(RL_X_ENUM_) } rl_reinforcer_kind_t;
enum { RL_REINFORCER_KIND_COUNT = 0 RL_REINFORCER_KINDS(RL_X_COUNT_) };

/* A reinforcer: a drug infused i.v., a food pellet, or a drop of a palatable solution
** (liquid: a dipper or pump delivers volume_ul of solution at concentration_pct). Pellets
** and liquids go through the same food-reward machinery: a palatability (hedonic value per
** delivery) and a satiety per delivery (in the model's reference pellets). "none" delivers
** nothing: the reinforcer of groups that only run place-preference phases (a group that
** names no reinforcer gets one, named "none"). */
typedef struct rl_reinforcer {
    char name[RL_NAME_MAX];      /* protocol key, e.g. "cocaine", "chocolate" */
    rl_reinforcer_kind_t kind;
    char drug[RL_NAME_MAX];      /* RL_REINFORCER_DRUG: the drug name; only "cocaine" today */
    double dose_mg_per_kg;       /* drug: dose per infusion, > 0 */
    double infusion_s;           /* drug: infusion duration, > 0 */
    double volume_ul;            /* drug: infusion volume (recorded, not used by the model);
                                 ** liquid: volume of one delivery, > 0 */
    double pellet_mg;            /* pellet: mass of one pellet, > 0 */
    double palatability;         /* pellet, liquid: hedonic value per delivery relative to
                                 ** the model's reference pellet = 1 */
    long src_line;
    char solution[RL_NAME_MAX];  /* liquid: the solute, a row of the solution table */
    double concentration_pct;    /* liquid: % w/v */
    double satiety_per_delivery; /* pellet: 1; liquid: its energy in reference pellets */
} rl_reinforcer_t;

/* The sexes a protocol names; RL_SEX_UNKNOWN ("unknown") only for imported subjects whose
** sex is not given (stored as NULL). */
#define RL_SEXES(X)             \
    X(RL_SEX_MALE, "male")      \
    X(RL_SEX_FEMALE, "female")
typedef enum { RL_SEXES(RL_X_ENUM_) RL_SEX_UNKNOWN } rl_sex_t;
enum { RL_SEX_COUNT = 1 RL_SEXES(RL_X_COUNT_) };

typedef struct rl_group {
    char name[RL_NAME_MAX];      /* unique group name */
    char line[RL_NAME_MAX];      /* littermate line (comparison set), "" if none */
    char genotype[RL_NAME_MAX];  /* as written, e.g. "WT", "Oprd1-/-", "Pdyn+/-" */
    int genotype_id;             /* index in the genotype table (rl_genotype_find) */
    char background[RL_NAME_MAX];/* genetic background as written ("" = the reference,
                                 ** C57BL/6J), e.g. "129S6/SvEv" (background.h) */
    int background_id;           /* index in the background table (rl_background_find) */
    int reinforcer;              /* index into rl_protocol_t.reinforcers */
    int procedure;               /* index into rl_protocol_t.procedures */
    int n;                       /* number of mice, >= 1 */
    rl_sex_t sex;
    long src_line;
} rl_group_t;

/* Phase kinds. The last two are conditioned place preference (docs/PROTOCOL.md, "Place
** preference"): place_conditioning confines the mouse to one compartment, with drug or
** saline; place_test gives free access to both. */
#define RL_PHASE_KINDS(X)                                   \
    X(RL_PHASE_ACQUISITION, "acquisition")                  \
    X(RL_PHASE_PROGRESSIVE_RATIO, "progressive_ratio")      \
    X(RL_PHASE_EXTINCTION, "extinction")                    \
    X(RL_PHASE_REINSTATEMENT, "reinstatement")              \
    X(RL_PHASE_OTHER, "other")                              \
    X(RL_PHASE_PLACE_CONDITIONING, "place_conditioning")    \
    X(RL_PHASE_PLACE_TEST, "place_test")
typedef enum { RL_PHASE_KINDS(RL_X_ENUM_) } rl_phase_kind_t;
enum { RL_PHASE_KIND_COUNT = 0 RL_PHASE_KINDS(RL_X_COUNT_) };

/* True for the place-preference kinds (no operandum: no schedule, cue or response). */
#define RL_PHASE_IS_PLACE(k) ((k) == RL_PHASE_PLACE_CONDITIONING || (k) == RL_PHASE_PLACE_TEST)

#define RL_SCHEDULE_TYPES(X)   \
    X(RL_SCHEDULE_FR, "FR")    \
    X(RL_SCHEDULE_PR, "PR")
typedef enum { RL_SCHEDULE_TYPES(RL_X_ENUM_) } rl_schedule_type_t;
enum { RL_SCHEDULE_TYPE_COUNT = 0 RL_SCHEDULE_TYPES(RL_X_COUNT_) };

typedef struct rl_schedule {
    rl_schedule_type_t type;
    int ratio;                        /* FR: responses per reinforcer, >= 1 */
    int pr_n;                         /* PR: number of steps in pr_series */
    int pr_series[RL_MAX_PR_STEPS];   /* PR: strictly increasing response requirements */
    bool pr_from_formula;             /* PR: generated by Richardson-Roberts */
} rl_schedule_t;

/* The criteria a phase may give; RL_CRITERION_NONE ("none") when it gives none.
** acquisition: >= min reinforcers, >= min active fraction, stable; extinction: active
** pokes < a fraction of the reference level. */
#define RL_CRITERION_TYPES(X)                       \
    X(RL_CRITERION_ACQUISITION, "acquisition")      \
    X(RL_CRITERION_EXTINCTION, "extinction")
typedef enum { RL_CRITERION_NONE, RL_CRITERION_TYPES(RL_X_ENUM_) } rl_criterion_type_t;
enum { RL_CRITERION_TYPE_COUNT = 1 RL_CRITERION_TYPES(RL_X_COUNT_) };

typedef struct rl_criterion {
    rl_criterion_type_t type;
    int consecutive;                /* sessions in the window, >= 1 */
    /* acquisition */
    int min_reinforcers;            /* per session */
    double min_active_fraction;     /* active / (active + inactive), 0..1 */
    double max_deviation;           /* |x - mean| / mean of reinforcers in the window, 0..1 */
    /* extinction */
    double max_fraction_of_reference; /* active pokes < this x reference mean, 0..1 */
    char reference_phase[RL_NAME_MAX];/* phase whose criterion window gives the reference */
    int reference_phase_id;           /* index in the same procedure */
} rl_criterion_t;

/* The sessions of a phase a treatment or stressor comes with (docs/PROTOCOL.md, `sessions`):
** all of them, the first, the drug-paired or the other (unpaired) sessions of a
** place_conditioning phase, or a list of 1-based session numbers (at most
** RL_MAX_LISTED_SESSION). The zero value is "all". */
#define RL_SESSION_SETS(X)                   \
    X(RL_SESSIONS_ALL, "all")                \
    X(RL_SESSIONS_FIRST, "first")            \
    X(RL_SESSIONS_PAIRED, "paired")          \
    X(RL_SESSIONS_UNPAIRED, "unpaired")
typedef enum { RL_SESSION_SETS(RL_X_ENUM_) RL_SESSIONS_LIST } rl_session_set_kind_t;
enum { RL_SESSION_SET_WORD_COUNT = 0 RL_SESSION_SETS(RL_X_COUNT_) };
typedef struct rl_session_set {
    rl_session_set_kind_t kind;
    uint64_t listed[RL_MAX_LISTED_SESSION / 64]; /* RL_SESSIONS_LIST: bit i - 1 = session i */
} rl_session_set_t;

/* A drug given before or during the sessions of a phase (docs/PROTOCOL.md, "treatments"):
** a bolus minutes_before the session or at_min into it, or a constant-rate infusion during
** it. The drug acts only through the numbers of the drug table (drugs.h). */
typedef struct rl_treatment {
    char drug[RL_NAME_MAX];       /* as written */
    int drug_id;                  /* index in the drug table (rl_drug_get) */
    char route[16];               /* as written, e.g. "s.c." */
    int route_id;                 /* rl_route_t */
    double dose_mg_per_kg;        /* > 0 */
    double minutes_before;        /* given this long before the session starts, >= 0 */
    bool in_session;              /* given during the session, at_min into it */
    double at_min;                /* in_session: the bolus, or the infusion's start */
    double duration_min;          /* > 0: a constant-rate infusion of dose_mg_per_kg over
                                  ** this long (in_session); 0: a bolus */
    rl_session_set_t sessions;    /* the sessions of the phase it comes with */
    long src_line;
} rl_treatment_t;

/* A stressor before or during each session of a phase (docs/PROTOCOL.md, "stress"). It
** acts only through the model's stress state [STR-1]. */
/* Intermittent footshock, forced swim, and no food for `hours` before (and during) the
** session. */
#define RL_STRESS_KINDS(X)                                  \
    X(RL_STRESS_FOOTSHOCK, "footshock")                     \
    X(RL_STRESS_SWIM, "swim")                               \
    X(RL_STRESS_FOOD_DEPRIVATION, "food_deprivation")
typedef enum { RL_STRESS_KINDS(RL_X_ENUM_) } rl_stress_kind_t;
enum { RL_STRESS_KIND_COUNT = 0 RL_STRESS_KINDS(RL_X_COUNT_) };
typedef struct rl_stressor {
    rl_stress_kind_t kind;
    double start_min;             /* from the session's start; negative: before it */
    double duration_min;          /* > 0 */
    double intensity_mA;          /* footshock: current */
    double shock_s;               /* footshock: duration of one shock */
    double mean_interval_s;       /* footshock: mean time between shock onsets */
    double water_C;               /* swim: water temperature */
    double hours;                 /* food deprivation: hours without food before the session */
    rl_session_set_t sessions;    /* the sessions of the phase it comes with */
    long src_line;
    double days_before;           /* > 0: it starts this many days before the phase's first
                                  ** session (start_min = -1440 days_before; first only) */
} rl_stressor_t;

/* Cue presentations that do not depend on responding (docs/PROTOCOL.md,
** "noncontingent_cues"): count presentations of the phase's cue_s light, the first at
** start_min into the session, then every interval_s. count 0: none. */
typedef struct rl_free_cues {
    int count;
    double start_min;
    double interval_s;
    long src_line;
} rl_free_cues_t;

/* What a place-conditioning phase pairs: sessions alternate between the drug-paired
** compartment (after the drug) and the other one (after saline); with no drug, every
** session is a saline session, alternating compartments (extinction by saline pairings). */
typedef struct rl_place_pairing {
    bool with_drug;
    rl_treatment_t drug;          /* given before each drug-paired session */
    bool saline_first;            /* the first session is the saline one */
    long src_line;
} rl_place_pairing_t;

typedef struct rl_phase {
    char name[RL_NAME_MAX];
    rl_phase_kind_t kind;
    rl_schedule_t schedule;
    double session_min;           /* maximum session length, > 0 */
    double timeout_s;             /* after each delivery; responses recorded, no effect */
    double cue_s;                 /* cue-light duration per delivery, 0 = no cue light */
    bool deliver_reinforcer;      /* an active response that completes the ratio delivers it */
    bool deliver_cue;             /* ... and/or turns on the cue light */
    int max_reinforcers;          /* session ends after this many deliveries, 0 = no cap */
    double no_reinforcer_stop_min;/* session ends after this long without a delivery, 0 = off */
    int sessions;                 /* fixed: number of sessions; until criterion: minimum */
    bool until_criterion;         /* advance as soon as the criterion is met */
    int max_sessions;             /* until criterion: give up after this many */
    rl_criterion_t criterion;
    int n_treatments;
    rl_treatment_t treatments[RL_MAX_TREATMENTS];
    double abstinence_days;       /* home-cage days (no session) before the first session */
    int n_stressors;
    rl_stressor_t stressors[RL_MAX_STRESSORS];
    rl_free_cues_t free_cues;
    rl_place_pairing_t pairing;   /* RL_PHASE_PLACE_CONDITIONING */
    double dose_mg_per_kg;        /* the drug reinforcer's unit dose (mg/kg per infusion) in
                                  ** this phase's sessions; 0 = the reinforcer's own */
    double intersession_h;        /* time from the start of the previous session to the start
                                  ** of each of this phase's sessions; 0 = the protocol's
                                  ** (rl_phase_intersession_h) */
    long src_line;
} rl_phase_t;

typedef struct rl_procedure {
    char name[RL_NAME_MAX];
    int n_phases;
    rl_phase_t phases[RL_MAX_PHASES];
    long src_line;
} rl_procedure_t;

typedef struct rl_protocol {
    char study[RL_STUDY_LEN_MAX + 1]; /* free-text study name */
    char path[256];               /* where it was loaded from ("" for a buffer) */
    char *source_text;            /* the YAML text as read, owned, NUL-terminated */
    size_t source_len;
    double intersession_h;        /* time between the starts of consecutive sessions */
    int n_reinforcers;
    rl_reinforcer_t reinforcers[RL_MAX_REINFORCERS];
    int n_groups;
    rl_group_t groups[RL_MAX_GROUPS];
    int n_procedures;
    rl_procedure_t procedures[RL_MAX_PROCEDURES];
} rl_protocol_t;

/* Load and validate the protocol in the YAML file at path. On success returns 0 and self
** owns a copy of the text. On failure returns RL_ERR_IO, RL_ERR_PARSE, RL_ERR_INVALID or
** RL_ERR_NOMEM with err naming the file, line (and column when known) and the problem;
** self must still be released with rl_protocol_free(). */
RL_API int rl_protocol_load_file(rl_protocol_t *self, const char *path, rl_error_t *err);

/* As rl_protocol_load_file(), from a buffer of len bytes; name is used in messages. */
RL_API int rl_protocol_load_buffer(rl_protocol_t *self, const char *text, size_t len,
    const char *name, rl_error_t *err);

/* Release what self owns. Safe after a failed load and safe to call twice. */
RL_API void rl_protocol_free(rl_protocol_t *self);

/* Fill out[0..n-1] with the Richardson & Roberts (1996) progressive-ratio series
** round(5 * exp(0.2 * j) - 5) for j = 1, 2, ...: 1, 2, 4, 6, 9, 12, 15, 20, ... */
RL_API void rl_pr_richardson_roberts(int *out, int n);

/* Total number of mice over all groups. */
RL_API int rl_protocol_n_subjects(const rl_protocol_t *self);

/* Names for enums, as used in YAML, the database and CSV ("acquisition", "FR", ...; the
** X-macro lists above); "invalid" for a value out of range. */
RL_API const char *rl_reinforcer_kind_name(rl_reinforcer_kind_t k);
RL_API const char *rl_phase_kind_name(rl_phase_kind_t k);
RL_API const char *rl_schedule_type_name(rl_schedule_type_t t);
RL_API const char *rl_criterion_type_name(rl_criterion_type_t t);
RL_API const char *rl_sex_name(rl_sex_t s);
RL_API const char *rl_stress_kind_name(rl_stress_kind_t k);

/* The phase kind named name (rl_phase_kind_name), or -1 (also for NULL). */
RL_API int rl_phase_kind_find(const char *name);

/* The index of the phase of procedure proc that `phase` names: a phase name, else a phase
** kind (the first phase of that kind) -- as claims and screen files name phases; -1 if
** none (also for NULL). */
RL_API int rl_procedure_phase_find(const rl_procedure_t *proc, const char *phase);

/* The time (h) from the start of the mouse's previous session to the start of each session
** of phase: its intersession_h, or the protocol's when it has none. (Its first session comes
** abstinence_days x 24 h later still.) */
RL_API double rl_phase_intersession_h(const rl_protocol_t *protocol, const rl_phase_t *phase);

/* The longest time (min) before session i (0-based) of phase k of procedure that a drug or
** stressor may start: the end of the mouse's previous session, which started
** rl_phase_intersession_h() (+ abstinence_days x 24 for i = 0) hours earlier and lasts up
** to its phase's session_min (the previous phase's for i = 0). INFINITY for the mouse's
** first session (i = 0 of phase 0). What starts earlier would change a session already
** simulated: the loader refuses it. */
RL_API double rl_phase_latest_before_min(const rl_protocol_t *protocol,
    const rl_procedure_t *procedure, int k, int i);

/* The compartment of session i (0-based) of a place_conditioning phase: 0 the drug-paired
** one, 1 the other (sessions alternate; the first is the drug one unless saline_first). */
RL_API int rl_phase_place_side(const rl_phase_t *phase, int i);

/* Whether session i (0-based) of phase is one of set: all; the first; the sessions in the
** drug-paired (paired) or the other compartment (unpaired) of a place_conditioning phase
** (none in another kind); or a listed session number (i + 1). */
RL_API bool rl_session_set_has(const rl_session_set_t *set, const rl_phase_t *phase, int i);

/* The set as the phases table describes it: "" (all), " (first session)", " (paired
** sessions)", " (unpaired sessions)", " (sessions 1, 3, 5)" into buf (cap bytes); returns
** buf. */
RL_API const char *rl_session_set_describe(const rl_session_set_t *set, char *buf, size_t cap);

#endif
