/* test_medpc.c -- the MED-PC text parser (src/medpc/medpc_parse.c).
**
** Two kinds of tests:
**   - hand-written buffers, one per format variant and per kind of malformed input
**     (line endings, several sessions, empty arrays, negative and over-wide numbers,
**     missing end, garbage, structural errors with their line numbers), plus a loop that
**     feeds truncated and corrupted copies to the parser (it must never crash);
**   - the real sample files in ../shared/data/medpc/ (read in place, never copied: their
**     licenses forbid it). Every expected value below was read by eye in the file; the
**     comment beside it says where. These cases are marked RL_TEST_SHARED (CTest entry
**     test_medpc:shared); when the folder is absent (CI) they report SKIP (exit 77).
** Run with the repository root as working directory.
*/
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "relapselab/medpc.h"
#include "testlib.h"

#define DATA_REL "data/medpc" /* below the shared folder, rl_test_shared_dir() */

/* One session as MED-PC IV writes it, with "\n" line ends; variants are derived from it.
** Line numbers: File 1, blank 2-3, Start Date 4, ..., MSN 12, F 13, G 14, H 15, A: 16,
** A rows 17-18, D: 19 (empty array), E: 20, E rows 21-22, T: 23, T rows 24-25. */
static const char *const SESSION =
    "File: C:\\MED-PC IV\\DATA\\!2020-01-02_10h00m.Subject S01\n"
    "\n"
    "\n"
    "Start Date: 05/06/24\n"
    "End Date: 05/06/24\n"
    "Subject: S01\n"
    "Experiment: SyntheticSA\n"
    "Group: One\n"
    "Box: 1\n"
    "Start Time:  9:48:13\n"
    "End Time: 12:43:26\n"
    "MSN: SYNTH_FR1\n"
    "F:       0.000\n"
    "G:       7.000\n"
    "H:   10490.090\n"
    "A:\n"
    "     0:        0.000       -5.000      180.000        4.000        0.000\n"
    "     5:        5.000\n"
    "D:\n"
    "E:\n"
    "     0:       19.000       11.000       26.000       27.000        6.000\n"
    "     5:        6.000      100.000\n"
    "T:\n"
    "     0:        0.000        0.000        0.000        0.000       16.170\n"
    "     5:       17.220    10800.010\n";

/* text with every "\n" replaced by eol (malloc'd). */
static char *
with_eol(const char *text, const char *eol)
{
    size_t n = 0, k = strlen(eol);
    const char *p;
    char *out, *o;

    for (p = text; *p != '\0'; p++) {
        n += *p == '\n' ? k : 1;
    }
    out = o = malloc(n + 1);
    if (out == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    for (p = text; *p != '\0'; p++) {
        if (*p == '\n') {
            memcpy(o, eol, k);
            o += k;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

static int
parse(const char *text, rl_medpc_file_t *f, rl_error_t *err)
{
    rl_error_clear(err);
    return rl_medpc_parse_buffer(text, strlen(text), "test.txt", f, err);
}

/* 1 when some warning is at line and contains phrase. */
static int
has_warning(const rl_medpc_file_t *f, long line, const char *phrase)
{
    size_t i;
    for (i = 0; i < f->n_warnings; i++) {
        if (f->warnings[i].line == line && strstr(f->warnings[i].msg, phrase) != NULL) {
            return 1;
        }
    }
    return 0;
}

static size_t
var_len(const rl_medpc_session_t *s, char letter)
{
    const rl_medpc_var_t *v = rl_medpc_session_var(s, letter);
    return v == NULL ? (size_t)-1 : v->n;
}

static double
var_at(const rl_medpc_session_t *s, char letter, size_t i)
{
    const rl_medpc_var_t *v = rl_medpc_session_var(s, letter);
    return (v == NULL || i >= v->n) ? -12345.0 : v->values[i];
}

/* The canonical session, whatever the line endings. */
static void
check_canonical(const char *text)
{
    rl_medpc_file_t f;
    rl_error_t err;
    const rl_medpc_session_t *s;
    const rl_medpc_var_t *e;

    CHECK(parse(text, &f, &err) == 0);
    CHECK(f.n_sessions == 1 && f.n_warnings_total == 0);
    if (f.n_sessions == 1) {
        s = &f.sessions[0];
        CHECK(s->line == 1 && s->n_headers == 10);
        CHECK(strcmp(rl_medpc_session_header(s, "Subject"), "S01") == 0);
        CHECK(strcmp(rl_medpc_session_header(s, "msn"), "SYNTH_FR1") == 0);
        CHECK(strcmp(rl_medpc_session_header(s, "Start Time"), "9:48:13") == 0);
        CHECK(strcmp(rl_medpc_session_header(s, "File"),
            "C:\\MED-PC IV\\DATA\\!2020-01-02_10h00m.Subject S01") == 0);
        CHECK(rl_medpc_session_header(s, "Cohort") == NULL);
        CHECK(s->headers[1].line == 4); /* Start Date */
        CHECK(s->start.valid && s->start.year == 2024 && s->start.month == 5);
        CHECK(s->start.day == 6 && s->start.hour == 9 && s->start.second == 13);
        /* 9:48:13 -> 12:43:26 = 2 h 55 min 13 s */
        CHECK_CLOSE(s->duration_s, 2 * 3600 + 55 * 60 + 13, 0, 0);
        CHECK(s->n_vars == 7);
        CHECK(!rl_medpc_session_var(s, 'G')->is_array);
        CHECK_CLOSE(var_at(s, 'G', 0), 7.0, 0, 0);
        CHECK_CLOSE(var_at(s, 'H', 0), 10490.09, 0, 0);
        CHECK(rl_medpc_session_var(s, 'H')->lines[0] == 15);
        CHECK(var_len(s, 'A') == 6 && var_len(s, 'D') == 0 && var_len(s, 'E') == 7);
        CHECK(rl_medpc_session_var(s, 'D')->is_array);
        CHECK(rl_medpc_session_var(s, 'D')->values == NULL);
        CHECK_CLOSE(var_at(s, 'A', 1), -5.0, 0, 0);
        CHECK_CLOSE(var_at(s, 'E', 6), 100.0, 0, 0);
        CHECK_CLOSE(var_at(s, 'T', 6), 10800.01, 0, 0);
        e = rl_medpc_session_var(s, 'E');
        CHECK(e->line == 20 && e->lines[0] == 21 && e->lines[6] == 22);
        CHECK(rl_medpc_session_var(s, 'Q') == NULL);
    }
    rl_medpc_file_free(&f);
}

static void
test_line_endings(void)
{
    const char *eols[] = {"\n", "\r\n", "\r"};
    size_t i;
    char *t;
    /* the native MED-PC layout: "File: ...\r\n", "\n", "\r\r\n", then CRLF */
    const char *native_head = "File: C:\\MED-PC IV\\DATA\\!2020-01-02_10h00m.Subject S01\r\n"
                              "\n\r\r\n";
    char *rest, *native;

    for (i = 0; i < sizeof eols / sizeof eols[0]; i++) {
        t = with_eol(SESSION, eols[i]);
        check_canonical(t);
        free(t);
    }
    rest = with_eol(strstr(SESSION, "Start Date"), "\r\n");
    native = malloc(strlen(native_head) + strlen(rest) + 1);
    if (native != NULL) {
        strcpy(native, native_head);
        strcat(native, rest);
        check_canonical(native);
    }
    free(native);
    free(rest);
    t = malloc(strlen(SESSION) + 4); /* UTF-8 byte-order mark */
    if (t != NULL) {
        strcpy(t, "\xef\xbb\xbf");
        strcat(t, SESSION);
        check_canonical(t);
    }
    free(t);
}

static void
test_two_sessions(void)
{
    rl_medpc_file_t f;
    rl_error_t err;
    size_t n = strlen(SESSION);
    const char *second = "\n\r\r\nStart Date: 05/07/24\r\nSubject: B22\r\nG:       3.000\r\n"
                         "E:\r\n     0:        1.000        2.000\r\n";
    char *t = malloc(2 * n + strlen(second) + 1);

    if (t == NULL) {
        CHECK(0);
        return;
    }
    /* SESSION (25 lines), a session without File: (lines 26-32), then SESSION again
    ** (its File: line opens the third session at line 33) */
    strcpy(t, SESSION);
    strcat(t, second);
    strcat(t, SESSION);
    CHECK(parse(t, &f, &err) == 0);
    CHECK(f.n_sessions == 3);
    if (f.n_sessions == 3) {
        CHECK(strcmp(rl_medpc_session_header(&f.sessions[1], "Subject"), "B22") == 0);
        CHECK(rl_medpc_session_header(&f.sessions[1], "File") == NULL);
        CHECK(f.sessions[1].line == 28);
        CHECK(var_len(&f.sessions[1], 'E') == 2 && var_len(&f.sessions[0], 'E') == 7);
        CHECK(f.sessions[1].start.valid == 0); /* no Start Time */
        CHECK(isnan(f.sessions[1].duration_s));
        CHECK(f.sessions[2].line == 33 && f.sessions[2].headers[1].line == 36);
        CHECK(strcmp(rl_medpc_session_header(&f.sessions[2], "Subject"), "S01") == 0);
    }
    rl_medpc_file_free(&f);
    free(t);

    /* a second Start Date before any variable also opens a new session */
    CHECK(parse("Start Date: 01/02/03\nStart Date: 01/03/03\nA: 1\n", &f, &err) == 0);
    CHECK(f.n_sessions == 2 && has_warning(&f, 1, "no variables"));
    CHECK(f.n_sessions == 2 && f.sessions[0].start.valid == 0);
    rl_medpc_file_free(&f);
    /* nothing at all */
    CHECK(rl_medpc_parse_buffer("", 0, NULL, &f, &err) == 0 && f.n_sessions == 0);
    CHECK(strcmp(f.name, "<buffer>") == 0);
    rl_medpc_file_free(&f);
}

static void
test_numbers(void)
{
    rl_medpc_file_t f;
    rl_error_t err;
    const rl_medpc_session_t *s;
    /* over-wide values as in the Coffey files: "10000000000." fills the field, a 12-digit
    ** integer has no point, "X:10000000000." has no space; line 5 has two 13-digit values
    ** that run into each other; line 6 has a blank field; line 8 exponents and signs */
    const char *t = "Start Date: 10/08/25\n"
                    "X:10000000000.\n"
                    "B:\n"
                    "    10:        0.000 10000000000. 100000000000 100000000.00       -1.000\n"
                    "    15:10000000000001000000000000\n"
                    "    17:        1.000                     3.000\n"
                    "C:\n"
                    "     0: 1e3 -2.5E-1 +7 .5 3.\n";

    CHECK(parse(t, &f, &err) == 0 && f.n_sessions == 1);
    if (f.n_sessions == 1) {
        s = &f.sessions[0];
        CHECK_CLOSE(var_at(s, 'X', 0), 1e10, 0, 0);
        CHECK(var_len(s, 'B') == 20);
        CHECK(isnan(var_at(s, 'B', 0)) && isnan(var_at(s, 'B', 9))); /* gap 0..9 */
        CHECK(has_warning(&f, 4, "index 0..9 missing"));
        CHECK_CLOSE(var_at(s, 'B', 11), 1e10, 0, 0);
        CHECK_CLOSE(var_at(s, 'B', 12), 1e11, 0, 0);
        CHECK_CLOSE(var_at(s, 'B', 13), 1e8, 0, 0);
        CHECK_CLOSE(var_at(s, 'B', 14), -1.0, 0, 0);
        CHECK_CLOSE(var_at(s, 'B', 15), 1e12, 0, 0);
        CHECK_CLOSE(var_at(s, 'B', 16), 1e12, 0, 0);
        CHECK(has_warning(&f, 5, "run together"));
        CHECK_CLOSE(var_at(s, 'B', 17), 1.0, 0, 0);
        CHECK(isnan(var_at(s, 'B', 18)));
        CHECK_CLOSE(var_at(s, 'B', 19), 3.0, 0, 0);
        CHECK(has_warning(&f, 6, "blank field"));
        CHECK_CLOSE(var_at(s, 'C', 0), 1000.0, 0, 0);
        CHECK_CLOSE(var_at(s, 'C', 1), -0.25, 0, 0);
        CHECK_CLOSE(var_at(s, 'C', 2), 7.0, 0, 0);
        CHECK_CLOSE(var_at(s, 'C', 3), 0.5, 0, 0);
        CHECK_CLOSE(var_at(s, 'C', 4), 3.0, 0, 0);
        /* 3-decimal values come back exactly as the nearest double of their text */
        CHECK(var_at(s, 'B', 13) == 100000000.00);
    }
    rl_medpc_file_free(&f);

    /* the seal -987.987 ends an array; values after it are dropped with a warning */
    CHECK(parse("Start Date: 10/08/25\nE:\n 0: 1 2 -987.987 4\n 4: 5\n", &f, &err) == 0);
    CHECK(f.n_sessions == 1 && var_len(&f.sessions[0], 'E') == 2);
    CHECK(has_warning(&f, 4, "end mark"));
    rl_medpc_file_free(&f);
}

static void
test_missing_end_and_dates(void)
{
    rl_medpc_file_t f;
    rl_error_t err;

    /* no End Date / End Time, no final newline, the array stops mid-row */
    CHECK(parse("Start Date: 05/06/24\nStart Time: 09:48:13\nE:\n     0:        19.000",
              &f, &err) == 0);
    CHECK(f.n_sessions == 1 && f.sessions[0].start.valid && !f.sessions[0].end.valid);
    CHECK(f.n_sessions == 1 && isnan(f.sessions[0].duration_s));
    CHECK(f.n_sessions == 1 && var_len(&f.sessions[0], 'E') == 1);
    CHECK(f.n_warnings_total == 0);
    rl_medpc_file_free(&f);

    /* overnight, as Lab.Data.Prep DF21: 18:49:04 -> 7:11:28 the next day = 44544 s */
    CHECK(parse("Start Date: 02/23/23\nEnd Date: 02/24/23\nStart Time: 18:49:04\n"
                "End Time:  7:11:28\nA: 1\n", &f, &err) == 0);
    CHECK_CLOSE(f.sessions[0].duration_s, 44544.0, 0, 0);
    CHECK(f.sessions[0].end.day == 24 && f.n_warnings_total == 0);
    rl_medpc_file_free(&f);

    /* overnight but End Date == Start Date: taken as the next day, with a warning;
    ** 4-digit year, 2-digit years before 70 are 20xx and from 70 on 19xx */
    CHECK(parse("Start Date: 12/31/2023\nEnd Date: 12/31/2023\nStart Time: 23:00:00\n"
                "End Time: 1:00:00\nA: 1\nStart Date: 01/01/99\nA: 2\n", &f, &err) == 0);
    CHECK(f.n_sessions == 2);
    if (f.n_sessions == 2) {
        CHECK_CLOSE(f.sessions[0].duration_s, 7200.0, 0, 0);
        CHECK(has_warning(&f, 1, "next day"));
        CHECK(f.sessions[0].start.year == 2023);
        CHECK(has_warning(&f, 6, "no Start Date") == 0);
        CHECK(f.sessions[1].start.valid == 0);
    }
    rl_medpc_file_free(&f);

    /* bad dates and times are warnings, not errors */
    CHECK(parse("Start Date: 13/45/24\nStart Time: 25:00\nEnd Date:\nA: 1\n", &f, &err) == 0);
    CHECK(has_warning(&f, 1, "not a MM/DD/YY date") && has_warning(&f, 1, "H:MM:SS"));
    CHECK(f.n_sessions == 1 && !f.sessions[0].start.valid);
    rl_medpc_file_free(&f);
}

static void
test_warnings(void)
{
    rl_medpc_file_t f;
    rl_error_t err;
    const rl_medpc_session_t *s;
    /* line 3 garbage, line 5 an unparsable value, line 8 six values where rows have five
    ** (as in the rat file V2M3_53), line 9 then overlaps index 10, line 11 a gap,
    ** line 12 an unknown header among variables, line 13 a duplicate letter, line 14
    ** a bad scalar; comment, separator and counter lines are skipped silently */
    const char *t = "Start Date: 01/02/03\n"
                    "Subject: S\xe9\xc3\xa9\n"
                    "#### garbage ####\n"
                    "A:\n"
                    "     0:        1.000        2.0x0        3.000\n"
                    "B:\n"
                    "     0:        1.000        2.000        3.000        4.000        5.000\n"
                    "     5:      4 4.000        1.000        2.000        3.000        4.000\n"
                    "    10:        5.000        6.000        7.000\n"
                    "\\ a MED-PC comment\n"
                    "    15:        8.000\n"
                    "Cohort: 3\n"
                    "A: 5\n"
                    "G: twelve\n"
                    "=====\n"
                    "17\n";

    CHECK(parse(t, &f, &err) == 0 && f.n_sessions == 1);
    if (f.n_sessions == 1) {
        s = &f.sessions[0];
        /* 0xE9 alone is Latin-1 e-acute; "\xc3\xa9" is already UTF-8: both end up as UTF-8 */
        CHECK(strcmp(rl_medpc_session_header(s, "Subject"), "S\xc3\xa9\xc3\xa9") == 0);
        CHECK(has_warning(&f, 2, "Latin-1"));
        CHECK(has_warning(&f, 3, "unrecognised line"));
        CHECK(var_len(s, 'A') == 3 && isnan(var_at(s, 'A', 1)));
        CHECK_CLOSE(var_at(s, 'A', 2), 3.0, 0, 0);
        CHECK(has_warning(&f, 5, "'2.0x0'"));
        CHECK(has_warning(&f, 8, "has 6 values"));
        CHECK(has_warning(&f, 9, "overlaps"));
        CHECK_CLOSE(var_at(s, 'B', 5), 4.0, 0, 0);
        CHECK_CLOSE(var_at(s, 'B', 10), 5.0, 0, 0); /* line 9 replaced line 8's value */
        CHECK(rl_medpc_session_var(s, 'B')->lines[10] == 9);
        CHECK(var_len(s, 'B') == 16 && isnan(var_at(s, 'B', 13)) && isnan(var_at(s, 'B', 14)));
        CHECK_CLOSE(var_at(s, 'B', 15), 8.0, 0, 0);
        CHECK(has_warning(&f, 11, "index 13..14 missing"));
        CHECK(has_warning(&f, 12, "among the variables"));
        CHECK(has_warning(&f, 13, "second time"));
        CHECK_CLOSE(var_at(s, 'A', 0), 1.0, 0, 0); /* lookups find the first A */
        CHECK(isnan(var_at(s, 'G', 0)) && has_warning(&f, 14, "'twelve'"));
        CHECK(f.n_warnings == f.n_warnings_total && f.n_warnings == 9);
    }
    rl_medpc_file_free(&f);

    /* warnings are stored up to RL_MEDPC_MAX_WARNINGS and counted beyond */
    {
        size_t i, n = 300;
        char *g = malloc(32 + 4 * n);
        if (g != NULL) {
            strcpy(g, "Start Date: 01/02/03\nA: 1\n");
            for (i = 0; i < n; i++) {
                strcat(g, "?!\n");
            }
            CHECK(parse(g, &f, &err) == 0);
            CHECK(f.n_warnings == RL_MEDPC_MAX_WARNINGS && f.n_warnings_total == n);
            CHECK(f.n_warnings > 0 && f.warnings[0].line == 3);
            rl_medpc_file_free(&f);
        }
        free(g);
    }
}

static void
test_errors(void)
{
    rl_medpc_file_t f;
    rl_error_t err;
    char buf[600];

    /* an array row before any array header: line 3 */
    CHECK(parse("Start Date: 01/02/03\nSubject: X\n     0:        1.000\n", &f, &err)
        == RL_ERR_PARSE);
    CHECK(err.code == RL_ERR_PARSE && err.line == 3 && strcmp(err.file, "test.txt") == 0);
    CHECK(strstr(err.msg, "array row 0 before any array header") != NULL);
    CHECK(strcmp(rl_error_format(&err, buf, sizeof buf),
        "test.txt:3: array row 0 before any array header (a line such as 'E:')") == 0);
    CHECK(f.n_sessions == 0 && f.sessions == NULL && f.name == NULL);
    rl_medpc_file_free(&f); /* safe after failure, and twice */
    rl_medpc_file_free(&f);

    /* with CR CR LF endings the line numbers are the same as with LF */
    CHECK(parse("File: x\r\n\n\r\r\nStart Date: 01/02/03\r\nG: 1\r\n  5:  1\r\n", &f, &err)
        == RL_ERR_PARSE);
    CHECK(err.line == 6 && strstr(err.msg, "after a scalar") != NULL);
    rl_medpc_file_free(&f);

    /* a variable before any header */
    CHECK(parse("\n\nA:\n", &f, &err) == RL_ERR_PARSE && err.line == 3);
    CHECK(strstr(err.msg, "before any session header") != NULL);
    rl_medpc_file_free(&f);

    /* an absurd row index is not allocated */
    CHECK(parse("Start Date: 01/02/03\nE:\n 99999999999: 1\n", &f, &err) == RL_ERR_PARSE);
    CHECK(err.line == 3 && strstr(err.msg, "too large") != NULL);
    rl_medpc_file_free(&f);

    /* a file that cannot be read */
    rl_error_clear(&err);
    CHECK(rl_medpc_parse_file("tests/no/such/file.txt", &f, &err) == RL_ERR_IO);
    CHECK(strcmp(err.file, "tests/no/such/file.txt") == 0 && err.msg[0] != '\0');
    rl_medpc_file_free(&f);
    rl_medpc_file_free(NULL);
}

/* Truncated and corrupted copies of a session must parse or fail cleanly (run under the
** sanitizers by `make test`). A fixed LCG keeps the test deterministic. */
static void
test_never_crashes(void)
{
    char *t = with_eol(SESSION, "\r\n");
    size_t n = strlen(t), cut, i;
    unsigned long x = 20261126;
    rl_medpc_file_t f;
    rl_error_t err;
    int rc, all_ok = 1;

    for (cut = 0; cut <= n; cut++) {
        rc = rl_medpc_parse_buffer(t, cut, "cut", &f, &err);
        all_ok &= rc == 0 || rc == RL_ERR_PARSE;
        rl_medpc_file_free(&f);
    }
    for (i = 0; i < 3000; i++) {
        char *c = malloc(n);
        size_t k;
        if (c == NULL) {
            break;
        }
        memcpy(c, t, n);
        for (k = 0; k < 1 + i % 8; k++) {
            x = x * 6364136223846793005UL + 1442695040888963407UL;
            c[(x >> 33) % n] = (char)(x >> 17);
        }
        rc = rl_medpc_parse_buffer(c, n, "fuzz", &f, &err);
        all_ok &= rc == 0 || rc == RL_ERR_PARSE;
        rl_medpc_file_free(&f);
        free(c);
    }
    CHECK(all_ok);
    free(t);
}

/* ---------------------------------------------------------------- the real sample files */

/* What was read by eye in each sample file (paths relative to DATA_REL). */
typedef struct sample {
    const char *path;
    size_t sessions;
    const char *subject; /* of the first session */
    char array;          /* an array letter and its length */
    size_t array_len;
    char scalar; /* a scalar letter and its value */
    double scalar_value;
} sample_t;

/* Where the numbers are: "Subject:" is line 6 or 7; array lengths are the label of the
** array's last row + the values in that row (the row just above the next letter);
** scalars are the "G:" line (14 or 15), for Lab.Data.Prep "G:" line 13 (0.000) and for
** the wrangler file "Z:" line 35. */
static const sample_t SAMPLES[] = {
    /* E last row line 293 "1180:" 4 values; G line 14 */
    {"coffey-mouse-oralfent/!2024-04-29_10h03m.Subject B21", 1, "B21", 'E', 1184, 'G', 1184},
    /* E last row line 77 "115:" 1 value; G line 14 */
    {"coffey-mouse-oralfent/!2024-05-06_09h48m.Subject B21", 1, "B21", 'E', 116, 'G', 116},
    /* D: line 51 has no rows (E: follows); G line 14 */
    {"coffey-mouse-oralfent/!2024-05-17_09h53m.Subject B21", 1, "B21", 'D', 0, 'G', 36},
    /* E last row line 81 "140:" 4 values; G line 14 */
    {"coffey-mouse-oralfent/!2024-05-20_09h19m.Subject B21", 1, "B21", 'E', 144, 'G', 143},
    /* E last row line 804 "3685:" 3 values; G line 14 */
    {"coffey-mouse-oralfent/!2024-05-24_09h35m.Subject R36", 1, "R36", 'E', 3688, 'G', 3687},
    /* E last row line 91 "190:" 2 values; G line 14 */
    {"coffey-mouse-oralfent/!2024-06-01_09h29m.Subject B21", 1, "B21", 'E', 192, 'G', 191},
    /* E last row line 66 "65:" 1 value; G line 14 */
    {"coffey-mouse-oralfent/!2024-06-03_09h24m.Subject B21", 1, "B21", 'E', 66, 'G', 65},
    /* E last row line 362 "1515:" 5 values; G line 14 */
    {"coffey-mouse-oralfent/!2024-07-11_09h48m.Subject 663", 1, "663", 'E', 1520, 'G', 1519},
    /* LF only; E last row line 147 "450:" 5 values; G line 15 */
    {"coffey-mouse-oralfent/!2024-07-15_09h48m.Subject 651", 1, "651", 'E', 455, 'G', 454},
    /* LF only; E last row line 251 "955:" 4 values; G line 15 */
    {"coffey-mouse-oralfent/!2024-07-19_10h24m.Subject 651", 1, "651", 'E', 959, 'G', 958},
    /* LF only; E last row line 130 "370:" 1 value; G line 15 */
    {"coffey-mouse-oralfent/!2025-03-24_11h13m.Subject 68", 1, "68", 'E', 371, 'G', 371},
    /* E last row line 202 "725:" 2 values; G line 14 */
    {"coffey-mouse-oralfent/2024-10-21_09h57m_Subject 33.txt", 1, "33", 'E', 727, 'G', 726},
    /* E last row line 1722 "8320:" 2 values; G line 14 */
    {"coffey-mouse-oralfent/2024-11-08_12h37m_Subject 50.txt", 1, "50", 'E', 8322, 'G', 8321},
    /* E last row line 233 "880:" 5 values; G line 14 */
    {"coffey-mouse-oralfent/2024-11-11_08h42m_Subject 33.txt", 1, "33", 'E', 885, 'G', 884},
    /* E last row line 76 "115:" 1 value; G line 14 */
    {"coffey-mouse-oralfent/2024-11-25_09h23m_Subject 33.txt", 1, "33", 'E', 116, 'G', 115},
    /* E last row line 101 "235:" 1 value; G line 15 */
    {"coffey-rat-oralfent/All Behavior PP/!2025-10-08_11h21m.Subject PPM1", 1, "PPM1", 'E',
        236, 'G', 235},
    /* E last row line 111 "280:" 3 values; G line 14 */
    {"coffey-rat-oralfent/All Behavior PP/!2025-10-13_12h01m.Subject V2F1_51", 1, "V2F1_51",
        'E', 283, 'G', 282},
    /* E last row line 186 "620:" 4 values; G line 15 */
    {"coffey-rat-oralfent/All Behavior PP/!2025-10-16_10h42m.Subject V2M3_53", 1, "V2M3_53",
        'E', 624, 'G', 623},
    /* R: line 150, one row "0:" with 5 values; G line 15 */
    {"coffey-rat-oralfent/All Behavior PP/!2025-11-17_13h56m.Subject DTF5_59", 1, "DTF5_59",
        'R', 5, 'G', 462},
    /* E last row line 183 "635:" 2 values; G line 14 */
    {"coffey-rat-oralfent/All Behavior/!2025-03-24_10h23m.Subject VF1_35", 1, "VF1_35", 'E',
        637, 'G', 637},
    /* E last row line 65 "55:" 2 values; G line 14 */
    {"coffey-rat-oralfent/All Behavior/!2025-04-14_12h07m.Subject VF1_35", 1, "VF1_35", 'E',
        57, 'G', 56},
    /* E last row line 79 "125:" 4 values; G line 14 */
    {"coffey-rat-oralfent/All Behavior/!2025-04-24_11h21m.Subject VF1_35", 1, "VF1_35", 'E',
        129, 'G', 128},
    /* E last row line 85 "150:" 2 values; G line 14 */
    {"coffey-rat-oralfent/All Behavior/!2025-09-10_11h47m.Subject V2M2_50", 1, "V2M2_50", 'E',
        152, 'G', 151},
    /* E last row line 84 "150:" 4 values; G line 14 */
    {"coffey-rat-oralfent/All Behavior/!2025-09-22_13h48m.Subject V2F5_59", 1, "V2F5_59", 'E',
        154, 'G', 153},
    /* E last row line 59 "25:" 5 values; G line 14 */
    {"coffey-rat-oralfent/All Behavior/!2025-10-02_14h02m.Subject V2F5_59", 1, "V2F5_59", 'E',
        30, 'G', 29},
    /* E last row line 346 "1450:" 3 values; G line 14 */
    {"coffey-rat-oralfent/All Behavior/!2026-06-09_10h44m.Subject V4F1_79", 1, "V4F1_79", 'E',
        1453, 'G', 1452},
    /* E: line 53 directly followed by T: (lost events) although G line 15 = 187 */
    {"coffey-rat-oralfent/All Behavior/!2026-06-30_09h55m.Subject V4F1_79", 1, "V4F1_79", 'E',
        0, 'G', 187},
    /* E last row line 80 "130:" 4 values; G line 14 */
    {"coffey-rat-oralfent/All Behavior/!2026-07-10_10h03m.Subject V4F1_79", 1, "V4F1_79", 'E',
        134, 'G', 134},
    /* E one row line 53 "0:" 4 values; G line 14 */
    {"coffey-rat-oralfent/All Behavior/to_be_stitched/!2025-09-10_15h28m.Subject V2M2_50", 1,
        "V2M2_50", 'E', 4, 'G', 3},
    /* D last row line 223 "590:" 4 values; G line 13 */
    {"lab-data-prep/data/!2020-03-13_08h34m.Subject EB11", 1, "EB11", 'D', 594, 'G', 0},
    /* D last row line 373 "830:" 2 values */
    {"lab-data-prep/data/!2023-02-23_18h49m.Subject DF21.txt", 1, "DF21", 'D', 832, 'G', 0},
    /* D last row line 1079 "2835:" 2 values */
    {"lab-data-prep/data/!2023-02-23_18h49m.Subject DF23.txt", 1, "DF23", 'D', 2837, 'G', 0},
    /* D last row line 182 "290:" 4 values */
    {"lab-data-prep/data/!2023-03-07_18h55m.Subject DF21.txt", 1, "DF21", 'D', 294, 'G', 0},
    /* D last row line 391 "845:" 4 values */
    {"lab-data-prep/data/!2023-03-07_18h55m.Subject DF23.txt", 1, "DF23", 'D', 849, 'G', 0},
    /* D last row line 279 "730:" 5 values */
    {"lab-data-prep/inst/extdata/!2020-03-10_08h31m.SubjectEB11.txt", 1, "EB11", 'D', 735,
        'G', 0},
    /* 4 sessions ("Start Date:" lines 4, 2040, 4076, 6112); B last row line 2032 "9975:"
    ** 1 value (zero padded to DIM); Z line 35 */
    {"medpc-wrangler/medpc_data_example", 4, "C6_01", 'B', 9976, 'Z', 385},
};

#define N_SAMPLES (sizeof SAMPLES / sizeof SAMPLES[0])

static int
parse_sample(const char *rel, rl_medpc_file_t *f)
{
    char path[512];
    rl_error_t err;
    int rc;

    snprintf(path, sizeof path, "%s/" DATA_REL "/%s", rl_test_shared_dir(), rel);
    rl_error_clear(&err);
    rc = rl_medpc_parse_file(path, f, &err);
    if (rc != 0) {
        char buf[800];
        fprintf(stderr, "%s\n", rl_error_format(&err, buf, sizeof buf));
    }
    return rc;
}

static void
test_samples_table(void)
{
    size_t i;

    if (!rl_test_need_shared(DATA_REL)) {
        return;
    }
    for (i = 0; i < N_SAMPLES; i++) {
        const sample_t *x = &SAMPLES[i];
        rl_medpc_file_t f;
        const rl_medpc_session_t *s;
        int ok = parse_sample(x->path, &f) == 0 && f.n_sessions == x->sessions;
        if (ok) {
            s = &f.sessions[0];
            ok = rl_medpc_session_header(s, "Subject") != NULL
                && strcmp(rl_medpc_session_header(s, "Subject"), x->subject) == 0
                && var_len(s, x->array) == x->array_len
                && var_at(s, x->scalar, 0) == x->scalar_value && s->start.valid
                && s->end.valid && s->duration_s > 0;
        }
        if (!ok) {
            fprintf(stderr, "sample %s does not match\n", x->path);
        }
        CHECK(ok);
        rl_medpc_file_free(&f);
    }
}

/* Every MED-PC text file in the folder (not .md/.csv/.xlsx) parses and is in SAMPLES. */
static size_t
walk(const char *dir, const char *rel)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t count = 0, i;

    if (d == NULL) {
        return 0;
    }
    while ((e = readdir(d)) != NULL) {
        char path[1024], sub[1024];
        struct stat st;
        const char *dot = strrchr(e->d_name, '.');
        if (e->d_name[0] == '.' && (e->d_name[1] == '\0' || e->d_name[1] == '.'
            || strcmp(e->d_name, ".gitattributes") == 0)) {
            continue;
        }
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        snprintf(sub, sizeof sub, "%s%s%s", rel, rel[0] ? "/" : "", e->d_name);
        if (stat(path, &st) != 0) {
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            count += walk(path, sub);
            continue;
        }
        if (dot != NULL && (strcmp(dot, ".md") == 0 || strcmp(dot, ".csv") == 0
            || strcmp(dot, ".xlsx") == 0)) {
            continue;
        }
        for (i = 0; i < N_SAMPLES && strcmp(SAMPLES[i].path, sub) != 0; i++) {
        }
        if (i == N_SAMPLES) {
            fprintf(stderr, "sample file %s is not in SAMPLES\n", sub);
        }
        CHECK(i < N_SAMPLES);
        count++;
    }
    closedir(d);
    return count;
}

static void
test_samples_all_listed(void)
{
    char dir[512];
    if (!rl_test_need_shared(DATA_REL)) {
        return;
    }
    snprintf(dir, sizeof dir, "%s/" DATA_REL, rl_test_shared_dir());
    CHECK(walk(dir, "") == N_SAMPLES);
}

/* Values that exercise particular variants, read in the files at the lines stated. */
static void
test_samples_variants(void)
{
    rl_medpc_file_t f;
    const rl_medpc_session_t *s;
    size_t i;
    /* wrangler: "Subject:" lines 6/2042/4078/6114, "Z:" lines 35/2071/4107/6143 */
    const char *subj[] = {"C6_01", "C6_02", "C6_03", "C6_04"};
    const double z[] = {385, 707, 759, 655};

    if (!rl_test_need_shared(DATA_REL)) {
        return;
    }
    /* 663, line 42: "    10: ... 100000000000 ..." = B(13), 12 digits and no point */
    CHECK(parse_sample("coffey-mouse-oralfent/!2024-07-11_09h48m.Subject 663", &f) == 0);
    CHECK(f.n_sessions == 1 && var_at(&f.sessions[0], 'B', 13) == 1e11);
    /* line 36: A(13) "1000000000.0" */
    CHECK(f.n_sessions == 1 && var_at(&f.sessions[0], 'A', 13) == 1e9);
    rl_medpc_file_free(&f);

    /* PPM1 line 30 "X:10000000000."; line 37 A(15) = -5.000; line 103 R = 100000, 1e10 */
    CHECK(parse_sample("coffey-rat-oralfent/All Behavior PP/!2025-10-08_11h21m.Subject PPM1",
              &f) == 0);
    if (f.n_sessions == 1) {
        s = &f.sessions[0];
        CHECK(var_at(s, 'X', 0) == 1e10 && var_at(s, 'A', 15) == -5.0);
        CHECK(var_len(s, 'R') == 2 && var_at(s, 'R', 1) == 1e10);
        CHECK(f.n_warnings_total == 0);
    }
    rl_medpc_file_free(&f);

    /* V2M3_53 line 37 "    15:      4 4.000     1000.000 ..." has 6 tokens: a warning there,
    ** and the next row (line 38, "20:") overlaps */
    CHECK(parse_sample("coffey-rat-oralfent/All Behavior PP/!2025-10-16_10h42m.Subject V2M3_53",
              &f) == 0);
    CHECK(has_warning(&f, 37, "has 6 values") && has_warning(&f, 38, "overlaps"));
    CHECK(f.n_warnings_total == 2);
    rl_medpc_file_free(&f);

    /* DF21: Start 02/23/23 18:49:04, End 02/24/23 7:11:28 (lines 4-5, 10-11) = 44544 s */
    CHECK(parse_sample("lab-data-prep/data/!2023-02-23_18h49m.Subject DF21.txt", &f) == 0);
    CHECK(f.n_sessions == 1 && f.sessions[0].duration_s == 44544.0);
    /* line 374 "E:" follows D; C(0) on line 76 is the time.event value 1066.300 */
    CHECK(f.n_sessions == 1 && var_at(&f.sessions[0], 'C', 0) == 1066.3);
    rl_medpc_file_free(&f);

    /* renamed file: the File: line (line 1) keeps the original name */
    CHECK(parse_sample("lab-data-prep/inst/extdata/!2020-03-10_08h31m.SubjectEB11.txt", &f)
        == 0);
    CHECK(f.n_sessions == 1 && strcmp(rl_medpc_session_header(&f.sessions[0], "File"),
        "C:\\MED-PC IV\\DATA\\!2020-03-10_08h31m.Subject EB11") == 0);
    rl_medpc_file_free(&f);

    CHECK(parse_sample("medpc-wrangler/medpc_data_example", &f) == 0);
    CHECK(f.n_sessions == 4 && f.n_warnings_total == 0);
    for (i = 0; i < 4 && i < f.n_sessions; i++) {
        s = &f.sessions[i];
        CHECK(strcmp(rl_medpc_session_header(s, "Subject"), subj[i]) == 0);
        CHECK(var_at(s, 'Z', 0) == z[i] && var_len(s, 'B') == 9976);
    }
    /* first row of B, line 37: 30013.710 */
    CHECK(f.n_sessions == 4 && var_at(&f.sessions[0], 'B', 0) == 30013.71);
    CHECK(f.n_sessions == 4 && rl_medpc_session_var(&f.sessions[0], 'B')->lines[0] == 37);
    CHECK(f.n_sessions == 4 && f.sessions[1].line == 2040);
    rl_medpc_file_free(&f);
}

/* The non-annotated format (numbers only; layout of ../shared/research/medpc-data.md §5
** row 19): a file header, then per session the marker 0.3, 26 counts (A..Z), the values. */
static void
test_non_annotated(void)
{
    /* lines 1-3 not a header block (line 2 blank); session 1: marker line 4, counts lines 5-30 (C = 2,
    ** E = 3), values lines 31-35 (C: 31-32, E: 33-35); session 2: marker line 36, counts
    ** 37-62 (A = 1), value line 63 (not a number). */
    char text[2048];
    rl_medpc_file_t f;
    rl_error_t err;
    int k;

    snprintf(text, sizeof text, "7\n\n12.000\n0.300\n");
    for (k = 0; k < 26; k++) {
        strcat(text, k == 2 ? "2\n" : k == 4 ? "3\n" : "0\n");
    }
    strcat(text, "5\n6\n22\n23\n100\n0.3\n");
    for (k = 0; k < 26; k++) {
        strcat(text, k == 0 ? "1\n" : "0\n");
    }
    strcat(text, "x\n");
    CHECK(rl_medpc_parse_buffer(text, strlen(text), "plain", &f, &err) == 0);
    CHECK(f.n_sessions == 2);
    if (f.n_sessions == 2) {
        const rl_medpc_var_t *c = rl_medpc_session_var(&f.sessions[0], 'C');
        const rl_medpc_var_t *e = rl_medpc_session_var(&f.sessions[0], 'E');
        const rl_medpc_var_t *a = rl_medpc_session_var(&f.sessions[1], 'A');
        CHECK(f.sessions[0].line == 4 && f.sessions[1].line == 36);
        CHECK(f.sessions[0].n_headers == 0);
        CHECK(f.sessions[0].n_vars == 26 && !f.sessions[0].start.valid);
        CHECK(c != NULL && c->is_array && c->n == 2 && c->values[0] == 5 && c->values[1] == 6);
        CHECK(e != NULL && e->n == 3 && e->values[2] == 100 && e->lines[2] == 35);
        CHECK(a != NULL && a->n == 1 && isnan(a->values[0]));
        CHECK(rl_medpc_session_var(&f.sessions[0], 'Z')->n == 0);
        /* lines 1-3 are not the header block of the format: named once */
        CHECK(f.n_warnings == 3 && f.warnings[0].line == 1
            && strstr(f.warnings[0].msg, "not the 18-line header block") != NULL);
        CHECK(f.warnings[1].line == 63 && strstr(f.warnings[2].msg, "non-annotated") != NULL);
    }
    rl_medpc_file_free(&f);
    /* numbers without a valid marker layout are not sessions */
    CHECK(rl_medpc_parse_buffer("1\n2\n0.3\n4\n", 10, "nums", &f, &err) == 0);
    CHECK(f.n_sessions == 0);
    rl_medpc_file_free(&f);
}

static const rl_test_case_t CASES[] = {
    {"medpc_line_endings", test_line_endings, 0},
    {"medpc_two_sessions", test_two_sessions, 0},
    {"medpc_numbers", test_numbers, 0},
    {"medpc_missing_end_and_dates", test_missing_end_and_dates, 0},
    {"medpc_warnings", test_warnings, 0},
    {"medpc_errors", test_errors, 0},
    {"medpc_never_crashes", test_never_crashes, 0},
    {"medpc_non_annotated", test_non_annotated, 0},
    {"medpc_samples_table", test_samples_table, RL_TEST_SHARED},
    {"medpc_samples_all_listed", test_samples_all_listed, RL_TEST_SHARED},
    {"medpc_samples_variants", test_samples_variants, RL_TEST_SHARED},
};

RL_TEST_MAIN(CASES)
