/* stats.h -- the lab's statistics: t-tests (two-sample, paired), the two-way mixed
** (split-plot) ANOVA, the one-way ANOVA with Holm's adjustment, trend tests over a dose or current series, Fisher's exact test and
** intervals for proportions, equivalence tests (TOST) for a difference and a ratio of means,
** and Fieller's interval for a ratio of independent means.
**
** Distributions come from GSL (t, F, beta, log binomial coefficients). Results are checked
** in tests/unit/test_stats.c, test_stats_more.c and test_stats_oneway.c against R (t.test, lm, fisher.test,
** binom.test, prop.test, afex::aov_ez, effectsize, aov, p.adjust) on the same data
** (tests/data/stats_ref.R). Unless said otherwise tests are two-sided, intervals are 95 %,
** and p-values are exact for the stated model (normal errors; for Fisher's test, fixed
** margins). Values must be finite; lengths are counts of values.
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
    double se;               /* standard error of diff (pooled or Welch's) */
    double lo, hi;           /* 95 % interval of diff: diff -/+ t(0.975, df) se, as R's
                             ** t.test()$conf.int; the point diff when se = 0 */
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
    double pes;        /* partial eta squared, ss / (ss + ss of its error term), as afex's
                       ** es = "pes" (for a one-way ANOVA: eta squared); NaN when both are 0 */
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

/* ---------------------------------------------------------------- one-way ANOVA, Holm
** (stats_oneway.c) */

typedef struct rl_anova_oneway {
    rl_anova_effect_t group;        /* between groups: df n_groups - 1, error df n - n_groups;
                                    ** pes is eta squared (ss / ss_total); p_gg = p */
    double ss_error, ss_total;
} rl_anova_oneway_t;

/* One-way (between-subjects) ANOVA of n values y[i] in groups group[i] (0 .. n_groups-1),
** as R's summary(aov(y ~ factor(group))): group sizes may differ. Needs n_groups >= 2,
** every group non-empty, and n > n_groups. Returns 0, RL_ERR_INVALID or RL_ERR_NOMEM. With
** no spread within groups F is +inf (p = 0) when the means differ and 0 (p = 1) when not. */
RL_API int rl_anova_oneway(const double *y, const int *group, int n, int n_groups,
    rl_anova_oneway_t *out, rl_error_t *err);

/* Holm's step-down adjustment of the n p-values p[] (each in [0, 1]) for multiple
** comparisons, as R's p.adjust(p, "holm"): sorted ascending (ties in index order),
** adj_(i) = max over j <= i of min(1, (n - j + 1) p_(j)). adj (n values) may be p itself.
** Returns 0, RL_ERR_INVALID (n < 1, or a p outside [0, 1] or NaN), or RL_ERR_NOMEM. */
RL_API int rl_p_adjust_holm(const double *p, int n, double *adj, rl_error_t *err);

/* ---------------------------------------------------------------- paired t-test
** (stats_paired.c) */

typedef struct rl_ttest_paired {
    int n;                  /* pairs */
    double mean_x, mean_y;  /* means of the two measurements */
    double diff;            /* mean of the differences x_i - y_i (= mean_x - mean_y) */
    double sd;              /* sample SD of the differences (n - 1) */
    double se;              /* sd / sqrt(n) */
    double t, df, p;        /* t = diff / se, df = n - 1, two-sided p */
    double lo, hi;          /* 95 % interval of diff: diff -/+ t(0.975, n - 1) se */
    double d_z;             /* Cohen's d_z = diff / sd (no small-sample correction) */
} rl_ttest_paired_t;

/* Paired t-test of x against y (the same n subjects measured twice, e.g. the test phase
** against the baseline phase), as R's t.test(x, y, paired = TRUE); d_z as
** effectsize::cohens_d(x, y, paired = TRUE). Needs n >= 2: returns 0, RL_ERR_INVALID, or
** RL_ERR_NOMEM. If the differences have no spread (sd = 0), the interval is the point
** diff, t and d_z are +/-inf (p = 0) when diff != 0 and 0 (p = 1) when diff = 0. */
RL_API int rl_ttest_paired(const double *x, const double *y, int n, rl_ttest_paired_t *out,
    rl_error_t *err);

/* ---------------------------------------------------------------- trend tests
** (stats_trend.c) */

/* Linear trend over levels x (a dose or current series; x as given: pass log10 of doses
** for a log-linear trend). */
typedef struct rl_trend {
    int n;                  /* between: values; within: subjects */
    double slope;           /* between: the OLS slope; within: the mean of the subjects' */
    double intercept;       /* between: the OLS intercept; within: the subjects' mean */
    double se;              /* standard error of slope */
    double t, df, p;        /* t = slope / se, df n - 2 (between) or n - 1 (within), p */
    double lo, hi;          /* 95 % interval of slope: slope -/+ t(0.975, df) se */
} rl_trend_t;

/* Between subjects: subject i measured once, y[i], at level x[i]. The OLS regression
** y = intercept + slope x with the t-test of the slope on n - 2 df (R: summary(lm(y ~ x))
** and confint). Needs n >= 3 and at least two different x: returns 0, or RL_ERR_INVALID.
** With no residual spread (the points on a line) se = 0 and t is +/-inf (p = 0), or 0
** (p = 1) when the slope is 0. */
RL_API int rl_trend_between(const double *x, const double *y, int n, rl_trend_t *out,
    rl_error_t *err);

/* Within subjects: each of n subjects measured at every one of k levels x[0..k-1];
** y[i*k + j] is subject i at level x[j]. Each subject's OLS slope over the levels, then a
** one-sample t-test of the n slopes against 0 on n - 1 df (R: t.test(slopes)); intercept
** is the mean of the subjects' intercepts. slopes (n values, may be NULL) receives the
** subjects' slopes. Needs n >= 2, k >= 2 and at least two different x: returns 0,
** RL_ERR_INVALID, or RL_ERR_NOMEM (only when slopes is NULL). Slopes without spread: as
** rl_ttest_paired. */
RL_API int rl_trend_within(const double *x, const double *y, int n, int k, rl_trend_t *out,
    double *slopes, rl_error_t *err);

/* Whether the k values m[0..k-1] (e.g. group means in dose order) change monotonically in
** `direction`: +1 = each step rises or stays (m[j+1] >= m[j] for every j), -1 = each step
** falls or stays (m[j+1] <= m[j]). Non-strict: equal neighbours satisfy both directions.
** No test of significance: a check on the means a claim states. Returns 1 (monotone), 0
** (not), or RL_ERR_INVALID (k < 2, direction not +/-1, or a NaN value). */
RL_API int rl_monotone(const double *m, int k, int direction, rl_error_t *err);

/* ---------------------------------------------------------------- counts
** (stats_exact.c) */

typedef struct rl_fisher {
    double p;               /* two-sided (R's fisher.test) */
    double p_less;          /* one-sided, H1: group a's odds are lower (P(X <= x_a)) */
    double p_greater;       /* one-sided, H1: group a's odds are higher (P(X >= x_a)) */
    double odds_ratio;      /* sample odds ratio x_a (n_b - x_b) / ((n_a - x_a) x_b):
                            ** +inf when only the denominator is 0, NaN when both are */
    double prop_a, prop_b;  /* x_a / n_a, x_b / n_b */
} rl_fisher_t;

/* Fisher's exact test of the 2 x 2 table {x_a, n_a - x_a; x_b, n_b - x_b} (x successes
** out of n in each group, e.g. the mice meeting the acquisition criteria), conditional on
** the margins: X, the top-left count, is hypergeometric. The two-sided p is R's
** fisher.test: the sum of the probabilities of the tables no more likely than the
** observed one, with R's relative tolerance (probabilities <= p_obs (1 + 1e-7) count), so
** that tables tied with the observed one count whatever the rounding. Needs
** 0 <= x <= n and n >= 1 in each group: returns 0, or RL_ERR_INVALID. */
RL_API int rl_fisher_exact(int x_a, int n_a, int x_b, int n_b, rl_fisher_t *out,
    rl_error_t *err);

typedef struct rl_prop_ci {
    double p;               /* x / n */
    double lo, hi;          /* 95 % interval */
} rl_prop_ci_t;

/* The exact (Clopper-Pearson) 95 % interval of a proportion x / n, as R's binom.test:
** lo = the 2.5 % quantile of Beta(x, n - x + 1) (0 when x = 0), hi = the 97.5 % quantile
** of Beta(x + 1, n - x) (1 when x = n). Conservative: covers at least 95 %. Needs
** 0 <= x <= n, n >= 1: returns 0, RL_ERR_INVALID, or RL_ERR_NUMERIC (GSL's quantile
** failed). */
RL_API int rl_prop_ci_exact(int x, int n, rl_prop_ci_t *out, rl_error_t *err);

/* Wilson's score 95 % interval of x / n, without continuity correction, as R's
** prop.test(x, n, correct = FALSE): (x + z^2/2 -/+ z sqrt(x (n - x) / n + z^2/4)) /
** (n + z^2), z = the normal 97.5 % quantile. Needs 0 <= x <= n, n >= 1: returns 0 or
** RL_ERR_INVALID. */
RL_API int rl_prop_ci_wilson(int x, int n, rl_prop_ci_t *out, rl_error_t *err);

/* ---------------------------------------------------------------- equivalence (TOST)
** (stats_equivalence.c) */

/* Two one-sided tests: theta (a difference or a ratio of means) lies within [lo, hi] when
** both H0: theta <= lo and H0: theta >= hi are rejected at level alpha; p = max(p_lo,
** p_hi), so equivalence at level alpha is p < alpha. */
typedef struct rl_tost {
    double est;             /* mean_a - mean_b, or mean_a / mean_b (NaN / inf if mean_b = 0) */
    double mean_a, mean_b;
    double t_lo, df_lo, p_lo;   /* H0: theta <= lo, one-sided p = P(T >= t_lo) */
    double t_hi, df_hi, p_hi;   /* H0: theta >= hi, one-sided p = P(T <= t_hi) */
    double p;               /* max(p_lo, p_hi) */
    double ci_lo, ci_hi;    /* difference only: its (1 - 2 alpha) Welch interval (the test
                            ** is equivalent to this interval lying inside (lo, hi));
                            ** NaN for the ratio */
} rl_tost_t;

/* TOST for mean_a - mean_b within [lo, hi] with Welch's standard error and df:
** t_lo = (diff - lo) / se, t_hi = (diff - hi) / se (R: t.test(a, b, mu = lo, alternative =
** "greater") and t.test(a, b, mu = hi, alternative = "less"); the interval: t.test(a, b,
** conf.level = 1 - 2 alpha)). Needs na, nb >= 2, lo < hi, 0 < alpha < 0.5: returns 0 or
** RL_ERR_INVALID. If neither group has spread (se = 0), each t is +/-inf (p 0 or 1), or 0
** (p = 0.5) when the difference is exactly at the bound. */
RL_API int rl_tost_diff(const double *a, int na, const double *b, int nb, double lo,
    double hi, double alpha, rl_tost_t *out, rl_error_t *err);

/* TOST for the ratio mu_a / mu_b within [r_lo, r_hi] (e.g. "the KO rise is within 0.7-1.3
** times the WT rise"), the Fieller-type test of Hauschke, Kieser & Hothorn (1999, Biom. J.
** 41:295; also Berger & Hsu 1996, Stat. Sci. 11:283) in its unequal-variance form (Tamhane
** & Logan 2004, J. Biopharm. Stat. 14:843; R's mratios::ttestratio(var.equal = FALSE)):
** for each bound r the hypotheses are linear, H0: mu_a - r mu_b <= 0 (at r_lo) and
** H0: mu_a - r mu_b >= 0 (at r_hi), tested with
**     t_r = (mean_a - r mean_b) / sqrt(var_a / n_a + r^2 var_b / n_b)
** on the Welch-Satterthwaite df of those two variance terms (so df_lo != df_hi): it is
** Welch's t-test of a against r b (R: t.test(a, r_lo * b, alternative = "greater") and
** t.test(a, r_hi * b, alternative = "less")). These are the ratio hypotheses when
** mu_b > 0; no sign is flipped when mean_b < 0 (unlike mratios), so with 0 < r_lo < r_hi a
** negative denominator makes equivalence (nearly) impossible rather than reversing it.
** Needs na, nb >= 2, r_lo < r_hi, 0 < alpha < 0.5: returns 0 or RL_ERR_INVALID. Zero
** spread: as rl_tost_diff. */
RL_API int rl_tost_ratio(const double *a, int na, const double *b, int nb, double r_lo,
    double r_hi, double alpha, rl_tost_t *out, rl_error_t *err);

/* ---------------------------------------------------------------- ratio intervals
** (stats_fieller.c) */

/* The three shapes of a Fieller confidence set {q : (mean_a - q mean_b)^2 <= t^2 var(q)}
** (the ratios q that a t-test of mean_a - q mean_b = 0 does not reject). With t_a, t_b the
** one-sample t statistics of the two means (independent samples): */
typedef enum {
    RL_FIELLER_BOUNDED = 0,     /* [lo, hi]: the denominator differs significantly from 0
                                ** (t_b^2 > t^2) */
    RL_FIELLER_EXCLUSIVE = 1,   /* q <= lo or q >= hi: the denominator does not differ from
                                ** 0, yet some ratios are excluded (t_a^2 + t_b^2 > t^2, as
                                ** when the numerator differs from 0). In the limiting cases
                                ** lo or hi is infinite: a half-line, or, with lo = -inf and
                                ** hi = +inf, no finite ratio at all (b constant 0) */
    RL_FIELLER_UNBOUNDED = 2    /* the whole line: every ratio fits (t_a^2 + t_b^2 <= t^2) */
} rl_fieller_kind_t;

typedef struct rl_ratio_ci {
    rl_fieller_kind_t kind;
    double est;             /* mean_a / mean_b (+/-inf or NaN when mean_b = 0) */
    double lo, hi;          /* as kind says (NaN when UNBOUNDED) */
    double df;              /* the Welch df used for the t quantile */
} rl_ratio_ci_t;

/* Fieller's 95 % interval of mu_a / mu_b from two independent samples with unequal
** variances: the q with (mean_a - q mean_b)^2 <= t^2 (var_a/n_a + q^2 var_b/n_b),
** t = t(0.975, df), df the Welch-Satterthwaite df of var_a/n_a and est^2 var_b/n_b with the
** estimate plugged in (Tamhane & Logan 2004; R's mratios::ttestratio(var.equal = FALSE,
** iterativeCI = FALSE)). Where that df is undefined (mean_b = 0, or mean_a = 0 with
** var_a = 0) it is its limit there: n_b - 1, or n_a - 1 if var_b = 0 (n_a + n_b - 2 if
** both variances are 0, when t does not matter). With the df fixed so, the set is the
** inversion of Welch's test of a against q b (t.test(a, q * b)); it is not exactly the
** inversion of rl_tost_ratio's tests, whose df follow q. Needs na, nb >= 2: returns 0 or
** RL_ERR_INVALID. */
RL_API int rl_fieller_welch(const double *a, int na, const double *b, int nb,
    rl_ratio_ci_t *out, rl_error_t *err);

/* ---------------------------------------------------------------- survival (stats_survival.c) */

typedef struct rl_logrank {
    double chisq;           /* (O_a - E_a)^2 / V, 1 degree of freedom (R's survdiff) */
    double p;               /* two-sided: P(chi2_1 >= chisq) */
    double z;               /* (E_a - O_a) / sqrt(V): > 0 when group a's events come later
                            ** (longer survival, e.g. more sessions to a criterion) */
    double o_a, e_a;        /* group a's observed and expected events */
    double o_b, e_b;        /* group b's */
    double hazard_ratio;    /* (O_a / E_a) / (O_b / E_b): < 1 when a's events come later;
                            ** NaN when e_a, e_b or o_b is 0 */
    double median_a;        /* Kaplan-Meier median time of each group: the first time the */
    double median_b;        /* survival curve is <= 0.5; NaN when it never gets there */
} rl_logrank_t;

/* The log-rank test of two groups' times to an event with right censoring (Mantel-Haenszel
** form, as R's survival::survdiff with rho = 0): time_x[i] >= 0 is subject i's time to the
** event, event_x[i] 1 if the event happened then, 0 if the subject was censored then (still
** event-free when last seen). At each distinct event time t with d events among the r
** subjects at risk (time >= t; a subject censored at t is at risk at t), group a expects
** d r_a / r events with hypergeometric variance d (r_a / r)(1 - r_a / r)(r - d) / (r - 1).
** Needs na, nb >= 1: returns 0; RL_ERR_INVALID for an empty group or a negative or
** non-finite time; RL_ERR_NUMERIC when there is no event or no variance (chisq undefined:
** out->p = 1, out->z = 0 are still set). */
RL_API int rl_logrank(const double *time_a, const int *event_a, int na, const double *time_b,
    const int *event_b, int nb, rl_logrank_t *out, rl_error_t *err);

#endif
