/* claims_check.c -- one check of a claims file (claims_internal.h, docs/CLAIMS.md).
**
** A check is read in the order its parts depend on one another: the test (it decides what
** the contrast is), the contrast (groups, pairs or a series), the measure (its phases must
** exist in the contrast's groups), then the expectation and its fields. What each test
** takes is one row of `forms` below -- its contrast, the expectations it can test, the
** kind of measure it needs -- so the reader and docs/CLAIMS.md's table say the same.
*/
#include "protocol_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "claims_internal.h"
#include "relapselab/measures.h"

static const char *const check_keys[] = {"id", "claim", "groups", "pairs", "series",
    "measure", "baseline", "test", "expect", "threshold", "range", "value", "statistic",
    "cut", "target", "role", NULL};
static const char *const series_keys[] = {"group", "phase", "level", NULL};


/* What a test compares. */
typedef enum {
    C_PAIRS,     /* two groups: groups: [A, B], or pairs: [[A, B], ...] */
    C_EACH,      /* each group on its own: groups: [A, ...] */
    C_SERIES     /* series: [{group | phase, level}, ...] */
} contrast_t;

/* What a test needs of its measure. */
typedef enum { M_ANY, M_YES_NO, M_PER_SESSION, M_TIME } need_t;

#define E_(e) (1u << (e))
#define E_DIFF                                                                             \
    (E_(RL_EXPECT_LOWER) | E_(RL_EXPECT_HIGHER) | E_(RL_EXPECT_DIFFERENT)                   \
        | E_(RL_EXPECT_NO_DIFFERENCE) | E_(RL_EXPECT_REPORT))
#define E_ESTIMATE                                                                         \
    (E_(RL_EXPECT_WITHIN) | E_(RL_EXPECT_AT_MOST) | E_(RL_EXPECT_AT_LEAST)                  \
        | E_(RL_EXPECT_REPORT))

static const struct form {
    contrast_t contrast;
    unsigned expects;
    need_t need;
} forms[RL_CLAIM_TEST_COUNT] = {
    [RL_CLAIM_STUDENT] = {C_PAIRS, E_DIFF, M_ANY},
    [RL_CLAIM_WELCH] = {C_PAIRS, E_DIFF, M_ANY},
    [RL_CLAIM_RM_ANOVA] = {C_PAIRS, E_DIFF, M_PER_SESSION},
    [RL_CLAIM_PROPORTION] = {C_EACH, E_(RL_EXPECT_EACH_AT_LEAST) | E_(RL_EXPECT_EACH_AT_MOST),
        M_YES_NO},
    [RL_CLAIM_PAIRED] = {C_EACH, E_DIFF, M_ANY},
    [RL_CLAIM_FISHER] = {C_PAIRS, E_DIFF, M_YES_NO},
    [RL_CLAIM_TREND] = {C_SERIES,
        E_DIFF | E_(RL_EXPECT_INCREASING) | E_(RL_EXPECT_DECREASING), M_ANY},
    [RL_CLAIM_TOST_RATIO] = {C_PAIRS, E_(RL_EXPECT_EQUIVALENT), M_ANY},
    [RL_CLAIM_TOST_DIFF] = {C_PAIRS, E_(RL_EXPECT_EQUIVALENT), M_ANY},
    [RL_CLAIM_RATIO] = {C_PAIRS, E_ESTIMATE, M_ANY},
    [RL_CLAIM_DESCRIBE] = {C_EACH, E_ESTIMATE, M_ANY},
    [RL_CLAIM_LOGRANK] = {C_PAIRS, E_DIFF, M_TIME},
};

/* ---------------------------------------------------------------- the contrast */

/* groups: [A, B] or pairs: [[A, B], ...] into the check's pairs. */
static int
read_pairs(rl_claims_reader_t *r, const rl_yaml_node_t *groups, const rl_yaml_node_t *pairs,
    const char *ctx, rl_claim_check_t *c)
{
    int ret, n, two[2];
    size_t i;
    if (groups != NULL) {
        if ((ret = rl_claims_group_list(r, groups, ctx, "groups", 2, 2, two, &n)) != 0) {
            return ret;
        }
        c->group_a[0] = two[0];
        c->group_b[0] = two[1];
        c->n_pairs = 1;
        return 0;
    }
    if ((ret = rl_yaml_expect(r->doc, pairs, RL_YAML_LIST, ctx, "", "pairs")) != 0) {
        return ret;
    }
    if (rl_yaml_count(pairs) < 1 || rl_yaml_count(pairs) > RL_CLAIM_MAX_PAIRS) {
        return rl_yaml_fail(r->doc, pairs, RL_ERR_INVALID, "%s: pairs must hold 1 to %d pairs "
            "(got %zu)", ctx, RL_CLAIM_MAX_PAIRS, rl_yaml_count(pairs));
    }
    for (i = 0; i < rl_yaml_count(pairs); i++) {
        if ((ret = rl_claims_group_list(r, rl_yaml_item(r->doc, pairs, i), ctx, "pairs", 2, 2,
                 two, &n)) != 0) {
            return ret;
        }
        c->group_a[i] = two[0];
        c->group_b[i] = two[1];
    }
    c->n_pairs = (int) rl_yaml_count(pairs);
    return 0;
}

/* One item of series: {group, level} (between) or {phase, level} (within). */
static int
read_level(rl_claims_reader_t *r, const rl_yaml_node_t *item, size_t i, const char *ctx,
    rl_claim_check_t *c)
{
    rl_yaml_obj_t o = {item, ctx, "series."};
    const rl_yaml_node_t *n_group, *n_phase;
    int ret;

    if ((ret = rl_yaml_expect(r->doc, item, RL_YAML_MAP, ctx, "", "series")) != 0
        || (ret = rl_yaml_check_keys(r->doc, &o, series_keys, NULL, "a series level")) != 0
        || (ret = rl_yaml_get_num(r->doc, &o, "level", true, &c->level[i])) != 0) {
        return ret;
    }
    rl_yaml_find(r->doc, &o, "group", false, &n_group);
    rl_yaml_find(r->doc, &o, "phase", false, &n_phase);
    if ((n_group == NULL) == (n_phase == NULL)) {
        return rl_yaml_fail(r->doc, item, RL_ERR_INVALID, "%s: a series level names a group "
            "(between subjects) or a phase (within subjects), one of the two", ctx);
    }
    if ((n_phase != NULL) != c->within) {
        return rl_yaml_fail(r->doc, item, RL_ERR_INVALID, "%s: %s", ctx, c->within
            ? "with groups: [G] the series is within subjects: each level names a phase of "
              "G's procedure"
            : "without groups the series is between subjects: each level names a group");
    }
    if (n_group != NULL) {
        c->group_b[i] = -1;
        return rl_claims_group_of(r, n_group, ctx, &c->group_a[i]);
    }
    if ((ret = rl_yaml_str_of(r->doc, n_phase, ctx, "series.", "phase", c->level_phase[i],
             sizeof c->level_phase[i])) != 0) {
        return ret;
    }
    c->group_a[i] = c->group_a[0];
    c->group_b[i] = -1;
    return rl_claims_check_phase(r, n_phase, ctx, "series.phase", c->level_phase[i],
        c->group_a, 1);
}

/* series (with groups: [G] for a series of G's phases) into the check's levels. */
static int
read_series(rl_claims_reader_t *r, const rl_yaml_node_t *groups, const rl_yaml_node_t *series,
    const char *ctx, rl_claim_check_t *c)
{
    int ret, n, j;
    size_t i, count;
    if ((ret = rl_yaml_expect(r->doc, series, RL_YAML_LIST, ctx, "", "series")) != 0) {
        return ret;
    }
    count = rl_yaml_count(series);
    if (count < 2 || count > RL_CLAIM_MAX_PAIRS) {
        return rl_yaml_fail(r->doc, series, RL_ERR_INVALID, "%s: series must hold 2 to %d "
            "levels (got %zu)", ctx, RL_CLAIM_MAX_PAIRS, count);
    }
    if (groups != NULL) {
        if ((ret = rl_claims_group_list(r, groups, ctx, "groups", 1, 1, c->group_a, &n)) != 0) {
            return ret;
        }
        c->within = true;
    }
    for (i = 0; i < count; i++) {
        if ((ret = read_level(r, rl_yaml_item(r->doc, series, i), i, ctx, c)) != 0) {
            return ret;
        }
    }
    c->n_pairs = (int) count;
    for (j = 1; j < c->n_pairs; j++) {
        if (c->level[j] != c->level[0]) {
            return 0;
        }
    }
    return rl_yaml_fail(r->doc, series, RL_ERR_INVALID, "%s: the series' levels are all %g; a "
        "trend needs at least two different levels", ctx, c->level[0]);
}

/* The contrast of a check: what its test compares (forms[test].contrast). */
static int
read_contrast(rl_claims_reader_t *r, const rl_yaml_obj_t *o, const char *ctx,
    rl_claim_check_t *c)
{
    const rl_yaml_node_t *groups, *pairs, *series;
    const char *test = rl_claim_test_name(c->test);
    int ret, i;

    rl_yaml_find(r->doc, o, "groups", false, &groups);
    rl_yaml_find(r->doc, o, "pairs", false, &pairs);
    rl_yaml_find(r->doc, o, "series", false, &series);
    switch (forms[c->test].contrast) {
    case C_SERIES:
        if (pairs != NULL) {
            return rl_yaml_fail(r->doc, pairs, RL_ERR_INVALID, "%s: test trend takes series, "
                "not pairs", ctx);
        }
        if (series == NULL) {
            return rl_yaml_fail(r->doc, o->map, RL_ERR_INVALID, "%s: test trend needs series "
                "(a list of {group, level} or, with groups: [G], of {phase, level})", ctx);
        }
        return read_series(r, groups, series, ctx, c);
    case C_EACH:
        if (series != NULL || pairs != NULL) {
            return rl_yaml_fail(r->doc, series != NULL ? series : pairs, RL_ERR_INVALID, "%s: "
                "test %s takes groups (each is checked on its own), not %s", ctx, test,
                series != NULL ? "series" : "pairs");
        }
        if (groups == NULL) {
            return rl_yaml_fail(r->doc, o->map, RL_ERR_INVALID, "%s: test %s needs groups "
                "(each is checked on its own)", ctx, test);
        }
        if ((ret = rl_claims_group_list(r, groups, ctx, "groups", 1, RL_CLAIM_MAX_PAIRS,
                 c->group_a, &c->n_pairs)) != 0) {
            return ret;
        }
        for (i = 0; i < c->n_pairs; i++) {
            c->group_b[i] = -1;
        }
        return 0;
    case C_PAIRS:
    default:
        if (series != NULL) {
            return rl_yaml_fail(r->doc, series, RL_ERR_INVALID, "%s: series goes with test "
                "trend", ctx);
        }
        if ((groups == NULL) == (pairs == NULL)) {
            return rl_yaml_fail(r->doc, o->map, RL_ERR_INVALID, "%s: give groups (a list of "
                "groups) or pairs (a list of [A, B] pairs), one of the two", ctx);
        }
        return read_pairs(r, groups, pairs, ctx, c);
    }
}

/* The check's measure (and baseline), its phases checked in all the contrast's groups. */
static int
read_measures(rl_claims_reader_t *r, const rl_yaml_obj_t *o, const char *ctx,
    rl_claim_check_t *c)
{
    int all[2 * RL_CLAIM_MAX_PAIRS], i, ret;
    const rl_yaml_node_t *n_base;
    for (i = 0; i < c->n_pairs; i++) {
        all[2 * i] = c->group_a[i];
        all[2 * i + 1] = c->group_b[i];
    }
    if ((ret = rl_claims_read_measure(r, o, "measure", ctx, &c->measure, all, 2 * c->n_pairs,
             c->within)) != 0) {
        return ret;
    }
    if (c->within && c->measure.phase[0] != '\0') {
        const rl_yaml_node_t *n;
        rl_yaml_find(r->doc, o, "measure", true, &n);
        return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: in a series of phases the phases "
            "are the series' (leave out measure.phase)", ctx);
    }
    rl_yaml_find(r->doc, o, "baseline", false, &n_base);
    if (c->test == RL_CLAIM_PAIRED) {
        if (n_base == NULL) {
            return rl_yaml_fail(r->doc, o->map, RL_ERR_INVALID, "%s: test paired needs "
                "baseline (the measure each mouse's value is compared with)", ctx);
        }
        c->has_baseline = true;
        return rl_claims_read_measure(r, o, "baseline", ctx, &c->baseline, all, 2 * c->n_pairs,
            false);
    }
    if (n_base != NULL) {
        return rl_yaml_fail(r->doc, n_base, RL_ERR_INVALID, "%s: baseline goes with test "
            "paired", ctx);
    }
    return 0;
}

/* The test fits the expectation and the measure (forms). */
static int
check_coherence(rl_claims_reader_t *r, const rl_yaml_obj_t *o, const char *ctx,
    const rl_claim_check_t *c)
{
    const rl_yaml_node_t *n_test, *n_expect;
    const struct form *f = &forms[c->test];
    const char *test = rl_claim_test_name(c->test);
    char list[160] = "";
    size_t len = 0;
    int e;

    rl_yaml_find(r->doc, o, "test", true, &n_test);
    rl_yaml_find(r->doc, o, "expect", true, &n_expect);
    if (!(f->expects & E_(c->expect))) {
        for (e = 0; e < RL_EXPECT_COUNT && len < sizeof list; e++) {
            if (f->expects & E_(e)) {
                len += (size_t) snprintf(list + len, sizeof list - len, "%s%s",
                    len ? ", " : "", rl_claim_expect_name(e));
            }
        }
        return rl_yaml_fail(r->doc, n_expect, RL_ERR_INVALID, "%s: test %s goes with expect "
            "%s (got %s)", ctx, test, list, rl_claim_expect_name(c->expect));
    }
    if (f->need == M_YES_NO && c->measure.measure != RL_M_CRITERION_MET) {
        return rl_yaml_fail(r->doc, n_test, RL_ERR_INVALID, "%s: test %s needs a yes/no "
            "measure (criterion_met)", ctx, test);
    }
    if (f->need == M_TIME && (c->measure.measure != RL_M_SESSIONS_TO_CRITERION
            || c->measure.first_sessions > 0 || c->measure.minus >= 0 || c->measure.over >= 0
            || c->measure.session_cv)) {
        return rl_yaml_fail(r->doc, n_test, RL_ERR_INVALID, "%s: test %s needs the time to "
            "an event: measure sessions_to_criterion, without minus, over, first_sessions "
            "or session_cv", ctx, test);
    }
    if (f->need == M_PER_SESSION && c->measure.first_sessions < 2) {
        return rl_yaml_fail(r->doc, n_test, RL_ERR_INVALID, "%s: test %s needs a per-session "
            "measure over at least 2 sessions (measure.first_sessions)", ctx, test);
    }
    if (c->measure.region == RL_N_REGIONS
        && (c->expect != RL_EXPECT_REPORT || f->contrast != C_PAIRS)) {
        return rl_yaml_fail(r->doc, n_expect, RL_ERR_INVALID, "%s: measure.region all goes "
            "with a test of two groups and expect report (one row per region)", ctx);
    }
    return 0;
}

/* ---------------------------------------------------------------- the expectation's fields */

/* Key `key` of o: required when `wanted`, refused otherwise ("<key> goes with <why>"). */
static int
wanted_num(rl_claims_reader_t *r, const rl_yaml_obj_t *o, const char *ctx, const char *key,
    bool wanted, const char *why, double *out, const rl_yaml_node_t **node)
{
    rl_yaml_find(r->doc, o, key, false, node);
    if (!wanted) {
        return *node == NULL ? 0 : rl_yaml_fail(r->doc, *node, RL_ERR_INVALID, "%s: %s goes "
            "with %s", ctx, key, why);
    }
    return rl_yaml_get_num(r->doc, o, key, true, out);
}

int
rl_claims_read_bounds(rl_claims_reader_t *r, const rl_yaml_obj_t *o, const char *ctx,
    const char *key, double out[2])
{
    const rl_yaml_node_t *n;
    size_t i;
    int ret;
    if ((ret = rl_yaml_find(r->doc, o, key, true, &n)) != 0
        || (ret = rl_yaml_expect(r->doc, n, RL_YAML_LIST, ctx, "", key)) != 0) {
        return ret;
    }
    if (rl_yaml_count(n) != 2) {
        return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: %s must be [low, high] (got "
            "%zu values)", ctx, key, rl_yaml_count(n));
    }
    for (i = 0; i < 2; i++) {
        if ((ret = rl_yaml_num_of(r->doc, rl_yaml_item(r->doc, n, i), ctx, "", key,
                 &out[i])) != 0) {
            return ret;
        }
    }
    if (!(out[0] < out[1])) {
        return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: %s must be [low, high] with "
            "low < high (got [%g, %g])", ctx, key, out[0], out[1]);
    }
    return 0;
}

/* range: [lo, hi] with lo < hi. */
static int
read_range(rl_claims_reader_t *r, const rl_yaml_obj_t *o, const char *ctx, bool wanted,
    rl_claim_check_t *c)
{
    const rl_yaml_node_t *n;
    int ret;
    rl_yaml_find(r->doc, o, "range", false, &n);
    if (!wanted) {
        return n == NULL ? 0 : rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: range goes with "
            "expect equivalent or within", ctx);
    }
    if ((ret = rl_claims_read_bounds(r, o, ctx, "range", c->range)) != 0) {
        return ret;
    }
    if (c->test == RL_CLAIM_TOST_RATIO && !(c->range[0] > 0.0)) {
        return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: a ratio's range must be positive "
            "(got [%g, %g])", ctx, c->range[0], c->range[1]);
    }
    return 0;
}

/* threshold, range, value, statistic and cut: each where the expectation or test needs it
** and nowhere else. */
static int
read_fields(rl_claims_reader_t *r, const rl_yaml_obj_t *o, const char *ctx,
    rl_claim_check_t *c)
{
    bool share = c->expect == RL_EXPECT_EACH_AT_LEAST || c->expect == RL_EXPECT_EACH_AT_MOST;
    bool bound = c->expect == RL_EXPECT_AT_MOST || c->expect == RL_EXPECT_AT_LEAST;
    const rl_yaml_node_t *n;
    int ret, stat = 0;

    if ((ret = wanted_num(r, o, ctx, "threshold", share, "expect each_at_least or "
             "each_at_most", &c->threshold, &n)) != 0) {
        return ret;
    }
    if (share && !(c->threshold >= 0.0 && c->threshold <= 1.0)) {
        return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: threshold must be a share from 0 "
            "to 1 (got %g)", ctx, c->threshold);
    }
    if ((ret = read_range(r, o, ctx, c->expect == RL_EXPECT_EQUIVALENT
                 || c->expect == RL_EXPECT_WITHIN, c)) != 0
        || (ret = wanted_num(r, o, ctx, "value", bound, "expect at_most or at_least",
                &c->value, &n)) != 0) {
        return ret;
    }
    rl_yaml_find(r->doc, o, "statistic", false, &n);
    if (c->test != RL_CLAIM_DESCRIBE && n != NULL) {
        return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: statistic goes with test describe",
            ctx);
    }
    if (c->test == RL_CLAIM_DESCRIBE
        && (ret = rl_yaml_get_enum(r->doc, o, "statistic", true, rl_claims_statistic_words, &stat)) != 0) {
        return ret;
    }
    c->statistic = (rl_claim_statistic_t) stat;
    return wanted_num(r, o, ctx, "cut", c->test == RL_CLAIM_DESCRIBE
            && c->statistic == RL_STAT_SHARE_AT_MOST, "statistic share_at_most", &c->cut, &n);
}

/* The target: given, or 0.80 for a finding, 0.10 for no_difference; none for report and
** secondary checks. */
static int
read_target(rl_claims_reader_t *r, const rl_yaml_obj_t *o, const char *ctx,
    rl_claim_check_t *c)
{
    const rl_yaml_node_t *n;
    int ret;
    c->has_target = c->expect != RL_EXPECT_REPORT && c->role != RL_ROLE_SECONDARY;
    c->target = c->expect == RL_EXPECT_NO_DIFFERENCE ? 0.10 : 0.80;
    if ((ret = rl_yaml_find(r->doc, o, "target", false, &n)) != 0 || n == NULL) {
        return ret;
    }
    if (!c->has_target) {
        return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: a %s check has no target", ctx,
            c->expect == RL_EXPECT_REPORT ? "report" : "secondary");
    }
    if ((ret = rl_yaml_num_of(r->doc, n, ctx, "", "target", &c->target)) != 0) {
        return ret;
    }
    if (!(c->target > 0.0 && c->target <= 1.0)) {
        return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: target must be a rate above 0 and "
            "at most 1 (got %g)", ctx, c->target);
    }
    return 0;
}

int
rl_claims_read_check(rl_claims_reader_t *r, const rl_yaml_node_t *node, size_t index,
    rl_claim_check_t *c)
{
    char ctx[RL_NAME_MAX + 32];
    rl_yaml_obj_t o = {node, NULL, ""};
    int ret, test = 0, expect = 0, role = 0;

    memset(c, 0, sizeof *c);
    c->src_line = rl_yaml_line(node);
    snprintf(ctx, sizeof ctx, "check %zu", index + 1);
    o.ctx = ctx;
    if ((ret = rl_yaml_expect(r->doc, node, RL_YAML_MAP, "checks", "", ctx)) != 0
        || (ret = rl_yaml_check_keys(r->doc, &o, check_keys, NULL, "a check")) != 0
        || (ret = rl_yaml_get_str(r->doc, &o, "id", true, c->id, sizeof c->id)) != 0) {
        return ret;
    }
    snprintf(ctx, sizeof ctx, "check '%s'", c->id);
    if ((ret = rl_yaml_get_str(r->doc, &o, "claim", true, c->text, sizeof c->text)) != 0
        || (ret = rl_yaml_get_enum(r->doc, &o, "test", true, rl_claims_test_words, &test)) != 0
        || (ret = rl_yaml_get_enum(r->doc, &o, "expect", true, rl_claims_expect_words, &expect)) != 0
        || (ret = rl_yaml_get_enum(r->doc, &o, "role", false, rl_claims_role_words, &role)) != 0) {
        return ret;
    }
    c->test = (rl_claim_test_t) test;
    c->expect = (rl_claim_expect_t) expect;
    c->role = (rl_claim_role_t) role;
    if ((ret = read_contrast(r, &o, ctx, c)) != 0 || (ret = read_measures(r, &o, ctx, c)) != 0
        || (ret = check_coherence(r, &o, ctx, c)) != 0 || (ret = read_fields(r, &o, ctx, c)) != 0) {
        return ret;
    }
    return read_target(r, &o, ctx, c);
}
