/* test_place.c -- the conditioned place preference apparatus and its model
** ([CPP-1]..[CPP-3], docs/MODEL.md section 9; src/chamber/place.c).
**
** Known answers: (1) sessions alternate compartments as the protocol says; (2) a session's
** time adds up: the compartment times sum to its length, entries alternate and are in
** time order, a confined session is all in one compartment, and the CPP score is paired
** minus other; (3) with learning switched off (place_check_per_min = 0, so no outcome is
** counted in tests) and fixed compartment values, the share of time in the paired
** compartment over a long test converges to the two-state Markov chain's stationary share
** 1/(1 + exp(-beta dQ)) [CPP-2] -- checked within 0.03 over 2000 min (the share's SD over
** that length is ~0.01); (4) a cocaine pairing raises the paired compartment's value, a
** saline session does not; drug-free test time in the paired compartment lowers it
** [CPP-1], [CPP-3]; (5) a saline session in the paired compartment after conditioning
** takes its omitted outcomes one at a time, each at the belief the ones before it left
** (log-odds, counts, value and experience computed outcome by outcome) [CPP-1], [BEL-3].
*/
#include <math.h>
#include <stdatomic.h>
#include <string.h>

#include "relapselab/drugs.h"
#include "relapselab/genotype.h"
#include "behaviour/mouse_internal.h"
#include "chamber/place.h"
#include "relapselab/rng.h"
#include "testlib.h"

static int
cocaine_id(void)
{
    const rl_drug_t *d = NULL;
    int i;
    CHECK(rl_drug_find("cocaine", &d, NULL) == RL_OK);
    for (i = 0; rl_drug_get(i) != d; i++) {
    }
    return i;
}

static void
phase_of(rl_phase_t *ph, rl_phase_kind_t kind, double minutes)
{
    memset(ph, 0, sizeof *ph);
    ph->kind = kind;
    ph->session_min = minutes;
    ph->sessions = 8;
    ph->schedule.type = RL_SCHEDULE_FR;
    ph->schedule.ratio = 1;
}

static void
alternation(void)
{
    rl_phase_t ph;
    int i;
    phase_of(&ph, RL_PHASE_PLACE_CONDITIONING, 30.0);
    ph.pairing.with_drug = true;
    for (i = 0; i < 8; i++) {
        CHECK(rl_place_side(&ph, i) == i % 2);
        CHECK(rl_place_drug_session(&ph, i) == (i % 2 == 0));
    }
    ph.pairing.saline_first = true;
    CHECK(rl_place_side(&ph, 0) == 1 && rl_place_side(&ph, 1) == 0);
    CHECK(!rl_place_drug_session(&ph, 0) && rl_place_drug_session(&ph, 1));
    ph.pairing.with_drug = false; /* saline pairings: never a drug session */
    CHECK(!rl_place_drug_session(&ph, 1));
    ph.kind = RL_PHASE_PLACE_TEST;
    ph.pairing.with_drug = true;
    CHECK(!rl_place_drug_session(&ph, 0));
}

static void
new_mouse(rl_mouse_t *m, const rl_params_t *p)
{
    rl_reinforcer_t r;
    memset(&r, 0, sizeof r);
    r.kind = RL_REINFORCER_DRUG;
    r.dose_mg_per_kg = 10.0;
    r.infusion_s = 2.0;
    rl_mouse_init(m, p, &rl_genotype_get(rl_genotype_find("WT"))->products, &r);
    rl_mouse_begin_session(m, 0.0, true);
}

/* The chamber side of a test: a session workspace and a generator, with a new mouse. */
typedef struct rig {
    rl_session_workspace_t w;
    gsl_rng *r;
} rig_t;

static void
rig_open(rig_t *g, rl_mouse_t *m, const rl_params_t *p)
{
    g->r = gsl_rng_alloc(gsl_rng_mt19937);
    rl_session_workspace_init(&g->w);
    new_mouse(m, p);
}

static void
rig_close(rig_t *g)
{
    rl_session_workspace_free(&g->w);
    gsl_rng_free(g->r);
}

/* Check a session's bookkeeping; returns the number of entries. */
static int
bookkeeping(const rl_session_result_t *s, double minutes)
{
    size_t i;
    int entries = 0, side = -1;
    double last = 0.0;
    CHECK_CLOSE(s->place_s[0] + s->place_s[1], minutes * 60.0, 1e-6, 1e-12);
    CHECK(s->active == 0 && s->inactive == 0 && s->reinforcers == 0);
    CHECK(s->n_events >= 3 && s->events[0].kind == RL_EV_SESSION_START
        && s->events[s->n_events - 1].kind == RL_EV_SESSION_END);
    CHECK_CLOSE(s->events[s->n_events - 1].t_s, minutes * 60.0, 1e-9, 0);
    for (i = 0; i < s->n_events; i++) {
        int k = s->events[i].kind;
        CHECK(s->events[i].t_s >= last);
        last = s->events[i].t_s;
        if (k == RL_EV_ENTER_PAIRED || k == RL_EV_ENTER_UNPAIRED) {
            int now = k == RL_EV_ENTER_PAIRED ? 0 : 1;
            CHECK(now != side); /* entries alternate */
            side = now;
            entries++;
        }
    }
    CHECK_CLOSE(rl_place_score_s(s), s->place_s[0] - s->place_s[1], 0, 0);
    return entries;
}

static void
sessions_add_up(void)
{
    static rl_mouse_t m;
    rl_params_t p;
    rl_phase_t ph;
    rl_session_result_t s;
    rig_t g;
    rl_params_default(&p);
    rig_open(&g, &m, &p);
    phase_of(&ph, RL_PHASE_PLACE_CONDITIONING, 30.0);
    ph.pairing.with_drug = true;
    CHECK(rl_mouse_give(&m, cocaine_id(), RL_ROUTE_IP, 10.0, 0.0, NULL) == RL_OK);
    CHECK(rl_place_session_run(&ph, 0, &m, g.r, &g.w, &s, NULL) == RL_OK);
    CHECK(bookkeeping(&s, 30.0) == 1 && s.place_s[0] == 1800.0);
    CHECK(m.v_place[RL_CAUSE_DRUG][0] > 0.5 && m.v_place[RL_CAUSE_DRUG][1] == 0.0);
    rl_session_result_free(&s);
    rl_mouse_begin_session(&m, 24.0, false); /* saline, the other compartment */
    CHECK(rl_place_session_run(&ph, 1, &m, g.r, &g.w, &s, NULL) == RL_OK);
    CHECK(bookkeeping(&s, 30.0) == 1 && s.place_s[1] == 1800.0);
    CHECK(m.v_place[RL_CAUSE_DRUG][1] == 0.0);
    rl_session_result_free(&s);
    phase_of(&ph, RL_PHASE_PLACE_TEST, 15.0);
    rl_mouse_begin_session(&m, 24.0, false);
    {
        double before = m.v_place[RL_CAUSE_DRUG][0] + m.v_place[RL_CAUSE_EXTINCTION][0];
        CHECK(rl_place_session_run(&ph, 0, &m, g.r, &g.w, &s, NULL) == RL_OK);
        CHECK(bookkeeping(&s, 15.0) > 5);
        CHECK(m.v_place[RL_CAUSE_DRUG][0] + m.v_place[RL_CAUSE_EXTINCTION][0] < before);
        CHECK(m.ext_cause_open);
        rl_session_result_free(&s);
    }
    rig_close(&g);
}

static void
stationary_share(void)
{
    static rl_mouse_t m;
    rl_params_t p;
    rl_phase_t ph;
    rl_session_result_t s;
    rl_session_workspace_t w;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    double v[] = {0.0, 2.0, 5.0};
    int i;
    rl_params_default(&p);
    p.place_check_per_min = 0.0; /* no outcomes: values stay fixed */
    rl_session_workspace_init(&w);
    phase_of(&ph, RL_PHASE_PLACE_TEST, 2000.0);
    for (i = 0; i < 3; i++) {
        double share, want, q0;
        new_mouse(&m, &p);
        m.v_place[RL_CAUSE_DRUG][0] = v[i];
        rl_mouse_begin_session(&m, 24.0, false);
        rl_stream_set(r, 7, RL_STREAM_BEHAVIOUR, 0, (uint64_t) i);
        q0 = v[i] * (1.0 + m.p.dor_incentive_gain * m.sig.dor_nac);
        want = 1.0 / (1.0 + exp(-m.p.place_beta * q0));
        CHECK(rl_place_session_run(&ph, 0, &m, r, &w, &s, NULL) == RL_OK);
        share = s.place_s[0] / (2000.0 * 60.0);
        CHECK_CLOSE(share, want, 0.03, 0);
        CHECK(bookkeeping(&s, 2000.0) > 1000);
        rl_session_result_free(&s);
    }
    rl_session_workspace_free(&w);
    gsl_rng_free(r);
}

/* [CPP-1], [CPP-3], [BEL-3] a saline session confined to the paired compartment after
** conditioning: its n = place_check_per_min x 30 omitted outcomes come one at a time. The
** first opens the extinction cause [BEL-1]; each is recorded and unlearned at the belief
** the ones before it left, then weighs as evidence [BEL-2]; the session's experience is
** their mean belief. Known answer computed here outcome by outcome. */
static void
saline_session_in_sequence(void)
{
    static rl_mouse_t m;
    rl_params_t p;
    rl_phase_t ph;
    rl_session_result_t s;
    rig_t g;
    double v, lo, c_drug, c_ext, seen, rate, frustration, sum = 0.0, n, nd, ne;
    int j;
    rl_params_default(&p);
    rig_open(&g, &m, &p);
    m.v_place[RL_CAUSE_DRUG][0] = 2.0;
    m.completions[RL_CAUSE_DRUG] = 45.0;
    m.drug_seen[RL_CAUSE_DRUG] = 40.0;
    m.n_cause[RL_CAUSE_DRUG] = 4.0;
    rl_mouse_begin_session(&m, 24.0, false);
    CHECK(!m.ext_cause_open);
    phase_of(&ph, RL_PHASE_PLACE_CONDITIONING, 30.0);
    ph.pairing.with_drug = false; /* saline; session 0 is in the paired compartment */
    CHECK(rl_place_side(&ph, 0) == 0);
    v = 2.0;
    c_drug = m.completions[RL_CAUSE_DRUG];
    c_ext = m.completions[RL_CAUSE_EXTINCTION];
    seen = m.drug_seen[RL_CAUSE_DRUG];
    n = p.place_check_per_min * 30.0;
    CHECK(n == 15.0); /* whole outcomes: one step each */
    nd = m.n_cause[RL_CAUSE_DRUG];
    ne = m.n_cause[RL_CAUSE_EXTINCTION];
    lo = 0.0;
    /* the signals held at the session's end are those of its start (no drug, no stressor) */
    rate = fmin(1.0, p.alpha_place * (1.0 + p.dor_assoc_gain * m.sig.dor_assoc)); /* [OP-6] */
    frustration = 1.0 + p.kor_frustration_gain * m.sig.kor; /* [OP-8] */
    CHECK(rl_place_session_run(&ph, 0, &m, g.r, &g.w, &s, NULL) == RL_OK);
    for (j = 0; j < 15; j++) {
        double b = j == 0 ? 1.0 : 1.0 / (1.0 + exp(-lo));
        double pa = (seen + 0.5) / (c_drug + 1.0), pe = (0.0 + 0.5) / (c_ext + 1.0);
        if (j == 0) { /* the first surprising omission opens the extinction cause */
            lo = log((nd + p.lc_prior_new) / p.lc_prior_new);
        }
        lo += p.lc_evidence_surprise * log((1.0 - pa) / (1.0 - pe));
        c_drug += b;
        c_ext += 1.0 - b;
        /* the stored trace [OP-8], which the session's end commits */
        v += (1.0 - pow(1.0 - rate, frustration)) * b * (0.0 - v);
        sum += b;
    }
    CHECK(m.ext_cause_open);
    CHECK_CLOSE(m.logodds, lo, 0.0, 1e-12);
    CHECK_CLOSE(m.completions[RL_CAUSE_DRUG], c_drug, 0.0, 1e-12);
    CHECK_CLOSE(m.v_place[RL_CAUSE_DRUG][0], v, 0.0, 1e-12);
    /* the belief fell within the session, so the drug cause's value kept more than one
    ** update at the session's starting belief would have left, and the session counts
    ** as experience of the extinction cause too [BEL-3] */
    CHECK(v > 2.0 * pow(1.0 - rate, 15.0 * frustration));
    CHECK_CLOSE(m.n_cause[RL_CAUSE_DRUG], nd + sum / 15.0, 0.0, 1e-12);
    CHECK_CLOSE(m.n_cause[RL_CAUSE_EXTINCTION], ne + 1.0 - sum / 15.0, 0.0, 1e-12);
    CHECK(sum / 15.0 < 0.9);
    rl_session_result_free(&s);
    rig_close(&g);
}

/* A raised stop flag ends a day-long place session (2880 windows of peptide_step_s) from
** inside, confined or free, with RL_ERR_INTERRUPTED and no events; lowered, the session
** runs to its end (issue 14, item 5). */
static void
stop_inside_a_session(void)
{
    static rl_mouse_t m;
    rl_params_t p;
    rl_phase_t ph;
    rl_session_result_t s;
    rl_session_workspace_t w;
    atomic_int flag = 1;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    int k;
    rl_params_default(&p);
    for (k = 0; k < 2; k++) {
        rl_session_workspace_init(&w);
        w.stop[1] = &flag;
        new_mouse(&m, &p);
        phase_of(&ph, k == 0 ? RL_PHASE_PLACE_CONDITIONING : RL_PHASE_PLACE_TEST, 1440.0);
        atomic_store(&flag, 1);
        CHECK(rl_place_session_run(&ph, 0, &m, r, &w, &s, NULL) == RL_ERR_INTERRUPTED);
        CHECK(s.n_events == 0 && s.events == NULL);
        rl_session_result_free(&s);
        new_mouse(&m, &p);
        atomic_store(&flag, 0);
        CHECK(rl_place_session_run(&ph, 0, &m, r, &w, &s, NULL) == RL_OK);
        CHECK(bookkeeping(&s, 1440.0) >= 1); /* 1 confined, more when free */
        rl_session_result_free(&s);
        rl_session_workspace_free(&w);
    }
    gsl_rng_free(r);
}

static const rl_test_case_t CASES[] = {
    {"alternation", alternation, 0},
    {"sessions_add_up", sessions_add_up, 0},
    {"stationary_share", stationary_share, 0},
    {"saline_session_in_sequence", saline_session_in_sequence, 0},
    {"stop_inside_a_session", stop_inside_a_session, 0},
};

RL_TEST_MAIN(CASES)
