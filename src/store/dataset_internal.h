/* dataset_internal.h -- the table reader shared by dataset_read.c (the tables) and
** dataset_events.c (the events); internal to src/store. See dataset_read.c for the design.
*/
#ifndef RL_STORE_DATASET_INTERNAL_H
#define RL_STORE_DATASET_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "relapselab/dataset.h"

/* State of one read: the dataset being filled, the open database and the error record. */
typedef struct rl_ds_reader {
    rl_dataset_t *ds;
    sqlite3 *db;
    rl_error_t *err;
    bool nomem;                 /* an arena copy failed */
    size_t cap_sessions;        /* capacity of ds->sessions */
    int cap_subjects;
    int n_phases[RL_MAX_PROCEDURES]; /* procedures.n_phases, checked against the phases */
} rl_ds_reader_t;

/* Called on every row of a query; non-zero stops the query with that status. */
typedef int (*rl_ds_row_fn)(rl_ds_reader_t *r, sqlite3_stmt *st);

/* Run sql (with ?1 bound to bind when bind >= 0) and call fn on every row. RL_ERR_DB naming
** ds->path if SQLite fails, RL_ERR_NOMEM if r->nomem was set, else fn's status. */
int rl_ds_each_row(rl_ds_reader_t *r, const char *sql, int64_t bind, rl_ds_row_fn fn,
    const char *what);

/* Make room for need elements of size bytes in *p (capacity *cap elements, doubled as
** needed). RL_ERR_NOMEM (p unchanged) on failure. */
int rl_ds_grow(void **p, size_t *cap, size_t need, size_t size);

/* Column i as text copied into the dataset's arena, or NULL when it is NULL (r->nomem is
** set if the copy fails). */
const char *rl_ds_col_text(rl_ds_reader_t *r, sqlite3_stmt *st, int i);

/* Column i as a double; if_null when it is NULL. */
double rl_ds_col_real(sqlite3_stmt *st, int i, double if_null);

/* Index k of text among name(0..count-1), or -1 (also for NULL text). */
int rl_ds_parse_name(const unsigned char *text, const char *(*name)(int), int count);

#endif
