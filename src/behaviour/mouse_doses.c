/* mouse_doses.c -- the drug doses a mouse has been given (docs/MODEL.md [DRG-6], DRUGS.md
** [DRG-3], [DRG-8]): boluses and constant-rate infusions kept with their time, so that
** mouse.c's drug action sums every dose's brain concentration at the clock; doses that
** can no longer act are dropped when a new one is given, and the next dose event (a start,
** an infusion's end) tells the chamber where a sampling window must stop.
*/
#include "mouse_internal.h"

#include <math.h>

#include "relapselab/drug_pk.h"

/* Whether dose x has no effect now or later: a drug without long-lasting inactivation
** whose brain concentration, past the dose's end and peak, is exactly 0 in floating point
** (its exponentials underflowed, weeks after it): dropping it changes no sum [DRG-3]. */
static bool
dose_spent(const rl_mouse_dose_t *x, double now)
{
    const rl_drug_t *d = rl_drug_get(x->drug);
    rl_drug_pk_t pk;
    double since = now - x->t_min;
    if (d == NULL || rl_drug_value_present(&d->inact_half_life_h)
        || rl_drug_pk_init(&pk, d, (rl_route_t) x->route, NULL) != 0
        || !(since > x->duration_min + rl_drug_pk_tmax_min(&pk))) {
        return false;
    }
    return (x->duration_min > 0.0
        ? rl_drug_pk_infusion_nM(&pk, x->dose_mg_per_kg, x->duration_min, since)
        : rl_drug_pk_conc_nM(&pk, x->dose_mg_per_kg, since)) == 0.0;
}

/* rl_mouse_give() and rl_mouse_infuse(): duration_min 0 for a bolus. */
static int
give(rl_mouse_t *self, int drug, int route, double dose_mg_per_kg, double t_rel_min,
    double duration_min, rl_error_t *err)
{
    const rl_drug_t *d = rl_drug_get(drug);
    const rl_drug_route_pk_t *pk;
    rl_mouse_dose_t *x;
    int i, n = 0;

    if (d == NULL || route < 0 || route >= RL_ROUTE_COUNT) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "unknown drug or route");
    }
    if (rl_drug_route_pk(d, (rl_route_t) route, &pk, err) != 0) {
        return RL_ERR_INVALID;
    }
    if (!(dose_mg_per_kg >= 0.0) || !isfinite(dose_mg_per_kg) || !isfinite(t_rel_min)
        || !(duration_min >= 0.0) || !isfinite(duration_min)) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "drug %d: bad dose or time", drug);
    }
    if (duration_min > 0.0 && rl_drug_value_present(&d->inact_half_life_h)) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "drug %d: an infusion of a drug "
            "with long-lasting receptor inactivation is not modelled", drug);
    }
    for (i = 0; i < self->n_doses; i++) { /* keep the doses that still act */
        if (!dose_spent(&self->doses[i], rl_mouse_now_min(self))) {
            self->doses[n++] = self->doses[i];
        }
    }
    self->n_doses = n;
    if (self->n_doses == RL_MOUSE_MAX_DOSES) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "more than %d drug doses acting at once in one mouse", RL_MOUSE_MAX_DOSES);
    }
    x = &self->doses[self->n_doses++];
    x->drug = drug;
    x->route = route;
    x->dose_mg_per_kg = dose_mg_per_kg;
    x->t_min = self->session_start_min + t_rel_min;
    x->duration_min = duration_min;
    rl_mouse_refresh_signals(self);
    return 0;
}

int
rl_mouse_give(rl_mouse_t *self, int drug, int route, double dose_mg_per_kg, double t_rel_min,
    rl_error_t *err)
{
    return give(self, drug, route, dose_mg_per_kg, t_rel_min, 0.0, err);
}

int
rl_mouse_infuse(rl_mouse_t *self, int drug, int route, double dose_mg_per_kg,
    double t_rel_min, double duration_min, rl_error_t *err)
{
    if (!(duration_min > 0.0)) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "drug %d: an infusion must last > 0 min", drug);
    }
    return give(self, drug, route, dose_mg_per_kg, t_rel_min, duration_min, err);
}

double
rl_mouse_next_dose_s(const rl_mouse_t *self)
{
    double next = INFINITY;
    int i;
    for (i = 0; i < self->n_doses; i++) {
        /* a dose's start, and an infusion's end, in s from this session's start */
        double t0 = (self->doses[i].t_min - self->session_start_min) * 60.0;
        double t1 = t0 + self->doses[i].duration_min * 60.0;
        if (t0 > self->t_s) {
            next = fmin(next, t0);
        } else if (self->doses[i].duration_min > 0.0 && t1 > self->t_s) {
            next = fmin(next, t1);
        }
    }
    return next;
}

