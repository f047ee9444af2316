/* report.h -- one self-contained HTML report of a results database.
**
** The report is what a lab shows at a lab meeting: where the data come from (provenance:
** source, study, version, seed or imported files, command), the protocol (its YAML for a
** simulation, the phases table for an import), the standard measures per group and phase
** (measures.h, units in the headers), the comparisons between groups (compare.h: tests,
** p-values, effect sizes), for imports the import report (files and issues, errors
** first), and the figures of figures.h -- acquisition, breakpoint, extinction,
** reinstatement (those with data; curves of many groups as small multiples), one
** cumulative record and, for a simulation, the brain traces of a representative mouse --
** each in a <figure> with its caption. Everything is
** inline (CSS in <style>, figures as SVG from rl_plot_render), so the file can be mailed,
** archived and printed as it is. docs/REPORT.md describes it.
**
** A power report (the JSON of `relapselab power --json`, docs/POWER.md) can be added as a
** section of a database's report (rl_report_options_t.power) or make a page of its own
** (rl_report_render_power_html): its power-curve figure and, per claims file, the table of
** rates with their 95 % intervals and the smallest n reaching the target.
*/
#ifndef RELAPSELAB_REPORT_H
#define RELAPSELAB_REPORT_H

#include <stddef.h>

#include "relapselab/api.h"
#include "relapselab/dataset.h"
#include "relapselab/error.h"
#include "relapselab/measures.h"

/* What a report holds, for the caller to print or check. */
typedef struct rl_report_info {
    int figures;                /* <figure> elements, each one inline <svg> */
    int tables;                 /* <table> elements */
    int notes;                  /* figures left out, with the reason in the report */
} rl_report_info_t;

/* A power report read from JSON (rl_power_doc_read). */
typedef struct rl_power_doc rl_power_doc_t;

/* Read the JSON written by `relapselab power --json` (one {"power": {...}} object, or an
** array of them) at path into *out. Every problem is an error naming path, line and column:
** RL_ERR_IO (cannot read), RL_ERR_PARSE (JSON/YAML syntax), RL_ERR_INVALID (a missing key,
** a value of the wrong type or out of range, cells that do not follow the sizes),
** RL_ERR_NOMEM. *out is NULL on error; release with rl_power_doc_free(). */
RL_API int rl_power_doc_read(const char *path, rl_power_doc_t **out, rl_error_t *err);

/* Release doc (NULL is a no-op). */
RL_API void rl_power_doc_free(rl_power_doc_t *doc);

/* Choices a report leaves to the caller. Zero (or a NULL pointer) is the default. */
typedef struct rl_report_options {
    int facet;                  /* curve figures: rl_figure_facet_t (figures.h) -- AUTO:
                                ** small multiples above RL_FIGURE_FACET_GROUPS groups; ON:
                                ** always; OFF: runs of at most 4 groups, one figure each */
    const rl_power_doc_t *power; /* NULL, or a power report added as the last section */
} rl_report_options_t;

/* Render the report of ds (its events loaded: rl_dataset_load_events(ds, -1, ...); for an
** import also its import log: rl_dataset_load_import_log) and of
** m (computed from ds) into a malloc'ed, NUL-terminated buffer *html of *len bytes (the
** caller frees it); info (may be NULL) receives the counts. A figure that cannot be drawn
** (e.g. traces of a run made with --set overrides) is replaced by a note, not an error.
** Returns 0, RL_ERR_NOMEM or RL_ERR_INTERNAL (a
** figure failed to render); err names the database. */
RL_API int rl_report_render_html(const rl_dataset_t *ds, const rl_measures_t *m, char **html,
    size_t *len, rl_report_info_t *info, rl_error_t *err);

/* As rl_report_render_html(), with the options opt (NULL: the defaults). */
RL_API int rl_report_render_html_opt(const rl_dataset_t *ds, const rl_measures_t *m,
    const rl_report_options_t *opt, char **html, size_t *len, rl_report_info_t *info,
    rl_error_t *err);

/* As rl_report_render_html(), written to path atomically (relapselab/tempwatch.h: the path
** is checked before rendering, the page goes to a temporary file, fsync()ed and renamed onto
** path only when complete; a file already at path is untouched on failure). RL_ERR_IO
** naming path when it cannot be written or is refused (a directory, FIFO, device, socket,
** or the database ds itself). */
RL_API int rl_report_write_html(const rl_dataset_t *ds, const rl_measures_t *m, const char *path,
    rl_report_info_t *info, rl_error_t *err);

/* As rl_report_write_html(), with the options opt (NULL: the defaults). */
RL_API int rl_report_write_html_opt(const rl_dataset_t *ds, const rl_measures_t *m,
    const rl_report_options_t *opt, const char *path, rl_report_info_t *info, rl_error_t *err);

/* A page holding only the power section of doc, rendered as rl_report_render_html() does
** (self-contained, into *html of *len bytes, the caller frees it). Returns 0, RL_ERR_NOMEM
** or RL_ERR_INTERNAL, err naming doc's file. */
RL_API int rl_report_render_power_html(const rl_power_doc_t *doc, char **html, size_t *len,
    rl_report_info_t *info, rl_error_t *err);

#endif
