/* dataset_events.c -- the events of one or all sessions of a loaded dataset (see
** dataset.h: rl_dataset_load_events).
**
** The database is reopened read-only through the same checks as rl_dataset_read(); one
** query returns the rows in (session_id, seq) order and each row is appended to its
** session's array, found by binary search on the session ids. Event kinds are parsed back
** with results.h's names; an unknown kind is an error, not a guess.
*/
#include "relapselab/dataset.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dataset_internal.h"
#include "db_check.h"
#include "core/alloc.h"

/* Session id -> index in ds->sessions, for distributing events. */
typedef struct session_key {
    int64_t id;
    size_t index;
} session_key_t;

typedef struct event_reader {
    rl_ds_reader_t r;
    session_key_t *keys;        /* sorted by id */
    size_t *cap;                /* per session: capacity of its events array */
} event_reader_t;

static int
cmp_key(const void *a, const void *b)
{
    int64_t x = ((const session_key_t *) a)->id, y = ((const session_key_t *) b)->id;
    return (x > y) - (x < y);
}

static int
event_row(rl_ds_reader_t *r, sqlite3_stmt *st)
{
    event_reader_t *er = (event_reader_t *) (void *) r;
    rl_dataset_t *ds = r->ds;
    session_key_t key, *k;
    rl_ds_session_t *s;
    rl_ds_event_t *e;
    int kind;

    key.id = sqlite3_column_int64(st, 0);
    k = bsearch(&key, er->keys, ds->n_sessions, sizeof key, cmp_key);
    if (k == NULL) {
        return rl_error_set(r->err, RL_ERR_INVALID, ds->path, 0, 0,
            "events: session %lld is not in the sessions table", (long long) key.id);
    }
    kind = rl_ds_parse_name(sqlite3_column_text(st, 2), rl_event_kind_name, RL_EV_COUNT);
    if (kind < 0) {
        return rl_error_set(r->err, RL_ERR_INVALID, ds->path, 0, 0,
            "events of session %lld: unknown kind '%s'", (long long) key.id,
            (const char *) sqlite3_column_text(st, 2));
    }
    if (!(sqlite3_column_double(st, 1) >= 0.0
            && sqlite3_column_double(st, 1) <= RL_DS_MAX_SESSION_S)) {
        return rl_error_set(r->err, RL_ERR_INVALID, ds->path, 0, 0,
            "events of session %lld: t_s = %g is impossible (allowed: 0 to %g)",
            (long long) key.id, sqlite3_column_double(st, 1), RL_DS_MAX_SESSION_S);
    }
    s = &ds->sessions[k->index];
    if (rl_ds_grow((void **) &s->events, &er->cap[k->index], s->n_loaded_events + 1,
            sizeof *e) != 0) {
        return rl_error_set(r->err, RL_ERR_NOMEM, ds->path, 0, 0, "out of memory");
    }
    e = &s->events[s->n_loaded_events++];
    e->t_s = sqlite3_column_double(st, 1);
    e->kind = kind;
    e->in_timeout = sqlite3_column_int(st, 3) != 0;
    e->code = rl_ds_col_real(st, 4, NAN);
    return 0;
}

int
rl_dataset_load_events(rl_dataset_t *ds, long session, rl_error_t *err)
{
    static const char all_sql[] = "SELECT session_id, t_s, kind, in_timeout, code FROM events"
                                  " ORDER BY session_id, seq";
    static const char one_sql[] = "SELECT session_id, t_s, kind, in_timeout, code FROM events"
                                  " WHERE session_id = ?1 ORDER BY seq";
    event_reader_t er;
    size_t i;
    int ret;

    if (session >= 0 && (size_t) session >= ds->n_sessions) {
        return rl_error_set(err, RL_ERR_INVALID, ds->path, 0, 0,
            "no session of index %ld (%zu sessions)", session, ds->n_sessions);
    }
    memset(&er, 0, sizeof er);
    er.r.ds = ds;
    er.r.err = err;
    er.keys = rl_malloc((ds->n_sessions + 1) * sizeof *er.keys);
    er.cap = rl_calloc(ds->n_sessions + 1, sizeof *er.cap);
    if (er.keys == NULL || er.cap == NULL) {
        ret = rl_error_set(err, RL_ERR_NOMEM, ds->path, 0, 0, "out of memory");
        goto out;
    }
    for (i = 0; i < ds->n_sessions; i++) {
        rl_ds_session_t *s = &ds->sessions[i];
        er.keys[i].id = s->session_id;
        er.keys[i].index = i;
        if (session < 0 || (size_t) session == i) {
            free(s->events);
            s->events = NULL;
            s->n_loaded_events = 0;
            s->events_loaded = false;
        }
    }
    qsort(er.keys, ds->n_sessions, sizeof *er.keys, cmp_key);
    if ((ret = rl_db_open_checked(ds->path, &er.r.db, err)) != 0) {
        goto out;
    }
    ret = session < 0 ? rl_ds_each_row(&er.r, all_sql, -1, event_row, "events")
                      : rl_ds_each_row(&er.r, one_sql, ds->sessions[session].session_id, event_row,
                            "events");
    for (i = 0; i < ds->n_sessions; i++) {
        if (session < 0 || (size_t) session == i) {
            ds->sessions[i].events_loaded = ret == 0;
        }
    }
out:
    sqlite3_close(er.r.db);
    free(er.keys);
    free(er.cap);
    return ret;
}
