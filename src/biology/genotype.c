/* genotype.c -- the genotype table (the only place that knows genotype names).
**
** Two tables in one array: the names (rl_genotype_label, for the readers that resolve a
** name to an id: protocols, listings, labels) and the gene products (rl_genotype_get, all
** the model sees). The model code never references the name side, and
** tests/cli/test_knockout_rule.sh checks that on the object files.
** Each row is a gene-product profile: -/- sets the product of the targeted gene to 0,
** +/- to 0.5 (BRIEF section 2: "0 for -/-, ~0.5 for +/-"); a knock-in changes a property
** of the product (DAT-CI: cocaine's affinity for the DAT). Nothing else changes. New
** genotypes are new columns and rows here, never new branches elsewhere; the opioid
** products act in opioid.c [OP-1]/[OP-2], the dopamine ones in dopamine.c [DA-1]..[DA-3].
*/
#include "relapselab/genotype.h"

#include <stdio.h>
#include <string.h>

#define ALL_WT {1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0}

/* A row: the name table's entry (rl_genotype_label_t) and the gene-product table's
** (rl_genotype_t), kept side by side so that they cannot fall out of step. */
typedef struct genotype_row {
    rl_genotype_label_t label;
    rl_genotype_t genotype;
} genotype_row_t;

/* columns: oprm1 oprd1 oprk1 pomc penk pdyn | slc6a3 dat_cocaine_affinity drd1 drd2 */
static const genotype_row_t genotypes[] = {
    {{"WT", "wild type (littermate control)"}, {ALL_WT}},
    {{"Oprm1-/-", "mu-opioid receptor knockout (no MOR)"},
        {{0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0}}},
    {{"Oprm1+/-", "mu-opioid receptor heterozygote"},
        {{0.5, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0}}},
    {{"Oprd1-/-", "delta-opioid receptor knockout (no DOR)"},
        {{1.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0}}},
    {{"Oprd1+/-", "delta-opioid receptor heterozygote"},
        {{1.0, 0.5, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0}}},
    {{"Oprk1-/-", "kappa-opioid receptor knockout (no KOR)"},
        {{1.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0}}},
    {{"Oprk1+/-", "kappa-opioid receptor heterozygote"},
        {{1.0, 1.0, 0.5, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0}}},
    {{"Pomc-/-", "no beta-endorphin (Pomc deletion of the endorphin domain)"},
        {{1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0}}},
    {{"Pomc+/-", "beta-endorphin heterozygote"},
        {{1.0, 1.0, 1.0, 0.5, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0}}},
    {{"Penk-/-", "proenkephalin knockout (no enkephalins)"},
        {{1.0, 1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0}}},
    {{"Penk+/-", "proenkephalin heterozygote"},
        {{1.0, 1.0, 1.0, 1.0, 0.5, 1.0, 1.0, 1.0, 1.0, 1.0}}},
    {{"Pdyn-/-", "prodynorphin knockout (no dynorphins)"},
        {{1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0}}},
    {{"Pdyn+/-", "prodynorphin heterozygote"},
        {{1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 1.0, 1.0, 1.0, 1.0}}},
    {{"Slc6a3-/-", "dopamine transporter knockout (no DAT; Giros et al. 1996)"},
        {{1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0}}},
    {{"Slc6a3+/-", "dopamine transporter heterozygote (about half the DAT)"},
        {{1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 1.0, 1.0, 1.0}}},
    /* DAT-CI: L104V/F105C/A109V knock-in, a functional DAT about 89-fold less sensitive to
    ** cocaine (Chen et al. 2006, PNAS 103:9333); uptake itself close to WT. */
    {{"DAT-CI", "cocaine-insensitive DAT knock-in (cocaine affinity 1/89 of WT)"},
        {{1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 / 89.0, 1.0, 1.0}}},
    {{"Drd1-/-", "D1 dopamine receptor knockout (no D1)"},
        {{1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 1.0}}},
    {{"Drd1+/-", "D1 dopamine receptor heterozygote"},
        {{1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 1.0}}},
    {{"Drd2-/-", "D2 dopamine receptor knockout (no D2, autoreceptors included)"},
        {{1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0}}},
    {{"Drd2+/-", "D2 dopamine receptor heterozygote"},
        {{1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.5}}},
};

int
rl_genotype_find(const char *name)
{
    int i;
    for (i = 0; i < rl_genotype_count(); i++) {
        if (strcmp(genotypes[i].label.name, name) == 0) {
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
    return &genotypes[i].genotype;
}

const rl_genotype_label_t *
rl_genotype_label(int i)
{
    if (i < 0 || i >= rl_genotype_count()) {
        return NULL;
    }
    return &genotypes[i].label;
}

const char *
rl_genotype_names(char *buf, size_t cap)
{
    size_t len = 0;
    int i;
    buf[0] = '\0';
    for (i = 0; i < rl_genotype_count() && len < cap; i++) {
        len += (size_t) snprintf(buf + len, cap - len, "%s%s", i ? ", " : "",
            genotypes[i].label.name);
    }
    return buf;
}
