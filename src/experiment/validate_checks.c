/* validate_checks.c -- a check's values and its test on one virtual study (see
** validate_internal.h).
**
** A mouse's value of a check's measure comes from its subject x phase row of the measures
** module (minus another measure of the same row, for "the test's responses above the
** extinction baseline") or over a measure of another phase, from the mean of its first
** sessions' responses (each over a measure of another phase, if asked), from the
** day-to-day CV of its per-session counts, or from an activity index. Tests here: Student's or Welch's t-test between two groups (Hedges' g of
** A - B as the effect); the group x session repeated-measures ANOVA's group effect for a
** per-session measure (its p replaces the t-test's, whose g stays the effect); the share
** of each group's mice meeting a yes/no measure (the lowest share as the effect). The
** other tests are in validate_estimates.c.
*/
#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "validate_internal.h"

/* The phase of mouse x's procedure named `phase` (a name, else a kind), or -1. */
static int
phase_named(const rl_validation_t *v, const mouse_t *x, const char *phase)
{
    const rl_protocol_t *p = v->protocol;
    return rl_procedure_phase_find(&p->procedures[p->groups[x->group].procedure], phase);
}

static int
phase_of(const rl_validation_t *v, const mouse_t *x, const rl_claim_measure_t *m)
{
    return phase_named(v, x, m->phase);
}

/* The coefficient of variation (SD / mean) of the n values x; NaN below 2 values or with a
** mean of 0. */
static double
cv_of(const double *x, int n)
{
    rl_mean_sem_t ms = rl_mean_sem(x, n);
    return n >= 2 && ms.mean != 0.0 ? ms.sem * sqrt((double) n) / ms.mean : NAN;
}

/* The denominator of measure m's `over` for mouse x: 1 without one; NaN where it does not
** apply or is 0. */
static double
over_of(const rl_validation_t *v, const mouse_t *x, const rl_claim_measure_t *m)
{
    int oph;
    double den;
    if (m->over < 0) {
        return 1.0;
    }
    oph = phase_named(v, x, m->over_phase);
    den = oph >= 0 && x->ran[oph] ? x->v[oph][m->over] : NAN;
    return den != 0.0 ? den : NAN;
}

double
rl_v_value_in(const rl_validation_t *v, const mouse_t *x, const rl_claim_measure_t *m,
    const char *phase, int region)
{
    int ph = phase_named(v, x, phase), j;
    double sum = 0.0, val;
    if (ph < 0 || !x->ran[ph]) {
        return NAN;
    }
    if (m->measure < 0) {
        return x->activity[ph][region >= 0 ? region : m->region];
    }
    if (m->session_cv) {
        return cv_of(m->measure == RL_M_REINFORCERS ? x->first_rf[ph] : x->first[ph],
            x->n_first[ph]);
    }
    if (m->first_sessions > 0) {
        if (x->n_first[ph] < m->first_sessions) {
            return NAN;
        }
        for (j = 0; j < m->first_sessions; j++) {
            sum += x->first[ph][j];
        }
        return sum / m->first_sessions / over_of(v, x, m);
    }
    val = x->v[ph][m->measure];
    if (m->minus >= 0) {
        return val - x->v[ph][m->minus];
    }
    return val / over_of(v, x, m);
}

double
rl_v_value(const rl_validation_t *v, const mouse_t *x, const rl_claim_measure_t *m, int region)
{
    return rl_v_value_in(v, x, m, m->phase, region);
}

int
rl_v_values(const rl_validation_t *v, int g, const rl_claim_measure_t *m, int region,
    double *out)
{
    int i, n = 0;
    for (i = 0; i < v->n_mice; i++) {
        double val;
        if (v->mice[i].group == g && !isnan(val = rl_v_value(v, &v->mice[i], m, region))) {
            out[n++] = val;
        }
    }
    return n;
}

/* p of the group main effect of the group x session ANOVA of measure m's first sessions,
** groups ga (coded 1) and gb (0); -1 if it cannot be computed. */
static double
anova_p(rl_validation_t *v, const rl_claim_measure_t *m, int ga, int gb)
{
    int k = m->first_sessions, i, j, n = 0;
    int *grp = rl_malloc(((size_t) v->n_mice + 1) * sizeof *grp);
    rl_anova_mixed_t an;
    rl_error_t err;
    double p = -1.0;

    if (grp == NULL) {
        return -1.0;
    }
    for (i = 0; i < v->n_mice; i++) {
        const mouse_t *x = &v->mice[i];
        int ph;
        double den;
        if ((x->group != ga && x->group != gb) || (ph = phase_of(v, x, m)) < 0
            || x->n_first[ph] < k || isnan(den = over_of(v, x, m))) {
            continue;
        }
        for (j = 0; j < k; j++) {
            v->a[(size_t) n * (size_t) k + (size_t) j] = x->first[ph][j] / den;
        }
        grp[n++] = x->group == ga;
    }
    if (rl_anova_mixed(v->a, grp, n, 2, k, &an, &err) == 0) {
        p = an.group.p;
    }
    free(grp);
    return p;
}

int
rl_v_compare(rl_validation_t *v, const rl_claim_check_t *check, int ga, int gb, int region,
    rl_ttest_t *t)
{
    const rl_claim_measure_t *m = &check->measure;
    rl_error_t err;
    int na = rl_v_values(v, ga, m, region, v->a), nb = rl_v_values(v, gb, m, region, v->b);
    int ret = check->test == RL_CLAIM_WELCH ? rl_ttest_welch(v->a, na, v->b, nb, t, &err)
                                            : rl_ttest_student(v->a, na, v->b, nb, t, &err);
    if (ret != 0) {
        return -1;
    }
    if (check->test == RL_CLAIM_RM_ANOVA) {
        double p = anova_p(v, m, ga, gb);
        if (p >= 0.0) {
            t->p = p;
        }
    }
    return 0;
}

/* A proportion check: every group's share of mice meeting the measure >= threshold
** (each_at_least; the effect is the lowest share) or <= threshold (each_at_most; the
** highest share). */
static void
test_proportion(rl_validation_t *v, row_t *row, int s)
{
    const rl_claim_check_t *c = row->check;
    int most = c->expect == RL_EXPECT_EACH_AT_MOST, k, all = 1;
    double worst = most ? 0.0 : 1.0;
    for (k = 0; k < c->n_pairs; k++) {
        int n = rl_v_values(v, c->group_a[k], &c->measure, -1, v->a), i, met = 0;
        double share;
        for (i = 0; i < n; i++) {
            met += v->a[i] == 1.0;
        }
        share = n > 0 ? (double) met / n : 0.0;
        worst = most ? fmax(worst, share) : fmin(worst, share);
        all &= n > 0 && (most ? share <= c->threshold : share >= c->threshold);
    }
    row->effect[row->tested++] = 100.0 * worst;
    row->holds += all && c->n_pairs > 0;
    if (s == 0) {
        row->rep_a.mean = 100.0 * worst;
        row->rep_a.n = c->n_pairs;
    }
}

void
rl_v_judge(const rl_validation_t *v, row_t *row, double p, double diff, double effect)
{
    double alpha = v->claims->alpha;
    row->effect[row->tested++] = effect;
    switch (row->check->expect) {
    case RL_EXPECT_LOWER: row->holds += p < alpha && diff < 0.0; break;
    case RL_EXPECT_HIGHER: row->holds += p < alpha && diff > 0.0; break;
    case RL_EXPECT_REPORT:
        row->higher += p < alpha && diff > 0.0;
        row->lower += p < alpha && diff < 0.0;
        break;
    default: row->holds += p < alpha; break; /* different; no_difference: a difference */
    }
}

void
rl_v_test_row(rl_validation_t *v, row_t *row, int s)
{
    const rl_claim_check_t *c = row->check;
    int ga, gb, n;
    rl_ttest_t t;

    if (c->test == RL_CLAIM_PROPORTION) {
        test_proportion(v, row, s);
        return;
    }
    if (rl_v_test_estimate(v, row, s)) {
        return;
    }
    ga = c->group_a[row->pair];
    gb = c->group_b[row->pair];
    if (rl_v_compare(v, c, ga, gb, row->region, &t) != 0) {
        return;
    }
    rl_v_judge(v, row, t.p, t.diff, isfinite(t.hedges_g) ? t.hedges_g : 0.0);
    if (s == 0) {
        n = rl_v_values(v, ga, &c->measure, row->region, v->a);
        row->rep_a = rl_mean_sem(v->a, n);
        n = rl_v_values(v, gb, &c->measure, row->region, v->a);
        row->rep_b = rl_mean_sem(v->a, n);
        row->rep_p = t.p;
    }
}

const char *
rl_v_effect_name(const rl_claim_check_t *c)
{
    switch (c->test) {
    case RL_CLAIM_PAIRED: return "d_z";
    case RL_CLAIM_FISHER: return "diff %";
    case RL_CLAIM_TREND: return "slope";
    case RL_CLAIM_TOST_DIFF: return "A-B";
    case RL_CLAIM_TOST_RATIO:
    case RL_CLAIM_RATIO: return "A/B";
    case RL_CLAIM_DESCRIBE: return rl_claim_statistic_name(c->statistic);
    case RL_CLAIM_LOGRANK: return "HR";
    case RL_CLAIM_PROPORTION: return "% meeting";
    default: return NULL;
    }
}

double
rl_v_rate(const row_t *row)
{
    return row->tested > 0 ? (double) row->holds / row->tested : 0.0;
}

int
rl_v_meets(const row_t *row)
{
    const rl_claim_check_t *c = row->check;
    if (!c->has_target) {
        return 1;
    }
    return c->expect == RL_EXPECT_NO_DIFFERENCE ? rl_v_rate(row) <= c->target + 1e-12
                                                : rl_v_rate(row) >= c->target - 1e-12;
}
