/* session.c -- the operant chamber's event loop (one mouse, one session).
**
** Loop invariant: `t` is the current time; the mouse's clock is <= t and nothing has
** happened in (mouse clock, t]. Each turn computes the next scheduled event, bounds the
** response rate up to the earlier of that event and the end of the signal window, and
** places a proposal where the bound's integrated hazard from t reaches a unit exponential
** E. A proposal before the window end is accepted with probability rate/bound (thinning; a
** rejected proposal just moves t, the exponential being memoryless), and the next proposal
** draws a new E; otherwise the clock moves to the window end, E less the window's hazard
** (bound x length) carries over to the next window (again by memorylessness: RNG scheme
** 3; scheme 2 drew a new exponential for every window), and scheduled events due then are
** handled in a fixed order. Handlers only change state and log; all randomness
** comes from r in a fixed order, so a session is a pure function of its stream.
*/
#include "chamber/session.h"

#include "biology/dopamine.h"
#include "core/alloc.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void
rl_session_workspace_init(rl_session_workspace_t *self)
{
    memset(self, 0, sizeof *self);
}

void
rl_session_workspace_free(rl_session_workspace_t *self)
{
    free(self->events);
    memset(self, 0, sizeof *self);
}

bool
rl_session_stopped(const rl_session_workspace_t *w)
{
    return (w->stop[0] != NULL && atomic_load_explicit(w->stop[0], memory_order_relaxed))
        || (w->stop[1] != NULL && atomic_load_explicit(w->stop[1], memory_order_relaxed));
}

int
rl_session_log(rl_session_workspace_t *w, double t_s, int kind, int in_timeout)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 256;
        rl_event_t *e = rl_realloc(w->events, cap * sizeof *e);
        if (e == NULL) {
            return RL_ERR_NOMEM;
        }
        w->events = e;
        w->cap = cap;
    }
    w->events[w->n].t_s = t_s;
    w->events[w->n].kind = (int32_t) kind;
    w->events[w->n].in_timeout = (int32_t) in_timeout;
    w->n++;
    return 0;
}

/* Trace samples due up to t (before the mouse advances to t), then advance. The samples
** come from the state at the mouse's clock: brain cocaine is exact, the release gain and
** belief are those held since the last advance. Read-only for the simulation. */
static void
advance(rl_mouse_t *m, double t, rl_session_workspace_t *w)
{
    rl_session_trace_t *tr = w->trace;
    while (tr != NULL && tr->next_s <= t) {
        double c = rl_mouse_brain_cocaine_at(m, tr->next_s);
        tr->sample(tr->ctx, tr->next_s, c, rl_mouse_tonic_da_at(m, c), rl_mouse_belief_drug(m));
        tr->next_s += tr->dt_s;
    }
    rl_mouse_advance(m, t);
}

/* Chamber state for one session. */
typedef struct chamber {
    const rl_phase_t *phase;
    double end_s;            /* session time limit */
    double infusion_end_s;   /* INFINITY when no infusion runs */
    double cue_off_s;
    double timeout_end_s;
    double stop_deadline_s;  /* no-reinforcer stop, INFINITY if off */
    int64_t toward;          /* counted responses toward the current requirement */
    int pr_step;             /* index of the current PR requirement */
    int last_completed;      /* PR: last requirement completed */
    double busy_until_s;     /* end of the current timeout or delivery (0 if none yet) */
    double dose_s;           /* the mouse's next dose time (a discontinuity), or INFINITY */
    double free_cue_s;       /* next non-contingent cue, INFINITY when none is left */
    int free_cues_left;
} chamber_t;

static int64_t
requirement(const chamber_t *c)
{
    const rl_schedule_t *s = &c->phase->schedule;
    if (s->type == RL_SCHEDULE_FR) {
        return s->ratio;
    }
    /* Past the end of the series the last requirement repeats. */
    return s->pr_series[c->pr_step < s->pr_n ? c->pr_step : s->pr_n - 1];
}

/* fmin for times that are never NaN, inline (libm's fmin is a call at -O2). */
static inline double
earlier(double a, double b)
{
    return b < a ? b : a;
}

static double
next_scheduled(const chamber_t *c)
{
    double t = c->end_s;
    t = earlier(t, c->infusion_end_s);
    t = earlier(t, c->cue_off_s);
    t = earlier(t, c->timeout_end_s);
    t = earlier(t, c->stop_deadline_s);
    t = earlier(t, c->free_cue_s);
    t = earlier(t, c->dose_s);
    return t;
}

/* An active poke at t: schedule, delivery, learning. Returns 0, 1 if the reinforcer cap
** ends the session, or an error. */
static int
on_active(chamber_t *c, rl_mouse_t *mouse, rl_session_workspace_t *w, rl_session_result_t *out,
    double t)
{
    const rl_phase_t *ph = c->phase;
    rl_outcome_t o = {false, false, false, false};
    int ret;
    bool in_timeout = t < c->busy_until_s;

    out->active++;
    if (in_timeout) {
        out->active_timeout++;
    }
    ret = rl_session_log(w, t, RL_EV_POKE_ACTIVE, in_timeout);
    if (ret != 0) {
        return ret;
    }
    o.counted = !in_timeout;
    if (o.counted) {
        c->toward++;
        o.completed = c->toward >= requirement(c);
    }
    if (o.completed) {
        o.reinforcer = ph->deliver_reinforcer;
        o.cue = ph->deliver_cue && ph->cue_s > 0.0;
    }
    rl_mouse_on_active(mouse, &o);
    if (!o.completed) {
        return 0;
    }
    c->last_completed = (int) requirement(c);
    c->toward = 0;
    c->pr_step++;
    if (o.reinforcer) {
        rl_mouse_reinforcer_t rf;
        rl_mouse_reinforcer(mouse, &rf);
        if (rf.drug) {
            rl_mouse_infusion(mouse, true);
            out->drug_mg_per_kg += rf.dose_mg_per_kg;
            c->infusion_end_s = t + rf.infusion_s;
            c->busy_until_s = fmax(c->busy_until_s, c->infusion_end_s);
            ret = rl_session_log(w, t, RL_EV_INFUSION_START, 0);
        } else {
            ret = rl_session_log(w, t, rf.liquid ? RL_EV_LIQUID : RL_EV_PELLET, 0);
        }
        if (ret != 0) {
            return ret;
        }
    }
    if (o.cue) {
        c->cue_off_s = t + ph->cue_s;
        ret = rl_session_log(w, t, RL_EV_CUE_ON, 0);
        if (ret != 0) {
            return ret;
        }
    }
    if (o.reinforcer || o.cue) {
        out->reinforcers++;
        if (ph->timeout_s > 0.0) {
            c->timeout_end_s = t + ph->timeout_s;
            c->busy_until_s = fmax(c->busy_until_s, c->timeout_end_s);
        }
        if (ph->no_reinforcer_stop_min > 0.0) {
            c->stop_deadline_s = t + ph->no_reinforcer_stop_min * 60.0;
        }
        if (ph->max_reinforcers > 0 && out->reinforcers >= ph->max_reinforcers) {
            return 1;
        }
    }
    return 0;
}

/* Scheduled events due at t, in a fixed order. Returns 1 if the session ends. */
static int
on_scheduled(chamber_t *c, rl_mouse_t *mouse, rl_session_workspace_t *w,
    rl_session_result_t *out, double t, int *ret)
{
    if (c->infusion_end_s <= t) {
        rl_mouse_infusion(mouse, false);
        c->infusion_end_s = INFINITY;
        if ((*ret = rl_session_log(w, t, RL_EV_INFUSION_END, 0)) != 0) {
            return 1;
        }
    }
    if (c->cue_off_s <= t) {
        c->cue_off_s = INFINITY;
        if ((*ret = rl_session_log(w, t, RL_EV_CUE_OFF, 0)) != 0) {
            return 1;
        }
    }
    if (c->timeout_end_s <= t) {
        c->timeout_end_s = INFINITY;
        if ((*ret = rl_session_log(w, t, RL_EV_TIMEOUT_END, 0)) != 0) {
            return 1;
        }
    }
    if (c->free_cue_s <= t) { /* a non-contingent cue: the light, whatever the mouse does */
        const rl_free_cues_t *f = &c->phase->free_cues;
        rl_mouse_on_cue(mouse);
        if (!(c->cue_off_s < INFINITY)
            && (*ret = rl_session_log(w, t, RL_EV_CUE_ON, 0)) != 0) {
            return 1;
        }
        c->cue_off_s = t + c->phase->cue_s;
        c->free_cue_s = --c->free_cues_left > 0 ? t + f->interval_s : INFINITY;
    }
    if (c->stop_deadline_s <= t) {
        out->end_reason = RL_END_NO_REINFORCER;
        return 1;
    }
    if (c->end_s <= t) {
        out->end_reason = RL_END_TIME;
        return 1;
    }
    return 0;
}

int
rl_session_run(const rl_phase_t *phase, rl_mouse_t *mouse, gsl_rng *r,
    rl_session_workspace_t *w, rl_session_result_t *out, rl_error_t *err)
{
    chamber_t c;
    double t = 0.0, e_left = -1.0; /* unit exponential not yet used up; < 0: none */
    int ret = 0, done = 0;
    unsigned turns = 0;

    memset(out, 0, sizeof *out);
    out->breakpoint = -1;
    out->end_reason = RL_END_TIME;
    w->n = 0;
    memset(&c, 0, sizeof c);
    c.phase = phase;
    c.end_s = phase->session_min * 60.0;
    c.infusion_end_s = c.cue_off_s = c.timeout_end_s = INFINITY;
    c.stop_deadline_s = phase->no_reinforcer_stop_min > 0.0 ?
        phase->no_reinforcer_stop_min * 60.0 : INFINITY;
    c.free_cues_left = phase->free_cues.count;
    c.free_cue_s = c.free_cues_left > 0 ? phase->free_cues.start_min * 60.0 : INFINITY;
    /* doses given during the session end sampling windows: the drug's action, held between
    ** advances, changes exactly there [BEH-3], [DRG-8] */
    c.dose_s = rl_mouse_next_dose_s(mouse);

    if (w->trace != NULL) {
        w->trace->next_s = 0.0;
    }
    ret = rl_session_log(w, 0.0, RL_EV_SESSION_START, 0);
    while (ret == 0 && !done) {
        double t_sched, t_win, bound, t_prop = INFINITY;
        if (++turns % RL_SESSION_POLL == 0 && rl_session_stopped(w)) {
            return rl_error_set(err, RL_ERR_INTERRUPTED, NULL, 0, 0, "interrupted");
        }
        t_sched = next_scheduled(&c);
        t_win = earlier(t_sched, rl_mouse_clock_s(mouse) + rl_mouse_peptide_step_s(mouse));
        bound = rl_mouse_rate_bound(mouse, t_win);
        if (bound > 0.0) {
            if (!(e_left >= 0.0)) {
                e_left = gsl_ran_exponential(r, 1.0);
            }
            t_prop = t + e_left / bound;
        }

        if (t_prop < t_win) {
            double ra, ri, rate = rl_mouse_rates(mouse, t_prop, &ra, &ri);
            double u = gsl_rng_uniform(r);
            e_left = -1.0; /* used: the next proposal draws a new one */
            if (rate > bound * (1.0 + 1e-9)) {
                return rl_error_set(err, RL_ERR_INTERNAL, NULL, 0, 0,
                    "response rate %g/s above its thinning bound %g/s at t = %g s", rate,
                    bound, t_prop);
            }
            t = t_prop;
            if (u * bound >= rate) {
                continue; /* rejected proposal */
            }
            advance(mouse, t, w);
            if (u * bound < ra) {
                ret = on_active(&c, mouse, w, out, t);
                if (ret == 1) {
                    out->end_reason = RL_END_MAX_REINFORCERS;
                    done = 1;
                    ret = 0;
                }
            } else {
                out->inactive++;
                ret = rl_session_log(w, t, RL_EV_POKE_INACTIVE, t < c.busy_until_s);
            }
            continue;
        }
        if (bound > 0.0) { /* the window's exposure is spent; the rest carries over */
            e_left = fmax(0.0, e_left - bound * (t_win - t));
        }
        t = t_win;
        advance(mouse, t, w);
        if (t >= c.dose_s) { /* at a dose: the advance took it in; on to the next */
            c.dose_s = rl_mouse_next_dose_s(mouse);
        }
        if (t >= t_sched) {
            done = on_scheduled(&c, mouse, w, out, t, &ret);
        }
    }
    if (ret != 0) {
        return rl_error_set(err, ret, NULL, 0, 0, "out of memory logging session events");
    }
    if (phase->schedule.type == RL_SCHEDULE_PR) {
        out->breakpoint = c.last_completed;
    }
    return rl_session_close(mouse, w, t, out, err);
}

int
rl_session_close(rl_mouse_t *mouse, rl_session_workspace_t *w, double t,
    rl_session_result_t *out, rl_error_t *err)
{
    if (rl_session_log(w, t, RL_EV_SESSION_END, 0) != 0) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory logging session events");
    }
    rl_mouse_end_session(mouse);
    out->duration_min = t / 60.0;
    rl_mouse_activity(mouse, out->activity);
    rl_mouse_brain_readout(mouse, &out->brain);
    out->events = rl_malloc(w->n * sizeof *out->events);
    if (out->events == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory copying events");
    }
    memcpy(out->events, w->events, w->n * sizeof *out->events);
    out->n_events = w->n;
    return 0;
}
