/* export_csv.c -- tidy CSV tables from a complete relapselab database.
**
** Design. Each CSV file is the result of one SELECT over the database (opened read-only),
** written by one generic writer: a header row of column names, then one line per row.
** Quoting follows RFC 4180 (a field containing a comma, double quote, CR or LF is enclosed
** in double quotes, and inner double quotes are doubled); lines end with LF. NULL is an
** empty field. Integers are printed exactly; REALs in the shortest of %.15g/%.16g/%.17g
** that reads back to the same double, with '.' as decimal point (the library never calls
** setlocale, so the C locale applies); a text cell that a spreadsheet would take for a
** formula gets a leading apostrophe (csv_write.h). Every file is written to a temporary
** file and all are renamed onto their names only when every table is complete (out_dir.h),
** so a reader never sees a half-written table and a failed export leaves nothing behind.
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
#include "out_dir.h"
#include "db_check.h"
#include "export_events.h"
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
        " pellet_mg, palatability, solution, concentration_pct, satiety_per_delivery"
        " FROM reinforcers ORDER BY reinforcer_id"},
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
        " p.abstinence_days, p.treatments, p.stress, p.noncontingent_cues, p.pairing,"
        " p.dose_mg_per_kg, p.intersession_h"
        " FROM phases p JOIN procedures r USING (procedure_id)"
        " ORDER BY p.procedure_id, p.phase_index"},
    {"groups.csv",
        "SELECT group_id, name AS group_name, line, genotype, sex, n, reinforcer_id,"
        " reinforcer, procedure_id, procedure, background FROM groups ORDER BY group_id"},
    {"subjects.csv",
        "SELECT s.subject_id, s.group_id, g.name AS group_name, g.line,"
        " coalesce(s.genotype, g.genotype) AS genotype, coalesce(s.sex, g.sex) AS sex,"
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
    /* the events view's rows, unpacked in C (export_events.h): the same text, faster */
    {"events.csv", NULL},
    {"import_files.csv",
        "SELECT file_id, path, status, sessions_found, sessions_imported, message, sha256"
        " FROM import_files ORDER BY file_id"},
    {"import_sessions.csv",
        "SELECT i.session_id, s.subject_id, i.file_id, f.path, i.line, i.last_line, i.subject,"
        " i.experiment, i.group_label, i.box, i.program, i.profile, i.start_time,"
        " i.end_time, i.counts_mismatch FROM import_sessions i JOIN sessions s"
        " USING (session_id)"
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

/* The rows of st as CSV to f (header line first). SQLITE_DONE, or the failing step's code. */
static int
put_rows(sqlite3_stmt *st, FILE *f)
{
    int i, ncol = sqlite3_column_count(st), rc;
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
    return rc;
}

/* Run sql and write its result as file of the output folder. */
static int
write_table(sqlite3 *db, const char *db_path, rl_out_dir_t *od, const char *file,
    const char *sql, rl_error_t *err)
{
    sqlite3_stmt *st = NULL;
    FILE *f = NULL;
    size_t k;
    int ret;

    if (sql == NULL) { /* events.csv */
        if ((ret = rl_out_dir_create(od, file, &f, &k, err)) == 0) {
            int rc = rl_export_events_csv(db, f);
            ret = rc == SQLITE_DONE ? 0
                : rc == SQLITE_NOMEM ? rl_error_set(err, RL_ERR_NOMEM, db_path, 0, 0,
                      "out of memory")
                : rc == SQLITE_CORRUPT ? rl_error_set(err, RL_ERR_INVALID, db_path, 0, 0,
                      "%s: the packed events are damaged (lengths or kind ids)", file)
                : db_error(db, db_path, err, file);
        }
        if (ret == 0) {
            ret = rl_out_dir_close(od, k, f, err);
        }
    } else if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        ret = db_error(db, db_path, err, file);
    } else if ((ret = rl_out_dir_create(od, file, &f, &k, err)) == 0) {
        ret = put_rows(st, f) != SQLITE_DONE ? db_error(db, db_path, err, file) : 0;
        if (ret == 0) { /* on failure rl_out_dir_abort closes f */
            ret = rl_out_dir_close(od, k, f, err);
        }
    }
    sqlite3_finalize(st);
    return ret;
}

/* protocol.yaml from run.protocol_text (nothing if the run has no text). */
static int
write_protocol(sqlite3 *db, const char *db_path, rl_out_dir_t *od, rl_error_t *err)
{
    sqlite3_stmt *st = NULL;
    FILE *f = NULL;
    const void *text;
    size_t k;
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
    if ((ret = rl_out_dir_create(od, "protocol.yaml", &f, &k, err)) != 0) {
        goto out;
    }
    if (len > 0) {
        fwrite(text, 1, (size_t) len, f);
    }
    ret = rl_out_dir_close(od, k, f, err);
out:
    sqlite3_finalize(st);
    return ret;
}

int
rl_store_export_csv(const char *db_path, const char *dir, const rl_temp_watch_t *watch,
    rl_error_t *err)
{
    sqlite3 *db = NULL;
    rl_out_dir_t od;
    size_t i;
    int ret = 0;

    memset(&od, 0, sizeof od);
    if ((ret = rl_db_open_checked(db_path, &db, err)) != 0
        || (ret = rl_out_dir_open(&od, dir, watch, err)) != 0) {
        goto out;
    }
    od.input = db_path;
    /* One read transaction, so all tables come from the same snapshot. */
    if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
        ret = db_error(db, db_path, err, "starting a read transaction");
        goto out;
    }
    for (i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        if ((ret = write_table(db, db_path, &od, tables[i].file, tables[i].sql, err)) != 0) {
            goto out;
        }
    }
    ret = write_protocol(db, db_path, &od, err);
out:
    sqlite3_close(db);
    if (ret != 0) {
        rl_out_dir_abort(&od);
        return ret;
    }
    return rl_out_dir_commit(&od, err);
}
