/* test_drugs.c -- the drug table and its pharmacokinetics ([DRG-1]..[DRG-5], docs/DRUGS.md).
**
** Known answers and where they come from: (1) the Bateman solution against the same
** one-compartment ODEs integrated by GSL's rk8pd (an independent reference), single and
** repeated doses; (2) an i.v. bolus decays as q D e^{-kt} and halves in one half-life;
** (3) at ka = k the Bateman function's limit is F q D k t e^{-kt}, peaking at t = 1/k with
** F q D / e; (4) competitive occupancy L_i/(1 + sum L) worked by hand in each check's
** comment, including Schild's dose ratio 1 + [B]/K_B; (5) cocaine's row reproduces the mouse
** model's own PK (params.h); (6) receptor inactivation by hand from [DRG-5]; (7) the table's
** integrity: every number present where required, inside its own range, with a source;
** (8) a constant-rate infusion [DRG-8] against GSL's adaptive quadrature (QAGS) of the
** bolus response over the infusion and against the ODEs with a zero-order input.
*/
#include <math.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_odeiv2.h>

#include "relapselab/drug_pk.h"
#include "relapselab/drugs.h"
#include "relapselab/params.h"
#include "testlib.h"

static const rl_drug_t *
drug(const char *name)
{
    const rl_drug_t *d = NULL;
    CHECK(rl_drug_find(name, &d, NULL) == RL_OK);
    return d;
}

/* y[0]: absorbable amount at the site (mg/kg), y[1]: brain free concentration (nM). */
static int
rhs(double t, const double y[], double f[], void *params)
{
    const rl_drug_pk_t *pk = params;
    (void) t;
    f[0] = -pk->ka_per_min * y[0];
    f[1] = pk->nM_per_mg_kg * pk->ka_per_min * y[0] - pk->k_per_min * y[1];
    return GSL_SUCCESS;
}

/* Integrate doses of size dose at times t_dose[0..n) (ascending, first 0) and compare
** with the closed form at 40 points over [0, t_end]: relative 1e-8. */
static void
compare_with_ode(const rl_drug_t *d, rl_route_t route, double dose, const double *t_dose,
    size_t n, double t_end)
{
    rl_drug_pk_t pk;
    rl_drug_dose_t doses[4];
    gsl_odeiv2_system sys = {rhs, NULL, 2, NULL};
    gsl_odeiv2_driver *drv;
    double y[2] = {0.0, 0.0}, t = 0.0;
    size_t i, next = 0;
    int step;
    CHECK(n <= 4 && rl_drug_pk_init(&pk, d, route, NULL) == RL_OK);
    sys.params = &pk;
    for (i = 0; i < n; i++) {
        doses[i] = (rl_drug_dose_t) {t_dose[i], dose, route, 0.0};
    }
    drv = gsl_odeiv2_driver_alloc_y_new(&sys, gsl_odeiv2_step_rk8pd, 1e-3, 1e-13, 1e-12);
    for (step = 0; step <= 40; step++) {
        double t_to = t_end * step / 40.0, got, want;
        while (next < n && t_dose[next] <= t_to) { /* integrate to the dose, give it */
            CHECK(gsl_odeiv2_driver_apply(drv, &t, t_dose[next], y) == GSL_SUCCESS);
            y[0] += pk.f * dose;
            gsl_odeiv2_driver_reset(drv);
            next++;
        }
        CHECK(gsl_odeiv2_driver_apply(drv, &t, t_to, y) == GSL_SUCCESS);
        want = y[1];
        CHECK(rl_drug_brain_nM(d, doses, n, t_to, &got, NULL) == RL_OK);
        CHECK_CLOSE(got, want, 1e-9, 1e-8);
    }
    gsl_odeiv2_driver_free(drv);
}

static void
bateman_against_ode(void)
{
    double once[1] = {0.0};
    compare_with_ode(drug("naloxone"), RL_ROUTE_IP, 1.0, once, 1, 240.0);
    compare_with_ode(drug("nor-BNI"), RL_ROUTE_SC, 10.0, once, 1, 1200.0); /* ka >> k */
    compare_with_ode(drug("JDTic"), RL_ROUTE_PO, 10.0, once, 1, 3000.0);
    compare_with_ode(drug("CTAP"), RL_ROUTE_ICV, 0.04, once, 1, 300.0); /* 1 ug/mouse */
    compare_with_ode(drug("cocaine"), RL_ROUTE_SC, 15.0, once, 1, 300.0); /* ka < k */
}

/* The bolus response per mg/kg at u (the integrand of [DRG-8]). */
static double
unit_response(double u, void *params)
{
    return rl_drug_pk_conc_nM(params, 1.0, u);
}

/* y[0]: site amount, y[1]: brain nM, with a zero-order input of rate (mg/kg/min) into the
** site (or, for a bolus route, straight into the body) while the infusion runs. */
typedef struct infusion_ode {
    const rl_drug_pk_t *pk;
    double rate, duration;
} infusion_ode_t;

static int
rhs_infusion(double t, const double y[], double f[], void *params)
{
    const infusion_ode_t *o = params;
    double in = t < o->duration ? o->rate * o->pk->f : 0.0;
    if (o->pk->bolus) {
        f[0] = 0.0;
        f[1] = o->pk->nM_per_mg_kg * in - o->pk->k_per_min * y[1];
    } else {
        f[0] = in - o->pk->ka_per_min * y[0];
        f[1] = o->pk->nM_per_mg_kg * o->pk->ka_per_min * y[0] - o->pk->k_per_min * y[1];
    }
    return GSL_SUCCESS;
}

/* [DRG-8] An infusion of dose over T from 0: at 30 times over [0, 6 T] (during and long
** after it) the closed form equals (dose / T) x the integral of the bolus response over
** [max(0, t - T), t] by GSL's QAGS (relative 1e-9), and the ODEs with the input switched
** off at T (rk8pd, stopped at T; relative 1e-8); rl_drug_brain_nM adds it like a dose. */
static void
infusion_against_integral(const rl_drug_t *d, rl_route_t route, double dose, double T)
{
    rl_drug_pk_t pk;
    gsl_integration_workspace *ws = gsl_integration_workspace_alloc(200);
    gsl_function fn = {unit_response, NULL};
    infusion_ode_t o;
    gsl_odeiv2_system sys = {rhs_infusion, NULL, 2, NULL};
    gsl_odeiv2_driver *drv;
    double y[2] = {0.0, 0.0}, t = 0.0;
    rl_drug_dose_t inf = {0.0, dose, route, T};
    int step;

    CHECK(rl_drug_pk_init(&pk, d, route, NULL) == RL_OK);
    fn.params = &pk;
    o.pk = &pk;
    o.rate = dose / T;
    o.duration = T;
    sys.params = &o;
    drv = gsl_odeiv2_driver_alloc_y_new(&sys, gsl_odeiv2_step_rk8pd, 1e-3, 1e-13, 1e-12);
    CHECK(rl_drug_pk_infusion_nM(&pk, dose, T, 0.0) == 0.0);
    CHECK(rl_drug_pk_infusion_nM(&pk, dose, T, -5.0) == 0.0);
    for (step = 1; step <= 30; step++) {
        double t_to = 6.0 * T * step / 30.0, integral = 0.0, abserr, got, brain;
        CHECK(gsl_integration_qags(&fn, fmax(0.0, t_to - T), t_to, 0.0, 1e-12, 200, ws,
            &integral, &abserr) == GSL_SUCCESS);
        got = rl_drug_pk_infusion_nM(&pk, dose, T, t_to);
        CHECK_CLOSE(got, dose / T * integral, 1e-12, 1e-9);
        if (t < T && t_to > T) { /* the input switches off at T: integrate to it first */
            CHECK(gsl_odeiv2_driver_apply(drv, &t, T, y) == GSL_SUCCESS);
            gsl_odeiv2_driver_reset(drv);
        }
        CHECK(gsl_odeiv2_driver_apply(drv, &t, t_to, y) == GSL_SUCCESS);
        CHECK_CLOSE(got, y[1], 1e-12, 1e-8);
        CHECK(rl_drug_brain_nM(d, &inf, 1, t_to, &brain, NULL) == RL_OK && brain == got);
    }
    gsl_odeiv2_driver_free(drv);
    gsl_integration_workspace_free(ws);
}

static void
infusion(void)
{
    rl_drug_dose_t doses[2] = {{0.0, 10.0, RL_ROUTE_IP, 30.0}, {5.0, 1.0, RL_ROUTE_IP, 0.0}};
    rl_drug_pk_t pk;
    double got, inact;
    infusion_against_integral(drug("naloxone"), RL_ROUTE_IV, 1.0, 60.0); /* bolus route */
    infusion_against_integral(drug("cocaine"), RL_ROUTE_SC, 5.0, 30.0);  /* ka < k */
    infusion_against_integral(drug("JDTic"), RL_ROUTE_PO, 10.0, 240.0);  /* ka > k */
    infusion_against_integral(drug("naltrexone"), RL_ROUTE_SC, 2.0, 1.0); /* short */
    /* a long infusion that has not ended tends to rate x c0 / k (the steady state) */
    CHECK(rl_drug_pk_init(&pk, drug("naloxone"), RL_ROUTE_IV, NULL) == RL_OK);
    CHECK_CLOSE(rl_drug_pk_infusion_nM(&pk, 1000.0, 1e5, 1e4),
        1000.0 / 1e5 * pk.nM_per_mg_kg / pk.k_per_min, 0.0, 1e-12);
    /* superposition of an infusion and a bolus */
    CHECK(rl_drug_pk_init(&pk, drug("naloxone"), RL_ROUTE_IP, NULL) == RL_OK);
    CHECK(rl_drug_brain_nM(drug("naloxone"), doses, 2, 20.0, &got, NULL) == RL_OK);
    CHECK_CLOSE(got, rl_drug_pk_infusion_nM(&pk, 10.0, 30.0, 20.0)
        + rl_drug_pk_conc_nM(&pk, 1.0, 15.0), 0.0, 1e-15);
    /* an infusion must not be negative, nor last forever; an inactivating drug's infusion
    ** is refused by the inactivation model */
    doses[0].duration_min = -1.0;
    CHECK(rl_drug_brain_nM(drug("naloxone"), doses, 1, 20.0, &got, NULL) == RL_ERR_INVALID);
    doses[0].duration_min = INFINITY;
    CHECK(rl_drug_brain_nM(drug("naloxone"), doses, 1, 20.0, &got, NULL) == RL_ERR_INVALID);
    doses[0].duration_min = 30.0;
    CHECK(rl_drug_inactivated(drug("nor-BNI"), doses, 1, 60.0, &inact, NULL)
        == RL_ERR_INVALID);
}

static void
superposition(void)
{
    /* Two i.p. doses 45 min apart against the ODE with the second dose added at 45 min. */
    double twice[2] = {0.0, 45.0};
    const rl_drug_t *nlx = drug("naloxone");
    rl_drug_dose_t doses[2] = {{30.0, 0.3, RL_ROUTE_SC, 0.0}, {0.0, 1.0, RL_ROUTE_IP, 0.0}};
    rl_drug_pk_t ip, sc;
    double t, got;
    compare_with_ode(nlx, RL_ROUTE_IP, 1.0, twice, 2, 300.0);
    /* Mixed routes, doses out of order: the sum of the two single-dose curves. */
    CHECK(rl_drug_pk_init(&ip, nlx, RL_ROUTE_IP, NULL) == RL_OK);
    CHECK(rl_drug_pk_init(&sc, nlx, RL_ROUTE_SC, NULL) == RL_OK);
    for (t = 0.0; t <= 200.0; t += 13.0) {
        double want = rl_drug_pk_conc_nM(&ip, 1.0, t) + rl_drug_pk_conc_nM(&sc, 0.3, t - 30.0);
        CHECK(rl_drug_brain_nM(nlx, doses, 2, t, &got, NULL) == RL_OK);
        CHECK_CLOSE(got, want, 0.0, 1e-14);
    }
    /* Before the first dose nothing; a dose after t does not count. */
    CHECK(rl_drug_brain_nM(nlx, doses, 2, -1.0, &got, NULL) == RL_OK && got == 0.0);
    CHECK(rl_drug_brain_nM(nlx, doses, 2, 20.0, &got, NULL) == RL_OK);
    CHECK_CLOSE(got, rl_drug_pk_conc_nM(&ip, 1.0, 20.0), 0.0, 1e-15);
}

static void
iv_bolus_and_cocaine(void)
{
    /* Cocaine's row is the mouse model's PK: t1/2 = coc_half_life_min (8.1 min), and 1 mg/kg
    ** gives coc_uM_per_mg_kg (0.9 uM) in the brain at equilibrium [PK-1], [PK-2]. */
    const rl_drug_t *coc = drug("cocaine");
    rl_params_t p;
    rl_drug_pk_t pk;
    rl_drug_dose_t bolus = {0.0, 2.0, RL_ROUTE_IV, 0.0};
    double t, got, q;
    rl_params_default(&p);
    CHECK(rl_drug_pk_init(&pk, coc, RL_ROUTE_IV, NULL) == RL_OK);
    CHECK(pk.bolus == 1 && pk.f == 1.0);
    /* one definition (drugs.h RL_COCAINE_*): the parameter table's population value and
    ** plausible range are the row's */
    CHECK(coc->route[RL_ROUTE_IV].half_life_min.value == p.coc_half_life_min);
    {
        const rl_param_info_t *hl = rl_param_info((size_t) rl_param_find("coc_half_life_min"));
        const rl_param_info_t *ki = rl_param_info((size_t) rl_param_find("coc_ki_uM"));
        CHECK(hl->lo == coc->route[RL_ROUTE_IV].half_life_min.lo
            && hl->hi == coc->route[RL_ROUTE_IV].half_life_min.hi);
        CHECK_CLOSE(1000.0 * ki->lo, coc->target[RL_TARGET_DAT].ki_nM.lo, 0.0, 1e-15);
        CHECK_CLOSE(1000.0 * ki->hi, coc->target[RL_TARGET_DAT].ki_nM.hi, 0.0, 1e-15);
    }
    q = pk.nM_per_mg_kg; /* 0.8 * 1e6 / (339.8 * Vd), Vd = 0.8 * 1000 / (0.9 * 339.8) */
    CHECK_CLOSE(q, 900.0, 1e-9, 0.0);
    CHECK_CLOSE(q, 1000.0 * p.coc_uM_per_mg_kg, 1e-9, 0.0);
    CHECK_CLOSE(rl_drug_ki_nM(coc, RL_TARGET_DAT), 1000.0 * p.coc_ki_uM, 0.0, 1e-12);
    /* Exact decay: C(t) = q D e^{-kt}; half of C(0) after one half-life. */
    for (t = 0.0; t <= 60.0; t += 7.0) {
        CHECK(rl_drug_brain_nM(coc, &bolus, 1, t, &got, NULL) == RL_OK);
        CHECK_CLOSE(got, q * 2.0 * exp(-log(2.0) * t / p.coc_half_life_min), 0.0, 1e-13);
    }
    CHECK(rl_drug_brain_nM(coc, &bolus, 1, p.coc_half_life_min, &got, NULL) == RL_OK);
    CHECK_CLOSE(got, q, 0.0, 1e-13);
    CHECK(rl_drug_pk_tmax_min(&pk) == 0.0);
    /* i.p.: brain peak <= 5 min (Benuck 1987); ln(0.6/k)/(0.6 - k), k = ln2/16 -> 4.72 min. */
    CHECK(rl_drug_pk_init(&pk, coc, RL_ROUTE_IP, NULL) == RL_OK);
    CHECK_CLOSE(rl_drug_pk_tmax_min(&pk), 4.72, 0.005, 0.0);
    /* s.c. (the row's assumed Tmax ~30 min): ln(0.025/k)/(0.025 - k), k = ln2/16 ->
    ** 30.0 min; the same dose peaks lower than i.p. (slower absorption) */
    {
        rl_drug_pk_t sc;
        CHECK(rl_drug_pk_init(&sc, coc, RL_ROUTE_SC, NULL) == RL_OK);
        CHECK_CLOSE(rl_drug_pk_tmax_min(&sc), 30.0, 0.05, 0.0);
        CHECK(rl_drug_pk_conc_nM(&sc, 15.0, rl_drug_pk_tmax_min(&sc))
            < 0.5 * rl_drug_pk_conc_nM(&pk, 15.0, rl_drug_pk_tmax_min(&pk)));
    }
}

static void
ka_equals_k(void)
{
    /* F q D k t e^{-kt} (the limit of the Bateman function), peak F q D / e at t = 1/k. */
    rl_drug_pk_t pk = {0, 0.8, 0.05, 0.05, 100.0};
    double t, fqd = 0.8 * 100.0 * 2.0, eps;
    for (t = 0.0; t <= 200.0; t += 9.5) {
        double want = fqd * 0.05 * t * exp(-0.05 * t);
        CHECK_CLOSE(rl_drug_pk_conc_nM(&pk, 2.0, t), want, 1e-12, 1e-13);
    }
    CHECK_CLOSE(rl_drug_pk_tmax_min(&pk), 20.0, 0.0, 1e-15);
    CHECK_CLOSE(rl_drug_pk_conc_nM(&pk, 2.0, 20.0), fqd * exp(-1.0), 0.0, 1e-14);
    /* Continuous through the limit from both sides: the error is O(|ka - k| t). */
    for (eps = 1e-12; eps <= 1e-4; eps *= 100.0) {
        rl_drug_pk_t up = pk, down = pk;
        up.ka_per_min = 0.05 * (1.0 + eps);
        down.ka_per_min = 0.05 * (1.0 - eps);
        CHECK_CLOSE(rl_drug_pk_conc_nM(&up, 2.0, 30.0), rl_drug_pk_conc_nM(&pk, 2.0, 30.0),
            0.0, 4.0 * eps + 1e-14);
        CHECK_CLOSE(rl_drug_pk_conc_nM(&down, 2.0, 30.0), rl_drug_pk_conc_nM(&pk, 2.0, 30.0),
            0.0, 4.0 * eps + 1e-14);
        CHECK_CLOSE(rl_drug_pk_tmax_min(&up), 20.0, 0.0, 4.0 * eps + 1e-14);
        CHECK(isfinite(rl_drug_pk_conc_nM(&up, 2.0, 1e5)));
    }
    /* Flip-flop (ka < k) is the same curve with the two rates swapped. */
    {
        rl_drug_pk_t slow = {0, 1.0, 0.01, 0.2, 50.0};
        double want = 50.0 * 0.01 / (0.01 - 0.2) * (exp(-0.2 * 40.0) - exp(-0.01 * 40.0));
        CHECK_CLOSE(rl_drug_pk_conc_nM(&slow, 1.0, 40.0), want, 0.0, 1e-13);
    }
}

static void
occupancy(void)
{
    double load[3], occ[3], total;
    const rl_drug_t *nbni = drug("nor-BNI"), *coc = drug("cocaine");
    /* One ligand at C = Ki: load 1, occupancy 1/(1 + 1) = 0.5. */
    load[0] = rl_drug_load(coc, RL_TARGET_DAT, 400.0);
    CHECK_CLOSE(load[0], 1.0, 0.0, 1e-15);
    CHECK_CLOSE(rl_drug_occupancy(load, 1, occ), 0.5, 0.0, 1e-15);
    CHECK_CLOSE(occ[0], 0.5, 0.0, 1e-15);
    /* Two competitors, loads 1 and 2: 1/4 and 2/4, total 3/4 (a quarter stays free). */
    load[0] = 1.0;
    load[1] = 2.0;
    total = rl_drug_occupancy(load, 2, occ);
    CHECK_CLOSE(occ[0], 0.25, 0.0, 1e-15);
    CHECK_CLOSE(occ[1], 0.5, 0.0, 1e-15);
    CHECK_CLOSE(total, 0.75, 0.0, 1e-15);
    /* An agonist at 10 Ki occupies 10/11 = 0.909 alone; with an antagonist at 10 Ki,
    ** 10/21 = 0.476: about halved (x 11/21 = 0.524). Schild: the antagonist raises the
    ** agonist concentration for any occupancy by 1 + [B]/K_B = 11, so the agonist at 11 Ki
    ** (half-occupancy alone at 1 Ki) occupies 11/(1 + 11 + 10) = 0.5. */
    load[0] = 10.0;
    CHECK_CLOSE(rl_drug_occupancy(load, 1, occ), 10.0 / 11.0, 0.0, 1e-15);
    load[1] = 10.0;
    rl_drug_occupancy(load, 2, occ);
    CHECK_CLOSE(occ[0], 10.0 / 21.0, 0.0, 1e-15);
    load[0] = 11.0;
    rl_drug_occupancy(load, 2, occ);
    CHECK_CLOSE(occ[0], 0.5, 0.0, 1e-15);
    /* With [OP-2]: dynorphin at 1 Kd and nor-BNI at its Ki (0.3 nM) at KOR: 1/3 each. */
    load[0] = 1.0;
    load[1] = rl_drug_load(nbni, RL_TARGET_KOR, 0.3);
    rl_drug_occupancy(load, 2, occ);
    CHECK_CLOSE(occ[0], 1.0 / 3.0, 0.0, 1e-15);
    CHECK_CLOSE(occ[1], 1.0 / 3.0, 0.0, 1e-15);
    /* No binding (nor-BNI at DAT), no drug, and negative loads: 0. */
    CHECK(rl_drug_load(nbni, RL_TARGET_DAT, 1000.0) == 0.0);
    CHECK(rl_drug_load(nbni, RL_TARGET_KOR, 0.0) == 0.0);
    load[0] = -1.0;
    load[1] = 1.0;
    load[2] = 0.0;
    CHECK_CLOSE(rl_drug_occupancy(load, 3, NULL), 0.5, 0.0, 1e-15);
}

static void
inactivation(void)
{
    /* nor-BNI 10 mg/kg i.p.: at its brain peak it inactivates a = L/(1 + L) of KOR,
    ** L = Cmax/Ki; then I = a 2^{-t/336 h}. A second dose 7 days later adds a (1 - I). */
    const rl_drug_t *nbni = drug("nor-BNI"), *nlx = drug("naloxone");
    rl_drug_pk_t pk;
    rl_drug_dose_t doses[2] = {{0.0, 10.0, RL_ROUTE_IP, 0.0},
        {7.0 * 1440.0, 10.0, RL_ROUTE_IP, 0.0}};
    rl_drug_dose_t reversed[2] = {doses[1], doses[0]};
    double tmax, load, a, got, week = 7.0 * 1440.0, h = 336.0 * 60.0, i1, i2;
    CHECK(nbni->inact_target == RL_TARGET_KOR);
    CHECK(rl_drug_pk_init(&pk, nbni, RL_ROUTE_IP, NULL) == RL_OK);
    tmax = rl_drug_pk_tmax_min(&pk);
    load = rl_drug_pk_conc_nM(&pk, 10.0, tmax) / 0.3;
    a = load / (1.0 + load);
    CHECK(a > 0.99); /* one 10 mg/kg dose blocks nearly all KOR */
    CHECK(rl_drug_inactivated(nbni, doses, 1, tmax - 1e-6, &got, NULL) == RL_OK && got == 0.0);
    CHECK(rl_drug_inactivated(nbni, doses, 1, tmax, &got, NULL) == RL_OK);
    CHECK_CLOSE(got, a, 0.0, 1e-14);
    CHECK(rl_drug_inactivated(nbni, doses, 1, tmax + 14.0 * 1440.0, &got, NULL) == RL_OK);
    CHECK_CLOSE(got, a * 0.5, 0.0, 1e-12); /* one half-life (336 h) later */
    i1 = a * exp(-log(2.0) * week / h);   /* just before the second event */
    i2 = i1 + a * (1.0 - i1);
    CHECK(rl_drug_inactivated(nbni, doses, 2, week + tmax + 1440.0, &got, NULL) == RL_OK);
    CHECK_CLOSE(got, i2 * exp(-log(2.0) * 1440.0 / h), 0.0, 1e-12);
    CHECK(rl_drug_inactivated(nbni, reversed, 2, week + tmax + 1440.0, &got, NULL) == RL_OK);
    CHECK_CLOSE(got, i2 * exp(-log(2.0) * 1440.0 / h), 0.0, 1e-12);
    /* Still > 20 % of KOR inactivated 3 weeks after one dose, < 80 %. */
    CHECK(rl_drug_inactivated(nbni, doses, 1, 21.0 * 1440.0, &got, NULL) == RL_OK);
    CHECK(got > 0.2 && got < 0.8);
    /* A reversible drug inactivates nothing; beta-FNA inactivates MOR. */
    doses[0].route = RL_ROUTE_SC;
    CHECK(rl_drug_inactivated(nlx, doses, 1, 60.0, &got, NULL) == RL_OK && got == 0.0);
    CHECK(drug("beta-FNA")->inact_target == RL_TARGET_MOR);
    CHECK(rl_drug_inactivated(drug("beta-FNA"), doses, 1, 1440.0, &got, NULL) == RL_OK);
    CHECK(got > 0.5 && got < 1.0);
}

static int
in_range(const rl_drug_value_t *v)
{
    return v->source != NULL && v->source[0] != '\0' && isfinite(v->value) && v->lo <= v->value
        && v->value <= v->hi;
}

static void
table_integrity(void)
{
    int i, t, r, j;
    CHECK(rl_drug_count() == 12);
    CHECK(rl_drug_get(-1) == NULL && rl_drug_get(12) == NULL);
    CHECK(rl_drug_label(-1) == NULL && rl_drug_label(12) == NULL);
    {
        char names[64];
        rl_drug_self_administrable_names(names, sizeof names);
        CHECK(strcmp(names, "cocaine") == 0); /* the one drug reinforcer of the seed study */
    }
    for (i = 0; i < rl_drug_count(); i++) {
        const rl_drug_t *d = rl_drug_get(i);
        const rl_drug_route_pk_t *sys = NULL;
        int n_targets = 0, n_routes = 0;
        const rl_drug_label_t *l = rl_drug_label(i);
        CHECK(l->name[0] != '\0' && l->kind[0] != '\0' && l->form[0] != '\0');
        CHECK(rl_drug_id(d) == i); /* the two tables are in step */
        CHECK(in_range(&d->mw_g_per_mol) && d->mw_g_per_mol.value > 100.0);
        for (t = 0; t < RL_TARGET_COUNT; t++) {
            const rl_drug_binding_t *b = &d->target[t];
            CHECK(rl_drug_value_present(&b->ki_nM) == rl_drug_value_present(&b->efficacy));
            if (!rl_drug_value_present(&b->ki_nM)) {
                continue;
            }
            n_targets++;
            CHECK(in_range(&b->ki_nM) && b->ki_nM.lo > 0.0 && b->ki_nM.value <= 10000.0);
            CHECK(in_range(&b->efficacy) && b->efficacy.lo >= 0.0 && b->efficacy.hi <= 1.0);
        }
        CHECK(n_targets > 0);
        /* a self-administrable drug is taken by i.v. infusion: it has i.v. data */
        CHECK(!d->self_administrable || rl_drug_value_present(&d->route[RL_ROUTE_IV].f));
        if (rl_drug_value_present(&d->inact_half_life_h)) {
            CHECK(in_range(&d->inact_half_life_h) && d->inact_half_life_h.lo > 0.0);
            CHECK(!isnan(rl_drug_ki_nM(d, d->inact_target)));
        }
        for (r = 0; r < RL_ROUTE_COUNT; r++) {
            const rl_drug_route_pk_t *rp = &d->route[r];
            if (!rl_drug_value_present(&rp->f)) {
                continue;
            }
            n_routes++;
            CHECK(in_range(&rp->f) && rp->f.lo > 0.0 && rp->f.hi <= 1.0);
            CHECK(rl_drug_value_present(&rp->ka_per_min) == (r != RL_ROUTE_IV));
            CHECK(r == RL_ROUTE_IV || (in_range(&rp->ka_per_min) && rp->ka_per_min.lo > 0.0));
            CHECK(in_range(&rp->half_life_min) && rp->half_life_min.lo > 0.0);
            CHECK(in_range(&rp->vd_L_per_kg) && rp->vd_L_per_kg.lo > 0.0);
            CHECK(in_range(&rp->brain_per_plasma) && rp->brain_per_plasma.lo > 0.0);
            /* systemic routes share the drug's distribution */
            if (r != RL_ROUTE_ICV && sys != NULL) {
                CHECK(rp->vd_L_per_kg.value == sys->vd_L_per_kg.value);
                CHECK(rp->brain_per_plasma.value == sys->brain_per_plasma.value);
            } else if (r != RL_ROUTE_ICV) {
                sys = rp;
            }
        }
        CHECK(n_routes > 0);
        /* every name and alias finds this drug and no other */
        for (j = -1; j < RL_DRUG_ALIASES_MAX; j++) {
            const char *nm = j < 0 ? l->name : l->aliases[j];
            const rl_drug_t *found = NULL;
            if (nm == NULL) {
                break;
            }
            CHECK(rl_drug_find(nm, &found, NULL) == RL_OK && found == d);
        }
    }
    /* CTAP is a peptide that does not cross the BBB: i.c.v. only. */
    for (r = 0; r < RL_ROUTE_COUNT; r++) {
        CHECK(rl_drug_value_present(&drug("CTAP")->route[r].f) == (r == RL_ROUTE_ICV));
    }
}

static void
lookups(void)
{
    static const char *const pairs[][2] = {{"norBNI", "nor-BNI"}, {"NOR-BNI", "nor-BNI"},
        {"nor-binaltorphimine", "nor-BNI"}, {"u50488", "U50,488"}, {"U-50,488H", "U50,488"},
        {"β-FNA", "beta-FNA"}, {"beta-funaltrexamine", "beta-FNA"}, {"sch 23390", "SCH23390"},
        {"Narcan", "naloxone"}, {"jdtic", "JDTic"}, {"ctap", "CTAP"}, {"NTI", "naltrindole"}};
    const rl_drug_t *d = drug("cocaine");
    const rl_drug_route_pk_t *rp;
    rl_drug_dose_t bad = {0.0, 1.0, RL_ROUTE_PO, 0.0};
    rl_error_t err;
    double c = 1.0;
    size_t i;
    for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        CHECK(rl_drug_find(pairs[i][0], &d, NULL) == RL_OK
            && strcmp(rl_drug_label(rl_drug_id(d))->name, pairs[i][1]) == 0);
    }
    rl_error_clear(&err);
    CHECK(rl_drug_find("morphine", &d, &err) == RL_ERR_INVALID && d == NULL);
    CHECK(strstr(err.msg, "unknown drug 'morphine'") != NULL);
    CHECK(rl_drug_find("", &d, &err) == RL_ERR_INVALID);
    CHECK(rl_drug_find("nor", &d, &err) == RL_ERR_INVALID); /* no prefix matching */
    CHECK(rl_drug_route_pk(drug("naloxone"), RL_ROUTE_PO, &rp, &err) == RL_ERR_INVALID);
    CHECK(strcmp(err.msg, "naloxone has no p.o. data (routes: i.v., i.p., s.c.)") == 0);
    CHECK(rl_drug_route_pk(drug("CTAP"), RL_ROUTE_IP, &rp, &err) == RL_ERR_INVALID);
    CHECK(strcmp(err.msg, "CTAP has no i.p. data (routes: i.c.v.)") == 0);
    CHECK(rl_drug_brain_nM(drug("naloxone"), &bad, 1, 10.0, &c, &err) == RL_ERR_INVALID);
    CHECK(c == 0.0 && strstr(err.msg, "no p.o. data") != NULL);
    bad.route = RL_ROUTE_IP;
    bad.dose_mg_per_kg = -1.0;
    CHECK(rl_drug_brain_nM(drug("naloxone"), &bad, 1, 10.0, &c, &err) == RL_ERR_INVALID);
    bad.dose_mg_per_kg = 1.0;
    bad.t_min = NAN;
    CHECK(rl_drug_inactivated(drug("nor-BNI"), &bad, 1, 10.0, &c, &err) == RL_ERR_INVALID);
    CHECK(rl_drug_inactivated(drug("naloxone"), &bad, 1, 10.0, &c, &err) == RL_ERR_INVALID);
    /* targets and routes by name */
    CHECK(rl_route_find("ip") == RL_ROUTE_IP && rl_route_find("i.p.") == RL_ROUTE_IP);
    CHECK(rl_route_find("Intraperitoneal") == RL_ROUTE_IP && rl_route_find("ICV") == RL_ROUTE_ICV);
    CHECK(rl_route_find("oral") == RL_ROUTE_PO && rl_route_find("i.m.") == -1);
    CHECK(rl_target_find("kor") == RL_TARGET_KOR && rl_target_find("D2") == RL_TARGET_D2);
    CHECK(rl_target_find("D3") == -1 && rl_target_find(NULL) == -1);
    CHECK(strcmp(rl_route_name(RL_ROUTE_ICV), "i.c.v.") == 0);
    CHECK(strcmp(rl_target_name(RL_TARGET_DAT), "DAT") == 0);
    CHECK(strcmp(rl_target_name(RL_TARGET_COUNT), "?") == 0);
    CHECK(isnan(rl_drug_ki_nM(drug("raclopride"), RL_TARGET_D1)));
}

/* GSL's default error handler aborts; the tests check return codes instead. */
static bool
setup(void)
{
    gsl_set_error_handler_off();
    return true;
}

static const rl_test_case_t CASES[] = {
    {"infusion", infusion, 0},
    {"bateman_against_ode", bateman_against_ode, 0},
    {"superposition", superposition, 0},
    {"iv_bolus_and_cocaine", iv_bolus_and_cocaine, 0},
    {"ka_equals_k", ka_equals_k, 0},
    {"occupancy", occupancy, 0},
    {"inactivation", inactivation, 0},
    {"table_integrity", table_integrity, 0},
    {"lookups", lookups, 0},
};

int
main(int argc, char **argv)
{
    static const rl_test_suite_t suite = {CASES, RL_TEST_COUNT(CASES), setup, NULL};
    return rl_test_main(argc, argv, &suite);
}
