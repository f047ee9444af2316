/* opioid.c -- peptide kinetics and receptor occupancy ([OP-1], [OP-2], docs/MODEL.md).
**
** Receptor binding equilibrates in seconds to minutes, peptides change over minutes, so
** occupancy is computed at quasi-equilibrium from the current peptide levels (competitive
** binding, one site per receptor and region). Gene products enter only as multipliers:
** synthesis (Pomc, Penk, Pdyn) scales release, density (Oprm1, Oprd1, Oprk1) scales the
** signal -- the knockout rule of BRIEF section 2.
*/
#include "biology/opioid.h"

#include <math.h>

static double
clear_per_s(const rl_params_t *p)
{
    return p->pep_clear_per_min / 60.0;
}

/* Steady state of each peptide under D1 drive x, with cocaine-induced dynorphin pool
** `induced`. [OP-1]: the tonic level of dynorphin comes from the whole pool (basal +
** induced), its D1-driven release from the induced pool only [OP-3]. */
static void
steady_state(const rl_params_t *p, const rl_gene_products_t *g, double induced, double x,
    rl_peptides_t *out)
{
    double d1 = p->pep_d1_gain * (x > 0.0 ? x : 0.0);
    double drive = p->pep_basal + d1;
    out->bend = g->pomc * drive;
    out->enk = g->penk * drive;
    out->dyn = g->pdyn * ((p->dyn_basal_pool + induced) * p->pep_basal + induced * d1);
    out->dyn_stress = 0.0;
}

void
rl_opioid_basal(const rl_params_t *p, const rl_gene_products_t *g, double induced,
    rl_peptides_t *out)
{
    steady_state(p, g, induced, 0.0, out);
}

void
rl_opioid_step(const rl_params_t *p, const rl_gene_products_t *g, double induced,
    double d1_excess, double dt_s, rl_peptides_t *pep)
{
    rl_peptides_t ss;
    double e = exp(-clear_per_s(p) * dt_s);
    steady_state(p, g, induced, d1_excess, &ss); /* ss.dyn_stress unused */
    pep->bend = ss.bend + (pep->bend - ss.bend) * e;
    pep->enk = ss.enk + (pep->enk - ss.enk) * e;
    pep->dyn = ss.dyn + (pep->dyn - ss.dyn) * e;
}

void
rl_opioid_impulse(const rl_params_t *p, const rl_gene_products_t *g, double induced,
    double d1_dose, rl_peptides_t *pep)
{
    /* A D1 dose of x occupancy-seconds releases what a steady drive x would release in
    ** x seconds: d1_gain * k * dose per unit synthesis (dynorphin: per unit of the
    ** induced pool [OP-3]). */
    double amount = p->pep_d1_gain * clear_per_s(p) * (d1_dose > 0.0 ? d1_dose : 0.0);
    pep->bend += g->pomc * amount;
    pep->enk += g->penk * amount;
    pep->dyn += g->pdyn * induced * amount;
}

void
rl_opioid_conditioned(const rl_params_t *p, const rl_gene_products_t *g, double level,
    rl_peptides_t *pep)
{
    /* [OP-9] beta-endorphin only (Pomc): the cue raises the excess over the basal level to
    ** g_Pomc x level, if it is below it; it does not add to a higher one */
    double target = g->pomc * (level > 0.0 ? level : 0.0);
    double excess = pep->bend - g->pomc * p->pep_basal;
    if (target > excess) {
        pep->bend += target - excess;
    }
}

/* Signal of a receptor of density bmax at peptide load x, with drugs at index k of dx:
** x/(1 + x) without drugs; (x + agonism)/(1 + x + load) x (1 - inactivated) with them. */
static double
signal(double bmax, double x, const rl_opioid_drugs_t *dx, int k)
{
    if (dx == NULL) {
        return bmax * x / (1.0 + x);
    }
    return bmax * (1.0 - dx->inactivated[k]) * (x + dx->agonist[k]) / (1.0 + x + dx->load[k]);
}

void
rl_opioid_signals(const rl_params_t *p, const rl_gene_products_t *g, const rl_peptides_t *pep,
    const rl_opioid_drugs_t *dx, rl_receptor_signals_t *out)
{
    double x;
    /* [OP-2] competitive occupancy: sum_i w_i L_i / (1 + sum_i w_i L_i), times Bmax;
    ** [DRG-6] drugs add their loads to the sums, only agonists to the numerator. */
    x = p->bend_mor_affinity * pep->bend + p->enk_mor_affinity * pep->enk;
    out->mor = signal(g->oprm1, x, dx, 0);
    x = pep->enk + p->bend_dor_nac_affinity * pep->bend;
    out->dor_nac = signal(g->oprd1, x, dx, 1);
    x = pep->bend + p->enk_dor_assoc_affinity * pep->enk;
    out->dor_assoc = signal(g->oprd1, x, dx, 1);
    x = pep->dyn;
    out->kor = signal(g->oprk1, x, dx, 2);
    /* [STR-4] the affect site sees only stress-released dynorphin (basal tone there is
    ** taken as negligible), so it is exactly 0 at rest without drugs */
    out->kor_affect = signal(g->oprk1, pep->dyn_stress, dx, 2);
}
