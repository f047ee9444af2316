/* test_compare.c -- the group comparisons of `summary --compare` (compare.h) against R.
**
** The fixture is a dataset and its measures built in memory (no simulator, no database):
** 16 mice in four groups of 4 -- A-WT, A-KO, B-WT, B-KO -- in one procedure of four phases
** (acquisition, 3 sessions; progressive ratio; extinction, 3-5 sessions; reinstatement).
** Expected values: R 4.2.2 with afex 1.2.1 (Debian 12 packages r-base-core, r-cran-afex),
** from `Rscript tests/data/compare_ref.R` (its output: tests/data/compare_ref.out), which
** writes out the same numbers: t.test(var.equal = FALSE) with its conf.int, Hedges' g as
** stats.c computes it, afex::aov_ez(type = 3) with correction "none" and "GG" and
** es = "pes", summary(aov()) and p.adjust("holm"). R is not needed to run this test.
** The same data are compared four ways: with genotypes (pairs by line), without genotypes
** but with names that differ in a "WT" word (pairs by name), with plain names (all groups:
** one-way ANOVA, Holm over the six pairs, mixed ANOVAs over four groups), and with each
** group in a procedure of its own (pooled into one block: the same as all groups).
*/
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "relapselab/compare.h"
#include "testlib.h"

#define NM 16
#define NG 4

static const double acq[NM][3] = {{10, 18, 25}, {12, 20, 22}, {8, 15, 27}, {14, 19, 24},
    {6, 9, 12}, {5, 11, 10}, {8, 10, 15}, {4, 7, 9}, {11, 17, 21}, {9, 16, 26},
    {13, 22, 23}, {10, 14, 20}, {15, 25, 33}, {18, 28, 30}, {12, 24, 35}, {16, 27, 31}};
static const double rf[NM] = {9.3, 10.1, 8.7, 11.0, 5.2, 6.0, 4.8, 7.1, 8.1, 9.5, 10.2, 7.9,
    12.5, 13.1, 11.8, 14.0};
static const double bp[NM] = {40, 27, 60, 40, 18, 27, 12, 18, 27, 40, 40, 27, 60, 90, 60, 40};
static const double prrf[NM] = {7, 6, 8, 7, 5, 6, 4, 5, 6, 7, 7, 6, 8, 9, 8, 7};
static const double ext[NM][5] = {{12, 8, 5}, {10, 9, 4, 3}, {15, 11, 6}, {9, 7, 5, 4, 2},
    {7, 6, 4}, {8, 5, 3}, {6, 6, 5, 2}, {9, 4, 4}, {11, 9, 6, 4}, {13, 10, 7, 5},
    {10, 6, 5, 3}, {12, 8, 6, 5}, {14, 12, 9, 8}, {16, 10, 8, 7}, {13, 11, 10, 6},
    {15, 13, 9, 6}};
static const int ext_n[NM] = {3, 4, 3, 5, 3, 3, 4, 3, 4, 4, 4, 4, 4, 4, 4, 4};
static const double base[NM] = {6.0, 5.3, 7.3, 5.0, 4.3, 5.3, 5.7, 5.7, 6.7, 8.3, 7.0, 8.7,
    11.7, 10.3, 11.3, 12.3};
static const double test_active[NM] = {15, 12, 18, 11, 7, 9, 6, 10, 14, 16, 13, 12, 20, 25,
    19, 22};

enum { GENOTYPES, WT_NAMES, PLAIN_NAMES };

static rl_procedure_t proc, procs[NG];
static rl_ds_group_t groups[NG];
static rl_ds_subject_t subjects[NM];
static rl_ds_session_t sessions[NM * 10];
static rl_subject_phase_t rows[NM * 4];
static rl_group_phase_t gphases[NG * 4];
static rl_dataset_t ds;
static rl_measures_t ms;

static void
phase(int ph, const char *name, rl_phase_kind_t kind)
{
    snprintf(proc.phases[ph].name, sizeof proc.phases[ph].name, "%s", name);
    proc.phases[ph].kind = kind;
    proc.phases[ph].deliver_reinforcer = kind != RL_PHASE_EXTINCTION;
}

static void
add_session(size_t *n, int s, int ph, int in_phase, double active)
{
    rl_ds_session_t *x = &sessions[(*n)++];
    x->subject = s;
    x->subject_id = s;
    x->group_id = s / 4;
    x->phase_index = ph;
    x->session_in_phase = in_phase;
    x->active = (int64_t) active;
}

/* The fixture, with groups labelled as mode says; n_in_group[g] mice of each (<= 4: the
** first ones; the others have no sessions); separate: each group in a procedure of its
** own, the four alike but for their names. */
static void
build_in(int mode, const int *n_in_group, bool separate)
{
    static const char *const names[3][NG] = {{"A-WT", "A-KO", "B-WT", "B-KO"},
        {"A-WT", "A-KO", "B-WT", "B-KO"}, {"G1", "G2", "G3", "G4"}};
    static const char *const genotype[NG] = {"WT", "Akt-/-", "WT", "Bkt-/-"};
    static const char *const line[NG] = {"A", "A", "B", "B"};
    size_t n = 0;
    int g, s, ph, j, r = 0;

    memset(&proc, 0, sizeof proc);
    memset(groups, 0, sizeof groups);
    memset(&ds, 0, sizeof ds);
    memset(&ms, 0, sizeof ms);
    snprintf(proc.name, sizeof proc.name, "main");
    proc.n_phases = 4;
    phase(0, "acquisition", RL_PHASE_ACQUISITION);
    phase(1, "progressive_ratio", RL_PHASE_PROGRESSIVE_RATIO);
    phase(2, "extinction", RL_PHASE_EXTINCTION);
    phase(3, "cue_test", RL_PHASE_REINSTATEMENT);
    for (g = 0; g < NG; g++) {
        groups[g].group_id = g;
        groups[g].name = names[mode][g];
        groups[g].genotype = mode == GENOTYPES ? genotype[g] : NULL;
        groups[g].line = mode == GENOTYPES ? line[g] : NULL;
        groups[g].n = 4;
        for (ph = 0; ph < 4; ph++) {
            gphases[g * 4 + ph].group = g;
            gphases[g * 4 + ph].phase_index = ph;
            gphases[g * 4 + ph].n = n_in_group[g];
        }
    }
    for (s = 0; s < NM; s++) {
        subjects[s].subject_id = s;
        subjects[s].group_id = s / 4;
        subjects[s].index_in_group = s % 4;
        if (s % 4 >= n_in_group[s / 4]) {
            continue;
        }
        for (j = 0; j < 3; j++) {
            add_session(&n, s, 0, j, acq[s][j]);
        }
        add_session(&n, s, 1, 0, 0.0);
        for (j = 0; j < ext_n[s]; j++) {
            add_session(&n, s, 2, j, ext[s][j]);
        }
        add_session(&n, s, 3, 0, test_active[s]);
        for (ph = 0; ph < 4; ph++) {
            rl_subject_phase_t *x = &rows[r++];
            int k;
            x->subject = s;
            x->group = s / 4;
            x->phase_index = ph;
            for (k = 0; k < RL_M_COUNT; k++) {
                x->v[k] = NAN;
            }
            x->v[RL_M_REINFORCERS] = ph == 0 ? rf[s] : ph == 1 ? prrf[s] : NAN;
            x->v[RL_M_BREAKPOINT] = ph == 1 ? bp[s] : NAN;
            x->v[RL_M_BASELINE_ACTIVE] = ph == 3 ? base[s] : NAN;
            x->v[RL_M_ACTIVE] = ph == 3 ? test_active[s] : NAN;
        }
    }
    ds.path = "fixture.db";
    ds.n_procedures = 1;
    ds.procedures = &proc;
    if (separate) { /* one procedure per group, all alike: "main1" .. "main4" */
        for (g = 0; g < NG; g++) {
            procs[g] = proc;
            snprintf(procs[g].name, sizeof procs[g].name, "main%d", g + 1);
            groups[g].procedure_id = g;
        }
        ds.n_procedures = NG;
        ds.procedures = procs;
    }
    ds.n_groups = NG;
    ds.groups = groups;
    ds.n_subjects = NM;
    ds.subjects = subjects;
    ds.n_sessions = n;
    ds.sessions = sessions;
    ms.n_subject_phases = (size_t) r;
    ms.subject_phases = rows;
    ms.n_group_phases = NG * 4;
    ms.group_phases = gphases;
}

static void
build(int mode, const int *n_in_group)
{
    build_in(mode, n_in_group, false);
}

static const int full[NG] = {4, 4, 4, 4};

/* The rows of phase ph, test and term, and group_a (-2: any), in order. */
static const rl_cmp_row_t *
find(const rl_comparisons_t *c, int ph, int measure, int term, int a, int b)
{
    size_t i;
    for (i = 0; i < c->n_rows; i++) {
        const rl_cmp_row_t *r = &c->rows[i];
        if (r->phase_index == ph && r->measure == measure && r->term == term
            && r->group_a == a && r->group_b == b) {
            return r;
        }
    }
    return NULL;
}

static void
check_welch(const rl_cmp_row_t *r, double t, double df, double p, double lo, double hi,
    double g)
{
    CHECK(r != NULL);
    if (r == NULL) {
        return;
    }
    CHECK(r->test == RL_CMP_WELCH);
    CHECK_CLOSE(r->stat, t, 0.0, 1e-9);
    CHECK_CLOSE(r->df, df, 0.0, 1e-8);
    CHECK_CLOSE(r->p, p, 0.0, 1e-9);
    CHECK_CLOSE(r->lo, lo, 0.0, 1e-8);
    CHECK_CLOSE(r->hi, hi, 0.0, 1e-8);
    CHECK_CLOSE(r->effect, g, 0.0, 1e-9);
}

/* The three rows of a mixed ANOVA: F, p, GG p (of the within terms), pes, in the order
** group, level, interaction (R: "mixed ..." lines). */
static void
check_mixed(const rl_comparisons_t *c, int ph, int a, int b, int levels, const double e[3][4])
{
    int t;
    for (t = 0; t < 3; t++) {
        const rl_cmp_row_t *r = find(c, ph, RL_M_ACTIVE, RL_CMP_TERM_GROUP + t, a, b);
        CHECK(r != NULL);
        if (r == NULL) {
            continue;
        }
        CHECK(r->test == RL_CMP_MIXED && r->levels == levels);
        CHECK_CLOSE(r->stat, e[t][0], 0.0, 1e-8);
        CHECK_CLOSE(r->p, e[t][1], 1e-8, 1e-10);
        CHECK_CLOSE(r->p_gg, e[t][2], 1e-8, 1e-10);
        CHECK_CLOSE(r->effect, e[t][3], 0.0, 1e-10);
        CHECK(t == 0 || levels == 2 ? isnan(r->gg_epsilon) : r->gg_epsilon > 0.0);
    }
}

static void
pairs_rule(const rl_comparisons_t *c)
{
    static const double acq_a[3][4] = {
        {79.5272727273, 0.000110856142065, 0.000110856142065, 0.929846938776},
        {45.6552901024, 2.45594520336e-06, 8.51909776621e-05, 0.883845391477},
        {7.40273037543, 0.00804910915221, 0.021137435513, 0.552330022918}};
    static const double ext_a[3][4] = {
        {12.4748201439, 0.0123382301318, 0.0123382301318, 0.67523364486},
        {32.7272727273, 1.38294853514e-05, 7.69059359911e-05, 0.845070422535},
        {3.38181818182, 0.0684203717478, 0.0836767498252, 0.360465116279}};
    static const double ext_b[3][4] = {
        {24.0981818182, 0.00268642358251, 0.00268642358251, 0.800652410294},
        {93.420233463, 3.63905275285e-11, 3.74159367952e-09, 0.939650111542},
        {0.221789883268, 0.879990636364, 0.836437352283, 0.0356472795497}};
    static const double rein_a[3][4] = {
        {8.08332063976, 0.0294462160965, 0.0294462160965, 0.573964113047},
        {60.76, 0.000234944019403, 0.000234944019403, 0.910125823847},
        {14.7729032258, 0.00852361464873, 0.00852361464873, 0.711162183987}};
    const rl_cmp_row_t *r;

    CHECK(c->n_blocks == 1 && c->blocks[0].rule == RL_CMP_PAIRS && c->blocks[0].n_groups == 4);
    CHECK(c->n_blocks == 1 && strcmp(c->blocks[0].name, "main") == 0);
    CHECK(c->partner[1] == 0 && c->partner[3] == 2 && c->partner[0] < 0 && c->partner[2] < 0);
    /* R: welch acq_rf A / B, bp A / B, pr_rf A */
    check_welch(find(c, 0, RL_M_REINFORCERS, RL_CMP_TERM_NONE, 1, 0), -5.62182695141,
        5.99837467197, 0.00135468285849, -5.7411226626, -2.2588773374, -3.45672344348);
    check_welch(find(c, 0, RL_M_REINFORCERS, RL_CMP_TERM_NONE, 3, 2), 5.41808976532,
        5.82934540191, 0.00179392601947, 2.13974038583, 5.71025961417, 3.33145044707);
    check_welch(find(c, 1, RL_M_BREAKPOINT, RL_CMP_TERM_NONE, 1, 0), -3.07464833723,
        4.18624930129, 0.0349468576189, -43.4098851866, -2.59011481342, -1.89052581654);
    check_welch(find(c, 1, RL_M_BREAKPOINT, RL_CMP_TERM_NONE, 3, 2), 2.64365649576,
        3.78156265378, 0.0607832643027, -2.16318059437, 60.1631805944, 1.62551950894);
    check_welch(find(c, 1, RL_M_REINFORCERS, RL_CMP_TERM_NONE, 1, 0), -3.46410161514, 6.0,
        0.0133999647123, -3.41272521594, -0.587274784058, -2.12999108068);
    /* each mutant has its own wild type: families of one, Holm's p is p */
    r = find(c, 1, RL_M_BREAKPOINT, RL_CMP_TERM_NONE, 3, 2);
    CHECK(r != NULL && r->family == 1 && r->p_holm == r->p);
    CHECK(r != NULL && r->n_a == 4 && r->n_b == 4 && r->mean_a == 62.5 && r->mean_b == 33.5);
    /* R: mixed acq A; extinction: k = 3 for pair A, 4 for pair B; reinstatement 2 x 2 */
    check_mixed(c, 0, 1, 0, 3, acq_a);
    check_mixed(c, 2, 1, 0, 3, ext_a);
    check_mixed(c, 2, 3, 2, 4, ext_b);
    check_mixed(c, 3, 1, 0, 2, rein_a);
    r = find(c, 3, RL_M_ACTIVE, RL_CMP_TERM_LEVEL, 1, 0);
    CHECK(r != NULL && r->within == RL_CMP_WITHIN_TEST && strcmp(rl_cmp_term_name(r), "test") == 0);
    /* nothing else: 2 pairs x (3 t-tests + 3 mixed ANOVAs of 3 rows) = 24 rows */
    CHECK(c->n_rows == 24 && c->n_notes == 0);
}

static void
pairs_by_genotype(void)
{
    rl_comparisons_t *c = NULL;
    rl_error_t err;
    build(GENOTYPES, full);
    CHECK(rl_compare_compute(&ds, &ms, &c, &err) == 0);
    if (c != NULL) {
        pairs_rule(c);
    }
    rl_comparisons_free(c);
}

static void
pairs_by_name(void)
{
    rl_comparisons_t *c = NULL;
    rl_error_t err;
    build(WT_NAMES, full);
    CHECK(rl_compare_compute(&ds, &ms, &c, &err) == 0);
    if (c != NULL) {
        pairs_rule(c);
    }
    rl_comparisons_free(c);
}

static void
all_groups(void)
{
    static const double acq_all[3][4] = {
        {79.5, 3.4704832755e-08, 3.4704832755e-08, 0.952095808383},
        {117.27769986, 4.09158478959e-13, 3.56657832395e-09, 0.907176566314},
        {4.68302945302, 0.00275488088611, 0.0117799812314, 0.539331287353}};
    static const double ext_all[3][4] = {
        {22.9569892473, 2.92431379732e-05, 2.92431379732e-05, 0.851615476665},
        {86.9016393443, 1.017965522e-11, 3.60311841892e-10, 0.878667329687},
        {1.48087431694, 0.226857551115, 0.239584859384, 0.270189431705}};
    /* R: holm bp, pairs in the order (later, earlier) */
    static const double holm[6] = {0.139787430476, 0.340539231887, 0.120290689553,
        0.303266698631, 0.117228493667, 0.182349792908};
    static const int pa[6] = {1, 2, 2, 3, 3, 3}, pb[6] = {0, 0, 1, 0, 1, 2};
    rl_comparisons_t *c = NULL;
    const rl_cmp_row_t *r;
    rl_error_t err;
    int k;

    build(PLAIN_NAMES, full);
    CHECK(rl_compare_compute(&ds, &ms, &c, &err) == 0);
    if (c == NULL) {
        return;
    }
    CHECK(c->n_blocks == 1 && c->blocks[0].rule == RL_CMP_ALL);
    CHECK(c->partner[1] < 0 && c->partner[3] < 0);
    /* R: oneway bp */
    r = find(c, 1, RL_M_BREAKPOINT, RL_CMP_TERM_GROUP, -1, -1);
    CHECK(r != NULL && r->test == RL_CMP_ANOVA1 && r->n == 16 && r->n_groups == 4);
    if (r != NULL) {
        CHECK_CLOSE(r->stat, 7.56369652564, 0.0, 1e-9);
        CHECK(r->df == 3.0 && r->df_error == 12.0);
        CHECK_CLOSE(r->p, 0.00421186977306, 0.0, 1e-10);
        CHECK_CLOSE(r->effect, 0.654089849978, 0.0, 1e-10);
    }
    check_welch(find(c, 1, RL_M_BREAKPOINT, RL_CMP_TERM_NONE, 2, 1), 3.03329541213,
        5.78841381128, 0.0240581379106, 2.74517759604, 26.754822404, 1.86509891762);
    for (k = 0; k < 6; k++) {
        r = find(c, 1, RL_M_BREAKPOINT, RL_CMP_TERM_NONE, pa[k], pb[k]);
        CHECK(r != NULL && r->family == 6);
        if (r != NULL) {
            CHECK_CLOSE(r->p_holm, holm[k], 0.0, 1e-10);
        }
    }
    check_mixed(c, 0, -1, -1, 3, acq_all);
    check_mixed(c, 2, -1, -1, 3, ext_all);
    rl_comparisons_free(c);
}

/* One procedure per group (treatments): groups alone in procedures with the same phases
** are pooled into one block, compared as all groups -- the R answers of all_groups; a
** procedure whose phases differ (a renamed phase) keeps its group apart. */
static void
pooled_procedures(void)
{
    rl_comparisons_t *c = NULL;
    const rl_cmp_row_t *r;
    rl_error_t err;

    build_in(PLAIN_NAMES, full, true);
    CHECK(rl_compare_compute(&ds, &ms, &c, &err) == 0);
    if (c == NULL) {
        return;
    }
    CHECK(c->n_blocks == 1 && c->blocks[0].rule == RL_CMP_ALL && c->blocks[0].n_groups == 4);
    CHECK(c->n_blocks == 1 && c->blocks[0].n_procedures == 4);
    CHECK(c->n_blocks == 1 && strcmp(c->blocks[0].name, "main1 / main2 / main3 / main4") == 0);
    r = find(c, 1, RL_M_BREAKPOINT, RL_CMP_TERM_GROUP, -1, -1);
    CHECK(r != NULL && r->test == RL_CMP_ANOVA1 && r->n_groups == 4);
    if (r != NULL) { /* R: oneway bp */
        CHECK_CLOSE(r->stat, 7.56369652564, 0.0, 1e-9);
    }
    r = find(c, 1, RL_M_BREAKPOINT, RL_CMP_TERM_NONE, 3, 1);
    CHECK(r != NULL && r->family == 6);
    if (r != NULL) { /* R: holm bp B-KO-A-KO */
        CHECK_CLOSE(r->p_holm, 0.117228493667, 0.0, 1e-10);
    }
    r = find(c, 0, RL_M_ACTIVE, RL_CMP_TERM_GROUP, -1, -1);
    CHECK(r != NULL && r->n_groups == 4);
    if (r != NULL) { /* R: mixed acq all group */
        CHECK_CLOSE(r->stat, 79.5, 0.0, 1e-8);
    }
    rl_comparisons_free(c);
    c = NULL;
    build_in(PLAIN_NAMES, full, true);
    snprintf(procs[3].phases[3].name, sizeof procs[3].phases[3].name, "cue_test_2");
    CHECK(rl_compare_compute(&ds, &ms, &c, &err) == 0);
    if (c == NULL) {
        return;
    }
    CHECK(c->n_blocks == 2 && c->block_of[3] == 1 && c->block_of[0] == 0);
    CHECK(c->n_blocks == 2 && c->blocks[0].n_groups == 3 && c->blocks[0].rule == RL_CMP_ALL);
    CHECK(c->n_blocks == 2 && c->blocks[1].n_groups == 1 && c->blocks[1].rule == RL_CMP_NONE);
    CHECK(c->n_blocks == 2 && strcmp(c->blocks[1].name, "main4") == 0);
    rl_comparisons_free(c);
}

/* Too few mice: a group with one mouse is not tested, with a note; two groups: one pair. */
static void
notes_and_two_groups(void)
{
    static const int one_mouse[NG] = {4, 1, 0, 0};
    rl_comparisons_t *c = NULL;
    rl_error_t err;
    size_t i;
    bool noted = false;
    build(GENOTYPES, one_mouse);
    CHECK(rl_compare_compute(&ds, &ms, &c, &err) == 0);
    if (c == NULL) {
        return;
    }
    CHECK(c->n_blocks == 1 && c->blocks[0].rule == RL_CMP_TWO && c->blocks[0].n_groups == 2);
    CHECK(c->n_rows == 0);
    for (i = 0; i < c->n_notes; i++) {
        noted = noted || strstr(c->notes[i], "A-KO against A-WT not tested (1 and 4") != NULL;
    }
    CHECK(noted);
    rl_comparisons_free(c);
}

static void
partner_names(void)
{
    static const char *const names[] = {"Oprm1-WT-cocaine", "Oprm1-KO-cocaine", "WT", "KO",
        "Oprm1 WT", "Oprm1 -/-", "wt_food", "het_food"};
    rl_ds_group_t g[8];
    rl_dataset_t d;
    int partner[8], i;
    memset(&d, 0, sizeof d);
    memset(g, 0, sizeof g);
    for (i = 0; i < 8; i++) {
        g[i].name = names[i];
        g[i].procedure_id = i / 2; /* each pair in its own procedure */
    }
    d.groups = g;
    d.n_groups = 8;
    CHECK(rl_compare_partners(&d, partner) == 4);
    CHECK(partner[1] == 0 && partner[3] == 2 && partner[5] == 4 && partner[7] == 6);
    CHECK(partner[0] == -1 && partner[2] == -1);
    /* two wild types fitting one mutant: no partner */
    g[2].procedure_id = 0;
    g[2].name = "Oprm1-WT-cocaine";
    CHECK(rl_compare_partners(&d, partner) == 2 && partner[1] == -1 && partner[3] == -1);
}

static const rl_test_case_t CASES[] = {
    {"pairs_by_genotype", pairs_by_genotype, 0},
    {"pairs_by_name", pairs_by_name, 0},
    {"all_groups", all_groups, 0},
    {"pooled_procedures", pooled_procedures, 0},
    {"notes_and_two_groups", notes_and_two_groups, 0},
    {"partner_names", partner_names, 0},
};

int
main(int argc, char **argv)
{
    static const rl_test_suite_t suite = {CASES, RL_TEST_COUNT(CASES), NULL, NULL};
    return rl_test_main(argc, argv, &suite);
}
