/* main.c -- the relapselab command-line tool: a table of subcommands over the library.
**
** This is the only place that prints to the user, installs signal handlers, decides exit
** codes and keeps process-wide state (the SIGINT flag and the registry of temporary files,
** signals.c). Exit codes: 0 success, 1 failure (bad input, I/O, database), 2 usage error,
** 130 interrupted (or, for the commands that end at once on a signal, killed by it).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/alloc.h"
#include "relapselab/version.h"

#include "cli.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *help;
} command_t;

static int cmd_help(int argc, char **argv);

static const command_t commands[] = {
    {"run", rl_cmd_run, "simulate a protocol: run [PROTOCOL] [--seed S] [--threads N] [--out DB]"},
    {"validate", rl_cmd_validate,
        "test claims files (default: the seed study): validate [CLAIMS...] [--replicates R]"},
    {"calibrate", rl_cmd_calibrate,
        "fit parameters to claims files: calibrate [CLAIMS...] --params A,B [--holdout CLAIMS...]"},
    {"power", rl_cmd_power,
        "how many mice per group each check needs: power [CLAIMS...] [--n LIST] [-o FIG]"},
    {"screen", rl_cmd_screen,
        "which treatment prevents which relapse: screen SCREEN.yaml [--n N] [--csv FILE]"},
    {"export", rl_cmd_export,
        "write tidy CSV tables or MED-PC files: export DB --csv DIR | --medpc DIR"},
    {"summary", rl_cmd_summary,
        "standard measures of a database: summary DB [--csv DIR] [--by session|subject|group]"},
    {"plot", rl_cmd_plot, "draw a figure: plot DB FIGURE [options] -o OUT.png|svg|pdf|-"},
    {"report", rl_cmd_report, "a self-contained HTML report: report DB -o OUT.html|-"},
    {"import-medpc", rl_cmd_import_medpc,
        "read MED-PC files into a database: import-medpc FILE|DIR... --profile P --out DB"},
    {"annotate", rl_cmd_annotate,
        "join a subject sheet (CSV) onto an imported database: annotate DB SHEET.csv"},
    {"params", rl_cmd_params, "print the parameter table: params [--markdown | --basis BASIS]"},
    {"genotypes", rl_cmd_genotypes, "print the genotype table (gene products per genotype)"},
    {"drugs", rl_cmd_drugs, "print the drug table: drugs [NAME] [--markdown]"},
    {"limits", rl_cmd_limits, "print the limits of the protocol format: limits [--markdown]"},
    {"version", rl_cmd_version, "print the version"},
    {"help", cmd_help, "this help"},
};

static int
cmd_help(int argc, char **argv)
{
    size_t i;
    (void) argc;
    (void) argv;
    printf("relapselab %s -- an in-silico relapse laboratory\n\n", RL_VERSION);
    printf("usage: relapselab COMMAND [ARGS]\n\ncommands:\n");
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        printf("  %-12s %s\n", commands[i].name, commands[i].help);
    }
    printf("\nDocumentation: README.md, docs/PROTOCOL.md, docs/MODEL.md, docs/SCHEMA.md\n");
    return 0;
}

/* The allocation fault-injection hook (relapselab/alloc.h), for the failure-path tests:
** RL_ALLOC_FAIL_AT=k makes the k-th allocation fail, RL_ALLOC_TRACE=FILE logs every
** allocation's number and call site to FILE. Unset, nothing happens. */
static FILE *
alloc_hook_from_env(void)
{
    const char *at = getenv("RL_ALLOC_FAIL_AT"), *trace = getenv("RL_ALLOC_TRACE");
    FILE *t = NULL;
    if (trace != NULL && trace[0] != '\0' && (t = fopen(trace, "w")) == NULL) {
        fprintf(stderr, "relapselab: RL_ALLOC_TRACE: cannot write %s\n", trace);
    }
    if (t != NULL || (at != NULL && at[0] != '\0')) {
        rl_alloc_fault_set(at != NULL ? strtol(at, NULL, 10) : 0, t);
    }
    return t;
}

/* Run the command named by argv[1]. */
static int
dispatch(int argc, char **argv)
{
    size_t i;
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        cmd_help(argc, argv);
        return argc < 2 ? RL_EXIT_USAGE : 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        return rl_cmd_version(argc - 1, argv + 1);
    }
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            return commands[i].run(argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "relapselab: unknown command '%s' (try 'relapselab help')\n", argv[1]);
    return RL_EXIT_USAGE;
}

int
main(int argc, char **argv)
{
    FILE *trace = alloc_hook_from_env();
    int code = dispatch(argc, argv);
    rl_cli_temps_release();
    if (trace != NULL) {
        rl_alloc_fault_set(0, NULL);
        fclose(trace);
    }
    return code;
}
