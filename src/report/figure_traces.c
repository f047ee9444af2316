/* figure_traces.c -- brain cocaine, accumbal dopamine and the belief that the drug context
** holds during one simulated session, re-simulated from what the database records. See
** figures.h.
**
** Design. The database stores events, not the brain's state, so the state is recomputed:
** the protocol is loaded from run.protocol_text, the seed parsed from run.seed, and the
** mouse simulated again by the experiment layer (trace.h: rl_trace_session, population
** parameters of the table) with a session trace sampled every dt_s: brain cocaine, tonic
** DA and the belief in the drug context (the latent-cause inference). The re-simulated
** session must then equal the stored one, event by
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

#include "relapselab/trace.h"
#include "relapselab/version.h"
#include "core/alloc.h"

/* Samples in one session at most: dt_s is chosen to give about this many. */
#define TRACE_SAMPLES 1500

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

/* Simulate the subject of session s again with a trace into t. On success *why is empty
** if the session was reproduced, else it says what differs. */
static int
resimulate(const rl_dataset_t *ds, const rl_ds_session_t *s, rl_trace_t *t, double dt_s,
    char *why, size_t why_n, rl_error_t *err)
{
    rl_protocol_t *protocol = rl_malloc(sizeof *protocol);
    const rl_ds_subject_t *sub = &ds->subjects[s->subject];
    rl_trace_request_t req;
    char *end;
    int ret;

    why[0] = '\0';
    if (protocol == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, ds->path, 0, 0, "out of memory");
    }
    memset(protocol, 0, sizeof *protocol);
    memset(&req, 0, sizeof req);
    errno = 0;
    req.seed = (uint64_t) strtoull(ds->run.seed, &end, 10);
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
    req.protocol = protocol;
    req.subject_id = sub->subject_id;
    req.group = sub->group_id;
    req.index_in_group = sub->index_in_group;
    req.day = s->day;
    req.dt_s = dt_s;
    if ((ret = rl_trace_session(&req, t, err)) != 0) {
        goto out;
    }
    if (!t->found) {
        snprintf(why, why_n, "the re-simulated mouse ran %d sessions, the database has day %d",
            t->n_sessions, s->day);
    } else {
        same_events(&t->session, s, why, why_n);
    }
out:
    rl_session_result_free(&t->session);
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
    static const rl_plot_style_t belief_st = {2, RL_PLOT_MARKER_NONE, false, false};
    const rl_ds_session_t *s;
    rl_trace_t b;
    rl_plot_series_t *ser;
    char why[200];
    const char *what, *marked;
    double *marks, session_s, dt_s, coc_max;
    int n_marks = 0, ret, k;
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
    if ((ret = rl_fig_begin(out, ds, opt, 120.0, 150.0, err)) != 0) {
        return ret;
    }
    /* Samples at t = 0, dt, 2 dt, ... up to the session's time limit at most. */
    memset(&b, 0, sizeof b);
    session_s = rl_fig_phase(ds, s->group_id, s->phase_index)->session_min * 60.0;
    dt_s = fmax(1.0, session_s / TRACE_SAMPLES);
    b.cap = (int) ceil(session_s / dt_s) + 2;
    b.t_min = rl_fig_alloc(out, (size_t) b.cap, sizeof *b.t_min);
    b.cocaine_uM = rl_fig_alloc(out, (size_t) b.cap, sizeof *b.cocaine_uM);
    b.da_nM = rl_fig_alloc(out, (size_t) b.cap, sizeof *b.da_nM);
    b.belief_drug = rl_fig_alloc(out, (size_t) b.cap, sizeof *b.belief_drug);
    marks = rl_fig_alloc(out, s->n_loaded_events, sizeof *marks);
    ser = rl_fig_alloc(out, 3, sizeof *ser);
    if (b.t_min == NULL || b.cocaine_uM == NULL || b.da_nM == NULL || b.belief_drug == NULL
        || marks == NULL || ser == NULL) {
        return rl_fig_fail(out, ds, RL_ERR_NOMEM, err, "out of memory");
    }
    if ((ret = resimulate(ds, s, &b, dt_s, why, sizeof why, err)) != 0) {
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
    /* The vertical lines: the deliveries, or in a session without any (extinction, a cue
    ** test) the cue onsets, which move the belief there. */
    marked = rl_fig_delivery_word(ds, s->group_id);
    for (e = 0; e < s->n_loaded_events; e++) {
        if (rl_fig_is_delivery(s->events[e].kind)) {
            marks[n_marks++] = s->events[e].t_s / 60.0;
        }
    }
    if (n_marks == 0) {
        marked = "cue";
        for (e = 0; e < s->n_loaded_events; e++) {
            if (s->events[e].kind == RL_EV_CUE_ON) {
                marks[n_marks++] = s->events[e].t_s / 60.0;
            }
        }
    }
    if ((what = rl_fig_session_title(out, ds, s)) == NULL) {
        return rl_fig_fail(out, ds, RL_ERR_NOMEM, err, "out of memory");
    }
    out->plot.title = opt->title != NULL ? opt->title : what;
    ser[0] = (rl_plot_series_t){NULL, b.t_min, b.cocaine_uM, NULL, b.n, coc_st};
    ser[1] = (rl_plot_series_t){NULL, b.t_min, b.da_nM, NULL, b.n, da_st};
    ser[2] = (rl_plot_series_t){NULL, b.t_min, b.belief_drug, NULL, b.n, belief_st};
    out->n_groups = 1;
    out->plot.x.label = "Time (min)";
    out->plot.x.min = 0.0;
    out->plot.x.max = s->duration_min > 0.0 ? s->duration_min : 1.0;
    out->plot.n_panels = 3;
    out->plot.panel[0] = (rl_plot_panel_t){.kind = RL_PLOT_LINES,
        .y = {"Brain cocaine (µM)", 0.0, 0.0, false, true}, .legend = RL_PLOT_LEGEND_NONE,
        .series = &ser[0], .n_series = 1, .vlines = marks, .n_vlines = n_marks};
    out->plot.panel[1] = (rl_plot_panel_t){.kind = RL_PLOT_LINES,
        .y = {"Accumbal dopamine (nM)", 0.0, 0.0, false, true}, .legend = RL_PLOT_LEGEND_NONE,
        .series = &ser[1], .n_series = 1, .vlines = marks, .n_vlines = n_marks};
    /* A drug-free session keeps a remainder of the last session's cocaine that decays
    ** toward 0 (1e-280 uM and below); an automatic axis would magnify it. Below 1 nM the
    ** panel gets the fixed axis 0-1 uM. */
    for (k = 0, coc_max = 0.0; k < b.n; k++) {
        coc_max = fmax(coc_max, b.cocaine_uM[k]);
    }
    if (coc_max < 1e-3) {
        out->plot.panel[0].y.min = 0.0;
        out->plot.panel[0].y.max = 1.0;
    }
    out->plot.panel[2] = (rl_plot_panel_t){.kind = RL_PLOT_LINES,
        .y = {"Belief: drug context", 0.0, 1.0, false, true}, .legend = RL_PLOT_LEGEND_NONE,
        .series = &ser[2], .n_series = 1, .vlines = marks, .n_vlines = n_marks};
    snprintf(out->caption, sizeof out->caption, "Brain cocaine (top), tonic accumbal "
        "dopamine (middle) and the belief that the drug context holds (bottom; the "
        "latent-cause inference, docs/MODEL.md [BEL-1]-[BEL-4]) of %s, re-simulated from the "
        "stored protocol and seed (the re-simulated session has the stored events); the "
        "vertical lines mark the %d %s%s.", what, n_marks, marked, n_marks == 1 ? "" : "s");
    return 0;
}
