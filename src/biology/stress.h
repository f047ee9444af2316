/* stress.h -- (internal) the stress state and its dynorphin release (docs/MODEL.md
** [STR-1], [STR-2]).
**
** A stressor (footshock, forced swim, food deprivation; protocol.h) drives a stress state
** S -- CRF and noradrenaline, in "stress units" where 1 is the drive of the reference
** stressor, intermittent 0.5-mA, 0.5-s footshock every 40 s on average -- for as long as
** it lasts: dS/dt = (u(t) - S)/tau, tau = crf_rise_tau_min while S < u (the response comes
** within minutes) and crf_tau_min while S > u (it outlasts the stressor). S releases
** dynorphin at the extended-amygdala KOR site, which clears at the peptide clearance rate
** k: dY/dt = k (S - Y), Y in units of the dynorphin level released per unit of S (the
** caller scales it by Pdyn and crf_dyn_gain). Between pulse edges the drive is constant
** and both have closed forms, so a list of rectangular pulses is evaluated exactly at any
** time: no integration, no step size.
*/
#ifndef RL_BIOLOGY_STRESS_H
#define RL_BIOLOGY_STRESS_H

#include "relapselab/params.h"
#include "relapselab/protocol.h"

/* One stress drive of `units` from t0_min to t1_min (any time origin). */
typedef struct rl_stress_pulse {
    double t0_min;
    double t1_min;
    double units;
} rl_stress_pulse_t;

/* The drive of stressor s in stress units [STR-1]: footshock by delivered charge per
** minute relative to the reference (I/0.5 mA x shock/0.5 s x 40 s/interval); swim
** stress_swim x (1 + stress_swim_cold x (30 C - water)/10 C), at least 0; food
** deprivation stress_deprivation x hours/24. */
double rl_stress_units(const rl_params_t *p, const rl_stressor_t *s);

/* The stress state S [STR-1] and the dynorphin release state Y [STR-2] at t_min after the n
** pulses (pulses after t_min do not count; both 0 before the first), exact: S rises toward
** the drive with crf_rise_tau_min and falls toward it with crf_tau_min, Y follows S at the
** peptide clearance rate (also when a rate equals it). */
void rl_stress_eval(const rl_params_t *p, const rl_stress_pulse_t *pulses, int n,
    double t_min, double *state, double *dyn);

#endif
