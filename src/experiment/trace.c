/* trace.c -- one subject re-simulated with a session trace (see trace.h).
**
** The trace observer sees every session of the mouse: a sample at t_s == 0 starts a new
** one, and only the samples of the wanted day are kept.
*/
#include "relapselab/trace.h"

#include <string.h>

#include "relapselab/rng.h"
#include "chamber/session.h"
#include "cohort/subject.h"

typedef struct trace_buf {
    int session;                /* sessions started so far, minus 1 */
    int want;
    rl_trace_t *out;
} trace_buf_t;

static void
on_sample(void *ctx, double t_s, double brain_cocaine_uM, double tonic_da_nM,
    double belief_drug)
{
    trace_buf_t *b = ctx;
    rl_trace_t *o = b->out;
    if (t_s == 0.0) {
        b->session++;
    }
    if (b->session == b->want && o->n < o->cap) {
        o->t_min[o->n] = t_s / 60.0;
        o->cocaine_uM[o->n] = brain_cocaine_uM;
        if (o->belief_drug != NULL) {
            o->belief_drug[o->n] = belief_drug;
        }
        o->da_nM[o->n++] = tonic_da_nM;
    }
}

int
rl_trace_session(const rl_trace_request_t *req, rl_trace_t *out, rl_error_t *err)
{
    gsl_rng *r = rl_rng_alloc();
    rl_session_workspace_t w;
    rl_session_trace_t trace;
    rl_subject_result_t res;
    trace_buf_t b;
    int ret, i;

    out->n = 0;
    out->found = 0;
    out->n_sessions = 0;
    memset(&out->session, 0, sizeof out->session);
    memset(&res, 0, sizeof res);
    if (r == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    rl_session_workspace_init(&w);
    b.session = -1;
    b.want = req->day;
    b.out = out;
    trace.dt_s = req->dt_s;
    trace.sample = on_sample;
    trace.ctx = &b;
    trace.next_s = 0.0;
    w.trace = &trace;
    ret = rl_subject_simulate(req->protocol, req->params, req->subject_id, req->group,
        req->index_in_group, req->seed, r, &w, NULL, &res, err);
    if (ret == 0) {
        out->n_sessions = res.n_sessions;
        for (i = 0; i < res.n_sessions; i++) {
            if (res.sessions[i].day == req->day) {
                out->session = res.sessions[i];   /* takes its events */
                res.sessions[i].events = NULL;
                res.sessions[i].n_events = 0;
                out->found = 1;
                break;
            }
        }
    }
    rl_subject_result_free(&res);
    rl_session_workspace_free(&w);
    gsl_rng_free(r);
    return ret;
}
