/* test_runner.c -- reproducibility of whole cohorts: the same seed gives identical
** results with 1 and 2 threads and on a repeat; another seed differs; individual
** parameters stay in their plausible ranges. Uses a small protocol from tests/data. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/params.h"
#include "relapselab/protocol.h"
#include "relapselab/runner.h"
#include "relapselab/rng.h"
#include "chamber/session.h"
#include "cohort/subject.h"
#include "testlib.h"

/* FNV-1a over everything a subject result holds. */
typedef struct digest {
    uint64_t h;
    int subjects;
    int last_id;
    int in_order;
} digest_t;

static void
mix(digest_t *d, const void *p, size_t n)
{
    const unsigned char *b = p;
    size_t i;
    for (i = 0; i < n; i++) {
        d->h = (d->h ^ b[i]) * 0x100000001B3ULL;
    }
}

static int
sink(void *ctx, const rl_subject_result_t *s, rl_error_t *err)
{
    digest_t *d = ctx;
    int i;
    size_t k;
    (void) err;
    if (s->subject_id != d->last_id + 1) {
        fprintf(stderr, "subject %d after %d\n", s->subject_id, d->last_id);
        d->in_order = 0;
    }
    d->last_id = s->subject_id;
    d->subjects++;
    mix(d, &s->params, sizeof s->params);
    for (k = 0; k < rl_param_count(); k++) {
        const rl_param_info_t *pi = rl_param_info(k);
        double v = rl_params_get(&s->params, k);
        if (v < pi->lo || v > pi->hi) {
            fprintf(stderr, "%s = %g outside [%g, %g]\n", pi->name, v, pi->lo, pi->hi);
            d->in_order = 0; /* flag: out of range */
        }
    }
    for (i = 0; i < s->n_sessions; i++) {
        const rl_session_result_t *r = &s->sessions[i];
        mix(d, &r->active, sizeof r->active);
        mix(d, &r->inactive, sizeof r->inactive);
        mix(d, &r->reinforcers, sizeof r->reinforcers);
        mix(d, &r->breakpoint, sizeof r->breakpoint);
        mix(d, &r->criterion_met, sizeof r->criterion_met);
        mix(d, r->events, r->n_events * sizeof *r->events);
    }
    return 0;
}

static digest_t
run(const rl_protocol_t *p, uint64_t seed, int threads)
{
    digest_t d = {0xCBF29CE484222325ULL, 0, -1, 1};
    rl_runner_options_t opt;
    rl_error_t err;
    memset(&opt, 0, sizeof opt);
    opt.seed = seed;
    opt.threads = threads;
    opt.sink = sink;
    opt.sink_ctx = &d;
    CHECK(rl_runner_run(p, &opt, &err) == 0);
    return d;
}

static rl_protocol_t protocol;

static void
same_seed_any_threads(void)
{
    digest_t a = run(&protocol, 42, 1), b = run(&protocol, 42, 2), c = run(&protocol, 42, 1);
    digest_t d = run(&protocol, 43, 2);
    CHECK(a.subjects == rl_protocol_n_subjects(&protocol));
    CHECK(a.in_order && b.in_order);
    CHECK(a.h == b.h);
    CHECK(a.h == c.h);
    CHECK(a.h != d.h);
}

static int
stop_at_third(void *ctx, const rl_subject_result_t *s, rl_error_t *err)
{
    (void) ctx;
    if (s->subject_id == 2) {
        return rl_error_set(err, RL_ERR_DB, NULL, 0, 0, "disk full (simulated)");
    }
    return 0;
}

static void
sink_error_stops_run(void)
{
    rl_runner_options_t opt;
    rl_error_t err;
    memset(&opt, 0, sizeof opt);
    opt.seed = 1;
    opt.threads = 2;
    opt.sink = stop_at_third;
    CHECK(rl_runner_run(&protocol, &opt, &err) == RL_ERR_DB);
    CHECK(strstr(err.msg, "disk full") != NULL);
}

static void
cancel_stops_run(void)
{
    rl_runner_options_t opt;
    rl_error_t err;
    atomic_int cancel = 1;
    digest_t d = {0, 0, -1, 1};
    memset(&opt, 0, sizeof opt);
    opt.seed = 1;
    opt.threads = 2;
    opt.cancel = &cancel;
    opt.sink = sink;
    opt.sink_ctx = &d;
    CHECK(rl_runner_run(&protocol, &opt, &err) == RL_ERR_INTERRUPTED);
    CHECK(d.subjects < rl_protocol_n_subjects(&protocol));
}

/* Session `index` of phase ph for a copy of the trained mouse `trained`, with the phase's
** abstinence_days set to days and the protocol's intersession interval to hours. */
static int
one_session(const rl_mouse_t *trained, int ph, int index, double days, double hours,
    rl_session_result_t *out)
{
    static rl_protocol_t pc;
    rl_phase_t phase;
    rl_session_plan_t plan;
    rl_session_workspace_t w;
    rl_mouse_t *m = rl_mouse_new();
    gsl_rng *r = rl_rng_alloc();
    rl_error_t err;
    int ret = -1;

    pc = protocol; /* a shallow copy: read only, never freed */
    pc.intersession_h = hours;
    phase = protocol.procedures[0].phases[ph];
    phase.abstinence_days = days;
    rl_session_workspace_init(&w);
    if (m != NULL && r != NULL) {
        rl_mouse_copy(m, trained);
        memset(&plan, 0, sizeof plan);
        plan.protocol = &pc;
        plan.phase = &phase;
        plan.index = index;
        plan.seed = 11;
        plan.subject = 0;
        plan.stream_key = 99;
        ret = rl_subject_session(m, &plan, r, &w, out, &err);
    }
    rl_session_workspace_free(&w);
    gsl_rng_free(r);
    rl_mouse_free(m);
    return ret;
}

static bool
same_events(const rl_session_result_t *a, const rl_session_result_t *b)
{
    return a->n_events == b->n_events
        && memcmp(a->events, b->events, a->n_events * sizeof *a->events) == 0;
}

/* [ABS-1] A phase's abstinence_days add 24 days hours to the time before its first session,
** and nothing else: the first session after 2 days of abstinence is the session after a
** 24 + 48 h interval, event for event; a later session of the phase is not affected; and
** the gap matters (the session differs from one after 24 h). */
static void
abstinence_days(void)
{
    rl_mouse_t *trained = rl_mouse_new();
    rl_subject_result_t tr;
    rl_session_result_t a, b, c, d, e;
    gsl_rng *r = rl_rng_alloc();
    rl_session_workspace_t w;
    rl_error_t err;
    double h = protocol.intersession_h;
    int ph = protocol.procedures[0].n_phases - 1; /* the last phase: after training */

    rl_session_workspace_init(&w);
    memset(&tr, 0, sizeof tr);
    CHECK(trained != NULL && r != NULL);
    if (trained == NULL || r == NULL
        || rl_subject_train(&protocol, NULL, 0, 0, 0, 11, ph, r, &w, NULL, trained, &tr,
               &err) != 0) {
        CHECK(0);
        goto out;
    }
    CHECK(one_session(trained, ph, 0, 2.0, h, &a) == 0);
    CHECK(one_session(trained, ph, 0, 0.0, h + 48.0, &b) == 0);
    CHECK(one_session(trained, ph, 0, 0.0, h, &c) == 0);
    CHECK(one_session(trained, ph, 1, 2.0, h, &d) == 0);
    CHECK(one_session(trained, ph, 1, 0.0, h, &e) == 0);
    CHECK(same_events(&a, &b));
    CHECK(!same_events(&a, &c));
    CHECK(same_events(&d, &e));
    rl_session_result_free(&a);
    rl_session_result_free(&b);
    rl_session_result_free(&c);
    rl_session_result_free(&d);
    rl_session_result_free(&e);
out:
    rl_subject_result_free(&tr);
    rl_session_workspace_free(&w);
    gsl_rng_free(r);
    rl_mouse_free(trained);
}

static bool
setup(void)
{
    rl_error_t err;
    if (rl_protocol_load_file(&protocol, "tests/data/small.yaml", &err) != 0) {
        char buf[1024];
        fprintf(stderr, "%s\n", rl_error_format(&err, buf, sizeof buf));
        return false;
    }
    return true;
}

static bool
teardown(void)
{
    rl_protocol_free(&protocol);
    return true;
}

static const rl_test_case_t CASES[] = {
    {"same_seed_any_threads", same_seed_any_threads, 0},
    {"sink_error_stops_run", sink_error_stops_run, 0},
    {"cancel_stops_run", cancel_stops_run, 0},
    {"abstinence_days", abstinence_days, 0},
};

int
main(int argc, char **argv)
{
    static const rl_test_suite_t suite = {CASES, RL_TEST_COUNT(CASES), setup, teardown};
    return rl_test_main(argc, argv, &suite);
}
