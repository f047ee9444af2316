/* options.c -- the options every simulating command shares, parsed in one place:
** --seed S (a non-negative 64-bit integer), --threads N (1-256), --set NAME=VALUE
** (repeatable: a parameter's population value, see relapselab params), and whole-string
** integers for the commands' own counts (--n, --replicates).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void
rl_cli_common_init(rl_cli_common_t *c, uint64_t seed, int threads)
{
    memset(c, 0, sizeof *c);
    c->seed = seed;
    c->threads = threads;
    rl_params_default(&c->params);
}

int
rl_cli_int_arg(const char *s, long long lo, long long hi, long long *out)
{
    char *end;
    long long v;
    if (s == NULL || *s == '\0' || (*s == '-' && lo >= 0)) {
        return -1;
    }
    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < lo || v > hi) {
        return -1;
    }
    *out = v;
    return 0;
}

/* A whole-string unsigned 64-bit integer. */
static int
u64_arg(const char *s, uint64_t *out)
{
    char *end;
    unsigned long long v;
    if (s == NULL || *s == '\0' || *s == '-' || *s == '+' || *s == ' ') {
        return -1;
    }
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0') {
        return -1;
    }
    *out = (uint64_t) v;
    return 0;
}

int
rl_cli_common_option(int argc, char **argv, int *i, rl_cli_common_t *c)
{
    const char *a = argv[*i], *val = *i + 1 < argc ? argv[*i + 1] : NULL;
    rl_error_t err;
    long long v;

    if (val == NULL) {
        return -1;
    }
    if (strcmp(a, "--seed") == 0) {
        ++*i;
        if (u64_arg(val, &c->seed) != 0) {
            fprintf(stderr, "relapselab: --seed must be a non-negative integer (got '%s')\n",
                val);
            return RL_EXIT_USAGE;
        }
        c->have_seed = 1;
        return 0;
    }
    if (strcmp(a, "--threads") == 0) {
        ++*i;
        if (rl_cli_int_arg(val, 1, 256, &v) != 0) {
            fprintf(stderr, "relapselab: --threads must be 1-256 (got '%s')\n", val);
            return RL_EXIT_USAGE;
        }
        c->threads = (int) v;
        return 0;
    }
    if (strcmp(a, "--set") == 0) {
        ++*i;
        rl_error_clear(&err);
        if (rl_params_set(&c->params, val, &err) != 0) {
            rl_cli_report(&err);
            return RL_EXIT_USAGE;
        }
        if (strlen(c->settings) + strlen(val) + 8 < sizeof c->settings) {
            strcat(c->settings, " --set ");
            strcat(c->settings, val);
        }
        return 0;
    }
    return -1;
}
