/* store_sqlite.c -- writes a run to SQLite: open, subjects, sessions, commit (src/store is the
** only directory that uses <sqlite3.h>; the protocol tables are in store_protocol.c, the
** tables of imported data in store_import.c).
**
** Design. A run goes into a temporary file beside final_path ("<final_path>.tmp-<random>",
** created by core/outfile.h with O_EXCL after the final path is checked: a directory, FIFO,
** device or socket there is refused, and so is the protocol file itself) and reaches
** final_path only through rename() in rl_store_commit(), so a database at final_path is
** always a complete run (or whatever was there before). The temporary file is written with
** journal_mode=OFF and synchronous=OFF: it has no value until the rename, so crash safety
** inside SQLite buys nothing; instead commit closes the connection, fsync()s the file and
** then renames it.
** Because there is no journal a failed statement cannot be rolled back, so the first
** failure marks the store as failed: later writes and commit refuse, and the temporary file
** is deleted. One transaction spans open..commit, and every insert uses a prepared statement
** that is reset and rebound. A session's events go packed into one row of session_events
** (event_pack.h: 9 bytes per event, one INSERT per session; the `events` view presents them
** as rows), so the writer costs a small fraction of the simulation. The activity indices
** of a session go in one row of session_activity (a column per region; the view `activity`
** gives one row per region).
**
** Determinism: the file depends only on the calls (and on the SQLite library version, which
** SQLite writes in the header). Page size, auto-vacuum, encoding, application_id and
** user_version are set explicitly; no time, PID, host name or thread count is stored.
**
** Ownership: the protocol is read during rl_store_open() only; what later calls need (the
** procedure of each group, phase names and kinds) is copied into the store. A store is
** used by one thread at a time.
**
** Schema (documented column by column in docs/SCHEMA.md): schema_sql below.
*/
#include "relapselab/store.h"

#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store_internal.h"
#include "core/alloc.h"

/* The schema version is RL_STORE_SCHEMA_VERSION (store.h), shared with export_csv.c. */
/* PRAGMA application_id: "RLAB", so `file` and tools can tell our databases apart. */
#define APPLICATION_ID 0x524C4142

/* The schema, one statement per table; docs/SCHEMA.md documents every column. Foreign keys
** are declared (PRAGMA foreign_key_check passes) but not enforced while writing. */
static const char schema_sql[] =
    "CREATE TABLE run (\n"
    "  run_id INTEGER PRIMARY KEY CHECK (run_id = 1), schema_version INTEGER NOT NULL,\n"
    "  relapselab_version TEXT NOT NULL,\n"
    "  source TEXT NOT NULL CHECK (source IN ('simulation', 'import')),\n"
    "  seed TEXT, seed_int INTEGER, generator TEXT, rng_scheme INTEGER, command TEXT,\n"
    "  protocol_path TEXT, protocol_text TEXT, study TEXT, intersession_h REAL,\n"
    "  status TEXT NOT NULL CHECK (status IN ('running', 'complete')));\n"
    "CREATE TABLE reinforcers (\n"
    "  reinforcer_id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,\n"
    "  kind TEXT NOT NULL CHECK (kind IN ('drug', 'pellet', 'liquid', 'none')),\n"
    "  drug TEXT, dose_mg_per_kg REAL, infusion_s REAL, volume_ul REAL,\n"
    "  pellet_mg REAL, palatability REAL, solution TEXT, concentration_pct REAL,\n"
    "  satiety_per_delivery REAL);\n"
    "CREATE TABLE procedures (\n"
    "  procedure_id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,\n"
    "  n_phases INTEGER NOT NULL);\n"
    "CREATE TABLE phases (\n"
    "  procedure_id INTEGER NOT NULL REFERENCES procedures (procedure_id),\n"
    "  phase_index INTEGER NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,\n"
    "  schedule_type TEXT NOT NULL CHECK (schedule_type IN ('FR', 'PR')),\n"
    "  ratio INTEGER, pr_series TEXT, pr_from_formula INTEGER,\n"
    "  session_min REAL NOT NULL, timeout_s REAL NOT NULL, cue_s REAL NOT NULL,\n"
    "  deliver_reinforcer INTEGER NOT NULL, deliver_cue INTEGER NOT NULL,\n"
    "  max_reinforcers INTEGER NOT NULL, no_reinforcer_stop_min REAL NOT NULL,\n"
    "  sessions INTEGER NOT NULL, until_criterion INTEGER NOT NULL, max_sessions INTEGER,\n"
    "  criterion_type TEXT NOT NULL, criterion_consecutive INTEGER,\n"
    "  criterion_min_reinforcers INTEGER, criterion_min_active_fraction REAL,\n"
    "  criterion_max_deviation REAL, criterion_max_fraction_of_reference REAL,\n"
    "  criterion_reference_phase TEXT,\n"
    "  abstinence_days REAL NOT NULL, treatments TEXT, stress TEXT, noncontingent_cues TEXT,\n"
    "  pairing TEXT, dose_mg_per_kg REAL, intersession_h REAL NOT NULL,\n"
    "  PRIMARY KEY (procedure_id, phase_index)) WITHOUT ROWID;\n"
    "CREATE TABLE groups (\n"
    "  group_id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, line TEXT,\n"
    "  genotype TEXT, sex TEXT, n INTEGER NOT NULL,\n"
    "  reinforcer_id INTEGER NOT NULL REFERENCES reinforcers (reinforcer_id),\n"
    "  reinforcer TEXT NOT NULL,\n"
    "  procedure_id INTEGER NOT NULL REFERENCES procedures (procedure_id),\n"
    "  procedure TEXT NOT NULL, background TEXT);\n"
    "CREATE TABLE subjects (\n"
    "  subject_id INTEGER PRIMARY KEY,\n"
    "  group_id INTEGER NOT NULL REFERENCES groups (group_id),\n"
    "  index_in_group INTEGER NOT NULL, name TEXT, sex TEXT, genotype TEXT,\n"
    "  background TEXT, treatment TEXT, dose TEXT, notes TEXT,\n"
    "  UNIQUE (group_id, index_in_group));\n"
    "CREATE INDEX subjects_group ON subjects (group_id);\n"
    /* subject_param_names, subject_param_values and the view subject_params:
    ** rl_param_schema_sql (store_params.c) */
    "CREATE TABLE sessions (\n"
    "  session_id INTEGER PRIMARY KEY,\n"
    "  subject_id INTEGER NOT NULL REFERENCES subjects (subject_id),\n"
    "  phase_index INTEGER NOT NULL, phase_name TEXT NOT NULL, phase_kind TEXT NOT NULL,\n"
    "  session_in_phase INTEGER NOT NULL, day INTEGER NOT NULL,\n"
    "  active INTEGER NOT NULL, inactive INTEGER NOT NULL,\n"
    "  active_timeout INTEGER NOT NULL, reinforcers INTEGER NOT NULL,\n"
    "  duration_min REAL NOT NULL, end_reason TEXT NOT NULL,\n"
    "  criterion_met INTEGER NOT NULL CHECK (criterion_met IN (0, 1)),\n"
    "  breakpoint INTEGER, drug_mg_per_kg REAL, n_events INTEGER NOT NULL,\n"
    "  da_pre_nM REAL, da_mean_nM REAL, da_peak_nM REAL,\n"
    "  cocaine_mean_uM REAL, cocaine_peak_uM REAL);\n"
    "CREATE UNIQUE INDEX sessions_subject_day ON sessions (subject_id, day);\n"
    /* session_activity (one column per region) and its view activity: create_activity() */
    "CREATE TABLE event_kinds (\n"
    "  kind_id INTEGER PRIMARY KEY CHECK (kind_id BETWEEN 0 AND 127),\n"
    "  name TEXT NOT NULL UNIQUE);\n"
    "CREATE TABLE session_events (\n"
    "  session_id INTEGER PRIMARY KEY REFERENCES sessions (session_id),\n"
    "  t_s BLOB NOT NULL, kinds BLOB NOT NULL, codes BLOB,\n"
    "  CHECK (length(t_s) = 8 * length(kinds)\n"
    "         AND (codes IS NULL OR length(codes) = 8 * length(kinds))));\n"
    "CREATE TABLE import_batches (\n"
    "  batch_id INTEGER PRIMARY KEY, command TEXT, relapselab_version TEXT NOT NULL);\n"
    "CREATE TABLE import_files (\n"
    "  file_id INTEGER PRIMARY KEY, path TEXT NOT NULL,\n"
    "  status TEXT NOT NULL CHECK (status IN ('imported', 'partly_imported', 'skipped')),\n"
    "  sessions_found INTEGER NOT NULL, sessions_imported INTEGER NOT NULL, message TEXT,\n"
    "  sha256 TEXT, batch_id INTEGER NOT NULL REFERENCES import_batches (batch_id));\n"
    "CREATE TABLE import_sessions (\n"
    "  session_id INTEGER PRIMARY KEY REFERENCES sessions (session_id),\n"
    "  file_id INTEGER NOT NULL REFERENCES import_files (file_id), line INTEGER,\n"
    "  last_line INTEGER,\n"
    "  subject TEXT, experiment TEXT, group_label TEXT, box TEXT, program TEXT,\n"
    "  profile TEXT, start_time TEXT, end_time TEXT,\n"
    "  counts_mismatch INTEGER NOT NULL CHECK (counts_mismatch >= 0));\n"
    "CREATE TABLE import_issues (\n"
    "  issue_id INTEGER PRIMARY KEY, file_id INTEGER REFERENCES import_files (file_id),\n"
    "  session_id INTEGER REFERENCES sessions (session_id), line INTEGER,\n"
    "  severity TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'note')),\n"
    "  message TEXT NOT NULL);\n"
    "CREATE VIEW sessions_tidy AS\n"
    "  SELECT s.session_id, s.subject_id, g.group_id, g.name AS group_name, g.line,\n"
    "         coalesce(sub.genotype, g.genotype) AS genotype,\n"
    "         coalesce(sub.sex, g.sex) AS sex, g.reinforcer, g.procedure, sub.index_in_group,\n"
    "         sub.name AS subject_name,\n"
    "         s.phase_index, s.phase_name, s.phase_kind, s.session_in_phase, s.day,\n"
    "         s.active, s.inactive, s.active_timeout, s.reinforcers, s.duration_min,\n"
    "         s.end_reason, s.criterion_met, s.breakpoint, s.drug_mg_per_kg, s.n_events,\n"
    "         s.da_pre_nM, s.da_mean_nM, s.da_peak_nM, s.cocaine_mean_uM, s.cocaine_peak_uM\n"
    "  FROM sessions s JOIN subjects sub USING (subject_id)\n"
    "       JOIN groups g ON g.group_id = sub.group_id;\n";

/* Settings for the temporary file, applied before the first write (page_size and
** auto_vacuum must precede it). Explicit values keep the bytes independent of SQLite's
** compile-time defaults. */
static const char pragma_sql[] =
    "PRAGMA page_size = 8192;\n"
    "PRAGMA auto_vacuum = NONE;\n"
    "PRAGMA encoding = 'UTF-8';\n"
    "PRAGMA journal_mode = OFF;\n"
    "PRAGMA synchronous = OFF;\n"
    "PRAGMA locking_mode = EXCLUSIVE;\n"
    "PRAGMA temp_store = MEMORY;\n"
    "PRAGMA cache_size = -8192;\n"
    "PRAGMA foreign_keys = OFF;\n";

static const char insert_subject_sql[] =
    "INSERT INTO subjects (subject_id, group_id, index_in_group, name) VALUES (?, ?, ?, ?)";
static const char insert_param_values_sql[] =
    "INSERT INTO subject_param_values (subject_id, param_ids, vals) VALUES (?, ?, ?)";
static const char insert_session_sql[] =
    "INSERT INTO sessions (session_id, subject_id, phase_index, phase_name, phase_kind,"
    " session_in_phase, day, active, inactive, active_timeout, reinforcers, duration_min,"
    " end_reason, criterion_met, breakpoint, drug_mg_per_kg, n_events, da_pre_nM,"
    " da_mean_nM, da_peak_nM, cocaine_mean_uM, cocaine_peak_uM)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char insert_import_file_sql[] =
    "INSERT INTO import_files (file_id, path, status, sessions_found, sessions_imported,"
    " message, sha256, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
static const char insert_import_session_sql[] =
    "INSERT INTO import_sessions (session_id, file_id, line, last_line, subject, experiment,"
    " group_label, box, program, profile, start_time, end_time, counts_mismatch)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char insert_import_issue_sql[] =
    "INSERT INTO import_issues (issue_id, file_id, session_id, line, severity, message)"
    " VALUES (?, ?, ?, ?, ?, ?)";
/* A session's events, packed (event_pack.h): one row per session. */
static const char insert_events_sql[] =
    "INSERT INTO session_events (session_id, t_s, kinds, codes) VALUES (?, ?, ?, ?)";
/* The activity indices of a session: one row of session_activity, a column per region
** (one INSERT instead of RL_N_REGIONS rows of a keyed table: the writer's largest cost
** after the events were packed). The view `activity` gives the long format. */
#define REGION_COLUMN_(id, name) ",\n  " name " REAL NOT NULL"
#define REGION_ROW_(id, name) \
    "SELECT session_id, '" name "' AS region, " name " AS value FROM session_activity\n",
static const char activity_table_sql[] =
    "CREATE TABLE session_activity (\n"
    "  session_id INTEGER PRIMARY KEY REFERENCES sessions (session_id)"
    RL_REGIONS(REGION_COLUMN_) ");\n";
static const char *const activity_rows[RL_N_REGIONS] = {RL_REGIONS(REGION_ROW_)};
#define REGION_PLACEHOLDER_(id, name) ", ?"
static const char insert_activity_sql[] =
    "INSERT INTO session_activity VALUES (?" RL_REGIONS(REGION_PLACEHOLDER_) ")";

/* ---- binding helper: binds parameters in order, remembers the first failure ---- */

void
rl_store_bind_begin(rl_store_binder_t *b, sqlite3_stmt *st)
{
    b->st = st;
    b->i = 0;
    b->rc = SQLITE_OK;
}

void
rl_store_bind_int(rl_store_binder_t *b, int64_t v)
{
    b->i++;
    if (b->rc == SQLITE_OK) {
        b->rc = sqlite3_bind_int64(b->st, b->i, v);
    }
}

void
rl_store_bind_double(rl_store_binder_t *b, double v)
{
    b->i++;
    if (b->rc == SQLITE_OK) {
        b->rc = sqlite3_bind_double(b->st, b->i, v);
    }
}

void
rl_store_bind_null(rl_store_binder_t *b)
{
    b->i++;
    if (b->rc == SQLITE_OK) {
        b->rc = sqlite3_bind_null(b->st, b->i);
    }
}

/* Binds s (which must outlive the step), or NULL when s is NULL or empty. */
void
rl_store_bind_text(rl_store_binder_t *b, const char *s)
{
    b->i++;
    if (b->rc == SQLITE_OK) {
        b->rc = (s == NULL || s[0] == '\0') ? sqlite3_bind_null(b->st, b->i)
                                            : sqlite3_bind_text(b->st, b->i, s, -1,
                                                  SQLITE_STATIC);
    }
}

/* Step a fully bound INSERT and reset it for reuse. Returns the SQLite code (SQLITE_DONE
** on success); the bindings are cleared so no borrowed text pointer survives the call. */
int
rl_store_bind_step(rl_store_binder_t *b)
{
    int rc = b->rc == SQLITE_OK ? sqlite3_step(b->st) : b->rc;
    sqlite3_reset(b->st);
    sqlite3_clear_bindings(b->st);
    return rc;
}

/* ---- errors ---- */

int
rl_store_db_error(rl_store_t *self, rl_error_t *err, const char *what)
{
    self->failed = true;
    return rl_error_set(err, RL_ERR_DB, self->final_path, 0, 0, "%s: %s", what,
        self->db != NULL ? sqlite3_errmsg(self->db) : "cannot open database");
}

/* ---- open ---- */

int
rl_store_prepare(rl_store_t *self, const char *sql, sqlite3_stmt **st, rl_error_t *err)
{
    if (sqlite3_prepare_v3(self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL)
        != SQLITE_OK) {
        return rl_store_db_error(self, err, "preparing a statement");
    }
    return 0;
}

/* The event kinds, ids as in results.h (kept in the database, so it explains itself). */
static int
write_event_kinds(rl_store_t *self, rl_error_t *err)
{
    sqlite3_stmt *st = NULL;
    rl_store_binder_t b;
    int k, ret = 0;

    if ((ret = rl_store_prepare(self, "INSERT INTO event_kinds (kind_id, name) VALUES (?, ?)",
             &st, err)) != 0) {
        return ret;
    }
    for (k = 0; k < RL_EV_COUNT && ret == 0; k++) {
        rl_store_bind_begin(&b, st);
        rl_store_bind_int(&b, k);
        rl_store_bind_text(&b, rl_event_kind_name(k));
        if (rl_store_bind_step(&b) != SQLITE_DONE) {
            ret = rl_store_db_error(self, err, "writing the event kinds");
        }
    }
    sqlite3_finalize(st);
    return ret;
}

/* The session_activity table and the view activity (session_id, region, value) over it:
** one SELECT per region, joined by UNION ALL. */
static int
create_activity(rl_store_t *self, rl_error_t *err)
{
    static const char head[] = "CREATE VIEW activity AS\n";
    static const char sep[] = "UNION ALL ";
    char sql[sizeof head + RL_N_REGIONS * (sizeof sep + 128)];
    size_t used = 0;
    int j;

    memcpy(sql, head, sizeof head);
    used = sizeof head - 1;
    for (j = 0; j < RL_N_REGIONS; j++) {
        used += (size_t) snprintf(sql + used, sizeof sql - used, "%s%s", j > 0 ? sep : "",
            activity_rows[j]);
    }
    if (used >= sizeof sql || sqlite3_exec(self->db, activity_table_sql, NULL, NULL, NULL)
        != SQLITE_OK || sqlite3_exec(self->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
        return rl_store_db_error(self, err, "creating the activity table");
    }
    return 0;
}

static int
write_run(rl_store_t *self, const rl_protocol_t *p, const rl_run_info_t *run,
    rl_error_t *err)
{
    static const char sql[] =
        "INSERT INTO run (run_id, schema_version, relapselab_version, source, seed, seed_int,"
        " generator, rng_scheme, command, protocol_path, protocol_text, study,"
        " intersession_h, status) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running')";
    sqlite3_stmt *st = NULL;
    rl_store_binder_t b;
    char seed[24];
    int ret = 0;

    snprintf(seed, sizeof seed, "%" PRIu64, run->seed);
    if ((ret = rl_store_prepare(self, sql, &st, err)) != 0) {
        goto out;
    }
    rl_store_bind_begin(&b, st);
    rl_store_bind_int(&b, RL_STORE_SCHEMA_VERSION);
    rl_store_bind_text(&b, run->version != NULL ? run->version : "unknown");
    rl_store_bind_text(&b, run->imported ? "import" : "simulation");
    if (run->imported) {
        rl_store_bind_null(&b);
        rl_store_bind_null(&b);
        rl_store_bind_null(&b);
        rl_store_bind_null(&b);
    } else {
        rl_store_bind_text(&b, seed);
        if (run->seed <= (uint64_t) INT64_MAX) {
            rl_store_bind_int(&b, (int64_t) run->seed);
        } else {
            rl_store_bind_null(&b);
        }
        rl_store_bind_text(&b, run->generator != NULL ? run->generator : "unknown");
        rl_store_bind_int(&b, run->rng_scheme);
    }
    rl_store_bind_text(&b, run->command);
    rl_store_bind_text(&b, p->path);
    if (p->source_text != NULL && b.rc == SQLITE_OK) {
        b.i++;
        b.rc = sqlite3_bind_text64(st, b.i, p->source_text, p->source_len, SQLITE_STATIC,
            SQLITE_UTF8);
    } else {
        rl_store_bind_null(&b);
    }
    rl_store_bind_text(&b, p->study);
    rl_store_bind_double(&b, p->intersession_h);
    if (rl_store_bind_step(&b) != SQLITE_DONE) {
        ret = rl_store_db_error(self, err, "writing the run table");
    }
out:
    sqlite3_finalize(st);
    return ret;
}

int
rl_store_destroy(rl_store_t *self, bool remove_tmp)
{
    int rc = SQLITE_OK;

    sqlite3_finalize(self->ins_subject);
    sqlite3_finalize(self->ins_param_values);
    sqlite3_finalize(self->ins_session);
    sqlite3_finalize(self->ins_activity);
    sqlite3_finalize(self->ins_import_file);
    sqlite3_finalize(self->ins_import_session);
    sqlite3_finalize(self->ins_import_issue);
    sqlite3_finalize(self->ins_events);
    if (self->db != NULL) {
        rc = sqlite3_close(self->db);
    }
    if (remove_tmp) {
        rl_outfile_abort(&self->out);
    }
    rl_event_pack_free(&self->pack);
    rl_param_pack_free(&self->param_pack);
    free(self->subject_procedure);
    free(self->final_path);
    free(self);
    return rc;
}

int
rl_store_open_watched(const char *final_path, const rl_protocol_t *protocol,
    const rl_run_info_t *run, const rl_temp_watch_t *watch, rl_store_t **out, rl_error_t *err)
{
    rl_store_t *self = NULL;
    int ret;

    *out = NULL;
    if ((ret = rl_outfile_check(final_path, err)) != 0
        || (ret = rl_store_check_protocol(protocol, final_path, err)) != 0) {
        return ret;
    }
    if (protocol->path[0] != '\0' && rl_outfile_same(final_path, protocol->path)) {
        return rl_error_set(err, RL_ERR_IO, final_path, 0, 0, "is the protocol file; "
            "refusing to replace it");
    }
    self = rl_calloc(1, sizeof *self);
    if (self == NULL || (self->final_path = rl_strdup(final_path)) == NULL) {
        ret = rl_error_set(err, RL_ERR_NOMEM, final_path, 0, 0, "out of memory");
        goto out;
    }
    self->next_session_id = 1;
    self->next_file_id = 1;
    /* An empty file with an unpredictable name, created with O_EXCL; SQLite opens it by
    ** name (an empty file is an empty database) and our descriptor stays open to fsync it
    ** at commit. */
    if ((ret = rl_outfile_open(&self->out, final_path, watch, err)) != 0) {
        goto out;
    }
    if (sqlite3_open_v2(self->out.tmp, &self->db,
            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL)
        != SQLITE_OK) {
        ret = rl_error_set(err, RL_ERR_IO, final_path, 0, 0, "cannot create %s: %s",
            self->out.tmp, self->db != NULL ? sqlite3_errmsg(self->db) : "out of memory");
        goto out;
    }
    if ((ret = rl_store_configure(self, err)) != 0) {
        goto out;
    }
    if (sqlite3_exec(self->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK
        || sqlite3_exec(self->db, schema_sql, NULL, NULL, NULL) != SQLITE_OK
        || sqlite3_exec(self->db, rl_event_view_sql, NULL, NULL, NULL) != SQLITE_OK
        || sqlite3_exec(self->db, rl_param_schema_sql, NULL, NULL, NULL) != SQLITE_OK) {
        ret = rl_store_db_error(self, err, "creating the schema");
        goto out;
    }
    {
        char sql[96];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = %d;",
            RL_STORE_SCHEMA_VERSION, APPLICATION_ID);
        if (sqlite3_exec(self->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
            ret = rl_store_db_error(self, err, "setting the schema version");
            goto out;
        }
    }
    if ((ret = write_run(self, protocol, run, err)) != 0
        || (ret = rl_store_write_protocol(self, protocol, err)) != 0
        || (ret = create_activity(self, err)) != 0
        || (ret = write_event_kinds(self, err)) != 0
        || (ret = rl_store_prepare_inserts(self, err)) != 0
        || (run->imported && (ret = rl_store_write_batch(self, run, err)) != 0)) {
        goto out;
    }
    *out = self;
    self = NULL;
out:
    if (self != NULL) {
        rl_store_destroy(self, true);
    }
    return ret;
}

int
rl_store_configure(rl_store_t *self, rl_error_t *err)
{
    if (sqlite3_exec(self->db, pragma_sql, NULL, NULL, NULL) != SQLITE_OK) {
        return rl_store_db_error(self, err, "configuring the database");
    }
    return 0;
}

int
rl_store_prepare_inserts(rl_store_t *self, rl_error_t *err)
{
    int ret;
    if ((ret = rl_store_prepare(self, insert_subject_sql, &self->ins_subject, err)) != 0
        || (ret = rl_store_prepare(self, insert_param_values_sql, &self->ins_param_values, err))
            != 0
        || (ret = rl_store_prepare(self, insert_session_sql, &self->ins_session, err)) != 0
        || (ret = rl_store_prepare(self, insert_activity_sql, &self->ins_activity, err)) != 0
        || (ret = rl_store_prepare(self, insert_import_file_sql, &self->ins_import_file, err)) != 0
        || (ret = rl_store_prepare(self, insert_import_session_sql, &self->ins_import_session, err))
            != 0
        || (ret = rl_store_prepare(self, insert_import_issue_sql, &self->ins_import_issue, err)) != 0
        || (ret = rl_store_prepare(self, insert_events_sql, &self->ins_events, err)) != 0) {
        return ret;
    }
    return 0;
}

int
rl_store_write_batch(rl_store_t *self, const rl_run_info_t *run, rl_error_t *err)
{
    static const char sql[] =
        "INSERT INTO import_batches (batch_id, command, relapselab_version) VALUES (?, ?, ?)";
    sqlite3_stmt *st = NULL;
    rl_store_binder_t b;
    int ret;

    if ((ret = rl_store_prepare(self, sql, &st, err)) != 0) {
        return ret;
    }
    self->batch_id++;
    rl_store_bind_begin(&b, st);
    rl_store_bind_int(&b, self->batch_id);
    rl_store_bind_text(&b, run->command);
    rl_store_bind_text(&b, run->version != NULL ? run->version : "unknown");
    if (rl_store_bind_step(&b) != SQLITE_DONE) {
        ret = rl_store_db_error(self, err, "writing the import_batches table");
    }
    sqlite3_finalize(st);
    return ret;
}

int
rl_store_open(const char *final_path, const rl_protocol_t *protocol,
    const rl_run_info_t *run, rl_store_t **out, rl_error_t *err)
{
    return rl_store_open_watched(final_path, protocol, run, NULL, out, err);
}

/* ---- subjects and sessions ---- */

int
rl_store_write_subject(rl_store_t *self, const rl_subject_record_t *subject,
    rl_error_t *err)
{
    rl_store_binder_t b;
    size_t i;
    int ret;

    if (self->failed) {
        return rl_error_set(err, RL_ERR_INVALID, self->final_path, 0, 0,
            "the store has already failed; abort it");
    }
    if (subject->subject_id < 0 || subject->group < 0 || subject->group >= self->n_groups) {
        self->failed = true;
        return rl_error_set(err, RL_ERR_INVALID, self->final_path, 0, 0,
            "subject %d: invalid subject id or group %d", subject->subject_id, subject->group);
    }
    if ((size_t) subject->subject_id >= self->subject_cap) {
        size_t cap = self->subject_cap > 0 ? self->subject_cap : 64;
        int *p;
        while (cap <= (size_t) subject->subject_id) {
            cap *= 2;
        }
        p = rl_realloc(self->subject_procedure, cap * sizeof *p);
        if (p == NULL) {
            self->failed = true;
            return rl_error_set(err, RL_ERR_NOMEM, self->final_path, 0, 0, "out of memory");
        }
        for (i = self->subject_cap; i < cap; i++) {
            p[i] = -1;
        }
        self->subject_procedure = p;
        self->subject_cap = cap;
    }
    rl_store_bind_begin(&b, self->ins_subject);
    rl_store_bind_int(&b, subject->subject_id);
    rl_store_bind_int(&b, subject->group);
    rl_store_bind_int(&b, subject->index_in_group);
    rl_store_bind_text(&b, subject->name);
    if (rl_store_bind_step(&b) != SQLITE_DONE) {
        return rl_store_db_error(self, err, "writing a subject");
    }
    if ((ret = rl_param_pack_write(&self->param_pack, self->db, self->ins_param_values,
             self->final_path, subject->subject_id, subject->params, subject->n_params, err))
        != 0) {
        self->failed = true;
        return ret;
    }
    self->subject_procedure[subject->subject_id] = self->group_procedure[subject->group];
    return 0;
}

/* Insert the packed events of a session (codes: NULL, or one per event). Returns
** SQLITE_DONE on success, SQLITE_NOMEM if packing ran out of memory. */
static int
insert_events(rl_store_t *self, int64_t session_id, const rl_event_t *events,
    const double *codes, size_t n)
{
    sqlite3_stmt *st = self->ins_events;
    int rc;

    if (n > (size_t) INT32_MAX / 8) {
        return SQLITE_TOOBIG;
    }
    if (rl_event_pack(&self->pack, events, codes, n) != 0) {
        return SQLITE_NOMEM;
    }
    /* an empty BLOB, not NULL, for a session without events (zeroblob(0)) */
    rc = sqlite3_bind_int64(st, 1, session_id);
    if (rc == SQLITE_OK) {
        rc = n > 0 ? sqlite3_bind_blob(st, 2, self->pack.t_s, (int) (8 * n), SQLITE_STATIC)
                   : sqlite3_bind_zeroblob(st, 2, 0);
    }
    if (rc == SQLITE_OK) {
        rc = n > 0 ? sqlite3_bind_blob(st, 3, self->pack.kinds, (int) n, SQLITE_STATIC)
                   : sqlite3_bind_zeroblob(st, 3, 0);
    }
    if (rc == SQLITE_OK) {
        rc = codes == NULL ? sqlite3_bind_null(st, 4)
            : n > 0 ? sqlite3_bind_blob(st, 4, self->pack.codes, (int) (8 * n), SQLITE_STATIC)
                    : sqlite3_bind_zeroblob(st, 4, 0);
    }
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc;
}

/* The packed events of session s as row session_id (codes: NULL, or one per event).
** Returns 0 or an RL_ERR_* code (the store is then failed). */
static int
write_events(rl_store_t *self, int64_t session_id, const rl_session_result_t *s,
    const double *codes, rl_error_t *err)
{
    int rc = insert_events(self, session_id, s->events, codes, s->n_events);

    if (rc == SQLITE_DONE) {
        return 0;
    }
    self->failed = true;
    if (rc == SQLITE_NOMEM) {
        return rl_error_set(err, RL_ERR_NOMEM, self->final_path, 0, 0, "out of memory");
    }
    if (rc == SQLITE_TOOBIG) {
        return rl_error_set(err, RL_ERR_INVALID, self->final_path, 0, 0,
            "session of subject %d: %zu events are more than one row can hold",
            s->subject_id, s->n_events);
    }
    return rl_store_db_error(self, err, "writing events");
}

/* Insert the RL_N_REGIONS activity indices of a session in one step. Returns SQLITE_DONE
** on success. Every parameter is rebound. */
static int
insert_activity(sqlite3_stmt *st, int64_t session_id, const double *activity)
{
    int j, rc = sqlite3_bind_int64(st, 1, session_id);

    for (j = 0; j < RL_N_REGIONS && rc == SQLITE_OK; j++) {
        rc = sqlite3_bind_double(st, j + 2, activity[j]);
    }
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
    }
    sqlite3_reset(st);
    return rc;
}

int
rl_store_write_session_rows(rl_store_t *self, const rl_session_result_t *s, const double *codes,
    int64_t *id, rl_error_t *err)
{
    const phase_label_t *label;
    int64_t session_id = self->next_session_id;
    rl_store_binder_t b;
    size_t i;
    int proc, rc, ret;

    if (self->failed) {
        return rl_error_set(err, RL_ERR_INVALID, self->final_path, 0, 0,
            "the store has already failed; abort it");
    }
    proc = (s->subject_id >= 0 && (size_t) s->subject_id < self->subject_cap)
        ? self->subject_procedure[s->subject_id] : -1;
    if (proc < 0) {
        self->failed = true;
        return rl_error_set(err, RL_ERR_INVALID, self->final_path, 0, 0,
            "session of subject %d: the subject was not written", s->subject_id);
    }
    if (s->phase < 0 || s->phase >= self->n_phases[proc]) {
        self->failed = true;
        return rl_error_set(err, RL_ERR_INVALID, self->final_path, 0, 0,
            "session of subject %d: phase %d does not exist", s->subject_id, s->phase);
    }
    if (s->end_reason < 0 || s->end_reason >= RL_END_COUNT) {
        self->failed = true;
        return rl_error_set(err, RL_ERR_INVALID, self->final_path, 0, 0,
            "session of subject %d: invalid end reason %d", s->subject_id, s->end_reason);
    }
    for (i = 0; i < s->n_events; i++) {
        if (s->events[i].kind < 0 || s->events[i].kind >= RL_EV_COUNT) {
            self->failed = true;
            return rl_error_set(err, RL_ERR_INVALID, self->final_path, 0, 0,
                "session of subject %d: event %zu has invalid kind %d", s->subject_id, i,
                (int) s->events[i].kind);
        }
    }
    for (i = 0; i < RL_N_REGIONS && codes == NULL; i++) {
        if (!isfinite(s->activity[i])) {
            self->failed = true;
            return rl_error_set(err, RL_ERR_INVALID, self->final_path, 0, 0,
                "session of subject %d, day %d: activity index of %s is not finite",
                s->subject_id, s->day, rl_region_name((int) i));
        }
    }
    label = &self->phases[proc][s->phase];

    rl_store_bind_begin(&b, self->ins_session);
    rl_store_bind_int(&b, session_id);
    rl_store_bind_int(&b, s->subject_id);
    rl_store_bind_int(&b, s->phase);
    rl_store_bind_text(&b, label->name);
    rl_store_bind_text(&b, label->kind);
    rl_store_bind_int(&b, s->session_in_phase);
    rl_store_bind_int(&b, s->day);
    rl_store_bind_int(&b, s->active);
    rl_store_bind_int(&b, s->inactive);
    rl_store_bind_int(&b, s->active_timeout);
    rl_store_bind_int(&b, s->reinforcers);
    rl_store_bind_double(&b, s->duration_min);
    rl_store_bind_text(&b, rl_end_reason_name(s->end_reason));
    rl_store_bind_int(&b, s->criterion_met ? 1 : 0);
    if (s->breakpoint >= 0) {
        rl_store_bind_int(&b, s->breakpoint);
    } else {
        rl_store_bind_null(&b);
    }
    rl_store_bind_double(&b, s->drug_mg_per_kg);
    rl_store_bind_int(&b, (int64_t) s->n_events);
    /* the model's readouts: NULL for imported sessions (a lab file has no DA) and where
    ** not observed (NaN binds as NULL) */
    rl_store_bind_double(&b, codes == NULL ? s->brain.da_pre_nM : NAN);
    rl_store_bind_double(&b, codes == NULL ? s->brain.da_mean_nM : NAN);
    rl_store_bind_double(&b, codes == NULL ? s->brain.da_peak_nM : NAN);
    rl_store_bind_double(&b, codes == NULL ? s->brain.cocaine_mean_uM : NAN);
    rl_store_bind_double(&b, codes == NULL ? s->brain.cocaine_peak_uM : NAN);
    if (rl_store_bind_step(&b) != SQLITE_DONE) {
        return rl_store_db_error(self, err, "writing a session");
    }
    if (codes == NULL
        && (rc = insert_activity(self->ins_activity, session_id, s->activity)) != SQLITE_DONE) {
        return rl_store_db_error(self, err, "writing activity indices");
    }

    if ((ret = write_events(self, session_id, s, codes, err)) != 0) {
        return ret;
    }
    self->next_session_id++;
    *id = session_id;
    return 0;
}

int
rl_store_write_session(rl_store_t *self, const rl_session_result_t *s, rl_error_t *err)
{
    int64_t id;
    return rl_store_write_session_rows(self, s, NULL, &id, err);
}

/* ---- commit / abort ---- */

int
rl_store_commit(rl_store_t *self, rl_error_t *err)
{
    int ret = 0;

    if (self->failed) {
        ret = rl_error_set(err, RL_ERR_INVALID, self->final_path, 0, 0,
            "a write to the store failed; the run is not committed");
        goto fail;
    }
    if (self->append && (ret = rl_store_append_finish(self, err)) != 0) {
        goto fail;
    }
    if (sqlite3_exec(self->db,
            "UPDATE run SET status = 'complete' WHERE run_id = 1; COMMIT;", NULL, NULL, NULL)
        != SQLITE_OK) {
        ret = rl_store_db_error(self, err, "committing the run");
        goto fail;
    }
    sqlite3_finalize(self->ins_subject);
    sqlite3_finalize(self->ins_param_values);
    sqlite3_finalize(self->ins_session);
    sqlite3_finalize(self->ins_activity);
    sqlite3_finalize(self->ins_import_file);
    sqlite3_finalize(self->ins_import_session);
    sqlite3_finalize(self->ins_import_issue);
    self->ins_subject = self->ins_param_values = self->ins_session = self->ins_activity = NULL;
    self->ins_import_file = self->ins_import_session = self->ins_import_issue = NULL;
    sqlite3_finalize(self->ins_events);
    self->ins_events = NULL;
    if (sqlite3_close(self->db) != SQLITE_OK) {
        ret = rl_store_db_error(self, err, "closing the database");
        goto fail;
    }
    self->db = NULL;
    /* fsync (synchronous=OFF: SQLite never does), check the path again, rename, and sync
    ** the directory so the rename is durable (best effort: some file systems refuse it). */
    if ((ret = rl_outfile_commit(&self->out, err)) != 0) {
        goto fail;
    }
    rl_store_destroy(self, false);
    return 0;
fail:
    rl_store_destroy(self, true);
    return ret;
}

void
rl_store_abort(rl_store_t *self)
{
    if (self != NULL) {
        rl_store_destroy(self, true);
    }
}
