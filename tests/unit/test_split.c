/* test_split.c -- which studies a rank runs (split.h, src/experiment/split.c).
**
** Properties, for every n of 0..40 studies and 1..9 ranks: the blocks of ranks 0..K-1 are
** contiguous, in rank order, cover 0..n exactly, differ in size by at most one, and rank 0's
** is not empty when n >= 1 (it must hold study 0). Known answers, worked by hand from
** ceil(k n / K): 10 studies on 3 ranks are 0-4, 4-7, 7-10; 2 studies on 3 ranks are 0-1, 1-2
** and an empty block at 2. No split (NULL, or size 1) is every study.
*/
#include <stddef.h>

#include "relapselab/split.h"
#include "testlib.h"

static void
range_of(int rank, int size, int n, int *lo, int *hi)
{
    rl_split_t s = { rank, size, NULL, NULL };
    rl_split_range(&s, n, lo, hi);
}

static void
blocks_cover_in_order(void)
{
    int n, size, k, lo, hi;
    for (n = 0; n <= 40; n++) {
        for (size = 1; size <= 9; size++) {
            int next = 0, min = n + 1, max = -1;
            for (k = 0; k < size; k++) {
                range_of(k, size, n, &lo, &hi);
                CHECK(lo == next);
                CHECK(hi >= lo);
                next = hi;
                min = hi - lo < min ? hi - lo : min;
                max = hi - lo > max ? hi - lo : max;
                if (k == 0 && n >= 1) {
                    CHECK(hi > 0);
                }
            }
            CHECK(next == n);
            CHECK(max - min <= 1);
        }
    }
}

static void
known_blocks(void)
{
    int lo, hi;
    range_of(0, 3, 10, &lo, &hi);
    CHECK(lo == 0 && hi == 4);
    range_of(1, 3, 10, &lo, &hi);
    CHECK(lo == 4 && hi == 7);
    range_of(2, 3, 10, &lo, &hi);
    CHECK(lo == 7 && hi == 10);
    range_of(0, 3, 2, &lo, &hi);
    CHECK(lo == 0 && hi == 1);
    range_of(1, 3, 2, &lo, &hi);
    CHECK(lo == 1 && hi == 2);
    range_of(2, 3, 2, &lo, &hi);
    CHECK(lo == 2 && hi == 2);
}

static void
no_split(void)
{
    rl_split_t one = { 0, 1, NULL, NULL };
    int lo = -1, hi = -1;
    rl_split_range(NULL, 7, &lo, &hi);
    CHECK(lo == 0 && hi == 7);
    CHECK(!rl_split_active(NULL));
    rl_split_range(&one, 7, &lo, &hi);
    CHECK(lo == 0 && hi == 7);
    CHECK(!rl_split_active(&one));
    one.size = 2;
    CHECK(rl_split_active(&one));
}

static const rl_test_case_t cases[] = {
    { "blocks_cover_in_order", blocks_cover_in_order, 0 },
    { "known_blocks", known_blocks, 0 },
    { "no_split", no_split, 0 },
};

RL_TEST_MAIN(cases)
