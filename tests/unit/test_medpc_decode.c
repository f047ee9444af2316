/* test_medpc_decode.c -- decoding profiles (medpc_profile.c) and the decoder
** (medpc_decode.c) on hand-written MED-PC sessions, one per encoding and per problem.
**
** Every expected value is worked out by hand from the buffer beside it. The shipped
** profiles (the .yaml files of profiles/) must all load. Run with the repository root as working
** directory.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "relapselab/medpc.h"
#include "relapselab/medpc_decode.h"
#include "relapselab/medpc_profile.h"
#include "testlib.h"

#define HEADER                                                                     \
    "File: C:\\MED-PC IV\\DATA\\!2024-05-06_09h48m.Subject S1\n\n\n"               \
    "Start Date: 05/06/24\nEnd Date: 05/06/24\nSubject: S1\nExperiment: X\n"         \
    "Group: G\nBox: 1\nStart Time:  9:00:00\nEnd Time:  9:30:00\nMSN: Prog_SA\n"
/* HEADER is lines 1-12 (File, 2 blanks, 9 header lines): the first variable is line 13. */

static int
load(rl_medpc_profile_t *p, const char *yaml, rl_error_t *err)
{
    rl_error_clear(err);
    return rl_medpc_profile_parse(p, yaml, strlen(yaml), "test.yaml", err);
}

/* Parse text (one session) and decode it with profile yaml. */
static int
decode(const char *text, const char *yaml, rl_medpc_decoded_t *d)
{
    rl_medpc_profile_t p;
    rl_medpc_file_t f;
    rl_error_t err;
    int ret;

    if (load(&p, yaml, &err) != 0) {
        char buf[800];
        fprintf(stderr, "%s\n", rl_error_format(&err, buf, sizeof buf));
        return -1;
    }
    if (rl_medpc_parse_buffer(text, strlen(text), "s.txt", &f, &err) != 0 || f.n_sessions != 1) {
        rl_medpc_file_free(&f);
        return -1;
    }
    ret = rl_medpc_decode(&f.sessions[0], &p, d, &err);
    rl_medpc_file_free(&f);
    return ret;
}

static bool
has_issue(const rl_medpc_decoded_t *d, rl_issue_severity_t sev, const char *text)
{
    size_t i;
    for (i = 0; i < d->n_issues; i++) {
        if (d->issues[i].severity == sev && strstr(d->issues[i].msg, text) != NULL) {
            return true;
        }
    }
    return false;
}

static void
test_shipped_profiles(void)
{
    static const char *const names[] = {"coffey-liq-sa", "coffey-liq-sa-medpc5",
        "townsend-tt", "jorge-time-tag", "relapselab"};
    rl_medpc_profile_t p;
    rl_error_t err;
    size_t i;
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        rl_error_clear(&err);
        CHECK(rl_medpc_profile_load(&p, names[i], "profiles", &err) == 0);
        CHECK(strcmp(p.name, names[i]) == 0);
    }
    CHECK(rl_medpc_profile_load(&p, "no-such-profile", "profiles", &err) == RL_ERR_IO);
    CHECK(strstr(err.msg, "no profile of this name") != NULL);
    /* the MED-PC V profile takes Golden_Liq_SelfAdmin_EXT only from a MED-PC V file name */
    CHECK(rl_medpc_profile_load(&p, "coffey-liq-sa-medpc5", "profiles", &err) == 0);
    CHECK(rl_medpc_profile_matches(&p, "Golden_Liq_SelfAdmin_EXT",
        "C:\\MED-PC\\Data\\2024-11-11_08h42m_Subject 33.txt", "renamed.txt"));
    CHECK(!rl_medpc_profile_matches(&p, "Golden_Liq_SelfAdmin_EXT",
        "C:\\MED-PC IV\\DATA\\!2024-05-20_09h19m.Subject B21", "x/!2024-05-20_09h19m.Subject B21"));
    CHECK(!rl_medpc_profile_matches(&p, "KC_Liq_EXT_08_2024",
        "C:\\MED-PC\\Data\\2024-11-11_08h42m_Subject 33.txt", NULL));
    CHECK(rl_medpc_profile_load(&p, "coffey-liq-sa", "profiles", &err) == 0);
    CHECK(strcmp(rl_medpc_profile_phase(&p, "KC_Liq_SelfAdmin_Opto_EXT_03_2025")->name,
              "extinction") == 0);
    CHECK(strcmp(rl_medpc_profile_phase(&p, "Golden_Liq_SelfAdmin_REI")->name,
              "reinstatement") == 0);
    CHECK(strcmp(rl_medpc_profile_phase(&p, "Golden_Liq_SelfAdmin")->name,
              "self_administration") == 0);
}

static void
test_bad_profiles(void)
{
    static const struct {
        const char *yaml;
        long line;
        const char *msg;
    } cases[] = {
        {"profile: x\nencoding: parallel\ncodes: E\ntimes: T\nevents: {1: poke_active}\n"
         "colour: red\n", 6, "unknown key 'colour'"},
        {"profile: x\ncodes: E\ntimes: T\nevents: {}\n", 1, "needs an encoding"},
        {"profile: x\nencoding: zigzag\nevents: {}\n", 2, "encoding must be one of"},
        {"profile: x\nencoding: parallel\ncodes: E\nevents: {}\n", 2, "needs codes: and times:"},
        {"profile: x\nencoding: parallel\ncodes: e\ntimes: T\nevents: {}\n", 3, "letter A-Z"},
        {"profile: x\nencoding: parallel\ncodes: E\ntimes: T\nevents:\n  1: poke\n", 6,
            "unknown event kind 'poke'"},
        {"profile: x\nencoding: parallel\ncodes: E\ntimes: T\nevents:\n  1: pellet\n"
         "  1.0: pellet\n", 7, "listed twice"},
        {"profile: x\nencoding: code_plus_time\narrays: [B]\nevents: {}\n", 1, "code_scale"},
        {"profile: x\nencoding: parallel\ncodes: E\ntimes: T\ntime_unit: fortnight\n"
         "events: {}\n", 5, "time unit"},
        {"profile: x\nencoding: parallel\ncodes: E\ntimes: T\nevents: {}\n"
         "checks:\n  - {kind: pellet, var: \"C[3]\"}\n", 7, "var must be like C(10)"},
        {"profile: x\nencoding: parallel\ncodes: E\ntimes: T\nevents: {}\n"
         "phases:\n  - {name: a, kind: relapse}\n", 7, "phase kind must be one of"},
        {"profile: x\nencoding: parallel\ncodes: E\ntimes: T\nevents: {\n", 6, "YAML syntax"},
        /* found by fuzz/fuzz_profile.c: a name that is empty or missing */
        {"profile:\nencoding: parallel\ncodes: E\ntimes: T\nevents: {}\n", 1, "needs a name"},
        {"profile: ''\nencoding: parallel\ncodes: E\ntimes: T\nevents: {}\n", 1, "needs a name"},
    };
    rl_medpc_profile_t p;
    rl_error_t err;
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = load(&p, cases[i].yaml, &err);
        CHECK(rc == RL_ERR_INVALID || rc == RL_ERR_PARSE);
        CHECK(err.line == cases[i].line);
        CHECK(strstr(err.msg, cases[i].msg) != NULL);
        CHECK(strcmp(err.file, "test.yaml") == 0);
        if (err.line != cases[i].line || strstr(err.msg, cases[i].msg) == NULL) {
            fprintf(stderr, "  case %zu: line %ld: %s\n", i, err.line, err.msg);
        }
    }
}

/* Parallel E/T arrays, Coffey-style: a rewarded press at 10 s (2, 22, 24, 17), a press in
** the timeout at 12 s (21 + 22 share the time stamp), an inactive press at 30 s, the
** timeout end at 20 s, an unknown code 33 and the end code 100 at 1800 s. */
static const char PARALLEL_YAML[] =
    "profile: t\nencoding: parallel\ncodes: E\ntimes: T\ntime_unit: s\n"
    "events:\n  22: poke_active\n  23: poke_inactive\n  17: infusion_start\n"
    "  19: timeout_end\n  100: session_end\n  2: {kind: other, label: left}\n"
    "  21: other\n  24: other\n"
    "timeout: {marks: [21]}\nduration: {var: H, unit: s}\n"
    "checks:\n  - {kind: poke_active, var: \"C(0)\"}\n  - {kind: poke_inactive, var: \"C(1)\"}\n";

static void
test_parallel(void)
{
    static const char text[] = HEADER
        "H:    1800.000\n"
        "C:\n     0:        2.000        2.000\n"
        "E:\n     0:        2.000       22.000       24.000       17.000       21.000\n"
        "     5:       22.000       19.000       23.000       33.000      100.000\n"
        "T:\n     0:       10.000       10.000       10.000       10.000       12.000\n"
        "     5:       12.000       20.000       30.000       40.000     1800.000\n";
    rl_medpc_decoded_t d;
    CHECK(decode(text, PARALLEL_YAML, &d) == 0);
    /* 10 entries -> 10 events (end code included) + session_start */
    CHECK(d.n_events == 11);
    CHECK(d.events[0].kind == RL_EV_SESSION_START && isnan(d.codes[0]));
    CHECK(d.events[2].kind == RL_EV_POKE_ACTIVE && d.events[2].in_timeout == 0);
    CHECK(d.events[6].kind == RL_EV_POKE_ACTIVE && d.events[6].in_timeout == 1);
    CHECK_CLOSE(d.events[6].t_s, 12.0, 0, 0);
    CHECK(d.events[8].kind == RL_EV_POKE_INACTIVE && d.events[8].in_timeout == 0);
    CHECK(d.events[9].kind == RL_EV_OTHER && d.codes[9] == 33);
    CHECK(d.events[10].kind == RL_EV_SESSION_END && d.codes[10] == 100);
    CHECK(d.active == 2 && d.active_timeout == 1 && d.inactive == 1 && d.reinforcers == 1);
    CHECK(d.has_end_code && d.duration_s == 1800.0);
    /* C(1) = 2 but one inactive press decoded: a warning with the counter's line (15) */
    CHECK(has_issue(&d, RL_ISSUE_WARNING, "counts disagree: 1 poke_inactive decoded, the "
                                          "program counted C(1) = 2"));
    CHECK(!has_issue(&d, RL_ISSUE_WARNING, "C(0)"));
    CHECK(has_issue(&d, RL_ISSUE_NOTE, "33 x1"));
    CHECK(!rl_medpc_decoded_failed(&d));
    rl_medpc_decoded_free(&d);
}

/* No end code: the session end comes from H; arrays of unequal length; a bad number. */
static void
test_no_end_code(void)
{
    static const char text[] = HEADER
        "H:    1234.500\n"
        "E:\n     0:       22.000       22.000       23.000\n"
        "T:\n     0:        5.000        x.y\n";
    rl_medpc_decoded_t d;
    CHECK(decode(text, PARALLEL_YAML, &d) == 0);
    /* one pair unpaired (E has 3, T 2), one time is not a number: 1 event + start + end */
    CHECK(d.n_events == 3);
    CHECK(!d.has_end_code);
    CHECK(d.events[2].kind == RL_EV_SESSION_END && d.events[2].t_s == 1234.5);
    CHECK(has_issue(&d, RL_ISSUE_WARNING, "no session-end code"));
    CHECK(has_issue(&d, RL_ISSUE_WARNING, "differ in length (3 and 2)"));
    CHECK(has_issue(&d, RL_ISSUE_WARNING, "not numbers skipped"));
    rl_medpc_decoded_free(&d);
}

/* breakpoint_var: the scalar's whole number is the breakpoint; a fraction is a warning and
** no breakpoint (the phase's series then gives it); without the key, none. */
static void
test_breakpoint_var(void)
{
    static const char ok[] = HEADER "B:      18.000\n"
        "E:\n     0:       22.000\n" "T:\n     0:        5.000\n";
    static const char frac[] = HEADER "B:      2.500\n"
        "E:\n     0:       22.000\n" "T:\n     0:        5.000\n";
    char yaml[sizeof PARALLEL_YAML + 32];
    rl_medpc_decoded_t d;
    snprintf(yaml, sizeof yaml, "%sbreakpoint_var: B\n", PARALLEL_YAML);
    CHECK(decode(ok, yaml, &d) == 0);
    CHECK(d.breakpoint == 18);
    rl_medpc_decoded_free(&d);
    CHECK(decode(frac, yaml, &d) == 0);
    CHECK(d.breakpoint == -1 && has_issue(&d, RL_ISSUE_WARNING, "B = 2.5 is not a ratio"));
    rl_medpc_decoded_free(&d);
    CHECK(decode(ok, PARALLEL_YAML, &d) == 0);
    CHECK(d.breakpoint == -1);
    rl_medpc_decoded_free(&d);
}

/* A negative time in the parallel encoding is dropped with the non-numbers, as the packed
** encodings drop theirs: no event before session_start (found by fuzz_medpc; its input is
** fuzz/regressions/medpc/parallel-negative-time.txt). */
static void
test_negative_time(void)
{
    static const char text[] = HEADER
        "E:\n     0:       22.000       23.000      100.000\n"
        "T:\n     0:       -5.000       10.000       60.000\n";
    rl_medpc_decoded_t d;
    CHECK(decode(text, PARALLEL_YAML, &d) == 0);
    /* the pair (22, -5) is dropped: start, the inactive poke at 10 s, the end at 60 s */
    CHECK(d.n_events == 3);
    CHECK(d.events[1].kind == RL_EV_POKE_INACTIVE && d.events[1].t_s == 10.0);
    CHECK(d.active == 0 && d.duration_s == 60.0);
    CHECK(has_issue(&d, RL_ISSUE_WARNING, "array E: 1 value(s)"));
    rl_medpc_decoded_free(&d);
}

static void
test_missing_array(void)
{
    static const char text[] = HEADER "H:    10.000\nE:\n     0:       22.000\n";
    rl_medpc_decoded_t d;
    CHECK(decode(text, PARALLEL_YAML, &d) == 0);
    CHECK(rl_medpc_decoded_failed(&d));
    CHECK(has_issue(&d, RL_ISSUE_ERROR, "reads array T, which this session does not have"));
    rl_medpc_decoded_free(&d);
}

/* time.code in centiseconds over two arrays, merged by time (Lab.Data.Prep style). */
static void
test_time_dot_code(void)
{
    static const char yaml[] =
        "profile: t\nencoding: time_dot_code\narrays: [C, D]\ntime_unit: cs\n"
        "events:\n  0.3: poke_active\n  0.6: pellet\n  0.999: session_end\n";
    static const char text[] = HEADER
        "C:\n     0:     1066.300     2569.300\n"
        "D:\n     0:        0.111     1066.600     4325964.999\n";
    rl_medpc_decoded_t d;
    CHECK(decode(text, yaml, &d) == 0);
    CHECK(d.n_events == 6); /* start, .111@0, .3@10.66, .6@10.66, .3@25.69, end */
    CHECK(d.events[1].kind == RL_EV_OTHER);
    CHECK_CLOSE(d.codes[1], 0.111, 1e-12, 0);
    CHECK(d.events[2].kind == RL_EV_POKE_ACTIVE);
    CHECK_CLOSE(d.events[2].t_s, 10.66, 1e-9, 0);
    CHECK(d.events[3].kind == RL_EV_PELLET); /* same time, array C before D */
    CHECK_CLOSE(d.events[4].t_s, 25.69, 1e-9, 0);
    CHECK(d.events[5].kind == RL_EV_SESSION_END);
    CHECK_CLOSE(d.duration_s, 43259.64, 1e-6, 0);
    CHECK(d.active == 2 && d.reinforcers == 1 && d.has_end_code);
    rl_medpc_decoded_free(&d);
}

/* code * 10000 + time, zero padded (medpc_wrangler style). */
static void
test_code_plus_time(void)
{
    static const char yaml[] =
        "profile: t\nencoding: code_plus_time\narrays: [B]\ncode_scale: 10000\n"
        "events:\n  10000: poke_active\n  90000: pellet\n";
    static const char text[] = HEADER
        "B:\n     0:    10012.340    90012.340   110100.000        0.000        0.000\n";
    rl_medpc_decoded_t d;
    CHECK(decode(text, yaml, &d) == 0);
    CHECK(d.n_events == 5); /* start, press, pellet, code 110000 at 100 s, end */
    CHECK(d.events[1].kind == RL_EV_POKE_ACTIVE);
    CHECK_CLOSE(d.events[1].t_s, 12.34, 1e-6, 0);
    CHECK(d.codes[2] == 90000);
    CHECK(d.events[3].kind == RL_EV_OTHER && d.codes[3] == 110000);
    CHECK_CLOSE(d.events[3].t_s, 100.0, 1e-6, 0);
    /* no end code and no duration variable: the header's 9:00-9:30 gives 1800 s */
    CHECK(d.events[4].kind == RL_EV_SESSION_END && d.events[4].t_s == 1800.0);
    rl_medpc_decoded_free(&d);
}

/* One timestamp array per kind, relative times in ms (inter-event intervals). */
static void
test_timestamp_arrays(void)
{
    static const char yaml[] =
        "profile: t\nencoding: timestamp_arrays\ntime_unit: ms\n"
        "events:\n  J: poke_active\n  K: infusion_start\n";
    static const char text[] = HEADER
        "J:\n     0:     1000.000     5000.000\n"
        "K:\n     0:     1500.000\n";
    rl_medpc_decoded_t d;
    CHECK(decode(text, yaml, &d) == 0);
    CHECK(d.n_events == 5); /* start, J@1, K@1.5, J@5, end */
    CHECK(d.events[1].kind == RL_EV_POKE_ACTIVE && d.events[1].t_s == 1.0);
    CHECK(d.events[2].kind == RL_EV_INFUSION_START && d.events[2].t_s == 1.5);
    CHECK(d.events[3].kind == RL_EV_POKE_ACTIVE && d.events[3].t_s == 5.0);
    CHECK(isnan(d.codes[1]));
    rl_medpc_decoded_free(&d);
}

static void
test_relative_times(void)
{
    static const char yaml[] =
        "profile: t\nencoding: time_dot_code\narrays: [C]\ntime_unit: s\ntime_base: relative\n"
        "events:\n  0.51: poke_active\n";
    static const char text[] = HEADER "C:\n     0:        0.510      160.610       10.510\n";
    rl_medpc_decoded_t d;
    CHECK(decode(text, yaml, &d) == 0);
    CHECK(d.n_events == 5);
    CHECK(d.events[1].t_s == 0.0 && d.events[2].t_s == 160.0 && d.events[3].t_s == 170.0);
    CHECK(d.events[3].kind == RL_EV_POKE_ACTIVE && d.events[2].kind == RL_EV_OTHER);
    rl_medpc_decoded_free(&d);
}

/* The start/end form of timeout: pokes between code 24 and code 19 are in the timeout. */
static void
test_timeout_window(void)
{
    static const char yaml[] =
        "profile: t\nencoding: parallel\ncodes: E\ntimes: T\n"
        "events:\n  22: poke_active\n  100: session_end\n"
        "timeout: {start: [24], end: [19]}\n";
    static const char text[] = HEADER
        "E:\n     0:       22.000       24.000       22.000       19.000       22.000\n"
        "     5:      100.000\n"
        "T:\n     0:        1.000        1.000        3.000       11.000       12.000\n"
        "     5:       20.000\n";
    rl_medpc_decoded_t d;
    CHECK(decode(text, yaml, &d) == 0);
    CHECK(d.events[1].in_timeout == 0 && d.events[3].in_timeout == 1
        && d.events[5].in_timeout == 0);
    CHECK(d.active == 3 && d.active_timeout == 1);
    rl_medpc_decoded_free(&d);
}

static const rl_test_case_t CASES[] = {
    {"shipped_profiles", test_shipped_profiles, 0},
    {"bad_profiles", test_bad_profiles, 0},
    {"parallel", test_parallel, 0},
    {"no_end_code", test_no_end_code, 0},
    {"breakpoint_var", test_breakpoint_var, 0},
    {"negative_time", test_negative_time, 0},
    {"missing_array", test_missing_array, 0},
    {"time_dot_code", test_time_dot_code, 0},
    {"code_plus_time", test_code_plus_time, 0},
    {"timestamp_arrays", test_timestamp_arrays, 0},
    {"relative_times", test_relative_times, 0},
    {"timeout_window", test_timeout_window, 0},
};

RL_TEST_MAIN(CASES)
