/* stats_oneway.c -- the one-way between-subjects ANOVA and Holm's adjustment of p-values
** (see stats.h), for comparisons of more than two groups (`summary --compare`, compare.h).
**
** The ANOVA partitions the total sum of squares of n values into between groups
** (sum of n_g (mean_g - grand)^2) and within groups, with the usual F ratio on
** (n_groups - 1, n - n_groups) df; sums use two passes (means first). Holm's step-down
** procedure sorts a copy of the p-values (ties in index order, as R's order() does) and
** takes the running maximum of (n - i) p_(i), capped at 1.
*/
#include "relapselab/rng.h"
#include "relapselab/stats.h"
#include "core/alloc.h"
#include "analysis/stats_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int
rl_anova_oneway(const double *y, const int *group, int n, int n_groups, rl_anova_oneway_t *out,
    rl_error_t *err)
{
    double *mean = NULL, grand = 0.0, ss_b = 0.0, ss_w = 0.0;
    int *count = NULL, i, g, ret = 0;

    rl_gsl_setup();
    memset(out, 0, sizeof *out);
    if (n_groups < 2 || n <= n_groups) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "one-way ANOVA needs >= 2 groups and more values than groups (got %d values in %d "
            "groups)", n, n_groups);
    }
    mean = rl_calloc((size_t) n_groups, sizeof *mean);
    count = rl_calloc((size_t) n_groups, sizeof *count);
    if (mean == NULL || count == NULL) {
        ret = rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    for (i = 0; i < n; i++) {
        if (group[i] < 0 || group[i] >= n_groups || !isfinite(y[i])) {
            ret = rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
                "one-way ANOVA: value %d has group %d or is not finite", i, group[i]);
            goto out;
        }
        mean[group[i]] += y[i];
        count[group[i]]++;
        grand += y[i];
    }
    grand /= n;
    for (g = 0; g < n_groups; g++) {
        if (count[g] == 0) {
            ret = rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
                "one-way ANOVA: group %d has no values", g);
            goto out;
        }
        mean[g] /= count[g];
        ss_b += count[g] * (mean[g] - grand) * (mean[g] - grand);
    }
    for (i = 0; i < n; i++) {
        double d = y[i] - mean[group[i]];
        ss_w += d * d;
    }
    rl_stats_effect(&out->group, ss_b, n_groups - 1, ss_w, n - n_groups);
    out->ss_error = ss_w;
    out->ss_total = ss_b + ss_w;
out:
    free(mean);
    free(count);
    return ret;
}

/* A p-value and where it came from, sorted by p, ties in index order (R's order()). */
typedef struct ranked {
    double p;
    int i;
} ranked_t;

static int
by_p(const void *a, const void *b)
{
    const ranked_t *x = a, *y = b;
    if (x->p != y->p) {
        return x->p < y->p ? -1 : 1;
    }
    return (x->i > y->i) - (x->i < y->i);
}

int
rl_p_adjust_holm(const double *p, int n, double *adj, rl_error_t *err)
{
    ranked_t *r;
    double run = 0.0;
    int i;

    if (n < 1) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "Holm: no p-values");
    }
    for (i = 0; i < n; i++) {
        if (!(p[i] >= 0.0 && p[i] <= 1.0)) {
            return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
                "Holm: p-value %d is %g, not in [0, 1]", i + 1, p[i]);
        }
    }
    if ((r = rl_malloc((size_t) n * sizeof *r)) == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    for (i = 0; i < n; i++) {
        r[i].p = p[i];
        r[i].i = i;
    }
    qsort(r, (size_t) n, sizeof *r, by_p);
    for (i = 0; i < n; i++) { /* adj may alias p: r holds the values */
        run = fmax(run, fmin(1.0, (double) (n - i) * r[i].p));
        adj[r[i].i] = run;
    }
    free(r);
    return 0;
}
