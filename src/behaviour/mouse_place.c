/* mouse_place.c -- the virtual mouse in a place-conditioning apparatus ([CPP-1..3],
** docs/MODEL.md).
**
** Design. In a conditioned-place-preference design the mouse learns a Pavlovian value for
** each compartment (0: drug-paired, 1: the other) in each latent cause, as it learns the
** value of completing a response requirement in the operant chamber (mouse.c): toward the
** drug state a confined session produced; the stored trace of each value falls deeper
** under KOR frustration and becomes the value at the next session's start [OP-8]. A stay
** in the paired compartment without the drug is an omission that weighs as evidence for
** the extinction cause [BEL-2] and releases induced dynorphin [OP-3], as an
** omitted reinforcer does in the chamber. On a free-choice test the mouse leaves a
** compartment at a rate that falls with the value difference between the two [CPP-2]
** (place_beta). The belief, the receptor signals and the drug state are the mouse's own
** (mouse.c); this file only reads them and writes the place values, the outcome records and
** the belief's evidence.
*/
#include "mouse_internal.h"

#include <math.h>

/* [BEL-2] record n completions-worth of outcomes (drug found or not) in each cause in
** proportion to the belief b. */
static void
record_outcome(rl_mouse_t *self, double b, double n, bool drug)
{
    int k;
    for (k = 0; k < RL_N_CAUSES; k++) {
        double w = k == RL_CAUSE_DRUG ? b : 1.0 - b;
        self->completions[k] += n * w;
        self->drug_seen[k] += drug ? n * w : 0.0;
    }
}

/* [CPP-1] value learning of compartment side toward target, n outcomes' worth, in each
** cause in proportion to the belief b (1 - (1 - a)^n: no overshoot for large n). [OP-8]
** the stored trace learns the same, a value that falls faster under KOR frustration; it
** becomes the value from the next session on (rl_mouse_begin_session). */
static void
learn_place(rl_mouse_t *self, int side, double b, double n, double target)
{
    const rl_params_t *p = &self->p;
    double assoc = 1.0 + p->dor_assoc_gain * self->sig.dor_assoc;      /* [OP-6] */
    double frustration = 1.0 + p->kor_frustration_gain * self->sig.kor; /* [OP-8] */
    double rate = fmin(1.0, p->alpha_place * assoc);
    int k;
    for (k = 0; k < RL_N_CAUSES; k++) {
        double w = k == RL_CAUSE_DRUG ? b : 1.0 - b;
        double stored = self->v_place[k][side] + self->v_place_deficit[k][side];
        double m = target < stored ? n * frustration : n;
        self->v_place[k][side] += (1.0 - pow(1.0 - rate, n)) * w *
            (target - self->v_place[k][side]);
        stored += (1.0 - pow(1.0 - rate, m)) * w * (target - stored);
        self->v_place_deficit[k][side] = stored - self->v_place[k][side];
    }
}

/* [CPP-3] an omitted drug outcome in the paired compartment, n outcomes' worth, recorded
** at belief b. */
static void
place_omission(rl_mouse_t *self, double b, double n)
{
    const rl_params_t *p = &self->p;
    double frustration = 1.0 + p->kor_frustration_gain * self->sig.kor; /* [OP-8] */
    double surprise = self->v_place[RL_CAUSE_DRUG][0];
    double before = self->logodds;
    if (!(surprise > 0.0) || !(n > 0.0)) {
        return;
    }
    if (!self->ext_cause_open) { /* [BEL-1] the first surprising omission */
        self->ext_cause_open = true;
        self->logodds = log((self->n_cause[RL_CAUSE_DRUG] + p->lc_prior_new) / p->lc_prior_new);
    }
    add_evidence(self, n * p->lc_evidence_surprise *
        log_ratio(self->drug_seen, self->completions, false));
    self->activity[RL_REGION_HPC] += fabs(self->logodds - before); /* [FOS-1] */
    self->pep.dyn += self->g.pdyn * self->dyn_induced * p->dyn_frustration_release * surprise *
        n; /* [OP-3] */
    self->activity[RL_REGION_BNST] += surprise * frustration * n;
    record_outcome(self, b, n, false);
}

/* [CPP-1], [CPP-3] n drug outcomes in compartment side, each found with weight found (the
** drug state) and omitted with 1 - found, one at a time: as a completion in the operant
** chamber, each is recorded and learned (toward target) at the belief the outcomes before
** it left, then weighs as evidence [BEL-2]. b0 is the belief at the first outcome (a
** confined session's mean belief); the later ones move from it by the evidence this block
** has added. Returns the outcomes' mean belief (b0 if n is 0). */
static double
place_outcomes(rl_mouse_t *self, int side, double b0, double n, double found, double target)
{
    bool open0 = self->ext_cause_open;
    double lo0 = self->logodds;
    double x0 = log(fmax(b0, 1e-12) / fmax(1.0 - b0, 1e-12));
    double sum = 0.0, n0 = n;
    while (n > 0.0) {
        double dn = fmin(1.0, n);
        /* until the extinction cause opens the belief is 1 (rl_mouse_belief_drug) */
        double b = open0 ? 1.0 / (1.0 + exp(-(x0 + self->logodds - lo0)))
            : rl_mouse_belief_drug(self);
        if (side == 0) {
            if (found > 0.0 && self->ext_cause_open) { /* the drug found again [BEL-2] */
                add_evidence(self, dn * found * self->p.lc_evidence_reward *
                    log_ratio(self->drug_seen, self->completions, true));
            }
            record_outcome(self, b, dn * found, true);
            place_omission(self, b, dn * (1.0 - found));
        }
        learn_place(self, side, b, dn, target);
        sum += b * dn;
        n -= dn;
    }
    return n0 > 0.0 ? sum / n0 : b0;
}

void
rl_mouse_place_confined_end(rl_mouse_t *self, int side, double session_s)
{
    double total = self->belief_s[0] + self->belief_s[1];
    double b = total > 0.0 ? self->belief_s[RL_CAUSE_DRUG] / total : rl_mouse_belief_drug(self);
    double mean_rise = session_s > 0.0 ? self->da_rise_s / session_s : 0.0;
    /* drug outcomes the session held: place_check_per_min, each "found" in proportion to
    ** the drug state (a doubling of DA is the [LRN-1] unit) */
    double n = self->p.place_check_per_min * session_s / 60.0;
    double found = fmin(1.0, mean_rise);
    if (side == 0 && found > 0.0) { /* [STR-4] what the drug did in this pairing */
        self->drug_reward_sum += self->p.reward_drug * mean_rise;
        self->drug_reward_n += 1.0;
        self->drug_state_sum += mean_rise;
    }
    /* [BEL-3] the session's outcomes span it: its experience is their mean belief */
    b = place_outcomes(self, side, b, n, found, self->p.reward_drug * mean_rise);
    if (total > 0.0) {
        self->belief_s[RL_CAUSE_DRUG] = b * total;
        self->belief_s[RL_CAUSE_EXTINCTION] = (1.0 - b) * total;
    }
    self->place_rise_mark = self->da_rise_s;
    rl_mouse_refresh_signals(self);
}

/* [CPP-2] value of compartment side: belief-weighted Pavlovian value, the drug state's
** incentive [BEH-5] and the relief of KOR dysphoria [STR-4] where the drug was found,
** amplified by CRF [STR-3] and by NAc DOR incentive [OP-5]. */
static double
place_value(const rl_mouse_t *self, int side)
{
    double b = rl_mouse_belief_drug(self);
    double q = b * self->v_place[RL_CAUSE_DRUG][side] +
        (1.0 - b) * self->v_place[RL_CAUSE_EXTINCTION][side];
    if (side == 0) { /* where the drug was found */
        q += (self->p.da_incentive_gain * self->da_incentive +
            self->p.kor_affect_gain * self->sig.kor_affect * self->relief_w) * drug_effect(self);
    }
    return q * (1.0 + self->p.crf_want_gain * self->crf) * incentive_gain(self);
}

double
rl_mouse_place_leave_rate(const rl_mouse_t *self, int side)
{
    double d = place_value(self, side) - place_value(self, 1 - side);
    return self->p.place_switch_per_min / 60.0 * exp(-0.5 * self->p.place_beta * d);
}

void
rl_mouse_place_stay_end(rl_mouse_t *self, int side, double dwell_s)
{
    if (side == 0 && dwell_s > 0.0) {
        /* the drug state during the stay (a prime) makes the omission partial */
        double rise = (self->da_rise_s - self->place_rise_mark) / dwell_s;
        double n = self->p.place_check_per_min * dwell_s / 60.0 * fmax(0.0, 1.0 - rise);
        (void) place_outcomes(self, 0, rl_mouse_belief_drug(self), n, 0.0, 0.0);
        /* [STR-4] omitted relief under dysphoria */
        self->relief_w *= pow(1.0 - self->p.alpha_v * self->sig.kor_affect, n);
    }
    self->place_rise_mark = self->da_rise_s;
    rl_mouse_refresh_signals(self);
}
