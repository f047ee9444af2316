/* subject_sheet.c -- read a lab's subject sheet (CSV) into rows (relapselab/subject_sheet.h).
**
** Design. The file is read whole (sheets are small: at most 16 MiB) and tokenised by one
** scanner that yields a field at a time with its line and column, so every error can say
** where it is. The header row fixes the columns (each known name once; unknown names are
** collected and reported together); each later row must have as many fields. Values are
** copied into the row (malloc'ed through core/alloc.h), NULL when empty. The separator is
** a comma, or -- when the header line has no comma -- a semicolon or a tab. Applying a
** sheet to a database is src/store/store_sheet.c.
*/
#include "relapselab/subject_sheet.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/slurp.h"

#define SHEET_MAX_BYTES (16L * 1024 * 1024)

static const char *const column_names[RL_SHEET_NCOLS] = {
    "subject", "sex", "genotype", "background", "group", "treatment", "dose", "notes"
};

const char *
rl_sheet_column_name(rl_sheet_column_t c)
{
    return c >= 0 && c < RL_SHEET_NCOLS ? column_names[c] : "?";
}

/* The scanner over the text. */
typedef struct scan {
    const char *name;
    const char *p, *end;
    long line, col;            /* of *p, 1-based */
    char sep;
    char *buf;                 /* the current field's value */
    size_t len, cap;
} scan_t;

/* One character forward, counting lines. */
static void
advance(scan_t *s)
{
    if (*s->p == '\n') {
        s->line++;
        s->col = 1;
    } else {
        s->col++;
    }
    s->p++;
}

static int
put(scan_t *s, char c, rl_error_t *err)
{
    if (s->len + 1 >= s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        char *q = rl_realloc(s->buf, cap);
        if (q == NULL) {
            return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
        }
        s->buf = q;
        s->cap = cap;
    }
    s->buf[s->len++] = c;
    s->buf[s->len] = '\0';
    return 0;
}

/* Read one field into s->buf (trimmed unless quoted). *last is set when the field ends
** its row (line end or end of text). *line and *col receive where it started. */
static int
next_field(scan_t *s, int *last, long *line, long *col, rl_error_t *err)
{
    int ret;
    s->len = 0;
    if (put(s, '\0', err) != 0) {
        return RL_ERR_NOMEM;
    }
    s->len = 0;
    s->buf[0] = '\0';
    while (s->p < s->end && (*s->p == ' ' || (*s->p == '\t' && s->sep != '\t'))) {
        advance(s);
    }
    *line = s->line;
    *col = s->col;
    if (s->p < s->end && *s->p == '"') {
        advance(s);
        for (;;) {
            if (s->p >= s->end) {
                return rl_error_set(err, RL_ERR_PARSE, s->name, *line, *col,
                    "unterminated quoted field (no closing '\"')");
            }
            if (*s->p == '"') {
                advance(s);
                if (s->p < s->end && *s->p == '"') {
                    advance(s);
                    if ((ret = put(s, '"', err)) != 0) {
                        return ret;
                    }
                    continue;
                }
                break;
            }
            if ((ret = put(s, *s->p, err)) != 0) {
                return ret;
            }
            advance(s);
        }
        while (s->p < s->end && (*s->p == ' ' || (*s->p == '\t' && s->sep != '\t'))) {
            advance(s);
        }
        if (s->p < s->end && *s->p != s->sep && *s->p != '\n' && *s->p != '\r') {
            return rl_error_set(err, RL_ERR_PARSE, s->name, s->line, s->col,
                "unexpected '%c' after a quoted field (expected '%c' or the end of the "
                "line)", isprint((unsigned char) *s->p) ? *s->p : '?', s->sep);
        }
    } else {
        while (s->p < s->end && *s->p != s->sep && *s->p != '\n' && *s->p != '\r') {
            if (*s->p == '"') {
                return rl_error_set(err, RL_ERR_PARSE, s->name, s->line, s->col,
                    "quote inside an unquoted field (quote the whole field and double the "
                    "quote: \"a \"\"b\"\"\")");
            }
            if ((ret = put(s, *s->p, err)) != 0) {
                return ret;
            }
            advance(s);
        }
        while (s->len > 0 && (s->buf[s->len - 1] == ' ' || s->buf[s->len - 1] == '\t')) {
            s->buf[--s->len] = '\0';
        }
    }
    *last = 1;
    if (s->p < s->end && *s->p == s->sep) {
        advance(s);
        *last = 0;
    } else if (s->p < s->end && *s->p == '\r') {
        advance(s);
        if (s->p < s->end && *s->p == '\n') {
            advance(s);
        }
    } else if (s->p < s->end) {
        advance(s);   /* '\n' */
    }
    return 0;
}

/* Skip blank lines (only spaces, tabs and line ends). */
static void
skip_blank_lines(scan_t *s)
{
    for (;;) {
        const char *q = s->p;
        while (q < s->end && (*q == ' ' || *q == '\t' || *q == '\r')) {
            q++;
        }
        if (q < s->end && *q != '\n') {
            return;
        }
        while (s->p < q) {
            advance(s);
        }
        if (s->p >= s->end) {
            return;
        }
        advance(s);
    }
}

static char
pick_separator(const char *p, const char *end)
{
    const char *nl = memchr(p, '\n', (size_t) (end - p));
    size_t n = (size_t) ((nl != NULL ? nl : end) - p);
    if (memchr(p, ',', n) != NULL) {
        return ',';
    }
    if (memchr(p, ';', n) != NULL) {
        return ';';
    }
    return memchr(p, '\t', n) != NULL ? '\t' : ',';
}

/* The header: map[i] = the column of field i. Returns the number of fields. */
static int
read_header(scan_t *s, rl_subject_sheet_t *sh, int map[], int max, rl_error_t *err)
{
    char unknown[512] = "";
    long uline = 0, ucol = 0;
    int n = 0, last = 0, c, ret, n_unknown = 0;
    while (!last) {
        long line, col;
        if ((ret = next_field(s, &last, &line, &col, err)) != 0) {
            return ret;
        }
        if (n == max) {
            return rl_error_set(err, RL_ERR_PARSE, s->name, line, col,
                "more than %d columns in the header", max);
        }
        for (c = 0; c < RL_SHEET_NCOLS && strcasecmp(s->buf, column_names[c]) != 0; c++) {
        }
        if (s->buf[0] == '\0') {
            return rl_error_set(err, RL_ERR_PARSE, s->name, line, col,
                "empty column name in the header");
        }
        if (c < RL_SHEET_NCOLS && sh->has[c]) {
            return rl_error_set(err, RL_ERR_PARSE, s->name, line, col,
                "column '%s' appears twice in the header", column_names[c]);
        }
        if (c == RL_SHEET_NCOLS) {
            size_t u = strlen(unknown);
            if (n_unknown++ == 0) {
                uline = line;
                ucol = col;
            }
            snprintf(unknown + u, sizeof unknown - u, "%s'%.60s'", u > 0 ? ", " : "", s->buf);
            map[n++] = -1;
            continue;
        }
        sh->has[c] = true;
        map[n++] = c;
    }
    if (n_unknown > 0) {
        return rl_error_set(err, RL_ERR_PARSE, s->name, uline, ucol,
            "unknown column%s %s (a sheet has subject and any of sex, genotype, background, "
            "group, treatment, dose, notes; put anything else in notes)",
            n_unknown > 1 ? "s" : "", unknown);
    }
    if (!sh->has[RL_SHEET_SUBJECT]) {
        return rl_error_set(err, RL_ERR_PARSE, s->name, 1, 1,
            "the header has no 'subject' column");
    }
    return n;
}

/* Normalise a sex cell in place: "male" or "female"; RL_ERR_PARSE otherwise. */
static int
check_sex(char **v, const char *name, long line, long col, rl_error_t *err)
{
    const char *norm = NULL;
    char *q;
    if (strcasecmp(*v, "male") == 0 || strcasecmp(*v, "m") == 0) {
        norm = "male";
    } else if (strcasecmp(*v, "female") == 0 || strcasecmp(*v, "f") == 0) {
        norm = "female";
    } else {
        return rl_error_set(err, RL_ERR_PARSE, name, line, col,
            "sex '%.60s' is not male or female (m, f, male, female in any case; or empty)",
            *v);
    }
    if ((q = rl_strdup(norm)) == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    free(*v);
    *v = q;
    return 0;
}

/* One data row into sh->rows[sh->n_rows]. */
static int
read_row(scan_t *s, rl_subject_sheet_t *sh, const int map[], int n_cols, rl_error_t *err)
{
    rl_sheet_row_t *row;
    long cols[RL_SHEET_NCOLS] = {0}, line = 0, col = 0, row_line = s->line;
    int k = 0, last = 0, ret;
    size_t i;

    if (rl_grow(&sh->rows, &sh->cap_rows, sh->n_rows + 1) != 0) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    row = &sh->rows[sh->n_rows++];
    memset(row, 0, sizeof *row);
    row->line = row_line;
    while (!last) {
        if ((ret = next_field(s, &last, &line, &col, err)) != 0) {
            return ret;
        }
        if (k == n_cols) {
            return rl_error_set(err, RL_ERR_PARSE, s->name, line, col,
                "more fields than the header's %d columns", n_cols);
        }
        if (map[k] >= 0 && s->buf[0] != '\0') {
            if ((row->value[map[k]] = rl_strdup(s->buf)) == NULL) {
                return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
            }
            cols[map[k]] = col;
        }
        k++;
    }
    if (k < n_cols) {
        return rl_error_set(err, RL_ERR_PARSE, s->name, line, col + (long) s->len,
            "%d fields where the header has %d columns", k, n_cols);
    }
    if (row->value[RL_SHEET_SUBJECT] == NULL) {
        return rl_error_set(err, RL_ERR_PARSE, s->name, row_line, 1, "empty subject");
    }
    if (row->value[RL_SHEET_SEX] != NULL
        && (ret = check_sex(&row->value[RL_SHEET_SEX], s->name, row_line, cols[RL_SHEET_SEX],
                err)) != 0) {
        return ret;
    }
    for (i = 0; i + 1 < sh->n_rows; i++) {
        if (strcmp(sh->rows[i].value[RL_SHEET_SUBJECT], row->value[RL_SHEET_SUBJECT]) == 0) {
            return rl_error_set(err, RL_ERR_PARSE, s->name, row_line,
                cols[RL_SHEET_SUBJECT], "subject '%.60s' is also on line %ld",
                row->value[RL_SHEET_SUBJECT], sh->rows[i].line);
        }
    }
    return 0;
}

int
rl_subject_sheet_parse(const char *name, const char *text, size_t len,
    rl_subject_sheet_t *out, rl_error_t *err)
{
    scan_t s;
    int map[64], n_cols, ret = 0;
    const char *nul;

    memset(out, 0, sizeof *out);
    memset(&s, 0, sizeof s);
    s.name = name;
    s.p = text;
    s.end = text + len;
    s.line = 1;
    s.col = 1;
    if ((nul = memchr(text, '\0', len)) != NULL) {
        long line = 1;
        const char *q;
        for (q = text; q < nul; q++) {
            line += *q == '\n';
        }
        return rl_error_set(err, RL_ERR_PARSE, name, line, 0,
            "NUL byte: not a text CSV file (save the sheet as CSV)");
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        s.p += 3;   /* UTF-8 byte-order mark (columns count from after it) */
    }
    if ((out->path = rl_strdup(name)) == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    skip_blank_lines(&s);
    if (s.p >= s.end) {
        ret = rl_error_set(err, RL_ERR_PARSE, name, s.line, 1,
            "empty sheet: expected a header row naming the columns (subject, ...)");
        goto out;
    }
    s.sep = pick_separator(s.p, s.end);
    if ((n_cols = read_header(&s, out, map, 64, err)) < 0) {
        ret = n_cols;
        goto out;
    }
    for (;;) {
        skip_blank_lines(&s);
        if (s.p >= s.end) {
            break;
        }
        if ((ret = read_row(&s, out, map, n_cols, err)) != 0) {
            goto out;
        }
    }
out:
    free(s.buf);
    if (ret != 0) {
        rl_subject_sheet_free(out);
    }
    return ret;
}

int
rl_subject_sheet_read(const char *path, rl_subject_sheet_t *out, rl_error_t *err)
{
    char *text;
    size_t len;
    int e, ret;

    memset(out, 0, sizeof *out);
    switch (rl_slurp(path, (size_t) SHEET_MAX_BYTES, &text, &len, &e)) {
    case 0: break;
    case RL_ERR_INVALID:
        return rl_error_set(err, RL_ERR_PARSE, path, 0, 0,
            "larger than %ld MiB: not a subject sheet", SHEET_MAX_BYTES >> 20);
    case RL_ERR_NOMEM: return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    default:
        return rl_error_set(err, RL_ERR_IO, path, 0, 0, "cannot read the subject sheet: %s",
            strerror(e));
    }
    ret = rl_subject_sheet_parse(path, text, len, out, err);
    free(text);
    return ret;
}

void
rl_subject_sheet_free(rl_subject_sheet_t *sheet)
{
    size_t i;
    int c;
    if (sheet == NULL) {
        return;
    }
    for (i = 0; i < sheet->n_rows; i++) {
        for (c = 0; c < RL_SHEET_NCOLS; c++) {
            free(sheet->rows[i].value[c]);
        }
    }
    free(sheet->rows);
    free(sheet->path);
    memset(sheet, 0, sizeof *sheet);
}
