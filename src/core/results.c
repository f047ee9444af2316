/* results.c -- names of event kinds and end reasons; release of session and subject records. */
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

void
rl_subject_result_free(rl_subject_result_t *self)
{
    int i;
    if (self == NULL) {
        return;
    }
    for (i = 0; i < self->n_sessions; i++) {
        rl_session_result_free(&self->sessions[i]);
    }
    free(self->sessions);
    self->sessions = NULL;
    self->n_sessions = self->cap = 0;
}
