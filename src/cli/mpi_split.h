/* mpi_split.h -- MPI for `validate`, `power` and `screen` (mpi_split.c): the rank, the size
** and the gather of split.h, or no split when the tool was built without MPI or not
** launched by an MPI launcher. */
#ifndef RL_CLI_MPI_SPLIT_H
#define RL_CLI_MPI_SPLIT_H

#include <stdbool.h>

#include "relapselab/split.h"

typedef struct rl_cli_split {
    rl_split_t split;   /* pass &split to the library when split.size > 1 */
    bool started;       /* MPI_Init was called here */
} rl_cli_split_t;

/* Fill s: under an MPI launcher (and built with MPI), start MPI and take this process's
** rank and the number of ranks; else size 1 (no split). Never fails: a failed MPI_Init
** leaves size 1. */
void rl_cli_split_begin(rl_cli_split_t *s);

/* End MPI if rl_cli_split_begin started it. failed: this rank stopped on an error (the
** others may be waiting for its records): abort every rank with exit code code. */
void rl_cli_split_end(rl_cli_split_t *s, bool failed, int code);

#endif
