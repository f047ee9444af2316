/* dopamine.c -- quasi-steady-state accumbal dopamine ([DA-1]..[DA-4], docs/MODEL.md).
**
** The balance f(D) = release(D) - uptake(D) is strictly decreasing in D (D2 feedback
** lowers release as D rises; uptake rises), so it has one root in [0, R/k_non]; Newton
** steps are kept inside a shrinking bracket, which makes the solver robust for every
** parameter draw. Michaelis-Menten uptake with competitive cocaine inhibition follows the
** voltammetry literature (Km,app = Km (1 + [coc]/Ki)); D2 autoreceptor feedback follows
** Dreyer et al. 2010 (release x 1/(1 + g occupancy)).
*/
#include "biology/dopamine.h"

#include <float.h>
#include <math.h>

static const rl_da_drugs_t no_drugs = {0.0, 0.0, 0.0, 0.0};

/* [DA-1] non-DAT first-order clearance (1/s): its NET share da_net_share is inhibited
** competitively by cocaine (coc_net_ki_uM) and injected NET blockers (load x->net). */
static double
knon_at(const rl_params_t *p, double coc_uM, const rl_da_drugs_t *x)
{
    double s = p->da_net_share;
    return p->da_knon_per_s * (1.0 - s + s / (1.0 + coc_uM / p->coc_net_ki_uM + x->net));
}

/* [DA-2] the balance's terms at brain cocaine coc_uM: release r (D + E)/Q with Q = (1 + G) D
** + E (D2 feedback R/(1 + G occ), occ = D/(D + E)), uptake V D/(K + D) + k D (K = Km,app,
** E = the D2 EC50, G = the D2 gain, k = k_non). */
typedef struct balance {
    double r, km_app, vmax, d2_gain, gg, ec50, knon;
} balance_t;

static inline balance_t
balance_at(const rl_params_t *p, const rl_gene_products_t *g, double coc_uM,
    double release_gain, const rl_da_drugs_t *dx)
{
    const rl_da_drugs_t *x = dx != NULL ? dx : &no_drugs;
    balance_t b;
    b.r = p->da_release_nM_per_s * release_gain;
    /* [DA-1] competitive inhibition; a knock-in DAT with lower cocaine affinity raises Ki;
    ** [DRG-7] injected blockers add their loads */
    b.km_app = p->da_km_nM * (1.0 + coc_uM * g->dat_cocaine_affinity / p->coc_ki_uM
        + x->dat * g->dat_cocaine_affinity);
    b.vmax = p->da_vmax_nM_per_s * g->slc6a3;
    b.d2_gain = p->d2_gain * g->drd2;
    b.gg = 1.0 + b.d2_gain;
    b.ec50 = p->d2_ec50_nM * (1.0 + x->d2); /* [DRG-7] D2 antagonists */
    b.knon = knon_at(p, coc_uM, x);
    return b;
}

/* The balance f(D) and its derivative *df: two reciprocals (derivatives -R G E/Q^2 and
** V K/(K + D)^2 + k). */
static inline double
balance_f(const balance_t *b, double d, double *df)
{
    double inv_q = 1.0 / (b->gg * d + b->ec50);
    double inv_s = 1.0 / (b->km_app + d);
    *df = -b->r * b->d2_gain * b->ec50 * inv_q * inv_q - b->vmax * b->km_app * inv_s * inv_s
        - b->knon;
    return b->r * (d + b->ec50) * inv_q - b->vmax * d * inv_s - b->knon * d;
}

double
rl_da_tonic_nM(const rl_params_t *p, const rl_gene_products_t *g, double coc_uM,
    double release_gain)
{
    return rl_da_tonic_drugs_nM(p, g, coc_uM, release_gain, NULL);
}

double
rl_da_tonic_drugs_nM(const rl_params_t *p, const rl_gene_products_t *g, double coc_uM,
    double release_gain, const rl_da_drugs_t *dx)
{
    return rl_da_tonic_from_nM(p, g, coc_uM, release_gain, dx, 50.0);
}

double
rl_da_tonic_from_nM(const rl_params_t *p, const rl_gene_products_t *g, double coc_uM,
    double release_gain, const rl_da_drugs_t *dx, double guess_nM)
{
    balance_t b = balance_at(p, g, coc_uM, release_gain, dx);
    double lo = 0.0, hi, d = guess_nM;
    int i;

    hi = b.knon > 0.0 ? b.r / b.knon : 1e7;
    if (!(d > lo && d < hi)) {
        d = 0.5 * hi;
    }
    /* The balance is decreasing and convex in D (balance_f: both derivatives rise with D), so a
    ** Newton step from the left of the root stays left of it and converges monotonically,
    ** and a step from the right lands left of it. A step that leaves the bracket [lo, hi]
    ** restarts from lo, the best point known left of the root, or bisects while none is
    ** known. It stops when a step is within 64 rounding units of D: the result does not
    ** depend on the starting point beyond the last bits. */
    for (i = 0; i < 100; i++) {
        double df, f = balance_f(&b, d, &df);
        double next;
        if (f > 0.0) {
            lo = d;
        } else if (f < 0.0) {
            hi = d;
        } else {
            break;
        }
        next = d - f / df;
        if (fabs(next - d) <= 64.0 * DBL_EPSILON * d) {
            d = next;
            break;
        }
        if (!(next > lo && next < hi)) {
            next = lo > 0.0 && f < 0.0 ? lo : 0.5 * (lo + hi);
        }
        d = next;
    }
    return d;
}

double
rl_da_tonic_lower_nM(const rl_params_t *p, const rl_gene_products_t *g, double coc_uM,
    double release_gain, const rl_da_drugs_t *dx, double guess_nM)
{
    /* The balance f is decreasing and convex in D, so its tangent at any point lies below
    ** it: where the tangent crosses zero f >= 0, i.e. left of the root. One Newton step
    ** from any guess is therefore a lower bound of the root; the relative margin of 1e-12
    ** (thousands of rounding units) covers the rounding of f and of the step. */
    balance_t b = balance_at(p, g, coc_uM, release_gain, dx);
    double d = guess_nM, f, df, next;

    if (!(d > 0.0) || !isfinite(d)) {
        return 0.0;
    }
    f = balance_f(&b, d, &df);
    next = d - f / df;
    return next > 0.0 && df < 0.0 ? next * (1.0 - 1e-12) : 0.0;
}

double
rl_da_tonic_slope(const rl_params_t *p, const rl_gene_products_t *g, double coc_uM,
    double release_gain, const rl_da_drugs_t *dx, double da_nM)
{
    /* Implicit differentiation of the balance f(D, C) = release(D) - uptake(D, C) = 0:
    ** dD/dC = -f_C / f_D, with f_C = Vmax D Km' / (Km,app + D)^2 - D k_non' (Km' =
    ** dKm,app/dC, k_non' = dk_non/dC <= 0, the NET share) and
    ** -f_D = R G E / Q^2 + Vmax Km,app / (Km,app + D)^2 + k_non, where R G E / Q^2 is the
    ** release's fall with D under D2 feedback ([DA-2]: release = R (D + E) / Q, Q = (1 + G)
    ** D + E). Both multiplied by (Km,app + D)^2. */
    const rl_da_drugs_t *x = dx != NULL ? dx : &no_drugs;
    balance_t b = balance_at(p, g, coc_uM, release_gain, dx);
    double d = da_nM;
    double dkm = p->da_km_nM * g->dat_cocaine_affinity / p->coc_ki_uM;
    double q = b.gg * d + b.ec50, s = b.km_app + d;
    /* -dk_non/dC >= 0: cocaine's inhibition of the NET share [DA-1] */
    double u = 1.0 + coc_uM / p->coc_net_ki_uM + x->net;
    double dknon = p->da_knon_per_s * p->da_net_share / (p->coc_net_ki_uM * u * u);
    return (b.vmax * d * dkm + d * dknon * s * s) / ((b.r * b.d2_gain * b.ec50 / (q * q)
        + b.knon) * s * s + b.vmax * b.km_app);
}

double
rl_da_d1_occupancy(const rl_params_t *p, const rl_gene_products_t *g, double da_nM)
{
    return rl_da_d1_occupancy_drugs(p, g, da_nM, NULL);
}

double
rl_da_d1_occupancy_drugs(const rl_params_t *p, const rl_gene_products_t *g, double da_nM,
    const rl_da_drugs_t *dx)
{
    double load = dx != NULL ? dx->d1 : 0.0;
    return g->drd1 * da_nM / (da_nM + p->d1_ec50_nM * (1.0 + load)); /* [DA-3], [DRG-7] */
}

double
rl_da_burst_d1_dose(const rl_params_t *p, const rl_gene_products_t *g, double base_nM,
    double burst)
{
    return rl_da_burst_d1_dose_drugs(p, g, base_nM, burst, NULL);
}

double
rl_da_burst_d1_dose_drugs(const rl_params_t *p, const rl_gene_products_t *g, double base_nM,
    double burst, const rl_da_drugs_t *dx)
{
    /* [DA-4] a transient of size 1 RU raises DA by burst_da_fold x its tonic level for
    ** burst_s. */
    double peak = base_nM * (1.0 + p->burst_da_fold * (burst > 0.0 ? burst : 0.0));
    return (rl_da_d1_occupancy_drugs(p, g, peak, dx) - rl_da_d1_occupancy_drugs(p, g, base_nM, dx))
        * p->burst_s;
}
