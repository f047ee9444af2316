/* place.c -- one conditioned place preference session (see place.h; docs/MODEL.md
** [CPP-1]..[CPP-3]).
**
** Time advances in windows of at most peptide_step_s (the mouse's slow signals are held
** per window, as in the operant chamber). In a test, the rate of leaving the current
** compartment is constant within a window, so the time to the next crossing is one
** exponential draw compared with the window's end: exact, and every random number comes
** from r in a fixed order.
*/
#include "chamber/place.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_randist.h>

int
rl_place_side(const rl_phase_t *phase, int i)
{
    /* sessions alternate; the first is the drug (paired) one unless saline_first (the
    ** protocol's rule, which treatments on paired sessions use too) */
    return rl_phase_place_side(phase, i);
}

bool
rl_place_drug_session(const rl_phase_t *phase, int i)
{
    return phase->kind == RL_PHASE_PLACE_CONDITIONING && phase->pairing.with_drug
        && rl_place_side(phase, i) == 0;
}

double
rl_place_score_s(const rl_session_result_t *s)
{
    return s->place_s[0] - s->place_s[1];
}

static int
enter(rl_session_workspace_t *w, double t, int side)
{
    return rl_session_log(w, t, side == 0 ? RL_EV_ENTER_PAIRED : RL_EV_ENTER_UNPAIRED, 0);
}

/* Confinement: the mouse stays in side; its drug state is what it learns. [CPP-1] */
static int
confined(const rl_phase_t *phase, int i, rl_mouse_t *m, rl_session_workspace_t *w,
    rl_session_result_t *out, double end_s)
{
    int side = rl_place_side(phase, i);
    int ret = enter(w, 0.0, side);
    double t = 0.0;
    unsigned turns = 0;
    while (ret == 0 && t < end_s) {
        if (++turns % RL_SESSION_POLL == 0 && rl_session_stopped(w)) {
            return RL_ERR_INTERRUPTED;
        }
        /* windows end at the next dose given during the session too [DRG-8] */
        t = fmin(fmin(end_s, rl_mouse_clock_s(m) + rl_mouse_peptide_step_s(m)),
            rl_mouse_next_dose_s(m));
        rl_mouse_advance(m, t);
    }
    out->place_s[side] = end_s;
    if (ret == 0) {
        rl_mouse_place_confined_end(m, side, end_s);
    }
    return ret;
}

/* Free access: crossings at the model's leave rate. [CPP-2], [CPP-3] */
static int
test(rl_mouse_t *m, gsl_rng *r, rl_session_workspace_t *w, rl_session_result_t *out,
    double end_s)
{
    int side = gsl_rng_uniform(r) < 0.5 ? 0 : 1;
    double t = 0.0, entered = 0.0;
    int ret = enter(w, 0.0, side);
    unsigned turns = 0;

    while (ret == 0 && t < end_s) {
        double t_win, rate, t_next;
        if (++turns % RL_SESSION_POLL == 0 && rl_session_stopped(w)) {
            return RL_ERR_INTERRUPTED;
        }
        t_win = fmin(fmin(end_s, rl_mouse_clock_s(m) + rl_mouse_peptide_step_s(m)),
            rl_mouse_next_dose_s(m)); /* and at a dose given during the session [DRG-8] */
        rate = rl_mouse_place_leave_rate(m, side);
        t_next = rate > 0.0 ? t + gsl_ran_exponential(r, 1.0 / rate) : INFINITY;
        if (t_next < t_win) {
            t = t_next;
            rl_mouse_advance(m, t);
            out->place_s[side] += t - entered;
            rl_mouse_place_stay_end(m, side, t - entered);
            side = 1 - side;
            entered = t;
            ret = enter(w, t, side);
        } else {
            t = t_win;
            rl_mouse_advance(m, t);
        }
    }
    if (ret == 0) {
        out->place_s[side] += end_s - entered;
        rl_mouse_place_stay_end(m, side, end_s - entered);
    }
    return ret;
}

int
rl_place_session_run(const rl_phase_t *phase, int i, rl_mouse_t *mouse, gsl_rng *r,
    rl_session_workspace_t *w, rl_session_result_t *out, rl_error_t *err)
{
    double end_s = phase->session_min * 60.0;
    int ret;

    memset(out, 0, sizeof *out);
    out->breakpoint = -1;
    out->end_reason = RL_END_TIME;
    w->n = 0;
    ret = rl_session_log(w, 0.0, RL_EV_SESSION_START, 0);
    if (ret == 0) {
        ret = phase->kind == RL_PHASE_PLACE_CONDITIONING ? confined(phase, i, mouse, w, out, end_s)
            : test(mouse, r, w, out, end_s);
    }
    if (ret != 0) {
        return rl_error_set(err, ret, NULL, 0, 0, ret == RL_ERR_INTERRUPTED ? "interrupted"
            : "out of memory logging session events");
    }
    return rl_session_close(mouse, w, end_s, out, err);
}
