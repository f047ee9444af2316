/* protocol_check.h -- what the value checks of a protocol share (not public API; only the
** validator's files include it).
**
**   protocol.c           rl_protocol_validate(): the protocol, its reinforcers, procedures,
**                        phases (schedule, criterion, sessions) and groups
**   protocol_check_triggers.c   a phase's drugs and triggers: treatments, stressors,
**                        non-contingent cues, the place pairing, the sessions they come with
**
** Every check raises through pv_fail(), which places the message at the source note of the
** offending field (or at the line of the object that holds it). Messages follow
** "<object>: <field> must be <rule> (got <value>)".
*/
#ifndef RL_PROTOCOL_CHECK_H
#define RL_PROTOCOL_CHECK_H

#include <stdbool.h>

#include "protocol_internal.h"

/* Where to report a problem: the source map, the file name and the caller's error. */
typedef struct pv_ctx {
    const rl_srcmap_t *src;
    const char *file;
    rl_error_t *err;
} pv_ctx_t;

/* Raise RL_ERR_INVALID at the note of field, or at fallback_line if it has none. */
int pv_fail(const pv_ctx_t *v, const void *field, long fallback_line, const char *fmt, ...)
    RL_PRINTF_LIKE(4, 5);

/* Check lo < x (lo_open) or lo <= x, and x <= hi (hi = INFINITY: no upper bound). hi_note
** explains the upper bound (", larger is implausible") or is "". */
int pv_num(const pv_ctx_t *v, const void *field, long line, const char *ctx, const char *key,
    double x, double lo, bool lo_open, double hi, const char *hi_note);

/* pv_num() for an int field. */
int pv_int(const pv_ctx_t *v, const int *field, long line, const char *ctx, const char *key,
    int lo, int hi, const char *hi_note);

/* Whether field was written in the file (it has a source note). */
bool pv_written(const pv_ctx_t *v, const void *field);

/* The drugs and triggers of phase k of pr (ctx names the phase in messages):
** treatments, the place pairing, stressors and non-contingent cues, each with the
** sessions it comes with. */
int pv_phase_triggers(const pv_ctx_t *v, const rl_protocol_t *p, const rl_procedure_t *pr,
    int k, const char *ctx);

/* No drug or stressor of phase k of pr starts inside (or before) a session of the mouse
** that is simulated before it: a pretreatment, pairing drug, stressor or food deprivation
** due with the phase's session i starts at most rl_phase_latest_before_min() before it.
** Checked after the phase's other values (its interval and abstinence days). */
int pv_phase_timing(const pv_ctx_t *v, const rl_protocol_t *p, const rl_procedure_t *pr,
    int k, const char *ctx);

#endif
