/* mpi_split.c -- the tool's MPI glue for validate, power and screen (split.h, docs/SCALE.md).
**
** The only file that calls MPI. Built with MPI when CMake found it (RL_HAVE_MPI); MPI is
** started only when the process was launched by an MPI launcher (mpirun/mpiexec, or Slurm's
** srun with PMI/PMIx: their rank variables are set), so a plain `relapselab validate`
** never touches MPI. rank and size come from MPI_COMM_WORLD; the gather is an
** MPI_Gather of the byte counts and an MPI_Gatherv of the records onto rank 0. Without
** RL_HAVE_MPI every function is a no-split stub (size 1).
**
** Slurm: `srun -n K` starts K tasks; without --mpi=pmix (or MpiDefault=pmix in slurm.conf)
** it sets no PMI variables, so each task would run the whole job as a plain process and
** every output would be written K times. Seen that way (SLURM_STEP_NUM_TASKS > 1, no
** launcher variables), task 0 warns on stderr; the run goes on as a plain one.
*/
#include "mpi_split.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/error.h"

#include "core/alloc.h"

/* Started by srun as several tasks but not as MPI ranks (see above)? Warn from task 0. */
static void
warn_srun_without_mpi(void)
{
    const char *tasks = getenv("SLURM_STEP_NUM_TASKS"), *id = getenv("SLURM_PROCID");
    long n = tasks != NULL ? strtol(tasks, NULL, 10) : 0;
    if (n > 1 && (id == NULL || strcmp(id, "0") == 0)) {
        fprintf(stderr, "relapselab: warning: started by srun as %ld tasks that are not MPI "
            "ranks: every task runs the whole job%s\n", n,
#ifdef RL_HAVE_MPI
            " (use srun --mpi=pmix, docs/SCALE.md)"
#else
            " (this relapselab was built without MPI)"
#endif
        );
    }
}

#ifdef RL_HAVE_MPI
#include <limits.h>
#include <mpi.h>

/* Launched by an MPI launcher? */
static int
launched(void)
{
    static const char *const vars[] = { "OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK",
        "PMI_SIZE" };
    size_t k;
    for (k = 0; k < sizeof vars / sizeof vars[0]; k++) {
        if (getenv(vars[k]) != NULL) {
            return 1;
        }
    }
    return 0;
}

static int
gather(void *ctx, const void *mine, size_t mine_bytes, void *all, size_t all_bytes)
{
    rl_cli_split_t *s = ctx;
    int n = s->split.size, r, mine_n, ret = 0;
    int *counts = NULL, *displs = NULL;
    long long total = 0;

    if (mine_bytes > INT_MAX) {
        return RL_ERR_INVALID;
    }
    mine_n = (int) mine_bytes;
    if (s->split.rank == 0) {
        counts = rl_calloc((size_t) n, sizeof *counts);
        displs = rl_calloc((size_t) n, sizeof *displs);
        if (counts == NULL || displs == NULL) {
            free(counts);
            free(displs);
            return RL_ERR_NOMEM;
        }
    }
    if (MPI_Gather(&mine_n, 1, MPI_INT, counts, 1, MPI_INT, 0, MPI_COMM_WORLD)
        != MPI_SUCCESS) {
        ret = RL_ERR_IO;
    }
    if (ret == 0 && s->split.rank == 0) {
        for (r = 0; r < n; r++) {
            displs[r] = (int) total;
            total += counts[r];
        }
        if (total != (long long) all_bytes || total > INT_MAX) {
            ret = RL_ERR_INTERNAL; /* the ranks disagree on the split */
        }
    }
    if (ret == 0 && MPI_Gatherv(mine, mine_n, MPI_BYTE, all, counts, displs, MPI_BYTE, 0,
            MPI_COMM_WORLD) != MPI_SUCCESS) {
        ret = RL_ERR_IO;
    }
    free(counts);
    free(displs);
    return ret;
}

void
rl_cli_split_begin(rl_cli_split_t *s)
{
    int inited = 0;
    memset(&s->split, 0, sizeof s->split);
    s->split.size = 1;
    s->started = false;
    if (!launched()) {
        warn_srun_without_mpi();
        return;
    }
    if (MPI_Initialized(&inited) != MPI_SUCCESS) {
        return;
    }
    if (!inited) {
        if (MPI_Init(NULL, NULL) != MPI_SUCCESS) {
            return;
        }
        s->started = true;
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &s->split.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &s->split.size);
    s->split.gather = gather;
    s->split.ctx = s;
}

void
rl_cli_split_end(rl_cli_split_t *s, bool failed, int code)
{
    if (!s->started) {
        return;
    }
    if (failed && s->split.size > 1) {
        fflush(stdout);
        MPI_Abort(MPI_COMM_WORLD, code != 0 ? code : 1); /* the other ranks may wait */
    }
    MPI_Finalize();
    s->started = false;
}

#else /* no MPI: never a split */

void
rl_cli_split_begin(rl_cli_split_t *s)
{
    memset(&s->split, 0, sizeof s->split);
    s->split.size = 1;
    s->started = false;
    warn_srun_without_mpi();
}

void
rl_cli_split_end(rl_cli_split_t *s, bool failed, int code)
{
    (void) s;
    (void) failed;
    (void) code;
}

#endif
