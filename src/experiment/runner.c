/* runner.c -- a cohort through its protocol on the worker pool, results in subject order.
**
** Each subject is one item of the pool (pool.h): a worker simulates it into the subject's
** slot (rl_subject_simulate), and the calling thread hands slots to the sink in subject
** order and frees them. Memory held at once is bounded by how far the workers run ahead of
** the sink (at most the whole cohort; a subject is ~100 kB).
*/
#include "relapselab/runner.h"

#include <stdlib.h>
#include <string.h>

#include "cohort/subject.h"
#include "pool.h"
#include "core/alloc.h"

typedef struct cohort {
    const rl_protocol_t *protocol;
    const rl_runner_options_t *opt;
    int *group_of, *index_of;
    rl_subject_result_t *slots;
} cohort_t;

static int
work(void *ctx, rl_pool_worker_t *wk, int i, rl_pool_tally_t *tally, rl_error_t *err)
{
    cohort_t *c = ctx;
    rl_subject_result_t *res = &c->slots[i];
    int ret = rl_subject_simulate(c->protocol, c->opt->params, i, c->group_of[i],
        c->index_of[i], c->opt->seed, wk->r, &wk->w, wk->stop, res, err);
    int k;
    if (ret != 0) {
        rl_subject_result_free(res);
        return ret;
    }
    tally->sessions = res->n_sessions;
    for (k = 0; k < res->n_sessions; k++) {
        tally->events += (int64_t) res->sessions[k].n_events;
    }
    return 0;
}

static int
deliver(void *ctx, int i, rl_error_t *err)
{
    cohort_t *c = ctx;
    int ret = c->opt->sink(c->opt->sink_ctx, &c->slots[i], err);
    rl_subject_result_free(&c->slots[i]);
    return ret;
}

static void
discard(void *ctx, int i)
{
    rl_subject_result_free(&((cohort_t *) ctx)->slots[i]);
}

int
rl_runner_run(const rl_protocol_t *protocol, const rl_runner_options_t *opt, rl_error_t *err)
{
    int total = rl_protocol_n_subjects(protocol), g, k, i, ret;
    size_t n = (size_t) (total > 0 ? total : 1);
    rl_pool_job_t job;
    cohort_t c;

    memset(&c, 0, sizeof c);
    c.protocol = protocol;
    c.opt = opt;
    c.group_of = rl_calloc(n, sizeof *c.group_of);
    c.index_of = rl_calloc(n, sizeof *c.index_of);
    c.slots = rl_calloc(n, sizeof *c.slots);
    if (c.group_of == NULL || c.index_of == NULL || c.slots == NULL) {
        ret = rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    for (g = 0, i = 0; g < protocol->n_groups; g++) {
        for (k = 0; k < protocol->groups[g].n; k++, i++) {
            c.group_of[i] = g;
            c.index_of[i] = k;
        }
    }
    memset(&job, 0, sizeof job);
    job.n_items = total;
    job.threads = opt->threads;
    job.cancel = opt->cancel;
    job.work = work;
    job.deliver = deliver;
    job.discard = discard;
    job.ctx = &c;
    job.progress = opt->progress;
    job.progress_unit = "mice";
    ret = rl_pool_run(&job, err);
out:
    free(c.slots);
    free(c.index_of);
    free(c.group_of);
    return ret;
}
