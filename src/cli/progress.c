/* progress.c -- the progress line of long commands: a bar, what is done, the time so far
** and an estimate of the time left (the rate so far extrapolated to what remains).
**
** The one receiver of the library's progress reports (relapselab/progress.h). Written to
** stderr with a carriage return, so it stays on one line on a terminal. When stderr is not
** a terminal (a log, a batch job's output file) the same text is written as a plain line
** at most once a minute (RELAPSELAB_PROGRESS_S changes the interval), so an hours-long
** calibration in a script shows it is alive, and a run shorter than that writes nothing
** (cli.h).
*/
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"

double
rl_cli_elapsed_s(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double) (now.tv_sec - start->tv_sec) + 1e-9 * (double) (now.tv_nsec - start->tv_nsec);
}

static void
draw(void *ctx, const rl_progress_info_t *info)
{
    rl_cli_progress_t *p = ctx;
    int width = 30, filled = info->total > 0 ? info->done * width / info->total : width, i;
    double elapsed;

    if (!p->show) {
        return;
    }
    elapsed = rl_cli_elapsed_s(&p->start);
    if (!p->tty) { /* a log: a line a minute, and the last one if any was written */
        bool done = info->done == info->total;
        double since = p->logged_s < 0.0 ? elapsed : elapsed - p->logged_s;
        if (done ? p->logged_s < 0.0 : since < p->log_every_s) {
            return;
        }
        p->logged_s = elapsed;
    }
    fputs(p->tty ? "\r  [" : "  [", stderr);
    for (i = 0; i < width; i++) {
        fputc(i < filled ? '#' : '.', stderr);
    }
    fprintf(stderr, "] %d/%d %s", info->done, info->total,
        info->unit != NULL ? info->unit : "done");
    if (info->sessions > 0) {
        fprintf(stderr, ", %" PRId64 " sessions", info->sessions);
    }
    if (info->events > 0) {
        fprintf(stderr, ", %" PRId64 " events", info->events);
    }
    fprintf(stderr, ", %.1f s", elapsed);
    if (info->done > 0 && info->done < info->total) { /* as fast as so far */
        fprintf(stderr, ", about %.0f s left%s",
            elapsed * (double) (info->total - info->done) / (double) info->done,
            p->tty ? "   " : "");
    }
    if (info->done == info->total || !p->tty) {
        fputc('\n', stderr);
    }
    fflush(stderr);
}

rl_progress_t
rl_cli_progress_start(rl_cli_progress_t *p, bool show)
{
    rl_progress_t r;
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    const char *every = getenv("RELAPSELAB_PROGRESS_S");
    char *end = NULL;
    p->tty = isatty(STDERR_FILENO);
    p->show = show;
    p->log_every_s = 60.0;
    if (every != NULL && *every != '\0') { /* a malformed value keeps the default */
        double x = strtod(every, &end);
        if (*end == '\0' && x >= 0.0 && isfinite(x)) {
            p->log_every_s = x;
        }
    }
    p->logged_s = -1.0;
    r.fn = draw;
    r.ctx = p;
    return r;
}
