/* json_out.h -- (internal) pieces of JSON written straight to a stream, for the reports
** that print JSON (the screen's, the calibration's).
*/
#ifndef RL_CORE_JSON_OUT_H
#define RL_CORE_JSON_OUT_H

#include <stdio.h>

/* Write s (NUL-terminated, UTF-8 passed through) to f as a JSON string, quotes included:
** '"' and '\\' escaped, control characters as \\u00XX. */
void rl_json_str(FILE *f, const char *s);

#endif
