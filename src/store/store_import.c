/* store_import.c -- the tables of imported chamber data: import_files, the sessions with
** their raw event codes and import_sessions rows, and import_issues (docs/SCHEMA.md).
** Written by the MED-PC importer (src/medpc/medpc_import.c) through store.h.
*/
#include "store_internal.h"

#include <math.h>

int
rl_store_write_import_file(rl_store_t *self, const rl_import_file_record_t *f,
    int64_t *file_id, rl_error_t *err)
{
    rl_store_binder_t b;

    if (self->failed) {
        return rl_error_set(err, RL_ERR_INVALID, self->final_path, 0, 0,
            "the store has already failed; abort it");
    }
    rl_store_bind_begin(&b, self->ins_import_file);
    rl_store_bind_int(&b, self->next_file_id);
    rl_store_bind_text(&b, f->path);
    rl_store_bind_text(&b, f->status);
    rl_store_bind_int(&b, f->sessions_found);
    rl_store_bind_int(&b, f->sessions_imported);
    rl_store_bind_text(&b, f->message);
    rl_store_bind_text(&b, f->sha256);
    rl_store_bind_int(&b, self->batch_id > 0 ? self->batch_id : 1);
    if (rl_store_bind_step(&b) != SQLITE_DONE) {
        return rl_store_db_error(self, err, "writing an import file row");
    }
    *file_id = self->next_file_id++;
    return 0;
}

int
rl_store_write_imported_session(rl_store_t *self, const rl_session_result_t *s,
    const rl_import_session_record_t *src, int64_t *session_id, rl_error_t *err)
{
    static const double none = NAN;
    rl_store_binder_t b;
    int ret;

    /* A session without events still marks itself imported (non-NULL codes). */
    if ((ret = rl_store_write_session_rows(self, s, src->codes != NULL ? src->codes : &none, session_id,
             err)) != 0) {
        return ret;
    }
    rl_store_bind_begin(&b, self->ins_import_session);
    rl_store_bind_int(&b, *session_id);
    rl_store_bind_int(&b, src->file_id);
    if (src->line > 0) {
        rl_store_bind_int(&b, src->line);
    } else {
        rl_store_bind_null(&b);
    }
    if (src->last_line > 0) {
        rl_store_bind_int(&b, src->last_line);
    } else {
        rl_store_bind_null(&b);
    }
    rl_store_bind_text(&b, src->subject);
    rl_store_bind_text(&b, src->experiment);
    rl_store_bind_text(&b, src->group);
    rl_store_bind_text(&b, src->box);
    rl_store_bind_text(&b, src->program);
    rl_store_bind_text(&b, src->profile);
    rl_store_bind_text(&b, src->start_time);
    rl_store_bind_text(&b, src->end_time);
    rl_store_bind_int(&b, src->counts_mismatch);
    if (rl_store_bind_step(&b) != SQLITE_DONE) {
        return rl_store_db_error(self, err, "writing an import session row");
    }
    return 0;
}

int
rl_store_write_import_issue(rl_store_t *self, int64_t file_id, int64_t session_id,
    long line, const char *severity, const char *message, rl_error_t *err)
{
    rl_store_binder_t b;

    if (self->failed) {
        return rl_error_set(err, RL_ERR_INVALID, self->final_path, 0, 0,
            "the store has already failed; abort it");
    }
    rl_store_bind_begin(&b, self->ins_import_issue);
    rl_store_bind_null(&b);
    if (file_id > 0) {
        rl_store_bind_int(&b, file_id);
    } else {
        rl_store_bind_null(&b);
    }
    if (session_id > 0) {
        rl_store_bind_int(&b, session_id);
    } else {
        rl_store_bind_null(&b);
    }
    if (line > 0) {
        rl_store_bind_int(&b, line);
    } else {
        rl_store_bind_null(&b);
    }
    rl_store_bind_text(&b, severity);
    rl_store_bind_text(&b, message);
    if (rl_store_bind_step(&b) != SQLITE_DONE) {
        return rl_store_db_error(self, err, "writing an import issue");
    }
    return 0;
}
