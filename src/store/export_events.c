/* export_events.c -- events.csv from the packed events (see export_events.h).
**
** Design. The `events` view decodes every double with SQL arithmetic (event_pack.c), about
** 2 us per row; this writer reads session_events directly and unpacks each session in C,
** so the export costs what it cost with one row per event. Kind names come from the
** database's event_kinds table, not from this build, and the output is the same text as
** the view's rows written by the generic writer (test_export_events.sh compares them).
*/
#include "export_events.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv_write.h"
#include "event_pack.h"
#include "core/alloc.h"

typedef struct kind_names {
    char *name[RL_EVENT_PACK_TIMEOUT];   /* by kind_id; NULL: no such id */
} kind_names_t;

static void
free_names(kind_names_t *k)
{
    int i;
    for (i = 0; i < RL_EVENT_PACK_TIMEOUT; i++) {
        free(k->name[i]);
    }
}

static int
read_names(sqlite3 *db, kind_names_t *k)
{
    sqlite3_stmt *st = NULL;
    int rc;

    if ((rc = sqlite3_prepare_v2(db, "SELECT kind_id, name FROM event_kinds", -1, &st, NULL))
        != SQLITE_OK) {
        return rc;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        const char *name = (const char *) sqlite3_column_text(st, 1);
        if (id < 0 || id >= RL_EVENT_PACK_TIMEOUT || name == NULL || k->name[id] != NULL) {
            rc = SQLITE_CORRUPT;
            break;
        }
        if ((k->name[id] = rl_strdup(name)) == NULL) {
            rc = SQLITE_NOMEM;
            break;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* The lines of one session_events row (the current row of st). */
static int
put_session(sqlite3_stmt *st, const kind_names_t *k, FILE *f)
{
    int64_t session_id = sqlite3_column_int64(st, 0);
    int64_t subject_id = sqlite3_column_int64(st, 1);
    const char *phase = (const char *) sqlite3_column_text(st, 2);
    const unsigned char *t = sqlite3_column_blob(st, 3);
    size_t n = (size_t) sqlite3_column_bytes(st, 3) / 8;
    const unsigned char *kinds = sqlite3_column_blob(st, 4);
    const unsigned char *codes = sqlite3_column_blob(st, 5);
    size_t i;

    if ((size_t) sqlite3_column_bytes(st, 3) != 8 * n
        || (size_t) sqlite3_column_bytes(st, 4) != n
        || (sqlite3_column_type(st, 5) != SQLITE_NULL
            && (size_t) sqlite3_column_bytes(st, 5) != 8 * n)) {
        return SQLITE_CORRUPT;
    }
    for (i = 0; i < n; i++) {
        const char *name = k->name[kinds[i] & (RL_EVENT_PACK_TIMEOUT - 1)];
        double code;
        if (name == NULL) {
            return SQLITE_CORRUPT;
        }
        fprintf(f, "%" PRId64 ",%" PRId64 ",", session_id, subject_id);
        if (phase != NULL) {
            rl_csv_put_text(f, phase);
        }
        fprintf(f, ",%zu,", i);
        rl_csv_put_double(f, rl_event_unpack_f64(t + 8 * i));
        fputc(',', f);
        rl_csv_put_text(f, name);
        fprintf(f, ",%d,", (kinds[i] & RL_EVENT_PACK_TIMEOUT) != 0);
        if (codes != NULL && !isnan(code = rl_event_unpack_f64(codes + 8 * i))) {
            rl_csv_put_double(f, code);
        }
        fputc('\n', f);
    }
    return SQLITE_DONE;
}

int
rl_export_events_csv(sqlite3 *db, FILE *f)
{
    static const char sql[] =
        "SELECT se.session_id, s.subject_id, s.phase_name, se.t_s, se.kinds, se.codes"
        " FROM session_events se JOIN sessions s USING (session_id) ORDER BY se.session_id";
    sqlite3_stmt *st = NULL;
    kind_names_t k;
    int rc;

    memset(&k, 0, sizeof k);
    fputs("session_id,subject_id,phase_name,seq,t_s,kind,in_timeout,code\n", f);
    if ((rc = read_names(db, &k)) != SQLITE_DONE
        || (rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL)) != SQLITE_OK) {
        goto out;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if ((rc = put_session(st, &k, f)) != SQLITE_DONE) {
            break;
        }
    }
out:
    sqlite3_finalize(st);
    free_names(&k);
    return rc;
}
