/* cmd_validate.c -- `relapselab validate`: replicate virtual studies and test claims files.
**
** Every claims file named (or found in a folder named, *.yaml in name order) is loaded and
** checked first -- a problem in any of them is reported as file:line:col and nothing runs.
** Then each file's protocol is run R times and its checks tested; the report is printed
** per file (text, one JSON object -- an array of them for several files --, or Markdown
** table rows), and for several files a one-line-per-check summary follows the text.
** Exit code 0 when the report was produced (whatever it says), 1 on error; with --check,
** also 1 when a check misses its target or a magnitude with a range lies outside it (for
** scripts and CI).
*/
#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "relapselab/claims.h"
#include "relapselab/validate.h"
#include "core/alloc.h"
#include "mpi_split.h"

#define DEFAULT_CLAIMS "claims/gutierrez2014.yaml"
#define MAX_FILES 64

enum { OUT_TEXT, OUT_JSON, OUT_MARKDOWN };

typedef struct validate_cli {
    const char *paths[MAX_FILES];  /* as given */
    int n_paths;
    char *files[MAX_FILES];        /* claims files found */
    int n_files;
    int format, check;
    long long replicates;
    rl_cli_common_t common;
} validate_cli_t;

static int
usage(void)
{
    fprintf(stderr,
        "usage: relapselab validate [CLAIMS...] [--replicates R] [--seed S] [--threads N]\n"
        "                           [--json | --markdown] [--check] [--set NAME=VALUE]...\n"
        "  CLAIMS        claims files, or folders of them (*.yaml); default %s\n"
        "                (docs/CLAIMS.md)\n"
        "  --replicates  independent virtual studies (default 100); study r uses seed S + r\n"
        "  --seed S      first seed (default 1)\n"
        "  --threads N   worker threads (default 2)\n"
        "  --json        machine-readable report\n"
        "  --markdown    the checks as Markdown table rows (docs/VALIDATION.md)\n"
        "  --check       exit 1 if a check misses its target or a magnitude its range\n",
        DEFAULT_CLAIMS);
    return RL_EXIT_USAGE;
}

/* Parse the command line into c. Returns -1 to go on, or the exit code. */
static int
parse_args(int argc, char **argv, validate_cli_t *c)
{
    int i, ret;
    for (i = 1; i < argc; i++) {
        if ((ret = rl_cli_common_option(argc, argv, &i, &c->common)) >= 0) {
            if (ret != 0) {
                return ret;
            }
        } else if (strcmp(argv[i], "--replicates") == 0 && i + 1 < argc) {
            if (rl_cli_int_arg(argv[++i], 1, 100000, &c->replicates) != 0) {
                fprintf(stderr, "relapselab: --replicates must be 1-100000 (got '%s')\n",
                    argv[i]);
                return RL_EXIT_USAGE;
            }
        } else if (strcmp(argv[i], "--json") == 0 || strcmp(argv[i], "--markdown") == 0) {
            if (c->format != OUT_TEXT) {
                fprintf(stderr, "relapselab: --json and --markdown exclude each other\n");
                return RL_EXIT_USAGE;
            }
            c->format = argv[i][2] == 'j' ? OUT_JSON : OUT_MARKDOWN;
        } else if (strcmp(argv[i], "--check") == 0) {
            c->check = 1;
        } else if (strcmp(argv[i], "--help") == 0) {
            usage();
            return RL_EXIT_OK;
        } else if (argv[i][0] != '-' && c->n_paths < MAX_FILES) {
            c->paths[c->n_paths++] = argv[i];
        } else {
            fprintf(stderr, "relapselab: unexpected argument '%s'\n", argv[i]);
            return usage();
        }
    }
    return rl_cli_claims_collect(c->paths, &c->n_paths, DEFAULT_CLAIMS, c->files, &c->n_files,
        MAX_FILES);
}

/* Print validation i of n in the chosen format. */
static int
print_one(const validate_cli_t *c, const rl_validation_t *v, int i, int n, rl_error_t *err)
{
    int ret;
    if (c->format == OUT_JSON) {
        fputs(n > 1 && i == 0 ? "[\n" : "", stdout);
        ret = rl_validation_print_json(v, stdout, err);
        fputs(n > 1 ? (i + 1 < n ? ",\n" : "]\n") : "", stdout);
        return ret;
    }
    if (c->format == OUT_MARKDOWN) {
        if (i == 0) {
            printf("| finding | check | claim | group A | rate [95 %% interval] | target | "
                   "effect | verdict |\n|---|---|---|---|---:|---|---|---|\n");
        }
        return rl_validation_print_markdown(v, stdout, err);
    }
    fputs(i > 0 ? "\n" : "", stdout);
    return rl_validation_print(v, stdout, err);
}

/* Run and print every claims file (loaded in claims[0..n)). Under mpirun (mpi_split.h) the
** studies are split across the ranks and rank 0 alone prints the reports. */
static int
run_all(validate_cli_t *c, rl_claims_t **claims, int n)
{
    rl_validation_t *v[MAX_FILES];
    rl_validate_options_t opt;
    rl_cli_progress_t pc;
    rl_cli_split_t sp;
    rl_error_t err;
    int i, k, code = RL_EXIT_OK, failures = 0;
    bool root;

    memset(&opt, 0, sizeof opt);
    opt.replicates = c->replicates > 0 ? (int) c->replicates : 100;
    opt.seed = c->common.seed;
    opt.threads = c->common.threads;
    opt.params = &c->common.params;
    opt.cancel = rl_cli_catch_interrupts();
    rl_cli_split_begin(&sp);
    root = sp.split.rank == 0;
    opt.split = sp.split.size > 1 ? &sp.split : NULL;
    opt.progress = rl_cli_progress_start(&pc, root);
    for (i = 0; i < n; i++) {
        v[i] = NULL;
    }
    for (i = 0; i < n && code == RL_EXIT_OK; i++) {
        if (rl_validate_run(claims[i], &opt, &v[i], &err) != 0
            || (root && print_one(c, v[i], i, n, &err) != 0)) {
            code = rl_cli_report(&err);
        } else {
            failures += rl_validation_failures(v[i]) + rl_validation_magnitude_misses(v[i]);
        }
    }
    rl_cli_split_end(&sp, code != RL_EXIT_OK, code);
    if (!root) { /* a share of the studies only: rank 0 reports */
        for (k = 0; k < n; k++) {
            rl_validation_free(v[k]);
        }
        return code;
    }
    if (code == RL_EXIT_OK && n > 1 && c->format == OUT_TEXT) {
        printf("\nSummary of %d claims files:\n", n);
        rl_validation_print_summary((const rl_validation_t *const *) v, n, stdout);
    }
    for (k = 0; k < n; k++) {
        rl_validation_free(v[k]);
    }
    return code == RL_EXIT_OK && c->check && failures > 0 ? RL_EXIT_FAIL : code;
}

int
rl_cmd_validate(int argc, char **argv)
{
    validate_cli_t c;
    rl_claims_t *claims[MAX_FILES];
    rl_error_t err;
    int i, n = 0, code;

    memset(&c, 0, sizeof c);
    rl_cli_common_init(&c.common, 1, 2);
    rl_error_clear(&err);
    if ((code = parse_args(argc, argv, &c)) >= 0) {
        goto out;
    }
    code = rl_cli_claims_load(claims, c.files, c.n_files, &n);
    if (code == RL_EXIT_OK) {
        code = run_all(&c, claims, n);
    }
    rl_cli_claims_free(claims, n);
out:
    for (i = 0; i < c.n_files; i++) {
        free(c.files[i]);
    }
    return code;
}
