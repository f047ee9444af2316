/* progress.h -- how long-running work reports its progress and is stopped.
**
** One progress type for every long command (run, validate, screen, and later power): the
** library calls the callback on the thread that called it (never on a worker), after each
** unit of work (a mouse, a virtual study), with how much is done. It never prints; the
** command-line tool turns the reports into a progress line. A stop request is a lock-free
** flag (a signal handler may set it) that the work checks between sessions.
*/
#ifndef RELAPSELAB_PROGRESS_H
#define RELAPSELAB_PROGRESS_H

#include <stdint.h>

#include "relapselab/api.h"

/* What is done so far. unit names what done and total count ("mice", "studies"). */
typedef struct rl_progress_info {
    int done, total;
    int64_t sessions, events;     /* simulated so far (0 where not counted) */
    const char *unit;
} rl_progress_info_t;

/* A progress callback and its context; fn NULL = no reports. */
typedef struct rl_progress {
    void (*fn)(void *ctx, const rl_progress_info_t *info);
    void *ctx;
} rl_progress_t;

/* Report info through p (nothing if p or p->fn is NULL). */
RL_API void rl_progress_report(const rl_progress_t *p, const rl_progress_info_t *info);

#endif
