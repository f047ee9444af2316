/* seed_study.c -- a program that uses the relapselab library: it simulates a protocol (by
** default the seed study, examples/gutierrez2014.yaml) with a fixed seed, writes the
** results database, and prints the lab's summary table.
**
** Build against an installed relapselab (make install) with pkg-config:
**
**     cc seed_study.c $(pkg-config --cflags --libs relapselab) -o seed_study
**     ./seed_study PROTOCOL.yaml results.db
**
** Only the public API is used: relapselab.h includes every public header.
*/
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <relapselab/relapselab.h>

int
main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "examples/gutierrez2014.yaml";
    const char *db = argc > 2 ? argv[2] : NULL;
    rl_protocol_t *protocol = malloc(sizeof *protocol);
    rl_summary_t *summary = NULL;
    rl_run_options_t opt;
    rl_run_totals_t totals;
    rl_error_t err;
    char msg[RL_ERROR_MSG_MAX + RL_ERROR_FILE_MAX + 64];
    int ret;

    if (protocol == NULL) {
        return 1;
    }
    printf("relapselab library %s (headers %s)\n", rl_version(), RL_VERSION);
    if ((ret = rl_protocol_load_file(protocol, path, &err)) != 0
        || (ret = rl_summary_create(protocol, &summary, &err)) != 0) {
        fprintf(stderr, "seed_study: %s\n", rl_error_format(&err, msg, sizeof msg));
        rl_protocol_free(protocol);
        free(protocol);
        return 1;
    }
    memset(&opt, 0, sizeof opt);
    opt.seed = 20141219;
    opt.threads = 2;
    opt.command = "seed_study";
    opt.summary = summary;
    ret = rl_run_to_store(protocol, db, &opt, &totals, &err);
    if (ret == 0) {
        printf("%s: %d mice, %" PRId64 " sessions, %" PRId64 " events%s%s\n\n",
            protocol->study, totals.subjects, totals.sessions, totals.events,
            db != NULL ? "; database " : "", db != NULL ? db : "");
        ret = rl_summary_print(summary, stdout, &err);
    }
    if (ret != 0) {
        fprintf(stderr, "seed_study: %s\n", rl_error_format(&err, msg, sizeof msg));
    }
    rl_summary_free(summary);
    rl_protocol_free(protocol);
    free(protocol);
    return ret == 0 ? 0 : 1;
}
