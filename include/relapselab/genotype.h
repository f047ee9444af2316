/* genotype.h -- the one table that maps genotypes to gene products.
**
** The knockout rule (BRIEF section 2): a genotype changes gene products only -- receptor
** density (Bmax) relative to wild type, peptide synthesis relative to wild type, or the
** properties of a protein. No behavioural or learning parameter depends on the genotype,
** and no code outside genotype.c branches on a genotype name: the rest of the model sees
** only the numbers of rl_gene_products_t. The names are a table of their own
** (rl_genotype_label, rl_genotype_find, rl_genotype_names) that the model code must not
** reference (tests/cli/test_knockout_rule.sh checks the object files).
*/
#ifndef RELAPSELAB_GENOTYPE_H
#define RELAPSELAB_GENOTYPE_H

#include <stddef.h>

#include "relapselab/api.h"

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

/* A genotype as the model sees it: its gene products, nothing else. */
typedef struct rl_genotype {
    rl_gene_products_t products;
} rl_genotype_t;

/* A genotype's name (the name table): for the readers that resolve names to ids
** (protocols, the CLI's listings, stored labels), never for the model code. */
typedef struct rl_genotype_label {
    const char *name;          /* as written in protocols: "WT", "Oprm1-/-", "Penk+/-" */
    const char *description;   /* one line for documentation */
} rl_genotype_label_t;

/* Index of the genotype called name (exact, case-sensitive), or -1 if unknown. */
RL_API int rl_genotype_find(const char *name);

/* Number of genotypes in the table, entry i's gene products and entry i's name (0 <= i <
** count; NULL otherwise). */
RL_API int rl_genotype_count(void);
RL_API const rl_genotype_t *rl_genotype_get(int i);
RL_API const rl_genotype_label_t *rl_genotype_label(int i);

/* The genotypes' names, ", "-separated, into buf (cap bytes, cut if longer); returns buf. For
** "valid: ..." in error messages. */
RL_API const char *rl_genotype_names(char *buf, size_t cap);

#endif
