/* genotype.c -- the genotype table (the only place that knows genotype names).
**
** Each row is a gene-product profile: -/- sets the product of the targeted gene to 0,
** +/- to 0.5 (BRIEF section 2: "0 for -/-, ~0.5 for +/-"). Nothing else changes. New
** genotypes (DAT knock-ins, D1/D2 knockouts) are new columns and rows here, never new
** branches elsewhere.
*/
#include "relapselab/genotype.h"

#include <string.h>

#define ALL_WT {1.0, 1.0, 1.0, 1.0, 1.0, 1.0}

/* columns: oprm1 oprd1 oprk1 pomc penk pdyn */
static const rl_genotype_t genotypes[] = {
    {"WT", "wild type (littermate control)", ALL_WT},
    {"Oprm1-/-", "mu-opioid receptor knockout (no MOR)", {0.0, 1.0, 1.0, 1.0, 1.0, 1.0}},
    {"Oprm1+/-", "mu-opioid receptor heterozygote", {0.5, 1.0, 1.0, 1.0, 1.0, 1.0}},
    {"Oprd1-/-", "delta-opioid receptor knockout (no DOR)", {1.0, 0.0, 1.0, 1.0, 1.0, 1.0}},
    {"Oprd1+/-", "delta-opioid receptor heterozygote", {1.0, 0.5, 1.0, 1.0, 1.0, 1.0}},
    {"Oprk1-/-", "kappa-opioid receptor knockout (no KOR)", {1.0, 1.0, 0.0, 1.0, 1.0, 1.0}},
    {"Oprk1+/-", "kappa-opioid receptor heterozygote", {1.0, 1.0, 0.5, 1.0, 1.0, 1.0}},
    {"Pomc-/-", "no beta-endorphin (Pomc deletion of the endorphin domain)",
        {1.0, 1.0, 1.0, 0.0, 1.0, 1.0}},
    {"Pomc+/-", "beta-endorphin heterozygote", {1.0, 1.0, 1.0, 0.5, 1.0, 1.0}},
    {"Penk-/-", "proenkephalin knockout (no enkephalins)", {1.0, 1.0, 1.0, 1.0, 0.0, 1.0}},
    {"Penk+/-", "proenkephalin heterozygote", {1.0, 1.0, 1.0, 1.0, 0.5, 1.0}},
    {"Pdyn-/-", "prodynorphin knockout (no dynorphins)", {1.0, 1.0, 1.0, 1.0, 1.0, 0.0}},
    {"Pdyn+/-", "prodynorphin heterozygote", {1.0, 1.0, 1.0, 1.0, 1.0, 0.5}},
};

int
rl_genotype_find(const char *name)
{
    int i;
    for (i = 0; i < rl_genotype_count(); i++) {
        if (strcmp(genotypes[i].name, name) == 0) {
            return i;
        }
    }
    return -1;
}

int
rl_genotype_count(void)
{
    return (int) (sizeof genotypes / sizeof genotypes[0]);
}

const rl_genotype_t *
rl_genotype_get(int i)
{
    if (i < 0 || i >= rl_genotype_count()) {
        return NULL;
    }
    return &genotypes[i];
}
