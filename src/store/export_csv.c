/* export_csv.c -- tidy CSV tables from a complete relapselab database.
**
** Design. Each CSV file is the result of one SELECT over the database (opened read-only),
** written by one generic writer: a header row of column names, then one line per row.
** Quoting follows RFC 4180 (a field containing a comma, double quote, CR or LF is enclosed
** in double quotes, and inner double quotes are doubled); lines end with LF. NULL is an
** empty field. Integers are printed exactly; REALs in the shortest of %.15g/%.16g/%.17g
** that reads back to the same double, with '.' as decimal point (the library never calls
** setlocale, so the C locale applies). Every file is written to "<name>.tmp" and renamed
** onto "<name>" once complete, so a reader never sees a half-written table.
**
** Only complete runs are exported (run.status = 'complete'); the file names and columns
** are listed in docs/SCHEMA.md. Only databases of schema RL_STORE_SCHEMA_VERSION (store.h,
** the version the writer writes) are read. The protocol YAML goes verbatim to protocol.yaml
** rather than into a multi-line field of runs.csv.
*/
#include "relapselab/store.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <sqlite3.h>

#include "csv_write.h"
#include "db_check.h"
#include "core/alloc.h"

typedef struct csv_table {
    const char *file;
    const char *sql;
} csv_table_t;

static const csv_table_t tables[] = {
    {"runs.csv",
        "SELECT run_id, schema_version, relapselab_version, source, seed, seed_int, generator,"
        " rng_scheme, command, protocol_path, study, intersession_h, status FROM run"
        " ORDER BY run_id"},
    {"reinforcers.csv",
        "SELECT reinforcer_id, name, kind, drug, dose_mg_per_kg, infusion_s, volume_ul,"
        " pellet_mg, palatability FROM reinforcers ORDER BY reinforcer_id"},
    {"procedures.csv",
        "SELECT procedure_id, name, n_phases FROM procedures ORDER BY procedure_id"},
    {"phases.csv",
        "SELECT p.procedure_id, r.name AS procedure, p.phase_index, p.name AS phase_name,"
        " p.kind AS phase_kind,"
        " p.schedule_type, p.ratio, p.pr_series, p.pr_from_formula, p.session_min,"
        " p.timeout_s, p.cue_s, p.deliver_reinforcer, p.deliver_cue, p.max_reinforcers,"
        " p.no_reinforcer_stop_min, p.sessions, p.until_criterion, p.max_sessions,"
        " p.criterion_type, p.criterion_consecutive, p.criterion_min_reinforcers,"
        " p.criterion_min_active_fraction, p.criterion_max_deviation,"
        " p.criterion_max_fraction_of_reference, p.criterion_reference_phase,"
        " p.abstinence_days, p.treatments, p.stress, p.noncontingent_cues, p.pairing"
        " FROM phases p JOIN procedures r USING (procedure_id)"
        " ORDER BY p.procedure_id, p.phase_index"},
    {"groups.csv",
        "SELECT group_id, name AS group_name, line, genotype, sex, n, reinforcer_id,"
        " reinforcer, procedure_id, procedure, background FROM groups ORDER BY group_id"},
    {"subjects.csv",
        "SELECT s.subject_id, s.group_id, g.name AS group_name, g.line, g.genotype, g.sex,"
        " g.reinforcer, g.procedure, s.index_in_group, s.name AS subject_name"
        " FROM subjects s JOIN groups g USING (group_id) ORDER BY s.subject_id"},
    {"subject_params.csv",
        "SELECT p.subject_id, g.name AS group_name, g.genotype, p.name AS param, p.value"
        " FROM subject_params p JOIN subjects s USING (subject_id)"
        " JOIN groups g USING (group_id) ORDER BY p.subject_id, p.name"},
    {"sessions.csv", "SELECT * FROM sessions_tidy ORDER BY session_id"},
    {"activity.csv",
        "SELECT a.session_id, s.subject_id, g.name AS group_name, g.genotype, s.phase_name,"
        " a.region, a.value FROM activity a JOIN sessions s USING (session_id)"
        " JOIN subjects sub ON sub.subject_id = s.subject_id"
        " JOIN groups g ON g.group_id = sub.group_id ORDER BY a.session_id, a.region"},
    {"events.csv",
        "SELECT e.session_id, s.subject_id, s.phase_name, e.seq, e.t_s, e.kind,"
        " e.in_timeout, e.code FROM events e JOIN sessions s USING (session_id)"
        " ORDER BY e.session_id, e.seq"},
    {"import_files.csv",
        "SELECT file_id, path, status, sessions_found, sessions_imported, message"
        " FROM import_files ORDER BY file_id"},
    {"import_sessions.csv",
        "SELECT i.session_id, s.subject_id, i.file_id, f.path, i.line, i.subject,"
        " i.experiment, i.group_label, i.box, i.program, i.profile, i.start_time,"
        " i.end_time FROM import_sessions i JOIN sessions s USING (session_id)"
        " JOIN import_files f USING (file_id) ORDER BY i.session_id"},
    {"import_issues.csv",
        "SELECT i.issue_id, i.file_id, f.path, i.session_id, i.line, i.severity, i.message"
        " FROM import_issues i LEFT JOIN import_files f USING (file_id) ORDER BY i.issue_id"},
};

static int
db_error(sqlite3 *db, const char *db_path, rl_error_t *err, const char *what)
{
    return rl_error_set(err, RL_ERR_DB, db_path, 0, 0, "%s: %s", what, sqlite3_errmsg(db));
}

/* Run sql and write its result as dir/file (via dir/file.tmp). */
static int
write_table(sqlite3 *db, const char *db_path, const char *dir, const char *file,
    const char *sql, rl_error_t *err)
{
    sqlite3_stmt *st = NULL;
    FILE *f = NULL;
    char *path = NULL, *tmp = NULL;
    size_t n = strlen(dir) + strlen(file) + 8;
    int i, ncol, rc, ret = 0;

    path = rl_malloc(n);
    tmp = rl_malloc(n);
    if (path == NULL || tmp == NULL) {
        ret = rl_error_set(err, RL_ERR_NOMEM, dir, 0, 0, "out of memory");
        goto out;
    }
    snprintf(path, n, "%s/%s", dir, file);
    snprintf(tmp, n, "%s/%s.tmp", dir, file);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        ret = db_error(db, db_path, err, file);
        goto out;
    }
    if ((f = fopen(tmp, "w")) == NULL) {
        ret = rl_error_set(err, RL_ERR_IO, tmp, 0, 0, "cannot create: %s", strerror(errno));
        goto out;
    }
    ncol = sqlite3_column_count(st);
    for (i = 0; i < ncol; i++) {
        if (i > 0) {
            fputc(',', f);
        }
        rl_csv_put_text(f, sqlite3_column_name(st, i));
    }
    fputc('\n', f);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (i = 0; i < ncol; i++) {
            if (i > 0) {
                fputc(',', f);
            }
            switch (sqlite3_column_type(st, i)) {
            case SQLITE_INTEGER:
                fprintf(f, "%" PRId64, (int64_t) sqlite3_column_int64(st, i));
                break;
            case SQLITE_FLOAT:
                rl_csv_put_double(f, sqlite3_column_double(st, i));
                break;
            case SQLITE_NULL:
                break;
            default: /* TEXT (BLOBs are not stored) */
                rl_csv_put_text(f, (const char *) sqlite3_column_text(st, i));
                break;
            }
        }
        fputc('\n', f);
    }
    if (rc != SQLITE_DONE) {
        ret = db_error(db, db_path, err, file);
        goto out;
    }
    if (ferror(f)) {
        ret = rl_error_set(err, RL_ERR_IO, tmp, 0, 0, "write failed");
        goto out;
    }
    rc = fclose(f);
    f = NULL;
    if (rc != 0) {
        ret = rl_error_set(err, RL_ERR_IO, tmp, 0, 0, "write failed: %s", strerror(errno));
        goto out;
    }
    if (rename(tmp, path) != 0) {
        ret = rl_error_set(err, RL_ERR_IO, path, 0, 0, "cannot rename %s: %s", tmp,
            strerror(errno));
        goto out;
    }
out:
    if (f != NULL) {
        fclose(f);
    }
    if (ret != 0 && tmp != NULL) {
        remove(tmp);
    }
    sqlite3_finalize(st);
    free(path);
    free(tmp);
    return ret;
}

/* dir/protocol.yaml from run.protocol_text (nothing if the run has no text). */
static int
write_protocol(sqlite3 *db, const char *db_path, const char *dir, rl_error_t *err)
{
    sqlite3_stmt *st = NULL;
    FILE *f = NULL;
    char *path = NULL, *tmp = NULL;
    size_t n = strlen(dir) + 32;
    const void *text;
    int len, ret = 0;

    if (sqlite3_prepare_v2(db, "SELECT protocol_text FROM run WHERE run_id = 1", -1, &st,
            NULL) != SQLITE_OK) {
        ret = db_error(db, db_path, err, "reading the protocol");
        goto out;
    }
    if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_type(st, 0) == SQLITE_NULL) {
        goto out;
    }
    text = sqlite3_column_blob(st, 0);
    len = sqlite3_column_bytes(st, 0);
    path = rl_malloc(n);
    tmp = rl_malloc(n);
    if (path == NULL || tmp == NULL) {
        ret = rl_error_set(err, RL_ERR_NOMEM, dir, 0, 0, "out of memory");
        goto out;
    }
    snprintf(path, n, "%s/protocol.yaml", dir);
    snprintf(tmp, n, "%s/protocol.yaml.tmp", dir);
    if ((f = fopen(tmp, "w")) == NULL) {
        ret = rl_error_set(err, RL_ERR_IO, tmp, 0, 0, "cannot create: %s", strerror(errno));
        goto out;
    }
    if ((len > 0 && fwrite(text, 1, (size_t) len, f) != (size_t) len) || fclose(f) != 0) {
        f = NULL;
        ret = rl_error_set(err, RL_ERR_IO, tmp, 0, 0, "write failed: %s", strerror(errno));
        goto out;
    }
    f = NULL;
    if (rename(tmp, path) != 0) {
        ret = rl_error_set(err, RL_ERR_IO, path, 0, 0, "cannot rename %s: %s", tmp,
            strerror(errno));
    }
out:
    if (f != NULL) {
        fclose(f);
    }
    if (ret != 0 && tmp != NULL) {
        remove(tmp);
    }
    sqlite3_finalize(st);
    free(path);
    free(tmp);
    return ret;
}

int
rl_store_export_csv(const char *db_path, const char *dir, rl_error_t *err)
{
    sqlite3 *db = NULL;
    size_t i;
    int ret = 0;

    if ((ret = rl_db_open_checked(db_path, &db, err)) != 0
        || (ret = rl_csv_make_dir(dir, err)) != 0) {
        goto out;
    }
    /* One read transaction, so all tables come from the same snapshot. */
    if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
        ret = db_error(db, db_path, err, "starting a read transaction");
        goto out;
    }
    for (i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        if ((ret = write_table(db, db_path, dir, tables[i].file, tables[i].sql, err)) != 0) {
            goto out;
        }
    }
    ret = write_protocol(db, db_path, dir, err);
out:
    sqlite3_close(db);
    return ret;
}
