/* test_model.c -- the parameter and genotype tables, and the biology layers' contracts.
**
** Tables: every parameter value lies in its plausible range, has a unit, a source, a
** meaning and an equation ID that docs/MODEL.md defines; the genotype table changes gene
** products only, one gene per knockout, 0 for -/- and 0.5 for +/-.
** Layers: tonic DA rises with cocaine through DAT inhibition (and only through it),
** within the physiological ranges of physiology.md; receptor signals vanish when the
** receptor or every ligand is knocked out.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "biology/dopamine.h"
#include "relapselab/background.h"
#include "relapselab/genotype.h"
#include "biology/opioid.h"
#include "relapselab/params.h"
#include "relapselab/drugs.h"
#include "behaviour/mouse_internal.h"
#include "testlib.h"

static char *
slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (f == NULL) {
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t) n + 1);
    if (buf != NULL && fread(buf, 1, (size_t) n, f) == (size_t) n) {
        buf[n] = '\0';
    }
    fclose(f);
    return buf;
}

static void
parameter_table(void)
{
    size_t i;
    char *model = slurp("docs/MODEL.md");
    CHECK(model != NULL);
    for (i = 0; i < rl_param_count(); i++) {
        const rl_param_info_t *p = rl_param_info(i);
        char id[32], name[80];
        if (!(p->lo <= p->value && p->value <= p->hi)) {
            fprintf(stderr, "%s = %g outside [%g, %g]\n", p->name, p->value, p->lo, p->hi);
        }
        CHECK(p->lo <= p->value && p->value <= p->hi);
        CHECK(p->cv >= 0.0 && p->cv < 1.0);
        CHECK(p->unit[0] != '\0' && p->source[0] != '\0' && p->meaning[0] != '\0');
        CHECK(rl_param_find(p->name) == (int) i);
        snprintf(id, sizeof id, "[%s]", p->eq);
        snprintf(name, sizeof name, "`%s`", p->name);
        if (model != NULL) {
            if (strstr(model, id) == NULL) {
                fprintf(stderr, "docs/MODEL.md does not define %s (used by %s)\n", id, p->name);
            }
            CHECK(strstr(model, id) != NULL);
            if (strstr(model, name) == NULL) {
                fprintf(stderr, "docs/MODEL.md's parameter table lacks %s\n", name);
            }
            CHECK(strstr(model, name) != NULL);
        }
    }
    free(model);
}

static void
genotype_table(void)
{
    const rl_gene_products_t *wt = &rl_genotype_get(rl_genotype_find("WT"))->products;
    int i, j;
    CHECK(wt->oprm1 == 1.0 && wt->oprd1 == 1.0 && wt->oprk1 == 1.0 && wt->pomc == 1.0 &&
        wt->penk == 1.0 && wt->pdyn == 1.0);
    CHECK(rl_genotype_find("Oprm1-/-") >= 0 && rl_genotype_find("Pdyn+/-") >= 0);
    CHECK(rl_genotype_find("oprm1-/-") == -1 && rl_genotype_find("") == -1);
    for (i = 0; i < rl_genotype_count(); i++) {
        const rl_genotype_label_t *g = rl_genotype_label(i);
        const rl_gene_products_t *q = &rl_genotype_get(i)->products;
        const double *v = &q->oprm1;
        int changed = 0;
        bool knock_in = strstr(g->name, "-/-") == NULL && strstr(g->name, "+/-") == NULL;
        for (j = 0; j < (int) (sizeof *q / sizeof *v); j++) {
            if (v[j] != 1.0) {
                changed++;
                /* -/- removes the product, +/- halves it, a knock-in changes a property */
                CHECK(knock_in ? v[j] > 0.0 && v[j] < 1.0
                               : v[j] == (strstr(g->name, "+/-") != NULL ? 0.5 : 0.0));
            }
        }
        CHECK(changed == (i == 0 ? 0 : 1));
        for (j = 0; j < i; j++) {
            CHECK(strcmp(g->name, rl_genotype_label(j)->name) != 0);
        }
    }
    CHECK(rl_genotype_get(-1) == NULL && rl_genotype_get(rl_genotype_count()) == NULL);
    CHECK(rl_genotype_label(-1) == NULL && rl_genotype_label(rl_genotype_count()) == NULL);
}

/* Gene products of a named genotype (tests only; the model never looks genotypes up). */
static const rl_gene_products_t *
products(const char *name)
{
    return &rl_genotype_get(rl_genotype_find(name))->products;
}

static void
dopamine(void)
{
    rl_params_t p;
    const rl_gene_products_t *wt = products("WT");
    double base, c, prev;
    rl_params_default(&p);
    base = rl_da_tonic_nM(&p, wt, 0.0, 1.0);
    /* Resting accumbal DA: tens of nM (FSCV/microdialysis ranges, physiology.md). */
    CHECK(base > 10.0 && base < 100.0);
    prev = base;
    for (c = 0.25; c <= 4.0; c += 0.25) {
        double d = rl_da_tonic_nM(&p, wt, c, 1.0);
        CHECK(d > prev);
        prev = d;
    }
    /* Self-administration brain levels (~1-2 uM) raise DA 2-5x (Pettit & Justice 1991:
    ** 269-464 % of baseline). */
    CHECK(rl_da_tonic_nM(&p, wt, 1.5, 1.0) / base > 2.0 && rl_da_tonic_nM(&p, wt, 1.5, 1.0) / base < 5.0);
    /* The balance is solved exactly: release = uptake at the returned level. */
    c = 1.2;
    {
        double d = rl_da_tonic_nM(&p, wt, c, 0.7);
        double rel = 0.7 * p.da_release_nM_per_s / (1.0 + p.d2_gain * d / (d + p.d2_ec50_nM));
        double knon = p.da_knon_per_s * (1.0 - p.da_net_share
            + p.da_net_share / (1.0 + c / p.coc_net_ki_uM)); /* [DA-1] the NET share */
        double upt = p.da_vmax_nM_per_s * d / (p.da_km_nM * (1.0 + c / p.coc_ki_uM) + d) +
            knon * d;
        CHECK_CLOSE(rel, upt, 1e-6, 1e-9);
    }
    /* KOR inhibition of release lowers DA. */
    CHECK(rl_da_tonic_nM(&p, wt, 1.0, 0.5) < rl_da_tonic_nM(&p, wt, 1.0, 1.0));
}

/* [DA-2], [OBS-1] The slope dD/dC of tonic DA equals a central finite difference of the
** level, and the tangent bound the session readouts rely on holds -- D is concave in C, so
** D(C') <= D(C) + slope (C' - C) for every C' -- over 200 drawn parameter sets, DA
** genotypes, release gains and drug loads at the DAT, the NET and D2. */
static void
dopamine_slope_concave(void)
{
    static const char *const genotypes[] = {"WT", "Slc6a3-/-", "Slc6a3+/-", "DAT-CI", "Drd2-/-"};
    static const double gains[] = {0.4, 1.0, 1.6};
    static const rl_da_drugs_t loads[] = {{0.0, 0.0, 0.0, 0.0}, {2.0, 2.0, 0.0, 0.0},
        {0.0, 0.0, 0.0, 3.0}};
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    rl_params_t base, p;
    int draw, bad_slope = 0, bad_bound = 0;
    rl_params_default(&base);
    gsl_rng_set(r, 16);
    for (draw = 0; draw < 200; draw++) {
        const rl_gene_products_t *g = products(genotypes[draw % 5]);
        const rl_da_drugs_t *x = &loads[draw % 3];
        double gain = gains[(draw / 3) % 3], c;
        rl_params_draw(&p, &base, r);
        for (c = 0.0; c <= 12.0; c += 0.75) {
            double d = rl_da_tonic_drugs_nM(&p, g, c, gain, x);
            double slope = rl_da_tonic_slope(&p, g, c, gain, x, d);
            double h = 1e-4 * (1.0 + c), c2;
            /* central difference, or a second-order one-sided one at C = 0 (no C < 0) */
            double fd = c > h
                ? (rl_da_tonic_drugs_nM(&p, g, c + h, gain, x)
                    - rl_da_tonic_drugs_nM(&p, g, c - h, gain, x)) / (2.0 * h)
                : (4.0 * rl_da_tonic_drugs_nM(&p, g, c + h, gain, x)
                    - rl_da_tonic_drugs_nM(&p, g, c + 2.0 * h, gain, x) - 3.0 * d) / (2.0 * h);
            bad_slope += !(slope >= 0.0) || fabs(slope - fd) > 1e-4 * fabs(slope) + 1e-6;
            for (c2 = 0.0; c2 <= 20.0; c2 += 0.4) {
                bad_bound += rl_da_tonic_drugs_nM(&p, g, c2, gain, x)
                    > d + slope * (c2 - c) + 1e-9 * d;
            }
        }
    }
    CHECK(bad_slope == 0);
    CHECK(bad_bound == 0);
    gsl_rng_free(r);
}

/* The DA-system genotypes and drug loads (none; DAT + NET blockade; D1 and D2 antagonists)
** that the solve and lower-bound tests sweep. */
static const char *const DA_GENOTYPES[] = {"WT", "Slc6a3-/-", "Slc6a3+/-", "DAT-CI", "Drd2-/-"};
static const rl_da_drugs_t DA_LOADS[] = {{0.0, 0.0, 0.0, 0.0}, {2.0, 2.0, 0.0, 0.0},
    {0.0, 0.0, 1.0, 3.0}};

/* [DA-2] the solve: for parameter draws, genotypes, release gains, drug loads and brain
** cocaine up to 20 uM, the result satisfies the balance release(D) = uptake(D) (written
** out here in the rational form of docs/MODEL.md, independently of the solver) to 1e-12
** of the release rate, and any starting guess -- 0, negative, NaN, far above the root,
** the root of another concentration -- gives the cold start's result to 1e-12 of D. */
static void
dopamine_solve_any_start(void)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    rl_params_t base, p;
    int draw, bad_balance = 0, bad_start = 0, k;
    rl_params_default(&base);
    gsl_rng_set(r, 17);
    for (draw = 0; draw < 300; draw++) {
        const rl_gene_products_t *g = products(DA_GENOTYPES[draw % 5]);
        const rl_da_drugs_t *x = &DA_LOADS[draw % 3];
        double gain = 0.3 + 1.4 * gsl_rng_uniform(r), c = 20.0 * gsl_rng_uniform(r);
        double d, rel, upt, km, knon, u, other;
        double guesses[6];
        rl_params_draw(&p, &base, r);
        d = rl_da_tonic_drugs_nM(&p, g, c, gain, x);
        km = p.da_km_nM * (1.0 + c * g->dat_cocaine_affinity / p.coc_ki_uM
            + x->dat * g->dat_cocaine_affinity);
        u = 1.0 + c / p.coc_net_ki_uM + x->net;
        knon = p.da_knon_per_s * (1.0 - p.da_net_share + p.da_net_share / u);
        rel = p.da_release_nM_per_s * gain /
            (1.0 + p.d2_gain * g->drd2 * d / (d + p.d2_ec50_nM * (1.0 + x->d2)));
        upt = p.da_vmax_nM_per_s * g->slc6a3 * d / (km + d) + knon * d;
        bad_balance += !(d > 0.0) || fabs(rel - upt) > 1e-12 * p.da_release_nM_per_s * gain;
        other = rl_da_tonic_drugs_nM(&p, g, 20.0 - c, gain, x);
        guesses[0] = 0.0;
        guesses[1] = -5.0;
        guesses[2] = NAN;
        guesses[3] = 1e9;
        guesses[4] = other;
        guesses[5] = d * (1.0 + 1e-3);
        for (k = 0; k < 6; k++) {
            double dk = rl_da_tonic_from_nM(&p, g, c, gain, x, guesses[k]);
            bad_start += !(fabs(dk - d) <= 1e-12 * d);
        }
    }
    CHECK(bad_balance == 0);
    CHECK(bad_start == 0);
    gsl_rng_free(r);
}

/* [DA-2], [BEH-3] the solve-free lower bound (one Newton step of the convex balance): for
** parameter draws, genotypes, drug loads, release gains and brain cocaine up to 20 uM, from
** guesses far below, far above, at another concentration's root and near the root, it
** never exceeds the solve and is not negative; from a guess 1 % off the root it is within
** 1e-3 of it (quadratic convergence: the thinning bound stays tight); from the root, the
** root less its margin; a non-positive or NaN guess gives 0. */
static void
dopamine_lower_bound(void)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    rl_params_t base, p;
    int draw, above = 0, loose = 0, bad_edge = 0, k;
    rl_params_default(&base);
    gsl_rng_set(r, 23);
    for (draw = 0; draw < 300; draw++) {
        const rl_gene_products_t *g = products(DA_GENOTYPES[draw % 5]);
        const rl_da_drugs_t *x = &DA_LOADS[draw % 3];
        double gain = 0.3 + 1.4 * gsl_rng_uniform(r), c = 20.0 * gsl_rng_uniform(r);
        double d, lb, guesses[6];
        rl_params_draw(&p, &base, r);
        d = rl_da_tonic_drugs_nM(&p, g, c, gain, x);
        guesses[0] = 1e-3 * d;
        guesses[1] = 1e3 * d;
        guesses[2] = rl_da_tonic_drugs_nM(&p, g, 20.0 - c, gain, x);
        guesses[3] = rl_da_tonic_drugs_nM(&p, g, 0.0, 1.7 - gain, x);
        guesses[4] = d * 0.99;
        guesses[5] = d * 1.01;
        for (k = 0; k < 6; k++) {
            lb = rl_da_tonic_lower_nM(&p, g, c, gain, x, guesses[k]);
            above += !(lb >= 0.0 && lb <= d);
            if (k >= 4) {
                loose += !(lb >= d * (1.0 - 1e-3));
            }
        }
        lb = rl_da_tonic_lower_nM(&p, g, c, gain, x, d);
        bad_edge += !(lb <= d && lb >= d * (1.0 - 1e-11));
        bad_edge += rl_da_tonic_lower_nM(&p, g, c, gain, x, 0.0) != 0.0;
        bad_edge += rl_da_tonic_lower_nM(&p, g, c, gain, x, -1.0) != 0.0;
        bad_edge += rl_da_tonic_lower_nM(&p, g, c, gain, x, NAN) != 0.0;
    }
    CHECK(above == 0);
    CHECK(loose == 0);
    CHECK(bad_edge == 0);
    gsl_rng_free(r);
}

/* The mouse's memo of the solve (da_memo): a repeated call returns the stored value, a call
** with new inputs a fresh solve warm-started from the last one; both agree with the cold
** solve rl_mouse_tonic_da_at() to 1e-12, whatever the order of the calls. */
static void
dopamine_memo(void)
{
    static const rl_reinforcer_t cocaine = {.kind = RL_REINFORCER_DRUG, .dose_mg_per_kg = 1.0,
        .infusion_s = 2.0};
    static const double conc[] = {0.0, 3.0, 0.5, 0.5, 12.0, 0.0, 1e-3, 3.0};
    rl_params_t p;
    rl_mouse_t m;
    size_t i;
    int bad = 0;
    rl_params_default(&p);
    rl_mouse_init(&m, &p, products("WT"), &cocaine);
    for (i = 0; i < sizeof conc / sizeof conc[0]; i++) {
        double cold = rl_mouse_tonic_da_at(&m, conc[i]);
        double memo = rl_mouse_da_memo(&m, conc[i]);
        double again = rl_mouse_da_memo(&m, conc[i]);
        bad += !(fabs(memo - cold) <= 1e-12 * cold) || again != memo;
        if (i == 3) {
            m.release_gain *= 0.8; /* a new release gain: the memo must not answer */
            bad += !(fabs(rl_mouse_da_memo(&m, conc[i]) - rl_mouse_tonic_da_at(&m, conc[i]))
                <= 1e-12 * cold);
        }
    }
    CHECK(bad == 0);
}

/* [DA-3] D1 signal: O_D1(D) = g_Drd1 * D / (D + EC50_D1), by hand at three levels and with
** half the D1 receptors. */
static void
d1_signal(void)
{
    rl_params_t p;
    rl_gene_products_t g = products("WT")[0];
    double d;
    rl_params_default(&p);
    for (d = 10.0; d <= 1e4; d *= 10.0) {
        CHECK_CLOSE(rl_da_d1_occupancy(&p, &g, d), d / (d + p.d1_ec50_nM), 0.0, 1e-14);
    }
    CHECK_CLOSE(rl_da_d1_occupancy(&p, &g, p.d1_ec50_nM), 0.5, 0.0, 1e-14); /* at EC50 */
    g.drd1 = 0.5;
    CHECK_CLOSE(rl_da_d1_occupancy(&p, &g, 300.0), 0.5 * 300.0 / (300.0 + p.d1_ec50_nM), 0.0,
        1e-14);
}

/* [OP-1] Peptide kinetics: dP/dt = k (g_gene (pep_basal + pep_d1_gain x) - P), k =
** pep_clear_per_min / 60, for dynorphin g_Pdyn ((B + I) pep_basal + I pep_d1_gain x) (B the
** basal pool, I the induced one [OP-3]): the rest levels, and one exact step from rest under
** a constant drive x, P(t) = P_ss + (P_0 - P_ss) e^{-kt}, worked by hand; a phasic transient
** adds g pep_d1_gain k dose (dynorphin: times I). */
static void
peptide_kinetics(void)
{
    rl_params_t p;
    rl_gene_products_t g = products("WT")[0];
    rl_peptides_t pep;
    const double induced = 0.5, x = 0.2, dt = 90.0, dose = 2.0;
    double k, e, ss_b, ss_d, rest_d;
    rl_params_default(&p);
    k = p.pep_clear_per_min / 60.0;
    e = exp(-k * dt);
    g.penk = 0.5; /* a heterozygote: half the synthesis */
    rl_opioid_basal(&p, &g, induced, &pep);
    CHECK_CLOSE(pep.bend, p.pep_basal, 0.0, 1e-14);
    CHECK_CLOSE(pep.enk, 0.5 * p.pep_basal, 0.0, 1e-14);
    /* [OP-1] dynorphin's tonic level from the whole pool, basal + induced */
    rest_d = (p.dyn_basal_pool + induced) * p.pep_basal;
    CHECK_CLOSE(pep.dyn, rest_d, 0.0, 1e-14);
    rl_opioid_step(&p, &g, induced, x, dt, &pep);
    ss_b = p.pep_basal + p.pep_d1_gain * x;
    /* its D1-driven release from the induced pool only [OP-3] */
    ss_d = rest_d + induced * p.pep_d1_gain * x;
    CHECK_CLOSE(pep.bend, ss_b + (p.pep_basal - ss_b) * e, 0.0, 1e-13);
    CHECK_CLOSE(pep.enk, 0.5 * (ss_b + (p.pep_basal - ss_b) * e), 0.0, 1e-13);
    CHECK_CLOSE(pep.dyn, ss_d + (rest_d - ss_d) * e, 0.0, 1e-13);
    /* the transient's release, on top */
    {
        rl_peptides_t before = pep;
        rl_opioid_impulse(&p, &g, induced, dose, &pep);
        CHECK_CLOSE(pep.bend - before.bend, p.pep_d1_gain * k * dose, 0.0, 1e-12);
        CHECK_CLOSE(pep.dyn - before.dyn, induced * p.pep_d1_gain * k * dose, 0.0, 1e-12);
    }
    /* a drug-naive mouse (nothing induced): tonic dynorphin, no D1-driven release */
    rl_opioid_basal(&p, &g, 0.0, &pep);
    rl_opioid_step(&p, &g, 0.0, x, dt, &pep);
    CHECK_CLOSE(pep.dyn, p.dyn_basal_pool * p.pep_basal, 0.0, 1e-13);
    rl_opioid_impulse(&p, &g, 0.0, dose, &pep);
    CHECK_CLOSE(pep.dyn, p.dyn_basal_pool * p.pep_basal, 0.0, 1e-13);
    /* no synthesis, no peptide */
    g.pdyn = 0.0;
    rl_opioid_basal(&p, &g, induced, &pep);
    rl_opioid_step(&p, &g, induced, x, dt, &pep);
    CHECK(pep.dyn == 0.0);
}

/* Dopamine-system genotypes act through their gene products only [DA-1..3]. */
static void
dopamine_genotypes(void)
{
    rl_params_t p;
    const rl_gene_products_t *wt = products("WT"), *dat_ko = products("Slc6a3-/-");
    const rl_gene_products_t *dat_ci = products("DAT-CI"), *d1_ko = products("Drd1-/-");
    const rl_gene_products_t *d2_ko = products("Drd2-/-");
    double wt0, wt1, ko0, ko1, ci0, ci1;
    rl_params_default(&p);
    wt0 = rl_da_tonic_nM(&p, wt, 0.0, 1.0);
    wt1 = rl_da_tonic_nM(&p, wt, 1.5, 1.0);
    /* DAT-KO: no DAT uptake but the slow non-DAT clearance, so resting DA is high (DAT-KO
    ** mice have ~5x extracellular DA, Jones et al. 1998; more here, as the model does not
    ** deplete the stores) and cocaine raises it only through the NET share of that
    ** clearance (Carboni et al. 2001): by 1/(1 - s + s/(1 + C/Ki_NET)) at most. */
    ko0 = rl_da_tonic_nM(&p, dat_ko, 0.0, 1.0);
    ko1 = rl_da_tonic_nM(&p, dat_ko, 1.5, 1.0);
    CHECK(ko0 > 5.0 * wt0);
    CHECK(ko1 > ko0);
    CHECK(ko1 < ko0 / (1.0 - p.da_net_share + p.da_net_share / (1.0 + 1.5 / p.coc_net_ki_uM)));
    /* The release/uptake balance holds there too: release = k_non(C) x D. */
    CHECK_CLOSE(p.da_release_nM_per_s / (1.0 + p.d2_gain * ko0 / (ko0 + p.d2_ec50_nM)),
        p.da_knon_per_s * ko0, 1e-6, 1e-9);
    CHECK_CLOSE(p.da_release_nM_per_s / (1.0 + p.d2_gain * ko1 / (ko1 + p.d2_ec50_nM)),
        p.da_knon_per_s * (1.0 - p.da_net_share + p.da_net_share
            / (1.0 + 1.5 / p.coc_net_ki_uM)) * ko1, 1e-6, 1e-9);
    /* With no NET share, cocaine does nothing in DAT-KO mice. */
    {
        rl_params_t q = p;
        q.da_net_share = 0.0;
        CHECK_CLOSE(rl_da_tonic_nM(&q, dat_ko, 1.5, 1.0), rl_da_tonic_nM(&q, dat_ko, 0.0, 1.0),
            1e-9, 1e-9);
    }
    /* DAT-CI: resting DA as WT; 1.5 uM cocaine acts like 1.5/89 uM in WT. */
    ci0 = rl_da_tonic_nM(&p, dat_ci, 0.0, 1.0);
    ci1 = rl_da_tonic_nM(&p, dat_ci, 1.5, 1.0);
    CHECK_CLOSE(ci0, wt0, 1e-12, 0);
    {   /* at the DAT only: cocaine still blocks the NET share [DA-1] */
        rl_params_t q = p;
        q.da_net_share = 0.0;
        CHECK_CLOSE(rl_da_tonic_nM(&q, dat_ci, 1.5, 1.0), rl_da_tonic_nM(&q, wt, 1.5 / 89.0, 1.0),
            1e-9, 1e-9);
    }
    CHECK((ci1 - ci0) < 0.05 * (wt1 - wt0));
    /* D2-KO: no autoreceptor brake, so more DA at rest and under cocaine. */
    CHECK(rl_da_tonic_nM(&p, d2_ko, 0.0, 1.0) > wt0);
    CHECK(rl_da_tonic_nM(&p, d2_ko, 1.5, 1.0) > wt1);
    /* D1-KO: DA itself unchanged, but no D1 signal and no D1 dose from a transient. */
    CHECK_CLOSE(rl_da_tonic_nM(&p, d1_ko, 1.5, 1.0), wt1, 1e-12, 0);
    CHECK(rl_da_d1_occupancy(&p, d1_ko, wt1) == 0.0 && rl_da_d1_occupancy(&p, wt, wt1) > 0.0);
    CHECK(rl_da_burst_d1_dose(&p, d1_ko, wt0, 1.0) == 0.0);
    CHECK(rl_da_burst_d1_dose(&p, wt, wt0, 1.0) > 0.0);
    /* Heterozygotes lie between. */
    CHECK(rl_da_tonic_nM(&p, products("Slc6a3+/-"), 0.0, 1.0) > wt0
        && rl_da_tonic_nM(&p, products("Slc6a3+/-"), 0.0, 1.0) < ko0);
}

static void
opioid_knockouts(void)
{
    rl_params_t p;
    rl_peptides_t pep;
    rl_receptor_signals_t s;
    const rl_gene_products_t *g;
    rl_params_default(&p);
    g = &rl_genotype_get(rl_genotype_find("Oprm1-/-"))->products;
    rl_opioid_basal(&p, g, 1.0, &pep);
    rl_opioid_step(&p, g, 1.0, 0.1, 600.0, &pep);
    rl_opioid_signals(&p, g, &pep, NULL, &s);
    CHECK(s.mor == 0.0 && s.dor_nac > 0.0 && s.kor > 0.0);
    g = &rl_genotype_get(rl_genotype_find("Pdyn-/-"))->products;
    rl_opioid_basal(&p, g, 1.0, &pep);
    rl_opioid_step(&p, g, 1.0, 0.1, 600.0, &pep);
    rl_opioid_impulse(&p, g, 1.0, 5.0, &pep);
    rl_opioid_signals(&p, g, &pep, NULL, &s);
    CHECK(pep.dyn == 0.0 && s.kor == 0.0 && s.mor > 0.0);
    g = &rl_genotype_get(rl_genotype_find("Penk-/-"))->products;
    rl_opioid_basal(&p, g, 1.0, &pep);
    rl_opioid_signals(&p, g, &pep, NULL, &s);
    CHECK(pep.enk == 0.0 && s.dor_nac > 0.0); /* beta-endorphin still binds DOR */
    /* D1 drive raises every peptide toward its steady state, exactly exponentially. */
    g = &rl_genotype_get(rl_genotype_find("WT"))->products;
    rl_opioid_basal(&p, g, 1.0, &pep);
    rl_opioid_step(&p, g, 1.0, 0.1, 1e6, &pep);
    CHECK_CLOSE(pep.bend, p.pep_basal + p.pep_d1_gain * 0.1, 1e-12, 1e-9);
}

/* Drugs at the opioid receptors [DRG-6]: competitive loads, agonism, inactivation, worked
** by hand, then through a mouse given real doses. */
static void
opioid_drugs(void)
{
    rl_params_t p;
    rl_peptides_t pep = {0, 0, 0, 0};
    rl_receptor_signals_t s, s0;
    rl_opioid_drugs_t dx;
    const rl_gene_products_t *wt = products("WT");
    rl_mouse_t m, m0;
    rl_reinforcer_t coc;
    rl_error_t err;
    int nalox = -1, norbni = -1, i;

    rl_params_default(&p);
    /* beta-endorphin at 1 Kd gives MOR x = bend_mor_affinity (1.0): signal 1/2 alone */
    pep.bend = 1.0;
    memset(&dx, 0, sizeof dx);
    rl_opioid_signals(&p, wt, &pep, NULL, &s0);
    rl_opioid_signals(&p, wt, &pep, &dx, &s);
    CHECK(s.mor == s0.mor && s.kor == s0.kor && s.dor_nac == s0.dor_nac); /* no drug: same */
    CHECK_CLOSE(s0.mor, 0.5, 0, 1e-12);
    dx.load[0] = 10.0;                        /* an antagonist at 10 x Ki: 1/(1 + 1 + 10) */
    rl_opioid_signals(&p, wt, &pep, &dx, &s);
    CHECK_CLOSE(s.mor, 1.0 / 12.0, 0, 1e-12);
    dx.agonist[0] = 10.0;                     /* a full agonist instead: 11/12 */
    rl_opioid_signals(&p, wt, &pep, &dx, &s);
    CHECK_CLOSE(s.mor, 11.0 / 12.0, 0, 1e-12);
    memset(&dx, 0, sizeof dx);
    dx.inactivated[2] = 0.75;                 /* three quarters of KOR alkylated/blocked */
    pep.dyn = 1.0;
    rl_opioid_signals(&p, wt, &pep, &dx, &s);
    CHECK_CLOSE(s.kor, 0.25 * 0.5, 0, 1e-12);

    /* Through a mouse: naloxone lowers the MOR signal for the hour after a dose; nor-BNI
    ** still blocks KOR a week later, when its plasma level is long gone. */
    for (i = 0; i < rl_drug_count(); i++) {
        const char *n = rl_drug_label(i)->name;
        nalox = strcmp(n, "naloxone") == 0 ? i : nalox;
        norbni = strcmp(n, "nor-BNI") == 0 ? i : norbni;
    }
    CHECK(nalox >= 0 && norbni >= 0);
    memset(&coc, 0, sizeof coc);
    coc.kind = RL_REINFORCER_DRUG;
    coc.dose_mg_per_kg = 1.0;
    coc.infusion_s = 2.0;
    rl_mouse_init(&m0, &p, wt, &coc);
    rl_mouse_begin_session(&m0, 24.0, true);
    rl_mouse_copy(&m, &m0);
    CHECK(rl_mouse_give(&m, nalox, RL_ROUTE_SC, 1.0, -10.0, &err) == 0);
    CHECK(m.sig.mor < 0.2 * m0.sig.mor && m.sig.kor < m0.sig.kor);
    CHECK(rl_mouse_give(&m, nalox, RL_ROUTE_PO, 1.0, 0.0, &err) == RL_ERR_INVALID);
    rl_mouse_copy(&m, &m0);
    CHECK(rl_mouse_give(&m, norbni, RL_ROUTE_IP, 10.0, -60.0, &err) == 0);
    for (i = 0; i < 7; i++) {
        rl_mouse_begin_session(&m, 24.0, false);
        rl_mouse_begin_session(&m0, 24.0, false);
    }
    CHECK(m.sig.kor < 0.6 * m0.sig.kor);       /* a week on: KOR still largely blocked */
    CHECK(fabs(m.sig.mor - m0.sig.mor) < 0.01 * m0.sig.mor); /* its MOR action is gone */
}

/* Backgrounds (background.h): the reference is the table itself; 129 multiplies its
** parameters by the documented factors, clipped to their ranges; names and aliases. */
static void
backgrounds(void)
{
    rl_params_t p, q;
    int b6 = rl_background_find("C57BL/6J"), s129 = rl_background_find("129");
    int k;
    rl_params_default(&p);
    q = p;
    CHECK(b6 == 0 && rl_background_find("B6") == b6 && s129 > 0);
    CHECK(rl_background_find("BALB/c") == -1 && rl_background_find(NULL) == -1);
    CHECK(rl_background_apply(b6, &q, NULL) == RL_OK && memcmp(&p, &q, sizeof p) == 0);
    CHECK(rl_background_apply(s129, &q, NULL) == RL_OK);
    CHECK_CLOSE(q.crf_da_gain, 1.5 * p.crf_da_gain, 1e-15, 0);
    CHECK_CLOSE(q.explore_per_min, 0.6 * p.explore_per_min, 1e-15, 0);
    CHECK(q.coc_ki_uM == p.coc_ki_uM);
    for (k = 0; k < rl_background_count(); k++) { /* every factor names a parameter */
        const rl_background_t *b = rl_background_get(k);
        int f;
        for (f = 0; f < b->n_factors; f++) {
            CHECK(rl_param_find(b->factors[f].param) >= 0 && b->factors[f].source != NULL);
        }
    }
    q = p; /* clipped to the plausible range */
    q.explore_per_min = 0.011;
    CHECK(rl_background_apply(s129, &q, NULL) == RL_OK);
    CHECK(q.explore_per_min == rl_param_info((size_t) rl_param_find("explore_per_min"))->lo);
    CHECK(rl_background_get(-1) == NULL && rl_background_apply(99, &q, NULL) != RL_OK);
}

static const rl_test_case_t CASES[] = {
    {"parameter_table", parameter_table, 0},
    {"genotype_table", genotype_table, 0},
    {"dopamine", dopamine, 0},
    {"dopamine_genotypes", dopamine_genotypes, 0},
    {"dopamine_slope_concave", dopamine_slope_concave, 0},
    {"dopamine_solve_any_start", dopamine_solve_any_start, 0},
    {"dopamine_lower_bound", dopamine_lower_bound, 0},
    {"dopamine_memo", dopamine_memo, 0},
    {"d1_signal", d1_signal, 0},
    {"peptide_kinetics", peptide_kinetics, 0},
    {"opioid_knockouts", opioid_knockouts, 0},
    {"opioid_drugs", opioid_drugs, 0},
    {"backgrounds", backgrounds, 0},
};

RL_TEST_MAIN(CASES)
