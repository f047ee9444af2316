/* medpc_decode.h -- one parsed MED-PC session + a profile -> relapselab events.
**
** The decoder turns the arrays of a session (medpc.h) into the event stream relapselab
** stores for simulated sessions (results.h): time-stamped pokes, deliveries, cues,
** head entries, session start and end, each with the raw code it came from. It never
** fails on odd data: what it cannot use or what looks wrong becomes an issue (a line of
** the import report) with the file line when there is one, and the decoding goes on.
** Only a session it cannot decode at all (the profile's arrays are missing, or a time
** beyond RL_MEDPC_MAX_TIME_S) gets an issue of severity RL_ISSUE_ERROR, and the importer
** skips it.
*/
#ifndef RELAPSELAB_MEDPC_DECODE_H
#define RELAPSELAB_MEDPC_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "relapselab/api.h"
#include "relapselab/error.h"
#include "relapselab/medpc.h"
#include "relapselab/medpc_profile.h"
#include "relapselab/results.h"

/* The latest time an event of a session may have (366 days after its start; a MED-PC
** session lasts hours): a time stamp (value x the profile's time unit, accumulated for
** relative times) or a duration variable beyond it is an error of the session, which is
** not imported; header times that end beyond it are not used for the session's end. */
#define RL_MEDPC_MAX_TIME_S (366.0 * 86400.0)

typedef enum { RL_ISSUE_NOTE = 0, RL_ISSUE_WARNING = 1, RL_ISSUE_ERROR = 2 } rl_issue_severity_t;

typedef struct rl_medpc_issue {
    long line;                 /* 0 = the session as a whole */
    rl_issue_severity_t severity;
    char msg[240];
} rl_medpc_issue_t;

typedef struct rl_medpc_decoded {
    size_t n_events;
    rl_event_t *events;        /* session_start first, session_end last; times in s */
    double *codes;             /* raw code per event; NaN for events the decoder adds */
    int64_t active, inactive, active_timeout;
    int64_t reinforcers;       /* infusion starts + pellets; in a session with neither, the
                               ** cue presentations (cue-only reinforcement, e.g. a
                               ** cue-induced reinstatement test), as the simulator counts */
    int64_t n_other;           /* events of kind 'other' (codes with no relapselab kind) */
    double duration_s;         /* time of the session_end event */
    bool has_end_code;         /* the program wrote its session-end code */
    int counts_mismatch;       /* the profile's checks whose decoded count disagrees with
                               ** the program's own counter (0 = none, or no check ran) */
    int counts_checked;        /* the profile's checks that ran (their counter is in the
                               ** file): counts_checked - counts_mismatch agreed */
    int phase_kind;            /* rl_phase_kind_t from the profile's phase_var; -1: none */
    int64_t breakpoint;        /* the profile's breakpoint_var (a whole number >= 0); -1: none */
    size_t n_issues;
    rl_medpc_issue_t *issues;
} rl_medpc_decoded_t;

/* Decode session s with profile p into *out (always initialised; free it with
** rl_medpc_decoded_free, also after a failure). Returns 0 (problems with the data are
** issues in out, not errors) or RL_ERR_NOMEM. */
RL_API int rl_medpc_decode(const rl_medpc_session_t *s, const rl_medpc_profile_t *p,
    rl_medpc_decoded_t *out, rl_error_t *err);

/* true when out has an issue of severity RL_ISSUE_ERROR (the session cannot be used). */
RL_API bool rl_medpc_decoded_failed(const rl_medpc_decoded_t *d);

RL_API void rl_medpc_decoded_free(rl_medpc_decoded_t *d);

#endif
