/* run_size.c -- the size of a run, announced or refused before it starts (run_size.h). */
#include "run_size.h"

#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "relapselab/run.h"

/* x bytes as "12.3 MB" (powers of 1000). */
static const char *
bytes_text(double x, char *buf, size_t n)
{
    static const char *const unit[] = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB"};
    int u = 0;
    while (x >= 1000.0 && u < 6) {
        x /= 1000.0;
        u++;
    }
    snprintf(buf, n, u == 0 ? "%.0f %s" : "%.1f %s", x, unit[u]);
    return buf;
}

/* s seconds as "42 s", "3.5 min", "2.1 h", "12 days" or "3.4 years". */
static const char *
time_text(double s, char *buf, size_t n)
{
    if (s < 60.0) {
        snprintf(buf, n, "%.0f s", s);
    } else if (s < 3600.0) {
        snprintf(buf, n, "%.1f min", s / 60.0);
    } else if (s < 86400.0) {
        snprintf(buf, n, "%.1f h", s / 3600.0);
    } else if (s < 365.0 * 86400.0) {
        snprintf(buf, n, "%.1f days", s / 86400.0);
    } else {
        snprintf(buf, n, "%.1f years", s / (365.0 * 86400.0));
    }
    return buf;
}

int
rl_cli_run_size_check(const rl_protocol_t *protocol, int threads, bool force, bool quiet)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN), pages = sysconf(_SC_PHYS_PAGES);
    long page = sysconf(_SC_PAGESIZE);
    double ram = pages > 0 && page > 0 ? (double) pages * (double) page : 0.0;
    int at_once = cores > 0 && cores < threads ? (int) cores : threads;
    bool large, absurd;
    char db[32], mem[32], wall[32], ram_text[32];
    rl_run_estimate_t e;

    rl_run_estimate(protocol, at_once, &e);
    absurd = e.wall_s > RL_CLI_RUN_ABSURD_S || e.db_bytes > RL_CLI_RUN_ABSURD_DB_BYTES
        || (ram > 0.0 && e.mem_bytes > ram);
    large = absurd || e.wall_s > RL_CLI_RUN_LARGE_S || e.db_bytes > RL_CLI_RUN_LARGE_BYTES
        || e.mem_bytes > RL_CLI_RUN_LARGE_BYTES;
    if (!large || (quiet && !absurd)) {
        return 0;
    }
    fprintf(stderr, "relapselab: a large run: at most %.3g mouse-session hours; estimate "
        "(%.0f events per session-hour, %.0f bytes per event): %.3g events, a %s database, "
        "%s on %d thread%s, %s of memory\n", e.session_hours, RL_EST_EVENTS_PER_HOUR,
        RL_EST_DB_BYTES_PER_EVENT, e.events, bytes_text(e.db_bytes, db, sizeof db),
        time_text(e.wall_s, wall, sizeof wall), at_once, at_once == 1 ? "" : "s",
        bytes_text(e.mem_bytes, mem, sizeof mem));
    if (!absurd) {
        return 0;
    }
    if (force) {
        fprintf(stderr, "relapselab: --force: running it anyway\n");
        return 0;
    }
    fprintf(stderr, "relapselab: refusing a run estimated at more than 7 days, a 1 TB "
        "database or this machine's memory (%s); --force runs it anyway\n",
        ram > 0.0 ? bytes_text(ram, ram_text, sizeof ram_text) : "unknown");
    return RL_EXIT_FAIL;
}
