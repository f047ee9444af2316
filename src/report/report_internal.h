/* report_internal.h -- what the files of the HTML report share (see report.h).
**
** Files: report_html.c (the page, HTML escaping, provenance, protocol, summary tables, the
** atomic write), report_compare.c (the group comparisons), report_figures.c (the figures
** section), report_import.c (the import report: the tables of the dataset's import log),
** report_power.c (the power section: a power report read from JSON, power_doc.h).
*/
#ifndef RL_REPORT_INTERNAL_H
#define RL_REPORT_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>

#include "relapselab/plot.h"
#include "relapselab/report.h"

/* Write s to f with &, <, >, " and ' escaped (the one place HTML is escaped). NULL
** writes nothing. */
void rl_html_text(FILE *f, const char *s);

/* The figures section: <h2> and one <figure> per figure with data; facet (figures.h,
** rl_figure_facet_t) chooses small multiples for curves. Returns 0 or an error
** (RL_ERR_NOMEM, RL_ERR_INTERNAL) naming ds->path; counts go into info. */
int rl_report_figures(FILE *f, const rl_dataset_t *ds, const rl_measures_t *m, int facet,
    rl_report_info_t *info, rl_error_t *err);

/* Render plot as SVG and inline it as the next <figure> (without its XML prolog) with the
** numbered caption; info->figures counts it. Returns 0, RL_ERR_NOMEM or RL_ERR_INTERNAL
** (rendering failed), err naming name. */
int rl_report_inline_figure(FILE *f, const rl_plot_figure_t *plot, const char *caption,
    const char *name, rl_report_info_t *info, rl_error_t *err);

/* The page's inline style sheet (CSS, report_html.c). */
const char *rl_report_style(void);

/* The power section (<section id="power">) of doc: per sweep its settings, the power-curve
** figure of all sweeps and one table per sweep. Returns 0 or an error (RL_ERR_NOMEM,
** RL_ERR_INTERNAL) naming doc's file; counts go into info. */
int rl_report_power(FILE *f, const rl_power_doc_t *doc, rl_report_info_t *info,
    rl_error_t *err);

/* The group comparisons section (compare.h): the rule, one table per block and phase,
** the comparisons left out. Returns 0 or RL_ERR_NOMEM naming ds->path; tables are counted
** in info. */
int rl_report_compare(FILE *f, const rl_dataset_t *ds, const rl_measures_t *m,
    rl_report_info_t *info, rl_error_t *err);

/* The import section of an imported run, from ds's import log
** (rl_dataset_load_import_log): files and issues, errors and warnings first, each table
** capped with a count of the rows left out. */
void rl_report_import(FILE *f, const rl_dataset_t *ds, rl_report_info_t *info);

/* Number of import files, by status: imported, partly_imported, skipped (for the
** provenance). */
void rl_report_import_counts(const rl_dataset_t *ds, int counts[3]);

/* Finish a page written into an open_memstream over *html / *len (report_html.c): ret is
** the page writer's status; a stream error or a failed close becomes RL_ERR_NOMEM against
** path; on failure *html is freed and *html, *len cleared. Returns the final status. */
int rl_report_mem_close(FILE *f, int ret, char **html, size_t *len, const char *path,
    rl_error_t *err);

#endif
