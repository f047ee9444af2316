/* protocol_limits.c -- the table of the protocol format's limits (protocol_limits.h) as data,
** for `relapselab limits` and the generated table of docs/PROTOCOL.md.
*/
#include "relapselab/protocol_limits.h"

#define RL_LIMIT_ROW_(id, value, bound, unit, what) {#id, value, bound, unit, what},
static const rl_protocol_limit_t limits[] = {RL_PROTOCOL_LIMITS(RL_LIMIT_ROW_)};
#undef RL_LIMIT_ROW_

size_t
rl_protocol_limit_count(void)
{
    return sizeof limits / sizeof limits[0];
}

const rl_protocol_limit_t *
rl_protocol_limit_get(size_t i)
{
    return i < rl_protocol_limit_count() ? &limits[i] : NULL;
}
