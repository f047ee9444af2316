/* dataset.h -- a results database read back into plain data, for analysis.
**
** rl_dataset_read() opens a database (docs/SCHEMA.md) read-only and loads the run, the
** protocol tables (reinforcers, procedures and their phases, groups), the subjects and the
** sessions; rl_dataset_load_events() adds the events of one session or of all. It reads
** only databases of schema RL_STORE_SCHEMA_VERSION (store.h) whose run completed, and the
** same code reads simulations and imported chamber data (run.source = 'import'): a column
** that a lab file may lack is NULL in the database, and NULL is a documented value here
** (a NULL pointer for text, NaN for a REAL, -1 for a count or index that cannot be < 0).
**
** Reinforcers and phases are loaded into the protocol's own types (rl_reinforcer_t,
** rl_procedure_t with its rl_phase_t array), so the criteria of criteria.h apply to them
** directly; there a NULL number reads as 0 (a field that does not apply, as in a protocol),
** a NULL name as "", and criterion.reference_phase_id is resolved by name (-1 if none).
** src_line is not stored and is 0. Everything -- strings included -- is owned by the
** rl_dataset_t and released by rl_dataset_free(); the structs are plain data.
*/
#ifndef RELAPSELAB_DATASET_H
#define RELAPSELAB_DATASET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "relapselab/api.h"
#include "relapselab/error.h"
#include "relapselab/protocol.h"
#include "relapselab/results.h"

/* Values no session can have: the reader refuses a database that holds one (RL_ERR_INVALID,
** "session N: day = X is impossible (...)"), so that no measure or figure computes with a
** crafted count of INT64_MAX or a day of 2^31 - 1. A simulated session lasts at most a day
** and an imported one at most 366 days (medpc_decode.h); a protocol has at most 32,000
** sessions per mouse (protocol_limits.h). */
#define RL_DS_MAX_COUNT 1000000000           /* pokes, reinforcers, events of one session */
#define RL_DS_MAX_DAY 10000000               /* day, session_in_phase, index_in_group */
#define RL_DS_MAX_SESSION_S (366.0 * 86400.0) /* duration, and an event's time */

/* The run table. Text is NULL where the column is NULL. */
typedef struct rl_ds_run {
    bool imported;              /* run.source = 'import' (else 'simulation') */
    const char *source;         /* "simulation" or "import" */
    const char *study;
    const char *seed;           /* master seed as decimal text; NULL for imports */
    const char *version;        /* relapselab version that wrote the database */
    const char *command;
    const char *protocol_path;
    const char *protocol_text;  /* the protocol YAML as read (NULL for imports without one) */
    double intersession_h;      /* NaN if NULL */
} rl_ds_run_t;

/* One row of groups. line, genotype and sex are NULL when not recorded (imports). */
typedef struct rl_ds_group {
    int group_id;               /* == index in rl_dataset_t.groups */
    const char *name, *line, *genotype, *sex;
    int n;                      /* mice planned in the group */
    int reinforcer_id;          /* index in rl_dataset_t.reinforcers */
    int procedure_id;           /* index in rl_dataset_t.procedures */
} rl_ds_group_t;

/* One row of subjects. */
typedef struct rl_ds_subject {
    int subject_id;
    int group_id;
    int index_in_group;
    const char *name;           /* the lab's subject ID (imports); NULL for simulated mice */
} rl_ds_subject_t;

/* One row of events. */
typedef struct rl_ds_event {
    double t_s;                 /* seconds from the session start */
    int kind;                   /* rl_event_kind_t */
    int in_timeout;             /* 0/1 */
    double code;                /* MED-PC code (imports); NaN if NULL */
} rl_ds_event_t;

/* One session: the columns of the sessions_tidy view, plus where it sits in the dataset
** and the start time of an imported session. */
typedef struct rl_ds_session {
    int64_t session_id;
    int subject_id, group_id;
    const char *group_name, *line, *genotype, *sex, *reinforcer, *procedure;
    int index_in_group;
    const char *subject_name;   /* NULL for simulated mice */
    int phase_index;            /* in the group's procedure */
    const char *phase_name, *phase_kind;
    int session_in_phase, day;  /* 0-based */
    int64_t active, inactive, active_timeout, reinforcers;
    double duration_min;
    const char *end_reason;
    bool criterion_met;         /* as stored (always false for imports) */
    int64_t breakpoint;         /* -1 if NULL (not a PR session, or an import without it) */
    double drug_mg_per_kg;      /* NaN if NULL */
    int64_t n_events;           /* as stored */
    rl_brain_readout_t brain;   /* DA and cocaine readouts (simulations); NaN where NULL */
    const char *start_time;     /* import_sessions.start_time ("YYYY-MM-DDTHH:MM:SS"), or NULL */
    int counts_mismatch;        /* import_sessions.counts_mismatch: program counters that
                                ** disagree with the decoded counts (flagged if > 0); 0 for
                                ** simulations */
    struct {                    /* the other import_sessions columns: the file's header */
        const char *end_time;   /*   fields as read, and the profile that decoded it; */
        const char *subject, *experiment, *group_label, *box;  /* NULL when absent or */
        const char *program, *profile;                         /* for a simulation */
        int64_t file_id;        /*   import_files.file_id; -1 for a simulation */
    } import;
    int subject;                /* index in rl_dataset_t.subjects */
    /* Filled by rl_dataset_load_events(): */
    bool events_loaded;
    size_t n_loaded_events;
    rl_ds_event_t *events;      /* in seq order; NULL until loaded (or if there are none) */
} rl_ds_session_t;

/* One row of import_files (imports only). */
typedef struct rl_ds_import_file {
    int64_t file_id;
    const char *path, *status;  /* status: "imported", "partly_imported" or "skipped" */
    int sessions_found, sessions_imported;
    const char *message;        /* why the file was skipped; NULL otherwise */
} rl_ds_import_file_t;

/* One row of import_issues (the import's report). */
typedef struct rl_ds_import_issue {
    int64_t issue_id;
    int64_t file_id;            /* 0: about the whole batch */
    int64_t session_id;         /* 0: about a file, or a session that was not imported */
    long line;                  /* 0: no line */
    const char *path;           /* the file's path; NULL for the batch */
    const char *severity;       /* "error", "warning" or "note" */
    const char *message;
} rl_ds_import_issue_t;

typedef struct rl_ds_arena rl_ds_arena_t;  /* the dataset's string storage (private) */

typedef struct rl_dataset {
    const char *path;           /* the database file, as given */
    rl_ds_run_t run;
    int n_reinforcers;
    rl_reinforcer_t *reinforcers;       /* by reinforcer_id */
    int n_procedures;
    rl_procedure_t *procedures;         /* by procedure_id; phases by phase_index */
    int n_groups;
    rl_ds_group_t *groups;              /* by group_id */
    int n_subjects;
    rl_ds_subject_t *subjects;          /* by subject_id, ascending */
    size_t n_sessions;
    rl_ds_session_t *sessions;          /* by subject_id, then day */
    /* Filled by rl_dataset_load_import_log() (empty for a simulation): */
    size_t n_import_files;
    rl_ds_import_file_t *import_files;   /* by file_id */
    size_t n_import_issues;
    rl_ds_import_issue_t *import_issues; /* in the order found (issue_id) */
    rl_ds_arena_t *arena;
} rl_dataset_t;

/* Read the database at path. On success returns 0 and *out owns the dataset (events not
** loaded). On failure *out is NULL and err names path: RL_ERR_IO (missing or unreadable
** file), RL_ERR_INVALID (not a relapselab database, another schema version, an incomplete
** run, content this reader does not understand, e.g. an unknown phase kind, or a session
** value beyond the RL_DS_MAX_ limits above),
** RL_ERR_DB (SQLite error) or RL_ERR_NOMEM. */
RL_API int rl_dataset_read(const char *path, rl_dataset_t **out, rl_error_t *err);

/* Load the events of session index `session` (index in ds->sessions), or of every session
** if session < 0, reopening ds->path read-only (with the same checks), and set their
** events_loaded. Replaces events loaded before. Errors as rl_dataset_read() (an unknown
** event kind, events of a session that is not in ds, or a time that is not in 0 ..
** RL_DS_MAX_SESSION_S, is RL_ERR_INVALID); on failure
** the sessions concerned have events_loaded false (and possibly some events). */
RL_API int rl_dataset_load_events(rl_dataset_t *ds, long session, rl_error_t *err);

/* Load the import log: the import_files and import_issues tables (both empty for a
** simulation), replacing what an earlier call loaded. Errors as rl_dataset_read(). */
RL_API int rl_dataset_load_import_log(rl_dataset_t *ds, rl_error_t *err);

/* Release everything ds owns, and ds. NULL is allowed. */
RL_API void rl_dataset_free(rl_dataset_t *ds);

#endif
