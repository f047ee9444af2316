/* power_t.c -- the analytic power of Student's two-sample t-test (power.h), against which
** the simulated power of `relapselab power` is checked (tests/unit/test_power.c).
**
** Method. T = (Z + ncp) / U with Z standard normal and U = sqrt(X / df), X ~ chi^2_df,
** independent. Conditioning on U: P(T <= t) = E[Phi(t U - ncp)] = int_0^inf Phi(t u - ncp)
** f_U(u) du, where f_U(u) = 2 df u f_chi2(df u^2; df) (the density of X mapped through
** u = sqrt(x / df); finite at u = 0 even for df = 1). The upper tail integrates Q = 1 - Phi
** the same way, so small tails keep their relative precision. GSL's QAGIU (the semi-
** infinite interval mapped onto (0, 1], adaptive Gauss-Kronrod with extrapolation) does
** the integral; the integrand is smooth and concentrated near u = 1 with spread
** 1 / sqrt(2 df). Checked against R's pt(t, df, ncp) (tests/unit/test_power.c).
**
** Power: df = 2n - 2, ncp = d sqrt(n / 2), the critical value t_{1 - alpha/2, df}
** (gsl_cdf_tdist_Qinv); power = P(T > t_crit), plus P(T < -t_crit) for both tails.
*/
#include "relapselab/power.h"

#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_randist.h>

#include "relapselab/rng.h"

typedef struct nct_arg {
    double t, df, ncp;
    int upper;
} nct_arg_t;

static double
integrand(double u, void *p)
{
    const nct_arg_t *a = p;
    double x = a->df * u * u, f_u, z = a->t * u - a->ncp;
    f_u = 2.0 * a->df * u * gsl_ran_chisq_pdf(x, a->df);
    return f_u * (a->upper ? gsl_cdf_ugaussian_Q(z) : gsl_cdf_ugaussian_P(z));
}

static double
nct_tail(double t, double df, double ncp, int upper)
{
    enum { LIMIT = 256 };
    gsl_integration_workspace *w;
    gsl_function f;
    nct_arg_t a;
    double result = NAN, abserr;
    int status;

    if (!(df > 0.0) || !isfinite(t) || !isfinite(df) || !isfinite(ncp)) {
        return NAN;
    }
    rl_gsl_setup();
    if ((w = gsl_integration_workspace_alloc(LIMIT)) == NULL) {
        return NAN;
    }
    a.t = t;
    a.df = df;
    a.ncp = ncp;
    a.upper = upper;
    f.function = integrand;
    f.params = &a;
    status = gsl_integration_qagiu(&f, 0.0, 1e-13, 1e-10, LIMIT, w, &result, &abserr);
    gsl_integration_workspace_free(w);
    if (status != 0) {
        return NAN;
    }
    return fmin(1.0, fmax(0.0, result));
}

double
rl_nct_P(double t, double df, double ncp)
{
    return nct_tail(t, df, ncp, 0);
}

double
rl_nct_Q(double t, double df, double ncp)
{
    return nct_tail(t, df, ncp, 1);
}

double
rl_power_ttest(int n, double d, double alpha, bool both_tails)
{
    double df, ncp, crit, p;
    if (n < 2 || !(alpha > 0.0 && alpha < 1.0) || !isfinite(d)) {
        return NAN;
    }
    rl_gsl_setup();
    df = 2.0 * n - 2.0;
    ncp = d * sqrt(n / 2.0);
    crit = gsl_cdf_tdist_Qinv(alpha / 2.0, df);
    p = rl_nct_Q(crit, df, ncp);
    if (both_tails) {
        p += rl_nct_P(-crit, df, ncp);
    }
    return p;
}
