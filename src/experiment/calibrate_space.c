/* calibrate_space.c -- the calibration's search space and loss, as plain functions
** (calibrate_internal.h): parameters by name over their plausible ranges, the position of a
** value within its range (linear, or logarithmic for ranges spanning a decade or more), the
** logit transform that gives the local search unbounded coordinates, the Latin-hypercube
** design (McKay, Beckman & Conover 1979), and the squared shortfall of a rate from its
** target. Nothing here runs a simulation.
*/
#include <math.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "relapselab/params.h"

#include "calibrate_internal.h"
#include "validate_internal.h"

int
rl_cal_dim_set(rl_cal_dim_t *d, int param, const rl_param_info_t *p, rl_error_t *err)
{
    if (!(p->hi > p->lo)) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "parameter '%s' has no range to search (plausible range [%g, %g])", p->name,
            p->lo, p->hi);
    }
    d->param = param;
    d->name = p->name;
    d->lo = p->lo;
    d->hi = p->hi;
    d->log = p->lo > 0.0 && p->hi / p->lo >= 10.0;
    return 0;
}

int
rl_cal_space(const char *const *names, int n, rl_cal_dim_t *dims, rl_error_t *err)
{
    int k, j, idx, ret;

    if (n < 1) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "no parameter to calibrate (name at least one)");
    }
    if (n > RL_CALIBRATE_MAX_PARAMS) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "%d parameters to calibrate: at most %d", n, RL_CALIBRATE_MAX_PARAMS);
    }
    for (k = 0; k < n; k++) {
        if (names[k] == NULL || (idx = rl_param_find(names[k])) < 0) {
            return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
                "unknown parameter '%s' (relapselab params lists them)",
                names[k] != NULL ? names[k] : "");
        }
        for (j = 0; j < k; j++) {
            if (dims[j].param == idx) {
                return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
                    "parameter '%s' is named twice", names[k]);
            }
        }
        if ((ret = rl_cal_dim_set(&dims[k], idx, rl_param_info((size_t) idx), err)) != 0) {
            return ret;
        }
    }
    return 0;
}

double
rl_cal_to_unit(const rl_cal_dim_t *d, double x)
{
    double u;
    if (x <= d->lo) {
        return 0.0;
    }
    if (x >= d->hi) {
        return 1.0;
    }
    u = d->log ? (log(x) - log(d->lo)) / (log(d->hi) - log(d->lo))
               : (x - d->lo) / (d->hi - d->lo);
    return u < 0.0 ? 0.0 : u > 1.0 ? 1.0 : u;
}

double
rl_cal_from_unit(const rl_cal_dim_t *d, double u)
{
    double x;
    if (!(u > 0.0)) { /* also NaN */
        return d->lo;
    }
    if (u >= 1.0) {
        return d->hi;
    }
    x = d->log ? exp(log(d->lo) + u * (log(d->hi) - log(d->lo)))
               : d->lo + u * (d->hi - d->lo);
    return x < d->lo ? d->lo : x > d->hi ? d->hi : x;
}

double
rl_cal_to_free(const rl_cal_dim_t *d, double x)
{
    double u = rl_cal_to_unit(d, x);
    u = u < RL_CAL_EDGE ? RL_CAL_EDGE : u > 1.0 - RL_CAL_EDGE ? 1.0 - RL_CAL_EDGE : u;
    return log(u / (1.0 - u));
}

double
rl_cal_from_free(const rl_cal_dim_t *d, double z)
{
    /* the logistic function, in the form that neither overflows nor loses the small tail */
    double u = z >= 0.0 ? 1.0 / (1.0 + exp(-z)) : exp(z) / (1.0 + exp(z));
    return rl_cal_from_unit(d, u);
}

void
rl_cal_lhs(gsl_rng *r, int n, int dims, double *u, size_t *perm)
{
    int i, j;
    for (j = 0; j < dims; j++) {
        for (i = 0; i < n; i++) {
            perm[i] = (size_t) i;
        }
        gsl_ran_shuffle(r, perm, (size_t) n, sizeof *perm);
        for (i = 0; i < n; i++) {
            double top = (double) (perm[i] + 1) / n;
            double v = ((double) perm[i] + gsl_rng_uniform_pos(r)) / n;
            /* (k + v) / n can round up onto the next stratum's edge: keep it inside */
            u[(size_t) i * (size_t) dims + (size_t) j] = v < top ? v : nextafter(top, 0.0);
        }
    }
}

double
rl_cal_shortfall(rl_cal_dir_t dir, double target, double high, double x)
{
    double d = dir == RL_CAL_RANGE  ? rl_v_range_miss(target, high, x)
        : dir == RL_CAL_AT_LEAST    ? target - x
        : dir == RL_CAL_AT_MOST     ? x - target
                                    : 0.0;
    return d > 0.0 ? d * d : 0.0;
}

double
rl_cal_file_loss(const rl_cal_dir_t *dir, const double *target, const double *high,
    const double *x, int n)
{
    double sum = 0.0;
    int k, m = 0;
    for (k = 0; k < n; k++) {
        if (dir[k] != RL_CAL_INFO) {
            sum += rl_cal_shortfall(dir[k], target[k], high[k], x[k]);
            m++;
        }
    }
    return m > 0 ? sum / m : 0.0;
}

const char *
rl_cal_stage_name(int stage)
{
    return stage == CAL_REFERENCE ? "reference" : stage == CAL_DESIGN ? "design" : "local";
}
