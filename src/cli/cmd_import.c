/* cmd_import.c -- `relapselab import-medpc FILE|DIR... --profile P --out DB`.
**
** Expands directories (recursively, in name order, each directory and file once, MED-PC
** files recognised by content, the others counted in the summary line: import_paths.h),
** refuses a file argument with binary content in one line, loads the profiles, runs the
** importer with a progress line on a terminal, prints the report's errors and warnings
** (notes with --verbose) and a closing summary. The database may not be one of the files read, nor standard output; Ctrl-C
** removes its temporary file and ends the command (signals.c).
** Nothing is ever lost: a database that already exists at --out is refused (nothing read,
** nothing written) unless --replace or --append is given, and when no session can be
** imported no database is written at all, so a failing import leaves an existing file
** byte-identical. --append adds the batch to a copy of the database that replaces it only
** when complete (duplicates of its sessions are reported and skipped; medpc_import.h).
** run.command records the whole command line (inputs, profiles, --out).
** --subjects SHEET joins a subject sheet (relapselab/subject_sheet.h) onto the subjects
** before the commit; the sheet is read first, so a bad sheet stops the command before any
** file is read (its file:line:col, exit 1, nothing written).
** Exit 0 when the database was written and no session is flagged; 1 when nothing could be
** imported, the database could not be written or is refused; 2 for bad usage; 3
** (RL_EXIT_MISMATCH) when the database was written but sessions are flagged (decoded
** counts disagree with the program's counters) and --accept-mismatch was not given.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "import_paths.h"
#include "relapselab/medpc_import.h"
#include "relapselab/version.h"
#include "core/alloc.h"
#include "core/outfile.h"
#include "core/text_safe.h"

#define MAX_PROFILES 16
/* import wrote the database, but some sessions' counts disagree with the program's */
#define RL_EXIT_MISMATCH 3

typedef struct report_ctx {
    int verbose;
    long shown, hidden;
} report_ctx_t;

static void
on_report(void *ctx, const char *path, long line, const char *severity, const char *msg)
{
    report_ctx_t *c = ctx;
    char safe_path[4096], safe_msg[2048];
    if (strcmp(severity, "note") == 0 && !c->verbose) {
        c->hidden++;
        return;
    }
    if (c->shown >= 200 && !c->verbose) {
        c->hidden++;
        return;
    }
    c->shown++;
    /* the path and the message (which may quote the file's own names) escaped for the
    ** terminal (text_safe.h) */
    rl_text_escape(safe_path, sizeof safe_path, path != NULL ? path : "-");
    rl_text_escape(safe_msg, sizeof safe_msg, msg);
    if (line > 0) {
        fprintf(stderr, "%s:%ld: %s: %s\n", safe_path, line, severity, safe_msg);
    } else {
        fprintf(stderr, "%s: %s: %s\n", safe_path, severity, safe_msg);
    }
}

/* The import's summary on stdout; the exit code (1 when no session was imported, 3 when
** sessions are flagged and accept_mismatch is 0). sheet_rows: the subject sheet's rows, -1
** without a sheet. */
static int
print_result(const rl_import_stats_t *st, const report_ctx_t *rc, const char *db,
    int accept_mismatch, size_t not_medpc, long sheet_rows)
{
    char safe_db[4096];
    rl_text_escape(safe_db, sizeof safe_db, db);
    if (rc->hidden > 0) {
        fprintf(stderr, "(%ld more report lines%s%s)\n", rc->hidden,
            st->written ? " in the import_issues table" : "",
            rc->verbose ? "" : "; --verbose prints notes");
    }
    printf("Imported %d of %d sessions (%d subjects, %d groups, %d phases, %ld events) from "
        "%d files",
        st->sessions_imported, st->sessions_found, st->subjects, st->groups, st->phases,
        st->events, st->files);
    if (st->files_skipped > 0 || st->files_partly > 0) {
        printf("; %d files skipped, %d partly imported", st->files_skipped, st->files_partly);
    }
    if (not_medpc > 0) {
        printf("; %zu other files not MED-PC data, not read", not_medpc);
    }
    printf(".\nReport: %d errors, %d warnings, %d notes (%s).\n", st->errors, st->warnings,
        st->notes, st->written ? "table import_issues" : "above; no database");
    if (st->sessions_flagged > 0) {
        printf("Flagged: %d sessions whose decoded counts disagree with the program's "
            "counters (import_sessions.counts_mismatch; see the warnings).\n",
            st->sessions_flagged);
    }
    if (st->sessions_duplicate > 0) {
        printf("Duplicates: %d sessions not imported (already in the %s; see the errors).\n",
            st->sessions_duplicate, st->sessions_before > 0 ? "database or the batch" : "batch");
    }
    if (!st->written && st->sessions_before > 0 && st->sessions_found > 0
        && st->sessions_duplicate == st->sessions_found && st->files_skipped == st->files) {
        printf("Database: %s unchanged: every session is already in it\n", safe_db);
        return RL_EXIT_OK;
    }
    if (!st->written) {
        printf("Database: none written (%s not created or changed)\n", safe_db);
        fprintf(stderr, "relapselab: no session could be imported; no database written\n");
        return RL_EXIT_FAIL;
    }
    if (sheet_rows >= 0) {
        printf("Subject sheet: %d of %ld rows joined; %d on the sheet without data, %d "
            "subjects of the data not on it; %d subjects moved by its groups.\n",
            st->sheet.matched, sheet_rows, st->sheet.not_in_data, st->sheet.not_on_sheet,
            st->sheet.moved);
    }
    if (st->sessions_before > 0) {
        printf("Database: %s (appended: it held %d sessions of %d subjects; now %d subjects)\n",
            safe_db, st->sessions_before, st->subjects_before, st->subjects);
    } else {
        printf("Database: %s\n", safe_db);
    }
    if (st->sessions_flagged > 0 && !accept_mismatch) {
        fprintf(stderr, "relapselab: %d sessions flagged: their decoded counts disagree with "
            "the program's counters (wrong profile or wiring?); check the profile, or give "
            "--accept-mismatch to accept them (exit %d)\n", st->sessions_flagged,
            RL_EXIT_MISMATCH);
        return RL_EXIT_MISMATCH;
    }
    return RL_EXIT_OK;
}

/* "relapselab import-medpc" and every argument (inputs, profiles, --out ...), those with
** a space or a quote in single quotes: run.command. Allocated; NULL when out of memory. */
static char *
command_line(int argc, char **argv)
{
    size_t n = sizeof "relapselab import-medpc", used;
    char *s;
    int i;
    for (i = 1; i < argc; i++) {
        n += 4 * strlen(argv[i]) + 3;
    }
    if ((s = rl_malloc(n)) == NULL) {
        return NULL;
    }
    used = (size_t) snprintf(s, n, "relapselab import-medpc");
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strpbrk(a, " \t'\"") == NULL && a[0] != '\0') {
            used += (size_t) snprintf(s + used, n - used, " %s", a);
            continue;
        }
        s[used++] = ' ';
        s[used++] = '\'';
        for (; *a != '\0'; a++) {
            if (*a == '\'') {          /* ' -> '\'' */
                memcpy(s + used, "'\\''", 4);
                used += 4;
            } else {
                s[used++] = *a;
            }
        }
        s[used++] = '\'';
        s[used] = '\0';
    }
    return s;
}

/* --out: not both --append and --replace; not standard output, not an input, a file that
** may be written (outfile.h), and -- without --replace or --append -- nothing there yet. -1 when it passes, else the exit code after a
** message (nothing has been read or written). */
static int
check_out(const char *out, const rl_cli_paths_t *paths, int replace, int append)
{
    struct stat sb;
    rl_error_t err;
    int ret;
    if (replace && append) {
        fprintf(stderr, "relapselab: --append and --replace exclude each other\n");
        return RL_EXIT_USAGE;
    }
    if ((ret = rl_cli_refuse_stdout("--out", out, "a database cannot be written to "
             "standard output; give a file name")) >= 0
        || (ret = rl_cli_refuse_input(out, (const char *const *) paths->v, paths->n)) >= 0) {
        return ret;
    }
    rl_error_clear(&err);
    if (rl_outfile_check(out, &err) != 0) {   /* not a file to write: say why */
        return rl_cli_report(&err);
    }
    if (!replace && !append && lstat(out, &sb) == 0) {
        char safe[4096];
        rl_text_escape(safe, sizeof safe, out);
        fprintf(stderr, "relapselab: %s exists; import does not overwrite a database: give "
            "another --out, --append to add these sessions to it, or --replace to replace it "
            "(nothing was changed)\n", safe);
        return RL_EXIT_FAIL;
    }
    return -1;
}

/* A file argument with binary content, or folders without a MED-PC file: one line, exit
** 1 (nothing read, nothing written). -1 when the inputs pass. */
static int
check_inputs(const rl_cli_paths_t *paths)
{
    rl_error_t err;
    rl_error_clear(&err);
    if (paths->binary_path != NULL) {
        rl_error_set(&err, RL_ERR_PARSE, paths->binary_path, 0, 0, "not a MED-PC text file "
            "(binary content at byte %zu)", paths->binary_at);
        return rl_cli_report(&err);
    }
    if (paths->n == 0 && paths->n_not_medpc > 0) {
        fprintf(stderr, "relapselab: no MED-PC data file among the inputs (%zu files are not "
            "MED-PC data%s); nothing written\n", paths->n_not_medpc,
            paths->verbose ? "" : "; --verbose names them");
        return RL_EXIT_FAIL;
    }
    return -1;
}

static int
usage(void)
{
    fprintf(stderr,
        "usage: relapselab import-medpc FILE|DIR... --profile PROFILE [--profile P2 ...]\n"
        "                              --out DB [--group-by group|experiment|none]\n"
        "                              [--subjects SHEET.csv] [--append | --replace]\n"
        "                              [--accept-mismatch]\n"
        "                              [--verbose] [--quiet]\n"
        "  FILE|DIR      MED-PC data files; a directory adds its files recursively\n"
        "  --profile P   decoding profile: a shipped name (see profiles/) or a .yaml path;\n"
        "                with several, each session is decoded by the one whose programs,\n"
        "                files and match: rules hold and whose decoding agrees with the\n"
        "                program's counters; two that still differ are an error\n"
        "  --out DB      the database to write (atomically); an existing file is refused\n"
        "                without --append or --replace\n"
        "  --append      add the sessions to an existing DB of imported sessions; those\n"
        "                it has already (same subject, start, box, MSN) are skipped\n"
        "  --subjects S  a subject sheet (CSV: subject, sex, genotype, background, group,\n"
        "                treatment, dose, notes) joined onto the subjects; its group\n"
        "                overrides the header's (also later: relapselab annotate DB S)\n"
        "  --replace     replace an existing DB (it is only replaced by a complete import)\n"
        "  --accept-mismatch  exit 0, not 3, when sessions are flagged (decoded counts\n"
        "                disagree with the program's counters)\n"
        "  --group-by    what makes a group: the MED-PC Group field (default), the\n"
        "                Experiment field, or none (one group)\n"
        "  --verbose     also print the report's notes\n"
        "  --quiet       no progress line\n"
        "See docs/MEDPC.md.\n");
    return RL_EXIT_USAGE;
}

/* The command line of import-medpc. */
typedef struct import_args {
    const char *profile_names[MAX_PROFILES];
    int n_profiles;
    const char *sheet_path;
    int replace, accept_mismatch, quiet;
} import_args_t;

/* Read the options into a, opt, rc and paths (the inputs). Returns -1 to go on, else the
** exit status (usage, --help, out of memory). */
static int
parse_args(int argc, char **argv, import_args_t *a, rl_import_options_t *opt,
    report_ctx_t *rc, rl_cli_paths_t *paths)
{
    int i;
    for (i = 1; i < argc; i++) {
        paths->verbose |= strcmp(argv[i], "--verbose") == 0; /* before the paths are added */
    }
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--profile") == 0 && i + 1 < argc) {
            if (a->n_profiles == MAX_PROFILES) {
                fprintf(stderr, "relapselab: at most %d profiles\n", MAX_PROFILES);
                return RL_EXIT_USAGE;
            }
            a->profile_names[a->n_profiles++] = argv[++i];
        } else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
            opt->out_path = argv[++i];
        } else if (strcmp(argv[i], "--group-by") == 0 && i + 1 < argc) {
            const char *g = argv[++i];
            if (strcmp(g, "group") == 0) {
                opt->group_by = RL_GROUP_BY_GROUP;
            } else if (strcmp(g, "experiment") == 0) {
                opt->group_by = RL_GROUP_BY_EXPERIMENT;
            } else if (strcmp(g, "none") == 0) {
                opt->group_by = RL_GROUP_BY_NONE;
            } else {
                fprintf(stderr, "relapselab: --group-by must be group, experiment or none\n");
                return RL_EXIT_USAGE;
            }
        } else if (strcmp(argv[i], "--subjects") == 0 && i + 1 < argc) {
            a->sheet_path = argv[++i];
        } else if (strcmp(argv[i], "--replace") == 0) {
            a->replace = 1;
        } else if (strcmp(argv[i], "--append") == 0) {
            opt->append = 1;
        } else if (strcmp(argv[i], "--accept-mismatch") == 0) {
            a->accept_mismatch = 1;
        } else if (strcmp(argv[i], "--verbose") == 0) {
            rc->verbose = 1;
        } else if (strcmp(argv[i], "--quiet") == 0) {
            a->quiet = 1;
        } else if (strcmp(argv[i], "--help") == 0) {
            usage();
            return RL_EXIT_OK;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "relapselab: unknown option '%s'\n", argv[i]);
            return usage();
        } else if (rl_cli_paths_add(paths, argv[i]) != 0) {
            fprintf(stderr, "relapselab: out of memory\n");
            return RL_EXIT_FAIL;
        }
    }
    return -1;
}

int
rl_cmd_import_medpc(int argc, char **argv)
{
    static rl_medpc_profile_t profiles[MAX_PROFILES];
    import_args_t a;
    int i, ret;
    rl_cli_paths_t paths;
    rl_import_options_t opt;
    rl_import_stats_t st;
    report_ctx_t rc = {0, 0, 0};
    rl_cli_progress_t pc;
    rl_error_t err;
    char *command = NULL;
    rl_subject_sheet_t sheet;

    rl_cli_paths_init(&paths);
    memset(&a, 0, sizeof a);
    memset(&sheet, 0, sizeof sheet);
    memset(&opt, 0, sizeof opt);
    opt.group_by = RL_GROUP_BY_GROUP;
    if ((ret = parse_args(argc, argv, &a, &opt, &rc, &paths)) >= 0
        || (ret = check_inputs(&paths)) >= 0) {
        goto out;
    }
    if (paths.n == 0 || a.n_profiles == 0 || opt.out_path == NULL) {
        ret = usage();
        goto out;
    }
    if ((ret = check_out(opt.out_path, &paths, a.replace, opt.append)) >= 0) {
        goto out;
    }
    if ((command = command_line(argc, argv)) == NULL) {
        fprintf(stderr, "relapselab: out of memory\n");
        ret = RL_EXIT_FAIL;
        goto out;
    }
    ret = RL_EXIT_OK;
    opt.watch = rl_cli_clean_on_interrupt();
    rl_error_clear(&err);
    if (a.sheet_path != NULL) { /* a bad sheet: its file:line:col, nothing read or written */
        if (rl_subject_sheet_read(a.sheet_path, &sheet, &err) != 0) {
            ret = rl_cli_report(&err);
            goto out;
        }
        opt.sheet = &sheet;
    }
    for (i = 0; i < a.n_profiles; i++) {
        if (rl_medpc_profile_load(&profiles[i], a.profile_names[i], NULL, &err) != 0) {
            ret = rl_cli_report(&err);
            goto out;
        }
    }
    opt.profiles = profiles;
    opt.n_profiles = a.n_profiles;
    opt.command = command;
    opt.version = RL_VERSION;
    opt.progress = rl_cli_progress_start(&pc, !a.quiet);
    opt.report = on_report;
    opt.report_ctx = &rc;
    if (rl_medpc_import((const char *const *) paths.v, paths.n, &opt, &st, &err) != 0) {
        ret = rl_cli_report(&err);
        goto out;
    }
    ret = print_result(&st, &rc, opt.out_path, a.accept_mismatch, paths.n_not_medpc,
        opt.sheet != NULL ? (long) sheet.n_rows : -1);
out:
    rl_subject_sheet_free(&sheet);
    free(command);
    rl_cli_paths_free(&paths);
    return ret;
}
