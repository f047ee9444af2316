/* run_store.c -- a protocol simulated into a results database (see run.h).
**
** The cohort runner (runner.h) delivers mice in subject order to a sink that writes each
** one to the store and adds it to the caller's summary; the store is opened on a temporary
** file and committed (renamed into place) only after the last mouse, or aborted. The
** writer checks the cancel flag before each session, so a cancellation is not held up
** by a large mouse being written.
*/
#include "relapselab/run.h"

#include <string.h>

#include "relapselab/rng.h"
#include "relapselab/runner.h"
#include "relapselab/store.h"
#include "relapselab/version.h"

typedef struct sink_ctx {
    rl_store_t *store;
    const atomic_int *cancel;   /* checked before each session written */
    rl_summary_t *summary;
    rl_run_totals_t totals;
} sink_ctx_t;

static int
sink(void *ctx, const rl_subject_result_t *s, rl_error_t *err)
{
    sink_ctx_t *c = ctx;
    int ret = 0, i;
    c->totals.subjects++;
    c->totals.sessions += s->n_sessions;
    for (i = 0; i < s->n_sessions; i++) {
        c->totals.events += (int64_t) s->sessions[i].n_events;
    }
    if (c->store != NULL) {
        ret = rl_store_write_subject_result_until(c->store, s, c->cancel, err);
    }
    if (ret == 0 && c->summary != NULL) {
        ret = rl_summary_add(c->summary, s->subject_id, s->group, s->sessions,
            (size_t) s->n_sessions, err);
    }
    return ret;
}

int
rl_run_to_store(const rl_protocol_t *protocol, const char *db_path,
    const rl_run_options_t *opt, rl_run_totals_t *totals, rl_error_t *err)
{
    rl_runner_options_t ro;
    rl_run_info_t info;
    sink_ctx_t ctx;
    int ret;

    memset(&ctx, 0, sizeof ctx);
    ctx.summary = opt->summary;
    ctx.cancel = opt->cancel;
    if (db_path != NULL) {
        memset(&info, 0, sizeof info);
        info.seed = opt->seed;
        info.generator = rl_rng_type()->name;
        info.rng_scheme = RL_RNG_SCHEME;
        info.version = RL_VERSION;
        info.command = opt->command != NULL ? opt->command : "";
        info.imported = 0;
        if ((ret = rl_store_open(db_path, protocol, &info, &ctx.store, err)) != 0) {
            return ret;
        }
    }
    memset(&ro, 0, sizeof ro);
    ro.seed = opt->seed;
    ro.params = opt->params;
    ro.threads = opt->threads;
    ro.cancel = opt->cancel;
    ro.sink = sink;
    ro.sink_ctx = &ctx;
    ro.progress = opt->progress;
    ret = rl_runner_run(protocol, &ro, err);
    if (ret == 0 && opt->cancel != NULL && atomic_load(opt->cancel)) {
        ret = rl_error_set(err, RL_ERR_INTERRUPTED, NULL, 0, 0, "interrupted");
    }
    if (ret != 0) {
        rl_store_abort(ctx.store);
    } else if (ctx.store != NULL) {
        ret = rl_store_commit(ctx.store, err);
    }
    if (totals != NULL) {
        *totals = ctx.totals;
    }
    return ret;
}
