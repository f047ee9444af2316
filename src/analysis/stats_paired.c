/* stats_paired.c -- the paired t-test (stats.h) and the one-sample t-test under it
** (stats_internal.h), which the within-subject trend test uses too.
**
** A paired test is a one-sample test of the differences: mean, SD (n - 1), se = sd /
** sqrt(n), t = mean / se on n - 1 df, the 95 % interval mean -/+ t(0.975, n - 1) se. The
** effect size is Cohen's d_z = mean / sd, the standardised mean difference of a
** within-subject design (Cohen 1988, Statistical Power Analysis for the Behavioral
** Sciences; Lakens 2013, Front. Psychol. 4:863), uncorrected, as R's
** effectsize::cohens_d(paired = TRUE) reports it.
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

void
rl_stats_one_sample(const double *d, int n, rl_one_sample_t *out)
{
    double tq;

    out->mean = gsl_stats_mean(d, 1, (size_t) n);
    out->sd = sqrt(gsl_stats_tss_m(d, 1, (size_t) n, out->mean) / (n - 1));
    out->se = out->sd / sqrt((double) n);
    out->df = n - 1;
    out->t = rl_stats_t(out->mean, out->se);
    out->p = rl_stats_p_two(out->t, out->df);
    tq = gsl_cdf_tdist_Pinv(0.975, out->df);
    out->lo = out->mean - tq * out->se;
    out->hi = out->mean + tq * out->se;
}

int
rl_stats_paired_diff(const double *x, const double *y, int n, rl_one_sample_t *out,
    rl_error_t *err)
{
    double *d = rl_malloc((size_t) n * sizeof *d);
    int i;
    if (d == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    for (i = 0; i < n; i++) {
        d[i] = x[i] - (y != NULL ? y[i] : 0.0);
    }
    rl_stats_one_sample(d, n, out);
    free(d);
    return 0;
}

int
rl_ttest_paired(const double *x, const double *y, int n, rl_ttest_paired_t *out,
    rl_error_t *err)
{
    rl_one_sample_t one;
    int ret;

    rl_gsl_setup();

    memset(out, 0, sizeof *out);
    if (n < 2) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "a paired t-test needs at least 2 pairs (got %d)", n);
    }
    if ((ret = rl_stats_paired_diff(x, y, n, &one, err)) != 0) {
        return ret;
    }
    out->n = n;
    out->mean_x = gsl_stats_mean(x, 1, (size_t) n);
    out->mean_y = gsl_stats_mean(y, 1, (size_t) n);
    out->diff = one.mean;
    out->sd = one.sd;
    out->se = one.se;
    out->t = one.t;
    out->df = one.df;
    out->p = one.p;
    out->lo = one.lo;
    out->hi = one.hi;
    out->d_z = rl_stats_t(one.mean, one.sd);
    return 0;
}
