/* alloc.c -- the one allocator of the library, and its fault-injection hook (alloc.h,
** relapselab/alloc.h).
**
** Each allocation increments an atomic counter; when the counter reaches the chosen
** number, that allocation returns NULL instead of memory. With a trace file, each
** allocation's number and call site is appended to it (under a lock, so lines stay whole).
** The hook costs one atomic increment per allocation when unused.
*/
#include "core/alloc.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/alloc.h"
#include "relapselab/error.h"

static atomic_long n_allocs;
static atomic_long fail_at;      /* 0: none */
static FILE *_Atomic trace_file;
static pthread_mutex_t trace_lock = PTHREAD_MUTEX_INITIALIZER;

void
rl_alloc_fault_set(long at, FILE *trace)
{
    atomic_store(&n_allocs, 0);
    atomic_store(&fail_at, at > 0 ? at : 0);
    atomic_store(&trace_file, trace);
}

long
rl_alloc_count(void)
{
    return atomic_load(&n_allocs);
}

/* Count this allocation; false if it is the one to fail. */
static int
allowed(const char *file, int line)
{
    long k = atomic_fetch_add(&n_allocs, 1) + 1;
    long at = atomic_load(&fail_at);
    FILE *t = atomic_load(&trace_file);
    if (t != NULL) {
        pthread_mutex_lock(&trace_lock);
        fprintf(t, "%ld %s:%d\n", k, file, line);
        pthread_mutex_unlock(&trace_lock);
    }
    return at == 0 || k != at;
}

int
rl_alloc_permit_at(const char *file, int line)
{
    return allowed(file, line) ? 0 : -1;
}

void *
rl_malloc_at(size_t n, const char *file, int line)
{
    return allowed(file, line) ? malloc(n) : NULL;
}

void *
rl_calloc_at(size_t n, size_t size, const char *file, int line)
{
    return allowed(file, line) ? calloc(n, size) : NULL;
}

void *
rl_realloc_at(void *p, size_t n, const char *file, int line)
{
    return allowed(file, line) ? realloc(p, n) : NULL;
}

char *
rl_strdup_at(const char *s, const char *file, int line)
{
    size_t n = strlen(s) + 1;
    char *d = allowed(file, line) ? malloc(n) : NULL;
    if (d != NULL) {
        memcpy(d, s, n);
    }
    return d;
}

int
rl_grow_at(void **p, size_t *cap, size_t need, size_t elem_size, const char *file, int line)
{
    size_t c = *cap > 0 ? *cap : 16;
    void *q;
    if (need <= *cap) {
        return 0;
    }
    while (c < need) {
        if (c > SIZE_MAX / 2 / (elem_size > 0 ? elem_size : 1)) {
            return RL_ERR_NOMEM;
        }
        c *= 2;
    }
    if ((q = rl_realloc_at(*p, c * elem_size, file, line)) == NULL) {
        return RL_ERR_NOMEM;
    }
    *p = q;
    *cap = c;
    return 0;
}
