/* medpc_import.h -- a batch of MED-PC files -> one relapselab database.
**
** Every file is parsed (medpc.h), every session decoded (medpc_decode.h) with the profile
** chosen among those whose programs, files and match: rules hold: the only one, else the
** one whose decoding agrees with the program's counters; when two still decode it
** differently the session is an error naming both (docs/MEDPC.md) -- and the
** sessions land in the results schema (docs/SCHEMA.md, run.source = 'import'): subjects
** from the `Subject:` header,
** groups from `Group:` (or `Experiment:`, or one group), phases from the profile's rules,
** sessions in date order per subject. The validation report (import_issues) lists every
** file skipped, session skipped (duplicate, no matching profile, undecodable), count that
** disagrees with the program's counters, missing end code and unknown code: nothing is
** dropped without a line there. A malformed file does not stop the batch. The database is
** written atomically (store.h): it appears complete or not at all, and only when at least
** one session was imported. A session whose decoded counts disagree with the program's
** counters is imported and flagged (import_sessions.counts_mismatch; sessions_flagged).
** Append (opt->append): when the database exists, it must be one written by an import; the
** batch is added to a copy of it (store/store_append.h) -- groups, phases and subjects it
** already has keep their ids, a session that duplicates one of its sessions (same subject,
** start time, box and program) is reported and skipped, each subject's sessions are
** numbered by date across batches -- and the copy replaces it only when complete.
*/
#ifndef RELAPSELAB_MEDPC_IMPORT_H
#define RELAPSELAB_MEDPC_IMPORT_H

#include <stddef.h>

#include "relapselab/api.h"
#include "relapselab/error.h"
#include "relapselab/progress.h"
#include "relapselab/medpc_profile.h"
#include "relapselab/subject_sheet.h"
#include "relapselab/tempwatch.h"

typedef enum {
    RL_GROUP_BY_GROUP = 0,      /* the MED-PC `Group:` header */
    RL_GROUP_BY_EXPERIMENT = 1, /* the `Experiment:` header */
    RL_GROUP_BY_NONE = 2        /* one group, "all" */
} rl_group_by_t;

typedef struct rl_import_options {
    const char *out_path;                /* the database to write */
    const rl_medpc_profile_t *profiles;  /* tried in order for each session */
    int n_profiles;
    rl_group_by_t group_by;
    const char *command;                 /* recorded in run.command; may be NULL */
    const char *version;                 /* relapselab version for run.relapselab_version */
    rl_progress_t progress;              /* after each file (unit "files") */
    /* Called for each line of the report as it is written (may be NULL): path of the file
    ** (NULL for the batch), line (0 = none), "error", "warning" or "note", message. */
    void (*report)(void *ctx, const char *path, long line, const char *severity,
        const char *msg);
    void *report_ctx;
    const rl_temp_watch_t *watch;        /* told of the database's temporary file; may be
                                         ** NULL (relapselab/tempwatch.h) */
    int append;                          /* 1: when out_path exists, add this batch to it
                                         ** (a copy, renamed onto it only when complete);
                                         ** 0: replace it */
    const rl_subject_sheet_t *sheet;     /* a subject sheet joined onto the subjects before
                                         ** the commit (subject_sheet.h); may be NULL */
} rl_import_options_t;

typedef struct rl_import_stats {
    int files, files_skipped, files_partly;
    int sessions_found, sessions_imported, sessions_skipped;
    int sessions_flagged;                /* imported, but the decoded counts disagree with
                                         ** the program's counters (counts_mismatch) */
    int sessions_duplicate;              /* not imported: a duplicate of a session of the
                                         ** batch or (append) of the database */
    int subjects_before, sessions_before;  /* append: what the database held (else 0) */
    int written;                         /* 1 = the database was written; 0 = nothing was
                                         ** imported, so nothing was written */
    int subjects, groups, phases;        /* groups: after the subject sheet, if any */
    rl_sheet_result_t sheet;             /* what the subject sheet did (zero without one) */
    long events;
    int errors, warnings, notes;         /* lines of the report by severity */
} rl_import_stats_t;

/* Import paths[0..n_paths-1] into opt->out_path. Returns 0 when the database was written
** (even if files or sessions were skipped: see *stats and the report) and also when no
** session at all could be imported: then nothing is written (stats->written = 0; the
** report still goes to opt->report) and a file at out_path is left as it was; RL_ERR_IO /
** RL_ERR_DB when it could not be, RL_ERR_NOMEM, RL_ERR_INVALID for bad options. */
RL_API int rl_medpc_import(const char *const *paths, size_t n_paths, const rl_import_options_t *opt,
    rl_import_stats_t *stats, rl_error_t *err);

#endif
