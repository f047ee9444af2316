/* drug_pk.c -- closed-form drug pharmacokinetics by route, competitive occupancy and
** long-lasting receptor inactivation (docs/DRUGS.md [DRG-1]..[DRG-5], [DRG-8]).
**
** One compartment with first-order absorption is linear, so a dose's brain concentration
** is the Bateman function and repeated doses superpose: nothing is integrated
** numerically (as for cocaine in pk.c). The Bateman function is written as
**   ka t e^{-min(k,ka) t} (1 - e^{-x}) / x,   x = |ka - k| t,
** which is exact, has no cancellation near ka = k and tends to ka t e^{-k t} there.
**
** A constant-rate infusion is the integral of the bolus response over its duration, also in
** closed form [DRG-8]: during it, the rate times the integral of the response to a unit
** bolus; after it, the body's amount at its end decaying and the amount still at the site
** absorbed (the same value as the difference of two such integrals, without its
** cancellation long after the end).
**
** Receptor inactivation (beta-FNA alkylation; nor-BNI and JDTic via JNK) is a fraction I
** of the target that no ligand can occupy: each dose inactivates, at its brain peak, the
** fraction of the still-active receptors that it occupies there alone; I recovers
** first-order with the drug's inactivation half-life. Event times differ by route, so
** the doses are taken in the order of their peaks (a selection loop: dose lists are short
** and the library allocates nothing).
*/
#include "relapselab/drug_pk.h"

#include <math.h>

int
rl_drug_pk_init(rl_drug_pk_t *pk, const rl_drug_t *d, rl_route_t r, rl_error_t *err)
{
    const rl_drug_route_pk_t *rp;
    int rc = rl_drug_route_pk(d, r, &rp, err);
    if (rc != RL_OK) {
        return rc;
    }
    /* [DRG-1] */
    pk->bolus = !rl_drug_value_present(&rp->ka_per_min);
    pk->f = rp->f.value;
    pk->ka_per_min = pk->bolus ? 0.0 : rp->ka_per_min.value;
    pk->k_per_min = log(2.0) / rp->half_life_min.value;
    pk->nM_per_mg_kg = rp->brain_per_plasma.value * 1e6 /
        (d->mw_g_per_mol.value * rp->vd_L_per_kg.value);
    return RL_OK;
}

/* (e^{-a t} - e^{-b t}) / (b - a) for t >= 0; symmetric in a and b, and t e^{-a t} at
** a = b. */
static double
exp_difference(double a, double b, double t)
{
    double x = fabs(b - a) * t;
    double phi = x < 1e-8 ? 1.0 - 0.5 * x : -expm1(-x) / x; /* (1 - e^{-x}) / x */
    return t * exp(-fmin(a, b) * t) * phi;
}

double
rl_drug_pk_conc_nM(const rl_drug_pk_t *pk, double dose_mg_per_kg, double t_min)
{
    double c0 = pk->f * pk->nM_per_mg_kg * dose_mg_per_kg; /* [DRG-1] */
    if (t_min < 0.0) {
        return 0.0;
    }
    if (pk->bolus) {
        return c0 * exp(-pk->k_per_min * t_min); /* [DRG-2] */
    }
    /* [DRG-2] Bateman: c0 ka/(ka - k) (e^{-k t} - e^{-ka t}) */
    return c0 * pk->ka_per_min * exp_difference(pk->k_per_min, pk->ka_per_min, t_min);
}

/* F(tau): the integral over [0, tau] of the brain concentration after a bolus of 1 mg/kg,
** divided by c0 = F q (min), tau >= 0 [DRG-8]: a bolus (1 - e^{-k tau})/k; with absorption
** (site G' = -ka G, body A' = ka G - k A, for a unit dose) the integral of A = ka E is
** (absorbed - A)/k = ((1 - e^{-ka tau}) - ka E(tau))/k, E the exp_difference. */
static double
bolus_integral(const rl_drug_pk_t *pk, double tau)
{
    double k = pk->k_per_min;
    if (pk->bolus) {
        return -expm1(-k * tau) / k;
    }
    return (-expm1(-pk->ka_per_min * tau) - pk->ka_per_min * exp_difference(k,
        pk->ka_per_min, tau)) / k;
}

double
rl_drug_pk_infusion_nM(const rl_drug_pk_t *pk, double dose_mg_per_kg, double duration_min,
    double t_min)
{
    double c0 = pk->f * pk->nM_per_mg_kg * dose_mg_per_kg / duration_min; /* per min */
    double s;
    if (!(t_min > 0.0)) {
        return 0.0;
    }
    if (t_min <= duration_min) { /* [DRG-8] the integral of the bolus response */
        return c0 * bolus_integral(pk, t_min);
    }
    /* after the end, from the state it left: the body's amount decays, and for a route
    ** with absorption what is still at the site, (1 - e^{-ka T})/ka per unit rate, is
    ** absorbed as a bolus there would be -- all terms positive, no cancellation */
    s = t_min - duration_min;
    return c0 * (bolus_integral(pk, duration_min) * exp(-pk->k_per_min * s)
        + (pk->bolus ? 0.0 : -expm1(-pk->ka_per_min * duration_min)
            * exp_difference(pk->k_per_min, pk->ka_per_min, s)));
}

double
rl_drug_pk_tmax_min(const rl_drug_pk_t *pk)
{
    double k = pk->k_per_min, u;
    if (pk->bolus) {
        return 0.0;
    }
    /* [DRG-2] ln(ka/k)/(ka - k) = log1p(u)/(k u), u = (ka - k)/k */
    u = (pk->ka_per_min - k) / k;
    return fabs(u) < 1e-8 ? (1.0 - 0.5 * u) / k : log1p(u) / (k * u);
}

/* Check dose i and set up its route's PK. */
static int
dose_pk(const rl_drug_t *d, const rl_drug_dose_t *dose, size_t i, rl_drug_pk_t *pk,
    rl_error_t *err)
{
    if (!isfinite(dose->t_min)) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "drug %d: dose %zu: time is not "
            "finite", rl_drug_id(d), i + 1);
    }
    if (!isfinite(dose->dose_mg_per_kg) || dose->dose_mg_per_kg < 0.0) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "drug %d: dose %zu: %g mg/kg must be a finite number >= 0", rl_drug_id(d), i + 1,
            dose->dose_mg_per_kg);
    }
    if (!isfinite(dose->duration_min) || dose->duration_min < 0.0) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "drug %d: dose %zu: an infusion "
            "of %g min must last a finite time >= 0", rl_drug_id(d), i + 1, dose->duration_min);
    }
    return rl_drug_pk_init(pk, d, dose->route, err);
}

int
rl_drug_brain_nM(const rl_drug_t *d, const rl_drug_dose_t *doses, size_t n, double t_min,
    double *out_nM, rl_error_t *err)
{
    double c = 0.0;
    size_t i;
    *out_nM = 0.0;
    for (i = 0; i < n; i++) {
        rl_drug_pk_t pk;
        int rc = dose_pk(d, &doses[i], i, &pk, err);
        if (rc != RL_OK) {
            return rc;
        }
        /* [DRG-3] superposition, of boluses and [DRG-8] infusions */
        c += doses[i].duration_min > 0.0
            ? rl_drug_pk_infusion_nM(&pk, doses[i].dose_mg_per_kg, doses[i].duration_min,
                t_min - doses[i].t_min)
            : rl_drug_pk_conc_nM(&pk, doses[i].dose_mg_per_kg, t_min - doses[i].t_min);
    }
    *out_nM = c;
    return RL_OK;
}

double
rl_drug_load(const rl_drug_t *d, rl_target_t t, double conc_nM)
{
    double ki = rl_drug_ki_nM(d, t);
    if (isnan(ki) || !(conc_nM > 0.0)) {
        return 0.0;
    }
    return conc_nM / ki; /* [DRG-4] */
}

double
rl_drug_occupancy(const double *load, size_t n, double *occ_out)
{
    double sum = 0.0, total = 0.0;
    size_t i;
    for (i = 0; i < n; i++) {
        sum += load[i] > 0.0 ? load[i] : 0.0;
    }
    /* [DRG-4] occ_i = L_i / (1 + sum_j L_j), as [OP-2] */
    for (i = 0; i < n; i++) {
        double occ = (load[i] > 0.0 ? load[i] : 0.0) / (1.0 + sum);
        if (occ_out != NULL) {
            occ_out[i] = occ;
        }
        total += occ;
    }
    return total;
}

/* The inactivation event of one dose: its time (the brain peak) and the fraction of
** active receptors it inactivates (its own peak occupancy of the target). [DRG-5] */
static int
inactivation_event(const rl_drug_t *d, const rl_drug_dose_t *dose, size_t i, double *t_out,
    double *frac_out, rl_error_t *err)
{
    rl_drug_pk_t pk;
    double tmax, load;
    int rc = dose_pk(d, dose, i, &pk, err);
    if (rc != RL_OK) {
        return rc;
    }
    if (dose->duration_min > 0.0) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "drug %d: dose %zu: an infusion "
            "of a drug with long-lasting receptor inactivation is not modelled", rl_drug_id(d),
            i + 1);
    }
    tmax = rl_drug_pk_tmax_min(&pk);
    load = rl_drug_load(d, d->inact_target, rl_drug_pk_conc_nM(&pk, dose->dose_mg_per_kg, tmax));
    *t_out = dose->t_min + tmax;
    *frac_out = load / (1.0 + load);
    return RL_OK;
}

int
rl_drug_inactivated(const rl_drug_t *d, const rl_drug_dose_t *doses, size_t n,
    double t_min, double *out, rl_error_t *err)
{
    double k_rec, inact = 0.0, t_prev = 0.0, e_last = -INFINITY;
    size_t i, i_last = 0;
    int any = 0;
    *out = 0.0;
    if (!rl_drug_value_present(&d->inact_half_life_h)) {
        double c;
        return rl_drug_brain_nM(d, doses, n, t_min, &c, err); /* validates the doses */
    }
    k_rec = log(2.0) / (d->inact_half_life_h.value * 60.0);
    for (;;) {
        /* the next event in (time, index) order after the last one processed */
        double e_next = INFINITY, a_next = 0.0;
        size_t i_next = n;
        for (i = 0; i < n; i++) {
            double e = 0.0, a = 0.0;
            int rc = inactivation_event(d, &doses[i], i, &e, &a, err);
            if (rc != RL_OK) {
                return rc;
            }
            if (e > t_min || e < e_last || (any && e == e_last && i <= i_last)) {
                continue;
            }
            if (e < e_next || (e == e_next && i < i_next)) {
                e_next = e;
                a_next = a;
                i_next = i;
            }
        }
        if (i_next == n) {
            break;
        }
        /* [DRG-5] first-order recovery since the last event, then the new inactivation */
        if (any) {
            inact *= exp(-k_rec * (e_next - t_prev));
        }
        inact += a_next * (1.0 - inact);
        t_prev = e_next;
        e_last = e_next;
        i_last = i_next;
        any = 1;
    }
    if (any) {
        inact *= exp(-k_rec * (t_min - t_prev));
    }
    *out = inact;
    return RL_OK;
}
