/* db_check.h -- open a relapselab results database for reading (internal to src/store).
**
** The readers of a results database (the CSV exporter, export_csv.c, and the dataset
** loader, dataset_read.c) read only what the writer (store_sqlite.c) writes: a relapselab
** database (PRAGMA application_id "RLAB") of schema RL_STORE_SCHEMA_VERSION (store.h) whose
** run completed (run.status = 'complete'). This is the one place that checks it.
*/
#ifndef RL_STORE_DB_CHECK_H
#define RL_STORE_DB_CHECK_H

#include <sqlite3.h>

#include "relapselab/error.h"

/* Open the database at path read-only and check it. On success *out is the open handle
** (the caller closes it with sqlite3_close()). On failure *out is NULL and err names path:
** RL_ERR_IO if the file does not exist or cannot be opened; RL_ERR_INVALID ("... is not a
** relapselab database", "... has schema version N", "... is incomplete") otherwise. */
int rl_db_open_checked(const char *path, sqlite3 **out, rl_error_t *err);

#endif
