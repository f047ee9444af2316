/* cmd_calibrate.c -- `relapselab calibrate`: fit population parameters to claims files
** (calibrate.h, docs/CALIBRATION.md).
**
** The claims files named (or found in the folders named, *.yaml in name order; default the
** seed study's), and those after --holdout, are all loaded and checked first, and so is the
** search space (--params): a problem in any of them is reported (file:line:col for a file)
** and nothing runs. With --out, the JSON document's temporary file (core/outfile.h) is
** created before the search -- an unwritable or refused path (a directory, FIFO, device,
** one of the claims files, standard output) fails at once, not after hours -- and renamed
** onto FILE only when the whole document is written; on any error or Ctrl-C it is removed,
** so FILE is never half-written. The text report goes to stdout. Exit codes: 0,
** 1 (bad input, I/O), 2 (usage), 130 (interrupted).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "relapselab/calibrate.h"
#include "relapselab/claims.h"
#include "core/alloc.h"
#include "core/outfile.h"

#define DEFAULT_CLAIMS "claims/gutierrez2014.yaml"
#define MAX_FILES 64
#define TOP 10
#define CONFIRM_TOP 5 /* --confirm-top's default */

typedef struct calibrate_cli {
    const char *paths[MAX_FILES];   /* as given: calibration files or folders */
    int n_paths;
    const char *hold_paths[MAX_FILES];
    int n_hold_paths;
    char *files[MAX_FILES];         /* found: the calibration files, then the hold-out's */
    int n_files, n_calib;
    char names_buf[2048];           /* --params, split at the commas */
    const char *names[RL_CALIBRATE_MAX_PARAMS + 1];
    int n_names;
    long long design, local, replicates, confirm, confirm_top;
    int confirm_top_given;
    double tol;
    const char *out;
    rl_cli_common_t common;
} calibrate_cli_t;

static int
usage(void)
{
    fprintf(stderr,
        "usage: relapselab calibrate [CLAIMS...] --params A,B,... [--design N] [--local ITER]\n"
        "                            [--replicates R] [--seed S] [--threads N] [--tol X]\n"
        "                            [--confirm R2 [--confirm-top K]] [--set NAME=VALUE]...\n"
        "                            [--holdout CLAIMS...] [--out FILE]\n"
        "  CLAIMS          claims files, or folders of them (*.yaml), to calibrate on;\n"
        "                  default %s\n"
        "  --params A,B    the parameters searched, each over its plausible range\n"
        "                  (relapselab params)\n"
        "  --design N      Latin-hypercube points, 0-100000 (default 16), after point 0\n"
        "                  (the reference values: the table after any --set)\n"
        "  --local ITER    Nelder-Mead iterations from the best point, 0-100000 (default 40)\n"
        "  --replicates R  virtual studies per file and evaluation (default 20); seeds\n"
        "                  S..S+R-1 for every evaluation\n"
        "  --seed S        first seed, and the design's stream (default 1)\n"
        "  --threads N     worker threads (default 2; results do not depend on it)\n"
        "  --tol X         stop the local search when the simplex is smaller (logit units,\n"
        "                  default %g)\n"
        "  --confirm R2    evaluate the reference and the K best search points again over\n"
        "                  R2 studies on seeds S+R..S+R+R2-1 (1-100000), which the search did\n"
        "                  not use, and take the best point there (a search's lowest loss\n"
        "                  is biased low by its studies' luck)\n"
        "  --confirm-top K the best search points confirmed, 1-1000 (default %d)\n"
        "  --holdout CLAIMS...  files evaluated only at the reference and the best point\n"
        "  --out FILE      also write every evaluation as JSON (docs/CALIBRATION.md)\n",
        DEFAULT_CLAIMS, RL_CALIBRATE_DEFAULT_TOL, CONFIRM_TOP);
    return RL_EXIT_USAGE;
}

/* Split --params' value at the commas into c->names. */
static int
split_names(calibrate_cli_t *c, const char *val)
{
    char *p, *save = NULL;
    if (strlen(val) >= sizeof c->names_buf) {
        fprintf(stderr, "relapselab: --params is too long\n");
        return RL_EXIT_USAGE;
    }
    snprintf(c->names_buf, sizeof c->names_buf, "%s", val);
    c->n_names = 0;
    for (p = strtok_r(c->names_buf, ",", &save); p != NULL; p = strtok_r(NULL, ",", &save)) {
        if (c->n_names == RL_CALIBRATE_MAX_PARAMS) {
            fprintf(stderr, "relapselab: --params names more than %d parameters\n",
                RL_CALIBRATE_MAX_PARAMS);
            return RL_EXIT_USAGE;
        }
        c->names[c->n_names++] = p;
    }
    if (c->n_names == 0) {
        fprintf(stderr, "relapselab: --params needs parameter names (A,B,...)\n");
        return RL_EXIT_USAGE;
    }
    return -1;
}

/* An option with a count: 0 and *out set, or the exit code after the message. */
static int
count_arg(const char *opt, const char *val, long long lo, long long hi, long long *out)
{
    if (rl_cli_int_arg(val, lo, hi, out) != 0) {
        fprintf(stderr, "relapselab: %s must be %lld-%lld (got '%s')\n", opt, lo, hi, val);
        return RL_EXIT_USAGE;
    }
    return 0;
}

/* The options of calibrate itself (the common ones aside): 1 consumed (ret = 0 or an exit
** code), 0 not one of them. */
static int
own_option(int argc, char **argv, int *i, calibrate_cli_t *c, int *ret)
{
    const char *a = argv[*i], *val = *i + 1 < argc ? argv[*i + 1] : NULL;
    char *end;

    *ret = 0;
    if (val == NULL) {
        return 0;
    }
    if (strcmp(a, "--params") == 0) {
        ++*i;
        *ret = split_names(c, val);
        *ret = *ret < 0 ? 0 : *ret;
    } else if (strcmp(a, "--design") == 0) {
        *ret = count_arg(a, argv[++*i], 0, 100000, &c->design);
    } else if (strcmp(a, "--local") == 0) {
        *ret = count_arg(a, argv[++*i], 0, 100000, &c->local);
    } else if (strcmp(a, "--replicates") == 0) {
        *ret = count_arg(a, argv[++*i], 1, 100000, &c->replicates);
    } else if (strcmp(a, "--confirm") == 0) {
        *ret = count_arg(a, argv[++*i], 1, 100000, &c->confirm);
    } else if (strcmp(a, "--confirm-top") == 0) {
        *ret = count_arg(a, argv[++*i], 1, 1000, &c->confirm_top);
        c->confirm_top_given = 1;
    } else if (strcmp(a, "--tol") == 0) {
        ++*i;
        errno = 0;
        c->tol = strtod(val, &end);
        if (errno != 0 || end == val || *end != '\0' || !(c->tol > 0.0) || c->tol > 100.0) {
            fprintf(stderr, "relapselab: --tol must be a number in (0, 100] (got '%s')\n", val);
            *ret = RL_EXIT_USAGE;
        }
    } else if (strcmp(a, "--out") == 0) {
        c->out = argv[++*i];
    } else {
        return 0;
    }
    return 1;
}

/* Parse the command line into c. Returns -1 to go on, or the exit code. */
static int
parse_args(int argc, char **argv, calibrate_cli_t *c)
{
    int i, ret, hold = 0;
    for (i = 1; i < argc; i++) {
        if ((ret = rl_cli_common_option(argc, argv, &i, &c->common)) >= 0) {
            if (ret != 0) {
                return ret;
            }
        } else if (own_option(argc, argv, &i, c, &ret)) {
            if (ret != 0) {
                return ret;
            }
        } else if (strcmp(argv[i], "--holdout") == 0) {
            hold = 1;
        } else if (strcmp(argv[i], "--help") == 0) {
            usage();
            return RL_EXIT_OK;
        } else if (argv[i][0] != '-' && !hold && c->n_paths < MAX_FILES) {
            c->paths[c->n_paths++] = argv[i];
        } else if (argv[i][0] != '-' && hold && c->n_hold_paths < MAX_FILES) {
            c->hold_paths[c->n_hold_paths++] = argv[i];
        } else {
            fprintf(stderr, "relapselab: unexpected argument '%s'\n", argv[i]);
            return usage();
        }
    }
    if (c->n_names == 0) {
        fprintf(stderr, "relapselab: calibrate needs --params (the parameters to search)\n");
        return usage();
    }
    if (c->confirm_top_given && c->confirm == 0) {
        fprintf(stderr, "relapselab: --confirm-top needs --confirm R2\n");
        return usage();
    }
    if (hold && c->n_hold_paths == 0) {
        fprintf(stderr, "relapselab: --holdout needs claims files\n");
        return usage();
    }
    if (c->n_paths == 0) {
        c->paths[c->n_paths++] = DEFAULT_CLAIMS;
    }
    return -1;
}

/* Find the claims files of the paths: the calibration's, then the hold-out's. */
static int
find_files(calibrate_cli_t *c)
{
    int i;
    for (i = 0; i < c->n_paths + c->n_hold_paths; i++) {
        const char *p = i < c->n_paths ? c->paths[i] : c->hold_paths[i - c->n_paths];
        int before = c->n_files;
        if (i == c->n_paths) {
            c->n_calib = c->n_files;
        }
        if (rl_cli_claims_expand(c->files, &c->n_files, MAX_FILES, p) != 0) {
            fprintf(stderr, "relapselab: %s: cannot read the folder (or more than %d claims "
                "files)\n", p, MAX_FILES);
            return RL_EXIT_FAIL;
        }
        if (c->n_files == before) {
            fprintf(stderr, "relapselab: no claims file (*.yaml) in %s\n", p);
            return RL_EXIT_FAIL;
        }
    }
    if (c->n_hold_paths == 0) {
        c->n_calib = c->n_files;
    }
    return -1;
}

/* The JSON output: a temporary file created before the search (core/outfile.h: the path
** checked, an unpredictable name), renamed at the end. */
typedef struct out_file {
    rl_outfile_t o;
    FILE *f;
} out_file_t;

static int
out_open(out_file_t *o, const char *path)
{
    rl_error_t err;

    rl_error_clear(&err);
    if (rl_outfile_open(&o->o, path, NULL, &err) != 0) {
        return rl_cli_report(&err);
    }
    if ((o->f = rl_outfile_stream(&o->o, &err)) == NULL) {
        rl_outfile_abort(&o->o);
        return rl_cli_report(&err);
    }
    return -1;
}

/* Write the document and rename it onto its path (commit), or remove it (!commit). */
static int
out_close(out_file_t *o, const rl_calibration_t *cal, int commit)
{
    rl_error_t err;
    int code = RL_EXIT_OK;

    if (o->f == NULL) {
        return RL_EXIT_OK;
    }
    rl_error_clear(&err);
    if (commit && rl_calibration_print_json(cal, o->f, &err) != 0) {
        code = rl_cli_report(&err);
        commit = 0;
    }
    if (commit && rl_outfile_commit(&o->o, &err) != 0) {
        code = rl_cli_report(&err);
    } else if (!commit) {
        rl_outfile_abort(&o->o);
    }
    o->f = NULL;
    return code;
}

/* The best point as a validate command line, on the paths as given, over 100 studies
** neither the search nor the confirmation used. */
static void
print_validate_line(const calibrate_cli_t *c, const rl_calibration_t *cal)
{
    char set[RL_CALIBRATE_MAX_PARAMS * 80];
    int i;
    rl_calibration_best_settings(cal, set, sizeof set);
    printf("\nTo check the best point:\n  relapselab validate");
    for (i = 0; i < c->n_paths; i++) {
        printf(" %s", c->paths[i]);
    }
    for (i = 0; i < c->n_hold_paths; i++) {
        printf(" %s", c->hold_paths[i]);
    }
    /* fresh studies: seeds the search did not see */
    printf(" --replicates 100 --seed %llu%s%s\n",
        (unsigned long long) (c->common.seed + (uint64_t) c->replicates
                              + (uint64_t) c->confirm),
        c->common.settings, set);
}

/* Search and report (the claims loaded in claims[0..c->n_files)). */
static int
run(calibrate_cli_t *c, rl_claims_t **claims)
{
    rl_calibrate_options_t opt;
    rl_calibration_t *cal = NULL;
    rl_cli_progress_t pc;
    out_file_t o;
    rl_error_t err;
    int code;

    rl_error_clear(&err);
    memset(&o, 0, sizeof o);
    memset(&opt, 0, sizeof opt);
    opt.names = c->names;
    opt.n_names = c->n_names;
    opt.design = (int) c->design;
    opt.local_iter = (int) c->local;
    opt.tol = c->tol;
    opt.replicates = (int) c->replicates;
    opt.seed = c->common.seed;
    opt.threads = c->common.threads;
    opt.confirm_replicates = (int) c->confirm;
    opt.confirm_top = (int) c->confirm_top;
    opt.params = &c->common.params;
    /* Handlers first: from here on a signal stops the search and removes the file. */
    opt.cancel = rl_cli_catch_interrupts();
    if (c->out != NULL && (code = out_open(&o, c->out)) >= 0) {
        return code;
    }
    opt.progress = rl_cli_progress_start(&pc, true);
    if (rl_calibrate_run((const rl_claims_t *const *) claims, c->n_calib,
            (const rl_claims_t *const *) claims + c->n_calib, c->n_files - c->n_calib, &opt,
            &cal, &err) != 0) {
        if (err.code == RL_ERR_INTERRUPTED) {
            fprintf(stderr, "\nrelapselab: interrupted; nothing was written\n");
        }
        out_close(&o, NULL, 0);
        return rl_cli_report(&err);
    }
    if (rl_calibration_print(cal, stdout, TOP, &err) != 0) {
        code = rl_cli_report(&err);
        out_close(&o, NULL, 0);
    } else {
        print_validate_line(c, cal);
        if ((code = out_close(&o, cal, 1)) == RL_EXIT_OK && c->out != NULL) {
            fprintf(stderr, "relapselab: every evaluation written to %s\n", c->out);
        }
    }
    rl_calibration_free(cal);
    return code;
}

int
rl_cmd_calibrate(int argc, char **argv)
{
    calibrate_cli_t c;
    rl_claims_t *claims[MAX_FILES];
    rl_calibrate_options_t check;
    rl_error_t err;
    int i, n = 0, code;

    memset(&c, 0, sizeof c);
    c.design = 16;
    c.local = 40;
    c.replicates = 20;
    c.confirm_top = CONFIRM_TOP;
    rl_cli_common_init(&c.common, 1, 2);
    rl_error_clear(&err);
    if ((code = parse_args(argc, argv, &c)) >= 0 || (code = find_files(&c)) >= 0) {
        goto out;
    }
    if (c.out != NULL
        && ((code = rl_cli_refuse_stdout("--out", c.out, "the text report goes to standard "
                 "output; give the JSON document a file name")) >= 0
            || (code = rl_cli_refuse_input(c.out, (const char *const *) c.files,
                    (size_t) c.n_files)) >= 0)) {
        goto out;
    }
    memset(&check, 0, sizeof check);
    check.names = c.names;
    check.n_names = c.n_names;
    if (rl_calibrate_check(&check, &err) != 0) {
        code = rl_cli_report(&err);
        goto out;
    }
    code = rl_cli_claims_load(claims, c.files, c.n_files, &n);
    if (code == RL_EXIT_OK) {
        code = run(&c, claims);
    }
    rl_cli_claims_free(claims, n);
out:
    for (i = 0; i < c.n_files; i++) {
        free(c.files[i]);
    }
    return code;
}
