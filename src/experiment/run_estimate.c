/* run_estimate.c -- what a run will cost, before it starts (see run.h for the constants and
** their basis). Sessions are summed at their maximum over the protocol's groups: a group's
** procedure is one mouse's life, times the group's mice.
*/
#include "relapselab/run.h"

#include <string.h>

#include "pool.h"

void
rl_run_estimate(const rl_protocol_t *protocol, int threads, rl_run_estimate_t *out)
{
    int g, ph, held, mice = rl_protocol_n_subjects(protocol);

    memset(out, 0, sizeof *out);
    threads = threads > 0 ? threads : 1;
    for (g = 0; g < protocol->n_groups; g++) {
        const rl_group_t *grp = &protocol->groups[g];
        const rl_procedure_t *proc = &protocol->procedures[grp->procedure];
        double hours = 0.0; /* one mouse of the group */
        for (ph = 0; ph < proc->n_phases; ph++) {
            const rl_phase_t *phase = &proc->phases[ph];
            int n = phase->until_criterion ? phase->max_sessions : phase->sessions;
            hours += (double) n * phase->session_min / 60.0;
        }
        out->session_hours += hours * grp->n;
        if (hours * RL_EST_EVENTS_PER_HOUR > out->mouse_events) {
            out->mouse_events = hours * RL_EST_EVENTS_PER_HOUR;
        }
    }
    out->events = out->session_hours * RL_EST_EVENTS_PER_HOUR;
    out->db_bytes = out->events * RL_EST_DB_BYTES_PER_EVENT;
    out->wall_s = out->events * (RL_EST_S_PER_EVENT_SIM / threads + RL_EST_S_PER_EVENT_WRITE);
    held = RL_POOL_WINDOW_PER_THREAD * threads;
    out->mem_bytes = out->mouse_events * RL_EST_MEM_BYTES_PER_EVENT * (mice < held ? mice : held);
}
