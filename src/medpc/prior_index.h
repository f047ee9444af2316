/* prior_index.h -- look up, in a database an import appends to (store/store_append.h), the
** session a new one duplicates and the subject a name already has (internal to src/medpc).
**
** Duplicate rule (docs/MEDPC.md, "Appending"): the same subject, the same start date and
** time, the same box and the same program (MSN) as a session already in the database.
** Sessions without a valid start time are never duplicates (nothing identifies them).
*/
#ifndef RL_MEDPC_PRIOR_INDEX_H
#define RL_MEDPC_PRIOR_INDEX_H

#include "store/store_append.h"

typedef struct rl_prior_index {
    const rl_prior_session_t **by_key;   /* prior's dated sessions by subject, start time */
    size_t n;
} rl_prior_index_t;

/* Build the index of prior (which must outlive it). 0 or RL_ERR_NOMEM. */
int rl_prior_index_build(rl_prior_index_t *ix, const rl_store_prior_t *prior);

/* The session of the database that (subject, start, box, program) duplicates, or NULL
** (also when start is ""). */
const rl_prior_session_t *rl_prior_index_duplicate(const rl_prior_index_t *ix,
    const char *subject, const char *start, const char *box, const char *program);

/* The subject id of name in the database, or -1. */
int rl_prior_index_subject(const rl_store_prior_t *prior, const char *name);

void rl_prior_index_free(rl_prior_index_t *ix);

#endif
