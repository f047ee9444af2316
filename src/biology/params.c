/* params.c -- the parameter table and individual variability.
**
** The table is generated from the RL_PARAMS X-macro in params.h so that the struct, the
** documentation and the draws cannot disagree; each row's basis token (MEASURED, ...)
** becomes the rl_param_basis_t of the same name. Individual values are log-normal around
** the table value with the table's CV (mean preserved), clipped to the plausible range.
*/
#include "relapselab/params.h"

#include <errno.h>
#include <stdlib.h>

#include <math.h>
#include <stddef.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "relapselab/error.h"

#define RL_PARAM_ROW_(name, value, unit, cv, lo, hi, eq, basis, source, meaning) \
    {#name, value, unit, cv, lo, hi, eq, RL_BASIS_##basis, source, meaning,          \
        offsetof(rl_params_t, name)},
static const rl_param_info_t param_table[] = {RL_PARAMS(RL_PARAM_ROW_)};
#undef RL_PARAM_ROW_

size_t
rl_param_count(void)
{
    return sizeof param_table / sizeof param_table[0];
}

const rl_param_info_t *
rl_param_info(size_t i)
{
    return i < rl_param_count() ? &param_table[i] : NULL;
}

static const char *const basis_names[RL_PARAM_BASIS_COUNT] = {
    [RL_BASIS_MEASURED] = "measured",
    [RL_BASIS_DERIVED] = "derived",
    [RL_BASIS_CALIBRATED] = "calibrated",
    [RL_BASIS_ASSUMED] = "assumed",
};

const char *
rl_param_basis_name(rl_param_basis_t basis)
{
    return (unsigned) basis < RL_PARAM_BASIS_COUNT ? basis_names[basis] : NULL;
}

int
rl_param_basis_find(const char *name)
{
    int b;
    for (b = 0; b < RL_PARAM_BASIS_COUNT; b++) {
        if (strcmp(basis_names[b], name) == 0) {
            return b;
        }
    }
    return -1;
}

int
rl_param_find(const char *name)
{
    size_t i;
    for (i = 0; i < rl_param_count(); i++) {
        if (strcmp(param_table[i].name, name) == 0) {
            return (int) i;
        }
    }
    return -1;
}

static double *
slot(rl_params_t *p, size_t i)
{
    return (double *) (void *) ((char *) p + param_table[i].offset);
}

double
rl_params_get(const rl_params_t *p, size_t i)
{
    return *(const double *) (const void *) ((const char *) p + param_table[i].offset);
}

void
rl_params_default(rl_params_t *out)
{
    size_t i;
    memset(out, 0, sizeof *out);
    for (i = 0; i < rl_param_count(); i++) {
        *slot(out, i) = param_table[i].value;
    }
}

void
rl_params_draw(rl_params_t *out, const rl_params_t *base, gsl_rng *r)
{
    size_t i;
    if (base != NULL) {
        *out = *base;
    } else {
        rl_params_default(out);
    }
    for (i = 0; i < rl_param_count(); i++) {
        const rl_param_info_t *row = &param_table[i];
        double sigma, v;
        if (row->cv <= 0.0) {
            continue;
        }
        sigma = sqrt(log1p(row->cv * row->cv));
        v = *slot(out, i) * exp(sigma * gsl_ran_ugaussian(r) - 0.5 * sigma * sigma);
        if (v < row->lo) {
            v = row->lo;
        }
        if (v > row->hi) {
            v = row->hi;
        }
        *slot(out, i) = v;
    }
}

int
rl_params_set(rl_params_t *p, const char *assignment, struct rl_error *err)
{
    const char *eq = strchr(assignment, '=');
    char name[64], *end;
    size_t len;
    double v;
    int i;
    if (eq == NULL || eq == assignment || (len = (size_t) (eq - assignment)) >= sizeof name) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "parameter setting '%s' is not NAME=VALUE", assignment);
    }
    memcpy(name, assignment, len);
    name[len] = '\0';
    i = rl_param_find(name);
    if (i < 0) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "unknown parameter '%s' (see relapselab params)", name);
    }
    errno = 0;
    v = strtod(eq + 1, &end);
    if (errno != 0 || end == eq + 1 || *end != '\0' || !isfinite(v)) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "parameter %s: '%s' is not a number", name, eq + 1);
    }
    if (v < param_table[i].lo || v > param_table[i].hi) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "parameter %s = %g is outside its plausible range [%g, %g] %s", name, v,
            param_table[i].lo, param_table[i].hi, param_table[i].unit);
    }
    *slot(p, (size_t) i) = v;
    return 0;
}
