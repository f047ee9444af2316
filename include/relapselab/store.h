/* store.h -- results in SQLite (the only interface to <sqlite3.h>, in store_sqlite.c).
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

#include <stdint.h>

#include "relapselab/error.h"
#include "relapselab/protocol.h"
#include "relapselab/results.h"

/* Version of the database schema (docs/SCHEMA.md): stored in PRAGMA user_version and
** run.schema_version by the writer (store_sqlite.c); the CSV exporter (export_csv.c) reads
** only databases of this version. Bump it whenever a table, column or view changes.
**   1  initial schema
**   2  activity table (per-session c-Fos indices) */
#define RL_STORE_SCHEMA_VERSION 2

typedef struct rl_store rl_store_t;

/* What the run table records. */
typedef struct rl_run_info {
    uint64_t seed;           /* master seed */
    const char *generator;   /* gsl_rng name, e.g. "mt19937" */
    int rng_scheme;          /* version of the stream-derivation scheme */
    const char *version;     /* relapselab version string */
    const char *command;     /* "relapselab run ..." without thread options */
} rl_run_info_t;

/* A mouse as stored. */
typedef struct rl_subject_record {
    int subject_id;          /* 0-based, unique in the run */
    int group;               /* index in protocol->groups */
    int index_in_group;      /* 0-based */
    size_t n_params;
    const rl_named_value_t *params;  /* borrowed for the call */
} rl_subject_record_t;

/* Create the temporary database for final_path, create the schema, and write the run,
** its protocol (text, reinforcers, groups, procedures, phases). The protocol is borrowed
** for the call. On error *out is NULL and nothing is left on disk. */
int rl_store_open(const char *final_path, const rl_protocol_t *protocol,
    const rl_run_info_t *run, rl_store_t **out, rl_error_t *err);

/* Write one subject and its individual parameters. */
int rl_store_write_subject(rl_store_t *self, const rl_subject_record_t *subject,
    rl_error_t *err);

/* Write one session, its activity indices (one row per region) and its events. */
int rl_store_write_session(rl_store_t *self, const rl_session_result_t *session,
    rl_error_t *err);

struct rl_subject_result;

/* Write one simulated mouse: its subject row, its individual parameters (named as in the
** parameter table) and all its sessions, in order. The result is borrowed for the call. */
int rl_store_write_subject_result(rl_store_t *self, const struct rl_subject_result *subject,
    rl_error_t *err);

/* Finish: mark the run complete, close, and atomically rename the temporary file onto the
** final path (replacing any old file). Frees self whatever the outcome; on failure the
** temporary file is removed and the final path is untouched. */
int rl_store_commit(rl_store_t *self, rl_error_t *err);

/* Abandon the run: close and delete the temporary file. Frees self. NULL is allowed. */
void rl_store_abort(rl_store_t *self);

/* Write tidy CSV tables (runs.csv, groups.csv, phases.csv, subjects.csv,
** subject_params.csv, sessions.csv, activity.csv, events.csv) from the database at db_path
** into dir (created if missing). Each file is written atomically (temp + rename). */
int rl_store_export_csv(const char *db_path, const char *dir, rl_error_t *err);

#endif
