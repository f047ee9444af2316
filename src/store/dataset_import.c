/* dataset_import.c -- the import log of a loaded dataset: import_files and import_issues
** (see dataset.h: rl_dataset_load_import_log).
**
** The database is reopened read-only through the same checks as rl_dataset_read(); each
** table is one query in id order, its text columns copied into the dataset's arena.
*/
#include "relapselab/dataset.h"

#include <stdlib.h>

#include "dataset_internal.h"
#include "db_check.h"

typedef struct import_reader {
    rl_ds_reader_t r;           /* first member: the row callbacks receive &r */
    size_t cap_files, cap_issues;
} import_reader_t;

static int
file_row(rl_ds_reader_t *r, sqlite3_stmt *st)
{
    import_reader_t *ir = (import_reader_t *) (void *) r;
    rl_dataset_t *ds = r->ds;
    rl_ds_import_file_t *f;
    if (rl_ds_grow((void **) &ds->import_files, &ir->cap_files, ds->n_import_files + 1,
            sizeof *f) != 0) {
        return rl_error_set(r->err, RL_ERR_NOMEM, ds->path, 0, 0, "out of memory");
    }
    f = &ds->import_files[ds->n_import_files++];
    f->file_id = sqlite3_column_int64(st, 0);
    f->path = rl_ds_col_text(r, st, 1);
    f->status = rl_ds_col_text(r, st, 2);
    f->sessions_found = sqlite3_column_int(st, 3);
    f->sessions_imported = sqlite3_column_int(st, 4);
    f->message = rl_ds_col_text(r, st, 5);
    return 0;
}

static int
issue_row(rl_ds_reader_t *r, sqlite3_stmt *st)
{
    import_reader_t *ir = (import_reader_t *) (void *) r;
    rl_dataset_t *ds = r->ds;
    rl_ds_import_issue_t *is;
    if (rl_ds_grow((void **) &ds->import_issues, &ir->cap_issues, ds->n_import_issues + 1,
            sizeof *is) != 0) {
        return rl_error_set(r->err, RL_ERR_NOMEM, ds->path, 0, 0, "out of memory");
    }
    is = &ds->import_issues[ds->n_import_issues++];
    is->issue_id = sqlite3_column_int64(st, 0);
    is->file_id = sqlite3_column_int64(st, 1);      /* NULL reads as 0 */
    is->session_id = sqlite3_column_int64(st, 2);
    is->line = (long) sqlite3_column_int64(st, 3);
    is->path = rl_ds_col_text(r, st, 4);
    is->severity = rl_ds_col_text(r, st, 5);
    is->message = rl_ds_col_text(r, st, 6);
    return 0;
}

int
rl_dataset_load_import_log(rl_dataset_t *ds, rl_error_t *err)
{
    static const char files_sql[] =
        "SELECT file_id, path, status, sessions_found, sessions_imported, message"
        " FROM import_files ORDER BY file_id";
    static const char issues_sql[] =
        "SELECT i.issue_id, i.file_id, i.session_id, i.line, f.path, i.severity, i.message"
        " FROM import_issues i LEFT JOIN import_files f USING (file_id) ORDER BY i.issue_id";
    import_reader_t ir = {{0}, 0, 0};
    int ret;

    free(ds->import_files);
    free(ds->import_issues);
    ds->import_files = NULL;
    ds->import_issues = NULL;
    ds->n_import_files = ds->n_import_issues = 0;
    ir.r.ds = ds;
    ir.r.err = err;
    if ((ret = rl_db_open_checked(ds->path, &ir.r.db, err)) == 0
        && (ret = rl_ds_each_row(&ir.r, files_sql, -1, file_row, "import_files")) == 0) {
        ret = rl_ds_each_row(&ir.r, issues_sql, -1, issue_row, "import_issues");
    }
    sqlite3_close(ir.r.db);
    return ret;
}
