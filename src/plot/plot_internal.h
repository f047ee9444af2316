/* plot_internal.h -- what the files of src/plot share; the only place cairo.h is included
** (src/plot is the project's one adapter to cairo, see docs/PLOT.md).
**
** Units: every length is in points (1/72 inch) with y growing downwards, the native
** user space of the PDF and SVG surfaces; PNG output scales points to pixels by dpi / 72.
** Files: axes.c (palette, ticks, scales, text, axis drawing), data.c (extents, bins, bar
** means, legend entries), charts.c (drawing each chart kind), figure.c (layout, legend
** placement, the whole figure), facets.c (small multiples: the grid, shared axes, one
** legend), output.c (validation, surfaces, buffers, atomic files).
*/
#ifndef RELAPSELAB_PLOT_INTERNAL_H
#define RELAPSELAB_PLOT_INTERNAL_H

#include <cairo.h>

#include "relapselab/plot.h"

/* The fixed look, in points. */
#define PL_FONT "DejaVu Sans"
#define PL_FS_TICK 9.0       /* tick labels */
#define PL_FS_LABEL 10.0     /* axis labels */
#define PL_FS_LEGEND 9.0
#define PL_FS_TITLE 11.0
#define PL_FS_MIN 7.0        /* long labels shrink down to this before giving up */
#define PL_CAP 0.73          /* cap height of DejaVu Sans per point of font size */
#define PL_LINE 1.22         /* line spacing per point of font size */
#define PL_TICK_LEN 3.5
#define PL_SPINE_W 0.8
#define PL_PAD 6.0           /* figure edge to outermost text */
#define PL_MAX_MARKERS 2000  /* series longer than this are drawn without markers */
#define PL_MAX_MINOR 128
#define PL_TEXT_MAX 256      /* labels are truncated to this many bytes */

typedef struct pl_rect {
    double x, y, w, h;
} pl_rect_t;

/* Linear map from data (log10 of it on a log scale) d0..d1 to page p0..p1. */
typedef struct pl_scale {
    double d0, d1, p0, p1;
    bool log;
} pl_scale_t;

/* A numeric axis: scale, major ticks with their labels (empty = unlabelled), minor ticks
** (log axes only). */
typedef struct pl_axis {
    pl_scale_t s;
    rl_plot_ticks_t t;
    char text[RL_PLOT_MAX_TICKS][48];
    int n_minor;
    double minor[PL_MAX_MINOR];
} pl_axis_t;

/* A label broken into at most 3 lines of a given font size. */
typedef struct pl_lines {
    char buf[PL_TEXT_MAX];
    const char *line[3];
    int n;
    double size;
    double w;                /* width of the widest line */
} pl_lines_t;

/* One legend entry: how to draw its sample, and its text. */
typedef enum pl_sample {
    PL_SAMPLE_LINE, PL_SAMPLE_BOX, PL_SAMPLE_HIST, PL_SAMPLE_TICK
} pl_sample_t;
typedef struct pl_entry {
    const char *label;
    rl_plot_style_t style;
    pl_sample_t sample;
} pl_entry_t;

/* A panel being laid out and drawn. */
typedef struct pl_panel {
    const rl_plot_panel_t *spec;
    double x0, x1, y0, y1;   /* finite data extents; x0 > x1 (y0 > y1) = no data */
    int n_bins;              /* HISTOGRAM: bins, edges[n_bins + 1], counts[series][bin] */
    double *edges, *counts;
    double *mean, *sem;      /* BARS: heights and error bars [g * n_bars + b] */
    pl_axis_t y;
    pl_rect_t area;          /* the axes rectangle */
    double rug_h;            /* CUMULATIVE: band under y = 0 holding the rugs */
    pl_lines_t ylabel;
    int n_entries;           /* legend */
    pl_entry_t *entries;
    double leg_w, leg_h;
    bool leg_outside;
    pl_rect_t leg;
} pl_panel_t;

typedef struct pl_figure {
    const rl_plot_figure_t *spec;
    double w, h;             /* page size */
    int n;
    pl_panel_t p[RL_PLOT_MAX_PANELS];
    bool categorical;        /* x is the bar chart's groups, at 1 .. n_groups */
    pl_axis_t x;
    double x0, x1;           /* x data extents over all panels */
    pl_lines_t *cat;         /* categorical: one per group */
    bool cat_rotated;
    double xblock;           /* height of the x tick labels (or category labels) */
    pl_lines_t xlabel, title;
} pl_figure_t;

/* axes.c */
void pl_colour(cairo_t *cr, int index, double lighten, double alpha);
double pl_map(const pl_scale_t *s, double v);
int pl_axis_ticks(pl_axis_t *a, const rl_plot_axis_t *spec, double lo, double hi,
    bool include_zero, int max_intervals);
void pl_font(cairo_t *cr, double size, bool bold);
double pl_text_width(cairo_t *cr, const char *s);
void pl_text(cairo_t *cr, const char *s, double x, double y, double halign, double valign,
    double angle);
bool pl_wrap(cairo_t *cr, const char *s, double max_w, int max_lines, double size,
    double min_size, pl_lines_t *out);
void pl_lines_draw(cairo_t *cr, const pl_lines_t *l, double x, double y, double angle);
double pl_axis_label_width(cairo_t *cr, const pl_axis_t *a);
void pl_draw_y_axis(cairo_t *cr, const pl_axis_t *a, const pl_rect_t *area);
void pl_draw_x_axis(cairo_t *cr, const pl_axis_t *a, const pl_rect_t *area, bool labels);

/* data.c */
int pl_panel_prepare(pl_panel_t *p, const rl_plot_figure_t *fig, rl_error_t *err);
void pl_panel_release(pl_panel_t *p);
rl_plot_style_t pl_bar_style(const rl_plot_bars_t *b, int k);

/* charts.c */
/* The page: white background, black ink, the figure's title centred at the top. */
void pl_draw_page(cairo_t *cr, const pl_figure_t *f);
void pl_draw_vlines(cairo_t *cr, const pl_figure_t *f, const pl_panel_t *p);
void pl_draw_data(cairo_t *cr, const pl_figure_t *f, const pl_panel_t *p);
void pl_draw_sample(cairo_t *cr, const pl_entry_t *e, double x, double y, double w);

/* figure.c */
int pl_figure_draw(cairo_t *cr, const rl_plot_figure_t *fig, double w_pt, double h_pt,
    rl_error_t *err);

/* facets.c: lay out and draw f (its panels prepared by pl_figure_draw) as small
** multiples. Returns 0, RL_ERR_INVALID (a bar chart) or an error of the axes. */
int pl_facets_draw(cairo_t *cr, pl_figure_t *f, rl_error_t *err);

#endif
