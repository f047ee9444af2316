/* store_internal.h -- what the files of the SQLite store share (internal to src/store).
**
** store_sqlite.c opens, writes subjects and sessions, commits; store_protocol.c writes the
** protocol tables (reinforcers, procedures, phases, groups); store_import.c the tables of
** imported chamber data. They share the store itself and the binding helpers: a binder
** binds parameters in order and remembers the first failure, so a run of binds is checked
** once, at the step.
*/
#ifndef RL_STORE_INTERNAL_H
#define RL_STORE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

#include "relapselab/store.h"
#include "core/outfile.h"
#include "store_open.h"
#include "event_pack.h"
#include "store_params.h"

/* What the store keeps of the protocol (copied at open) and of the subjects. */
typedef struct phase_label {
    char name[RL_NAME_MAX];
    const char *kind;          /* static string */
} phase_label_t;

struct rl_store {
    sqlite3 *db;
    char *final_path;
    rl_outfile_t out;          /* the temporary file the database is written to */
    sqlite3_stmt *ins_subject;
    sqlite3_stmt *ins_param_values; /* one subject_param_values row (store_params.h) */
    rl_param_pack_t param_pack;    /* the names' ids and the packing buffer */
    sqlite3_stmt *ins_session;
    sqlite3_stmt *ins_events;      /* one session_events row: a session's packed events */
    rl_event_pack_t pack;          /* buffers of the packed events (event_pack.h) */
    sqlite3_stmt *ins_activity;    /* RL_N_REGIONS rows */
    sqlite3_stmt *ins_import_file;
    sqlite3_stmt *ins_import_session;
    sqlite3_stmt *ins_import_issue;
    int64_t next_file_id;      /* 1-based */
    bool failed;               /* a write failed: the file is not trustworthy */
    int64_t next_session_id;   /* 1-based, in write order */
    int n_groups;
    int group_procedure[RL_MAX_GROUPS];
    int n_phases[RL_MAX_PROCEDURES];
    phase_label_t phases[RL_MAX_PROCEDURES][RL_MAX_PHASES];
    int *subject_procedure;    /* by subject_id; -1 = not written */
    size_t subject_cap;
    int64_t batch_id;          /* the import batch being written (import_batches); 0: none */
    bool append;               /* an import appended to a copy (store_append.c) */
};


typedef struct rl_store_binder {
    sqlite3_stmt *st;
    int i;
    int rc;
} rl_store_binder_t;

/* Start binding st from its first parameter. */
void rl_store_bind_begin(rl_store_binder_t *b, sqlite3_stmt *st);
void rl_store_bind_int(rl_store_binder_t *b, int64_t v);
/* NaN binds as NULL (SQLite's rule). */
void rl_store_bind_double(rl_store_binder_t *b, double v);
void rl_store_bind_null(rl_store_binder_t *b);
/* s (which must outlive the step), or NULL when s is NULL or empty. */
void rl_store_bind_text(rl_store_binder_t *b, const char *s);
/* Step a fully bound INSERT and reset it; returns the SQLite code (SQLITE_DONE = success). */
int rl_store_bind_step(rl_store_binder_t *b);

/* Mark the store failed and set err to RL_ERR_DB: "what: <SQLite's message>". */
int rl_store_db_error(rl_store_t *self, rl_error_t *err, const char *what);

/* Prepare a persistent statement (an error marks the store failed). */
int rl_store_prepare(rl_store_t *self, const char *sql, sqlite3_stmt **st, rl_error_t *err);

/* store_sqlite.c: the connection's settings (journal off, ...), then BEGIN is the
** caller's; the persistent INSERT statements; the import_batches row of the next batch
** (self->batch_id + 1, which becomes self->batch_id). 0 or an error (store failed). */
int rl_store_configure(rl_store_t *self, rl_error_t *err);
int rl_store_prepare_inserts(rl_store_t *self, rl_error_t *err);
int rl_store_write_batch(rl_store_t *self, const rl_run_info_t *run, rl_error_t *err);

/* store_sqlite.c: close the connection and free everything; deletes the temporary file if
** remove_tmp is set (after a commit there is none). Returns the sqlite3_close() code. */
int rl_store_destroy(rl_store_t *self, bool remove_tmp);

/* store_append.c: before the commit of an append, renumber each subject's sessions by
** start time (day, session_in_phase). 0 or RL_ERR_DB (store failed). */
int rl_store_append_finish(rl_store_t *self, rl_error_t *err);

/* store_protocol.c: RL_ERR_INVALID unless the protocol's indices are in range (a loaded
** protocol always passes; this guards hand-built ones). */
int rl_store_check_protocol(const rl_protocol_t *p, const char *path, rl_error_t *err);

/* store_protocol.c: the reinforcers, procedures with their phases, and groups tables; also
** copies the phase labels and each group's procedure into the store. */
int rl_store_write_protocol(rl_store_t *self, const rl_protocol_t *p, rl_error_t *err);

/* store_protocol.c: the phases of procedure 0 from index first on, then the phase labels
** of every procedure into the store; the groups from index first on, then every group's
** procedure into the store (an import appended to a database: store_append.c). */
int rl_store_write_phases_from(rl_store_t *self, const rl_protocol_t *p, int first,
    rl_error_t *err);
int rl_store_write_groups_from(rl_store_t *self, const rl_protocol_t *p, int first,
    rl_error_t *err);

/* store_sqlite.c: the sessions row (the brain readouts NULL for imported sessions), the
** activity rows (simulated sessions: codes == NULL) and the events (with their raw codes for
** imported sessions); *id receives the id. */
int rl_store_write_session_rows(rl_store_t *self, const rl_session_result_t *s,
    const double *codes, int64_t *id, rl_error_t *err);

#endif
