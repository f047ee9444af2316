/* cmd_run.c -- `relapselab run`: protocol -> cohort simulation -> SQLite + summary.
**
** Loads and validates the protocol (nothing is created if it is invalid), opens the store
** on a temporary file, runs the cohort on --threads threads, feeds each subject in order
** to the store and the summary, shows a progress line on a terminal, and commits the
** database atomically. SIGINT/SIGTERM stop the run between sessions; the temporary file is
** then removed and no database appears.
*/
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "relapselab/params.h"
#include "relapselab/protocol.h"
#include "relapselab/rng.h"
#include "relapselab/runner.h"
#include "relapselab/store.h"
#include "relapselab/summary.h"

#define DEFAULT_PROTOCOL "examples/gutierrez2014.yaml"


typedef struct run_ctx {
    rl_store_t *store;
    rl_summary_t *summary;
    int show_progress;
    struct timespec start;
} run_ctx_t;

static int
sink(void *ctx, const rl_subject_result_t *s, rl_error_t *err)
{
    run_ctx_t *c = ctx;
    int ret = rl_store_write_subject_result(c->store, s, err);
    if (ret == 0) {
        ret = rl_summary_add(c->summary, s, err);
    }
    return ret;
}

static double
elapsed_s(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double) (now.tv_sec - start->tv_sec) + 1e-9 * (double) (now.tv_nsec - start->tv_nsec);
}

static void
progress(void *ctx, int done, int total, int64_t sessions, int64_t events)
{
    run_ctx_t *c = ctx;
    int width = 30, filled = total > 0 ? done * width / total : width, i;
    if (!c->show_progress) {
        return;
    }
    fputs("\r  [", stderr);
    for (i = 0; i < width; i++) {
        fputc(i < filled ? '#' : '.', stderr);
    }
    fprintf(stderr, "] %d/%d mice, %" PRId64 " sessions, %" PRId64 " events, %.1f s", done,
        total, sessions, events, elapsed_s(&c->start));
    if (done == total) {
        fputc('\n', stderr);
    }
    fflush(stderr);
}

static int
parse_u64(const char *s, uint64_t *out)
{
    char *end;
    unsigned long long v;
    if (s == NULL || *s == '\0' || *s == '-') {
        return -1;
    }
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0') {
        return -1;
    }
    *out = (uint64_t) v;
    return 0;
}

static uint64_t
fresh_seed(void)
{
    uint64_t s = 0;
    FILE *f = fopen("/dev/urandom", "rb");
    if (f != NULL) {
        if (fread(&s, sizeof s, 1, f) != 1) {
            s = 0;
        }
        fclose(f);
    }
    if (s == 0) {
        s = rl_mix64((uint64_t) time(NULL) ^ ((uint64_t) getpid() << 32));
    }
    return s % 1000000000000ULL; /* short enough to type back */
}

/* results/<stem>.db for protocol path p. */
static void
default_out(const char *p, char *buf, size_t n)
{
    const char *base = strrchr(p, '/');
    size_t len;
    base = base ? base + 1 : p;
    len = strcspn(base, ".");
    snprintf(buf, n, "results/%.*s.db", (int) len, base);
}

static int
usage(void)
{
    fprintf(stderr,
        "usage: relapselab run [PROTOCOL] [--seed S] [--threads N] [--out DB] [--quiet]\n"
        "  PROTOCOL   YAML protocol (default %s)\n"
        "  --seed S   master seed, a non-negative integer (default: a fresh one, printed)\n"
        "  --threads N  worker threads, 1-256 (default 2; results do not depend on it)\n"
        "  --out DB   results database (default results/<protocol name>.db)\n"
        "  --set NAME=VALUE  change a parameter's population value (repeatable; see\n"
        "             relapselab params); it applies to every mouse, whatever its genotype\n"
        "  --quiet    no progress line and no summary\n", DEFAULT_PROTOCOL);
    return RL_EXIT_USAGE;
}

int
rl_cmd_run(int argc, char **argv)
{
    const char *protocol_path = NULL, *out_path = NULL;
    char out_buf[512], command[2048], settings[1024] = "";
    rl_params_t base;
    uint64_t seed = 0;
    int have_seed = 0, threads = 2, quiet = 0, i, ret, code = RL_EXIT_OK;
    rl_protocol_t *protocol = NULL;
    rl_error_t err;
    run_ctx_t ctx;
    rl_runner_options_t opt;
    rl_run_info_t info;
    const atomic_int *interrupted = NULL;

    memset(&ctx, 0, sizeof ctx);
    rl_error_clear(&err);
    rl_params_default(&base);
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
            if (parse_u64(argv[++i], &seed) != 0) {
                fprintf(stderr, "relapselab: --seed must be a non-negative integer (got '%s')\n",
                    argv[i]);
                return RL_EXIT_USAGE;
            }
            have_seed = 1;
        } else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc) {
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (*end != '\0' || v < 1 || v > 256) {
                fprintf(stderr, "relapselab: --threads must be 1-256 (got '%s')\n", argv[i]);
                return RL_EXIT_USAGE;
            }
            threads = (int) v;
        } else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
            out_path = argv[++i];
        } else if (strcmp(argv[i], "--set") == 0 && i + 1 < argc) {
            if (rl_params_set(&base, argv[++i], &err) != 0) {
                rl_cli_report(&err);
                return RL_EXIT_USAGE;
            }
            if (strlen(settings) + strlen(argv[i]) + 8 < sizeof settings) {
                strcat(settings, " --set ");
                strcat(settings, argv[i]);
            }
        } else if (strcmp(argv[i], "--quiet") == 0) {
            quiet = 1;
        } else if (strcmp(argv[i], "--help") == 0) {
            usage();
            return RL_EXIT_OK;
        } else if (argv[i][0] == '-' || protocol_path != NULL) {
            fprintf(stderr, "relapselab: unexpected argument '%s'\n", argv[i]);
            return usage();
        } else {
            protocol_path = argv[i];
        }
    }
    if (protocol_path == NULL) {
        protocol_path = DEFAULT_PROTOCOL;
    }
    if (!have_seed) {
        seed = fresh_seed();
    }
    if (out_path == NULL) {
        default_out(protocol_path, out_buf, sizeof out_buf);
        out_path = out_buf;
        mkdir("results", 0777); /* the default folder; an error shows up at open */
    }

    protocol = malloc(sizeof *protocol);
    if (protocol == NULL) {
        fprintf(stderr, "relapselab: out of memory\n");
        return RL_EXIT_FAIL;
    }
    ret = rl_protocol_load_file(protocol, protocol_path, &err);
    if (ret != 0) {
        code = rl_cli_report(&err);
        goto out;
    }
    snprintf(command, sizeof command, "relapselab run %s --seed %" PRIu64 "%s", protocol_path,
        seed, settings);
    /* Handlers first: from here on a signal stops the run cleanly (no temporary file). */
    interrupted = rl_cli_catch_interrupts();
    info.seed = seed;
    info.generator = rl_rng_type()->name;
    info.rng_scheme = RL_RNG_SCHEME;
    info.version = RL_VERSION;
    info.command = command;
    info.imported = 0;
    ret = rl_store_open(out_path, protocol, &info, &ctx.store, &err);
    if (ret == 0) {
        ret = rl_summary_create(protocol, &ctx.summary, &err);
    }
    if (ret != 0) {
        code = rl_cli_report(&err);
        goto out;
    }

    ctx.show_progress = !quiet && isatty(STDERR_FILENO);
    clock_gettime(CLOCK_MONOTONIC, &ctx.start);
    if (!quiet) {
        fprintf(stderr, "relapselab: %s, %d mice, seed %" PRIu64 ", %d thread%s\n",
            protocol_path, rl_protocol_n_subjects(protocol), seed, threads,
            threads == 1 ? "" : "s");
    }
    memset(&opt, 0, sizeof opt);
    opt.seed = seed;
    opt.params = &base;
    opt.threads = threads;
    opt.cancel = interrupted;
    opt.sink = sink;
    opt.sink_ctx = &ctx;
    opt.progress = progress;
    opt.progress_ctx = &ctx;
    ret = rl_runner_run(protocol, &opt, &err);
    if (ret == 0 && atomic_load(interrupted)) {
        ret = rl_error_set(&err, RL_ERR_INTERRUPTED, NULL, 0, 0, "interrupted");
    }
    if (ret != 0) {
        rl_store_abort(ctx.store);
        ctx.store = NULL;
        if (ret == RL_ERR_INTERRUPTED) {
            fprintf(stderr, "\nrelapselab: interrupted; no database was written\n");
        }
        code = rl_cli_report(&err);
        goto out;
    }
    ret = rl_store_commit(ctx.store, &err);
    ctx.store = NULL;
    if (ret != 0) {
        code = rl_cli_report(&err);
        goto out;
    }
    if (!quiet) {
        printf("\n%s -- seed %" PRIu64 "\n\n", protocol->study[0] ? protocol->study : protocol_path,
            seed);
        rl_summary_print(ctx.summary, stdout);
        printf("\nResults database: %s\n", out_path);
        printf("  tables: run, reinforcers, procedures, phases, groups, subjects, subject_params,"
               " sessions, events, activity (docs/SCHEMA.md)\n");
        printf("  tidy CSV: relapselab export %s --csv DIR\n", out_path);
        printf("  measures: relapselab summary %s\n", out_path);
        printf("  figures:  relapselab plot %s reinstatement -o reinstatement.png\n", out_path);
        printf("  report:   relapselab report %s -o report.html\n", out_path);
    }
out:
    rl_store_abort(ctx.store);
    rl_summary_free(ctx.summary);
    if (protocol != NULL) {
        rl_protocol_free(protocol);
        free(protocol);
    }
    return code;
}
