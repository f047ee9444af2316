/* measures_subject.c -- the measures of one subject from its session records (measures.h).
**
** Design. The subject's sessions are copied (shallow: events are borrowed) so that the
** criterion of each session's phase can be evaluated after each session on the phase's
** sessions so far (criteria.h; the extinction reference from the reference phase's
** sessions, exactly as the simulator does in cohort/subject.c) and missing PR breakpoints
** derived, without touching the caller's records. Phases are then reduced in procedure
** order to subject x phase rows: means over the phase's sessions, means over its last N
** sessions (N = the criterion's window, 3 without one), criterion met and when, and for a
** reinstatement test the baseline of the latest extinction phase before it. Event measures
** (intervals between earned deliveries, active responses per bin) come from a session's
** events; the lab measures (rates, latencies, head entries, measures_lab.c) are averaged
** over the phase's sessions like the others.
** This file is the one definition of every measure; measures.c feeds it from a database.
*/
#include "relapselab/measures.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_statistics_double.h>

#include "measures/criteria.h"
#include "measures/measures_lab.h"
#include "core/alloc.h"

#define RL_M_NAME_(id, name, label) name,
#define RL_M_LABEL_(id, name, label) label,
static const char *const measure_names[] = {RL_MEASURES(RL_M_NAME_)};
static const char *const measure_labels[] = {RL_MEASURES(RL_M_LABEL_)};
#undef RL_M_NAME_
#undef RL_M_LABEL_

/* Bins per session at most (a guard against absurd times in imported files). */
#define MAX_BINS 10000

struct rl_measures_work {
    rl_session_result_t *conv;  /* the subject's sessions (copies) */
    rl_session_result_t *ps;    /* the sessions of one phase */
    rl_session_result_t *rs;    /* the sessions of the reference phase */
    size_t *pi;                 /* ps[k] is conv[pi[k]] */
    rl_session_measures_t *sm;  /* per-session measures when the caller wants none */
    double *x;                  /* values, for means and medians */
    size_t cap, cap_x;
};

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

rl_mean_sem_t
rl_mean_sem(const double *x, int n)
{
    rl_mean_sem_t r = {0.0, 0.0, n};
    if (n <= 0) {
        return r;
    }
    r.mean = gsl_stats_mean(x, 1, (size_t) n);
    if (n > 1) {
        r.sem = gsl_stats_sd_m(x, 1, (size_t) n, r.mean) / sqrt((double) n);
    }
    return r;
}

rl_measures_work_t *
rl_measures_work_new(void)
{
    return rl_calloc(1, sizeof(rl_measures_work_t));
}

void
rl_measures_work_free(rl_measures_work_t *w)
{
    if (w == NULL) {
        return;
    }
    free(w->conv);
    free(w->ps);
    free(w->rs);
    free(w->pi);
    free(w->sm);
    free(w->x);
    free(w);
}

void
rl_session_measures_clear(rl_session_measures_t *sm)
{
    if (sm != NULL) {
        free(sm->bins);
        sm->bins = NULL;
        sm->n_bins = 0;
    }
}

/* Grow one array of w to n elements of size sz; 0 or RL_ERR_NOMEM (then unchanged). */
static int
grow(void **p, size_t n, size_t sz)
{
    void *q = rl_realloc(*p, n * sz);
    if (q == NULL) {
        return RL_ERR_NOMEM;
    }
    *p = q;
    return 0;
}

static int
work_reserve(rl_measures_work_t *w, size_t n)
{
    if (n > w->cap) {
        if (grow((void **) &w->conv, n, sizeof *w->conv) != 0
            || grow((void **) &w->ps, n, sizeof *w->ps) != 0
            || grow((void **) &w->rs, n, sizeof *w->rs) != 0
            || grow((void **) &w->pi, n, sizeof *w->pi) != 0
            || grow((void **) &w->sm, n, sizeof *w->sm) != 0) {
            return RL_ERR_NOMEM;
        }
        w->cap = n;
    }
    return 0;
}

static int
work_reserve_x(rl_measures_work_t *w, size_t n)
{
    if (n > w->cap_x) {
        if (grow((void **) &w->x, n, sizeof *w->x) != 0) {
            return RL_ERR_NOMEM;
        }
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

/* The bin of a response at t_s: [k * RL_BIN_S, (k + 1) * RL_BIN_S), clamped to
** 0..MAX_BINS - 1. */
static int
bin_of(double t_s)
{
    double k = floor(t_s / RL_BIN_S);
    return k > 0.0 ? (k < MAX_BINS ? (int) k : MAX_BINS - 1) : 0;
}

/* Maintenance inter-infusion intervals of session s (which has events): the intervals
** between successive infusion_start events whose first infusion comes at or after the end
** of the loading phase, RL_LOADING_S (docs/ANALYSIS.md, "The loading rule"). */
static void
maintenance_intervals(const rl_session_result_t *s, rl_session_measures_t *out)
{
    double prev = -1.0, sum = 0.0;
    size_t i;
    int n = 0;
    for (i = 0; i < s->n_events; i++) {
        const rl_event_t *e = &s->events[i];
        if (e->kind != RL_EV_INFUSION_START) {
            continue;
        }
        if (prev >= RL_LOADING_S) {
            sum += e->t_s - prev;
            n++;
        }
        prev = e->t_s;
    }
    out->iii_maint_n = n;
    out->iii_maint_mean_s = n > 0 ? sum / n : NAN;
}

/* Intervals between deliveries and active responses per bin of session s (which has
** events). Fills out's event measures. */
static int
session_events(const rl_session_result_t *s, rl_session_measures_t *out, rl_measures_work_t *w)
{
    double prev = 0.0, sum = 0.0;
    size_t i, ni = 0;
    int64_t earned = 0;
    int n_bins;

    n_bins = s->duration_min > 0.0 && s->duration_min < MAX_BINS * RL_BIN_S / 60.0
        ? (int) ceil(s->duration_min * 60.0 / RL_BIN_S) : 1;
    for (i = 0; i < s->n_events; i++) {
        const rl_event_t *e = &s->events[i];
        if (e->kind == RL_EV_POKE_ACTIVE && e->t_s / RL_BIN_S >= n_bins) {
            n_bins = bin_of(e->t_s) + 1; /* a response after the recorded end */
        }
    }
    out->n_bins = n_bins > 1 ? n_bins : 1;
    if ((out->bins = rl_calloc((size_t) out->n_bins, sizeof *out->bins)) == NULL
        || work_reserve_x(w, s->n_events + 1) != 0) {
        return RL_ERR_NOMEM;
    }
    for (i = 0; i < s->n_events; i++) {
        const rl_event_t *e = &s->events[i];
        if (e->kind == RL_EV_POKE_ACTIVE) {
            out->bins[bin_of(e->t_s)]++;
        } else if (e->kind == RL_EV_INFUSION_START || e->kind == RL_EV_PELLET
            || e->kind == RL_EV_LIQUID) {
            out->deliveries++;
            if (e->in_timeout) {    /* non-contingent: delivered, not earned */
                continue;
            }
            if (earned++ > 0) {
                w->x[ni++] = e->t_s - prev;
                sum += e->t_s - prev;
            }
            prev = e->t_s;
        }
    }
    out->first_bin_active = (double) out->bins[0];
    maintenance_intervals(s, out);
    if (ni > 0) {
        out->iri_mean_s = sum / (double) ni;
        out->iri_median_s = median(w->x, ni);
    }
    return 0;
}

/* The per-session record of s (phase kind from proc) without criterion and breakpoint. */
static int
session_record(const rl_procedure_t *proc, const rl_session_result_t *s, int flags,
    rl_session_measures_t *out, rl_measures_work_t *w)
{
    const rl_brain_readout_t *b = &s->brain;
    memset(out, 0, sizeof *out);
    out->iri_median_s = out->iri_mean_s = out->first_bin_active = out->place_score_s = NAN;
    out->criterion_met = out->breakpoint = out->iii_maint_mean_s = NAN;
    out->brain = *b;
    out->da_mean_pct = b->da_pre_nM > 0.0 ? 100.0 * b->da_mean_nM / b->da_pre_nM : NAN;
    out->da_peak_pct = b->da_pre_nM > 0.0 ? 100.0 * b->da_peak_nM / b->da_pre_nM : NAN;
    rl_lab_session(s, !(s->phase >= 0 && s->phase < proc->n_phases
        && RL_PHASE_IS_PLACE(proc->phases[s->phase].kind)),
        !(flags & RL_MEASURES_COUNTS_ONLY), out->lab);
    if (s->events == NULL || (flags & RL_MEASURES_COUNTS_ONLY)) {
        return 0;
    }
    if (s->phase >= 0 && s->phase < proc->n_phases
        && proc->phases[s->phase].kind == RL_PHASE_PLACE_TEST) {
        out->place_score_s = s->place_s[0] - s->place_s[1];
    }
    return session_events(s, out, w);
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

/* Evaluate the phase's criterion after each of its np sessions (w->ps), store it in conv
** and in the session measures sm (indexed like conv); fill the PR breakpoints likewise. */
static void
phase_sessions(const rl_procedure_t *proc, int ph, rl_measures_work_t *w, size_t n, size_t np,
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
phase_mean(const rl_session_measures_t *sm, const rl_measures_work_t *w, size_t np,
    size_t field)
{
    size_t k;
    for (k = 0; k < np; k++) {
        w->x[k] = *(const double *) (const void *) ((const char *) &sm[w->pi[k]] + field);
    }
    return mean_defined(w->x, np);
}

/* The count measures of the np sessions of phase ps[0..np-1] (criteria evaluated): means
** over the phase, over its last N sessions, the first session meeting the criterion, the
** breakpoint and the place-test times. */
static void
count_means(const rl_phase_t *phase, const rl_session_result_t *ps, size_t np, double *v)
{
    size_t last_k = phase->criterion.consecutive > 0 ? (size_t) phase->criterion.consecutive
                                                     : 3;
    double active = 0.0, inactive = 0.0, reinforcers = 0.0, bp = 0.0;
    double last_a = 0.0, last_r = 0.0, paired = 0.0, score = 0.0;
    int bp_n = 0, last_n = 0, first_met = 0;
    size_t k;

    for (k = 0; k < np; k++) {
        const rl_session_result_t *s = &ps[k];
        active += (double) s->active;
        inactive += (double) s->inactive;
        reinforcers += (double) s->reinforcers;
        paired += s->place_s[0];
        score += s->place_s[0] - s->place_s[1];
        if (s->criterion_met && first_met == 0) {
            first_met = (int) k + 1;
        }
        if (s->breakpoint >= 0) {
            bp += s->breakpoint;
            bp_n++;
        }
        if (k + last_k >= np) {
            last_a += (double) s->active;
            last_r += (double) s->reinforcers;
            last_n++;
        }
    }
    v[RL_M_SESSIONS] = (double) np;
    v[RL_M_ACTIVE] = active / (double) np;
    v[RL_M_INACTIVE] = inactive / (double) np;
    v[RL_M_REINFORCERS] = reinforcers / (double) np;
    v[RL_M_LAST_ACTIVE] = last_n > 0 ? last_a / last_n : 0.0;
    v[RL_M_LAST_REINFORCERS] = last_n > 0 ? last_r / last_n : 0.0;
    v[RL_M_CRITERION_MET] = first_met > 0 ? 1.0 : 0.0;
    v[RL_M_SESSIONS_TO_CRITERION] = first_met > 0 ? (double) first_met : NAN;
    v[RL_M_BREAKPOINT] = bp_n > 0 ? bp / bp_n : NAN;
    if (phase->kind == RL_PHASE_PLACE_TEST) {
        v[RL_M_PLACE_PAIRED_S] = paired / (double) np;
        v[RL_M_PLACE_SCORE_S] = score / (double) np;
        v[RL_M_PLACE_LAST_SCORE_S] = ps[np - 1].place_s[0] - ps[np - 1].place_s[1];
    }
}

int
rl_measure_from_events(int m)
{
    /* the measures of rl_session_measures_t that session_events() fills */
    return m == RL_M_FIRST_BIN_ACTIVE || m == RL_M_IRI_MEDIAN_S || m == RL_M_IRI_MEAN_S
        || m == RL_M_III_MAINT_MEAN_S
        || (m >= RL_M_LAB_FIRST && m < RL_M_COUNT && m != RL_M_ACTIVE_PER_H
            && m != RL_M_INACTIVE_PER_H);  /* the lab measures (measures_lab.c) but rates */
}

/* The DA and cocaine readouts and the maintenance intervals of a subject x phase row: means
** over the phase's sessions where they apply. */
static void
brain_means(const rl_session_measures_t *sm, const rl_measures_work_t *w, size_t np, double *v)
{
    static const struct {
        int m;
        size_t field;
    } f[] = {
        {RL_M_III_MAINT_MEAN_S, offsetof(rl_session_measures_t, iii_maint_mean_s)},
        {RL_M_DA_PRE_NM, offsetof(rl_session_measures_t, brain.da_pre_nM)},
        {RL_M_DA_MEAN_NM, offsetof(rl_session_measures_t, brain.da_mean_nM)},
        {RL_M_DA_PEAK_NM, offsetof(rl_session_measures_t, brain.da_peak_nM)},
        {RL_M_DA_MEAN_PCT, offsetof(rl_session_measures_t, da_mean_pct)},
        {RL_M_DA_PEAK_PCT, offsetof(rl_session_measures_t, da_peak_pct)},
        {RL_M_COCAINE_MEAN_UM, offsetof(rl_session_measures_t, brain.cocaine_mean_uM)},
        {RL_M_COCAINE_PEAK_UM, offsetof(rl_session_measures_t, brain.cocaine_peak_uM)},
    };
    size_t k;
    for (k = 0; k < sizeof f / sizeof f[0]; k++) {
        v[f[k].m] = phase_mean(sm, w, np, f[k].field);
    }
}

/* One subject in phase ph (np sessions, gathered in w): its subject x phase row. */
static void
subject_phase(const rl_procedure_t *proc, int ph, rl_measures_work_t *w, size_t np,
    const rl_session_measures_t *sm, double baseline, rl_subject_phase_t *out)
{
    const rl_phase_t *phase = &proc->phases[ph];
    double *v = out->v;
    size_t k;

    for (k = 0; k < RL_M_COUNT; k++) {
        v[k] = NAN;
    }
    count_means(phase, w->ps, np, v);
    for (k = 0; k < np; k++) {
        w->x[k] = (double) w->ps[k].active_timeout;
    }
    v[RL_M_ACTIVE_TIMEOUT] = mean_defined(w->x, np);
    v[RL_M_FIRST_BIN_ACTIVE] = phase_mean(sm, w, np, offsetof(rl_session_measures_t,
        first_bin_active));
    v[RL_M_IRI_MEDIAN_S] = phase_mean(sm, w, np, offsetof(rl_session_measures_t, iri_median_s));
    v[RL_M_IRI_MEAN_S] = phase_mean(sm, w, np, offsetof(rl_session_measures_t, iri_mean_s));
    brain_means(sm, w, np, v);
    for (k = RL_M_LAB_FIRST; k < RL_M_COUNT; k++) {
        v[k] = phase_mean(sm, w, np, offsetof(rl_session_measures_t, lab)
            + (k - RL_M_LAB_FIRST) * sizeof(double));
    }
    for (k = 0; k < np; k++) {
        w->x[k] = w->ps[k].duration_min;
    }
    v[RL_M_DURATION_MIN] = mean_defined(w->x, np);
    if (isnan(sm[w->pi[0]].criterion_met)) { /* the phase has no criterion */
        v[RL_M_CRITERION_MET] = v[RL_M_SESSIONS_TO_CRITERION] = NAN;
    }
    if (phase->schedule.type != RL_SCHEDULE_PR) {
        v[RL_M_BREAKPOINT] = NAN;
    }
    if (RL_PHASE_IS_PLACE(phase->kind)) { /* no operandum: response measures do not apply */
        static const int operant[] = {RL_M_ACTIVE, RL_M_INACTIVE, RL_M_REINFORCERS,
            RL_M_ACTIVE_TIMEOUT, RL_M_FIRST_BIN_ACTIVE, RL_M_LAST_ACTIVE,
            RL_M_LAST_REINFORCERS};
        for (k = 0; k < sizeof operant / sizeof operant[0]; k++) {
            v[operant[k]] = NAN;
        }
    }
    if (phase->kind == RL_PHASE_REINSTATEMENT && !isnan(baseline)) {
        v[RL_M_BASELINE_ACTIVE] = baseline;
        v[RL_M_REINSTATEMENT_RATIO] = baseline > 0.0 ? v[RL_M_ACTIVE] / baseline : NAN;
    }
}

int
rl_measures_subject(const rl_procedure_t *proc, const rl_session_result_t *s, size_t n,
    int subject, int group, int flags, rl_measures_work_t *w, rl_session_measures_t *sm,
    rl_subject_phase_t *rows, int *n_rows, rl_error_t *err)
{
    double baseline = NAN;
    size_t i, np;
    int ph, ret = 0;

    *n_rows = 0;
    if (work_reserve(w, n + 1) != 0 || work_reserve_x(w, n + 1) != 0) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    if (sm == NULL) {
        sm = w->sm;
    }
    for (i = 0; i < n; i++) {
        w->conv[i] = s[i];
        if (ret == 0) {
            ret = session_record(proc, &s[i], flags, &sm[i], w);
        } else {
            memset(&sm[i], 0, sizeof sm[i]);
        }
    }
    for (ph = 0; ph < proc->n_phases && ret == 0; ph++) {
        rl_subject_phase_t *sp;
        if ((np = gather(w->conv, n, ph, w->ps, w->pi)) == 0) {
            continue;
        }
        phase_sessions(proc, ph, w, n, np, sm);
        gather(w->conv, n, ph, w->ps, w->pi); /* again: now with criteria and breakpoints */
        sp = &rows[(*n_rows)++];
        sp->subject = subject;
        sp->group = group;
        sp->phase_index = ph;
        subject_phase(proc, ph, w, np, sm, baseline, sp);
        if (proc->phases[ph].kind == RL_PHASE_EXTINCTION) {
            baseline = sp->v[RL_M_LAST_ACTIVE];
        }
    }
    if (sm == w->sm) {
        for (i = 0; i < n; i++) {
            rl_session_measures_clear(&sm[i]);
        }
    }
    if (ret != 0) {
        *n_rows = 0;
        return rl_error_set(err, ret, NULL, 0, 0, "out of memory");
    }
    return 0;
}
