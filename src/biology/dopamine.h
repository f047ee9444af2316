/* dopamine.h -- (internal) accumbal dopamine: tonic level, D1 occupancy, phasic transients
** (docs/MODEL.md [DA-1]..[DA-4]).
**
** Release and uptake equilibrate within ~1 s, far faster than cocaine kinetics (minutes),
** so tonic DA is the quasi-steady state of release = uptake at the current brain cocaine
** concentration: R g_D2(D) g_KOR = Vmax D / (Km (1 + C/Ki) + D) + k_non(C) D, solved by
** safeguarded Newton iteration; the share of the non-DAT clearance k_non that goes
** through the NET is inhibited by cocaine too. Phasic transients are impulses whose D1 "dose"
** (occupancy x time) feeds peptide release.
*/
#ifndef RL_BIOLOGY_DOPAMINE_H
#define RL_BIOLOGY_DOPAMINE_H

#include "relapselab/genotype.h"
#include "relapselab/params.h"

/* Drugs given by the protocol at the dopamine targets [DRG-7]: each target's summed load
** (brain concentration / Ki) of competitive ligands. All zero: no drug. Cocaine
** self-administered through the catheter is the coc_uM argument, not a load here. */
typedef struct rl_da_drugs {
    double dat;   /* uptake blockers at the DAT (cocaine given by injection) */
    double net;   /* uptake blockers at the NET (cocaine given by injection) */
    double d1;    /* D1 antagonists */
    double d2;    /* D2 antagonists (at the autoreceptor) */
} rl_da_drugs_t;

/* Tonic accumbal DA (nM) at brain cocaine coc_uM, with release multiplied by
** release_gain (KOR inhibition, 0 < gain <= 1). The gene products g scale DAT uptake
** (slc6a3), cocaine's affinity for the DAT (dat_cocaine_affinity) and D2 autoreceptor
** feedback (drd2). [DA-1], [DA-2] */
double rl_da_tonic_nM(const rl_params_t *p, const rl_gene_products_t *g, double coc_uM,
    double release_gain);

/* As rl_da_tonic_nM() with drugs dx (NULL: none) at the DAT and the D2 autoreceptor: their
** loads add to cocaine's in Km,app (scaled, like cocaine's, by dat_cocaine_affinity) and
** raise the autoreceptor EC50 by (1 + load). With dx NULL or all zero the result is
** exactly rl_da_tonic_nM()'s. [DA-1], [DA-2], [DRG-7] */
double rl_da_tonic_drugs_nM(const rl_params_t *p, const rl_gene_products_t *g, double coc_uM,
    double release_gain, const rl_da_drugs_t *dx);

/* As rl_da_tonic_drugs_nM(), the Newton iteration started at guess_nM (e.g. the solution
** of a nearby call; a guess outside the root's bracket is replaced by the bracket's middle).
** Both iterate to the double nearest the root, so the result differs from
** rl_da_tonic_drugs_nM()'s in the last bits at most; with a close guess it takes two or
** three steps instead of six to ten. [DA-2] */
double rl_da_tonic_from_nM(const rl_params_t *p, const rl_gene_products_t *g, double coc_uM,
    double release_gain, const rl_da_drugs_t *dx, double guess_nM);

/* A lower bound (nM, >= 0) of rl_da_tonic_drugs_nM(p, g, coc_uM, release_gain, dx) without
** a solve: one Newton step of the balance from guess_nM, less a relative margin of 1e-12.
** The balance is decreasing and convex in D, so the step lands left of the root from any
** guess (0 when it would land below 0 or the guess is not positive); the closer the guess
** (e.g. the solution at a nearby cocaine), the tighter the bound (quadratically). Used to
** bound the response rate for thinning [BEH-3]. [DA-2] */
double rl_da_tonic_lower_nM(const rl_params_t *p, const rl_gene_products_t *g, double coc_uM,
    double release_gain, const rl_da_drugs_t *dx, double guess_nM);

/* dD/dC (nM per uM, >= 0): the derivative of tonic DA with respect to brain cocaine at
** coc_uM, where da_nM = rl_da_tonic_drugs_nM(p, g, coc_uM, release_gain, dx) (implicit
** differentiation of the balance, no new solve). Tonic DA is increasing and concave in
** brain cocaine (docs/MODEL.md [OBS-1]), so the tangent bounds it from above:
** D(C') <= D(C) + slope (C' - C) for every C'. [DA-2], [OBS-1] */
double rl_da_tonic_slope(const rl_params_t *p, const rl_gene_products_t *g, double coc_uM,
    double release_gain, const rl_da_drugs_t *dx, double da_nM);

/* D1 receptor signal (0..1): occupancy at DA da_nM times D1 density (drd1). [DA-3] */
double rl_da_d1_occupancy(const rl_params_t *p, const rl_gene_products_t *g, double da_nM);

/* As rl_da_d1_occupancy() with a D1 antagonist load dx->d1 raising the EC50 by (1 + load)
** (dx NULL: none). [DA-3], [DRG-7] */
double rl_da_d1_occupancy_drugs(const rl_params_t *p, const rl_gene_products_t *g,
    double da_nM, const rl_da_drugs_t *dx);

/* D1 dose (signal above basal x seconds) of one phasic transient of relative size
** burst (RU) on top of tonic DA base_nM. [DA-4] */
double rl_da_burst_d1_dose(const rl_params_t *p, const rl_gene_products_t *g, double base_nM,
    double burst);

/* As rl_da_burst_d1_dose() with drugs dx (NULL: none) at the D1 receptor. [DRG-7] */
double rl_da_burst_d1_dose_drugs(const rl_params_t *p, const rl_gene_products_t *g,
    double base_nM, double burst, const rl_da_drugs_t *dx);

#endif
