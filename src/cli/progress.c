/* progress.c -- the progress line of long commands: a bar, what is done, the time so far
** and an estimate of the time left (the rate so far extrapolated to what remains).
**
** The one receiver of the library's progress reports (relapselab/progress.h). Written to
** stderr with a carriage return, so it stays on one line on a terminal; nothing is drawn
** when stderr is not a terminal (scripts and logs get no progress).
*/
#include <inttypes.h>
#include <stdio.h>
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
    const rl_cli_progress_t *p = ctx;
    int width = 30, filled = info->total > 0 ? info->done * width / info->total : width, i;
    double elapsed;

    if (!p->show) {
        return;
    }
    fputs("\r  [", stderr);
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
    elapsed = rl_cli_elapsed_s(&p->start);
    fprintf(stderr, ", %.1f s", elapsed);
    if (info->done > 0 && info->done < info->total) { /* as fast as so far */
        fprintf(stderr, ", about %.0f s left   ",
            elapsed * (double) (info->total - info->done) / (double) info->done);
    }
    if (info->done == info->total) {
        fputc('\n', stderr);
    }
    fflush(stderr);
}

rl_progress_t
rl_cli_progress_start(rl_cli_progress_t *p, bool show)
{
    rl_progress_t r;
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    p->show = show && isatty(STDERR_FILENO);
    r.fn = draw;
    r.ctx = p;
    return r;
}
