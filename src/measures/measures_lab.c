/* measures_lab.c -- the lab measures of a session, and which ones a dataset shows
** (measures_lab.h, measures.h; definitions in docs/ANALYSIS.md, "Lab measures").
**
** Design. One pass over a session's events keeps the state the measures need: whether the
** cue is on (from a cue_on to its cue_off; a cue without cue_off stays on to the session
** end), the onset of the current cue and whether it has had a head entry yet. Deliveries
** with in_timeout set are the non-contingent ones (the profile's `noncontingent` codes,
** docs/MEDPC.md): delivered, not earned, so earned = reinforcers - non-contingent.
** Latency from cue onset: for each presentation, the time to its first head entry while
** the cue is on, or the presentation's length when there is none (the usual scoring of
** Pavlovian approach, where a trial without an entry scores the CS length); their mean.
*/
#include "measures_lab.h"

#include <math.h>

#define LAB(m) ((m) - RL_M_LAB_FIRST)

/* One cue presentation ends at t: add its latency (capped at its length) to the sums. */
static void
close_cue(double on_t, double t, int entered, double entry_t, double *sum, int *n)
{
    *sum += entered ? entry_t - on_t : t - on_t;
    (*n)++;
}

void
rl_lab_session(const rl_session_result_t *s, bool operant, bool use_events, double *lab)
{
    double hours = s->duration_min / 60.0, on_t = 0.0, entry_t = 0.0, cue_sum = 0.0;
    double first_active = NAN, first_entry = NAN;
    int64_t entries = 0, in_cue = 0, noncontingent = 0;
    int cue_on = 0, entered = 0, cues = 0, cue_n = 0;
    size_t i;

    for (i = 0; i < RL_N_LAB; i++) {
        lab[i] = NAN;
    }
    if (operant && hours > 0.0) {
        lab[LAB(RL_M_ACTIVE_PER_H)] = (double) s->active / hours;
        lab[LAB(RL_M_INACTIVE_PER_H)] = (double) s->inactive / hours;
    }
    if (!operant || !use_events || s->events == NULL) {
        return;
    }
    for (i = 0; i < s->n_events; i++) {
        const rl_event_t *e = &s->events[i];
        switch (e->kind) {
        case RL_EV_POKE_ACTIVE:
            first_active = isnan(first_active) ? e->t_s : first_active;
            break;
        case RL_EV_HEAD_ENTRY:
            entries++;
            first_entry = isnan(first_entry) ? e->t_s : first_entry;
            in_cue += cue_on;
            if (cue_on && !entered) {
                entered = 1;
                entry_t = e->t_s;
            }
            break;
        case RL_EV_INFUSION_START:
        case RL_EV_PELLET:
        case RL_EV_LIQUID:
            noncontingent += e->in_timeout != 0;
            break;
        case RL_EV_CUE_ON:
            if (cue_on) {   /* a new onset before the cue went off: the old one ends */
                close_cue(on_t, e->t_s, entered, entry_t, &cue_sum, &cue_n);
            }
            cue_on = 1;
            cues++;
            on_t = e->t_s;
            entered = 0;
            break;
        case RL_EV_CUE_OFF:
            if (cue_on) {
                close_cue(on_t, e->t_s, entered, entry_t, &cue_sum, &cue_n);
            }
            cue_on = 0;
            break;
        case RL_EV_SESSION_END:
            if (cue_on) {
                close_cue(on_t, e->t_s, entered, entry_t, &cue_sum, &cue_n);
                cue_on = 0;
            }
            break;
        default:
            break;
        }
    }
    lab[LAB(RL_M_LATENCY_ACTIVE_S)] = first_active;
    lab[LAB(RL_M_NONCONTINGENT)] = (double) noncontingent;
    lab[LAB(RL_M_EARNED)] = (double) (s->reinforcers - noncontingent);
    lab[LAB(RL_M_HEAD_ENTRIES)] = (double) entries;
    lab[LAB(RL_M_HEAD_ENTRIES_PER_H)] = hours > 0.0 ? (double) entries / hours : NAN;
    lab[LAB(RL_M_LATENCY_HEAD_ENTRY_S)] = first_entry;
    if (cues > 0) {
        lab[LAB(RL_M_HEAD_ENTRIES_CUE)] = (double) in_cue;
        lab[LAB(RL_M_HEAD_ENTRIES_NO_CUE)] = (double) (entries - in_cue);
        lab[LAB(RL_M_CUE_LATENCY_HEAD_ENTRY_S)] = cue_n > 0 ? cue_sum / cue_n : NAN;
    }
}

/* Some subject x phase has measure k: not NaN, and > 0 when positive. */
static int
any(const rl_measures_t *m, int k, int positive)
{
    size_t i;
    for (i = 0; i < m->n_subject_phases; i++) {
        double v = m->subject_phases[i].v[k];
        if (!isnan(v) && (!positive || v > 0.0)) {
            return 1;
        }
    }
    return 0;
}

int
rl_measures_shown(const rl_measures_t *m, int k)
{
    switch (k) {
    case RL_M_ACTIVE_PER_H:
    case RL_M_INACTIVE_PER_H:
    case RL_M_LATENCY_ACTIVE_S:
        return any(m, k, 0);
    case RL_M_EARNED:
    case RL_M_NONCONTINGENT:
        return any(m, RL_M_NONCONTINGENT, 1);
    case RL_M_HEAD_ENTRIES:
    case RL_M_HEAD_ENTRIES_PER_H:
    case RL_M_LATENCY_HEAD_ENTRY_S:
        return any(m, RL_M_HEAD_ENTRIES, 1);
    case RL_M_HEAD_ENTRIES_CUE:
    case RL_M_HEAD_ENTRIES_NO_CUE:
    case RL_M_CUE_LATENCY_HEAD_ENTRY_S:
        return any(m, RL_M_HEAD_ENTRIES, 1) && any(m, k, 0);
    default:
        return k >= 0 && k < RL_M_LAB_FIRST;
    }
}

int
rl_measures_any_lab_shown(const rl_measures_t *m)
{
    int k;
    for (k = RL_M_LAB_FIRST; k < RL_M_COUNT; k++) {
        if (rl_measures_shown(m, k)) {
            return 1;
        }
    }
    return 0;
}
