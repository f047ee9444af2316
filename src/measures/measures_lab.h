/* measures_lab.h -- the lab measures of one session (internal to src/measures).
**
** Rates per hour, latencies, earned and non-contingent deliveries, head entries in and out
** of the cue (measures.h, RL_M_LAB_FIRST..; docs/ANALYSIS.md, "Lab measures").
*/
#ifndef RL_MEASURES_LAB_H
#define RL_MEASURES_LAB_H

#include <stdbool.h>

#include "relapselab/measures.h"
#include "relapselab/results.h"

/* Fill lab[0..RL_N_LAB-1] for session s: the rates from its counts and duration (NaN when
** operant is false -- a place-preference phase -- or the duration is not > 0), the rest
** from its events when use_events and s->events is not NULL, else NaN. */
void rl_lab_session(const rl_session_result_t *s, bool operant, bool use_events, double *lab);

#endif
