/* cmd_annotate.c -- `relapselab annotate DB SHEET.csv`: join a subject sheet onto the
** subjects of an imported database, after the import (relapselab/subject_sheet.h).
**
** The sheet is read first (a bad one: its file:line:col, exit 1, the database untouched);
** then the database is copied beside itself, changed in the copy and renamed onto DB only
** when complete, so a failure (or Ctrl-C: signals.c) leaves DB exactly as it was. The
** sheet's findings -- rows whose subject has no data (with the sheet's line), subjects not
** on the sheet -- are warnings on stderr. Exit 0 when DB was updated, 1 on failure, 2 for
** bad usage.
*/
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "relapselab/subject_sheet.h"
#include "core/text_safe.h"

static int
usage(void)
{
    fprintf(stderr,
        "usage: relapselab annotate DB SHEET.csv\n"
        "  DB         a database of imported chamber data (relapselab import-medpc)\n"
        "  SHEET.csv  a subject sheet: a header row with subject and any of sex, genotype,\n"
        "             background, group, treatment, dose, notes; one row per subject.\n"
        "             A non-empty cell sets the subject's value (an empty one keeps it);\n"
        "             group moves the subject into that group.\n"
        "DB is replaced atomically. See docs/MEDPC.md (Subject sheets).\n");
    return RL_EXIT_USAGE;
}

static void
on_finding(void *ctx, const char *path, long line, const char *severity, const char *msg)
{
    char safe_path[4096], safe_msg[2048];
    (void) ctx;
    rl_text_escape(safe_path, sizeof safe_path, path);
    rl_text_escape(safe_msg, sizeof safe_msg, msg);
    if (line > 0) {
        fprintf(stderr, "%s:%ld: %s: %s\n", safe_path, line, severity, safe_msg);
    } else {
        fprintf(stderr, "%s: %s: %s\n", safe_path, severity, safe_msg);
    }
}

int
rl_cmd_annotate(int argc, char **argv)
{
    const char *args[2];
    int n = 0, i, ret;
    rl_subject_sheet_t sheet;
    rl_sheet_result_t res;
    rl_error_t err;
    char safe_db[4096];

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0) {
            usage();
            return RL_EXIT_OK;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "relapselab: unknown option '%s'\n", argv[i]);
            return usage();
        }
        if (n == 2) {
            return usage();
        }
        args[n++] = argv[i];
    }
    if (n != 2) {
        return usage();
    }
    rl_error_clear(&err);
    if (rl_subject_sheet_read(args[1], &sheet, &err) != 0) {
        return rl_cli_report(&err);
    }
    memset(&res, 0, sizeof res);
    ret = rl_subject_sheet_annotate(args[0], &sheet, on_finding, NULL,
        rl_cli_clean_on_interrupt(), &res, &err);
    if (ret != 0) {
        rl_subject_sheet_free(&sheet);
        return rl_cli_report(&err);
    }
    rl_text_escape(safe_db, sizeof safe_db, args[0]);
    printf("Subject sheet: %d of %zu rows joined; %d on the sheet without data, %d subjects "
        "of the data not on it; %d subjects moved by its groups (%d groups).\n"
        "Database: %s\n", res.matched, sheet.n_rows, res.not_in_data, res.not_on_sheet,
        res.moved, res.groups, safe_db);
    rl_subject_sheet_free(&sheet);
    return RL_EXIT_OK;
}
