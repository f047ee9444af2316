/* medpc_sniff.c -- what kind of file the first bytes of a file are (rl_medpc_sniff, medpc.h).
**
** Design. import-medpc decides by content, not by name, which files of a folder to read,
** and the parser refuses binary content in one line instead of reading it as text. Three
** tests on the first RL_MEDPC_SNIFF_BYTES bytes, in this order:
**
**   binary      a NUL byte, or more than 1 in 10 bytes that are control characters other
**               than tab, line feed, vertical tab, form feed, carriage return and the DOS
**               end-of-file mark 0x1A (what `grep` and `git` call binary). The 1-based
**               offset of the first such byte is reported. Latin-1 and UTF-8 text is text.
**   annotated   one of the first 20 lines starts (after spaces and a UTF-8 BOM) with
**               `File:` or `Start Date:` (every annotated MED-PC file has them).
**   plain       the non-annotated layout (docs/MEDPC.md, medpc_parse_plain.c): among the
**               first 64 non-blank lines, a line whose value is 0.3 (the session marker)
**               followed by 26 lines that are whole numbers >= 0 (the element counts of
**               A..Z), and before it only `File:` lines and short lines (at most 40
**               characters, no ':'): the header block.
**
** Anything else (a README, a CSV, a spreadsheet) is RL_MEDPC_SNIFF_OTHER. No state, no
** allocation.
*/
#include "relapselab/medpc.h"

#include <math.h>
#include <string.h>

#include "medpc_internal.h"

#define ANNOTATED_LINES 20
#define PLAIN_LINES 64
#define PLAIN_COUNTS 26
#define HEADER_LINE_MAX 40

static int
is_control(unsigned char c)
{
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r'
        && c != 0x1a) || c == 0x7f;
}

/* 1-based offset of the first binary byte of buf[0..n), or 0 when the bytes are text. */
static size_t
binary_at(const unsigned char *buf, size_t n)
{
    size_t i, controls = 0, first = 0;
    for (i = 0; i < n; i++) {
        if (buf[i] == 0) {
            return i + 1;
        }
        if (is_control(buf[i])) {
            controls++;
            first = first == 0 ? i + 1 : first;
        }
    }
    return 10 * controls > n ? first : 0;
}

/* The next line of buf[*pos..n) trimmed of spaces, as [*s, *e); 0 at the end. */
static int
next_line(const char *buf, size_t n, size_t *pos, size_t *s, size_t *e)
{
    size_t p = *pos;
    if (p >= n) {
        return 0;
    }
    *s = p;
    while (p < n && buf[p] != '\n' && buf[p] != '\r') {
        p++;
    }
    *e = p;
    while (p < n && (buf[p] == '\r' || buf[p] == '\n') && p - *e < 3) {
        p++;
        if (buf[p - 1] == '\n') {
            break;
        }
    }
    *pos = p;
    while (*s < *e && (buf[*s] == ' ' || buf[*s] == '\t')) {
        (*s)++;
    }
    while (*e > *s && (buf[*e - 1] == ' ' || buf[*e - 1] == '\t')) {
        (*e)--;
    }
    return 1;
}

/* The value of buf[s..e) as a number, or -1 when it is not one (or too long). */
static int
line_number(const char *buf, size_t s, size_t e, double *v)
{
    char tmp[48];
    if (e - s >= sizeof tmp || e == s) {
        return -1;
    }
    memcpy(tmp, buf + s, e - s);
    tmp[e - s] = '\0';
    return rl_medpc_parse_number(tmp, v);
}

static int
starts_with(const char *buf, size_t s, size_t e, const char *word)
{
    size_t k = strlen(word);
    return e - s >= k && memcmp(buf + s, word, k) == 0;
}

static int
annotated(const char *buf, size_t n)
{
    size_t pos = 0, s, e;
    int i;
    if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
        pos = 3;
    }
    for (i = 0; i < ANNOTATED_LINES && next_line(buf, n, &pos, &s, &e); i++) {
        if (starts_with(buf, s, e, "File:") || starts_with(buf, s, e, "Start Date:")) {
            return 1;
        }
    }
    return 0;
}

static int
plain(const char *buf, size_t n)
{
    size_t pos = 0, s[PLAIN_LINES], e[PLAIN_LINES], k = 0, i, j;
    double v;

    while (k < PLAIN_LINES && next_line(buf, n, &pos, &s[k], &e[k])) {
        k += e[k] > s[k];
    }
    for (i = 0; i + PLAIN_COUNTS < k; i++) {
        int counts = line_number(buf, s[i], e[i], &v) == 0 && v > 0.2999 && v < 0.3001;
        for (j = 1; counts && j <= PLAIN_COUNTS; j++) {
            /* a whole count: tested with floor, not a cast, which is undefined for
            ** values beyond a long's range (a fuzzed 1e45) */
            counts = line_number(buf, s[i + j], e[i + j], &v) == 0 && v >= 0 && v < 1e15
                && v == floor(v);
        }
        if (counts) {
            return 1;
        }
        if (!starts_with(buf, s[i], e[i], "File:") && (e[i] - s[i] > HEADER_LINE_MAX
                || memchr(buf + s[i], ':', e[i] - s[i]) != NULL)) {
            return 0; /* not a header block line: this is not the layout */
        }
    }
    return 0;
}

rl_medpc_sniff_t
rl_medpc_sniff(const char *buf, size_t len, size_t *binary_byte)
{
    size_t n = len < RL_MEDPC_SNIFF_BYTES ? len : RL_MEDPC_SNIFF_BYTES, at;
    if (binary_byte != NULL) {
        *binary_byte = 0;
    }
    if (buf == NULL || n == 0) {
        return RL_MEDPC_SNIFF_OTHER;
    }
    if ((at = binary_at((const unsigned char *) buf, n)) > 0) {
        if (binary_byte != NULL) {
            *binary_byte = at;
        }
        return RL_MEDPC_SNIFF_BINARY;
    }
    if (annotated(buf, n)) {
        return RL_MEDPC_SNIFF_ANNOTATED;
    }
    return plain(buf, n) ? RL_MEDPC_SNIFF_PLAIN : RL_MEDPC_SNIFF_OTHER;
}
