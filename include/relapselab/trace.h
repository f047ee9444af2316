/* trace.h -- the brain of one simulated mouse during one session, re-simulated.
**
** The database stores events, not the brain's state, so figures of brain cocaine and
** accumbal dopamine re-simulate the mouse: its whole life up to the wanted session (the
** state carries over between sessions) with a session trace attached (session.h: a
** read-only observer, so the events are those of the original run). The samples of the
** wanted session and that session itself are returned; the caller compares the session's
** events with the stored ones before drawing anything.
*/
#ifndef RELAPSELAB_TRACE_H
#define RELAPSELAB_TRACE_H

#include <stdint.h>

#include "relapselab/api.h"
#include "relapselab/error.h"
#include "relapselab/params.h"
#include "relapselab/protocol.h"
#include "relapselab/results.h"

typedef struct rl_trace_request {
    const rl_protocol_t *protocol;
    const rl_params_t *params;    /* population values; NULL = the parameter table */
    uint64_t seed;                /* the run's master seed */
    int subject_id, group, index_in_group;
    int day;                      /* the subject's session to trace, 0-based */
    double dt_s;                  /* sampling step, s (> 0) */
} rl_trace_request_t;

/* The samples (arrays of cap values provided by the caller; n are filled, at t = 0, dt_s,
** 2 dt_s, ... of the session) and the re-simulated session. belief_drug (the belief that
** the drug context holds, 0..1, docs/MODEL.md [BEL-2]) may be NULL: not kept. */
typedef struct rl_trace {
    int n, cap;
    double *t_min, *cocaine_uM, *da_nM;
    double *belief_drug;
    int found;                    /* 1 if the subject ran session `day` */
    int n_sessions;               /* sessions the re-simulated subject ran */
    rl_session_result_t session;  /* that session (owned events; free with
                                     rl_session_result_free) */
} rl_trace_t;

/* Re-simulate the subject and trace session req->day into out (whose sample arrays and cap
** the caller set). Returns 0 (out->found tells whether the day exists) or a simulation
** error / RL_ERR_NOMEM with err set. */
RL_API int rl_trace_session(const rl_trace_request_t *req, rl_trace_t *out, rl_error_t *err);

#endif
