/* bench_seed.c -- throughput of the seed study (examples/gutierrez2014.yaml), or of any
** protocol, with and without the database.
**
** For each thread count, runs the whole study 2 R times, interleaved: the simulator alone
** (rl_run_to_store without a database: results counted and dropped), then the full
** `relapselab run` pipeline (rl_run_to_store with a database in $TMPDIR or /tmp, the
** writer on the calling thread beside the workers), R times over. Interleaving exposes
** both to the same machine load. (The run ends with an fsync of the database: on a busy
** disk that wait is part of its time; TMPDIR=/dev/shm leaves it out.) Prints, per
** configuration, the median and best wall times, mouse-sessions and events per second at
** the median, and the ratio run / simulate of the medians.
** Usage: bench_seed [PROTOCOL] [REPEATS] [THREADS...] (defaults: the seed study, 5, 1 2).
** The seed is fixed (20141219) so runs compare.
*/
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "relapselab/protocol.h"
#include "relapselab/run.h"
#include "relapselab/version.h"

#define MAX_REPEATS 101

static double
now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) t.tv_sec + 1e-9 * (double) t.tv_nsec;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

/* One run; its wall time in *t. */
static int
once(const rl_protocol_t *p, int threads, int with_store, rl_run_totals_t *totals, double *t)
{
    rl_run_options_t opt;
    rl_error_t err;
    char path[512];
    double t0;

    memset(&opt, 0, sizeof opt);
    opt.seed = 20141219;
    opt.threads = threads;
    opt.command = "bench";
    snprintf(path, sizeof path, "%s/relapselab-bench-%ld.db",
        getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp", (long) getpid());
    t0 = now_s();
    if (rl_run_to_store(p, with_store ? path : NULL, &opt, totals, &err) != 0) {
        fprintf(stderr, "bench: %s\n", err.msg);
        return 1;
    }
    *t = now_s() - t0;
    if (with_store) {
        unlink(path);
    }
    return 0;
}

static void
report(const char *label, int threads, double *t, int repeats, const rl_run_totals_t *totals)
{
    double med;
    qsort(t, (size_t) repeats, sizeof *t, cmp_double);
    med = t[repeats / 2];
    printf("%-18s %2d thread%s  median %7.3f s  best %7.3f s  %9.0f mouse-sessions/s  "
           "%11.0f events/s  (%" PRId64 " sessions, %" PRId64 " events)\n",
        label, threads, threads == 1 ? " " : "s", med, t[0], (double) totals->sessions / med,
        (double) totals->events / med, totals->sessions, totals->events);
}

static int
bench(const rl_protocol_t *p, int threads, int repeats)
{
    double sim[MAX_REPEATS], run[MAX_REPEATS];
    rl_run_totals_t totals;
    int r;

    memset(&totals, 0, sizeof totals);
    for (r = 0; r < repeats; r++) {
        if (once(p, threads, 0, &totals, &sim[r]) != 0
            || once(p, threads, 1, &totals, &run[r]) != 0) {
            return 1;
        }
    }
    report("simulate", threads, sim, repeats, &totals);
    report("simulate + SQLite", threads, run, repeats, &totals);
    printf("%-18s %2d thread%s  run / simulate (medians) %.3f\n", "ratio", threads,
        threads == 1 ? " " : "s", run[repeats / 2] / sim[repeats / 2]);
    return 0;
}

int
main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "examples/gutierrez2014.yaml";
    int repeats = argc > 2 ? atoi(argv[2]) : 5;
    rl_protocol_t *p = malloc(sizeof *p);
    rl_error_t err;
    int ret = 0, i;

    if (repeats < 1 || repeats > MAX_REPEATS) {
        fprintf(stderr, "bench: REPEATS must be 1 to %d\n", MAX_REPEATS);
        free(p);
        return 2;
    }
    if (p == NULL || rl_protocol_load_file(p, path, &err) != 0) {
        fprintf(stderr, "bench: cannot load %s: %s\n", path, p ? err.msg : "out of memory");
        free(p);
        return 1;
    }
    printf("relapselab %s benchmark: %s, %d mice, %d repeats interleaved\n", RL_VERSION, path,
        rl_protocol_n_subjects(p), repeats);
    if (argc > 3) {
        for (i = 3; i < argc && ret == 0; i++) {
            ret = bench(p, atoi(argv[i]), repeats);
        }
    } else {
        ret = bench(p, 1, repeats) || bench(p, 2, repeats);
    }
    rl_protocol_free(p);
    free(p);
    return ret;
}
