/* cmd_export.c -- `relapselab export DB --csv DIR` (tidy CSV tables) and
** `relapselab export DB --medpc DIR --profile P` (one MED-PC data file per session). Both
** write a folder (not standard output), every file through a temporary file renamed when
** all are complete; Ctrl-C removes the temporary files and ends the command (signals.c). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "relapselab/medpc_export.h"
#include "relapselab/store.h"

static int
usage(void)
{
    fprintf(stderr, "usage: relapselab export DB --csv DIR\n"
                    "       relapselab export DB --medpc DIR [--profile P]\n"
                    "  --csv DIR     tidy CSV tables (docs/SCHEMA.md)\n"
                    "  --medpc DIR   one MED-PC file per session, encoded with profile P\n"
                    "                (default: relapselab, which import-medpc reads back)\n");
    return RL_EXIT_USAGE;
}

static int
export_medpc(const char *db, const char *dir, const char *profile,
    const rl_temp_watch_t *watch)
{
    rl_medpc_profile_t p;
    rl_medpc_export_stats_t st;
    rl_error_t err;

    rl_error_clear(&err);
    if (rl_medpc_profile_load(&p, profile, NULL, &err) != 0
        || rl_medpc_export(db, dir, &p, watch, &st, &err) != 0) {
        return rl_cli_report(&err);
    }
    printf("wrote %zu MED-PC files (%zu events) of %s to %s/ with profile %s\n", st.files,
        st.events, db, dir, p.name);
    if (st.dropped > 0) {
        fprintf(stderr, "relapselab: warning: %zu events of kinds profile %s has no code for "
            "were not written\n", st.dropped, p.name);
    }
    if (st.timeout_lost > 0) {
        fprintf(stderr, "relapselab: warning: %zu pokes in a timeout were written with the "
            "ordinary code (profile %s has no in-timeout code)\n", st.timeout_lost, p.name);
    }
    return RL_EXIT_OK;
}

int
rl_cmd_export(int argc, char **argv)
{
    const char *db = NULL, *csv = NULL, *medpc = NULL, *profile = "relapselab";
    rl_error_t err;
    const rl_temp_watch_t *watch;
    int i, code;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--csv") == 0 && i + 1 < argc) {
            csv = argv[++i];
        } else if (strcmp(argv[i], "--medpc") == 0 && i + 1 < argc) {
            medpc = argv[++i];
        } else if (strcmp(argv[i], "--profile") == 0 && i + 1 < argc) {
            profile = argv[++i];
        } else if (argv[i][0] != '-' && db == NULL) {
            db = argv[i];
        } else {
            fprintf(stderr, "relapselab: unexpected argument '%s'\n", argv[i]);
            return usage();
        }
    }
    if (db == NULL || (csv == NULL) == (medpc == NULL)) {
        return usage();
    }
    if ((code = rl_cli_refuse_stdout("--csv", csv, "the export is a folder of tables, not "
             "standard output")) >= 0
        || (code = rl_cli_refuse_stdout("--medpc", medpc, "the export is a folder of files, "
                "not standard output")) >= 0) {
        return code;
    }
    watch = rl_cli_clean_on_interrupt();
    if (medpc != NULL) {
        return export_medpc(db, medpc, profile, watch);
    }
    rl_error_clear(&err);
    if (rl_store_export_csv(db, csv, watch, &err) != 0) {
        return rl_cli_report(&err);
    }
    printf("wrote CSV tables of %s to %s/\n", db, csv);
    return RL_EXIT_OK;
}
