/* figures_session.c -- figures drawn from sessions' events: the cumulative record of one
** session and the inter-reinforcer interval histogram of a phase. See figures.h.
**
** Both read the events the dataset loaded (rl_dataset_load_events) and use the event
** definitions of measures.h: responses are poke_active / poke_inactive events, deliveries
** infusion_start, pellet and liquid events, and an interval is the time between two successive
** deliveries of the same session. Times are drawn in minutes (cumulative) or seconds
** (intervals), as the axis labels say.
*/
#include "figures_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

/* The times (min) of the events of s of kind, sorted, into a new array of f (*n of them);
** kind RL_EV_INFUSION_START stands for every delivery (infusion_start, pellet, liquid). */
static double *
times_of(rl_figure_t *f, const rl_ds_session_t *s, int kind, int *n)
{
    double *t = rl_fig_alloc(f, s->n_loaded_events, sizeof *t);
    size_t i;
    *n = 0;
    for (i = 0; t != NULL && i < s->n_loaded_events; i++) {
        if (s->events[i].kind == kind
            || (kind == RL_EV_INFUSION_START && rl_fig_is_delivery(s->events[i].kind))) {
            t[(*n)++] = s->events[i].t_s / 60.0;
        }
    }
    if (t != NULL) {
        qsort(t, (size_t) *n, sizeof *t, cmp_double);
    }
    return t;
}

int
rl_figure_cumulative(const rl_dataset_t *ds, const rl_measures_t *m,
    const rl_figure_options_t *opt, rl_figure_t *out, rl_error_t *err)
{
    static const rl_plot_style_t active_st = {0, RL_PLOT_MARKER_NONE, false, false};
    static const rl_plot_style_t inactive_st = {2, RL_PLOT_MARKER_NONE, false, true};
    static const rl_plot_style_t rug_st = {5, RL_PLOT_MARKER_NONE, false, false};
    const rl_ds_session_t *s;
    rl_plot_series_t *ser;
    double *act, *inact, *rug, end_min;
    int na, ni, nr, ret;
    const char *word, *what;
    size_t si;

    (void) m;
    if ((ret = rl_fig_find_session(ds, opt, &si, err)) != 0) {
        return ret;
    }
    s = &ds->sessions[si];
    if ((ret = rl_fig_begin(out, ds, opt, 120.0, 90.0, err)) != 0) {
        return ret;
    }
    word = rl_fig_delivery_word(ds, s->group_id);
    act = times_of(out, s, RL_EV_POKE_ACTIVE, &na);
    inact = times_of(out, s, RL_EV_POKE_INACTIVE, &ni);
    rug = times_of(out, s, RL_EV_INFUSION_START, &nr);
    if (rug != NULL && nr == 0) { /* a cue-only session: its cues are the consequences */
        rug = times_of(out, s, RL_EV_CUE_ON, &nr);
        word = "cue";
    }
    ser = rl_fig_alloc(out, 3, sizeof *ser);
    if (act == NULL || inact == NULL || rug == NULL || ser == NULL
        || (what = rl_fig_session_title(out, ds, s)) == NULL) {
        return rl_fig_fail(out, ds, RL_ERR_NOMEM, err, "out of memory");
    }
    out->plot.title = opt->title != NULL ? opt->title : what;
    ser[0] = (rl_plot_series_t){"Active", act, NULL, NULL, na, active_st};
    ser[1] = (rl_plot_series_t){"Inactive", inact, NULL, NULL, ni, inactive_st};
    ser[2] = (rl_plot_series_t){strcmp(word, "infusion") == 0 ? "Infusion"
                                : strcmp(word, "pellet") == 0 ? "Pellet"
                                : strcmp(word, "liquid") == 0 ? "Liquid" : "Cue",
        rug, NULL, NULL, nr, rug_st};
    end_min = s->duration_min;
    if (!(end_min > 0.0) || !isfinite(end_min)) {
        end_min = s->n_loaded_events > 0 ? s->events[s->n_loaded_events - 1].t_s / 60.0 : 1.0;
    }
    out->n_groups = 1;
    out->plot.x.label = "Time (min)";
    out->plot.x.min = 0.0;
    out->plot.x.max = end_min > 0.0 ? end_min : 1.0;
    out->plot.n_panels = 1;
    out->plot.panel[0].kind = RL_PLOT_CUMULATIVE;
    out->plot.panel[0].y.label = "Cumulative responses (pokes)";
    out->plot.panel[0].series = ser;
    out->plot.panel[0].n_series = 2;
    out->plot.panel[0].rugs = &ser[2];
    out->plot.panel[0].n_rugs = 1;
    snprintf(out->caption, sizeof out->caption, "Cumulative record of %s: active (solid) and "
        "inactive (dashed) responses against time; the ticks below mark the %d %s%s. %d active "
        "and %d inactive responses in %.1f min.", what, nr, word,
        nr == 1 ? "" : "s", na, ni, end_min);
    return 0;
}

/* ---- inter-reinforcer intervals ---- */

/* Intervals (s) of group g's sessions in the drawn phase(s) into x (NULL: count only). */
static int
group_intervals(const rl_dataset_t *ds, const rl_figure_options_t *opt, int g, double *x,
    int *n_mice)
{
    size_t i, e;
    int n = 0, prev_subject = -1;
    *n_mice = 0;
    for (i = 0; i < ds->n_sessions; i++) {
        const rl_ds_session_t *s = &ds->sessions[i];
        double prev = NAN;
        if (s->group_id != g || !s->events_loaded
            || !rl_fig_phase_match(ds, opt, g, s->phase_index, RL_PHASE_ACQUISITION)) {
            continue;
        }
        for (e = 0; e < s->n_loaded_events; e++) {
            if (rl_fig_is_delivery(s->events[e].kind)) {
                if (!isnan(prev)) {
                    if (x != NULL) {
                        x[n] = s->events[e].t_s - prev;
                    }
                    n++;
                }
                prev = s->events[e].t_s;
            }
        }
        *n_mice += s->subject != prev_subject;
        prev_subject = s->subject;
    }
    return n;
}

int
rl_figure_iri(const rl_dataset_t *ds, const rl_measures_t *m, const rl_figure_options_t *opt,
    rl_figure_t *out, rl_error_t *err)
{
    int ng = rl_fig_n_groups(ds, opt), gi, ret, words = 0, n_mice;
    const char *phase = opt->phase != NULL ? opt->phase : rl_phase_kind_name(RL_PHASE_ACQUISITION);
    char groups_text[400] = "";
    double hi = 0.0;
    rl_plot_series_t *ser;
    size_t used;

    (void) m;
    if ((ret = rl_fig_check_phase(ds, opt, err)) != 0
        || (ret = rl_fig_begin(out, ds, opt, 120.0, 90.0, err)) != 0) {
        return ret;
    }
    if ((ser = rl_fig_alloc(out, (size_t) ng, sizeof *ser)) == NULL) {
        return rl_fig_fail(out, ds, RL_ERR_NOMEM, err, "out of memory");
    }
    for (gi = 0; gi < ng; gi++) {
        int g = rl_fig_group(opt, gi), n = group_intervals(ds, opt, g, NULL, &n_mice), k;
        rl_plot_series_t *s = &ser[out->plot.panel[0].n_series];
        double *x;
        if (n == 0) {
            continue;
        }
        if ((x = rl_fig_alloc(out, (size_t) n, sizeof *x)) == NULL) {
            return rl_fig_fail(out, ds, RL_ERR_NOMEM, err, "out of memory");
        }
        group_intervals(ds, opt, g, x, &n_mice);
        for (k = 0; k < n; k++) {
            hi = fmax(hi, x[k]);
        }
        *s = (rl_plot_series_t){ds->groups[g].name, x, NULL, NULL, n,
            {out->n_groups % RL_PLOT_N_COLOURS, RL_PLOT_MARKER_NONE, false,
                out->n_groups / RL_PLOT_N_COLOURS % 2 == 1}};
        used = strlen(groups_text);
        snprintf(groups_text + used, sizeof groups_text - used, "%s%s (%d intervals, %d mice)",
            out->n_groups ? ", " : "", ds->groups[g].name, n, n_mice);
        words |= strcmp(rl_fig_delivery_word(ds, g), "pellet") == 0 ? 2
            : strcmp(rl_fig_delivery_word(ds, g), "liquid") == 0 ? 4 : 1;
        out->plot.panel[0].n_series++;
        out->n_groups++;
    }
    if (out->n_groups == 0) {
        return rl_fig_fail(out, ds, RL_FIGURE_NO_DATA, err,
            "no intervals between deliveries in the %s phase%s (it needs two deliveries in a "
            "session)", phase, opt->groups != NULL ? " of the selected groups" : "");
    }
    out->plot.x.label = words == 1 ? "Inter-infusion interval (s)"
        : words == 2 ? "Inter-pellet interval (s)" : words == 4 ? "Inter-delivery interval (s)"
        : "Inter-reinforcer interval (s)";
    out->plot.x.log10 = opt->log_x;
    out->plot.n_panels = 1;
    out->plot.panel[0].kind = RL_PLOT_HISTOGRAM;
    out->plot.panel[0].y.label = "Intervals (count)";
    out->plot.panel[0].series = ser;
    if (opt->log_x) {
        out->plot.panel[0].bin_width = 0.1; /* decades: ten bins per decade */
    } else {
        rl_plot_ticks_t t;
        rl_plot_nice_ticks(0.0, hi > 0.0 ? hi : 1.0, 30, true, &t); /* about 30 bins */
        out->plot.panel[0].bin_width = t.step;
        out->plot.x.min = 0.0;
        out->plot.x.max = t.hi;
    }
    snprintf(out->caption, sizeof out->caption, "Intervals between successive deliveries "
        "(infusion starts or pellets) within a session, over all sessions of the %s phase, "
        "pooled over the mice of each group%s: %s.", phase,
        opt->log_x ? " (logarithmic axis, ten bins per decade)" : "", groups_text);
    return 0;
}
