/* charts.c -- the drawing of each chart kind's data, and of its legend samples.
**
** pl_draw_data() draws a panel's data layer inside its axes rectangle with the scales
** that layout has set (see data.c for what is derived beforehand). The same code also
** paints the occupancy mask used to place the legend (figure.c), so what the legend
** avoids is exactly what is drawn. Order within a chart: error bars under lines under
** markers; bars under paired lines under dots under error bars (SEM always legible).
**
** Determinism: nothing here is random. The dots of a bar chart are spread by the golden-
** ratio sequence frac(i x 0.618...) - 0.5 over subject index i, a low-discrepancy
** sequence, so the same data draw the same figure byte for byte; a subject keeps its
** offset across the bars of a cluster, so the lines joining its values stay parallel.
*/
#include "plot_internal.h"

#include <math.h>

#define PL_LINE_W 1.2
#define PL_ERR_W 0.8
#define PL_CAP_HALF 2.2
#define PL_DOT_R 1.7
#define PL_CLUSTER 0.75   /* width of a cluster of bars, in category spacings */

static void
set_dash(cairo_t *cr, bool dashed)
{
    static const double dash[2] = {3.5, 2.0};
    cairo_set_dash(cr, dash, dashed ? 2 : 0, 0.0);
}

static void
marker_path(cairo_t *cr, rl_plot_marker_t m, double x, double y)
{
    switch (m) {
    case RL_PLOT_MARKER_CIRCLE:
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, 2.6, 0.0, 2.0 * 3.14159265358979323846);
        break;
    case RL_PLOT_MARKER_SQUARE:
        cairo_rectangle(cr, x - 2.3, y - 2.3, 4.6, 4.6);
        break;
    case RL_PLOT_MARKER_TRIANGLE:
        cairo_move_to(cr, x, y - 3.3);
        cairo_line_to(cr, x + 2.9, y + 1.75);
        cairo_line_to(cr, x - 2.9, y + 1.75);
        cairo_close_path(cr);
        break;
    case RL_PLOT_MARKER_DIAMOND:
        cairo_move_to(cr, x, y - 3.2);
        cairo_line_to(cr, x + 3.2, y);
        cairo_line_to(cr, x, y + 3.2);
        cairo_line_to(cr, x - 3.2, y);
        cairo_close_path(cr);
        break;
    case RL_PLOT_MARKER_NONE:
        break;
    }
}

/* Fill the current path white (open) or in colour, then stroke its edge in colour. */
static void
fill_edge(cairo_t *cr, const rl_plot_style_t *st, double lighten, double edge_w)
{
    if (st->open) {
        cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
    } else {
        pl_colour(cr, st->colour, lighten, 1.0);
    }
    cairo_fill_preserve(cr);
    pl_colour(cr, st->colour, 0.0, 1.0);
    cairo_set_line_width(cr, edge_w);
    cairo_stroke(cr);
}

static void
error_bar(cairo_t *cr, double x, double y_lo, double y_hi, double cap)
{
    cairo_move_to(cr, x, y_lo);
    cairo_line_to(cr, x, y_hi);
    cairo_move_to(cr, x - cap, y_lo);
    cairo_line_to(cr, x + cap, y_lo);
    cairo_move_to(cr, x - cap, y_hi);
    cairo_line_to(cr, x + cap, y_hi);
}

static void
draw_lines(cairo_t *cr, const pl_scale_t *xs, const pl_scale_t *ys, const rl_plot_panel_t *s)
{
    int i, j;
    for (i = 0; i < s->n_series; i++) {
        const rl_plot_series_t *se = &s->series[i];
        bool pen = false;
        pl_colour(cr, se->style.colour, 0.0, 1.0);
        cairo_set_line_width(cr, PL_ERR_W);
        for (j = 0; se->sem != NULL && j < se->n; j++) {
            double x = pl_map(xs, se->x[j]), y = se->y[j], e = se->sem[j];
            if (isfinite(x) && isfinite(pl_map(ys, y)) && isfinite(e) && e > 0.0) {
                double lo = pl_map(ys, y - e);
                error_bar(cr, x, isfinite(lo) ? lo : ys->p0, pl_map(ys, y + e), PL_CAP_HALF);
            }
        }
        cairo_stroke(cr);
        for (j = 0; j < se->n; j++) {
            double x = pl_map(xs, se->x[j]), y = pl_map(ys, se->y[j]);
            if (!isfinite(x) || !isfinite(y)) {
                pen = false;
            } else if (pen) {
                cairo_line_to(cr, x, y);
            } else {
                cairo_move_to(cr, x, y);
                pen = true;
            }
        }
        set_dash(cr, se->style.dashed);
        cairo_set_line_width(cr, PL_LINE_W);
        cairo_stroke(cr);
        set_dash(cr, false);
        if (se->style.marker == RL_PLOT_MARKER_NONE || se->n > PL_MAX_MARKERS) {
            continue;
        }
        for (j = 0; j < se->n; j++) {
            double x = pl_map(xs, se->x[j]), y = pl_map(ys, se->y[j]);
            if (isfinite(x) && isfinite(y)) {
                marker_path(cr, se->style.marker, x, y);
            }
        }
        fill_edge(cr, &se->style, 0.0, 0.9);
    }
}

static void
draw_cumulative(cairo_t *cr, const pl_scale_t *xs, const pl_scale_t *ys, const pl_panel_t *p)
{
    const rl_plot_panel_t *s = p->spec;
    double left = p->area.x, right = p->area.x + p->area.w;
    double bottom = p->area.y + p->area.h;
    int i, j;
    for (i = 0; i < s->n_series; i++) {
        const rl_plot_series_t *se = &s->series[i];
        double y = pl_map(ys, 0.0);
        int count = 0;
        cairo_move_to(cr, left, isfinite(y) ? y : ys->p0);
        for (j = 0; j < se->n; j++) {
            double x = pl_map(xs, se->x[j]);
            if (!isfinite(x)) {
                continue;
            }
            x = fmax(x, left - 1.0);
            cairo_line_to(cr, x, isfinite(y) ? y : ys->p0);
            y = pl_map(ys, (double) ++count);
            cairo_line_to(cr, x, isfinite(y) ? y : ys->p0);
        }
        cairo_line_to(cr, right, isfinite(y) ? y : ys->p0);
        pl_colour(cr, se->style.colour, 0.0, 1.0);
        set_dash(cr, se->style.dashed);
        cairo_set_line_width(cr, PL_LINE_W);
        cairo_stroke(cr);
        set_dash(cr, false);
    }
    for (i = 0; i < s->n_rugs; i++) { /* rows under y = 0, the first nearest the axis */
        const rl_plot_series_t *se = &s->rugs[i];
        double y1 = bottom - 2.0 - 7.0 * (s->n_rugs - 1 - i), y0 = y1 - 5.0;
        for (j = 0; j < se->n; j++) {
            double x = pl_map(xs, se->x[j]);
            if (isfinite(x)) {
                cairo_move_to(cr, x, y0);
                cairo_line_to(cr, x, y1);
            }
        }
        pl_colour(cr, se->style.colour, 0.0, 1.0);
        cairo_set_line_width(cr, 0.8);
        cairo_stroke(cr);
    }
}

static void
draw_histogram(cairo_t *cr, const pl_scale_t *xs, const pl_scale_t *ys, const pl_panel_t *p)
{
    const rl_plot_panel_t *s = p->spec;
    double base = pl_map(ys, 0.0);
    int i, k;
    if (!isfinite(base)) {
        base = ys->p0;
    }
    for (i = 0; i < s->n_series && p->n_bins > 0; i++) {
        const double *c = p->counts + (size_t) i * (size_t) p->n_bins;
        const rl_plot_style_t *st = &s->series[i].style;
        cairo_move_to(cr, pl_map(xs, p->edges[0]), base);
        for (k = 0; k < p->n_bins; k++) {
            double y = pl_map(ys, c[k]);
            y = isfinite(y) ? y : base;
            cairo_line_to(cr, pl_map(xs, p->edges[k]), y);
            cairo_line_to(cr, pl_map(xs, p->edges[k + 1]), y);
        }
        cairo_line_to(cr, pl_map(xs, p->edges[p->n_bins]), base);
        pl_colour(cr, st->colour, 0.0, st->open ? 0.0 : 0.15);
        cairo_fill_preserve(cr);
        pl_colour(cr, st->colour, 0.0, 1.0);
        set_dash(cr, st->dashed);
        cairo_set_line_width(cr, PL_LINE_W);
        cairo_stroke(cr);
        set_dash(cr, false);
    }
}

static double
golden_offset(int i)
{
    double f = (i + 1) * 0.6180339887498949;
    return f - floor(f) - 0.5;
}

static void
draw_bars(cairo_t *cr, const pl_scale_t *xs, const pl_scale_t *ys, const pl_panel_t *p)
{
    const rl_plot_bars_t *b = &p->spec->bars;
    double bw = (pl_map(xs, 1.0 + PL_CLUSTER) - pl_map(xs, 1.0)) / b->n_bars;
    double base = pl_map(ys, 0.0);
    int g, k, i, pass, first;
    if (!isfinite(base)) {
        base = ys->p0;
    }
    base = fmin(fmax(base, fmin(ys->p0, ys->p1)), fmax(ys->p0, ys->p1));
    /* pass 0: bars; 1: paired lines; 2: dots; 3: error bars (on top, always legible) */
    for (pass = 0; pass < 4; pass++) {
        first = 0;
        for (g = 0; g < b->n_groups; g++) {
            int ns = b->n_subjects != NULL ? b->n_subjects[g] : 0;
            for (k = 0; k < b->n_bars; k++) {
                size_t at = (size_t) g * (size_t) b->n_bars + (size_t) k;
                rl_plot_style_t st = pl_bar_style(b, k);
                double cx = pl_map(xs, g + 1.0) + (k + 0.5 - 0.5 * b->n_bars) * bw;
                double top = pl_map(ys, p->mean[at]);
                if (pass == 0 && isfinite(top)) {
                    cairo_rectangle(cr, cx - 0.42 * bw, base, 0.84 * bw, top - base);
                    fill_edge(cr, &st, 0.55, 1.0);
                } else if (pass == 3 && isfinite(top) && isfinite(p->sem[at])
                           && p->sem[at] > 0.0) {
                    double lo = pl_map(ys, p->mean[at] - p->sem[at]);
                    cairo_set_source_rgb(cr, 0.0, 0.0, 0.0);
                    cairo_set_line_width(cr, PL_ERR_W);
                    error_bar(cr, cx, isfinite(lo) ? lo : base,
                        pl_map(ys, p->mean[at] + p->sem[at]), fmin(PL_CAP_HALF + 0.8, 0.2 * bw));
                    cairo_stroke(cr);
                }
                for (i = 0; (pass == 1 || pass == 2) && i < ns; i++) {
                    size_t row = (size_t) (first + i) * (size_t) b->n_bars;
                    double dx = golden_offset(i) * 0.5 * bw;
                    double y = pl_map(ys, b->values[row + (size_t) k]);
                    if (!isfinite(y)) {
                        continue;
                    }
                    if (pass == 1 && b->paired && k + 1 < b->n_bars) {
                        double y2 = pl_map(ys, b->values[row + (size_t) k + 1]);
                        if (isfinite(y2)) {
                            cairo_move_to(cr, cx + dx, y);
                            cairo_line_to(cr, cx + bw + dx, y2);
                        }
                    } else if (pass == 2) {
                        cairo_new_sub_path(cr);
                        cairo_arc(cr, cx + dx, y, PL_DOT_R, 0.0, 2.0 * 3.14159265358979323846);
                    }
                }
                if (pass == 1) {
                    cairo_set_source_rgba(cr, 0.35, 0.35, 0.35, 0.8);
                    cairo_set_line_width(cr, 0.5);
                    cairo_stroke(cr);
                } else if (pass == 2) {
                    pl_colour(cr, st.colour, 0.0, 1.0);
                    cairo_fill_preserve(cr);
                    cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
                    cairo_set_line_width(cr, 0.4);
                    cairo_stroke(cr);
                }
            }
            first += ns;
        }
    }
}

/* Light vertical lines at the panel's vlines (event markers), behind the data. */
void
pl_draw_vlines(cairo_t *cr, const pl_figure_t *f, const pl_panel_t *p)
{
    const rl_plot_panel_t *s = p->spec;
    int i;
    if (s->kind == RL_PLOT_BARS || s->n_vlines == 0) {
        return;
    }
    for (i = 0; i < s->n_vlines; i++) {
        double x = pl_map(&f->x.s, s->vlines[i]);
        if (isfinite(x) && x >= p->area.x && x <= p->area.x + p->area.w) {
            cairo_move_to(cr, x, p->area.y);
            cairo_line_to(cr, x, p->area.y + p->area.h - p->rug_h);
        }
    }
    cairo_set_source_rgb(cr, 0.72, 0.72, 0.72);
    cairo_set_line_width(cr, 0.5);
    cairo_stroke(cr);
}

/* The data layer of panel p, clipped to its axes rectangle (plus room for markers). */
void
pl_draw_data(cairo_t *cr, const pl_figure_t *f, const pl_panel_t *p)
{
    cairo_save(cr);
    cairo_rectangle(cr, p->area.x - 3.5, p->area.y - 3.5, p->area.w + 7.0, p->area.h + 7.0);
    cairo_clip(cr);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    switch (p->spec->kind) {
    case RL_PLOT_LINES:
        draw_lines(cr, &f->x.s, &p->y.s, p->spec);
        break;
    case RL_PLOT_BARS:
        draw_bars(cr, &f->x.s, &p->y.s, p);
        break;
    case RL_PLOT_CUMULATIVE:
        draw_cumulative(cr, &f->x.s, &p->y.s, p);
        break;
    case RL_PLOT_HISTOGRAM:
        draw_histogram(cr, &f->x.s, &p->y.s, p);
        break;
    }
    cairo_restore(cr);
}

/* The legend sample of e in the box (x, y centre-left, width w). */
void
pl_draw_sample(cairo_t *cr, const pl_entry_t *e, double x, double y, double w)
{
    const rl_plot_style_t *st = &e->style;
    switch (e->sample) {
    case PL_SAMPLE_LINE:
        cairo_move_to(cr, x, y);
        cairo_line_to(cr, x + w, y);
        pl_colour(cr, st->colour, 0.0, 1.0);
        set_dash(cr, st->dashed);
        cairo_set_line_width(cr, PL_LINE_W);
        cairo_stroke(cr);
        set_dash(cr, false);
        if (st->marker != RL_PLOT_MARKER_NONE) {
            marker_path(cr, st->marker, x + 0.5 * w, y);
            fill_edge(cr, st, 0.0, 0.9);
        }
        break;
    case PL_SAMPLE_BOX:
        cairo_rectangle(cr, x + 0.5 * w - 4.0, y - 3.5, 8.0, 7.0);
        fill_edge(cr, st, 0.55, 1.0);
        break;
    case PL_SAMPLE_HIST:
        cairo_rectangle(cr, x + 0.5 * w - 5.0, y - 3.5, 10.0, 7.0);
        pl_colour(cr, st->colour, 0.0, st->open ? 0.0 : 0.15);
        cairo_fill_preserve(cr);
        pl_colour(cr, st->colour, 0.0, 1.0);
        set_dash(cr, st->dashed);
        cairo_set_line_width(cr, PL_LINE_W);
        cairo_stroke(cr);
        set_dash(cr, false);
        break;
    case PL_SAMPLE_TICK:
        cairo_move_to(cr, x + 0.5 * w, y - 3.0);
        cairo_line_to(cr, x + 0.5 * w, y + 3.0);
        pl_colour(cr, st->colour, 0.0, 1.0);
        cairo_set_line_width(cr, 0.8);
        cairo_stroke(cr);
        break;
    }
}
