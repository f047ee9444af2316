/* fuzz_screen.c -- fuzz target: a screen file and its protocol (rl_screen_load_file,
** screen.h).
**
** The screen reader takes a path, and the screen file names its training protocol by a path
** relative to its own folder. So the input carries both files: the screen file's text, then
** optionally a line `#--- protocol.yaml` (a YAML comment) and the protocol's text. The
** target writes them as screen.yaml and protocol.yaml into a temporary folder of its own
** (made once per process, removed at exit) and loads screen.yaml; the seeds name
** `protocol: protocol.yaml` (fuzz/make-corpus.sh rewrites the seeds' protocol paths), so
** the fuzzer mutates the screen and the protocol it refers to together. An input without the
** marker has no protocol.yaml (the one of the previous input is deleted): the result
** depends on the input alone.
**
** A mutated `protocol:` may name any file. Reading a device (/dev/zero never ends) is not a
** bug of the reader, so inputs that mention /dev/, /proc/ or /sys/ are skipped.
*/
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "relapselab/screen.h"

#define MARKER "#--- protocol.yaml\n"

static char tmp_dir[200];
static char screen_path[256];
static char protocol_path[256];

static void
remove_tmp_dir(void)
{
    unlink(screen_path);
    unlink(protocol_path);
    rmdir(tmp_dir);
}

/* The temporary folder, made on the first call; 0 or -1. */
static int
make_tmp_dir(void)
{
    const char *base = getenv("TMPDIR");
    if (tmp_dir[0] != '\0') {
        return 0;
    }
    if (base == NULL || base[0] == '\0' || strlen(base) > 100) {
        base = "/tmp";
    }
    snprintf(tmp_dir, sizeof tmp_dir, "%s/rl_fuzz_screen_XXXXXX", base);
    if (mkdtemp(tmp_dir) == NULL) {
        perror("fuzz_screen: mkdtemp");
        tmp_dir[0] = '\0';
        return -1;
    }
    snprintf(screen_path, sizeof screen_path, "%s/screen.yaml", tmp_dir);
    snprintf(protocol_path, sizeof protocol_path, "%s/protocol.yaml", tmp_dir);
    atexit(remove_tmp_dir);
    return 0;
}

/* Offset of the first occurrence of needle in data[0..size-1], or size. */
static size_t
find(const uint8_t *data, size_t size, const char *needle)
{
    size_t n = strlen(needle), i;
    for (i = 0; i + n <= size; i++) {
        if (memcmp(data + i, needle, n) == 0) {
            return i;
        }
    }
    return size;
}

/* Offset of the marker line (at the start of the input or of a line), or size. */
static size_t
find_marker(const uint8_t *data, size_t size)
{
    size_t at;
    if (size >= strlen(MARKER) && memcmp(data, MARKER, strlen(MARKER)) == 0) {
        return 0;
    }
    at = find(data, size, "\n" MARKER);
    return at < size ? at + 1 : size;
}

static int
write_file(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    int ok = f != NULL && fwrite(data, 1, size, f) == size;
    if (f != NULL && fclose(f) != 0) {
        ok = 0;
    }
    if (!ok) {
        perror(path);
    }
    return ok ? 0 : -1;
}

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
    size_t at = find_marker(data, size), body;
    rl_screen_t *s = &screen;
    rl_error_t err;
    int ret;

    if (find(data, size, "/dev/") < size || find(data, size, "/proc/") < size
        || find(data, size, "/sys/") < size) {
        return 0;
    }
    if (make_tmp_dir() != 0 || write_file(screen_path, data, at) != 0) {
        abort(); /* the machine, not the reader: stop rather than fuzz nothing */
    }
    unlink(protocol_path);
    if (at < size) {
        body = at + strlen(MARKER);
        if (write_file(protocol_path, data + body, size - body) != 0) {
            abort();
        }
    }
    rl_error_clear(&err);
    ret = rl_screen_load_file(s, screen_path, &err);
    rl_fuzz_check_status(ret, &err, allowed, sizeof allowed / sizeof allowed[0]);
    if (ret == 0) {
        check_screen(s);
    }
    rl_screen_free(s);
    rl_screen_free(s);
    return 0;
}
