/* screen_run.c -- a screen's mice, trained once and tested under every cell, in parallel.
**
** A mouse is the unit of parallel work: a worker takes the next mouse, trains it through
** the phases before the test (rl_subject_train), then tests a copy of the trained mouse
** under every trigger x arm cell, and writes its numbers into the mouse's own slots of the
** result arrays (no two workers share a slot, so the results do not depend on the thread
** count or on the order in which mice finish). The calling thread waits, reports progress
** and turns a cancellation request into a stop that the workers see between sessions. The
** first error stops every worker.
*/
#include "relapselab/screen.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "relapselab/mouse.h"
#include "relapselab/rng.h"
#include "relapselab/session.h"
#include "relapselab/subject.h"

/* Test streams are behaviour streams whose session key has the top bit set: a training
** session's key is its day number, which never does. */
#define TEST_STREAM_TAG (UINT64_C(1) << 63)

typedef struct shared {
    const rl_screen_t *screen;
    const rl_screen_options_t *opt;
    rl_screen_results_t *res;
    int total, next, done;
    atomic_int stop;              /* the first error, or a cancellation */
    int error;
    rl_error_t err;
    pthread_mutex_t lock;
    pthread_cond_t changed;
} shared_t;

/* FNV-1a of a name, mixed: a stream key that depends on the name only. */
static uint64_t
name_key(const char *s)
{
    uint64_t h = UINT64_C(14695981039346656037);
    for (; *s != '\0'; s++) {
        h = (h ^ (unsigned char) *s) * UINT64_C(1099511628211);
    }
    return rl_mix64(h);
}

/* The session key of the stream of test (t, a). */
static uint64_t
test_key(const rl_screen_t *sc, int t, int a)
{
    uint64_t k = name_key(sc->triggers[t].name);
    if (sc->independent_streams) {
        k = rl_mix64(k ^ name_key(sc->arms[a].name));
    }
    return k | TEST_STREAM_TAG;
}

/* Mean active pokes of the last RL_SCREEN_BASELINE_SESSIONS sessions of tr. */
static double
baseline_of(const rl_subject_result_t *tr)
{
    int k = tr->n_sessions < RL_SCREEN_BASELINE_SESSIONS ? tr->n_sessions
                                                         : RL_SCREEN_BASELINE_SESSIONS;
    double sum = 0.0;
    int i;
    for (i = tr->n_sessions - k; i < tr->n_sessions; i++) {
        sum += (double) tr->sessions[i].active;
    }
    return k > 0 ? sum / k : 0.0;
}

/* One test: a copy of the trained mouse, the trigger's and the arm's drugs and stressors,
** the test session from its own stream. */
static int
run_test(const rl_screen_t *sc, uint64_t seed, int s, int t, int a, const rl_mouse_t *trained,
    rl_mouse_t *m, gsl_rng *r, rl_session_workspace_t *w, rl_session_result_t *out,
    rl_error_t *err)
{
    const rl_phase_t *ph = &sc->triggers[t].phase;
    const rl_screen_arm_t *arm = &sc->arms[a];
    int k, ret;

    rl_mouse_copy(m, trained);
    rl_mouse_begin_session(m, sc->protocol.intersession_h + 24.0 * ph->abstinence_days, false);
    if ((ret = rl_subject_give_triggers(m, ph, 0, err)) != 0) {
        return ret;
    }
    for (k = 0; k < arm->n_treatments; k++) {
        const rl_treatment_t *tr = &arm->treatments[k];
        if ((ret = rl_mouse_give(m, tr->drug_id, tr->route_id, tr->dose_mg_per_kg,
                 -tr->minutes_before, err)) != 0) {
            return ret;
        }
    }
    rl_stream_set(r, seed, RL_STREAM_BEHAVIOUR, (uint64_t) s, test_key(sc, t, a));
    return rl_session_run(ph, m, r, w, out, err);
}

/* Mouse s: training, then every cell. */
static int
run_mouse(shared_t *sh, int s, gsl_rng *r, rl_session_workspace_t *w, rl_mouse_t *const *mice,
    int64_t *sessions, int64_t *events, rl_error_t *err)
{
    const rl_screen_t *sc = sh->screen;
    rl_screen_results_t *res = sh->res;
    rl_subject_result_t tr;
    int t, a, i, ret;

    ret = rl_subject_train(&sc->protocol, sh->opt->params, s, s / sc->n, s % sc->n,
        sh->opt->seed, sc->test_phase, r, w, &sh->stop, mice[0], &tr, err);
    if (ret == 0) {
        res->baseline[s] = baseline_of(&tr);
        res->training_sessions[s] = tr.n_sessions;
        *sessions += tr.n_sessions;
        for (i = 0; i < tr.n_sessions; i++) {
            *events += (int64_t) tr.sessions[i].n_events;
        }
    }
    rl_subject_result_free(&tr);
    for (t = 0; ret == 0 && t < sc->n_triggers; t++) {
        for (a = 0; ret == 0 && a < sc->n_arms; a++) {
            rl_session_result_t out;
            size_t k = rl_screen_index(res, s, t, a);
            if (atomic_load(&sh->stop)) {
                return rl_error_set(err, RL_ERR_INTERRUPTED, NULL, 0, 0, "interrupted");
            }
            memset(&out, 0, sizeof out);
            ret = run_test(sc, sh->opt->seed, s, t, a, mice[0], mice[1], r, w, &out, err);
            if (ret == 0) {
                res->active[k] = (double) out.active;
                res->inactive[k] = (double) out.inactive;
                *sessions += 1;
                *events += (int64_t) out.n_events;
            }
            rl_session_result_free(&out);
        }
    }
    return ret;
}

static void *
worker(void *arg)
{
    shared_t *sh = arg;
    gsl_rng *r = gsl_rng_alloc(rl_rng_type());
    rl_mouse_t *mice[2] = {rl_mouse_new(), rl_mouse_new()}; /* trained, and its test copy */
    rl_session_workspace_t w;

    rl_session_workspace_init(&w);
    for (;;) {
        int s, ret;
        int64_t sessions = 0, events = 0;
        rl_error_t err;

        rl_error_clear(&err);
        pthread_mutex_lock(&sh->lock);
        if ((r == NULL || mice[0] == NULL || mice[1] == NULL) && !atomic_load(&sh->stop)) {
            atomic_store(&sh->stop, 1);
            sh->error = rl_error_set(&sh->err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
        }
        s = atomic_load(&sh->stop) || sh->next >= sh->total ? -1 : sh->next++;
        pthread_cond_broadcast(&sh->changed);
        pthread_mutex_unlock(&sh->lock);
        if (s < 0) {
            break;
        }
        ret = run_mouse(sh, s, r, &w, mice, &sessions, &events, &err);
        pthread_mutex_lock(&sh->lock);
        if (ret != 0 && !atomic_load(&sh->stop)) {
            atomic_store(&sh->stop, 1);
            sh->error = ret;
            sh->err = err;
        }
        sh->done += ret == 0;
        sh->res->sessions += sessions;
        sh->res->events += events;
        pthread_cond_broadcast(&sh->changed);
        pthread_mutex_unlock(&sh->lock);
    }
    rl_session_workspace_free(&w);
    rl_mouse_free(mice[0]);
    rl_mouse_free(mice[1]);
    gsl_rng_free(r);
    return NULL;
}

static int
alloc_results(rl_screen_results_t *res, const rl_screen_t *sc, uint64_t seed)
{
    size_t n_subjects = (size_t) rl_screen_n_subjects(sc);
    size_t cells = n_subjects * (size_t) rl_screen_tests_per_mouse(sc);

    memset(res, 0, sizeof *res);
    res->seed = seed;
    res->n_subjects = (int) n_subjects;
    res->n_triggers = sc->n_triggers;
    res->n_arms = sc->n_arms;
    res->baseline = calloc(n_subjects, sizeof *res->baseline);
    res->training_sessions = calloc(n_subjects, sizeof *res->training_sessions);
    res->active = calloc(cells, sizeof *res->active);
    res->inactive = calloc(cells, sizeof *res->inactive);
    return res->baseline && res->training_sessions && res->active && res->inactive
        ? 0 : RL_ERR_NOMEM;
}

int
rl_screen_run(const rl_screen_t *screen, const rl_screen_options_t *opt,
    rl_screen_results_t *out, rl_error_t *err)
{
    shared_t sh;
    pthread_t *threads = NULL;
    int n_threads = opt->threads > 0 ? opt->threads : 1, started = 0, reported = 0, i;
    int ret = 0;

    memset(&sh, 0, sizeof sh);
    if (alloc_results(out, screen, opt->seed) != 0
        || (threads = calloc((size_t) n_threads, sizeof *threads)) == NULL) {
        rl_screen_results_free(out);
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    sh.screen = screen;
    sh.opt = opt;
    sh.res = out;
    sh.total = out->n_subjects;
    pthread_mutex_init(&sh.lock, NULL);
    pthread_cond_init(&sh.changed, NULL);
    for (started = 0; started < n_threads; started++) {
        if (pthread_create(&threads[started], NULL, worker, &sh) != 0) {
            break;
        }
    }
    if (started == 0) {
        atomic_store(&sh.stop, 1);
        sh.error = rl_error_set(&sh.err, RL_ERR_NOMEM, NULL, 0, 0,
            "could not start a worker thread");
    }
    /* Wait for the mice, report progress, and stop the workers on a cancellation (polled
    ** every 50 ms: a signal handler can only set the flag). */
    pthread_mutex_lock(&sh.lock);
    while (sh.done < sh.total && !atomic_load(&sh.stop)) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 50 * 1000 * 1000;
        if (until.tv_nsec >= 1000 * 1000 * 1000) {
            until.tv_sec += 1;
            until.tv_nsec -= 1000 * 1000 * 1000;
        }
        pthread_cond_timedwait(&sh.changed, &sh.lock, &until);
        if (opt->cancel != NULL && atomic_load(opt->cancel) && !atomic_load(&sh.stop)) {
            atomic_store(&sh.stop, 1);
            sh.error = rl_error_set(&sh.err, RL_ERR_INTERRUPTED, NULL, 0, 0, "interrupted");
        }
        if (opt->progress != NULL && sh.done > reported && sh.error == 0) {
            int done = sh.done;
            int64_t sessions = out->sessions;
            pthread_mutex_unlock(&sh.lock);
            opt->progress(opt->progress_ctx, done, sh.total, sessions);
            reported = done;
            pthread_mutex_lock(&sh.lock);
        }
    }
    pthread_mutex_unlock(&sh.lock);
    for (i = 0; i < started; i++) {
        pthread_join(threads[i], NULL);
    }
    if (sh.error == 0 && opt->cancel != NULL && atomic_load(opt->cancel)) {
        sh.error = rl_error_set(&sh.err, RL_ERR_INTERRUPTED, NULL, 0, 0, "interrupted");
    }
    if (sh.error != 0) {
        ret = sh.error;
        if (err != NULL) {
            *err = sh.err;
        }
        rl_screen_results_free(out);
    } else if (opt->progress != NULL && reported < sh.total) {
        opt->progress(opt->progress_ctx, sh.total, sh.total, out->sessions);
    }
    pthread_cond_destroy(&sh.changed);
    pthread_mutex_destroy(&sh.lock);
    free(threads);
    return ret;
}

void
rl_screen_results_free(rl_screen_results_t *self)
{
    if (self == NULL) {
        return;
    }
    free(self->baseline);
    free(self->training_sessions);
    free(self->active);
    free(self->inactive);
    memset(self, 0, sizeof *self);
}

size_t
rl_screen_index(const rl_screen_results_t *r, int s, int t, int a)
{
    return ((size_t) s * (size_t) r->n_triggers + (size_t) t) * (size_t) r->n_arms
        + (size_t) a;
}
