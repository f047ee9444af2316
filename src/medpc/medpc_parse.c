/* medpc_parse.c -- MED-PC annotated text files -> rl_medpc_file_t (plain data).
**
** The parser makes one pass over the bytes, line by line, with a small state machine:
**
**   lines      A line ends at "\n", at a run of "\r" followed by "\n" (so the "\r\r\n" that
**              MED-PC writes after `File:` is one blank line, and `grep -n` line numbers
**              agree with ours) or at a lone "\r". A UTF-8 BOM is skipped. Binary
**              content (rl_medpc_sniff: a NUL or many control bytes in the first 8 KiB)
**              fails the parse in one message; a NUL byte further on is read as '?'.
**   cut        a last line without a line end whose last number is not one MED-PC prints
**              whole (3 decimals, or an overflow at least 12 wide) is an error at its line
**              and column: the file was cut in the middle of that number.
**   classify   blank, `\` comment, `=====` separator and bare-integer counter lines are
**              skipped; `X:` (one capital letter) is a variable, `   12:` an array row,
**              `Key: value` a header line; anything else is a warning.
**   sessions   a session opens at its first header line. A `File:` line closes the current
**              session and is attached to the next one; a second `Start Date:`, or any
**              known header key after the session's variables, opens a new session.
**   arrays     each row's values are placed at index = row label + position, so gaps,
**              overlaps and over-long rows are detected (warnings; gaps are NaN). A row is
**              first split into the 13-character fields MED-PC prints (which separates
**              over-wide numbers that run into each other and finds blank fields); when
**              the row does not fit that grid it is split at whitespace.
**
** Numbers are parsed here, not with strtod, so the result does not depend on the locale:
** digits up to 15 significant figures and a power of ten up to 1e22 give the correctly
** rounded double (the case for everything MED-PC prints with its 3 decimals).
**
** Errors are raised only through rl_error_set(); warnings never fail a parse. All state
** lives in a parser_t on the stack; besides its line buffer, the only heap memory is what
** ends up in the output (all freed on failure).
*/
#include "relapselab/medpc.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "medpc_internal.h"
#include "core/alloc.h"
#include "core/slurp.h"
#include "core/sha256.h"

/* An array index beyond this is taken as corruption rather than allocated. */
#define MAX_ARRAY_INDEX 10000000L
/* The width of one array field as MED-PC prints it (" %12.3f"). */
#define FIELD_WIDTH 13

typedef struct parser {
    const char *name;
    rl_medpc_file_t *f;
    rl_error_t *err;
    long line;
    char *buf; /* the current line, NUL-terminated, trailing whitespace removed */
    size_t buf_cap;
    size_t cap_sessions, cap_warnings;
    /* the current session (index into f->sessions; -1 = none) and its state */
    long cur;
    size_t cap_headers, cap_vars;
    int cur_has_vars, cur_has_start_date;
    /* the open array (index into the current session's vars; -1 = none) */
    long arr;
    size_t arr_cap, arr_cols, arr_rows;
    int arr_sealed;
    int unterminated; /* the current line ends the file without a line end */
    /* a `File:` line waiting for the session that follows it */
    char *pending_file;
    long pending_file_line;
} parser_t;

static const char *const known_keys[] = {"File", "Start Date", "End Date", "Subject",
    "Experiment", "Group", "Box", "Start Time", "End Time", "MSN"};

/* ---------------------------------------------------------------- small helpers */

static int
is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == '\n';
}

static int
is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* ASCII case-insensitive string equality (locale-independent). */
static int
key_equal(const char *a, const char *b)
{
    for (; *a != '\0' && (*a == *b || ((*a ^ *b) == 0x20 && ((*a | 0x20) >= 'a')
        && ((*a | 0x20) <= 'z'))); a++, b++) {
    }
    return *a == '\0' && *b == '\0';
}

static char *
dup_str(const char *s)
{
    char *d = rl_malloc(strlen(s) + 1);
    return d == NULL ? NULL : memcpy(d, s, strlen(s) + 1);
}

static int
nomem(parser_t *P)
{
    return rl_error_set(P->err, RL_ERR_NOMEM, P->name, P->line, 0, "out of memory");
}

/* Make room for need elements of size elem in *p (capacity *cap). 0 or RL_ERR_NOMEM. */
static int
grow(void **p, size_t *cap, size_t need, size_t elem)
{
    size_t ncap;
    void *q;

    if (need <= *cap) {
        return 0;
    }
    ncap = *cap < 8 ? 8 : *cap;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / elem) {
            return RL_ERR_NOMEM;
        }
        ncap *= 2;
    }
    q = rl_realloc(*p, ncap * elem);
    if (q == NULL) {
        return RL_ERR_NOMEM;
    }
    *p = q;
    *cap = ncap;
    return 0;
}

/* Record a warning at line (0 = whole file). A warning beyond RL_MEDPC_MAX_WARNINGS, or
** one that finds no memory, is only counted: warnings never make the parse fail. */
static void
warn(parser_t *P, long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void
warn(parser_t *P, long line, const char *fmt, ...)
{
    rl_medpc_file_t *f = P->f;
    rl_medpc_warning_t *w;
    va_list ap;

    f->n_warnings_total++;
    if (f->n_warnings >= RL_MEDPC_MAX_WARNINGS
        || grow((void **)&f->warnings, &P->cap_warnings, f->n_warnings + 1, sizeof *w) != 0) {
        return;
    }
    w = &f->warnings[f->n_warnings++];
    w->line = line;
    va_start(ap, fmt);
    vsnprintf(w->msg, sizeof w->msg, fmt, ap);
    va_end(ap);
}

/* ---------------------------------------------------------------- sessions and values */

static rl_medpc_session_t *
cur_session(parser_t *P)
{
    return &P->f->sessions[P->cur];
}

/* Parse the date of header dkey and the time of header tkey into *dt; warn about values
** that are present but malformed. fallback (may be NULL) supplies the date when dkey is
** absent. *date_given is 1 when dkey was present and valid. */
static void
session_datetime(parser_t *P, const rl_medpc_session_t *s, const char *dkey,
    const char *tkey, const rl_medpc_datetime_t *fallback, rl_medpc_datetime_t *dt,
    int *date_given)
{
    const char *d = rl_medpc_session_header(s, dkey);
    const char *t = rl_medpc_session_header(s, tkey);
    int y = 0, m = 0, day = 0, h = 0, mi = 0, sec = 0, have_date = 0;

    memset(dt, 0, sizeof *dt);
    *date_given = 0;
    if (d != NULL && rl_medpc_parse_date(d, &y, &m, &day) == 0) {
        have_date = *date_given = 1;
    } else if (d != NULL) {
        warn(P, s->line, "%s '%.40s' is not a MM/DD/YY date", dkey, d);
    } else if (fallback != NULL && fallback->valid) {
        y = fallback->year, m = fallback->month, day = fallback->day, have_date = 1;
    }
    if (t != NULL && rl_medpc_parse_time(t, &h, &mi, &sec) != 0) {
        warn(P, s->line, "%s '%.40s' is not a H:MM:SS time", tkey, t);
    } else if (have_date && t != NULL) {
        *dt = (rl_medpc_datetime_t){1, y, m, day, h, mi, sec};
    }
}

/* Finish the current session: dates, duration and whole-session warnings. */
static void
end_session(parser_t *P)
{
    rl_medpc_session_t *s;
    int given, end_given;

    if (P->cur < 0) {
        return;
    }
    P->arr = -1;
    s = cur_session(P);
    if (!P->cur_has_start_date) {
        warn(P, s->line, "session has no Start Date");
    }
    if (s->n_vars == 0) {
        warn(P, s->line, "session has no variables");
    }
    session_datetime(P, s, "Start Date", "Start Time", NULL, &s->start, &given);
    session_datetime(P, s, "End Date", "End Time", &s->start, &s->end, &end_given);
    if (s->start.valid && s->end.valid) {
        const rl_medpc_datetime_t *a = &s->start, *b = &s->end;
        long days = rl_days_from_civil(b->year, b->month, b->day)
            - rl_days_from_civil(a->year, a->month, a->day);
        double dur = (double)days * 86400.0
            + (double)((b->hour - a->hour) * 3600 + (b->minute - a->minute) * 60
                + (b->second - a->second));
        if (dur < 0 && days == 0) {
            dur += 86400.0;
            warn(P, s->line, "End Time is before Start Time on the same %s; the session is "
                "taken to end the next day", end_given ? "End Date" : "date");
        }
        if (dur < 0) {
            warn(P, s->line, "the session ends before it starts");
        } else {
            s->duration_s = dur;
        }
    }
    P->cur = -1;
}

/* Append a header to the current session; takes ownership of key and value (which may be
** NULL after a failed allocation: then RL_ERR_NOMEM). */
static int
add_header(parser_t *P, char *key, char *value, long line)
{
    rl_medpc_session_t *s = cur_session(P);

    if (key == NULL || value == NULL
        || grow((void **)&s->headers, &P->cap_headers, s->n_headers + 1, sizeof *s->headers)
            != 0) {
        free(key);
        free(value);
        return nomem(P);
    }
    s->headers[s->n_headers++] = (rl_medpc_header_t){key, value, line};
    return 0;
}

/* Open a new session at the current line (it takes a pending `File:` line). */
static int
begin_session(parser_t *P)
{
    rl_medpc_file_t *f = P->f;
    rl_medpc_session_t *s;
    char *file;

    end_session(P);
    if (grow((void **)&f->sessions, &P->cap_sessions, f->n_sessions + 1, sizeof *s) != 0) {
        return nomem(P);
    }
    s = &f->sessions[f->n_sessions];
    memset(s, 0, sizeof *s);
    s->line = P->line;
    s->duration_s = NAN;
    P->cur = (long)f->n_sessions++;
    P->cap_headers = P->cap_vars = 0;
    P->cur_has_vars = P->cur_has_start_date = 0;
    P->arr = -1;
    if (P->pending_file == NULL) {
        return 0;
    }
    file = P->pending_file;
    P->pending_file = NULL;
    s->line = P->pending_file_line;
    return add_header(P, dup_str("File"), file, s->line);
}

/* Store value v from line at index idx of the open array. */
static int
array_put(parser_t *P, size_t idx, double v)
{
    rl_medpc_var_t *a = &cur_session(P)->vars[P->arr];
    size_t i;

    if (P->arr_sealed) {
        return 0;
    }
    if (v == RL_MEDPC_SEAL) {
        P->arr_sealed = 1;
        return 0;
    }
    if (idx >= a->n) {
        size_t cap = P->arr_cap;
        if (grow((void **)&a->values, &cap, idx + 1, sizeof *a->values) != 0) {
            return nomem(P);
        }
        cap = P->arr_cap;
        if (grow((void **)&a->lines, &cap, idx + 1, sizeof *a->lines) != 0) {
            return nomem(P);
        }
        P->arr_cap = cap;
        for (i = a->n; i < idx; i++) { /* a gap: already reported by the row */
            a->values[i] = NAN;
            a->lines[i] = P->line;
        }
        a->n = idx + 1;
    }
    a->values[idx] = v;
    a->lines[idx] = P->line;
    return 0;
}

/* ---------------------------------------------------------------- line handlers */

/* `Key: value` at line P->buf, colon at offset colon. */
static int
on_header(parser_t *P, const char *p, const char *colon)
{
    const char *ke = colon, *vs = colon + 1;
    char *key, *value;
    int latin1 = 0, known = 0, rc, start;
    size_t i;

    while (ke > p && is_space((unsigned char)ke[-1])) {
        ke--;
    }
    while (is_space((unsigned char)*vs)) {
        vs++;
    }
    key = rl_medpc_text_copy(p, (size_t)(ke - p), &latin1);
    value = rl_medpc_text_copy(vs, strlen(vs), &latin1);
    if (key == NULL || value == NULL) {
        free(key);
        free(value);
        return nomem(P);
    }
    if (latin1) {
        warn(P, P->line, "bytes that are not UTF-8 read as Latin-1");
    }
    for (i = 0; i < sizeof known_keys / sizeof known_keys[0]; i++) {
        known |= key_equal(key, known_keys[i]);
    }
    if (key_equal(key, "File")) {
        end_session(P);
        free(P->pending_file);
        free(key);
        P->pending_file = value;
        P->pending_file_line = P->line;
        return 0;
    }
    if (P->cur >= 0 && P->cur_has_vars && !known) {
        warn(P, P->line, "header line '%.40s:' among the variables ignored", key);
        free(key);
        free(value);
        return 0;
    }
    start = key_equal(key, "Start Date");
    if ((P->cur < 0 || P->cur_has_vars || (start && P->cur_has_start_date))
        && (rc = begin_session(P)) != 0) {
        free(key);
        free(value);
        return rc;
    }
    P->cur_has_start_date |= start;
    return add_header(P, key, value, P->line);
}

/* `X:` (array) or `X: number` (scalar); rest points after the colon. */
static int
on_variable(parser_t *P, char letter, const char *rest)
{
    rl_medpc_session_t *s;
    rl_medpc_var_t *v;
    double x;
    size_t i;
    int rc;

    if (P->cur < 0 && P->pending_file == NULL) {
        return rl_error_set(P->err, RL_ERR_PARSE, P->name, P->line, 0,
            "variable %c before any session header (Start Date:)", letter);
    }
    if (P->cur < 0 && (rc = begin_session(P)) != 0) {
        return rc;
    }
    P->arr = -1;
    s = cur_session(P);
    for (i = 0; i < s->n_vars; i++) {
        if (s->vars[i].letter == letter) {
            warn(P, P->line, "variable %c appears a second time (first at line %ld); "
                "lookups find the first", letter, s->vars[i].line);
            break;
        }
    }
    if (grow((void **)&s->vars, &P->cap_vars, s->n_vars + 1, sizeof *s->vars) != 0) {
        return nomem(P);
    }
    v = &s->vars[s->n_vars];
    memset(v, 0, sizeof *v);
    v->letter = letter;
    v->line = P->line;
    P->cur_has_vars = 1;
    while (is_space((unsigned char)*rest)) {
        rest++;
    }
    if (*rest == '\0') {
        v->is_array = 1;
        P->arr = (long)s->n_vars++;
        P->arr_cap = 0;
        P->arr_cols = P->arr_rows = 0;
        P->arr_sealed = 0;
        return 0;
    }
    v->values = rl_malloc(sizeof *v->values);
    v->lines = rl_malloc(sizeof *v->lines);
    s->n_vars++;
    if (v->values == NULL || v->lines == NULL) {
        return nomem(P);
    }
    v->n = 1;
    v->lines[0] = P->line;
    if (rl_medpc_parse_number(rest, &x) != 0) {
        x = NAN;
        warn(P, P->line, "value '%.24s' of %c does not parse; recorded as NaN", rest, letter);
    }
    v->values[0] = x;
    return 0;
}

/* Split rest into FIELD_WIDTH-wide fields. Returns the number of fields (values in
** vals, blank fields as NaN with *blank counting them) or -1 if the row does not fit. */
static long
split_fixed(const char *rest, double *vals, size_t max, size_t *blank)
{
    size_t len = strlen(rest), nf, i, k;
    char field[FIELD_WIDTH + 1];

    *blank = 0;
    if (len == 0 || len % FIELD_WIDTH != 0 || (nf = len / FIELD_WIDTH) > max) {
        return -1;
    }
    for (i = 0; i < nf; i++) {
        const char *b = rest + i * FIELD_WIDTH, *e = b + FIELD_WIDTH;
        while (b < e && *b == ' ') {
            b++;
        }
        for (k = 0; b + k < e; k++) {
            if (is_space((unsigned char)b[k])) {
                return -1;
            }
            field[k] = b[k];
        }
        field[k] = '\0';
        if (k == 0) {
            vals[i] = NAN;
            (*blank)++;
        } else if (rl_medpc_parse_number(field, &vals[i]) != 0) {
            return -1;
        }
    }
    return (long)nf;
}

/* Count (vals == NULL) or parse into vals the whitespace-separated tokens of rest; a token
** that does not parse is NaN with a warning naming row idx of array letter. */
static size_t
split_ws(parser_t *P, char *rest, double *vals, long idx, char letter)
{
    const char *ws = " \t\v\f";
    size_t n = 0, len;
    char save;

    for (rest += strspn(rest, ws); *rest != '\0'; rest += len, rest += strspn(rest, ws)) {
        len = strcspn(rest, ws);
        if (vals != NULL) {
            save = rest[len];
            rest[len] = '\0';
            if (rl_medpc_parse_number(rest, &vals[n]) != 0) {
                vals[n] = NAN;
                warn(P, P->line, "value '%.24s' in row %ld of %c does not parse; recorded as "
                    "NaN", rest, idx, letter);
            }
            rest[len] = save;
        }
        n++;
    }
    return n;
}

/* An array row `  label: v v v ...`; rest points after the colon. */
static int
on_row(parser_t *P, const char *label, char *rest)
{
    rl_medpc_var_t *a;
    long idx = 0;
    size_t n = 0, ntok = 0, blank = 0, k, max;
    double *vals;
    long nfix;
    int rc = 0;
    const char *t;

    for (t = label; is_digit((unsigned char)*t); t++) {
        idx = idx * 10 + (*t - '0');
        if (idx > MAX_ARRAY_INDEX) {
            return rl_error_set(P->err, RL_ERR_PARSE, P->name, P->line, 0,
                "array row index %.*s is too large", (int)strspn(label, "0123456789"),
                label);
        }
    }
    if (P->cur < 0 || P->arr < 0) {
        const char *why = "before any array header (a line such as 'E:')";
        if (P->cur >= 0 && P->cur_has_vars) {
            why = "after a scalar variable, outside any array";
        }
        return rl_error_set(P->err, RL_ERR_PARSE, P->name, P->line, 0,
            "array row %ld %s", idx, why);
    }
    a = &cur_session(P)->vars[P->arr];
    ntok = split_ws(P, rest, NULL, idx, a->letter);
    max = strlen(rest) / FIELD_WIDTH + ntok + 1;
    vals = rl_malloc(max * sizeof *vals);
    if (vals == NULL) {
        return nomem(P);
    }
    nfix = split_fixed(rest, vals, max, &blank);
    if (nfix >= 0) {
        n = (size_t)nfix;
        if (n != ntok + blank) {
            warn(P, P->line, "numbers run together in row %ld of %c; split at the "
                "%d-character field width", idx, a->letter, FIELD_WIDTH);
        }
        if (blank > 0) {
            warn(P, P->line, "%zu blank field(s) in row %ld of %c; recorded as NaN",
                blank, idx, a->letter);
        }
    } else {
        n = split_ws(P, rest, vals, idx, a->letter);
    }
    if ((size_t)idx > a->n && !P->arr_sealed) {
        warn(P, P->line, "row %ld of %c: index %zu..%ld missing (recorded as NaN)", idx,
            a->letter, a->n, idx - 1);
    } else if ((size_t)idx < a->n && n > 0 && !P->arr_sealed) {
        warn(P, P->line, "row %ld of %c overlaps values up to index %zu; the row's "
            "values replace them", idx, a->letter, a->n - 1);
    }
    if (P->arr_rows > 0 && n > P->arr_cols) {
        warn(P, P->line, "row %ld of %c has %zu values, the first row had %zu", idx,
            a->letter, n, P->arr_cols);
    }
    if (P->arr_sealed && n > 0) {
        warn(P, P->line, "values after the end mark %.3f of %c ignored", RL_MEDPC_SEAL,
            a->letter);
    }
    if (P->arr_rows++ == 0) {
        P->arr_cols = n;
    }
    for (k = 0; rc == 0 && k < n; k++) {
        if ((size_t)idx + k > (size_t)MAX_ARRAY_INDEX) {
            rc = rl_error_set(P->err, RL_ERR_PARSE, P->name, P->line, 0,
                "array row %ld of %c is too long", idx, a->letter);
        } else {
            rc = array_put(P, (size_t)idx + k, vals[k]);
        }
    }
    free(vals);
    return rc;
}

/* The last line of a file that has no line end (P->unterminated): when it is an array row
** or a scalar whose last number is not one MED-PC prints whole -- it has 3 decimals, or is
** at least 12 characters wide (an overflowing number such as `10000000000.`) -- the file
** was cut in the middle of that number: RL_ERR_PARSE at its line and column. */
static int
cut_number(parser_t *P)
{
    const char *p = P->buf, *tok, *dot;
    size_t k = 0;
    double x;
    char save[40];

    while (is_space((unsigned char)*p)) {
        p++;
    }
    if (is_digit((unsigned char)*p)) {
        p += strspn(p, "0123456789");
    } else if (*p >= 'A' && *p <= 'Z') {
        p++;
    }
    if (*p != ':' || p == P->buf) {
        return 0; /* not an array row or a variable */
    }
    tok = p + strlen(p);
    while (tok > p + 1 && !is_space((unsigned char)tok[-1])) {
        tok--;
    }
    if (*tok == '\0') {
        return 0;
    }
    k = strlen(tok);
    dot = strchr(tok, '.');
    if (k < sizeof save && rl_medpc_parse_number(tok, &x) == 0
        && (k >= 12 || (dot != NULL && strspn(dot + 1, "0123456789") == 3
            && dot[4] == '\0'))) {
        return 0;
    }
    snprintf(save, sizeof save, "%.24s", tok);
    return rl_error_set(P->err, RL_ERR_PARSE, P->name, P->line, (int)(tok - P->buf) + 1,
        "the file ends in the middle of a number ('%s' with no line end after it): the file "
        "was cut here", save);
}

/* Classify and handle the line in P->buf. */
static int
on_line(parser_t *P)
{
    char *p = P->buf, *q;
    const char *colon;

    while (is_space((unsigned char)*p)) {
        p++;
    }
    if (*p == '\0' || *p == '\\') {
        return 0; /* blank line or MED-PC comment */
    }
    if (strspn(p, "=") >= 3 && p[strspn(p, "=")] == '\0') {
        return 0; /* ===== separator */
    }
    if (is_digit((unsigned char)*p)) {
        for (q = p; is_digit((unsigned char)*q); q++) {
        }
        if (*q == ':') {
            return on_row(P, p, q + 1);
        }
        if (*q == '\0') {
            return 0; /* bare session counter line */
        }
    }
    if (*p >= 'A' && *p <= 'Z' && p[1] == ':') {
        return on_variable(P, *p, p + 2);
    }
    colon = strchr(p, ':');
    if (colon != NULL && colon - p <= 64 && (((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
        && strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 _-.")
            >= (size_t)(colon - p)) {
        return on_header(P, p, colon);
    }
    warn(P, P->line, "unrecognised line ignored: '%.40s'", p);
    return 0;
}

/* ---------------------------------------------------------------- public API */

int
rl_medpc_parse_buffer(const char *text, size_t len, const char *name, rl_medpc_file_t *out,
    rl_error_t *err)
{
    parser_t P;
    size_t pos = 0, n, i;
    int rc = 0;

    memset(out, 0, sizeof *out);
    memset(&P, 0, sizeof P);
    P.name = name != NULL ? name : "<buffer>";
    P.f = out;
    P.err = err;
    P.cur = P.arr = -1;
    if ((out->name = dup_str(P.name)) == NULL) {
        return nomem(&P);
    }
    if (text == NULL) {
        len = 0;
    }
    if (rl_medpc_sniff(text, len, &i) == RL_MEDPC_SNIFF_BINARY) {
        rl_medpc_file_free(out);
        return rl_error_set(err, RL_ERR_PARSE, P.name, 0, 0, "not a MED-PC text file (binary "
            "content at byte %zu)", i);
    }
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
        pos = 3;
    }
    while (rc == 0 && pos < len) {
        size_t s = pos, e;
        while (pos < len && text[pos] != '\n' && text[pos] != '\r') {
            pos++;
        }
        e = pos;
        if (pos < len && text[pos] == '\r') {
            size_t r = pos;
            while (r < len && text[r] == '\r') {
                r++;
            }
            pos = (r < len && text[r] == '\n') ? r + 1 : pos + 1;
        } else if (pos < len) {
            pos++;
        }
        P.line++;
        P.unterminated = pos == len && e == len;
        while (e > s && is_space((unsigned char)text[e - 1])) {
            e--;
        }
        n = e - s;
        if (grow((void **)&P.buf, &P.buf_cap, n + 1, 1) != 0) {
            rc = nomem(&P);
            break;
        }
        for (i = 0; i < n; i++) {
            P.buf[i] = text[s + i] == '\0' ? '?' : text[s + i];
        }
        P.buf[n] = '\0';
        rc = P.unterminated ? cut_number(&P) : 0;
        rc = rc == 0 ? on_line(&P) : rc;
    }
    if (rc == 0) {
        end_session(&P);
        rl_sha256_hex(text, len, out->sha256);
    }
    if (rc == 0 && out->n_sessions == 0 && len > 0) { /* numbers only? */
        rc = rl_medpc_parse_plain(text, len, out) == 0 ? 0 : nomem(&P);
    }
    if (rc == 0 && P.pending_file != NULL && out->n_sessions == 0) {
        warn(&P, P.pending_file_line, "File: line with no session after it");
    }
    free(P.buf);
    free(P.pending_file);
    if (rc != 0) {
        rl_medpc_file_free(out);
    }
    return rc;
}

int
rl_medpc_parse_file(const char *path, rl_medpc_file_t *out, rl_error_t *err)
{
    char *data;
    size_t len;
    int e, rc;

    memset(out, 0, sizeof *out);
    switch (rl_slurp(path, (size_t) RL_MEDPC_MAX_FILE_MIB * 1024 * 1024, &data, &len, &e)) {
    case 0: break;
    case RL_ERR_INVALID:
        return rl_error_set(err, RL_ERR_INVALID, path, 0, 0, "larger than %d MiB (the limit "
            "of a MED-PC data file)", RL_MEDPC_MAX_FILE_MIB);
    case RL_ERR_NOMEM: return rl_error_set(err, RL_ERR_NOMEM, path, 0, 0, "out of memory");
    default: return rl_error_set(err, RL_ERR_IO, path, 0, 0, "cannot read: %s", strerror(e));
    }
    rc = rl_medpc_parse_buffer(data, len, path, out, err);
    free(data);
    return rc;
}

void
rl_medpc_file_free(rl_medpc_file_t *f)
{
    size_t i, j;

    if (f == NULL) {
        return;
    }
    for (i = 0; i < f->n_sessions; i++) {
        rl_medpc_session_t *s = &f->sessions[i];
        for (j = 0; j < s->n_headers; j++) {
            free(s->headers[j].key);
            free(s->headers[j].value);
        }
        for (j = 0; j < s->n_vars; j++) {
            free(s->vars[j].values);
            free(s->vars[j].lines);
        }
        free(s->headers);
        free(s->vars);
    }
    free(f->sessions);
    free(f->warnings);
    free(f->name);
    memset(f, 0, sizeof *f);
}

const rl_medpc_var_t *
rl_medpc_session_var(const rl_medpc_session_t *s, char letter)
{
    size_t i;

    for (i = 0; s != NULL && i < s->n_vars; i++) {
        if (s->vars[i].letter == letter) {
            return &s->vars[i];
        }
    }
    return NULL;
}

const char *
rl_medpc_session_header(const rl_medpc_session_t *s, const char *key)
{
    size_t i;

    for (i = 0; s != NULL && key != NULL && i < s->n_headers; i++) {
        if (key_equal(s->headers[i].key, key)) {
            return s->headers[i].value;
        }
    }
    return NULL;
}
