/* compare_internal.h -- (internal) the comparisons' CSV table, shared by compare.csv on its
** own (rl_compare_write_csv, compare_print.c) and among the summary tables that
** `summary --compare --csv DIR` writes as one set (measures_csv.c). Not a public header.
*/
#ifndef RL_ANALYSIS_COMPARE_INTERNAL_H
#define RL_ANALYSIS_COMPARE_INTERNAL_H

#include <stdio.h>

#include "relapselab/compare.h"

/* The header and one row per result of c, in the CSV format of store/csv_write.h. */
void rl_compare_csv_table(const rl_dataset_t *ds, const rl_comparisons_t *c, FILE *f);

#endif
