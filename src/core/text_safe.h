/* text_safe.h -- text from inputs made safe to print on a terminal (internal).
**
** Names come from protocols, claims and screen files, MED-PC headers and databases, and
** may hold any bytes: a terminal escape (ESC [ ...) printed raw recolours or rewrites the
** screen, a newline breaks a table's row. Every table and message that prints such a name
** on a terminal passes it through rl_text_safe(): control characters (C0, DEL, and C1
** whether UTF-8 encoded or raw) and bytes that are not UTF-8 are written as escapes --
** \n, \r, \t, \xHH for the others (\u0080..\u009f for C1 in UTF-8) -- and everything else,
** UTF-8 included, is kept as it is. A backslash is kept too, so names without control
** characters print unchanged. (CSV and JSON have their own rules: csv_write.c,
** json_out.c.)
*/
#ifndef RL_CORE_TEXT_SAFE_H
#define RL_CORE_TEXT_SAFE_H

#include <stddef.h>

/* Room for any name of the formats (63 bytes) escaped four times over, or a long text cut
** with "...". */
#define RL_TEXT_SAFE_MAX 320

typedef struct rl_text_buf {
    char b[RL_TEXT_SAFE_MAX];
} rl_text_buf_t;

/* s itself when it needs no escape (NULL stays NULL), else its escaped form in *buf (cut
** at a whole escape or character, with "...", when longer than RL_TEXT_SAFE_MAX - 1). */
const char *rl_text_safe(const char *s, rl_text_buf_t *buf);

/* Write s escaped into out (cap bytes, NUL-terminated, cut as above when too long).
** Returns out. */
char *rl_text_escape(char *out, size_t cap, const char *s);

/* Copy s into out (cap >= 1 bytes, NUL-terminated) unescaped, cut when longer than cap - 1
** bytes at the last whole UTF-8 character that fits (a byte that is not UTF-8 counts as
** one). Returns 1 when s was cut, else 0. For names and messages stored in fixed fields. */
int rl_text_cut(char *out, size_t cap, const char *s);

#endif
