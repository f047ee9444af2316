/* opioid.h -- (internal) opioid peptides and receptor signals (docs/MODEL.md [OP-1]..[OP-8]).
**
** Peptide levels are extracellular concentrations in units of their receptor Kd, so a
** level of 1 alone occupies half the receptors. Each peptide relaxes toward a steady state
** set by its synthesis (gene product x basal tone + D1-driven release); dynorphin's tonic
** level scales with its whole releasable pool (basal + cocaine-induced), its D1-driven
** release with the part repeated cocaine has induced [OP-3]. Receptor signals are
** Bmax (gene product) x competitive occupancy at four sites:
**   MOR  (VTA GABA interneurons): beta-endorphin + enkephalin     -> phasic DA gain  [OP-4]
**   DOR  (NAc, incentive):        enkephalin + beta-endorphin     -> incentive gain  [OP-5]
**   DOR  (amygdala/hippocampus):  beta-endorphin + enkephalin     -> cue learning    [OP-6]
**   KOR  (DA terminals):          dynorphin                       -> release, frustration [OP-7,8]
**   KOR  (extended amygdala):     stress-released dynorphin       -> dysphoria, drug drive [STR-4]
*/
#ifndef RL_BIOLOGY_OPIOID_H
#define RL_BIOLOGY_OPIOID_H

#include "relapselab/genotype.h"
#include "relapselab/params.h"

typedef struct rl_peptides {
    double bend;   /* beta-endorphin, Kd units */
    double enk;    /* enkephalins */
    double dyn;    /* dynorphins */
    double dyn_stress; /* dynorphin released by stress at the affect site [STR-2]; set by
                       ** the caller (stress.h), 0 at rest, untouched by the functions here */
} rl_peptides_t;

typedef struct rl_receptor_signals {
    double mor;        /* Bmax x occupancy, 0..1 */
    double dor_nac;
    double dor_assoc;
    double kor;
    double kor_affect; /* extended-amygdala KOR [STR-4]; 0 at rest without drugs */
} rl_receptor_signals_t;

/* Peptide levels at rest (no D1 drive) for a mouse with gene products g and a
** cocaine-induced dynorphin pool `induced` (p->dyn_basal_pool is the rest). [OP-1] */
void rl_opioid_basal(const rl_params_t *p, const rl_gene_products_t *g, double induced,
    rl_peptides_t *out);

/* Advance peptides by dt_s with a constant D1 drive d1_excess (occupancy above basal).
** Exact exponential relaxation. [OP-1] */
void rl_opioid_step(const rl_params_t *p, const rl_gene_products_t *g, double induced,
    double d1_excess, double dt_s, rl_peptides_t *pep);

/* [OP-9] a drug-paired cue's conditioned release of beta-endorphin: raises its excess over
** the basal level to g_Pomc x level (Kd per unit synthesis) if it is lower. */
void rl_opioid_conditioned(const rl_params_t *p, const rl_gene_products_t *g, double level,
    rl_peptides_t *pep);

/* Add the release caused by a D1 dose (occupancy x s) of a phasic transient. [OP-1] */
void rl_opioid_impulse(const rl_params_t *p, const rl_gene_products_t *g, double induced,
    double d1_dose, rl_peptides_t *pep);

/* Exogenous drugs at the opioid receptors (index 0 MOR, 1 DOR, 2 KOR) [DRG-6]: the summed
** drug load (concentration / Ki), its efficacy-weighted part (agonism), and the fraction of
** receptors inactivated by long-acting antagonists. All zero: no drug. */
typedef struct rl_opioid_drugs {
    double load[3];
    double agonist[3];
    double inactivated[3];
} rl_opioid_drugs_t;

/* Receptor signals for the current peptide levels [OP-2], with drugs dx (NULL: none)
** competing for the receptors [DRG-6]. With dx NULL the result is exactly that of the
** peptides alone. */
void rl_opioid_signals(const rl_params_t *p, const rl_gene_products_t *g,
    const rl_peptides_t *pep, const rl_opioid_drugs_t *dx, rl_receptor_signals_t *out);

#endif
