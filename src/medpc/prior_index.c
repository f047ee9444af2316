/* prior_index.c -- lookups in the database an import appends to (see prior_index.h):
** the dated sessions sorted by subject and start time, searched by bisection (an append of n
** sessions to a database of m costs O((n + m) log m)); subjects by a scan, once per subject
** of the batch.
*/
#include "prior_index.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

static int
cmp_key(const char *sa, const char *ta, const char *sb, const char *tb)
{
    int c = strcmp(sa, sb);
    return c != 0 ? c : strcmp(ta, tb);
}

static int
cmp_session(const void *a, const void *b)
{
    const rl_prior_session_t *x = *(const rl_prior_session_t *const *) a;
    const rl_prior_session_t *y = *(const rl_prior_session_t *const *) b;
    return cmp_key(x->subject, x->start_time, y->subject, y->start_time);
}

/* The first position in ix->by_key whose (subject, start) is not below the key. */
static size_t
lower_bound(const rl_prior_index_t *ix, const char *subject, const char *start)
{
    size_t lo = 0, hi = ix->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const rl_prior_session_t *s = ix->by_key[mid];
        if (cmp_key(s->subject, s->start_time, subject, start) < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

int
rl_prior_index_build(rl_prior_index_t *ix, const rl_store_prior_t *prior)
{
    size_t i;

    memset(ix, 0, sizeof *ix);
    ix->by_key = rl_calloc(prior->n_sessions + 1, sizeof *ix->by_key);
    if (ix->by_key == NULL) {
        rl_prior_index_free(ix);
        return RL_ERR_NOMEM;
    }
    for (i = 0; i < prior->n_sessions; i++) {
        if (prior->sessions[i].start_time[0] != '\0') {
            ix->by_key[ix->n++] = &prior->sessions[i];
        }
    }
    qsort(ix->by_key, ix->n, sizeof *ix->by_key, cmp_session);
    return 0;
}

const rl_prior_session_t *
rl_prior_index_duplicate(const rl_prior_index_t *ix, const char *subject, const char *start,
    const char *box, const char *program)
{
    size_t i;
    if (start[0] == '\0') {
        return NULL;
    }
    for (i = lower_bound(ix, subject, start); i < ix->n; i++) {
        const rl_prior_session_t *s = ix->by_key[i];
        if (cmp_key(s->subject, s->start_time, subject, start) != 0) {
            break;
        }
        if (strcmp(s->box, box) == 0 && strcmp(s->program, program) == 0) {
            return s;
        }
    }
    return NULL;
}

int
rl_prior_index_subject(const rl_store_prior_t *prior, const char *name)
{
    int k;
    for (k = 0; k < prior->n_subjects; k++) {
        if (strcmp(prior->subjects[k].name, name) == 0) {
            return k;
        }
    }
    return -1;
}

void
rl_prior_index_free(rl_prior_index_t *ix)
{
    free(ix->by_key);
    memset(ix, 0, sizeof *ix);
}
