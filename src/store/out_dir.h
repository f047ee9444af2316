/* out_dir.h -- a folder of output files written as a whole (internal).
**
** Commands that write several files into one folder (export --csv, export --medpc,
** summary --csv) write every file to its own temporary file (core/outfile.h: an
** unpredictable name opened with O_EXCL, the final path checked first) and rename them onto
** their final names only when all are complete (rl_out_dir_commit). On a failure
** rl_out_dir_abort removes the temporary files -- and the folder itself if this run created
** it -- so a failed command leaves nothing behind and replaces none of the files of an
** earlier run. (Only a failure among the final renames, after every file is complete, can
** leave a mix; it is reported.) The watch (relapselab/tempwatch.h, may be NULL) is told of
** every temporary file, and of the folder while this run created it and may still remove
** it. A final path that is the input (d->input, e.g. the database exported) is refused.
*/
#ifndef RL_STORE_OUT_DIR_H
#define RL_STORE_OUT_DIR_H

#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>

#include "relapselab/error.h"
#include "relapselab/tempwatch.h"
#include "core/outfile.h"

typedef struct rl_out_dir {
    char *dir;
    bool created;               /* this run created the folder */
    const rl_temp_watch_t *watch;
    void *dir_handle;           /* the watch's token for the folder (when created) */
    bool dir_watched;
    const char *input;          /* a file no output may replace (borrowed), or NULL */
    size_t n, cap;
    struct rl_out_file {
        char *name;             /* the file's name in the folder */
        unsigned long hash;     /* of the name, case-folded, to find a name quickly */
        rl_outfile_t o;         /* its final and temporary paths */
    } *files;
} rl_out_dir_t;

/* Start writing into folder dir, created if missing (one level). RL_ERR_IO naming dir if
** it cannot be created or is not a folder, RL_ERR_NOMEM; nothing to release then. */
int rl_out_dir_open(rl_out_dir_t *d, const char *dir, const rl_temp_watch_t *watch,
    rl_error_t *err);

/* name, or if a file of the folder already has that name -- compared without regard to
** ASCII case, so that the files stay distinct on case-insensitive file systems -- the
** first free "name (2)", "name (3)", ..., into out[n]. -1 if it does not fit. */
int rl_out_dir_unique(const rl_out_dir_t *d, const char *name, char *out, size_t n);

/* Open file `name` of the folder for writing (binary): *f writes to its temporary file;
** *k gets the file's number for rl_out_dir_close. The same name twice: the later file
** replaces the earlier one. RL_ERR_IO (the final path refused: see core/outfile.h, or it is
** d->input) or RL_ERR_NOMEM naming the file. */
int rl_out_dir_create(rl_out_dir_t *d, const char *name, FILE **f, size_t *k,
    rl_error_t *err);

/* Close file k (f: the stream rl_out_dir_create gave): RL_ERR_IO naming it if a write
** failed. */
int rl_out_dir_close(rl_out_dir_t *d, size_t k, FILE *f, rl_error_t *err);

/* Rename every file onto its final name, sync the folder and release d. RL_ERR_IO naming
** the first that could not be renamed (the others are still renamed). */
int rl_out_dir_commit(rl_out_dir_t *d, rl_error_t *err);

/* Remove the temporary files (and the folder if this run created it and it is empty) and
** release d. Safe after a failed open (d zeroed) and twice. */
void rl_out_dir_abort(rl_out_dir_t *d);

#endif
