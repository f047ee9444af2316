/* alloc.h -- the allocation fault-injection hook of the relapselab library (for tests).
**
** Every allocation the library makes goes through one allocator (src/core/alloc.c). For
** testing its failure paths, a program can make the k-th allocation from now fail (return
** NULL) and can log where each allocation is made; `relapselab` turns the environment
** variables RL_ALLOC_FAIL_AT=k and RL_ALLOC_TRACE=FILE into these calls, and the test
** tests/cli/test_alloc_failures.sh uses them to fail each allocation site once. This is the
** one piece of process-wide mutable state in the library (an allocator is process-wide by
** nature); it is inert until set. Not for production use.
*/
#ifndef RELAPSELAB_ALLOC_H
#define RELAPSELAB_ALLOC_H

#include <stdio.h>

#include "relapselab/api.h"

/* From now on, allocation number fail_at (1-based; 0 = none) fails, and every allocation is
** logged to trace as "<number> <file>:<line>\n" (trace NULL: no log). Allocations are
** counted across threads. Call it before any other library call. */
RL_API void rl_alloc_fault_set(long fail_at, FILE *trace);

/* Allocations made since the last rl_alloc_fault_set (or the start). */
RL_API long rl_alloc_count(void);

#endif
