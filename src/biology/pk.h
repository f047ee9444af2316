/* pk.h -- (internal) cocaine pharmacokinetics in closed form (docs/MODEL.md [PK-1]..[PK-4]).
**
** Two linear compartments: the body load A (mg/kg; first-order elimination, the
** functional half-life of self-administration) and the brain effect site C (uM of
** extracellular cocaine; first-order equilibration with q*A). Infusions are zero-order
** inputs of dose/duration. Between events the solution is exact:
**   C(t) = g + a e^{-k t} + b e^{-ke0 t}
** so the brain concentration and its range over an interval are computed, never
** integrated numerically.
*/
#ifndef RL_BIOLOGY_PK_H
#define RL_BIOLOGY_PK_H

/* The two decay factors over an interval, e^{-k dt} and e^{-ke0 dt}, as last computed for
** dt: a memo, because the event loop asks for the same interval again and again (the
** peptide step, its half): two entries pinned to an interval and its half (rl_pk_pin), two
** for the last other intervals. Exact: the same dt gives the same factors. */
typedef struct rl_pk_decay {
    double dt_s;           /* the interval (s); NaN: the entry is empty */
    double e_k, e_ke0;
} rl_pk_decay_t;

typedef struct rl_pk {
    double k_el_per_s;     /* elimination rate constant */
    double ke0_per_s;      /* effect-site equilibration rate constant */
    double uM_per_mg_kg;   /* q: brain uM at equilibrium per mg/kg body load */
    rl_pk_decay_t memo[4]; /* a cache, not state; rl_pk_init empties it; 2, 3 pinned */
    int memo_next;         /* the entry (0 or 1) the next new interval replaces */
} rl_pk_t;

typedef struct rl_pk_state {
    double body_mg_per_kg;         /* A */
    double brain_uM;               /* C */
    double input_mg_per_kg_per_s;  /* infusion rate now (0 between infusions) */
} rl_pk_state_t;

/* Set up rate constants from the half-life (min), ke0 (1/min) and q (uM per mg/kg).
** If ke0 is within 1e-6 relative of k it is nudged by 0.1 % (the closed form has a removable
** singularity there). */
void rl_pk_init(rl_pk_t *self, double half_life_min, double ke0_per_min, double uM_per_mg_kg);

/* Pin the decay factors of dt_s and dt_s / 2 in the memo (the intervals the caller will
** ask for most often, e.g. the peptide step and its half): computed once here, never
** replaced. Changes no result. */
void rl_pk_pin(rl_pk_t *self, double dt_s);

/* Advance st by dt_s >= 0 seconds with its current input rate [PK-3]. */
void rl_pk_advance(const rl_pk_t *self, rl_pk_state_t *st, double dt_s);

/* Brain concentration dt_s seconds after st (st unchanged). */
double rl_pk_brain_at(const rl_pk_t *self, const rl_pk_state_t *st, double dt_s);

/* Integral (uM s) of the brain concentration over [0, dt_s] after st, in closed form:
** g dt + a (1 - e^{-k dt})/k + b (1 - e^{-ke0 dt})/ke0 [PK-3], [OBS-1]. */
double rl_pk_brain_integral(const rl_pk_t *self, const rl_pk_state_t *st, double dt_s);

/* One step of dt_s from a state: the closed form's coefficients C(t) = g + a e^{-kt} +
** b e^{-ke0 t} and its two exponentials at the step's midpoint (rl_pk_brain_step). */
typedef struct rl_pk_step {
    double dt_s, g, a, b;
    double e_k, e_ke0;     /* e^{-k dt/2}, e^{-ke0 dt/2} */
} rl_pk_step_t;

/* The brain concentration at the midpoint of a step of dt_s after st -- exactly
** rl_pk_brain_at(self, st, 0.5 * dt_s), bit for bit -- keeping in *out what the step's
** integral and bound below need, so that they cost no further exponential [PK-3]. */
double rl_pk_brain_step(const rl_pk_t *self, const rl_pk_state_t *st, double dt_s,
    rl_pk_step_t *out);

/* The integral (uM s) of C over the step, as rl_pk_brain_integral() (e^{-k dt} taken as
** the square of the midpoint's exponential) [PK-3], [OBS-1]. */
double rl_pk_step_integral(const rl_pk_t *self, const rl_pk_step_t *step);

/* An upper bound of C on the step: on each half of the step, g + a e + b e' with each
** exponential at whichever end of the half makes its term larger; the larger of the two.
** Exact when C is monotone; cheap, no root [OBS-1]. */
double rl_pk_step_upper(const rl_pk_step_t *step);

/* Minimum and maximum brain concentration over [0, dt_s] after st [PK-4]. */
void rl_pk_brain_range(const rl_pk_t *self, const rl_pk_state_t *st, double dt_s,
    double *lo_out, double *hi_out);

/* The minimum over [0, dt_s] as rl_pk_brain_range()'s (the same value but for rounding
** when the stationary point is at an end), without the root's log and exponentials when
** the stationary point is a maximum (the common case: after a bolus or during an
** infusion). [PK-4] */
double rl_pk_brain_min(const rl_pk_t *self, const rl_pk_state_t *st, double dt_s);

/* Time (s) of the brain peak after an instantaneous bolus into an empty body:
** ln(ke0/k)/(ke0 - k). */
double rl_pk_bolus_tmax_s(const rl_pk_t *self);

#endif
