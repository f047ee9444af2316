/* common.c -- the contract checks the fuzz targets share (see fuzz.h).
**
** The checks state what a reader promises its callers: a status code from its documented
** list with the error record filled in, and, on success, data the rest of the library may
** index without checking again (a protocol's group points at an existing reinforcer and
** procedure, a PR series fits its array, ...). A violation aborts, so that libFuzzer keeps
** the input as a crash.
*/
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "relapselab/background.h"
#include "relapselab/drugs.h"
#include "relapselab/genotype.h"

void
rl_fuzz_fail(const char *cond, const char *file, int line)
{
    fprintf(stderr, "%s:%d: fuzz check failed: %s\n", file, line, cond);
    abort();
}

void
rl_fuzz_check_status(int ret, const rl_error_t *err, const int *allowed, size_t n)
{
    char buf[RL_ERROR_FILE_MAX + RL_ERROR_MSG_MAX + 64];
    static int verbose = -1;
    size_t i;
    int known = 0;

    if (verbose < 0) {
        verbose = getenv("RL_FUZZ_VERBOSE") != NULL;
    }
    if (ret == 0) {
        if (verbose) {
            printf("  accepted\n");
        }
        return;
    }
    FUZZ_CHECK(FUZZ_TERMINATED(err->file));
    FUZZ_CHECK(FUZZ_TERMINATED(err->msg));
    for (i = 0; i < n; i++) {
        known |= ret == allowed[i];
    }
    if (!known) {
        fprintf(stderr, "fuzz: status %d (%s): %s\n", ret, rl_strerror(ret), err->msg);
    }
    FUZZ_CHECK(known);
    FUZZ_CHECK(err->code == ret);
    FUZZ_CHECK(err->msg[0] != '\0');
    FUZZ_CHECK(err->line >= 0 && err->col >= 0);
    rl_error_format(err, buf, sizeof buf);
    FUZZ_CHECK(strlen(buf) < sizeof buf);
    if (verbose) {
        printf("  rejected (%s): %s\n", rl_strerror(ret), buf);
    }
}

static void
check_schedule(const rl_schedule_t *s)
{
    int i;
    if (s->type == RL_SCHEDULE_FR) {
        FUZZ_CHECK(s->ratio >= 1);
        return;
    }
    FUZZ_CHECK(s->type == RL_SCHEDULE_PR);
    FUZZ_CHECK(s->pr_n >= 1 && s->pr_n <= RL_MAX_PR_STEPS);
    FUZZ_CHECK(s->pr_series[0] >= 1);
    for (i = 1; i < s->pr_n; i++) {
        FUZZ_CHECK(s->pr_series[i] > s->pr_series[i - 1]);
    }
}

static void
check_treatment(const rl_treatment_t *t)
{
    FUZZ_CHECK(FUZZ_TERMINATED(t->drug) && FUZZ_TERMINATED(t->route));
    FUZZ_CHECK(t->drug_id >= 0 && t->drug_id < rl_drug_count());
    FUZZ_CHECK(t->dose_mg_per_kg > 0);
    FUZZ_CHECK(t->minutes_before >= 0);
}

static void
check_phase(const rl_procedure_t *pr, const rl_phase_t *ph)
{
    int i;
    FUZZ_CHECK(FUZZ_TERMINATED(ph->name));
    FUZZ_CHECK((int) ph->kind >= 0 && (int) ph->kind < (int) RL_PHASE_KIND_COUNT);
    if (!RL_PHASE_IS_PLACE(ph->kind)) {
        check_schedule(&ph->schedule);
    }
    FUZZ_CHECK(ph->session_min > 0);
    FUZZ_CHECK(ph->n_treatments >= 0 && ph->n_treatments <= RL_MAX_TREATMENTS);
    for (i = 0; i < ph->n_treatments; i++) {
        check_treatment(&ph->treatments[i]);
    }
    FUZZ_CHECK(ph->n_stressors >= 0 && ph->n_stressors <= RL_MAX_STRESSORS);
    for (i = 0; i < ph->n_stressors; i++) {
        FUZZ_CHECK(ph->stressors[i].duration_min > 0);
    }
    FUZZ_CHECK(FUZZ_TERMINATED(ph->criterion.reference_phase));
    if (ph->criterion.type == RL_CRITERION_EXTINCTION) {
        FUZZ_CHECK(ph->criterion.reference_phase_id >= 0
            && ph->criterion.reference_phase_id < pr->n_phases);
    }
    if (ph->criterion.type != RL_CRITERION_NONE) {
        FUZZ_CHECK(ph->criterion.consecutive >= 1);
    }
    if (ph->kind == RL_PHASE_PLACE_CONDITIONING && ph->pairing.with_drug) {
        check_treatment(&ph->pairing.drug);
    }
}

void
rl_fuzz_check_protocol(const rl_protocol_t *p)
{
    int i, j;
    FUZZ_CHECK(FUZZ_TERMINATED(p->study) && FUZZ_TERMINATED(p->path));
    FUZZ_CHECK(p->source_text != NULL && strlen(p->source_text) <= p->source_len);
    FUZZ_CHECK(p->n_reinforcers >= 1 && p->n_reinforcers <= RL_MAX_REINFORCERS);
    FUZZ_CHECK(p->n_groups >= 1 && p->n_groups <= RL_MAX_GROUPS);
    FUZZ_CHECK(p->n_procedures >= 1 && p->n_procedures <= RL_MAX_PROCEDURES);
    for (i = 0; i < p->n_reinforcers; i++) {
        FUZZ_CHECK(FUZZ_TERMINATED(p->reinforcers[i].name));
        FUZZ_CHECK(FUZZ_TERMINATED(p->reinforcers[i].drug));
    }
    for (i = 0; i < p->n_groups; i++) {
        const rl_group_t *g = &p->groups[i];
        FUZZ_CHECK(FUZZ_TERMINATED(g->name) && FUZZ_TERMINATED(g->genotype));
        FUZZ_CHECK(FUZZ_TERMINATED(g->line) && FUZZ_TERMINATED(g->background));
        FUZZ_CHECK(g->reinforcer >= 0 && g->reinforcer < p->n_reinforcers);
        FUZZ_CHECK(g->procedure >= 0 && g->procedure < p->n_procedures);
        FUZZ_CHECK(g->genotype_id >= 0 && g->genotype_id < rl_genotype_count());
        FUZZ_CHECK(g->background_id >= 0 && g->background_id < rl_background_count());
        FUZZ_CHECK(g->n >= 1);
    }
    for (i = 0; i < p->n_procedures; i++) {
        const rl_procedure_t *pr = &p->procedures[i];
        FUZZ_CHECK(FUZZ_TERMINATED(pr->name));
        FUZZ_CHECK(pr->n_phases >= 1 && pr->n_phases <= RL_MAX_PHASES);
        for (j = 0; j < pr->n_phases; j++) {
            check_phase(pr, &pr->phases[j]);
        }
    }
    FUZZ_CHECK(rl_protocol_n_subjects(p) >= p->n_groups);
}

/* ---------------------------------------------------------------- two-file inputs */

#define MARKER "#--- protocol.yaml\n"

static char tmp_dir[200];
static char main_path[256];
static char protocol_path[256];

static void
remove_tmp_dir(void)
{
    unlink(main_path);
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
    snprintf(tmp_dir, sizeof tmp_dir, "%s/rl_fuzz_XXXXXX", base);
    if (mkdtemp(tmp_dir) == NULL) {
        perror("fuzz: mkdtemp");
        tmp_dir[0] = '\0';
        return -1;
    }
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

const char *
rl_fuzz_two_files(const uint8_t *data, size_t size, const char *name)
{
    size_t at = find_marker(data, size), body;
    if (find(data, size, "/dev/") < size || find(data, size, "/proc/") < size
        || find(data, size, "/sys/") < size) {
        return NULL;
    }
    if (make_tmp_dir() != 0) {
        abort(); /* the machine, not the reader: stop rather than fuzz nothing */
    }
    if (main_path[0] != '\0' && strcmp(strrchr(main_path, '/') + 1, name) != 0) {
        unlink(main_path);
    }
    snprintf(main_path, sizeof main_path, "%s/%s", tmp_dir, name);
    if (write_file(main_path, data, at) != 0) {
        abort();
    }
    unlink(protocol_path);
    if (at < size) {
        body = at + strlen(MARKER);
        if (write_file(protocol_path, data + body, size - body) != 0) {
            abort();
        }
    }
    return main_path;
}
