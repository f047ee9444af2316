/* stats.c -- t-tests (with the interval of the difference) and the two-way mixed ANOVA
** (with partial eta squared) (see stats.h), and the t-distribution helpers the other
** statistics files share (stats_internal.h).
**
** The mixed ANOVA partitions the total sum of squares of an n x k table into between
** subjects (group, subjects within groups) and within subjects (level, group x level,
** level x subjects within groups), with the usual split-plot F ratios. The Greenhouse-
** Geisser epsilon comes from the double-centred pooled within-group covariance matrix
** S_c of the k levels: eps = tr(S_c)^2 / ((k - 1) tr(S_c^2)). Sums use two passes (means
** first), which is accurate enough for counts of pokes.
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

double
rl_stats_p_two(double t, double df)
{
    if (isinf(t)) {
        return 0.0;
    }
    return 2.0 * gsl_cdf_tdist_Q(fabs(t), df);
}

double
rl_stats_p_upper(double t, double df)
{
    if (isinf(t)) {
        return t > 0.0 ? 0.0 : 1.0;
    }
    return gsl_cdf_tdist_Q(t, df);
}

double
rl_stats_p_lower(double t, double df)
{
    if (isinf(t)) {
        return t > 0.0 ? 1.0 : 0.0;
    }
    return gsl_cdf_tdist_P(t, df);
}

double
rl_stats_t(double est, double se)
{
    if (se > 0.0) {
        return est / se;
    }
    return est == 0.0 ? 0.0 : copysign(INFINITY, est);
}

double
rl_stats_welch_df(double sa, double sb, int na, int nb)
{
    if (!(sa + sb > 0.0)) {
        return na + nb - 2;
    }
    return (sa + sb) * (sa + sb) / (sa * sa / (na - 1) + sb * sb / (nb - 1));
}

/* The part both t-tests share: check sizes, fill means and difference, and return the
** sums of squared deviations of each group. */
static int
describe(const double *a, int na, const double *b, int nb, rl_ttest_t *out, double *ssa,
    double *ssb, rl_error_t *err)
{
    memset(out, 0, sizeof *out);
    if (na < 2 || nb < 2) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "t-test needs at least 2 values per group (got %d and %d)", na, nb);
    }
    out->mean_a = gsl_stats_mean(a, 1, (size_t) na);
    out->mean_b = gsl_stats_mean(b, 1, (size_t) nb);
    out->diff = out->mean_a - out->mean_b;
    *ssa = gsl_stats_tss_m(a, 1, (size_t) na, out->mean_a);
    *ssb = gsl_stats_tss_m(b, 1, (size_t) nb, out->mean_b);
    return 0;
}

/* The standard error and 95 % interval of the difference (stats.h). */
static void
interval(rl_ttest_t *out, double se)
{
    double half = se > 0.0 ? gsl_cdf_tdist_Pinv(0.975, out->df) * se : 0.0;
    out->se = se;
    out->lo = out->diff - half;
    out->hi = out->diff + half;
}

int
rl_ttest_student(const double *a, int na, const double *b, int nb, rl_ttest_t *out,
    rl_error_t *err)
{
    double ssa, ssb, sp2, se, sp;
    int ret = describe(a, na, b, nb, out, &ssa, &ssb, err);

    rl_gsl_setup();
    if (ret != 0) {
        return ret;
    }
    out->df = na + nb - 2;
    sp2 = (ssa + ssb) / out->df;
    se = sqrt(sp2 * (1.0 / na + 1.0 / nb));
    sp = sqrt(sp2);
    if (se > 0.0) {
        out->t = out->diff / se;
        out->hedges_g = out->diff / sp * (1.0 - 3.0 / (4.0 * out->df - 1.0));
    } else {
        out->t = out->diff == 0.0 ? 0.0 : copysign(INFINITY, out->diff);
        out->hedges_g = out->t;
    }
    out->p = rl_stats_p_two(out->t, out->df);
    interval(out, se);
    return 0;
}

int
rl_ttest_welch(const double *a, int na, const double *b, int nb, rl_ttest_t *out,
    rl_error_t *err)
{
    double ssa, ssb, va, vb, se2, sp;
    int ret = describe(a, na, b, nb, out, &ssa, &ssb, err);

    rl_gsl_setup();
    if (ret != 0) {
        return ret;
    }
    va = ssa / (na - 1);
    vb = ssb / (nb - 1);
    se2 = va / na + vb / nb;
    sp = sqrt(((na - 1) * va + (nb - 1) * vb) / (na + nb - 2));
    out->t = rl_stats_t(out->diff, sqrt(se2));
    out->df = rl_stats_welch_df(va / na, vb / nb, na, nb);
    if (se2 > 0.0) {
        out->hedges_g = out->diff / sp * (1.0 - 3.0 / (4.0 * (na + nb - 2) - 1.0));
    } else {
        out->hedges_g = out->t;
    }
    out->p = rl_stats_p_two(out->t, out->df);
    interval(out, sqrt(se2));
    return 0;
}

void
rl_stats_effect(rl_anova_effect_t *e, double ss, double df, double ss_err, double df_err)
{
    double ms_err = df_err > 0.0 ? ss_err / df_err : 0.0;
    e->ss = ss;
    e->df = df;
    e->df_error = df_err;
    e->ms = ss / df;
    if (ms_err > 0.0) {
        e->f = e->ms / ms_err;
        e->p = gsl_cdf_fdist_Q(e->f, df, df_err);
    } else {
        e->f = e->ms > 0.0 ? INFINITY : 0.0;
        e->p = e->ms > 0.0 ? 0.0 : 1.0;
    }
    e->p_gg = e->p;
    e->pes = ss + ss_err > 0.0 ? ss / (ss + ss_err) : NAN;
}

/* Greenhouse-Geisser epsilon of a k x k covariance matrix: tr(S_c)^2 / ((k-1) tr(S_c^2)),
** S_c the double-centred matrix, bounded to [1/(k-1), 1]. S_c is computed entry by entry
** (k is small: a handful of sessions). */
static double
gg_epsilon(const double *cov, int k)
{
    double all = 0.0, tr = 0.0, tr2 = 0.0, eps = 1.0;
    int j, l, m;
    for (j = 0; j < k * k; j++) {
        all += cov[j] / ((double) k * k);
    }
    for (j = 0; j < k; j++) {
        for (l = 0; l < k; l++) {
            double rj = 0.0, cl = 0.0, rl = 0.0, cj = 0.0, s_jl, s_lj;
            for (m = 0; m < k; m++) {
                rj += cov[j * k + m] / k;
                cl += cov[m * k + l] / k;
                rl += cov[l * k + m] / k;
                cj += cov[m * k + j] / k;
            }
            s_jl = cov[j * k + l] - rj - cl + all;
            s_lj = cov[l * k + j] - rl - cj + all;
            tr2 += s_jl * s_lj;
            if (j == l) {
                tr += s_jl;
            }
        }
    }
    if (tr2 > 0.0) {
        eps = tr * tr / ((k - 1) * tr2);
    }
    return fmin(1.0, fmax(eps, 1.0 / (k - 1)));
}

/* The subjects-within-groups and error sums of squares of the mixed ANOVA, and the pooled
** within-group covariance of the levels (cov, k x k, summed; for Greenhouse-Geisser), from
** the subject means subj, group means gmean and cell means cell. */
static void
within_sums(const double *y, const int *group, int n, int k, const double *subj,
    const double *gmean, const double *cell, double *ss_s, double *ss_e, double *cov)
{
    int i, j, l, g;
    for (i = 0; i < n; i++) {
        const double *yi = &y[(size_t) i * (size_t) k];
        g = group[i];
        *ss_s += (double) k * (subj[i] - gmean[g]) * (subj[i] - gmean[g]);
        for (j = 0; j < k; j++) {
            double d = yi[j] - subj[i] - cell[g * k + j] + gmean[g];
            *ss_e += d * d;
        }
        for (j = 0; j < k; j++) {
            for (l = 0; l < k; l++) {
                cov[j * k + l] += (yi[j] - cell[g * k + j]) * (yi[l] - cell[g * k + l]);
            }
        }
    }
}

int
rl_anova_mixed(const double *y, const int *group, int n, int n_groups, int k,
    rl_anova_mixed_t *out, rl_error_t *err)
{
    double *subj = NULL, *gmean = NULL, *lmean = NULL, *cell = NULL, *cov = NULL;
    int *gn = NULL;
    double grand = 0.0, ss_g = 0.0, ss_s = 0.0, ss_l = 0.0, ss_i = 0.0, ss_e = 0.0;
    int i, j, g, ret = 0;

    rl_gsl_setup();

    memset(out, 0, sizeof *out);
    if (k < 2 || n_groups < 2 || n < n_groups + 1) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "mixed ANOVA needs >= 2 levels, >= 2 groups and more subjects than groups");
    }
    subj = rl_calloc((size_t) n, sizeof *subj);
    gmean = rl_calloc((size_t) n_groups, sizeof *gmean);
    gn = rl_calloc((size_t) n_groups, sizeof *gn);
    lmean = rl_calloc((size_t) k, sizeof *lmean);
    cell = rl_calloc((size_t) (n_groups * k), sizeof *cell);
    cov = rl_calloc((size_t) (k * k), sizeof *cov);
    if (!subj || !gmean || !gn || !lmean || !cell || !cov) {
        ret = rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    for (i = 0; i < n; i++) {
        if (group[i] < 0 || group[i] >= n_groups) {
            ret = rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "subject %d: bad group %d", i,
                group[i]);
            goto out;
        }
        gn[group[i]]++;
        for (j = 0; j < k; j++) {
            double v = y[(size_t) i * (size_t) k + (size_t) j];
            subj[i] += v / k;
            lmean[j] += v / n;
            cell[group[i] * k + j] += v;
            grand += v;
        }
    }
    grand /= (double) n * k;
    for (g = 0; g < n_groups; g++) {
        if (gn[g] == 0) {
            ret = rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "group %d has no subjects", g);
            goto out;
        }
        for (j = 0; j < k; j++) {
            cell[g * k + j] /= gn[g];
            gmean[g] += cell[g * k + j] / k;
        }
        ss_g += (double) k * gn[g] * (gmean[g] - grand) * (gmean[g] - grand);
    }
    for (j = 0; j < k; j++) {
        ss_l += (double) n * (lmean[j] - grand) * (lmean[j] - grand);
    }
    for (g = 0; g < n_groups; g++) {
        for (j = 0; j < k; j++) {
            double d = cell[g * k + j] - gmean[g] - lmean[j] + grand;
            ss_i += gn[g] * d * d;
        }
    }
    within_sums(y, group, n, k, subj, gmean, cell, &ss_s, &ss_e, cov);
    out->ss_subjects = ss_s;
    out->ss_error = ss_e;
    rl_stats_effect(&out->group, ss_g, n_groups - 1, ss_s, n - n_groups);
    rl_stats_effect(&out->level, ss_l, k - 1, ss_e, (double) (n - n_groups) * (k - 1));
    rl_stats_effect(&out->interaction, ss_i, (double) (n_groups - 1) * (k - 1), ss_e,
        (double) (n - n_groups) * (k - 1));
    for (j = 0; j < k * k; j++) {
        cov[j] /= (double) (n - n_groups);
    }
    out->gg_epsilon = gg_epsilon(cov, k);
    if (out->level.ms > 0.0 && isfinite(out->level.f)) {
        out->level.p_gg = gsl_cdf_fdist_Q(out->level.f, out->gg_epsilon * out->level.df,
            out->gg_epsilon * out->level.df_error);
    }
    if (out->interaction.ms > 0.0 && isfinite(out->interaction.f)) {
        out->interaction.p_gg = gsl_cdf_fdist_Q(out->interaction.f,
            out->gg_epsilon * out->interaction.df, out->gg_epsilon * out->interaction.df_error);
    }
out:
    free(subj);
    free(gmean);
    free(gn);
    free(lmean);
    free(cell);
    free(cov);
    return ret;
}
