/* error.h -- status codes and the rich error record of relapselab.
**
** Every non-trivial library function returns an int: 0 = success, < 0 = one of the
** RL_ERR_* codes below, > 0 = a documented non-error outcome of that function. The
** details a user needs (file, line, column, message) travel in an rl_error_t that the
** caller owns and passes in; the library never prints and never exits.
*/
#ifndef RELAPSELAB_ERROR_H
#define RELAPSELAB_ERROR_H

#include <stddef.h>

#include "relapselab/api.h"

enum {
    RL_OK = 0,
    RL_ERR_NOMEM = -1,       /* allocation failed */
    RL_ERR_IO = -2,          /* a file could not be read or written */
    RL_ERR_PARSE = -3,       /* syntactically invalid input (YAML) */
    RL_ERR_INVALID = -4,     /* well-formed input with invalid content */
    RL_ERR_DB = -5,          /* SQLite reported an error */
    RL_ERR_NUMERIC = -6,     /* a numerical routine failed */
    RL_ERR_INTERRUPTED = -7, /* the run was cancelled (e.g. SIGINT) */
    RL_ERR_USAGE = -8,       /* bad command-line usage */
    RL_ERR_INTERNAL = -9     /* a broken invariant: a bug */
};

#define RL_ERROR_MSG_MAX 512
#define RL_ERROR_FILE_MAX 256

/* The detail of the last error. line and col are 1-based; 0 means unknown. */
typedef struct rl_error {
    int code;
    char file[RL_ERROR_FILE_MAX];
    long line;
    long col;
    char msg[RL_ERROR_MSG_MAX];
} rl_error_t;

/* Reset err to "no error". err may be NULL (then nothing happens). */
RL_API void rl_error_clear(rl_error_t *err);

/* Record an error in err (which may be NULL) and return code, so callers can write
** `return rl_error_set(err, RL_ERR_INVALID, path, line, 0, "dose must be >= 0");`.
** file may be NULL. The message is printf-formatted and truncated to fit. This is the
** one function that raises errors: put a breakpoint on it when debugging. */
RL_API int rl_error_set(rl_error_t *err, int code, const char *file, long line, long col,
    const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Format err as "file:line:col: message" (parts that are unknown are left out) into
** buf of size n. Returns buf. */
RL_API char *rl_error_format(const rl_error_t *err, char *buf, size_t n);

/* A short generic description of a status code ("out of memory", ...). */
RL_API const char *rl_strerror(int code);

#endif
