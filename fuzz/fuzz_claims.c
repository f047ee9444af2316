/* fuzz_claims.c -- fuzz target: a claims file and its protocol (rl_claims_load_file,
** claims.h).
**
** A claims file names its protocol by a path relative to its own folder, so the input
** carries both files (rl_fuzz_two_files, fuzz.h): the claims file's text, then optionally a
** line `#--- protocol.yaml` and the protocol's text; the seeds name `protocol:
** protocol.yaml` (fuzz/make-corpus.sh rewrites them), so the fuzzer mutates a claims file
** and the protocol whose groups, phases and measures it names together.
*/
#include "fuzz.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/claims.h"
#include "relapselab/measures.h"

/* Tests whose rows have no group B (claims.h: group_b[i] = -1). */
static int
one_sided(rl_claim_test_t t)
{
    return t == RL_CLAIM_PROPORTION || t == RL_CLAIM_PAIRED || t == RL_CLAIM_DESCRIBE
        || t == RL_CLAIM_TREND;
}

/* The documented invariants of a loaded claims file (claims.h). */
static void
check_claims(const rl_claims_t *c)
{
    const rl_protocol_t *p = c->protocol;
    int i, k;
    FUZZ_CHECK(p != NULL);
    rl_fuzz_check_protocol(p);
    FUZZ_CHECK(FUZZ_TERMINATED(c->id) && FUZZ_TERMINATED(c->statement) && c->id[0] != '\0');
    FUZZ_CHECK(c->alpha > 0.0 && c->alpha <= 0.5);
    FUZZ_CHECK(c->n_checks >= 1 && c->n_checks <= RL_CLAIMS_MAX_CHECKS);
    FUZZ_CHECK(c->n_magnitudes >= 0 && c->n_magnitudes <= RL_CLAIMS_MAX_MAGNITUDES);
    for (i = 0; i < c->n_checks; i++) {
        const rl_claim_check_t *k0 = &c->checks[i];
        const rl_claim_measure_t *m = &k0->measure;
        FUZZ_CHECK(FUZZ_TERMINATED(k0->id) && FUZZ_TERMINATED(k0->text));
        FUZZ_CHECK(k0->n_pairs >= 1 && k0->n_pairs <= RL_CLAIM_MAX_PAIRS);
        for (k = 0; k < k0->n_pairs; k++) {
            FUZZ_CHECK(k0->group_a[k] >= 0 && k0->group_a[k] < p->n_groups);
            FUZZ_CHECK(one_sided(k0->test)
                ? k0->group_b[k] == -1 : k0->group_b[k] >= 0 && k0->group_b[k] < p->n_groups);
            FUZZ_CHECK(!k0->within || (k0->group_a[k] == k0->group_a[0]
                && FUZZ_TERMINATED(k0->level_phase[k]) && k0->level_phase[k][0] != '\0'));
            FUZZ_CHECK(k0->test != RL_CLAIM_TREND || isfinite(k0->level[k]));
        }
        FUZZ_CHECK(k0->within == false || k0->test == RL_CLAIM_TREND);
        FUZZ_CHECK(k0->has_baseline == (k0->test == RL_CLAIM_PAIRED));
        FUZZ_CHECK(k0->has_baseline == false || (k0->baseline.measure >= -1
            && k0->baseline.measure < RL_M_COUNT));
        FUZZ_CHECK((k0->expect != RL_EXPECT_EQUIVALENT && k0->expect != RL_EXPECT_WITHIN)
            || k0->range[0] < k0->range[1]);
        FUZZ_CHECK(k0->test != RL_CLAIM_TOST_RATIO || k0->range[0] > 0.0);
        FUZZ_CHECK((int) k0->statistic >= 0 && k0->statistic < RL_STAT_COUNT);
        FUZZ_CHECK(m->over >= -1 && m->over < RL_M_COUNT && (m->over < 0 || m->minus < 0));
        FUZZ_CHECK(!m->session_cv || m->measure == RL_M_ACTIVE
            || m->measure == RL_M_REINFORCERS);
        FUZZ_CHECK((int) k0->test >= 0 && k0->test < RL_CLAIM_TEST_COUNT);
        FUZZ_CHECK((int) k0->expect >= 0 && k0->expect < RL_EXPECT_COUNT);
        FUZZ_CHECK(m->measure >= -1 && m->measure < RL_M_COUNT && m->minus < RL_M_COUNT);
        FUZZ_CHECK(m->measure >= 0 || (m->region >= 0 && m->region <= RL_N_REGIONS));
        FUZZ_CHECK(m->first_sessions >= 0 && m->first_sessions <= RL_CLAIM_MAX_SESSIONS);
        FUZZ_CHECK(!k0->has_target || (k0->target > 0.0 && k0->target <= 1.0));
    }
    FUZZ_CHECK(c->n_unchecked >= 0 && c->n_unchecked <= RL_CLAIMS_MAX_UNCHECKED);
    for (i = 0; i < c->n_unchecked; i++) {
        FUZZ_CHECK(FUZZ_TERMINATED(c->unchecked[i].criterion)
            && FUZZ_TERMINATED(c->unchecked[i].reason));
    }
    for (i = 0; i < c->n_magnitudes; i++) {
        const rl_claim_magnitude_t *m = &c->magnitudes[i];
        FUZZ_CHECK(m->n_groups >= 1 && m->n_groups <= RL_MAX_GROUPS);
        for (k = 0; k < m->n_groups; k++) {
            FUZZ_CHECK(m->groups[k] >= 0 && m->groups[k] < p->n_groups);
        }
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int allowed[] = {RL_ERR_IO, RL_ERR_PARSE, RL_ERR_INVALID, RL_ERR_NOMEM};
    static rl_claims_t claims; /* large, as the protocol; the loader clears it */
    const char *path = rl_fuzz_two_files(data, size, "claims.yaml");
    rl_error_t err;
    int ret;

    if (path == NULL) {
        return 0;
    }
    rl_error_clear(&err);
    ret = rl_claims_load_file(&claims, path, &err);
    rl_fuzz_check_status(ret, &err, allowed, sizeof allowed / sizeof allowed[0]);
    if (ret == 0) {
        check_claims(&claims);
    }
    rl_claims_free(&claims);
    rl_claims_free(&claims);
    return 0;
}
