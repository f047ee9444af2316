/* cli.h -- subcommands of the relapselab tool (each in its own cmd_*.c). Each takes the
** arguments after the tool name (argv[0] is the command name) and returns the exit code. */
#ifndef RL_CLI_H
#define RL_CLI_H

#include <stdatomic.h>
#include <time.h>

#include "relapselab/error.h"

enum { RL_EXIT_OK = 0, RL_EXIT_FAIL = 1, RL_EXIT_USAGE = 2, RL_EXIT_INTERRUPTED = 130 };

int rl_cmd_run(int argc, char **argv);
int rl_cmd_export(int argc, char **argv);
int rl_cmd_summary(int argc, char **argv);
int rl_cmd_plot(int argc, char **argv);
int rl_cmd_report(int argc, char **argv);
int rl_cmd_import_medpc(int argc, char **argv);
int rl_cmd_validate(int argc, char **argv);
int rl_cmd_params(int argc, char **argv);
int rl_cmd_genotypes(int argc, char **argv);
int rl_cmd_drugs(int argc, char **argv);
int rl_cmd_version(int argc, char **argv);
int rl_cmd_screen(int argc, char **argv);

/* Install SIGINT/SIGTERM handlers that set the returned flag (for rl_runner_options_t's
** cancel). Call once, before work that must not be left half-done. */
const atomic_int *rl_cli_catch_interrupts(void);

/* Seconds since start (CLOCK_MONOTONIC). */
double rl_cli_elapsed_s(const struct timespec *start);

/* The progress line on stderr: "\r  [####......] <fmt ...>, 1.2 s", a newline when done ==
** total. Call it only when stderr is a terminal. */
void rl_cli_progress(const struct timespec *start, int done, int total, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Print "relapselab: <formatted error>" to stderr and return the exit code for it. */
int rl_cli_report(const rl_error_t *err);

#endif
