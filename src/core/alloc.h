/* alloc.h -- the library's allocator (internal): malloc, calloc, realloc and strdup with
** their call site, and a growable-array helper. They behave as the C library's functions
** (NULL when out of memory; realloc's block is then untouched) except that a test can make
** one chosen allocation fail (relapselab/alloc.h). Every allocation in src/ goes through
** these macros, so every failure path can be exercised; free() is the C library's.
*/
#ifndef RL_CORE_ALLOC_H
#define RL_CORE_ALLOC_H

#include <stddef.h>

void *rl_malloc_at(size_t n, const char *file, int line);
void *rl_calloc_at(size_t n, size_t size, const char *file, int line);
void *rl_realloc_at(void *p, size_t n, const char *file, int line);
char *rl_strdup_at(const char *s, const char *file, int line);

#define rl_malloc(n) rl_malloc_at((n), __FILE__, __LINE__)
#define rl_calloc(n, size) rl_calloc_at((n), (size), __FILE__, __LINE__)
#define rl_realloc(p, n) rl_realloc_at((p), (n), __FILE__, __LINE__)
#define rl_strdup(s) rl_strdup_at((s), __FILE__, __LINE__)

/* For an allocation made by another library (say gsl_rng_alloc): counts it as one of ours
** and returns 0 if it may go ahead, -1 if the fault-injection hook says it fails (then the
** caller acts as if that library had returned NULL). */
int rl_alloc_permit_at(const char *file, int line);
#define rl_alloc_permit() rl_alloc_permit_at(__FILE__, __LINE__)

/* Make room for at least `need` elements of elem_size bytes in the array *p of capacity
** *cap (elements): the capacity doubles (from at least 16) until it suffices. Returns 0, or
** RL_ERR_NOMEM with *p and *cap unchanged (the old block is still valid). */
int rl_grow_at(void **p, size_t *cap, size_t need, size_t elem_size, const char *file,
    int line);

#define rl_grow(p, cap, need) \
    rl_grow_at((void **) (void *) (p), (cap), (need), sizeof **(p), __FILE__, __LINE__)

#endif
