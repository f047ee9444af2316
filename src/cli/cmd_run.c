/* cmd_run.c -- `relapselab run`: protocol -> cohort simulation -> SQLite + summary.
**
** Loads and validates the protocol (nothing is created if it is invalid), opens the store
** on a temporary file, runs the cohort on --threads threads, feeds each subject in order
** to the store and the summary, shows a progress line on a terminal, and commits the
** database atomically. A run too large is announced, an absurd one refused unless --force
** (run_size.h). SIGINT/SIGTERM stop the run within milliseconds, even inside a session
** (the chamber polls the flag); the temporary file is then removed and no database appears.
*/
#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "run_size.h"
#include "relapselab/protocol.h"
#include "relapselab/rng.h"
#include "relapselab/run.h"
#include "relapselab/summary.h"
#include "core/alloc.h"
#include "core/text_safe.h"

#define DEFAULT_PROTOCOL "examples/gutierrez2014.yaml"


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

/* results/<stem>.db for protocol path p: the file name without its last extension
** ("study.v1.yaml" -> study.v1, so versions stay apart), a leading dot kept as part of
** the name (".hidden.yaml" -> .hidden; ".hidden" -> .hidden). */
static void
default_out(const char *p, char *buf, size_t n)
{
    const char *base = strrchr(p, '/'), *dot;
    size_t len;
    base = base ? base + 1 : p;
    dot = strrchr(base, '.');
    len = dot != NULL && dot != base ? (size_t) (dot - base) : strlen(base);
    snprintf(buf, n, "results/%.*s.db", (int) len, base);
}

/* The database: --out as given -- but not "-": a database cannot go to standard output --
** or results/<stem>.db, the folder made if missing. -1, or the exit code after saying why. */
static int
output_path(const char **out, const char *protocol_path, char *buf, size_t n)
{
    int code;
    if ((code = rl_cli_refuse_stdout("--out", *out, "a database cannot be written to "
             "standard output; give a file name")) >= 0) {
        return code;
    }
    if (*out == NULL) {
        default_out(protocol_path, buf, n);
        *out = buf;
        mkdir("results", 0777); /* the default folder; an error shows up at open */
    }
    return -1;
}

/* Where the results are and the commands that analyse them (the path shell-quoted, so the
** lines can be pasted as they are). */
static void
print_next_steps(const char *db)
{
    char *q = rl_cli_shell_word(db);
    const char *w = q != NULL ? q : db;
    printf("\nResults database: %s\n", db);
    printf("  tables: run, reinforcers, procedures, phases, groups, subjects, subject_params,"
           " sessions, events, activity (docs/SCHEMA.md)\n");
    printf("  tidy CSV: relapselab export %s --csv DIR\n", w);
    printf("  measures: relapselab summary %s\n", w);
    printf("  figures:  relapselab plot %s reinstatement -o reinstatement.png\n", w);
    printf("  report:   relapselab report %s -o report.html\n", w);
    free(q);
}

/* The command recorded in the database (run.command): the protocol path shell-quoted. */
static void
command_line(char *buf, size_t n, const char *protocol_path, const rl_cli_common_t *c)
{
    char *q = rl_cli_shell_word(protocol_path);
    snprintf(buf, n, "relapselab run %s --seed %" PRIu64 "%s", q != NULL ? q : protocol_path,
        c->seed, c->settings);
    free(q);
}

static int
usage(void)
{
    fprintf(stderr,
        "usage: relapselab run [PROTOCOL] [--seed S] [--threads N] [--out DB] [--quiet]\n"
        "  PROTOCOL   YAML protocol (default %s)\n"
        "  --seed S   master seed, a non-negative integer (default: a fresh one, printed)\n"
        "  --threads N  worker threads, 1-256 (default 2; results do not depend on it)\n"
        "  --out DB   results database (default results/<protocol file name without its\n"
        "             last extension>.db); not standard output\n"
        "  --set NAME=VALUE  change a parameter's population value (repeatable; see\n"
        "             relapselab params); it applies to every mouse, whatever its genotype\n"
        "  --quiet    no progress line and no summary\n"
        "  --force    run even a run estimated at more than 7 days, a 1 TB database or\n"
        "             more memory than the machine has (refused without it). A run\n"
        "             estimated at more than a minute or 1 GB is announced first. The\n"
        "             estimate: the sessions at their maximum x 100 events per\n"
        "             session-hour, 14 bytes and about 1 us per event (docs/PROTOCOL.md)\n",
        DEFAULT_PROTOCOL);
    return RL_EXIT_USAGE;
}

/* The options of `relapselab run` into c and the out-parameters (left unchanged when not
** given): -1 to go on, else the exit code to return now (--help, a bad argument). */
static int
parse_args(int argc, char **argv, rl_cli_common_t *c, const char **protocol_path,
    const char **out_path, int *quiet, int *force)
{
    int i, ret;
    rl_cli_common_init(c, 0, 2);
    for (i = 1; i < argc; i++) {
        if ((ret = rl_cli_common_option(argc, argv, &i, c)) >= 0) {
            if (ret != 0) {
                return ret;
            }
        } else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
            *out_path = argv[++i];
        } else if (strcmp(argv[i], "--quiet") == 0) {
            *quiet = 1;
        } else if (strcmp(argv[i], "--force") == 0) {
            *force = 1;
        } else if (strcmp(argv[i], "--help") == 0) {
            usage();
            return RL_EXIT_OK;
        } else if (argv[i][0] == '-' || *protocol_path != NULL) {
            fprintf(stderr, "relapselab: unexpected argument '%s'\n", argv[i]);
            return usage();
        } else {
            *protocol_path = argv[i];
        }
    }
    return -1;
}

int
rl_cmd_run(int argc, char **argv)
{
    const char *protocol_path = NULL, *out_path = NULL;
    char out_buf[512], command[2048];
    int quiet = 0, force = 0, ret, code = RL_EXIT_OK;
    rl_protocol_t *protocol = NULL;
    rl_summary_t *summary = NULL;
    rl_cli_common_t c;
    rl_cli_progress_t pc;
    rl_run_options_t opt;
    rl_text_buf_t tb; /* names escaped for the terminal (text_safe.h) */
    rl_error_t err;

    rl_error_clear(&err);
    if ((ret = parse_args(argc, argv, &c, &protocol_path, &out_path, &quiet, &force)) >= 0) {
        return ret;
    }
    if (protocol_path == NULL) {
        protocol_path = DEFAULT_PROTOCOL;
    }
    if ((ret = output_path(&out_path, protocol_path, out_buf, sizeof out_buf)) >= 0) {
        return ret;
    }
    if (!c.have_seed) {
        c.seed = fresh_seed();
    }

    protocol = rl_malloc(sizeof *protocol);
    if (protocol == NULL) {
        fprintf(stderr, "relapselab: out of memory\n");
        return RL_EXIT_FAIL;
    }
    ret = rl_protocol_load_file(protocol, protocol_path, &err);
    if (ret != 0) {
        code = rl_cli_report(&err);
        goto out;
    }
    if ((code = rl_cli_run_size_check(protocol, c.threads, force, quiet)) != 0) {
        goto out;
    }
    if ((ret = rl_summary_create(protocol, &summary, &err)) != 0) {
        code = rl_cli_report(&err);
        goto out;
    }
    command_line(command, sizeof command, protocol_path, &c);
    memset(&opt, 0, sizeof opt);
    opt.seed = c.seed;
    opt.threads = c.threads;
    opt.params = &c.params;
    /* Handlers first: from here on a signal stops the run cleanly (no temporary file). */
    opt.cancel = rl_cli_catch_interrupts();
    opt.progress = rl_cli_progress_start(&pc, !quiet);
    opt.command = command;
    opt.summary = summary;
    if (!quiet) {
        fprintf(stderr, "relapselab: %s, %d mice, seed %" PRIu64 ", %d thread%s\n",
            rl_text_safe(protocol_path, &tb), rl_protocol_n_subjects(protocol), c.seed, c.threads,
            c.threads == 1 ? "" : "s");
    }
    ret = rl_run_to_store(protocol, out_path, &opt, NULL, &err);
    if (ret != 0) {
        if (ret == RL_ERR_INTERRUPTED) {
            fprintf(stderr, "\nrelapselab: interrupted; no database was written\n");
        }
        code = rl_cli_report(&err);
        goto out;
    }
    if (!quiet) {
        printf("\n%s -- seed %" PRIu64 "\n\n",
            rl_text_safe(protocol->study[0] ? protocol->study : protocol_path, &tb), c.seed);
        if (rl_summary_print(summary, stdout, &err) != 0) {
            code = rl_cli_report(&err);
            goto out;
        }
        print_next_steps(out_path);
    }
out:
    rl_summary_free(summary);
    if (protocol != NULL) {
        rl_protocol_free(protocol);
        free(protocol);
    }
    return code;
}
