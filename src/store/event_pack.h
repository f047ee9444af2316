/* event_pack.h -- a session's events as three packed BLOBs (schema 7, docs/SCHEMA.md), and
** the SQL of the `events` view that presents them as rows.
**
** Layout of one session with n events (table session_events):
**   t_s    8 n bytes: the times, IEEE-754 binary64, big-endian (so hex(t_s) reads as the
**          bit patterns);
**   kinds  n bytes: kind_id (event_kinds) + 128 if the event fell in a time-out;
**   codes  NULL (simulated sessions), or 8 n bytes as t_s (imported MED-PC codes; a NaN
**          pattern is a missing code, SQL NULL in the view).
** Packing copies bits (but writes -0.0 as 0.0 and every NaN as one pattern, as the REAL
** column of schema 6 kept them), so every double reads back identical; the view decodes
** the same bits with integer arithmetic and exact multiplications by powers of two
** (event_pack.c).
*/
#ifndef RL_STORE_EVENT_PACK_H
#define RL_STORE_EVENT_PACK_H

#include <stddef.h>
#include <stdint.h>

#include "relapselab/results.h"

/* The in_timeout flag in a kinds byte; kind ids are below it. */
#define RL_EVENT_PACK_TIMEOUT 0x80

/* Reusable buffers of the three BLOBs (owned; free with rl_event_pack_free). */
typedef struct rl_event_pack {
    unsigned char *t_s;        /* 8 n bytes */
    unsigned char *kinds;      /* n bytes */
    unsigned char *codes;      /* 8 n bytes, or unused when codes is NULL */
    size_t cap;                /* events the buffers hold */
} rl_event_pack_t;

/* Pack n events (and their codes, NaN = missing, when codes is not NULL) into pk, growing
** its buffers. Kinds must be in [0, RL_EV_COUNT) (checked by the caller). Returns 0 or
** RL_ERR_NOMEM (pk unchanged and still valid). */
int rl_event_pack(rl_event_pack_t *pk, const rl_event_t *events, const double *codes,
    size_t n);

void rl_event_pack_free(rl_event_pack_t *pk);

/* Store x at p as 8 bytes, big-endian binary64 (-0.0 as 0.0, every NaN as one pattern). */
void rl_pack_f64(unsigned char *p, double x);

/* The double stored at p (8 bytes, big-endian binary64). */
double rl_event_unpack_f64(const unsigned char *p);

/* CREATE VIEW events AS ...: session_id, seq, t_s, kind, in_timeout, code, one row per
** event, the values and types of the schema-6 table. Uses only core SQLite functions
** (hex, substr, instr, json_each), so any SQLite >= 3.38 (JSON built in) can read it. */
extern const char rl_event_view_sql[];

#endif
