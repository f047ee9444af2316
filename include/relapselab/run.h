/* run.h -- a protocol simulated into a results database (`relapselab run`).
**
** The one path from a protocol to a store: the cohort runs on the worker pool
** (runner.h), each mouse is written to the database in subject order (store.h) and,
** optionally, added to a summary (summary.h) -- the same function serves the command-line
** tool, the benchmarks and programs linking the library. The database is written
** atomically: a temporary file renamed into place only when the whole run succeeded.
*/
#ifndef RELAPSELAB_RUN_H
#define RELAPSELAB_RUN_H

#include <stdatomic.h>
#include <stdint.h>

#include "relapselab/api.h"
#include "relapselab/error.h"
#include "relapselab/params.h"
#include "relapselab/progress.h"
#include "relapselab/protocol.h"
#include "relapselab/summary.h"

typedef struct rl_run_options {
    uint64_t seed;                /* master seed (recorded) */
    int threads;                  /* worker threads (results do not depend on it) */
    const rl_params_t *params;    /* population values; NULL = the parameter table */
    const atomic_int *cancel;     /* non-zero stops the run; may be NULL */
    rl_progress_t progress;       /* after each mouse (unit "mice") */
    const char *command;          /* the command line recorded in run.command; NULL = "" */
    rl_summary_t *summary;        /* every mouse is also added here; may be NULL */
} rl_run_options_t;

/* What a run simulated. */
typedef struct rl_run_totals {
    int subjects;
    int64_t sessions, events;
} rl_run_totals_t;

/* Simulate protocol and write every mouse to a new database at db_path (replacing what is
** there only when the run completes). db_path NULL: simulate only (benchmarks). totals
** may be NULL. Returns 0, or the first error (RL_ERR_INTERRUPTED after a cancellation,
** RL_ERR_DB / RL_ERR_IO / RL_ERR_NOMEM, a simulation error) with err set; on error no
** database is left at db_path (nor a temporary file). */
RL_API int rl_run_to_store(const rl_protocol_t *protocol, const char *db_path,
    const rl_run_options_t *opt, rl_run_totals_t *totals, rl_error_t *err);

#endif
