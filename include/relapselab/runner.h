/* runner.h -- a cohort through a protocol, on one or more threads, results in order.
**
** Subjects are numbered group by group (group 0 first), 0-based. The worker pool's threads
** take the next subject, simulate it (subject.h) and park the result; the calling thread
** hands results to the sink strictly in subject order. Because every random stream is
** derived from (seed, subject, session), the sink sees identical results for any thread
** count. Stopping follows the pool's one rule (src/experiment/pool.h).
*/
#ifndef RELAPSELAB_RUNNER_H
#define RELAPSELAB_RUNNER_H

#include <stdatomic.h>
#include <stdint.h>

#include "relapselab/api.h"
#include "relapselab/error.h"
#include "relapselab/params.h"
#include "relapselab/progress.h"
#include "relapselab/protocol.h"
#include "relapselab/results.h"

/* Called on the calling thread, once per subject, in subject order. The result is borrowed
** for the call. Return 0 to go on, < 0 (an RL_ERR_* code, with err set) to stop the run. */
typedef int (*rl_subject_sink_fn)(void *ctx, const rl_subject_result_t *subject,
    rl_error_t *err);

typedef struct rl_runner_options {
    uint64_t seed;
    const rl_params_t *params;     /* population parameter values; NULL = the table's */
    int threads;                   /* >= 1 */
    const atomic_int *cancel;      /* non-zero stops the run between sessions; may be NULL
                                      (lock-free, so a signal handler may set it) */
    rl_subject_sink_fn sink;
    void *sink_ctx;
    rl_progress_t progress;        /* after each subject handed over (unit "mice") */
} rl_runner_options_t;

/* Run every subject of protocol. Returns 0, the sink's error, RL_ERR_NOMEM,
** RL_ERR_INTERRUPTED, or a simulation error (with err set). */
RL_API int rl_runner_run(const rl_protocol_t *protocol, const rl_runner_options_t *opt,
    rl_error_t *err);

#endif
