/* screen_run.c -- a screen's mice, trained once and tested under every cell, in parallel.
**
** A mouse is one item of the worker pool (pool.h): a worker trains it through the phases
** before the test (rl_subject_train), then tests a copy of the trained mouse under every
** trigger x arm cell (rl_subject_session, the arm's drugs as extra doses), and writes its
** numbers into the mouse's own slots of the result arrays (no two workers share a slot, so
** the results do not depend on the thread count or on the order in which mice finish).
** Progress, cancellation and the first error follow the pool's rules.
**
** Split across ranks (opt->split, split.h; `mpirun -n K relapselab screen`): the unit is
** the mouse. Rank k works mice [lo, hi) of rl_split_range (a mouse's numbers depend only on
** the seed and its subject index, never on who runs it), packs each into a record (its
** tally, baseline, training sessions, and active/inactive pokes of every cell, as doubles:
** the counts are exact) and gathers them on rank 0, which unpacks them into the same slots
** a single process fills and sums the tallies in mouse order: identical results.
*/
#include "relapselab/screen.h"

#include <stdlib.h>
#include <string.h>

#include "relapselab/measures.h"
#include "relapselab/mouse.h"
#include "relapselab/rng.h"
#include "relapselab/split.h"
#include "chamber/session.h"
#include "cohort/subject.h"

#include "pool.h"
#include "core/alloc.h"

typedef struct screen_job {
    const rl_screen_t *screen;
    const rl_screen_options_t *opt;
    rl_screen_results_t *res;
    rl_pool_tally_t *tally;       /* [s] what mouse s simulated */
    int lo;                       /* pool item i is mouse lo + i (this rank's block) */
} screen_job_t;

/* The session key of the stream of test (t, a) (rng.h: RL_STREAM_TEST). */
static uint64_t
test_key(const rl_screen_t *sc, int t, int a)
{
    uint64_t k = rl_stream_name_key(sc->triggers[t].name);
    if (sc->independent_streams) {
        k = rl_mix64(k ^ rl_stream_name_key(sc->arms[a].name));
    }
    return k;
}

/* The extinction baseline of a trained mouse (measures.h): mean active pokes over the last
** sessions of its last training phase (the criterion window, rl_screen_baseline_sessions). */
static int
baseline_of(const rl_screen_t *sc, const rl_subject_result_t *tr, double *out, rl_error_t *err)
{
    const rl_procedure_t *proc = &sc->protocol.procedures[sc->procedure];
    rl_measures_work_t *w = rl_measures_work_new();
    rl_subject_phase_t rows[RL_MAX_PHASES];
    int n_rows = 0, ret;

    *out = 0.0;
    if (w == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    ret = rl_measures_subject(proc, tr->sessions, (size_t) tr->n_sessions, tr->subject_id,
        tr->group, RL_MEASURES_COUNTS_ONLY, w, NULL, rows, &n_rows, err);
    if (ret == 0 && n_rows > 0 && rows[n_rows - 1].phase_index == sc->test_phase - 1) {
        *out = rows[n_rows - 1].v[RL_M_LAST_ACTIVE];
    }
    rl_measures_work_free(w);
    return ret;
}

/* One test: a copy of the trained mouse, the trigger's and the arm's drugs and stressors,
** the test session from its own stream. */
static int
run_test(const rl_screen_t *sc, uint64_t seed, int s, int t, int a, const rl_mouse_t *trained,
    rl_mouse_t *m, rl_pool_worker_t *wk, rl_session_result_t *out, rl_error_t *err)
{
    rl_session_plan_t plan;

    rl_mouse_copy(m, trained);
    memset(&plan, 0, sizeof plan);
    plan.protocol = &sc->protocol;
    plan.phase = &sc->triggers[t].phase;
    plan.index = 0;
    plan.first = false;
    plan.extra = sc->arms[a].treatments;
    plan.n_extra = sc->arms[a].n_treatments;
    plan.seed = seed;
    plan.subject = (uint64_t) s;
    plan.stream_kind = RL_STREAM_TEST;
    plan.stream_key = test_key(sc, t, a);
    return rl_subject_session(m, &plan, wk->r, &wk->w, out, err);
}

/* Mouse s: training, then every cell. */
static int
work(void *ctx, rl_pool_worker_t *wk, int item, rl_pool_tally_t *tally, rl_error_t *err)
{
    screen_job_t *job = ctx;
    int s = job->lo + item;
    const rl_screen_t *sc = job->screen;
    rl_screen_results_t *res = job->res;
    rl_mouse_t *mice[2] = {rl_mouse_new(), rl_mouse_new()}; /* trained, and its test copy */
    rl_subject_result_t tr;
    int t, a, i, ret;

    if (mice[0] == NULL || mice[1] == NULL) {
        rl_mouse_free(mice[0]);
        rl_mouse_free(mice[1]);
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    ret = rl_subject_train(&sc->protocol, job->opt->params, s, s / sc->n, s % sc->n,
        job->opt->seed, sc->test_phase, wk->r, &wk->w, wk->stop, mice[0], &tr, err);
    if (ret == 0) {
        ret = baseline_of(sc, &tr, &res->baseline[s], err);
        res->training_sessions[s] = tr.n_sessions;
        tally->sessions += tr.n_sessions;
        for (i = 0; i < tr.n_sessions; i++) {
            tally->events += (int64_t) tr.sessions[i].n_events;
        }
    }
    rl_subject_result_free(&tr);
    for (t = 0; ret == 0 && t < sc->n_triggers; t++) {
        for (a = 0; ret == 0 && a < sc->n_arms; a++) {
            rl_session_result_t out;
            size_t k = rl_screen_index(res, s, t, a);
            if (atomic_load(wk->stop)) {
                ret = rl_error_set(err, RL_ERR_INTERRUPTED, NULL, 0, 0, "interrupted");
                break;
            }
            ret = run_test(sc, job->opt->seed, s, t, a, mice[0], mice[1], wk, &out, err);
            if (ret == 0) {
                res->active[k] = (double) out.active;
                res->inactive[k] = (double) out.inactive;
                tally->sessions += 1;
                tally->events += (int64_t) out.n_events;
            }
            rl_session_result_free(&out);
        }
    }
    rl_mouse_free(mice[0]);
    rl_mouse_free(mice[1]);
    job->tally[s] = *tally;
    return ret;
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
    res->baseline = rl_calloc(n_subjects, sizeof *res->baseline);
    res->training_sessions = rl_calloc(n_subjects, sizeof *res->training_sessions);
    res->active = rl_calloc(cells, sizeof *res->active);
    res->inactive = rl_calloc(cells, sizeof *res->inactive);
    return res->baseline && res->training_sessions && res->active && res->inactive
        ? 0 : RL_ERR_NOMEM;
}

enum { REC_HEAD = 4 }; /* sessions, events, baseline, training sessions; then the cells */

/* Doubles per mouse in a gathered record. */
static size_t
record_len(const rl_screen_results_t *res)
{
    return REC_HEAD + 2 * (size_t) res->n_triggers * (size_t) res->n_arms;
}

/* Gather mice [lo, hi) of every rank onto rank 0 (collective; split.h). On rank 0 the
** results and tallies of every mouse are in place afterwards. */
static int
gather_mice(const rl_split_t *split, rl_screen_results_t *res, rl_pool_tally_t *tally,
    int lo, int hi, rl_error_t *err)
{
    size_t len = record_len(res), cells = len - REC_HEAD, k, c0;
    size_t n_all = split->rank == 0 ? (size_t) res->n_subjects : 0;
    double *mine = rl_calloc((size_t) (hi - lo) * len + 1, sizeof *mine);
    double *all = n_all > 0 ? rl_calloc(n_all * len, sizeof *all) : NULL;
    int s, ret;

    if (mine == NULL || (n_all > 0 && all == NULL)) {
        free(mine);
        free(all);
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    for (s = lo; s < hi; s++) {
        double *x = mine + (size_t) (s - lo) * len;
        c0 = rl_screen_index(res, s, 0, 0);
        x[0] = (double) tally[s].sessions;
        x[1] = (double) tally[s].events;
        x[2] = res->baseline[s];
        x[3] = res->training_sessions[s];
        for (k = 0; k < cells / 2; k++) {
            x[REC_HEAD + 2 * k] = res->active[c0 + k];
            x[REC_HEAD + 2 * k + 1] = res->inactive[c0 + k];
        }
    }
    ret = split->gather(split->ctx, mine, (size_t) (hi - lo) * len * sizeof *mine, all,
        n_all * len * sizeof *all);
    for (s = 0; ret == 0 && (size_t) s < n_all; s++) {
        const double *x = all + (size_t) s * len;
        c0 = rl_screen_index(res, s, 0, 0);
        tally[s].sessions = (int64_t) x[0];
        tally[s].events = (int64_t) x[1];
        res->baseline[s] = x[2];
        res->training_sessions[s] = (int) x[3];
        for (k = 0; k < cells / 2; k++) {
            res->active[c0 + k] = x[REC_HEAD + 2 * k];
            res->inactive[c0 + k] = x[REC_HEAD + 2 * k + 1];
        }
    }
    free(mine);
    free(all);
    return ret != 0 ? rl_error_set(err, ret, NULL, 0, 0, "screen: gathering the ranks' "
        "mice failed") : 0;
}

int
rl_screen_run(const rl_screen_t *screen, const rl_screen_options_t *opt,
    rl_screen_results_t *out, rl_error_t *err)
{
    screen_job_t sj;
    rl_pool_job_t job;
    int ret, s, hi;

    memset(&sj, 0, sizeof sj);
    if (alloc_results(out, screen, opt->seed) != 0
        || (sj.tally = rl_calloc((size_t) out->n_subjects + 1, sizeof *sj.tally)) == NULL) {
        rl_screen_results_free(out);
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    sj.screen = screen;
    sj.opt = opt;
    sj.res = out;
    rl_split_range(opt->split, out->n_subjects, &sj.lo, &hi);
    memset(&job, 0, sizeof job);
    job.n_items = hi - sj.lo;
    job.threads = opt->threads;
    job.cancel = opt->cancel;
    job.work = work;
    job.ctx = &sj;
    job.progress = opt->progress;
    job.progress_unit = "mice";
    ret = rl_pool_run(&job, err);
    if (ret == 0 && rl_split_active(opt->split)) {
        ret = gather_mice(opt->split, out, sj.tally, sj.lo, hi, err);
    }
    for (s = 0; ret == 0 && s < out->n_subjects; s++) {
        out->sessions += sj.tally[s].sessions;
        out->events += sj.tally[s].events;
    }
    free(sj.tally);
    if (ret != 0) {
        rl_screen_results_free(out);
    }
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

int
rl_screen_baseline_sessions(const rl_screen_t *self)
{
    const rl_procedure_t *proc = &self->protocol.procedures[self->procedure];
    const rl_phase_t *last = &proc->phases[self->test_phase > 0 ? self->test_phase - 1 : 0];
    return last->criterion.consecutive > 0 ? last->criterion.consecutive : 3;
}
