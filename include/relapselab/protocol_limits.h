/* protocol_limits.h -- every limit of the protocol format, in one table.
**
** Each row is X(id, value, bound, unit, what): the limit's name in the code (an int
** constant, usable as an array size), its value, whether it is the largest (RL_LIMIT_MAX)
** or smallest (RL_LIMIT_MIN) value allowed, its unit ("" for a count) and what it limits,
** as docs/PROTOCOL.md says it. The struct capacities of protocol.h, the reader's and the
** validator's messages, the mouse's arrays and the "Limits" table of docs/PROTOCOL.md all
** come from it: `relapselab limits --markdown` prints that table, tools/update-protocol-doc.sh
** writes it into the document and tests/cli/test_protocol_doc.sh fails when they differ.
** Every value is a whole number.
*/
#ifndef RELAPSELAB_PROTOCOL_LIMITS_H
#define RELAPSELAB_PROTOCOL_LIMITS_H

#include <stddef.h>

#include "relapselab/api.h"

#define RL_PROTOCOL_LIMITS(X)                                                                  \
    X(RL_MAX_PROTOCOL_MIB, 4, RL_LIMIT_MAX, "MiB", "size of a protocol file (and of any "     \
        "YAML file: screens, claims, decoding profiles)")                                      \
    X(RL_MAX_YAML_DEPTH, 64, RL_LIMIT_MAX, "", "nesting of lists and mappings in a protocol "  \
        "(or any YAML file)")                                                                  \
    X(RL_NAME_LEN_MAX, 63, RL_LIMIT_MAX, "bytes", "a name: of a reinforcer, procedure, "       \
        "phase, group, line, genotype, background, drug or solution")                          \
    X(RL_STUDY_LEN_MAX, 127, RL_LIMIT_MAX, "bytes", "`study`")                                 \
    X(RL_MAX_REINFORCERS, 8, RL_LIMIT_MAX, "", "reinforcers of a protocol (with the `none` a " \
        "group without one gets)")                                                             \
    X(RL_MAX_PROCEDURES, 24, RL_LIMIT_MAX, "", "procedures of a protocol")                     \
    X(RL_MAX_PHASES, 32, RL_LIMIT_MAX, "", "phases of a procedure")                            \
    X(RL_MAX_GROUPS, 64, RL_LIMIT_MAX, "", "groups of a protocol")                             \
    X(RL_MAX_GROUP_N, 1000, RL_LIMIT_MAX, "", "mice of a group (`n`)")                         \
    X(RL_MAX_SESSIONS, 1000, RL_LIMIT_MAX, "", "sessions of a phase (`sessions`, or "          \
        "`sessions.max`)")                                                                     \
    X(RL_MAX_SESSION_MIN, 1440, RL_LIMIT_MAX, "min", "`session_min`")                          \
    X(RL_MAX_INTERSESSION_H, 8760, RL_LIMIT_MAX, "h", "`intersession_h`, the protocol's and "  \
        "a phase's")                                                                           \
    X(RL_MAX_ABSTINENCE_DAYS, 365, RL_LIMIT_MAX, "days", "`abstinence_days`")                  \
    X(RL_MAX_PR_STEPS, 128, RL_LIMIT_MAX, "", "entries of `schedule.series`")                  \
    X(RL_PR_RR_MAX_STEPS, 99, RL_LIMIT_MAX, "", "`schedule.steps` of the Richardson-Roberts "  \
        "formula (step 100 exceeds the integer range)")                                        \
    X(RL_MAX_DOSE_MG_PER_KG, 10, RL_LIMIT_MAX, "mg/kg", "a drug reinforcer's "                 \
        "`dose_mg_per_kg` per infusion, and a phase's")                                        \
    X(RL_MAX_INFUSION_S, 60, RL_LIMIT_MAX, "s", "a drug reinforcer's `infusion_s`")            \
    X(RL_MAX_LIQUID_UL, 1000, RL_LIMIT_MAX, "µl", "a liquid reinforcer's `volume_ul`")         \
    X(RL_MAX_TREATMENTS, 16, RL_LIMIT_MAX, "", "treatments of a phase")                        \
    X(RL_MAX_TREATMENT_DOSE_MG_PER_KG, 1000, RL_LIMIT_MAX, "mg/kg", "a treatment's "           \
        "`dose_mg_per_kg` (and a pairing's)")                                                  \
    X(RL_MAX_MINUTES_BEFORE, 10080, RL_LIMIT_MAX, "min", "`minutes_before` of a treatment, "   \
        "pairing or stressor (one week)")                                                      \
    X(RL_MAX_INFUSION_MIN, 1440, RL_LIMIT_MAX, "min", "a treatment's `infusion.duration_min`") \
    X(RL_MAX_LISTED_SESSION, 128, RL_LIMIT_MAX, "", "a session number in a `sessions` list")   \
    X(RL_MAX_STRESSORS, 16, RL_LIMIT_MAX, "", "stressors of a phase")                          \
    X(RL_MAX_STRESS_DAYS_BEFORE, 365, RL_LIMIT_MAX, "days", "a stressor's `days_before`")      \
    X(RL_MAX_STRESS_MIN, 240, RL_LIMIT_MAX, "min", "a footshock's or swim's `duration_min`")   \
    X(RL_MAX_SHOCK_MA, 3, RL_LIMIT_MAX, "mA", "`intensity_mA` of a footshock")                 \
    X(RL_MAX_SHOCK_S, 10, RL_LIMIT_MAX, "s", "`shock_s` of a footshock")                       \
    X(RL_MAX_SHOCK_INTERVAL_S, 3600, RL_LIMIT_MAX, "s", "`mean_interval_s` of a footshock")    \
    X(RL_MIN_SWIM_C, 5, RL_LIMIT_MIN, "°C", "`water_C` of a swim")                             \
    X(RL_MAX_SWIM_C, 40, RL_LIMIT_MAX, "°C", "`water_C` of a swim")                            \
    X(RL_MAX_DEPRIVATION_H, 72, RL_LIMIT_MAX, "h", "`hours` of a food deprivation")            \
    X(RL_MAX_FREE_CUES, 10000, RL_LIMIT_MAX, "", "`noncontingent_cues.count`")                 \
    X(RL_MAX_FREE_CUE_INTERVAL_S, 86400, RL_LIMIT_MAX, "s", "`noncontingent_cues.interval_s`") \
    X(RL_MOUSE_MAX_DOSES, 512, RL_LIMIT_MAX, "", "drug doses acting at once in one mouse "     \
        "(a run fails beyond; a dose whose effect has ended is dropped)")                      \
    X(RL_MOUSE_MAX_STRESS, 256, RL_LIMIT_MAX, "", "stressors acting at once on one mouse (a "  \
        "run fails beyond; one decayed below e^-50 is dropped)")

typedef enum { RL_LIMIT_MAX, RL_LIMIT_MIN } rl_limit_bound_t;

#define RL_LIMIT_ENUM_(id, value, bound, unit, what) id = value,
enum { RL_PROTOCOL_LIMITS(RL_LIMIT_ENUM_) RL_LIMITS_END_ };
#undef RL_LIMIT_ENUM_

/* The buffers of names (NUL included). */
#define RL_NAME_MAX (RL_NAME_LEN_MAX + 1)

/* One row of the table, for listings. */
typedef struct rl_protocol_limit {
    const char *id;           /* "RL_MAX_PHASES" */
    int value;
    rl_limit_bound_t bound;
    const char *unit;         /* "" for a count */
    const char *what;         /* what it limits, as docs/PROTOCOL.md says it */
} rl_protocol_limit_t;

/* Number of rows, and row i (0-based; NULL past the end), in table order. */
RL_API size_t rl_protocol_limit_count(void);
RL_API const rl_protocol_limit_t *rl_protocol_limit_get(size_t i);

#endif
