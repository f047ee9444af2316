/* summary.h -- the lab's usual numbers per group and phase.
**
** Per mouse and phase: mean active and inactive pokes and reinforcers over the phase's
** sessions; whether the phase criterion was met; the PR breakpoint; the number of
** sessions to the extinction criterion; mean active pokes over the last extinction
** sessions (the criterion window). Per group: mean +/- SEM over mice, and the percentage
** meeting the criterion. Input is plain subject results, so the same code serves
** simulated and (later) imported data.
*/
#ifndef RELAPSELAB_SUMMARY_H
#define RELAPSELAB_SUMMARY_H

#include <stdbool.h>
#include <stdio.h>

#include "relapselab/api.h"
#include "relapselab/error.h"
#include "relapselab/measures.h"
#include "relapselab/protocol.h"
#include "relapselab/results.h"

typedef struct rl_summary rl_summary_t;

/* A summary for protocol (borrowed until rl_summary_free). */
RL_API int rl_summary_create(const rl_protocol_t *protocol, rl_summary_t **out, rl_error_t *err);
RL_API void rl_summary_free(rl_summary_t *self);

/* Add one mouse (any order): subject number subject_id of group `group`, its sessions
** s[0..n-1] in the order run (measures.h: rl_measures_subject). */
RL_API int rl_summary_add(rl_summary_t *self, int subject_id, int group,
    const rl_session_result_t *s, size_t n, rl_error_t *err);

/* Print the per-group, per-phase table to f. Returns 0 or RL_ERR_NOMEM (nothing printed). */
RL_API int rl_summary_print(const rl_summary_t *self, FILE *f, rl_error_t *err);

#endif
