/* medpc.h -- read MED-PC IV/V annotated text data files into plain data.
**
** A MED-PC data file holds zero or more sessions. Each session is a block of
** `Key: value` header lines (File, Start Date, End Date, Subject, Experiment, Group, Box,
** Start Time, End Time, MSN, and any other key), then variables: scalars (`G:  116.000`)
** and arrays (`E:` followed by rows `     0:   19.000   11.000 ...`).
**
** This module only parses. It does not know what an array means (event codes, times,
** counters): that is the job of a later decoding step with a per-program profile. Values
** are kept exactly as printed (including zero padding and negative numbers); the one
** format-level rule applied is the MED-PC "seal" -987.987, which ends an array.
**
** Every header, variable and value records its 1-based source line. Recoverable oddities
** (row index gaps, a value that does not parse, ...) become warnings; structural errors
** that make the file meaningless (an array row with no array to belong to) are errors.
** The accepted format and its variants are described in docs/MEDPC.md.
*/
#ifndef RELAPSELAB_MEDPC_H
#define RELAPSELAB_MEDPC_H

#include <stddef.h>

#include "relapselab/api.h"
#include "relapselab/error.h"

/* The value that marks the end of a MED-PC array ("seal"). */
#define RL_MEDPC_SEAL (-987.987)

/* At most this many warnings are stored per file; further ones are only counted. */
#define RL_MEDPC_MAX_WARNINGS 200

/* One `Key: value` header line. Both strings are trimmed, valid UTF-8 (bytes that are
** not UTF-8 are read as Latin-1) and never NULL; value may be "". */
typedef struct rl_medpc_header {
    char *key;
    char *value;
    long line;
} rl_medpc_header_t;

/* A calendar date and wall-clock time as written in the header (no time zone). valid is 1
** when both the date and the time parsed, 0 otherwise (then the other fields are 0). */
typedef struct rl_medpc_datetime {
    int valid;
    int year; /* four digits: two-digit years 00-69 are 20xx, 70-99 are 19xx */
    int month, day, hour, minute, second;
} rl_medpc_datetime_t;

/* A variable: a scalar (is_array == 0, n == 1) or an array (n >= 0 values, index i of the
** MED-PC array is values[i]). A value that was missing or did not parse is NaN (and a
** warning says why). lines[i] is the source line of values[i]. */
typedef struct rl_medpc_var {
    char letter; /* 'A'..'Z' */
    int is_array;
    long line; /* line of the `X:` line */
    size_t n;
    double *values; /* NULL when n == 0 */
    long *lines;    /* NULL when n == 0 */
} rl_medpc_var_t;

typedef struct rl_medpc_session {
    long line; /* first line of the session's header */
    rl_medpc_header_t *headers; /* in file order */
    size_t n_headers;
    rl_medpc_var_t *vars; /* in file order */
    size_t n_vars;
    rl_medpc_datetime_t start; /* from Start Date + Start Time */
    rl_medpc_datetime_t end;   /* from End Date (or Start Date) + End Time */
    double duration_s;         /* end - start in seconds; NaN when unknown */
} rl_medpc_session_t;

typedef struct rl_medpc_warning {
    long line; /* 0 when the warning is about the whole file */
    char msg[160];
} rl_medpc_warning_t;

typedef struct rl_medpc_file {
    char *name; /* the path or buffer name given to the parser */
    char sha256[65]; /* SHA-256 of the bytes parsed, 64 lowercase hex digits (as
                     ** `sha256sum` prints it): the content's identity, for provenance */
    rl_medpc_session_t *sessions;
    size_t n_sessions;
    rl_medpc_warning_t *warnings; /* at most RL_MEDPC_MAX_WARNINGS */
    size_t n_warnings;
    size_t n_warnings_total; /* including those not stored */
} rl_medpc_file_t;

/* Parse len bytes of MED-PC text (need not be NUL-terminated; may contain any bytes).
** name labels error messages and warnings (may be NULL: "<buffer>"). On return, *out is
** always initialised: filled on success, empty on failure, and must be released with
** rl_medpc_file_free() in both cases. Returns 0, RL_ERR_PARSE for a structural error
** (err names the file, line and problem) or RL_ERR_NOMEM. A file with no session is not an
** error (n_sessions == 0). */
RL_API int rl_medpc_parse_buffer(const char *text, size_t len, const char *name,
    rl_medpc_file_t *out, rl_error_t *err);

/* The largest MED-PC data file read (a day of a busy chamber is well under 1 MiB). */
#define RL_MEDPC_MAX_FILE_MIB 256

/* Read the file at path and parse it as rl_medpc_parse_buffer() with name = path. Returns
** RL_ERR_IO (err names the path and the system's reason) when the file cannot be read, and
** RL_ERR_INVALID ("larger than 256 MiB (the limit of a MED-PC data file)") as soon as more
** than RL_MEDPC_MAX_FILE_MIB have been read: the limit is checked while reading, so a
** stream that never ends (a FIFO, a device) is refused too. */
RL_API int rl_medpc_parse_file(const char *path, rl_medpc_file_t *out, rl_error_t *err);

/* What the first bytes of a file are (rl_medpc_sniff). */
typedef enum rl_medpc_sniff {
    RL_MEDPC_SNIFF_OTHER = 0,   /* text that is not MED-PC data (a README, a CSV) */
    RL_MEDPC_SNIFF_ANNOTATED,   /* a `File:` or `Start Date:` line among the first 20 */
    RL_MEDPC_SNIFF_PLAIN,       /* the non-annotated layout (docs/MEDPC.md) */
    RL_MEDPC_SNIFF_BINARY       /* a NUL byte, or more than 10% control characters */
} rl_medpc_sniff_t;

/* How many leading bytes rl_medpc_sniff() looks at. */
#define RL_MEDPC_SNIFF_BYTES 8192

/* Classify a file by its first min(len, RL_MEDPC_SNIFF_BYTES) bytes (the rules are in
** src/medpc/medpc_sniff.c and docs/MEDPC.md). For RL_MEDPC_SNIFF_BINARY, *binary_byte (may
** be NULL) receives the 1-based offset of the first binary byte (else 0). */
RL_API rl_medpc_sniff_t rl_medpc_sniff(const char *buf, size_t len, size_t *binary_byte);

/* Release everything *f owns and leave it empty. Safe on an empty or already freed file,
** and after a failed parse; f may be NULL. */
RL_API void rl_medpc_file_free(rl_medpc_file_t *f);

/* The first variable named letter ('A'..'Z') in session s, or NULL. */
RL_API const rl_medpc_var_t *rl_medpc_session_var(const rl_medpc_session_t *s, char letter);

/* The value of the first header whose key equals key (ASCII case-insensitive, e.g.
** "Subject", "MSN"), or NULL when the session has no such header. */
RL_API const char *rl_medpc_session_header(const rl_medpc_session_t *s, const char *key);

#endif
