/* test_measures.c -- the dataset loader (dataset.h) and the standard measures (measures.h).
**
** Two small databases are written through the store API (store.h) and read back:
**  - a "simulation" of one group of two mice through acquisition (FR1, acquisition
**    criterion over 2 sessions), progressive ratio, extinction (criterion over 2 sessions,
**    reference = acquisition) and reinstatement, with hand-made counts, DA and cocaine
**    readouts and, for two sessions, hand-made events (inter-reinforcer intervals, bins, the
**    loading rule of the maintenance inter-infusion intervals). Every expected value is
**    worked out by hand in the comments beside it.
**  - an "import" (run.source = 'import'): a group without genotype or sex, a named mouse, a
**    phase with criterion 'none', a PR session without breakpoint, events with raw codes
**    and the import-only kinds head_entry and other, and a start time; its sessions have no
**    DA or cocaine readouts (NULL), whatever the record held.
** Also: the loader refuses a file that is not a database, an incomplete run, another schema
** version and a missing file, naming the file. Files live in a mkdtemp() directory.
*/
#include "relapselab/dataset.h"
#include "relapselab/measures.h"
#include "relapselab/store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "testlib.h"

static char tmpdir[64];

static void
path_in(char *buf, size_t n, const char *name)
{
    snprintf(buf, n, "%s/%s", tmpdir, name);
}

static void
set_phase(rl_phase_t *ph, const char *name, rl_phase_kind_t kind)
{
    memset(ph, 0, sizeof *ph);
    snprintf(ph->name, RL_NAME_MAX, "%s", name);
    ph->kind = kind;
    ph->schedule.type = RL_SCHEDULE_FR;
    ph->schedule.ratio = 1;
    ph->session_min = 30;
    ph->sessions = 1;
}

/* One cocaine reinforcer, one group ("WT", or an unnamed-genotype group for imports), and
** one procedure: acquisition, PR (series 1, 2, 4, 6, 9), extinction, reinstatement. */
static void
make_protocol(rl_protocol_t *p, bool imported)
{
    static const int series[] = {1, 2, 4, 6, 9};
    rl_procedure_t *proc;
    rl_phase_t *ph;
    int i;

    memset(p, 0, sizeof *p);
    snprintf(p->study, sizeof p->study, "measures test");
    p->intersession_h = 24;
    p->n_reinforcers = 1;
    snprintf(p->reinforcers[0].name, RL_NAME_MAX, "cocaine");
    p->reinforcers[0].kind = RL_REINFORCER_DRUG;
    snprintf(p->reinforcers[0].drug, RL_NAME_MAX, "cocaine");
    p->reinforcers[0].dose_mg_per_kg = 1.0;
    p->reinforcers[0].infusion_s = 2.0;
    p->n_procedures = 1;
    proc = &p->procedures[0];
    snprintf(proc->name, RL_NAME_MAX, "coc");
    proc->n_phases = 4;
    ph = &proc->phases[0];
    set_phase(ph, "acquisition", RL_PHASE_ACQUISITION);
    if (!imported) {
        ph->criterion.type = RL_CRITERION_ACQUISITION;
        ph->criterion.consecutive = 2;
        ph->criterion.min_reinforcers = 2;
        ph->criterion.min_active_fraction = 0.5;
        ph->criterion.max_deviation = 0.5;
    }
    ph = &proc->phases[1];
    set_phase(ph, "pr", RL_PHASE_PROGRESSIVE_RATIO);
    ph->schedule.type = RL_SCHEDULE_PR;
    ph->schedule.pr_n = 5;
    for (i = 0; i < 5; i++) {
        ph->schedule.pr_series[i] = series[i];
    }
    ph = &proc->phases[2];
    set_phase(ph, "extinction", RL_PHASE_EXTINCTION);
    if (!imported) {
        ph->criterion.type = RL_CRITERION_EXTINCTION;
        ph->criterion.consecutive = 2;
        ph->criterion.max_fraction_of_reference = 0.5;
        snprintf(ph->criterion.reference_phase, RL_NAME_MAX, "acquisition");
        ph->criterion.reference_phase_id = 0;
    }
    set_phase(&proc->phases[3], "reinstatement", RL_PHASE_REINSTATEMENT);
    p->n_groups = 1;
    snprintf(p->groups[0].name, RL_NAME_MAX, "%s", imported ? "lab" : "WT");
    snprintf(p->groups[0].genotype, RL_NAME_MAX, "%s", imported ? "" : "WT");
    p->groups[0].genotype_id = -1;
    p->groups[0].n = imported ? 1 : 2;
    p->groups[0].sex = imported ? RL_SEX_UNKNOWN : RL_SEX_MALE;
}

/* Counts of one session: subject, phase, day, active, inactive, reinforcers, breakpoint. */
typedef struct spec {
    int subject, phase, day;
    int active, inactive, reinforcers, breakpoint;
} spec_t;

/* Mouse 0: acquisition 2/2/1, 5/1/4, 7/1/5 -> criterion (>= 2 reinforcers, >= 50 % active,
** within 50 % of the window mean) first holds after session 3 (window days 1-2), so the
** extinction reference is (5 + 7) / 2 = 6 and the extinction threshold 0.5 x 6 = 3.
** PR: 3 reinforcers and no stored breakpoint -> derived pr_series[2] = 4. Extinction
** 8, 4, 2, 1 -> criterion (2 sessions < 3) first after session 4; baseline (last 2) 1.5.
** Reinstatement 6 -> ratio 6 / 1.5 = 4.
** Mouse 1: acquisition 10/0/5, 10/0/5, 1/9/1 -> met after session 2 only (session 3 is
** 10 % active); reference = days 0-1 = 10, threshold 5. PR: breakpoint 6 stored.
** Extinction 20, 15 -> never; baseline 17.5. Reinstatement 35 -> ratio 2. */
static const spec_t specs[] = {
    {0, 0, 0, 2, 2, 1, -1}, {0, 0, 1, 5, 1, 4, -1}, {0, 0, 2, 7, 1, 5, -1},
    {0, 1, 3, 9, 0, 3, -1},
    {0, 2, 4, 8, 0, 0, -1}, {0, 2, 5, 4, 0, 0, -1}, {0, 2, 6, 2, 0, 0, -1},
    {0, 2, 7, 1, 0, 0, -1},
    {0, 3, 8, 6, 1, 0, -1},
    {1, 0, 0, 10, 0, 5, -1}, {1, 0, 1, 10, 0, 5, -1}, {1, 0, 2, 1, 9, 1, -1},
    {1, 1, 3, 12, 1, 4, 6},
    {1, 2, 4, 20, 0, 0, -1}, {1, 2, 5, 15, 0, 0, -1},
    {1, 3, 6, 35, 2, 0, -1},
};
#define N_SPECS (sizeof specs / sizeof specs[0])

/* Events of mouse 0, day 1 (30-min session): active pokes at 10, 100, 700, 1000 (each
** followed by an infusion) and 1300 (in timeout), an inactive poke at 50. Bins of 10 min:
** [0, 600) 2, [600, 1200) 2, [1200, 1800) 1. Infusions at 10.5, 100.5, 700.5, 1000.5:
** intervals 90, 600, 300 -> median 300 s, mean 330 s. */
static const rl_event_t day1_events[] = {
    {0.0, RL_EV_SESSION_START, 0}, {10.0, RL_EV_POKE_ACTIVE, 0},
    {10.5, RL_EV_INFUSION_START, 0}, {50.0, RL_EV_POKE_INACTIVE, 0},
    {100.0, RL_EV_POKE_ACTIVE, 0}, {100.5, RL_EV_INFUSION_START, 0},
    {700.0, RL_EV_POKE_ACTIVE, 0}, {700.5, RL_EV_INFUSION_START, 0},
    {1000.0, RL_EV_POKE_ACTIVE, 0}, {1000.5, RL_EV_INFUSION_START, 0},
    {1300.0, RL_EV_POKE_ACTIVE, 1}, {1800.0, RL_EV_SESSION_END, 0},
};

/* Events of mouse 1, day 0 (acquisition, 30 min): infusions at 30 and 60 (loading), 600
** (exactly at the end of the loading phase), 900 and 1500, a pellet at 1000. Maintenance
** intervals (the loading rule: beginning with an infusion at t >= 600 s): 600 -> 900 = 300
** and 900 -> 1500 = 600 (the pellet is not an infusion) -> mean 450 s, n = 2; 60 -> 600
** begins in the loading phase and is left out. */
static const rl_event_t m1_day0_events[] = {
    {0.0, RL_EV_SESSION_START, 0}, {30.0, RL_EV_INFUSION_START, 0},
    {60.0, RL_EV_INFUSION_START, 0}, {600.0, RL_EV_INFUSION_START, 0},
    {900.0, RL_EV_INFUSION_START, 0}, {1000.0, RL_EV_PELLET, 0},
    {1500.0, RL_EV_INFUSION_START, 0}, {1800.0, RL_EV_SESSION_END, 0},
};

/* The DA and cocaine readouts of a simulated session with `reinforcers` deliveries: the
** pre-session level 40 nM (mouse 0) or 42 nM (mouse 1), the mean (1 + reinforcers) and the
** peak (2 + reinforcers) times it -- so DA is 100 (1 + reinforcers) % and 100 (2 +
** reinforcers) % of the pre-session level -- cocaine 0.5 and 0.75 uM per reinforcer. The
** reinstatement session of mouse 1 has none (NaN, stored as NULL). */
static rl_brain_readout_t
brain_of(const spec_t *s)
{
    rl_brain_readout_t b;
    double pre = 40.0 + 2.0 * s->subject;
    b.da_pre_nM = pre;
    b.da_mean_nM = pre * (1.0 + s->reinforcers);
    b.da_peak_nM = pre * (2.0 + s->reinforcers);
    b.cocaine_mean_uM = 0.5 * s->reinforcers;
    b.cocaine_peak_uM = 0.75 * s->reinforcers;
    if (s->subject == 1 && s->phase == 3) {
        b.da_pre_nM = b.da_mean_nM = b.da_peak_nM = NAN;
        b.cocaine_mean_uM = b.cocaine_peak_uM = NAN;
    }
    return b;
}

static void
make_session(rl_session_result_t *r, const spec_t *s, int session_in_phase)
{
    memset(r, 0, sizeof *r);
    r->subject_id = s->subject;
    r->phase = s->phase;
    r->session_in_phase = session_in_phase;
    r->day = s->day;
    r->active = s->active;
    r->inactive = s->inactive;
    r->reinforcers = s->reinforcers;
    r->duration_min = 30.0;
    r->end_reason = RL_END_TIME;
    r->breakpoint = s->breakpoint;
    r->brain = brain_of(s);
    if (s->subject == 0 && s->day == 1) {
        r->active_timeout = 1;
        r->events = (rl_event_t *) day1_events;
        r->n_events = sizeof day1_events / sizeof day1_events[0];
    }
    if (s->subject == 1 && s->day == 0) {
        r->events = (rl_event_t *) m1_day0_events;
        r->n_events = sizeof m1_day0_events / sizeof m1_day0_events[0];
    }
}

/* Write the simulated run. */
static int
write_sim(const char *path, rl_error_t *err)
{
    rl_protocol_t *p = malloc(sizeof *p);
    rl_run_info_t run = {12345, "mt19937", 1, "0.1.0", "relapselab run test", 0};
    rl_store_t *st = NULL;
    size_t i;
    int s, ret, in_phase = 0;

    make_protocol(p, false);
    ret = rl_store_open(path, p, &run, &st, err);
    free(p);
    for (s = 0; s < 2 && ret == 0; s++) {
        rl_subject_record_t sub = {s, 0, s, 0, NULL, NULL};
        ret = rl_store_write_subject(st, &sub, err);
    }
    for (i = 0; i < N_SPECS && ret == 0; i++) {
        rl_session_result_t r;
        in_phase = i > 0 && specs[i - 1].subject == specs[i].subject
                && specs[i - 1].phase == specs[i].phase ? in_phase + 1 : 0;
        make_session(&r, &specs[i], in_phase);
        ret = rl_store_write_session(st, &r, err);
    }
    if (ret != 0) {
        rl_store_abort(st);
        return ret;
    }
    return rl_store_commit(st, err);
}

/* Index of (subject, phase) in m->subject_phases, or -1. */
static int
find_sp(const rl_measures_t *m, int subject, int phase)
{
    size_t i;
    for (i = 0; i < m->n_subject_phases; i++) {
        if (m->subject_phases[i].subject == subject && m->subject_phases[i].phase_index == phase) {
            return (int) i;
        }
    }
    return -1;
}

/* The loader: the run, protocol tables, subjects, sessions and events read back. */
static void
check_loader(rl_dataset_t *ds)
{
    rl_error_t err;

    /* the loader */
    CHECK(!ds->run.imported && strcmp(ds->run.source, "simulation") == 0);
    CHECK(ds->run.seed != NULL && strcmp(ds->run.seed, "12345") == 0);
    CHECK(strcmp(ds->run.study, "measures test") == 0);
    CHECK(ds->n_groups == 1 && strcmp(ds->groups[0].genotype, "WT") == 0);
    CHECK(strcmp(ds->groups[0].sex, "male") == 0);
    CHECK(ds->n_procedures == 1 && ds->procedures[0].n_phases == 4);
    CHECK(ds->procedures[0].phases[1].schedule.type == RL_SCHEDULE_PR);
    CHECK(ds->procedures[0].phases[1].schedule.pr_n == 5);
    CHECK(ds->procedures[0].phases[1].schedule.pr_series[4] == 9);
    CHECK(ds->procedures[0].phases[0].criterion.type == RL_CRITERION_ACQUISITION);
    CHECK_CLOSE(ds->procedures[0].phases[0].criterion.max_deviation, 0.5, 0, 0);
    CHECK(ds->procedures[0].phases[2].criterion.reference_phase_id == 0);
    CHECK(ds->n_subjects == 2 && ds->subjects[1].name == NULL);
    CHECK(ds->n_sessions == N_SPECS);
    CHECK(ds->sessions[1].day == 1 && ds->sessions[1].active == 5);
    CHECK(ds->sessions[3].breakpoint == -1 && ds->sessions[12].breakpoint == 6);
    CHECK(ds->sessions[0].start_time == NULL && ds->sessions[0].subject_name == NULL);
    CHECK(ds->sessions[1].brain.da_pre_nM == 40.0 && ds->sessions[1].brain.da_mean_nM == 200.0);
    CHECK(ds->sessions[1].brain.da_peak_nM == 240.0);
    CHECK(ds->sessions[1].brain.cocaine_mean_uM == 2.0);
    CHECK(ds->sessions[1].brain.cocaine_peak_uM == 3.0);
    CHECK(isnan(ds->sessions[15].brain.da_pre_nM) && isnan(ds->sessions[15].brain.da_mean_nM));
    CHECK(!ds->sessions[1].events_loaded);
    CHECK(rl_dataset_load_events(ds, 1, &err) == 0);
    CHECK(ds->sessions[1].events_loaded && ds->sessions[1].n_loaded_events == 12);
    CHECK(ds->sessions[1].events[2].kind == RL_EV_INFUSION_START);
    CHECK(ds->sessions[1].events[10].in_timeout == 1 && isnan(ds->sessions[1].events[10].code));
    CHECK(!ds->sessions[0].events_loaded);
    CHECK(rl_dataset_load_events(ds, -1, &err) == 0);
    CHECK(ds->sessions[0].events_loaded && ds->sessions[0].n_loaded_events == 0);
}

/* Per-session measures of the simulated run. */
static void
check_sessions(const rl_measures_t *m)
{
    const rl_session_measures_t *sm;

    /* per session: mouse 0, day 1 */
    sm = &m->sessions[1];
    CHECK(sm->deliveries == 4);
    CHECK_CLOSE(sm->iri_median_s, 300.0, 1e-9, 0);
    CHECK_CLOSE(sm->iri_mean_s, 330.0, 1e-9, 0);
    CHECK(sm->n_bins == 3 && sm->bins[0] == 2 && sm->bins[1] == 2 && sm->bins[2] == 1);
    CHECK_CLOSE(sm->first_bin_active, 2.0, 0, 0);
    /* a session without events: zero bins, no intervals */
    CHECK(m->sessions[0].n_bins == 3 && m->sessions[0].bins[0] == 0);
    CHECK(isnan(m->sessions[0].iri_median_s));
    /* criterion after each acquisition session: mouse 0 no, no, yes; mouse 1 no, yes, no */
    CHECK(m->sessions[0].criterion_met == 0.0 && m->sessions[1].criterion_met == 0.0);
    CHECK(m->sessions[2].criterion_met == 1.0);
    CHECK(m->sessions[9].criterion_met == 0.0 && m->sessions[10].criterion_met == 1.0);
    CHECK(m->sessions[11].criterion_met == 0.0);
    /* breakpoints: derived 4 for mouse 0, stored 6 for mouse 1; none outside PR */
    CHECK(m->sessions[3].breakpoint == 4.0 && m->sessions[3].breakpoint_derived == 1);
    CHECK(m->sessions[12].breakpoint == 6.0 && m->sessions[12].breakpoint_derived == 0);
    CHECK(isnan(m->sessions[0].breakpoint));
    /* extinction after each session: mouse 0 no, no, no, yes */
    CHECK(m->sessions[6].criterion_met == 0.0 && m->sessions[7].criterion_met == 1.0);
    /* no criterion in reinstatement */
    CHECK(isnan(m->sessions[8].criterion_met));
    /* maintenance inter-infusion intervals: mouse 0 day 1 (infusions at 10.5, 100.5,
    ** 700.5, 1000.5): only 700.5 -> 1000.5 = 300 begins after loading; mouse 1 day 0: 450
    ** (events above); no intervals in a session without events */
    CHECK_CLOSE(m->sessions[1].iii_maint_mean_s, 300.0, 1e-9, 0);
    CHECK(m->sessions[1].iii_maint_n == 1);
    CHECK_CLOSE(m->sessions[9].iii_maint_mean_s, 450.0, 1e-9, 0);
    CHECK(m->sessions[9].iii_maint_n == 2);
    CHECK(isnan(m->sessions[0].iii_maint_mean_s) && m->sessions[0].iii_maint_n == 0);
    /* DA and cocaine as recorded, DA in % of the pre-session level: mouse 0 day 1 (4
    ** reinforcers, pre 40 nM): mean 200 nM = 500 %, peak 240 nM = 600 %, cocaine 2, 3 uM */
    sm = &m->sessions[1];
    CHECK(sm->brain.da_pre_nM == 40.0 && sm->brain.da_mean_nM == 200.0);
    CHECK(sm->brain.da_peak_nM == 240.0);
    CHECK(sm->brain.cocaine_mean_uM == 2.0 && sm->brain.cocaine_peak_uM == 3.0);
    CHECK_CLOSE(sm->da_mean_pct, 500.0, 1e-12, 0);
    CHECK_CLOSE(sm->da_peak_pct, 600.0, 1e-12, 0);
    /* mouse 1's reinstatement session has none: NULL in the database, NaN here */
    sm = &m->sessions[15];
    CHECK(isnan(sm->brain.da_pre_nM) && isnan(sm->brain.da_mean_nM));
    CHECK(isnan(sm->brain.cocaine_peak_uM));
    CHECK(isnan(sm->da_mean_pct) && isnan(sm->da_peak_pct));
}

/* Subject x phase rows of the simulated run. */
static void
check_rows(const rl_measures_t *m)
{
    const double *v0, *v1;
    int k;

    /* per subject x phase: 2 mice x 4 phases */
    CHECK(m->n_subject_phases == 8);
    k = find_sp(m, 0, 0);
    CHECK(k >= 0);
    if (k < 0 || find_sp(m, 1, 3) < 0) {
        return;
    }
    v0 = m->subject_phases[k].v;
    CHECK_CLOSE(v0[RL_M_SESSIONS], 3, 0, 0);
    CHECK_CLOSE(v0[RL_M_ACTIVE], 14.0 / 3.0, 1e-12, 0);   /* (2 + 5 + 7) / 3 */
    CHECK_CLOSE(v0[RL_M_INACTIVE], 4.0 / 3.0, 1e-12, 0);  /* (2 + 1 + 1) / 3 */
    CHECK_CLOSE(v0[RL_M_REINFORCERS], 10.0 / 3.0, 1e-12, 0);
    CHECK_CLOSE(v0[RL_M_ACTIVE_TIMEOUT], 1.0 / 3.0, 1e-12, 0);
    CHECK_CLOSE(v0[RL_M_FIRST_BIN_ACTIVE], 2.0 / 3.0, 1e-12, 0); /* 0, 2, 0 */
    CHECK_CLOSE(v0[RL_M_IRI_MEDIAN_S], 300.0, 1e-9, 0);  /* only day 1 has intervals */
    CHECK_CLOSE(v0[RL_M_DURATION_MIN], 30.0, 0, 0);
    CHECK(v0[RL_M_CRITERION_MET] == 1.0 && v0[RL_M_SESSIONS_TO_CRITERION] == 3.0);
    CHECK(isnan(v0[RL_M_BREAKPOINT]) && isnan(v0[RL_M_REINSTATEMENT_RATIO]));
    CHECK_CLOSE(v0[RL_M_LAST_REINFORCERS], 4.5, 1e-12, 0);  /* last 2 (the window): 4, 5 */
    /* readouts, means over the sessions (reinforcers 1, 4, 5; pre 40 nM): DA 80, 200,
    ** 240 nM = 200, 500, 600 %; peaks 300, 600, 700 %; cocaine 0.5, 2, 2.5 and 0.75, 3,
    ** 3.75 uM; maintenance intervals on day 1 only (300 s) */
    CHECK_CLOSE(v0[RL_M_DA_PRE_NM], 40.0, 1e-12, 0);
    CHECK_CLOSE(v0[RL_M_DA_MEAN_NM], 520.0 / 3.0, 1e-12, 0);
    CHECK_CLOSE(v0[RL_M_DA_PEAK_NM], 640.0 / 3.0, 1e-12, 0);
    CHECK_CLOSE(v0[RL_M_DA_MEAN_PCT], 1300.0 / 3.0, 1e-12, 0);
    CHECK_CLOSE(v0[RL_M_DA_PEAK_PCT], 1600.0 / 3.0, 1e-12, 0);
    CHECK_CLOSE(v0[RL_M_COCAINE_MEAN_UM], 5.0 / 3.0, 1e-12, 0);
    CHECK_CLOSE(v0[RL_M_COCAINE_PEAK_UM], 2.5, 1e-12, 0);
    CHECK_CLOSE(v0[RL_M_III_MAINT_MEAN_S], 300.0, 1e-9, 0);
    v1 = m->subject_phases[find_sp(m, 1, 0)].v;
    CHECK(v1[RL_M_CRITERION_MET] == 1.0 && v1[RL_M_SESSIONS_TO_CRITERION] == 2.0);
    CHECK_CLOSE(v1[RL_M_LAST_REINFORCERS], 3.0, 1e-12, 0);  /* 5, 1 */
    CHECK_CLOSE(v1[RL_M_DA_MEAN_PCT], 1400.0 / 3.0, 1e-12, 0); /* 600, 600, 200 % */
    CHECK_CLOSE(v1[RL_M_III_MAINT_MEAN_S], 450.0, 1e-9, 0);
    CHECK(m->subject_phases[find_sp(m, 0, 1)].v[RL_M_BREAKPOINT] == 4.0);
    v0 = m->subject_phases[find_sp(m, 0, 2)].v;
    v1 = m->subject_phases[find_sp(m, 1, 2)].v;
    CHECK(v0[RL_M_CRITERION_MET] == 1.0 && v0[RL_M_SESSIONS_TO_CRITERION] == 4.0);
    CHECK_CLOSE(v0[RL_M_LAST_ACTIVE], 1.5, 1e-12, 0);      /* (2 + 1) / 2 */
    CHECK(v1[RL_M_CRITERION_MET] == 0.0 && isnan(v1[RL_M_SESSIONS_TO_CRITERION]));
    CHECK_CLOSE(v1[RL_M_LAST_ACTIVE], 17.5, 1e-12, 0);
    v0 = m->subject_phases[find_sp(m, 0, 3)].v;
    v1 = m->subject_phases[find_sp(m, 1, 3)].v;
    CHECK_CLOSE(v0[RL_M_BASELINE_ACTIVE], 1.5, 1e-12, 0);
    CHECK_CLOSE(v0[RL_M_REINSTATEMENT_RATIO], 4.0, 1e-12, 0); /* 6 / 1.5 */
    CHECK_CLOSE(v1[RL_M_REINSTATEMENT_RATIO], 2.0, 1e-12, 0); /* 35 / 17.5 */
    CHECK(isnan(v0[RL_M_CRITERION_MET]));
    /* no readouts in mouse 1's reinstatement session: n/a; no infusion after loading */
    CHECK(isnan(v1[RL_M_DA_MEAN_PCT]) && isnan(v1[RL_M_COCAINE_MEAN_UM]));
    CHECK_CLOSE(v0[RL_M_DA_MEAN_PCT], 100.0, 1e-12, 0); /* 0 reinforcers: DA = its level */
    CHECK(isnan(v0[RL_M_III_MAINT_MEAN_S]));
}

/* Group x phase rows of the simulated run. */
static void
check_groups(const rl_measures_t *m)
{
    const rl_group_phase_t *gp;

    /* per group x phase: mean +/- SEM over the 2 mice (SEM of 2 values = |a - b| / 2) */
    CHECK(m->n_group_phases == 4);
    gp = &m->group_phases[0];
    CHECK(gp->n == 2);
    CHECK_CLOSE(gp->m[RL_M_ACTIVE].mean, (14.0 / 3.0 + 7.0) / 2.0, 1e-12, 0);
    CHECK_CLOSE(gp->m[RL_M_ACTIVE].sem, (7.0 - 14.0 / 3.0) / 2.0, 1e-12, 0);
    CHECK_CLOSE(gp->m[RL_M_CRITERION_MET].mean, 1.0, 0, 0);
    CHECK_CLOSE(gp->m[RL_M_SESSIONS_TO_CRITERION].mean, 2.5, 1e-12, 0);
    CHECK(gp->m[RL_M_BREAKPOINT].n == 0);
    /* DA in % of the pre-session level: mice 1300/3 and 1400/3 % -> 450 +/- 50/3 */
    CHECK_CLOSE(gp->m[RL_M_DA_MEAN_PCT].mean, 450.0, 1e-12, 0);
    CHECK_CLOSE(gp->m[RL_M_DA_MEAN_PCT].sem, 50.0 / 3.0, 1e-12, 0);
    CHECK_CLOSE(gp->m[RL_M_III_MAINT_MEAN_S].mean, 375.0, 1e-9, 0); /* (300 + 450) / 2 */
    gp = &m->group_phases[1];
    CHECK_CLOSE(gp->m[RL_M_BREAKPOINT].mean, 5.0, 1e-12, 0); /* (4 + 6) / 2 */
    CHECK_CLOSE(gp->m[RL_M_BREAKPOINT].sem, 1.0, 1e-12, 0);
    gp = &m->group_phases[2];
    CHECK_CLOSE(gp->m[RL_M_CRITERION_MET].mean, 0.5, 0, 0);  /* 1 of 2 */
    CHECK(gp->m[RL_M_SESSIONS_TO_CRITERION].n == 1);
    CHECK_CLOSE(gp->m[RL_M_SESSIONS_TO_CRITERION].mean, 4.0, 0, 0);
    gp = &m->group_phases[3];
    CHECK_CLOSE(gp->m[RL_M_BASELINE_ACTIVE].mean, 9.5, 1e-12, 0); /* (1.5 + 17.5) / 2 */
    CHECK_CLOSE(gp->m[RL_M_REINSTATEMENT_RATIO].mean, 3.0, 1e-12, 0);
    CHECK_CLOSE(gp->m[RL_M_REINSTATEMENT_RATIO].sem, 1.0, 1e-12, 0);
    CHECK(gp->m[RL_M_DA_MEAN_PCT].n == 1); /* mouse 1 has no readouts there */
    CHECK_CLOSE(gp->m[RL_M_DA_MEAN_PCT].mean, 100.0, 1e-12, 0);
}

static void
test_simulated(void)
{
    char db[128];
    rl_error_t err;
    rl_dataset_t *ds = NULL;
    rl_measures_t *m = NULL;

    path_in(db, sizeof db, "sim.db");
    rl_error_clear(&err);
    CHECK(write_sim(db, &err) == 0);
    CHECK(rl_dataset_read(db, &ds, &err) == 0);
    if (ds == NULL) {
        return;
    }
    check_loader(ds);
    CHECK(rl_measures_compute(ds, &m, &err) == 0);
    if (m != NULL) {
        check_sessions(m);
        check_rows(m);
        check_groups(m);
    }
    rl_measures_free(m);
    rl_dataset_free(ds);
    remove(db);
}

/* The same measures from the session records in memory (rl_measures_subject, as `run`,
** `validate` and the screen use them) as from the database (rl_measures_compute): one
** definition for simulated and stored data. */
static void
test_same_in_memory(void)
{
    char db[128];
    rl_error_t err;
    rl_dataset_t *ds = NULL;
    rl_measures_t *m = NULL;
    rl_protocol_t *p = malloc(sizeof *p);
    rl_measures_work_t *w = rl_measures_work_new();
    rl_session_result_t recs[N_SPECS];
    rl_session_measures_t sm[N_SPECS];
    rl_subject_phase_t rows[RL_MAX_PHASES];
    size_t i, first = 0, n_rec;
    int s, k, j, n_rows, in_phase = 0, same = 1, compared = 0;

    path_in(db, sizeof db, "sim2.db");
    CHECK(p != NULL && w != NULL && write_sim(db, &err) == 0);
    CHECK(rl_dataset_read(db, &ds, &err) == 0 && rl_dataset_load_events(ds, -1, &err) == 0);
    CHECK(ds != NULL && rl_measures_compute(ds, &m, &err) == 0);
    if (p == NULL || w == NULL || m == NULL) {
        goto out;
    }
    make_protocol(p, false);
    for (i = 0; i < N_SPECS; i++) {
        in_phase = i > 0 && specs[i - 1].subject == specs[i].subject
                && specs[i - 1].phase == specs[i].phase ? in_phase + 1 : 0;
        make_session(&recs[i], &specs[i], in_phase);
        if (recs[i].events == NULL) { /* as loaded from the database: no events, but loaded */
            recs[i].events = (rl_event_t *) day1_events;
            recs[i].n_events = 0;
        }
    }
    for (s = 0; s < 2; s++) {
        for (n_rec = 0; first + n_rec < N_SPECS && specs[first + n_rec].subject == s; n_rec++) {
        }
        CHECK(rl_measures_subject(&p->procedures[0], &recs[first], n_rec, s, 0, 0, w,
                  &sm[first], rows, &n_rows, &err) == 0);
        for (k = 0; k < n_rows; k++) {
            const double *a = rows[k].v, *b = m->subject_phases[find_sp(m, s, k)].v;
            for (j = 0; j < RL_M_COUNT; j++) {
                same &= (isnan(a[j]) && isnan(b[j])) || a[j] == b[j];
                compared++;
            }
        }
        for (i = first; i < first + n_rec; i++) {
            const rl_session_measures_t *x = &sm[i], *y = &m->sessions[i];
            same &= x->deliveries == y->deliveries && x->n_bins == y->n_bins
                && ((isnan(x->criterion_met) && isnan(y->criterion_met))
                    || x->criterion_met == y->criterion_met)
                && ((isnan(x->breakpoint) && isnan(y->breakpoint))
                    || x->breakpoint == y->breakpoint)
                && x->iii_maint_n == y->iii_maint_n
                && ((isnan(x->iii_maint_mean_s) && isnan(y->iii_maint_mean_s))
                    || x->iii_maint_mean_s == y->iii_maint_mean_s)
                && ((isnan(x->da_mean_pct) && isnan(y->da_mean_pct))
                    || x->da_mean_pct == y->da_mean_pct);
            rl_session_measures_clear(&sm[i]);
        }
        first += n_rec;
    }
    CHECK(compared == 8 * RL_M_COUNT);
    CHECK(same);
out:
    rl_measures_work_free(w);
    free(p);
    rl_measures_free(m);
    rl_dataset_free(ds);
    remove(db);
}

/* An import: one named mouse, criterion 'none', a PR session without breakpoint. */
static int
write_import(const char *path, rl_error_t *err)
{
    static const rl_event_t ev[] = {{0.0, RL_EV_SESSION_START, 0},
        {5.0, RL_EV_POKE_ACTIVE, 0}, {5.1, RL_EV_INFUSION_START, 0},
        {20.0, RL_EV_HEAD_ENTRY, 0}, {30.0, RL_EV_OTHER, 0},
        {620.0, RL_EV_POKE_ACTIVE, 0}, {620.1, RL_EV_INFUSION_START, 0}};
    static const double codes[] = {NAN, 1, 3, 7, 99, 1, 3};
    rl_protocol_t *p = malloc(sizeof *p);
    rl_run_info_t run = {0, NULL, 0, "0.1.0", "relapselab import-medpc test", 1};
    rl_import_file_record_t file = {"box1.txt", "imported", 2, 2, NULL, NULL};
    rl_import_session_record_t src;
    rl_subject_record_t sub = {0, 0, 0, 0, NULL, "M01"};
    rl_session_result_t r;
    rl_store_t *st = NULL;
    int64_t file_id = 0, sid = 0;
    int ret;

    make_protocol(p, true);
    ret = rl_store_open(path, p, &run, &st, err);
    free(p);
    if (ret == 0) {
        ret = rl_store_write_subject(st, &sub, err);
    }
    if (ret == 0) {
        ret = rl_store_write_import_file(st, &file, &file_id, err);
    }
    memset(&src, 0, sizeof src);
    src.file_id = file_id;
    src.line = 1;
    src.subject = "M01";
    src.start_time = "2024-03-01T09:30:00";
    src.codes = codes;
    memset(&r, 0, sizeof r);
    r.active = 2;
    r.reinforcers = 2;
    r.duration_min = 12.0;
    r.end_reason = RL_END_END_CODE;
    r.breakpoint = -1;
    r.drug_mg_per_kg = NAN;
    r.events = (rl_event_t *) ev;
    r.n_events = sizeof ev / sizeof ev[0];
    if (ret == 0) {
        ret = rl_store_write_imported_session(st, &r, &src, &sid, err);
    }
    r.phase = 1; /* PR: 2 reinforcers, no breakpoint -> derived pr_series[1] = 2 */
    r.day = 1;
    src.start_time = NULL;
    src.line = 40;
    if (ret == 0) {
        ret = rl_store_write_imported_session(st, &r, &src, &sid, err);
    }
    if (ret != 0) {
        rl_store_abort(st);
        return ret;
    }
    return rl_store_commit(st, err);
}

static void
test_imported(void)
{
    char db[128];
    rl_error_t err;
    rl_dataset_t *ds = NULL;
    rl_measures_t *m = NULL;
    const rl_ds_session_t *s;

    path_in(db, sizeof db, "import.db");
    rl_error_clear(&err);
    CHECK(write_import(db, &err) == 0);
    CHECK(rl_dataset_read(db, &ds, &err) == 0);
    if (ds == NULL) {
        return;
    }
    CHECK(ds->run.imported && ds->run.seed == NULL);
    CHECK(ds->groups[0].genotype == NULL && ds->groups[0].sex == NULL);
    CHECK(ds->subjects[0].name != NULL && strcmp(ds->subjects[0].name, "M01") == 0);
    CHECK(ds->procedures[0].phases[0].criterion.type == RL_CRITERION_NONE);
    CHECK(ds->n_sessions == 2);
    s = &ds->sessions[0];
    CHECK(s->subject_name != NULL && strcmp(s->subject_name, "M01") == 0);
    CHECK(s->start_time != NULL && strcmp(s->start_time, "2024-03-01T09:30:00") == 0);
    CHECK(ds->sessions[1].start_time == NULL);
    CHECK(isnan(s->drug_mg_per_kg) && s->breakpoint == -1 && !s->criterion_met);
    CHECK(rl_dataset_load_events(ds, -1, &err) == 0);
    CHECK(s->n_loaded_events == 7);
    CHECK(s->events[3].kind == RL_EV_HEAD_ENTRY && s->events[4].kind == RL_EV_OTHER);
    CHECK(isnan(s->events[0].code) && s->events[4].code == 99.0);
    CHECK(rl_measures_compute(ds, &m, &err) == 0);
    if (m != NULL) {
        /* 12-min session: bins [0, 600) 1 and [600, 1200) 1; one interval of 615 s */
        CHECK(m->sessions[0].n_bins == 2 && m->sessions[0].bins[1] == 1);
        CHECK_CLOSE(m->sessions[0].iri_median_s, 615.0, 1e-9, 0);
        CHECK(isnan(m->sessions[0].criterion_met));               /* criterion 'none' */
        CHECK(m->sessions[1].breakpoint == 2.0 && m->sessions[1].breakpoint_derived);
        CHECK(m->n_subject_phases == 2);
        CHECK(isnan(m->subject_phases[0].v[RL_M_CRITERION_MET]));
        CHECK(isnan(m->subject_phases[0].v[RL_M_SESSIONS_TO_CRITERION]));
        /* infusions at 5.1 and 620.1: the one interval begins in the loading phase */
        CHECK(isnan(m->sessions[0].iii_maint_mean_s) && m->sessions[0].iii_maint_n == 0);
        /* a lab file has no DA: NULL whatever the record held (0 here), n/a measures */
        CHECK(isnan(s->brain.da_pre_nM) && isnan(s->brain.da_mean_nM));
        CHECK(isnan(s->brain.da_peak_nM) && isnan(s->brain.cocaine_mean_uM));
        CHECK(isnan(s->brain.cocaine_peak_uM));
        CHECK(isnan(m->sessions[0].da_mean_pct));
        CHECK(isnan(m->subject_phases[0].v[RL_M_DA_MEAN_NM]));
        CHECK(m->n_group_phases == 4 && m->group_phases[0].n == 1);
        CHECK(m->group_phases[0].m[RL_M_CRITERION_MET].n == 0);
        CHECK(m->group_phases[2].n == 0 && m->group_phases[2].m[RL_M_ACTIVE].n == 0);
    }
    rl_measures_free(m);
    rl_dataset_free(ds);
    remove(db);
}

static void
exec_sql(const char *db, const char *sql)
{
    sqlite3 *h = NULL;
    CHECK(sqlite3_open(db, &h) == SQLITE_OK);
    CHECK(sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(h);
}

static void
test_refusals(void)
{
    char db[128];
    rl_error_t err;
    rl_dataset_t *ds = NULL;
    FILE *f;

    path_in(db, sizeof db, "refused.db");
    rl_error_clear(&err);
    /* missing file: RL_ERR_IO naming it */
    CHECK(rl_dataset_read(db, &ds, &err) == RL_ERR_IO && ds == NULL);
    CHECK(strcmp(err.file, db) == 0);
    /* a text file */
    if ((f = fopen(db, "w")) != NULL) {
        fputs("session,active\n1,2\n", f);
        fclose(f);
    }
    CHECK(rl_dataset_read(db, &ds, &err) == RL_ERR_INVALID && ds == NULL);
    CHECK(strcmp(err.file, db) == 0 && strstr(err.msg, "not a relapselab database") != NULL);
    remove(db);
    /* an SQLite database that is not ours */
    exec_sql(db, "CREATE TABLE t (x)");
    CHECK(rl_dataset_read(db, &ds, &err) == RL_ERR_INVALID);
    CHECK(strstr(err.msg, "not a relapselab database") != NULL);
    remove(db);
    /* an incomplete run */
    CHECK(write_sim(db, &err) == 0);
    exec_sql(db, "UPDATE run SET status = 'running'");
    CHECK(rl_dataset_read(db, &ds, &err) == RL_ERR_INVALID && ds == NULL);
    CHECK(strstr(err.msg, "incomplete") != NULL && strcmp(err.file, db) == 0);
    /* another schema version */
    exec_sql(db, "UPDATE run SET status = 'complete'; PRAGMA user_version = 2");
    CHECK(rl_dataset_read(db, &ds, &err) == RL_ERR_INVALID);
    CHECK(strstr(err.msg, "schema version 2") != NULL);
    remove(db);
}

static bool
setup(void)
{
    return rl_test_tmpdir(tmpdir, sizeof tmpdir, "measures");
}

static bool
teardown(void)
{
    return rl_test_tmpdir_done(tmpdir);
}

static const rl_test_case_t CASES[] = {
    {"simulated", test_simulated, 0},
    {"same_in_memory", test_same_in_memory, 0},
    {"imported", test_imported, 0},
    {"refusals", test_refusals, 0},
};

int
main(int argc, char **argv)
{
    static const rl_test_suite_t suite = {CASES, RL_TEST_COUNT(CASES), setup, teardown};
    return rl_test_main(argc, argv, &suite);
}
