/* stats_fieller.c -- Fieller's confidence set for a ratio of means (stats.h): the roots of
** its quadratic, shared with the screen's paired interval (src/screen/screen_stats.c), and
** the interval for two independent samples with unequal variances.
**
** Fieller's set for q = mu_a / mu_b is {q : (m_a - q m_b)^2 <= t^2 Var(m_a - q m_b)}, the
** ratios a t-test of m_a - q m_b = 0 does not reject (Fieller 1954, J. R. Stat. Soc. B
** 16:175). With Var = v_aa - 2 q v_ab + q^2 v_bb it is qa q^2 - 2 qb q + qc <= 0, whose
** shape depends on the sign of qa = m_b^2 - t^2 v_bb, i.e. on whether m_b differs
** significantly from 0 (stats_internal.h). For independent samples v_ab = 0, v_aa =
** var_a / n_a, v_bb = var_b / n_b, and t's df is Welch's at the estimate (Tamhane & Logan
** 2004, J. Biopharm. Stat. 14:843; R's mratios::ttestratio, var.equal = FALSE).
*/
#include "relapselab/rng.h"
#include "relapselab/stats.h"
#include "analysis/stats_internal.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

rl_fieller_kind_t
rl_fieller_roots(double qa, double qb, double qc, double *lo, double *hi)
{
    double disc;

    *lo = *hi = NAN;
    if (qa > 0.0) {
        disc = qb * qb - qa * qc;
        disc = disc > 0.0 ? sqrt(disc) : 0.0;
        *lo = (qb - disc) / qa;
        *hi = (qb + disc) / qa;
        return RL_FIELLER_BOUNDED;
    }
    if (qa < 0.0) {
        disc = qb * qb - qa * qc;
        if (!(disc > 0.0)) {
            return RL_FIELLER_UNBOUNDED; /* qa q^2 - 2 qb q + qc <= 0 everywhere */
        }
        disc = sqrt(disc);
        *lo = (qb + disc) / qa; /* qa < 0: the smaller root */
        *hi = (qb - disc) / qa;
        return RL_FIELLER_EXCLUSIVE;
    }
    if (qa == 0.0) {
        if (qb > 0.0) { /* -2 qb q + qc <= 0: q >= qc / (2 qb) */
            *lo = -INFINITY;
            *hi = qc / (2.0 * qb);
            return RL_FIELLER_EXCLUSIVE;
        }
        if (qb < 0.0) { /* q <= qc / (2 qb) */
            *lo = qc / (2.0 * qb);
            *hi = INFINITY;
            return RL_FIELLER_EXCLUSIVE;
        }
        if (qc > 0.0) {
            *lo = -INFINITY;
            *hi = INFINITY;
            return RL_FIELLER_EXCLUSIVE;
        }
    }
    return RL_FIELLER_UNBOUNDED;
}

int
rl_fieller_welch(const double *a, int na, const double *b, int nb, rl_ratio_ci_t *out,
    rl_error_t *err)
{
    double ma, mb, sa, sb, t, t2;

    rl_gsl_setup();

    memset(out, 0, sizeof *out);
    if (na < 2 || nb < 2) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "a ratio interval needs at least 2 values per group (got %d and %d)", na, nb);
    }
    ma = gsl_stats_mean(a, 1, (size_t) na);
    mb = gsl_stats_mean(b, 1, (size_t) nb);
    sa = gsl_stats_tss_m(a, 1, (size_t) na, ma) / (na - 1) / na; /* var_a / n_a */
    sb = gsl_stats_tss_m(b, 1, (size_t) nb, mb) / (nb - 1) / nb;
    out->est = ma / mb;
    if (isfinite(out->est) && sa + out->est * out->est * sb > 0.0) {
        out->df = rl_stats_welch_df(sa, out->est * out->est * sb, na, nb);
    } else { /* undefined at the estimate: its limit there (see stats.h) */
        out->df = sb > 0.0 ? nb - 1 : sa > 0.0 ? na - 1 : na + nb - 2;
    }
    t = gsl_cdf_tdist_Pinv(0.975, out->df);
    t2 = t * t;
    out->kind = rl_fieller_roots(mb * mb - t2 * sb, ma * mb, ma * ma - t2 * sa, &out->lo,
        &out->hi);
    return 0;
}
