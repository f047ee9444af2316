/* store_append.h -- append an import batch to an existing database of imported sessions
** (internal, for the importer; does not include <sqlite3.h>).
**
** Two steps. rl_store_prior_read() reads what a new batch must agree with: the groups and
** the phases (into a protocol the importer extends), the subjects (ids kept), and each
** imported session's identity (subject, start time, box, program) for duplicate detection.
** It refuses a simulated run (run.source = 'simulation'), and anything rl_db_open_checked
** refuses (not a relapselab database, another schema version, an incomplete run).
** rl_store_open_append() then copies the database byte for byte to a new temporary file
** (core/outfile.h) and opens that copy as a store: the new groups, phases, subjects,
** files, sessions and issues are added to it with the usual store.h calls, and
** rl_store_commit() renumbers every subject's sessions by start time across batches
** (sessions.day and session_in_phase), marks the batch and renames the copy onto the
** database. Until that rename the database is never opened for writing: a failing or
** aborted append leaves it byte-identical.
*/
#ifndef RL_STORE_APPEND_H
#define RL_STORE_APPEND_H

#include <stddef.h>
#include <stdint.h>

#include "relapselab/store.h"
#include "relapselab/tempwatch.h"

typedef struct rl_prior_subject {
    char *name;                /* subjects.name ("" when NULL) */
    int group;                 /* groups.group_id */
    int n_sessions;            /* its sessions already in the database */
} rl_prior_subject_t;

typedef struct rl_prior_session {
    int64_t session_id;
    char *subject, *start_time, *box, *program;   /* import_sessions; "" when NULL */
    char *path;                /* import_files.path of its file */
    long line;                 /* its line in that file; 0 when unknown */
} rl_prior_session_t;

/* What the database holds; subjects are indexed by subject_id (0..n_subjects-1). */
typedef struct rl_store_prior {
    rl_prior_subject_t *subjects;
    int n_subjects;
    rl_prior_session_t *sessions;  /* in session_id order */
    size_t n_sessions;
    int n_groups, n_phases;    /* as read into the protocol */
    int batches;               /* import batches recorded so far */
} rl_store_prior_t;

/* Read the database at path (must exist) into *prior and into proto, which must be
** zero-filled: one procedure ("imported") with the phases of procedure 0 (name, kind,
** schedule), and the groups (name, n; no genotype, sex unknown). Returns 0, RL_ERR_INVALID
** for a database that cannot be appended to (a simulation, another schema...: err says
** why), RL_ERR_IO, RL_ERR_DB or RL_ERR_NOMEM. *prior is always initialised: release it with
** rl_store_prior_free(). */
int rl_store_prior_read(const char *path, rl_protocol_t *proto, rl_store_prior_t *prior,
    rl_error_t *err);

void rl_store_prior_free(rl_store_prior_t *prior);

/* Copy final_path (as read by rl_store_prior_read into prior) to a temporary file and open
** it as a store. protocol is prior's protocol extended by the importer: groups from
** prior->n_groups and phases from prior->n_phases on are written; every group's n is
** updated. run->command is recorded for the batch (import_batches). Subjects 0 ..
** prior->n_subjects-1 exist already (do not write them again). Then as rl_store_open(). */
int rl_store_open_append(const char *final_path, const rl_protocol_t *protocol,
    const rl_store_prior_t *prior, const rl_run_info_t *run, const rl_temp_watch_t *watch,
    rl_store_t **out, rl_error_t *err);

#endif
