/* medpc_export.h -- sessions of a database -> MED-PC data files.
**
** The inverse of import: each session becomes one MED-PC IV style file named
** "!YYYY-MM-DD_HHhMMm.Subject <subject>" with the usual header (File, Start/End Date,
** Subject, Experiment = study, Group = group name, Box, Start/End Time, MSN = phase name),
** the counters the profile checks, and the events encoded as the profile says (each event
** kind written with the first code the profile maps to it; pokes in a timeout with a code
** marked in_timeout when there is one). Simulated sessions get dates from 2000-01-01
** 09:00 plus day x intersession interval; imported ones keep their start time. With the
** shipped profile "relapselab", importing the files back gives the same events (times to
** the 1 ms the files keep). Two sessions that would get the same name (the same start
** minute and subject label; '/' in a label becomes '_', and names are compared without
** regard to case) are kept apart: the later gets " (2)", " (3)", ... Files are written to
** temporary files renamed into place when all are complete (relapselab/tempwatch.h).
*/
#ifndef RELAPSELAB_MEDPC_EXPORT_H
#define RELAPSELAB_MEDPC_EXPORT_H

#include <stddef.h>

#include "relapselab/api.h"
#include "relapselab/error.h"
#include "relapselab/medpc_profile.h"
#include "relapselab/tempwatch.h"

typedef struct rl_medpc_export_stats {
    size_t files;          /* one per session: the files written (each name distinct) */
    size_t events;         /* events written (session_start is implicit in MED-PC) */
    size_t dropped;        /* events of a kind the profile has no code for */
    size_t timeout_lost;   /* in-timeout pokes written with an ordinary code */
} rl_medpc_export_stats_t;

/* Write every session of the database db_path into dir (created if missing; one level)
** with profile p, whose encoding must be parallel, code_plus_time or time_dot_code (else
** RL_ERR_INVALID).
** watch (may be NULL) is told of the temporary files. Errors name the database or the
** file: RL_ERR_IO, RL_ERR_INVALID, RL_ERR_DB, RL_ERR_NOMEM. */
RL_API int rl_medpc_export(const char *db_path, const char *dir, const rl_medpc_profile_t *p,
    const rl_temp_watch_t *watch, rl_medpc_export_stats_t *stats, rl_error_t *err);

#endif
