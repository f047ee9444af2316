/* claims_yaml.c -- a claims file, YAML -> rl_claims_t (see claims.h, docs/CLAIMS.md).
**
** The file is read through the YAML adapter (core/yaml_doc.h) top-down. The protocol is
** loaded first (its own problems are reported in the protocol file), so that every name a
** check uses -- groups, phases, measures, regions -- is resolved while its node is at hand
** and a wrong one is reported at its line and column. A check is read in claims_check.c,
** its measures in claims_measure.c; this file holds the file's top level and magnitudes.
*/
#include "protocol_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "claims_internal.h"
#include "core/yaml_doc.h"
#include "relapselab/claims.h"
#include "relapselab/measures.h"

#define WORD_(id, word, text) word,
#define TEXT_(id, word, text) text,
const char *const rl_claims_test_words[] = {RL_CLAIM_TESTS(WORD_) NULL};
static const char *const test_texts[] = {RL_CLAIM_TESTS(TEXT_) NULL};
const char *const rl_claims_expect_words[] = {RL_CLAIM_EXPECTS(WORD_) NULL};
const char *const rl_claims_role_words[] = {RL_CLAIM_ROLES(WORD_) NULL};
const char *const rl_claims_statistic_words[] = {RL_CLAIM_STATISTICS(WORD_) NULL};
#undef WORD_
#undef TEXT_

static const char *const top_keys[] = {"id", "statement", "source", "species", "quality",
    "protocol", "alpha", "checks", "magnitudes", "not_checked", NULL};
static const char *const unchecked_keys[] = {"criterion", "reason", NULL};
static const char *const magnitude_keys[] = {"label", "groups", "relative_to", "measure",
    "scale", "unit", "prior", "range", NULL};
static const char *const quality_words[] = {"TEXT", "DIR", "SOFT", NULL};
static const char *const scale_words[] = {"none", "dose_per_hour", NULL};

typedef rl_claims_reader_t reader_t;

const char *
rl_claim_test_name(rl_claim_test_t t)
{
    return t >= 0 && t < RL_CLAIM_TEST_COUNT ? rl_claims_test_words[t] : "unknown";
}

const char *
rl_claim_test_text(rl_claim_test_t t)
{
    return t >= 0 && t < RL_CLAIM_TEST_COUNT ? test_texts[t] : "unknown";
}

const char *
rl_claim_expect_name(rl_claim_expect_t e)
{
    return e >= 0 && e < RL_EXPECT_COUNT ? rl_claims_expect_words[e] : "unknown";
}

const char *
rl_claim_role_name(rl_claim_role_t r)
{
    return r >= 0 && r < RL_ROLE_COUNT ? rl_claims_role_words[r] : "unknown";
}

const char *
rl_claim_statistic_name(rl_claim_statistic_t s)
{
    return s >= 0 && s < RL_STAT_COUNT ? rl_claims_statistic_words[s] : "unknown";
}

/* ---------------------------------------------------------------- magnitudes */

static int
read_magnitude(reader_t *r, const rl_yaml_node_t *node, size_t index, rl_claim_magnitude_t *m)
{
    char ctx[RL_NAME_MAX + 32];
    rl_yaml_obj_t o = {node, NULL, ""};
    const rl_yaml_node_t *groups, *relative = NULL, *range = NULL;
    int all[2 * RL_MAX_GROUPS];
    int ret, scale = 0;

    memset(m, 0, sizeof *m);
    m->src_line = rl_yaml_line(node);
    snprintf(ctx, sizeof ctx, "magnitude %zu", index + 1);
    o.ctx = ctx;
    if ((ret = rl_yaml_expect(r->doc, node, RL_YAML_MAP, "magnitudes", "", ctx)) != 0
        || (ret = rl_yaml_check_keys(r->doc, &o, magnitude_keys, NULL, "a magnitude")) != 0
        || (ret = rl_yaml_get_str(r->doc, &o, "label", true, m->label, sizeof m->label)) != 0
        || (ret = rl_yaml_find(r->doc, &o, "groups", true, &groups)) != 0
        || (ret = rl_claims_group_list(r, groups, ctx, "groups", 1, RL_MAX_GROUPS, m->groups,
                &m->n_groups)) != 0
        || (ret = rl_yaml_find(r->doc, &o, "relative_to", false, &relative)) != 0
        || (relative != NULL
            && (ret = rl_claims_group_list(r, relative, ctx, "relative_to", 1, RL_MAX_GROUPS,
                    m->relative, &m->n_relative)) != 0)) {
        return ret;
    }
    /* every group read, the numerator's and the denominator's, must have the phase */
    memcpy(all, m->groups, (size_t) m->n_groups * sizeof all[0]);
    memcpy(all + m->n_groups, m->relative, (size_t) m->n_relative * sizeof all[0]);
    if ((ret = rl_claims_read_measure(r, &o, "measure", ctx, &m->measure, all,
             m->n_groups + m->n_relative, false)) != 0
        || (ret = rl_yaml_get_enum(r->doc, &o, "scale", false, scale_words, &scale)) != 0
        || (ret = rl_yaml_get_str(r->doc, &o, "unit", false, m->unit, sizeof m->unit)) != 0
        || (ret = rl_yaml_get_str(r->doc, &o, "prior", false, m->prior, sizeof m->prior)) != 0
        || (ret = rl_yaml_find(r->doc, &o, "range", false, &range)) != 0
        || (range != NULL && (ret = rl_claims_read_bounds(r, &o, ctx, "range", m->range)) != 0)) {
        return ret;
    }
    m->has_range = range != NULL;
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
    return rl_claims_read_check(r, n, i, slot);
}

/* An item of not_checked: {criterion, reason}. */
static int
unchecked_item(reader_t *r, const rl_yaml_node_t *node, size_t i, void *slot)
{
    rl_claim_unchecked_t *u = slot;
    char ctx[48];
    rl_yaml_obj_t o = {node, NULL, "not_checked."};
    int ret;
    snprintf(ctx, sizeof ctx, "not_checked %zu", i + 1);
    o.ctx = ctx;
    memset(u, 0, sizeof *u);
    u->src_line = rl_yaml_line(node);
    if ((ret = rl_yaml_expect(r->doc, node, RL_YAML_MAP, "not_checked", "", ctx)) != 0
        || (ret = rl_yaml_check_keys(r->doc, &o, unchecked_keys, NULL,
                "an item of not_checked")) != 0
        || (ret = rl_yaml_get_str(r->doc, &o, "criterion", true, u->criterion,
                sizeof u->criterion)) != 0) {
        return ret;
    }
    return rl_yaml_get_str(r->doc, &o, "reason", true, u->reason, sizeof u->reason);
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
    if ((ret = read_list(r, &o, "magnitudes", false, RL_CLAIMS_MAX_MAGNITUDES,
             &c->n_magnitudes, magnitude_item, c->magnitudes, sizeof c->magnitudes[0])) != 0) {
        return ret;
    }
    return read_list(r, &o, "not_checked", false, RL_CLAIMS_MAX_UNCHECKED, &c->n_unchecked,
        unchecked_item, c->unchecked, sizeof c->unchecked[0]);
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
