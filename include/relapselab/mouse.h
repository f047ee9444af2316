/* mouse.h -- the virtual mouse: body, brain and learning (docs/MODEL.md [BEH-*], [LRN-*],
** [BEL-*]; the layers below are pk.h, dopamine.h, opioid.h).
**
** A mouse carries its individual parameters, its gene products, the reinforcer it works
** for, and two kinds of state: persistent (learned values, latent-cause experience,
** induced dynorphin) that survives between sessions, and within-session (cocaine in body
** and brain, peptide levels, belief about the current latent cause). The chamber
** (session.c, place.c) drives it: advance the clock, ask for response rates, report what a
** response produced. Rates are exact functions of brain cocaine between calls to
** rl_mouse_advance(); the slower peptide-driven signals are held at their value at the last
** advance, which the chamber calls at least every rl_mouse_peptide_step_s() seconds.
**
** rl_mouse_t is opaque: other modules ask the mouse through the functions below (its
** state lives in src/behaviour/mouse_internal.h). A mouse is one block of memory with no
** pointers out: rl_mouse_copy() duplicates a trained mouse cheaply (one memcpy), so one
** mouse can be tested under several conditions.
*/
#ifndef RELAPSELAB_MOUSE_H
#define RELAPSELAB_MOUSE_H

#include <stdbool.h>

#include "relapselab/api.h"
#include "relapselab/error.h"
#include "relapselab/genotype.h"
#include "relapselab/params.h"
#include "relapselab/protocol.h"
#include "relapselab/results.h"

/* RL_MOUSE_MAX_DOSES: the drug doses a mouse keeps at once (see rl_mouse_give; a dose whose
** effect has ended -- its brain concentration underflowed to 0 -- is dropped, unless its
** drug inactivates receptors for weeks). RL_MOUSE_MAX_STRESS: the stress pulses it keeps
** (older ones, whose effect has decayed below e^-50, are dropped; see rl_mouse_stress).
** Both are rows of the table of limits (protocol_limits.h). */

typedef struct rl_mouse rl_mouse_t;

/* What an active response produced. */
typedef struct rl_outcome {
    bool counted;        /* outside timeout/delivery: the schedule counted it */
    bool completed;      /* it completed the response requirement */
    bool reinforcer;     /* a drug infusion or pellet was delivered */
    bool cue;            /* the cue light came on */
} rl_outcome_t;

/* What a reinforcer the mouse works for delivers (rl_mouse_reinforcer). */
typedef struct rl_mouse_reinforcer {
    bool drug;               /* an intravenous drug infusion (true) or food (false) */
    bool liquid;             /* food: a drop of a solution (dipper, pump), not a pellet */
    double dose_mg_per_kg;   /* drug: dose per infusion; 0 for a pellet */
    double infusion_s;       /* drug: infusion duration, s; 0 for a pellet */
} rl_mouse_reinforcer_t;

/* A new mouse, not yet set up (zeroed): call rl_mouse_init() before anything else. Owned
** by the caller, freed with rl_mouse_free(). Returns NULL when out of memory. */
RL_API rl_mouse_t *rl_mouse_new(void);

/* Free a mouse from rl_mouse_new(); NULL is allowed. */
RL_API void rl_mouse_free(rl_mouse_t *self);

/* Make dst (from rl_mouse_new()) an exact copy of src: same parameters, state and clock,
** so both continue identically from here. No allocation; cost of one memcpy of the mouse
** (about 9 kB). */
RL_API void rl_mouse_copy(rl_mouse_t *dst, const rl_mouse_t *src);

/* Set up a naive mouse. p and g are copied; reinforcer gives what the mouse works for. */
RL_API void rl_mouse_init(rl_mouse_t *self, const rl_params_t *p, const rl_gene_products_t *g,
    const rl_reinforcer_t *reinforcer);

/* Start a session hours_since_last hours after the start of the previous one (ignored for
** the first session): the body clears, slow processes decay, the belief starts at the
** latent-cause prior, the clock is set to 0. [BEL-1] */
RL_API void rl_mouse_begin_session(rl_mouse_t *self, double hours_since_last, bool first);

/* Advance the clock to t_s >= the clock (rl_mouse_clock_s): cocaine exactly, peptides and dynorphin induction
** by exponential steps of at most peptide_step_s. */
RL_API void rl_mouse_advance(rl_mouse_t *self, double t_s);

/* Response rates (1/s) at time t_s >= the clock, from brain cocaine at t_s and signals
** held since the last advance. Returns active + inactive. [BEH-1], [BEH-2] */
RL_API double rl_mouse_rates(const rl_mouse_t *self, double t_s, double *active_out,
    double *inactive_out);

/* An upper bound of the total response rate on [clock, t_end_s] (rates fall as brain
** cocaine rises, so the bound is the rate at the lowest concentration). [PK-4], [BEH-3] */
RL_API double rl_mouse_rate_bound(const rl_mouse_t *self, double t_end_s);

/* Learning and belief after an active response at the current clock. Call before starting
** the infusion it triggers. [LRN-1]..[LRN-4], [BEL-2] */
RL_API void rl_mouse_on_active(rl_mouse_t *self, const rl_outcome_t *outcome);

/* The drug reinforcer's unit dose (mg/kg per infusion) from the next infusion on: a
** phase's own dose (rl_phase_t.dose_mg_per_kg); 0 restores the reinforcer's. It sets what
** an infusion delivers (the mouse's PK [PK-3], rl_mouse_reinforcer) and so the reward it
** brings [LRN-1]. No effect for a mouse that works for food. */
RL_API void rl_mouse_set_unit_dose(rl_mouse_t *self, double dose_mg_per_kg);

/* The session's day state [BEH-2]: the cocaine set point is multiplied, until the next call,
** by exp(s z - s^2/2) with s^2 = ln(1 + da_set_day_cv^2) -- a lognormal factor of mean 1 and
** CV da_set_day_cv for a standard normal z (1 whatever z when the CV is 0). Call after
** rl_mouse_begin_session(); a new mouse's factor is 1. */
RL_API void rl_mouse_set_day(rl_mouse_t *self, double z);

/* The current day factor on the cocaine set point (1 until rl_mouse_set_day()). */
RL_API double rl_mouse_day(const rl_mouse_t *self);

/* Start (on = true) or stop the drug infusion at the current clock. */
RL_API void rl_mouse_infusion(rl_mouse_t *self, bool on);

/* Give the mouse a dose of drug (index in the drug table) by route at t_rel_min minutes
** from the start of the current session (negative: before it; positive: during it, a
** time the chamber stops at). From then on the drug acts at the opioid receptors through
** its concentration, affinities, efficacy and receptor inactivation [DRG-6]. Returns 0, or
** RL_ERR_INVALID (unknown drug, a route without data, a bad dose, or more than
** RL_MOUSE_MAX_DOSES doses acting) with a message in err. */
RL_API int rl_mouse_give(rl_mouse_t *self, int drug, int route, double dose_mg_per_kg,
    double t_rel_min, rl_error_t *err);

/* As rl_mouse_give(), a constant-rate infusion of dose_mg_per_kg in all over duration_min
** (> 0) minutes from t_rel_min [DRG-8]. A time in the session's future is a discontinuity
** the chamber stops at (rl_mouse_next_dose_s). Returns 0, or RL_ERR_INVALID as
** rl_mouse_give(), and for a drug with long-lasting receptor inactivation. */
RL_API int rl_mouse_infuse(rl_mouse_t *self, int drug, int route, double dose_mg_per_kg,
    double t_rel_min, double duration_min, rl_error_t *err);

/* The next time (s from the current session's start) after the clock at which a dose given
** to the mouse starts or an infusion ends; INFINITY if none. The chamber ends its
** sampling windows there, so the drug's action (held between advances) changes exactly at
** the dose [BEH-3]. */
RL_API double rl_mouse_next_dose_s(const rl_mouse_t *self);

/* A stressor of drive `units` (stress units, rl_stress_units()) from t_rel_min minutes
** from the start of the current session (negative: before it) for duration_min minutes.
** From then on the stress state acts through CRF-released dynorphin at the affect KOR
** site and on cue-triggered wanting [STR-1..4]. Returns 0, or RL_ERR_INVALID (bad numbers
** or too many stressors still acting) with a message in err. */
RL_API int rl_mouse_stress(rl_mouse_t *self, double units, double t_rel_min, double duration_min,
    rl_error_t *err);

/* A cue presentation at the current clock that no response produced (non-contingent):
** cue-evoked DA, cue-triggered wanting, evidence about the latent cause and unreinforced
** Pavlovian learning, as for a cue after a response without the reinforcer. [LRN-3],
** [LRN-4], [BEH-4], [BEL-2], [BEL-4] */
RL_API void rl_mouse_on_cue(rl_mouse_t *self);

/* [CPP-1] A place-conditioning session confined to compartment side (0: drug-paired, 1:
** the other) ends after session_s seconds: the compartment's value learns toward the
** session's mean relative DA rise (its drug state); in the drug-paired compartment the
** mouse also records whether the drug was found there [BEL-2]. */
RL_API void rl_mouse_place_confined_end(rl_mouse_t *self, int side, double session_s);

/* [CPP-2] Rate (1/s) at which the mouse leaves compartment side for the other one, from
** the two compartments' values with the signals held at the clock. */
RL_API double rl_mouse_place_leave_rate(const rl_mouse_t *self, int side);

/* [CPP-3] A stay of dwell_s seconds in compartment side ended at the clock (the mouse left,
** or the test ended): in the drug-paired compartment without the drug, the expected drug
** was omitted -- evidence for the extinction cause, frustration, extinction learning. */
RL_API void rl_mouse_place_stay_end(rl_mouse_t *self, int side, double dwell_s);

/* Close the session: latent-cause experience grows by the session's mean belief. [BEL-3] */
RL_API void rl_mouse_end_session(rl_mouse_t *self);

/* Tonic DA (nM) at brain cocaine coc_uM with the release gain and drug loads held at the
** clock. */
RL_API double rl_mouse_tonic_da_at(const rl_mouse_t *self, double coc_uM);

/* Observables at the current clock. */
RL_API double rl_mouse_brain_cocaine_uM(const rl_mouse_t *self);
RL_API double rl_mouse_tonic_da_nM(const rl_mouse_t *self);
RL_API double rl_mouse_belief_drug(const rl_mouse_t *self);

/* Brain cocaine (uM) at time t_s of the session (the clock if t_s is earlier), exact from
** the state at the clock; nothing changes [PK-3]. */
RL_API double rl_mouse_brain_cocaine_at(const rl_mouse_t *self, double t_s);

/* This session's dopamine and cocaine readouts so far (means over [0, clock], peaks,
** the pre-session level), into *out [OBS-1]. */
RL_API void rl_mouse_brain_readout(const rl_mouse_t *self, rl_brain_readout_t *out);

/* The mouse's clock: s from the start of the current session. */
RL_API double rl_mouse_clock_s(const rl_mouse_t *self);

/* The longest time (s) the slow peptide-driven signals may be held: the chamber advances
** the mouse at least this often (its individual peptide_step_s). */
RL_API double rl_mouse_peptide_step_s(const rl_mouse_t *self);

/* What the reinforcer the mouse works for delivers, into *out. */
RL_API void rl_mouse_reinforcer(const rl_mouse_t *self, rl_mouse_reinforcer_t *out);

/* This session's activity indices per region (arbitrary units, time integrals and counts
** of the signals of [FOS-1]), into out[0..RL_N_REGIONS). */
RL_API void rl_mouse_activity(const rl_mouse_t *self, double out[RL_N_REGIONS]);

/* The drive of stressor s for this mouse, in stress units (rl_stress_units() with the
** mouse's own parameters) [STR-1]: what rl_mouse_stress() takes. */
RL_API double rl_mouse_stress_units(const rl_mouse_t *self, const rl_stressor_t *s);

#endif
