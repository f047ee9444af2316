/* claims_measure.c -- a claims file's measure and the names it resolves in the protocol
** (claims_internal.h).
**
** A measure names a measures.h measure (or "activity" with a region) of a phase; it may
** subtract another measure of the same row (minus), divide by a measure of another phase
** of the same mouse (over; also the first sessions' responses: "the first extinction
** session over the last acquisition sessions"), average the first sessions
** (first_sessions), or take the day-to-day variability of the per-session counts
** (session_cv). Every name is checked
** against the protocol while its node is at hand, so a wrong one is reported at its line.
*/
#include "protocol_internal.h"

#include <stdio.h>
#include <string.h>

#include "claims_internal.h"
#include "relapselab/measures.h"

static const char *const measure_keys[] = {"name", "phase", "first_sessions", "minus",
    "region", "label", "session_cv", "over", NULL};
static const char *const over_keys[] = {"name", "phase", NULL};

/* ---------------------------------------------------------------- names in the protocol */

int
rl_claims_group_of(rl_claims_reader_t *r, const rl_yaml_node_t *n, const char *ctx, int *out)
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

int
rl_claims_group_list(rl_claims_reader_t *r, const rl_yaml_node_t *list, const char *ctx,
    const char *key, int min, int max, int *out, int *n)
{
    size_t i, count = rl_yaml_count(list);
    int ret;
    if ((ret = rl_yaml_expect(r->doc, list, RL_YAML_LIST, ctx, "", key)) != 0) {
        return ret;
    }
    if ((int) count < min || (int) count > max) {
        if (min == max) {
            return rl_yaml_fail(r->doc, list, RL_ERR_INVALID, "%s: %s must name %d group%s "
                "(got %zu)", ctx, key, min, min == 1 ? "" : "s", count);
        }
        return rl_yaml_fail(r->doc, list, RL_ERR_INVALID, "%s: %s must name %d to %d groups "
            "(got %zu)", ctx, key, min, max, count);
    }
    for (i = 0; i < count; i++) {
        const rl_yaml_node_t *g = rl_yaml_item(r->doc, list, i);
        if ((ret = rl_yaml_expect(r->doc, g, RL_YAML_SCALAR, ctx, "", key)) != 0
            || (ret = rl_claims_group_of(r, g, ctx, &out[i])) != 0) {
            return ret;
        }
    }
    *n = (int) count;
    return 0;
}

int
rl_claims_phase_of(const rl_protocol_t *p, int g, const char *phase)
{
    return rl_procedure_phase_find(&p->procedures[p->groups[g].procedure], phase);
}

int
rl_claims_check_phase(rl_claims_reader_t *r, const rl_yaml_node_t *n, const char *ctx,
    const char *what, const char *phase, const int *groups, int ng)
{
    const rl_protocol_t *p = r->c->protocol;
    int i;
    for (i = 0; i < ng; i++) {
        if (groups[i] >= 0 && rl_claims_phase_of(p, groups[i], phase) < 0) {
            const rl_group_t *g = &p->groups[groups[i]];
            return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: %s '%s' is neither a phase "
                "name nor a phase kind of procedure '%s' (group '%s')", ctx, what, phase,
                p->procedures[g->procedure].name, g->name);
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

static void
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
}

/* A measure of name `name` (node n), or an error at n. */
static int
resolve_measure(rl_claims_reader_t *r, const rl_yaml_node_t *n, const char *ctx,
    const char *key, const char *name, int *out)
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
resolve_region(rl_claims_reader_t *r, const rl_yaml_node_t *n, const char *ctx,
    const char *pre, int *out)
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
    return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: %sregion must be all or a region of "
        "docs/MODEL.md [FOS-1] (got '%s')", ctx, pre, name != NULL ? name : "?");
}

/* `over: {name, phase}`: the measure divides by another measure of the same mouse. */
static int
read_over(rl_claims_reader_t *r, const rl_yaml_obj_t *mo, const char *ctx, const char *pre,
    rl_claim_measure_t *m, const int *groups, int ng)
{
    rl_yaml_obj_t oo;
    const rl_yaml_node_t *n_name, *n_phase;
    char name[RL_NAME_MAX], key[96];
    int ret;

    snprintf(key, sizeof key, "%sover.", pre);
    if ((ret = rl_yaml_get_map(r->doc, mo, "over", false, key, &oo)) != 0 || oo.map == NULL) {
        return ret;
    }
    if ((ret = rl_yaml_check_keys(r->doc, &oo, over_keys, NULL, "a measure's over")) != 0
        || (ret = rl_yaml_get_str(r->doc, &oo, "name", true, name, sizeof name)) != 0
        || (ret = rl_yaml_get_str(r->doc, &oo, "phase", true, m->over_phase,
                sizeof m->over_phase)) != 0) {
        return ret;
    }
    rl_yaml_find(r->doc, &oo, "name", true, &n_name);
    rl_yaml_find(r->doc, &oo, "phase", true, &n_phase);
    snprintf(key, sizeof key, "%sover.name", pre);
    if ((ret = resolve_measure(r, n_name, ctx, key, name, &m->over)) != 0) {
        return ret;
    }
    snprintf(key, sizeof key, "%sover.phase", pre);
    return rl_claims_check_phase(r, n_phase, ctx, key, m->over_phase, groups, ng);
}

/* The kinds of measure that exclude one another, and what each goes with. */
static int
check_forms(rl_claims_reader_t *r, const rl_yaml_obj_t *mo, const char *ctx, const char *pre,
    const rl_claim_measure_t *m)
{
    const rl_yaml_node_t *n;
    if (m->first_sessions != 0) {
        rl_yaml_find(r->doc, mo, "first_sessions", false, &n);
        if (m->first_sessions < 1 || m->first_sessions > RL_CLAIM_MAX_SESSIONS) {
            return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: %sfirst_sessions must be 1 "
                "to %d (got %d)", ctx, pre, RL_CLAIM_MAX_SESSIONS, m->first_sessions);
        }
        if (m->measure != RL_M_ACTIVE || m->minus >= 0 || m->session_cv) {
            return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: %sfirst_sessions goes with "
                "measure active (per-session responses), without minus or session_cv",
                ctx, pre);
        }
    }
    if (m->session_cv) {
        rl_yaml_find(r->doc, mo, "session_cv", false, &n);
        if ((m->measure != RL_M_ACTIVE && m->measure != RL_M_REINFORCERS) || m->minus >= 0
            || m->over >= 0) {
            return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: %ssession_cv goes with "
                "measure active or reinforcers (per-session counts), without minus or over",
                ctx, pre);
        }
    }
    if (m->over >= 0 && m->minus >= 0) {
        rl_yaml_find(r->doc, mo, "over", false, &n);
        return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: %sover and %sminus do not go "
            "together (write the difference or the ratio, not both)", ctx, pre, pre);
    }
    return 0;
}

int
rl_claims_read_measure(rl_claims_reader_t *r, const rl_yaml_obj_t *o, const char *key,
    const char *ctx, rl_claim_measure_t *m, const int *groups, int ng, bool phase_optional)
{
    rl_yaml_obj_t mo;
    const rl_yaml_node_t *n_name, *n_phase, *n_minus, *n_region;
    char minus[RL_NAME_MAX] = "", pre[64], what[80];
    int ret;

    memset(m, 0, sizeof *m);
    m->minus = -1;
    m->over = -1;
    m->region = -1;
    snprintf(pre, sizeof pre, "%s.", key);
    if ((ret = rl_yaml_get_map(r->doc, o, key, true, pre, &mo)) != 0
        || (ret = rl_yaml_check_keys(r->doc, &mo, measure_keys, NULL, "a measure")) != 0
        || (ret = rl_yaml_get_str(r->doc, &mo, "name", true, m->name, sizeof m->name)) != 0
        || (ret = rl_yaml_get_str(r->doc, &mo, "phase", !phase_optional, m->phase,
                sizeof m->phase)) != 0
        || (ret = rl_yaml_get_int(r->doc, &mo, "first_sessions", false,
                &m->first_sessions)) != 0
        || (ret = rl_yaml_get_str(r->doc, &mo, "minus", false, minus, sizeof minus)) != 0
        || (ret = rl_yaml_get_bool(r->doc, &mo, "session_cv", false, &m->session_cv)) != 0
        || (ret = rl_yaml_get_str(r->doc, &mo, "label", false, m->label, sizeof m->label)) != 0) {
        return ret;
    }
    rl_yaml_find(r->doc, &mo, "name", true, &n_name);
    rl_yaml_find(r->doc, &mo, "phase", false, &n_phase);
    rl_yaml_find(r->doc, &mo, "minus", false, &n_minus);
    rl_yaml_find(r->doc, &mo, "region", false, &n_region);
    if (m->label[0] == '\0') {
        snprintf(m->label, sizeof m->label, "%s", m->name);
    }
    if (strcmp(m->name, "activity") == 0) {
        m->measure = -1;
        if (n_region == NULL) {
            return rl_yaml_fail(r->doc, mo.map, RL_ERR_INVALID, "%s: measure activity needs "
                "%sregion (a region, or all)", ctx, pre);
        }
        if ((ret = resolve_region(r, n_region, ctx, pre, &m->region)) != 0) {
            return ret;
        }
    } else if ((ret = resolve_measure(r, n_name, ctx, "measure.name", m->name,
                    &m->measure)) != 0) {
        return ret;
    } else if (n_region != NULL) {
        return rl_yaml_fail(r->doc, n_region, RL_ERR_INVALID, "%s: %sregion goes with "
            "measure activity only", ctx, pre);
    }
    if (minus[0] != '\0' && (ret = resolve_measure(r, n_minus, ctx, "measure.minus", minus,
                                 &m->minus)) != 0) {
        return ret;
    }
    if ((ret = read_over(r, &mo, ctx, pre, m, groups, ng)) != 0
        || (ret = check_forms(r, &mo, ctx, pre, m)) != 0) {
        return ret;
    }
    if (m->measure < 0 && (m->minus >= 0 || m->over >= 0)) {
        return rl_yaml_fail(r->doc, mo.map, RL_ERR_INVALID, "%s: measure activity takes no "
            "minus or over", ctx);
    }
    if (n_phase == NULL) {
        return 0;
    }
    snprintf(what, sizeof what, "%sphase", pre);
    return rl_claims_check_phase(r, n_phase, ctx, what, m->phase, groups, ng);
}
