/* dopamine.h -- accumbal dopamine: tonic level, D1 occupancy, phasic transients
** (docs/MODEL.md [DA-1]..[DA-4]).
**
** Release and uptake equilibrate within ~1 s, far faster than cocaine kinetics (minutes),
** so tonic DA is the quasi-steady state of release = uptake at the current brain cocaine
** concentration: R g_D2(D) g_KOR = Vmax D / (Km (1 + C/Ki) + D) + k_non D, solved by
** safeguarded Newton iteration. Phasic transients are impulses whose D1 "dose"
** (occupancy x time) feeds peptide release.
*/
#ifndef RELAPSELAB_DOPAMINE_H
#define RELAPSELAB_DOPAMINE_H

#include "relapselab/genotype.h"
#include "relapselab/params.h"

/* Tonic accumbal DA (nM) at brain cocaine coc_uM, with release multiplied by
** release_gain (KOR inhibition, 0 < gain <= 1). The gene products g scale DAT uptake
** (slc6a3), cocaine's affinity for the DAT (dat_cocaine_affinity) and D2 autoreceptor
** feedback (drd2). [DA-1], [DA-2] */
double rl_da_tonic_nM(const rl_params_t *p, const rl_gene_products_t *g, double coc_uM,
    double release_gain);

/* D1 receptor signal (0..1): occupancy at DA da_nM times D1 density (drd1). [DA-3] */
double rl_da_d1_occupancy(const rl_params_t *p, const rl_gene_products_t *g, double da_nM);

/* D1 dose (signal above basal x seconds) of one phasic transient of relative size
** burst (RU) on top of tonic DA base_nM. [DA-4] */
double rl_da_burst_d1_dose(const rl_params_t *p, const rl_gene_products_t *g, double base_nM,
    double burst);

#endif
