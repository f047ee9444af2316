/* test_medpc_import.c -- batches of MED-PC files into a database (medpc_import.c).
**
**   - malformed files written by the test (no session, a structural error, a missing file,
**     a duplicate under another name, a session no profile decodes): each is reported with
**     its file and line, the rest of the batch imports, and the report has one row per
**     problem;
**   - the real sample files in ../shared/data/medpc/ (read in place, never copied). The
**     expected counts were established independently of relapselab: a short Python script
**     read each file's arrays (E entries, non-zero B entries, C and D entries) and counted
**     codes; the values are in the tables below with what they mean. Every entry of an
**     event array becomes one event, so a session has entries + 1 events (the added
**     session_start) when it has its end code, + 2 (an added session_end) when not. This
**     case is marked RL_TEST_SHARED (CTest entry test_medpc_import:shared); when the folder
**     is absent (CI) it reports SKIP (exit 77).
** Run with the repository root as working directory.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "relapselab/medpc_import.h"
#include "relapselab/store.h"
#include "testlib.h"

#define DATA_REL "data/medpc" /* below the shared folder, rl_test_shared_dir() */

static char tmpdir[64];

static long
query_long(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        v = (long) sqlite3_column_int64(st, 0);
    } else {
        fprintf(stderr, "query failed: %s: %s\n", sql, sqlite3_errmsg(db));
    }
    sqlite3_finalize(st);
    return v;
}

/* A sum or count over the sessions imported from the file whose name ends in base. */
static long
sample_q(sqlite3 *db, const char *expr, const char *base)
{
    char *sql = sqlite3_mprintf("SELECT %s FROM sessions s JOIN import_sessions USING "
                                "(session_id) JOIN import_files f USING (file_id) WHERE "
                                "f.path LIKE '%%/%q'", expr, base);
    long v = query_long(db, sql);
    sqlite3_free(sql);
    return v;
}

static void
write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (f != NULL) {
        fputs(text, f);
        fclose(f);
    }
}

static int
load_profiles(rl_medpc_profile_t *p, const char *const *names, int n)
{
    rl_error_t err;
    int i;
    for (i = 0; i < n; i++) {
        if (rl_medpc_profile_load(&p[i], names[i], "profiles", &err) != 0) {
            fprintf(stderr, "%s: %s\n", names[i], err.msg);
            return -1;
        }
    }
    return 0;
}

static int
run_import(const char *const *paths, size_t n, const rl_medpc_profile_t *profiles, int np,
    const char *out, rl_import_stats_t *st)
{
    rl_import_options_t opt;
    rl_error_t err;
    int rc;
    memset(&opt, 0, sizeof opt);
    opt.out_path = out;
    opt.profiles = profiles;
    opt.n_profiles = np;
    opt.version = "test";
    rl_error_clear(&err);
    rc = rl_medpc_import(paths, n, &opt, st, &err);
    if (rc != 0) {
        fprintf(stderr, "import: %s\n", err.msg);
    }
    return rc;
}

#define SESSION(subject, date, time, msn, e, t)                                        \
    "File: C:\\MED-PC IV\\DATA\\x\n\n\nStart Date: " date "\nEnd Date: " date "\n"   \
    "Subject: " subject "\nExperiment: E\nGroup: " subject "-grp\nBox: 1\n"          \
    "Start Time: " time "\nEnd Time: 23:00:00\nMSN: " msn "\n"                       \
    "E:\n     0:" e "\nT:\n     0:" t "\n"

static void
test_malformed_batch(void)
{
    static const char *const names[] = {"relapselab"};
    rl_medpc_profile_t prof[1];
    rl_import_stats_t st;
    char p[6][128], db[128];
    const char *paths[6];
    sqlite3 *h;
    int i;

    CHECK(load_profiles(prof, names, 1) == 0);
    for (i = 0; i < 6; i++) {
        snprintf(p[i], sizeof p[i], "%s/f%d", tmpdir, i);
        paths[i] = p[i];
    }
    /* f0: two good sessions of one mouse (acquisition, then extinction the next day) */
    write_file(p[0], SESSION("M1", "01/02/24", "9:00:00", "acquisition",
                         "  1.000  5.000  100.000", "  1.000  1.500  60.000")
                         SESSION("M1", "01/03/24", "9:00:00", "extinction",
                             "  1.000  2.000  100.000", "  3.000  4.000  60.000"));
    /* f1: not MED-PC at all */
    write_file(p[1], "hello\nworld\n");
    /* f2: an array row before any array: a structural error on line 5 */
    write_file(p[2], "File: x\n\nStart Date: 01/02/24\nSubject: M2\n     0:   1.000\n");
    /* f3: does not exist */
    snprintf(p[3], sizeof p[3], "%s/missing", tmpdir);
    /* f4: a copy of f0's first session under another name: a duplicate (line 1 = File:) */
    write_file(p[4], SESSION("M1", "01/02/24", "9:00:00", "acquisition",
                         "  1.000  5.000  100.000", "  1.000  1.500  60.000"));
    /* f5: a session without the T array the profile needs */
    write_file(p[5], "File: x\n\n\nStart Date: 01/04/24\nSubject: M1\nMSN: extinction\n"
                     "E:\n     0:   1.000\n");
    snprintf(db, sizeof db, "%s/batch.db", tmpdir);
    CHECK(run_import(paths, 6, prof, 1, db, &st) == 0);
    /* f4 and f5 had one session each, rejected: skipped too, not "partly imported" */
    CHECK(st.files == 6 && st.files_skipped == 5 && st.files_partly == 0);
    CHECK(st.sessions_found == 4 && st.sessions_imported == 2 && st.sessions_skipped == 2);
    CHECK(st.subjects == 1 && st.groups == 1 && st.phases == 2);
    CHECK(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
    CHECK(query_long(h, "SELECT count(*) FROM sessions") == 2);
    CHECK(query_long(h, "SELECT count(*) FROM run WHERE source = 'import'") == 1);
    CHECK(query_long(h, "SELECT count(*) FROM import_files WHERE status = 'skipped'") == 5);
    /* one report row per problem, each naming its file (and line where there is one) */
    CHECK(query_long(h, "SELECT count(*) FROM import_issues i JOIN import_files f USING "
                        "(file_id) WHERE f.path LIKE '%/f1' AND severity = 'error' AND i.message "
                        "LIKE '%no MED-PC session%'") == 1);
    CHECK(query_long(h, "SELECT count(*) FROM import_issues i JOIN import_files f USING "
                        "(file_id) WHERE f.path LIKE '%/f2' AND i.message LIKE '%:5:%'") == 1);
    CHECK(query_long(h, "SELECT count(*) FROM import_issues i JOIN import_files f USING "
                        "(file_id) WHERE f.path LIKE '%/missing' AND i.message LIKE "
                        "'%No such file%'") == 1);
    CHECK(query_long(h, "SELECT count(*) FROM import_issues i JOIN import_files f USING "
                        "(file_id) WHERE f.path LIKE '%/f4' AND severity = 'error' AND i.message "
                        "LIKE 'duplicate session%' AND i.line = 1") == 1);
    CHECK(query_long(h, "SELECT count(*) FROM import_issues i JOIN import_files f USING "
                        "(file_id) WHERE f.path LIKE '%/f5' AND severity = 'error' AND i.message "
                        "LIKE '%array T%'") == 1);
    /* the imported sessions: day order, phases by program, events with codes */
    CHECK(query_long(h, "SELECT count(*) FROM sessions_tidy WHERE subject_name = 'M1' AND "
                        "day = 1 AND phase_name = 'extinction' AND phase_kind = 'extinction' "
                        "AND active = 1 AND inactive = 1 AND end_reason = 'end_code'") == 1);
    CHECK(query_long(h, "SELECT count(*) FROM events WHERE session_id = 1") == 4);
    CHECK(query_long(h, "SELECT count(*) FROM events WHERE session_id = 1 AND kind = "
                        "'infusion_start' AND code = 5 AND t_s = 1.5") == 1);
    CHECK(query_long(h, "SELECT count(*) FROM events WHERE code IS NULL") == 2);
    CHECK(query_long(h, "SELECT count(*) FROM import_sessions WHERE start_time = "
                        "'2024-01-02T09:00:00' AND program = 'acquisition'") == 1);
    CHECK(query_long(h, "SELECT count(*) FROM groups WHERE genotype IS NULL AND sex IS NULL "
                        "AND name = 'M1-grp'") == 1);
    sqlite3_close(h);
    for (i = 0; i < 6; i++) {
        remove(p[i]);
    }
    remove(db);
}

/* A session of mouse `subject` with a given group label (the SESSION macro's layout). */
#define SESSION_G(subject, group, date)                                                \
    "File: x\n\n\nStart Date: " date "\nEnd Date: " date "\nSubject: " subject          \
    "\nExperiment: E\nGroup: " group "\nBox: 1\nStart Time: 9:00:00\nEnd Time: "       \
    "23:00:00\nMSN: acquisition\nE:\n     0:  1.000  5.000  100.000\nT:\n     0:  "    \
    "1.000  1.500  60.000\n"

/* A group label longer than a name (63 bytes) is cut to one, and mice that share it share
** the group: two mice, two sessions each, one group, one note per mouse, no note that a
** later session's label differs. (Before the fix each mouse got a group of its own: the
** full label never equalled the stored, cut name.) */
static void
test_long_group_label(void)
{
#define LONG_G "a group label of seventy bytes, longer than any name in a database...."
    static const char *const names[] = {"relapselab"};
    rl_medpc_profile_t prof[1];
    rl_import_stats_t st;
    char p[1][128], db[128];
    const char *paths[1];
    sqlite3 *h;

    CHECK(strlen(LONG_G) == 70);
    CHECK(load_profiles(prof, names, 1) == 0);
    snprintf(p[0], sizeof p[0], "%s/long", tmpdir);
    paths[0] = p[0];
    write_file(p[0], SESSION_G("M1", LONG_G, "01/02/24") SESSION_G("M1", LONG_G, "01/03/24")
                         SESSION_G("M2", LONG_G, "01/02/24") SESSION_G("M2", LONG_G, "01/03/24"));
    snprintf(db, sizeof db, "%s/long.db", tmpdir);
    CHECK(run_import(paths, 1, prof, 1, db, &st) == 0);
    CHECK(st.sessions_imported == 4 && st.subjects == 2 && st.groups == 1);
    CHECK(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
    CHECK(query_long(h, "SELECT count(*) FROM groups WHERE length(name) = 63 AND name = "
                        "substr('" LONG_G "', 1, 63)") == 1);
    CHECK(query_long(h, "SELECT count(*) FROM import_issues WHERE message LIKE "
                        "'group label longer than 63 bytes%'") == 2);
    CHECK(query_long(h, "SELECT count(*) FROM import_issues WHERE message LIKE "
                        "'%differs from%'") == 0);
    sqlite3_close(h);
    remove(p[0]);
    remove(db);
#undef LONG_G
}

/* A batch where nothing can be written still gives a database (with the report) and does
** not leave a temporary file; an unwritable output is an error and leaves nothing. */
static void
test_output_errors(void)
{
    static const char *const names[] = {"relapselab"};
    rl_medpc_profile_t prof[1];
    rl_import_stats_t st;
    const char *paths[1] = {"/nonexistent/file"};
    char db[128];
    struct stat s;

    CHECK(load_profiles(prof, names, 1) == 0);
    snprintf(db, sizeof db, "%s/empty.db", tmpdir);
    /* nothing readable: 0, and no database (issue 13 item 1) */
    CHECK(run_import(paths, 1, prof, 1, db, &st) == 0);
    CHECK(st.sessions_imported == 0 && st.files_skipped == 1 && st.written == 0);
    CHECK(stat(db, &s) != 0);
    /* the output path is checked before any input is read */
    CHECK(run_import(paths, 1, prof, 1, "/nonexistent-dir/x.db", &st) == RL_ERR_IO);
}

/* ---- the real sample files ---- */

typedef struct sample {
    const char *rel;      /* path below DATA_REL */
    int sessions;
    long entries;         /* event entries in the file (all sessions) */
    int end_codes;        /* sessions with their end code */
    long active, inactive, active_timeout, reinforcers; /* -1 = not checked */
} sample_t;

/* Entries = E entries (Coffey), non-zero B entries (wrangler), C + D entries (Lab.Data.Prep).
** active = #22 (Coffey), inactive = #23 (MED-PC IV) or #1 + #20 (MED-PC V chambers),
** active_timeout = #21 (#20 when the active lever is the right one), reinforcers = #17 (or,
** in a session without any, the cue presentations #13). */
static const sample_t SAMPLES[] = {
    {"coffey-mouse-oralfent/!2024-04-29_10h03m.Subject B21", 1, 1184, 0, 0, 0, 0, 17},
    {"coffey-mouse-oralfent/!2024-05-06_09h48m.Subject B21", 1, 116, 0, 1, 0, 0, 1},
    {"coffey-mouse-oralfent/!2024-05-17_09h53m.Subject B21", 1, 37, 1, 0, 0, 0, 0},
    {"coffey-mouse-oralfent/!2024-05-20_09h19m.Subject B21", 1, 144, 1, 0, 0, 0, 0},
    {"coffey-mouse-oralfent/!2024-05-24_09h35m.Subject R36", 1, 3688, 1, 931, 14, 505, 0},
    {"coffey-mouse-oralfent/!2024-06-01_09h29m.Subject B21", 1, 192, 1, 0, 0, 0, 0},
    {"coffey-mouse-oralfent/!2024-06-03_09h24m.Subject B21", 1, 66, 1, 0, 0, 0, 0},
    {"coffey-mouse-oralfent/!2024-07-11_09h48m.Subject 663", 1, 1520, 1, 48, 21, 18, 30},
    {"coffey-mouse-oralfent/!2024-07-15_09h48m.Subject 651", 1, 455, 1, 15, 8, 1, 14},
    {"coffey-mouse-oralfent/!2024-07-19_10h24m.Subject 651", 1, 959, 1, 49, 28, 18, 31},
    {"coffey-mouse-oralfent/!2025-03-24_11h13m.Subject 68", 1, 371, 0, 29, 5, 8, 22},
    {"coffey-mouse-oralfent/2024-10-21_09h57m_Subject 33.txt", 1, 727, 1, 7, 7, 4, 24},
    {"coffey-mouse-oralfent/2024-11-08_12h37m_Subject 50.txt", 1, 8322, 1, 30, 4, 4, 26},
    {"coffey-mouse-oralfent/2024-11-11_08h42m_Subject 33.txt", 1, 885, 1, 45, 45, 22, 0},
    {"coffey-mouse-oralfent/2024-11-25_09h23m_Subject 33.txt", 1, 116, 1, 0, 4, 0, 0},
    {"coffey-rat-oralfent/All Behavior PP/!2025-10-08_11h21m.Subject PPM1", 1, 236, 1, 8, 2,
        -1, 22},
    {"coffey-rat-oralfent/All Behavior PP/!2025-10-13_12h01m.Subject V2F1_51", 1, 283, 1, 20,
        0, -1, 15},
    {"coffey-rat-oralfent/All Behavior PP/!2025-10-16_10h42m.Subject V2M3_53", 1, 624, 1, 43,
        5, -1, 42},
    {"coffey-rat-oralfent/All Behavior PP/!2025-11-17_13h56m.Subject DTF5_59", 1, 463, 1, 4,
        4, -1, 48},
    {"coffey-rat-oralfent/All Behavior/!2025-03-24_10h23m.Subject VF1_35", 1, 637, 0, 52, 34,
        28, 30},
    {"coffey-rat-oralfent/All Behavior/!2025-04-14_12h07m.Subject VF1_35", 1, 57, 1, 12, 1, 7,
        0},
    {"coffey-rat-oralfent/All Behavior/!2025-04-24_11h21m.Subject VF1_35", 1, 129, 1, 14, 3, 7,
        9},
    {"coffey-rat-oralfent/All Behavior/!2025-09-10_11h47m.Subject V2M2_50", 1, 152, 1, 11, 6,
        3, 8},
    {"coffey-rat-oralfent/All Behavior/!2025-09-22_13h48m.Subject V2F5_59", 1, 154, 1, 3, 8, 1,
        0},
    {"coffey-rat-oralfent/All Behavior/!2025-10-02_14h02m.Subject V2F5_59", 1, 30, 1, 2, 3, 1,
        1},
    {"coffey-rat-oralfent/All Behavior/!2026-06-09_10h44m.Subject V4F1_79", 1, 1453, 1, 26, 6,
        15, 38},
    {"coffey-rat-oralfent/All Behavior/!2026-06-30_09h55m.Subject V4F1_79", 1, 0, 0, 0, 0, 0,
        0},
    /* a reinstatement test with the tone (13, x14) but no pump (17): cue-only reinforcement */
    {"coffey-rat-oralfent/All Behavior/!2026-07-10_10h03m.Subject V4F1_79", 1, 134, 0, 20, 1, 7,
        14},
    {"coffey-rat-oralfent/All Behavior/to_be_stitched/!2025-09-10_15h28m.Subject V2M2_50", 1,
        4, 1, 0, 0, 0, 0},
    /* 4 sessions: non-zero B entries 385 + 707 + 759 + 655; code 1 (CS+ press) 68 + 131 +
    ** 96 + 14; no end code in this program */
    {"medpc-wrangler/medpc_data_example", 4, 2506, 0, 309, -1, -1, -1},
    /* C + D entries: 292 + 594, 646 + 832, 2171 + 2837, 235 + 294, 722 + 849, 434 + 735 */
    {"lab-data-prep/data/!2020-03-13_08h34m.Subject EB11", 1, 886, 0, 0, 0, 0, 0},
    {"lab-data-prep/data/!2023-02-23_18h49m.Subject DF21.txt", 1, 1478, 0, 0, 0, 0, 0},
    {"lab-data-prep/data/!2023-02-23_18h49m.Subject DF23.txt", 1, 5008, 0, 0, 0, 0, 0},
    {"lab-data-prep/data/!2023-03-07_18h55m.Subject DF21.txt", 1, 529, 0, 0, 0, 0, 0},
    {"lab-data-prep/data/!2023-03-07_18h55m.Subject DF23.txt", 1, 1571, 0, 0, 0, 0, 0},
    {"lab-data-prep/inst/extdata/!2020-03-10_08h31m.SubjectEB11.txt", 1, 1169, 0, 0, 0, 0, 0},
};
#define N_SAMPLES (sizeof SAMPLES / sizeof SAMPLES[0])

static void
test_real_files(void)
{
    static const char *const names[] = {"coffey-liq-sa-medpc5", "coffey-liq-sa",
        "townsend-tt", "jorge-time-tag"};
    rl_medpc_profile_t prof[4];
    rl_import_stats_t st;
    char full[N_SAMPLES][512], db[128];
    const char *paths[N_SAMPLES];
    int total_sessions = 0;
    long total_events = 0;
    sqlite3 *h;
    size_t i;

    if (!rl_test_need_shared(DATA_REL)) {
        return;
    }
    CHECK(load_profiles(prof, names, 4) == 0);
    for (i = 0; i < N_SAMPLES; i++) {
        snprintf(full[i], sizeof full[i], "%s/" DATA_REL "/%s", rl_test_shared_dir(),
            SAMPLES[i].rel);
        paths[i] = full[i];
        total_sessions += SAMPLES[i].sessions;
        total_events += SAMPLES[i].entries + 2L * SAMPLES[i].sessions - SAMPLES[i].end_codes;
    }
    snprintf(db, sizeof db, "%s/real.db", tmpdir);
    CHECK(run_import(paths, N_SAMPLES, prof, 4, db, &st) == 0);
    CHECK(st.files == (int) N_SAMPLES && st.files_skipped == 0 && st.files_partly == 0);
    CHECK(st.sessions_found == total_sessions && st.sessions_imported == total_sessions);
    CHECK(st.events == total_events);
    CHECK(st.errors == 0);
    CHECK(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
    for (i = 0; i < N_SAMPLES; i++) {
        const sample_t *s = &SAMPLES[i];
        const char *base = strrchr(s->rel, '/') + 1;
        long n_ev = s->entries + 2L * s->sessions - s->end_codes;
#define Q(expr) sample_q(h, expr, base)
        CHECK(Q("count(*)") == s->sessions);
        CHECK(Q("sum(n_events)") == n_ev);
        CHECK(Q("sum(end_reason = 'end_code')") == s->end_codes);
        if (s->active >= 0) {
            CHECK(Q("sum(active)") == s->active);
        }
        if (s->inactive >= 0) {
            CHECK(Q("sum(inactive)") == s->inactive);
        }
        if (s->active_timeout >= 0) {
            CHECK(Q("sum(active_timeout)") == s->active_timeout);
        }
        if (s->reinforcers >= 0) {
            CHECK(Q("sum(reinforcers)") == s->reinforcers);
        }
        if (Q("count(*)") != s->sessions || Q("sum(n_events)") != n_ev
            || (s->active >= 0 && Q("sum(active)") != s->active)
            || (s->inactive >= 0 && Q("sum(inactive)") != s->inactive)) {
            fprintf(stderr, "  sample %s\n", s->rel);
        }
#undef Q
    }
    /* Every mismatch with the program's own counters is in the report: only the file whose
    ** E and T arrays are empty (C(4) = 17, C(10) = 69, C(11) = 14) disagrees. */
    CHECK(query_long(h, "SELECT count(*) FROM import_issues WHERE message LIKE "
                        "'counts disagree%'") == 3);
    CHECK(query_long(h, "SELECT count(*) FROM import_issues i JOIN import_files f USING "
                        "(file_id) WHERE i.message LIKE 'counts disagree%' AND f.path LIKE "
                        "'%2026-06-30_09h55m%'") == 3);
    /* the undefined code 33 of the rat file is kept and reported */
    CHECK(query_long(h, "SELECT count(*) FROM events WHERE code = 33 AND kind = 'other'") == 38);
    CHECK(query_long(h, "SELECT count(*) FROM import_issues WHERE message LIKE '%33 x38%'") == 1);
    /* the two same-day sessions of V2M2_50 are both imported, with a note */
    CHECK(query_long(h, "SELECT count(*) FROM sessions_tidy WHERE subject_name = 'V2M2_50'") == 2);
    /* the overnight session: 18:49:04 -> next day 7:11:28 */
    CHECK(query_long(h, "SELECT count(*) FROM import_sessions WHERE subject = 'DF21' AND "
                        "start_time = '2023-02-23T18:49:04' AND end_time = "
                        "'2023-02-24T07:11:28'") == 1);
    /* the renamed file (SubjectEB11.txt) and the original name give the same subject */
    CHECK(query_long(h, "SELECT count(*) FROM sessions_tidy WHERE subject_name = 'EB11'") == 2);
    /* phases from the programs: Coffey extinction and reinstatement sessions */
    CHECK(query_long(h, "SELECT count(*) FROM sessions WHERE phase_kind = 'extinction'") == 7);
    CHECK(query_long(h, "SELECT count(*) FROM sessions WHERE phase_kind = 'reinstatement'")
        == 6);
    sqlite3_close(h);
    remove(db);
}

static bool
setup(void)
{
    return rl_test_tmpdir(tmpdir, sizeof tmpdir, "import");
}

static bool
teardown(void)
{
    return rl_test_tmpdir_done(tmpdir);
}

static const rl_test_case_t CASES[] = {
    {"malformed_batch", test_malformed_batch, 0},
    {"output_errors", test_output_errors, 0},
    {"long_group_label", test_long_group_label, 0},
    {"real_files", test_real_files, RL_TEST_SHARED},
};

int
main(int argc, char **argv)
{
    static const rl_test_suite_t suite = {CASES, RL_TEST_COUNT(CASES), setup, teardown};
    return rl_test_main(argc, argv, &suite);
}
