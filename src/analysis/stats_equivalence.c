/* stats_equivalence.c -- equivalence tests, two one-sided tests (TOST; Schuirmann 1987,
** J. Pharmacokinet. Biopharm. 15:657) of two independent samples (stats.h): a difference of
** means within [lo, hi], and a ratio of means within [r_lo, r_hi].
**
** Both use Welch's unequal-variance standard errors. For the difference the two tests share
** one se and one df, so equivalence at level alpha is the (1 - 2 alpha) interval lying
** inside (lo, hi). For the ratio each bound r gives the linear hypothesis
** mu_a - r mu_b = 0 its own standard error sqrt(var_a/n_a + r^2 var_b/n_b) and df (the
** Welch-Satterthwaite df of those two terms): the test of Hauschke, Kieser & Hothorn 1999
** with Tamhane & Logan's (2004) unequal variances, as R's mratios::ttestratio computes it.
*/
#include "relapselab/rng.h"
#include "relapselab/stats.h"
#include "analysis/stats_internal.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

/* Checks the arguments common to both tests; fills the means and the variance terms
** var / n of each sample. */
static int
prepare(const double *a, int na, const double *b, int nb, double lo, double hi, double alpha,
    rl_tost_t *out, double *sa, double *sb, rl_error_t *err)
{
    memset(out, 0, sizeof *out);
    if (na < 2 || nb < 2) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "an equivalence test needs at least 2 values per group (got %d and %d)", na, nb);
    }
    if (!(lo < hi) || !isfinite(lo) || !isfinite(hi)) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "an equivalence test needs finite bounds lo < hi (got %g and %g)", lo, hi);
    }
    if (!(alpha > 0.0 && alpha < 0.5)) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "an equivalence test needs 0 < alpha < 0.5 (got %g)", alpha);
    }
    out->mean_a = gsl_stats_mean(a, 1, (size_t) na);
    out->mean_b = gsl_stats_mean(b, 1, (size_t) nb);
    *sa = gsl_stats_tss_m(a, 1, (size_t) na, out->mean_a) / (na - 1) / na;
    *sb = gsl_stats_tss_m(b, 1, (size_t) nb, out->mean_b) / (nb - 1) / nb;
    return 0;
}

int
rl_tost_diff(const double *a, int na, const double *b, int nb, double lo, double hi,
    double alpha, rl_tost_t *out, rl_error_t *err)
{
    double sa = 0.0, sb = 0.0, se, df, tq; /* set by the prologue on success */
    int ret;

    rl_gsl_setup();

    if ((ret = prepare(a, na, b, nb, lo, hi, alpha, out, &sa, &sb, err)) != 0) {
        return ret;
    }
    out->est = out->mean_a - out->mean_b;
    se = sqrt(sa + sb);
    df = rl_stats_welch_df(sa, sb, na, nb);
    out->t_lo = rl_stats_t(out->est - lo, se);
    out->t_hi = rl_stats_t(out->est - hi, se);
    out->df_lo = out->df_hi = df;
    out->p_lo = rl_stats_p_upper(out->t_lo, df);
    out->p_hi = rl_stats_p_lower(out->t_hi, df);
    out->p = fmax(out->p_lo, out->p_hi);
    tq = gsl_cdf_tdist_Pinv(1.0 - alpha, df);
    out->ci_lo = out->est - tq * se;
    out->ci_hi = out->est + tq * se;
    return 0;
}

int
rl_tost_ratio(const double *a, int na, const double *b, int nb, double r_lo, double r_hi,
    double alpha, rl_tost_t *out, rl_error_t *err)
{
    double sa = 0.0, sb = 0.0, s_lo, s_hi; /* set by the prologue on success */
    int ret;

    rl_gsl_setup();

    if ((ret = prepare(a, na, b, nb, r_lo, r_hi, alpha, out, &sa, &sb, err)) != 0) {
        return ret;
    }
    out->est = out->mean_a / out->mean_b;
    s_lo = r_lo * r_lo * sb;
    s_hi = r_hi * r_hi * sb;
    out->t_lo = rl_stats_t(out->mean_a - r_lo * out->mean_b, sqrt(sa + s_lo));
    out->t_hi = rl_stats_t(out->mean_a - r_hi * out->mean_b, sqrt(sa + s_hi));
    out->df_lo = rl_stats_welch_df(sa, s_lo, na, nb);
    out->df_hi = rl_stats_welch_df(sa, s_hi, na, nb);
    out->p_lo = rl_stats_p_upper(out->t_lo, out->df_lo);
    out->p_hi = rl_stats_p_lower(out->t_hi, out->df_hi);
    out->p = fmax(out->p_lo, out->p_hi);
    out->ci_lo = out->ci_hi = NAN;
    return 0;
}
