/* fuzz_medpc.c -- fuzz target: a MED-PC data file (rl_medpc_parse_buffer, medpc.h), then
** every session decoded (rl_medpc_decode, medpc_decode.h).
**
** The input is the bytes of a MED-PC file (annotated or the numbers-only format). The
** target parses it, checks the parsed file's bounds, and decodes every session with each
** shipped profile (profiles/, loaded once per process from the source tree): first
** `relapselab`, the default of import-medpc and export --medpc, then the others, which
** cover the other encodings (time_dot_code, code_plus_time) and timeout codes. It asks each
** profile whether it matches the session and which phase rule applies, as the importer
** does. Seeds: MED-PC files that `relapselab export --medpc` writes for a run of
** tests/data/small.yaml with several profiles, plus the same data converted to the
** time.code and numbers-only formats (fuzz/make-corpus.sh).
*/
#include "fuzz.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/medpc.h"
#include "relapselab/medpc_decode.h"
#include "relapselab/medpc_profile.h"

static const char *const profile_names[] = {"relapselab", "coffey-liq-sa",
    "coffey-liq-sa-medpc5", "jorge-time-tag", "townsend-tt"};
#define N_PROFILES (sizeof profile_names / sizeof profile_names[0])

static rl_medpc_profile_t profiles[N_PROFILES];
static int profiles_ready;

/* The shipped profiles, loaded on the first call; 0 or -1. */
static int
load_profiles(void)
{
    rl_error_t err;
    size_t i;
    if (profiles_ready) {
        return 0;
    }
    for (i = 0; i < N_PROFILES; i++) {
        if (rl_medpc_profile_load(&profiles[i], profile_names[i], RL_PROFILE_DIRS, &err) != 0) {
            fprintf(stderr, "fuzz_medpc: profile %s: %s\n", profile_names[i], err.msg);
            return -1;
        }
    }
    profiles_ready = 1;
    return 0;
}

static void
check_file(const rl_medpc_file_t *f)
{
    size_t i, j, k;
    FUZZ_CHECK(f->n_warnings <= RL_MEDPC_MAX_WARNINGS);
    FUZZ_CHECK(f->n_warnings <= f->n_warnings_total);
    for (i = 0; i < f->n_warnings; i++) {
        FUZZ_CHECK(FUZZ_TERMINATED(f->warnings[i].msg) && f->warnings[i].line >= 0);
    }
    for (i = 0; i < f->n_sessions; i++) {
        const rl_medpc_session_t *s = &f->sessions[i];
        for (j = 0; j < s->n_headers; j++) {
            FUZZ_CHECK(s->headers[j].key != NULL && s->headers[j].value != NULL);
        }
        for (j = 0; j < s->n_vars; j++) {
            const rl_medpc_var_t *v = &s->vars[j];
            FUZZ_CHECK(v->letter >= 'A' && v->letter <= 'Z');
            FUZZ_CHECK(v->is_array || v->n == 1);
            FUZZ_CHECK((v->n == 0) == (v->values == NULL) && (v->n == 0) == (v->lines == NULL));
            for (k = 0; k < v->n; k++) {
                FUZZ_CHECK(v->lines[k] >= 1);
                FUZZ_CHECK(!isinf(v->values[k]));
            }
        }
    }
}

/* The decoder's promises (medpc_decode.h); with a shipped profile, times are finite. */
static void
check_decoded(const rl_medpc_decoded_t *d)
{
    size_t i;
    int64_t active = 0, inactive = 0;
    if (rl_medpc_decoded_failed(d)) {
        return;
    }
    FUZZ_CHECK(d->n_events >= 2 && d->events != NULL && d->codes != NULL);
    FUZZ_CHECK(d->events[0].kind == RL_EV_SESSION_START && d->events[0].t_s == 0);
    FUZZ_CHECK(d->events[d->n_events - 1].kind == RL_EV_SESSION_END);
    FUZZ_CHECK(d->duration_s == d->events[d->n_events - 1].t_s);
    for (i = 0; i < d->n_events; i++) {
        const rl_event_t *e = &d->events[i];
        FUZZ_CHECK(e->kind >= 0 && e->kind < RL_EV_COUNT);
        FUZZ_CHECK(isfinite(e->t_s) && e->t_s >= 0);
        FUZZ_CHECK(e->t_s <= d->duration_s);
        active += e->kind == RL_EV_POKE_ACTIVE;
        inactive += e->kind == RL_EV_POKE_INACTIVE;
    }
    for (i = 0; i < d->n_issues; i++) {
        FUZZ_CHECK(FUZZ_TERMINATED(d->issues[i].msg));
    }
    FUZZ_CHECK(d->active == active && d->inactive == inactive);
    FUZZ_CHECK(d->active_timeout >= 0 && d->active_timeout <= d->active);
    FUZZ_CHECK(d->reinforcers >= 0 && d->n_other >= 0);
}

static void
decode_session(const rl_medpc_session_t *s)
{
    const char *msn = rl_medpc_session_header(s, "MSN");
    const char *file = rl_medpc_session_header(s, "File");
    rl_medpc_decoded_t dec;
    rl_error_t err;
    size_t i;
    for (i = 0; i < N_PROFILES; i++) {
        int ret;
        (void) rl_medpc_profile_matches(&profiles[i], msn, file, "fuzz/input");
        (void) rl_medpc_profile_phase(&profiles[i], msn);
        ret = rl_medpc_decode(s, &profiles[i], &dec, &err);
        FUZZ_CHECK(ret == 0 || ret == RL_ERR_NOMEM);
        if (ret == 0) {
            check_decoded(&dec);
        }
        rl_medpc_decoded_free(&dec);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int allowed[] = {RL_ERR_PARSE, RL_ERR_NOMEM};
    rl_medpc_file_t f;
    rl_error_t err;
    size_t i;
    int ret;

    if (load_profiles() != 0) {
        abort(); /* a broken harness must not pass as "no crash" */
    }
    rl_error_clear(&err);
    ret = rl_medpc_parse_buffer((const char *) data, size, "fuzz.txt", &f, &err);
    rl_fuzz_check_status(ret, &err, allowed, sizeof allowed / sizeof allowed[0]);
    if (ret == 0) {
        check_file(&f);
        for (i = 0; i < f.n_sessions; i++) {
            decode_session(&f.sessions[i]);
        }
    } else {
        FUZZ_CHECK(f.n_sessions == 0 && f.sessions == NULL);
    }
    rl_medpc_file_free(&f);
    rl_medpc_file_free(&f);
    return 0;
}
