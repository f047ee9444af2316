/* place.h -- (internal) the conditioned place preference apparatus: two compartments, one session
** (docs/MODEL.md [CPP-1]..[CPP-3], docs/PROTOCOL.md "Place preference").
**
** A place_conditioning session confines the mouse to one compartment: the drug-paired one
** (compartment 0) after the pairing drug, or the other one (1) after saline, alternating
** through the phase; with a saline pairing every session is saline, alternating
** compartments. A place_test session gives free access: the mouse starts in a compartment
** drawn at random and crosses at the rate the mouse model gives (exact: the rate is
** constant between the model's signal updates, so each stay is an exponential draw
** against the next update). Both log an entry event for each compartment entered and
** report the time in each compartment (rl_session_result_t.place_s).
*/
#ifndef RL_CHAMBER_PLACE_H
#define RL_CHAMBER_PLACE_H

#include <stdbool.h>

#include <gsl/gsl_rng.h>

#include "relapselab/error.h"
#include "relapselab/mouse.h"
#include "relapselab/protocol.h"
#include "relapselab/results.h"
#include "chamber/session.h"

/* The compartment of session i (0-based) of a place_conditioning phase: 0 drug-paired,
** 1 the other. */
int rl_place_side(const rl_phase_t *phase, int i);

/* True if session i of a place_conditioning phase is preceded by the pairing drug. */
bool rl_place_drug_session(const rl_phase_t *phase, int i);

/* Run session i of a place phase for mouse (already begun, drugs and stressors given),
** drawing every random number from r. Fills out as rl_session_run() does (place_s,
** events; no pokes). Returns 0, RL_ERR_NOMEM, or RL_ERR_INTERRUPTED when a stop flag of w
** is raised (polled as in rl_session_run). */
int rl_place_session_run(const rl_phase_t *phase, int i, rl_mouse_t *mouse, gsl_rng *r,
    rl_session_workspace_t *w, rl_session_result_t *out, rl_error_t *err);

/* CPP score of a test (s): time in the drug-paired compartment minus time in the other. */
double rl_place_score_s(const rl_session_result_t *s);

#endif
