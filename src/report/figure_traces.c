/* figure_traces.c -- brain cocaine and accumbal dopamine during one simulated session,
** re-simulated from what the database records. See figures.h.
**
** Design. The database stores events, not the brain's state, so the state is recomputed:
** the protocol is loaded from run.protocol_text, the seed parsed from run.seed, the mouse
** simulated again (rl_subject_simulate, population parameters rl_params_default) with a
** session trace attached (session.h: a read-only observer sampled every dt_s). The trace
** sees every session of the mouse; a sample at t_s == 0 starts a new one, and only the
** wanted day is kept. The re-simulated session must then equal the stored one, event by
** event (kind and time): a run made with `--set` overrides (recorded only in run.command)
** or by another build of the model (the version string may be the same) is not
** reproduced, and the figure is refused rather than drawn from a different mouse.
*/
#include "figures_internal.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/params.h"
#include "relapselab/rng.h"
#include "relapselab/subject.h"

/* Samples in one session at most: dt_s is chosen to give about this many. */
#define TRACE_SAMPLES 1500

typedef struct trace_buf {
    int session;                /* sessions started so far, minus 1 */
    int want;                   /* the day to keep */
    double dt_s;                /* sampling step */
    int n, cap;                 /* samples kept, room for them */
    double *t_min, *cocaine_uM, *da_nM;
} trace_buf_t;

static void
on_sample(void *ctx, double t_s, double brain_cocaine_uM, double tonic_da_nM,
    double belief_drug)
{
    trace_buf_t *b = ctx;
    (void) belief_drug;
    if (t_s == 0.0) {
        b->session++;
    }
    if (b->session == b->want && b->n < b->cap) {
        b->t_min[b->n] = t_s / 60.0;
        b->cocaine_uM[b->n] = brain_cocaine_uM;
        b->da_nM[b->n++] = tonic_da_nM;
    }
}

/* Compare the re-simulated session with the stored one; on a difference write what
** differs into why and return false. */
static bool
same_events(const rl_session_result_t *sim, const rl_ds_session_t *s, char *why, size_t n)
{
    size_t i;
    if (sim->n_events != s->n_loaded_events) {
        snprintf(why, n, "%zu events re-simulated, %zu stored", sim->n_events,
            s->n_loaded_events);
        return false;
    }
    for (i = 0; i < sim->n_events; i++) {
        const rl_event_t *a = &sim->events[i];
        const rl_ds_event_t *b = &s->events[i];
        if (a->kind != b->kind || fabs(a->t_s - b->t_s) > 1e-9 * fmax(1.0, fabs(b->t_s))) {
            snprintf(why, n, "event %zu: %s at %.3f s re-simulated, %s at %.3f s stored", i,
                rl_event_kind_name(a->kind), a->t_s, rl_event_kind_name(b->kind), b->t_s);
            return false;
        }
    }
    return true;
}

/* Simulate the subject of session s again with a trace into b. On success *why is empty
** if the session was reproduced, else it says what differs. */
static int
resimulate(const rl_dataset_t *ds, const rl_ds_session_t *s, trace_buf_t *b, char *why,
    size_t why_n, rl_error_t *err)
{
    rl_protocol_t *protocol = malloc(sizeof *protocol);
    const rl_ds_subject_t *sub = &ds->subjects[s->subject];
    rl_session_workspace_t w;
    rl_subject_result_t res;
    rl_session_trace_t trace;
    rl_params_t base;
    gsl_rng *r = NULL;
    uint64_t seed;
    char *end;
    int ret, i;

    memset(&res, 0, sizeof res);
    rl_session_workspace_init(&w);
    why[0] = '\0';
    if (protocol == NULL || (r = gsl_rng_alloc(rl_rng_type())) == NULL) {
        ret = rl_error_set(err, RL_ERR_NOMEM, ds->path, 0, 0, "out of memory");
        goto out;
    }
    memset(protocol, 0, sizeof *protocol);
    errno = 0;
    seed = (uint64_t) strtoull(ds->run.seed, &end, 10);
    if (errno != 0 || *end != '\0' || ds->run.seed[0] == '-') {
        ret = rl_error_set(err, RL_ERR_INVALID, ds->path, 0, 0, "run.seed '%s' is not a seed",
            ds->run.seed);
        goto out;
    }
    if ((ret = rl_protocol_load_buffer(protocol, ds->run.protocol_text,
             strlen(ds->run.protocol_text), ds->path, err)) != 0) {
        goto out;
    }
    if (sub->group_id >= protocol->n_groups
        || strcmp(protocol->groups[sub->group_id].name, ds->groups[sub->group_id].name) != 0) {
        ret = rl_error_set(err, RL_ERR_INVALID, ds->path, 0, 0,
            "the stored protocol does not have the database's group %d (%s)", sub->group_id,
            ds->groups[sub->group_id].name);
        goto out;
    }
    trace.dt_s = b->dt_s;
    trace.sample = on_sample;
    trace.ctx = b;
    trace.next_s = 0.0;
    w.trace = &trace;
    rl_params_default(&base);
    if ((ret = rl_subject_simulate(protocol, &base, sub->subject_id, sub->group_id,
             sub->index_in_group, seed, r, &w, NULL, &res, err)) != 0) {
        goto out;
    }
    for (i = 0; i < res.n_sessions && res.sessions[i].day != s->day; i++) {
    }
    if (i == res.n_sessions) {
        snprintf(why, why_n, "the re-simulated mouse ran %d sessions, the database has day %d",
            res.n_sessions, s->day);
    } else {
        same_events(&res.sessions[i], s, why, why_n);
    }
out:
    rl_subject_result_free(&res);
    rl_session_workspace_free(&w);
    gsl_rng_free(r);
    if (protocol != NULL) {
        rl_protocol_free(protocol);
        free(protocol);
    }
    return ret;
}

int
rl_figure_traces(const rl_dataset_t *ds, const rl_measures_t *m,
    const rl_figure_options_t *opt, rl_figure_t *out, rl_error_t *err)
{
    static const rl_plot_style_t coc_st = {5, RL_PLOT_MARKER_NONE, false, false};
    static const rl_plot_style_t da_st = {4, RL_PLOT_MARKER_NONE, false, false};
    const rl_ds_session_t *s;
    trace_buf_t b;
    rl_plot_series_t *ser;
    char why[200];
    const char *what;
    double *marks, session_s;
    int n_marks = 0, ret;
    size_t si, e;

    (void) m;
    if (ds->run.imported) {
        return rl_error_set(err, RL_ERR_INVALID, ds->path, 0, 0,
            "traces need a simulated run (this database holds imported chamber data)");
    }
    if (ds->run.protocol_text == NULL || ds->run.seed == NULL) {
        return rl_error_set(err, RL_ERR_INVALID, ds->path, 0, 0,
            "traces need a simulated run with its protocol text and seed");
    }
    if ((ret = rl_fig_find_session(ds, opt, &si, err)) != 0) {
        return ret;
    }
    s = &ds->sessions[si];
    if ((ret = rl_fig_begin(out, ds, opt, 120.0, 110.0, err)) != 0) {
        return ret;
    }
    /* Samples at t = 0, dt, 2 dt, ... up to the session's time limit at most. */
    memset(&b, 0, sizeof b);
    b.session = -1;
    b.want = s->day;
    session_s = rl_fig_phase(ds, s->group_id, s->phase_index)->session_min * 60.0;
    b.dt_s = fmax(1.0, session_s / TRACE_SAMPLES);
    b.cap = (int) ceil(session_s / b.dt_s) + 2;
    b.t_min = rl_fig_alloc(out, (size_t) b.cap, sizeof *b.t_min);
    b.cocaine_uM = rl_fig_alloc(out, (size_t) b.cap, sizeof *b.cocaine_uM);
    b.da_nM = rl_fig_alloc(out, (size_t) b.cap, sizeof *b.da_nM);
    marks = rl_fig_alloc(out, s->n_loaded_events, sizeof *marks);
    ser = rl_fig_alloc(out, 2, sizeof *ser);
    if (b.t_min == NULL || b.cocaine_uM == NULL || b.da_nM == NULL || marks == NULL
        || ser == NULL) {
        return rl_fig_fail(out, ds, RL_ERR_NOMEM, err, "out of memory");
    }
    if ((ret = resimulate(ds, s, &b, why, sizeof why, err)) != 0) {
        rl_figure_free(out);
        return ret;
    }
    if (why[0] != '\0') {
        char hint[160];
        if (ds->run.command != NULL && strstr(ds->run.command, "--set") != NULL) {
            snprintf(hint, sizeof hint, "the run was made with --set parameter overrides, "
                "which the traces do not re-apply");
        } else {
            snprintf(hint, sizeof hint, "was the database written by another build of the "
                "model? It was written by relapselab %s, this is %s",
                ds->run.version != NULL ? ds->run.version : "(unknown)", RL_VERSION);
        }
        return rl_fig_fail(out, ds, RL_ERR_INVALID, err, "day %d of subject %d cannot be "
            "reproduced from the stored protocol and seed (%s); %s", s->day, s->subject_id,
            why, hint);
    }
    for (e = 0; e < s->n_loaded_events; e++) {
        if (rl_fig_is_delivery(s->events[e].kind)) {
            marks[n_marks++] = s->events[e].t_s / 60.0;
        }
    }
    if ((what = rl_fig_session_title(out, ds, s)) == NULL) {
        return rl_fig_fail(out, ds, RL_ERR_NOMEM, err, "out of memory");
    }
    out->plot.title = opt->title != NULL ? opt->title : what;
    ser[0] = (rl_plot_series_t){NULL, b.t_min, b.cocaine_uM, NULL, b.n, coc_st};
    ser[1] = (rl_plot_series_t){NULL, b.t_min, b.da_nM, NULL, b.n, da_st};
    out->n_groups = 1;
    out->plot.x.label = "Time (min)";
    out->plot.x.min = 0.0;
    out->plot.x.max = s->duration_min > 0.0 ? s->duration_min : 1.0;
    out->plot.n_panels = 2;
    out->plot.panel[0] = (rl_plot_panel_t){.kind = RL_PLOT_LINES,
        .y = {"Brain cocaine (µM)", 0.0, 0.0, false, true}, .legend = RL_PLOT_LEGEND_NONE,
        .series = &ser[0], .n_series = 1, .vlines = marks, .n_vlines = n_marks};
    out->plot.panel[1] = (rl_plot_panel_t){.kind = RL_PLOT_LINES,
        .y = {"Accumbal dopamine (nM)", 0.0, 0.0, false, true}, .legend = RL_PLOT_LEGEND_NONE,
        .series = &ser[1], .n_series = 1, .vlines = marks, .n_vlines = n_marks};
    snprintf(out->caption, sizeof out->caption, "Brain cocaine (top) and tonic accumbal "
        "dopamine (bottom) of %s, re-simulated from the stored protocol and seed (the "
        "re-simulated session has the stored events); the vertical lines mark the %d %s%s.",
        what, n_marks, rl_fig_delivery_word(ds, s->group_id), n_marks == 1 ? "" : "s");
    return 0;
}
