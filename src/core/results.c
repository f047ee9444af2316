/* results.c -- names of event kinds and end reasons; release of session records. */
#include "relapselab/results.h"

#include <stdlib.h>

#define RL_NAME_(id, name) name,
static const char *const event_names[] = {RL_EVENT_KINDS(RL_NAME_)};
static const char *const end_names[] = {RL_END_REASONS(RL_NAME_)};
static const char *const region_names[] = {RL_REGIONS(RL_NAME_)};
#undef RL_NAME_

const char *
rl_event_kind_name(int kind)
{
    return (kind >= 0 && kind < RL_EV_COUNT) ? event_names[kind] : "unknown";
}

const char *
rl_end_reason_name(int reason)
{
    return (reason >= 0 && reason < RL_END_COUNT) ? end_names[reason] : "unknown";
}

const char *
rl_region_name(int region)
{
    return (region >= 0 && region < RL_N_REGIONS) ? region_names[region] : "unknown";
}

void
rl_session_result_free(rl_session_result_t *r)
{
    if (r != NULL) {
        free(r->events);
        r->events = NULL;
        r->n_events = 0;
    }
}
