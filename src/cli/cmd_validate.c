/* cmd_validate.c -- `relapselab validate`: replicate the seed study and test its claims.
**
** Exit code 0 when the report was produced (whatever it says), 1 on error; with --check,
** also 1 when a claim of the study misses its target (for scripts and CI).
*/
#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "relapselab/params.h"
#include "relapselab/protocol.h"
#include "relapselab/validate.h"
#include "core/alloc.h"

#define DEFAULT_PROTOCOL "examples/gutierrez2014.yaml"


static int
usage(void)
{
    fprintf(stderr,
        "usage: relapselab validate [PROTOCOL] [--replicates R] [--seed S] [--threads N]\n"
        "                           [--json] [--check] [--set NAME=VALUE]...\n"
        "  PROTOCOL      default %s\n"
        "  --replicates  independent virtual studies (default 100); study r uses seed S + r\n"
        "  --seed S      first seed (default 1)\n"
        "  --threads N   worker threads (default 2)\n"
        "  --json        machine-readable report\n"
        "  --check       exit 1 if a claim of the study misses its target\n", DEFAULT_PROTOCOL);
    return RL_EXIT_USAGE;
}

int
rl_cmd_validate(int argc, char **argv)
{
    const char *path = DEFAULT_PROTOCOL;
    int json = 0, check = 0, i, ret, code = RL_EXIT_OK, have_path = 0;
    long long reps;
    rl_validate_options_t opt;
    rl_cli_common_t c;
    rl_cli_progress_t pc;
    rl_protocol_t *protocol = NULL;
    rl_validation_t *v = NULL;
    rl_error_t err;
    const atomic_int *interrupted = NULL;

    memset(&opt, 0, sizeof opt);
    opt.replicates = 100;
    rl_cli_common_init(&c, 1, 2);
    rl_error_clear(&err);
    for (i = 1; i < argc; i++) {
        if ((ret = rl_cli_common_option(argc, argv, &i, &c)) >= 0) {
            if (ret != 0) {
                return ret;
            }
        } else if (strcmp(argv[i], "--replicates") == 0 && i + 1 < argc) {
            if (rl_cli_int_arg(argv[++i], 1, 100000, &reps) != 0) {
                fprintf(stderr, "relapselab: --replicates must be 1-100000 (got '%s')\n", argv[i]);
                return RL_EXIT_USAGE;
            }
            opt.replicates = (int) reps;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (strcmp(argv[i], "--check") == 0) {
            check = 1;
        } else if (strcmp(argv[i], "--help") == 0) {
            usage();
            return RL_EXIT_OK;
        } else if (argv[i][0] != '-' && !have_path) {
            path = argv[i];
            have_path = 1;
        } else {
            fprintf(stderr, "relapselab: unexpected argument '%s'\n", argv[i]);
            return usage();
        }
    }
    protocol = rl_malloc(sizeof *protocol);
    if (protocol == NULL) {
        fprintf(stderr, "relapselab: out of memory\n");
        return RL_EXIT_FAIL;
    }
    if (rl_protocol_load_file(protocol, path, &err) != 0) {
        code = rl_cli_report(&err);
        goto out;
    }
    interrupted = rl_cli_catch_interrupts();
    opt.seed = c.seed;
    opt.threads = c.threads;
    opt.params = &c.params;
    opt.cancel = interrupted;
    opt.progress = rl_cli_progress_start(&pc, true);
    ret = rl_validate_run(protocol, &opt, &v, &err);
    if (ret != 0) {
        code = rl_cli_report(&err);
        goto out;
    }
    if (json) {
        rl_validation_print_json(v, stdout);
    } else {
        rl_validation_print(v, stdout);
    }
    if (check && rl_validation_failures(v) > 0) {
        code = RL_EXIT_FAIL;
    }
out:
    rl_validation_free(v);
    rl_protocol_free(protocol);
    free(protocol);
    return code;
}
