/* error.c -- the single place where errors are raised and formatted.
**
** rl_error_set() fills the caller's rl_error_t; it is deliberately a real function (not a
** macro) so a debugger breakpoint catches every error at its origin.
*/
#include "relapselab/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
rl_error_clear(rl_error_t *err)
{
    if (err != NULL) {
        memset(err, 0, sizeof *err);
    }
}

int
rl_error_set(rl_error_t *err, int code, const char *file, long line, long col,
    const char *fmt, ...)
{
    va_list ap;

    if (err == NULL) {
        return code;
    }
    err->code = code;
    err->line = line;
    err->col = col;
    if (file != NULL) {
        snprintf(err->file, sizeof err->file, "%s", file);
    } else {
        err->file[0] = '\0';
    }
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

char *
rl_error_format(const rl_error_t *err, char *buf, size_t n)
{
    if (n == 0) {
        return buf;
    }
    if (err->file[0] != '\0' && err->line > 0 && err->col > 0) {
        snprintf(buf, n, "%s:%ld:%ld: %s", err->file, err->line, err->col, err->msg);
    } else if (err->file[0] != '\0' && err->line > 0) {
        snprintf(buf, n, "%s:%ld: %s", err->file, err->line, err->msg);
    } else if (err->file[0] != '\0') {
        snprintf(buf, n, "%s: %s", err->file, err->msg);
    } else {
        snprintf(buf, n, "%s", err->msg[0] != '\0' ? err->msg : rl_strerror(err->code));
    }
    return buf;
}

const char *
rl_strerror(int code)
{
    switch (code) {
    case RL_OK: return "success";
    case RL_ERR_NOMEM: return "out of memory";
    case RL_ERR_IO: return "input/output error";
    case RL_ERR_PARSE: return "syntax error";
    case RL_ERR_INVALID: return "invalid input";
    case RL_ERR_DB: return "database error";
    case RL_ERR_NUMERIC: return "numerical failure";
    case RL_ERR_INTERRUPTED: return "interrupted";
    case RL_ERR_USAGE: return "usage error";
    case RL_ERR_INTERNAL: return "internal error";
    default: return "unknown error";
    }
}
