/* plot_fixtures.c -- the sample figures of test_plot.c (see plot_fixtures.h). Global state
** is fine here: this is test code, not the library. */
#include "plot_fixtures.h"

#include <math.h>
#include <stddef.h>

/* A deterministic pseudo-random stream for sample data (an LCG; test code only). */
static double
noise(unsigned *state)
{
    *state = *state * 1664525u + 1013904223u;
    return (*state >> 8) / 16777216.0;
}

/* ---- sample figures (data in static storage: the figures point at it) ---- */

#define SESSIONS 10
static double sess_x[SESSIONS], acq_y[4][SESSIONS], acq_sem[4][SESSIONS];
static rl_plot_series_t acq_series[4];

rl_plot_figure_t
fig_lines(void)
{
    static const char *const names[4] = {"WT active", "WT inactive", "PENK KO active",
        "PENK KO inactive"};
    rl_plot_figure_t fig = {0};
    int s, i;
    for (i = 0; i < SESSIONS; i++) {
        sess_x[i] = i + 1;
        acq_y[0][i] = 8.0 + 30.0 * (1.0 - exp(-i / 3.0));
        acq_y[1][i] = 6.0 + 0.3 * i;
        acq_y[2][i] = 7.0 + 18.0 * (1.0 - exp(-i / 4.0));
        acq_y[3][i] = 5.5 + 0.2 * i;
        for (s = 0; s < 4; s++) {
            acq_sem[s][i] = 0.08 * acq_y[s][i] + 0.5;
        }
    }
    acq_y[2][4] = NAN; /* a missed session: a gap in the line */
    for (s = 0; s < 4; s++) {
        rl_plot_series_t *se = &acq_series[s];
        se->label = names[s];
        se->x = sess_x;
        se->y = acq_y[s];
        se->sem = acq_sem[s];
        se->n = SESSIONS;
        se->style.colour = s < 2 ? 0 : 1;
        se->style.marker = s < 2 ? RL_PLOT_MARKER_CIRCLE : RL_PLOT_MARKER_SQUARE;
        se->style.open = s % 2 == 1;
        se->style.dashed = s % 2 == 1;
    }
    fig.x.label = "Session";
    fig.n_panels = 1;
    fig.panel[0].kind = RL_PLOT_LINES;
    fig.panel[0].y.label = "Nose pokes (per 2-h session)";
    fig.panel[0].y.include_zero = true;
    fig.panel[0].series = acq_series;
    fig.panel[0].n_series = 4;
    return fig;
}

static double bar_values[GROUPS * 12 * 2];
static int bar_n[GROUPS] = {10, 9, 12, 8};

rl_plot_figure_t
fig_bars(bool long_names)
{
    static const char *const names[GROUPS] = {"WT", "PENK KO", "PDYN KO", "MOR KO"};
    static const char *const long_n[GROUPS] = {"Wild type (C57BL/6J)",
        "Preproenkephalin knockout", "Prodynorphin knockout", "µ-opioid receptor knockout"};
    static const char *const bars[2] = {"Extinction", "Cue-induced test"};
    static const rl_plot_style_t styles[2] = {{0, RL_PLOT_MARKER_NONE, false, false},
        {1, RL_PLOT_MARKER_NONE, false, false}};
    rl_plot_figure_t fig = {0};
    unsigned st = 7;
    int g, i, s = 0;
    for (g = 0; g < GROUPS; g++) {
        for (i = 0; i < bar_n[g]; i++, s++) {
            double ext = 4.0 + 6.0 * noise(&st);
            bar_values[s * 2] = ext;
            bar_values[s * 2 + 1] = ext + (g == 1 ? 2.0 : 9.0) + 8.0 * noise(&st);
        }
    }
    fig.n_panels = 1;
    fig.panel[0].kind = RL_PLOT_BARS;
    fig.panel[0].y.label = "Active responses (pokes per session)";
    fig.panel[0].bars.n_groups = GROUPS;
    fig.panel[0].bars.n_bars = 2;
    fig.panel[0].bars.group_names = long_names ? long_n : names;
    fig.panel[0].bars.bar_names = bars;
    fig.panel[0].bars.styles = styles;
    fig.panel[0].bars.n_subjects = bar_n;
    fig.panel[0].bars.values = bar_values;
    fig.panel[0].bars.paired = true;
    return fig;
}

#define EVENTS 160
static double ev_t[2][EVENTS], rf_t[2][EVENTS];
static rl_plot_series_t cum_series[2], cum_rugs[2];

rl_plot_figure_t
fig_cumulative(void)
{
    rl_plot_figure_t fig = {0};
    unsigned st = 11;
    int m, i;
    for (m = 0; m < 2; m++) {
        double t = 0.0;
        int nr = 0;
        for (i = 0; i < EVENTS; i++) {
            t += (m == 0 ? 0.45 : 1.1) * (0.2 + 1.6 * noise(&st));
            ev_t[m][i] = t;
            if (i % 5 == 4) {
                rf_t[m][nr++] = t;
            }
        }
        cum_series[m].label = m == 0 ? "WT" : "MOR KO";
        cum_series[m].x = ev_t[m];
        cum_series[m].n = m == 0 ? EVENTS : 100;
        cum_series[m].style.colour = m == 0 ? 0 : 5;
        cum_rugs[m].label = m == 0 ? "Infusion (WT)" : "Infusion (MOR KO)";
        cum_rugs[m].x = rf_t[m];
        cum_rugs[m].n = m == 0 ? nr : 20;
        cum_rugs[m].style.colour = cum_series[m].style.colour;
    }
    fig.title = "Cocaine self-administration, FR1, session 12";
    fig.x.label = "Time (min)";
    fig.x.min = 0.0;
    fig.x.max = 120.0;
    fig.n_panels = 1;
    fig.panel[0].kind = RL_PLOT_CUMULATIVE;
    fig.panel[0].y.label = "Cumulative active responses";
    fig.panel[0].series = cum_series;
    fig.panel[0].n_series = 2;
    fig.panel[0].rugs = cum_rugs;
    fig.panel[0].n_rugs = 2;
    return fig;
}

#define IVALS 400
static double ival[2][IVALS];
static rl_plot_series_t hist_series[2];

rl_plot_figure_t
fig_histogram(void)
{
    rl_plot_figure_t fig = {0};
    unsigned st = 5;
    int s, i;
    for (s = 0; s < 2; s++) {
        for (i = 0; i < IVALS; i++) { /* log-normal-ish around 5 and 12 min */
            double z = noise(&st) + noise(&st) + noise(&st) - 1.5;
            ival[s][i] = (s == 0 ? 300.0 : 720.0) * exp(1.1 * z);
        }
        hist_series[s].label = s == 0 ? "WT" : "PDYN KO";
        hist_series[s].x = ival[s];
        hist_series[s].n = IVALS;
        hist_series[s].style.colour = s == 0 ? 4 : 5;
    }
    fig.x.label = "Inter-infusion interval (s)";
    fig.x.log10 = true;
    fig.n_panels = 1;
    fig.panel[0].kind = RL_PLOT_HISTOGRAM;
    fig.panel[0].y.label = "Intervals (count)";
    fig.panel[0].series = hist_series;
    fig.panel[0].n_series = 2;
    fig.panel[0].bin_width = 0.1;
    return fig;
}

#define TRACE 1200
static double tr_t[TRACE], tr_c[TRACE], tr_da[TRACE], tr_b[TRACE], inf_t[12];
static rl_plot_series_t tr_series[3];

rl_plot_figure_t
fig_traces(void)
{
    rl_plot_figure_t fig = {0};
    int i, k;
    for (k = 0; k < 12; k++) {
        inf_t[k] = 4.0 + 9.5 * k;
    }
    for (i = 0; i < TRACE; i++) {
        double t = i * 0.1, c = 0.0;
        tr_t[i] = t;
        for (k = 0; k < 12 && inf_t[k] <= t; k++) {
            double dt = t - inf_t[k];
            c += 2.1 * (exp(-dt / 12.0) - exp(-dt / 0.8));
        }
        tr_c[i] = c;
        tr_da[i] = 20.0 + 45.0 * c / (c + 3.0);
        tr_b[i] = 1.0 + 0.4 * sin(t / 9.0);
    }
    fig.height_mm = 110.0;
    fig.x.label = "Time (min)";
    fig.n_panels = 3;
    for (k = 0; k < 3; k++) {
        tr_series[k].x = tr_t;
        tr_series[k].n = TRACE;
        tr_series[k].style.colour = k == 0 ? 0 : k == 1 ? 4 : 3;
        fig.panel[k].kind = RL_PLOT_LINES;
        fig.panel[k].series = &tr_series[k];
        fig.panel[k].n_series = 1;
        fig.panel[k].vlines = inf_t;
        fig.panel[k].n_vlines = 12;
        fig.panel[k].y.include_zero = true;
    }
    tr_series[0].y = tr_c;
    tr_series[1].y = tr_da;
    tr_series[2].y = tr_b;
    fig.panel[0].y.label = "Brain cocaine (µM)";
    fig.panel[1].y.label = "Accumbal dopamine (nM)";
    fig.panel[2].y.label = "β-endorphin (fold, ± SEM)";
    return fig;
}

/* Six noisy series filling the whole axes: no corner is free, the legend goes outside. */
#define CROWD 60
static double crowd_x[CROWD], crowd_y[6][CROWD];
static rl_plot_series_t crowd_series[6];

rl_plot_figure_t
fig_crowded(void)
{
    static const char *const names[6] = {"WT", "PENK KO", "PDYN KO", "MOR KO", "DOR KO",
        "KOR KO"};
    rl_plot_figure_t fig = {0};
    int s, i;
    for (s = 0; s < 6; s++) {
        for (i = 0; i < CROWD; i++) {
            crowd_x[i] = i;
            crowd_y[s][i] = 50.0 + 45.0 * sin(i * 0.35 + s * 1.05);
        }
        crowd_series[s].label = names[s];
        crowd_series[s].x = crowd_x;
        crowd_series[s].y = crowd_y[s];
        crowd_series[s].n = CROWD;
        crowd_series[s].style.colour = s;
        crowd_series[s].style.dashed = s >= 3;
    }
    fig.x.label = "Time (min)";
    fig.n_panels = 1;
    fig.panel[0].y.label = "Dopamine (% of baseline)";
    fig.panel[0].series = crowd_series;
    fig.panel[0].n_series = 6;
    return fig;
}

