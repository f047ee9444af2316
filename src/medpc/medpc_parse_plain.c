/* medpc_parse_plain.c -- the non-annotated MED-PC format: numbers only, one per line.
**
** Design. MED-PC can write data files without labels: one number per line, no header
** fields, no variable letters. What is known of the layout comes from readers of such files
** (mccutcheonlab/trompy's medfilereader, ../shared/research/medpc-data.md section 5, row
** 19): each session starts with the marker 0.3, followed by 26 element counts, one per
** variable A..Z, then the values of A, B, ..., Z in that order (count_A values of A, then
** count_B of B, ...). Lines before the first marker (a file header) are skipped. This file
** finds every marker whose 26 counts are whole numbers that fit in the rest of the file,
** and returns each session with its 26 variables as arrays (a count of 1 is a 1-element
** array, which profiles read as a scalar too). There are no header fields: the importer
** takes the subject and start time from a MED-PC file name when it can. No real file of
** this format was available; the tests use files written to the layout above.
** Called by rl_medpc_parse_buffer() for a file with no annotated session.
*/
#include "medpc_internal.h"
#include "core/alloc.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_VARS 26
#define MARKER 0.3

typedef struct num_line {
    double v;      /* NaN when the line is not a number */
    long line;
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

int
rl_medpc_parse_plain(const char *text, size_t len, rl_medpc_file_t *f)
{
    size_t n = 0, i, total = 0, skipped = 0;
    size_t before = f->n_warnings, before_total = f->n_warnings_total;
    num_line_t *l = number_lines(text, len, &n);
    int rc = 0;

    if (l == NULL) {
        return RL_ERR_NOMEM;
    }
    for (i = 0; i < n && rc == 0;) {
        if (is_marker(l, n, i, &total)) {
            if (f->n_sessions == 0 && i > 0) {
                skipped = i;
            }
            rc = take_session(f, l, i);
            i += 1 + N_VARS + total;
        } else {
            i++;
        }
    }
    if (rc == 0 && f->n_sessions > 0) {
        /* what the annotated reading said about these lines does not apply: drop it */
        memmove(f->warnings, f->warnings + before, (f->n_warnings - before) * sizeof *f->warnings);
        f->n_warnings -= before;
        f->n_warnings_total -= before_total;
        plain_warn(f, 0, "non-annotated MED-PC file (numbers only): %zu sessions read by "
            "the 0.3-marker layout; no header fields%s", f->n_sessions,
            skipped > 0 ? ", the lines before the first marker skipped" : "");
    }
    free(l);
    return rc;
}
