/* figures_internal.h -- what the figure builders of src/report share (see figures.h).
**
** Files: figures.c (the kinds table, options, the figure's memory, group and phase
** selection, subject lookup, the representative session), figures_groups.c (the group
** figures: acquisition, extinction, breakpoint, reinstatement), figures_facets.c (curves
** of many groups as small multiples), figures_session.c (one session: cumulative record;
** intervals: iri), figure_traces.c (re-simulated traces).
*/
#ifndef RL_REPORT_FIGURES_INTERNAL_H
#define RL_REPORT_FIGURES_INTERNAL_H

#include "relapselab/figures.h"

/* Start a figure: reset f, give it its memory, apply the size, dpi and title of opt (or
** the defaults w_mm x h_mm). RL_ERR_NOMEM naming ds->path on failure. */
int rl_fig_begin(rl_figure_t *f, const rl_dataset_t *ds, const rl_figure_options_t *opt,
    double w_mm, double h_mm, rl_error_t *err);

/* count zeroed elements of size bytes owned by f (released by rl_figure_free); NULL if
** allocation fails. */
void *rl_fig_alloc(rl_figure_t *f, size_t count, size_t size);

/* A printf-formatted string owned by f; NULL if allocation fails. */
char *rl_fig_printf(rl_figure_t *f, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Fail building f: release it and return code with err naming ds->path. */
int rl_fig_fail(rl_figure_t *f, const rl_dataset_t *ds, int code, rl_error_t *err,
    const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Number of groups the options select, and the i-th of them (index in ds->groups). */
int rl_fig_n_groups(const rl_dataset_t *ds, const rl_figure_options_t *opt);
int rl_fig_group(const rl_figure_options_t *opt, int i);

/* Whether phase ph of group g's procedure is drawn: its name is opt->phase or, without
** opt->phase, its kind is kind. */
bool rl_fig_phase_match(const rl_dataset_t *ds, const rl_figure_options_t *opt, int g, int ph,
    rl_phase_kind_t kind);

/* The first phase of group g's procedure that rl_fig_phase_match() accepts, or -1. */
int rl_fig_first_phase(const rl_dataset_t *ds, const rl_figure_options_t *opt, int g,
    rl_phase_kind_t kind);

/* RL_ERR_INVALID (naming ds->path and listing the phases) when opt->phase is set and no
** selected group's procedure has a phase of that name; 0 otherwise. */
int rl_fig_check_phase(const rl_dataset_t *ds, const rl_figure_options_t *opt,
    rl_error_t *err);

/* The phase of group g at index ph. */
const rl_phase_t *rl_fig_phase(const rl_dataset_t *ds, int g, int ph);

/* The measures of group g in phase ph, or NULL. */
const rl_group_phase_t *rl_fig_group_phase(const rl_measures_t *m, int g, int ph);

/* The session the options choose for a single-session figure (opt->subject with opt->day,
** or with opt->phase and opt->session_in_phase): 0 with *index into ds->sessions, or
** RL_ERR_INVALID naming ds->path (also when the session's events are not loaded). */
int rl_fig_find_session(const rl_dataset_t *ds, const rl_figure_options_t *opt, size_t *index,
    rl_error_t *err);

/* "subject NAME (id N)" or "subject N" into buf. */
void rl_fig_subject_label(const rl_dataset_t *ds, int subject, char *buf, size_t n);

/* "subject 3 (WT), day 3 (acquisition, session 3)" -- the 0-based numbers of the
** database and of the options -- owned by f; NULL if allocation fails. */
char *rl_fig_session_title(rl_figure_t *f, const rl_dataset_t *ds, const rl_ds_session_t *s);

/* Whether a curve figure of n_groups drawn groups is drawn as small multiples under opt
** (figures.h: opt->facet, RL_FIGURE_FACET_GROUPS). */
bool rl_fig_faceted(const rl_figure_options_t *opt, int n_groups);

/* Deal the series of the one-panel curve figure f out to small multiples: series
** [i * per, (i + 1) * per) are those of group drawn[i], i < f->n_groups (per = 1, or 2
** with the inactive responses). Panels, titles, styles, the legend, the size (unless opt
** sets it) and a sentence of the caption (figures.h). Returns 0, or RL_ERR_NOMEM (f
** released, err naming ds->path). */
int rl_fig_facet_curves(rl_figure_t *f, const rl_dataset_t *ds, const rl_figure_options_t *opt,
    const int *drawn, int per, rl_error_t *err);

/* What a delivery of group g is called: "infusion" (drug), "pellet" or "liquid". */
const char *rl_fig_delivery_word(const rl_dataset_t *ds, int g);

/* Event kind of a delivery (infusion_start, pellet, liquid), as measures.h counts them. */
bool rl_fig_is_delivery(int kind);

#endif
