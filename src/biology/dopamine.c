/* dopamine.c -- quasi-steady-state accumbal dopamine ([DA-1]..[DA-4], docs/MODEL.md).
**
** The balance f(D) = release(D) - uptake(D) is strictly decreasing in D (D2 feedback
** lowers release as D rises; uptake rises), so it has one root in [0, R/k_non]; Newton
** steps are kept inside a shrinking bracket, which makes the solver robust for every
** parameter draw. Michaelis-Menten uptake with competitive cocaine inhibition follows the
** voltammetry literature (Km,app = Km (1 + [coc]/Ki)); D2 autoreceptor feedback follows
** Dreyer et al. 2010 (release x 1/(1 + g occupancy)).
*/
#include "relapselab/dopamine.h"

#include <math.h>

double
rl_da_tonic_nM(const rl_params_t *p, const rl_gene_products_t *g, double coc_uM,
    double release_gain)
{
    double r = p->da_release_nM_per_s * release_gain;
    /* [DA-1] competitive inhibition; a knock-in DAT with lower cocaine affinity raises Ki */
    double km_app = p->da_km_nM * (1.0 + coc_uM * g->dat_cocaine_affinity / p->coc_ki_uM);
    double vmax = p->da_vmax_nM_per_s * g->slc6a3;
    double d2_gain = p->d2_gain * g->drd2;
    double lo = 0.0, hi, d = 50.0;
    int i;

    hi = p->da_knon_per_s > 0.0 ? r / p->da_knon_per_s : 1e7;
    if (d > hi) {
        d = 0.5 * hi;
    }
    for (i = 0; i < 60; i++) {
        double occ = d / (d + p->d2_ec50_nM);
        double rel = r / (1.0 + d2_gain * occ); /* [DA-2] */
        double upt = vmax * d / (km_app + d) + p->da_knon_per_s * d;
        double f = rel - upt;
        double drel = -r * d2_gain * p->d2_ec50_nM /
            ((d + p->d2_ec50_nM) * (d + p->d2_ec50_nM) * (1.0 + d2_gain * occ) *
                (1.0 + d2_gain * occ));
        double dupt = vmax * km_app / ((km_app + d) * (km_app + d)) + p->da_knon_per_s;
        double next;
        if (f > 0.0) {
            lo = d;
        } else {
            hi = d;
        }
        if (fabs(f) < 1e-9 * r) {
            break;
        }
        next = d - f / (drel - dupt);
        if (!(next > lo && next < hi)) {
            next = 0.5 * (lo + hi);
        }
        if (fabs(next - d) < 1e-10 * (1.0 + d)) {
            d = next;
            break;
        }
        d = next;
    }
    return d;
}

double
rl_da_d1_occupancy(const rl_params_t *p, const rl_gene_products_t *g, double da_nM)
{
    return g->drd1 * da_nM / (da_nM + p->d1_ec50_nM); /* [DA-3] */
}

double
rl_da_burst_d1_dose(const rl_params_t *p, const rl_gene_products_t *g, double base_nM,
    double burst)
{
    /* [DA-4] a transient of size 1 RU raises DA by burst_da_fold x its tonic level for
    ** burst_s. */
    double peak = base_nM * (1.0 + p->burst_da_fold * (burst > 0.0 ? burst : 0.0));
    return (rl_da_d1_occupancy(p, g, peak) - rl_da_d1_occupancy(p, g, base_nM)) * p->burst_s;
}
