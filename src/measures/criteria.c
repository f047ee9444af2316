/* criteria.c -- acquisition and extinction criteria (see criteria.h for definitions). */
#include "measures/criteria.h"

#include <math.h>

/* Counts are added as doubles: a database's counts are not trusted to be small (their sum
** in int64_t could overflow); below 2^53 the result is the same. */
static bool
session_ok(const rl_criterion_t *c, const rl_session_result_t *s)
{
    double pokes = (double) s->active + (double) s->inactive;
    if (s->reinforcers < c->min_reinforcers) {
        return false;
    }
    if (pokes == 0) {
        return c->min_active_fraction <= 0.0;
    }
    return (double) s->active / pokes >= c->min_active_fraction;
}

bool
rl_criterion_acquisition_met(const rl_criterion_t *c, const rl_session_result_t *s, int n)
{
    int k = c->consecutive, i;
    double mean = 0.0;
    if (k < 1 || n < k) {
        return false;
    }
    for (i = n - k; i < n; i++) {
        if (!session_ok(c, &s[i])) {
            return false;
        }
        mean += (double) s[i].reinforcers;
    }
    mean /= k;
    for (i = n - k; i < n; i++) {
        if (fabs((double) s[i].reinforcers - mean) > c->max_deviation * mean) {
            return false;
        }
    }
    return true;
}

double
rl_criterion_reference(const rl_criterion_t *c, const rl_session_result_t *s, int n)
{
    int k = c->consecutive > 0 ? c->consecutive : 1, end, i;
    double sum = 0.0;
    if (n <= 0) {
        return 0.0;
    }
    for (end = n; end >= k; end--) {
        if (rl_criterion_acquisition_met(c, s, end)) {
            break;
        }
    }
    if (end < k) { /* never met: the last k sessions (or all) */
        end = n;
    }
    if (k > end) {
        k = end;
    }
    for (i = end - k; i < end; i++) {
        sum += (double) s[i].active;
    }
    return sum / k;
}

bool
rl_criterion_extinction_met(const rl_criterion_t *c, double reference,
    const rl_session_result_t *s, int n)
{
    int k = c->consecutive, i;
    if (k < 1 || n < k) {
        return false;
    }
    for (i = n - k; i < n; i++) {
        if (!((double) s[i].active < c->max_fraction_of_reference * reference)) {
            return false;
        }
    }
    return true;
}
