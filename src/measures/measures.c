/* measures.c -- the lab's standard measures of a loaded dataset (see measures.h).
**
** Design. Sessions come sorted by subject and day, so each subject is one contiguous run
** of sessions. Each subject's sessions are converted to session records (results.h:
** counts, the place-test times from the compartment entries, and the events when they were
** loaded) and measured by rl_measures_subject() (measures_subject.c) -- the same code that
** measures simulated mice in `relapselab run` and `validate`. Group rows are rl_mean_sem()
** over subjects of the values that apply (NaN = not applicable is skipped).
*/
#include "relapselab/measures.h"
#include "core/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Conversion buffers reused across subjects (grown as needed). */
typedef struct conv {
    rl_session_result_t *s;     /* the subject's sessions as records */
    rl_event_t *ev;             /* their events, one after the other */
    size_t cap, cap_ev;
    double *x;                  /* values, for group means */
    size_t cap_x;
} conv_t;

static int
reserve(void **p, size_t *cap, size_t n, size_t sz)
{
    if (n > *cap) {
        void *q = rl_realloc(*p, n * sz);
        if (q == NULL) {
            return RL_ERR_NOMEM;
        }
        *p = q;
        *cap = n;
    }
    return 0;
}

/* Seconds in each compartment of a place session, from its entry events to its end. */
static void
place_times(const rl_ds_session_t *s, double *place_s)
{
    int side = -1;
    double since = 0.0;
    size_t i;
    if (!s->events_loaded) {
        return;
    }
    for (i = 0; i < s->n_loaded_events; i++) {
        const rl_ds_event_t *e = &s->events[i];
        int next = e->kind == RL_EV_ENTER_PAIRED ? 0 : e->kind == RL_EV_ENTER_UNPAIRED ? 1 : -1;
        if (next < 0) {
            continue;
        }
        if (side >= 0) {
            place_s[side] += e->t_s - since;
        }
        side = next;
        since = e->t_s;
    }
    if (side >= 0) {
        place_s[side] += fmax(0.0, s->duration_min * 60.0 - since);
    }
}

/* ds->sessions[a..b) as session records in c->s (events in c->ev when loaded). */
static int
convert(const rl_ds_session_t *ds_s, size_t n, conv_t *c)
{
    size_t i, j, n_ev = 0, at = 0;
    for (i = 0; i < n; i++) {
        n_ev += ds_s[i].events_loaded ? ds_s[i].n_loaded_events : 0;
    }
    if (reserve((void **) &c->s, &c->cap, n + 1, sizeof *c->s) != 0
        || reserve((void **) &c->ev, &c->cap_ev, n_ev + 1, sizeof *c->ev) != 0) {
        return RL_ERR_NOMEM;
    }
    for (i = 0; i < n; i++) {
        const rl_ds_session_t *s = &ds_s[i];
        rl_session_result_t *r = &c->s[i];
        memset(r, 0, sizeof *r);
        r->subject_id = s->subject_id;
        r->phase = s->phase_index;
        r->session_in_phase = s->session_in_phase;
        r->day = s->day;
        r->active = s->active;
        r->inactive = s->inactive;
        r->active_timeout = s->active_timeout;
        r->reinforcers = s->reinforcers;
        r->duration_min = s->duration_min;
        r->breakpoint = s->breakpoint >= 0 ? (int) s->breakpoint : -1;
        r->brain = s->brain;
        place_times(s, r->place_s);
        if (s->events_loaded) {
            r->events = &c->ev[at];
            r->n_events = s->n_loaded_events;
            for (j = 0; j < s->n_loaded_events; j++, at++) {
                c->ev[at].t_s = s->events[j].t_s;
                c->ev[at].kind = s->events[j].kind;
                c->ev[at].in_timeout = s->events[j].in_timeout;
            }
        }
    }
    return 0;
}

/* Append the subject x phase rows of the subject whose sessions are ds->sessions[a..b). */
static int
add_subject(const rl_dataset_t *ds, rl_measures_t *m, size_t *cap, size_t a, size_t b,
    conv_t *c, rl_measures_work_t *w, rl_error_t *err)
{
    const rl_ds_session_t *first = &ds->sessions[a];
    const rl_procedure_t *proc = &ds->procedures[ds->groups[first->group_id].procedure_id];
    int n_rows, ret;

    if (convert(&ds->sessions[a], b - a, c) != 0
        || reserve((void **) &m->subject_phases, cap,
               m->n_subject_phases + (size_t) proc->n_phases + 1,
               sizeof *m->subject_phases) != 0) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    ret = rl_measures_subject(proc, c->s, b - a, first->subject, first->group_id, 0, w,
        &m->sessions[a], &m->subject_phases[m->n_subject_phases], &n_rows, err);
    m->n_subject_phases += (size_t) n_rows;
    return ret;
}

/* Group x phase rows: mean +/- SEM over subjects of each measure that applies. */
static int
add_groups(const rl_dataset_t *ds, rl_measures_t *m, conv_t *c)
{
    size_t total = 0, i;
    int g, ph, k;

    for (g = 0; g < ds->n_groups; g++) {
        total += (size_t) ds->procedures[ds->groups[g].procedure_id].n_phases;
    }
    if ((m->group_phases = rl_calloc(total + 1, sizeof *m->group_phases)) == NULL
        || reserve((void **) &c->x, &c->cap_x, m->n_subject_phases + 1, sizeof *c->x) != 0) {
        return RL_ERR_NOMEM;
    }
    for (g = 0; g < ds->n_groups; g++) {
        const rl_procedure_t *proc = &ds->procedures[ds->groups[g].procedure_id];
        for (ph = 0; ph < proc->n_phases; ph++) {
            rl_group_phase_t *gp = &m->group_phases[m->n_group_phases++];
            gp->group = g;
            gp->phase_index = ph;
            for (i = 0; i < m->n_subject_phases; i++) {
                gp->n += m->subject_phases[i].group == g && m->subject_phases[i].phase_index == ph;
            }
            for (k = 0; k < RL_M_COUNT; k++) {
                int nx = 0;
                for (i = 0; i < m->n_subject_phases; i++) {
                    const rl_subject_phase_t *sp = &m->subject_phases[i];
                    if (sp->group == g && sp->phase_index == ph && !isnan(sp->v[k])) {
                        c->x[nx++] = sp->v[k];
                    }
                }
                gp->m[k] = rl_mean_sem(c->x, nx);
            }
        }
    }
    return 0;
}

int
rl_measures_compute(const rl_dataset_t *ds, rl_measures_t **out, rl_error_t *err)
{
    rl_measures_t *m = rl_calloc(1, sizeof *m);
    rl_measures_work_t *w = rl_measures_work_new();
    conv_t c;
    size_t a, b, cap = 0;
    int ret = 0;

    *out = NULL;
    memset(&c, 0, sizeof c);
    if (m == NULL || w == NULL
        || (m->sessions = rl_calloc(ds->n_sessions + 1, sizeof *m->sessions)) == NULL) {
        ret = RL_ERR_NOMEM;
        goto out;
    }
    m->n_sessions = ds->n_sessions;
    for (a = 0; a < ds->n_sessions && ret == 0; a = b) {
        for (b = a + 1; b < ds->n_sessions
             && ds->sessions[b].subject_id == ds->sessions[a].subject_id; b++) {
        }
        ret = add_subject(ds, m, &cap, a, b, &c, w, err);
    }
    if (ret == 0) {
        ret = add_groups(ds, m, &c);
    }
out:
    free(c.s);
    free(c.ev);
    free(c.x);
    rl_measures_work_free(w);
    if (ret != 0) {
        rl_measures_free(m);
        return rl_error_set(err, ret, ds->path, 0, 0, "computing the measures: %s",
            rl_strerror(ret));
    }
    *out = m;
    return 0;
}

void
rl_measures_free(rl_measures_t *m)
{
    size_t i;
    if (m == NULL) {
        return;
    }
    for (i = 0; m->sessions != NULL && i < m->n_sessions; i++) {
        rl_session_measures_clear(&m->sessions[i]);
    }
    free(m->sessions);
    free(m->subject_phases);
    free(m->group_phases);
    free(m);
}
