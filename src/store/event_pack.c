/* event_pack.c -- pack a session's events into BLOBs, unpack a time, and the `events` view
** that turns the BLOBs back into rows in plain SQL (see event_pack.h).
**
** Why BLOBs: one row per event cost the writer about as much as the simulation (an INSERT
** per row, 35 bytes per event); one row per session with its events packed is one INSERT
** and 9 bytes per event, so the writer keeps up with two simulating threads.
**
** The view (exact, core SQLite only). For each session, json_each over a JSON array of
** length(kinds) zeros numbers the events (key = seq); each double is decoded by
** DOUBLE_AT (sql_f64.h), exactly.
*/
#include "event_pack.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "sql_f64.h"

/* ---- C side ---- */

_Static_assert(RL_EV_COUNT <= RL_EVENT_PACK_TIMEOUT, "event kind ids must fit in 7 bits");

void
rl_pack_f64(unsigned char *p, double x)
{
    uint64_t u;
    int i;
    if (isnan(x)) {
        u = UINT64_C(0x7FF8000000000000); /* one NaN pattern: the same bytes every time */
    } else if (x == 0.0) {
        u = 0; /* -0.0 as 0.0, as SQLite's REAL columns stored it before schema 7 */
    } else {
        memcpy(&u, &x, sizeof u);
    }
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    u = __builtin_bswap64(u); /* big-endian in one instruction */
    memcpy(p, &u, sizeof u);
    (void) i;
#else
    for (i = 7; i >= 0; i--) {
        p[i] = (unsigned char) (u & 0xFF);
        u >>= 8;
    }
#endif
}

double
rl_event_unpack_f64(const unsigned char *p)
{
    uint64_t u = 0;
    double x;
    int i;
    for (i = 0; i < 8; i++) {
        u = (u << 8) | p[i];
    }
    memcpy(&x, &u, sizeof x);
    return x;
}

int
rl_event_pack(rl_event_pack_t *pk, const rl_event_t *events, const double *codes, size_t n)
{
    size_t i;

    if (n > pk->cap) {
        size_t cap = pk->cap > 0 ? pk->cap : 256;
        unsigned char *t, *k, *c;
        while (cap < n) {
            cap *= 2;
        }
        t = rl_realloc(pk->t_s, 8 * cap);
        if (t != NULL) {
            pk->t_s = t;
        }
        k = rl_realloc(pk->kinds, cap);
        if (k != NULL) {
            pk->kinds = k;
        }
        c = rl_realloc(pk->codes, 8 * cap);
        if (c != NULL) {
            pk->codes = c;
        }
        if (t == NULL || k == NULL || c == NULL) {
            return RL_ERR_NOMEM;
        }
        pk->cap = cap;
    }
    for (i = 0; i < n; i++) {
        rl_pack_f64(pk->t_s + 8 * i, events[i].t_s);
        pk->kinds[i] = (unsigned char) ((unsigned) events[i].kind
            | (events[i].in_timeout ? RL_EVENT_PACK_TIMEOUT : 0u));
    }
    for (i = 0; codes != NULL && i < n; i++) {
        rl_pack_f64(pk->codes + 8 * i, codes[i]);
    }
    return 0;
}

void
rl_event_pack_free(rl_event_pack_t *pk)
{
    free(pk->t_s);
    free(pk->kinds);
    free(pk->codes);
    memset(pk, 0, sizeof *pk);
}

/* ---- SQL side: the view, spelled out by macros at compile time ---- */

const char rl_event_view_sql[] =
    "CREATE VIEW events AS\n"
    "SELECT session_id, seq, " DOUBLE_AT("tb") " AS t_s,\n"
    "  (SELECT name FROM event_kinds WHERE kind_id = kb % 128) AS kind,\n"
    "  kb / 128 AS in_timeout,\n"
    "  CASE WHEN cb IS NULL THEN NULL ELSE " DOUBLE_AT("cb") " END AS code\n"
    "FROM (SELECT se.session_id AS session_id, j.key AS seq, se.t_s AS tb, se.codes AS cb,\n"
    "        " BYTES " AS z,\n"
    "        instr(" BYTES ", substr(se.kinds, j.key + 1, 1)) - 1 AS kb\n"
    "      FROM session_events se, json_each('[' || rtrim(replace(hex(zeroblob(\n"
    "        length(se.kinds))), '00', '0,'), ',') || ']') j);\n";
