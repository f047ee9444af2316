/* test_pool.c -- the worker pool (src/experiment/pool.h): items delivered in order whatever
** the thread count, progress after each, the first error stops the run and releases every
** finished item, a cancellation stops it with RL_ERR_INTERRUPTED, no items is a success.
** Items own heap memory, so a result that is neither delivered nor discarded shows up as a
** leak under ASan. With a slow first item, the items held at once stay within the pool's
** window, and a cancellation reaches the workers while the caller is busy delivering.
*/
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "experiment/pool.h"
#include "testlib.h"

#define N_ITEMS 60

typedef struct job_ctx {
    int *slot[N_ITEMS];         /* each worked item's result (heap) */
    int delivered[N_ITEMS];     /* order of delivery */
    int n_delivered, n_discarded, n_reports, last_done;
    int fail_at;                /* item whose work fails, -1 none */
    int cancel_after;           /* delivery after which the cancel flag is raised, -1 none */
    atomic_int cancel;
    int in_order, progress_ok;
    int64_t last_sessions;
} job_ctx_t;

static int
work(void *ctx, rl_pool_worker_t *wk, int i, rl_pool_tally_t *tally, rl_error_t *err)
{
    job_ctx_t *c = ctx;
    volatile double x = 0.0;
    int k;
    if (wk->r == NULL) {
        return rl_error_set(err, RL_ERR_INTERNAL, NULL, 0, 0, "no generator");
    }
    for (k = 0; k < 1000 * (i % 7); k++) { /* uneven work, so items finish out of order */
        x += k;
    }
    if (i == c->fail_at) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "item %d failed", i);
    }
    if ((c->slot[i] = malloc(sizeof *c->slot[i])) == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    *c->slot[i] = i;
    tally->sessions = 2;
    tally->events = 10 * (i + 1);
    return 0;
}

static int
deliver(void *ctx, int i, rl_error_t *err)
{
    job_ctx_t *c = ctx;
    (void) err;
    c->in_order &= c->slot[i] != NULL && *c->slot[i] == c->n_delivered;
    c->delivered[c->n_delivered++] = i;
    free(c->slot[i]);
    c->slot[i] = NULL;
    if (c->cancel_after >= 0 && c->n_delivered == c->cancel_after) {
        atomic_store(&c->cancel, 1);
    }
    return 0;
}

static void
discard(void *ctx, int i)
{
    job_ctx_t *c = ctx;
    free(c->slot[i]);
    c->slot[i] = NULL;
    c->n_discarded++;
}

static void
on_progress(void *ctx, const rl_progress_info_t *info)
{
    job_ctx_t *c = ctx;
    c->n_reports++;
    c->progress_ok &= info->done > c->last_done && info->total == N_ITEMS
        && info->sessions >= c->last_sessions && strcmp(info->unit, "items") == 0;
    c->last_done = info->done;
    c->last_sessions = info->sessions;
}

static int
run(job_ctx_t *c, int threads, int with_deliver, rl_error_t *err)
{
    rl_pool_job_t job;
    memset(&job, 0, sizeof job);
    job.n_items = N_ITEMS;
    job.threads = threads;
    job.cancel = &c->cancel;
    job.work = work;
    job.deliver = with_deliver ? deliver : NULL;
    job.discard = discard;
    job.ctx = c;
    job.progress.fn = on_progress;
    job.progress.ctx = c;
    job.progress_unit = "items";
    return rl_pool_run(&job, err);
}

static void
reset(job_ctx_t *c, int fail_at, int cancel_after)
{
    memset(c, 0, sizeof *c);
    c->fail_at = fail_at;
    c->cancel_after = cancel_after;
    c->in_order = c->progress_ok = 1;
    atomic_store(&c->cancel, 0);
}

static void
delivered_in_order(void)
{
    job_ctx_t c;
    rl_error_t err;
    int threads, i;
    for (threads = 1; threads <= 4; threads++) {
        reset(&c, -1, -1);
        CHECK(run(&c, threads, 1, &err) == 0);
        CHECK(c.n_delivered == N_ITEMS);
        CHECK(c.in_order);
        for (i = 0; i < N_ITEMS; i++) {
            CHECK(c.delivered[i] == i);
        }
        CHECK(c.n_reports == N_ITEMS && c.last_done == N_ITEMS && c.progress_ok);
        CHECK(c.last_sessions == 2 * N_ITEMS);
        CHECK(c.n_discarded == 0);
    }
}

static void
without_delivery(void)
{
    job_ctx_t c;
    rl_error_t err;
    int i, all = 1;
    reset(&c, -1, -1);
    CHECK(run(&c, 3, 0, &err) == 0);
    for (i = 0; i < N_ITEMS; i++) {
        all &= c.slot[i] != NULL && *c.slot[i] == i;
        free(c.slot[i]);
    }
    CHECK(all);
    CHECK(c.last_done == N_ITEMS && c.progress_ok && c.last_sessions == 2 * N_ITEMS);
    CHECK(c.n_discarded == 0);
}

static void
first_error_stops(void)
{
    job_ctx_t c;
    rl_error_t err;
    int threads, i, left;
    for (threads = 1; threads <= 3; threads++) {
        reset(&c, 17, -1);
        rl_error_clear(&err);
        CHECK(run(&c, threads, 1, &err) == RL_ERR_INVALID);
        CHECK(strcmp(err.msg, "item 17 failed") == 0);
        CHECK(c.n_delivered <= 17);
        for (i = 0, left = 0; i < N_ITEMS; i++) {
            left += c.slot[i] != NULL;
        }
        CHECK(left == 0); /* everything worked was delivered or discarded */
    }
}

static void
cancel_interrupts(void)
{
    job_ctx_t c;
    rl_error_t err;
    int i, left = 0;
    reset(&c, -1, 5);
    rl_error_clear(&err);
    CHECK(run(&c, 2, 1, &err) == RL_ERR_INTERRUPTED);
    CHECK(err.code == RL_ERR_INTERRUPTED);
    CHECK(c.n_delivered >= 5 && c.n_delivered < N_ITEMS);
    for (i = 0; i < N_ITEMS; i++) {
        left += c.slot[i] != NULL;
    }
    CHECK(left == 0);
    /* a cancel already raised: nothing is delivered */
    reset(&c, -1, -1);
    atomic_store(&c.cancel, 1);
    CHECK(run(&c, 2, 1, &err) == RL_ERR_INTERRUPTED);
    CHECK(c.n_delivered == 0);
}

static void
no_items(void)
{
    rl_pool_job_t job;
    rl_error_t err;
    memset(&job, 0, sizeof job);
    job.threads = 2;
    job.work = work;
    CHECK(rl_pool_run(&job, &err) == 0);
}

/* ---- a slow first item: the window of items held (issue 14, items 5 and 6) */

typedef struct slow_ctx {
    int n_items;
    atomic_int held, max_held;  /* items begun and not yet delivered */
    atomic_int begun;
    atomic_int cancel;
    atomic_int saw_stop;        /* a worker saw the cancel inside its work */
    int cancel_in_deliver;      /* deliver(0) raises the cancel and waits for a worker */
    int stopped_while_delivering;
    int delivered, in_order;
} slow_ctx_t;

static double
now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) t.tv_sec + 1e-9 * (double) t.tv_nsec;
}

static void
nap(void)
{
    struct timespec ms = {0, 1000000};
    nanosleep(&ms, NULL);
}

static int
slow_work(void *ctx, rl_pool_worker_t *wk, int i, rl_pool_tally_t *tally, rl_error_t *err)
{
    slow_ctx_t *c = ctx;
    int held = atomic_fetch_add(&c->held, 1) + 1, max = atomic_load(&c->max_held);
    double until = now_s() + 5.0;
    (void) tally;
    (void) err;
    while (held > max && !atomic_compare_exchange_weak(&c->max_held, &max, held)) {
    }
    atomic_fetch_add(&c->begun, 1);
    if (i == 0 && !c->cancel_in_deliver) {
        /* slow: until every other item has begun (which the window forbids) or 0.5 s */
        until = now_s() + 0.5;
        while (atomic_load(&c->begun) < c->n_items && now_s() < until) {
            nap();
        }
    } else if (i > 0 && c->cancel_in_deliver) {
        /* a long item: until the run's cancel reaches the worker, at most 5 s */
        while (!rl_session_stopped(&wk->w) && now_s() < until) {
            nap();
        }
        if (rl_session_stopped(&wk->w)) {
            atomic_store(&c->saw_stop, 1);
        }
    }
    return 0;
}

static int
slow_deliver(void *ctx, int i, rl_error_t *err)
{
    slow_ctx_t *c = ctx;
    double until = now_s() + 5.0;
    (void) err;
    c->in_order &= i == c->delivered++;
    atomic_fetch_sub(&c->held, 1);
    if (i == 0 && c->cancel_in_deliver) {
        /* the writer is busy: the cancel must reach the workers without it */
        atomic_store(&c->cancel, 1);
        while (!atomic_load(&c->saw_stop) && now_s() < until) {
            nap();
        }
        c->stopped_while_delivering = atomic_load(&c->saw_stop);
    }
    return 0;
}

static void
slow_discard(void *ctx, int i)
{
    (void) i;
    atomic_fetch_sub(&((slow_ctx_t *) ctx)->held, 1);
}

static int
slow_run(slow_ctx_t *c, int threads, int n_items, int cancel_in_deliver, rl_error_t *err)
{
    rl_pool_job_t job;
    memset(c, 0, sizeof *c);
    c->n_items = n_items;
    c->in_order = 1;
    c->cancel_in_deliver = cancel_in_deliver;
    memset(&job, 0, sizeof job);
    job.n_items = n_items;
    job.threads = threads;
    job.cancel = &c->cancel;
    job.work = slow_work;
    job.deliver = slow_deliver;
    job.discard = slow_discard;
    job.ctx = c;
    return rl_pool_run(&job, err);
}

/* While item 0 is slow, the other workers stop once RL_POOL_WINDOW_PER_THREAD x threads
** items are held (before: they went on to all 59 others, which were all held in memory);
** everything is still delivered in order. */
static void
window_bounds_memory(void)
{
    slow_ctx_t c;
    rl_error_t err;
    int threads;
    for (threads = 2; threads <= 3; threads++) {
        CHECK(slow_run(&c, threads, N_ITEMS, 0, &err) == 0);
        CHECK(c.delivered == N_ITEMS && c.in_order);
        CHECK(atomic_load(&c.max_held) <= RL_POOL_WINDOW_PER_THREAD * threads);
        CHECK(atomic_load(&c.max_held) >= 2); /* the others did run ahead of item 0 */
        CHECK(atomic_load(&c.held) == 0);
    }
}

/* The run's cancel flag reaches a worker inside its item (worker->w.stop) while the calling
** thread is busy delivering, without waiting for the delivery to end (before: the pool's
** flag was raised only by the calling thread between deliveries). */
static void
cancel_reaches_busy_workers(void)
{
    slow_ctx_t c;
    rl_error_t err;
    double t0 = now_s();
    CHECK(slow_run(&c, 2, 4, 1, &err) == RL_ERR_INTERRUPTED);
    CHECK(c.stopped_while_delivering);
    CHECK(now_s() - t0 < 4.0);
    CHECK(atomic_load(&c.held) == 0);
}

static const rl_test_case_t CASES[] = {
    {"delivered_in_order", delivered_in_order, 0},
    {"without_delivery", without_delivery, 0},
    {"first_error_stops", first_error_stops, 0},
    {"cancel_interrupts", cancel_interrupts, 0},
    {"no_items", no_items, 0},
    {"window_bounds_memory", window_bounds_memory, 0},
    {"cancel_reaches_busy_workers", cancel_reaches_busy_workers, 0},
};

RL_TEST_MAIN(CASES)
