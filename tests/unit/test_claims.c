/* test_claims.c -- the claims-file reader (claims.h, docs/CLAIMS.md) on the seed claims
** (claims/gutierrez2014.yaml): what it resolves (group indices, phases, measures, the
** defaults of targets and roles) and a few refusals from a buffer, with their line and
** column. The whole set of refusals is tests/bad_claims, run by tests/cli/test_claims.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/claims.h"
#include "relapselab/measures.h"
#include "testlib.h"

static int
group(const rl_claims_t *c, const char *name)
{
    int g;
    for (g = 0; g < c->protocol->n_groups; g++) {
        if (strcmp(c->protocol->groups[g].name, name) == 0) {
            return g;
        }
    }
    return -2;
}

static void
seed_claims(void)
{
    rl_claims_t *c = calloc(1, sizeof *c);
    rl_error_t err;
    const rl_claim_check_t *k;

    CHECK(c != NULL && rl_claims_load_file(c, "claims/gutierrez2014.yaml", &err) == 0);
    if (c == NULL || c->protocol == NULL) {
        free(c);
        return;
    }
    CHECK(strcmp(c->id, "gutierrez2014") == 0 && strcmp(c->quality, "TEXT") == 0);
    CHECK(strcmp(c->protocol_path, "claims/../examples/gutierrez2014.yaml") == 0);
    CHECK(c->alpha == 0.05);
    /* S1, S2-S6b (7), S7 (4 measures), N (6), S8 */
    CHECK(c->n_checks == 20 && c->n_magnitudes == 5);
    k = &c->checks[0]; /* S1: a proportion over the four cocaine knockout groups */
    CHECK(k->test == RL_CLAIM_PROPORTION && k->expect == RL_EXPECT_EACH_AT_LEAST);
    CHECK(k->n_pairs == 4 && k->group_a[3] == group(c, "Pdyn-KO-cocaine") && k->group_b[0] == -1);
    CHECK(k->threshold == 0.5 && k->has_target && k->target == 0.80);
    CHECK(k->measure.measure == RL_M_CRITERION_MET);
    k = &c->checks[3]; /* S4: reinstatement = active - baseline, KO vs WT */
    CHECK(strcmp(k->id, "S4") == 0 && k->measure.measure == RL_M_ACTIVE);
    CHECK(k->measure.minus == RL_M_BASELINE_ACTIVE);
    CHECK(k->group_a[0] == group(c, "Oprm1-KO-cocaine") && k->group_b[0] == group(c, "Oprm1-WT-cocaine"));
    CHECK(k->expect == RL_EXPECT_LOWER && k->role == RL_ROLE_FINDING && k->target == 0.80);
    k = &c->checks[5]; /* S6a: the RM ANOVA over the first 3 extinction sessions */
    CHECK(k->test == RL_CLAIM_RM_ANOVA && k->measure.first_sessions == 3);
    CHECK(strcmp(k->measure.label, "extinction_curve") == 0);
    k = &c->checks[6]; /* S6a': secondary, no target */
    CHECK(k->role == RL_ROLE_SECONDARY && !k->has_target);
    k = &c->checks[7]; /* S6a'': the same question by the log-rank test */
    CHECK(k->test == RL_CLAIM_LOGRANK && k->measure.measure == RL_M_SESSIONS_TO_CRITERION);
    CHECK(k->role == RL_ROLE_SECONDARY && k->expect == RL_EXPECT_HIGHER);
    k = &c->checks[9]; /* S7 intake: four pairs, a null with the default 10 % */
    CHECK(k->n_pairs == 4 && k->expect == RL_EXPECT_NO_DIFFERENCE && k->target == 0.10);
    CHECK(k->measure.measure == RL_M_LAST_REINFORCERS);
    k = &c->checks[19]; /* S8: every region, reported */
    CHECK(k->measure.measure == -1 && k->measure.region == RL_N_REGIONS);
    CHECK(k->expect == RL_EXPECT_REPORT && !k->has_target);
    CHECK(c->magnitudes[0].scale_dose_per_h && !c->magnitudes[1].scale_dose_per_h);
    CHECK(c->magnitudes[3].measure.measure == RL_M_REINSTATEMENT_RATIO);
    CHECK(c->magnitudes[3].n_relative == 0 && c->magnitudes[4].n_relative == 1);
    CHECK(c->magnitudes[4].groups[0] == group(c, "Pdyn-KO-cocaine"));
    CHECK(c->magnitudes[4].relative[0] == group(c, "Pdyn-WT-cocaine"));
    CHECK(c->magnitudes[4].has_range && c->magnitudes[4].range[0] == 1.3
          && c->magnitudes[4].range[1] == 2.0);
    CHECK(c->magnitudes[0].has_range && c->magnitudes[0].range[0] == 6.3
          && c->magnitudes[0].range[1] == 11.7);
    rl_claims_free(c);
    rl_claims_free(c); /* twice is safe */
    free(c);
}

/* Refusals from a buffer: line and column of the offending node. */
static void
refusals(void)
{
    static const struct {
        const char *yaml;
        long line, col;
        const char *msg;
    } cases[] = {
        {"id: x\nstatement: s\nsource: t\nprotocol: examples/gutierrez2014.yaml\nchecks:\n"
         "  - {id: a, claim: c, groups: [Oprm1-KO-cocaine, nobody], test: student,\n"
         "     expect: lower, measure: {name: breakpoint, phase: progressive_ratio}}\n",
            6, 50, "'nobody' is not a group"},
        {"id: x\nstatement: s\nsource: t\nprotocol: examples/gutierrez2014.yaml\nchecks:\n"
         "  - {id: a, claim: c, groups: [Oprm1-KO-cocaine, Oprm1-WT-cocaine], test: student,\n"
         "     expect: lower, measure: {name: breakpoint, phase: progressive_ratio},\n"
         "     target: 1.5}\n", 8, 14, "target must be a rate"},
        {"id: x\nstatement: s\nsource: t\nprotocol: examples/gutierrez2014.yaml\n"
         "alpha: 0\nchecks: []\n", 5, 8, "alpha must be above 0"},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rl_claims_t *c = calloc(1, sizeof *c);
        rl_error_t err;
        int ret = rl_claims_load_buffer(c, cases[i].yaml, strlen(cases[i].yaml), "t.yaml", "",
            &err);
        CHECK(ret == RL_ERR_INVALID);
        CHECK(err.line == cases[i].line && err.col == cases[i].col);
        CHECK(strstr(err.msg, cases[i].msg) != NULL && strcmp(err.file, "t.yaml") == 0);
        if (err.line != cases[i].line || err.col != cases[i].col) {
            fprintf(stderr, "  case %zu: %ld:%ld %s\n", i, err.line, err.col, err.msg);
        }
        rl_claims_free(c);
        free(c);
    }
}

static const rl_test_case_t CASES[] = {
    {"seed_claims", seed_claims, 0},
    {"refusals", refusals, 0},
};

RL_TEST_MAIN(CASES)
