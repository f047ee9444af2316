/* test_measures_lab.c -- the lab measures (measures.h from RL_M_LAB_FIRST; measures_lab.c):
** rates per hour, latencies, earned and non-contingent deliveries, head entries in and out
** of the cue, and inter-reinforcer intervals from earned deliveries only.
**
** One hand-made Pavlovian session of 30 min (0.5 h), events (t in s):
**   5 head entry | 8 active poke | 10 cue on | 13 entry | 14 entry | 20 cue off
**   20 pellet (earned) | 25 entry | 30 cue on | 40 cue off | 50 pellet (non-contingent)
**   55 active poke | 60 pellet | 70 pellet (non-contingent) | 100 pellet | 1800 end
** Worked by hand: active 2, inactive 1 -> 4 and 2 per hour; first active response 8 s;
** deliveries 5, non-contingent 2 (in_timeout set), earned 5 - 2 = 3; head entries 4 (at 5,
** 13, 14, 25) -> 8 per hour; first entry 5 s; in the cue 2 (13, 14: the cue is on from 10
** to 20), outside 2 (5, 25); latency from cue onset: first cue 13 - 10 = 3 s, second cue no
** entry -> its length 40 - 30 = 10 s; mean 6.5 s. Inter-reinforcer intervals from the
** earned pellets 20, 60, 100: 40 and 40 -> median and mean 40 s (with the non-contingent
** ones they would be 30, 10, 10, 30: 20 s). A session without events has NaN for every
** event measure but the rates; a place-test session has none at all.
*/
#include "relapselab/measures.h"

#include <math.h>
#include <string.h>

#include "testlib.h"

static const rl_event_t pav_events[] = {
    {0.0, RL_EV_SESSION_START, 0}, {5.0, RL_EV_HEAD_ENTRY, 0}, {8.0, RL_EV_POKE_ACTIVE, 0},
    {10.0, RL_EV_CUE_ON, 0}, {13.0, RL_EV_HEAD_ENTRY, 0}, {14.0, RL_EV_HEAD_ENTRY, 0},
    {20.0, RL_EV_CUE_OFF, 0}, {20.0, RL_EV_PELLET, 0}, {25.0, RL_EV_HEAD_ENTRY, 0},
    {30.0, RL_EV_CUE_ON, 0}, {40.0, RL_EV_CUE_OFF, 0}, {50.0, RL_EV_PELLET, 1},
    {55.0, RL_EV_POKE_ACTIVE, 0}, {56.0, RL_EV_POKE_INACTIVE, 0}, {60.0, RL_EV_PELLET, 0},
    {70.0, RL_EV_PELLET, 1}, {100.0, RL_EV_PELLET, 0}, {1800.0, RL_EV_SESSION_END, 0},
};

static void
one_phase(rl_procedure_t *proc, rl_phase_kind_t kind)
{
    memset(proc, 0, sizeof *proc);
    proc->n_phases = 1;
    proc->phases[0].kind = kind;
    proc->phases[0].schedule.type = RL_SCHEDULE_FR;
    proc->phases[0].schedule.ratio = 1;
    proc->phases[0].sessions = 1;
    proc->phases[0].criterion.type = RL_CRITERION_NONE;
    proc->phases[0].criterion.reference_phase_id = -1;
}

static rl_session_result_t
pav_session(void)
{
    rl_session_result_t s;
    memset(&s, 0, sizeof s);
    s.active = 2;
    s.inactive = 1;
    s.reinforcers = 5;
    s.duration_min = 30.0;
    s.breakpoint = -1;
    s.n_events = sizeof pav_events / sizeof pav_events[0];
    s.events = (rl_event_t *) pav_events;
    return s;
}

/* Measure one session in a one-phase procedure of kind; its row and session record. */
static void
measure(rl_phase_kind_t kind, const rl_session_result_t *s, rl_subject_phase_t *row,
    rl_session_measures_t *sm)
{
    static rl_procedure_t proc;
    rl_measures_work_t *w = rl_measures_work_new();
    rl_error_t err;
    int n_rows = 0;
    one_phase(&proc, kind);
    rl_error_clear(&err);
    CHECK(w != NULL);
    CHECK(rl_measures_subject(&proc, s, 1, 0, 0, 0, w, sm, row, &n_rows, &err) == 0);
    CHECK(n_rows == 1);
    rl_measures_work_free(w);
}

static void
pavlovian_session(void)
{
    rl_session_result_t s = pav_session();
    rl_subject_phase_t row;
    rl_session_measures_t sm;
    const double *v = row.v;
    measure(RL_PHASE_OTHER, &s, &row, &sm);
    CHECK_CLOSE(v[RL_M_ACTIVE_PER_H], 4.0, 1e-12, 0);
    CHECK_CLOSE(v[RL_M_INACTIVE_PER_H], 2.0, 1e-12, 0);
    CHECK_CLOSE(v[RL_M_LATENCY_ACTIVE_S], 8.0, 1e-12, 0);
    CHECK_CLOSE(v[RL_M_REINFORCERS], 5.0, 1e-12, 0);
    CHECK_CLOSE(v[RL_M_NONCONTINGENT], 2.0, 1e-12, 0);
    CHECK_CLOSE(v[RL_M_EARNED], 3.0, 1e-12, 0);
    CHECK_CLOSE(v[RL_M_HEAD_ENTRIES], 4.0, 1e-12, 0);
    CHECK_CLOSE(v[RL_M_HEAD_ENTRIES_PER_H], 8.0, 1e-12, 0);
    CHECK_CLOSE(v[RL_M_LATENCY_HEAD_ENTRY_S], 5.0, 1e-12, 0);
    CHECK_CLOSE(v[RL_M_HEAD_ENTRIES_CUE], 2.0, 1e-12, 0);
    CHECK_CLOSE(v[RL_M_HEAD_ENTRIES_NO_CUE], 2.0, 1e-12, 0);
    CHECK_CLOSE(v[RL_M_CUE_LATENCY_HEAD_ENTRY_S], 6.5, 1e-12, 0);
    CHECK_CLOSE(v[RL_M_IRI_MEDIAN_S], 40.0, 1e-12, 0);   /* earned deliveries only */
    CHECK_CLOSE(v[RL_M_IRI_MEAN_S], 40.0, 1e-12, 0);
    CHECK(sm.deliveries == 5);                             /* all delivered */
    CHECK_CLOSE(sm.lab[RL_M_EARNED - RL_M_LAB_FIRST], 3.0, 1e-12, 0);
    rl_session_measures_clear(&sm);
}

static void
without_events_or_operandum(void)
{
    rl_session_result_t s = pav_session();
    rl_subject_phase_t row;
    rl_session_measures_t sm;
    int k;
    s.events = NULL;
    s.n_events = 0;
    measure(RL_PHASE_OTHER, &s, &row, &sm);
    CHECK_CLOSE(row.v[RL_M_ACTIVE_PER_H], 4.0, 1e-12, 0);  /* from the counts */
    for (k = RL_M_LAB_FIRST; k < RL_M_COUNT; k++) {
        CHECK(isnan(row.v[k]) == (k != RL_M_ACTIVE_PER_H && k != RL_M_INACTIVE_PER_H));
        CHECK(rl_measure_from_events(k) == (k != RL_M_ACTIVE_PER_H && k != RL_M_INACTIVE_PER_H));
    }
    rl_session_measures_clear(&sm);
    s = pav_session();
    measure(RL_PHASE_PLACE_TEST, &s, &row, &sm);
    for (k = RL_M_LAB_FIRST; k < RL_M_COUNT; k++) {
        CHECK(isnan(row.v[k]));
    }
    rl_session_measures_clear(&sm);
}

/* A session without cue: the cue measures are NaN, the others are there. One with a cue
** that never goes off: the cue runs to the session end. */
static void
cue_edge_cases(void)
{
    static const rl_event_t ev[] = {
        {0.0, RL_EV_SESSION_START, 0}, {100.0, RL_EV_CUE_ON, 0}, {900.0, RL_EV_HEAD_ENTRY, 0},
        {1200.0, RL_EV_SESSION_END, 0},
    };
    static const rl_event_t no_cue[] = {
        {0.0, RL_EV_SESSION_START, 0}, {900.0, RL_EV_HEAD_ENTRY, 0},
        {1200.0, RL_EV_SESSION_END, 0},
    };
    rl_session_result_t s;
    rl_subject_phase_t row;
    rl_session_measures_t sm;
    memset(&s, 0, sizeof s);
    s.duration_min = 20.0;
    s.breakpoint = -1;
    s.events = (rl_event_t *) ev;
    s.n_events = 4;
    measure(RL_PHASE_OTHER, &s, &row, &sm);
    CHECK_CLOSE(row.v[RL_M_HEAD_ENTRIES_CUE], 1.0, 1e-12, 0);
    CHECK_CLOSE(row.v[RL_M_CUE_LATENCY_HEAD_ENTRY_S], 800.0, 1e-12, 0);  /* 900 - 100 */
    CHECK(isnan(row.v[RL_M_LATENCY_ACTIVE_S]));                          /* no response */
    CHECK_CLOSE(row.v[RL_M_EARNED], 0.0, 1e-12, 0);
    rl_session_measures_clear(&sm);
    s.events = (rl_event_t *) no_cue;
    s.n_events = 3;
    measure(RL_PHASE_OTHER, &s, &row, &sm);
    CHECK_CLOSE(row.v[RL_M_HEAD_ENTRIES], 1.0, 1e-12, 0);
    CHECK(isnan(row.v[RL_M_HEAD_ENTRIES_CUE]) && isnan(row.v[RL_M_CUE_LATENCY_HEAD_ENTRY_S]));
    rl_session_measures_clear(&sm);
}

static const rl_test_case_t CASES[] = {
    {"pavlovian_session", pavlovian_session, 0},
    {"without_events_or_operandum", without_events_or_operandum, 0},
    {"cue_edge_cases", cue_edge_cases, 0},
};
RL_TEST_MAIN(CASES)
