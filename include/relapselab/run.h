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

/* What a run of a protocol will cost, estimated before it starts (rl_run_estimate), from
** constants measured on the shipped examples and the benchmark (bench/README.md: the seed
** study, one thread of a 2-vCPU machine):
**   RL_EST_EVENTS_PER_HOUR  events per mouse-session hour: the examples range from 24
**                           (cpp_pairing_drugs) to 316 (sucrose), the seed study has 83;
**   RL_EST_DB_BYTES_PER_EVENT  database bytes per event, sessions and subjects included
**                           (the seed study: 12.9 MB for 325,064 events);
**   RL_EST_S_PER_EVENT_SIM, _WRITE  seconds per event to simulate it (on a worker: 1.62
**                           million events/s) and to write it (on the calling thread: 1.10
**                           million events/s with both);
**   RL_EST_MEM_BYTES_PER_EVENT  memory per event of a mouse held (its event buffer and the
**                           copy handed to the writer, 16 bytes each); at most 4 mice per
**                           thread are held at once (src/experiment/pool.h).
** Sessions are counted at their maximum: `max` sessions for a phase run to criterion, each
** lasting its `session_min`. An estimate, not a bound: very active mice (an FR1 sucrose
** procedure) make three times the events, place sessions a quarter. */
#define RL_EST_EVENTS_PER_HOUR 100.0
#define RL_EST_DB_BYTES_PER_EVENT 14.0
#define RL_EST_S_PER_EVENT_SIM 0.62e-6
#define RL_EST_S_PER_EVENT_WRITE 0.29e-6
#define RL_EST_MEM_BYTES_PER_EVENT 32.0

typedef struct rl_run_estimate {
    double session_hours;         /* mouse-session hours, at most */
    double events;                /* about RL_EST_EVENTS_PER_HOUR per session hour */
    double db_bytes;              /* the database */
    double wall_s;                /* elapsed seconds: simulation shared by the threads, the
                                  ** writing on one */
    double mouse_events;          /* events of the largest mouse */
    double mem_bytes;             /* memory of the mice held at once (largest mouse) */
} rl_run_estimate_t;

/* Estimate the cost of simulating protocol on `threads` worker threads (use no more than
** the machine's cores: threads beyond them do not run at once). Never fails. */
RL_API void rl_run_estimate(const rl_protocol_t *protocol, int threads, rl_run_estimate_t *out);

/* Simulate protocol and write every mouse to a new database at db_path (replacing what is
** there only when the run completes). db_path NULL: simulate only (benchmarks). totals
** may be NULL. Returns 0, or the first error (RL_ERR_INTERRUPTED after a cancellation,
** RL_ERR_DB / RL_ERR_IO / RL_ERR_NOMEM, a simulation error) with err set; on error no
** database is left at db_path (nor a temporary file). */
RL_API int rl_run_to_store(const rl_protocol_t *protocol, const char *db_path,
    const rl_run_options_t *opt, rl_run_totals_t *totals, rl_error_t *err);

#endif
