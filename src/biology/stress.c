/* stress.c -- stress drive of each stressor, and the closed-form stress state and its
** dynorphin release ([STR-1], [STR-2], docs/MODEL.md).
**
** For a unit step of drive starting at time 0, with lambda = 1/tau and k the peptide
** clearance rate:
**   S(t) = 1 - e^(-lambda t)
**   Y(t) = 1 - e^(-k t) - k (e^(-lambda t) - e^(-k t)) / (k - lambda)
** and a pulse from t0 to t1 is the step at t0 minus the step at t1. The divided difference
** (e^(-lambda t) - e^(-k t))/(k - lambda) is computed as t e^(-k t) expm1(x)/x with
** x = (k - lambda) t, which is exact in the limit k = lambda (t e^(-k t)).
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

static double
lambda_per_min(const rl_params_t *p)
{
    return 1.0 / p->crf_tau_min;
}

/* Unit step responses at time t after the step (0 for t <= 0). */
static double
step_state(double lambda, double t)
{
    return t > 0.0 ? -expm1(-lambda * t) : 0.0;
}

static double
step_dyn(double lambda, double k, double t)
{
    double x, dd;
    if (t <= 0.0) {
        return 0.0;
    }
    x = (k - lambda) * t;
    dd = t * exp(-k * t) * (fabs(x) < 1e-12 ? 1.0 : expm1(x) / x);
    return -expm1(-k * t) - k * dd;
}

double
rl_stress_state(const rl_params_t *p, const rl_stress_pulse_t *pulses, int n, double t_min)
{
    double lambda = lambda_per_min(p), s = 0.0;
    int i;
    for (i = 0; i < n; i++) {
        s += pulses[i].units * (step_state(lambda, t_min - pulses[i].t0_min) -
            step_state(lambda, t_min - pulses[i].t1_min));
    }
    return s;
}

double
rl_stress_dyn(const rl_params_t *p, const rl_stress_pulse_t *pulses, int n, double t_min)
{
    double lambda = lambda_per_min(p), k = p->pep_clear_per_min, y = 0.0;
    int i;
    for (i = 0; i < n; i++) {
        y += pulses[i].units * (step_dyn(lambda, k, t_min - pulses[i].t0_min) -
            step_dyn(lambda, k, t_min - pulses[i].t1_min));
    }
    return y;
}
