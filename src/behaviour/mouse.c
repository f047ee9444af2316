/* mouse.c -- learning, belief and response rates of a virtual mouse (docs/MODEL.md).
**
** Three layers meet here:
**  - choice [BEH-1..4]: the active-hole rate is exploration plus a saturating function of
**    the motivation left after the cost of a response, M = (V/N + cue-triggered wanting) x
**    incentive gain x drive (wanting comes from a cue shown without its reinforcer), V the
**    belief-weighted learned value of completing the response requirement, N the
**    responses it is expected to take (at least those already made in
**    the current run: PR breakpoints come where the value per response falls below its
**    cost), the incentive gain set by NAc DOR signalling, the drive homeostatic (tonic DA
**    below its set point, for cocaine, the set point varying from session to session by a
**    day state; satiety, for food). For cocaine V includes the
**    incentive the drug state lends the action [BEH-5]: a lagged relative rise of tonic DA
**    over rest (a prime's is large and outlasts the set point's gate) times what the drug
**    does when it comes. Inactive pokes are exploration plus a small generalised share;
**    exploration habituates with the hours spent in the chamber [BEH-6].
**  - learning [LRN-1..4]: the value of completing the requirement learns from the reward
**    it produced (the tonic-DA rise of an infusion -- DAT blockade, no opioid gene needed --
**    or a pellet's value, or the conditioned reinforcement of a cue). KOR signalling
**    (frustration) deepens the negative prediction errors of what a session stores, not of
**    what it expresses [OP-8]: a stored trace of each value learns with the KOR factor and
**    becomes the value at the session's end. The cue's Pavlovian value learns
**    from the phasic DA burst at delivery (MOR-disinhibited, KOR-damped) at a rate that DOR
**    signalling raises; with it, the beta-endorphin release the drug state held when the cue
**    came, which the cue then restores at each presentation [OP-9] (MOR at expression).
**  - habit [LRN-5]: a value-free stimulus-response habit, learned toward the rate of
**    reinforced completions and, after an omitted reinforcer, fading with the session time
**    spent in extinction (faster under KOR frustration [OP-8], as it develops: no stored
**    trace), emits the active response at its own rate times the drive, whatever the
**    belief: the goal-directed component of extinction switches, the habit fades over the
**    hours of extinction.
**  - belief [BEL-1..4]: two latent causes, "drug available" and "extinction", each with its
**    own values; learning goes to each in proportion to the belief in it. What follows a
**    completion (reinforcer, cue) is weighed as a log likelihood ratio under each cause's
**    outcome statistics; between sessions the belief restarts at a prior set by the decayed
**    experience of each cause. Extinction thus writes new learning instead of erasing the
**    old, and a cue can bring the old cause back (reinstatement), an effect that
**    habituates as the cue is repeated without the reinforcer within a session.
**  - triggers [STR-*], [BEL-5], [DRG-7]: a stress state (stress.h) releases dynorphin at an
**    affect KOR site, whose signal raises the drug drive, and amplifies cue-triggered
**    wanting; drugs given by injection act at the DAT, D1 and D2 through their loads, and
**    the tonic DA they raise is an interoceptive state that is evidence for the drug cause.
** Nothing here knows the genotype: it sees gene products only through opioid.c. The
** session's DA and cocaine readouts [OBS-1] are observed step by step in mouse_obs.c; the
** doses the mouse is given are kept in mouse_doses.c; the place-conditioning apparatus's
** learning and choice [CPP-1..3] are in mouse_place.c.
*/
#include "mouse_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "biology/dopamine.h"
#include "relapselab/drug_pk.h"
#include "core/alloc.h"


static double want_after(const rl_mouse_t *self, double dt);

static double
sigmoid(double x)
{
    return 1.0 / (1.0 + exp(-x));
}

static double
belief_drug(double logodds)
{
    return sigmoid(logodds);
}

/* [OP-1] D1 occupancy above rest at tonic DA da_nM, with the drugs given (the drive of
** peptide release; negative below rest). */
static double
d1_excess(const rl_mouse_t *self, double da_nM)
{
    return rl_da_d1_occupancy_drugs(&self->p, &self->g, da_nM, &self->dad) - self->d1_base;
}

double
rl_mouse_now_min(const rl_mouse_t *self)
{
    return self->session_start_min + self->t_s / 60.0;
}

/* The drugs' action now [DRG-6], [DRG-7]: for each drug given, its brain concentration
** from all its doses (drug_pk.c), its load C/Ki and agonism at MOR, DOR and KOR, the
** fraction of its long-acting target inactivated, and its loads at the DAT, D1 and D2. */
static void
drug_action(const rl_mouse_t *self, rl_opioid_drugs_t *dx, rl_da_drugs_t *dad)
{
    static const rl_target_t targets[3] = {RL_TARGET_MOR, RL_TARGET_DOR, RL_TARGET_KOR};
    rl_drug_dose_t doses[RL_MOUSE_MAX_DOSES];
    double now = rl_mouse_now_min(self);
    int drug, i, k;

    memset(dx, 0, sizeof *dx);
    memset(dad, 0, sizeof *dad);
    for (drug = 0; drug < rl_drug_count(); drug++) {
        const rl_drug_t *d = rl_drug_get(drug);
        size_t n = 0;
        double c = 0.0, inact = 0.0;
        for (i = 0; i < self->n_doses; i++) {
            if (self->doses[i].drug == drug) {
                doses[n].t_min = self->doses[i].t_min;
                doses[n].dose_mg_per_kg = self->doses[i].dose_mg_per_kg;
                doses[n].route = (rl_route_t) self->doses[i].route;
                doses[n].duration_min = self->doses[i].duration_min;
                n++;
            }
        }
        /* doses were checked by rl_mouse_give: these calls cannot fail */
        if (n == 0 || rl_drug_brain_nM(d, doses, n, now, &c, NULL) != 0
            || rl_drug_inactivated(d, doses, n, now, &inact, NULL) != 0) {
            continue;
        }
        for (k = 0; k < 3; k++) {
            double load = rl_drug_load(d, targets[k], c);
            dx->load[k] += load;
            dx->agonist[k] += d->target[targets[k]].efficacy.value * load;
            if (d->inact_target == targets[k] && inact > 0.0) {
                /* independent inactivation by several drugs */
                dx->inactivated[k] = 1.0 - (1.0 - dx->inactivated[k]) * (1.0 - inact);
            }
        }
        dad->dat += rl_drug_load(d, RL_TARGET_DAT, c);
        dad->d1 += rl_drug_load(d, RL_TARGET_D1, c);
        dad->d2 += rl_drug_load(d, RL_TARGET_D2, c);
        dad->net += rl_drug_load(d, RL_TARGET_NET, c);
    }
}

/* [OP-7] KOR inhibition of DA release at KOR signal kor; [STR-5] CRF in the VTA (stress
** state crf) excites DA neurons. */
static double
release_gain_of(const rl_mouse_t *self, double kor, double crf)
{
    double gain = 1.0 / (1.0 + self->p.kor_release_gain * kor);
    if (crf > 0.0) {
        gain *= 1.0 + self->p.crf_da_gain * crf;
    }
    return gain;
}

void
rl_mouse_refresh_signals(rl_mouse_t *self)
{
    if (self->n_stress > 0) { /* [STR-1], [STR-2] closed form at the clock */
        double now = rl_mouse_now_min(self);
        double y;
        rl_stress_eval(&self->p, self->stress, self->n_stress, now, &self->crf, &y);
        self->pep.dyn_stress = self->g.pdyn * self->p.crf_dyn_gain * y;
    }
    if (self->n_doses > 0) {
        rl_opioid_drugs_t dx;
        drug_action(self, &dx, &self->dad);
        rl_opioid_signals(&self->p, &self->g, &self->pep, &dx, &self->sig);
    } else {
        rl_opioid_signals(&self->p, &self->g, &self->pep, NULL, &self->sig);
    }
    self->release_gain = release_gain_of(self, self->sig.kor, self->crf); /* [OP-7], [STR-5] */
}

/* [OBS-1] The pre-session level: tonic DA with the peptides at rest (the dynorphin pool as
** the mouse's history left it), no drug at any target, no stressor, no cocaine. */
static double
pre_session_da(const rl_mouse_t *self)
{
    rl_peptides_t pep;
    rl_receptor_signals_t sig;
    rl_opioid_basal(&self->p, &self->g, self->dyn_induced, &pep);
    rl_opioid_signals(&self->p, &self->g, &pep, NULL, &sig);
    return rl_da_tonic_nM(&self->p, &self->g, 0.0, release_gain_of(self, sig.kor, 0.0));
}

rl_mouse_t *
rl_mouse_new(void)
{
    return rl_calloc(1, sizeof(rl_mouse_t));
}

void
rl_mouse_free(rl_mouse_t *self)
{
    free(self);
}

void
rl_mouse_copy(rl_mouse_t *dst, const rl_mouse_t *src)
{
    if (dst != src) {
        memcpy(dst, src, sizeof *dst);
    }
}

void
rl_mouse_init(rl_mouse_t *self, const rl_params_t *p, const rl_gene_products_t *g,
    const rl_reinforcer_t *reinforcer)
{
    memset(self, 0, sizeof *self);
    self->p = *p;
    self->g = *g;
    self->works_for_drug = reinforcer->kind == RL_REINFORCER_DRUG;
    self->dose_mg_per_kg = reinforcer->dose_mg_per_kg;
    self->reinforcer_dose_mg_per_kg = reinforcer->dose_mg_per_kg;
    self->infusion_s = reinforcer->infusion_s;
    /* food: a pellet is the reference of satiety, a liquid's is its energy [BEH-2] */
    self->palatability = reinforcer->kind == RL_REINFORCER_PELLET
            || reinforcer->kind == RL_REINFORCER_LIQUID ? reinforcer->palatability : 0.0;
    self->satiety_per_delivery = reinforcer->kind == RL_REINFORCER_LIQUID
        ? reinforcer->satiety_per_delivery : 1.0;
    self->liquid = reinforcer->kind == RL_REINFORCER_LIQUID;
    rl_pk_init(&self->pk, p->coc_half_life_min, p->coc_ke0_per_min, p->coc_uM_per_mg_kg);
    rl_pk_pin(&self->pk, p->peptide_step_s); /* the signal window and the midpoint's half */
    self->da_base_nM = rl_da_tonic_nM(p, g, 0.0, 1.0); /* no drug given yet */
    self->day_f = 1.0;
    self->d1_base = rl_da_d1_occupancy(p, g, self->da_base_nM);
    self->n_hat = 1.0;
    self->relief_w = 1.0;
    self->explore_f = 1.0; /* [BEH-6] a novel chamber */
    rl_opioid_basal(p, g, self->dyn_induced, &self->pep);
    rl_mouse_refresh_signals(self);
}

/* [OP-8] what a session stored becomes the values: the stored traces' deficits (<= 0,
** deepened by KOR frustration) are added to the values they trail. */
static void
commit_stored_traces(rl_mouse_t *self)
{
    int k;
    for (k = 0; k < RL_N_CAUSES; k++) {
        self->v[k] += self->v_deficit[k];
        self->v_place[k][0] += self->v_place_deficit[k][0];
        self->v_place[k][1] += self->v_place_deficit[k][1];
        self->v_deficit[k] = self->v_place_deficit[k][0] = self->v_place_deficit[k][1] = 0.0;
    }
}

void
rl_mouse_begin_session(rl_mouse_t *self, double hours_since_last, bool first)
{
    int k;
    self->session_start_min = first ? 0.0 : self->session_start_min + hours_since_last * 60.0;
    if (!first) {
        double gap_s = hours_since_last * 3600.0 - self->t_s;
        if (gap_s > 0.0) {
            self->pk_state.input_mg_per_kg_per_s = 0.0;
            rl_pk_advance(&self->pk, &self->pk_state, gap_s);
        }
        for (k = 0; k < RL_N_CAUSES; k++) { /* [BEL-1] temporal decay of experience */
            double decay = exp(-hours_since_last / self->p.lc_memory_h);
            self->n_cause[k] *= decay;
            self->completions[k] *= decay;
            self->drug_seen[k] *= decay;
            self->cue_seen[k] *= decay;
        }
        self->dyn_induced *= exp(-hours_since_last / self->p.dyn_induction_decay_h); /* [OP-3] */
    }
    /* Hours in the home cage are many peptide clearance times: back to rest. */
    rl_opioid_basal(&self->p, &self->g, self->dyn_induced, &self->pep);
    rl_mouse_refresh_signals(self);
    /* [BEL-1] prior: P(cause k) proportional to experience + the weight of a new cause. */
    self->logodds = log((self->n_cause[RL_CAUSE_DRUG] + self->p.lc_prior_new) /
        (self->n_cause[RL_CAUSE_EXTINCTION] + self->p.lc_prior_new));
    commit_stored_traces(self); /* [OP-8] (a place session has no end of its own here) */
    self->belief_s[0] = self->belief_s[1] = 0.0;
    self->food_eaten = 0.0;
    self->cues_unreinforced = 0;
    self->n_run = 0;
    self->reinforced_n = 0;
    self->habit_ext = false;
    self->want = 0.0;
    memset(self->activity, 0, sizeof self->activity);
    self->da_rise_s = 0.0;
    self->da_incentive = 0.0;
    self->place_rise_mark = 0.0;
    self->t_s = 0.0;
    memset(&self->obs, 0, sizeof self->obs);
    self->obs.da_pre_nM = pre_session_da(self);
}


/* [BEL-5] the drug's interoceptive state: while tonic DA is above rest, evidence for the
** cause in which the reinforcer (and so that state) was met, in proportion to the
** relative rise and its duration. */
static void
interoception(rl_mouse_t *self, double da_nM, double dt_s)
{
    /* the state is taken for the drug's by how far it exceeds intero_threshold of the
    ** rise the drug outcomes came with */
    double drug_state = self->drug_reward_n > 0.0 ? self->drug_state_sum / self->drug_reward_n
        : 0.0;
    double rise = da_nM / self->da_base_nM - 1.0 - self->p.intero_threshold * drug_state;
    if (!self->ext_cause_open || !(rise > 0.0)) {
        return;
    }
    add_evidence(self, self->p.lc_evidence_intero * rise * dt_s / 60.0 *
        log_ratio(self->drug_seen, self->completions, true));
}

/* e^{-dt_s/tau_s}, from the memo m when dt_s was its last step (bit for bit). */
static double
decay_factor(struct rl_decay_memo *m, double dt_s, double tau_s)
{
    if (!(m->factor > 0.0 && m->dt_s == dt_s)) {
        m->dt_s = dt_s;
        m->factor = exp(-dt_s / tau_s);
    }
    return m->factor;
}

/* [BEH-5] the drug state's incentive follows the relative rise of tonic DA over rest with a
** lag: exact for a rise held over the step. */
static void
drug_state_step(rl_mouse_t *self, double da_nM, double dt_s)
{
    double rise = fmax(0.0, da_nM / self->da_base_nM - 1.0);
    self->da_incentive = rise + (self->da_incentive - rise) *
        decay_factor(&self->incentive_decay, dt_s, 60.0 * self->p.da_incentive_tau_min);
}

void
rl_mouse_advance(rl_mouse_t *self, double t_s)
{
    double remaining = t_s - self->t_s;
    double b = rl_mouse_belief_drug(self);

    if (remaining <= 0.0) {
        return;
    }
    self->belief_s[RL_CAUSE_DRUG] += b * remaining;
    self->belief_s[RL_CAUSE_EXTINCTION] += (1.0 - b) * remaining;
    /* [FOS-1] time integrals (per minute) of the held signals */
    self->activity[RL_REGION_PL] += b * self->v[RL_CAUSE_DRUG] * incentive_gain(self) *
        remaining / 60.0;
    self->activity[RL_REGION_IL] += (1.0 - b) * remaining / 60.0;
    self->activity[RL_REGION_NAC_SHELL] += (self->sig.mor + self->sig.dor_nac) * remaining / 60.0;
    self->activity[RL_REGION_CEA] += self->sig.kor * remaining / 60.0;
    while (remaining > 0.0) {
        double dt = remaining;
        double c_mid, da, x;
        rl_pk_step_t pk_step;
        bool drug_free = self->pk_state.brain_uM < 1e-6 && self->pk_state.body_mg_per_kg < 1e-6 &&
            self->pk_state.input_mg_per_kg_per_s == 0.0;
        if (!drug_free && dt > self->p.peptide_step_s) {
            dt = self->p.peptide_step_s;
        }
        /* [OP-1] D1 drive at the midpoint of the step, cocaine exact. */
        c_mid = rl_pk_brain_step(&self->pk, &self->pk_state, dt, &pk_step);
        da = rl_mouse_da_memo(self, c_mid);
        x = d1_excess(self, da);
        rl_opioid_step(&self->p, &self->g, self->dyn_induced, x, dt, &self->pep);
        interoception(self, da, dt);
        self->da_rise_s += fmax(0.0, da / self->da_base_nM - 1.0) * dt; /* [CPP-1] */
        drug_state_step(self, da, dt);
        if (x > 0.0) { /* [OP-3] D1 -> CREB -> Pdyn induction */
            self->dyn_induced += self->p.dyn_induction_per_d1_h * x * dt / 3600.0;
        }
        if (!drug_free) { /* [OBS-1] the session readouts (observation only) */
            rl_mouse_observe_step(self, &pk_step, c_mid, da);
        } else { /* DA constant over the step; cocaine below 1e-6 uM counts as none */
            self->obs.da_s += da * dt;
            self->obs.da_peak_nM = da > self->obs.da_peak_nM ? da : self->obs.da_peak_nM;
        }
        rl_pk_advance(&self->pk, &self->pk_state, dt);
        remaining -= dt;
    }
    if (self->habit_ext && self->habit > 0.0) {
        /* [LRN-5] after an omitted reinforcer the habit fades with the time spent in
        ** extinction, faster under KOR frustration [OP-8] (the signal held between events;
        ** the habit has no stored trace: its extinction acts as it develops) */
        double x = (t_s - self->t_s) / (60.0 * self->p.habit_ext_tau_min);
        self->habit *= exp(-(1.0 + self->p.kor_frustration_gain * self->sig.kor) * x);
    }
    if (self->want != 0.0) { /* as want_after(self, t_s - self->t_s) */
        self->want *= decay_factor(&self->want_decay, t_s - self->t_s, self->p.want_decay_s);
    }
    self->t_s = t_s;
    rl_mouse_refresh_signals(self);
}

/* [LRN-1] the D1 signal of a tonic DA rise from da_now to da_after (nM), in units of the
** D1 rise a doubling of the reference level da_ref would give a mouse with the full D1
** density and no D1 drug: the D1 density (a gene product) and D1 antagonists scale it. */
static double
d1_reward(const rl_mouse_t *self, double da_now, double da_after, double da_ref)
{
    double ec50 = self->p.d1_ec50_nM;
    double unit = 2.0 * da_ref / (2.0 * da_ref + ec50) - da_ref / (da_ref + ec50);
    return (rl_da_d1_occupancy_drugs(&self->p, &self->g, da_after, &self->dad)
        - rl_da_d1_occupancy_drugs(&self->p, &self->g, da_now, &self->dad)) / unit;
}

/* [BEH-2] the cocaine set point: relative to the mouse's own drug-free resting DA, times
** the session's day state. */
static double
set_point(const rl_mouse_t *self)
{
    return self->p.da_set_fold * self->day_f * self->da_base_nM;
}

/* [BEH-2] the drive at tonic DA da_nM: homeostatic for cocaine, satiety for food (which
** ignores da_nM). */
static double
drive_of(const rl_mouse_t *self, double da_nM)
{
    if (self->works_for_drug) {
        double set = set_point(self);
        return sigmoid((set - da_nM) / (self->p.da_set_width * set));
    }
    return exp(-self->food_eaten / self->p.food_satiety_pellets);
}

/* [BEH-3] an upper bound of the cocaine drive at tonic DA >= da_nM, for the rate bound: 1
** where the sigmoid's argument exceeds 10 (then the drive is within 4.6e-5 of 1: a bound
** as good as the drive itself, without its exponential), else the drive at da_nM. */
static double
drive_bound(const rl_mouse_t *self, double da_nM)
{
    double set = set_point(self);
    double x = (set - da_nM) / (self->p.da_set_width * set);
    return x > 10.0 ? 1.0 : sigmoid(x);
}

/* [BEH-2] the drive at brain cocaine coc_uM. */
static double
drive_at(const rl_mouse_t *self, double coc_uM)
{
    return drive_of(self, self->works_for_drug ? rl_mouse_da_memo(self, coc_uM) : 0.0);
}

/* Belief-weighted value per expected response. [BEH-1] */
static double
value_now(const rl_mouse_t *self)
{
    double b = rl_mouse_belief_drug(self);
    double v = b * self->v[RL_CAUSE_DRUG] + (1.0 - b) * self->v[RL_CAUSE_EXTINCTION];
    double n = fmax(self->n_hat, (double) self->n_run + 1.0);
    if (self->works_for_drug) {
        /* [BEH-5] the drug state lends the drug-taking action the incentive of what the
        ** drug does when it comes: Pavlovian, so not weighted by the belief (as [BEH-4]) */
        v += self->p.da_incentive_gain * self->da_incentive * drug_effect(self);
    }
    if (self->works_for_drug && self->sig.kor_affect > 0.0) {
        /* [STR-4] under KOR dysphoria the drug is worth its relief: the value of a
        ** completion gains that relief times the probability, in each cause, that a
        ** completion delivers the drug */
        v += self->p.kor_affect_gain * self->sig.kor_affect * drug_effect(self) * self->relief_w;
    }
    return v / n;
}

/* [BEH-4] cue-triggered wanting dt seconds after the clock (it decays exponentially). */
static double
want_after(const rl_mouse_t *self, double dt)
{
    return self->want * exp(-dt / self->p.want_decay_s);
}

/* [BEH-1] rates at a drive, with cue-triggered wanting `want`: non-decreasing in both. */
static double
rates_of(const rl_mouse_t *self, double drive, double want, double *active, double *inactive)
{
    const rl_params_t *p = &self->p;
    /* [STR-3] the stress state amplifies cue-triggered wanting */
    double m = (value_now(self) + p->want_gain * want * (1.0 + p->crf_want_gain * self->crf)) *
        incentive_gain(self) * drive;
    double net = m - p->effort_cost; /* motivated responding only when value beats cost */
    double s = net > 0.0 ? net / (net + p->rate_half_value) : 0.0;
    double explore = p->explore_per_min / 60.0 * self->explore_f; /* [BEH-6] */
    double motivated = p->max_rate_per_min / 60.0 * s;
    /* [LRN-5] the habit emits the trained response at its own rate times the drive (habit x
    ** drive, Hull 1943), whatever the value or the belief; it does not generalise */
    double habitual = self->habit / 60.0 * drive;
    *active = explore + motivated + habitual;
    *inactive = explore + p->generalization * motivated;
    return *active + *inactive;
}

/* [BEH-1] rates at a brain cocaine concentration, with cue-triggered wanting `want`. */
static double
rates_at(const rl_mouse_t *self, double coc_uM, double want, double *active, double *inactive)
{
    return rates_of(self, drive_at(self, coc_uM), want, active, inactive);
}

double
rl_mouse_rates(const rl_mouse_t *self, double t_s, double *active_out, double *inactive_out)
{
    double dt = t_s - self->t_s;
    double c = rl_pk_brain_at(&self->pk, &self->pk_state, dt);
    return rates_at(self, c, want_after(self, dt), active_out, inactive_out);
}

double
rl_mouse_rate_bound(const rl_mouse_t *self, double t_end_s)
{
    double lo, a, i;
    /* [BEH-3] rates fall monotonically with brain cocaine (drive falls as DA rises, DA
    ** rises with cocaine) and with time as cue-triggered wanting decays: the drive at a
    ** lower bound of DA at the lowest concentration and the wanting at the start of the
    ** window bound the rate (RNG scheme 3: the bound needs no DA solve of its own). */
    if (!self->works_for_drug) {
        return rates_of(self, drive_of(self, 0.0), self->want, &a, &i);
    }
    lo = rl_pk_brain_min(&self->pk, &self->pk_state, t_end_s - self->t_s);
    return rates_of(self, drive_bound(self, rl_mouse_da_lower(self, lo)), self->want, &a, &i);
}

/* Phasic DA burst of relative size base, through MOR disinhibition and KOR damping. */
static double
phasic(const rl_mouse_t *self, double base)
{
    double mor_gain = 1.0 + self->p.mor_burst_gain * self->sig.mor; /* [OP-4] */
    return base * mor_gain * self->release_gain;                    /* [OP-7] */
}

/* A cue presentation at belief b, followed by a reinforcer burst `burst` (0: none):
** returns the cue-evoked DA; adds to *d1_dose the D1 dose of an unreinforced cue's DA and
** sets *salience, the cue's weight as evidence [BEL-2]. */
static double
cue_shown(rl_mouse_t *self, double b, double burst, bool reinforced, double da_now,
    double *d1_dose, double *salience)
{
    const rl_params_t *p = &self->p;
    double assoc = 1.0 + p->dor_assoc_gain * self->sig.dor_assoc; /* [OP-6] */
    /* [BEL-4] habituation of an unreinforced cue: earlier such cues this session */
    double habituation = exp(-(double) self->cues_unreinforced / p->cue_habituation_n);
    double cue_da = phasic(self, b * self->v_cue[RL_CAUSE_DRUG] +
        (1.0 - b) * self->v_cue[RL_CAUSE_EXTINCTION]);
    /* [OP-9] the opioid release the cue has come to predict: the D1 drive of peptide
    ** release [OP-1] present when it comes with the reinforcer, none when it comes alone */
    double o_target = 0.0;
    int k;
    if (burst > 0.0) {
        double x = d1_excess(self, da_now);
        o_target = p->pep_d1_gain * (x > 0.0 ? x : 0.0);
    }
    if (!reinforced) {
        *d1_dose += rl_da_burst_d1_dose_drugs(p, &self->g, da_now, cue_da, &self->dad);
    }
    /* [BEH-4] the cue's expression: the DA its drug-cause value evokes (a cue never
    ** presented in extinction keeps that value). It is the cue's weight as evidence
    ** [BEL-2]; it triggers wanting only when the cue comes without its reinforcer (with
    ** it, the reinforcer itself follows). */
    *salience = habituation * phasic(self, self->v_cue[RL_CAUSE_DRUG]);
    if (!reinforced) {
        self->want += *salience;
        self->cues_unreinforced++;
    }
    self->activity[RL_REGION_VTA] += cue_da;        /* [FOS-1] */
    self->activity[RL_REGION_BLA] += self->v_cue[RL_CAUSE_DRUG];
    /* [LRN-3] Pavlovian cue learning toward the burst it predicts (0 if none), in each
    ** cause in proportion to the belief in it. */
    /* [OP-9] the cue releases beta-endorphin up to a fraction of the level its drug-cause
    ** value predicts (Pavlovian, as the wanting [BEH-4]; habituating as it [BEL-4]) */
    rl_opioid_conditioned(p, &self->g, p->cue_opioid_release * habituation *
        self->o_cue[RL_CAUSE_DRUG], &self->pep);
    for (k = 0; k < RL_N_CAUSES; k++) {
        double w = k == RL_CAUSE_DRUG ? b : 1.0 - b;
        self->v_cue[k] += p->alpha_cue * assoc * w * (burst - self->v_cue[k]);
        /* [OP-9] learned like the cue's value [LRN-3] */
        self->o_cue[k] += p->alpha_cue * assoc * w * (o_target - self->o_cue[k]);
    }
    return cue_da;
}

/* [LRN-2] values of completion and [BEL-2] each cause's record of what follows a completion,
** each cause in proportion to b, the belief in the drug cause held at the response (before
** this completion's evidence); [LRN-5] the habit. r is the completion's reward, frustration
** the [OP-8] factor. */
static void
learn_completion(rl_mouse_t *self, const rl_outcome_t *o, double r, double frustration,
    double b)
{
    const rl_params_t *p = &self->p;
    int k;
    for (k = 0; k < RL_N_CAUSES; k++) {
        double w = k == RL_CAUSE_DRUG ? b : 1.0 - b;
        double delta;
        double stored = self->v[k] + self->v_deficit[k];
        self->completions[k] += w;
        self->drug_seen[k] += o->reinforcer ? w : 0.0;
        self->cue_seen[k] += o->cue ? w : 0.0;
        delta = r - self->v[k];
        self->v[k] = fmax(0.0, self->v[k] + p->alpha_v * w * delta);
        /* [OP-8] the stored trace learns the same outcome, its negative errors deepened by
        ** KOR frustration; it becomes v at the session's end */
        delta = r - stored;
        if (delta < 0.0) {
            delta *= frustration;
        }
        stored = fmax(0.0, stored + p->alpha_v * w * delta);
        self->v_deficit[k] = stored - self->v[k];
    }
    /* [LRN-5] an omitted reinforcer starts the habit's extinction, which runs in session
    ** time (rl_mouse_advance); the habit is not learned per latent cause, so the belief
    ** does not protect it. Reinforced completions strengthen it at the session's end. */
    if (o->reinforcer) {
        self->reinforced_n++;
    } else {
        self->habit_ext = true;
    }
}

void
rl_mouse_on_active(rl_mouse_t *self, const rl_outcome_t *o)
{
    const rl_params_t *p = &self->p;
    double r = 0.0, primary = 0.0, burst = 0.0, cue_da = 0.0, d1_dose = 0.0, salience = 0.0;
    double frustration = 1.0 + p->kor_frustration_gain * self->sig.kor; /* [OP-8] */
    double b = rl_mouse_belief_drug(self);
    double da_now = rl_mouse_tonic_da_nM(self);

    self->activity[RL_REGION_DS] += 1.0; /* [FOS-1] every response */
    if (!o->counted) {
        return; /* a poke in timeout: no programmed consequence, nothing learned */
    }
    self->n_run++;
    if (!o->completed) {
        return; /* [LRN-2] values are learned at completions only */
    }
    self->activity[RL_REGION_NAC_CORE] += 1.0; /* [FOS-1] completed seeking */
    /* [BEH-1] the expected number of responses per completion. */
    self->n_hat += p->alpha_ratio * ((double) self->n_run - self->n_hat);
    self->n_run = 0;
    /* [LRN-1] primary reward of the delivered reinforcer. */
    if (o->reinforcer) {
        if (self->works_for_drug) {
            double c = self->pk_state.brain_uM;
            double c_after = c + self->pk.uM_per_mg_kg * self->dose_mg_per_kg;
            double da_after = rl_mouse_da_memo(self, c_after);
            /* relative to the drug-free tonic level at the current release gain
            ** (KOR [OP-7], CRF [STR-5]): DA reward signals scale with their baseline */
            double da_ref = rl_da_tonic_nM(p, &self->g, 0.0, self->release_gain);
            r = p->reward_drug * d1_reward(self, da_now, da_after, da_ref);
            self->drug_reward_sum += r; /* [STR-4] */
            self->drug_reward_n += 1.0;
            self->drug_state_sum += fmax(0.0, da_after / self->da_base_nM - 1.0); /* [BEL-5] */
            burst = phasic(self, p->burst_drug);
        } else {
            r = p->reward_food * self->palatability * drive_at(self, 0.0);
            burst = phasic(self, p->burst_food * self->palatability);
            self->food_eaten += self->satiety_per_delivery; /* [BEH-2] */
        }
        d1_dose += rl_da_burst_d1_dose_drugs(p, &self->g, da_now, burst, &self->dad);
        primary = r;
        self->activity[RL_REGION_VTA] += burst; /* [FOS-1] */
    }
    /* [LRN-4] a cue evokes DA in proportion to its value; part of it reinforces. */
    if (o->cue) {
        cue_da = cue_shown(self, b, burst, o->reinforcer, da_now, &d1_dose, &salience);
        r += p->cue_conditioned_reinforcement * cue_da;
    }
    /* [BEL-2] evidence about the latent cause: salience-weighted log likelihood ratios of
    ** what followed the completion. */
    {
        double before = self->logodds;
        double surprise = self->v[RL_CAUSE_DRUG] - primary; /* a cue does not replace it */
        if (!self->ext_cause_open && !o->reinforcer && surprise > 0.0) {
            /* [BEL-1] the first surprising omission opens the extinction cause, with the
            ** prior weight of a new cause. */
            self->ext_cause_open = true;
            self->logodds = log((self->n_cause[RL_CAUSE_DRUG] + p->lc_prior_new) /
                p->lc_prior_new);
        }
        if (self->ext_cause_open) {
            self->logodds += (o->reinforcer ? p->lc_evidence_reward :
                p->lc_evidence_surprise) *
                log_ratio(self->drug_seen, self->completions, o->reinforcer);
            if (o->cue) {
                self->logodds += p->lc_evidence_cue * salience *
                    log_ratio(self->cue_seen, self->completions, true);
            }
            self->logodds = fmin(fmax(self->logodds, -LOGODDS_MAX), LOGODDS_MAX);
            self->activity[RL_REGION_HPC] += fabs(self->logodds - before); /* [FOS-1] */
        }
        if (!o->reinforcer && surprise > 0.0) {
            /* [OP-3] omission recruits the dynorphin that cocaine has induced (the
            ** drug-recruited "anti-reward" part of the pool, not its basal part). */
            self->pep.dyn += self->g.pdyn * self->dyn_induced * p->dyn_frustration_release *
                surprise;
            self->activity[RL_REGION_BNST] += surprise * frustration; /* [FOS-1] */
        }
    }
    learn_completion(self, o, r, frustration, b);
    /* [STR-4] the relief expectancy learns what completions made under dysphoria bring */
    if (self->works_for_drug && self->sig.kor_affect > 0.0) {
        self->relief_w += p->alpha_v * self->sig.kor_affect *
            ((o->reinforcer ? 1.0 : 0.0) - self->relief_w);
    }
    if (d1_dose > 0.0) {
        rl_opioid_impulse(p, &self->g, self->dyn_induced, d1_dose, &self->pep);
    }
    rl_mouse_refresh_signals(self);
}

void
rl_mouse_on_cue(rl_mouse_t *self)
{
    double d1_dose = 0.0, salience = 0.0;
    double b = rl_mouse_belief_drug(self);
    double before = self->logodds;

    cue_shown(self, b, 0.0, false, rl_mouse_tonic_da_nM(self), &d1_dose, &salience);
    if (self->ext_cause_open) { /* [BEL-2] the cue alone, weighed as after a completion */
        add_evidence(self, self->p.lc_evidence_cue * salience *
            log_ratio(self->cue_seen, self->completions, true));
        self->activity[RL_REGION_HPC] += fabs(self->logodds - before); /* [FOS-1] */
    }
    if (d1_dose > 0.0) {
        rl_opioid_impulse(&self->p, &self->g, self->dyn_induced, d1_dose, &self->pep);
    }
    rl_mouse_refresh_signals(self);
}

int
rl_mouse_stress(rl_mouse_t *self, double units, double t_rel_min, double duration_min,
    rl_error_t *err)
{
    double now = rl_mouse_now_min(self);
    /* effects below e^-50 of their peak are gone: drop such pulses [STR-1], [STR-2] */
    double horizon = 50.0 * fmax(fmax(self->p.crf_tau_min, self->p.crf_rise_tau_min),
        1.0 / self->p.pep_clear_per_min);
    int i, n = 0;

    if (!(units >= 0.0) || !isfinite(units) || !isfinite(t_rel_min)
        || !(duration_min > 0.0) || !isfinite(duration_min)) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "stressor: bad drive or time");
    }
    for (i = 0; i < self->n_stress; i++) {
        if (self->stress[i].t1_min > now - horizon) {
            self->stress[n++] = self->stress[i];
        }
    }
    self->n_stress = n;
    if (self->n_stress == RL_MOUSE_MAX_STRESS) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "more than %d stressors acting at once on one mouse", RL_MOUSE_MAX_STRESS);
    }
    self->stress[n].t0_min = self->session_start_min + t_rel_min;
    self->stress[n].t1_min = self->stress[n].t0_min + duration_min;
    self->stress[n].units = units;
    self->n_stress++;
    rl_mouse_refresh_signals(self);
    return 0;
}

void
rl_mouse_infusion(rl_mouse_t *self, bool on)
{
    self->pk_state.input_mg_per_kg_per_s = on ? self->dose_mg_per_kg / self->infusion_s : 0.0;
}

void
rl_mouse_set_day(rl_mouse_t *self, double z)
{
    /* [BEH-2] lognormal with mean 1 and CV da_set_day_cv */
    double cv = self->p.da_set_day_cv, s2 = log1p(cv * cv);
    self->day_f = exp(sqrt(s2) * z - 0.5 * s2);
}

double
rl_mouse_day(const rl_mouse_t *self)
{
    return self->day_f;
}

void
rl_mouse_set_unit_dose(rl_mouse_t *self, double dose_mg_per_kg)
{
    self->dose_mg_per_kg = dose_mg_per_kg > 0.0 ? dose_mg_per_kg
        : self->reinforcer_dose_mg_per_kg;
}

void
rl_mouse_end_session(rl_mouse_t *self)
{
    double total = self->belief_s[0] + self->belief_s[1];
    int k;
    commit_stored_traces(self); /* [OP-8] */
    if (self->reinforced_n > 0 && self->t_s > 0.0) {
        /* [LRN-5] the habit learns toward the session's rate of reinforced completions,
        ** habit_alpha per reinforced completion (applied n times: no overshoot) */
        double rate = (double) self->reinforced_n / (self->t_s / 60.0);
        double a = 1.0 - pow(1.0 - self->p.habit_alpha, (double) self->reinforced_n);
        self->habit += a * (rate - self->habit);
    }
    self->chamber_h += self->t_s / 3600.0; /* [BEH-6] exploration habituates, to a floor */
    self->explore_f = self->p.explore_habituation_floor + (1.0 - self->p.explore_habituation_floor)
        * exp(-self->chamber_h / self->p.explore_habituation_h);
    if (total <= 0.0) {
        return;
    }
    for (k = 0; k < RL_N_CAUSES; k++) { /* [BEL-3] */
        self->n_cause[k] += self->belief_s[k] / total;
    }
}

double
rl_mouse_brain_cocaine_uM(const rl_mouse_t *self)
{
    return self->pk_state.brain_uM;
}

double
rl_mouse_tonic_da_nM(const rl_mouse_t *self)
{
    return rl_mouse_da_memo(self, self->pk_state.brain_uM);
}

double
rl_mouse_belief_drug(const rl_mouse_t *self)
{
    return self->ext_cause_open ? belief_drug(self->logodds) : 1.0;
}

double
rl_mouse_brain_cocaine_at(const rl_mouse_t *self, double t_s)
{
    return rl_pk_brain_at(&self->pk, &self->pk_state, fmax(0.0, t_s - self->t_s));
}

double
rl_mouse_clock_s(const rl_mouse_t *self)
{
    return self->t_s;
}

double
rl_mouse_peptide_step_s(const rl_mouse_t *self)
{
    return self->p.peptide_step_s;
}

void
rl_mouse_reinforcer(const rl_mouse_t *self, rl_mouse_reinforcer_t *out)
{
    out->drug = self->works_for_drug;
    out->liquid = !self->works_for_drug && self->liquid;
    out->dose_mg_per_kg = self->works_for_drug ? self->dose_mg_per_kg : 0.0;
    out->infusion_s = self->works_for_drug ? self->infusion_s : 0.0;
}

void
rl_mouse_activity(const rl_mouse_t *self, double out[RL_N_REGIONS])
{
    memcpy(out, self->activity, sizeof self->activity);
}

double
rl_mouse_stress_units(const rl_mouse_t *self, const rl_stressor_t *s)
{
    return rl_stress_units(&self->p, s);
}
