/* medpc_parse_plain.c -- the non-annotated MED-PC format: numbers only, one per line.
**
** Design. MED-PC can write data files without labels: one value per line, no keys, no
** variable letters. The layout is the one of the two such files in mccutcheonlab/trompy's
** tests/test_data (read, not copied; ../shared/research/medpc-data.md section 5, row 19),
** which trompy's medfilereader also assumes: each session is a header block of 18 lines
** (start month, day, year; end month, day, year; Subject; Experiment; Group; Box; start
** hour, minute, second; end hour, minute, second; two numbers not read -- 24 and 2, 22
** and 4 in those files), the marker 0.3 (written ".3"), 26 element counts, one per
** variable A..Z, then the values of A, B, ..., Z in that order. This file finds every
** marker whose 26 counts are whole numbers that fit in the rest of the file, returns each
** session with its 26 variables as arrays (a count of 1 is a 1-element array, which
** profiles read as a scalar too), and turns the lines between the previous session (or
** the start of the file) and the marker into header fields when they are that block
** (Start Date, End Date, Subject, Experiment, Group, Box, Start Time, End Time; start, end
** and duration as the annotated parser computes them). A `\` comment line or a `File:`
** line before the block is read (File as a header), not reported; other lines there are
** named in one warning. There is no MSN; without a block the importer takes the subject
** and start time from a MED-PC file name. The tests build files to this layout.
** Called by rl_medpc_parse_buffer() for a file with no annotated session.
*/
#include "medpc_internal.h"
#include "calendar.h"
#include "core/alloc.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_VARS 26
#define MARKER 0.3

/* The header block before a marker: 16 fields, then 2 numbers (see above). */
#define HEADER_FIELDS 16
#define HEADER_LINES 18

typedef struct num_line {
    double v;      /* NaN when the line is not a number */
    long line;
    size_t s, e;   /* the line's text (trimmed): text[s..e) */
} num_line_t;

/* Record a warning (kept up to RL_MEDPC_MAX_WARNINGS, all counted). */
static void
plain_warn(rl_medpc_file_t *f, long line, const char *fmt, ...)
{
    rl_medpc_warning_t *w;
    va_list ap;
    f->n_warnings_total++;
    if (f->n_warnings >= RL_MEDPC_MAX_WARNINGS
        || (w = rl_realloc(f->warnings, (f->n_warnings + 1) * sizeof *w)) == NULL) {
        return; /* counted only, as the annotated parser does */
    }
    f->warnings = w;
    f->warnings[f->n_warnings].line = line;
    va_start(ap, fmt);
    vsnprintf(f->warnings[f->n_warnings].msg, sizeof f->warnings[0].msg, fmt, ap);
    va_end(ap);
    f->n_warnings++;
}

/* The non-blank lines of text as numbers (NaN for other text). */
static num_line_t *
number_lines(const char *text, size_t len, size_t *n_out)
{
    num_line_t *v = NULL;
    size_t n = 0, cap = 0, pos = 0;
    long line = 0;
    char buf[64];

    while (pos < len) {
        size_t s = pos, e, k;
        char *end;
        while (pos < len && text[pos] != '\n' && text[pos] != '\r') {
            pos++;
        }
        e = pos;
        if (pos < len && text[pos] == '\r') { /* \r\n, \r\r\n and a lone \r end a line */
            while (pos < len && text[pos] == '\r') {
                pos++;
            }
            if (pos < len && text[pos] == '\n') {
                pos++;
            }
        } else if (pos < len) {
            pos++;
        }
        line++;
        while (s < e && (text[s] == ' ' || text[s] == '\t')) {
            s++;
        }
        while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\t')) {
            e--;
        }
        if (e == s) {
            continue;
        }
        if (n == cap) {
            num_line_t *p = rl_realloc(v, (cap = cap ? 2 * cap : 1024) * sizeof *p);
            if (p == NULL) {
                free(v);
                return NULL;
            }
            v = p;
        }
        k = e - s < sizeof buf - 1 ? e - s : sizeof buf - 1;
        memcpy(buf, text + s, k);
        buf[k] = '\0';
        errno = 0;
        v[n].v = strtod(buf, &end);
        if (end == buf || *end != '\0' || errno != 0 || e - s >= sizeof buf) {
            v[n].v = NAN;
        }
        v[n].line = line;
        v[n].s = s;
        v[n].e = e;
        n++;
    }
    *n_out = n;
    if (v == NULL) {
        v = rl_malloc(sizeof *v); /* an empty file: a valid, empty list */
    }
    return v;
}

/* true when l[i] is a marker whose 26 counts are whole numbers that fit in the lines
** left; *total receives their sum. */
static bool
is_marker(const num_line_t *l, size_t n, size_t i, size_t *total)
{
    size_t k;
    double sum = 0;
    if (i + N_VARS >= n || !(fabs(l[i].v - MARKER) < 1e-9)) {
        return false;
    }
    for (k = 1; k <= N_VARS; k++) {
        double c = l[i + k].v;
        if (!(c >= 0) || c != floor(c) || c > 1e7) {
            return false;
        }
        sum += c;
    }
    if (sum > (double) (n - i - 1 - N_VARS)) {
        return false;
    }
    *total = (size_t) sum;
    return true;
}

static int
take_session(rl_medpc_file_t *f, const num_line_t *l, size_t i)
{
    rl_medpc_session_t *s, *p;
    size_t at = i + 1 + N_VARS, bad = 0;
    long bad_line = 0;
    int k;

    p = rl_realloc(f->sessions, (f->n_sessions + 1) * sizeof *p);
    if (p == NULL) {
        return RL_ERR_NOMEM;
    }
    f->sessions = p;
    s = &f->sessions[f->n_sessions];
    memset(s, 0, sizeof *s);
    s->line = l[i].line;
    s->duration_s = NAN;
    if ((s->vars = rl_calloc(N_VARS, sizeof *s->vars)) == NULL) {
        return RL_ERR_NOMEM;
    }
    f->n_sessions++; /* from here on, rl_medpc_file_free() releases s */
    s->n_vars = N_VARS;
    for (k = 0; k < N_VARS; k++) {
        rl_medpc_var_t *v = &s->vars[k];
        size_t j, count = (size_t) l[i + 1 + (size_t) k].v;
        v->letter = (char) ('A' + k);
        v->is_array = 1;
        v->line = l[i + 1 + (size_t) k].line;
        v->n = count;
        if (count == 0) {
            continue;
        }
        v->values = rl_malloc(count * sizeof *v->values);
        v->lines = rl_malloc(count * sizeof *v->lines);
        if (v->values == NULL || v->lines == NULL) {
            return RL_ERR_NOMEM;
        }
        for (j = 0; j < count; j++, at++) {
            v->values[j] = l[at].v;
            v->lines[j] = l[at].line;
            if (isnan(l[at].v)) {
                bad_line = bad++ == 0 ? l[at].line : bad_line;
            }
        }
    }
    if (bad > 0) {
        plain_warn(f, bad_line, "%zu values that are not numbers (first at this line)", bad);
    }
    return 0;
}

/* Append header key = value (text[s..e) when value is NULL) to session x. 0 or NOMEM. */
static int
add_header(rl_medpc_session_t *x, const char *key, const char *value, const char *text,
    const num_line_t *l)
{
    rl_medpc_header_t *h = rl_realloc(x->headers, (x->n_headers + 1) * sizeof *h);
    int latin1 = 0;
    if (h == NULL) {
        return RL_ERR_NOMEM;
    }
    x->headers = h;
    h += x->n_headers;
    h->key = rl_strdup(key);
    h->value = value != NULL ? rl_strdup(value) : rl_medpc_text_copy(text + l->s, l->e - l->s,
        &latin1);
    h->line = l->line;
    if (h->key == NULL || h->value == NULL) {
        free(h->key);
        free(h->value);
        return RL_ERR_NOMEM;
    }
    x->n_headers++;
    return 0;
}

/* Three whole numbers l[0..2] as "a/b/c" (a date) or "a:bb:cc" (a time) into out; "" when
** one of them is not a whole number in 0..9999. */
static void
triple(const num_line_t *l, int date, char *out, size_t n)
{
    int k;
    for (k = 0; k < 3; k++) {
        if (!(l[k].v >= 0 && l[k].v <= 9999 && l[k].v == floor(l[k].v))) {
            out[0] = '\0';
            return;
        }
    }
    snprintf(out, n, date ? "%d/%d/%02d" : "%d:%02d:%02d", (int) l[0].v, (int) l[1].v,
        (int) l[2].v);
}

/* Date and time headers of x into *dt (valid when both parse). */
static void
when(const rl_medpc_session_t *x, const char *dkey, const char *tkey, rl_medpc_datetime_t *dt)
{
    const char *d = rl_medpc_session_header(x, dkey), *t = rl_medpc_session_header(x, tkey);
    int y, m, day, h, mi, sec;
    memset(dt, 0, sizeof *dt);
    if (d != NULL && t != NULL && rl_medpc_parse_date(d, &y, &m, &day) == 0
        && rl_medpc_parse_time(t, &h, &mi, &sec) == 0) {
        *dt = (rl_medpc_datetime_t){1, y, m, day, h, mi, sec};
    }
}

/* The header block l[from..to) before session x's marker: an optional `\` comment or
** `File:` line, then 16 fields (start month, day, year; end month, day, year; Subject,
** Experiment, Group, Box; start hour, minute, second; end hour, minute, second) and 2
** numbers that are not read. Other lines there are named in a warning. 0 or NOMEM. */
static int
read_header(rl_medpc_file_t *f, rl_medpc_session_t *x, const char *text, const num_line_t *l,
    size_t from, size_t to)
{
    static const char *const keys[4] = {"Subject", "Experiment", "Group", "Box"};
    char buf[64];
    int k, rc = 0;
    long days;

    for (; from < to && (text[l[from].s] == '\\'
        || (l[from].e - l[from].s > 5 && memcmp(text + l[from].s, "File:", 5) == 0)); from++) {
        if (text[l[from].s] == 'F') {
            num_line_t v = l[from];
            for (v.s += 5; v.s < v.e && (text[v.s] == ' ' || text[v.s] == '\t'); v.s++) {
            }
            if ((rc = add_header(x, "File", NULL, text, &v)) != 0) {
                return rc;
            }
        }
    }
    if (to - from != HEADER_LINES && to - from != HEADER_FIELDS) {
        if (to > from) {
            plain_warn(f, l[from].line, "%zu lines before the 0.3 marker at line %ld are not "
                "the %d-line header block of the format; ignored", to - from, x->line,
                HEADER_LINES);
        }
        return 0;
    }
    x->line = l[from].line;
    triple(&l[from], 1, buf, sizeof buf);
    rc = add_header(x, "Start Date", buf, text, &l[from]);
    triple(&l[from + 3], 1, buf, sizeof buf);
    rc = rc != 0 ? rc : add_header(x, "End Date", buf, text, &l[from + 3]);
    for (k = 0; k < 4 && rc == 0; k++) {
        rc = add_header(x, keys[k], NULL, text, &l[from + 6 + (size_t) k]);
    }
    triple(&l[from + 10], 0, buf, sizeof buf);
    rc = rc != 0 ? rc : add_header(x, "Start Time", buf, text, &l[from + 10]);
    triple(&l[from + 13], 0, buf, sizeof buf);
    rc = rc != 0 ? rc : add_header(x, "End Time", buf, text, &l[from + 13]);
    if (rc != 0) {
        return rc;
    }
    when(x, "Start Date", "Start Time", &x->start);
    when(x, "End Date", "End Time", &x->end);
    if (!x->start.valid) {
        plain_warn(f, x->line, "the header block's start date and time are not a date and a "
            "time");
    } else if (x->end.valid) {
        days = rl_days_from_civil(x->end.year, x->end.month, x->end.day)
            - rl_days_from_civil(x->start.year, x->start.month, x->start.day);
        x->duration_s = (double) days * 86400.0 + (double) ((x->end.hour - x->start.hour)
            * 3600 + (x->end.minute - x->start.minute) * 60 + (x->end.second
            - x->start.second));
        if (x->duration_s < 0) {
            x->duration_s = NAN;
        }
    }
    return 0;
}

int
rl_medpc_parse_plain(const char *text, size_t len, rl_medpc_file_t *f)
{
    size_t n = 0, i, total = 0, skipped = 0, from = 0, headers = 0;
    size_t before = f->n_warnings, before_total = f->n_warnings_total;
    num_line_t *l = number_lines(text, len, &n);
    int rc = 0;

    if (l == NULL) {
        return RL_ERR_NOMEM;
    }
    for (i = 0; i < n && rc == 0;) {
        if (is_marker(l, n, i, &total)) {
            rc = take_session(f, l, i);
            rc = rc != 0 ? rc : read_header(f, &f->sessions[f->n_sessions - 1], text, l, from,
                i);
            headers += rc == 0 && f->sessions[f->n_sessions - 1].n_headers > 0;
            i += 1 + N_VARS + total;
            from = i;
        } else {
            i++;
        }
    }
    skipped = from < n ? n - from : 0;
    if (rc == 0 && f->n_sessions > 0) {
        /* what the annotated reading said about these lines does not apply: drop it */
        memmove(f->warnings, f->warnings + before, (f->n_warnings - before) * sizeof *f->warnings);
        f->n_warnings -= before;
        f->n_warnings_total -= before_total;
        plain_warn(f, 0, "non-annotated MED-PC file (numbers only): %zu sessions read by "
            "the 0.3-marker layout, %zu with a header block", f->n_sessions, headers);
        if (skipped > 0) {
            plain_warn(f, l[from].line, "%zu lines after the last session ignored", skipped);
        }
    }
    free(l);
    return rc;
}
