/* cmd_power.c -- `relapselab power`: how many mice per group each check needs (power.h,
** docs/POWER.md).
**
** Every claims file named (or found in a folder named) is loaded and checked first -- a
** problem in any of them is reported as file:line:col and nothing runs -- and the options
** (the --n list, --alpha, --target, --precision, the figure's extension) are checked before
** anything is simulated. Then each file's sweep runs, with a progress line (and the time
** left) on a terminal; SIGINT/SIGTERM stop it between sessions and nothing is written.
** Outputs: the figure (-o, atomically, by the plot module), then the CSV table (--csv, a
** temporary file renamed into place; if it fails the figure just written is removed), then
** the report on stdout (text, or JSON: one object, an array for several files).
** Exit codes: 0, 1 (bad input, I/O), 2 (usage), 130 (interrupted).
*/
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "relapselab/claims.h"
#include "relapselab/plot.h"
#include "relapselab/power.h"
#include "store/csv_write.h"
#include "mpi_split.h"

#define DEFAULT_CLAIMS "claims/gutierrez2014.yaml"
#define DEFAULT_SIZES "6,8,10,12,15,20"
#define MAX_FILES 64

typedef struct power_cli {
    const char *paths[MAX_FILES];
    int n_paths;
    char *files[MAX_FILES];
    int n_files;
    const char *sizes, *csv, *figure;
    int json, quiet;
    long long replicates;
    double alpha, target, precision;
    rl_cli_common_t common;
    rl_power_options_t opt;
} power_cli_t;

static int
usage(void)
{
    fprintf(stderr,
        "usage: relapselab power [CLAIMS...] [--n LIST] [--replicates R] [--alpha A]\n"
        "                        [--target P] [--precision W] [--seed S] [--threads N]\n"
        "                        [--json] [--csv FILE] [-o FIGURE] [--quiet] [--set NAME=VALUE]...\n"
        "  CLAIMS        claims files, or folders of them (*.yaml); default %s\n"
        "  --n LIST      mice per group, increasing, e.g. %s (the default); %d-%d\n"
        "  --replicates  virtual studies per n (default 100); study r uses seed S + r\n"
        "  --alpha A     significance level, 0 < A < 1 (default: the claims file's)\n"
        "  --target P    power to reach, 0 < P < 1 (default 0.8)\n"
        "  --precision W stop adding studies to an n once every row's 95 %% interval is\n"
        "                narrower than W (0 < W < 1; default: never)\n"
        "  --seed S      first seed (default 1)\n"
        "  --threads N   worker threads (default 2; results do not depend on it)\n"
        "  --json        machine-readable report\n"
        "  --csv FILE    also write the tidy table (one line per row and n)\n"
        "  -o FIGURE     the power curves (.png, .svg or .pdf)\n"
        "  --quiet       no progress line and no report (with --csv or -o)\n"
        "Docs: docs/POWER.md\n", DEFAULT_CLAIMS, DEFAULT_SIZES, RL_POWER_MIN_N, RL_MAX_GROUP_N);
    return RL_EXIT_USAGE;
}

/* The --n list into opt: whole numbers, comma-separated, increasing. Returns 0, or prints
** the problem and returns RL_EXIT_USAGE. */
static int
parse_sizes(const char *s, rl_power_options_t *opt)
{
    const char *p = s;
    opt->n_sizes = 0;
    while (1) {
        char item[32];
        size_t len = strcspn(p, ",");
        long long v;
        if (len == 0 || len >= sizeof item) {
            fprintf(stderr, "relapselab: --n: '%s': an empty or overlong item\n", s);
            return RL_EXIT_USAGE;
        }
        memcpy(item, p, len);
        item[len] = '\0';
        if (rl_cli_int_arg(item, 0, 1000000000, &v) != 0) {
            fprintf(stderr, "relapselab: --n: '%s' is not a whole number\n", item);
            return RL_EXIT_USAGE;
        }
        if (v < RL_POWER_MIN_N || v > RL_MAX_GROUP_N) {
            fprintf(stderr, "relapselab: --n: a group size must be %d-%d (got %lld)\n",
                RL_POWER_MIN_N, RL_MAX_GROUP_N, v);
            return RL_EXIT_USAGE;
        }
        if (opt->n_sizes == RL_POWER_MAX_SIZES) {
            fprintf(stderr, "relapselab: --n: at most %d group sizes\n", RL_POWER_MAX_SIZES);
            return RL_EXIT_USAGE;
        }
        if (opt->n_sizes > 0 && v <= opt->sizes[opt->n_sizes - 1]) {
            fprintf(stderr, "relapselab: --n: the group sizes must increase (%lld after %d)\n",
                v, opt->sizes[opt->n_sizes - 1]);
            return RL_EXIT_USAGE;
        }
        opt->sizes[opt->n_sizes++] = (int) v;
        if (p[len] == '\0') {
            return 0;
        }
        p += len + 1;
    }
}

/* A whole-string number strictly between 0 and 1 into *out; else prints and returns
** RL_EXIT_USAGE. */
static int
fraction_arg(const char *name, const char *s, double *out)
{
    char *end;
    double v;
    errno = 0;
    v = strtod(s, &end);
    if (s[0] == '\0' || *end != '\0' || errno != 0 || !(v > 0.0 && v < 1.0)) {
        fprintf(stderr, "relapselab: %s must be a number between 0 and 1 (got '%s')\n", name, s);
        return RL_EXIT_USAGE;
    }
    *out = v;
    return 0;
}

/* One option of power's own at argv[*i] (advancing *i past its value). Returns 0, the exit
** code of a bad value, or -1 if it is not one. */
static int
own_option(int argc, char **argv, int *i, power_cli_t *c)
{
    const char *a = argv[*i], *val = *i + 1 < argc ? argv[*i + 1] : NULL;
    if (strcmp(a, "--json") == 0 || strcmp(a, "--quiet") == 0) {
        *(a[2] == 'j' ? &c->json : &c->quiet) = 1;
        return 0;
    }
    if (val == NULL) {
        return -1;
    }
    ++*i;
    if (strcmp(a, "--n") == 0) {
        c->sizes = val;
        return 0;
    }
    if (strcmp(a, "--replicates") == 0) {
        if (rl_cli_int_arg(val, 1, 100000, &c->replicates) != 0) {
            fprintf(stderr, "relapselab: --replicates must be 1-100000 (got '%s')\n", val);
            return RL_EXIT_USAGE;
        }
        return 0;
    }
    if (strcmp(a, "--alpha") == 0) {
        return fraction_arg("--alpha", val, &c->alpha);
    }
    if (strcmp(a, "--target") == 0) {
        return fraction_arg("--target", val, &c->target);
    }
    if (strcmp(a, "--precision") == 0) {
        return fraction_arg("--precision", val, &c->precision);
    }
    if (strcmp(a, "--csv") == 0) {
        c->csv = val;
        return 0;
    }
    if (strcmp(a, "-o") == 0 || strcmp(a, "--out") == 0) {
        c->figure = val;
        return 0;
    }
    --*i;
    return -1;
}

/* Parse the command line into c. Returns -1 to go on, or the exit code. */
static int
parse_args(int argc, char **argv, power_cli_t *c)
{
    rl_plot_format_t format;
    rl_error_t err;
    int i, ret;
    for (i = 1; i < argc; i++) {
        if ((ret = rl_cli_common_option(argc, argv, &i, &c->common)) >= 0
            || (ret = own_option(argc, argv, &i, c)) >= 0) {
            if (ret != 0) {
                return ret;
            }
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
    if ((ret = parse_sizes(c->sizes != NULL ? c->sizes : DEFAULT_SIZES, &c->opt)) != 0) {
        return ret;
    }
    rl_error_clear(&err);
    if (c->figure != NULL && rl_plot_format_of(c->figure, &format, &err) != 0) {
        return rl_cli_report(&err);
    }
    if (c->quiet && c->csv == NULL && c->figure == NULL) {
        fprintf(stderr, "relapselab: --quiet needs --csv or -o (else nothing is output)\n");
        return RL_EXIT_USAGE;
    }
    return rl_cli_claims_collect(c->paths, &c->n_paths, DEFAULT_CLAIMS, c->files, &c->n_files,
        MAX_FILES);
}

/* The CSV table of every sweep, atomically (csv_write.h: a temporary file renamed onto
** path, removed if anything failed). */
static int
write_csv(const char *path, rl_power_t *const *pw, int n, rl_error_t *err)
{
    rl_csv_file_t cf;
    rl_error_t ignored;
    int i, ret;

    if ((ret = rl_csv_file_open(&cf, path, err)) != 0) {
        return ret;
    }
    for (i = 0; i < n; i++) { /* a write error shows in the commit */
        rl_power_print_csv(pw[i], cf.f, i == 0, &ignored);
    }
    return rl_csv_file_commit(&cf, err);
}

/* The outputs, in the order that leaves nothing behind on a failure. */
static int
write_outputs(const power_cli_t *c, rl_power_t *const *pw, int n)
{
    rl_error_t err;
    int i, ret = 0;
    rl_error_clear(&err);
    if (c->figure != NULL
        && rl_power_write_figure((const rl_power_t *const *) pw, n, c->figure, &err) != 0) {
        return rl_cli_report(&err);
    }
    if (c->csv != NULL && write_csv(c->csv, pw, n, &err) != 0) {
        if (c->figure != NULL) {
            remove(c->figure);
        }
        return rl_cli_report(&err);
    }
    for (i = 0; i < n && ret == 0 && !c->quiet; i++) {
        if (c->json) {
            fputs(n > 1 && i == 0 ? "[\n" : "", stdout);
            ret = rl_power_print_json(pw[i], stdout, &err);
            fputs(n > 1 ? (i + 1 < n ? ",\n" : "]\n") : "", stdout);
        } else {
            fputs(i > 0 ? "\n" : "", stdout);
            ret = rl_power_print(pw[i], stdout, &err);
        }
    }
    if (ret != 0) {
        return rl_cli_report(&err);
    }
    if (!c->quiet) {
        fprintf(stderr, "%s%s%s%s%s", c->figure != NULL ? "relapselab: figure written to " : "",
            c->figure != NULL ? c->figure : "", c->figure != NULL ? "\n" : "",
            c->csv != NULL ? "relapselab: table written to " : "", c->csv != NULL ? c->csv : "");
        fputs(c->csv != NULL ? "\n" : "", stderr);
    }
    return RL_EXIT_OK;
}

/* Run every file's sweep (claims[0..n)) and write the outputs. Under mpirun (mpi_split.h)
** the studies are split across the ranks and rank 0 alone talks and writes. */
static int
run_all(power_cli_t *c, rl_claims_t **claims, int n)
{
    rl_power_t *pw[MAX_FILES];
    rl_cli_progress_t pc;
    rl_cli_split_t sp;
    rl_error_t err;
    int i, code = RL_EXIT_OK;
    bool root;

    c->opt.replicates = c->replicates > 0 ? (int) c->replicates : 100;
    c->opt.seed = c->common.seed;
    c->opt.threads = c->common.threads;
    c->opt.params = &c->common.params;
    c->opt.alpha = c->alpha;
    c->opt.target = c->target;
    c->opt.precision = c->precision;
    c->opt.cancel = rl_cli_catch_interrupts();
    rl_cli_split_begin(&sp);
    root = sp.split.rank == 0;
    c->opt.split = sp.split.size > 1 ? &sp.split : NULL;
    for (i = 0; i < n; i++) {
        pw[i] = NULL;
    }
    for (i = 0; i < n && code == RL_EXIT_OK; i++) {
        if (!c->quiet && root) {
            fprintf(stderr, "relapselab: power %s: n %s, up to %d studies each, seed %" PRIu64
                ", %d thread%s\n", claims[i]->path, c->sizes != NULL ? c->sizes : DEFAULT_SIZES,
                c->opt.replicates, c->opt.seed, c->opt.threads, c->opt.threads == 1 ? "" : "s");
        }
        c->opt.progress = rl_cli_progress_start(&pc, !c->quiet && root);
        rl_error_clear(&err);
        if (rl_power_run(claims[i], &c->opt, &pw[i], &err) != 0) {
            if (err.code == RL_ERR_INTERRUPTED) {
                fprintf(stderr, "\nrelapselab: interrupted; nothing was written\n");
            }
            code = rl_cli_report(&err);
        }
    }
    rl_cli_split_end(&sp, code != RL_EXIT_OK, code);
    if (code == RL_EXIT_OK && root) {
        code = write_outputs(c, pw, n);
    }
    for (i = 0; i < n; i++) {
        rl_power_free(pw[i]);
    }
    return code;
}

int
rl_cmd_power(int argc, char **argv)
{
    power_cli_t c;
    rl_claims_t *claims[MAX_FILES];
    int i, n = 0, code;

    memset(&c, 0, sizeof c);
    rl_cli_common_init(&c.common, 1, 2);
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
