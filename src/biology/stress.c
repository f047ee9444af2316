/* stress.c -- stress drive of each stressor, and the stress state and its dynorphin
** release, exact at any time ([STR-1], [STR-2], docs/MODEL.md).
**
** Between two consecutive pulse edges the total drive u is constant, so the stress state
** relaxes exponentially toward u: with the rise rate r = 1/crf_rise_tau_min while it is
** below u, with the fall rate f = 1/crf_tau_min while it is above (it never crosses u within
** the interval, so one rate holds over the whole interval). Over an interval of length t
** from S0, Y0, with lambda the rate in force and k the peptide clearance rate:
**   S(t) = u + (S0 - u) e^(-lambda t)
**   Y(t) = u + (Y0 - u) e^(-k t) + k (S0 - u) (e^(-lambda t) - e^(-k t)) / (k - lambda)
** The divided difference is computed as t e^(-k t) expm1(x)/x with x = (k - lambda) t,
** exact in the limit k = lambda (t e^(-k t)). The walk goes edge by edge from the first
** pulse's start; a mouse keeps a handful of pulses (mouse.c drops decayed ones), so the
** cost is a few exponentials per call. With equal rise and fall rates this is the linear
** system of model v1 exactly (step responses superposed).
*/
#include "biology/stress.h"

#include <math.h>

/* Reference stressor: intermittent footshock, 0.5 mA, 0.5-s shocks, mean interval 40 s
** (Shaham & Stewart 1995; Erb et al. 1996) = 1 stress unit by definition. */
#define REF_MA 0.5
#define REF_SHOCK_S 0.5
#define REF_INTERVAL_S 40.0
#define SWIM_REF_C 30.0

double
rl_stress_units(const rl_params_t *p, const rl_stressor_t *s)
{
    switch (s->kind) {
    case RL_STRESS_FOOTSHOCK:
        return (s->intensity_mA / REF_MA) * (s->shock_s / REF_SHOCK_S) *
            (REF_INTERVAL_S / s->mean_interval_s);
    case RL_STRESS_SWIM:
        return p->stress_swim * fmax(0.0, 1.0 + p->stress_swim_cold *
            (SWIM_REF_C - s->water_C) / 10.0);
    case RL_STRESS_FOOD_DEPRIVATION:
        return p->stress_deprivation * s->hours / 24.0;
    }
    return 0.0;
}

/* The first pulse edge strictly after t and before limit (limit if none). */
static double
next_edge(const rl_stress_pulse_t *pulses, int n, double t, double limit)
{
    double next = limit;
    int i;
    for (i = 0; i < n; i++) {
        if (pulses[i].t0_min > t && pulses[i].t0_min < next) {
            next = pulses[i].t0_min;
        }
        if (pulses[i].t1_min > t && pulses[i].t1_min < next) {
            next = pulses[i].t1_min;
        }
    }
    return next;
}

/* Total drive of the pulses acting just after t. */
static double
drive_after(const rl_stress_pulse_t *pulses, int n, double t)
{
    double u = 0.0;
    int i;
    for (i = 0; i < n; i++) {
        if (pulses[i].t0_min <= t && pulses[i].t1_min > t) {
            u += pulses[i].units;
        }
    }
    return u;
}

void
rl_stress_eval(const rl_params_t *p, const rl_stress_pulse_t *pulses, int n, double t_min,
    double *state, double *dyn)
{
    const double rise = 1.0 / p->crf_rise_tau_min, fall = 1.0 / p->crf_tau_min;
    const double k = p->pep_clear_per_min;
    double s = 0.0, y = 0.0, t = INFINITY;
    int i;

    for (i = 0; i < n; i++) { /* the walk starts at the first pulse, where S = Y = 0 */
        t = fmin(t, pulses[i].t0_min);
    }
    while (t < t_min) {
        double end = next_edge(pulses, n, t, t_min), u = drive_after(pulses, n, t);
        double dt = end - t, lambda = s < u ? rise : fall, x = (k - lambda) * dt;
        double dd = dt * exp(-k * dt) * (fabs(x) < 1e-12 ? 1.0 : expm1(x) / x);
        y = u + (y - u) * exp(-k * dt) + k * (s - u) * dd;
        s = u + (s - u) * exp(-lambda * dt);
        t = end;
    }
    *state = s;
    *dyn = y;
}
