/* cmd_export.c -- `relapselab export DB --csv DIR`: tidy CSV tables from a results database. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "relapselab/store.h"

int
rl_cmd_export(int argc, char **argv)
{
    const char *db = NULL, *dir = NULL;
    rl_error_t err;
    int i;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--csv") == 0 && i + 1 < argc) {
            dir = argv[++i];
        } else if (argv[i][0] != '-' && db == NULL) {
            db = argv[i];
        } else {
            fprintf(stderr, "relapselab: unexpected argument '%s'\n", argv[i]);
            db = NULL;
            break;
        }
    }
    if (db == NULL || dir == NULL) {
        fprintf(stderr, "usage: relapselab export DB --csv DIR\n");
        return RL_EXIT_USAGE;
    }
    rl_error_clear(&err);
    if (rl_store_export_csv(db, dir, &err) != 0) {
        return rl_cli_report(&err);
    }
    printf("wrote CSV tables of %s to %s/\n", db, dir);
    return RL_EXIT_OK;
}
