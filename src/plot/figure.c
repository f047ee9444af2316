/* figure.c -- layout of a figure (margins, panels, labels, legend) and its drawing.
**
** Layout is measured, not guessed: the margins come from the extents of the actual tick
** labels, axis labels and title at their font sizes, so nothing is clipped at the figure
** edge. Some quantities depend on each other (the y-label wrap depends on the panel
** height, which depends on the bottom margin, which depends on how the category labels
** wrap, which depends on the left margin), so layout runs a fixed three passes.
**
** Legend placement (RL_PLOT_LEGEND_AUTO): the data layer is painted into an 8-bit alpha
** mask at 1 px per point, with the same drawing code as the figure, and the legend goes
** into the first corner of the axes (top right, top left, bottom right, bottom left)
** whose box holds no painted pixel; if every corner is taken it goes right of the axes,
** and the layout is redone with that margin.
*/
#include "plot_internal.h"
#include "core/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PL_PI 3.14159265358979323846
#define PL_PANEL_GAP (PL_TICK_LEN + 10.0)
#define PL_LEG_ROW (1.3 * PL_FS_LEGEND)
#define PL_LEG_SAMPLE 16.0
#define PL_LEG_PAD 3.0

/* Height of a block of text from the top of the caps to the bottom of the descenders. */
static double
block_height(const pl_lines_t *l)
{
    return l->n > 0 ? (l->n - 1) * PL_LINE * l->size + (PL_CAP + 0.24) * l->size : 0.0;
}

static bool
counts_axis(const pl_panel_t *p)
{
    return p->spec->kind != RL_PLOT_LINES;
}

static int
clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Lay out the categories of a bar chart under an axis of width w; sets f->cat_rotated
** and returns the height of the label block. */
static double
layout_categories(cairo_t *cr, pl_figure_t *f, double w, double *left_need)
{
    const rl_plot_bars_t *b = &f->p[0].spec->bars;
    double spacing = w / b->n_groups, maxw = 0.0, maxh = 0.0;
    int g;
    pl_font(cr, PL_FS_TICK, false);
    f->cat_rotated = false;
    for (g = 0; g < b->n_groups; g++) {
        if (!pl_wrap(cr, b->group_names[g], spacing - 3.0, 3, PL_FS_TICK, 8.0, &f->cat[g])) {
            f->cat_rotated = true;
        }
        maxh = fmax(maxh, block_height(&f->cat[g]));
    }
    *left_need = 0.0;
    if (!f->cat_rotated) {
        return maxh;
    }
    cairo_set_font_size(cr, PL_FS_TICK);
    for (g = 0; g < b->n_groups; g++) {
        double tw = pl_text_width(cr, b->group_names[g]);
        maxw = fmax(maxw, tw);
        *left_need = fmax(*left_need, tw * cos(PL_PI / 4) - (g + 0.5) * spacing);
    }
    return maxw * sin(PL_PI / 4) + PL_CAP * PL_FS_TICK;
}

static void
legend_size(cairo_t *cr, pl_panel_t *p)
{
    double tw = 0.0;
    int i;
    pl_font(cr, PL_FS_LEGEND, false);
    for (i = 0; i < p->n_entries; i++) {
        tw = fmax(tw, pl_text_width(cr, p->entries[i].label));
    }
    p->leg_w = 2 * PL_LEG_PAD + PL_LEG_SAMPLE + 4.0 + tw;
    p->leg_h = 2 * PL_LEG_PAD + p->n_entries * PL_LEG_ROW;
}

static bool
has_legend(const pl_panel_t *p)
{
    return p->n_entries > 0 && p->spec->legend != RL_PLOT_LEGEND_NONE;
}

/* One layout pass: margins, panel rectangles, ticks, scales, wrapped labels. */
static int
layout_pass(cairo_t *cr, pl_figure_t *f)
{
    const rl_plot_figure_t *fig = f->spec;
    double top, bottom, left, right, ph, xblock, left_need = 0.0, lab_w = 0.0, ymax_block = 0.0;
    double leg_out = 0.0, area_w;
    int i, rc, max_int;

    pl_font(cr, PL_FS_TITLE, true);
    pl_wrap(cr, fig->title, f->w - 2 * PL_PAD, 2, PL_FS_TITLE, 8.0, &f->title);
    top = PL_PAD + (f->title.n > 0 ? block_height(&f->title) + 6.0 : 0.0)
        + 0.5 * PL_CAP * PL_FS_TICK + 1.0;
    for (i = 0; i < f->n; i++) {
        if (has_legend(&f->p[i]) && f->p[i].leg_outside) {
            leg_out = fmax(leg_out, f->p[i].leg_w + 6.0);
        }
    }
    /* horizontal extent of the axes from the previous pass (first pass: a guess) */
    area_w = f->p[0].area.w > 0.0 ? f->p[0].area.w : 0.7 * f->w;
    if (f->categorical) {
        xblock = layout_categories(cr, f, area_w, &left_need);
    } else {
        xblock = PL_CAP * PL_FS_TICK + 1.0;
    }
    pl_font(cr, PL_FS_LABEL, false);
    pl_wrap(cr, fig->x.label, area_w, 2, PL_FS_LABEL, PL_FS_MIN, &f->xlabel);
    f->xblock = xblock;
    bottom = PL_PAD + (f->xlabel.n > 0 ? block_height(&f->xlabel) + 5.0 : 0.0) + xblock
        + 2.5 + PL_TICK_LEN;
    ph = (f->h - top - bottom - PL_PANEL_GAP * (f->n - 1)) / f->n;
    ph = fmax(ph, 12.0);
    for (i = 0; i < f->n; i++) {
        pl_panel_t *p = &f->p[i];
        p->area.y = top + i * (ph + PL_PANEL_GAP);
        p->area.h = ph;
        max_int = clampi((int) ((ph - p->rug_h) / 20.0), 2, 6);
        rc = pl_axis_ticks(&p->y, &p->spec->y, p->y0, p->y1, counts_axis(p), max_int);
        if (rc != 0) {
            return rc;
        }
        p->y.s.p0 = p->area.y + p->area.h - p->rug_h;
        p->y.s.p1 = p->area.y;
        pl_font(cr, PL_FS_LABEL, false);
        pl_wrap(cr, p->spec->y.label, ph, 2, PL_FS_LABEL, PL_FS_MIN, &p->ylabel);
        ymax_block = fmax(ymax_block, block_height(&p->ylabel));
        lab_w = fmax(lab_w, pl_axis_label_width(cr, &p->y));
    }
    left = PL_PAD + (ymax_block > 0.0 ? ymax_block + 5.0 : 0.0) + lab_w + 2.5 + PL_TICK_LEN;
    left = fmax(left, PL_PAD + left_need);
    right = PL_PAD + leg_out;
    if (!f->categorical) {
        /* x ticks: as many as fit with their labels apart; the last label's overhang */
        for (max_int = clampi((int) (area_w / 40.0), 2, 8);; max_int--) {
            double lw, last_w;
            rc = pl_axis_ticks(&f->x, &fig->x, f->x0, f->x1, false, max_int);
            if (rc != 0) {
                return rc;
            }
            lw = pl_axis_label_width(cr, &f->x);
            if (max_int <= 1 || f->x.t.n < 2 || f->x.s.log
                || (lw + 8.0) * (f->x.t.n - 1) <= area_w) {
                last_w = f->x.t.n > 0 ? pl_text_width(cr, f->x.text[f->x.t.n - 1]) : 0.0;
                right = PL_PAD + fmax(leg_out, 0.5 * last_w);
                break;
            }
        }
    } else {
        f->x.s.log = false;
        f->x.s.d0 = 0.5;
        f->x.s.d1 = f->p[0].spec->bars.n_groups + 0.5;
        f->x.t.n = 0;
        f->x.n_minor = 0;
    }
    for (i = 0; i < f->n; i++) {
        pl_panel_t *p = &f->p[i];
        p->area.x = left;
        p->area.w = fmax(f->w - left - right, 12.0);
    }
    f->x.s.p0 = left;
    f->x.s.p1 = left + f->p[0].area.w;
    return 0;
}

/* Is any pixel of the mask painted inside r (grown by 2 pt)? */
static bool
occupied(cairo_surface_t *mask, const pl_rect_t *r)
{
    unsigned char *px = cairo_image_surface_get_data(mask);
    int stride = cairo_image_surface_get_stride(mask);
    int mw = cairo_image_surface_get_width(mask), mh = cairo_image_surface_get_height(mask);
    int x0 = clampi((int) floor(r->x - 2.0), 0, mw);
    int x1 = clampi((int) ceil(r->x + r->w + 2.0), 0, mw);
    int y0 = clampi((int) floor(r->y - 2.0), 0, mh);
    int y1 = clampi((int) ceil(r->y + r->h + 2.0), 0, mh);
    int x, y;
    for (y = y0; y < y1; y++) {
        for (x = x0; x < x1; x++) {
            if (px[(size_t) y * (size_t) stride + (size_t) x] > 8) {
                return true;
            }
        }
    }
    return false;
}

/* Place the legend of panel p in a free corner; false if none is free. */
static bool
place_inside(pl_figure_t *f, pl_panel_t *p, cairo_surface_t *mask)
{
    double l = p->area.x + 8.0, r = p->area.x + p->area.w - p->leg_w;
    double t = p->area.y, b = p->area.y + p->area.h - p->rug_h - p->leg_h - 3.0;
    const double corner[4][2] = {{r, t}, {l, t}, {r, b}, {l, b}};
    cairo_t *cr;
    int i;
    memset(cairo_image_surface_get_data(mask), 0,
        (size_t) cairo_image_surface_get_stride(mask)
        * (size_t) cairo_image_surface_get_height(mask));
    cairo_surface_mark_dirty(mask);
    cr = cairo_create(mask);
    pl_draw_data(cr, f, p);
    cairo_destroy(cr);
    cairo_surface_flush(mask);
    for (i = 0; i < 4; i++) {
        pl_rect_t box = {corner[i][0], corner[i][1], p->leg_w, p->leg_h};
        if (p->leg_w > p->area.w - 8.0 || p->leg_h > p->area.h - p->rug_h) {
            return false;
        }
        if (!occupied(mask, &box)) {
            p->leg = box;
            return true;
        }
    }
    return false;
}

static int
layout(cairo_t *cr, pl_figure_t *f, rl_error_t *err)
{
    cairo_surface_t *mask;
    int i, iter, pass, rc;
    bool changed = true;
    for (i = 0; i < f->n; i++) {
        legend_size(cr, &f->p[i]);
        f->p[i].leg_outside = f->p[i].spec->legend == RL_PLOT_LEGEND_OUTSIDE;
    }
    mask = cairo_image_surface_create(CAIRO_FORMAT_A8, (int) ceil(f->w), (int) ceil(f->h));
    if (cairo_surface_status(mask) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(mask);
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    for (iter = 0; changed && iter <= f->n; iter++) {
        for (pass = 0; pass < 3; pass++) {
            if ((rc = layout_pass(cr, f)) != 0) {
                cairo_surface_destroy(mask);
                return rl_error_set(err, rc, NULL, 0, 0, "cannot lay out the axes");
            }
        }
        changed = false;
        for (i = 0; i < f->n; i++) {
            pl_panel_t *p = &f->p[i];
            if (has_legend(p) && !p->leg_outside && !place_inside(f, p, mask)) {
                p->leg_outside = true;
                changed = true;
            }
        }
    }
    cairo_surface_destroy(mask);
    for (i = 0; i < f->n; i++) {
        pl_panel_t *p = &f->p[i];
        if (p->leg_outside) {
            p->leg.x = p->area.x + p->area.w + 6.0;
            p->leg.y = p->area.y;
            p->leg.w = p->leg_w;
            p->leg.h = p->leg_h;
        }
    }
    return 0;
}

/* ---- drawing ---- */

static void
draw_legend(cairo_t *cr, const pl_panel_t *p)
{
    int i;
    if (!has_legend(p)) {
        return;
    }
    if (!p->leg_outside) {
        cairo_rectangle(cr, p->leg.x, p->leg.y, p->leg.w, p->leg.h);
        cairo_set_source_rgba(cr, 1.0, 1.0, 1.0, 0.85);
        cairo_fill(cr);
    }
    for (i = 0; i < p->n_entries; i++) {
        double y = p->leg.y + PL_LEG_PAD + (i + 0.5) * PL_LEG_ROW;
        pl_draw_sample(cr, &p->entries[i], p->leg.x + PL_LEG_PAD, y, PL_LEG_SAMPLE);
        cairo_set_source_rgb(cr, 0.0, 0.0, 0.0);
        pl_font(cr, PL_FS_LEGEND, false);
        pl_text(cr, p->entries[i].label, p->leg.x + PL_LEG_PAD + PL_LEG_SAMPLE + 4.0, y, 0.0,
            0.5, 0.0);
    }
}

static void
draw_categories(cairo_t *cr, const pl_figure_t *f, const pl_rect_t *area)
{
    const rl_plot_bars_t *b = &f->p[0].spec->bars;
    double y0 = area->y + area->h;
    int g;
    cairo_set_source_rgb(cr, 0.0, 0.0, 0.0);
    cairo_set_line_width(cr, PL_SPINE_W);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
    cairo_move_to(cr, area->x, y0);
    cairo_line_to(cr, area->x + area->w, y0);
    cairo_stroke(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    pl_font(cr, PL_FS_TICK, false);
    for (g = 0; g < b->n_groups; g++) {
        double cx = pl_map(&f->x.s, g + 1.0);
        if (f->cat_rotated) {
            pl_text(cr, b->group_names[g], cx + 2.0, y0 + PL_TICK_LEN + 2.5, 1.0, 0.5,
                -PL_PI / 4);
        } else {
            pl_lines_draw(cr, &f->cat[g], cx, y0 + PL_TICK_LEN + 2.5, 0.0);
        }
    }
}

void
pl_draw_page(cairo_t *cr, const pl_figure_t *f)
{
    cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0.0, 0.0, 0.0);
    if (f->title.n > 0) {
        pl_font(cr, PL_FS_TITLE, true);
        pl_lines_draw(cr, &f->title, 0.5 * f->w, PL_PAD, 0.0);
    }
}

static void
draw(cairo_t *cr, const pl_figure_t *f)
{
    const pl_panel_t *bottom = &f->p[f->n - 1];
    double ymax_block = 0.0;
    int i;
    pl_draw_page(cr, f);
    for (i = 0; i < f->n; i++) {
        ymax_block = fmax(ymax_block, block_height(&f->p[i].ylabel));
    }
    for (i = 0; i < f->n; i++) {
        const pl_panel_t *p = &f->p[i];
        pl_draw_vlines(cr, f, p);
        pl_draw_data(cr, f, p);
        pl_draw_y_axis(cr, &p->y, &p->area);
        if (f->categorical) {
            draw_categories(cr, f, &p->area);
        } else {
            pl_draw_x_axis(cr, &f->x, &p->area, i == f->n - 1);
        }
        if (p->ylabel.n > 0) {
            cairo_set_source_rgb(cr, 0.0, 0.0, 0.0);
            pl_font(cr, PL_FS_LABEL, false);
            pl_lines_draw(cr, &p->ylabel, PL_PAD + ymax_block - block_height(&p->ylabel),
                p->area.y + 0.5 * (p->area.h - p->rug_h), -PL_PI / 2);
        }
        draw_legend(cr, p);
    }
    if (f->xlabel.n > 0) {
        double y = bottom->area.y + bottom->area.h + PL_TICK_LEN + 2.5 + f->xblock + 5.0;
        cairo_set_source_rgb(cr, 0.0, 0.0, 0.0);
        pl_font(cr, PL_FS_LABEL, false);
        pl_lines_draw(cr, &f->xlabel, bottom->area.x + 0.5 * bottom->area.w, y, 0.0);
    }
}

/* Draw fig on cr, a page of w_pt x h_pt points (cr's user space in points); small
** multiples are laid out by facets.c. Returns 0, RL_ERR_NOMEM or RL_ERR_INVALID (e.g. a
** bin width giving too many bins, more than 4 stacked panels). */
int
pl_figure_draw(cairo_t *cr, const rl_plot_figure_t *fig, double w_pt, double h_pt,
    rl_error_t *err)
{
    pl_figure_t *f = rl_calloc(1, sizeof *f);
    cairo_font_options_t *fo;
    int i, rc = 0;
    if (f == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    if (fig->facet_cols <= 0 && fig->n_panels > RL_PLOT_MAX_STACKED) {
        free(f);
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "figure: n_panels must be 1 .. %d for stacked panels (more as small multiples)",
            RL_PLOT_MAX_STACKED);
    }
    f->spec = fig;
    f->w = w_pt;
    f->h = h_pt;
    f->n = fig->n_panels;
    f->categorical = fig->panel[0].kind == RL_PLOT_BARS;
    f->x0 = INFINITY;
    f->x1 = -INFINITY;
    fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    cairo_set_font_options(cr, fo);
    cairo_font_options_destroy(fo);
    if (f->categorical) {
        f->cat = rl_calloc((size_t) fig->panel[0].bars.n_groups, sizeof *f->cat);
        if (f->cat == NULL) {
            rc = rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
            goto out;
        }
    }
    for (i = 0; i < f->n; i++) {
        f->p[i].spec = &fig->panel[i];
        if ((rc = pl_panel_prepare(&f->p[i], fig, err)) != 0) {
            goto out;
        }
        f->x0 = fmin(f->x0, f->p[i].x0);
        f->x1 = fmax(f->x1, f->p[i].x1);
    }
    if (fig->facet_cols > 0) {
        rc = pl_facets_draw(cr, f, err); /* small multiples: facets.c */
        goto out;
    }
    if ((rc = layout(cr, f, err)) != 0) {
        goto out;
    }
    draw(cr, f);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        rc = rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "drawing failed: %s",
            cairo_status_to_string(cairo_status(cr)));
    }
out:
    for (i = 0; i < f->n; i++) {
        pl_panel_release(&f->p[i]);
    }
    free(f->cat);
    free(f);
    return rc;
}
