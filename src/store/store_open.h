/* store_open.h -- rl_store_open() with a temporary-file watch (internal, for the importer).
**
** The database's temporary file is reported to watch (relapselab/tempwatch.h) when it is
** created and when it is renamed or removed, so a program can delete it on a signal. This
** header does not include <sqlite3.h>, so code outside src/store may include it.
*/
#ifndef RL_STORE_OPEN_H
#define RL_STORE_OPEN_H

#include "relapselab/store.h"
#include "relapselab/tempwatch.h"

/* As rl_store_open(); watch may be NULL. */
int rl_store_open_watched(const char *final_path, const rl_protocol_t *protocol,
    const rl_run_info_t *run, const rl_temp_watch_t *watch, rl_store_t **out, rl_error_t *err);

#endif
