/* mouse.h -- the virtual mouse: body, brain and learning (docs/MODEL.md [BEH-*], [LRN-*],
** [BEL-*]; the layers below are pk.h, dopamine.h, opioid.h).
**
** A mouse carries its individual parameters, its gene products, the reinforcer it works
** for, and two kinds of state: persistent (learned values, latent-cause experience,
** induced dynorphin) that survives between sessions, and within-session (cocaine in body
** and brain, peptide levels, belief about the current latent cause). The chamber
** (session.c) drives it: advance the clock, ask for response rates, report what a response
** produced. Rates are exact functions of brain cocaine between calls to rl_mouse_advance();
** the slower peptide-driven signals are held at their value at the last advance, which the
** session loop calls at least every peptide_step_s seconds.
*/
#ifndef RELAPSELAB_MOUSE_H
#define RELAPSELAB_MOUSE_H

#include <stdbool.h>
#include <stdint.h>

#include "relapselab/dopamine.h"
#include "relapselab/genotype.h"
#include "relapselab/opioid.h"
#include "relapselab/params.h"
#include "relapselab/pk.h"
#include "relapselab/protocol.h"
#include "relapselab/results.h"
#include "relapselab/stress.h"

enum { RL_CAUSE_DRUG = 0, RL_CAUSE_EXTINCTION = 1, RL_N_CAUSES = 2 };

/* Drug treatments a mouse can receive over its life (see rl_mouse_give). */
#define RL_MOUSE_MAX_DOSES 256
/* Stress pulses a mouse keeps (older ones, whose effect has decayed below e^-50, are
** dropped; see rl_mouse_stress). */
#define RL_MOUSE_MAX_STRESS 64

/* One dose given to the mouse. */
typedef struct rl_mouse_dose {
    int drug;                /* index in the drug table */
    int route;               /* rl_route_t */
    double dose_mg_per_kg;
    double t_min;            /* minutes from the start of the mouse's first session */
} rl_mouse_dose_t;

typedef struct rl_mouse {
    rl_params_t p;
    rl_gene_products_t g;
    /* the reinforcer this mouse works for */
    bool works_for_drug;
    double dose_mg_per_kg;
    double infusion_s;
    double palatability;
    /* derived constants */
    rl_pk_t pk;
    double da_base_nM;       /* tonic DA at rest */
    double d1_base;          /* D1 occupancy at rest */
    /* persistent state */
    double v[RL_N_CAUSES];   /* value of completing the response requirement, per cause, RU */
    double n_hat;            /* expected counted responses per completion */
    double v_cue[RL_N_CAUSES]; /* Pavlovian value of the cue in each cause, RU */
    double n_cause[RL_N_CAUSES]; /* decayed experience of each latent cause, sessions */
    double completions[RL_N_CAUSES]; /* belief-weighted completions seen in each cause */
    double drug_seen[RL_N_CAUSES];   /* ... of which the reinforcer followed */
    double cue_seen[RL_N_CAUSES];    /* ... of which the cue followed */
    bool ext_cause_open;             /* a surprising omission has opened the second cause */
    double dyn_induced;      /* cocaine-induced dynorphin pool */
    double drug_reward_sum;  /* primary rewards of the drug outcomes met, RU [STR-4] */
    double drug_reward_n;    /* ... and their number */
    double v_place[RL_N_CAUSES][2]; /* Pavlovian value of each compartment of a place-
                             ** preference apparatus (0: drug-paired, 1: other), RU [CPP-1] */
    /* within-session state */
    double t_s;              /* the mouse's clock, s from session start */
    rl_pk_state_t pk_state;
    rl_peptides_t pep;
    rl_receptor_signals_t sig;  /* held between advances */
    double release_gain;        /* KOR inhibition of DA release, held between advances */
    double logodds;             /* log P(drug cause) / P(extinction cause) */
    double belief_s[RL_N_CAUSES]; /* integral of the belief over the session */
    int64_t pellets;            /* eaten this session */
    int64_t cues_unreinforced;  /* cue presentations without the reinforcer this session */
    int64_t n_run;              /* counted responses since the last completion */
    double want;                /* cue-triggered wanting at the clock, RU [BEH-4] */
    double activity[RL_N_REGIONS]; /* this session's activity indices [FOS-1] */
    double da_rise_s;           /* integral of the relative tonic DA rise, s [CPP-1] */
    double place_rise_mark;     /* da_rise_s when the current compartment stay began */
    /* drug treatments [DRG-6] */
    double session_start_min;   /* start of this session, min from the first session's */
    int n_doses;
    rl_mouse_dose_t doses[RL_MOUSE_MAX_DOSES];
    rl_da_drugs_t dad;          /* drug loads at DAT, D1, D2, held between advances [DRG-7] */
    /* stress [STR-1..4] */
    int n_stress;
    rl_stress_pulse_t stress[RL_MOUSE_MAX_STRESS]; /* times in min from the first session */
    double crf;                 /* stress state, held between advances */
} rl_mouse_t;

/* What an active response produced. */
typedef struct rl_outcome {
    bool counted;        /* outside timeout/delivery: the schedule counted it */
    bool completed;      /* it completed the response requirement */
    bool reinforcer;     /* a drug infusion or pellet was delivered */
    bool cue;            /* the cue light came on */
} rl_outcome_t;

/* Set up a naive mouse. p and g are copied; reinforcer gives what the mouse works for. */
void rl_mouse_init(rl_mouse_t *self, const rl_params_t *p, const rl_gene_products_t *g,
    const rl_reinforcer_t *reinforcer);

/* Start a session hours_since_last hours after the start of the previous one (ignored for
** the first session): the body clears, slow processes decay, the belief starts at the
** latent-cause prior, the clock is set to 0. [BEL-1] */
void rl_mouse_begin_session(rl_mouse_t *self, double hours_since_last, bool first);

/* Advance the clock to t_s >= self->t_s: cocaine exactly, peptides and dynorphin induction
** by exponential steps of at most peptide_step_s. */
void rl_mouse_advance(rl_mouse_t *self, double t_s);

/* Response rates (1/s) at time t_s >= self->t_s, from brain cocaine at t_s and signals
** held since the last advance. Returns active + inactive. [BEH-1], [BEH-2] */
double rl_mouse_rates(const rl_mouse_t *self, double t_s, double *active_out,
    double *inactive_out);

/* An upper bound of the total response rate on [self->t_s, t_end_s] (rates fall as brain
** cocaine rises, so the bound is the rate at the lowest concentration). [PK-4], [BEH-3] */
double rl_mouse_rate_bound(const rl_mouse_t *self, double t_end_s);

/* Learning and belief after an active response at the current clock. Call before starting
** the infusion it triggers. [LRN-1]..[LRN-4], [BEL-2] */
void rl_mouse_on_active(rl_mouse_t *self, const rl_outcome_t *outcome);

/* Start (on = true) or stop the drug infusion at the current clock. */
void rl_mouse_infusion(rl_mouse_t *self, bool on);

/* Give the mouse a dose of drug (index in the drug table) by route at t_rel_min minutes
** from the start of the current session (negative: before it). From then on the drug acts
** at the opioid receptors through its concentration, affinities, efficacy and receptor
** inactivation [DRG-6]. Returns 0, or RL_ERR_INVALID (unknown drug, a route without data,
** a bad dose, or more than RL_MOUSE_MAX_DOSES doses) with a message in err. */
int rl_mouse_give(rl_mouse_t *self, int drug, int route, double dose_mg_per_kg,
    double t_rel_min, rl_error_t *err);

/* A stressor of drive `units` (stress units, rl_stress_units()) from t_rel_min minutes
** from the start of the current session (negative: before it) for duration_min minutes.
** From then on the stress state acts through CRF-released dynorphin at the affect KOR
** site and on cue-triggered wanting [STR-1..4]. Returns 0, or RL_ERR_INVALID (bad numbers
** or too many stressors still acting) with a message in err. */
int rl_mouse_stress(rl_mouse_t *self, double units, double t_rel_min, double duration_min,
    rl_error_t *err);

/* A cue presentation at the current clock that no response produced (non-contingent):
** cue-evoked DA, cue-triggered wanting, evidence about the latent cause and unreinforced
** Pavlovian learning, as for a cue after a response without the reinforcer. [LRN-3],
** [LRN-4], [BEH-4], [BEL-2], [BEL-4] */
void rl_mouse_on_cue(rl_mouse_t *self);

/* [CPP-1] A place-conditioning session confined to compartment side (0: drug-paired, 1:
** the other) ends after session_s seconds: the compartment's value learns toward the
** session's mean relative DA rise (its drug state); in the drug-paired compartment the
** mouse also records whether the drug was found there [BEL-2]. */
void rl_mouse_place_confined_end(rl_mouse_t *self, int side, double session_s);

/* [CPP-2] Rate (1/s) at which the mouse leaves compartment side for the other one, from
** the two compartments' values with the signals held at the clock. */
double rl_mouse_place_leave_rate(const rl_mouse_t *self, int side);

/* [CPP-3] A stay of dwell_s seconds in compartment side ended at the clock (the mouse left,
** or the test ended): in the drug-paired compartment without the drug, the expected drug
** was omitted -- evidence for the extinction cause, frustration, extinction learning. */
void rl_mouse_place_stay_end(rl_mouse_t *self, int side, double dwell_s);

/* Close the session: latent-cause experience grows by the session's mean belief. [BEL-3] */
void rl_mouse_end_session(rl_mouse_t *self);

/* Tonic DA (nM) at brain cocaine coc_uM with the release gain and drug loads held at the
** clock. */
double rl_mouse_tonic_da_at(const rl_mouse_t *self, double coc_uM);

/* Observables at the current clock. */
double rl_mouse_brain_cocaine_uM(const rl_mouse_t *self);
double rl_mouse_tonic_da_nM(const rl_mouse_t *self);
double rl_mouse_belief_drug(const rl_mouse_t *self);

#endif
