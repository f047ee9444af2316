/* cmd_summary.c -- `relapselab summary DB [--csv DIR] [--by session|subject|group]
** [--compare [--json]]`: the lab's standard measures of any results database (a
** simulation or imported chamber data), or the comparisons between its groups.
**
** Reads the database (dataset.h) with its events, computes the measures (measures.h) and
** prints one table -- per group x phase (default), per subject x phase or per session --
** and, with --csv, writes the tidy tables (a folder: not standard output). --compare
** prints the group comparisons (compare.h) instead of the table, as JSON with --json, and
** adds compare.csv to --csv. Ctrl-C removes the temporary files and ends the command
** (signals.c). Measures and comparisons are defined in docs/ANALYSIS.md.
*/
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "relapselab/compare.h"
#include "relapselab/dataset.h"
#include "relapselab/measures.h"
#include "core/text_safe.h"

static int
usage(void)
{
    fprintf(stderr, "usage: relapselab summary DB [--csv DIR] [--by session|subject|group]\n"
                    "       relapselab summary DB --compare [--json] [--csv DIR]\n"
                    "  DB         a results database (relapselab run or import)\n"
                    "  --csv DIR  also write summary_sessions.csv, summary_subjects.csv,\n"
                    "             summary_groups.csv and bins.csv (and, with --compare,\n"
                    "             compare.csv) into DIR\n"
                    "  --by WHAT  one row per group x phase (default), subject x phase, or\n"
                    "             session\n"
                    "  --compare  the comparisons between groups, phase by phase: Welch's\n"
                    "             t-test or one-way ANOVA, mixed ANOVAs, effect sizes\n"
                    "  --json     with --compare: print them as JSON\n"
                    "Measures, units and the comparison rule: docs/ANALYSIS.md\n");
    return RL_EXIT_USAGE;
}

/* Imported sessions flagged at import (decoded counts disagree with the program's own
** counters): a count and the first few, before any table. Nothing when none is. */
static void
print_flagged(const rl_dataset_t *ds, FILE *out)
{
    rl_text_buf_t tb_subject, tb_phase;
    size_t i, n = 0;
    for (i = 0; i < ds->n_sessions; i++) {
        n += ds->sessions[i].counts_mismatch > 0;
    }
    if (n == 0) {
        return;
    }
    fprintf(out, "FLAGGED: %zu of %zu sessions have decoded counts that disagree with the "
        "program's own counters (import_sessions.counts_mismatch; wrong profile?):\n", n,
        ds->n_sessions);
    for (i = 0, n = 0; i < ds->n_sessions; i++) {
        const rl_ds_session_t *s = &ds->sessions[i];
        if (s->counts_mismatch <= 0) {
            continue;
        }
        if (++n > 10) {
            fprintf(out, "  ...\n");
            break;
        }
        fprintf(out, "  subject %s, day %d (%s), started %s: %d counters disagree\n",
            rl_text_safe(s->subject_name != NULL ? s->subject_name : "?", &tb_subject),
            s->day + 1, rl_text_safe(s->phase_name, &tb_phase), s->start_time != NULL ? s->start_time : "?",
            s->counts_mismatch);
    }
    fputc('\n', out);
}

int
rl_cmd_summary(int argc, char **argv)
{
    const char *db = NULL, *dir = NULL, *by = NULL;
    rl_dataset_t *ds = NULL;
    rl_measures_t *m = NULL;
    rl_text_buf_t tb; /* names escaped for the terminal (text_safe.h) */
    rl_comparisons_t *cmp = NULL;
    rl_error_t err;
    const rl_temp_watch_t *watch;
    int i, code = RL_EXIT_OK, compare = 0, json = 0;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--csv") == 0 && i + 1 < argc) {
            dir = argv[++i];
        } else if (strcmp(argv[i], "--by") == 0 && i + 1 < argc) {
            by = argv[++i];
            if (strcmp(by, "session") != 0 && strcmp(by, "subject") != 0
                && strcmp(by, "group") != 0) {
                fprintf(stderr, "relapselab: --by must be session, subject or group (got '%s')\n",
                    by);
                return usage();
            }
        } else if (strcmp(argv[i], "--compare") == 0) {
            compare = 1;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (strcmp(argv[i], "--help") == 0) {
            usage();
            return RL_EXIT_OK;
        } else if (argv[i][0] == '-' || db != NULL) {
            fprintf(stderr, "relapselab: unexpected argument '%s'\n", argv[i]);
            return usage();
        } else {
            db = argv[i];
        }
    }
    if (db == NULL) {
        return usage();
    }
    if ((json && !compare) || (compare && by != NULL)) {
        fprintf(stderr, "relapselab: %s\n", json && !compare ? "--json needs --compare"
                                                             : "--by and --compare exclude each other");
        return usage();
    }
    by = by != NULL ? by : "group";
    if ((code = rl_cli_refuse_stdout("--csv", dir, "--csv writes a folder of tables, "
             "not standard output")) >= 0) {
        return code;
    }
    code = RL_EXIT_OK;
    watch = rl_cli_clean_on_interrupt();
    rl_error_clear(&err);
    if (rl_dataset_read(db, &ds, &err) != 0 || rl_dataset_load_events(ds, -1, &err) != 0
        || rl_measures_compute(ds, &m, &err) != 0
        || (compare && rl_compare_compute(ds, m, &cmp, &err) != 0)
        || (dir != NULL && rl_measures_write_csv_with(ds, m, cmp, dir, watch, &err) != 0)) {
        code = rl_cli_report(&err);
        goto out;
    }
    if (json) {
        rl_compare_json(ds, cmp, stdout);
        goto out;
    }
    printf("%s -- %s", rl_text_safe(ds->run.study ? ds->run.study : db, &tb),
        ds->run.imported ? "imported data" : "simulation");
    if (ds->run.seed != NULL) {
        printf(", seed %s", rl_text_safe(ds->run.seed, &tb));
    }
    printf(" (%s: %d subjects, %zu sessions)\n\n", db, ds->n_subjects, ds->n_sessions);
    print_flagged(ds, stdout);
    if (compare) {
        rl_compare_print(ds, cmp, stdout);
    } else if (strcmp(by, "session") == 0) {
        rl_measures_print_sessions(ds, m, stdout);
    } else if (strcmp(by, "subject") == 0) {
        rl_measures_print_subjects(ds, m, stdout);
    } else {
        rl_measures_print_groups(ds, m, stdout);
    }
    if (dir != NULL) {
        printf("\nwrote summary_sessions.csv, summary_subjects.csv, summary_groups.csv%s and"
               " bins.csv to %s/\n", compare ? ", compare.csv" : "", dir);
    }
out:
    rl_comparisons_free(cmp);
    rl_measures_free(m);
    rl_dataset_free(ds);
    return code;
}
