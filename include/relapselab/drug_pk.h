/* drug_pk.h -- brain concentration, receptor occupancy and receptor inactivation of the
** drugs of the drug table (docs/DRUGS.md [DRG-1]..[DRG-5], [DRG-8]).
**
** Each route is a one-compartment model with first-order absorption, solved in closed
** form (the Bateman function; a bolus for i.v.): a dose in mg/kg gives a brain free
** concentration in nM. Doses superpose (the model is linear). Occupancy is competitive
** at quasi-equilibrium, in the same units as docs/MODEL.md [OP-2]: a ligand's "load" at a
** target is its concentration in units of its Ki (C/Ki), as peptide levels are in units
** of their Kd, and all loads at a target share one denominator. Long-acting drugs
** (beta-FNA, nor-BNI, JDTic) also inactivate a fraction of their target for days to
** weeks, recovering first-order. Times are in minutes from an arbitrary origin.
*/
#ifndef RELAPSELAB_DRUG_PK_H
#define RELAPSELAB_DRUG_PK_H

#include <stddef.h>

#include "relapselab/api.h"
#include "relapselab/drugs.h"
#include "relapselab/error.h"

/* The constants of one drug by one route [DRG-1]. Plain data: tests may fill it directly. */
typedef struct rl_drug_pk {
    int bolus;              /* 1: i.v. bolus (ka unused) */
    double f;               /* bioavailability */
    double ka_per_min;      /* absorption rate constant */
    double k_per_min;       /* elimination rate constant, ln 2 / half-life */
    double nM_per_mg_kg;    /* q: brain free nM per mg/kg absorbed, at equilibrium:
                            ** brain_per_plasma * 1e6 / (MW * Vd) */
} rl_drug_pk_t;

/* One administration: a bolus at t_min, or (duration_min > 0) a constant-rate infusion of
** dose_mg_per_kg in all, at dose_mg_per_kg / duration_min per minute from t_min, into the
** route's site (i.v.: the plasma; s.c.: the tissue, absorbed as a bolus there would be). */
typedef struct rl_drug_dose {
    double t_min;            /* time of the dose (an infusion's start) */
    double dose_mg_per_kg;   /* >= 0; i.c.v. doses per mouse: ug / body weight in g */
    rl_route_t route;
    double duration_min;     /* 0: a bolus; > 0: an infusion's length */
} rl_drug_dose_t;

/* Set pk from the table row of d for route r. Returns 0, or RL_ERR_INVALID (no data for
** the route) with a message in err. */
RL_API int rl_drug_pk_init(rl_drug_pk_t *pk, const rl_drug_t *d, rl_route_t r, rl_error_t *err);

/* Brain free concentration (nM) t_min after one dose of dose_mg_per_kg [DRG-2]; 0 for
** t_min < 0. No division by zero at ka = k (the limit is taken exactly). */
RL_API double rl_drug_pk_conc_nM(const rl_drug_pk_t *pk, double dose_mg_per_kg, double t_min);

/* Brain free concentration (nM) t_min after the start of a constant-rate infusion of
** dose_mg_per_kg over duration_min (> 0) [DRG-8]: the integral of the bolus response,
** (dose / duration) x (F(t) - F(t - duration)), F(tau) the integral over [0, tau] of
** rl_drug_pk_conc_nM(pk, 1, u) (0 for tau <= 0), in closed form. 0 for t_min <= 0. */
RL_API double rl_drug_pk_infusion_nM(const rl_drug_pk_t *pk, double dose_mg_per_kg,
    double duration_min, double t_min);

/* Time (min) of the brain peak after one dose: ln(ka/k)/(ka - k), 1/k at ka = k, 0 for a
** bolus [DRG-2]. */
RL_API double rl_drug_pk_tmax_min(const rl_drug_pk_t *pk);

/* Brain free concentration (nM) of d at t_min after the n doses (any order, any routes,
** boluses and infusions; doses after t_min do not count) [DRG-3], [DRG-8]. Returns 0, or
** RL_ERR_INVALID (a route without data, a negative or non-finite dose, time or duration)
** with a message in err; *out_nM is then 0. */
RL_API int rl_drug_brain_nM(const rl_drug_t *d, const rl_drug_dose_t *doses, size_t n, double t_min,
    double *out_nM, rl_error_t *err);

/* Load of d at target t: conc_nM / Ki, or 0 if d does not bind t (or conc_nM <= 0)
** [DRG-4]. */
RL_API double rl_drug_load(const rl_drug_t *d, rl_target_t t, double conc_nM);

/* Competitive occupancy [DRG-4]: occ_out[i] = load[i] / (1 + sum_j load[j]) for the n
** loads (drug loads C/Ki and peptide levels in Kd units alike; negative loads count as
** 0). occ_out may be NULL. Returns the total occupancy sum_i occ_out[i]. */
RL_API double rl_drug_occupancy(const double *load, size_t n, double *occ_out);

/* Fraction (0..1) of d's long-acting target (d->inact_target) inactivated at t_min after
** the n doses [DRG-5]; 0 for a drug without long-lasting inactivation. Returns 0 or
** RL_ERR_INVALID as rl_drug_brain_nM, and for an infusion of a drug with long-lasting
** inactivation (not modelled: its inactivation is an event at a bolus's brain peak). */
RL_API int rl_drug_inactivated(const rl_drug_t *d, const rl_drug_dose_t *doses, size_t n,
    double t_min, double *out, rl_error_t *err);

#endif
