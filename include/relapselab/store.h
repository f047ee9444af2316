/* store.h -- results in SQLite (src/store is the only directory that uses <sqlite3.h>).
**
** A run is written to a temporary file beside the final path and renamed onto it only by
** rl_store_commit(): a run that fails or is interrupted never leaves a database that looks
** complete (and leaves no temporary file either once rl_store_abort() has run). Writes are
** deterministic: the same calls in the same order give a byte-identical file, so nothing
** that depends on the wall clock or the thread count is stored.
** Schema: docs/SCHEMA.md.
*/
#ifndef RELAPSELAB_STORE_H
#define RELAPSELAB_STORE_H

#include <stdatomic.h>
#include <stdint.h>

#include "relapselab/api.h"
#include "relapselab/error.h"
#include "relapselab/protocol.h"
#include "relapselab/results.h"
#include "relapselab/subject_sheet.h"
#include "relapselab/tempwatch.h"

/* Version of the database schema (docs/SCHEMA.md): stored in PRAGMA user_version and
** run.schema_version by the writer (store_sqlite.c); the CSV exporter (export_csv.c) reads
** only databases of this version. Bump it whenever a table, column or view changes.
**   1  initial schema
**   2  activity table (per-session c-Fos indices)
**   3  imported chamber data: run.source, subjects.name, events.code, the import_files,
**      import_sessions and import_issues tables; nullable columns a lab file may lack
**   4  each phase's drugs and triggers, each group's genetic background
**   5  the sessions' dopamine and cocaine readouts (da_pre_nM, da_mean_nM, da_peak_nM,
**      cocaine_mean_uM, cocaine_peak_uM; NULL for imported data), also in sessions_tidy;
**      protocol features: phases.dose_mg_per_kg (a phase's unit dose),
**      phases.intersession_h; liquid reinforcers (reinforcers.solution, concentration_pct,
**      satiety_per_delivery)
**   6  import_sessions.counts_mismatch (the flag of a misread session)
**   7  provenance of imported sessions (import_files.sha256, import_sessions.last_line);
**      import batches (the import_batches table, import_files.batch_id: import-medpc
**      --append adds a batch to a database); a subject sheet's columns in subjects (sex,
**      genotype, background, treatment, dose, notes): sessions_tidy takes sex and
**      genotype from the subject when it has them;
**      packed events: one session_events row per session (times, kinds and codes as
**      BLOBs, event_pack.h) and the event_kinds table; `events` is a view with the columns
**      and values of the old table; likewise session_activity (a column per region) under
**      an `activity` view; page size 8192;
**   8: the individual parameters packed one row per mouse (subject_param_values, names in
**      subject_param_names, store_params.h); `subject_params` is a view with the columns
**      and values of the old table */
#define RL_STORE_SCHEMA_VERSION 8

typedef struct rl_store rl_store_t;

/* What the run table records. */
typedef struct rl_run_info {
    uint64_t seed;           /* master seed */
    const char *generator;   /* the generator's name (rng.h: "xoshiro256**") */
    int rng_scheme;          /* version of the stream-derivation scheme */
    const char *version;     /* relapselab version string */
    const char *command;     /* "relapselab run ..." without thread options */
    int imported;            /* 1: data imported from chamber files (seed, generator and
                             ** rng_scheme are not stored); 0: a simulation */
} rl_run_info_t;

/* A mouse as stored. */
typedef struct rl_subject_record {
    int subject_id;          /* 0-based, unique in the run */
    int group;               /* index in protocol->groups */
    int index_in_group;      /* 0-based */
    size_t n_params;
    const rl_named_value_t *params;  /* borrowed for the call */
    const char *name;        /* the lab's subject ID (imports); NULL for simulated mice */
} rl_subject_record_t;

/* Create the temporary database for final_path, create the schema, and write the run,
** its protocol (text, reinforcers, groups, procedures, phases). The protocol is borrowed
** for the call. final_path is checked first (relapselab/tempwatch.h): a directory, FIFO,
** device or socket (or a symbolic link to one) is refused, and so is the protocol's own
** file (RL_ERR_IO). On error *out is NULL and nothing is left on disk. */
RL_API int rl_store_open(const char *final_path, const rl_protocol_t *protocol,
    const rl_run_info_t *run, rl_store_t **out, rl_error_t *err);

/* Write one subject and its individual parameters. */
RL_API int rl_store_write_subject(rl_store_t *self, const rl_subject_record_t *subject,
    rl_error_t *err);

/* Write one session (with its DA and cocaine readouts, NaN as NULL), its activity indices
** (one row per region) and its events. */
RL_API int rl_store_write_session(rl_store_t *self, const rl_session_result_t *session,
    rl_error_t *err);

/* Write one simulated mouse: its subject row, its individual parameters (named as in the
** parameter table) and all its sessions, in order. The result is borrowed for the call. */
RL_API int rl_store_write_subject_result(rl_store_t *self, const rl_subject_result_t *subject,
    rl_error_t *err);

/* As rl_store_write_subject_result(), but stopping with RL_ERR_INTERRUPTED as soon as
** *cancel is non-zero (checked before each session; cancel may be NULL): a mouse of
** millions of events is not written to the end after Ctrl-C. Abort the store after it. */
RL_API int rl_store_write_subject_result_until(rl_store_t *self,
    const rl_subject_result_t *subject, const atomic_int *cancel, rl_error_t *err);

/* One chamber file of an import, as the import_files table records it. */
typedef struct rl_import_file_record {
    const char *path;        /* as given on the command line */
    const char *status;      /* "imported", "partly_imported" or "skipped" */
    int sessions_found;
    int sessions_imported;
    const char *message;     /* why it was skipped, or NULL */
    const char *sha256;      /* SHA-256 of its content (64 hex digits), or NULL (not read) */
} rl_import_file_record_t;

/* Where an imported session came from (the import_sessions table). Strings may be NULL. */
typedef struct rl_import_session_record {
    int64_t file_id;         /* from rl_store_write_import_file() */
    long line;               /* first line of the session in the file */
    long last_line;          /* its last line (0 = unknown) */
    const char *subject, *experiment, *group, *box, *program, *profile;
    const char *start_time, *end_time; /* ISO 8601 "YYYY-MM-DDTHH:MM:SS" */
    const double *codes;     /* raw code of each event (n_events), NaN = synthetic event */
    int counts_mismatch;     /* program counters that disagree with the decoded counts
                             ** (0 = the session is not flagged) */
} rl_import_session_record_t;

/* Record one file of an import; *file_id receives its 1-based id. */
RL_API int rl_store_write_import_file(rl_store_t *self, const rl_import_file_record_t *file,
    int64_t *file_id, rl_error_t *err);

/* Write one imported session: the sessions row (its DA and cocaine readouts NULL: a lab
** file has none) and its events (with their raw codes), no activity rows, and its
** import_sessions row. *session_id receives its id. The session's
** subject must have been written. */
RL_API int rl_store_write_imported_session(rl_store_t *self, const rl_session_result_t *session,
    const rl_import_session_record_t *source, int64_t *session_id, rl_error_t *err);

/* One line of the import report. file_id 0 = about the whole batch, session_id 0 = about
** a file; line 0 = no line; severity "error", "warning" or "note". */
RL_API int rl_store_write_import_issue(rl_store_t *self, int64_t file_id, int64_t session_id,
    long line, const char *severity, const char *message, rl_error_t *err);

/* Apply a subject sheet (relapselab/subject_sheet.h) to the imported data written so far:
** the subjects' sheet columns, the groups rebuilt from the sheet's `group` column. Call it
** after the last subject and session are written, before rl_store_commit(); the store's
** protocol must be the import's (one procedure). report (may be NULL) receives the findings
** (subjects on the sheet without data, subjects of the data not on the sheet); *result
** (may be NULL) the counts. An error marks the store failed (RL_ERR_INVALID: more groups
** than RL_MAX_GROUPS, a group name too long; RL_ERR_DB, RL_ERR_NOMEM). */
RL_API int rl_store_apply_subject_sheet(rl_store_t *self, const rl_subject_sheet_t *sheet,
    rl_sheet_report_fn report, void *report_ctx, rl_sheet_result_t *result, rl_error_t *err);

/* Finish: mark the run complete, close, fsync, check the final path again and atomically
** rename the temporary file onto it (replacing any old file). Frees self whatever the
** outcome; on failure the temporary file is removed and the final path is untouched. */
RL_API int rl_store_commit(rl_store_t *self, rl_error_t *err);

/* Abandon the run: close and delete the temporary file. Frees self. NULL is allowed. */
RL_API void rl_store_abort(rl_store_t *self);

/* Write tidy CSV tables (runs.csv, groups.csv, phases.csv, subjects.csv,
** subject_params.csv, sessions.csv, activity.csv, events.csv, ...) from the database at
** db_path into dir (created if missing). Each file goes to a temporary file and all are
** renamed into place when complete (relapselab/tempwatch.h; watch may be NULL); a file
** that would replace db_path itself is refused. */
RL_API int rl_store_export_csv(const char *db_path, const char *dir,
    const rl_temp_watch_t *watch, rl_error_t *err);

#endif
