/* test_store.c -- the SQLite store and CSV export.
**
** A small synthetic run (hand-built protocol: one reinforcer, one procedure of two phases,
** two groups of two mice) is written, read back with the SQLite API and compared with what
** was written. Also: byte-identical output for identical calls, atomicity (abort and failed
** writes leave no temporary file and leave an old database untouched), errors for a
** missing directory, a non-finite activity index, and the CSV export (row counts, RFC 4180
** quoting, refusal of an incomplete run). Every session carries RL_N_REGIONS activity
** indices, stored as one row per region in the activity table and in activity.csv, and
** five DA and cocaine readouts (columns of sessions; NaN is NULL). All files live in a
** mkdtemp() directory that is removed at the end.
*/
#include "relapselab/genotype.h"
#include "relapselab/store.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store/csv_write.h"
#include "testlib.h"

#define N_GROUPS 2
#define N_PER_GROUP 2
#define N_SUBJECTS (N_GROUPS * N_PER_GROUP)
#define SESSIONS_PER_SUBJECT 3
/* Events per session by day: 5, 35 and 75 (sessions of several sizes; the store packs
** each session's events into one row, event_pack.h). */
#define MAX_EVENTS 75
#define EVENTS_ON_DAY(d) ((d) == 0 ? 5 : (d) == 1 ? 35 : 75)
#define EVENTS_PER_SUBJECT (5 + 35 + 75)

static char tmpdir[64];

static const char yaml_text[] = "study: test\n# a \"quoted\", commented line\n";

/* A plain protocol: reinforcer "cocaine", procedure "coc" with an FR1 acquisition phase
** and a PR phase, groups "WT, \"ctrl\"" (a name that needs CSV quoting) and "KO". */
static void
make_protocol(rl_protocol_t *p)
{
    static const int series[] = {1, 2, 4, 6, 9};
    rl_phase_t *ph;
    int i;

    memset(p, 0, sizeof *p);
    snprintf(p->study, sizeof p->study, "store test");
    snprintf(p->path, sizeof p->path, "tests/unit/none.yaml");
    p->source_text = (char *) yaml_text;
    p->source_len = strlen(yaml_text);
    p->intersession_h = 24;

    p->n_reinforcers = 1;
    snprintf(p->reinforcers[0].name, RL_NAME_MAX, "cocaine");
    p->reinforcers[0].kind = RL_REINFORCER_DRUG;
    snprintf(p->reinforcers[0].drug, RL_NAME_MAX, "cocaine");
    p->reinforcers[0].dose_mg_per_kg = 1.0;
    p->reinforcers[0].infusion_s = 2.0;
    p->reinforcers[0].volume_ul = 23.5;

    p->n_procedures = 1;
    snprintf(p->procedures[0].name, RL_NAME_MAX, "coc");
    p->procedures[0].n_phases = 2;
    ph = &p->procedures[0].phases[0];
    snprintf(ph->name, RL_NAME_MAX, "acquisition");
    ph->kind = RL_PHASE_ACQUISITION;
    ph->schedule.type = RL_SCHEDULE_FR;
    ph->schedule.ratio = 1;
    ph->session_min = 120;
    ph->timeout_s = 15;
    ph->cue_s = 4;
    ph->deliver_reinforcer = true;
    ph->deliver_cue = true;
    ph->sessions = 2;
    ph->criterion.type = RL_CRITERION_ACQUISITION;
    ph->criterion.consecutive = 3;
    ph->criterion.min_reinforcers = 5;
    ph->criterion.min_active_fraction = 0.75;
    ph->criterion.max_deviation = 0.2;
    ph = &p->procedures[0].phases[1];
    snprintf(ph->name, RL_NAME_MAX, "pr");
    ph->kind = RL_PHASE_PROGRESSIVE_RATIO;
    ph->schedule.type = RL_SCHEDULE_PR;
    ph->schedule.pr_n = 5;
    for (i = 0; i < 5; i++) {
        ph->schedule.pr_series[i] = series[i];
    }
    ph->session_min = 120;
    ph->timeout_s = 15;
    ph->cue_s = 4;
    ph->deliver_reinforcer = true;
    ph->deliver_cue = true;
    ph->no_reinforcer_stop_min = 60;
    ph->sessions = 1;

    p->n_groups = N_GROUPS;
    for (i = 0; i < N_GROUPS; i++) {
        rl_group_t *g = &p->groups[i];
        snprintf(g->name, RL_NAME_MAX, "%s", i == 0 ? "WT, \"ctrl\"" : "KO");
        snprintf(g->line, RL_NAME_MAX, "Oprm1");
        snprintf(g->genotype, RL_NAME_MAX, "%s", i == 0 ? "WT" : "Oprm1-/-");
        g->genotype_id = rl_genotype_find(g->genotype);
        g->reinforcer = 0;
        g->procedure = 0;
        g->n = N_PER_GROUP;
        g->sex = i == 0 ? RL_SEX_MALE : RL_SEX_FEMALE;
    }
}

static rl_run_info_t
make_run(void)
{
    rl_run_info_t run;
    memset(&run, 0, sizeof run);
    run.seed = UINT64_MAX; /* does not fit in int64: seed_int must be NULL */
    run.generator = "mt19937";
    run.rng_scheme = 1;
    run.version = "0.1.0";
    run.command = "relapselab run examples/x.yaml";
    return run;
}

/* Activity index of region k in session (s, d): distinct per region, subject and day, and
** 0.1 makes it inexact in binary (round-trip check). */
#define ACTIVITY_OF(k, s, d) ((double) (k) + 0.1 + (double) (s) + 10.0 * (double) (d))

/* The DA and cocaine readouts of session d of subject s (values not exact in binary, for
** the round trip; cocaine not observed on day 0: NaN, stored as NULL). */
static rl_brain_readout_t
brain_of(int s, int d)
{
    rl_brain_readout_t b;
    b.da_pre_nM = 50.1 + s;
    b.da_mean_nM = 100.0 / 3.0 + d + 0.1 * s;
    b.da_peak_nM = 200.7 + d;
    b.cocaine_mean_uM = d == 0 ? NAN : 1.7 + 0.01 * s;
    b.cocaine_peak_uM = d == 0 ? NAN : 2.9 + d;
    return b;
}

/* Session d of subject s: phase 0 for d < 2, then phase 1 (PR, breakpoint 9). */
static void
make_session(rl_session_result_t *r, rl_event_t *ev, int s, int d)
{
    int k;

    memset(r, 0, sizeof *r);
    r->subject_id = s;
    r->phase = d < 2 ? 0 : 1;
    r->session_in_phase = d < 2 ? d : 0;
    r->day = d;
    r->active = 10 + s + d;
    r->inactive = 2;
    r->active_timeout = 1;
    r->reinforcers = 5 + d;
    r->duration_min = 120.0;
    r->end_reason = d < 2 ? RL_END_TIME : RL_END_NO_REINFORCER;
    r->criterion_met = d == 1;
    r->breakpoint = d < 2 ? -1 : 9;
    r->drug_mg_per_kg = 0.1 * (double) r->reinforcers;
    r->brain = brain_of(s, d);
    for (k = 0; k < RL_N_REGIONS; k++) {
        r->activity[k] = ACTIVITY_OF(k, s, d);
    }
    for (k = 0; k < EVENTS_ON_DAY(d); k++) {
        ev[k].t_s = 0.1 + 1.5 * k + s; /* 0.1 is not exact in binary: round-trip check */
        ev[k].kind = k == 0 ? RL_EV_SESSION_START : k % 2 ? RL_EV_POKE_ACTIVE : RL_EV_CUE_ON;
        ev[k].in_timeout = k == 3;
    }
    r->n_events = (size_t) EVENTS_ON_DAY(d);
    r->events = ev;
}

/* Write the synthetic run to path; commit if commit, else leave the store open in *out. */
static int
write_run(const char *path, bool commit, rl_store_t **out, rl_error_t *err)
{
    rl_protocol_t *p = malloc(sizeof *p);
    rl_run_info_t run = make_run();
    rl_store_t *st = NULL;
    rl_named_value_t params[2] = {{"k_sens", 0.0}, {"alpha", 0.0}};
    rl_event_t ev[MAX_EVENTS];
    int s, d, ret;

    make_protocol(p);
    ret = rl_store_open(path, p, &run, &st, err);
    free(p); /* the protocol is only borrowed for the call */
    if (ret != 0) {
        return ret;
    }
    for (s = 0; s < N_SUBJECTS; s++) {
        rl_subject_record_t sub = {s, s / N_PER_GROUP, s % N_PER_GROUP, 2, params, NULL};
        params[0].value = 0.5 + s;
        params[1].value = 1.0 / 3.0;
        if ((ret = rl_store_write_subject(st, &sub, err)) != 0) {
            rl_store_abort(st);
            return ret;
        }
    }
    for (d = 0; d < SESSIONS_PER_SUBJECT; d++) {
        for (s = 0; s < N_SUBJECTS; s++) {
            rl_session_result_t r;
            make_session(&r, ev, s, d);
            if ((ret = rl_store_write_session(st, &r, err)) != 0) {
                rl_store_abort(st);
                return ret;
            }
        }
    }
    if (!commit) {
        *out = st;
        return 0;
    }
    return rl_store_commit(st, err);
}

static void
path_in(char *buf, size_t n, const char *name)
{
    snprintf(buf, n, "%s/%s", tmpdir, name);
}

static bool
exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

static long long
query_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    long long v = -999999;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW) {
        v = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return v;
}

static double
query_double(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    double v = -999999;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW) {
        v = sqlite3_column_double(st, 0);
    }
    sqlite3_finalize(st);
    return v;
}

/* The first column of the first row as text ("<null>" for NULL, "<error>" on failure). */
static void
query_text(sqlite3 *db, const char *sql, char *buf, size_t n)
{
    sqlite3_stmt *st = NULL;
    snprintf(buf, n, "<error>");
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        snprintf(buf, n, "%s", t != NULL ? (const char *) t : "<null>");
    }
    sqlite3_finalize(st);
}

/* The activity table: one row per session and region, with the regions' names and the
** values written. */
static void
test_activity_rows(sqlite3 *db)
{
    char sql[256], buf[256];
    int k;

    CHECK(query_int(db, "SELECT count(*) FROM activity")
        == (long long) N_SUBJECTS * SESSIONS_PER_SUBJECT * RL_N_REGIONS);
    CHECK(query_int(db, "SELECT count(DISTINCT session_id) FROM activity")
        == N_SUBJECTS * SESSIONS_PER_SUBJECT);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM (SELECT session_id FROM activity"
        " GROUP BY session_id HAVING count(*) != %d)", (int) RL_N_REGIONS);
    CHECK(query_int(db, sql) == 0);
    CHECK(query_int(db, "SELECT count(*) FROM activity a LEFT JOIN sessions s"
        " USING (session_id) WHERE s.session_id IS NULL") == 0);
    CHECK(query_int(db, "SELECT count(DISTINCT region) FROM activity") == RL_N_REGIONS);
    for (k = 0; k < RL_N_REGIONS; k++) {
        /* session 6 = day 1 of subject 1 */
        snprintf(sql, sizeof sql, "SELECT value FROM activity WHERE session_id = 6"
            " AND region = '%s'", rl_region_name(k));
        CHECK_CLOSE(query_double(db, sql), ACTIVITY_OF(k, 1, 1), 0, 0); /* exact */
    }
    query_text(db, "SELECT typeof(value) FROM activity LIMIT 1", buf, sizeof buf);
    CHECK(strcmp(buf, "real") == 0);
    query_text(db, "SELECT group_concat(region) FROM (SELECT region FROM activity"
        " WHERE session_id = 1 ORDER BY region)", buf, sizeof buf);
    CHECK(strcmp(buf, "basolateral_amygdala,bnst,central_amygdala,dorsal_striatum,"
        "hippocampus,infralimbic_cortex,nac_core,nac_shell,prelimbic_cortex,vta") == 0);
}

/* The sessions' DA and cocaine readouts: exact round trip of every value (REAL is a double),
** NULL for the unobserved ones, and the same columns in the sessions_tidy view. */
static void
test_brain_columns(sqlite3 *db)
{
    static const char *const cols[] = {"da_pre_nM", "da_mean_nM", "da_peak_nM",
        "cocaine_mean_uM", "cocaine_peak_uM"};
    char cond[96], sql[384];
    int s, d, k, bad = 0;
    for (s = 0; s < N_SUBJECTS; s++) {
        for (d = 0; d < SESSIONS_PER_SUBJECT; d++) {
            rl_brain_readout_t b = brain_of(s, d);
            const double want[] = {b.da_pre_nM, b.da_mean_nM, b.da_peak_nM, b.cocaine_mean_uM,
                b.cocaine_peak_uM};
            for (k = 0; k < 5; k++) {
                if (isnan(want[k])) {
                    snprintf(cond, sizeof cond, "s.%s IS NULL", cols[k]);
                } else {
                    snprintf(cond, sizeof cond, "s.%s = %.17g", cols[k], want[k]);
                }
                snprintf(sql, sizeof sql, "SELECT count(*) FROM sessions s JOIN sessions_tidy t"
                    " USING (session_id) WHERE s.subject_id = %d AND s.day = %d AND %s"
                    " AND t.%s IS s.%s", s, d, cond, cols[k], cols[k]);
                bad += query_int(db, sql) != 1;
            }
        }
    }
    CHECK(bad == 0);
    CHECK(query_int(db, "SELECT count(*) FROM sessions WHERE cocaine_mean_uM IS NULL")
        == N_SUBJECTS); /* day 0 of each */
}

static void
test_write_and_read_back(void)
{
    char path[128], buf[256];
    rl_error_t err;
    sqlite3 *db = NULL;

    path_in(path, sizeof path, "run.db");
    rl_error_clear(&err);
    CHECK(write_run(path, true, NULL, &err) == 0);
    CHECK(exists(path));
    CHECK(rl_test_count_names(tmpdir, ".tmp") == 0);
    CHECK(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);

    CHECK(RL_STORE_SCHEMA_VERSION == 8);
    query_text(db, "SELECT source FROM run", buf, sizeof buf);
    CHECK(strcmp(buf, "simulation") == 0);
    CHECK(query_int(db, "PRAGMA user_version") == RL_STORE_SCHEMA_VERSION);
    CHECK(query_int(db, "SELECT count(*) FROM run") == 1);
    query_text(db, "SELECT status FROM run", buf, sizeof buf);
    CHECK(strcmp(buf, "complete") == 0);
    query_text(db, "SELECT seed FROM run", buf, sizeof buf);
    CHECK(strcmp(buf, "18446744073709551615") == 0); /* UINT64_MAX */
    query_text(db, "SELECT seed_int FROM run", buf, sizeof buf);
    CHECK(strcmp(buf, "<null>") == 0);
    query_text(db, "SELECT protocol_text FROM run", buf, sizeof buf);
    CHECK(strcmp(buf, yaml_text) == 0);
    query_text(db, "SELECT command FROM run", buf, sizeof buf);
    CHECK(strcmp(buf, "relapselab run examples/x.yaml") == 0);
    CHECK(query_int(db, "SELECT schema_version FROM run") == RL_STORE_SCHEMA_VERSION);

    CHECK(query_int(db, "SELECT count(*) FROM reinforcers") == 1);
    CHECK_CLOSE(query_double(db, "SELECT dose_mg_per_kg FROM reinforcers"), 1.0, 0, 0);
    CHECK(query_int(db, "SELECT count(*) FROM reinforcers WHERE pellet_mg IS NULL") == 1);
    CHECK(query_int(db, "SELECT count(*) FROM procedures") == 1);
    CHECK(query_int(db, "SELECT count(*) FROM phases") == 2);
    query_text(db, "SELECT pr_series FROM phases WHERE phase_index = 1", buf, sizeof buf);
    CHECK(strcmp(buf, "1,2,4,6,9") == 0);
    CHECK(query_int(db, "SELECT ratio FROM phases WHERE phase_index = 0") == 1);
    query_text(db, "SELECT criterion_type FROM phases WHERE phase_index = 0", buf, sizeof buf);
    CHECK(strcmp(buf, "acquisition") == 0);
    CHECK_CLOSE(query_double(db, "SELECT criterion_min_active_fraction FROM phases"
        " WHERE phase_index = 0"), 0.75, 0, 0);
    CHECK(query_int(db, "SELECT count(*) FROM groups") == 2);
    query_text(db, "SELECT genotype || '|' || sex || '|' || procedure FROM groups"
        " WHERE group_id = 1", buf, sizeof buf);
    CHECK(strcmp(buf, "Oprm1-/-|female|coc") == 0);

    CHECK(query_int(db, "SELECT count(*) FROM subjects") == N_SUBJECTS);
    CHECK(query_int(db, "SELECT count(*) FROM subject_params") == 2 * N_SUBJECTS);
    CHECK_CLOSE(query_double(db, "SELECT value FROM subject_params WHERE subject_id = 3"
        " AND name = 'k_sens'"), 3.5, 0, 0);
    CHECK_CLOSE(query_double(db, "SELECT value FROM subject_params WHERE subject_id = 3"
        " AND name = 'alpha'"), 1.0 / 3.0, 0, 0); /* exact: REAL is a double */

    CHECK(query_int(db, "SELECT count(*) FROM sessions") == N_SUBJECTS * SESSIONS_PER_SUBJECT);
    CHECK(query_int(db, "SELECT min(session_id) FROM sessions") == 1);
    /* session 6 = day 1 of subject 1 (sessions are written day by day) */
    CHECK(query_int(db, "SELECT subject_id FROM sessions WHERE session_id = 6") == 1);
    CHECK(query_int(db, "SELECT active FROM sessions WHERE session_id = 6") == 12);
    CHECK(query_int(db, "SELECT criterion_met FROM sessions WHERE session_id = 6") == 1);
    query_text(db, "SELECT phase_name || '|' || phase_kind || '|' || end_reason FROM sessions"
        " WHERE session_id = 6", buf, sizeof buf);
    CHECK(strcmp(buf, "acquisition|acquisition|time") == 0);
    query_text(db, "SELECT breakpoint FROM sessions WHERE session_id = 6", buf, sizeof buf);
    CHECK(strcmp(buf, "<null>") == 0);
    query_text(db, "SELECT phase_name || '|' || phase_kind || '|' || end_reason || '|'"
        " || breakpoint FROM sessions WHERE subject_id = 2 AND day = 2", buf, sizeof buf);
    CHECK(strcmp(buf, "pr|progressive_ratio|no_reinforcer|9") == 0);
    CHECK_CLOSE(query_double(db, "SELECT drug_mg_per_kg FROM sessions WHERE session_id = 6"),
        0.6, 1e-15, 0);

    CHECK(query_int(db, "SELECT count(*) FROM events") == N_SUBJECTS * EVENTS_PER_SUBJECT);
    /* seq runs 0..n-1 in every session, in the order given, and n_events agrees */
    CHECK(query_int(db, "SELECT count(*) FROM sessions s WHERE n_events != (SELECT count(*)"
        " FROM events e WHERE e.session_id = s.session_id) OR n_events != (SELECT max(seq) + 1"
        " FROM events e WHERE e.session_id = s.session_id)") == 0);
    CHECK(query_int(db, "SELECT count(*) FROM events e JOIN sessions s USING (session_id)"
        " WHERE t_s != 0.1 + 1.5 * seq + subject_id") == 0);
    CHECK(query_int(db, "SELECT count(*) FROM events"
        " WHERE session_id = 12 AND kind = 'cue_on'") == 37); /* day 2: k = 2, 4, ..., 74 */
    CHECK(query_int(db, "SELECT count(*) FROM events WHERE in_timeout = 1")
        == N_SUBJECTS * SESSIONS_PER_SUBJECT);
    query_text(db, "SELECT kind FROM events WHERE session_id = 6 AND seq = 0", buf,
        sizeof buf);
    CHECK(strcmp(buf, "session_start") == 0);
    CHECK_CLOSE(query_double(db, "SELECT t_s FROM events WHERE session_id = 6 AND seq = 2"),
        0.1 + 1.5 * 2 + 1, 0, 0);
    CHECK(query_int(db, "SELECT count(*) FROM sessions_tidy WHERE genotype = 'WT'")
        == N_PER_GROUP * SESSIONS_PER_SUBJECT);

    test_activity_rows(db);
    test_brain_columns(db);

    query_text(db, "PRAGMA integrity_check", buf, sizeof buf);
    CHECK(strcmp(buf, "ok") == 0);
    CHECK(query_int(db, "SELECT count(*) FROM pragma_foreign_key_check") == 0);
    sqlite3_close(db);
    remove(path);
}

static bool
same_bytes(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    bool same = fa != NULL && fb != NULL;
    int ca, cb;

    while (same) {
        ca = getc(fa);
        cb = getc(fb);
        if (ca != cb) {
            same = false;
        }
        if (ca == EOF || cb == EOF) {
            break;
        }
    }
    if (fa != NULL) {
        fclose(fa);
    }
    if (fb != NULL) {
        fclose(fb);
    }
    return same;
}

static void
test_deterministic(void)
{
    char a[128], b[128];
    rl_error_t err;

    path_in(a, sizeof a, "a.db");
    path_in(b, sizeof b, "b.db");
    CHECK(write_run(a, true, NULL, &err) == 0);
    CHECK(write_run(b, true, NULL, &err) == 0);
    CHECK(same_bytes(a, b));
    remove(a);
    remove(b);
}

static void
test_abort_keeps_old_file(void)
{
    char path[128];
    rl_store_t *st = NULL;
    rl_error_t err;

    path_in(path, sizeof path, "old.db");
    rl_test_write_text(path, "old contents");
    CHECK(write_run(path, false, &st, &err) == 0);
    CHECK(st != NULL);
    CHECK(rl_test_count_names(tmpdir, ".tmp") == 1);
    rl_store_abort(st);
    CHECK(rl_test_file_is(path, "old contents"));
    CHECK(rl_test_count_names(tmpdir, ".tmp") == 0);
    rl_store_abort(NULL);

    /* abort without any previous file leaves nothing */
    remove(path);
    st = NULL;
    CHECK(write_run(path, false, &st, &err) == 0);
    rl_store_abort(st);
    CHECK(!exists(path));
    CHECK(rl_test_count_names(tmpdir, ".tmp") == 0);
}

static void
test_failed_write_blocks_commit(void)
{
    char path[128];
    rl_store_t *st = NULL;
    rl_error_t err;
    rl_session_result_t r;
    rl_event_t ev[MAX_EVENTS];
    rl_subject_record_t bad_group = {99, N_GROUPS, 0, 0, NULL, NULL};

    path_in(path, sizeof path, "old.db");
    rl_test_write_text(path, "old contents");
    CHECK(write_run(path, false, &st, &err) == 0);
    make_session(&r, ev, 42, 0); /* subject 42 was never written */
    CHECK(rl_store_write_session(st, &r, &err) == RL_ERR_INVALID);
    CHECK(strstr(err.msg, "subject 42") != NULL);
    make_session(&r, ev, 0, 0); /* valid, but the store has failed */
    CHECK(rl_store_write_session(st, &r, &err) == RL_ERR_INVALID);
    CHECK(rl_store_commit(st, &err) != 0);
    CHECK(rl_test_file_is(path, "old contents"));
    CHECK(rl_test_count_names(tmpdir, ".tmp") == 0);

    /* a duplicate session (same subject and day) is a database constraint error */
    CHECK(write_run(path, false, &st, &err) == 0);
    CHECK(rl_store_write_session(st, &r, &err) == RL_ERR_DB);
    CHECK(strstr(err.msg, "UNIQUE") != NULL);
    rl_store_abort(st);

    /* a NaN activity index is refused (the column is REAL NOT NULL), naming the region */
    CHECK(write_run(path, false, &st, &err) == 0);
    make_session(&r, ev, 0, 3);
    r.activity[RL_REGION_BLA] = NAN;
    CHECK(rl_store_write_session(st, &r, &err) == RL_ERR_INVALID);
    CHECK(strstr(err.msg, "basolateral_amygdala") != NULL);
    CHECK(rl_store_commit(st, &err) != 0);
    CHECK(rl_test_file_is(path, "old contents"));

    /* a subject of a group that does not exist */
    CHECK(write_run(path, false, &st, &err) == 0);
    CHECK(rl_store_write_subject(st, &bad_group, &err) == RL_ERR_INVALID);
    rl_store_abort(st);
    CHECK(rl_test_file_is(path, "old contents"));
    CHECK(rl_test_count_names(tmpdir, ".tmp") == 0);
    remove(path);
}

/* The packed parameters (schema 8) read back through the subject_params view bit for bit:
** a name list that changes between mice (a new name is numbered then), values that are
** negative, subnormal, huge or NaN (NULL); rows in (subject_id, name) order; two equal
** names in one mouse are refused and nothing is committed. */
static void
test_packed_params(void)
{
    char path[128];
    rl_protocol_t *p = malloc(sizeof *p);
    rl_run_info_t run = make_run();
    rl_store_t *st = NULL;
    rl_error_t err;
    rl_named_value_t a[3] = {{"zeta", -2.5}, {"alpha", 4.9e-324}, {"mid", NAN}};
    rl_named_value_t b[2] = {{"alpha", 1e308}, {"beta", -0.0}};
    rl_named_value_t dup[2] = {{"x", 1.0}, {"x", 2.0}};
    rl_subject_record_t s0 = {0, 0, 0, 3, a, NULL}, s1 = {1, 0, 1, 2, b, NULL};
    rl_subject_record_t s2 = {2, 0, 2, 0, NULL, NULL}, bad = {3, 0, 3, 2, dup, NULL};
    sqlite3 *db;
    char buf[256];

    path_in(path, sizeof path, "params.db");
    make_protocol(p);
    CHECK(rl_store_open(path, p, &run, &st, &err) == 0);
    CHECK(rl_store_write_subject(st, &s0, &err) == 0);
    CHECK(rl_store_write_subject(st, &s1, &err) == 0);
    CHECK(rl_store_write_subject(st, &s2, &err) == 0);
    CHECK(rl_store_commit(st, &err) == 0);
    CHECK(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
    CHECK(query_int(db, "SELECT count(*) FROM subject_params") == 5);
    CHECK(query_int(db, "SELECT count(*) FROM subject_param_names") == 4);
    CHECK(query_int(db, "SELECT count(*) FROM subject_param_values") == 2); /* s2: no row */
    query_text(db, "SELECT group_concat(subject_id || ':' || name, ' ') FROM subject_params",
        buf, sizeof buf);
    CHECK(strcmp(buf, "0:alpha 0:mid 0:zeta 1:alpha 1:beta") == 0);
    CHECK(query_double(db, "SELECT value FROM subject_params WHERE name = 'zeta'") == -2.5);
    CHECK(query_double(db, "SELECT value FROM subject_params WHERE subject_id = 0"
        " AND name = 'alpha'") == 4.9e-324);
    CHECK(query_double(db, "SELECT value FROM subject_params WHERE subject_id = 1"
        " AND name = 'alpha'") == 1e308);
    CHECK(query_int(db, "SELECT value IS NULL FROM subject_params WHERE name = 'mid'") == 1);
    CHECK(query_int(db, "SELECT value = 0.0 FROM subject_params WHERE name = 'beta'") == 1);
    sqlite3_close(db);

    make_protocol(p);
    CHECK(rl_store_open(path, p, &run, &st, &err) == 0);
    CHECK(rl_store_write_subject(st, &s0, &err) == 0);
    CHECK(rl_store_write_subject(st, &bad, &err) == RL_ERR_INVALID);
    CHECK(strstr(err.msg, "'x' given twice") != NULL);
    CHECK(rl_store_commit(st, &err) != 0);
    free(p);
    CHECK(rl_test_count_names(tmpdir, ".tmp") == 0);
    remove(path);
}

/* One text cell as rl_csv_put_text writes it. */
static bool
cell_is(const char *text, const char *want)
{
    char *buf = NULL;
    size_t len = 0;
    bool ok;
    FILE *f = open_memstream(&buf, &len);

    if (f == NULL) {
        return false;
    }
    rl_csv_put_text(f, text);
    fclose(f);
    ok = strcmp(buf, want) == 0;
    if (!ok) {
        fprintf(stderr, "  cell [%s] written as [%s], expected [%s]\n", text, buf, want);
    }
    free(buf);
    return ok;
}

/* Text cells that a spreadsheet would run as a formula (OWASP, "CSV Injection": a leading
** =, +, -, @, tab or CR) get a leading apostrophe; numbers written as text, other text and
** the RFC 4180 quoting are unchanged. */
static void
test_csv_formula_cells(void)
{
    CHECK(cell_is("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""));
    CHECK(cell_is("=1+2", "'=1+2"));
    CHECK(cell_is("+cmd", "'+cmd"));
    CHECK(cell_is("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"));
    CHECK(cell_is("@SUM(A1)", "'@SUM(A1)"));
    CHECK(cell_is("\tx", "'\tx"));
    CHECK(cell_is("\rx", "\"'\rx\""));
    CHECK(cell_is("-", "'-"));
    CHECK(cell_is("-e5", "'-e5"));
    CHECK(cell_is("-0.5", "-0.5"));  /* a number: data, not a formula */
    CHECK(cell_is("+3e-2", "+3e-2"));
    CHECK(cell_is("-12", "-12"));
    CHECK(cell_is("-.5", "-.5"));
    CHECK(cell_is("a=b", "a=b"));    /* only the first character counts */
    CHECK(cell_is("WT, \"ctrl\"", "\"WT, \"\"ctrl\"\"\""));
    CHECK(cell_is("", ""));
}

/* The temporary name used to be "<path>.tmp-<pid>": a symbolic link planted there (to a
** file the attacker wants overwritten) must be neither followed nor removed, and a file
** there is not ours to delete. */
static void
test_old_tmp_name_untouched(void)
{
    char path[128], tmp[160], victim[128];
    rl_error_t err;

    path_in(path, sizeof path, "stale.db");
    path_in(victim, sizeof victim, "victim");
    rl_test_write_text(victim, "precious");
    snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long) getpid());
    CHECK(symlink(victim, tmp) == 0);
    CHECK(write_run(path, true, NULL, &err) == 0);
    CHECK(rl_test_file_is(victim, "precious"));
    CHECK(exists(tmp)); /* still the link, still pointing at the victim */
    CHECK(exists(path));
    CHECK(rl_test_count_names(tmpdir, ".tmp") == 1); /* the planted link; ours is gone */
    remove(tmp);
    remove(victim);
    remove(path);
}

/* The final path is refused when it is a FIFO, a symbolic link to a FIFO or to a directory,
** or the protocol file itself; nothing is created, and a FIFO is never opened. */
static void
test_refused_targets(void)
{
    char fifo[128], link_fifo[128], link_dir[128], proto[128];
    rl_protocol_t *p = malloc(sizeof *p);
    rl_run_info_t run = make_run();
    rl_store_t *st = NULL;
    rl_error_t err;

    make_protocol(p);
    path_in(fifo, sizeof fifo, "fifo.db");
    path_in(link_fifo, sizeof link_fifo, "link_fifo.db");
    path_in(link_dir, sizeof link_dir, "link_dir.db");
    CHECK(mkfifo(fifo, 0600) == 0);
    CHECK(symlink(fifo, link_fifo) == 0);
    CHECK(symlink(tmpdir, link_dir) == 0);
    rl_error_clear(&err);
    CHECK(rl_store_open(fifo, p, &run, &st, &err) == RL_ERR_IO && st == NULL);
    CHECK(strcmp(err.file, fifo) == 0 && strstr(err.msg, "is a FIFO; refusing") != NULL);
    CHECK(rl_store_open(link_fifo, p, &run, &st, &err) == RL_ERR_IO);
    CHECK(strstr(err.msg, "symbolic link to a FIFO") != NULL);
    CHECK(rl_store_open(link_dir, p, &run, &st, &err) == RL_ERR_IO);
    CHECK(strstr(err.msg, "symbolic link to a directory") != NULL);
    /* the protocol's own file */
    path_in(proto, sizeof proto, "proto.yaml");
    rl_test_write_text(proto, "not really a protocol");
    snprintf(p->path, sizeof p->path, "%s", proto);
    CHECK(rl_store_open(proto, p, &run, &st, &err) == RL_ERR_IO);
    CHECK(strstr(err.msg, "protocol file") != NULL);
    CHECK(rl_test_file_is(proto, "not really a protocol"));
    CHECK(rl_test_count_names(tmpdir, ".tmp") == 0);
    remove(proto);
    remove(link_dir);
    remove(link_fifo);
    remove(fifo);
    free(p);
}

static void
test_missing_directory(void)
{
    char path[160];
    rl_protocol_t *p = malloc(sizeof *p);
    rl_run_info_t run = make_run();
    rl_store_t *st = (rl_store_t *) &run; /* must be reset to NULL */
    rl_error_t err;

    make_protocol(p);
    snprintf(path, sizeof path, "%s/no/such/dir/run.db", tmpdir);
    rl_error_clear(&err);
    CHECK(rl_store_open(path, p, &run, &st, &err) == RL_ERR_IO);
    CHECK(st == NULL);
    CHECK(err.code == RL_ERR_IO);
    CHECK(strcmp(err.file, path) == 0);
    CHECK(strstr(err.msg, "no/such/dir") != NULL);

    /* the final path is a directory */
    CHECK(rl_store_open(tmpdir, p, &run, &st, &err) == RL_ERR_IO);
    free(p);
}

static long
count_lines(const char *path)
{
    FILE *f = fopen(path, "rb");
    long n = 0;
    int c;
    if (f == NULL) {
        return -1;
    }
    while ((c = getc(f)) != EOF) {
        n += c == '\n';
    }
    fclose(f);
    return n;
}

static bool
file_contains(const char *path, const char *needle)
{
    char buf[8192];
    FILE *f = fopen(path, "rb");
    size_t n;
    if (f == NULL) {
        return false;
    }
    n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return strstr(buf, needle) != NULL;
}

static void
test_export_csv(void)
{
    static const struct {
        const char *file;
        long rows;
    } expect[] = {
        {"runs.csv", 1},
        {"reinforcers.csv", 1},
        {"procedures.csv", 1},
        {"phases.csv", 2},
        {"groups.csv", N_GROUPS},
        {"subjects.csv", N_SUBJECTS},
        {"subject_params.csv", 2 * N_SUBJECTS},
        {"sessions.csv", N_SUBJECTS * SESSIONS_PER_SUBJECT},
        {"activity.csv", N_SUBJECTS * SESSIONS_PER_SUBJECT * RL_N_REGIONS},
        {"events.csv", N_SUBJECTS * EVENTS_PER_SUBJECT},
        {"import_files.csv", 0},
        {"import_sessions.csv", 0},
        {"import_issues.csv", 0},
    };
    char db[128], dir[128], f[192];
    rl_error_t err;
    size_t i;

    path_in(db, sizeof db, "export.db");
    path_in(dir, sizeof dir, "csv");
    CHECK(write_run(db, true, NULL, &err) == 0);
    rl_error_clear(&err);
    CHECK(rl_store_export_csv(db, dir, NULL, &err) == 0);
    for (i = 0; i < sizeof expect / sizeof expect[0]; i++) {
        snprintf(f, sizeof f, "%s/%s", dir, expect[i].file);
        CHECK(count_lines(f) == expect[i].rows + 1); /* + header */
        snprintf(f, sizeof f, "%s/%s.tmp", dir, expect[i].file);
        CHECK(!exists(f));
    }
    snprintf(f, sizeof f, "%s/groups.csv", dir);
    CHECK(file_contains(f, "\n0,\"WT, \"\"ctrl\"\"\",Oprm1,WT,male,2,0,cocaine,0,coc,C57BL/6J\n"));
    snprintf(f, sizeof f, "%s/sessions.csv", dir);
    CHECK(file_contains(f, "session_id,subject_id,group_id,group_name,line,genotype,"));
    snprintf(f, sizeof f, "%s/events.csv", dir);
    CHECK(file_contains(f, "session_id,subject_id,phase_name,seq,t_s,kind,in_timeout,code\n"
                           "1,0,acquisition,0,0.1,session_start,0,\n"));
    snprintf(f, sizeof f, "%s/activity.csv", dir);
    /* session 1 = subject 0, day 0, group "WT, \"ctrl\"" (quoted); regions in name order,
    ** basolateral_amygdala (index RL_REGION_BLA = 5) first: 5 + 0.1 */
    CHECK(file_contains(f, "session_id,subject_id,group_name,genotype,phase_name,region,"
                           "value\n1,0,\"WT, \"\"ctrl\"\"\",WT,acquisition,"
                           "basolateral_amygdala,5.1\n1,0,\"WT, \"\"ctrl\"\"\",WT,"
                           "acquisition,bnst,9.1\n"));
    snprintf(f, sizeof f, "%s/subject_params.csv", dir);
    CHECK(file_contains(f, ",alpha,0.3333333333333333\n")); /* 1/3: 16 digits round-trip */
    snprintf(f, sizeof f, "%s/runs.csv", dir);
    CHECK(file_contains(f, ",18446744073709551615,,mt19937,"));
    snprintf(f, sizeof f, "%s/protocol.yaml", dir);
    CHECK(rl_test_file_is(f, yaml_text));

    /* exporting again over existing files works (rename replaces) */
    CHECK(rl_store_export_csv(db, dir, NULL, &err) == 0);
    for (i = 0; i < sizeof expect / sizeof expect[0]; i++) {
        snprintf(f, sizeof f, "%s/%s", dir, expect[i].file);
        remove(f);
    }
    snprintf(f, sizeof f, "%s/protocol.yaml", dir);
    remove(f);
    rmdir(dir);
    remove(db);
}

static void
test_export_refuses_incomplete(void)
{
    char db[128], dir[128];
    rl_error_t err;
    sqlite3 *h = NULL;

    path_in(db, sizeof db, "incomplete.db");
    path_in(dir, sizeof dir, "csv_incomplete");
    CHECK(write_run(db, true, NULL, &err) == 0);
    /* simulate a run that never finished: the status a run has until commit */
    CHECK(sqlite3_open(db, &h) == SQLITE_OK);
    CHECK(sqlite3_exec(h, "UPDATE run SET status = 'running'", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(h);
    rl_error_clear(&err);
    CHECK(rl_store_export_csv(db, dir, NULL, &err) == RL_ERR_INVALID);
    CHECK(strstr(err.msg, "incomplete") != NULL);
    CHECK(!exists(dir));

    /* a database that is not ours */
    remove(db);
    CHECK(sqlite3_open(db, &h) == SQLITE_OK);
    CHECK(sqlite3_exec(h, "CREATE TABLE t (x)", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(h);
    CHECK(rl_store_export_csv(db, dir, NULL, &err) == RL_ERR_INVALID);
    remove(db);

    /* no database at all */
    CHECK(rl_store_export_csv(db, dir, NULL, &err) == RL_ERR_IO);
    CHECK(strcmp(err.file, db) == 0);
    CHECK(!exists(dir));
}

static bool
setup(void)
{
    return rl_test_tmpdir(tmpdir, sizeof tmpdir, "store");
}

static bool
teardown(void)
{
    return rl_test_tmpdir_done(tmpdir);
}

static const rl_test_case_t CASES[] = {
    {"write_and_read_back", test_write_and_read_back, 0},
    {"deterministic", test_deterministic, 0},
    {"abort_keeps_old_file", test_abort_keeps_old_file, 0},
    {"failed_write_blocks_commit", test_failed_write_blocks_commit, 0},
    {"packed_params", test_packed_params, 0},
    {"old_tmp_name_untouched", test_old_tmp_name_untouched, 0},
    {"csv_formula_cells", test_csv_formula_cells, 0},
    {"refused_targets", test_refused_targets, 0},
    {"missing_directory", test_missing_directory, 0},
    {"export_csv", test_export_csv, 0},
    {"export_refuses_incomplete", test_export_refuses_incomplete, 0},
};

int
main(int argc, char **argv)
{
    static const rl_test_suite_t suite = {CASES, RL_TEST_COUNT(CASES), setup, teardown};
    return rl_test_main(argc, argv, &suite);
}
