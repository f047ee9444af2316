/* progress.c -- the progress line of long commands: a bar, what is done, the time so far.
**
** Written to stderr with a carriage return, so it stays on one line on a terminal; the
** commands call it only when stderr is a terminal (scripts and logs get no progress).
*/
#include <stdarg.h>
#include <stdio.h>

#include "cli.h"

double
rl_cli_elapsed_s(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double) (now.tv_sec - start->tv_sec) + 1e-9 * (double) (now.tv_nsec - start->tv_nsec);
}

void
rl_cli_progress(const struct timespec *start, int done, int total, const char *fmt, ...)
{
    int width = 30, filled = total > 0 ? done * width / total : width, i;
    va_list ap;

    fputs("\r  [", stderr);
    for (i = 0; i < width; i++) {
        fputc(i < filled ? '#' : '.', stderr);
    }
    fputs("] ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, ", %.1f s", rl_cli_elapsed_s(start));
    if (done == total) {
        fputc('\n', stderr);
    }
    fflush(stderr);
}
