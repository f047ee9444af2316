/* criteria.h -- (internal) the lab's advancement criteria, evaluated on per-session measures.
**
** Plain functions over arrays of session results of one mouse in one phase (oldest first),
** so they can be tested and reused on imported lab data. Definitions (BRIEF section 4):
**  - acquisition: over `consecutive` sessions, each with >= min_reinforcers and an active
**    fraction active/(active + inactive) >= min_active_fraction, and every session's
**    reinforcers within max_deviation x the window mean of the window mean;
**  - extinction: active pokes < max_fraction_of_reference x reference on `consecutive`
**    consecutive sessions, the reference being the mean active pokes of the sessions in
**    which the acquisition criterion was (last) met.
*/
#ifndef RL_MEASURES_CRITERIA_H
#define RL_MEASURES_CRITERIA_H

#include <stdbool.h>

#include "relapselab/protocol.h"
#include "relapselab/results.h"

/* Does the acquisition criterion hold for the window ending at s[n-1]? False if n is
** shorter than the window. */
bool rl_criterion_acquisition_met(const rl_criterion_t *c, const rl_session_result_t *s, int n);

/* The extinction reference level: mean active pokes over the last window of s[0..n-1] in
** which the acquisition criterion c held, or over the last c->consecutive sessions if it
** never held (or all sessions if fewer). 0 if n == 0. */
double rl_criterion_reference(const rl_criterion_t *c, const rl_session_result_t *s, int n);

/* Does the extinction criterion hold for the window ending at s[n-1], given reference? */
bool rl_criterion_extinction_met(const rl_criterion_t *c, double reference,
    const rl_session_result_t *s, int n);

#endif
