/* split.c -- which studies a rank runs (split.h). Contiguous blocks in rank order, block r
** starting at ceil(r * n / size): rank 0 always holds study 0 (whose first-study details
** the reports show), and concatenating the blocks in rank order gives study order.
*/
#include "relapselab/split.h"

int
rl_split_active(const rl_split_t *split)
{
    return split != NULL && split->size > 1;
}

/* Start of rank r's block of n studies over size ranks. */
static int
block_start(int r, int n, int size)
{
    return (int) (((long long) r * n + size - 1) / size);
}

void
rl_split_range(const rl_split_t *split, int n, int *lo, int *hi)
{
    if (!rl_split_active(split) || split->rank < 0 || split->rank >= split->size) {
        *lo = 0;
        *hi = n;
        return;
    }
    *lo = block_start(split->rank, n, split->size);
    *hi = block_start(split->rank + 1, n, split->size);
}
