/* stats_exact.c -- statistics of counts (stats.h): Fisher's exact test of a 2 x 2 table
** and the 95 % intervals of one proportion (exact Clopper-Pearson, Wilson's score).
**
** Fisher's test follows R's fisher.test for a 2 x 2 table: with the margins fixed, the
** top-left count X is hypergeometric on lo..hi, P(X = s) proportional to
** C(m, s) C(n, k - s) (m, n the column totals, k the first row's total). The
** probabilities are computed as R does, from log binomial coefficients scaled by their
** maximum before exponentiating (no overflow, no underflow of the likely tables); the
** two-sided p sums those <= the observed one times 1 + 1e-7.
*/
#include "relapselab/rng.h"
#include "relapselab/stats.h"
#include "analysis/stats_internal.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>

/* R's relErr in fisher.test: tables within this factor of the observed probability are
** ties. */
#define FISHER_REL_ERR (1.0 + 1e-7)

static int
check_counts(int x, int n, const char *what, rl_error_t *err)
{
    if (n < 1 || x < 0 || x > n) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "%s needs 0 <= successes <= n and n >= 1 (got %d of %d)", what, x, n);
    }
    return 0;
}

/* log of C(m, s) C(n, k - s), the unnormalised hypergeometric probability of s. */
static double
log_weight(unsigned m, unsigned n, unsigned k, unsigned s)
{
    return gsl_sf_lnchoose(m, s) + gsl_sf_lnchoose(n, k - s);
}

int
rl_fisher_exact(int x_a, int n_a, int x_b, int n_b, rl_fisher_t *out, rl_error_t *err)
{
    unsigned m, n, k, x, lo, hi, s;
    double top = -INFINITY, w_obs, total = 0.0, two = 0.0, less = 0.0, greater = 0.0;
    double num, den;
    int ret;

    rl_gsl_setup();

    memset(out, 0, sizeof *out);
    if ((ret = check_counts(x_a, n_a, "Fisher's exact test", err)) != 0
        || (ret = check_counts(x_b, n_b, "Fisher's exact test", err)) != 0) {
        return ret;
    }
    m = (unsigned) (x_a + x_b);                 /* successes */
    n = (unsigned) (n_a - x_a + n_b - x_b);     /* failures */
    k = (unsigned) n_a;
    x = (unsigned) x_a;
    lo = k > n ? k - n : 0;
    hi = k < m ? k : m;
    for (s = lo; s <= hi; s++) {
        top = fmax(top, log_weight(m, n, k, s));
    }
    w_obs = exp(log_weight(m, n, k, x) - top);
    for (s = lo; s <= hi; s++) {
        double w = exp(log_weight(m, n, k, s) - top);
        total += w;
        if (w <= w_obs * FISHER_REL_ERR) {
            two += w;
        }
        if (s <= x) {
            less += w;
        }
        if (s >= x) {
            greater += w;
        }
    }
    out->p = fmin(1.0, two / total);
    out->p_less = fmin(1.0, less / total);
    out->p_greater = fmin(1.0, greater / total);
    num = (double) x_a * (n_b - x_b);
    den = (double) (n_a - x_a) * x_b;
    out->odds_ratio = den > 0.0 ? num / den : num > 0.0 ? INFINITY : NAN;
    out->prop_a = (double) x_a / n_a;
    out->prop_b = (double) x_b / n_b;
    return 0;
}

int
rl_prop_ci_exact(int x, int n, rl_prop_ci_t *out, rl_error_t *err)
{
    int ret;

    rl_gsl_setup();

    memset(out, 0, sizeof *out);
    if ((ret = check_counts(x, n, "a proportion's interval", err)) != 0) {
        return ret;
    }
    out->p = (double) x / n;
    out->lo = x == 0 ? 0.0 : gsl_cdf_beta_Pinv(0.025, x, n - x + 1);
    out->hi = x == n ? 1.0 : gsl_cdf_beta_Pinv(0.975, x + 1, n - x);
    if (isnan(out->lo) || isnan(out->hi)) {
        return rl_error_set(err, RL_ERR_NUMERIC, NULL, 0, 0,
            "the beta quantile of %d of %d failed", x, n);
    }
    return 0;
}

int
rl_prop_ci_wilson(int x, int n, rl_prop_ci_t *out, rl_error_t *err)
{
    double z, z2, mid, half;
    int ret;

    rl_gsl_setup();

    memset(out, 0, sizeof *out);
    if ((ret = check_counts(x, n, "a proportion's interval", err)) != 0) {
        return ret;
    }
    z = gsl_cdf_ugaussian_Pinv(0.975);
    z2 = z * z;
    mid = x + z2 / 2.0;
    half = z * sqrt((double) x * (n - x) / n + z2 / 4.0);
    out->p = (double) x / n;
    out->lo = fmax(0.0, (mid - half) / (n + z2));
    out->hi = fmin(1.0, (mid + half) / (n + z2));
    return 0;
}
