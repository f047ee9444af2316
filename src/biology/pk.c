/* pk.c -- closed-form two-compartment cocaine kinetics ([PK-1]..[PK-4] in docs/MODEL.md).
**
** With a constant input u over an interval the body load relaxes to u/k and the brain
** concentration is the sum of a constant and two exponentials; that form has at most one
** stationary point, which gives the exact range of C over an interval (needed to bound the
** response hazard for thinning). Numerical ODE solvers were rejected: the system is linear,
** and exactness makes the event loop's cost independent of session length.
*/
#include "biology/pk.h"

#include <math.h>

void
rl_pk_init(rl_pk_t *self, double half_life_min, double ke0_per_min, double uM_per_mg_kg)
{
    self->k_el_per_s = log(2.0) / (half_life_min * 60.0); /* [PK-1] */
    self->ke0_per_s = ke0_per_min / 60.0;                 /* [PK-2] */
    self->uM_per_mg_kg = uM_per_mg_kg;
    if (fabs(self->ke0_per_s - self->k_el_per_s) < 1e-6 * self->k_el_per_s) {
        self->ke0_per_s *= 1.001;
    }
    self->memo[0].dt_s = self->memo[1].dt_s = self->memo[2].dt_s = self->memo[3].dt_s = NAN;
    self->memo_next = 0;
}

static void
decay_fill(const rl_pk_t *self, rl_pk_decay_t *m, double dt_s)
{
    m->dt_s = dt_s;
    m->e_k = exp(-self->k_el_per_s * dt_s);
    m->e_ke0 = exp(-self->ke0_per_s * dt_s);
}

void
rl_pk_pin(rl_pk_t *self, double dt_s)
{
    decay_fill(self, &self->memo[2], dt_s);
    decay_fill(self, &self->memo[3], 0.5 * dt_s);
}

/* e^{-k dt} and e^{-ke0 dt}, from the memo when dt is pinned or was one of the last two
** other intervals asked for. The memo lives in a pk that is never defined const (it is part of a mouse): filling it
** through a const view changes no observable state. */
static void
decay(const rl_pk_t *self, double dt_s, double *e_k, double *e_ke0)
{
    rl_pk_t *memo_owner = (rl_pk_t *) self;
    rl_pk_decay_t *m;
    if (self->memo[2].dt_s == dt_s) {
        m = &memo_owner->memo[2];
    } else if (self->memo[3].dt_s == dt_s) {
        m = &memo_owner->memo[3];
    } else if (self->memo[0].dt_s == dt_s) {
        m = &memo_owner->memo[0];
    } else if (self->memo[1].dt_s == dt_s) {
        m = &memo_owner->memo[1];
    } else {
        m = &memo_owner->memo[self->memo_next];
        memo_owner->memo_next = 1 - self->memo_next;
        decay_fill(self, m, dt_s);
    }
    *e_k = m->e_k;
    *e_ke0 = m->e_ke0;
}

/* Coefficients of C(t) = g + a e^{-kt} + b e^{-ke0 t} for the current input. [PK-3] */
static void
coefficients(const rl_pk_t *self, const rl_pk_state_t *st, double *g, double *a, double *b)
{
    double k = self->k_el_per_s, ke0 = self->ke0_per_s, q = self->uM_per_mg_kg;
    double a_inf = st->input_mg_per_kg_per_s / k;
    *g = q * a_inf;
    *a = q * (st->body_mg_per_kg - a_inf) * ke0 / (ke0 - k);
    *b = st->brain_uM - *g - *a;
}

void
rl_pk_advance(const rl_pk_t *self, rl_pk_state_t *st, double dt_s)
{
    double g, a, b, k = self->k_el_per_s;
    double a_inf = st->input_mg_per_kg_per_s / k;
    double ek, eke0;
    decay(self, dt_s, &ek, &eke0);
    coefficients(self, st, &g, &a, &b);
    st->body_mg_per_kg = a_inf + (st->body_mg_per_kg - a_inf) * ek;
    st->brain_uM = g + a * ek + b * eke0;
    if (st->brain_uM < 0.0) { /* rounding near zero */
        st->brain_uM = 0.0;
    }
    if (st->body_mg_per_kg < 0.0) {
        st->body_mg_per_kg = 0.0;
    }
}

double
rl_pk_brain_at(const rl_pk_t *self, const rl_pk_state_t *st, double dt_s)
{
    double g, a, b, c, ek, eke0;
    decay(self, dt_s, &ek, &eke0);
    coefficients(self, st, &g, &a, &b);
    c = g + a * ek + b * eke0;
    return c > 0.0 ? c : 0.0;
}

double
rl_pk_brain_integral(const rl_pk_t *self, const rl_pk_state_t *st, double dt_s)
{
    double g, a, b, k = self->k_el_per_s, ke0 = self->ke0_per_s;
    coefficients(self, st, &g, &a, &b);
    return g * dt_s - a * expm1(-k * dt_s) / k - b * expm1(-ke0 * dt_s) / ke0;
}

double
rl_pk_brain_step(const rl_pk_t *self, const rl_pk_state_t *st, double dt_s, rl_pk_step_t *out)
{
    double half = 0.5 * dt_s, c;
    coefficients(self, st, &out->g, &out->a, &out->b);
    out->dt_s = dt_s;
    decay(self, half, &out->e_k, &out->e_ke0); /* as rl_pk_brain_at(self, st, half) */
    c = out->g + out->a * out->e_k + out->b * out->e_ke0;
    return c > 0.0 ? c : 0.0;
}

double
rl_pk_step_integral(const rl_pk_t *self, const rl_pk_step_t *step)
{
    /* 1 - e^{-k dt} = 1 - (e^{-k dt/2})^2 = (1 - e)(1 + e) */
    return step->g * step->dt_s
        + step->a * (1.0 - step->e_k) * (1.0 + step->e_k) / self->k_el_per_s
        + step->b * (1.0 - step->e_ke0) * (1.0 + step->e_ke0) / self->ke0_per_s;
}

/* Over [t0, t1], with x0, x1 = e^{-k t0}, e^{-k t1} (x1 <= x0), coef x <= coef x0 if
** coef > 0, else <= coef x1. */
static double
term_max(double coef, double x0, double x1)
{
    return coef > 0.0 ? coef * x0 : coef * x1;
}

double
rl_pk_step_upper(const rl_pk_step_t *step)
{
    double ek = step->e_k, ek0 = step->e_ke0;
    double first = step->g + term_max(step->a, 1.0, ek) + term_max(step->b, 1.0, ek0);
    double second = step->g + term_max(step->a, ek, ek * ek) + term_max(step->b, ek0, ek0 * ek0);
    return first > second ? first : second;
}

void
rl_pk_brain_range(const rl_pk_t *self, const rl_pk_state_t *st, double dt_s, double *lo_out,
    double *hi_out)
{
    double g, a, b, k = self->k_el_per_s, ke0 = self->ke0_per_s;
    double c0, c1, lo, hi, ratio;
    coefficients(self, st, &g, &a, &b);
    c0 = st->brain_uM;
    c1 = rl_pk_brain_at(self, st, dt_s);
    lo = fmin(c0, c1);
    hi = fmax(c0, c1);
    /* [PK-4] C'(t) = 0  <=>  e^{(ke0-k) t} = -ke0 b / (k a): at most one root. */
    if (a != 0.0) {
        ratio = -ke0 * b / (k * a);
        if (ratio > 0.0) {
            double ts = log(ratio) / (ke0 - k);
            if (ts > 0.0 && ts < dt_s) {
                double cs = rl_pk_brain_at(self, st, ts);
                lo = fmin(lo, cs);
                hi = fmax(hi, cs);
            }
        }
    }
    *lo_out = lo;
    *hi_out = hi;
}

double
rl_pk_brain_min(const rl_pk_t *self, const rl_pk_state_t *st, double dt_s)
{
    double g, a, b, k = self->k_el_per_s, ke0 = self->ke0_per_s;
    double lo = fmin(st->brain_uM, rl_pk_brain_at(self, st, dt_s));
    coefficients(self, st, &g, &a, &b);
    /* [PK-4] at the stationary point C'' = a k e^{-kt} (k - ke0): it is a minimum only when
    ** a (k - ke0) > 0, and only then can it lower the ends' minimum (as rl_pk_brain_range) */
    if (a * (k - ke0) > 0.0) {
        double ratio = -ke0 * b / (k * a);
        if (ratio > 0.0) {
            double ts = log(ratio) / (ke0 - k);
            if (ts > 0.0 && ts < dt_s) {
                lo = fmin(lo, rl_pk_brain_at(self, st, ts));
            }
        }
    }
    return lo;
}

double
rl_pk_bolus_tmax_s(const rl_pk_t *self)
{
    double k = self->k_el_per_s, ke0 = self->ke0_per_s;
    return log(ke0 / k) / (ke0 - k);
}
