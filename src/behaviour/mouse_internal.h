/* mouse_internal.h -- inside the virtual mouse: the struct behind the opaque rl_mouse_t.
**
** Included only by the files of src/behaviour and by unit tests that look inside a mouse
** (to set a trained state directly, or to check an equation of docs/MODEL.md term by
** term). Every other module sees the mouse through include/relapselab/mouse.h: the chamber
** asks it for rates, its clock, its brain cocaine and what its reinforcer delivers; the
** cohort gives it drugs and stressors. The fields below are the model's state variables; their equations
** are in docs/MODEL.md under the IDs given beside them.
*/
#ifndef RELAPSELAB_MOUSE_INTERNAL_H
#define RELAPSELAB_MOUSE_INTERNAL_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

#include "biology/dopamine.h"
#include "relapselab/genotype.h"
#include "relapselab/mouse.h"
#include "biology/opioid.h"
#include "relapselab/params.h"
#include "biology/pk.h"
#include "relapselab/results.h"
#include "biology/stress.h"

enum { RL_CAUSE_DRUG = 0, RL_CAUSE_EXTINCTION = 1, RL_N_CAUSES = 2 };

/* What the mouse's brain did this session, accumulated as the clock advances [OBS-1]:
** observation only -- nothing in the model reads it. */
typedef struct rl_mouse_obs {
    double da_pre_nM;        /* drug-free, stress-free tonic DA at the session start */
    double da_s;             /* integral of tonic DA over the session so far, nM s */
    double da_peak_nM;       /* its maximum so far */
    double coc_s;            /* integral of brain cocaine, uM s */
    double coc_peak_uM;      /* its maximum so far */
} rl_mouse_obs_t;

/* One dose given to the mouse: a bolus, or a constant-rate infusion of dose_mg_per_kg over
** duration_min. */
typedef struct rl_mouse_dose {
    int drug;                /* index in the drug table */
    int route;               /* rl_route_t */
    double dose_mg_per_kg;
    double t_min;            /* minutes from the start of the mouse's first session */
    double duration_min;     /* 0: a bolus; > 0: an infusion */
} rl_mouse_dose_t;

struct rl_mouse {
    rl_params_t p;
    rl_gene_products_t g;
    /* the reinforcer this mouse works for */
    bool works_for_drug;
    double dose_mg_per_kg;   /* unit dose now: the reinforcer's, or its phase's */
    double reinforcer_dose_mg_per_kg; /* the reinforcer's own unit dose */
    double infusion_s;
    double palatability;     /* food: hedonic value per delivery (reference pellet 1) */
    double satiety_per_delivery; /* food: reference pellets of satiety per delivery */
    bool liquid;             /* food: a liquid delivery (dipper, pump), not a pellet */
    /* derived constants */
    rl_pk_t pk;
    double da_base_nM;       /* tonic DA at rest */
    double day_f;            /* this session's factor on the cocaine set point [BEH-2] */
    double d1_base;          /* D1 occupancy at rest */
    /* persistent state */
    double v[RL_N_CAUSES];   /* value of completing the response requirement, per cause, RU */
    double n_hat;            /* expected counted responses per completion */
    double v_cue[RL_N_CAUSES]; /* Pavlovian value of the cue in each cause, RU */
    double o_cue[RL_N_CAUSES]; /* [OP-9] the cue's conditioned opioid release in each cause:
                             ** the D1 drive of peptide release it predicts, Kd */
    double n_cause[RL_N_CAUSES]; /* decayed experience of each latent cause, sessions */
    double completions[RL_N_CAUSES]; /* belief-weighted completions seen in each cause */
    double drug_seen[RL_N_CAUSES];   /* ... of which the reinforcer followed */
    double cue_seen[RL_N_CAUSES];    /* ... of which the cue followed */
    bool ext_cause_open;             /* a surprising omission has opened the second cause */
    double dyn_induced;      /* cocaine-induced dynorphin pool */
    double drug_reward_sum;  /* primary rewards of the drug outcomes met, RU [STR-4] */
    double drug_reward_n;    /* ... and their number */
    double drug_state_sum;   /* relative tonic DA rises the drug outcomes came with [BEL-5] */
    double relief_w;         /* [STR-4] expectancy that a completion relieves dysphoria, 0..1 */
    double habit;            /* [LRN-5] active responses per minute the habit emits at full drive */
    double v_deficit[RL_N_CAUSES]; /* [OP-8] within a session, the stored trace of v (whose
                             ** negative errors KOR frustration deepens) minus v, <= 0; added
                             ** to v at the session's end */
    bool habit_ext;          /* [LRN-5] a reinforcer has been omitted this session */
    double chamber_h;        /* [BEH-6] hours spent in operant sessions so far */
    double explore_f;        /* [BEH-6] habituated fraction of the exploratory rate */
    double v_place[RL_N_CAUSES][2]; /* Pavlovian value of each compartment of a place-
                             ** preference apparatus (0: drug-paired, 1: other), RU [CPP-1] */
    double v_place_deficit[RL_N_CAUSES][2]; /* [OP-8] their stored traces minus them, <= 0;
                             ** added at the next session's start */
    /* within-session state */
    double t_s;              /* the mouse's clock, s from session start */
    rl_pk_state_t pk_state;
    rl_peptides_t pep;
    rl_receptor_signals_t sig;  /* held between advances */
    double release_gain;        /* KOR inhibition of DA release, held between advances */
    double logodds;             /* log P(drug cause) / P(extinction cause) */
    double belief_s[RL_N_CAUSES]; /* integral of the belief over the session */
    double food_eaten;          /* food this session, in reference pellets [BEH-2] */
    int64_t cues_unreinforced;  /* cue presentations without the reinforcer this session */
    int64_t n_run;              /* counted responses since the last completion */
    int64_t reinforced_n;       /* completions followed by the reinforcer this session [LRN-5] */
    double want;                /* cue-triggered wanting at the clock, RU [BEH-4] */
    double activity[RL_N_REGIONS]; /* this session's activity indices [FOS-1] */
    double da_rise_s;           /* integral of the relative tonic DA rise, s [CPP-1] */
    double da_incentive;        /* lagged relative tonic DA rise of the drug state [BEH-5] */
    double place_rise_mark;     /* da_rise_s when the current compartment stay began */
    rl_mouse_obs_t obs;         /* this session's DA and cocaine readouts [OBS-1] */
    /* drug treatments [DRG-6] */
    double session_start_min;   /* start of this session, min from the first session's */
    int n_doses;
    rl_mouse_dose_t doses[RL_MOUSE_MAX_DOSES];
    rl_da_drugs_t dad;          /* drug loads at DAT, D1, D2, held between advances [DRG-7] */
    /* Memo of the last tonic-DA solve [DA-2] for each of two kinds of call (drug-free and
    ** with cocaine): the solve is a pure function of (cocaine, release gain, drug loads)
    ** for a mouse's fixed p and g, so a call with the same inputs returns the stored result
    ** bit for bit. A cache, not state: nothing in the model reads it; rl_mouse_init clears
    ** it, and a copied mouse's memo is valid for the copy (same p and g). */
    struct rl_da_memo {
        bool valid;
        double coc_uM, release_gain;
        rl_da_drugs_t dad;
        double da_nM;
    } da_memo[2];
    /* Memo of the advance's decay factors e^{-dt/tau} of wanting [BEH-4] and of the drug
    ** state's incentive [BEH-5] for the last step dt (most steps are peptide_step_s long):
    ** a cache like da_memo (zeroed, factor 0, it is empty). */
    struct rl_decay_memo {
        double dt_s, factor;
    } want_decay, incentive_decay;
    /* stress [STR-1..4] */
    int n_stress;
    rl_stress_pulse_t stress[RL_MOUSE_MAX_STRESS]; /* times in min from the first session */
    double crf;                 /* stress state, held between advances */
};

/* mouse_obs.c [OBS-1]: observe one step of rl_mouse_advance() with cocaine (not drug-free:
** there DA is constant and cocaine below 1e-6 uM counts as none, mouse.c adds it) from the
** clock, before the PK state advances (*step from rl_pk_brain_step): tonic DA da_nM at the
** midpoint's brain cocaine c_mid, the signals held. Cocaine's integral is exact and DA's is
** the tangent at the midpoint (slope dD/dC) integrated over the exact cocaine curve. The peaks are the
** values at cocaine's exact maximum over the step [PK-4], computed only when a bound there
** exceeds the peak so far: cocaine's cheap upper bound, and for DA the tangent at it (an
** upper bound too, DA being concave in cocaine). Reads the mouse, writes only self->obs. */
/* The mouse's clock in minutes: its session's start plus the time within it (mouse.c). */
double rl_mouse_now_min(const rl_mouse_t *self);

/* Recompute the signals (stress, opioid receptors, the drugs' action, release gain) at the
** clock after a dose or a stressor (mouse.c). */
void rl_mouse_refresh_signals(rl_mouse_t *self);

void rl_mouse_observe_step(rl_mouse_t *self, const rl_pk_step_t *step, double c_mid,
    double da_nM);

/* Tonic DA (nM) at brain cocaine coc_uM in the mouse's current state, as
** rl_mouse_tonic_da_at() but through the mouse's memo (da_memo): a repeated call returns the
** stored value, a new one starts Newton from the last solution. The model's own calls go
** through it, so the memo's history is the same whatever is observed. [DA-2] */
double rl_mouse_da_memo(const rl_mouse_t *self, double coc_uM);

/* A lower bound (nM) of tonic DA at every brain cocaine >= coc_uM in the mouse's current
** state, for the response-rate bound [BEH-3]: exact when coc_uM is 0 or the memo holds that
** solve (no new solve, or a drug-free one the window's steps reuse), else one Newton step
** from the memo's last solve with cocaine (rl_da_tonic_lower_nM), the memo untouched
** (mouse_da.c). */
double rl_mouse_da_lower(const rl_mouse_t *self, double coc_uM);

/* Small helpers shared by mouse.c and mouse_place.c (inline: some are on the event loop's
** hot path). */

#define LOGODDS_MAX 12.0 /* the belief's log-odds are clipped to +-LOGODDS_MAX */

/* [OP-5] NAc DOR incentive gain. */
static inline double
incentive_gain(const rl_mouse_t *self)
{
    return 1.0 + self->p.dor_incentive_gain * self->sig.dor_nac; /* [OP-5] */
}

/* [STR-4] what the drug does when it comes: the mean primary reward of the drug outcomes
** met so far (RU), a property of the outcome that extinction does not erase. */
static inline double
drug_effect(const rl_mouse_t *self)
{
    return self->drug_reward_n > 0.0 ? self->drug_reward_sum / self->drug_reward_n : 0.0;
}

/* [BEL-2] log P_drug(x)/P_ext(x) for a binary feature x of a completion's outcome, each
** cause's probability from its (belief-weighted) counts with a Beta(1/2, 1/2) prior. */
static inline double
log_ratio(const double *seen, const double *total, bool present)
{
    double pa = (seen[RL_CAUSE_DRUG] + 0.5) / (total[RL_CAUSE_DRUG] + 1.0);
    double pe = (seen[RL_CAUSE_EXTINCTION] + 0.5) / (total[RL_CAUSE_EXTINCTION] + 1.0);
    return present ? log(pa / pe) : log((1.0 - pa) / (1.0 - pe));
}

/* [BEL-2] the log-odds after evidence e, clipped. */
static inline void
add_evidence(rl_mouse_t *self, double e)
{
    self->logodds = fmin(fmax(self->logodds + e, -LOGODDS_MAX), LOGODDS_MAX);
}

#endif
