/* bench_floor.c -- the simulator's cost per event against a floor (issue 12).
**
** The floor is what any exact event simulator of the same study must do at the least: draw
** the random numbers the simulator draws and log the events it logs, with no model at all.
** Counted with callgrind on `bench_floor examples/gutierrez2014.yaml 1` (2026-12-06, model v2
** after [OP-3], RNG scheme 3: calls from rl_session_run): per logged event the simulator
** draws 0.43 exponential variates (137,958 thinning exposures for 318,388 events; scheme 2
** drew 2.19, one per window) and 0.42 uniform ones (135,301 acceptance tests), with the
** project's generator
** (xoshiro256**, rl_rng_alloc). The floor does that -- fractional counts by an accumulator
** -- and appends each event to its session's buffer (rl_event_t, grown by doubling and
** reused across sessions, as the simulator's session log is), for as many sessions and
** events as the simulation produced.
**
** Prints both costs in ns per event and their ratio (issue 12's goal: at most 4).
** Usage: bench_floor [PROTOCOL] [REPEATS]; seed 20141219, 1 thread, best of REPEATS.
*/
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "relapselab/protocol.h"
#include "relapselab/results.h"
#include "relapselab/rng.h"
#include "relapselab/run.h"
#include "relapselab/version.h"

#define EXPONENTIALS_PER_EVENT 0.43 /* callgrind call counts, see the comment above */
#define UNIFORMS_PER_EVENT 0.42

static double
now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) t.tv_sec + 1e-9 * (double) t.tv_nsec;
}

/* The floor over `sessions` sessions of `events` events in all; returns the seconds taken,
** or a negative number when out of memory. *sink keeps the compiler from dropping work. */
static double
floor_run(int64_t sessions, int64_t events, double *sink)
{
    gsl_rng *r = rl_rng_alloc();
    rl_event_t *log = NULL;
    size_t cap = 0;
    double owed_exp = 0.0, owed_uni = 0.0, t0, acc = 0.0;
    int64_t s, per = sessions > 0 ? events / sessions : 0, extra = sessions > 0 ? events % sessions : 0;
    if (r == NULL) {
        return -1.0;
    }
    gsl_rng_set(r, 20141219);
    t0 = now_s();
    for (s = 0; s < sessions; s++) {
        int64_t n = per + (s < extra ? 1 : 0), i;
        size_t used = 0;
        double t = 0.0;
        for (i = 0; i < n; i++) {
            if (used == cap) {
                size_t ncap = cap ? 2 * cap : 64;
                rl_event_t *grown = realloc(log, ncap * sizeof *log);
                if (grown == NULL) {
                    free(log);
                    gsl_rng_free(r);
                    return -1.0;
                }
                log = grown;
                cap = ncap;
            }
            for (owed_exp += EXPONENTIALS_PER_EVENT; owed_exp >= 1.0; owed_exp -= 1.0) {
                t += gsl_ran_exponential(r, 10.0);
            }
            for (owed_uni += UNIFORMS_PER_EVENT; owed_uni >= 1.0; owed_uni -= 1.0) {
                acc += gsl_rng_uniform(r);
            }
            log[used].t_s = t;
            log[used].kind = (int32_t) (i & 7);
            log[used].in_timeout = 0;
            used++;
        }
        if (used > 0) {
            acc += log[used - 1].t_s;
        }
    }
    t0 = now_s() - t0;
    *sink += acc;
    free(log);
    gsl_rng_free(r);
    return t0;
}

int
main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "examples/gutierrez2014.yaml";
    int repeats = argc > 2 ? atoi(argv[2]) : 5, k;
    rl_protocol_t *p = malloc(sizeof *p);
    rl_run_totals_t totals;
    rl_error_t err;
    double best_sim = 1e300, best_floor = 1e300, sink = 0.0;
    if (p == NULL || rl_protocol_load_file(p, path, &err) != 0) {
        fprintf(stderr, "bench_floor: cannot load %s: %s\n", path, p ? err.msg : "out of memory");
        free(p);
        return 1;
    }
    rl_gsl_setup();
    for (k = 0; k < (repeats > 0 ? repeats : 1); k++) {
        rl_run_options_t opt;
        double t0, tf;
        memset(&opt, 0, sizeof opt);
        memset(&totals, 0, sizeof totals);
        opt.seed = 20141219;
        opt.threads = 1;
        opt.command = "bench_floor";
        t0 = now_s();
        if (rl_run_to_store(p, NULL, &opt, &totals, &err) != 0) {
            fprintf(stderr, "bench_floor: %s\n", err.msg);
            rl_protocol_free(p);
            free(p);
            return 1;
        }
        t0 = now_s() - t0;
        best_sim = t0 < best_sim ? t0 : best_sim;
        tf = floor_run(totals.sessions, totals.events, &sink);
        if (tf < 0.0) {
            fprintf(stderr, "bench_floor: out of memory\n");
            rl_protocol_free(p);
            free(p);
            return 1;
        }
        best_floor = tf < best_floor ? tf : best_floor;
    }
    printf("relapselab %s floor benchmark: %s, %" PRId64 " sessions, %" PRId64 " events, "
        "best of %d\n", RL_VERSION, path, totals.sessions, totals.events, repeats);
    printf("simulate, 1 thread   %8.1f ns/event\n", 1e9 * best_sim / (double) totals.events);
    printf("floor                %8.1f ns/event  (%.2f exponential + %.2f uniform draws and "
        "one logged event per event)\n", 1e9 * best_floor / (double) totals.events,
        EXPONENTIALS_PER_EVENT, UNIFORMS_PER_EVENT);
    printf("ratio                %8.2f  (issue 12's goal: <= 4)\n", best_sim / best_floor);
    printf("(floor checksum %.6g: its draws are used)\n", sink);
    rl_protocol_free(p);
    free(p);
    return 0;
}
