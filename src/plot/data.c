/* data.c -- what each chart kind derives from its plain data before anything is drawn.
**
** pl_panel_prepare() turns a panel's arrays into what layout needs: the finite data
** extents (only positive values on a log axis), histogram bins and counts, bar means and
** SEMs when the caller gives only the subjects' values, and the legend entries. Nothing
** here draws; the arrays are read, never kept beyond the figure's rendering.
**
** Histogram bins are half-open [e_k, e_k+1) except the last, which is closed (as numpy
** does), so the largest value is counted. Automatic bins start at a multiple of the bin
** width (of log10 of the values on a log axis) so they line up with the ticks.
*/
#include "plot_internal.h"
#include "core/alloc.h"

#include <math.h>
#include <stdlib.h>

#define PL_MAX_BINS 100000

static void
extend(double *lo, double *hi, double v, bool log)
{
    if (!isfinite(v) || (log && !(v > 0.0))) {
        return;
    }
    if (v < *lo) {
        *lo = v;
    }
    if (v > *hi) {
        *hi = v;
    }
}

/* Bin edges in transformed (log10 or linear) space from the data or the caller. */
static int
histogram_bins(pl_panel_t *p, bool xlog, rl_error_t *err)
{
    const rl_plot_panel_t *s = p->spec;
    double lo = INFINITY, hi = -INFINITY, a = 0.0, w = s->bin_width;
    int i, j, nb;
    if (s->bin_edges != NULL) {
        nb = s->n_bin_edges - 1;
    } else {
        for (i = 0; i < s->n_series; i++) {
            for (j = 0; j < s->series[i].n; j++) {
                double v = s->series[i].x[j];
                if (!xlog) {
                    extend(&lo, &hi, v, false);
                } else if (v > 0.0) {
                    extend(&lo, &hi, log10(v), false);
                }
            }
        }
        if (lo > hi) {
            p->n_bins = 0;
            return 0;
        }
        a = floor(lo / w) * w;
        if ((hi - a) / w > PL_MAX_BINS) {
            return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
                "histogram: bin width %g gives more than %d bins", w, PL_MAX_BINS);
        }
        nb = (int) ceil((hi - a) / w);
        if (nb < 1) {
            nb = 1;
        }
    }
    p->n_bins = nb;
    p->edges = rl_malloc(((size_t) nb + 1) * sizeof *p->edges);
    p->counts = rl_calloc((size_t) nb * (size_t) (s->n_series > 0 ? s->n_series : 1),
        sizeof *p->counts);
    if (p->edges == NULL || p->counts == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    for (i = 0; i <= nb; i++) {
        double e = s->bin_edges != NULL ? s->bin_edges[i] : a + i * w;
        p->edges[i] = s->bin_edges == NULL && xlog ? pow(10.0, e) : e;
    }
    for (i = 0; i < s->n_series; i++) {
        double *c = p->counts + (size_t) i * (size_t) nb;
        for (j = 0; j < s->series[i].n; j++) {
            double v = s->series[i].x[j];
            int k, lo_k = 0, hi_k = nb;
            if (s->bin_edges == NULL) { /* the bins cover every finite value */
                if (!isfinite(v) || (xlog && !(v > 0.0))) {
                    continue;
                }
                k = (int) floor(((xlog ? log10(v) : v) - a) / w);
            } else if (!(v >= p->edges[0] && v <= p->edges[nb])) {
                continue; /* NaN or outside the edges */
            } else {
                while (hi_k - lo_k > 1) { /* last edge <= v */
                    int mid = (lo_k + hi_k) / 2;
                    if (p->edges[mid] <= v) {
                        lo_k = mid;
                    } else {
                        hi_k = mid;
                    }
                }
                k = lo_k;
            }
            k = k < 0 ? 0 : k >= nb ? nb - 1 : k; /* the last bin is closed */
            c[k] += 1.0;
        }
    }
    return 0;
}

/* Bar heights and error bars: the caller's, or mean and SEM of the subjects' values. */
static int
bar_stats(pl_panel_t *p, rl_error_t *err)
{
    const rl_plot_bars_t *b = &p->spec->bars;
    size_t n = (size_t) b->n_groups * (size_t) b->n_bars;
    int g, k, i, first = 0;
    p->mean = rl_malloc(n * sizeof *p->mean);
    p->sem = rl_malloc(n * sizeof *p->sem);
    if (p->mean == NULL || p->sem == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    for (g = 0; g < b->n_groups; g++) {
        int ns = b->n_subjects != NULL ? b->n_subjects[g] : 0;
        for (k = 0; k < b->n_bars; k++) {
            size_t at = (size_t) g * (size_t) b->n_bars + (size_t) k;
            double sum = 0.0, ss = 0.0, m;
            int cnt = 0;
            for (i = 0; i < ns; i++) {
                double v = b->values[(size_t) (first + i) * (size_t) b->n_bars + (size_t) k];
                if (isfinite(v)) {
                    sum += v;
                    cnt++;
                }
            }
            m = cnt > 0 ? sum / cnt : NAN;
            for (i = 0; i < ns; i++) {
                double v = b->values[(size_t) (first + i) * (size_t) b->n_bars + (size_t) k];
                if (isfinite(v)) {
                    ss += (v - m) * (v - m);
                }
            }
            p->mean[at] = b->mean != NULL ? b->mean[at] : m;
            p->sem[at] = b->sem != NULL ? b->sem[at]
                : cnt > 1 ? sqrt(ss / (cnt - 1)) / sqrt((double) cnt) : NAN;
        }
        first += ns;
    }
    return 0;
}

/* The style of bar k of every cluster: the caller's, or palette colour k. */
rl_plot_style_t
pl_bar_style(const rl_plot_bars_t *b, int k)
{
    rl_plot_style_t st = {0, RL_PLOT_MARKER_NONE, false, false};
    if (b->styles != NULL) {
        return b->styles[k];
    }
    st.colour = k;
    return st;
}

static void
add_entry(pl_panel_t *p, const char *label, rl_plot_style_t st, pl_sample_t sample)
{
    if (label != NULL && label[0] != '\0') {
        pl_entry_t *e = &p->entries[p->n_entries++];
        e->label = label;
        e->style = st;
        e->sample = sample;
    }
}

/* Extents, derived numbers and legend entries of panel p (p->spec set by the caller;
** the rest of *p zeroed). Returns 0, RL_ERR_NOMEM or RL_ERR_INVALID. Release with
** pl_panel_release(), also after a failure. */
int
pl_panel_prepare(pl_panel_t *p, const rl_plot_figure_t *fig, rl_error_t *err)
{
    const rl_plot_panel_t *s = p->spec;
    bool xlog = fig->x.log10, ylog = s->y.log10;
    int i, j, rc;
    size_t n_ent = (size_t) s->n_series + (size_t) s->n_rugs + (size_t) s->bars.n_bars + 1;
    p->x0 = p->y0 = INFINITY;
    p->x1 = p->y1 = -INFINITY;
    p->entries = rl_calloc(n_ent, sizeof *p->entries);
    if (p->entries == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    for (i = 0; s->kind != RL_PLOT_BARS && i < s->n_vlines; i++) {
        extend(&p->x0, &p->x1, s->vlines[i], xlog);
    }
    switch (s->kind) {
    case RL_PLOT_LINES:
        for (i = 0; i < s->n_series; i++) {
            const rl_plot_series_t *se = &s->series[i];
            for (j = 0; j < se->n; j++) {
                double y = se->y[j], e = se->sem != NULL ? se->sem[j] : NAN;
                if (!isfinite(y) || !isfinite(se->x[j])) {
                    continue;
                }
                extend(&p->x0, &p->x1, se->x[j], xlog);
                extend(&p->y0, &p->y1, y, ylog);
                if (isfinite(e)) {
                    extend(&p->y0, &p->y1, y - e, ylog);
                    extend(&p->y0, &p->y1, y + e, ylog);
                }
            }
            add_entry(p, se->label, se->style, PL_SAMPLE_LINE);
        }
        break;
    case RL_PLOT_CUMULATIVE:
        if (!xlog) {
            extend(&p->x0, &p->x1, 0.0, false);
        }
        extend(&p->y0, &p->y1, 0.0, ylog);
        for (i = 0; i < s->n_series + s->n_rugs; i++) {
            bool rug = i >= s->n_series;
            const rl_plot_series_t *se = rug ? &s->rugs[i - s->n_series] : &s->series[i];
            int count = 0;
            for (j = 0; j < se->n; j++) {
                if (isfinite(se->x[j])) {
                    extend(&p->x0, &p->x1, se->x[j], xlog);
                    count++;
                }
            }
            if (!rug) {
                extend(&p->y0, &p->y1, (double) count, ylog);
            }
            add_entry(p, se->label, se->style, rug ? PL_SAMPLE_TICK : PL_SAMPLE_LINE);
        }
        p->rug_h = s->n_rugs > 0 ? 4.0 + 7.0 * s->n_rugs : 0.0;
        break;
    case RL_PLOT_HISTOGRAM:
        if ((rc = histogram_bins(p, xlog, err)) != 0) {
            return rc;
        }
        if (p->n_bins > 0) {
            extend(&p->x0, &p->x1, p->edges[0], xlog);
            extend(&p->x0, &p->x1, p->edges[p->n_bins], xlog);
            for (i = 0; i < p->n_bins * s->n_series; i++) {
                extend(&p->y0, &p->y1, p->counts[i], ylog);
            }
        }
        for (i = 0; i < s->n_series; i++) {
            add_entry(p, s->series[i].label, s->series[i].style, PL_SAMPLE_HIST);
        }
        break;
    case RL_PLOT_BARS: {
        const rl_plot_bars_t *b = &s->bars;
        size_t nv = 0;
        if ((rc = bar_stats(p, err)) != 0) {
            return rc;
        }
        for (i = 0; i < b->n_groups * b->n_bars; i++) {
            extend(&p->y0, &p->y1, p->mean[i], ylog);
            if (isfinite(p->mean[i]) && isfinite(p->sem[i])) {
                extend(&p->y0, &p->y1, p->mean[i] + p->sem[i], ylog);
                extend(&p->y0, &p->y1, p->mean[i] - p->sem[i], ylog);
            }
        }
        for (i = 0; b->n_subjects != NULL && i < b->n_groups; i++) {
            nv += (size_t) b->n_subjects[i] * (size_t) b->n_bars;
        }
        for (i = 0; (size_t) i < nv; i++) {
            extend(&p->y0, &p->y1, b->values[i], ylog);
        }
        for (i = 0; b->bar_names != NULL && i < b->n_bars; i++) {
            add_entry(p, b->bar_names[i], pl_bar_style(b, i), PL_SAMPLE_BOX);
        }
        break;
    }
    }
    return 0;
}

void
pl_panel_release(pl_panel_t *p)
{
    free(p->edges);
    free(p->counts);
    free(p->mean);
    free(p->sem);
    free(p->entries);
    p->edges = p->counts = p->mean = p->sem = NULL;
    p->entries = NULL;
}
