/* fuzz_profile.c -- fuzz target: a MED-PC decoding profile (rl_medpc_profile_parse,
** medpc_profile.h), then the decoder driven by it.
**
** The input is the YAML text of a profile. When it is accepted, the target checks its
** documented bounds and decodes one fixed MED-PC session with it (rl_medpc_decode), so odd
** but accepted profile values (a huge time unit, a code scale of 1, timeout codes that are
** also event codes, ...) reach the decoder too. That session has all 26 arrays A-Z, filled
** with the kinds of values each encoding reads (small codes, rising times, time.code and
** code * 10000 + time), so whatever letters a profile names, the decoder gets data. Seeds:
** profiles/ (all *.yaml files).
*/
#include "fuzz.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/medpc.h"
#include "relapselab/medpc_decode.h"
#include "relapselab/medpc_profile.h"

static rl_medpc_file_t sample;
static int sample_ready;

static void
free_sample(void)
{
    rl_medpc_file_free(&sample);
}

/* Four kinds of rows, cycled over the letters A-Z: codes, times (s), time.code, and
** code * 10000 + time; the last row of each array is a session-end code or time. */
static const char *const rows[] = {
    "     0:        1.000        2.000        5.000        1.000\n"
    "     5:        7.000        8.000        3.000      100.000\n",
    "     0:       10.500       12.250       12.250       30.000\n"
    "     5:       31.125       45.000       60.000     3600.000\n",
    "     0:     1000.001     1200.002     1200.005     1500.010\n"
    "     5:     2000.100     3100.003     3600.100        0.000\n",
    "     0:    10012.340    20030.000    90031.000    10045.500\n"
    "     5:    50046.000    60050.000        0.000     3600.000\n",
};

/* The fixed session, parsed once (kept for the process, freed at exit); 0 or -1. */
static int
make_sample(void)
{
    char text[8192];
    size_t len;
    rl_error_t err;
    int c;

    if (sample_ready) {
        return 0;
    }
    len = (size_t) snprintf(text, sizeof text, "File: C:\\MED-PC\\DATA\\fuzz\n\n"
        "Start Date: 01/02/24\nEnd Date: 01/02/24\nSubject: 1\nExperiment: fuzz\n"
        "Group: 1\nBox: 1\nStart Time: 9:00:00\nEnd Time: 10:00:00\nMSN: FR1_fuzz\n");
    for (c = 0; c < 26; c++) {
        len += (size_t) snprintf(text + len, sizeof text - len, "%c:\n%s", 'A' + c,
            rows[c % 4]);
    }
    if (len >= sizeof text || rl_medpc_parse_buffer(text, len, "sample", &sample, &err) != 0
        || sample.n_sessions != 1) {
        fprintf(stderr, "fuzz_profile: the sample session does not parse: %s\n", err.msg);
        rl_medpc_file_free(&sample);
        return -1;
    }
    sample_ready = 1;
    atexit(free_sample);
    return 0;
}

static void
check_profile(const rl_medpc_profile_t *p)
{
    int i;
    FUZZ_CHECK(FUZZ_TERMINATED(p->name) && FUZZ_TERMINATED(p->path) && p->name[0] != '\0');
    FUZZ_CHECK(p->n_programs >= 0 && p->n_programs <= RL_PROFILE_MAX_PATTERNS);
    FUZZ_CHECK(p->n_files >= 0 && p->n_files <= RL_PROFILE_MAX_PATTERNS);
    FUZZ_CHECK(p->n_arrays >= 0 && p->n_arrays <= RL_PROFILE_MAX_ARRAYS);
    for (i = 0; i < p->n_arrays; i++) {
        FUZZ_CHECK(p->arrays[i] >= 'A' && p->arrays[i] <= 'Z');
    }
    if (p->encoding == RL_ENC_PARALLEL) {
        FUZZ_CHECK(p->codes_array >= 'A' && p->codes_array <= 'Z');
        FUZZ_CHECK(p->times_array >= 'A' && p->times_array <= 'Z');
    } else if (p->encoding == RL_ENC_TIME_DOT_CODE || p->encoding == RL_ENC_CODE_PLUS_TIME) {
        FUZZ_CHECK(p->n_arrays >= 1);
    } else {
        FUZZ_CHECK(p->encoding == RL_ENC_TIMESTAMP_ARRAYS);
    }
    if (p->encoding == RL_ENC_CODE_PLUS_TIME) {
        FUZZ_CHECK(p->code_scale >= 1);
    }
    FUZZ_CHECK(p->time_unit_s > 0);
    FUZZ_CHECK(p->n_map >= 0 && p->n_map <= RL_PROFILE_MAX_MAP);
    for (i = 0; i < p->n_map; i++) {
        FUZZ_CHECK(p->map[i].kind >= 0 && p->map[i].kind < RL_EV_COUNT);
        FUZZ_CHECK(FUZZ_TERMINATED(p->map[i].label));
    }
    FUZZ_CHECK(p->n_timeout_start >= 0 && p->n_timeout_start <= RL_PROFILE_MAX_CODES);
    FUZZ_CHECK(p->n_timeout_end >= 0 && p->n_timeout_end <= RL_PROFILE_MAX_CODES);
    FUZZ_CHECK(p->n_timeout_marks >= 0 && p->n_timeout_marks <= RL_PROFILE_MAX_CODES);
    FUZZ_CHECK(p->n_checks >= 0 && p->n_checks <= RL_PROFILE_MAX_CHECKS);
    for (i = 0; i < p->n_checks; i++) {
        FUZZ_CHECK(p->checks[i].kind >= 0 && p->checks[i].kind < RL_EV_COUNT);
    }
    FUZZ_CHECK(p->n_phases >= 0 && p->n_phases <= RL_PROFILE_MAX_PHASES);
    for (i = 0; i < p->n_phases; i++) {
        FUZZ_CHECK(FUZZ_TERMINATED(p->phases[i].name));
        FUZZ_CHECK(p->phases[i].n_patterns >= 0
            && p->phases[i].n_patterns <= RL_PROFILE_MAX_PATTERNS);
    }
}

/* The decoder's promises for any session and profile (medpc_decode.h). */
static void
check_decoded(const rl_medpc_decoded_t *d)
{
    size_t i;
    if (rl_medpc_decoded_failed(d)) {
        return;
    }
    FUZZ_CHECK(d->n_events >= 2 && d->events != NULL && d->codes != NULL);
    FUZZ_CHECK(d->events[0].kind == RL_EV_SESSION_START);
    FUZZ_CHECK(d->events[d->n_events - 1].kind == RL_EV_SESSION_END);
    FUZZ_CHECK(d->duration_s == d->events[d->n_events - 1].t_s
        || (isnan(d->duration_s) && isnan(d->events[d->n_events - 1].t_s)));
    for (i = 0; i < d->n_events; i++) {
        FUZZ_CHECK(d->events[i].kind >= 0 && d->events[i].kind < RL_EV_COUNT);
    }
    for (i = 0; i < d->n_issues; i++) {
        FUZZ_CHECK(FUZZ_TERMINATED(d->issues[i].msg));
    }
    FUZZ_CHECK(d->active >= 0 && d->inactive >= 0 && d->active_timeout >= 0);
    FUZZ_CHECK(d->reinforcers >= 0 && d->n_other >= 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int allowed[] = {RL_ERR_PARSE, RL_ERR_INVALID, RL_ERR_NOMEM};
    rl_medpc_profile_t *p;
    rl_medpc_decoded_t dec;
    rl_error_t err;
    const rl_medpc_session_t *s;
    int ret;

    if (make_sample() != 0) {
        abort(); /* a broken harness must not pass as "no crash" */
    }
    if ((p = malloc(sizeof *p)) == NULL) {
        return 0;
    }
    rl_error_clear(&err);
    ret = rl_medpc_profile_parse(p, (const char *) data, size, "fuzz.yaml", &err);
    rl_fuzz_check_status(ret, &err, allowed, sizeof allowed / sizeof allowed[0]);
    if (ret == 0) {
        check_profile(p);
        s = &sample.sessions[0];
        (void) rl_medpc_profile_matches(p, rl_medpc_session_header(s, "MSN"),
            rl_medpc_session_header(s, "File"), "fuzz/sample");
        (void) rl_medpc_profile_phase(p, rl_medpc_session_header(s, "MSN"));
        ret = rl_medpc_decode(s, p, &dec, &err);
        FUZZ_CHECK(ret == 0 || ret == RL_ERR_NOMEM);
        if (ret == 0) {
            check_decoded(&dec);
        }
        rl_medpc_decoded_free(&dec);
    }
    free(p);
    return 0;
}
