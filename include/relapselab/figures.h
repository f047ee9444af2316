/* figures.h -- the lab's figures, assembled from a loaded results database.
**
** Design. Each builder reads a dataset (dataset.h) and its standard measures (measures.h)
** -- a simulation or imported chamber data alike -- and fills an rl_figure_t: a plot.h
** figure ready for rl_plot_write() or rl_plot_render(), plus a caption sentence for
** reports. Numbers come from the measures wherever measures.h defines them (group means,
** breakpoints, extinction baselines) and otherwise from the sessions and their events, so
** a figure shows what `relapselab summary` prints. The figure owns the arrays and labels
** it allocated (rl_figure_free() releases them) and borrows strings of the dataset: keep
** the dataset and the measures alive while the figure is used.
**
** Figures (docs/PLOT.md, "relapselab plot"):
**   acquisition    mean +/- SEM per group over the sessions of the acquisition phase(s):
**                  active (filled, solid) and inactive (open, dashed) responses
**   breakpoint     PR breakpoints: bars (mean +/- SEM per group) with each mouse's dot
**   extinction     active responses per extinction session, mean +/- SEM per group
**   reinstatement  extinction baseline vs the reinstatement test, paired per mouse
**   place          CPP score over the place-preference tests, per group
**   cumulative     cumulative active and inactive responses of one session, deliveries as
**                  ticks
**   iri            histogram of the intervals between deliveries, per group
**   traces         brain cocaine and accumbal dopamine of one simulated session,
**                  re-simulated from the stored protocol and seed (figure_traces.c)
** Curves over sessions number each mouse's sessions of the chosen phase(s) 1, 2, ...; at
** session k the mean is over the mice that ran a k-th session (phases that run until a
** criterion end at different sessions for different mice).
** Many groups (curves: acquisition, extinction, place): above RL_FIGURE_FACET_GROUPS
** groups, or always with RL_FIGURE_FACET_ON, the curves are drawn as small multiples
** (figures_facets.c): one panel per mutant with its own wild type (compare.h,
** rl_compare_partners: e.g. Oprm1 KO and WT on cocaine), when every drawn group is in such
** a pair or set and the sets look alike (the same roles, e.g. "WT" and "KO", in each);
** otherwise one panel per group. Panels share both axes and one legend (plot.h).
*/
#ifndef RELAPSELAB_FIGURES_H
#define RELAPSELAB_FIGURES_H

#include <stdbool.h>
#include <stddef.h>

#include "relapselab/api.h"
#include "relapselab/dataset.h"
#include "relapselab/error.h"
#include "relapselab/measures.h"
#include "relapselab/plot.h"

/* A builder's documented non-error outcome: the dataset holds nothing to draw (no phase
** of the figure's kind, no session with data). err says what is missing. */
#define RL_FIGURE_NO_DATA 1

/* The figures, with their names on the command line (rl_figure_kind_name): one X-macro
** list gives the enum and the names. */
#define RL_FIGURE_KINDS(X)                          \
    X(RL_FIG_ACQUISITION, "acquisition")            \
    X(RL_FIG_BREAKPOINT, "breakpoint")              \
    X(RL_FIG_EXTINCTION, "extinction")              \
    X(RL_FIG_REINSTATEMENT, "reinstatement")        \
    X(RL_FIG_PLACE, "place")                        \
    X(RL_FIG_CUMULATIVE, "cumulative")              \
    X(RL_FIG_IRI, "iri")                            \
    X(RL_FIG_TRACES, "traces")
#define RL_FIG_ENUM_(id, name) id,
typedef enum rl_figure_kind { RL_FIGURE_KINDS(RL_FIG_ENUM_) RL_FIG_COUNT } rl_figure_kind_t;
#undef RL_FIG_ENUM_

/* Small multiples for curve figures (rl_figure_options_t.facet). */
typedef enum rl_figure_facet {
    RL_FIGURE_FACET_AUTO = 0,   /* above RL_FIGURE_FACET_GROUPS groups */
    RL_FIGURE_FACET_ON,         /* whenever two or more groups are drawn */
    RL_FIGURE_FACET_OFF         /* one panel, whatever the number of groups */
} rl_figure_facet_t;
#define RL_FIGURE_FACET_GROUPS 4

/* What to draw. Zero is not the default everywhere: start from rl_figure_options_init(). */
typedef struct rl_figure_options {
    const int *groups;          /* indices in ds->groups, in drawing order; NULL = all */
    int n_groups;
    const char *phase;          /* phase name (in each group's procedure); NULL = the
                                ** figure's own phase kind (acquisition for iri) */
    int subject;                /* cumulative, traces: index in ds->subjects; -1 = none */
    int day;                    /* cumulative, traces: the subject's session (0-based day);
                                ** -1 = use phase + session_in_phase */
    int session_in_phase;       /* with phase: 0-based session within it; -1 = none */
    bool log_x;                 /* iri: logarithmic interval axis */
    double width_mm, height_mm; /* 0 = the figure's default size */
    double dpi;                 /* PNG resolution; 0 = the plot library's default */
    const char *title;          /* NULL = the figure's default title (none for group
                                ** figures, the subject and session for one session) */
    int facet;                  /* curves: rl_figure_facet_t (default AUTO) */
} rl_figure_options_t;

typedef struct rl_figure_mem rl_figure_mem_t;  /* what the figure allocated (private) */

typedef struct rl_figure {
    rl_plot_figure_t plot;      /* pass &plot to rl_plot_write() / rl_plot_render() */
    int n_groups;               /* groups drawn (a figure with many is hard to read) */
    char caption[1024];         /* one to three sentences saying what is shown */
    int n_flagged;              /* sessions of the drawn groups flagged at import (counts
                                ** that disagree with the program's counters): said in the
                                ** plot's title and the caption; 0 for simulations */
    rl_figure_mem_t *mem;
} rl_figure_t;

/* All groups, no phase, subject or session chosen, linear axes, default size and title. */
RL_API void rl_figure_options_init(rl_figure_options_t *opt);

/* Name of kind ("acquisition", ...) and a one-line description; NULL if out of range. */
RL_API const char *rl_figure_kind_name(int kind);
RL_API const char *rl_figure_kind_help(int kind);

/* The kind called name, or -1. */
RL_API int rl_figure_kind_find(const char *name);

/* Build figure kind from ds and m (computed from ds; events must be loaded for
** cumulative, iri and traces). On success returns 0 and *out owns its storage; otherwise
** *out holds nothing to free (rl_figure_free() is still safe) and the return is
** RL_FIGURE_NO_DATA (nothing to draw), RL_ERR_INVALID (no such phase, subject or session;
** an option the figure needs is missing; traces of an imported run or of a session that
** the stored protocol and seed do not reproduce), RL_ERR_NOMEM, or an error of the
** re-simulation (traces). err names the database and the problem. */
RL_API int rl_figure_build(int kind, const rl_dataset_t *ds, const rl_measures_t *m,
    const rl_figure_options_t *opt, rl_figure_t *out, rl_error_t *err);

/* The builders behind rl_figure_build(), same contract. */
RL_API int rl_figure_acquisition(const rl_dataset_t *ds, const rl_measures_t *m,
    const rl_figure_options_t *opt, rl_figure_t *out, rl_error_t *err);
RL_API int rl_figure_breakpoint(const rl_dataset_t *ds, const rl_measures_t *m,
    const rl_figure_options_t *opt, rl_figure_t *out, rl_error_t *err);
RL_API int rl_figure_extinction(const rl_dataset_t *ds, const rl_measures_t *m,
    const rl_figure_options_t *opt, rl_figure_t *out, rl_error_t *err);
RL_API int rl_figure_place(const rl_dataset_t *ds, const rl_measures_t *m,
    const rl_figure_options_t *opt, rl_figure_t *out, rl_error_t *err);
RL_API int rl_figure_reinstatement(const rl_dataset_t *ds, const rl_measures_t *m,
    const rl_figure_options_t *opt, rl_figure_t *out, rl_error_t *err);
RL_API int rl_figure_cumulative(const rl_dataset_t *ds, const rl_measures_t *m,
    const rl_figure_options_t *opt, rl_figure_t *out, rl_error_t *err);
RL_API int rl_figure_iri(const rl_dataset_t *ds, const rl_measures_t *m,
    const rl_figure_options_t *opt, rl_figure_t *out, rl_error_t *err);
RL_API int rl_figure_traces(const rl_dataset_t *ds, const rl_measures_t *m,
    const rl_figure_options_t *opt, rl_figure_t *out, rl_error_t *err);

/* Release what f allocated and reset it to empty. Safe on a zeroed or failed figure and
** twice. */
RL_API void rl_figure_free(rl_figure_t *f);

/* The subject called text: a subject_id in decimal, or the lab's subject name (a name
** wins when a subject has it). Returns 0 with *subject = its index in ds->subjects, or
** RL_ERR_INVALID naming the database. */
RL_API int rl_figure_find_subject(const rl_dataset_t *ds, const char *text, int *subject,
    rl_error_t *err);

/* Group names "A,B,..." -> indices into idx (capacity cap, in the order given).
** Returns 0 with *n set, or RL_ERR_INVALID (an unknown or repeated name, or none). */
RL_API int rl_figure_parse_groups(const rl_dataset_t *ds, const char *list, int *idx, int cap,
    int *n, rl_error_t *err);

/* A representative session for single-session figures: the mouse of the first group
** (among opt->groups, or all) whose mean active responses in its first acquisition phase
** are closest to its group's mean, and its last session of that phase. Returns 0 with
** *subject (index in ds->subjects) and *day, or RL_FIGURE_NO_DATA. */
RL_API int rl_figure_representative(const rl_dataset_t *ds, const rl_measures_t *m,
    const rl_figure_options_t *opt, int *subject, int *day, rl_error_t *err);

#endif
