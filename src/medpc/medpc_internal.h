/* medpc_internal.h -- what the MED-PC parser's files share (internal to src/medpc). */
#ifndef RL_MEDPC_INTERNAL_H
#define RL_MEDPC_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "relapselab/medpc.h"

/* Read text as the non-annotated format (medpc_parse_plain.c) into f, which has no session
** yet: adds the sessions found (none when the text is not of that format, f unchanged
** then). On success with sessions, f's earlier warnings are replaced by a note naming the
** format. Returns 0 or RL_ERR_NOMEM. */
int rl_medpc_parse_plain(const char *text, size_t len, rl_medpc_file_t *f);

/* Lexical pieces (medpc_lex.c). */

/* A malloc'd (rl_malloc) copy of s[0..n) as valid UTF-8: well-formed UTF-8 sequences are
** kept, any other byte >= 0x80 is read as Latin-1, control characters other than tab
** become '?'. *latin1 is set to 1 when a byte had to be converted. NULL when out of
** memory. */
char *rl_medpc_text_copy(const char *s, size_t n, int *latin1);

/* The whole of s (no surrounding spaces) as a decimal number -- [+-]digits[.digits]
** [e[+-]digits], at least one digit -- correctly rounded up to 15 significant digits and
** independent of the locale. 0, or -1 if s is not such a number (or not finite). */
int rl_medpc_parse_number(const char *s, double *out);

/* "MM/DD/YY" or "MM/DD/YYYY" (a real calendar date; YY < 70 is 20YY). 0 or -1. */
int rl_medpc_parse_date(const char *s, int *y, int *m, int *d);

/* The part of a Windows or POSIX path after its last separator (medpc_profile.c). */
const char *rl_medpc_base_name(const char *path);

/* "H:MM:SS", "HH:MM:SS" or "H:MM" (leading spaces trimmed). 0 or -1. */
int rl_medpc_parse_time(const char *s, int *h, int *mi, int *sec);

#endif
