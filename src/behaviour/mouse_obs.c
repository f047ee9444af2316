/* mouse_obs.c -- what the mouse's brain did in a session, as numbers (docs/MODEL.md
** [OBS-1]): the time averages and maxima of tonic accumbal DA and brain cocaine, and the
** pre-session DA level (computed by rl_mouse_begin_session, mouse.c).
**
** Design. The integrals are accumulated step by step as rl_mouse_advance() moves the clock
** (rl_mouse_observe_step for a step with cocaine; a drug-free step, with DA constant, is
** added there in mouse.c), from what the step computes anyway -- brain cocaine's closed
** form and tonic DA at the step's midpoint -- so observing costs no solve of the DA balance
** in the common case and changes nothing in the simulation: nothing in the model reads the
** accumulators (rl_mouse_obs_t in mouse_internal.h). The chamber takes the readouts at the
** session's end (rl_session_close -> rl_mouse_brain_readout). Within a step the signals
** are held, so DA is a function of brain cocaine alone there: increasing and concave,
** which makes its tangent an upper bound (the peak test below).
*/
#include "mouse_internal.h"

#include <math.h>

#include "biology/dopamine.h"
#include "biology/pk.h"

void
rl_mouse_observe_step(rl_mouse_t *self, const rl_pk_step_t *step, double c_mid, double da_nM)
{
    rl_mouse_obs_t *o = &self->obs;
    double slope, c_int, upper, lo, hi;
    slope = rl_da_tonic_slope(&self->p, &self->g, c_mid, self->release_gain, &self->dad, da_nM);
    c_int = rl_pk_step_integral(&self->pk, step);
    o->coc_s += c_int;
    o->da_s += da_nM * step->dt_s + slope * (c_int - c_mid * step->dt_s);
    upper = rl_pk_step_upper(step);
    if (upper <= o->coc_peak_uM && da_nM + slope * (upper - c_mid) <= o->da_peak_nM) {
        return; /* no new peak in this step */
    }
    rl_pk_brain_range(&self->pk, &self->pk_state, step->dt_s, &lo, &hi);
    if (hi > o->coc_peak_uM) {
        o->coc_peak_uM = hi;
    }
    if (da_nM + slope * (hi - c_mid) > o->da_peak_nM) {
        o->da_peak_nM = fmax(o->da_peak_nM, rl_mouse_da_memo(self, hi));
    }
}

void
rl_mouse_brain_readout(const rl_mouse_t *self, rl_brain_readout_t *out)
{
    const rl_mouse_obs_t *o = &self->obs;
    out->da_pre_nM = o->da_pre_nM;
    if (self->t_s > 0.0) { /* an average is at most the maximum: rounding aside */
        out->da_peak_nM = o->da_peak_nM;
        out->da_mean_nM = fmin(o->da_s / self->t_s, o->da_peak_nM);
        out->cocaine_peak_uM = o->coc_peak_uM;
        out->cocaine_mean_uM = fmin(o->coc_s / self->t_s, o->coc_peak_uM);
    } else { /* nothing observed yet: the values at the clock */
        out->da_mean_nM = out->da_peak_nM = rl_mouse_tonic_da_nM(self);
        out->cocaine_mean_uM = out->cocaine_peak_uM = self->pk_state.brain_uM;
    }
}

