/* plot.h -- journal-style figures (PNG, SVG, PDF) from plain numbers.
**
** Design. A figure is a plain struct the caller fills on the stack: a size in mm, an
** optional title, one x axis, and 1..4 panels stacked top to bottom that share that x
** axis -- or, as small multiples (facet_cols > 0), up to 16 panels in a grid that share
** both axes and one legend (see rl_plot_figure_t). Each panel is one chart kind -- lines with error bars, bars with individual
** points, cumulative records, histograms -- reading the caller's arrays (never copied,
** never freed, only read during the call). The module knows nothing about mice or
** databases: the caller passes numbers and label strings with units ("Active responses
** (pokes per session)"). Every string is UTF-8 ("µM", "±", "β" render).
**
** Zero is the default of every field (only n_panels must be set): 120 x 90 mm at 200 dpi,
** automatic axis limits, automatic legend placement, palette colour 0, no markers.
** The look is fixed (see docs/PLOT.md): white background, left and bottom spines,
** outward ticks at 1/2/5 x 10^k values, DejaVu Sans, the Okabe-Ito palette.
**
** The cairo library does the drawing; this header does not expose it. Rendering is
** deterministic: the same figure gives byte-identical PNG and SVG output (and PDF when
** SOURCE_DATE_EPOCH fixes its creation date). No global state: calls may run in
** parallel threads.
*/
#ifndef RELAPSELAB_PLOT_H
#define RELAPSELAB_PLOT_H

#include <stdbool.h>
#include <stddef.h>

#include "relapselab/api.h"
#include "relapselab/error.h"

#define RL_PLOT_MAX_PANELS 16     /* small multiples; stacked panels: RL_PLOT_MAX_STACKED */
#define RL_PLOT_MAX_STACKED 4
#define RL_PLOT_MAX_TICKS 32
#define RL_PLOT_N_COLOURS 8

/* Marker drawn at each data point of a line series. */
typedef enum rl_plot_marker {
    RL_PLOT_MARKER_NONE = 0,
    RL_PLOT_MARKER_CIRCLE,
    RL_PLOT_MARKER_SQUARE,
    RL_PLOT_MARKER_TRIANGLE,
    RL_PLOT_MARKER_DIAMOND
} rl_plot_marker_t;

/* How one series (or one bar of a cluster) looks. */
typedef struct rl_plot_style {
    int colour;               /* palette index (see rl_plot_colour_hex), modulo 8 */
    rl_plot_marker_t marker;  /* lines only */
    bool open;                /* markers and bars: white fill, coloured edge; histograms:
                                 outline without the light fill */
    bool dashed;              /* lines, cumulative records, histogram outlines */
} rl_plot_style_t;

/* One axis. Limits are fixed when min < max, automatic otherwise (the zero default):
** automatic limits are the nice ticks just enclosing the data, or 0..1 without data. */
typedef struct rl_plot_axis {
    const char *label;        /* UTF-8 with units, e.g. "Time (min)"; NULL = none */
    double min, max;          /* fixed limits when min < max */
    bool log10;               /* logarithmic (values <= 0 are left out) */
    bool include_zero;        /* automatic limits reach 0 (always so for counts and bars) */
    bool integer;             /* linear axis of whole numbers (e.g. sessions): ticks only
                              ** at integers, at least 1 apart */
} rl_plot_axis_t;

/* One data series. What x, y and sem mean depends on the panel kind:
**   RL_PLOT_LINES       x[i], y[i] (NaN y = a gap in the line), sem[i] (NULL, or NaN = no
**                        error bar); markers are drawn only when n <= 2000.
**   RL_PLOT_CUMULATIVE  x[i] = event times in ascending order (NaN skipped); y, sem unused.
**                        As a rug (rl_plot_panel_t.rugs) x[i] = tick times, any order.
**   RL_PLOT_HISTOGRAM   x[i] = the values to bin (NaN, values outside the caller's bin
**                        edges, and values <= 0 on a log axis are skipped).
** label NULL keeps the series out of the legend. */
typedef struct rl_plot_series {
    const char *label;
    const double *x;
    const double *y;
    const double *sem;
    int n;
    rl_plot_style_t style;
} rl_plot_series_t;

/* Bar chart data: n_groups categories along x, each a cluster of n_bars bars (n_bars = 1
** for a plain bar chart). Index [g * n_bars + b] is bar b of group g. Subjects: group g
** holds n_subjects[g] subjects, listed group after group; subject s (counted over all
** groups) has values[s * n_bars + b] for bar b (NaN = missing). */
typedef struct rl_plot_bars {
    int n_groups, n_bars;
    const char *const *group_names;  /* n_groups category labels (wrapped or rotated) */
    const char *const *bar_names;    /* n_bars legend labels; NULL = no legend */
    const rl_plot_style_t *styles;   /* n_bars; NULL = palette colours 0, 1, 2, ... */
    const double *mean;              /* bar heights; NULL = mean of the subjects' values */
    const double *sem;               /* error bars; NULL = SEM of the subjects' values */
    const int *n_subjects;           /* n_groups; NULL = no individual points */
    const double *values;            /* (sum of n_subjects) x n_bars */
    bool paired;                     /* join each subject's values across its cluster */
} rl_plot_bars_t;

typedef enum rl_plot_kind {
    RL_PLOT_LINES = 0,   /* lines with markers and error bars; also time-series traces */
    RL_PLOT_BARS,        /* bars (mean, SEM) with each subject's value as a dot */
    RL_PLOT_CUMULATIVE,  /* cumulative count steps of event times, optional rug ticks */
    RL_PLOT_HISTOGRAM    /* binned counts drawn as outlined steps */
} rl_plot_kind_t;

typedef enum rl_plot_legend {
    RL_PLOT_LEGEND_AUTO = 0,  /* inside a data-free corner, else right of the axes */
    RL_PLOT_LEGEND_OUTSIDE,   /* right of the axes */
    RL_PLOT_LEGEND_NONE
} rl_plot_legend_t;

/* One panel: a chart kind, its y axis, and the data that kind reads (other fields are
** ignored). */
typedef struct rl_plot_panel {
    rl_plot_kind_t kind;
    rl_plot_axis_t y;
    rl_plot_legend_t legend;
    const rl_plot_series_t *series;  /* LINES, CUMULATIVE, HISTOGRAM */
    int n_series;
    rl_plot_bars_t bars;             /* BARS */
    const rl_plot_series_t *rugs;    /* CUMULATIVE: x = times drawn as ticks under the steps */
    int n_rugs;
    const double *bin_edges;         /* HISTOGRAM: n_bin_edges ascending edges, or NULL and */
    int n_bin_edges;
    double bin_width;                /* a bin width (in decades on a log10 x axis) */
    const double *vlines;            /* any kind but BARS: light vertical lines at these x */
    int n_vlines;
    const char *title;               /* small multiples: the panel's title, above it; NULL =
                                     ** none (stacked panels have none) */
} rl_plot_panel_t;

/* Small multiples (facet_cols > 0): the n_panels panels (1 .. RL_PLOT_MAX_PANELS; LINES,
** CUMULATIVE or HISTOGRAM, not BARS) fill a grid of facet_cols columns row by row (fewer
** columns if there are fewer panels), each with its title above it. They share both axes:
** fig->x, and panel[0].y (its label, limits, log10 and include_zero) for every panel,
** automatic limits enclosing the data of all; tick labels on the left column and under the
** bottom panel of each column, each axis label once for the grid. One legend, right of the
** grid: fig->legend (n_legend entries: the label and style of each, drawn as a line
** sample) or, without it, each distinct series label once, in order of appearance (legend
** fields of the panels are ignored). */
typedef struct rl_plot_figure {
    double width_mm, height_mm;  /* 0 = 120 x 90 mm; each in 20 .. 1000 mm */
    double dpi;                  /* PNG resolution; 0 = 200; 10 .. 2400 */
    const char *title;           /* NULL = none */
    rl_plot_axis_t x;            /* shared by all panels (tick labels on the bottom one);
                                    for bars only its label is used */
    int n_panels;                /* stacked: 1 .. RL_PLOT_MAX_STACKED, BARS only with 1;
                                    small multiples: 1 .. RL_PLOT_MAX_PANELS */
    rl_plot_panel_t panel[RL_PLOT_MAX_PANELS];
    int facet_cols;              /* 0 = stacked panels; > 0: small multiples (above) */
    const rl_plot_series_t *legend;  /* small multiples: the legend, or NULL */
    int n_legend;
} rl_plot_figure_t;

typedef enum rl_plot_format {
    RL_PLOT_PNG = 0,
    RL_PLOT_SVG,
    RL_PLOT_PDF
} rl_plot_format_t;

/* Render fig to the file path, in the format named by its extension (.png, .svg, .pdf,
** any case). The path is checked first and the file written to a temporary file renamed
** onto path only when complete (relapselab/tempwatch.h): on any failure the temporary file
** is removed and a file already at path is left untouched. Returns 0; RL_ERR_INVALID
** (unknown extension or an invalid figure -- nothing is written), RL_ERR_IO (the path is
** refused -- a directory, FIFO, device or socket -- or cannot be created, written or
** renamed), RL_ERR_NOMEM; err (may be NULL) names path and the problem. */
RL_API int rl_plot_write(const rl_plot_figure_t *fig, const char *path, rl_error_t *err);

/* Render fig in memory. On success *data is a malloc'ed buffer of *len bytes (the caller
** frees it) holding a PNG, an SVG document (not NUL-terminated; its ids carry a prefix
** derived from its content, so several SVGs can be inlined in one HTML page) or a PDF.
** On failure *data is NULL, *len 0, and the return is RL_ERR_INVALID (an invalid figure
** or format), RL_ERR_NOMEM, or RL_ERR_INTERNAL (cairo failed); err says which. */
RL_API int rl_plot_render(const rl_plot_figure_t *fig, rl_plot_format_t format, unsigned char **data,
    size_t *len, rl_error_t *err);

/* The format named by path's extension. Returns 0, or RL_ERR_INVALID (err names path). */
RL_API int rl_plot_format_of(const char *path, rl_plot_format_t *format, rl_error_t *err);

/* Size in pixels of fig rendered as PNG: round(mm / 25.4 * dpi), defaults applied. */
RL_API void rl_plot_png_size(const rl_plot_figure_t *fig, int *width_px, int *height_px);

/* Palette colour i (modulo 8) as "#RRGGBB": Okabe & Ito's colour-blind-safe set in the
** order black, orange, sky blue, bluish green, blue, vermillion, reddish purple, yellow
** (yellow last: it is faint on white). The string is static. */
RL_API const char *rl_plot_colour_hex(int i);

/* Ticks of one axis, as computed by rl_plot_nice_ticks(). */
typedef struct rl_plot_ticks {
    double lo, hi;               /* axis limits */
    double step;                 /* distance between ticks */
    int n;                       /* number of ticks in v */
    double v[RL_PLOT_MAX_TICKS];
} rl_plot_ticks_t;

/* Nice ticks: steps of 1, 2 or 5 x 10^k, the smallest step giving at most max_intervals
** intervals (1 .. 30) over the data range [lo, hi]. expand = true makes the limits the
** ticks just enclosing the range (out->lo <= lo, out->hi >= hi); false keeps out->lo = lo
** and out->hi = hi and puts the ticks inside. lo > hi is swapped; a zero range is widened
** (0 to 0..1, v to v -/+ 10 % of |v|); non-finite input gives 0..1. Tick values are
** integer multiples of the step computed without accumulation (0 is exactly 0). Returns
** 0, or RL_ERR_INVALID for max_intervals out of range (*out untouched). */
RL_API int rl_plot_nice_ticks(double lo, double hi, int max_intervals, bool expand,
    rl_plot_ticks_t *out);

#endif
