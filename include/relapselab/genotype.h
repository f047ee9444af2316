/* genotype.h -- the one table that maps genotypes to gene products.
**
** The knockout rule (BRIEF section 2): a genotype changes gene products only -- receptor
** density (Bmax) relative to wild type, peptide synthesis relative to wild type, or the
** properties of a protein. No behavioural or learning parameter depends on the genotype,
** and no code outside genotype.c branches on a genotype name: the rest of the model sees
** only the numbers of rl_gene_products_t.
*/
#ifndef RELAPSELAB_GENOTYPE_H
#define RELAPSELAB_GENOTYPE_H

#include <stddef.h>

typedef struct rl_gene_products {
    double oprm1;   /* mu-opioid receptor density, fraction of WT Bmax */
    double oprd1;   /* delta-opioid receptor density, fraction of WT Bmax */
    double oprk1;   /* kappa-opioid receptor density, fraction of WT Bmax */
    double pomc;    /* beta-endorphin synthesis, fraction of WT */
    double penk;    /* enkephalin synthesis, fraction of WT */
    double pdyn;    /* dynorphin synthesis, fraction of WT */
    double slc6a3;  /* dopamine transporter (DAT) density, fraction of WT Vmax */
    double dat_cocaine_affinity; /* cocaine's affinity for the DAT, fraction of WT (1/Ki) */
    double drd1;    /* D1 receptor density, fraction of WT Bmax */
    double drd2;    /* D2 (auto)receptor density, fraction of WT Bmax */
} rl_gene_products_t;

typedef struct rl_genotype {
    const char *name;          /* as written in protocols: "WT", "Oprm1-/-", "Penk+/-" */
    const char *description;   /* one line for documentation */
    rl_gene_products_t products;
} rl_genotype_t;

/* Index of the genotype called name (exact, case-sensitive), or -1 if unknown. */
int rl_genotype_find(const char *name);

/* Number of genotypes in the table, and entry i (0 <= i < count). */
int rl_genotype_count(void);
const rl_genotype_t *rl_genotype_get(int i);

/* The genotypes' names, ", "-separated, into buf (cap bytes, cut if longer); returns buf. For
** "valid: ..." in error messages. */
const char *rl_genotype_names(char *buf, size_t cap);

#endif
