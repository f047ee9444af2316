/* test_event_view.c -- the packed events of schema 7 read back three ways.
**
** A database holds each session's events packed in session_events (src/store/event_pack.h)
** and presents them through the SQL view `events`. Checked here:
**  - edge_values: hand-made sessions (simulated and imported, with and without events)
**    whose times and codes are awkward doubles (zero, the smallest subnormal, the smallest
**    normal, 2^-32, 1/3, 1e300, DBL_MAX; codes also negative, NaN, +-Inf, a subnormal):
**    plain SQL over the view returns every value bit for bit (NaN as NULL, -0.0 as 0.0,
**    as the old REAL column did), every kind name and timeout flag, REAL/INTEGER/TEXT
**    types; the view filtered on one session gives that session only; the view equals the
**    CSV export field by field (the dataset reader refuses times beyond a year);
**  - run_matches_export: the view, the CSV export and the dataset reader
**    (rl_dataset_load_events) agree field by field on a simulated run of
**    tests/data/small.yaml (seed 5);
**  - older_schema_refused: a database whose user_version says 6 is refused by the export
**    and the dataset reader with a message naming both versions.
** Doubles from the CSV are parsed with strtod (correctly rounded; the export writes the
** shortest text that reads back to the same double) and compared with memcmp.
*/
#include "relapselab/dataset.h"
#include "relapselab/run.h"
#include "relapselab/store.h"
#include "relapselab/version.h"

#include <dirent.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "testlib.h"

static const double edge_times[] = {
    0.0, 4.9406564584124654e-324, 2.2250738585072014e-308, 1e-300, 1e-20,
    2.3283064365386963e-10 /* 2^-32 */, 0.001, 0.1, 1.0 / 3.0, 748.931790674151, 3600.0,
    31622400.0, 1e10, 1e300, DBL_MAX,
};
#define N_EDGE (sizeof edge_times / sizeof edge_times[0])

static double edge_codes[N_EDGE];

static void
fill_codes(void)
{
    static const double c[N_EDGE] = {
        33.0, -1.5, -0.0, 1e-310, -DBL_MAX, 0.1, -7.0, 12345.678, 4503599627370497.0,
        1e-5, -1e-300, 2.0, 255.0, 0.5, 65536.0,
    };
    memcpy(edge_codes, c, sizeof c);
    edge_codes[1] = NAN;          /* a synthetic event: no code */
    edge_codes[5] = INFINITY;
    edge_codes[6] = -INFINITY;
}

/* The double we expect back from SQL for x: SQLite's REAL columns never kept -0.0. */
static double
as_stored(double x)
{
    return x == 0.0 ? 0.0 : x;
}

static bool
same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

static void
remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[512];
    while (d != NULL && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
    }
    if (d != NULL) {
        closedir(d);
    }
    rmdir(dir);
}

/* ---- writing the hand-made database ---- */

static void
make_session(rl_session_result_t *s, int subject, int day, rl_event_t *ev, size_t n)
{
    size_t i;
    memset(s, 0, sizeof *s);
    s->subject_id = subject;
    s->day = day;
    s->session_in_phase = day;
    s->breakpoint = -1;
    s->brain.da_pre_nM = s->brain.da_mean_nM = s->brain.da_peak_nM = NAN;
    s->brain.cocaine_mean_uM = s->brain.cocaine_peak_uM = NAN;
    s->n_events = n;
    s->events = n > 0 ? ev : NULL;
    for (i = 0; i < n; i++) {
        ev[i].t_s = edge_times[i];
        ev[i].kind = (int32_t) ((i * 7 + (size_t) subject) % RL_EV_COUNT);
        ev[i].in_timeout = (int32_t) (i % 3 == 1);
    }
}

static bool
write_edge_db(const char *path, const rl_protocol_t *p)
{
    rl_event_t ev_sim[N_EDGE], ev_imp[N_EDGE];
    rl_session_result_t s;
    rl_subject_record_t subj;
    rl_import_file_record_t file = {"lab.txt", "imported", 2, 2, NULL, NULL};
    rl_import_session_record_t src;
    rl_run_info_t info;
    rl_store_t *st = NULL;
    rl_error_t err;
    int64_t file_id = 0, sid = 0;
    int ok = 1, i;

    memset(&info, 0, sizeof info);
    info.seed = 1;
    info.generator = "test";
    info.version = RL_VERSION;
    info.command = "test_event_view";
    if (rl_store_open(path, p, &info, &st, &err) != 0) {
        fprintf(stderr, "open: %s\n", err.msg);
        return false;
    }
    for (i = 0; i < 2 && ok; i++) {
        memset(&subj, 0, sizeof subj);
        subj.subject_id = i;
        subj.index_in_group = i;
        ok = rl_store_write_subject(st, &subj, &err) == 0;
    }
    /* subject 0: simulated, with events, then without */
    make_session(&s, 0, 0, ev_sim, N_EDGE);
    ok = ok && rl_store_write_session(st, &s, &err) == 0;
    make_session(&s, 0, 1, ev_sim, 0);
    ok = ok && rl_store_write_session(st, &s, &err) == 0;
    /* subject 1: imported, with codes, then without events */
    ok = ok && rl_store_write_import_file(st, &file, &file_id, &err) == 0;
    memset(&src, 0, sizeof src);
    src.file_id = file_id;
    src.codes = edge_codes;
    make_session(&s, 1, 0, ev_imp, N_EDGE);
    ok = ok && rl_store_write_imported_session(st, &s, &src, &sid, &err) == 0;
    src.codes = NULL;
    make_session(&s, 1, 1, ev_imp, 0);
    ok = ok && rl_store_write_imported_session(st, &s, &src, &sid, &err) == 0;
    if (!ok) {
        fprintf(stderr, "write: %s\n", err.msg);
        rl_store_abort(st);
        return false;
    }
    if (rl_store_commit(st, &err) != 0) {
        fprintf(stderr, "commit: %s\n", err.msg);
        return false;
    }
    return true;
}

/* ---- the three-way comparison ---- */

/* Next field of a CSV line (no quoting in these files: checked by the caller's values). */
static char *
next_field(char **p)
{
    char *s = *p, *c = strchr(s, ',');
    if (c != NULL) {
        *c = '\0';
        *p = c + 1;
    } else {
        s[strcspn(s, "\n")] = '\0';
        *p = s + strlen(s);
    }
    return s;
}

/* Compare the view (joined with sessions) with events.csv of dir and, if with_reader, with
** the dataset reader's events of db (which refuses times beyond RL_DS_MAX_SESSION_S).
** Returns the number of rows compared (-1 if a source fails). */
static long
compare_three(const char *db_path, const char *dir, bool with_reader)
{
    static const char sql[] =
        "SELECT e.session_id, s.subject_id, s.phase_name, e.seq, e.t_s, e.kind,"
        " e.in_timeout, e.code, typeof(e.t_s), typeof(e.in_timeout), typeof(e.kind)"
        " FROM events e JOIN sessions s USING (session_id) ORDER BY e.session_id, e.seq";
    char path[512], line[1024];
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    rl_dataset_t *ds = NULL;
    rl_error_t err;
    FILE *f;
    long rows = 0;
    size_t si = 0, ei = 0;

    snprintf(path, sizeof path, "%s/events.csv", dir);
    f = fopen(path, "r");
    CHECK(f != NULL);
    CHECK(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
    CHECK(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK);
    if (with_reader) {
        CHECK(rl_dataset_read(db_path, &ds, &err) == 0
            && rl_dataset_load_events(ds, -1, &err) == 0);
    }
    if (f == NULL || st == NULL || (with_reader && ds == NULL)
        || fgets(line, sizeof line, f) == NULL) {
        rows = -1;
        goto out;
    }
    CHECK(strcmp(line, "session_id,subject_id,phase_name,seq,t_s,kind,in_timeout,code\n") == 0);
    while (sqlite3_step(st) == SQLITE_ROW) {
        char *p = line, *code;
        double t = sqlite3_column_double(st, 4);
        const rl_ds_event_t *de;
        if (fgets(line, sizeof line, f) == NULL) {
            CHECK(!"events.csv has fewer rows than the view");
            break;
        }
        CHECK(strtoll(next_field(&p), NULL, 10) == sqlite3_column_int64(st, 0));
        CHECK(strtoll(next_field(&p), NULL, 10) == sqlite3_column_int64(st, 1));
        CHECK(strcmp(next_field(&p), (const char *) sqlite3_column_text(st, 2)) == 0);
        CHECK(strtoll(next_field(&p), NULL, 10) == sqlite3_column_int64(st, 3));
        CHECK(same_bits(strtod(next_field(&p), NULL), t));
        CHECK(strcmp(next_field(&p), (const char *) sqlite3_column_text(st, 5)) == 0);
        CHECK(strtoll(next_field(&p), NULL, 10) == sqlite3_column_int64(st, 6));
        code = next_field(&p);
        CHECK((code[0] == '\0') == (sqlite3_column_type(st, 7) == SQLITE_NULL));
        if (code[0] != '\0') {
            CHECK(same_bits(strtod(code, NULL), sqlite3_column_double(st, 7)));
        }
        CHECK(strcmp((const char *) sqlite3_column_text(st, 8), "real") == 0);
        CHECK(strcmp((const char *) sqlite3_column_text(st, 9), "integer") == 0);
        CHECK(strcmp((const char *) sqlite3_column_text(st, 10), "text") == 0);
        /* the dataset reader: sessions in (subject, day) order = session_id order here */
        while (ds != NULL && si < ds->n_sessions
            && ds->sessions[si].session_id != sqlite3_column_int64(st, 0)) {
            si++;
            ei = 0;
        }
        CHECK(ds == NULL || (si < ds->n_sessions && ei < ds->sessions[si].n_loaded_events));
        if (ds != NULL && si < ds->n_sessions && ei < ds->sessions[si].n_loaded_events) {
            de = &ds->sessions[si].events[ei++];
            CHECK(same_bits(as_stored(de->t_s), t));
            CHECK(strcmp(rl_event_kind_name(de->kind),
                      (const char *) sqlite3_column_text(st, 5)) == 0);
            CHECK(de->in_timeout == sqlite3_column_int(st, 6));
            CHECK(sqlite3_column_type(st, 7) == SQLITE_NULL
                    ? isnan(de->code)
                    : same_bits(as_stored(de->code), sqlite3_column_double(st, 7)));
        }
        rows++;
    }
    CHECK(fgets(line, sizeof line, f) == NULL); /* no more rows in the CSV */
out:
    if (f != NULL) {
        fclose(f);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    rl_dataset_free(ds);
    return rows;
}

static long
query_long(const char *db_path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    long v = -1;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
        && sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW) {
        v = (long) sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

/* ---- cases ---- */

static void
edge_values(void)
{
    char dir[64], db_path[128], csv[128];
    rl_protocol_t *p = calloc(1, sizeof *p);
    rl_error_t err;
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    size_t i = 0;
    int n_null = 0;

    fill_codes();
    CHECK(p != NULL && rl_protocol_load_file(p, "tests/data/small.yaml", &err) == 0);
    if (p == NULL || !rl_test_tmpdir(dir, sizeof dir, "event_view")) {
        free(p);
        return;
    }
    snprintf(db_path, sizeof db_path, "%s/e.db", dir);
    snprintf(csv, sizeof csv, "%s/csv", dir);
    CHECK(write_edge_db(db_path, p));
    /* the simulated session through plain SQL, bit for bit */
    CHECK(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
    CHECK(sqlite3_prepare_v2(db, "SELECT seq, t_s, kind, in_timeout, code FROM events"
              " WHERE session_id = 1 ORDER BY seq", -1, &st, NULL) == SQLITE_OK);
    while (st != NULL && sqlite3_step(st) == SQLITE_ROW && i < N_EDGE) {
        CHECK(sqlite3_column_int64(st, 0) == (int64_t) i);
        CHECK(same_bits(sqlite3_column_double(st, 1), edge_times[i]));
        CHECK(strcmp((const char *) sqlite3_column_text(st, 2),
                  rl_event_kind_name((int) ((i * 7) % RL_EV_COUNT))) == 0);
        CHECK(sqlite3_column_int(st, 3) == (i % 3 == 1));
        CHECK(sqlite3_column_type(st, 4) == SQLITE_NULL);
        i++;
    }
    CHECK(i == N_EDGE);
    sqlite3_finalize(st);
    /* the imported session: codes too */
    i = 0;
    CHECK(sqlite3_prepare_v2(db, "SELECT t_s, code FROM events WHERE session_id = 3"
              " ORDER BY seq", -1, &st, NULL) == SQLITE_OK);
    while (st != NULL && sqlite3_step(st) == SQLITE_ROW && i < N_EDGE) {
        CHECK(same_bits(sqlite3_column_double(st, 0), edge_times[i]));
        if (isnan(edge_codes[i])) {
            CHECK(sqlite3_column_type(st, 1) == SQLITE_NULL);
            n_null++;
        } else {
            CHECK(sqlite3_column_type(st, 1) == SQLITE_FLOAT);
            CHECK(same_bits(sqlite3_column_double(st, 1), as_stored(edge_codes[i])));
        }
        i++;
    }
    CHECK(i == N_EDGE && n_null == 1);
    sqlite3_finalize(st);
    sqlite3_close(db);
    CHECK(query_long(db_path, "SELECT count(*) FROM events") == 2 * (long) N_EDGE);
    CHECK(query_long(db_path, "SELECT count(*) FROM events WHERE session_id IN (2, 4)") == 0);
    CHECK(query_long(db_path, "SELECT count(*) FROM session_events WHERE session_id = 4"
              " AND codes IS NOT NULL AND length(kinds) = 0") == 1); /* still marked imported */
    CHECK(query_long(db_path, "SELECT count(*) FROM event_kinds") == RL_EV_COUNT);
    /* export and dataset reader agree with the view */
    CHECK(rl_store_export_csv(db_path, csv, NULL, &err) == 0);
    CHECK(compare_three(db_path, csv, false) == 2 * (long) N_EDGE);
    remove_tree(csv);
    unlink(db_path);
    CHECK(rl_test_tmpdir_done(dir));
    rl_protocol_free(p);
    free(p);
}

/* A run of tests/data/small.yaml into dir/r.db; false if it fails. */
static bool
small_run(const char *db_path, rl_protocol_t *p)
{
    rl_run_options_t opt;
    rl_error_t err;
    memset(&opt, 0, sizeof opt);
    opt.seed = 5;
    opt.threads = 1;
    opt.command = "test_event_view";
    if (rl_protocol_load_file(p, "tests/data/small.yaml", &err) != 0
        || rl_run_to_store(p, db_path, &opt, NULL, &err) != 0) {
        fprintf(stderr, "small run: %s\n", err.msg);
        return false;
    }
    return true;
}

static void
run_matches_export(void)
{
    char dir[64], db_path[128], csv[128];
    rl_protocol_t *p = calloc(1, sizeof *p);
    rl_error_t err;
    long n;

    if (p == NULL || !rl_test_tmpdir(dir, sizeof dir, "event_view")) {
        free(p);
        CHECK(!"setup");
        return;
    }
    snprintf(db_path, sizeof db_path, "%s/r.db", dir);
    snprintf(csv, sizeof csv, "%s/csv", dir);
    CHECK(small_run(db_path, p));
    CHECK(rl_store_export_csv(db_path, csv, NULL, &err) == 0);
    n = compare_three(db_path, csv, true);
    CHECK(n > 1000); /* small.yaml, seed 5: 3753 events (a real run, not a trivial one) */
    CHECK(n == query_long(db_path, "SELECT sum(n_events) FROM sessions"));
    remove_tree(csv);
    unlink(db_path);
    CHECK(rl_test_tmpdir_done(dir));
    rl_protocol_free(p);
    free(p);
}

static void
older_schema_refused(void)
{
    char dir[64], db_path[128], csv[128], want[128];
    rl_protocol_t *p = calloc(1, sizeof *p);
    rl_dataset_t *ds = NULL;
    rl_error_t err;
    sqlite3 *db = NULL;

    if (p == NULL || !rl_test_tmpdir(dir, sizeof dir, "event_view")) {
        free(p);
        CHECK(!"setup");
        return;
    }
    snprintf(db_path, sizeof db_path, "%s/old.db", dir);
    snprintf(csv, sizeof csv, "%s/csv", dir);
    CHECK(small_run(db_path, p));
    CHECK(sqlite3_open(db_path, &db) == SQLITE_OK
        && sqlite3_exec(db, "PRAGMA user_version = 7", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    snprintf(want, sizeof want, "schema version 7; this relapselab reads version %d",
        RL_STORE_SCHEMA_VERSION);
    CHECK(RL_STORE_SCHEMA_VERSION == 8);
    CHECK(rl_store_export_csv(db_path, csv, NULL, &err) != 0 && strstr(err.msg, want) != NULL);
    CHECK(access(csv, F_OK) != 0); /* nothing written */
    CHECK(rl_dataset_read(db_path, &ds, &err) != 0 && strstr(err.msg, want) != NULL);
    rl_dataset_free(ds);
    remove_tree(csv);
    unlink(db_path);
    CHECK(rl_test_tmpdir_done(dir));
    rl_protocol_free(p);
    free(p);
}

static const rl_test_case_t CASES[] = {
    {"edge_values", edge_values, 0},
    {"run_matches_export", run_matches_export, 0},
    {"older_schema_refused", older_schema_refused, 0},
};
RL_TEST_MAIN(CASES)
