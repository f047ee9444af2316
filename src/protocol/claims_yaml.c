/* claims_yaml.c -- a claims file, YAML -> rl_claims_t (see claims.h, docs/CLAIMS.md).
**
** The file is read through the YAML adapter (core/yaml_doc.h) top-down. The protocol is
** loaded first (its own problems are reported in the protocol file), so that every name a
** check uses -- groups, phases, measures, regions -- is resolved while its node is at hand
** and a wrong one is reported at its line and column. Then each check is checked for
** coherence: the test fits the contrast and the measure, the expectation fits the test.
*/
#include "protocol_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/yaml_doc.h"
#include "relapselab/claims.h"
#include "relapselab/measures.h"

#define WORD_(id, word, text) word,
#define TEXT_(id, word, text) text,
static const char *const test_words[] = {RL_CLAIM_TESTS(WORD_) NULL};
static const char *const test_texts[] = {RL_CLAIM_TESTS(TEXT_) NULL};
static const char *const expect_words[] = {RL_CLAIM_EXPECTS(WORD_) NULL};
static const char *const role_words[] = {RL_CLAIM_ROLES(WORD_) NULL};
#undef WORD_
#undef TEXT_

static const char *const top_keys[] = {"id", "statement", "source", "species", "quality",
    "protocol", "alpha", "checks", "magnitudes", NULL};
static const char *const check_keys[] = {"id", "claim", "groups", "pairs", "measure", "test",
    "expect", "threshold", "target", "role", NULL};
static const char *const measure_keys[] = {"name", "phase", "first_sessions", "minus",
    "region", "label", NULL};
static const char *const magnitude_keys[] = {"label", "groups", "measure", "scale", "unit",
    "prior", NULL};
static const char *const quality_words[] = {"TEXT", "DIR", "SOFT", NULL};
static const char *const scale_words[] = {"none", "dose_per_hour", NULL};

typedef struct reader {
    rl_yaml_doc_t *doc;
    rl_claims_t *c;
    const char *dir;         /* for the protocol path */
    rl_error_t *err;
} reader_t;

const char *
rl_claim_test_name(rl_claim_test_t t)
{
    return t >= 0 && t < RL_CLAIM_TEST_COUNT ? test_words[t] : "unknown";
}

const char *
rl_claim_test_text(rl_claim_test_t t)
{
    return t >= 0 && t < RL_CLAIM_TEST_COUNT ? test_texts[t] : "unknown";
}

const char *
rl_claim_expect_name(rl_claim_expect_t e)
{
    return e >= 0 && e < RL_EXPECT_COUNT ? expect_words[e] : "unknown";
}

const char *
rl_claim_role_name(rl_claim_role_t r)
{
    return r >= 0 && r < RL_ROLE_COUNT ? role_words[r] : "unknown";
}

/* ---------------------------------------------------------------- names in the protocol */

/* The index of the group named by scalar n, or an error at n naming the valid groups. */
static int
group_of(reader_t *r, const rl_yaml_node_t *n, const char *ctx, int *out)
{
    const rl_protocol_t *p = r->c->protocol;
    const char *name = rl_yaml_text(n);
    char list[RL_ERROR_MSG_MAX / 2], got[64];
    size_t len = 0;
    int g;

    for (g = 0; name != NULL && g < p->n_groups; g++) {
        if (strcmp(p->groups[g].name, name) == 0) {
            *out = g;
            return 0;
        }
    }
    list[0] = '\0';
    for (g = 0; g < p->n_groups && len < sizeof list; g++) {
        len += (size_t) snprintf(list + len, sizeof list - len, "%s%s", g ? ", " : "",
            p->groups[g].name);
    }
    return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: %s is not a group of the protocol "
        "(groups: %s)", ctx, rl_yaml_describe(n, got, sizeof got), list);
}

/* A list of group names into out[0..*n) (at most max). */
static int
group_list(reader_t *r, const rl_yaml_node_t *list, const char *ctx, const char *key,
    int min, int max, int *out, int *n)
{
    size_t i, count = rl_yaml_count(list);
    int ret;
    if ((ret = rl_yaml_expect(r->doc, list, RL_YAML_LIST, ctx, "", key)) != 0) {
        return ret;
    }
    if ((int) count < min || (int) count > max) {
        return rl_yaml_fail(r->doc, list, RL_ERR_INVALID, "%s: %s must name %d to %d groups "
            "(got %zu)", ctx, key, min, max, count);
    }
    for (i = 0; i < count; i++) {
        const rl_yaml_node_t *g = rl_yaml_item(r->doc, list, i);
        if ((ret = rl_yaml_expect(r->doc, g, RL_YAML_SCALAR, ctx, "", key)) != 0
            || (ret = group_of(r, g, ctx, &out[i])) != 0) {
            return ret;
        }
    }
    *n = (int) count;
    return 0;
}

/* Phase `phase` (a name, else a phase kind: its first phase) of group g's procedure, or
** -1. */
static int
phase_of(const rl_protocol_t *p, int g, const char *phase)
{
    const rl_procedure_t *proc = &p->procedures[p->groups[g].procedure];
    int i, kind = rl_phase_kind_find(phase);
    for (i = 0; i < proc->n_phases; i++) {
        if (strcmp(proc->phases[i].name, phase) == 0) {
            return i;
        }
    }
    for (i = 0; kind >= 0 && i < proc->n_phases; i++) {
        if ((int) proc->phases[i].kind == kind) {
            return i;
        }
    }
    return -1;
}

/* Every group of groups[0..n) has the measure's phase (error at node n_phase). */
static int
check_phase(reader_t *r, const rl_yaml_node_t *n_phase, const char *ctx,
    const rl_claim_measure_t *m, const int *groups, int n)
{
    const rl_protocol_t *p = r->c->protocol;
    int i;
    for (i = 0; i < n; i++) {
        if (groups[i] >= 0 && phase_of(p, groups[i], m->phase) < 0) {
            const rl_group_t *g = &p->groups[groups[i]];
            return rl_yaml_fail(r->doc, n_phase, RL_ERR_INVALID, "%s: measure.phase '%s' is "
                "neither a phase name nor a phase kind of procedure '%s' (group '%s')", ctx,
                m->phase, p->procedures[g->procedure].name, g->name);
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- a measure */

/* The index of measure name, or -1. */
static int
measure_index(const char *name)
{
    int k;
    for (k = 0; k < RL_M_COUNT; k++) {
        if (strcmp(rl_measure_name(k), name) == 0) {
            return k;
        }
    }
    return -1;
}

static int
measure_name_list(char *buf, size_t cap)
{
    size_t len = 0;
    int k;
    buf[0] = '\0';
    for (k = 0; k < RL_M_COUNT && len < cap; k++) {
        len += (size_t) snprintf(buf + len, cap - len, "%s, ", rl_measure_name(k));
    }
    if (len < cap) {
        snprintf(buf + len, cap - len, "activity");
    }
    return 0;
}

/* A measure of name n (a scalar), or an error at n. */
static int
resolve_measure(reader_t *r, const rl_yaml_node_t *n, const char *ctx, const char *key,
    const char *name, int *out)
{
    char list[RL_ERROR_MSG_MAX / 2];
    if ((*out = measure_index(name)) >= 0) {
        return 0;
    }
    measure_name_list(list, sizeof list);
    return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: %s '%s' is not a measure (measures: "
        "%s)", ctx, key, name, list);
}

/* The region named by n ("all" = every region). */
static int
resolve_region(reader_t *r, const rl_yaml_node_t *n, const char *ctx, int *out)
{
    const char *name = rl_yaml_text(n);
    int k;
    if (name != NULL && strcmp(name, "all") == 0) {
        *out = RL_N_REGIONS;
        return 0;
    }
    for (k = 0; name != NULL && k < RL_N_REGIONS; k++) {
        if (strcmp(rl_region_name(k), name) == 0) {
            *out = k;
            return 0;
        }
    }
    return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: measure.region must be all or a "
        "region of docs/MODEL.md [FOS-1] (got '%s')", ctx, name != NULL ? name : "?");
}

/* The measure mapping of key "measure" in o; groups[0..ng) must all have its phase. */
static int
read_measure(reader_t *r, const rl_yaml_obj_t *o, const char *ctx, rl_claim_measure_t *m,
    const int *groups, int ng)
{
    rl_yaml_obj_t mo;
    const rl_yaml_node_t *n_name, *n_phase, *n_minus, *n_region;
    char minus[RL_NAME_MAX] = "";
    int ret;

    memset(m, 0, sizeof *m);
    m->minus = -1;
    m->region = -1;
    if ((ret = rl_yaml_get_map(r->doc, o, "measure", true, "measure.", &mo)) != 0
        || (ret = rl_yaml_check_keys(r->doc, &mo, measure_keys, NULL, "a measure")) != 0
        || (ret = rl_yaml_get_str(r->doc, &mo, "name", true, m->name, sizeof m->name)) != 0
        || (ret = rl_yaml_get_str(r->doc, &mo, "phase", true, m->phase, sizeof m->phase)) != 0
        || (ret = rl_yaml_get_int(r->doc, &mo, "first_sessions", false,
                &m->first_sessions)) != 0
        || (ret = rl_yaml_get_str(r->doc, &mo, "minus", false, minus, sizeof minus)) != 0
        || (ret = rl_yaml_get_str(r->doc, &mo, "label", false, m->label, sizeof m->label)) != 0) {
        return ret;
    }
    rl_yaml_find(r->doc, &mo, "name", true, &n_name);
    rl_yaml_find(r->doc, &mo, "phase", true, &n_phase);
    rl_yaml_find(r->doc, &mo, "minus", false, &n_minus);
    rl_yaml_find(r->doc, &mo, "region", false, &n_region);
    if (m->label[0] == '\0') {
        snprintf(m->label, sizeof m->label, "%s", m->name);
    }
    if (strcmp(m->name, "activity") == 0) {
        m->measure = -1;
        if (n_region == NULL) {
            return rl_yaml_fail(r->doc, mo.map, RL_ERR_INVALID, "%s: measure activity needs "
                "measure.region (a region, or all)", ctx);
        }
        if ((ret = resolve_region(r, n_region, ctx, &m->region)) != 0) {
            return ret;
        }
    } else if ((ret = resolve_measure(r, n_name, ctx, "measure.name", m->name,
                    &m->measure)) != 0) {
        return ret;
    } else if (n_region != NULL) {
        return rl_yaml_fail(r->doc, n_region, RL_ERR_INVALID, "%s: measure.region goes with "
            "measure activity only", ctx);
    }
    if (minus[0] != '\0' && (ret = resolve_measure(r, n_minus, ctx, "measure.minus", minus,
                                 &m->minus)) != 0) {
        return ret;
    }
    if (m->first_sessions != 0) {
        const rl_yaml_node_t *n_first;
        rl_yaml_find(r->doc, &mo, "first_sessions", false, &n_first);
        if (m->first_sessions < 1 || m->first_sessions > RL_CLAIM_MAX_SESSIONS) {
            return rl_yaml_fail(r->doc, n_first, RL_ERR_INVALID, "%s: measure.first_sessions "
                "must be 1 to %d (got %d)", ctx, RL_CLAIM_MAX_SESSIONS, m->first_sessions);
        }
        if (m->measure != RL_M_ACTIVE || m->minus >= 0) {
            return rl_yaml_fail(r->doc, n_first, RL_ERR_INVALID, "%s: measure.first_sessions "
                "goes with measure active (per-session responses), without minus", ctx);
        }
    }
    return check_phase(r, n_phase, ctx, m, groups, ng);
}

/* ---------------------------------------------------------------- a check */

/* groups / pairs of a check into c (group_a, group_b, n_pairs). */
static int
read_contrast(reader_t *r, const rl_yaml_obj_t *o, const char *ctx, rl_claim_check_t *c)
{
    const rl_yaml_node_t *groups, *pairs;
    int ret, n, two[2];
    size_t i;

    rl_yaml_find(r->doc, o, "groups", false, &groups);
    rl_yaml_find(r->doc, o, "pairs", false, &pairs);
    if ((groups == NULL) == (pairs == NULL)) {
        return rl_yaml_fail(r->doc, o->map, RL_ERR_INVALID, "%s: give groups (a list of "
            "groups) or pairs (a list of [A, B] pairs), one of the two", ctx);
    }
    if (groups != NULL) {
        if (c->test == RL_CLAIM_PROPORTION) {
            if ((ret = group_list(r, groups, ctx, "groups", 1, RL_CLAIM_MAX_PAIRS, c->group_a,
                     &c->n_pairs)) != 0) {
                return ret;
            }
            for (i = 0; i < (size_t) c->n_pairs; i++) {
                c->group_b[i] = -1;
            }
            return 0;
        }
        if ((ret = group_list(r, groups, ctx, "groups", 2, 2, two, &n)) != 0) {
            return ret;
        }
        c->group_a[0] = two[0];
        c->group_b[0] = two[1];
        c->n_pairs = 1;
        return 0;
    }
    if (c->test == RL_CLAIM_PROPORTION) {
        return rl_yaml_fail(r->doc, pairs, RL_ERR_INVALID, "%s: test proportion takes groups "
            "(each is checked on its own), not pairs", ctx);
    }
    if ((ret = rl_yaml_expect(r->doc, pairs, RL_YAML_LIST, ctx, "", "pairs")) != 0) {
        return ret;
    }
    if (rl_yaml_count(pairs) < 1 || rl_yaml_count(pairs) > RL_CLAIM_MAX_PAIRS) {
        return rl_yaml_fail(r->doc, pairs, RL_ERR_INVALID, "%s: pairs must hold 1 to %d pairs "
            "(got %zu)", ctx, RL_CLAIM_MAX_PAIRS, rl_yaml_count(pairs));
    }
    for (i = 0; i < rl_yaml_count(pairs); i++) {
        if ((ret = group_list(r, rl_yaml_item(r->doc, pairs, i), ctx, "pairs", 2, 2, two,
                 &n)) != 0) {
            return ret;
        }
        c->group_a[i] = two[0];
        c->group_b[i] = two[1];
    }
    c->n_pairs = (int) rl_yaml_count(pairs);
    return 0;
}

/* The test, the expectation, threshold, role and target fit together. */
static int
check_coherence(reader_t *r, const rl_yaml_obj_t *o, const char *ctx, rl_claim_check_t *c)
{
    const rl_yaml_node_t *n_test, *n_expect;
    bool share = c->expect == RL_EXPECT_EACH_AT_LEAST || c->expect == RL_EXPECT_EACH_AT_MOST;
    rl_yaml_find(r->doc, o, "test", true, &n_test);
    rl_yaml_find(r->doc, o, "expect", true, &n_expect);
    if (c->test == RL_CLAIM_PROPORTION) {
        if (!share) {
            return rl_yaml_fail(r->doc, n_expect, RL_ERR_INVALID, "%s: test proportion goes "
                "with expect each_at_least or each_at_most", ctx);
        }
        if (c->measure.measure != RL_M_CRITERION_MET) {
            return rl_yaml_fail(r->doc, n_test, RL_ERR_INVALID, "%s: test proportion needs a "
                "yes/no measure (criterion_met)", ctx);
        }
    } else if (share) {
        return rl_yaml_fail(r->doc, n_expect, RL_ERR_INVALID, "%s: expect %s goes with test "
            "proportion", ctx, rl_claim_expect_name(c->expect));
    }
    if (c->test == RL_CLAIM_RM_ANOVA && c->measure.first_sessions < 2) {
        return rl_yaml_fail(r->doc, n_test, RL_ERR_INVALID, "%s: test rm_anova needs a "
            "per-session measure over at least 2 sessions (measure.first_sessions)", ctx);
    }
    if (c->measure.region == RL_N_REGIONS && c->expect != RL_EXPECT_REPORT) {
        return rl_yaml_fail(r->doc, n_expect, RL_ERR_INVALID, "%s: measure.region all goes "
            "with expect report (one row per region)", ctx);
    }
    return 0;
}

/* The target: given, or 0.80 for a finding, 0.10 for no_difference; none for report and
** secondary checks. */
static int
read_target(reader_t *r, const rl_yaml_obj_t *o, const char *ctx, rl_claim_check_t *c)
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

static int
read_check(reader_t *r, const rl_yaml_node_t *node, size_t index, rl_claim_check_t *c)
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
        || (ret = rl_yaml_get_enum(r->doc, &o, "test", true, test_words, &test)) != 0
        || (ret = rl_yaml_get_enum(r->doc, &o, "expect", true, expect_words, &expect)) != 0
        || (ret = rl_yaml_get_enum(r->doc, &o, "role", false, role_words, &role)) != 0) {
        return ret;
    }
    c->test = (rl_claim_test_t) test;
    c->expect = (rl_claim_expect_t) expect;
    c->role = (rl_claim_role_t) role;
    if ((ret = read_contrast(r, &o, ctx, c)) != 0) {
        return ret;
    }
    {
        int all[2 * RL_CLAIM_MAX_PAIRS], i;
        for (i = 0; i < c->n_pairs; i++) {
            all[2 * i] = c->group_a[i];
            all[2 * i + 1] = c->group_b[i];
        }
        if ((ret = read_measure(r, &o, ctx, &c->measure, all, 2 * c->n_pairs)) != 0
            || (ret = check_coherence(r, &o, ctx, c)) != 0) {
            return ret;
        }
    }
    if (c->expect == RL_EXPECT_EACH_AT_LEAST || c->expect == RL_EXPECT_EACH_AT_MOST) {
        const rl_yaml_node_t *n;
        if ((ret = rl_yaml_get_num(r->doc, &o, "threshold", true, &c->threshold)) != 0) {
            return ret;
        }
        rl_yaml_find(r->doc, &o, "threshold", true, &n);
        if (!(c->threshold >= 0.0 && c->threshold <= 1.0)) {
            return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: threshold must be a share "
                "from 0 to 1 (got %g)", ctx, c->threshold);
        }
    } else {
        const rl_yaml_node_t *n;
        rl_yaml_find(r->doc, &o, "threshold", false, &n);
        if (n != NULL) {
            return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: threshold goes with expect "
                "each_at_least or each_at_most", ctx);
        }
    }
    return read_target(r, &o, ctx, c);
}

/* ---------------------------------------------------------------- magnitudes */

static int
read_magnitude(reader_t *r, const rl_yaml_node_t *node, size_t index, rl_claim_magnitude_t *m)
{
    char ctx[RL_NAME_MAX + 32];
    rl_yaml_obj_t o = {node, NULL, ""};
    const rl_yaml_node_t *groups;
    int ret, scale = 0;

    memset(m, 0, sizeof *m);
    m->src_line = rl_yaml_line(node);
    snprintf(ctx, sizeof ctx, "magnitude %zu", index + 1);
    o.ctx = ctx;
    if ((ret = rl_yaml_expect(r->doc, node, RL_YAML_MAP, "magnitudes", "", ctx)) != 0
        || (ret = rl_yaml_check_keys(r->doc, &o, magnitude_keys, NULL, "a magnitude")) != 0
        || (ret = rl_yaml_get_str(r->doc, &o, "label", true, m->label, sizeof m->label)) != 0
        || (ret = rl_yaml_find(r->doc, &o, "groups", true, &groups)) != 0
        || (ret = group_list(r, groups, ctx, "groups", 1, RL_MAX_GROUPS, m->groups,
                &m->n_groups)) != 0
        || (ret = read_measure(r, &o, ctx, &m->measure, m->groups, m->n_groups)) != 0
        || (ret = rl_yaml_get_enum(r->doc, &o, "scale", false, scale_words, &scale)) != 0
        || (ret = rl_yaml_get_str(r->doc, &o, "unit", false, m->unit, sizeof m->unit)) != 0
        || (ret = rl_yaml_get_str(r->doc, &o, "prior", false, m->prior, sizeof m->prior)) != 0) {
        return ret;
    }
    if (m->measure.region == RL_N_REGIONS || m->measure.first_sessions > 0) {
        return rl_yaml_fail(r->doc, node, RL_ERR_INVALID, "%s: a magnitude needs one value per "
            "mouse (not region all, not first_sessions)", ctx);
    }
    m->scale_dose_per_h = scale == 1;
    return 0;
}

/* ---------------------------------------------------------------- the file */

/* Load the protocol named by the `protocol` key (relative to r->dir). */
static int
load_protocol(reader_t *r, const rl_yaml_obj_t *o)
{
    char rel[256];
    const rl_yaml_node_t *n;
    int ret;

    if ((ret = rl_yaml_get_str(r->doc, o, "protocol", true, rel, sizeof rel)) != 0) {
        return ret;
    }
    rl_yaml_find(r->doc, o, "protocol", true, &n);
    if (strlen(r->dir) + strlen(rel) + 2 > sizeof r->c->protocol_path) {
        return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "protocol: the path is too long");
    }
    if (rel[0] == '/' || r->dir[0] == '\0') {
        snprintf(r->c->protocol_path, sizeof r->c->protocol_path, "%s", rel);
    } else {
        snprintf(r->c->protocol_path, sizeof r->c->protocol_path, "%.250s/%.250s", r->dir,
            rel);
    }
    if ((r->c->protocol = rl_calloc(1, sizeof *r->c->protocol)) == NULL) {
        return rl_error_set(r->err, RL_ERR_NOMEM, r->c->path, 0, 0, "out of memory");
    }
    ret = rl_protocol_load_file(r->c->protocol, r->c->protocol_path, r->err);
    if (ret == RL_ERR_IO) { /* the file is missing: say so where the claims file names it */
        char why[RL_ERROR_MSG_MAX];
        snprintf(why, sizeof why, "%s", r->err->msg);
        return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "protocol: %s", why);
    }
    return ret;
}

/* A list of key in o (required or not) read item by item into slots of size sz. */
static int
read_list(reader_t *r, const rl_yaml_obj_t *o, const char *key, bool required, int max,
    int *count, int (*item)(reader_t *, const rl_yaml_node_t *, size_t, void *), void *slots,
    size_t sz)
{
    const rl_yaml_node_t *n;
    size_t i;
    int ret;
    if ((ret = rl_yaml_find(r->doc, o, key, required, &n)) != 0 || n == NULL) {
        return ret;
    }
    if ((ret = rl_yaml_expect(r->doc, n, RL_YAML_LIST, "claims file", "", key)) != 0) {
        return ret;
    }
    if (rl_yaml_count(n) < (required ? 1u : 0u) || rl_yaml_count(n) > (size_t) max) {
        return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "claims file: %s must hold %d to %d "
            "entries (got %zu)", key, required ? 1 : 0, max, rl_yaml_count(n));
    }
    for (i = 0; i < rl_yaml_count(n); i++) {
        if ((ret = item(r, rl_yaml_item(r->doc, n, i), i, (char *) slots + i * sz)) != 0) {
            return ret;
        }
    }
    *count = (int) rl_yaml_count(n);
    return 0;
}

static int
check_item(reader_t *r, const rl_yaml_node_t *n, size_t i, void *slot)
{
    return read_check(r, n, i, slot);
}

static int
magnitude_item(reader_t *r, const rl_yaml_node_t *n, size_t i, void *slot)
{
    return read_magnitude(r, n, i, slot);
}

static int
read_claims(reader_t *r)
{
    rl_claims_t *c = r->c;
    const rl_yaml_node_t *root = rl_yaml_root(r->doc), *n;
    rl_yaml_obj_t o = {root, "claims file", ""};
    int ret, quality = 0;

    if (rl_yaml_kind(root) != RL_YAML_MAP) {
        return rl_yaml_fail(r->doc, root, RL_ERR_INVALID, "a claims file must be a YAML "
            "mapping (id, statement, source, protocol, checks, ...)");
    }
    c->alpha = 0.05;
    if ((ret = rl_yaml_check_keys(r->doc, &o, top_keys, NULL, "a claims file")) != 0
        || (ret = rl_yaml_get_str(r->doc, &o, "id", true, c->id, sizeof c->id)) != 0
        || (ret = rl_yaml_get_str(r->doc, &o, "statement", true, c->statement,
                sizeof c->statement)) != 0
        || (ret = rl_yaml_get_str(r->doc, &o, "source", true, c->source, sizeof c->source)) != 0
        || (ret = rl_yaml_get_str(r->doc, &o, "species", false, c->species,
                sizeof c->species)) != 0
        || (ret = rl_yaml_get_enum(r->doc, &o, "quality", false, quality_words, &quality)) != 0
        || (ret = rl_yaml_get_num(r->doc, &o, "alpha", false, &c->alpha)) != 0) {
        return ret;
    }
    snprintf(c->quality, sizeof c->quality, "%s", quality_words[quality]);
    rl_yaml_find(r->doc, &o, "alpha", false, &n);
    if (!(c->alpha > 0.0 && c->alpha <= 0.5)) {
        return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "claims file: alpha must be above 0 and "
            "at most 0.5 (got %g)", c->alpha);
    }
    if ((ret = load_protocol(r, &o)) != 0) {
        return ret;
    }
    if ((ret = read_list(r, &o, "checks", true, RL_CLAIMS_MAX_CHECKS, &c->n_checks, check_item,
             c->checks, sizeof c->checks[0])) != 0) {
        return ret;
    }
    return read_list(r, &o, "magnitudes", false, RL_CLAIMS_MAX_MAGNITUDES, &c->n_magnitudes,
        magnitude_item, c->magnitudes, sizeof c->magnitudes[0]);
}

int
rl_claims_load_buffer(rl_claims_t *self, const char *text, size_t len, const char *name,
    const char *dir, rl_error_t *err)
{
    reader_t r;
    int ret;

    memset(self, 0, sizeof *self);
    rl_error_clear(err);
    snprintf(self->path, sizeof self->path, "%s", name);
    memset(&r, 0, sizeof r);
    r.c = self;
    r.dir = dir != NULL ? dir : "";
    r.err = err;
    if ((ret = rl_yaml_load(&r.doc, text, len, self->path, "a claims file", err)) != 0) {
        return ret;
    }
    ret = read_claims(&r);
    rl_yaml_free(r.doc);
    return ret;
}

int
rl_claims_load_file(rl_claims_t *self, const char *path, rl_error_t *err)
{
    char *text = NULL, dir[512];
    const char *slash = strrchr(path, '/');
    size_t len = 0;
    int ret;

    memset(self, 0, sizeof *self);
    rl_error_clear(err);
    if (strlen(path) >= sizeof self->path) {
        return rl_error_set(err, RL_ERR_IO, path, 0, 0, "the claims file's path is longer than "
            "%zu characters", sizeof self->path - 1);
    }
    if ((ret = rl_read_file(path, &text, &len, err)) != 0) {
        return ret;
    }
    snprintf(dir, sizeof dir, "%.*s", slash != NULL ? (int) (slash - path) : 0, path);
    ret = rl_claims_load_buffer(self, text, len, path, dir, err);
    free(text);
    return ret;
}

void
rl_claims_free(rl_claims_t *self)
{
    if (self != NULL && self->protocol != NULL) {
        rl_protocol_free(self->protocol);
        free(self->protocol);
        self->protocol = NULL;
    }
}
