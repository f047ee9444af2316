/* test_mouse_equations.c -- the learning, belief and choice equations of docs/MODEL.md,
** section 4, [BEL-5] and [BEH-5], and the session readouts [OBS-1], checked one update at a time on
** the mouse itself.
**
** Known answers: every expected value is computed here by hand from the equation as
** written in docs/MODEL.md (the ID is cited beside each check), from the mouse's state
** just before the update. The layers below the equations under test are trusted and
** called for their own quantities: tonic DA D(C) [DA-1]/[DA-2] (rl_da_tonic_drugs_nM, with
** the mouse's held release gain and drug loads), the PK's brain cocaine at a time [PK-3].
** The receptor signals S_MOR, S_DOR, S_KOR are read from the mouse (they are held between
** updates, [BEH-3]). The mouse is set up through its internal header so that a state (a
** trained value, an open extinction cause, outcome counts) can be given directly; every
** update goes through the public functions rl_mouse_on_active, rl_mouse_on_cue,
** rl_mouse_rates, rl_mouse_rate_bound, rl_mouse_advance, rl_mouse_begin_session and
** rl_mouse_end_session. Tolerances are relative 1e-12: the hand computation follows the
** equation, not the code's order of operations.
*/
#include <math.h>
#include <string.h>

#include "behaviour/mouse_internal.h"
#include "biology/dopamine.h"
#include "biology/opioid.h"
#include "biology/pk.h"
#include "relapselab/drugs.h"
#include "relapselab/genotype.h"
#include "relapselab/params.h"
#include "mouse_fixtures.h"
#include "testlib.h"

#define REL 1e-12

enum { DRUG = RL_CAUSE_DRUG, EXT = RL_CAUSE_EXTINCTION };

static double
sigma(double x)
{
    return 1.0 / (1.0 + exp(-x));
}

/* The belief in the drug cause: b = 1 until the extinction cause opens [BEL-1], then
** sigma(l) [BEL-2]. */
static double
belief(const rl_mouse_t *m)
{
    return m->ext_cause_open ? sigma(m->logodds) : 1.0;
}

/* w_k: b for the drug cause, 1 - b for the extinction cause [LRN-2]. */
static double
weight(double b, int k)
{
    return k == DRUG ? b : 1.0 - b;
}

/* p_k(x) = (x_k + 1/2)/(m_k + 1) [BEL-2]. */
static double
p_out(const double *x, const double *m, int k)
{
    return (x[k] + 0.5) / (m[k] + 1.0);
}

/* Tonic DA at brain cocaine c, with the release gain and drug loads held [DA-1], [DA-2]. */
static double
tonic(const rl_mouse_t *m, double c)
{
    return rl_da_tonic_drugs_nM(&m->p, &m->g, c, m->release_gain, &m->dad);
}

/* [BEH-2] the set point: the session's day factor times da_set_fold times the mouse's own
** drug-free resting DA. */
static double
set_point(const rl_mouse_t *m)
{
    return m->p.da_set_fold * m->day_f * m->da_base_nM;
}

/* [LRN-1] the D1 rise from d_now to d_after (nM; D1 density drd1, EC50 d1_ec50_nM, no D1
** drug) in units of the D1 rise of a doubling of d_ref at full density. */
static double
d1_rise(const rl_mouse_t *m, double d_now, double d_after, double d_ref)
{
    double e = m->p.d1_ec50_nM;
    double unit = 2.0 * d_ref / (2.0 * d_ref + e) - d_ref / (d_ref + e);
    return m->g.drd1 * (d_after / (d_after + e) - d_now / (d_now + e)) / unit;
}

/* A phasic transient of relative size base: x (1 + mor_burst_gain S_MOR) [OP-4], x the
** release gain gamma_KOR [OP-7]. */
static double
phasic(const rl_mouse_t *m, double base)
{
    return base * (1.0 + m->p.mor_burst_gain * m->sig.mor) * m->release_gain;
}

static rl_reinforcer_t
pellets(void)
{
    rl_reinforcer_t r;
    memset(&r, 0, sizeof r);
    strcpy(r.name, "food");
    r.kind = RL_REINFORCER_PELLET;
    r.pellet_mg = 20.0;
    r.palatability = 1.5;
    return r;
}

/* A wild-type mouse with the table's parameters at the start of its first session. */
static void
fresh(rl_mouse_t *m, const rl_reinforcer_t *rf)
{
    rl_params_t p;
    rl_params_default(&p);
    rl_mouse_init(m, &p, &rl_genotype_get(rl_genotype_find("WT"))->products, rf);
    rl_mouse_begin_session(m, 0.0, true);
    /* no stressor, no drug given: the [STR-*] terms are exactly zero */
    CHECK(m->crf == 0.0 && m->sig.kor_affect == 0.0 && m->n_doses == 0);
}

/* An extinguished mouse: both causes open, outcome statistics of a trained mouse. */
static void
extinguished(rl_mouse_t *m, double logodds)
{
    rl_reinforcer_t rf = fixture_cocaine();
    fresh(m, &rf);
    m->ext_cause_open = true;
    m->logodds = logodds;
    m->v[DRUG] = 1.2;
    m->v[EXT] = 0.3;
    m->v_cue[DRUG] = 0.8;
    m->v_cue[EXT] = 0.1;
    m->completions[DRUG] = 30.0;
    m->drug_seen[DRUG] = 28.0;
    m->cue_seen[DRUG] = 29.0;
    m->completions[EXT] = 10.0;
    m->drug_seen[EXT] = 1.0;
    m->cue_seen[EXT] = 2.0;
    m->n_cause[DRUG] = 4.0;
    m->n_cause[EXT] = 2.0;
    m->habit = 0.2;
}

static const rl_outcome_t POKE = {true, false, false, false};        /* counted only */
static const rl_outcome_t INFUSION = {true, true, true, false};      /* reinforcer, no cue */
static const rl_outcome_t INFUSION_CUE = {true, true, true, true};   /* reinforcer and cue */
static const rl_outcome_t OMISSION = {true, true, false, false};     /* completion, nothing */
static const rl_outcome_t TIMEOUT_POKE = {false, false, false, false};

/* [LRN-1] the reward of an infusion at brain cocaine C; [LRN-2] the value update; [BEL-2]
** no evidence while the extinction cause is closed; [BEH-1] N-hat after an FR1 run. */
static void
reinforced_completion(void)
{
    static rl_mouse_t m, before;
    rl_reinforcer_t rf = fixture_cocaine();
    double c = 1.5, r, d_now, d_after, d_ref;

    fresh(&m, &rf);
    m.pk_state.brain_uM = c;
    m.v[DRUG] = 0.05;
    m.v[EXT] = 0.7;
    rl_mouse_copy(&before, &m);
    /* [LRN-1] r = reward_drug (O_D1(D(C + q D_dose)) - O_D1(D(C))) / u, u the D1 rise of a
    ** doubling of D_ref = D(0) at the current release gain, no drug loads (the drug-free
    ** level), at full D1 density */
    d_now = tonic(&m, c);
    d_after = tonic(&m, c + m.p.coc_uM_per_mg_kg * rf.dose_mg_per_kg);
    d_ref = rl_da_tonic_nM(&m.p, &m.g, 0.0, m.release_gain);
    r = m.p.reward_drug * d1_rise(&m, d_now, d_after, d_ref);
    CHECK(r > 0.05); /* a positive prediction error: no [OP-8] factor */

    rl_mouse_on_active(&m, &INFUSION);
    CHECK_CLOSE(m.drug_reward_sum, r, 0.0, REL); /* [LRN-1] the primary reward, kept [STR-4] */
    CHECK(m.drug_reward_n == 1.0);
    /* [BEL-5] the drug state the outcome came with: D(C + q D_dose)/D0 - 1 */
    CHECK_CLOSE(m.drug_state_sum, d_after / m.da_base_nM - 1.0, 0.0, REL);
    /* [LRN-2] V_k += alpha_v b_k (r - V_k): b = 1 before the extinction cause opens */
    CHECK_CLOSE(m.v[DRUG], 0.05 + m.p.alpha_v * 1.0 * (r - 0.05), 0.0, REL);
    CHECK(m.v[EXT] == 0.7);
    /* [BEL-2] counts m_k, d_k, c_k grow by b_k; [BEL-1] the belief stays on the drug cause */
    CHECK(m.completions[DRUG] == 1.0 && m.drug_seen[DRUG] == 1.0 && m.cue_seen[DRUG] == 0.0);
    CHECK(m.completions[EXT] == 0.0 && m.drug_seen[EXT] == 0.0);
    CHECK(!m.ext_cause_open && m.logodds == before.logodds);
    /* [BEH-1] N-hat += alpha_ratio (n_run - N-hat) with n_run = 1; the run restarts */
    CHECK_CLOSE(m.n_hat, before.n_hat + m.p.alpha_ratio * (1.0 - before.n_hat), 0.0, REL);
    CHECK(m.n_run == 0);
}

/* [BEH-1] the rates, with N = max(N-hat, n_run + 1), during an FR3 run; [LRN-2] nothing
** is learned before the completion; N-hat after it. */
static void
ratio_run(void)
{
    static rl_mouse_t m;
    rl_reinforcer_t rf = fixture_cocaine();
    double a, i, total, v_drug, m_mot, s, net, drive, g_inc, d;
    int k;

    fresh(&m, &rf);
    m.v[DRUG] = 1.0;
    m.n_hat = 1.0;
    for (k = 0; k < 2; k++) {
        rl_mouse_on_active(&m, &POKE);
    }
    CHECK(m.n_run == 2 && m.v[DRUG] == 1.0 && m.completions[DRUG] == 0.0);
    /* [BEH-1] M = (V/N + want_gain W) G_inc drive, N = max(1, 2 + 1) = 3, W = 0;
    ** [OP-5] G_inc = 1 + dor_incentive_gain S_DOR,NAc; [BEH-2] drive = sigma((D* - D)/(w D*)) */
    v_drug = 1.0;
    d = tonic(&m, 0.0);
    drive = sigma((set_point(&m) - d) / (m.p.da_set_width * set_point(&m)));
    g_inc = 1.0 + m.p.dor_incentive_gain * m.sig.dor_nac;
    m_mot = (v_drug / 3.0 + m.p.want_gain * 0.0) * g_inc * drive;
    net = m_mot - m.p.effort_cost;
    s = net > 0.0 ? net / (net + m.p.rate_half_value) : 0.0;
    CHECK(s > 0.0);
    total = rl_mouse_rates(&m, 0.0, &a, &i);
    CHECK_CLOSE(a, (m.p.explore_per_min + m.p.max_rate_per_min * s) / 60.0, 0.0, REL);
    CHECK_CLOSE(i, (m.p.explore_per_min + m.p.generalization * m.p.max_rate_per_min * s) / 60.0,
        0.0, REL);
    CHECK_CLOSE(total, a + i, 0.0, REL);
    rl_mouse_on_active(&m, &INFUSION);
    CHECK_CLOSE(m.n_hat, 1.0 + m.p.alpha_ratio * (3.0 - 1.0), 0.0, REL); /* [BEH-1] */
    CHECK(m.n_run == 0);
}

/* [LRN-2] a negative prediction error deepened by KOR [OP-8]; [BEL-1] the first surprising
** omission opens the extinction cause with prior weight lc_prior_new; [BEL-2] the omission's
** evidence; [OP-3] the dynorphin it releases. */
static void
first_omission(void)
{
    static rl_mouse_t m, before;
    rl_reinforcer_t rf = fixture_cocaine();
    double frust, l, pd, pe, dyn;

    fresh(&m, &rf);
    m.v[DRUG] = 1.4;
    m.v[EXT] = 0.0;
    m.completions[DRUG] = m.drug_seen[DRUG] = 20.0;
    m.n_cause[DRUG] = 5.0;
    m.dyn_induced = 0.5; /* a cocaine-induced pool, so that [OP-3]'s release is tested */
    rl_mouse_copy(&before, &m);
    CHECK(m.sig.kor > 0.0); /* so that the [OP-8] factor is tested */
    frust = 1.0 + m.p.kor_frustration_gain * m.sig.kor;
    /* [BEL-1] l = log((n_drug + lc_prior_new) / lc_prior_new), then [BEL-2] the omission:
    ** + lc_evidence_surprise ln((1 - p_drug(d))/(1 - p_ext(d))) (no [OP-8] factor: KOR acts
    ** on the stored trace, not on the inference) */
    pd = p_out(m.drug_seen, m.completions, DRUG);
    pe = p_out(m.drug_seen, m.completions, EXT);
    l = log((5.0 + m.p.lc_prior_new) / m.p.lc_prior_new)
        + m.p.lc_evidence_surprise * log((1.0 - pd) / (1.0 - pe));
    /* [OP-3] only the induced pool is released, surprise = V_drug - 0 = 1.4 */
    dyn = m.pep.dyn + m.g.pdyn * m.dyn_induced * m.p.dyn_frustration_release * 1.4;
    CHECK(dyn > m.pep.dyn);

    rl_mouse_on_active(&m, &OMISSION);
    CHECK(m.ext_cause_open);
    CHECK(fabs(l) < 12.0);
    CHECK_CLOSE(m.logodds, l, 0.0, REL);
    /* [LRN-2] V_drug += alpha_v b (0 - V_drug), b = 1 at the response (the cause opens with
    ** it); V_ext learns with weight 1 - b = 0. [OP-8] the stored trace falls by the same
    ** times (1 + kor_frustration_gain S_KOR) and becomes V at the session's end. */
    CHECK_CLOSE(m.v[DRUG], 1.4 - m.p.alpha_v * 1.4, 0.0, REL);
    CHECK_CLOSE(m.v[DRUG] + m.v_deficit[DRUG], 1.4 - m.p.alpha_v * 1.4 * frust, 0.0, REL);
    CHECK(m.v[EXT] == 0.0 && m.v_deficit[EXT] == 0.0);
    CHECK(m.completions[DRUG] == 21.0 && m.drug_seen[DRUG] == 20.0);
    CHECK_CLOSE(m.pep.dyn, dyn, 0.0, REL);
    CHECK(m.drug_reward_n == 0.0);
    rl_mouse_end_session(&m);
    CHECK_CLOSE(m.v[DRUG], 1.4 - m.p.alpha_v * 1.4 * frust, 0.0, REL);
    CHECK(m.v_deficit[DRUG] == 0.0);
}

/* [LRN-2] V_k >= 0: a large negative error stops at 0 (the stored trace's, [OP-8]). */
static void
value_floor(void)
{
    static rl_mouse_t m;
    rl_reinforcer_t rf = fixture_cocaine();
    fresh(&m, &rf);
    m.ext_cause_open = true;
    m.logodds = 0.0;
    m.v[DRUG] = 0.01;
    m.v[EXT] = 0.01;
    m.p.alpha_v = 0.3;
    m.p.kor_frustration_gain = 1e6; /* alpha_v b delta x frustration far below -V */
    rl_mouse_on_active(&m, &OMISSION);
    CHECK(m.v[DRUG] > 0.0 && m.v[EXT] > 0.0); /* the expressed values: no [OP-8] factor */
    CHECK(m.v[DRUG] + m.v_deficit[DRUG] == 0.0 && m.v[EXT] + m.v_deficit[EXT] == 0.0);
    rl_mouse_end_session(&m);
    CHECK(m.v[DRUG] == 0.0 && m.v[EXT] == 0.0);
}

/* Both causes open, belief in between: [LRN-1] + [LRN-4] the reward includes the cue's
** conditioned reinforcement; [LRN-2] each cause learns in proportion to its belief;
** [LRN-3] the cue's values learn toward the delivered burst; [BEL-2] reward and cue
** evidence; [BEH-4] a cue that comes with its reinforcer adds no wanting. */
static void
reinforced_cue_both_causes(void)
{
    static rl_mouse_t m, before;
    double b, burst, cue_da, salience, r, l, assoc, frust, vta;
    int k;

    extinguished(&m, 0.4);
    m.pk_state.brain_uM = 0.5;
    rl_mouse_copy(&before, &m);
    b = belief(&m);
    CHECK_CLOSE(b, 1.0 / (1.0 + exp(-0.4)), 0.0, REL);
    /* [LRN-1] */
    r = m.p.reward_drug * d1_rise(&m, tonic(&m, 0.5), tonic(&m, 0.5 + m.p.coc_uM_per_mg_kg * 1.0),
        rl_da_tonic_nM(&m.p, &m.g, 0.0, m.release_gain));
    burst = phasic(&m, m.p.burst_drug);                      /* B of [LRN-3], [DA-4] */
    /* [LRN-4] B_cue = (b V_cue,drug + (1 - b) V_cue,ext)(1 + mor_burst_gain S_MOR) gamma */
    cue_da = phasic(&m, b * m.v_cue[DRUG] + (1.0 - b) * m.v_cue[EXT]);
    r += m.p.cue_conditioned_reinforcement * cue_da;
    /* [BEL-2] salience B_cue,drug = V_cue,drug (1 + mor_burst_gain S_MOR) gamma (no earlier
    ** unreinforced cue: [BEL-4] factor 1) */
    salience = phasic(&m, m.v_cue[DRUG]);
    l = 0.4 + m.p.lc_evidence_reward * log(p_out(m.drug_seen, m.completions, DRUG)
                                            / p_out(m.drug_seen, m.completions, EXT))
        + m.p.lc_evidence_cue * salience * log(p_out(m.cue_seen, m.completions, DRUG)
                                               / p_out(m.cue_seen, m.completions, EXT));
    assoc = 1.0 + m.p.dor_assoc_gain * m.sig.dor_assoc; /* [OP-6] */
    frust = 1.0 + m.p.kor_frustration_gain * m.sig.kor; /* [OP-8] */
    vta = m.activity[RL_REGION_VTA];

    rl_mouse_on_active(&m, &INFUSION_CUE);
    CHECK_CLOSE(m.logodds, l, 0.0, REL);
    CHECK_CLOSE(m.activity[RL_REGION_VTA], vta + burst + cue_da, 0.0, REL); /* [FOS-1] */
    CHECK(salience > 0.0 && m.want == before.want);                         /* [BEH-4] */
    for (k = 0; k < RL_N_CAUSES; k++) {
        double w = weight(b, k), delta = r - before.v[k];
        CHECK_CLOSE(m.v[k], before.v[k] + m.p.alpha_v * w * delta, 0.0, REL);        /* [LRN-2] */
        if (delta < 0.0) {
            delta *= frust; /* [OP-8] the stored trace */
        }
        CHECK_CLOSE(m.v[k] + m.v_deficit[k], before.v[k] + m.p.alpha_v * w * delta, 0.0, REL);
        CHECK_CLOSE(m.v_cue[k], before.v_cue[k]
            + m.p.alpha_cue * assoc * w * (burst - before.v_cue[k]), 0.0, REL);      /* [LRN-3] */
        CHECK_CLOSE(m.completions[k], before.completions[k] + w, 0.0, REL);         /* [BEL-2] */
        CHECK_CLOSE(m.drug_seen[k], before.drug_seen[k] + w, 0.0, REL);
        CHECK_CLOSE(m.cue_seen[k], before.cue_seen[k] + w, 0.0, REL);
    }
    CHECK(before.v[DRUG] > r && before.v[EXT] < r); /* both signs of [LRN-2] were exercised */
}

/* [BEL-2] an omission once the extinction cause is open: evidence for it; [LRN-2] each
** cause's value falls by its share, [OP-8] the stored trace's deeper by KOR frustration, and
** the stored traces become the values at the session's end. */
static void
omission_extinction(void)
{
    static rl_mouse_t m, before;
    double b, frust, l;
    int k;

    extinguished(&m, 1.0);
    rl_mouse_copy(&before, &m);
    b = belief(&m);
    frust = 1.0 + m.p.kor_frustration_gain * m.sig.kor;
    l = 1.0 + m.p.lc_evidence_surprise
        * log((1.0 - p_out(m.drug_seen, m.completions, DRUG))
              / (1.0 - p_out(m.drug_seen, m.completions, EXT)));
    rl_mouse_on_active(&m, &OMISSION);
    CHECK(l < 1.0);
    CHECK_CLOSE(m.logodds, l, 0.0, REL);
    CHECK(frust > 1.0); /* so that [OP-8] is tested */
    for (k = 0; k < RL_N_CAUSES; k++) {
        CHECK_CLOSE(m.v[k], before.v[k] - m.p.alpha_v * weight(b, k) * before.v[k], 0.0, REL);
        CHECK_CLOSE(m.v[k] + m.v_deficit[k],
            before.v[k] - m.p.alpha_v * weight(b, k) * before.v[k] * frust, 0.0, REL);
        CHECK_CLOSE(m.drug_seen[k], before.drug_seen[k], 0.0, 0.0);
    }
    /* [LRN-5] the omission leaves the habit and its stored trace as they are and starts its
    ** extinction clock (habit_extinction_time) */
    CHECK(m.habit == before.habit && m.habit_ext && !before.habit_ext);
    rl_mouse_end_session(&m); /* no time has passed: the habit is unchanged */
    CHECK_CLOSE(m.habit, before.habit, 0.0, REL);
    for (k = 0; k < RL_N_CAUSES; k++) {
        CHECK_CLOSE(m.v[k], before.v[k] - m.p.alpha_v * weight(b, k) * before.v[k] * frust, 0.0,
            REL);
    }
}

/* [LRN-5] after an omitted reinforcer the habit fades with the session time, by
** exp(-F dt / habit_ext_tau_min) with F the [OP-8] factor of the KOR signal held over the
** step (the habit has no stored trace); without an omission this session it does not, and a
** new session stops the clock. */
static void
habit_extinction_time(void)
{
    static rl_mouse_t m;
    double h, frust;

    extinguished(&m, 1.0);
    rl_mouse_advance(&m, 600.0); /* no omission yet: no extinction */
    CHECK(m.habit == 0.2);
    rl_mouse_on_active(&m, &OMISSION);
    h = m.habit;
    frust = 1.0 + m.p.kor_frustration_gain * m.sig.kor;
    CHECK(frust > 1.0); /* the KOR term is exercised */
    rl_mouse_advance(&m, 1800.0); /* 20 min */
    CHECK_CLOSE(m.habit, h * exp(-frust * 20.0 / m.p.habit_ext_tau_min), 0.0, 1e-12);
    CHECK(m.habit < h);
    rl_mouse_end_session(&m);
    rl_mouse_begin_session(&m, 24.0, false);
    h = m.habit;
    CHECK(!m.habit_ext);
    rl_mouse_advance(&m, 600.0);
    CHECK(m.habit == h);
}

/* [BEL-2] the log-odds are clipped to +-12. */
static void
logodds_clip(void)
{
    static rl_mouse_t m;
    extinguished(&m, -11.9);
    m.completions[DRUG] = m.drug_seen[DRUG] = 1e6; /* an omission is very strong evidence */
    m.p.lc_evidence_surprise = 1.0;
    rl_mouse_on_active(&m, &OMISSION);
    CHECK(m.logodds == -12.0);
}

/* Non-contingent cues: [LRN-3] unreinforced cue learning (B = 0), [BEL-4] habituation of
** the second unreinforced cue, [BEH-4] wanting, [BEL-2] cue evidence; no completion. */
static void
noncontingent_cues(void)
{
    static rl_mouse_t m, before;
    int u;

    extinguished(&m, -3.0);
    for (u = 0; u < 3; u++) {
        double b, h, salience, assoc, l;
        int k;
        rl_mouse_copy(&before, &m);
        b = belief(&m);
        h = exp(-(double) u / m.p.cue_habituation_n);        /* [BEL-4] */
        salience = h * phasic(&m, m.v_cue[DRUG]);            /* [BEH-4], [BEL-2] */
        assoc = 1.0 + m.p.dor_assoc_gain * m.sig.dor_assoc;  /* [OP-6] */
        l = before.logodds + m.p.lc_evidence_cue * salience
            * log(p_out(m.cue_seen, m.completions, DRUG) / p_out(m.cue_seen, m.completions, EXT));
        rl_mouse_on_cue(&m);
        CHECK(m.cues_unreinforced == u + 1);
        CHECK_CLOSE(m.want, before.want + salience, 0.0, REL);
        CHECK_CLOSE(m.logodds, l, 0.0, REL);
        for (k = 0; k < RL_N_CAUSES; k++) {
            CHECK_CLOSE(m.v_cue[k], before.v_cue[k]
                + m.p.alpha_cue * assoc * weight(b, k) * (0.0 - before.v_cue[k]), 0.0, REL);
            CHECK(m.completions[k] == before.completions[k] && m.v[k] == before.v[k]);
        }
        CHECK(m.n_run == 0 && m.n_hat == before.n_hat);
    }
}

/* A poke in timeout is not counted: nothing changes but the dorsal striatum's count (and
** the DA solve's memo, a cache). */
static void
timeout_poke(void)
{
    static rl_mouse_t m, want;
    extinguished(&m, 0.0);
    rl_mouse_copy(&want, &m);
    want.activity[RL_REGION_DS] += 1.0; /* [FOS-1] every response */
    rl_mouse_on_active(&m, &TIMEOUT_POKE);
    /* the memo of the DA solve is a cache, not state: the poke may have filled it */
    memcpy(want.da_memo, m.da_memo, sizeof m.da_memo);
    CHECK(memcmp(&m, &want, sizeof m) == 0);
}

/* [STR-3] the stress state S (held between advances) amplifies cue-triggered wanting:
** want_gain W (1 + crf_want_gain S) in [BEH-1]; without wanting, stress changes nothing
** here (the KOR relief [STR-4] is 0: no dysphoria signal). */
static void
stress_amplifies_wanting(void)
{
    static rl_mouse_t m;
    double b, c, d, drive, vbar, n, mm, net, s, a, i, crf;
    int k;

    extinguished(&m, 0.85);
    m.pk_state.brain_uM = 0.8;
    m.pk_state.body_mg_per_kg = 0.8;
    m.n_hat = 1.3;
    CHECK(m.sig.kor_affect == 0.0);
    for (k = 0; k < 3; k++) {
        crf = 0.6 * k;
        m.crf = crf;
        m.want = k < 2 ? 0.4 : 0.0;
        b = belief(&m);
        c = rl_mouse_brain_cocaine_at(&m, 0.0);
        d = tonic(&m, c);
        drive = sigma((set_point(&m) - d) / (m.p.da_set_width * set_point(&m)));
        vbar = b * m.v[DRUG] + (1.0 - b) * m.v[EXT];
        n = fmax(m.n_hat, (double) m.n_run + 1.0);
        mm = (vbar / n + m.p.want_gain * m.want * (1.0 + m.p.crf_want_gain * crf))
            * (1.0 + m.p.dor_incentive_gain * m.sig.dor_nac) * drive;       /* [STR-3] */
        net = mm - m.p.effort_cost;
        s = net > 0.0 ? net / (net + m.p.rate_half_value) : 0.0;
        rl_mouse_rates(&m, 0.0, &a, &i);
        CHECK_CLOSE(a, (m.p.explore_per_min + m.p.max_rate_per_min * s + m.habit * drive) / 60.0,
            0.0, REL); /* [LRN-5] the habit's rate is not amplified by stress */
    }
}

/* [STR-4] under KOR dysphoria S_aff a completion is worth the drug's relief,
** kor_affect_gain S_aff R_bar w, whatever the belief (w the relief expectancy, 1 at first);
** an unrewarded completion under dysphoria moves w by alpha_v S_aff (0 - w), a reinforced
** one by alpha_v S_aff (1 - w). */
static void
relief_expectancy(void)
{
    static rl_mouse_t m;
    double b, c, d, drive, vbar, n, mm, net, s, a, i, relief, w;
    const double aff = 0.4, rbar = 1.5;

    extinguished(&m, -3.0);
    CHECK(m.relief_w == 1.0);
    m.drug_reward_sum = 3.0 * rbar;
    m.drug_reward_n = 3.0;
    m.sig.kor_affect = aff;
    m.n_hat = 1.0;
    b = belief(&m);
    c = rl_mouse_brain_cocaine_at(&m, 0.0);
    d = tonic(&m, c);
    drive = sigma((set_point(&m) - d) / (m.p.da_set_width * set_point(&m)));
    relief = m.p.kor_affect_gain * aff * rbar * 1.0; /* not weighted by b */
    vbar = b * m.v[DRUG] + (1.0 - b) * m.v[EXT] + relief;
    n = fmax(m.n_hat, (double) m.n_run + 1.0);
    mm = vbar / n * (1.0 + m.p.dor_incentive_gain * m.sig.dor_nac) * drive;
    net = mm - m.p.effort_cost;
    s = net > 0.0 ? net / (net + m.p.rate_half_value) : 0.0;
    rl_mouse_rates(&m, 0.0, &a, &i);
    CHECK(b < 0.1 && s > 0.5);
    CHECK_CLOSE(a, (m.p.explore_per_min + m.p.max_rate_per_min * s + m.habit * drive) / 60.0,
        0.0, REL); /* [LRN-5] */
    rl_mouse_on_active(&m, &OMISSION);
    w = 1.0 + m.p.alpha_v * aff * (0.0 - 1.0);
    CHECK_CLOSE(m.relief_w, w, 0.0, REL);
    m.sig.kor_affect = aff;
    rl_mouse_on_active(&m, &INFUSION);
    CHECK_CLOSE(m.relief_w, w + m.p.alpha_v * aff * (1.0 - w), 0.0, REL);
    /* no dysphoria: nothing learned */
    w = m.relief_w;
    CHECK(m.sig.kor_affect == 0.0);
    rl_mouse_on_active(&m, &OMISSION);
    CHECK(m.relief_w == w);
}

/* [BEH-1], [BEH-2], [BEH-4] the rates with cocaine in the brain, both causes, wanting and
** a run in progress, at the clock and 20 s later. */
static void
rates_cocaine(void)
{
    static rl_mouse_t m;
    const double dts[2] = {0.0, 20.0};
    int j;

    extinguished(&m, 0.85);
    m.pk_state.brain_uM = 0.8;        /* tonic DA near the set point: drive ~ 1/2 */
    m.pk_state.body_mg_per_kg = 0.8;
    m.want = 0.4;
    m.n_hat = 1.3;
    m.n_run = 2;
    for (j = 0; j < 2; j++) {
        double b = belief(&m), c = rl_mouse_brain_cocaine_at(&m, dts[j]), d, drive, w, vbar, n,
               mm, net, s, a, i;
        w = m.want * exp(-dts[j] / m.p.want_decay_s);                      /* [BEH-4] */
        d = tonic(&m, c);
        drive = sigma((set_point(&m) - d) / (m.p.da_set_width * set_point(&m))); /* [BEH-2] */
        vbar = b * m.v[DRUG] + (1.0 - b) * m.v[EXT];
        n = fmax(m.n_hat, (double) m.n_run + 1.0);
        mm = (vbar / n + m.p.want_gain * w) * (1.0 + m.p.dor_incentive_gain * m.sig.dor_nac)
            * drive;                                                          /* [BEH-1] */
        net = mm - m.p.effort_cost;
        s = net > 0.0 ? net / (net + m.p.rate_half_value) : 0.0;
        CHECK(s > 0.0 && drive > 0.2 && drive < 0.8);
        rl_mouse_rates(&m, dts[j], &a, &i);
        /* [LRN-5] plus the habit's rate times the drive, on the active hole only */
        CHECK_CLOSE(a, (m.p.explore_per_min + m.p.max_rate_per_min * s + m.habit * drive) / 60.0,
            0.0, REL);
        CHECK_CLOSE(i, (m.p.explore_per_min + m.p.generalization * m.p.max_rate_per_min * s)
            / 60.0, 0.0, REL);
    }
    /* [BEH-1] value below the cost, no habit: exploration only, exactly */
    m.v[DRUG] = m.v[EXT] = 0.0;
    m.want = 0.0;
    m.habit = 0.0;
    {
        double a, i;
        rl_mouse_rates(&m, 0.0, &a, &i);
        CHECK(a == m.p.explore_per_min / 60.0 && i == m.p.explore_per_min / 60.0);
    }
}

/* [BEH-2] satiety drive for food and [LRN-1] a pellet's reward, reward_food x
** palatability x drive (the drive before this pellet). */
static void
food(void)
{
    static rl_mouse_t m, before;
    rl_reinforcer_t rf = pellets();
    double drive, r, a, i, s, net, mm;

    fresh(&m, &rf);
    m.food_eaten = 5.0;
    m.v[DRUG] = 0.6;
    drive = exp(-5.0 / m.p.food_satiety_pellets);
    mm = (0.6 / 1.0) * (1.0 + m.p.dor_incentive_gain * m.sig.dor_nac) * drive;
    net = mm - m.p.effort_cost;
    s = net > 0.0 ? net / (net + m.p.rate_half_value) : 0.0;
    rl_mouse_rates(&m, 0.0, &a, &i);
    CHECK(s > 0.0);
    CHECK_CLOSE(a, (m.p.explore_per_min + m.p.max_rate_per_min * s) / 60.0, 0.0, REL);
    rl_mouse_copy(&before, &m);
    r = m.p.reward_food * 1.5 * drive;
    rl_mouse_on_active(&m, &INFUSION); /* the reinforcer: a pellet */
    CHECK(m.food_eaten == 6.0 && m.drug_reward_n == 0.0);
    CHECK_CLOSE(m.v[DRUG], 0.6 + m.p.alpha_v * (r < 0.6 ? (r - 0.6)
        * (1.0 + m.p.kor_frustration_gain * before.sig.kor) : r - 0.6), 0.0, REL);
}

/* [BEH-2], [LRN-1] a liquid reinforcer goes through the food machinery with its own
** numbers: a delivery is worth reward_food x palatability x drive and adds its satiety per
** delivery (reference pellets) to the food eaten; the drive is e^{-eaten/food_satiety}. */
static void
liquid(void)
{
    static rl_mouse_t m;
    rl_reinforcer_t rf = pellets();
    rl_mouse_reinforcer_t out;
    double drive, r;

    rf.kind = RL_REINFORCER_LIQUID;
    rf.palatability = 0.7;
    rf.satiety_per_delivery = 0.1;
    fresh(&m, &rf);
    rl_mouse_reinforcer(&m, &out);
    CHECK(!out.drug && out.liquid && out.dose_mg_per_kg == 0.0);
    m.food_eaten = 5.0;
    m.v[DRUG] = 0.6;
    drive = exp(-5.0 / m.p.food_satiety_pellets);
    r = m.p.reward_food * 0.7 * drive;
    rl_mouse_on_active(&m, &INFUSION); /* the reinforcer: a drop */
    CHECK_CLOSE(m.food_eaten, 5.1, 0.0, 1e-15);
    CHECK_CLOSE(m.v[DRUG], 0.6 + m.p.alpha_v * (r - 0.6) * (r < 0.6
        ? 1.0 + m.p.kor_frustration_gain * m.sig.kor : 1.0), 0.0, 1e-9);
}

/* [BEH-3] the thinning bound: while an infusion raises brain cocaine the rate is highest
** at the start of the window; after it, the rate rises as cocaine falls and is highest at
** the window's end. Since RNG scheme 3 the bound is the rate at a lower bound of DA there
** (one Newton step from the memo's last solve, no solve of its own), so it lies above the
** highest rate, within 2e-4 of it here (measured: 6e-8 during the infusion, 1.1e-4 after,
** where the memo's last solve is at a cocaine level far from the window's lowest). */
static void
rate_bound(void)
{
    static rl_mouse_t m;
    double bound, a, i, t, top = 0.0, r0;
    extinguished(&m, 2.0);
    m.want = 0.2;
    rl_mouse_infusion(&m, true);
    bound = rl_mouse_rate_bound(&m, 30.0);
    r0 = rl_mouse_rates(&m, 0.0, &a, &i); /* minimum C, maximum W */
    CHECK(r0 <= bound && bound <= r0 * (1.0 + 2e-4));
    for (t = 0.0; t <= 30.0; t += 0.25) {
        double rate = rl_mouse_rates(&m, t, &a, &i);
        CHECK(rate <= bound * (1.0 + 1e-12));
        top = fmax(top, rate);
    }
    CHECK(top < bound * (1.0 + 1e-12) && rl_mouse_rates(&m, 30.0, &a, &i) < 0.9 * bound);
    rl_mouse_infusion(&m, false);
    m.pk_state.brain_uM = 0.85; /* above q x body load: brain cocaine falls */
    m.pk_state.body_mg_per_kg = 0.5;
    m.want = 0.0;
    bound = rl_mouse_rate_bound(&m, 120.0);
    r0 = rl_mouse_rates(&m, 120.0, &a, &i);
    CHECK(r0 <= bound && bound <= r0 * (1.0 + 2e-4));
    for (t = 0.0; t <= 120.0; t += 1.0) {
        CHECK(rl_mouse_rates(&m, t, &a, &i) <= r0 * (1.0 + 1e-12));
    }
    CHECK(rl_mouse_rates(&m, 0.0, &a, &i) < r0);
}

/* [BEL-3] n_k += the session's time-averaged belief; [BEL-1] the next session's prior
** from the decayed experience. */
static void
experience_and_prior(void)
{
    static rl_mouse_t m;
    double decay, nd, ne, m_drug;
    extinguished(&m, log(3.0)); /* b = 0.75 */
    rl_mouse_advance(&m, 600.0); /* drug-free: [BEL-5] does not act, b stays 0.75 */
    CHECK_CLOSE(belief(&m), 0.75, 0.0, REL);
    rl_mouse_end_session(&m);
    CHECK_CLOSE(m.n_cause[DRUG], 4.0 + 0.75, 0.0, REL);
    CHECK_CLOSE(m.n_cause[EXT], 2.0 + 0.25, 0.0, REL);
    m_drug = m.completions[DRUG];
    rl_mouse_begin_session(&m, 24.0, false);
    decay = exp(-24.0 / m.p.lc_memory_h);
    nd = 4.75 * decay;
    ne = 2.25 * decay;
    CHECK_CLOSE(m.n_cause[DRUG], nd, 0.0, REL);
    CHECK_CLOSE(m.completions[DRUG], m_drug * decay, 0.0, REL);
    CHECK_CLOSE(m.logodds, log((nd + m.p.lc_prior_new) / (ne + m.p.lc_prior_new)), 0.0, REL);
    CHECK(m.cues_unreinforced == 0 && m.want == 0.0 && m.n_run == 0);
}

/* [BEL-5] cocaine's interoceptive state: dl/dt = lc_evidence_intero (D/D0 - 1 -
** intero_threshold r) ln(p_drug(d)/p_ext(d)) per minute while positive, D at the step's
** midpoint and r the mean relative rise the drug outcomes came with (0 before any); only
** once the extinction cause is open. */
static void
interoception(void)
{
    static rl_mouse_t m;
    double dt = 10.0, d_mid, l, rise, lr;
    int k;
    extinguished(&m, -2.0);
    m.pk_state.body_mg_per_kg = 5.0;
    m.pk_state.brain_uM = 4.0;
    CHECK(dt <= m.p.peptide_step_s); /* one step */
    d_mid = tonic(&m, rl_mouse_brain_cocaine_at(&m, 0.5 * dt));
    CHECK(d_mid > m.da_base_nM);
    rise = d_mid / m.da_base_nM - 1.0;
    lr = log(p_out(m.drug_seen, m.completions, DRUG) / p_out(m.drug_seen, m.completions, EXT));
    l = -2.0 + m.p.lc_evidence_intero * rise * dt / 60.0 * lr;
    rl_mouse_advance(&m, dt);
    CHECK_CLOSE(m.logodds, l, 0.0, REL);
    /* drug outcomes that came with a mean rise r: the part of the rise above
    ** intero_threshold r counts (k = 0), none if it does not reach it (k = 1) */
    for (k = 0; k < 2; k++) {
        double r = (k == 0 ? 0.5 : 1.5) * rise / m.p.intero_threshold;
        extinguished(&m, -2.0);
        m.pk_state.body_mg_per_kg = 5.0;
        m.pk_state.brain_uM = 4.0;
        m.drug_reward_n = 4.0;
        m.drug_state_sum = 4.0 * r;
        rl_mouse_advance(&m, dt);
        CHECK_CLOSE(m.logodds, k == 0 ? -2.0 + m.p.lc_evidence_intero * 0.5 * rise * dt / 60.0 * lr
            : -2.0, 0.0, REL);
    }
    extinguished(&m, -2.0);
    m.ext_cause_open = false;
    m.pk_state.body_mg_per_kg = 5.0;
    m.pk_state.brain_uM = 4.0;
    rl_mouse_advance(&m, dt);
    CHECK(m.logodds == -2.0);
}

/* [OBS-1] the pre-session level D(0; gamma_KOR at rest), gamma_KOR = 1/(1 + kor_release_gain
** S_KOR) with S_KOR the receptor signal of the resting peptides (the dynorphin pool as the
** mouse's history left it) and no drug at any target, no stressor: for a naive mouse it is
** its tonic DA at t = 0; after induced dynorphin it is lower (KOR); a long-acting drug
** given days before (nor-BNI), a prime or a stressor given before the session do not move
** it, although they move the tonic DA of the session. */
static void
pre_session_level(void)
{
    static rl_mouse_t m, primed;
    rl_reinforcer_t rf = fixture_cocaine();
    rl_brain_readout_t r, rp;
    rl_peptides_t pep;
    rl_receptor_signals_t sig;
    const rl_drug_t *nor_bni, *coc;
    double naive, want;

    fresh(&m, &rf);
    rl_mouse_brain_readout(&m, &r);
    naive = r.da_pre_nM;
    CHECK_CLOSE(naive, rl_da_tonic_nM(&m.p, &m.g, 0.0,
        1.0 / (1.0 + m.p.kor_release_gain * m.sig.kor)), 0.0, REL);
    CHECK_CLOSE(naive, tonic(&m, 0.0), 0.0, REL); /* nothing given: the level at t = 0 */
    CHECK(r.da_mean_nM == tonic(&m, 0.0) && r.cocaine_mean_uM == 0.0); /* clock 0 */

    /* dynorphin induced by a cocaine history [OP-3], then nor-BNI 10 mg/kg i.p. */
    m.dyn_induced = 3.0;
    CHECK(rl_drug_find("nor-BNI", &nor_bni, NULL) == 0 && rl_drug_find("cocaine", &coc, NULL) == 0);
    CHECK(rl_mouse_give(&m, rl_drug_id(nor_bni), RL_ROUTE_IP, 10.0, -60.0, NULL) == 0);
    rl_mouse_end_session(&m);
    rl_mouse_begin_session(&m, 24.0, false);
    rl_opioid_basal(&m.p, &m.g, m.dyn_induced, &pep);
    rl_opioid_signals(&m.p, &m.g, &pep, NULL, &sig);
    want = rl_da_tonic_nM(&m.p, &m.g, 0.0, 1.0 / (1.0 + m.p.kor_release_gain * sig.kor));
    rl_mouse_brain_readout(&m, &r);
    CHECK_CLOSE(r.da_pre_nM, want, 0.0, REL);
    CHECK(r.da_pre_nM < naive);               /* more dynorphin, less release */
    CHECK(tonic(&m, 0.0) > r.da_pre_nM * 1.001); /* nor-BNI still blocks KOR at t = 0 */

    /* a cocaine prime (drug table, i.p., 10 mg/kg 10 min before) and a stressor before the
    ** session: the session's DA rises, its pre-session level does not move */
    rl_mouse_copy(&primed, &m);
    CHECK(rl_mouse_give(&primed, rl_drug_id(coc), RL_ROUTE_IP, 10.0, -10.0, NULL) == 0);
    CHECK(rl_mouse_stress(&primed, 1.0, -15.0, 15.0, NULL) == 0);
    rl_mouse_advance(&m, 60.0);
    rl_mouse_advance(&primed, 60.0);
    rl_mouse_advance(&m, 600.0);
    rl_mouse_advance(&primed, 600.0);
    rl_mouse_brain_readout(&m, &r);
    rl_mouse_brain_readout(&primed, &rp);
    CHECK(rp.da_pre_nM == r.da_pre_nM);
    CHECK(rp.da_mean_nM > 1.5 * r.da_mean_nM);
    CHECK(rp.cocaine_mean_uM == 0.0); /* an injected drug is not catheter cocaine */
}

/* [OBS-1] one step with cocaine in the body (dt <= peptide_step_s): the cocaine integral
** over the step in closed form [PK-3], its maximum [PK-4]; DA's integral D(C_mid) dt +
** D'(C_mid) (int C dt - C_mid dt) with the held release gain and loads; DA's peak D(C_max).
** Then a drug-free step: DA constant at the held level. A new session starts afresh. */
static void
readout_steps(void)
{
    static rl_mouse_t m;
    rl_reinforcer_t rf = fixture_cocaine();
    rl_brain_readout_t r;
    double dt = 20.0, c_mid, d_mid, slope, c_int, lo, hi, da_s, d_free, gain;
    rl_da_drugs_t dad;

    fresh(&m, &rf);
    m.pk_state.body_mg_per_kg = 5.0;
    m.pk_state.brain_uM = 4.0;
    CHECK(dt <= m.p.peptide_step_s); /* one step */
    c_mid = rl_mouse_brain_cocaine_at(&m, 0.5 * dt);
    d_mid = tonic(&m, c_mid);
    slope = rl_da_tonic_slope(&m.p, &m.g, c_mid, m.release_gain, &m.dad, d_mid);
    c_int = rl_pk_brain_integral(&m.pk, &m.pk_state, dt);
    rl_pk_brain_range(&m.pk, &m.pk_state, dt, &lo, &hi);
    CHECK(hi > 4.0 && hi > c_mid); /* brain cocaine rises toward q A: an interior peak */
    da_s = d_mid * dt + slope * (c_int - c_mid * dt);
    gain = m.release_gain; /* held during the step (the advance refreshes it at its end) */
    dad = m.dad;
    rl_mouse_advance(&m, dt);
    rl_mouse_brain_readout(&m, &r);
    CHECK_CLOSE(r.cocaine_mean_uM, c_int / dt, 0.0, REL);
    CHECK_CLOSE(r.cocaine_peak_uM, hi, 0.0, REL);
    CHECK_CLOSE(r.da_mean_nM, da_s / dt, 0.0, REL);
    CHECK_CLOSE(r.da_peak_nM, rl_da_tonic_drugs_nM(&m.p, &m.g, hi, gain, &dad), 0.0, REL);

    fresh(&m, &rf);
    d_free = tonic(&m, 0.0);
    rl_mouse_advance(&m, 600.0);
    rl_mouse_brain_readout(&m, &r);
    CHECK_CLOSE(r.da_mean_nM, d_free, 0.0, REL);
    CHECK_CLOSE(r.da_peak_nM, d_free, 0.0, REL);
    CHECK(r.cocaine_mean_uM == 0.0 && r.cocaine_peak_uM == 0.0);
    rl_mouse_end_session(&m);
    m.pk_state.body_mg_per_kg = 5.0; /* leftovers do not carry into the next readout */
    rl_mouse_begin_session(&m, 0.0, false);
    CHECK(m.obs.da_s == 0.0 && m.obs.coc_s == 0.0 && m.obs.da_peak_nM == 0.0);
}

/* [BEH-5] the drug state's incentive: kappa follows the relative DA rise with time constant
** da_incentive_tau_min, exactly over a step with the rise held at its midpoint value; the
** value of a completion [BEH-1] gains da_incentive_gain kappa R-bar (R-bar the mean primary
** reward of the drug outcomes met, [STR-4]; not weighted by the belief), inside the drive's
** gate [BEH-2]; kappa restarts
** at 0 each session, and a food-taking mouse has none. */
static void
drug_state_incentive(void)
{
    static rl_mouse_t m;
    rl_reinforcer_t food = pellets();
    double dt = 10.0, rise, kappa, b, c, d, drive, vbar, n, mm, net, s, a, i;
    const double rbar = 1.5;

    extinguished(&m, -1.0);
    m.drug_reward_sum = 2.0 * rbar;
    m.drug_reward_n = 2.0;
    m.n_hat = 1.0;
    CHECK(m.da_incentive == 0.0);
    m.pk_state.body_mg_per_kg = 1.0;
    m.pk_state.brain_uM = 0.3;
    CHECK(dt <= m.p.peptide_step_s); /* one step */
    rise = tonic(&m, rl_mouse_brain_cocaine_at(&m, 0.5 * dt)) / m.da_base_nM - 1.0;
    CHECK(rise > 0.0);
    kappa = rise * (1.0 - exp(-dt / (60.0 * m.p.da_incentive_tau_min)));
    rl_mouse_advance(&m, dt);
    CHECK_CLOSE(m.da_incentive, kappa, 0.0, REL);
    /* a drug-free step: kappa relaxes toward 0 */
    m.da_incentive = 1.2;
    m.pk_state.body_mg_per_kg = 0.0;
    m.pk_state.brain_uM = 0.0;
    m.pk_state.input_mg_per_kg_per_s = 0.0;
    rl_mouse_advance(&m, m.t_s + 600.0);
    CHECK_CLOSE(m.da_incentive, 1.2 * exp(-600.0 / (60.0 * m.p.da_incentive_tau_min)), 0.0,
        1e-9); /* the drug-free level is rest up to the held release gain */
    /* the rates */
    m.da_incentive = 0.8;
    m.pk_state.body_mg_per_kg = 0.5;
    m.pk_state.brain_uM = 0.5;
    b = belief(&m);
    c = rl_mouse_brain_cocaine_at(&m, 0.0);
    d = tonic(&m, c);
    drive = sigma((set_point(&m) - d) / (m.p.da_set_width * set_point(&m)));
    vbar = b * m.v[DRUG] + (1.0 - b) * m.v[EXT] + m.p.da_incentive_gain * 0.8 * rbar;
    n = fmax(m.n_hat, (double) m.n_run + 1.0);
    mm = vbar / n * (1.0 + m.p.dor_incentive_gain * m.sig.dor_nac) * drive;
    net = mm - m.p.effort_cost;
    s = net > 0.0 ? net / (net + m.p.rate_half_value) : 0.0;
    CHECK(s > 0.0 && m.p.da_incentive_gain > 0.0);
    rl_mouse_rates(&m, m.t_s, &a, &i);
    /* [LRN-5] plus the habit's rate H x drive */
    CHECK_CLOSE(a, (m.p.explore_per_min + m.p.max_rate_per_min * s + m.habit * drive) / 60.0, 0.0,
        REL);
    /* [BEH-3] kappa is held within a window: the bound is the rate at the lowest cocaine */
    CHECK(rl_mouse_rate_bound(&m, m.t_s + 5.0) >= a + i);
    rl_mouse_end_session(&m);
    rl_mouse_begin_session(&m, 24.0, false);
    CHECK(m.da_incentive == 0.0);
    /* food: no drug state's incentive */
    fresh(&m, &food);
    m.da_incentive = 0.8;
    m.drug_reward_sum = 2.0 * rbar;
    m.drug_reward_n = 2.0;
    m.v[DRUG] = 1.0;
    m.n_hat = 1.0;
    rl_mouse_rates(&m, 0.0, &a, &i);
    s = 1.0 * (1.0 + m.p.dor_incentive_gain * m.sig.dor_nac) *
        exp(-m.food_eaten / m.p.food_satiety_pellets) - m.p.effort_cost;
    s = s / (s + m.p.rate_half_value);
    CHECK_CLOSE(a, (m.p.explore_per_min + m.p.max_rate_per_min * s) / 60.0, 0.0, REL);
}

/* [LRN-5] the habit: reinforced completions are counted and learned at the session's end,
** toward their rate per minute, 1 - (1 - habit_alpha)^n of the way; an omission starts its
** extinction in time, faster under KOR frustration (habit_extinction_time); a new session
** counts from 0. */
static void
habit_learning(void)
{
    static rl_mouse_t m;
    rl_reinforcer_t rf = fixture_cocaine();
    double a, target;
    int k;

    fresh(&m, &rf);
    m.habit = 0.1;
    for (k = 0; k < 3; k++) {
        rl_mouse_on_active(&m, &INFUSION);
    }
    CHECK(m.reinforced_n == 3 && m.habit == 0.1);
    m.t_s = 600.0; /* 10 min: 0.3 reinforced completions per minute */
    a = 1.0 - pow(1.0 - m.p.habit_alpha, 3.0);
    target = 0.1 + a * (0.3 - 0.1);
    rl_mouse_end_session(&m);
    CHECK_CLOSE(m.habit, target, 0.0, REL);
    rl_mouse_begin_session(&m, 24.0, false);
    CHECK(m.reinforced_n == 0);
    rl_mouse_end_session(&m); /* nothing reinforced: the habit is unchanged */
    CHECK(m.habit == target);
}

/* [BEH-2] the day state: a lognormal factor exp(s z - s^2/2), s^2 = ln(1 + cv^2), on the
** cocaine set point; the rates are those of a mouse whose da_set_fold carries the factor. */
static void
day_state(void)
{
    static rl_mouse_t m, twin;
    double cv, s2, f, a, i, a2, i2;

    extinguished(&m, 0.85);
    CHECK(rl_mouse_day(&m) == 1.0);                  /* a new mouse's factor */
    cv = m.p.da_set_day_cv;
    CHECK(cv > 0.0);
    s2 = log(1.0 + cv * cv);
    f = exp(sqrt(s2) * 1.3 - 0.5 * s2);
    rl_mouse_set_day(&m, 1.3);
    CHECK_CLOSE(rl_mouse_day(&m), f, 0.0, REL);
    CHECK(rl_mouse_day(&m) > 1.0);
    rl_mouse_set_day(&m, -1.3);
    CHECK_CLOSE(rl_mouse_day(&m), exp(-sqrt(s2) * 1.3 - 0.5 * s2), 0.0, REL);
    CHECK(rl_mouse_day(&m) < 1.0);

    /* the rates near the set point, against a twin with the factor in da_set_fold */
    rl_mouse_set_day(&m, 1.3);
    m.pk_state.brain_uM = 0.8;
    m.pk_state.body_mg_per_kg = 0.8;
    rl_mouse_copy(&twin, &m);
    twin.p.da_set_fold = m.p.da_set_fold * f;
    twin.day_f = 1.0;
    rl_mouse_rates(&m, 0.0, &a, &i);
    rl_mouse_rates(&twin, 0.0, &a2, &i2);
    CHECK_CLOSE(a, a2, 0.0, REL);
    CHECK_CLOSE(i, i2, 0.0, REL);
    /* a higher set point means more drive, so more motivated responding, at the same DA */
    rl_mouse_set_day(&m, -1.3);
    rl_mouse_rates(&m, 0.0, &a2, &i2);
    CHECK(a > a2);

    /* CV 0: the factor is 1 whatever z */
    m.p.da_set_day_cv = 0.0;
    rl_mouse_set_day(&m, 2.5);
    CHECK(rl_mouse_day(&m) == 1.0);
}

static const rl_test_case_t CASES[] = {
    {"day_state", day_state, 0},
    {"reinforced_completion", reinforced_completion, 0},
    {"ratio_run", ratio_run, 0},
    {"first_omission", first_omission, 0},
    {"value_floor", value_floor, 0},
    {"reinforced_cue_both_causes", reinforced_cue_both_causes, 0},
    {"omission_extinction", omission_extinction, 0},
    {"habit_extinction_time", habit_extinction_time, 0},
    {"logodds_clip", logodds_clip, 0},
    {"noncontingent_cues", noncontingent_cues, 0},
    {"timeout_poke", timeout_poke, 0},
    {"rates_cocaine", rates_cocaine, 0},
    {"stress_amplifies_wanting", stress_amplifies_wanting, 0},
    {"relief_expectancy", relief_expectancy, 0},
    {"habit_learning", habit_learning, 0},
    {"food", food, 0},
    {"liquid", liquid, 0},
    {"rate_bound", rate_bound, 0},
    {"experience_and_prior", experience_and_prior, 0},
    {"interoception", interoception, 0},
    {"drug_state_incentive", drug_state_incentive, 0},
    {"pre_session_level", pre_session_level, 0},
    {"readout_steps", readout_steps, 0},
};

RL_TEST_MAIN(CASES)
