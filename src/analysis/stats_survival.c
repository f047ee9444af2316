/* stats_survival.c -- times to an event with right censoring (stats.h): the log-rank test
** of two groups and each group's Kaplan-Meier median.
**
** Used for "sessions to the extinction criterion", where mice that never meet the criterion
** within the phase's session limit are censored at that limit: a t-test on the sessions run
** treats them as if they had met it at the limit, the log-rank test does not (the lab's
** usual analysis of such data: research/seed-study.md section 3.6).
**
** The test is the Mantel-Haenszel form that R's survival::survdiff computes (rho = 0):
** the subjects sorted by time, at each distinct time with events the expected events of
** group a and their hypergeometric variance are accumulated over the subjects still at risk
** (time >= t), then every subject whose time is t leaves the risk set. Ties are exact
** (sessions are integers): no tolerance is applied to times.
*/
#include "relapselab/stats.h"
#include "core/alloc.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

typedef struct obs {
    double t;
    int event;
    int in_a;
} obs_t;

static int
by_time(const void *pa, const void *pb)
{
    const obs_t *a = pa, *b = pb;
    return (a->t > b->t) - (a->t < b->t);
}

/* The Kaplan-Meier median of group `in_a` of the sorted observations: the first time the
** curve is <= 0.5; where it is exactly 0.5 up to its next drop, the midpoint of the two
** times (R's quantile.survfit convention, which gives the sample median without
** censoring). NaN when the curve stays above 0.5. */
static double
km_median(const obs_t *o, int n, int in_a)
{
    double s = 1.0, at_half = NAN;
    int i = 0, at_risk = 0, j;
    for (j = 0; j < n; j++) {
        at_risk += o[j].in_a == in_a;
    }
    while (i < n) {
        int d = 0, leave = 0;
        double t = o[i].t;
        for (j = i; j < n && o[j].t == t; j++) {
            if (o[j].in_a == in_a) {
                d += o[j].event != 0;
                leave++;
            }
        }
        if (d > 0) {
            if (!isnan(at_half)) {
                return 0.5 * (at_half + t);
            }
            s *= 1.0 - (double) d / at_risk;
            if (fabs(s - 0.5) < 1e-12) {
                at_half = t;
            } else if (s < 0.5) {
                return t;
            }
        }
        at_risk -= leave;
        i = j;
    }
    return at_half;
}

static int
check_group(const double *t, const int *e, int n, const char *name, rl_error_t *err)
{
    int i;
    if (n < 1 || t == NULL || e == NULL) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "log-rank test: group %s has no subjects", name);
    }
    for (i = 0; i < n; i++) {
        if (!isfinite(t[i]) || t[i] < 0.0) {
            return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
                "log-rank test: group %s, subject %d: time %g is not a finite time >= 0",
                name, i + 1, t[i]);
        }
    }
    return 0;
}

/* Sum the expected events of group a and the variance over the sorted observations. */
static void
accumulate(const obs_t *o, int n, int n_a, rl_logrank_t *out, double *var)
{
    int i = 0, j, r = n, r_a = n_a;
    *var = 0.0;
    while (i < n) {
        double t = o[i].t;
        int d = 0, d_a = 0, leave_a = 0;
        for (j = i; j < n && o[j].t == t; j++) {
            d += o[j].event != 0;
            d_a += o[j].event != 0 && o[j].in_a;
            leave_a += o[j].in_a;
        }
        if (d > 0) {
            double f = (double) r_a / r;
            out->e_a += d * f;
            out->o_a += d_a;
            out->o_b += d - d_a;
            if (r > 1) {
                *var += d * f * (1.0 - f) * (r - d) / (r - 1.0);
            }
        }
        r -= j - i;
        r_a -= leave_a;
        i = j;
    }
}

int
rl_logrank(const double *time_a, const int *event_a, int na, const double *time_b,
    const int *event_b, int nb, rl_logrank_t *out, rl_error_t *err)
{
    obs_t *o;
    double var, events;
    int i, ret;

    if ((ret = check_group(time_a, event_a, na, "A", err)) != 0
        || (ret = check_group(time_b, event_b, nb, "B", err)) != 0) {
        return ret;
    }
    if ((o = rl_malloc(((size_t) na + (size_t) nb) * sizeof *o)) == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "log-rank test: out of memory");
    }
    for (i = 0; i < na + nb; i++) {
        o[i].in_a = i < na;
        o[i].t = i < na ? time_a[i] : time_b[i - na];
        o[i].event = (i < na ? event_a[i] : event_b[i - na]) != 0;
    }
    qsort(o, (size_t) (na + nb), sizeof *o, by_time);
    *out = (rl_logrank_t){0};
    accumulate(o, na + nb, na, out, &var);
    out->median_a = km_median(o, na + nb, 1);
    out->median_b = km_median(o, na + nb, 0);
    free(o);
    events = out->o_a + out->o_b;
    out->e_b = events - out->e_a;
    out->hazard_ratio = out->e_a > 0.0 && out->e_b > 0.0 && out->o_b > 0.0
        ? (out->o_a / out->e_a) / (out->o_b / out->e_b) : NAN;
    if (events <= 0.0 || !(var > 0.0)) {
        out->p = 1.0;
        return rl_error_set(err, RL_ERR_NUMERIC, NULL, 0, 0, "log-rank test: %s",
            events <= 0.0 ? "no events in either group" : "no variance (no subject at risk "
            "in both groups at any event time)");
    }
    out->z = (out->e_a - out->o_a) / sqrt(var);
    out->chisq = out->z * out->z;
    out->p = gsl_cdf_chisq_Q(out->chisq, 1.0);
    return 0;
}
