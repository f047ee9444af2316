/* stats.h -- the lab's statistics: t-tests and the two-way mixed (split-plot) ANOVA.
**
** Distributions come from GSL (gsl_cdf_tdist_Q, gsl_cdf_fdist_Q). Results are checked in
** tests/unit/test_stats.c against R (t.test, afex::aov_ez) on the same data. All tests are
** two-sided; p-values are exact for the stated model (normal errors).
*/
#ifndef RELAPSELAB_STATS_H
#define RELAPSELAB_STATS_H

#include "relapselab/api.h"
#include "relapselab/error.h"

typedef struct rl_ttest {
    double mean_a, mean_b;   /* group means */
    double diff;             /* mean_a - mean_b */
    double t, df, p;         /* statistic, degrees of freedom, two-sided p */
    double hedges_g;         /* standardised difference (pooled SD), small-sample corrected */
} rl_ttest_t;

/* Student's two-sample t-test (pooled variance), as in Prism's unpaired t-test.
** Needs na, nb >= 2. Returns 0, or RL_ERR_INVALID (too few values). If both groups have
** zero variance, t is +/-inf (p = 0) when the means differ and 0 (p = 1) when they don't. */
RL_API int rl_ttest_student(const double *a, int na, const double *b, int nb, rl_ttest_t *out,
    rl_error_t *err);

/* Welch's unequal-variance t-test (Welch-Satterthwaite df). */
RL_API int rl_ttest_welch(const double *a, int na, const double *b, int nb, rl_ttest_t *out,
    rl_error_t *err);

/* One effect of an ANOVA table. */
typedef struct rl_anova_effect {
    double ss, df, ms, f, p;
    double df_error;
    double p_gg;       /* Greenhouse-Geisser corrected p (= p for 1-df effects) */
} rl_anova_effect_t;

typedef struct rl_anova_mixed {
    rl_anova_effect_t group;        /* between subjects */
    rl_anova_effect_t level;        /* within subjects (e.g. session) */
    rl_anova_effect_t interaction;  /* group x level */
    double ss_subjects;             /* subjects within groups (between error) */
    double ss_error;                /* level x subjects within groups (within error) */
    double gg_epsilon;              /* Greenhouse-Geisser epsilon of the within factor */
} rl_anova_mixed_t;

/* Two-way mixed ANOVA: n subjects, each in group[i] (0 .. n_groups-1), measured at k levels
** of a within factor; y[i*k + j] is subject i at level j. Sums of squares are those of the
** balanced split-plot design (every group the same size): with equal group sizes they equal
** R's type II and type III sums (afex::aov_ez); with unequal sizes the between-subjects
** sums are the weighted (type I = II) ones. Needs k >= 2, n_groups >= 2, and at least
** n_groups + 1 subjects. Returns 0 or RL_ERR_INVALID. */
RL_API int rl_anova_mixed(const double *y, const int *group, int n, int n_groups, int k,
    rl_anova_mixed_t *out, rl_error_t *err);

#endif
