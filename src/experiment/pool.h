/* pool.h -- the one worker pool of relapselab (internal to the library).
**
** Every parallel command (a cohort run, a screen, and through them validation) hands a
** number of independent items -- mice -- to rl_pool_run(). Worker threads take the next
** item and call job->work() for it with their own generator and event buffer; the work
** writes its results into the caller's slot for that item, so no two workers share memory
** and results do not depend on the thread count or the order in which items finish.
**
** Delivery: with job->deliver, the calling thread hands finished items over strictly in
** item order (for writers that must see subjects in order); without it, items are only
** counted. Progress is reported on the calling thread after each item delivered/finished.
** Bounded memory: with delivery, a worker takes item i only when i < (items delivered) +
** RL_POOL_WINDOW_PER_THREAD x threads, and otherwise waits (a condition variable) for the
** writer to catch up, so at most that many items are held at once (worked, or being
** worked) however slow one item is. The window changes when items are worked, never what
** they compute: results stay the same for any thread count.
**
** Stopping (the one cancellation rule): the pool has a stop flag, raised by the first
** error of any worker or, within 0.1 s, by the caller's cancel flag (job->cancel, which a
** signal handler may set). Work passes worker->stop to the simulation, which checks it
** between sessions; worker->w.stop holds both that flag and job->cancel, which the
** chamber polls inside a session (session.h), so a cancellation stops even a mouse in a
** day-long session within milliseconds. Workers take no new item once the stop flag is
** raised. A stopped run returns the first error, or RL_ERR_INTERRUPTED for a cancellation;
** items finished but not delivered are handed to job->discard so their results can be
** released.
*/
#ifndef RL_EXPERIMENT_POOL_H
#define RL_EXPERIMENT_POOL_H

#include <stdatomic.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "relapselab/error.h"
#include "relapselab/progress.h"
#include "chamber/session.h"

/* Items held at most per thread with ordered delivery (see above): a worker may run this
** many items ahead of the writer. */
#define RL_POOL_WINDOW_PER_THREAD 4

/* A worker's own tools, valid during its calls to work(). */
typedef struct rl_pool_worker {
    gsl_rng *r;                 /* reseed it for every stream (rng.h) */
    rl_session_workspace_t w;   /* reusable event buffer; w.stop = {stop, job->cancel} */
    const atomic_int *stop;     /* the pool's stop flag: pass it to simulations as cancel */
} rl_pool_worker_t;

/* What one item simulated (for progress reports). */
typedef struct rl_pool_tally {
    int64_t sessions, events;
} rl_pool_tally_t;

typedef struct rl_pool_job {
    int n_items;                /* >= 0 */
    int threads;                /* worker threads (< 1 means 1) */
    const atomic_int *cancel;   /* the caller's stop request; may be NULL */
    /* On a worker: do item i, write its results into the caller's slot i, add what was
    ** simulated to *tally. Returns 0 or an error (with err set); after an error slot i
    ** must need no release. */
    int (*work)(void *ctx, rl_pool_worker_t *worker, int i, rl_pool_tally_t *tally,
        rl_error_t *err);
    /* On the calling thread, in item order (NULL: no delivery). Returns 0, or an error
    ** that stops the run. Owns the release of slot i whatever it returns. */
    int (*deliver)(void *ctx, int i, rl_error_t *err);
    /* Release slot i of an item that worked but will not be delivered (NULL: nothing). */
    void (*discard)(void *ctx, int i);
    void *ctx;
    rl_progress_t progress;     /* reports count items; unit is progress_unit */
    const char *progress_unit;
} rl_pool_job_t;

/* Run job. Returns 0 when every item worked (and was delivered), else the first error
** (work's, deliver's, RL_ERR_NOMEM, or RL_ERR_INTERRUPTED after a cancellation), with err
** set. */
int rl_pool_run(const rl_pool_job_t *job, rl_error_t *err);

#endif
