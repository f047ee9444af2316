/* facets.c -- small multiples: the panels of a figure in a grid with shared axes and one
** legend (rl_plot_figure_t.facet_cols > 0; see plot.h).
**
** Layout. The grid has cols = min(facet_cols, n) columns and ceil(n / cols) rows. Margins
** are measured like figure.c's: left for the y label (once, rotated, centred on the grid)
** and the y tick labels of the left column; bottom for the x tick labels and the x label
** (once, centred under the grid); top for the title; right for the legend (a column of
** entries right of the grid, top-aligned with its first row) and the overhang of the last
** x tick label. Between rows, room for a panel's title and the x tick labels of a panel
** that is the bottom one of its column (the row below is incomplete); between columns,
** a small gap, as inner panels carry no y tick labels. Both axes are computed once: x over
** every panel's data (as figure.c does), y over every panel's data with panel[0]'s axis
** settings; each panel then gets the shared y axis mapped onto its own rectangle.
** Drawing reuses the chart code of charts.c and the axis code of axes.c unchanged; tick
** labels are left out of inner panels by blanking them in a copy of the axis.
*/
#include "plot_internal.h"
#include "core/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PL_PI 3.14159265358979323846
#define FC_GAP_X 8.0             /* between columns */
#define FC_TITLE_FS 9.0          /* panel titles */
#define FC_LEG_ROW (1.3 * PL_FS_LEGEND)
#define FC_LEG_SAMPLE 16.0

static double
block_h(const pl_lines_t *l)
{
    return l->n > 0 ? (l->n - 1) * PL_LINE * l->size + (PL_CAP + 0.24) * l->size : 0.0;
}

static int
clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* The legend: fig->legend, or each distinct series label once. entries has room for the
** sum of the panels' entries or n_legend. Returns the number of entries. */
static int
legend_entries(const pl_figure_t *f, pl_entry_t *entries)
{
    const rl_plot_figure_t *fig = f->spec;
    int n = 0, i, j, k;
    if (fig->legend != NULL) {
        for (i = 0; i < fig->n_legend; i++) {
            if (fig->legend[i].label != NULL && fig->legend[i].label[0] != '\0') {
                entries[n].label = fig->legend[i].label;
                entries[n].style = fig->legend[i].style;
                entries[n++].sample = PL_SAMPLE_LINE;
            }
        }
        return n;
    }
    for (i = 0; i < f->n; i++) {
        for (j = 0; j < f->p[i].n_entries; j++) {
            const pl_entry_t *e = &f->p[i].entries[j];
            for (k = 0; k < n && strcmp(entries[k].label, e->label) != 0; k++) {
            }
            if (k == n) {
                entries[n++] = *e;
            }
        }
    }
    return n;
}

/* The grid's geometry. */
typedef struct grid {
    int cols, rows;
    double left, top, cell_w, cell_h, gap_y, title_h, xblock;
    pl_axis_t y;                 /* the shared y axis (scale positions of the first row) */
    pl_lines_t ylabel, xlabel;
    pl_entry_t *entries;
    int n_entries;
    double leg_w, leg_x;
} grid_t;

/* Lay out the grid: margins, cells, both axes. */
static int
layout(cairo_t *cr, pl_figure_t *f, grid_t *g)
{
    const rl_plot_figure_t *fig = f->spec;
    const rl_plot_axis_t *yspec = &fig->panel[0].y;
    double y0 = INFINITY, y1 = -INFINITY, top, bottom, right, grid_h, grid_w, lab_w, tw = 0.0;
    bool counts = false;
    int i, rc, max_int, pass;

    for (i = 0; i < f->n; i++) {
        y0 = fmin(y0, f->p[i].y0);
        y1 = fmax(y1, f->p[i].y1);
        counts = counts || f->p[i].spec->kind != RL_PLOT_LINES;
    }
    pl_font(cr, PL_FS_LEGEND, false);
    for (i = 0; i < g->n_entries; i++) {
        tw = fmax(tw, pl_text_width(cr, g->entries[i].label));
    }
    g->leg_w = g->n_entries > 0 ? 2 * 3.0 + FC_LEG_SAMPLE + 4.0 + tw : 0.0;
    g->cols = clampi(fig->facet_cols, 1, f->n);
    g->rows = (f->n + g->cols - 1) / g->cols;
    pl_font(cr, PL_FS_TITLE, true);
    pl_wrap(cr, fig->title, f->w - 2 * PL_PAD, 2, PL_FS_TITLE, 8.0, &f->title);
    g->title_h = FC_TITLE_FS * (PL_CAP + 0.24) + 3.0;
    g->xblock = PL_CAP * PL_FS_TICK + 1.0;
    top = PL_PAD + (f->title.n > 0 ? block_h(&f->title) + 6.0 : 0.0) + g->title_h;
    g->gap_y = PL_TICK_LEN + 2.5 + g->xblock + 4.0 + g->title_h;
    right = PL_PAD + (g->leg_w > 0.0 ? g->leg_w + 8.0 : 0.0);
    g->cell_w = 0.7 * f->w / g->cols; /* a first guess for the x ticks */
    for (pass = 0; pass < 2; pass++) {
        pl_font(cr, PL_FS_LABEL, false);
        pl_wrap(cr, fig->x.label, g->cols * g->cell_w, 2, PL_FS_LABEL, PL_FS_MIN, &g->xlabel);
        bottom = PL_PAD + (g->xlabel.n > 0 ? block_h(&g->xlabel) + 5.0 : 0.0) + g->xblock
            + 2.5 + PL_TICK_LEN;
        grid_h = f->h - top - bottom;
        g->cell_h = fmax((grid_h - g->gap_y * (g->rows - 1)) / g->rows, 12.0);
        max_int = clampi((int) (g->cell_h / 20.0), 2, 6);
        if ((rc = pl_axis_ticks(&g->y, yspec, y0, y1, counts, max_int)) != 0) {
            return rc;
        }
        pl_font(cr, PL_FS_LABEL, false);
        pl_wrap(cr, yspec->label, grid_h, 2, PL_FS_LABEL, PL_FS_MIN, &g->ylabel);
        lab_w = pl_axis_label_width(cr, &g->y);
        g->left = PL_PAD + (g->ylabel.n > 0 ? block_h(&g->ylabel) + 5.0 : 0.0) + lab_w + 2.5
            + PL_TICK_LEN;
        /* x ticks: as many as fit in a cell with their labels apart */
        for (max_int = clampi((int) (g->cell_w / 40.0), 2, 8);; max_int--) {
            double lw;
            if ((rc = pl_axis_ticks(&f->x, &fig->x, f->x0, f->x1, false, max_int)) != 0) {
                return rc;
            }
            lw = pl_axis_label_width(cr, &f->x);
            if (max_int <= 1 || f->x.t.n < 2 || f->x.s.log
                || (lw + 8.0) * (f->x.t.n - 1) <= g->cell_w) {
                double last = f->x.t.n > 0 ? pl_text_width(cr, f->x.text[f->x.t.n - 1]) : 0.0;
                right = PL_PAD + fmax(g->leg_w > 0.0 ? g->leg_w + 8.0 : 0.0, 0.5 * last);
                break;
            }
        }
        grid_w = f->w - g->left - right;
        g->cell_w = fmax((grid_w - FC_GAP_X * (g->cols - 1)) / g->cols, 12.0);
    }
    g->top = top;
    g->leg_x = g->left + g->cols * g->cell_w + (g->cols - 1) * FC_GAP_X + 8.0;
    return 0;
}

static void
draw_legend(cairo_t *cr, const grid_t *g)
{
    int i;
    for (i = 0; i < g->n_entries; i++) {
        double y = g->top + 3.0 + (i + 0.5) * FC_LEG_ROW;
        pl_draw_sample(cr, &g->entries[i], g->leg_x + 3.0, y, FC_LEG_SAMPLE);
        cairo_set_source_rgb(cr, 0.0, 0.0, 0.0);
        pl_font(cr, PL_FS_LEGEND, false);
        pl_text(cr, g->entries[i].label, g->leg_x + 3.0 + FC_LEG_SAMPLE + 4.0, y, 0.0, 0.5, 0.0);
    }
}

/* Draw panel i in its cell. */
static void
draw_panel(cairo_t *cr, pl_figure_t *f, const grid_t *g, int i)
{
    pl_panel_t *p = &f->p[i];
    int row = i / g->cols, col = i % g->cols, k;
    bool bottom = i + g->cols >= f->n;
    pl_axis_t x = f->x;
    pl_lines_t title;

    p->area.x = g->left + col * (g->cell_w + FC_GAP_X);
    p->area.y = g->top + row * (g->cell_h + g->gap_y);
    p->area.w = g->cell_w;
    p->area.h = g->cell_h;
    p->y = g->y;
    p->y.s.p0 = p->area.y + p->area.h - p->rug_h;
    p->y.s.p1 = p->area.y;
    if (col > 0) {
        for (k = 0; k < p->y.t.n; k++) {
            p->y.text[k][0] = '\0';
        }
    }
    f->x.s.p0 = p->area.x;
    f->x.s.p1 = p->area.x + p->area.w;
    x.s = f->x.s;
    pl_draw_vlines(cr, f, p);
    pl_draw_data(cr, f, p);
    pl_draw_y_axis(cr, &p->y, &p->area);
    pl_draw_x_axis(cr, &x, &p->area, bottom);
    if (p->spec->title != NULL && p->spec->title[0] != '\0') {
        pl_font(cr, FC_TITLE_FS, false);
        if (pl_wrap(cr, p->spec->title, p->area.w, 1, FC_TITLE_FS, PL_FS_MIN, &title)
            || title.n > 0) {
            cairo_set_source_rgb(cr, 0.0, 0.0, 0.0);
            pl_lines_draw(cr, &title, p->area.x + 0.5 * p->area.w, p->area.y - g->title_h, 0.0);
        }
    }
}

int
pl_facets_draw(cairo_t *cr, pl_figure_t *f, rl_error_t *err)
{
    grid_t g;
    size_t room = (size_t) f->spec->n_legend + 1;
    int i, rc;

    memset(&g, 0, sizeof g);
    for (i = 0; i < f->n; i++) {
        if (f->p[i].spec->kind == RL_PLOT_BARS) {
            return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
                "figure panel %d: a bar chart cannot be a small multiple", i + 1);
        }
        room += (size_t) f->p[i].n_entries;
    }
    if ((g.entries = rl_calloc(room, sizeof *g.entries)) == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    g.n_entries = legend_entries(f, g.entries);
    if ((rc = layout(cr, f, &g)) != 0) {
        free(g.entries);
        return rl_error_set(err, rc, NULL, 0, 0, "cannot lay out the axes");
    }
    pl_draw_page(cr, f);
    for (i = 0; i < f->n; i++) {
        draw_panel(cr, f, &g, i);
    }
    cairo_set_source_rgb(cr, 0.0, 0.0, 0.0);
    if (g.ylabel.n > 0) {
        double grid_h = g.rows * g.cell_h + (g.rows - 1) * g.gap_y;
        pl_font(cr, PL_FS_LABEL, false);
        pl_lines_draw(cr, &g.ylabel, PL_PAD, g.top + 0.5 * grid_h, -PL_PI / 2);
    }
    if (g.xlabel.n > 0) {
        double grid_w = g.cols * g.cell_w + (g.cols - 1) * FC_GAP_X;
        double y = g.top + g.rows * g.cell_h + (g.rows - 1) * g.gap_y + PL_TICK_LEN + 2.5
            + g.xblock + 5.0;
        pl_font(cr, PL_FS_LABEL, false);
        pl_lines_draw(cr, &g.xlabel, g.left + 0.5 * grid_w, y, 0.0);
    }
    draw_legend(cr, &g);
    free(g.entries);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "drawing failed: %s",
            cairo_status_to_string(cairo_status(cr)));
    }
    return 0;
}
