/* store_params.h -- the individual parameters of each mouse, packed one row per mouse
** (schema 8, docs/SCHEMA.md), and the `subject_params` view that presents them as rows.
**
** Layout: subject_param_names (param_id, name) numbers the parameter names once per
** database; subject_param_values holds, per mouse, param_ids (2 bytes per parameter, a
** big-endian param_id) and vals (8 bytes per parameter, big-endian binary64, NaN = NULL),
** in the order of the names (byte order, the order of the long table of schema 7's primary
** key). A mouse without parameters (imported data) has no row.
*/
#ifndef RL_STORE_PARAMS_H
#define RL_STORE_PARAMS_H

#include <stddef.h>

#include "relapselab/error.h"
#include "relapselab/store.h"

#include <sqlite3.h>

/* Reusable state of the writer: the last name list seen, its ids and sort order, and the
** packing buffers. Zero-initialise; free with rl_param_pack_free. */
typedef struct rl_param_pack {
    char **names;            /* owned copies, in the caller's order */
    size_t n;                /* names in the list (0: none seen yet) */
    size_t *order;           /* order[k]: the caller's index of the k-th name in byte order */
    unsigned char *ids;      /* 2 n bytes: the param_ids in that order, big-endian */
    unsigned char *vals;     /* 8 n bytes: the packing buffer of the values */
} rl_param_pack_t;

/* CREATE TABLE subject_param_names, subject_param_values and CREATE VIEW subject_params. */
extern const char rl_param_schema_sql[];

/* Pack params[0..n) of one mouse into pk and insert its subject_param_values row with the
** prepared statement ins (INSERT INTO subject_param_values (subject_id, param_ids, vals)
** VALUES (?, ?, ?)). A name list that differs from the last one is numbered first (names
** new to the database are inserted into subject_param_names). n == 0 writes nothing.
** Returns 0; RL_ERR_INVALID for two equal names (named in err) or more than 65535 names;
** RL_ERR_NOMEM; RL_ERR_DB with SQLite's message. path names the database in errors. */
int rl_param_pack_write(rl_param_pack_t *pk, sqlite3 *db, sqlite3_stmt *ins,
    const char *path, int subject_id, const rl_named_value_t *params, size_t n,
    rl_error_t *err);

void rl_param_pack_free(rl_param_pack_t *pk);

#endif
