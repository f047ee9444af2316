/* stats_internal.h -- (internal) the pieces the statistics files share: t-distribution
** p-values, Welch's df, the one-sample t-test (stats.c, stats_paired.c), an ANOVA table's
** effect (stats.c, stats_oneway.c), and the roots of Fieller's quadratic (stats_fieller.c),
** which the screen's paired Fieller interval (src/screen/screen_stats.c) uses too. Not a
** public header. Callers call rl_gsl_setup() first.
*/
#ifndef RL_ANALYSIS_STATS_INTERNAL_H
#define RL_ANALYSIS_STATS_INTERNAL_H

#include "relapselab/stats.h"

/* P(|T| >= |t|) for T ~ t(df); 0 when t is infinite. */
double rl_stats_p_two(double t, double df);

/* P(T >= t) and P(T <= t) for T ~ t(df); 0 or 1 when t is infinite. */
double rl_stats_p_upper(double t, double df);
double rl_stats_p_lower(double t, double df);

/* The t statistic est / se, with the house convention for se = 0: +/-inf when est != 0,
** 0 when est = 0. */
double rl_stats_t(double est, double se);

/* Welch-Satterthwaite df of a sum of two variance terms sa = var_a / n_a and
** sb = var_b / n_b: (sa + sb)^2 / (sa^2 / (n_a - 1) + sb^2 / (n_b - 1)); n_a + n_b - 2
** when both terms are 0 (the df is then irrelevant: t is 0 or infinite). */
double rl_stats_welch_df(double sa, double sb, int na, int nb);

/* Fill effect e of an ANOVA table from its sum of squares and df and those of its error
** term (stats.c): ms, F, p (p_gg = p), partial eta squared; with a zero error mean
** square F is +inf (p 0) when ms > 0, else 0 (p 1). */
void rl_stats_effect(rl_anova_effect_t *e, double ss, double df, double ss_err, double df_err);

/* A one-sample t-test of mean(d) = 0 on n - 1 df, with the 95 % interval of the mean. */
typedef struct rl_one_sample {
    double mean, sd, se, t, df, p, lo, hi;
} rl_one_sample_t;

/* Fills out for the n >= 2 values d (stats_paired.c). Zero spread: t from rl_stats_t, the
** interval is the point. */
void rl_stats_one_sample(const double *d, int n, rl_one_sample_t *out);

/* The one-sample test of the n >= 2 paired differences x[i] - y[i] (y NULL: y = 0), as
** rl_stats_one_sample. Returns 0, or RL_ERR_NOMEM (err set) when the differences cannot be
** stored. The callers check n themselves (their messages differ). */
int rl_stats_paired_diff(const double *x, const double *y, int n, rl_one_sample_t *out,
    rl_error_t *err);

/* The set {q : qa q^2 - 2 qb q + qc <= 0} that Fieller's inequality
** (m_a - q m_b)^2 <= t^2 (v_aa - 2 q v_ab + q^2 v_bb) becomes with qa = m_b^2 - t^2 v_bb,
** qb = m_a m_b - t^2 v_ab, qc = m_a^2 - t^2 v_aa. Returns its shape and sets *lo, *hi:
**   qa > 0: BOUNDED [lo, hi] = (qb -/+ sqrt(qb^2 - qa qc)) / qa (a negative discriminant,
**           which only rounding can give when the estimate m_a / m_b is in the set, is
**           taken as 0);
**   qa < 0: EXCLUSIVE, q <= lo or q >= hi (the two roots), when the discriminant is > 0;
**           otherwise UNBOUNDED (lo = hi = NaN);
**   qa = 0: the linear case, the limit of qa -> 0-: EXCLUSIVE with one bound infinite
**           (qb != 0), UNBOUNDED (qb = 0, qc <= 0), or EXCLUSIVE (-inf, +inf) (qb = 0,
**           qc > 0: no finite q fits).
** A NaN coefficient gives UNBOUNDED. */
rl_fieller_kind_t rl_fieller_roots(double qa, double qb, double qc, double *lo, double *hi);

#endif
