/* medpc_choose.h -- which of the import's profiles decodes a session (internal to
** src/medpc; the rule is in docs/MEDPC.md, "Choosing a profile").
*/
#ifndef RL_MEDPC_CHOOSE_H
#define RL_MEDPC_CHOOSE_H

#include "relapselab/medpc_decode.h"
#include "relapselab/medpc_import.h"

/* Decode session ms (program msn, read from path) with the profile chosen among
** opt->profiles: the candidates are those whose programs, files and match: rules all hold;
** the only candidate; else those whose checks ran and all agree with the program's
** counters (if none: those whose decoding did not fail; if none: all) -- the first of them
** when they all decode the session to the same events and phase, else none (ambiguous).
** *profile is the index chosen, -1 when no profile is a candidate or the choice is
** ambiguous: then out holds only an error issue naming the profiles (ambiguous) or nothing
** (no candidate: the caller reports it). out is always initialised (free it with
** rl_medpc_decoded_free). A note says when a later candidate was preferred to the first
** for its agreement with the counters. 0, or RL_ERR_NOMEM. */
int rl_medpc_choose(const rl_import_options_t *opt, const rl_medpc_session_t *ms,
    const char *msn, const char *path, rl_medpc_decoded_t *out, int *profile,
    rl_error_t *err);

#endif
