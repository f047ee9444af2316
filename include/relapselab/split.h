/* split.h -- splitting independent virtual studies across processes (`mpirun -n K
** relapselab validate|power`, docs/SCALE.md).
**
** The library knows no MPI: a caller that runs K copies of the same work (one per rank)
** passes each a split naming its rank and a gather callback. Rank r runs the contiguous
** block of studies rl_split_range gives it (study s always uses seed + s, whichever rank
** runs it), reduces each study to a fixed-size record, and hands its records to gather;
** rank 0 receives every record in study order and accumulates them exactly as a single
** process would, so its report is byte-identical. Other ranks' results are partial: they
** must not be printed. The MPI glue is the command-line tool's (src/cli/mpi_split.c).
*/
#ifndef RELAPSELAB_SPLIT_H
#define RELAPSELAB_SPLIT_H

#include <stddef.h>

#include "relapselab/api.h"

typedef struct rl_split {
    int rank;   /* this process, 0 .. size - 1 */
    int size;   /* processes; <= 1: no split (every study runs here) */
    /* Collective: every rank passes its records (mine, mine_bytes, possibly 0 bytes); rank
    ** 0 receives the concatenation over ranks 0 .. size - 1 in rank order into all
    ** (all_bytes, its total; all is NULL on other ranks). Returns 0 or < 0 (an RL_ERR_*
    ** code). */
    int (*gather)(void *ctx, const void *mine, size_t mine_bytes, void *all,
        size_t all_bytes);
    void *ctx;
} rl_split_t;

/* The studies [*lo, *hi) of split's rank out of n (0 .. n for no split, split NULL or
** size <= 1): contiguous blocks in rank order, rank 0's never empty when n >= 1. */
RL_API void rl_split_range(const rl_split_t *split, int n, int *lo, int *hi);

/* Is split a real split (size > 1)? */
RL_API int rl_split_active(const rl_split_t *split);

#endif
