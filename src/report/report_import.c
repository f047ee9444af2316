/* report_import.c -- the import section of the HTML report: which chamber files were read
** (import_files) and what the import found (import_issues), errors and warnings first.
**
** Design. The rows come from the dataset's import log (dataset.h:
** rl_dataset_load_import_log); this file only orders and formats them. Tables are capped
** (FILES_MAX, ISSUES_MAX rows) with a line counting the rows left out, since a batch of
** thousands of files would bury the rest of the report; the database holds every row.
*/
#include "report_internal.h"

#include <string.h>

#define FILES_MAX 20
#define ISSUES_MAX 60

static const char *const statuses[3] = {"imported", "partly_imported", "skipped"};
static const char *const severities[3] = {"error", "warning", "note"};

/* Index of name in names[0..2], or 3 (unknown, listed last). */
static int
rank_of(const char *name, const char *const names[3])
{
    int k;
    for (k = 0; k < 3; k++) {
        if (name != NULL && strcmp(name, names[k]) == 0) {
            return k;
        }
    }
    return 3;
}

/* A cell with optional class; text NULL writes an empty cell. */
static void
cell(FILE *f, const char *cls, const char *text)
{
    fprintf(f, "<td%s%s%s>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
    rl_html_text(f, text);
    fputs("</td>", f);
}

static void
cell_num(FILE *f, long long v, bool show)
{
    if (show) {
        fprintf(f, "<td class=\"num\">%lld</td>", v);
    } else {
        fputs("<td class=\"num\"></td>", f);
    }
}

void
rl_report_import_counts(const rl_dataset_t *ds, int counts[3])
{
    size_t i;
    counts[0] = counts[1] = counts[2] = 0;
    for (i = 0; i < ds->n_import_files; i++) {
        int k = rank_of(ds->import_files[i].status, statuses);
        counts[k < 3 ? k : 2]++;
    }
}

/* "... and N more rows (table T)" after a capped table. */
static void
more(FILE *f, size_t rows, size_t cap, const char *what, const char *table)
{
    if (rows > cap) {
        fprintf(f, "<p class=\"more\">… and %zu more %s (all of them are in the table "
            "<code>%s</code> of the database).</p>\n", rows - cap, what, table);
    }
}

static void
files_table(FILE *f, const rl_dataset_t *ds)
{
    size_t shown = 0;
    int pass;

    fputs("<h3>Files</h3>\n<table class=\"import\">\n<thead><tr><th>File</th><th>Status</th>"
          "<th class=\"num\">Sessions found</th><th class=\"num\">Sessions imported</th>"
          "<th>Why skipped</th></tr></thead>\n<tbody>\n", f);
    for (pass = 2; pass >= 0; pass--) { /* skipped, then partly imported, then imported */
        size_t i;
        for (i = 0; i < ds->n_import_files && shown < FILES_MAX; i++) {
            const rl_ds_import_file_t *r = &ds->import_files[i];
            int k = rank_of(r->status, statuses);
            if ((k < 3 ? k : 2) != pass) {
                continue;
            }
            fputs("<tr>", f);
            cell(f, "path", r->path);
            cell(f, k == 0 ? NULL : "sev-error", r->status);
            cell_num(f, r->sessions_found, true);
            cell_num(f, r->sessions_imported, true);
            cell(f, NULL, r->message);
            fputs("</tr>\n", f);
            shown++;
        }
    }
    fputs("</tbody>\n</table>\n", f);
    more(f, ds->n_import_files, FILES_MAX, "files", "import_files");
}

static void
issues_table(FILE *f, const rl_dataset_t *ds)
{
    static const char *const cls[4] = {"sev-error", "sev-warning", "sev-note", "sev-note"};
    size_t shown = 0;
    int pass;

    fputs("<table class=\"import\">\n<thead><tr><th>Severity</th><th>File</th>"
          "<th class=\"num\">Line</th><th class=\"num\">Session</th><th>Message</th></tr>"
          "</thead>\n<tbody>\n", f);
    for (pass = 0; pass < 4; pass++) { /* errors, warnings, notes, anything else */
        size_t i;
        for (i = 0; i < ds->n_import_issues && shown < ISSUES_MAX; i++) {
            const rl_ds_import_issue_t *r = &ds->import_issues[i];
            if (rank_of(r->severity, severities) != pass) {
                continue;
            }
            fputs("<tr>", f);
            cell(f, cls[pass], r->severity);
            cell(f, "path", r->path);
            cell_num(f, r->line, r->line > 0);
            cell_num(f, r->session_id, r->session_id > 0);
            cell(f, NULL, r->message);
            fputs("</tr>\n", f);
            shown++;
        }
    }
    fputs("</tbody>\n</table>\n", f);
    more(f, ds->n_import_issues, ISSUES_MAX, "issues", "import_issues");
}

void
rl_report_import(FILE *f, const rl_dataset_t *ds, rl_report_info_t *info)
{
    int files[3], issues[3] = {0, 0, 0};
    size_t i;

    rl_report_import_counts(ds, files);
    for (i = 0; i < ds->n_import_issues; i++) {
        int k = rank_of(ds->import_issues[i].severity, severities);
        issues[k < 3 ? k : 2]++;
    }
    fputs("<section id=\"import\">\n<h2>Import report</h2>\n", f);
    fprintf(f, "<p>%d chamber files: %d imported, %d partly imported, %d skipped. The import "
        "found %d errors (data not imported), %d warnings (imported, but check them) and %d "
        "notes.</p>\n", files[0] + files[1] + files[2], files[0], files[1], files[2], issues[0],
        issues[1], issues[2]);
    files_table(f, ds);
    info->tables++;
    fputs("<h3>Issues</h3>\n", f);
    if (ds->n_import_issues == 0) {
        fputs("<p>No issues: every session of every file was read and its counts agree.</p>\n",
            f);
    } else {
        issues_table(f, ds);
        info->tables++;
    }
    fputs("</section>\n", f);
}
