/* csv_write.h -- the CSV conventions of relapselab's tidy tables (internal).
**
** One place for the format that docs/SCHEMA.md promises for every CSV file relapselab
** writes (the database export, export_csv.c, and the summary tables, measures_csv.c):
** RFC 4180 quoting, REALs in the shortest form that reads back to the same double, and
** files that appear only when complete (written to "<name>.tmp", renamed onto "<name>").
*/
#ifndef RL_STORE_CSV_WRITE_H
#define RL_STORE_CSV_WRITE_H

#include <stdio.h>

#include "relapselab/error.h"

/* Write s as one CSV field, enclosed in double quotes (inner ones doubled) when it
** contains a comma, double quote, CR or LF. */
void rl_csv_put_text(FILE *f, const char *s);

/* Write v in the shortest of %.15g, %.16g, %.17g that reads back to the same double. */
void rl_csv_put_double(FILE *f, double v);

/* Create directory dir if missing (one level, like mkdir) and check it is a directory.
** RL_ERR_IO naming dir on failure. */
int rl_csv_make_dir(const char *dir, rl_error_t *err);

/* A CSV file being written: f writes to tmp, which rl_csv_file_commit() renames onto
** path. */
typedef struct rl_csv_file {
    FILE *f;
    char *path, *tmp;
} rl_csv_file_t;

/* Open dir/name for writing (as dir/name.tmp). On failure nothing is left open or on disk
** and err names the file (RL_ERR_IO or RL_ERR_NOMEM). */
int rl_csv_file_open(rl_csv_file_t *cf, const char *dir, const char *name, rl_error_t *err);

/* Close and rename the file onto its final name (replacing an old one). On failure the
** temporary file is removed (RL_ERR_IO). Releases cf either way. */
int rl_csv_file_commit(rl_csv_file_t *cf, rl_error_t *err);

#endif
