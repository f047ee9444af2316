/* power_doc.h -- a power report as data: what `relapselab power --json` writes, read back
** (power_doc.c), or taken from sweeps just run (rl_pdoc_from_sweeps). Internal to the
** library; the public handle is rl_power_doc_t (report.h).
**
** The power-curve figure (figure_power.c) and the power section of the HTML report
** (report_power.c) are drawn from this one form, so a figure made from a JSON file and one
** made by `power -o` come from the same code. Numbers read from JSON carry its 6
** significant digits; a null number is NaN.
*/
#ifndef RL_REPORT_POWER_DOC_H
#define RL_REPORT_POWER_DOC_H

#include "relapselab/plot.h"
#include "relapselab/power.h"
#include "relapselab/report.h"

typedef struct rl_pdoc_row {
    char *id;                   /* the check's id ("S2") */
    char *claim;                /* the claim's text */
    char *label;                /* "S2 breakpoint, Oprd1-KO-cocaine vs Oprd1-WT-cocaine" */
    rl_power_kind_t kind;
    int n_needed;               /* > 0; 0: the target is not reached; -1: not applicable */
    rl_power_cell_t cells[RL_POWER_MAX_SIZES];  /* per n of the sweep */
} rl_pdoc_row_t;

typedef struct rl_pdoc_sweep {
    char *claims;               /* the claims file's id */
    char *path;                 /* the claims file */
    char *seed;                 /* as written (a 64-bit integer); "" from sweeps just run */
    int replicates;
    double alpha, target, precision;            /* precision NaN: none */
    int n_sizes;
    int sizes[RL_POWER_MAX_SIZES], studies[RL_POWER_MAX_SIZES];
    int n_rows;
    rl_pdoc_row_t *rows;
} rl_pdoc_sweep_t;

struct rl_power_doc {
    char *path;                 /* the JSON file ("" for sweeps just run) */
    int n_sweeps;
    rl_pdoc_sweep_t *sweeps;
};

/* The document of sweeps[0..n) (borrowed; copied). Returns 0 or RL_ERR_NOMEM (err set);
** *out NULL on error. Release with rl_power_doc_free(). */
int rl_pdoc_from_sweeps(const rl_power_t *const *sweeps, int n, rl_power_doc_t **out,
    rl_error_t *err);

/* The power-curve figure of doc (figure_power.c) into fig, whose series and labels live in
** store until rl_pdoc_figure_free(store). Returns 0, RL_ERR_INVALID (no sweep) or
** RL_ERR_NOMEM, err naming path. */
typedef struct rl_pdoc_figure rl_pdoc_figure_t;
int rl_pdoc_figure(const rl_power_doc_t *doc, rl_plot_figure_t *fig, rl_pdoc_figure_t **store,
    const char *path, rl_error_t *err);
void rl_pdoc_figure_free(rl_pdoc_figure_t *store);

#endif
