/* test_protocol_features.c -- the protocol features of issue 16 (docs/PROTOCOL.md): each
** new key lands in the struct as written, reaches the simulation, and every bad use is
** refused at the right line.
**
**   - bad files: tests/bad/<file>.yaml, one per rule, with the line of the problem (also
**     stated in the file's first comment) and a phrase of the message;
**   - known answers: the example protocols that use the features load as written;
**   - end to end: a simulated subject of such an example gets what the protocol says
**     (a phase's unit dose in its sessions' intake, ...).
** Run with the repository root as working directory.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "behaviour/mouse_internal.h"
#include "cohort/subject.h"
#include "protocol/protocol_internal.h"
#include "relapselab/protocol.h"
#include "testlib.h"

static rl_protocol_t *
new_protocol(void)
{
    rl_protocol_t *p = calloc(1, sizeof *p);
    if (p == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    return p;
}

/* Report an unexpected outcome in a way that shows the message. */
static void
show(const char *what, int rc, const rl_error_t *err)
{
    char buf[1024];
    fprintf(stderr, "  %s: rc %d: %s\n", what, rc, rl_error_format(err, buf, sizeof buf));
}

/* Load path into p (freed first); returns the status, showing the error if it fails. */
static int
load(rl_protocol_t *p, const char *path, rl_error_t *err)
{
    int rc;
    rl_protocol_free(p);
    rc = rl_protocol_load_file(p, path, err);
    if (rc != 0) {
        show(path, rc, err);
    }
    return rc;
}

/* A loaded protocol with a mouse, a random stream and a session workspace, for the tests
** that simulate one mouse through it. */
typedef struct sim {
    rl_protocol_t *p;
    rl_mouse_t *m;
    gsl_rng *r;
    rl_session_workspace_t w;
} sim_t;

/* Load path into s (checked); returns 1 if the fixture can be used. Close it either way. */
static int
sim_open(sim_t *s, const char *path, rl_error_t *err)
{
    int rc;
    s->p = new_protocol();
    s->m = rl_mouse_new();
    s->r = gsl_rng_alloc(gsl_rng_mt19937);
    rl_session_workspace_init(&s->w);
    rc = load(s->p, path, err);
    CHECK(rc == 0 && s->m != NULL);
    return rc == 0 && s->m != NULL;
}

static void
sim_close(sim_t *s)
{
    rl_session_workspace_free(&s->w);
    gsl_rng_free(s->r);
    rl_mouse_free(s->m);
    rl_protocol_free(s->p);
    free(s->p);
}

/* The phase named name of procedure proc (NULL if absent). */
static const rl_phase_t *
phase_named(const rl_protocol_t *p, int proc, const char *name)
{
    int k;
    for (k = 0; k < p->procedures[proc].n_phases; k++) {
        if (strcmp(p->procedures[proc].phases[k].name, name) == 0) {
            return &p->procedures[proc].phases[k];
        }
    }
    return NULL;
}

/* ---------------------------------------------------------------- bad files */

typedef struct bad_case {
    const char *file;   /* in tests/bad/ */
    long line;          /* the line of the problem (also in the file's first comment) */
    const char *phrase; /* must occur in err.msg */
} bad_case_t;

static const bad_case_t bad_files[] = {
    /* a phase's unit dose */
    {"phase_dose_extinction", 19, "active_response does not deliver the reinforcer"},
    {"phase_dose_pellet", 12, "but group 'wt' works for reinforcer 'chocolate' (type pellet)"},
    {"phase_dose_implausible", 13, "dose_mg_per_kg must be <= 10 mg/kg"},
    {"phase_dose_place", 9, "dose_mg_per_kg is not a key of a place_conditioning phase"},
    /* the liquid reinforcer */
    {"liquid_unknown_solution", 5, "unknown solution 'honey' (valid: sucrose)"},
    {"liquid_concentration", 6, "concentration_pct must be <= 60 % w/v (got 80)"},
    {"liquid_pellet_key", 8, "pellet_mg is not a key of a liquid reinforcer"},
    {"liquid_no_volume", 4, "missing required key 'volume_ul'"},
    /* the sessions a treatment or stressor comes with */
    {"sessions_paired_operant", 16, "sessions: paired names sessions of a place_conditioning"},
    {"sessions_list_beyond", 17, "sessions lists session 7, but the phase has at most 5"},
    {"sessions_list_twice", 17, "treatments.sessions lists session 2 twice"},
    {"sessions_bad_word", 16, "treatments.sessions must be all, first, paired, unpaired or a "
        "list"},
    /* drugs during a session */
    {"treatment_at_min_after_end", 16, "at_min must be before the end of the session (120 min)"},
    {"treatment_two_times", 16, "a treatment takes at most one of minutes_before"},
    {"infusion_dose_and_rate", 16, "an infusion's dose is either the treatment's dose_mg_per_kg"},
    {"infusion_norbni", 17, "an infusion of a drug with long-lasting receptor inactivation"},
    {"infusion_too_long", 17, "infusion.duration_min must be <= 1440 (one day) (got 2000)"},
    {"infusion_unknown_key", 17, "unknown key 'treatments.infusion.rate'"},
    /* stressors days before a phase, and more of them */
    {"stress_days_before_sessions", 17, "a stressor days_before the phase comes once"},
    {"stress_days_and_minutes", 16, "a stressor needs exactly one of minutes_before"},
    {"stress_days_before_year", 17, "days_before must be <= 365 (one year) (got 400)"},
    {"stress_too_many", 32, "at most 16 stressors per phase"},
    {"treatments_too_many", 32, "at most 16 treatments per phase"},
    /* a phase's intersession interval */
    {"phase_intersession_overlap", 11, "session_min must be <= intersession_h x 60 = 15"},
    {"phase_intersession_after_long", 20, "its first session starts 60 min"},
    {"phase_intersession_zero", 20, "intersession_h must be > 0 (got 0)"},
    /* groups without a reinforcer */
    {"group_no_reinforcer_operant", 15, "works for reinforcer 'none' (type none, as it names "
        "none), but phase 'acquisition' of procedure 'main' delivers the reinforcer"},
    {"reinforcer_none_keys", 5, "drug is not a key of a reinforcer of type none"},
    {"reinforcer_none_name_clash", 11, "the reinforcer 'none' it would get is a drug"},
    /* back-dated pretreatments */
    {"backdated_treatment", 22, "treatment 1 (nor-BNI) starts 1440 min before session 1 of "
        "the phase, before the end of the mouse's previous session"},
    {"backdated_stressor_days", 22, "stressor 1 (swim) starts 4320 min before session 1"},
    {"backdated_deprivation", 22, "stressor 1 (food_deprivation) starts 1380 min before "
        "session 1 of the phase"},
    {"backdated_later_sessions", 16, "starts 1400 min before session 2 of the phase"},
    {"backdated_pairing", 9, "pairing (cocaine) starts 700 min before session 3 of the phase"},
};

static void
bad_files_refused(void)
{
    rl_protocol_t *p = new_protocol();
    size_t i;

    for (i = 0; i < sizeof bad_files / sizeof bad_files[0]; i++) {
        const bad_case_t *c = &bad_files[i];
        char path[256];
        rl_error_t err;
        int rc;
        bool ok;

        snprintf(path, sizeof path, "tests/bad/%s.yaml", c->file);
        rc = rl_protocol_load_file(p, path, &err);
        ok = rc == RL_ERR_INVALID && err.line == c->line && strcmp(err.file, path) == 0
            && strstr(err.msg, c->phrase) != NULL;
        CHECK(ok);
        if (!ok) {
            show(path, rc, &err);
            fprintf(stderr, "  expected line %ld, phrase \"%s\"\n", c->line, c->phrase);
        }
        rl_protocol_free(p);
    }
    free(p);
}

/* ---------------------------------------------------------------- a phase's unit dose */

/* examples/dose_response.yaml: acquisition at the reinforcer's 1 mg/kg (phase dose 0),
** then phases at 2, 1, 0.5 and 0.25 mg/kg per infusion. A simulated mouse's intake in
** each session is its infusions times its phase's dose. */
static void
unit_dose_per_phase(void)
{
    static const char *const names[] = {"acquisition", "dose_2", "dose_1", "dose_0_5",
        "dose_0_25"};
    static const double doses[] = {1.0, 2.0, 1.0, 0.5, 0.25}; /* as written in the file */
    rl_protocol_t *p = new_protocol();
    rl_subject_result_t res;
    rl_session_workspace_t w;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    rl_error_t err;
    int k, i, rc, infusions[5] = {0};

    rc = load(p, "examples/dose_response.yaml", &err);
    CHECK(rc == 0);
    if (rc != 0) {
        goto out;
    }
    CHECK(phase_named(p, 0, "acquisition")->dose_mg_per_kg == 0.0);
    for (k = 1; k < 5; k++) {
        CHECK(phase_named(p, 0, names[k])->dose_mg_per_kg == doses[k]);
    }
    rl_session_workspace_init(&w);
    CHECK(rl_subject_simulate(p, NULL, 0, 0, 0, 7, r, &w, NULL, &res, &err) == 0);
    for (i = 0; i < res.n_sessions; i++) {
        const rl_session_result_t *s = &res.sessions[i];
        CHECK_CLOSE(s->drug_mg_per_kg, (double) s->reinforcers * doses[s->phase], 1e-12, 0.0);
        infusions[s->phase] += (int) s->reinforcers;
    }
    CHECK(infusions[1] > 0 && infusions[4] > 0); /* the mouse took drug at both ends */
    rl_subject_result_free(&res);
    rl_session_workspace_free(&w);
out:
    gsl_rng_free(r);
    rl_protocol_free(p);
    free(p);
}

/* ---------------------------------------------------------------- liquid reinforcer */

/* examples/sucrose.yaml: 20 ul of 10 % w/v sucrose per delivery. Palatability from the
** solution table: 1 x 10 / (10 + 4) (solutions.c: maximum 1, half-maximal at 4 %); satiety
** per delivery 0.020 mL x 0.10 g/mL x 3.87 kcal/g / 0.07 kcal (the reference pellet). A
** simulated mouse's deliveries are logged as liquid events, one per reinforcer. */
static void
liquid_reinforcer(void)
{
    rl_protocol_t *p = new_protocol();
    rl_subject_result_t res;
    rl_session_workspace_t w;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    const rl_reinforcer_t *rf;
    rl_error_t err;
    int rc, i, g;
    int64_t drops = 0, reinforcers = 0;
    size_t j;

    rc = load(p, "examples/sucrose.yaml", &err);
    CHECK(rc == 0);
    if (rc != 0) {
        goto out;
    }
    rf = &p->reinforcers[1];
    CHECK(rf->kind == RL_REINFORCER_LIQUID && strcmp(rf->solution, "sucrose") == 0);
    CHECK(rf->concentration_pct == 10.0 && rf->volume_ul == 20.0);
    CHECK_CLOSE(rf->palatability, 10.0 / 14.0, 0.0, 1e-15);
    CHECK_CLOSE(rf->satiety_per_delivery, 0.020 * 0.10 * 3.87 / 0.07, 0.0, 1e-12);
    for (g = 0; g < p->n_groups && p->groups[g].reinforcer != 1; g++) {
    }
    CHECK(g < p->n_groups);
    rl_session_workspace_init(&w);
    CHECK(rl_subject_simulate(p, NULL, 0, g, 0, 3, r, &w, NULL, &res, &err) == 0);
    for (i = 0; i < res.n_sessions; i++) {
        const rl_session_result_t *s = &res.sessions[i];
        if (p->procedures[p->groups[g].procedure].phases[s->phase].deliver_reinforcer) {
            reinforcers += s->reinforcers; /* not the cue test's cue-only deliveries */
        }
        CHECK(s->drug_mg_per_kg == 0.0);
        for (j = 0; j < s->n_events; j++) {
            CHECK(s->events[j].kind != RL_EV_PELLET && s->events[j].kind != RL_EV_INFUSION_START);
            drops += s->events[j].kind == RL_EV_LIQUID;
        }
    }
    CHECK(drops > 0 && drops == reinforcers);
    rl_subject_result_free(&res);
    rl_session_workspace_free(&w);
out:
    gsl_rng_free(r);
    rl_protocol_free(p);
    free(p);
}

/* ---------------------------------------------------------------- chosen sessions */

/* rl_session_set_has by hand: place_conditioning sessions alternate from the drug one
** (0-based 0, 2, 4, ... paired) unless saline comes first; a list holds 1-based numbers. */
static void
session_sets(void)
{
    rl_phase_t ph;
    rl_session_set_t set;
    char buf[64];
    int i;

    memset(&ph, 0, sizeof ph);
    ph.kind = RL_PHASE_PLACE_CONDITIONING;
    memset(&set, 0, sizeof set);
    for (i = 0; i < 6; i++) {
        CHECK(rl_session_set_has(&set, &ph, i)); /* the zero value: all */
    }
    set.kind = RL_SESSIONS_PAIRED;
    CHECK(rl_session_set_has(&set, &ph, 0) && !rl_session_set_has(&set, &ph, 1)
        && rl_session_set_has(&set, &ph, 4));
    ph.pairing.saline_first = true;
    CHECK(!rl_session_set_has(&set, &ph, 0) && rl_session_set_has(&set, &ph, 1));
    set.kind = RL_SESSIONS_UNPAIRED;
    CHECK(rl_session_set_has(&set, &ph, 0) && !rl_session_set_has(&set, &ph, 1));
    ph.kind = RL_PHASE_EXTINCTION; /* no compartments: neither */
    CHECK(!rl_session_set_has(&set, &ph, 0) && !rl_session_set_has(&set, &ph, 1));
    set.kind = RL_SESSIONS_FIRST;
    CHECK(rl_session_set_has(&set, &ph, 0) && !rl_session_set_has(&set, &ph, 1));
    CHECK(strcmp(rl_session_set_describe(&set, buf, sizeof buf), " (first session)") == 0);
    set.kind = RL_SESSIONS_LIST;
    set.listed[0] = (1u << 0) | (1u << 2);
    set.listed[1] = (uint64_t) 1 << (99 - 64); /* sessions 1, 3 and 100 */
    CHECK(rl_session_set_has(&set, &ph, 0) && !rl_session_set_has(&set, &ph, 1)
        && rl_session_set_has(&set, &ph, 2) && rl_session_set_has(&set, &ph, 99)
        && !rl_session_set_has(&set, &ph, 128) && !rl_session_set_has(&set, &ph, -1));
    CHECK(strcmp(rl_session_set_describe(&set, buf, sizeof buf), " (sessions 1, 3, 100)") == 0);
    set.listed[1] = 0;
    set.listed[0] = 1u << 1;
    CHECK(strcmp(rl_session_set_describe(&set, buf, sizeof buf), " (session 2)") == 0);
}

/* The times (min from the mouse's first session) of the doses of drug drug_id given to m,
** into t[] (at most cap); returns how many. */
static int
dose_times(const rl_mouse_t *m, int drug_id, double *t, int cap)
{
    int i, n = 0;
    for (i = 0; i < m->n_doses && n < cap; i++) {
        if (m->doses[i].drug == drug_id) {
            t[n++] = m->doses[i].t_min;
        }
    }
    return n;
}

/* examples/cpp_pairing_drugs.yaml: after a pretest (day 0), 8 conditioning sessions a day
** apart (session i, 0-based, starts (i + 1) x 1440 min after the pretest); cocaine before
** the drug sessions 0, 2, 4, 6 and SCH23390 30 min before the sessions each procedure
** chose: paired (the same four), unpaired (1, 3, 5, 7), [1, 3] (0-based 0 and 2). */
static void
treatments_on_chosen_sessions(void)
{
    static const int want[3][4] = {{0, 2, 4, 6}, {1, 3, 5, 7}, {0, 2, -1, -1}};
    sim_t s;
    rl_protocol_t *p;
    rl_mouse_t *m;
    rl_subject_result_t res;
    gsl_rng *r;
    rl_error_t err;
    int g, k, sch;
    double t[16];

    if (!sim_open(&s, "examples/cpp_pairing_drugs.yaml", &err)) {
        sim_close(&s);
        return;
    }
    p = s.p;
    m = s.m;
    r = s.r;
    sch = p->procedures[1].phases[1].treatments[0].drug_id;
    for (g = 1; g <= 3; g++) { /* groups 1..3 run procedures 1..3 */
        int n;
        CHECK(rl_subject_train(p, NULL, g, g, 0, 5, 2, r, &s.w, NULL, m, &res, &err) == 0);
        rl_subject_result_free(&res);
        n = dose_times(m, sch, t, 16);
        CHECK(n == (g == 3 ? 2 : 4));
        for (k = 0; k < n && k < 4; k++) {
            CHECK_CLOSE(t[k], (want[g - 1][k] + 1) * 1440.0 - 30.0, 1e-9, 0.0);
        }
        n = dose_times(m, p->procedures[0].phases[1].pairing.drug.drug_id, t, 16);
        CHECK(n == 4 && t[0] == 1440.0 && t[3] == 7.0 * 1440.0);
    }
    sim_close(&s);
}

/* ---------------------------------------------------------------- drugs during a session */

/* examples/within_session.yaml: a 10 mg/kg i.p. bolus at 90 min of the test session, or
** an i.v. infusion from 90 min for 10 min at 12 mg/kg/h (2 mg/kg in all). The reader
** stores them as written; a simulated mouse holds them at the test session's start + 90
** min (the test is its last session: its day x 24 h after the first). */
static void
drugs_during_session(void)
{
    sim_t s;
    rl_protocol_t *p;
    rl_mouse_t *m;
    rl_subject_result_t res;
    gsl_rng *r;
    const rl_treatment_t *bolus, *inf;
    rl_error_t err;
    int g, i, found;

    if (!sim_open(&s, "examples/within_session.yaml", &err)) {
        sim_close(&s);
        return;
    }
    p = s.p;
    m = s.m;
    r = s.r;
    bolus = &phase_named(p, 1, "test")->treatments[0];
    inf = &phase_named(p, 2, "test")->treatments[0];
    CHECK(bolus->in_session && bolus->at_min == 90.0 && bolus->duration_min == 0.0
        && bolus->dose_mg_per_kg == 10.0 && bolus->minutes_before == 0.0);
    CHECK(inf->in_session && inf->at_min == 90.0 && inf->duration_min == 10.0);
    CHECK_CLOSE(inf->dose_mg_per_kg, 12.0 * 10.0 / 60.0, 0.0, 1e-15);
    for (g = 1; g <= 2; g++) {
        const rl_treatment_t *t = g == 1 ? bolus : inf;
        double start_min;
        CHECK(rl_subject_train(p, NULL, g, g, 0, 11, RL_MAX_PHASES, r, &s.w, NULL, m, &res,
            &err) == 0);
        start_min = res.sessions[res.n_sessions - 1].day * 1440.0;
        for (i = 0, found = 0; i < m->n_doses; i++) {
            found += m->doses[i].drug == t->drug_id && m->doses[i].route == t->route_id
                && m->doses[i].t_min == start_min + 90.0
                && m->doses[i].duration_min == t->duration_min
                && m->doses[i].dose_mg_per_kg == t->dose_mg_per_kg;
        }
        CHECK(found == 1);
        rl_subject_result_free(&res);
    }
    sim_close(&s);
}

/* ---------------------------------------------------------------- stress days before */

/* examples/stress_history.yaml: five swims days_before 5..1 of the first acquisition
** session (start_min -1440 x days, first session only), six footshock bouts in one phase.
** The mouse gets them at its first session, in order; each is older than the horizon
** beyond which a pulse has decayed below e^-50 of its peak ([STR-1]: 50 x crf_tau_min =
** 1000 min), so each is dropped when the next comes and the last, 1 day before
** (-1440 min, 6 min long), is what the mouse keeps after its first session. */
static void
stress_days_before(void)
{
    sim_t s;
    rl_protocol_t *p;
    rl_mouse_t *m;
    rl_subject_result_t res;
    gsl_rng *r;
    const rl_phase_t *acq;
    rl_error_t err;
    int k;

    if (!sim_open(&s, "examples/stress_history.yaml", &err)) {
        sim_close(&s);
        return;
    }
    p = s.p;
    m = s.m;
    r = s.r;
    acq = phase_named(p, 1, "acquisition");
    CHECK(acq->n_stressors == 5 && phase_named(p, 0, "footshock_test")->n_stressors == 6);
    for (k = 0; k < acq->n_stressors; k++) {
        CHECK(acq->stressors[k].days_before == 5.0 - k);
        CHECK(acq->stressors[k].start_min == -1440.0 * (5.0 - k));
        CHECK(acq->stressors[k].sessions.kind == RL_SESSIONS_FIRST);
    }
    CHECK(rl_subject_train(p, NULL, 10, 1, 0, 2, 1, r, &s.w, NULL, m, &res, &err) == 0);
    CHECK(res.n_sessions == 10);
    rl_subject_result_free(&res);
    CHECK(m->n_stress == 1);
    CHECK(m->stress[0].t0_min == -1440.0 && m->stress[0].t1_min == -1434.0);
    CHECK(m->stress[0].units > 0.0);
    sim_close(&s);
}

/* ---------------------------------------------------------------- intersession interval */

/* examples/cpp_redila.yaml: a pretest, then 6 conditioning sessions 12 h apart (the phase's
** intersession_h; saline first, so cocaine before the 2nd, 4th and 6th), the tests 24 h
** apart (the protocol's). Cocaine s.c. is given at 720 x (session number) min: 1440, 2880
** and 4320 min after the pretest. */
static void
intersession_per_phase(void)
{
    sim_t s;
    rl_protocol_t *p;
    rl_mouse_t *m;
    rl_subject_result_t res;
    gsl_rng *r;
    const rl_phase_t *cond;
    rl_error_t err;
    double t[16];
    int n;

    if (!sim_open(&s, "examples/cpp_redila.yaml", &err)) {
        sim_close(&s);
        return;
    }
    p = s.p;
    m = s.m;
    r = s.r;
    cond = phase_named(p, 0, "conditioning");
    CHECK(cond->intersession_h == 12.0 && rl_phase_intersession_h(p, cond) == 12.0);
    /* no reinforcers key, no group names one: one reinforcer of type none, for all */
    CHECK(p->n_reinforcers == 1 && p->reinforcers[0].kind == RL_REINFORCER_NONE
        && strcmp(p->reinforcers[0].name, "none") == 0);
    for (n = 0; n < p->n_groups; n++) {
        CHECK(p->groups[n].reinforcer == 0);
    }
    CHECK(rl_phase_intersession_h(p, phase_named(p, 0, "pretest")) == 24.0);
    CHECK(rl_subject_train(p, NULL, 0, 0, 0, 9, 3, r, &s.w, NULL, m, &res, &err) == 0);
    rl_subject_result_free(&res);
    n = dose_times(m, cond->pairing.drug.drug_id, t, 16);
    CHECK(n == 3 && t[0] == 1440.0 && t[1] == 2880.0 && t[2] == 4320.0);
    /* the preference test comes 24 h after the last pairing */
    CHECK(m->session_start_min == 4320.0 + 1440.0);
    sim_close(&s);
}

/* ---------------------------------------------------------------- back-dated doses */

/* The latest start before a session, by hand: 60 x intersession_h (+ 1440 x abstinence_days
** before a phase's first session) - session_min of the session before; none before the
** mouse's first session. tests/bad/backdated_treatment.yaml's 1440 min is 120 min too
** early for the test 24 h after 2-h sessions; with one day of abstinence it loads, and so
** does 1320 min. */
static void
latest_start(void)
{
    rl_protocol_t *p = new_protocol();
    rl_procedure_t *pr;
    rl_error_t err;
    int rc;

    rc = load(p, "tests/bad/good_minimal.yaml", &err);
    CHECK(rc == 0);
    if (rc != 0) {
        goto out;
    }
    pr = &p->procedures[0];
    CHECK(rl_phase_latest_before_min(p, pr, 0, 0) == INFINITY);
    CHECK(rl_phase_latest_before_min(p, pr, 0, 1) == 1440.0 - 120.0);
    pr->phases[1] = pr->phases[0];
    pr->n_phases = 2;
    pr->phases[1].session_min = 30.0;
    pr->phases[1].intersession_h = 6.0;
    pr->phases[1].abstinence_days = 2.0;
    CHECK(rl_phase_latest_before_min(p, pr, 1, 0) == 360.0 + 2880.0 - 120.0);
    CHECK(rl_phase_latest_before_min(p, pr, 1, 3) == 360.0 - 30.0);
    {
        static const char *const fixes[] = {"    sessions: 1\n    abstinence_days: 1\n",
            "    sessions: 1\n"};
        FILE *f = fopen("tests/bad/backdated_treatment.yaml", "rb");
        char text[4096], fixed[4200], *at;
        size_t n = f != NULL ? fread(text, 1, sizeof text - 1, f) : 0;
        int j;
        if (f != NULL) {
            fclose(f);
        }
        text[n] = '\0';
        for (j = 0; j < 2; j++) {
            at = strstr(text, "    sessions: 1\n");
            CHECK(at != NULL);
            if (at == NULL) {
                break;
            }
            snprintf(fixed, sizeof fixed, "%.*s%s%s", (int) (at - text), text, fixes[j],
                at + strlen("    sessions: 1\n"));
            if (j == 1) { /* 1320 min, the latest allowed */
                at = strstr(fixed, "minutes_before: 1440");
                CHECK(at != NULL);
                if (at != NULL) {
                    memcpy(at, "minutes_before: 1320", 20);
                }
            }
            rl_protocol_free(p);
            rc = rl_protocol_load_buffer(p, fixed, strlen(fixed), "fixed", &err);
            CHECK(rc == 0);
            if (rc != 0) {
                show("fixed", rc, &err);
            }
        }
    }
out:
    rl_protocol_free(p);
    free(p);
}

/* ---------------------------------------------------------------- limits in one place */

/* The value of the row named id of the table of limits (-1 if absent). */
static int
limit_named(const char *id)
{
    size_t i;
    for (i = 0; i < rl_protocol_limit_count(); i++) {
        if (strcmp(rl_protocol_limit_get(i)->id, id) == 0) {
            return rl_protocol_limit_get(i)->value;
        }
    }
    return -1;
}

#define ARRAY_LEN(a) (sizeof (a) / sizeof (a)[0])

/* The table that prints docs/PROTOCOL.md's limits is the one the code uses: its rows are the
** constants, and the struct's capacities (and the mouse's) are those constants. */
static void
limits_in_one_place(void)
{
    static rl_protocol_t p; /* only its array sizes are used */
    CHECK(rl_protocol_limit_count() >= 30 && rl_protocol_limit_get(rl_protocol_limit_count())
        == NULL);
    CHECK(limit_named("RL_MAX_PHASES") == RL_MAX_PHASES
        && ARRAY_LEN(p.procedures[0].phases) == (size_t) RL_MAX_PHASES);
    CHECK(limit_named("RL_MAX_PROCEDURES") == RL_MAX_PROCEDURES
        && ARRAY_LEN(p.procedures) == (size_t) RL_MAX_PROCEDURES && RL_MAX_PROCEDURES == 24);
    CHECK(limit_named("RL_MAX_REINFORCERS") == RL_MAX_REINFORCERS
        && ARRAY_LEN(p.reinforcers) == (size_t) RL_MAX_REINFORCERS);
    CHECK(limit_named("RL_MAX_GROUPS") == RL_MAX_GROUPS
        && ARRAY_LEN(p.groups) == (size_t) RL_MAX_GROUPS);
    CHECK(limit_named("RL_MAX_TREATMENTS") == RL_MAX_TREATMENTS
        && ARRAY_LEN(p.procedures[0].phases[0].treatments) == (size_t) RL_MAX_TREATMENTS);
    CHECK(limit_named("RL_MAX_STRESSORS") == RL_MAX_STRESSORS
        && ARRAY_LEN(p.procedures[0].phases[0].stressors) == (size_t) RL_MAX_STRESSORS);
    CHECK(limit_named("RL_MAX_PR_STEPS") == RL_MAX_PR_STEPS
        && ARRAY_LEN(p.procedures[0].phases[0].schedule.pr_series) == (size_t) RL_MAX_PR_STEPS);
    CHECK(limit_named("RL_NAME_LEN_MAX") + 1 == (int) sizeof p.groups[0].name);
    CHECK(limit_named("RL_STUDY_LEN_MAX") + 1 == (int) sizeof p.study);
    CHECK(limit_named("RL_MAX_LISTED_SESSION")
        == (int) (64 * ARRAY_LEN(p.procedures[0].phases[0].treatments[0].sessions.listed)));
    {
        static rl_mouse_t m;
        CHECK(limit_named("RL_MOUSE_MAX_DOSES") == (int) ARRAY_LEN(m.doses));
        CHECK(limit_named("RL_MOUSE_MAX_STRESS") == (int) ARRAY_LEN(m.stress));
    }
}

static const rl_test_case_t CASES[] = {
    {"limits_in_one_place", limits_in_one_place, 0},
    {"latest_start", latest_start, 0},
    {"intersession_per_phase", intersession_per_phase, 0},
    {"stress_days_before", stress_days_before, 0},
    {"drugs_during_session", drugs_during_session, 0},
    {"session_sets", session_sets, 0},
    {"treatments_on_chosen_sessions", treatments_on_chosen_sessions, 0},
    {"liquid_reinforcer", liquid_reinforcer, 0},
    {"bad_files_refused", bad_files_refused, 0},
    {"unit_dose_per_phase", unit_dose_per_phase, 0},
};

RL_TEST_MAIN(CASES)
