/* pool.c -- the worker pool (see pool.h).
**
** A mutex guards the item states and the next item to hand out; a condition variable
** (waited on with a 0.1-s timeout against CLOCK_MONOTONIC, so the caller's cancel flag,
** which only a signal handler may set, is seen promptly) wakes the calling thread when an
** item finishes. A second one, `room`, wakes workers waiting for the delivery window to
** move (with ordered delivery, a worker takes item i only once i < delivered + window:
** pool.h); it is broadcast after each delivery and when the stop flag is raised. Item
** states: pending, worked, failed, released (delivered or discarded).
*/
#include "pool.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "relapselab/rng.h"
#include "core/alloc.h"

enum { PENDING = 0, WORKED = 1, FAILED = 2, RELEASED = 3 };

typedef struct pool {
    const rl_pool_job_t *job;
    signed char *state;
    rl_pool_tally_t *tally;
    int next;                   /* next item to hand out */
    int delivered;              /* items delivered so far (with job->deliver) */
    int window;                 /* items handed out beyond `delivered` at most (or n_items) */
    int n_worked;               /* items worked so far, and what they simulated */
    rl_pool_tally_t worked;
    atomic_int stop;
    int error;                  /* the first error (0: none yet) */
    rl_error_t err;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    pthread_cond_t room;        /* the window moved, or the run stops */
} pool_t;

void
rl_progress_report(const rl_progress_t *p, const rl_progress_info_t *info)
{
    if (p != NULL && p->fn != NULL) {
        p->fn(p->ctx, info);
    }
}

/* Record the first error and raise the stop flag. Call with the lock held. */
static void
raise_stop(pool_t *p, int code, const rl_error_t *err)
{
    if (p->error == 0 && code != 0) {
        p->error = code;
        if (err != NULL) {
            p->err = *err;
        }
    }
    atomic_store(&p->stop, 1);
    pthread_cond_broadcast(&p->room);
}

static void *
worker_main(void *arg)
{
    pool_t *p = arg;
    const rl_pool_job_t *job = p->job;
    rl_pool_worker_t wk;
    rl_error_t err;

    memset(&wk, 0, sizeof wk);
    wk.r = rl_rng_alloc();
    wk.stop = &p->stop;
    rl_session_workspace_init(&wk.w);
    wk.w.stop[0] = &p->stop;    /* polled inside sessions too (session.h) */
    wk.w.stop[1] = job->cancel;
    if (wk.r == NULL) {
        pthread_mutex_lock(&p->lock);
        raise_stop(p, rl_error_set(&err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory"), &err);
        pthread_cond_broadcast(&p->changed);
        pthread_mutex_unlock(&p->lock);
    }
    while (wk.r != NULL) {
        rl_pool_tally_t tally = {0, 0};
        int i, ret;
        pthread_mutex_lock(&p->lock);
        while (!atomic_load(&p->stop) && p->next < job->n_items
            && p->next >= p->delivered + p->window) {
            pthread_cond_wait(&p->room, &p->lock); /* the writer is behind: bounded memory */
        }
        i = atomic_load(&p->stop) || p->next >= job->n_items ? -1 : p->next++;
        pthread_mutex_unlock(&p->lock);
        if (i < 0) {
            break;
        }
        rl_error_clear(&err);
        ret = job->work(job->ctx, &wk, i, &tally, &err);
        pthread_mutex_lock(&p->lock);
        if (ret == 0) {
            p->state[i] = WORKED;
            p->tally[i] = tally;
            p->n_worked++;
            p->worked.sessions += tally.sessions;
            p->worked.events += tally.events;
        } else {
            p->state[i] = FAILED;
            raise_stop(p, ret, &err);
        }
        pthread_cond_broadcast(&p->changed);
        pthread_mutex_unlock(&p->lock);
    }
    rl_session_workspace_free(&wk.w);
    gsl_rng_free(wk.r);
    return NULL;
}

/* Wait at most 0.1 s for a change. Call with the lock held. */
static void
wait_a_little(pool_t *p)
{
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_nsec += 100L * 1000 * 1000;
    if (until.tv_nsec >= 1000L * 1000 * 1000) {
        until.tv_sec += 1;
        until.tv_nsec -= 1000L * 1000 * 1000;
    }
    pthread_cond_timedwait(&p->changed, &p->lock, &until);
}

static bool
cancelled(const rl_pool_job_t *job)
{
    return job->cancel != NULL && atomic_load(job->cancel) != 0;
}

/* Report progress (the lock is released around the callback). */
static void
report(pool_t *p, int done, const rl_progress_info_t *sums)
{
    rl_progress_info_t info = *sums;
    info.done = done;
    pthread_mutex_unlock(&p->lock);
    rl_progress_report(&p->job->progress, &info);
    pthread_mutex_lock(&p->lock);
}

/* The calling thread's loop: deliver (or count) finished items until all are done or the
** run stops. Call with the lock held; returns with it held. */
static void
supervise(pool_t *p)
{
    const rl_pool_job_t *job = p->job;
    rl_progress_info_t sums;
    int done = 0;
    rl_error_t err;

    memset(&sums, 0, sizeof sums);
    sums.total = job->n_items;
    sums.unit = job->progress_unit;
    while (done < job->n_items) {
        if (cancelled(job) && !atomic_load(&p->stop)) {
            raise_stop(p, rl_error_set(&err, RL_ERR_INTERRUPTED, NULL, 0, 0, "interrupted"),
                &err);
        }
        if (atomic_load(&p->stop)) {
            break;
        }
        if (job->deliver != NULL && p->state[done] == WORKED) {
            int ret;
            pthread_mutex_unlock(&p->lock);
            rl_error_clear(&err);
            ret = job->deliver(job->ctx, done, &err);
            pthread_mutex_lock(&p->lock);
            p->state[done] = RELEASED;
            sums.sessions += p->tally[done].sessions;
            sums.events += p->tally[done].events;
            done++;
            p->delivered = done;
            pthread_cond_broadcast(&p->room);
            if (ret != 0) {
                raise_stop(p, ret, &err);
                break;
            }
            report(p, done, &sums);
            continue;
        }
        if (job->deliver == NULL && p->n_worked > done) {
            done = p->n_worked;
            sums.sessions = p->worked.sessions;
            sums.events = p->worked.events;
            report(p, done, &sums);
            continue;
        }
        wait_a_little(p);
    }
}

int
rl_pool_run(const rl_pool_job_t *job, rl_error_t *err)
{
    int n_threads = job->threads > 0 ? job->threads : 1, started = 0, i, ret;
    pthread_t *threads = rl_calloc((size_t) n_threads, sizeof *threads);
    pthread_condattr_t attr;
    pool_t p;

    memset(&p, 0, sizeof p);
    p.job = job;
    p.window = job->deliver != NULL ? RL_POOL_WINDOW_PER_THREAD * n_threads : job->n_items;
    p.state = rl_calloc((size_t) job->n_items + 1, sizeof *p.state);
    p.tally = rl_calloc((size_t) job->n_items + 1, sizeof *p.tally);
    if (threads == NULL || p.state == NULL || p.tally == NULL) {
        free(threads);
        free(p.state);
        free(p.tally);
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    pthread_mutex_init(&p.lock, NULL);
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&p.changed, &attr);
    pthread_cond_init(&p.room, NULL);
    pthread_condattr_destroy(&attr);
    for (started = 0; started < n_threads && job->n_items > 0; started++) {
        if (pthread_create(&threads[started], NULL, worker_main, &p) != 0) {
            break;
        }
    }
    pthread_mutex_lock(&p.lock);
    if (started == 0 && job->n_items > 0) {
        rl_error_t e;
        raise_stop(&p, rl_error_set(&e, RL_ERR_NOMEM, NULL, 0, 0,
            "could not start a worker thread"), &e);
    }
    supervise(&p);
    atomic_store(&p.stop, 1); /* workers take no new item */
    pthread_cond_broadcast(&p.room);
    pthread_mutex_unlock(&p.lock);
    for (i = 0; i < started; i++) {
        pthread_join(threads[i], NULL);
    }
    if (p.error == 0 && cancelled(job)) {
        rl_error_set(&p.err, RL_ERR_INTERRUPTED, NULL, 0, 0, "interrupted");
        p.error = RL_ERR_INTERRUPTED;
    }
    for (i = 0; i < job->n_items; i++) {
        if (p.state[i] == WORKED && (p.error != 0 || job->deliver != NULL)) {
            if (job->discard != NULL) {
                job->discard(job->ctx, i);
            }
            p.state[i] = RELEASED;
        }
        if (p.error == 0 && p.state[i] != WORKED && p.state[i] != RELEASED) {
            rl_error_set(&p.err, RL_ERR_INTERRUPTED, NULL, 0, 0, "interrupted");
            p.error = RL_ERR_INTERRUPTED;
        }
    }
    ret = p.error;
    if (ret != 0 && err != NULL) {
        *err = p.err;
    }
    pthread_cond_destroy(&p.changed);
    pthread_cond_destroy(&p.room);
    pthread_mutex_destroy(&p.lock);
    free(threads);
    free(p.state);
    free(p.tally);
    return ret;
}
