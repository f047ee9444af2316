/* measures.c -- the lab's standard measures from a loaded dataset (see measures.h).
**
** Design. Sessions come sorted by subject and day, so each subject is one contiguous run
** of sessions. For each subject the sessions are converted to rl_session_result_t records
** (counts only, no events) so that the lab's own code applies unchanged: the criteria of
** criteria.h are evaluated after each session of a phase on the phase's sessions so far
** (the extinction reference taken from the reference phase's sessions, exactly as the
** simulator does in cohort/subject.c), and rl_phase_measures() of summary.c gives the
** per-phase means that `relapselab run` prints. Event measures (intervals, bins) are
** computed per session from its events. Group rows are rl_mean_sem() over subjects of the
** values that apply (NaN = not applicable is skipped).
*/
#include "relapselab/measures.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/criteria.h"

#define RL_M_NAME_(id, name, label) name,
#define RL_M_LABEL_(id, name, label) label,
static const char *const measure_names[] = {RL_MEASURES(RL_M_NAME_)};
static const char *const measure_labels[] = {RL_MEASURES(RL_M_LABEL_)};
#undef RL_M_NAME_
#undef RL_M_LABEL_

const char *
rl_measure_name(int m)
{
    return m >= 0 && m < RL_M_COUNT ? measure_names[m] : "unknown";
}

const char *
rl_measure_label(int m)
{
    return m >= 0 && m < RL_M_COUNT ? measure_labels[m] : "unknown";
}

/* Scratch arrays reused across subjects (grown as needed). */
typedef struct work {
    rl_session_result_t *conv;  /* the subject's sessions as result records */
    rl_session_result_t *ps;    /* the sessions of one phase */
    rl_session_result_t *rs;    /* the sessions of the reference phase */
    size_t *pi;                 /* ps[k] is conv[pi[k]] */
    double *x;                  /* values, for means and medians */
    size_t cap, cap_x;
} work_t;

static int
work_reserve(work_t *w, size_t n)
{
    if (n > w->cap) {
        void *a = realloc(w->conv, n * sizeof *w->conv), *b, *c, *d;
        if (a != NULL) {
            w->conv = a;
        }
        b = realloc(w->ps, n * sizeof *w->ps);
        if (b != NULL) {
            w->ps = b;
        }
        c = realloc(w->rs, n * sizeof *w->rs);
        if (c != NULL) {
            w->rs = c;
        }
        d = realloc(w->pi, n * sizeof *w->pi);
        if (d != NULL) {
            w->pi = d;
        }
        if (a == NULL || b == NULL || c == NULL || d == NULL) {
            return RL_ERR_NOMEM;
        }
        w->cap = n;
    }
    return 0;
}

static int
work_reserve_x(work_t *w, size_t n)
{
    if (n > w->cap_x) {
        double *x = realloc(w->x, n * sizeof *x);
        if (x == NULL) {
            return RL_ERR_NOMEM;
        }
        w->x = x;
        w->cap_x = n;
    }
    return 0;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

/* Median of x[0..n-1] (sorts x); NaN if n == 0. */
static double
median(double *x, size_t n)
{
    if (n == 0) {
        return NAN;
    }
    qsort(x, n, sizeof *x, cmp_double);
    return n % 2 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
}

/* Mean of the values of x[0..n-1] that are not NaN; NaN if there are none. */
static double
mean_defined(const double *x, size_t n)
{
    double sum = 0.0;
    size_t i, k = 0;
    for (i = 0; i < n; i++) {
        if (!isnan(x[i])) {
            sum += x[i];
            k++;
        }
    }
    return k > 0 ? sum / (double) k : NAN;
}

/* Bins per session at most (a guard against absurd times in imported files). */
#define MAX_BINS 10000

/* The bin of a response at t_s: [k * RL_BIN_S, (k + 1) * RL_BIN_S), clamped to
** 0..MAX_BINS - 1. */
static int
bin_of(double t_s)
{
    double k = floor(t_s / RL_BIN_S);
    return k > 0.0 ? (k < MAX_BINS ? (int) k : MAX_BINS - 1) : 0;
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

/* Intervals and bins of one session from its events. */
static int
session_events(const rl_ds_session_t *s, rl_session_measures_t *out, work_t *w)
{
    double prev = 0.0, sum = 0.0;
    size_t i, ni = 0;
    int n_bins;

    out->iri_median_s = out->iri_mean_s = out->first_bin_active = out->place_score_s = NAN;
    if (!s->events_loaded) {
        return 0;
    }
    if (rl_phase_kind_find(s->phase_kind) == RL_PHASE_PLACE_TEST) {
        double t[2] = {0.0, 0.0};
        place_times(s, t);
        out->place_score_s = t[0] - t[1];
    }
    n_bins = s->duration_min > 0.0 && s->duration_min < MAX_BINS * RL_BIN_S / 60.0
        ? (int) ceil(s->duration_min * 60.0 / RL_BIN_S) : 1;
    for (i = 0; i < s->n_loaded_events; i++) {
        const rl_ds_event_t *e = &s->events[i];
        if (e->kind == RL_EV_POKE_ACTIVE && e->t_s / RL_BIN_S >= n_bins) {
            n_bins = bin_of(e->t_s) + 1; /* a response after the recorded end */
        }
    }
    out->n_bins = n_bins > 1 ? n_bins : 1;
    if ((out->bins = calloc((size_t) out->n_bins, sizeof *out->bins)) == NULL
        || work_reserve_x(w, s->n_loaded_events + 1) != 0) {
        return RL_ERR_NOMEM;
    }
    for (i = 0; i < s->n_loaded_events; i++) {
        const rl_ds_event_t *e = &s->events[i];
        if (e->kind == RL_EV_POKE_ACTIVE) {
            out->bins[bin_of(e->t_s)]++;
        } else if (e->kind == RL_EV_INFUSION_START || e->kind == RL_EV_PELLET) {
            if (out->deliveries > 0) {
                w->x[ni++] = e->t_s - prev;
                sum += e->t_s - prev;
            }
            prev = e->t_s;
            out->deliveries++;
        }
    }
    out->first_bin_active = (double) out->bins[0];
    if (ni > 0) {
        out->iri_mean_s = sum / (double) ni;
        out->iri_median_s = median(w->x, ni);
    }
    return 0;
}

/* The sessions of phase ph among conv[0..n-1] into dst (and their positions into pi). */
static size_t
gather(const rl_session_result_t *conv, size_t n, int ph, rl_session_result_t *dst, size_t *pi)
{
    size_t i, k = 0;
    for (i = 0; i < n; i++) {
        if (conv[i].phase == ph) {
            dst[k] = conv[i];
            if (pi != NULL) {
                pi[k] = i;
            }
            k++;
        }
    }
    return k;
}

/* Evaluate the phase's criterion after each of its np sessions (ps), store it in conv and
** in the session measures sm (indexed like conv); fill the PR breakpoints likewise. */
static void
phase_sessions(const rl_procedure_t *proc, int ph, work_t *w, size_t n, size_t np,
    rl_session_measures_t *sm)
{
    const rl_phase_t *phase = &proc->phases[ph];
    const rl_criterion_t *c = &phase->criterion;
    int ref = c->reference_phase_id;
    bool has = c->type == RL_CRITERION_ACQUISITION
        || (c->type == RL_CRITERION_EXTINCTION && ref >= 0 && ref < proc->n_phases);
    double level = 0.0;
    size_t k;

    if (has && c->type == RL_CRITERION_EXTINCTION) {
        size_t nr = gather(w->conv, n, ref, w->rs, NULL);
        level = rl_criterion_reference(&proc->phases[ref].criterion, w->rs, (int) nr);
    }
    for (k = 0; k < np; k++) {
        rl_session_result_t *s = &w->conv[w->pi[k]];
        rl_session_measures_t *m = &sm[w->pi[k]];
        bool met = false;
        if (has) {
            met = c->type == RL_CRITERION_ACQUISITION
                ? rl_criterion_acquisition_met(c, w->ps, (int) k + 1)
                : rl_criterion_extinction_met(c, level, w->ps, (int) k + 1);
        }
        s->criterion_met = met;
        m->criterion_met = has ? (met ? 1.0 : 0.0) : NAN;
        m->breakpoint = NAN;
        if (phase->schedule.type == RL_SCHEDULE_PR) {
            if (s->breakpoint < 0 && phase->schedule.pr_n > 0) {
                int64_t r = s->reinforcers < phase->schedule.pr_n ? s->reinforcers
                                                                  : phase->schedule.pr_n;
                s->breakpoint = r > 0 ? phase->schedule.pr_series[r - 1] : 0;
                m->breakpoint_derived = 1;
            }
            m->breakpoint = s->breakpoint >= 0 ? (double) s->breakpoint : NAN;
        }
    }
}

/* Mean over the phase's sessions (positions w->pi[0..np-1]) of the session measure at
** byte offset field of rl_session_measures_t (a double). */
static double
phase_mean(const rl_session_measures_t *sm, const work_t *w, size_t np, size_t field)
{
    size_t k;
    for (k = 0; k < np; k++) {
        w->x[k] = *(const double *) (const void *) ((const char *) &sm[w->pi[k]] + field);
    }
    return mean_defined(w->x, np);
}

/* One subject in phase ph (np sessions, gathered in w): its subject x phase row. */
static void
subject_phase(const rl_procedure_t *proc, int ph, work_t *w, size_t n, size_t np,
    const rl_session_measures_t *sm, double baseline, rl_subject_phase_t *out)
{
    const rl_phase_t *phase = &proc->phases[ph];
    rl_phase_measures_t pm;
    double *v = out->v;
    size_t k;
    int bp = 0;

    rl_phase_measures(phase, w->conv, (int) n, ph, &pm);
    for (k = 0; k < RL_M_COUNT; k++) {
        v[k] = NAN;
    }
    v[RL_M_SESSIONS] = pm.sessions;
    v[RL_M_ACTIVE] = pm.active;
    v[RL_M_INACTIVE] = pm.inactive;
    v[RL_M_REINFORCERS] = pm.reinforcers;
    v[RL_M_LAST_ACTIVE] = pm.last_active;
    for (k = 0; k < np; k++) {
        w->x[k] = (double) w->ps[k].active_timeout;
        bp += w->conv[w->pi[k]].breakpoint >= 0;
    }
    v[RL_M_ACTIVE_TIMEOUT] = mean_defined(w->x, np);
    v[RL_M_FIRST_BIN_ACTIVE] = phase_mean(sm, w, np, offsetof(rl_session_measures_t,
        first_bin_active));
    v[RL_M_IRI_MEDIAN_S] = phase_mean(sm, w, np, offsetof(rl_session_measures_t, iri_median_s));
    v[RL_M_IRI_MEAN_S] = phase_mean(sm, w, np, offsetof(rl_session_measures_t, iri_mean_s));
    for (k = 0; k < np; k++) {
        w->x[k] = w->ps[k].duration_min;
    }
    v[RL_M_DURATION_MIN] = mean_defined(w->x, np);
    if (!isnan(sm[w->pi[0]].criterion_met)) {
        v[RL_M_CRITERION_MET] = pm.criterion_met ? 1.0 : 0.0;
        v[RL_M_SESSIONS_TO_CRITERION] = pm.criterion_met ? (double) pm.first_met : NAN;
    }
    if (phase->schedule.type == RL_SCHEDULE_PR && bp > 0) {
        v[RL_M_BREAKPOINT] = pm.breakpoint;
    }
    if (phase->kind == RL_PHASE_PLACE_TEST) {
        v[RL_M_PLACE_PAIRED_S] = pm.place_paired_s;
        v[RL_M_PLACE_SCORE_S] = pm.place_score_s;
        v[RL_M_PLACE_LAST_SCORE_S] = pm.place_last_score_s;
    }
    if (RL_PHASE_IS_PLACE(phase->kind)) { /* no operandum: response measures do not apply */
        static const int operant[] = {RL_M_ACTIVE, RL_M_INACTIVE, RL_M_REINFORCERS,
            RL_M_ACTIVE_TIMEOUT, RL_M_FIRST_BIN_ACTIVE, RL_M_LAST_ACTIVE};
        for (k = 0; k < sizeof operant / sizeof operant[0]; k++) {
            v[operant[k]] = NAN;
        }
    }
    if (phase->kind == RL_PHASE_REINSTATEMENT && !isnan(baseline)) {
        v[RL_M_BASELINE_ACTIVE] = baseline;
        v[RL_M_REINSTATEMENT_RATIO] = baseline > 0.0 ? pm.active / baseline : NAN;
    }
}

/* Append the subject x phase rows of the subject whose sessions are ds->sessions[a..b). */
static int
add_subject(const rl_dataset_t *ds, rl_measures_t *m, size_t *cap, size_t a, size_t b,
    work_t *w)
{
    const rl_ds_session_t *first = &ds->sessions[a];
    const rl_procedure_t *proc = &ds->procedures[ds->groups[first->group_id].procedure_id];
    size_t n = b - a, i, np;
    double baseline = NAN;
    int ph;

    if (work_reserve(w, n) != 0 || work_reserve_x(w, n) != 0) {
        return RL_ERR_NOMEM;
    }
    for (i = 0; i < n; i++) {
        const rl_ds_session_t *s = &ds->sessions[a + i];
        rl_session_result_t *r = &w->conv[i];
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
        place_times(s, r->place_s);
    }
    for (ph = 0; ph < proc->n_phases; ph++) {
        rl_subject_phase_t *sp;
        if ((np = gather(w->conv, n, ph, w->ps, w->pi)) == 0) {
            continue;
        }
        phase_sessions(proc, ph, w, n, np, &m->sessions[a]);
        gather(w->conv, n, ph, w->ps, w->pi); /* again: now with criteria and breakpoints */
        if (m->n_subject_phases == *cap) {
            size_t c2 = *cap ? 2 * *cap : 64;
            void *p = realloc(m->subject_phases, c2 * sizeof *m->subject_phases);
            if (p == NULL) {
                return RL_ERR_NOMEM;
            }
            m->subject_phases = p;
            *cap = c2;
        }
        sp = &m->subject_phases[m->n_subject_phases++];
        sp->subject = first->subject;
        sp->group = first->group_id;
        sp->phase_index = ph;
        subject_phase(proc, ph, w, n, np, &m->sessions[a], baseline, sp);
        if (proc->phases[ph].kind == RL_PHASE_EXTINCTION) {
            baseline = sp->v[RL_M_LAST_ACTIVE];
        }
    }
    return 0;
}

/* Group x phase rows: mean +/- SEM over subjects of each measure that applies. */
static int
add_groups(const rl_dataset_t *ds, rl_measures_t *m, work_t *w)
{
    size_t total = 0, i;
    int g, ph, k;

    for (g = 0; g < ds->n_groups; g++) {
        total += (size_t) ds->procedures[ds->groups[g].procedure_id].n_phases;
    }
    if ((m->group_phases = calloc(total + 1, sizeof *m->group_phases)) == NULL
        || work_reserve_x(w, m->n_subject_phases + 1) != 0) {
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
                        w->x[nx++] = sp->v[k];
                    }
                }
                gp->m[k] = rl_mean_sem(w->x, nx);
            }
        }
    }
    return 0;
}

int
rl_measures_compute(const rl_dataset_t *ds, rl_measures_t **out, rl_error_t *err)
{
    rl_measures_t *m = calloc(1, sizeof *m);
    work_t w;
    size_t a, b, cap = 0;
    int ret = 0;

    *out = NULL;
    memset(&w, 0, sizeof w);
    if (m == NULL || (m->sessions = calloc(ds->n_sessions + 1, sizeof *m->sessions)) == NULL) {
        ret = RL_ERR_NOMEM;
        goto out;
    }
    m->n_sessions = ds->n_sessions;
    for (a = 0; a < ds->n_sessions && ret == 0; a++) {
        ret = session_events(&ds->sessions[a], &m->sessions[a], &w);
    }
    for (a = 0; a < ds->n_sessions && ret == 0; a = b) {
        for (b = a + 1; b < ds->n_sessions
             && ds->sessions[b].subject_id == ds->sessions[a].subject_id; b++) {
        }
        ret = add_subject(ds, m, &cap, a, b, &w);
    }
    if (ret == 0) {
        ret = add_groups(ds, m, &w);
    }
out:
    free(w.conv);
    free(w.ps);
    free(w.rs);
    free(w.pi);
    free(w.x);
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
        free(m->sessions[i].bins);
    }
    free(m->sessions);
    free(m->subject_phases);
    free(m->group_phases);
    free(m);
}
