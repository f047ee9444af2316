/* out_dir.h -- a folder of output files written as a whole (internal).
**
** Commands that write several files into one folder (export --csv, export --medpc,
** summary --csv) write every file under a temporary name ("<name>.tmp") and rename them
** onto their final names only when all are complete (rl_out_dir_commit). On a failure
** rl_out_dir_abort removes the temporary files -- and the folder itself if this run created
** it -- so a failed command leaves nothing behind and replaces none of the files of an
** earlier run. (Only a failure among the final renames, after every file is complete, can
** leave a mix; it is reported.)
*/
#ifndef RL_STORE_OUT_DIR_H
#define RL_STORE_OUT_DIR_H

#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>

#include "relapselab/error.h"

typedef struct rl_out_dir {
    char *dir;
    bool created;               /* this run created the folder */
    size_t n, cap;
    struct rl_out_file {
        char *path, *tmp;       /* final and temporary paths of a file written */
        unsigned long hash;     /* of path, to find a name written twice quickly */
    } *files;
} rl_out_dir_t;

/* Start writing into folder dir, created if missing (one level). RL_ERR_IO naming dir if
** it cannot be created or is not a folder, RL_ERR_NOMEM; nothing to release then. */
int rl_out_dir_open(rl_out_dir_t *d, const char *dir, rl_error_t *err);

/* Open file `name` of the folder for writing (binary): *f writes to "<dir>/<name>.tmp";
** *k gets the file's number for rl_out_dir_close. The same name twice: the later file
** replaces the earlier one. RL_ERR_IO or RL_ERR_NOMEM naming the file. */
int rl_out_dir_create(rl_out_dir_t *d, const char *name, FILE **f, size_t *k,
    rl_error_t *err);

/* Close file k (f from rl_out_dir_create): RL_ERR_IO naming it if a write failed. */
int rl_out_dir_close(rl_out_dir_t *d, size_t k, FILE *f, rl_error_t *err);

/* Rename every file onto its final name and release d. RL_ERR_IO naming the first that
** could not be renamed (the others are still renamed). */
int rl_out_dir_commit(rl_out_dir_t *d, rl_error_t *err);

/* Remove the temporary files (and the folder if this run created it and it is empty) and
** release d. Safe after a failed open (d zeroed) and twice. */
void rl_out_dir_abort(rl_out_dir_t *d);

#endif
