/* subject.h -- (internal) one mouse through its whole procedure, phase after phase.
**
** Draws the mouse's individual parameters from its own stream, builds it from its group's
** genotype (gene products) and reinforcer, then runs the procedure's phases: a fixed
** number of sessions, or sessions until the phase criterion is met (at least `sessions`,
** at most `max_sessions`). Criteria are evaluated after each session; the extinction
** reference comes from the named earlier phase. Sessions are separated by the protocol's
** intersession interval.
*/
#ifndef RL_COHORT_SUBJECT_H
#define RL_COHORT_SUBJECT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "relapselab/error.h"
#include "relapselab/mouse.h"
#include "relapselab/params.h"
#include "relapselab/protocol.h"
#include "relapselab/results.h"
#include "relapselab/rng.h"
#include "chamber/session.h"


/* Simulate subject subject_id (member index_in_group of group) with master seed, drawing
** its parameters around base (NULL = the parameter table, see rl_params_draw). r and w
** are scratch (reseeded/reused here). On success out owns its sessions; free with
** rl_subject_result_free() in all cases. Returns 0, RL_ERR_NOMEM, or RL_ERR_INTERRUPTED
** if *cancel becomes non-zero between sessions (cancel may be NULL), or a stop flag of w
** is raised (between sessions or within one: session.h). */
int rl_subject_simulate(const rl_protocol_t *protocol, const rl_params_t *base,
    int subject_id, int group, int index_in_group, uint64_t seed, gsl_rng *r,
    rl_session_workspace_t *w,
    const atomic_int *cancel, rl_subject_result_t *out, rl_error_t *err);

/* As rl_subject_simulate(), but only the first n_phases phases of the subject's procedure
** (all of them if n_phases >= its number of phases): the training before a test that the
** caller runs itself (relapselab screen). If mouse_out is not NULL (a mouse from
** rl_mouse_new()) the subject is trained in it, and it is left as it is after the last
** session (copy it with rl_mouse_copy() to test one trained mouse under several
** conditions); with NULL the mouse is allocated and freed here. */
int rl_subject_train(const rl_protocol_t *protocol, const rl_params_t *base, int subject_id,
    int group, int index_in_group, uint64_t seed, int n_phases, gsl_rng *r,
    rl_session_workspace_t *w, const atomic_int *cancel, rl_mouse_t *mouse_out,
    rl_subject_result_t *out, rl_error_t *err);

/* One session of a subject's life, as the cohort, the screen and the trace figures all
** begin it: the session in the plan's phase (session `index` of it, 0-based). */
typedef struct rl_session_plan {
    const rl_protocol_t *protocol;   /* for the intersession interval */
    const rl_phase_t *phase;
    int index;                       /* session of the phase, 0-based */
    bool first;                      /* the mouse's first session */
    const rl_treatment_t *extra;     /* more doses before it (a screen's treatment arm) */
    int n_extra;
    uint64_t seed;                   /* the run's master seed */
    rl_stream_kind_t stream_kind;    /* the session's stream (rng.h), 0 meaning
                                        RL_STREAM_BEHAVIOUR; a screen test: RL_STREAM_TEST */
    uint64_t subject;                /* the stream's subject and session key */
    uint64_t stream_key;
} rl_session_plan_t;

/* Begin and run one session of mouse: the home-cage interval since the last session (the
** protocol's intersession interval, plus the phase's abstinence days before its first
** session) [ABS-1], the phase's treatments and stressors due with this session [DRG-6],
** [STR-1], the place-pairing drug [CPP-1], the plan's extra doses, the behaviour stream,
** then the chamber (operant, or the place apparatus for place phases). out gets the
** session (owned events); the caller sets its subject_id/phase/session_in_phase/day and
** criterion_met. Returns 0, or an error of the drugs, stressors or chamber (out is then
** empty). */
int rl_subject_session(rl_mouse_t *mouse, const rl_session_plan_t *plan, gsl_rng *r,
    rl_session_workspace_t *w, rl_session_result_t *out, rl_error_t *err);


#endif
