/* test_pk.c -- closed-form cocaine kinetics against known answers ([PK-1]..[PK-4]).
**
** Known answers: (1) first-order elimination halves the body load in one half-life;
** (2) the Tsibulsky & Norman satiety-threshold law: after an infusion D at the threshold
** A_ST, the load is back at A_ST after T = (t1/2 / ln 2) ln(1 + D/A_ST) -- for the mouse
** values A_ST = 1.3 mg/kg, t1/2 = 8.1 min, D = 1 mg/kg, T = 6.67 min (table in
** ../shared/research/model-anchors.md section 3A); (3) the effect-site solution after a
** bolus, q D ke0/(ke0 - k) (e^{-kt} - e^{-ke0 t}), peaking at ln(ke0/k)/(ke0 - k);
** (4) an independent reference: the same ODEs integrated by GSL's rk8pd; (5) the
** interval range equals a dense scan; (6) the interval integral equals GSL's adaptive
** quadrature of C(t).
*/
#include <math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_odeiv2.h>

#include "biology/pk.h"
#include "testlib.h"

static void
half_life(void)
{
    rl_pk_t pk;
    rl_pk_state_t st = {2.0, 0.0, 0.0};
    rl_pk_init(&pk, 8.1, 1.5, 0.9);
    rl_pk_advance(&pk, &st, 8.1 * 60.0);
    CHECK_CLOSE(st.body_mg_per_kg, 1.0, 0.0, 1e-12);
}

static void
satiety_threshold_law(void)
{
    rl_pk_t pk;
    double a_st = 1.3, d = 1.0, t_min = 8.1 / log(2.0) * log(1.0 + d / a_st);
    rl_pk_state_t st = {a_st + d, 0.0, 0.0};
    CHECK_CLOSE(t_min, 6.67, 0.005, 0.0); /* the published table rounds to 0.01 min */
    rl_pk_init(&pk, 8.1, 1.5, 0.9);
    rl_pk_advance(&pk, &st, t_min * 60.0);
    CHECK_CLOSE(st.body_mg_per_kg, a_st, 0.0, 1e-12);
}

static void
bolus_effect_site(void)
{
    rl_pk_t pk;
    double q = 0.9, dose = 1.0, k, ke0, t;
    rl_pk_init(&pk, 8.1, 1.5, q);
    k = pk.k_el_per_s;
    ke0 = pk.ke0_per_s;
    for (t = 0.0; t <= 3600.0; t += 97.0) {
        rl_pk_state_t st = {dose, 0.0, 0.0};
        double want = q * dose * ke0 / (ke0 - k) * (exp(-k * t) - exp(-ke0 * t));
        CHECK_CLOSE(rl_pk_brain_at(&pk, &st, t), want, 1e-12, 1e-10);
    }
    /* Brain Tmax after an i.v. bolus: ~1-3 min in the mouse (BRIEF 3.1). */
    CHECK(rl_pk_bolus_tmax_s(&pk) > 60.0 && rl_pk_bolus_tmax_s(&pk) < 180.0);
    {
        rl_pk_state_t st = {dose, 0.0, 0.0};
        double tm = rl_pk_bolus_tmax_s(&pk);
        CHECK(rl_pk_brain_at(&pk, &st, tm) > rl_pk_brain_at(&pk, &st, tm - 1.0));
        CHECK(rl_pk_brain_at(&pk, &st, tm) > rl_pk_brain_at(&pk, &st, tm + 1.0));
    }
}

static int
rhs(double t, const double y[], double f[], void *params)
{
    const double *c = params; /* k, ke0, q, u */
    (void) t;
    f[0] = c[3] - c[0] * y[0];
    f[1] = c[1] * (c[2] * y[0] - y[1]);
    return GSL_SUCCESS;
}

static void
against_ode_solver(void)
{
    rl_pk_t pk;
    rl_pk_state_t st = {0.4, 0.7, 1.0 / 2.0}; /* mid-infusion of 1 mg/kg over 2 s */
    double c[4], y[2], t = 0.0, step;
    gsl_odeiv2_system sys;
    gsl_odeiv2_driver *drv;
    rl_pk_init(&pk, 7.3, 2.1, 1.1);
    c[0] = pk.k_el_per_s;
    c[1] = pk.ke0_per_s;
    c[2] = pk.uM_per_mg_kg;
    c[3] = st.input_mg_per_kg_per_s;
    y[0] = st.body_mg_per_kg;
    y[1] = st.brain_uM;
    sys.function = rhs;
    sys.jacobian = NULL;
    sys.dimension = 2;
    sys.params = c;
    drv = gsl_odeiv2_driver_alloc_y_new(&sys, gsl_odeiv2_step_rk8pd, 1e-3, 1e-12, 1e-12);
    for (step = 0; step < 20; step++) {
        double dt = step < 5 ? 0.37 : 41.0; /* through the infusion and well after */
        if (step == 5) {
            c[3] = 0.0; /* the infusion stops */
            st.input_mg_per_kg_per_s = 0.0;
            gsl_odeiv2_driver_reset(drv);
        }
        CHECK(gsl_odeiv2_driver_apply(drv, &t, t + dt, y) == GSL_SUCCESS);
        rl_pk_advance(&pk, &st, dt);
        CHECK_CLOSE(st.body_mg_per_kg, y[0], 1e-10, 1e-8);
        CHECK_CLOSE(st.brain_uM, y[1], 1e-10, 1e-8);
    }
    gsl_odeiv2_driver_free(drv);
}

static void
range_matches_scan(void)
{
    rl_pk_t pk;
    int trial;
    rl_pk_init(&pk, 8.1, 1.5, 0.9);
    for (trial = 0; trial < 4; trial++) {
        rl_pk_state_t st[4] = {{1.0, 0.0, 0.0}, {0.2, 1.5, 0.0}, {0.5, 0.1, 0.5}, {2.0, 1.8, 0.0}};
        double lo, hi, slo = 1e300, shi = -1e300, dt = 400.0, t;
        rl_pk_brain_range(&pk, &st[trial], dt, &lo, &hi);
        for (t = 0.0; t <= dt; t += 0.01) {
            double c = rl_pk_brain_at(&pk, &st[trial], t);
            slo = fmin(slo, c);
            shi = fmax(shi, c);
        }
        CHECK(lo <= slo + 1e-12 && hi >= shi - 1e-12);
        CHECK_CLOSE(lo, slo, 1e-6, 0.0);
        CHECK_CLOSE(hi, shi, 1e-6, 0.0);
    }
}

/* [PK-4] rl_pk_brain_min, which skips the stationary point when it is a maximum, gives
** rl_pk_brain_range's minimum and bounds a fine scan from below: states with the stationary
** point a maximum (after a bolus), a minimum (an infusion starting while the brain level
** falls: a < 0), none, and with none inside the interval. */
static void
brain_min_matches_range(void)
{
    static const rl_pk_state_t states[] = {
        {1.0, 0.0, 0.0}, {0.2, 1.5, 0.0}, {0.5, 0.1, 0.5}, {2.0, 1.8, 0.0}, {0.0, 2.0, 0.05},
        {0.05, 3.0, 0.02}, {0.0, 0.0, 0.5}, {0.0, 0.0, 0.0},
    };
    static const double dts[] = {0.5, 30.0, 400.0, 3600.0};
    rl_pk_t pk;
    size_t i, j;
    int interior_min = 0;
    rl_pk_init(&pk, 8.1, 1.5, 0.9);
    for (i = 0; i < sizeof states / sizeof states[0]; i++) {
        for (j = 0; j < sizeof dts / sizeof dts[0]; j++) {
            double lo, hi, m = rl_pk_brain_min(&pk, &states[i], dts[j]), slo = 1e300, t;
            rl_pk_brain_range(&pk, &states[i], dts[j], &lo, &hi);
            CHECK_CLOSE(m, lo, 1e-15, 1e-14);
            for (t = 0.0; t <= dts[j]; t += dts[j] / 20000.0) {
                slo = fmin(slo, rl_pk_brain_at(&pk, &states[i], t));
            }
            CHECK(m <= slo + 1e-12);
            interior_min += m < fmin(states[i].brain_uM,
                rl_pk_brain_at(&pk, &states[i], dts[j])) - 1e-9;
        }
    }
    CHECK(interior_min > 0); /* the minimum inside an interval was exercised */
}

/* For brain_integral: C(t) after a state, as a GSL function. */
typedef struct brain_fn {
    const rl_pk_t *pk;
    const rl_pk_state_t *st;
} brain_fn_t;

static double
brain_of_t(double t, void *ctx)
{
    const brain_fn_t *b = ctx;
    return rl_pk_brain_at(b->pk, b->st, t);
}

/* [PK-3], [OBS-1] The closed-form integral of brain cocaine over an interval equals GSL's
** adaptive Gauss-Kronrod quadrature of the closed form C(t) (an independent integration):
** during an infusion, after one, rising and falling, over 1 s to 1 h; and over an empty
** interval it is 0. The step form (rl_pk_brain_step) gives the midpoint exactly as
** rl_pk_brain_at, the same integral, and an upper bound of the exact maximum [PK-4]. */
static void
brain_integral(void)
{
    static const rl_pk_state_t states[] = {
        {0.0, 0.0, 0.5}, {0.4, 0.7, 0.5}, {1.0, 0.0, 0.0}, {0.2, 1.5, 0.0}, {2.0, 1.8, 0.0},
    };
    static const double dts[] = {1.0, 30.0, 600.0, 3600.0};
    gsl_integration_workspace *ws = gsl_integration_workspace_alloc(1000);
    rl_pk_t pk;
    size_t i, j;
    rl_pk_init(&pk, 8.1, 1.5, 0.9);
    for (i = 0; i < sizeof states / sizeof states[0]; i++) {
        for (j = 0; j < sizeof dts / sizeof dts[0]; j++) {
            brain_fn_t b = {&pk, &states[i]};
            gsl_function f;
            double want, abserr;
            f.function = brain_of_t;
            f.params = &b;
            CHECK(gsl_integration_qag(&f, 0.0, dts[j], 0.0, 1e-12, 1000, GSL_INTEG_GAUSS61, ws,
                      &want, &abserr) == GSL_SUCCESS);
            double lo, hi, c_mid;
            rl_pk_step_t step;
            CHECK_CLOSE(rl_pk_brain_integral(&pk, &states[i], dts[j]), want, 1e-12, 1e-10);
            /* the step form: the midpoint bit for bit, the same integral, a true bound */
            c_mid = rl_pk_brain_step(&pk, &states[i], dts[j], &step);
            CHECK(c_mid == rl_pk_brain_at(&pk, &states[i], 0.5 * dts[j]));
            /* 1 - e^2 from the midpoint's e: rounding of the order of 1e-14 x g dt (during an
            ** infusion g dt can be 1e5 times the integral itself) */
            CHECK_CLOSE(rl_pk_step_integral(&pk, &step), want,
                1e-13 * fabs(step.g) * dts[j] + 1e-12, 1e-10);
            rl_pk_brain_range(&pk, &states[i], dts[j], &lo, &hi);
            CHECK(rl_pk_step_upper(&step) >= hi * (1.0 - 1e-14));
        }
        CHECK(rl_pk_brain_integral(&pk, &states[i], 0.0) == 0.0);
    }
    gsl_integration_workspace_free(ws);
}

static void
infusion_steady_state(void)
{
    rl_pk_t pk;
    rl_pk_state_t st = {0.0, 0.0, 0.01};
    rl_pk_init(&pk, 8.1, 1.5, 0.9);
    rl_pk_advance(&pk, &st, 1e6);
    CHECK_CLOSE(st.body_mg_per_kg, 0.01 / pk.k_el_per_s, 0.0, 1e-9);
    CHECK_CLOSE(st.brain_uM, 0.9 * 0.01 / pk.k_el_per_s, 0.0, 1e-9);
}

/* GSL's default error handler aborts; the tests check return codes instead. */
static bool
setup(void)
{
    gsl_set_error_handler_off();
    return true;
}

/* The memo of decay factors (two entries) answers exactly what a fresh computation
** would: a sequence of intervals that revisits old ones, evicts entries and mixes the
** three functions that use it gives bit-identical results to a pk initialised anew
** (empty memo) for every call. */
static void
decay_memo(void)
{
    static const double dts[] = {1.0, 2.0, 1.0, 3.0, 2.0, 1.0, 0.5, 0.5, 3.0, 1.0};
    rl_pk_t pk, fresh;
    rl_pk_state_t st = {4.0, 2.5, 0.01};
    size_t i;
    int bad = 0;
    rl_pk_init(&pk, 8.1, 1.5, 0.9);
    for (i = 0; i < sizeof dts / sizeof dts[0]; i++) {
        rl_pk_step_t a, b;
        rl_pk_state_t s1 = st, s2 = st;
        rl_pk_init(&fresh, 8.1, 1.5, 0.9);
        bad += rl_pk_brain_at(&pk, &st, dts[i]) != rl_pk_brain_at(&fresh, &st, dts[i]);
        rl_pk_init(&fresh, 8.1, 1.5, 0.9);
        bad += rl_pk_brain_step(&pk, &st, dts[i], &a) != rl_pk_brain_step(&fresh, &st, dts[i], &b)
            || a.e_k != b.e_k || a.e_ke0 != b.e_ke0;
        rl_pk_init(&fresh, 8.1, 1.5, 0.9);
        rl_pk_advance(&pk, &s1, dts[i]);
        rl_pk_advance(&fresh, &s2, dts[i]);
        bad += s1.brain_uM != s2.brain_uM || s1.body_mg_per_kg != s2.body_mg_per_kg;
    }
    CHECK(bad == 0);
}

static const rl_test_case_t CASES[] = {
    {"half_life", half_life, 0},
    {"satiety_threshold_law", satiety_threshold_law, 0},
    {"bolus_effect_site", bolus_effect_site, 0},
    {"against_ode_solver", against_ode_solver, 0},
    {"range_matches_scan", range_matches_scan, 0},
    {"brain_min_matches_range", brain_min_matches_range, 0},
    {"infusion_steady_state", infusion_steady_state, 0},
    {"brain_integral", brain_integral, 0},
    {"decay_memo", decay_memo, 0},
};

int
main(int argc, char **argv)
{
    static const rl_test_suite_t suite = {CASES, RL_TEST_COUNT(CASES), setup, NULL};
    return rl_test_main(argc, argv, &suite);
}
