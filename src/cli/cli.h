/* cli.h -- subcommands of the relapselab tool (each in its own cmd_*.c). Each takes the
** arguments after the tool name (argv[0] is the command name) and returns the exit code. */
#ifndef RL_CLI_H
#define RL_CLI_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "relapselab/error.h"
#include "relapselab/params.h"
#include "relapselab/progress.h"
#include "relapselab/tempwatch.h"

enum { RL_EXIT_OK = 0, RL_EXIT_FAIL = 1, RL_EXIT_USAGE = 2, RL_EXIT_INTERRUPTED = 130 };

int rl_cmd_run(int argc, char **argv);
int rl_cmd_export(int argc, char **argv);
int rl_cmd_summary(int argc, char **argv);
int rl_cmd_plot(int argc, char **argv);
int rl_cmd_report(int argc, char **argv);
int rl_cmd_import_medpc(int argc, char **argv);
int rl_cmd_annotate(int argc, char **argv);
int rl_cmd_validate(int argc, char **argv);
int rl_cmd_calibrate(int argc, char **argv);
int rl_cmd_params(int argc, char **argv);
int rl_cmd_genotypes(int argc, char **argv);
int rl_cmd_drugs(int argc, char **argv);
int rl_cmd_limits(int argc, char **argv);
int rl_cmd_version(int argc, char **argv);
int rl_cmd_screen(int argc, char **argv);
int rl_cmd_power(int argc, char **argv);

/* Install SIGINT/SIGTERM handlers that set the returned flag (for rl_runner_options_t's
** cancel), for commands whose work polls it. Call once, before work that must not be left
** half-done. [signals.c] */
const atomic_int *rl_cli_catch_interrupts(void);

/* For commands whose library work does not poll a flag: install SIGINT/SIGTERM handlers
** that remove every live temporary file the returned watch was told of and end the process
** by the signal. Pass the watch to every library call that writes. [signals.c] */
const rl_temp_watch_t *rl_cli_clean_on_interrupt(void);

/* The command is finished (main, at the end): ignore SIGINT/SIGTERM from here on, so a late
** signal cannot change an exit status whose files are final, and free the registry. */
void rl_cli_temps_release(void);

/* Output paths (outputs.c). "-" names standard output. */
bool rl_cli_is_stdout(const char *path);

/* For an option whose output cannot go to standard output: if path is "-", print why
** ("relapselab: OPT -: WHY") and return RL_EXIT_USAGE; else -1. */
int rl_cli_refuse_stdout(const char *opt, const char *path, const char *why);

/* If out names the same file as one of inputs[0..n) (core/outfile.h: rl_outfile_same),
** print "relapselab: error: OUT: is the input IN; refusing to replace it" and return
** RL_EXIT_FAIL; else -1. */
int rl_cli_refuse_input(const char *out, const char *const *inputs, size_t n);

/* Before the work: whether out (a file path, not "-") may be written -- not one of the
** inputs (rl_cli_refuse_input) and accepted by the library's rule (core/outfile.h:
** rl_outfile_check). -1, or the exit code after printing why. */
int rl_cli_check_output(const char *out, const char *const *inputs, size_t n);

/* s as one shell word: s itself when it is made of safe characters only, else in single
** quotes (each ' as '\''); "./" goes before a word that starts with '-'. Malloc'ed (the
** caller frees); NULL when out of memory. */
char *rl_cli_shell_word(const char *s);

/* Seconds since start (CLOCK_MONOTONIC). */
double rl_cli_elapsed_s(const struct timespec *start);

/* The progress of a long command on stderr. On a terminal one line redrawn in place:
** "\r  [####......] 12/160 mice, 345 sessions, 41234 events, 1.2 s, about 15 s left", a
** newline when done. Elsewhere (a log, a batch job's output) the same text as a plain line
** at most every log_every_s seconds (60, or the environment's RELAPSELAB_PROGRESS_S: a
** number of seconds >= 0; 0 = every report), and a last line when done if any was written:
** a run shorter than that writes nothing. */
typedef struct rl_cli_progress {
    struct timespec start;
    bool show;          /* draw at all */
    bool tty;           /* stderr is a terminal: redraw in place */
    double log_every_s; /* not a terminal: seconds between lines */
    double logged_s;    /* not a terminal: elapsed seconds at the last line (-1: none yet) */
} rl_cli_progress_t;

/* Start the clock of p; show = the caller wants a progress line (it is drawn only if
** stderr is also a terminal). Returns the rl_progress_t to hand to the library. */
rl_progress_t rl_cli_progress_start(rl_cli_progress_t *p, bool show);

/* The options every simulating command takes (options.c). */
typedef struct rl_cli_common {
    uint64_t seed;
    int have_seed;              /* --seed was given */
    int threads;
    rl_params_t params;         /* population values after the --set options */
    char settings[1024];        /* " --set A=1 --set B=2", for the recorded command line */
} rl_cli_common_t;

/* Add path to files[*n_files..]: a file as it is, a folder as its *.yaml files in name order
** (hidden files skipped); each string is allocated (the caller frees). Returns 0, or -1 if
** the folder cannot be read, max_files would be exceeded or memory runs out (files added
** before the failure stay, counted in *n_files). [claims_paths.c] */
int rl_cli_claims_expand(char **files, int *n_files, int max_files, const char *path);

/* The claims files of a command's path arguments paths[0..*n_paths) -- default_path when
** none was given (it is then added to paths) -- expanded by rl_cli_claims_expand into
** files[0..*n_files) (max_files at most; the caller frees each). Returns -1 when at least
** one file was found, else the exit code after a message (RL_EXIT_FAIL). */
int rl_cli_claims_collect(const char **paths, int *n_paths, const char *default_path,
    char **files, int *n_files, int max_files);

/* Load claims[0..n_files) from files (each allocated; *n_loaded = how many to free with
** rl_cli_claims_free, the failed one included). Returns RL_EXIT_OK, or the exit code after
** printing the error (file, line and problem). [claims_paths.c] */
struct rl_claims;
int rl_cli_claims_load(struct rl_claims **claims, char *const *files, int n_files,
    int *n_loaded);
void rl_cli_claims_free(struct rl_claims **claims, int n);

/* Defaults: seed, threads, the parameter table. */
void rl_cli_common_init(rl_cli_common_t *c, uint64_t seed, int threads);

/* If argv[*i] is --seed, --threads or --set with a value, consume it (advancing *i) and
** return 0, or print the problem and return RL_EXIT_USAGE; return -1 if it is none of them. */
int rl_cli_common_option(int argc, char **argv, int *i, rl_cli_common_t *c);

/* A whole-string integer in [lo, hi] into *out: 0, or -1 (nothing written). */
int rl_cli_int_arg(const char *s, long long lo, long long hi, long long *out);

/* Print "relapselab: <formatted error>" to stderr and return the exit code for it. */
int rl_cli_report(const rl_error_t *err);

#endif
