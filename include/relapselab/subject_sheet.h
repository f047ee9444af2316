/* subject_sheet.h -- a lab's subject sheet (CSV) joined onto imported subjects.
**
** Many labs keep sex, genotype, group and treatment of each mouse in a spreadsheet rather
** than in the MED-PC header. A subject sheet is that spreadsheet saved as CSV: a header row
** naming the columns, then one row per subject. `subject` is required (the MED-PC
** `Subject:` value, compared exactly); any of sex, genotype, background, group, treatment,
** dose, notes may follow, in any order (names compared without case). Any other column is
** an error that names it: a misspelt `genotpye` would otherwise be dropped silently.
**
** The reader (rl_subject_sheet_read) accepts RFC 4180 CSV: fields separated by commas --
** or by semicolons or tabs when the header line has no comma (spreadsheets in locales with
** a decimal comma) -- quoted fields with "" for a quote and line breaks inside, CRLF or LF
** line ends, a UTF-8 byte-order mark, blank lines (skipped). Unquoted fields are trimmed of
** spaces. Errors are `file:line:col: message` (RL_ERR_PARSE): an unterminated quote, a row
** with more or fewer fields than the header, an empty or repeated subject, a repeated
** column, sex other than male/female/m/f (any case), a NUL byte.
**
** Applying a sheet (rl_store_apply_subject_sheet, rl_subject_sheet_annotate) to a database
** of imported data: each sheet row joins the subject of that name; a non-empty cell sets
** the subject's column (subjects.sex, genotype, background, treatment, dose, notes; an
** empty cell leaves it as it is), and a non-empty `group` moves the subject into that group
** (created if new; groups left empty are removed, group ids renumbered in order). A group's
** sex, genotype and background become its subjects' common value (NULL unless every subject
** of the group has one and they agree). Applying the same sheet twice gives the same tables.
** A sheet row whose subject has no session in the data, and a subject in the data that is
** not on the sheet, are reported as warnings (the sheet's line for the former).
*/
#ifndef RELAPSELAB_SUBJECT_SHEET_H
#define RELAPSELAB_SUBJECT_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "relapselab/api.h"
#include "relapselab/error.h"
#include "relapselab/tempwatch.h"

/* The columns a sheet may have, in the order of this enum. */
typedef enum {
    RL_SHEET_SUBJECT = 0,
    RL_SHEET_SEX,
    RL_SHEET_GENOTYPE,
    RL_SHEET_BACKGROUND,
    RL_SHEET_GROUP,
    RL_SHEET_TREATMENT,
    RL_SHEET_DOSE,
    RL_SHEET_NOTES,
    RL_SHEET_NCOLS
} rl_sheet_column_t;

/* The column's name as in a sheet's header ("subject", "sex", ...). */
RL_API const char *rl_sheet_column_name(rl_sheet_column_t c);

/* One row: value[c] is the cell (NULL when the column is absent or the cell empty; sex is
** normalised to "male" or "female"). line is the row's first line in the file. */
typedef struct rl_sheet_row {
    long line;
    char *value[RL_SHEET_NCOLS];
} rl_sheet_row_t;

typedef struct rl_subject_sheet {
    char *path;                      /* as given (for messages) */
    bool has[RL_SHEET_NCOLS];        /* the header has the column */
    size_t n_rows;
    rl_sheet_row_t *rows;            /* in file order; subjects are unique */
    size_t cap_rows;                 /* allocated rows (the reader's) */
} rl_subject_sheet_t;

/* Read the sheet at path into *out (owned by the caller: rl_subject_sheet_free). On error
** *out holds nothing and err has file:line:col (RL_ERR_PARSE), or RL_ERR_IO / RL_ERR_NOMEM. */
RL_API int rl_subject_sheet_read(const char *path, rl_subject_sheet_t *out, rl_error_t *err);

/* Read a sheet from a buffer of len bytes; name is used in messages. As above. */
RL_API int rl_subject_sheet_parse(const char *name, const char *text, size_t len,
    rl_subject_sheet_t *out, rl_error_t *err);

/* Release a sheet (safe on a zero-filled or already freed one). */
RL_API void rl_subject_sheet_free(rl_subject_sheet_t *sheet);

/* Called for each finding while a sheet is applied: the sheet's path, its line (0 = none),
** "warning" or "note", the message. */
typedef void (*rl_sheet_report_fn)(void *ctx, const char *path, long line,
    const char *severity, const char *msg);

/* What applying a sheet did. */
typedef struct rl_sheet_result {
    int matched;                     /* sheet rows that joined a subject of the data */
    int not_in_data;                 /* sheet rows whose subject has no session */
    int not_on_sheet;                /* subjects of the data missing from the sheet */
    int moved;                       /* subjects whose group the sheet changed */
    int groups;                      /* groups after the sheet */
} rl_sheet_result_t;

/* Apply the sheet to the imported database at db_path, atomically: the database is copied
** to a temporary file beside it, changed there, and renamed onto db_path only when complete
** (core/outfile.h; watch may be NULL). On any error db_path is unchanged. RL_ERR_INVALID
** when db_path is not a complete relapselab database of this schema or holds a simulation
** (run.source = 'simulation': simulated mice have no lab IDs to join on), or when the sheet
** would make more groups than RL_MAX_GROUPS; RL_ERR_IO, RL_ERR_DB, RL_ERR_NOMEM. report
** (may be NULL) receives the findings; *result (may be NULL) the counts. */
RL_API int rl_subject_sheet_annotate(const char *db_path, const rl_subject_sheet_t *sheet,
    rl_sheet_report_fn report, void *report_ctx, const rl_temp_watch_t *watch,
    rl_sheet_result_t *result, rl_error_t *err);

#endif
