/* outputs.c -- what the tool decides about output paths before the library writes: "-"
** (standard output, for the formats that allow it: report's HTML, plot's SVG, screen's CSV
** table), an output that is one of the command's inputs (refused: `report a.db -o a.db`),
** and paths printed as commands to copy (shell-quoted). The rule for the file itself
** (directories, FIFOs, devices refused; temporary file, fsync, rename) is the library's:
** core/outfile.h.
*/
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/alloc.h"
#include "core/outfile.h"

bool
rl_cli_is_stdout(const char *path)
{
    return path != NULL && strcmp(path, "-") == 0;
}

int
rl_cli_refuse_stdout(const char *opt, const char *path, const char *why)
{
    if (!rl_cli_is_stdout(path)) {
        return -1;
    }
    fprintf(stderr, "relapselab: %s -: %s\n", opt, why);
    return RL_EXIT_USAGE;
}

int
rl_cli_refuse_input(const char *out, const char *const *inputs, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (inputs[i] != NULL && rl_outfile_same(out, inputs[i])) {
            fprintf(stderr, "relapselab: error: %s: is the input %s; refusing to replace it\n",
                out, inputs[i]);
            return RL_EXIT_FAIL;
        }
    }
    return -1;
}

int
rl_cli_check_output(const char *out, const char *const *inputs, size_t n)
{
    rl_error_t err;
    int code;

    if ((code = rl_cli_refuse_input(out, inputs, n)) >= 0) {
        return code;
    }
    rl_error_clear(&err);
    if (rl_outfile_check(out, &err) != 0) {
        return rl_cli_report(&err);
    }
    return -1;
}

/* Characters that need no quoting in a POSIX shell word. */
static bool
safe_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || (c != '\0' && strchr("_-+=.,/:@%", c) != NULL);
}

char *
rl_cli_shell_word(const char *s)
{
    size_t n = 0, i;
    bool safe = s[0] != '\0';
    char *out, *p;

    for (i = 0; s[i] != '\0'; i++) {
        safe = safe && safe_char(s[i]);
        n += s[i] == '\'' ? 4 : 1;
    }
    if ((out = rl_malloc(n + 5)) == NULL) {
        return NULL;
    }
    p = out;
    if (s[0] == '-') {
        memcpy(p, "./", 2);
        p += 2;
    }
    if (safe) {
        strcpy(p, s);
        return out;
    }
    *p++ = '\'';
    for (i = 0; s[i] != '\0'; i++) {
        if (s[i] == '\'') {
            memcpy(p, "'\\''", 4);
            p += 4;
        } else {
            *p++ = s[i];
        }
    }
    *p++ = '\'';
    *p = '\0';
    return out;
}
