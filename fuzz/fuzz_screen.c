/* fuzz_screen.c -- fuzz target: a screen file and its protocol (rl_screen_load_file,
** screen.h).
**
** The screen reader takes a path, and the screen file names its training protocol by a path
** relative to its own folder. So the input carries both files (rl_fuzz_two_files, fuzz.h):
** the screen file's text, then optionally a line `#--- protocol.yaml` and the protocol's
** text, written as screen.yaml and protocol.yaml into a temporary folder; the seeds name
** `protocol: protocol.yaml` (fuzz/make-corpus.sh rewrites the seeds' protocol paths), so
** the fuzzer mutates the screen and the protocol it refers to together.
*/
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/screen.h"

static void
check_screen(const rl_screen_t *s)
{
    const rl_protocol_t *p = &s->protocol;
    int i, j;
    rl_fuzz_check_protocol(p);
    FUZZ_CHECK(FUZZ_TERMINATED(s->title) && FUZZ_TERMINATED(s->path));
    FUZZ_CHECK(s->procedure >= 0 && s->procedure < p->n_procedures);
    FUZZ_CHECK(s->test_phase >= 1 && s->test_phase < p->procedures[s->procedure].n_phases);
    FUZZ_CHECK(s->n >= RL_SCREEN_MIN_N && s->n <= RL_SCREEN_MAX_N);
    FUZZ_CHECK(s->n_genotypes == p->n_groups && s->n_genotypes <= RL_SCREEN_MAX_GENOTYPES);
    FUZZ_CHECK(s->n_triggers >= 1 && s->n_triggers <= RL_SCREEN_MAX_TRIGGERS);
    FUZZ_CHECK(s->n_arms >= 2 && s->n_arms <= RL_SCREEN_MAX_ARMS);
    FUZZ_CHECK(s->arms[0].n_treatments == 0);
    for (i = 0; i < s->n_triggers; i++) {
        FUZZ_CHECK(FUZZ_TERMINATED(s->triggers[i].name));
    }
    for (i = 1; i < s->n_arms; i++) {
        FUZZ_CHECK(FUZZ_TERMINATED(s->arms[i].name));
        FUZZ_CHECK(s->arms[i].n_treatments >= 1
            && s->arms[i].n_treatments <= RL_MAX_TREATMENTS);
        for (j = 0; j < s->arms[i].n_treatments; j++) {
            const rl_treatment_t *t = &s->arms[i].treatments[j];
            FUZZ_CHECK(t->dose_mg_per_kg > 0 && t->minutes_before >= 0);
            FUZZ_CHECK(t->minutes_before <= s->max_minutes_before);
        }
    }
    FUZZ_CHECK(rl_screen_n_subjects(s) == s->n_genotypes * s->n);
    FUZZ_CHECK(rl_screen_tests_per_mouse(s) == s->n_triggers * s->n_arms);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int allowed[] = {RL_ERR_IO, RL_ERR_PARSE, RL_ERR_INVALID, RL_ERR_NOMEM};
    static rl_screen_t screen; /* 1.4 MB, as in fuzz_protocol.c; the loader clears it */
    const char *path = rl_fuzz_two_files(data, size, "screen.yaml");
    rl_screen_t *s = &screen;
    rl_error_t err;
    int ret;

    if (path == NULL) {
        return 0;
    }
    rl_error_clear(&err);
    ret = rl_screen_load_file(s, path, &err);
    rl_fuzz_check_status(ret, &err, allowed, sizeof allowed / sizeof allowed[0]);
    if (ret == 0) {
        check_screen(s);
    }
    rl_screen_free(s);
    rl_screen_free(s);
    return 0;
}
