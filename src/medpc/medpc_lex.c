/* medpc_lex.c -- the MED-PC parser's lexical pieces (medpc_internal.h): text made valid
** UTF-8, locale-independent decimal numbers, and the dates and times of header lines.
** Plain functions of a string, no parser state.
*/
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "core/alloc.h"
#include "medpc_internal.h"

static int
is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* A malloc'd copy of s[0..n) as valid UTF-8: well-formed UTF-8 sequences are kept, any
** other byte >= 0x80 is read as Latin-1, control characters other than tab become '?'.
** *latin1 is set to 1 when a byte had to be converted. NULL when out of memory. */
char *
rl_medpc_text_copy(const char *s, size_t n, int *latin1)
{
    const unsigned char *u = (const unsigned char *)s;
    char *out = rl_malloc(2 * n + 1);
    size_t i = 0, o = 0;

    if (out == NULL) {
        return NULL;
    }
    while (i < n) {
        unsigned c = u[i];
        size_t k, len = c >= 0xf5 ? 0 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
        if (c < 0x80) {
            out[o++] = (c < 0x20 && c != '\t') || c == 0x7f ? '?' : (char)c;
            i++;
            continue;
        }
        if (len > 0 && i + len <= n) {
            unsigned c1 = u[i + 1];
            int ok = (c1 & 0xc0) == 0x80;
            if ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 > 0x9f)
                || (c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 > 0x8f)) {
                ok = 0; /* overlong, surrogate or beyond U+10FFFF */
            }
            for (k = 2; ok && k < len; k++) {
                ok = (u[i + k] & 0xc0) == 0x80;
            }
            if (ok) {
                memcpy(out + o, s + i, len);
                o += len;
                i += len;
                continue;
            }
        }
        out[o++] = (char)(0xc0 | (c >> 6)); /* Latin-1 byte -> U+0080..U+00FF */
        out[o++] = (char)(0x80 | (c & 0x3f));
        *latin1 = 1;
        i++;
    }
    out[o] = '\0';
    return out;
}

/* Parse the whole of s (no surrounding spaces) as a decimal number: [+-]digits[.digits]
** [e[+-]digits], at least one digit, a leading or trailing '.' allowed. 0 on success. */
int
rl_medpc_parse_number(const char *s, double *out)
{
    static const double k_pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
        1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    uint64_t m = 0;
    int neg = 0, digits = 0, sig = 0, e10 = 0;
    double v;

    neg = *s == '-';
    s += *s == '+' || *s == '-';
    for (; is_digit((unsigned char)*s); s++, digits++) {
        if (sig < 19) {
            m = m * 10 + (uint64_t)(*s - '0');
            sig += (m != 0);
        } else {
            e10++;
        }
    }
    if (*s == '.') {
        for (s++; is_digit((unsigned char)*s); s++, digits++) {
            if (sig < 19) {
                m = m * 10 + (uint64_t)(*s - '0');
                sig += (m != 0);
                e10--;
            }
        }
    }
    if (digits == 0) {
        return -1;
    }
    if (*s == 'e' || *s == 'E') {
        int eneg = 0, ex = 0, ed = 0;
        eneg = *++s == '-';
        s += *s == '+' || *s == '-';
        for (; is_digit((unsigned char)*s); s++, ed++) {
            if (ex < 100000) {
                ex = ex * 10 + (*s - '0');
            }
        }
        if (ed == 0) {
            return -1;
        }
        e10 += eneg ? -ex : ex;
    }
    if (*s != '\0') {
        return -1;
    }
    if (m == 0) {
        v = 0.0;
    } else if (m < ((uint64_t)1 << 53) && e10 >= -22 && e10 <= 22) {
        v = e10 >= 0 ? (double)m * k_pow10[e10] : (double)m / k_pow10[-e10];
    } else {
        v = (double)m * pow(10.0, e10); /* > 15 digits: within an ulp or two */
    }
    *out = neg ? -v : v;
    return isfinite(v) ? 0 : -1;
}

/* "MM/DD/YY" or "MM/DD/YYYY". 0 on success. */
int
rl_medpc_parse_date(const char *s, int *y, int *m, int *d)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int part[3] = {0, 0, 0}, nd[3] = {0, 0, 0}, i;

    for (i = 0; i < 3; i++) {
        for (; is_digit((unsigned char)*s) && nd[i] < 5; s++, nd[i]++) {
            part[i] = part[i] * 10 + (*s - '0');
        }
        if (nd[i] == 0 || nd[i] > (i == 2 ? 4 : 2) || (i < 2 && *s++ != '/')) {
            return -1;
        }
    }
    if (*s != '\0' || (nd[2] != 2 && nd[2] != 4)) {
        return -1;
    }
    *m = part[0];
    *d = part[1];
    *y = nd[2] == 2 ? (part[2] < 70 ? 2000 + part[2] : 1900 + part[2]) : part[2];
    if (*m < 1 || *m > 12 || *d < 1 || *d > mdays[*m - 1]) {
        return -1;
    }
    if (*m == 2 && *d == 29 && !((*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0)) {
        return -1;
    }
    return 0;
}

/* "H:MM:SS", "HH:MM:SS" or "H:MM" (leading spaces already trimmed). 0 on success. */
int
rl_medpc_parse_time(const char *s, int *h, int *mi, int *sec)
{
    int part[3] = {0, 0, 0}, i, nd;

    for (i = 0; i < 3; i++) {
        for (nd = 0; is_digit((unsigned char)*s) && nd < 3; s++, nd++) {
            part[i] = part[i] * 10 + (*s - '0');
        }
        if (nd == 0 || nd > 2 || (i > 0 && nd != 2)) {
            return -1;
        }
        if (*s != ':') {
            break;
        }
        s++;
    }
    if (*s != '\0' || i == 0) {
        return -1;
    }
    *h = part[0];
    *mi = part[1];
    *sec = part[2];
    return (*h > 23 || *mi > 59 || *sec > 60) ? -1 : 0;
}

