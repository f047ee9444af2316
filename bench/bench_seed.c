/* bench_seed.c -- throughput of the seed study (examples/gutierrez2014.yaml).
**
** Runs the whole study (16 groups x 10 mice) R times per configuration and prints the
** best wall time, mouse-sessions per second and events per second for:
**   simulate  -- the simulator alone (results counted and dropped), 1 thread;
**   simulate  -- the same on 2 threads;
**   + SQLite  -- the full `relapselab run` pipeline (rl_run_to_store, database in /tmp).
** Usage: bench_seed [PROTOCOL] [REPEATS]. The seed is fixed (20141219) so runs compare.
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

static double
now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) t.tv_sec + 1e-9 * (double) t.tv_nsec;
}

static int
bench(const char *label, const rl_protocol_t *p, int threads, int with_store, int repeats)
{
    double best = 1e300;
    rl_run_totals_t totals;
    int r;
    memset(&totals, 0, sizeof totals);
    for (r = 0; r < repeats; r++) {
        rl_run_options_t opt;
        rl_error_t err;
        char path[64];
        double t0;
        memset(&opt, 0, sizeof opt);
        opt.seed = 20141219;
        opt.threads = threads;
        opt.command = "bench";
        snprintf(path, sizeof path, "/tmp/relapselab-bench-%ld.db", (long) getpid());
        t0 = now_s();
        if (rl_run_to_store(p, with_store ? path : NULL, &opt, &totals, &err) != 0) {
            fprintf(stderr, "bench: %s\n", err.msg);
            return 1;
        }
        t0 = now_s() - t0;
        if (t0 < best) {
            best = t0;
        }
        if (with_store) {
            unlink(path);
        }
    }
    printf("%-22s %2d thread%s  %7.3f s  %9.0f mouse-sessions/s  %11.0f events/s  "
           "(%" PRId64 " sessions, %" PRId64 " events, best of %d)\n",
        label, threads, threads == 1 ? " " : "s", best, (double) totals.sessions / best,
        (double) totals.events / best, totals.sessions, totals.events, repeats);
    return 0;
}

int
main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "examples/gutierrez2014.yaml";
    int repeats = argc > 2 ? atoi(argv[2]) : 5;
    rl_protocol_t *p = malloc(sizeof *p);
    rl_error_t err;
    int ret = 0;
    if (p == NULL || rl_protocol_load_file(p, path, &err) != 0) {
        fprintf(stderr, "bench: cannot load %s: %s\n", path, p ? err.msg : "out of memory");
        return 1;
    }
    printf("relapselab %s seed-study benchmark: %s, %d mice\n", RL_VERSION, path,
        rl_protocol_n_subjects(p));
    ret |= bench("simulate", p, 1, 0, repeats);
    ret |= bench("simulate", p, 2, 0, repeats);
    ret |= bench("simulate + SQLite", p, 1, 1, repeats);
    ret |= bench("simulate + SQLite", p, 2, 1, repeats);
    rl_protocol_free(p);
    free(p);
    return ret;
}
