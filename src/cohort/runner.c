/* runner.c -- parallel simulation of a cohort with in-order delivery.
**
** A mutex-protected counter hands out subjects; each finished subject is parked in its
** slot and the calling thread, waiting on a condition variable, delivers slots to the
** sink in order and frees them. Memory held at once is bounded by how far workers run
** ahead of the writer (at most the number of subjects; a subject is ~100 kB). The first
** error stops every worker at its next session boundary.
*/
#include "relapselab/runner.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/rng.h"

typedef struct slot {
    int state; /* 0 pending, 1 ready, 2 failed */
    rl_subject_result_t result;
} slot_t;

typedef struct shared {
    const rl_protocol_t *protocol;
    const rl_runner_options_t *opt;
    int total;
    int *group_of;
    int *index_of;
    slot_t *slots;
    int next;                 /* next subject to hand out */
    atomic_int stop;          /* set on the first error or cancellation */
    int error;
    rl_error_t err;
    pthread_mutex_t lock;
    pthread_cond_t ready;
} shared_t;

static int
should_stop(const shared_t *sh)
{
    return atomic_load(&sh->stop) || (sh->opt->cancel != NULL && atomic_load(sh->opt->cancel));
}

static void *
worker(void *arg)
{
    shared_t *sh = arg;
    gsl_rng *r = gsl_rng_alloc(rl_rng_type());
    rl_session_workspace_t w;
    rl_session_workspace_init(&w);

    for (;;) {
        int i, ret;
        rl_error_t err;
        rl_subject_result_t res;
        rl_error_clear(&err);
        pthread_mutex_lock(&sh->lock);
        i = (r == NULL || should_stop(sh) || sh->next >= sh->total) ? -1 : sh->next++;
        if (r == NULL && !atomic_load(&sh->stop)) {
            atomic_store(&sh->stop, 1);
            sh->error = rl_error_set(&sh->err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
        }
        if (i < 0 && should_stop(sh)) {
            atomic_store(&sh->stop, 1); /* wake the writer: no more results will come */
            pthread_cond_broadcast(&sh->ready);
        }
        pthread_mutex_unlock(&sh->lock);
        if (i < 0) {
            break;
        }
        ret = rl_subject_simulate(sh->protocol, sh->opt->params, i, sh->group_of[i], sh->index_of[i],
            sh->opt->seed, r, &w, &sh->stop, &res, &err);
        if (ret == 0 && sh->opt->cancel != NULL && atomic_load(sh->opt->cancel)) {
            ret = rl_error_set(&err, RL_ERR_INTERRUPTED, NULL, 0, 0, "interrupted");
        }
        pthread_mutex_lock(&sh->lock);
        if (ret == 0) {
            sh->slots[i].result = res;
            sh->slots[i].state = 1;
        } else {
            rl_subject_result_free(&res);
            sh->slots[i].state = 2;
            if (!atomic_load(&sh->stop)) {
                atomic_store(&sh->stop, 1);
                sh->error = ret;
                sh->err = err;
            }
        }
        pthread_cond_broadcast(&sh->ready);
        pthread_mutex_unlock(&sh->lock);
    }
    rl_session_workspace_free(&w);
    gsl_rng_free(r);
    return NULL;
}

int
rl_runner_run(const rl_protocol_t *protocol, const rl_runner_options_t *opt, rl_error_t *err)
{
    shared_t sh;
    pthread_t *threads = NULL;
    int n_threads = opt->threads > 0 ? opt->threads : 1;
    int started = 0, delivered = 0, ret = 0, g, k, i;
    int64_t sessions = 0, events = 0;

    memset(&sh, 0, sizeof sh);
    sh.protocol = protocol;
    sh.opt = opt;
    sh.total = rl_protocol_n_subjects(protocol);
    sh.group_of = calloc((size_t) (sh.total > 0 ? sh.total : 1), sizeof *sh.group_of);
    sh.index_of = calloc((size_t) (sh.total > 0 ? sh.total : 1), sizeof *sh.index_of);
    sh.slots = calloc((size_t) (sh.total > 0 ? sh.total : 1), sizeof *sh.slots);
    threads = calloc((size_t) n_threads, sizeof *threads);
    if (sh.group_of == NULL || sh.index_of == NULL || sh.slots == NULL || threads == NULL) {
        ret = rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    for (g = 0, i = 0; g < protocol->n_groups; g++) {
        for (k = 0; k < protocol->groups[g].n; k++, i++) {
            sh.group_of[i] = g;
            sh.index_of[i] = k;
        }
    }
    pthread_mutex_init(&sh.lock, NULL);
    pthread_cond_init(&sh.ready, NULL);
    for (started = 0; started < n_threads; started++) {
        if (pthread_create(&threads[started], NULL, worker, &sh) != 0) {
            break;
        }
    }
    if (started == 0) {
        ret = rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "could not start a worker thread");
        goto join;
    }

    /* Deliver results in subject order as they become ready. */
    pthread_mutex_lock(&sh.lock);
    while (delivered < sh.total) {
        while (sh.slots[delivered].state == 0 && !atomic_load(&sh.stop)) {
            pthread_cond_wait(&sh.ready, &sh.lock);
        }
        if (sh.slots[delivered].state != 1) {
            break;
        }
        pthread_mutex_unlock(&sh.lock);
        ret = opt->sink(opt->sink_ctx, &sh.slots[delivered].result, err);
        for (i = 0; i < sh.slots[delivered].result.n_sessions; i++) {
            events += (int64_t) sh.slots[delivered].result.sessions[i].n_events;
        }
        sessions += sh.slots[delivered].result.n_sessions;
        rl_subject_result_free(&sh.slots[delivered].result);
        pthread_mutex_lock(&sh.lock);
        if (ret != 0) {
            atomic_store(&sh.stop, 1);
            break;
        }
        delivered++;
        if (opt->progress != NULL) {
            pthread_mutex_unlock(&sh.lock);
            opt->progress(opt->progress_ctx, delivered, sh.total, sessions, events);
            pthread_mutex_lock(&sh.lock);
        }
    }
    atomic_store(&sh.stop, 1);
    pthread_mutex_unlock(&sh.lock);
    if (ret == 0 && sh.error != 0) {
        ret = sh.error;
        if (err != NULL) {
            *err = sh.err;
        }
    }
    if (ret == 0 && delivered < sh.total) {
        ret = rl_error_set(err, RL_ERR_INTERRUPTED, NULL, 0, 0, "interrupted");
    }
join:
    for (i = 0; i < started; i++) {
        pthread_join(threads[i], NULL);
    }
    for (i = 0; i < sh.total; i++) {
        if (sh.slots[i].state == 1) {
            rl_subject_result_free(&sh.slots[i].result);
        }
    }
    pthread_cond_destroy(&sh.ready);
    pthread_mutex_destroy(&sh.lock);
out:
    free(threads);
    free(sh.slots);
    free(sh.index_of);
    free(sh.group_of);
    return ret;
}
