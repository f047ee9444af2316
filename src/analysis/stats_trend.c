/* stats_trend.c -- trend tests over a dose or current series (stats.h): the linear trend
** between subjects (OLS regression of the measure on the level, t-test of the slope), the
** linear trend within subjects (each subject's OLS slope, one-sample t-test of the slopes
** against 0: the "summary statistic" approach), and the monotonicity check of a claim's
** group means.
**
** The slope of y on x is S_xy / S_xx with S_xx = sum (x - mean x)^2 and
** S_xy = sum (x - mean x)(y - mean y); between subjects its standard error is
** sqrt(RSS / (n - 2) / S_xx), RSS the residual sum of squares computed from the residuals
** themselves (not as S_yy - slope S_xy, which cancels badly when the fit is close).
*/
#include "relapselab/rng.h"
#include "relapselab/stats.h"
#include "core/alloc.h"
#include "analysis/stats_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

/* S_xy = sum (x_i - mx) (y_i - my) over n values. */
static double
cross_sum(const double *x, double mx, const double *y, double my, int n)
{
    double s = 0.0;
    int i;
    for (i = 0; i < n; i++) {
        s += (x[i] - mx) * (y[i] - my);
    }
    return s;
}

int
rl_trend_between(const double *x, const double *y, int n, rl_trend_t *out, rl_error_t *err)
{
    double mx, my, sxx, rss = 0.0, tq;
    int i;

    rl_gsl_setup();

    memset(out, 0, sizeof *out);
    if (n < 3) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "a trend test between subjects needs at least 3 values (got %d)", n);
    }
    mx = gsl_stats_mean(x, 1, (size_t) n);
    my = gsl_stats_mean(y, 1, (size_t) n);
    sxx = gsl_stats_tss_m(x, 1, (size_t) n, mx);
    if (!(sxx > 0.0)) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "a trend test needs at least 2 different levels");
    }
    out->n = n;
    out->slope = cross_sum(x, mx, y, my, n) / sxx;
    out->intercept = my - out->slope * mx;
    for (i = 0; i < n; i++) {
        double r = y[i] - out->intercept - out->slope * x[i];
        rss += r * r;
    }
    out->df = n - 2;
    out->se = sqrt(rss / out->df / sxx);
    out->t = rl_stats_t(out->slope, out->se);
    out->p = rl_stats_p_two(out->t, out->df);
    tq = gsl_cdf_tdist_Pinv(0.975, out->df);
    out->lo = out->slope - tq * out->se;
    out->hi = out->slope + tq * out->se;
    return 0;
}

int
rl_trend_within(const double *x, const double *y, int n, int k, rl_trend_t *out,
    double *slopes, rl_error_t *err)
{
    double mx, sxx, icpt = 0.0, *s = slopes;
    rl_one_sample_t one;
    int i;

    rl_gsl_setup();

    memset(out, 0, sizeof *out);
    if (n < 2 || k < 2) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "a trend test within subjects "
            "needs at least 2 subjects and 2 levels (got %d and %d)", n, k);
    }
    mx = gsl_stats_mean(x, 1, (size_t) k);
    sxx = gsl_stats_tss_m(x, 1, (size_t) k, mx);
    if (!(sxx > 0.0)) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "a trend test needs at least 2 different levels");
    }
    if (s == NULL && (s = rl_malloc((size_t) n * sizeof *s)) == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    for (i = 0; i < n; i++) {
        const double *yi = &y[(size_t) i * (size_t) k];
        double my = gsl_stats_mean(yi, 1, (size_t) k);
        s[i] = cross_sum(x, mx, yi, my, k) / sxx;
        icpt += (my - s[i] * mx) / n;
    }
    rl_stats_one_sample(s, n, &one);
    if (s != slopes) {
        free(s);
    }
    out->n = n;
    out->slope = one.mean;
    out->intercept = icpt;
    out->se = one.se;
    out->t = one.t;
    out->df = one.df;
    out->p = one.p;
    out->lo = one.lo;
    out->hi = one.hi;
    return 0;
}

int
rl_monotone(const double *m, int k, int direction, rl_error_t *err)
{
    int j, ok = 1;

    if (k < 2 || (direction != 1 && direction != -1)) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "a monotonicity check needs >= 2 values and a direction of +1 or -1");
    }
    for (j = 0; j < k; j++) {
        if (isnan(m[j])) {
            return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
                "a monotonicity check of a NaN (value %d)", j + 1);
        }
    }
    for (j = 0; j + 1 < k; j++) {
        if (direction > 0 ? m[j + 1] < m[j] : m[j + 1] > m[j]) {
            ok = 0;
        }
    }
    return ok;
}
