/* dataset_events.c -- the events of one or all sessions of a loaded dataset (see
** dataset.h: rl_dataset_load_events).
**
** The database is reopened read-only through the same checks as rl_dataset_read(). The
** event kinds are read first (event_kinds: id -> name, parsed with results.h's names; an
** unknown name is an error, not a guess); then one query returns the packed events of each
** session (session_events, event_pack.h), found by binary search on the session ids and
** unpacked into its array. The bits of every time and code are copied, so the values are
** those the writer had.
*/
#include "relapselab/dataset.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dataset_internal.h"
#include "db_check.h"
#include "event_pack.h"
#include "core/alloc.h"

/* Session id -> index in ds->sessions, for distributing events. */
typedef struct session_key {
    int64_t id;
    size_t index;
} session_key_t;

typedef struct event_reader {
    rl_ds_reader_t r;
    session_key_t *keys;        /* sorted by id */
    int kind[RL_EVENT_PACK_TIMEOUT];    /* kind_id -> rl_event_kind_t, -1: no such id */
} event_reader_t;

static int
cmp_key(const void *a, const void *b)
{
    int64_t x = ((const session_key_t *) a)->id, y = ((const session_key_t *) b)->id;
    return (x > y) - (x < y);
}

/* One row of event_kinds: kind_id, name. */
static int
kind_row(rl_ds_reader_t *r, sqlite3_stmt *st)
{
    event_reader_t *er = (event_reader_t *) (void *) r;
    int64_t id = sqlite3_column_int64(st, 0);
    int kind = rl_ds_parse_name(sqlite3_column_text(st, 1), rl_event_kind_name, RL_EV_COUNT);

    if (id < 0 || id >= RL_EVENT_PACK_TIMEOUT || kind < 0) {
        return rl_error_set(r->err, RL_ERR_INVALID, r->ds->path, 0, 0,
            "event_kinds: unknown kind %lld '%s'", (long long) id,
            (const char *) sqlite3_column_text(st, 1));
    }
    er->kind[id] = kind;
    return 0;
}

/* Unpack event i of a session: its time, kind and timeout flag, checked. */
static int
unpack_event(event_reader_t *er, int64_t id, const unsigned char *t, const unsigned char *k,
    size_t i, rl_ds_event_t *e)
{
    rl_ds_reader_t *r = &er->r;
    int kind = er->kind[k[i] & (RL_EVENT_PACK_TIMEOUT - 1)];

    if (kind < 0) {
        return rl_error_set(r->err, RL_ERR_INVALID, r->ds->path, 0, 0,
            "events of session %lld: unknown kind id %d", (long long) id,
            k[i] & (RL_EVENT_PACK_TIMEOUT - 1));
    }
    e->t_s = rl_event_unpack_f64(t + 8 * i);
    if (!(e->t_s >= 0.0 && e->t_s <= RL_DS_MAX_SESSION_S)) {
        return rl_error_set(r->err, RL_ERR_INVALID, r->ds->path, 0, 0,
            "events of session %lld: t_s = %g is impossible (allowed: 0 to %g)",
            (long long) id, e->t_s, RL_DS_MAX_SESSION_S);
    }
    e->kind = kind;
    e->in_timeout = (k[i] & RL_EVENT_PACK_TIMEOUT) != 0;
    return 0;
}

/* One row of session_events: session_id, t_s, kinds, codes. */
static int
event_row(rl_ds_reader_t *r, sqlite3_stmt *st)
{
    event_reader_t *er = (event_reader_t *) (void *) r;
    rl_dataset_t *ds = r->ds;
    session_key_t key, *k;
    rl_ds_session_t *s;
    const unsigned char *t, *kinds, *codes;
    size_t n, i;
    int ret;

    key.id = sqlite3_column_int64(st, 0);
    k = bsearch(&key, er->keys, ds->n_sessions, sizeof key, cmp_key);
    if (k == NULL) {
        return rl_error_set(r->err, RL_ERR_INVALID, ds->path, 0, 0,
            "events: session %lld is not in the sessions table", (long long) key.id);
    }
    /* blob pointers stay valid until the next step; read each column once */
    t = sqlite3_column_blob(st, 1);
    n = (size_t) sqlite3_column_bytes(st, 1) / 8;
    kinds = sqlite3_column_blob(st, 2);
    codes = sqlite3_column_blob(st, 3);
    if ((size_t) sqlite3_column_bytes(st, 1) != 8 * n
        || (size_t) sqlite3_column_bytes(st, 2) != n
        || (codes != NULL && (size_t) sqlite3_column_bytes(st, 3) != 8 * n)) {
        return rl_error_set(r->err, RL_ERR_INVALID, ds->path, 0, 0,
            "events of session %lld: the packed columns disagree in length", (long long) key.id);
    }
    s = &ds->sessions[k->index];
    if (s->n_loaded_events > 0) {
        return rl_error_set(r->err, RL_ERR_INVALID, ds->path, 0, 0,
            "events: session %lld has two rows", (long long) key.id);
    }
    if (n > 0 && (s->events = rl_malloc(n * sizeof *s->events)) == NULL) {
        return rl_error_set(r->err, RL_ERR_NOMEM, ds->path, 0, 0, "out of memory");
    }
    for (i = 0; i < n; i++) {
        rl_ds_event_t *e = &s->events[i];
        if ((ret = unpack_event(er, key.id, t, kinds, i, e)) != 0) {
            return ret;
        }
        e->code = codes != NULL ? rl_event_unpack_f64(codes + 8 * i) : NAN;
        s->n_loaded_events++;
    }
    return 0;
}

int
rl_dataset_load_events(rl_dataset_t *ds, long session, rl_error_t *err)
{
    static const char kinds_sql[] = "SELECT kind_id, name FROM event_kinds";
    static const char all_sql[] = "SELECT session_id, t_s, kinds, codes FROM session_events"
                                  " ORDER BY session_id";
    static const char one_sql[] = "SELECT session_id, t_s, kinds, codes FROM session_events"
                                  " WHERE session_id = ?1";
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
    for (i = 0; i < RL_EVENT_PACK_TIMEOUT; i++) {
        er.kind[i] = -1;
    }
    er.keys = rl_malloc((ds->n_sessions + 1) * sizeof *er.keys);
    if (er.keys == NULL) {
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
    ret = rl_ds_each_row(&er.r, kinds_sql, -1, kind_row, "event kinds");
    if (ret == 0) {
        ret = session < 0
            ? rl_ds_each_row(&er.r, all_sql, -1, event_row, "events")
            : rl_ds_each_row(&er.r, one_sql, ds->sessions[session].session_id, event_row,
                  "events");
    }
    for (i = 0; i < ds->n_sessions; i++) {
        if (session < 0 || (size_t) session == i) {
            ds->sessions[i].events_loaded = ret == 0;
        }
    }
out:
    sqlite3_close(er.r.db);
    free(er.keys);
    return ret;
}
