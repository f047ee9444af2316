/* csv_write.h -- the CSV conventions of relapselab's tidy tables (internal).
**
** One place for the format that docs/SCHEMA.md promises for every CSV file relapselab
** writes (the database export, export_csv.c, the summary tables, measures_csv.c, and the
** screen table, screen_print.c): RFC 4180 quoting, REALs in the shortest form that reads
** back to the same double, text cells that a spreadsheet would run as a formula neutralised
** with a leading apostrophe (rl_csv_put_text), and files that appear only when complete
** (core/outfile.h: a temporary file renamed onto the name).
*/
#ifndef RL_STORE_CSV_WRITE_H
#define RL_STORE_CSV_WRITE_H

#include <stdio.h>

#include "relapselab/error.h"
#include "core/outfile.h"

/* Write s as one text field. A text that begins with '=', '+', '-', '@', a tab or a carriage
** return -- what a spreadsheet takes for the start of a formula (OWASP, "CSV Injection")
** -- gets a leading apostrophe, unless the whole text is a plain decimal number ("-0.5",
** "+3e-2": data, not a formula). The field is then enclosed in double quotes (inner ones
** doubled) when it contains a comma, double quote, CR or LF. Numbers are not text: they
** are written by rl_csv_put_double or as integers, never changed. */
void rl_csv_put_text(FILE *f, const char *s);

/* Write v in the shortest of %.15g, %.16g, %.17g that reads back to the same double. */
void rl_csv_put_double(FILE *f, double v);

/* Create directory dir if missing (one level, like mkdir) and check it is a directory.
** RL_ERR_IO naming dir on failure. */
int rl_csv_make_dir(const char *dir, rl_error_t *err);

/* A CSV file being written: f writes to the temporary file of o, which
** rl_csv_file_commit() renames onto the final path. */
typedef struct rl_csv_file {
    FILE *f;
    rl_outfile_t o;
} rl_csv_file_t;

/* Open path for writing (core/outfile.h: the path is checked, the data go to a temporary
** file). On failure nothing is left open or on disk and err names the file (RL_ERR_IO or
** RL_ERR_NOMEM). */
int rl_csv_file_open(rl_csv_file_t *cf, const char *path, rl_error_t *err);

/* Close and rename the file onto its final name (replacing an old one). On failure the
** temporary file is removed (RL_ERR_IO). Releases cf either way. */
int rl_csv_file_commit(rl_csv_file_t *cf, rl_error_t *err);

#endif
