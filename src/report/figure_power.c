/* figure_power.c -- the power-curve figure of `relapselab power` (power.h,
** rl_power_write_figure) and of the power section of the HTML report (report_power.c),
** drawn by the plot module from a power document (power_doc.h: sweeps just run, or their
** JSON read back).
**
** Top panel: the rate of every row with an expected result against n -- the power of the
** findings, and the rates of equivalence and estimate rows (dashed) -- each row a palette
** colour (of six) and, after six, another marker; a dashed black line at the target. Report rows
** (no expected result, e.g. per-region c-Fos) are left to the tables.
** Bottom panel (when there are null checks): how often a difference shows in each null row
** (all in one colour, one legend entry) with a dashed line at alpha -- the false-positive
** rate where the groups do not differ. Intervals are not drawn (they are in the table,
** the JSON and the CSV). The figure grows with the legend so every entry fits.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/plot.h"
#include "relapselab/power.h"
#include "core/alloc.h"

#include "power_doc.h"

#define LABEL_MAX 96

typedef struct curves {
    int n_series, cap;
    rl_plot_series_t *series;
    double *xy;                 /* per series: n x values, then n y values */
    char *labels;               /* per series: LABEL_MAX bytes */
} curves_t;

/* Room for n series of up to n_x points each. */
static int
curves_init(curves_t *c, int n, int n_x)
{
    memset(c, 0, sizeof *c);
    c->cap = n;
    c->series = rl_calloc((size_t) n + 1, sizeof *c->series);
    c->xy = rl_calloc((size_t) (n + 1) * 2 * (size_t) n_x, sizeof *c->xy);
    c->labels = rl_calloc((size_t) (n + 1) * LABEL_MAX, 1);
    return c->series != NULL && c->xy != NULL && c->labels != NULL ? 0 : RL_ERR_NOMEM;
}

static void
curves_free(curves_t *c)
{
    free(c->series);
    free(c->xy);
    free(c->labels);
}

/* A new series of n_x points; its x and y arrays to fill, its label buffer. */
static rl_plot_series_t *
curves_add(curves_t *c, int n_x, double **x, double **y, char **label)
{
    rl_plot_series_t *s = &c->series[c->n_series];
    *x = c->xy + (size_t) c->n_series * 2 * (size_t) n_x;
    *y = *x + n_x;
    *label = c->labels + (size_t) c->n_series * LABEL_MAX;
    s->x = *x;
    s->y = *y;
    s->n = n_x;
    c->n_series++;
    return s;
}

/* The short legend label of a row: "S2 breakpoint, Oprd1-KO-cocaine" (file id first when
** several files are drawn). */
static void
row_label(const rl_pdoc_sweep_t *sw, const rl_pdoc_row_t *row, bool with_file, char *buf)
{
    char full[256], *comma;
    snprintf(full, sizeof full, "%s", row->label);
    if ((comma = strstr(full, " vs ")) != NULL) {
        *comma = '\0';
    }
    snprintf(buf, LABEL_MAX, "%.20s%s%.12s %.56s", with_file ? sw->claims : "",
        with_file ? ": " : "", row->id, full);
}

/* A horizontal reference line at y from x0 to x1. */
static void
add_level(curves_t *c, double x0, double x1, double y, const char *text)
{
    double *x, *yy;
    char *label;
    rl_plot_series_t *s = curves_add(c, 2, &x, &yy, &label);
    x[0] = x0;
    x[1] = x1;
    yy[0] = yy[1] = y;
    snprintf(label, LABEL_MAX, "%s", text);
    s->label = label;
    s->style.colour = 0;
    s->style.dashed = true;
}

static void
add_rows(curves_t *top, curves_t *bottom, const rl_pdoc_sweep_t *sw, bool with_file,
    int *colour)
{
    static const rl_plot_marker_t markers[] = {RL_PLOT_MARKER_CIRCLE, RL_PLOT_MARKER_SQUARE,
        RL_PLOT_MARKER_TRIANGLE, RL_PLOT_MARKER_DIAMOND};
    int k, j, n_x = sw->n_sizes;
    for (k = 0; k < sw->n_rows; k++) {
        rl_power_kind_t kind = sw->rows[k].kind;
        bool null = kind == RL_POWER_NULL;
        curves_t *c = null ? bottom : top;
        double *x, *y;
        char *label;
        rl_plot_series_t *s;
        if (kind == RL_POWER_DESCRIPTION || kind == RL_POWER_EITHER_WAY) {
            continue; /* reports without an expected result: in the tables only */
        }
        s = curves_add(c, n_x, &x, &y, &label);
        for (j = 0; j < n_x; j++) {
            x[j] = sw->rows[k].cells[j].n;
            y[j] = 100.0 * sw->rows[k].cells[j].rate;
        }
        if (null) {
            s->style.colour = 2;
            s->style.marker = RL_PLOT_MARKER_CIRCLE;
            s->style.open = true;
            if (c->n_series == 2) { /* the first after the alpha line */
                snprintf(label, LABEL_MAX, "null checks (each row)");
                s->label = label;
            }
            continue;
        }
        row_label(sw, &sw->rows[k], with_file, label);
        s->label = label;
        /* palette 1..6: black is the target line, yellow is faint on white */
        s->style.colour = 1 + *colour % 6;
        s->style.marker = markers[(*colour / 6) % 4];
        s->style.dashed = kind != RL_POWER_FINDING;
        (*colour)++;
    }
}

struct rl_pdoc_figure {
    curves_t top, bottom;
};

void
rl_pdoc_figure_free(rl_pdoc_figure_t *store)
{
    if (store != NULL) {
        curves_free(&store->top);
        curves_free(&store->bottom);
        free(store);
    }
}

int
rl_pdoc_figure(const rl_power_doc_t *doc, rl_plot_figure_t *fig, rl_pdoc_figure_t **store,
    const char *path, rl_error_t *err)
{
    rl_pdoc_figure_t *st;
    curves_t *top, *bottom;
    double x0 = INFINITY, x1 = -INFINITY;
    int i, n = doc->n_sweeps, rows = 0, n_x = 1, colour = 0, ret;
    char target[64], alpha[64];

    *store = NULL;
    for (i = 0; i < n; i++) {
        const rl_pdoc_sweep_t *sw = &doc->sweeps[i];
        rows += sw->n_rows;
        n_x = sw->n_sizes > n_x ? sw->n_sizes : n_x;
        x0 = fmin(x0, sw->sizes[0]);
        x1 = fmax(x1, sw->sizes[sw->n_sizes - 1]);
    }
    if (n < 1) {
        return rl_error_set(err, RL_ERR_INVALID, path, 0, 0, "no power sweep to draw");
    }
    if ((st = rl_calloc(1, sizeof *st)) == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, path, 0, 0, "out of memory");
    }
    top = &st->top;
    bottom = &st->bottom;
    ret = curves_init(top, rows + 1, n_x);
    if (curves_init(bottom, rows + 1, n_x) != 0 || ret != 0) {
        rl_pdoc_figure_free(st);
        return rl_error_set(err, RL_ERR_NOMEM, path, 0, 0, "out of memory");
    }
    snprintf(target, sizeof target, "target %.0f %%", 100.0 * doc->sweeps[0].target);
    snprintf(alpha, sizeof alpha, "alpha %.3g %%", 100.0 * doc->sweeps[0].alpha);
    add_level(top, x0, x1, 100.0 * doc->sweeps[0].target, target);
    add_level(bottom, x0, x1, 100.0 * doc->sweeps[0].alpha, alpha);
    for (i = 0; i < n; i++) {
        add_rows(top, bottom, &doc->sweeps[i], n > 1, &colour);
    }
    memset(fig, 0, sizeof *fig);
    fig->width_mm = 200.0;
    fig->title = n == 1 ? doc->sweeps[0].claims : "power";
    fig->x.label = "Mice per group (n)";
    fig->x.integer = true;
    fig->n_panels = bottom->n_series > 1 ? 2 : 1;
    fig->panel[0].kind = RL_PLOT_LINES;
    fig->panel[0].y.label = "Studies finding the effect (%)";
    fig->panel[0].y.min = 0.0;
    fig->panel[0].y.max = 100.0;
    fig->panel[0].legend = RL_PLOT_LEGEND_OUTSIDE;
    fig->panel[0].series = top->series;
    fig->panel[0].n_series = top->n_series;
    fig->panel[1].kind = RL_PLOT_LINES;
    fig->panel[1].y.label = "Null checks: p < alpha (%)";
    fig->panel[1].y.include_zero = true;
    fig->panel[1].legend = RL_PLOT_LEGEND_OUTSIDE;
    fig->panel[1].series = bottom->series;
    fig->panel[1].n_series = bottom->n_series;
    /* room for the legend: about 4.2 mm per entry */
    fig->height_mm = fmin(1000.0, fmax(fig->n_panels == 2 ? 150.0 : 90.0,
        4.2 * top->n_series * (fig->n_panels == 2 ? 1.5 : 1.0) + 30.0));
    *store = st;
    return 0;
}

int
rl_power_write_figure(const rl_power_t *const *sweeps, int n, const char *path,
    rl_error_t *err)
{
    rl_power_doc_t *doc = NULL;
    rl_pdoc_figure_t *store = NULL;
    rl_plot_figure_t fig;
    int ret;

    if (n < 1) {
        return rl_error_set(err, RL_ERR_INVALID, path, 0, 0, "no power sweep to draw");
    }
    if ((ret = rl_pdoc_from_sweeps(sweeps, n, &doc, err)) == 0
        && (ret = rl_pdoc_figure(doc, &fig, &store, path, err)) == 0) {
        ret = rl_plot_write(&fig, path, err);
    }
    rl_pdoc_figure_free(store);
    rl_power_doc_free(doc);
    return ret;
}
