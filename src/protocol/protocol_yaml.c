/* protocol_yaml.c -- YAML text -> rl_protocol_t (with protocol_reader.c, the node reader,
** and protocol_triggers.c, a phase's drugs and relapse triggers).
**
** The whole text is parsed with the libyaml document API first (so a syntax error
** anywhere, or a second document, is reported before any content), then the node tree is
** walked top-down into the caller's rl_protocol_t. The walk owns every rule about the
** text: node shapes, keys (unknown, duplicate, missing, keys of the other type), strict
** scalars (numbers must be plain and consume the whole scalar; integers have no '.'),
** enum words, and the names the struct stores as indices (a group's reinforcer and
** procedure). It fills in the format's defaults and notes the line and column of every
** value it stores (rl_srcmap_t), then hands the struct to rl_protocol_validate()
** (protocol.c), which owns every rule about the values. Top-level keys are read in a fixed
** order (reinforcers, procedures or phases, groups) whatever their order in the file, so
** references always resolve.
**
** Each object is read through an rd_obj_t: the mapping node, the context that prefixes every
** message ("phase 'extinction' of procedure 'cocaine'") and the key path prefix of nested
** mappings ("schedule."). Errors stop the walk at the first problem; line and column are
** 1-based (libyaml marks are 0-based).
*/
#include "protocol_reader.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Allowed keys per object (NULL-terminated), and the keys that belong to a sibling type. */
static const char *const top_keys[] = {"study", "intersession_h", "reinforcers",
    "procedures", "phases", "groups", NULL};
static const char *const drug_keys[] = {"type", "drug", "dose_mg_per_kg", "infusion_s",
    "volume_ul", NULL};
static const char *const pellet_keys[] = {"type", "pellet_mg", "palatability", NULL};
static const char *const phase_keys[] = {"name", "kind", "schedule", "session_min",
    "timeout_s", "cue_s", "active_response", "limits", "sessions", "criterion", "treatments",
    "abstinence_days", "stress", "noncontingent_cues", NULL};
static const char *const fr_keys[] = {"type", "ratio", NULL};
static const char *const pr_keys[] = {"type", "series", "formula", "steps", NULL};
static const char *const limits_keys[] = {"max_reinforcers", "no_reinforcer_stop_min", NULL};
static const char *const sessions_keys[] = {"until", "max", "min", NULL};
static const char *const acq_keys[] = {"type", "min_reinforcers", "min_active_fraction",
    "max_deviation", "consecutive", NULL};
static const char *const ext_keys[] = {"type", "max_fraction_of_reference",
    "reference_phase", "consecutive", NULL};
static const char *const group_keys[] = {"name", "line", "genotype", "background", "reinforcer",
    "procedure", "n", "sex", NULL};

/* Enum words, in the order of the enums of protocol.h (the names of rl_phase_kind_name()
** etc.; test_protocol.c checks they agree). */
static const char *const reinforcer_types[] = {"drug", "pellet", NULL};
static const char *const kind_words[] = {"acquisition", "progressive_ratio", "extinction",
    "reinstatement", "other", "place_conditioning", "place_test", NULL};
static const char *const schedule_words[] = {"FR", "PR", NULL};
static const char *const criterion_words[] = {"acquisition", "extinction", NULL}; /* 1, 2 */
static const char *const sex_words[] = {"male", "female", NULL};
static const char *const response_words[] = {"reinforcer", "cue", NULL};
static const char *const formula_words[] = {"richardson_roberts", NULL};
static const char *const until_words[] = {"criterion", NULL};

/* ---------------------------------------------------------------- reinforcers */

static int
read_reinforcer(rd_reader_t *r, rl_reinforcer_t *rf, yaml_node_t *n)
{
    static const char *const drug_only[] = {"drug", "dose_mg_per_kg", "infusion_s",
        "volume_ul", NULL};
    static const char *const pellet_only[] = {"pellet_mg", "palatability", NULL};
    char ctx[RL_NAME_MAX + 16];
    rd_obj_t o;
    int ret, type = 0;

    snprintf(ctx, sizeof ctx, "reinforcer '%s'", rf->name);
    if ((ret = rd_expect(r, n, YAML_MAPPING_NODE, "reinforcers", "", ctx)) != 0) {
        return ret;
    }
    o.map = n;
    o.ctx = ctx;
    o.pre = "";
    if ((ret = rd_get_enum(r, &o, "type", true, reinforcer_types, &type)) != 0) {
        return ret;
    }
    rf->kind = (rl_reinforcer_kind_t) type;
    if (rf->kind == RL_REINFORCER_DRUG) {
        if ((ret = rd_check_keys(r, &o, drug_keys, pellet_only, "a drug reinforcer")) != 0
            || (ret = rd_get_str(r, &o, "drug", true, rf->drug, sizeof rf->drug)) != 0
            || (ret = rd_get_num(r, &o, "dose_mg_per_kg", true, &rf->dose_mg_per_kg)) != 0
            || (ret = rd_get_num(r, &o, "infusion_s", true, &rf->infusion_s)) != 0
            || (ret = rd_get_num(r, &o, "volume_ul", false, &rf->volume_ul)) != 0) {
            return ret;
        }
        return 0;
    }
    rf->palatability = 1.0;
    if ((ret = rd_check_keys(r, &o, pellet_keys, drug_only, "a pellet reinforcer")) != 0
        || (ret = rd_get_num(r, &o, "pellet_mg", true, &rf->pellet_mg)) != 0
        || (ret = rd_get_num(r, &o, "palatability", false, &rf->palatability)) != 0) {
        return ret;
    }
    return 0;
}

static int
read_reinforcers(rd_reader_t *r, yaml_node_t *n)
{
    rl_protocol_t *p = r->p;
    rd_obj_t o = {n, "reinforcers", ""};
    yaml_node_pair_t *pair;
    int ret;

    if ((ret = rd_expect(r, n, YAML_MAPPING_NODE, "protocol", "", "reinforcers")) != 0
        || (ret = rd_check_keys(r, &o, NULL, NULL, NULL)) != 0
        || (ret = rd_note(r, &p->n_reinforcers, n)) != 0) {
        return ret;
    }
    if (n->data.mapping.pairs.top == n->data.mapping.pairs.start) {
        return rd_rfail(r, n, RL_ERR_INVALID, "protocol: reinforcers must define at least one "
            "reinforcer");
    }
    for (pair = n->data.mapping.pairs.start; pair < n->data.mapping.pairs.top; pair++) {
        yaml_node_t *key = rd_node_at(r, pair->key);
        rl_reinforcer_t *rf;

        if (p->n_reinforcers == RL_MAX_REINFORCERS) {
            return rd_rfail(r, key, RL_ERR_INVALID, "reinforcers: too many reinforcers (at most %d)",
                RL_MAX_REINFORCERS);
        }
        rf = &p->reinforcers[p->n_reinforcers++];
        rf->src_line = rd_line_of(key);
        if ((ret = rd_str_of(r, key, "reinforcers", "", "reinforcer name", rf->name,
                 sizeof rf->name)) != 0
            || (ret = read_reinforcer(r, rf, rd_node_at(r, pair->value))) != 0) {
            return ret;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- phases */

/* schedule: {type: FR, ratio} or {type: PR, series: [...] | formula + steps}. */
static int
read_schedule(rd_reader_t *r, rl_phase_t *ph, const rd_obj_t *o)
{
    rl_schedule_t *s = &ph->schedule;
    yaml_node_t *series, *formula, *key = NULL;
    yaml_node_item_t *item;
    int ret, type = 0, word = 0;

    if ((ret = rd_get_enum(r, o, "type", true, schedule_words, &type)) != 0) {
        return ret;
    }
    s->type = (rl_schedule_type_t) type;
    if (s->type == RL_SCHEDULE_FR) {
        if ((ret = rd_check_keys(r, o, fr_keys, pr_keys, "an FR schedule")) != 0) {
            return ret;
        }
        return rd_get_int(r, o, "ratio", true, &s->ratio);
    }
    if ((ret = rd_check_keys(r, o, pr_keys, fr_keys, "a PR schedule")) != 0) {
        return ret;
    }
    series = rd_lookup(r, o, "series", NULL);
    formula = rd_lookup(r, o, "formula", &key);
    if (series != NULL && formula != NULL) {
        return rd_rfail(r, key, RL_ERR_INVALID,
            "%s: a PR schedule takes either schedule.series or schedule.formula, not both",
            o->ctx);
    }
    if (formula != NULL) {
        if ((ret = rd_enum_of(r, formula, o->ctx, o->pre, "formula", formula_words, &word)) != 0
            || (ret = rd_get_int(r, o, "steps", true, &s->pr_n)) != 0) {
            return ret;
        }
        s->pr_from_formula = true;
        if (s->pr_n >= 1 && s->pr_n <= RL_MAX_PR_STEPS) { /* else the validator objects */
            rl_pr_richardson_roberts(s->pr_series, s->pr_n);
        }
        return 0;
    }
    if (series == NULL) {
        return rd_rfail(r, o->map, RL_ERR_INVALID,
            "%s: a PR schedule needs schedule.series (a list of ratios) or schedule.formula",
            o->ctx);
    }
    if (rd_lookup(r, o, "steps", &key) != NULL) {
        return rd_rfail(r, key, RL_ERR_INVALID,
            "%s: schedule.steps is only used with schedule.formula", o->ctx);
    }
    if ((ret = rd_expect(r, series, YAML_SEQUENCE_NODE, o->ctx, o->pre, "series")) != 0
        || (ret = rd_note(r, &s->pr_n, series)) != 0) {
        return ret;
    }
    for (item = series->data.sequence.items.start; item < series->data.sequence.items.top;
         item++) {
        yaml_node_t *n = rd_node_at(r, *item);
        if (s->pr_n == RL_MAX_PR_STEPS) {
            return rd_rfail(r, n, RL_ERR_INVALID,
                "%s: schedule.series must have at most %d entries", o->ctx, RL_MAX_PR_STEPS);
        }
        if ((ret = rd_number_of(r, n, o->ctx, o->pre, "series entries", NULL,
                 &s->pr_series[s->pr_n])) != 0) {
            return ret;
        }
        s->pr_n++;
    }
    return 0;
}

/* active_response: a list, subset of {reinforcer, cue}, no duplicates. */
static int
read_active(rd_reader_t *r, rl_phase_t *ph, yaml_node_t *n, const char *ctx)
{
    yaml_node_item_t *item;
    int ret, word = 0;

    if ((ret = rd_expect(r, n, YAML_SEQUENCE_NODE, ctx, "", "active_response")) != 0
        || (ret = rd_note(r, &ph->deliver_reinforcer, n)) != 0
        || (ret = rd_note(r, &ph->deliver_cue, n)) != 0) {
        return ret;
    }
    for (item = n->data.sequence.items.start; item < n->data.sequence.items.top; item++) {
        yaml_node_t *it = rd_node_at(r, *item);
        bool *flag;

        if ((ret = rd_enum_of(r, it, ctx, "", "active_response entries", response_words, &word))
            != 0) {
            return ret;
        }
        flag = word == 0 ? &ph->deliver_reinforcer : &ph->deliver_cue;
        if (*flag) {
            return rd_rfail(r, it, RL_ERR_INVALID, "%s: active_response lists '%s' twice", ctx,
                response_words[word]);
        }
        *flag = true;
        if ((ret = rd_note(r, flag, it)) != 0) {
            return ret;
        }
    }
    return 0;
}

/* criterion: {type: acquisition, ...} or {type: extinction, ...}; every field required. */
static int
read_criterion(rd_reader_t *r, rl_criterion_t *c, const rd_obj_t *o)
{
    int ret, type = 0;

    if ((ret = rd_get_enum(r, o, "type", true, criterion_words, &type)) != 0) {
        return ret;
    }
    if (type == 0) {
        c->type = RL_CRITERION_ACQUISITION;
        if ((ret = rd_check_keys(r, o, acq_keys, ext_keys, "an acquisition criterion")) != 0
            || (ret = rd_get_int(r, o, "min_reinforcers", true, &c->min_reinforcers)) != 0
            || (ret = rd_get_num(r, o, "min_active_fraction", true, &c->min_active_fraction)) != 0
            || (ret = rd_get_num(r, o, "max_deviation", true, &c->max_deviation)) != 0) {
            return ret;
        }
    } else {
        c->type = RL_CRITERION_EXTINCTION;
        if ((ret = rd_check_keys(r, o, ext_keys, acq_keys, "an extinction criterion")) != 0
            || (ret = rd_get_num(r, o, "max_fraction_of_reference", true,
                    &c->max_fraction_of_reference)) != 0
            || (ret = rd_get_str(r, o, "reference_phase", true, c->reference_phase,
                    sizeof c->reference_phase)) != 0) {
            return ret;
        }
    }
    return rd_get_int(r, o, "consecutive", true, &c->consecutive);
}

/* sessions: N, or {until: criterion, max: M, min: m}; read after the criterion (the
** default min is criterion.consecutive). */
static int
read_sessions(rd_reader_t *r, rl_phase_t *ph, const rd_obj_t *po)
{
    yaml_node_t *n, *max;
    rd_obj_t o;
    char got[64];
    int ret, word = 0;

    if ((ret = rd_find(r, po, "sessions", true, &n)) != 0) {
        return ret;
    }
    if (n->type == YAML_SCALAR_NODE && !rd_is_null(n)) {
        ph->until_criterion = false;
        if ((ret = rd_number_of(r, n, po->ctx, "", "sessions", NULL, &ph->sessions)) != 0) {
            return ret;
        }
        ph->max_sessions = ph->sessions;
        return rd_note(r, &ph->max_sessions, n);
    }
    if (n->type != YAML_MAPPING_NODE) {
        return rd_rfail(r, n, RL_ERR_INVALID, "%s: sessions must be a number of sessions or "
            "{until: criterion, max: N} (got %s)", po->ctx, rd_describe(n, got, sizeof got));
    }
    o.map = n;
    o.ctx = po->ctx;
    o.pre = "sessions.";
    if ((ret = rd_check_keys(r, &o, sessions_keys, NULL, "sessions")) != 0
        || (ret = rd_get_enum(r, &o, "until", true, until_words, &word)) != 0
        || (ret = rd_note(r, &ph->until_criterion, rd_lookup(r, &o, "until", NULL))) != 0) {
        return ret;
    }
    ph->until_criterion = true;
    max = rd_lookup(r, &o, "max", NULL);
    if (max == NULL) {
        return rd_rfail(r, n, RL_ERR_INVALID, "%s: sessions: {until: criterion} needs max, the "
            "number of sessions after which the phase ends if the criterion is never met",
            po->ctx);
    }
    if ((ret = rd_number_of(r, max, o.ctx, o.pre, "max", NULL, &ph->max_sessions)) != 0) {
        return ret;
    }
    ph->sessions = ph->criterion.type != RL_CRITERION_NONE ? ph->criterion.consecutive : 1;
    if ((ret = rd_note(r, &ph->sessions, n)) != 0) {
        return ret;
    }
    return rd_get_int(r, &o, "min", false, &ph->sessions);
}

static int
read_phase(rd_reader_t *r, rl_procedure_t *pr, yaml_node_t *n)
{
    rl_phase_t *ph = &pr->phases[pr->n_phases];
    char ctx[2 * RL_NAME_MAX + 32];
    rd_obj_t o, sub;
    yaml_node_t *v;
    int ret, kind = 0;

    snprintf(ctx, sizeof ctx, "phase %d of procedure '%s'", pr->n_phases + 1, pr->name);
    ph->src_line = rd_line_of(n);
    if ((ret = rd_expect(r, n, YAML_MAPPING_NODE, ctx, "", "the phase")) != 0) {
        return ret;
    }
    o.map = n;
    o.ctx = ctx;
    o.pre = "";
    if ((ret = rd_get_str(r, &o, "name", true, ph->name, sizeof ph->name)) != 0) {
        return ret;
    }
    snprintf(ctx, sizeof ctx, "phase '%s' of procedure '%s'", ph->name, pr->name);
    if ((ret = rd_get_enum(r, &o, "kind", true, kind_words, &kind)) != 0) {
        return ret;
    }
    ph->kind = (rl_phase_kind_t) kind;
    if (RL_PHASE_IS_PLACE(ph->kind)) {
        if ((ret = rd_read_place_phase(r, ph, &o, phase_keys)) != 0) {
            return ret;
        }
        pr->n_phases++;
        return 0;
    }
    if ((ret = rd_check_keys(r, &o, phase_keys, NULL, "a phase")) != 0
        || (ret = rd_get_map(r, &o, "schedule", true, "schedule.", &sub)) != 0
        || (ret = read_schedule(r, ph, &sub)) != 0
        || (ret = rd_get_num(r, &o, "session_min", true, &ph->session_min)) != 0
        || (ret = rd_get_num(r, &o, "timeout_s", false, &ph->timeout_s)) != 0
        || (ret = rd_get_num(r, &o, "cue_s", false, &ph->cue_s)) != 0
        || (ret = rd_find(r, &o, "active_response", true, &v)) != 0
        || (ret = read_active(r, ph, v, ctx)) != 0
        || (ret = rd_get_map(r, &o, "limits", false, "limits.", &sub)) != 0) {
        return ret;
    }
    if (sub.map != NULL
        && ((ret = rd_check_keys(r, &sub, limits_keys, NULL, "limits")) != 0
            || (ret = rd_get_int(r, &sub, "max_reinforcers", false, &ph->max_reinforcers)) != 0
            || (ret = rd_get_num(r, &sub, "no_reinforcer_stop_min", false,
                    &ph->no_reinforcer_stop_min)) != 0)) {
        return ret;
    }
    if ((ret = rd_get_map(r, &o, "criterion", false, "criterion.", &sub)) != 0
        || (sub.map != NULL && (ret = read_criterion(r, &ph->criterion, &sub)) != 0)) {
        return ret;
    }
    if ((ret = read_sessions(r, ph, &o)) != 0
        || (ret = rd_get_num(r, &o, "abstinence_days", false, &ph->abstinence_days)) != 0
        || (ret = rd_read_triggers(r, ph, &o)) != 0) {
        return ret;
    }
    pr->n_phases++;
    return 0;
}

/* A procedure: a list of phases. */
static int
read_phase_list(rd_reader_t *r, rl_procedure_t *pr, yaml_node_t *n, const char *label)
{
    yaml_node_item_t *item;
    int ret;

    if ((ret = rd_expect(r, n, YAML_SEQUENCE_NODE, "protocol", "", label)) != 0
        || (ret = rd_note(r, &pr->n_phases, n)) != 0) {
        return ret;
    }
    if (n->data.sequence.items.top == n->data.sequence.items.start) {
        return rd_rfail(r, n, RL_ERR_INVALID, "protocol: %s must list at least one phase", label);
    }
    for (item = n->data.sequence.items.start; item < n->data.sequence.items.top; item++) {
        yaml_node_t *it = rd_node_at(r, *item);
        if (pr->n_phases == RL_MAX_PHASES) {
            return rd_rfail(r, it, RL_ERR_INVALID, "procedure '%s': too many phases (at most %d)",
                pr->name, RL_MAX_PHASES);
        }
        if ((ret = read_phase(r, pr, it)) != 0) {
            return ret;
        }
    }
    return 0;
}

static int
read_procedures(rd_reader_t *r, yaml_node_t *n)
{
    rl_protocol_t *p = r->p;
    rd_obj_t o = {n, "procedures", ""};
    yaml_node_pair_t *pair;
    char label[RL_NAME_MAX + 16];
    int ret;

    if ((ret = rd_expect(r, n, YAML_MAPPING_NODE, "protocol", "", "procedures")) != 0
        || (ret = rd_check_keys(r, &o, NULL, NULL, NULL)) != 0
        || (ret = rd_note(r, &p->n_procedures, n)) != 0) {
        return ret;
    }
    if (n->data.mapping.pairs.top == n->data.mapping.pairs.start) {
        return rd_rfail(r, n, RL_ERR_INVALID, "protocol: procedures must define at least one "
            "procedure");
    }
    for (pair = n->data.mapping.pairs.start; pair < n->data.mapping.pairs.top; pair++) {
        yaml_node_t *key = rd_node_at(r, pair->key);
        rl_procedure_t *pr;

        if (p->n_procedures == RL_MAX_PROCEDURES) {
            return rd_rfail(r, key, RL_ERR_INVALID, "procedures: too many procedures (at most %d)",
                RL_MAX_PROCEDURES);
        }
        pr = &p->procedures[p->n_procedures++];
        pr->src_line = rd_line_of(key);
        if ((ret = rd_str_of(r, key, "procedures", "", "procedure name", pr->name,
                 sizeof pr->name)) != 0) {
            return ret;
        }
        snprintf(label, sizeof label, "procedure '%s'", pr->name);
        if ((ret = read_phase_list(r, pr, rd_node_at(r, pair->value), label)) != 0) {
            return ret;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- groups */

/* Resolve the name in n to the index of an entry of a table of names (stride bytes apart
** starting at names0), count entries; what = "reinforcer" / "procedure". */
static int
resolve(rd_reader_t *r, yaml_node_t *n, const char *ctx, const char *what, const char *names0,
    size_t stride, int count, int *out)
{
    char name[RL_NAME_MAX], list[RL_ERROR_MSG_MAX / 2];
    size_t len = 0;
    int i, ret;

    if ((ret = rd_str_of(r, n, ctx, "", what, name, sizeof name)) != 0) {
        return ret;
    }
    for (i = 0; i < count; i++) {
        if (strcmp(names0 + (size_t) i * stride, name) == 0) {
            *out = i;
            return rd_note(r, out, n);
        }
    }
    list[0] = '\0';
    for (i = 0; i < count && len < sizeof list; i++) {
        len += (size_t) snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "",
            names0 + (size_t) i * stride);
    }
    return rd_rfail(r, n, RL_ERR_INVALID, "%s: unknown %s '%s' (defined: %s)", ctx, what, name,
        list);
}

static int
read_group(rd_reader_t *r, rl_group_t *g, int index, yaml_node_t *n)
{
    rl_protocol_t *p = r->p;
    char ctx[RL_NAME_MAX + 16];
    yaml_node_t *v;
    rd_obj_t o;
    int ret, sex = 0;

    snprintf(ctx, sizeof ctx, "group %d", index + 1);
    g->src_line = rd_line_of(n);
    if ((ret = rd_expect(r, n, YAML_MAPPING_NODE, "groups", "", ctx)) != 0) {
        return ret;
    }
    o.map = n;
    o.ctx = ctx;
    o.pre = "";
    if ((ret = rd_get_str(r, &o, "name", true, g->name, sizeof g->name)) != 0) {
        return ret;
    }
    snprintf(ctx, sizeof ctx, "group '%s'", g->name);
    if ((ret = rd_check_keys(r, &o, group_keys, NULL, "a group")) != 0
        || (ret = rd_get_str(r, &o, "line", false, g->line, sizeof g->line)) != 0
        || (ret = rd_get_str(r, &o, "genotype", true, g->genotype, sizeof g->genotype)) != 0
        || (ret = rd_get_str(r, &o, "background", false, g->background, sizeof g->background))
            != 0
        || (ret = rd_find(r, &o, "reinforcer", true, &v)) != 0
        || (ret = resolve(r, v, ctx, "reinforcer", p->reinforcers[0].name,
                sizeof p->reinforcers[0], p->n_reinforcers, &g->reinforcer)) != 0
        /* required when the protocol has `procedures`; with `phases` it is "main" */
        || (ret = rd_find(r, &o, "procedure", !r->single_procedure, &v)) != 0) {
        return ret;
    }
    if (v != NULL
        && (ret = resolve(r, v, ctx, "procedure", p->procedures[0].name,
                sizeof p->procedures[0], p->n_procedures, &g->procedure)) != 0) {
        return ret;
    }
    if ((ret = rd_get_int(r, &o, "n", true, &g->n)) != 0
        || (ret = rd_get_enum(r, &o, "sex", false, sex_words, &sex)) != 0) {
        return ret;
    }
    g->sex = (rl_sex_t) sex;
    return 0;
}

static int
read_groups(rd_reader_t *r, yaml_node_t *n)
{
    rl_protocol_t *p = r->p;
    yaml_node_item_t *item;
    int ret;

    if ((ret = rd_expect(r, n, YAML_SEQUENCE_NODE, "protocol", "", "groups")) != 0
        || (ret = rd_note(r, &p->n_groups, n)) != 0) {
        return ret;
    }
    if (n->data.sequence.items.top == n->data.sequence.items.start) {
        return rd_rfail(r, n, RL_ERR_INVALID, "protocol: groups must list at least one group");
    }
    for (item = n->data.sequence.items.start; item < n->data.sequence.items.top; item++) {
        yaml_node_t *it = rd_node_at(r, *item);
        if (p->n_groups == RL_MAX_GROUPS) {
            return rd_rfail(r, it, RL_ERR_INVALID, "groups: too many groups (at most %d)",
                RL_MAX_GROUPS);
        }
        if ((ret = read_group(r, &p->groups[p->n_groups], p->n_groups, it)) != 0) {
            return ret;
        }
        p->n_groups++;
    }
    return 0;
}

/* ---------------------------------------------------------------- the document */

static int
read_protocol(rd_reader_t *r)
{
    rl_protocol_t *p = r->p;
    yaml_node_t *root = yaml_document_get_root_node(&r->doc);
    yaml_node_t *v, *procs, *phases, *key = NULL;
    rd_obj_t o;
    int ret;

    if (root == NULL) {
        return rd_rfail(r, NULL, RL_ERR_INVALID, "the file is empty (a protocol is a mapping with "
            "reinforcers, phases or procedures, and groups)");
    }
    if ((ret = rd_expect(r, root, YAML_MAPPING_NODE, "protocol", "", "the top level")) != 0) {
        return ret;
    }
    o.map = root;
    o.ctx = "protocol";
    o.pre = "";
    p->intersession_h = 24.0;
    if ((ret = rd_check_keys(r, &o, top_keys, NULL, "the top level")) != 0
        || (ret = rd_get_str(r, &o, "study", false, p->study, sizeof p->study)) != 0
        || (ret = rd_get_num(r, &o, "intersession_h", false, &p->intersession_h)) != 0
        || (ret = rd_find(r, &o, "reinforcers", true, &v)) != 0
        || (ret = read_reinforcers(r, v)) != 0) {
        return ret;
    }
    procs = rd_lookup(r, &o, "procedures", NULL);
    phases = rd_lookup(r, &o, "phases", &key);
    if (procs != NULL && phases != NULL) {
        return rd_rfail(r, key, RL_ERR_INVALID, "protocol: give either procedures (named lists "
            "of phases) or phases (a single procedure), not both");
    }
    if (procs == NULL && phases == NULL) {
        return rd_rfail(r, root, RL_ERR_INVALID, "protocol: missing required key 'procedures' "
            "(or 'phases' for a single procedure)");
    }
    if (procs != NULL) {
        ret = read_procedures(r, procs);
    } else {
        r->single_procedure = true;
        p->n_procedures = 1;
        snprintf(p->procedures[0].name, sizeof p->procedures[0].name, "main");
        p->procedures[0].src_line = rd_line_of(key);
        ret = read_phase_list(r, &p->procedures[0], phases, "phases");
    }
    if (ret != 0 || (ret = rd_find(r, &o, "groups", true, &v)) != 0
        || (ret = read_groups(r, v)) != 0) {
        return ret;
    }
    return rl_protocol_validate(p, &r->src, r->file, r->err);
}

/* Parse self->source_text (already owned by self) and fill self. */
static int
load(rl_protocol_t *self, const char *name, rl_error_t *err)
{
    rd_reader_t r;
    int ret;

    memset(&r, 0, sizeof r);
    r.file = name;
    r.err = err;
    r.p = self;
    if ((ret = rd_load_document(&r, self->source_text, self->source_len,
             "a protocol file")) != 0) {
        return ret;
    }
    ret = read_protocol(&r);
    yaml_document_delete(&r.doc);
    rl_srcmap_free(&r.src);
    return ret;
}

int
rl_protocol_load_file(rl_protocol_t *self, const char *path, rl_error_t *err)
{
    int ret;

    memset(self, 0, sizeof *self);
    rl_error_clear(err);
    if (strlen(path) >= sizeof self->path) {
        return rl_error_set(err, RL_ERR_IO, path, 0, 0,
            "the protocol path is longer than %zu characters", sizeof self->path - 1);
    }
    if ((ret = rl_read_file(path, &self->source_text, &self->source_len, err)) != 0) {
        return ret;
    }
    memcpy(self->path, path, strlen(path) + 1);
    return load(self, path, err);
}

int
rl_protocol_load_buffer(rl_protocol_t *self, const char *text, size_t len, const char *name,
    rl_error_t *err)
{
    memset(self, 0, sizeof *self);
    rl_error_clear(err);
    if (name == NULL) {
        name = "<buffer>";
    }
    self->source_text = malloc(len + 1);
    if (self->source_text == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, name, 0, 0, "out of memory copying the protocol");
    }
    if (len > 0) {
        memcpy(self->source_text, text, len);
    }
    self->source_text[len] = '\0';
    self->source_len = len;
    return load(self, name, err);
}
