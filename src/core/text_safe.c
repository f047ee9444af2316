/* text_safe.c -- terminal-safe text (see text_safe.h).
**
** One pass over the bytes: a well-formed UTF-8 sequence (2 to 4 bytes, lead C2..F4, no
** overlong 3- or 4-byte forms, no surrogates, at most U+10FFFF) is copied unless it is a C1
** control (C2 80..C2 9F); every other byte below 0x20, DEL and every byte that does not
** start or complete such a sequence is escaped.
*/
#include "core/text_safe.h"

#include <stdio.h>
#include <string.h>

/* Length of the well-formed UTF-8 sequence at s (lead byte >= 0x80), or 0. */
static size_t
utf8_len(const unsigned char *s)
{
    size_t n, i;
    unsigned char c = s[0];
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
    } else {
        return 0;
    }
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            return 0;
        }
    }
    if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0) /* overlong, surrogate */
        || (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90)) {
        return 0;
    }
    return n;
}

/* The escape of the bytes at s into e (at least 7 bytes); *len = bytes of s it covers.
** Returns the escape's length, 0 when the bytes are kept as they are. */
static size_t
escape_at(const unsigned char *s, char *e, size_t *len)
{
    size_t n;
    *len = 1;
    if (s[0] >= 0x20 && s[0] != 0x7F && s[0] < 0x80) {
        return 0;
    }
    if (s[0] == '\n' || s[0] == '\r' || s[0] == '\t') {
        e[0] = '\\';
        e[1] = s[0] == '\n' ? 'n' : s[0] == '\r' ? 'r' : 't';
        return 2;
    }
    if (s[0] >= 0x80 && (n = utf8_len(s)) > 0) {
        *len = n;
        if (s[0] == 0xC2 && s[1] < 0xA0) { /* C1 control */
            return (size_t) snprintf(e, 7, "\\u%04x", (unsigned) s[1]);
        }
        return 0;
    }
    return (size_t) snprintf(e, 7, "\\x%02x", (unsigned) s[0]);
}

/* The length of s escaped. */
static size_t
escaped_len(const unsigned char *p)
{
    size_t total = 0;
    while (*p != '\0') {
        char e[8];
        size_t len, n = escape_at(p, e, &len);
        total += n > 0 ? n : len;
        p += len;
    }
    return total;
}

char *
rl_text_escape(char *out, size_t cap, const char *s)
{
    const unsigned char *p = (const unsigned char *) s;
    size_t used = 0, room;

    if (cap == 0) {
        return out;
    }
    room = escaped_len(p) < cap ? cap : (cap > 3 ? cap - 3 : 0); /* keep room for "..." */
    while (*p != '\0') {
        char e[8];
        size_t len, n = escape_at(p, e, &len);
        size_t need = n > 0 ? n : len;
        if (used + need + 1 > room) {
            snprintf(out + used, cap - used, "...");
            return out;
        }
        memcpy(out + used, n > 0 ? e : (const char *) p, need);
        used += need;
        p += len;
    }
    out[used] = '\0';
    return out;
}

int
rl_text_cut(char *out, size_t cap, const char *s)
{
    const unsigned char *u = (const unsigned char *) s;
    size_t n = strlen(s), k;
    int cut = n > cap - 1;
    if (cut) {
        n = cap - 1;
        /* a well-formed character that starts before the cut and ends after it goes */
        for (k = 1; k <= 3 && k <= n && (u[n - k + 1] & 0xC0) == 0x80; k++) {
            if (u[n - k] >= 0xC0 && utf8_len(u + n - k) > k) {
                n -= k;
                break;
            }
        }
    }
    memcpy(out, s, n);
    out[n] = '\0';
    return cut;
}

const char *
rl_text_safe(const char *s, rl_text_buf_t *buf)
{
    const unsigned char *p = (const unsigned char *) s;
    if (s == NULL) {
        return NULL;
    }
    while (*p != '\0') {
        char e[8];
        size_t len;
        if (escape_at(p, e, &len) > 0) {
            return rl_text_escape(buf->b, sizeof buf->b, s);
        }
        p += len;
    }
    return s;
}
