/* cmd_screen.c -- `relapselab screen`: which treatment, at what dose and time, prevents
** which kind of relapse, in which genotype (docs/SCREEN.md).
**
** Loads the screen file and its protocol (nothing runs if either is invalid), trains and
** tests the mice on --threads threads with a progress line on a terminal, then writes the
** CSV table (atomically: a temporary file renamed into place) and prints the ranked tables
** or, with --json, one JSON document. SIGINT/SIGTERM stop the run between sessions; nothing
** is written then. Exit codes: 0, 1 (bad input, I/O), 2 (usage), 130 (interrupted).
** Under mpirun (mpi_split.h, docs/SCALE.md) the mice are split across the ranks and rank 0
** alone talks, summarizes and writes.
*/
#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "relapselab/params.h"
#include "relapselab/screen.h"
#include "core/alloc.h"

#include "mpi_split.h"

typedef struct screen_cli {
    const char *path, *csv;
    rl_cli_common_t common;     /* --seed, --threads, --set */
    int n, json, quiet;
} screen_cli_t;

static int
usage(void)
{
    fprintf(stderr,
        "usage: relapselab screen SCREEN.yaml [--seed S] [--threads N] [--n N] [--csv FILE]\n"
        "                         [--json] [--quiet] [--set NAME=VALUE]...\n"
        "  SCREEN.yaml  the screen: protocol, genotypes, triggers, candidates (docs/SCREEN.md)\n"
        "  --seed S     master seed, a non-negative integer (default 1)\n"
        "  --threads N  worker threads, 1-256 (default 2; results do not depend on it)\n"
        "  --n N        mice per genotype, %d-%d (default: the screen file's n)\n"
        "  --csv FILE   also write the tidy table (one row per genotype x trigger x treatment);\n"
        "               --csv - writes it to standard output instead of the ranked tables\n"
        "  --json       print the results as JSON instead of the ranked tables\n"
        "  --quiet      no progress line and no tables (with --csv)\n"
        "  --set NAME=VALUE  change a parameter's population value (repeatable)\n",
        RL_SCREEN_MIN_N, RL_SCREEN_MAX_N);
    return RL_EXIT_USAGE;
}

/* Returns -1 to go on, or the exit code. */
static int
parse_args(int argc, char **argv, screen_cli_t *c)
{
    long long v;
    int i, code;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if ((code = rl_cli_common_option(argc, argv, &i, &c->common)) >= 0) {
            if (code != 0) {
                return code;
            }
        } else if (strcmp(a, "--n") == 0 && val != NULL) {
            if (rl_cli_int_arg(argv[++i], RL_SCREEN_MIN_N, RL_SCREEN_MAX_N, &v) != 0) {
                fprintf(stderr, "relapselab: --n must be %d-%d (got '%s')\n", RL_SCREEN_MIN_N,
                    RL_SCREEN_MAX_N, val);
                return RL_EXIT_USAGE;
            }
            c->n = (int) v;
        } else if (strcmp(a, "--csv") == 0 && val != NULL) {
            c->csv = argv[++i];
        } else if (strcmp(a, "--json") == 0) {
            c->json = 1;
        } else if (strcmp(a, "--quiet") == 0) {
            c->quiet = 1;
        } else if (strcmp(a, "--help") == 0) {
            usage();
            return RL_EXIT_OK;
        } else if (a[0] == '-' || c->path != NULL) {
            fprintf(stderr, "relapselab: unexpected argument '%s'\n", a);
            return usage();
        } else {
            c->path = a;
        }
    }
    if (c->path == NULL) {
        fprintf(stderr, "relapselab: screen needs a screen file\n");
        return usage();
    }
    if (rl_cli_is_stdout(c->csv) && c->json) {
        fprintf(stderr, "relapselab: --csv - and --json both write to standard output\n");
        return usage();
    }
    return -1;
}

/* Summarize the results and write the outputs (rank 0 only). Returns the exit code. */
static int
write_outputs(const screen_cli_t *c, const rl_screen_t *screen, const rl_screen_results_t *res)
{
    rl_screen_summary_t sum;
    rl_error_t err;
    bool to_stdout = rl_cli_is_stdout(c->csv);
    int code = RL_EXIT_OK;

    memset(&sum, 0, sizeof sum);
    rl_error_clear(&err);
    if (rl_screen_summarize(screen, res, &sum, &err) != 0
        || (c->csv != NULL && !to_stdout
            && rl_screen_write_csv(screen, res, &sum, c->csv, &err) != 0)) {
        code = rl_cli_report(&err);
    } else if (to_stdout) {
        rl_screen_print_csv(screen, res, &sum, stdout);
    } else if (c->json) {
        rl_screen_print_json(screen, res, &sum, stdout);
    } else if (!c->quiet) {
        rl_screen_print(screen, res, &sum, stdout);
    }
    if (code == RL_EXIT_OK && c->csv != NULL && !to_stdout && !c->quiet) {
        fprintf(stderr, "relapselab: table written to %s\n", c->csv);
    }
    rl_screen_summary_free(&sum);
    return code;
}

int
rl_cmd_screen(int argc, char **argv)
{
    screen_cli_t c;
    rl_screen_t *screen = NULL;
    rl_screen_results_t res;
    rl_screen_options_t opt;
    rl_cli_progress_t pc;
    rl_cli_split_t sp;
    rl_error_t err;
    int code;
    bool root;

    memset(&c, 0, sizeof c);
    memset(&res, 0, sizeof res);
    rl_cli_common_init(&c.common, 1, 2);
    rl_error_clear(&err);
    if ((code = parse_args(argc, argv, &c)) >= 0) {
        return code;
    }
    code = RL_EXIT_OK;
    if (c.csv != NULL && !rl_cli_is_stdout(c.csv)
        && (code = rl_cli_check_output(c.csv, &c.path, 1)) >= 0) {
        return code; /* refused before the run, not after it */
    }
    code = RL_EXIT_OK;
    if ((screen = rl_malloc(sizeof *screen)) == NULL) {
        fprintf(stderr, "relapselab: out of memory\n");
        return RL_EXIT_FAIL;
    }
    if (rl_screen_load_file(screen, c.path, &err) != 0
        || (c.n > 0 && rl_screen_set_n(screen, c.n, &err) != 0)) {
        code = rl_cli_report(&err);
        goto out;
    }
    rl_cli_split_begin(&sp);
    root = sp.split.rank == 0;
    memset(&opt, 0, sizeof opt);
    opt.seed = c.common.seed;
    opt.params = &c.common.params;
    opt.threads = c.common.threads;
    opt.cancel = rl_cli_catch_interrupts();
    opt.progress = rl_cli_progress_start(&pc, !c.quiet && root);
    opt.split = sp.split.size > 1 ? &sp.split : NULL;
    if (!c.quiet && root) {
        fprintf(stderr, "relapselab: screen %s, %d mice x %d tests, seed %" PRIu64 ", %d "
                        "thread%s\n", c.path, rl_screen_n_subjects(screen),
            rl_screen_tests_per_mouse(screen), c.common.seed, c.common.threads,
            c.common.threads == 1 ? "" : "s");
    }
    if (rl_screen_run(screen, &opt, &res, &err) != 0) {
        if (err.code == RL_ERR_INTERRUPTED) {
            fprintf(stderr, "\nrelapselab: interrupted; nothing was written\n");
        }
        code = rl_cli_report(&err);
    }
    rl_cli_split_end(&sp, code != RL_EXIT_OK, code);
    if (code == RL_EXIT_OK && root) { /* other ranks hold a share of the mice only */
        code = write_outputs(&c, screen, &res);
    }
out:
    rl_screen_results_free(&res);
    rl_screen_free(screen);
    free(screen);
    return code;
}
