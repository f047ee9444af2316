/* session.h -- (internal) the operant chamber: one mouse, one session, event-driven.
**
** The chamber has two nose-poke holes (active/inactive), a cue light, an infusion pump
** and a pellet dispenser. It runs the phase's schedule (FR n, or PR through a series),
** timeouts, and ends the session on time, on the reinforcer cap, or after a set time
** without a reinforcer. Every event is logged with its time.
**
** Responses are sampled exactly from the mouse's time-varying rates by thinning: a bound
** on the rate over a window (rl_mouse_rate_bound) proposes exponential gaps, each accepted
** with probability rate/bound. Windows end at the next scheduled event (timeout end, cue
** off, infusion end, session end), at a drug dose given during the session (its start, an
** infusion's end: rl_mouse_next_dose_s) or after peptide_step_s, when the mouse's slow
** signals are refreshed. The cost of a session therefore grows with its events, not its length.
*/
#ifndef RL_CHAMBER_SESSION_H
#define RL_CHAMBER_SESSION_H

#include <stdatomic.h>
#include <stdbool.h>

#include <gsl/gsl_rng.h>

#include "relapselab/error.h"
#include "relapselab/mouse.h"
#include "relapselab/protocol.h"
#include "relapselab/results.h"

/* An observer of the mouse's brain during sessions (for figures): sample() is called at
** t = 0, dt_s, 2 dt_s, ... of every session up to its end, with the brain cocaine
** concentration (uM), tonic accumbal dopamine (nM) and the belief that the drug context
** holds, computed in closed form from the state at the previous advance (PK is exact; the
** slow signals are those the simulation itself holds). Observing changes nothing in the
** simulation: the same seed gives the same events with or without a trace. */
typedef struct rl_session_trace {
    double dt_s;
    void (*sample)(void *ctx, double t_s, double brain_cocaine_uM, double tonic_da_nM,
        double belief_drug);
    void *ctx;
    double next_s;           /* internal: time of the next sample in the current session */
} rl_session_trace_t;

/* A reusable event buffer (allocated once per worker, grown by doubling), an optional
** trace (NULL: none; set by the caller, owned by the caller), and the flags that stop a
** session: the session drivers poll them (rl_session_stopped) every RL_SESSION_POLL turns
** of their loops -- a fraction of a millisecond -- and a session whose flag is raised
** ends with RL_ERR_INTERRUPTED (NULL flags: never; lock-free, so a signal handler may set
** one). */
typedef struct rl_session_workspace {
    rl_event_t *events;
    size_t n, cap;
    rl_session_trace_t *trace;
    const atomic_int *stop[2];
} rl_session_workspace_t;

#define RL_SESSION_POLL 1024

/* true when a stop flag of w is raised (one atomic load per flag). */
bool rl_session_stopped(const rl_session_workspace_t *w);

void rl_session_workspace_init(rl_session_workspace_t *self);
void rl_session_workspace_free(rl_session_workspace_t *self);

/* Run one session of phase for mouse (already begun with rl_mouse_begin_session), drawing
** every random number from r. Fills out (measures and an owned copy of the events; the
** caller sets subject_id/phase/session_in_phase/day and criterion_met). The mouse is left
** at the session end and rl_mouse_end_session() has been called.
** Returns 0, RL_ERR_NOMEM, or RL_ERR_INTERRUPTED when a stop flag of w is raised (the
** mouse is then left mid-session and out is empty). */
int rl_session_run(const rl_phase_t *phase, rl_mouse_t *mouse, gsl_rng *r,
    rl_session_workspace_t *w, rl_session_result_t *out, rl_error_t *err);

/* Append an event to w's buffer. Returns 0 or RL_ERR_NOMEM. For the session drivers
** (session.c, place.c). */
int rl_session_log(rl_session_workspace_t *w, double t_s, int kind, int in_timeout);

/* End a session at time t (s): log its end, close the mouse's session
** (rl_mouse_end_session), and give out its duration, activity indices, dopamine and cocaine
** readouts (rl_mouse_brain_readout) and an owned copy of w's events. Returns 0 or
** RL_ERR_NOMEM. */
int rl_session_close(rl_mouse_t *mouse, rl_session_workspace_t *w, double t,
    rl_session_result_t *out, rl_error_t *err);

#endif
