/* run_size.h -- `relapselab run`'s look at the size of a run before it starts.
**
** The library's estimate (run.h: rl_run_estimate, from measured events per session-hour,
** bytes and seconds per event) on the threads that will run at once (no more than the
** machine's online cores). A large run -- more than a minute, or a database or memory of
** more than 1 GB -- is announced on stderr with its estimate (not with --quiet); an absurd
** one -- more than 7 days, a database of more than 1 TB, or more memory than the machine
** has -- is refused unless --force.
*/
#ifndef RL_CLI_RUN_SIZE_H
#define RL_CLI_RUN_SIZE_H

#include <stdbool.h>

#include "relapselab/protocol.h"

#define RL_CLI_RUN_LARGE_S 60.0           /* announce a run longer than this */
#define RL_CLI_RUN_LARGE_BYTES 1e9        /* ... or a database or memory larger than this */
#define RL_CLI_RUN_ABSURD_S (7 * 86400.0) /* refuse a run longer than this */
#define RL_CLI_RUN_ABSURD_DB_BYTES 1e12   /* ... or a database larger than this */

/* Announce or refuse protocol's run on `threads` worker threads as above. Returns 0 to go
** on, or RL_EXIT_FAIL after printing why the run is refused. */
int rl_cli_run_size_check(const rl_protocol_t *protocol, int threads, bool force, bool quiet);

#endif
