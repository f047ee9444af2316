/* protocol_yaml.c -- YAML text -> rl_protocol_t (with protocol_reader.c, the protocol files'
** layer over the YAML adapter core/yaml_doc.h, and protocol_triggers.c, a phase's drugs and
** relapse triggers).
**
** The whole text is loaded as one YAML document first (so a syntax error anywhere, or a
** second document, is reported before any content), then the node tree is walked top-down
** into the caller's rl_protocol_t. The walk owns every rule about the text: node shapes,
** keys (unknown, duplicate, missing, keys of the other type), strict scalars (numbers must
** be plain and consume the whole scalar; integers have no '.'), enum words, and the names
** the struct stores as indices (a group's reinforcer and procedure); the adapter's readers
** state the general rules. It fills in the format's defaults and notes the line and column
** of every value it stores (rl_srcmap_t), then hands the struct to rl_protocol_validate()
** (protocol.c), which owns every rule about the values. Top-level keys are read in a fixed
** order (reinforcers, procedures or phases, groups) whatever their order in the file, so
** references always resolve.
**
** Each object is read through an rl_yaml_obj_t: the mapping node, the context that prefixes
** every message ("phase 'extinction' of procedure 'cocaine'") and the key path prefix of
** nested mappings ("schedule."). Errors stop the walk at the first problem.
*/
#include "protocol_reader.h"
#include "core/alloc.h"

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
static const char *const liquid_keys[] = {"type", "solution", "concentration_pct", "volume_ul",
    "palatability", NULL};
static const char *const none_keys[] = {"type", NULL};
static const char *const phase_keys[] = {"name", "kind", "schedule", "session_min",
    "timeout_s", "cue_s", "active_response", "limits", "sessions", "criterion", "treatments",
    "abstinence_days", "stress", "noncontingent_cues", "dose_mg_per_kg", "intersession_h",
    NULL};
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

/* Enum words, from the X-macro lists of protocol.h (word i is enum value i; criterion
** word i is RL_CRITERION_NONE + 1 + i). */
static const char *const reinforcer_types[] = {RL_REINFORCER_KINDS(RL_X_NAME_) NULL};
static const char *const kind_words[] = {RL_PHASE_KINDS(RL_X_NAME_) NULL};
static const char *const schedule_words[] = {RL_SCHEDULE_TYPES(RL_X_NAME_) NULL};
static const char *const criterion_words[] = {RL_CRITERION_TYPES(RL_X_NAME_) NULL};
static const char *const sex_words[] = {RL_SEXES(RL_X_NAME_) NULL};
static const char *const formula_words[] = {"richardson_roberts", NULL};
static const char *const until_words[] = {"criterion", NULL};

/* ---------------------------------------------------------------- reinforcers */

static int
read_reinforcer(rd_reader_t *r, rl_reinforcer_t *rf, const rl_yaml_node_t *n)
{
    static const char *const pellet_only[] = {"pellet_mg", "palatability", "solution",
        "concentration_pct", NULL};
    static const char *const drug_pellet[] = {"drug", "dose_mg_per_kg", "infusion_s",
        "pellet_mg", NULL};
    static const char *const drug_liquid[] = {"drug", "dose_mg_per_kg", "infusion_s",
        "volume_ul", "solution", "concentration_pct", NULL};
    char ctx[RL_NAME_MAX + 16];
    rl_yaml_obj_t o;
    int ret, type = 0;

    snprintf(ctx, sizeof ctx, "reinforcer '%s'", rf->name);
    if ((ret = rl_yaml_expect(r->doc, n, RL_YAML_MAP, "reinforcers", "", ctx)) != 0) {
        return ret;
    }
    o.map = n;
    o.ctx = ctx;
    o.pre = "";
    if ((ret = rl_yaml_get_enum(r->doc, &o, "type", true, reinforcer_types, &type)) != 0) {
        return ret;
    }
    rf->kind = (rl_reinforcer_kind_t) type;
    if (rf->kind == RL_REINFORCER_NONE) {
        static const char *const all_keys[] = {"drug", "dose_mg_per_kg", "infusion_s",
            "volume_ul", "pellet_mg", "palatability", "solution", "concentration_pct", NULL};
        return rl_yaml_check_keys(r->doc, &o, none_keys, all_keys, "a reinforcer of type none");
    }
    if (rf->kind == RL_REINFORCER_DRUG) {
        if ((ret = rl_yaml_check_keys(r->doc, &o, drug_keys, pellet_only, "a drug reinforcer")) != 0
            || (ret = rl_yaml_get_str(r->doc, &o, "drug", true, rf->drug, sizeof rf->drug)) != 0
            || (ret = rl_yaml_get_num(r->doc, &o, "dose_mg_per_kg", true, &rf->dose_mg_per_kg)) != 0
            || (ret = rl_yaml_get_num(r->doc, &o, "infusion_s", true, &rf->infusion_s)) != 0
            || (ret = rl_yaml_get_num(r->doc, &o, "volume_ul", false, &rf->volume_ul)) != 0) {
            return ret;
        }
        return 0;
    }
    if (rf->kind == RL_REINFORCER_LIQUID) {
        /* palatability 0: the solution table's, set by the validator */
        if ((ret = rl_yaml_check_keys(r->doc, &o, liquid_keys, drug_pellet,
                 "a liquid reinforcer")) != 0
            || (ret = rl_yaml_get_str(r->doc, &o, "solution", true, rf->solution,
                    sizeof rf->solution)) != 0
            || (ret = rl_yaml_get_num(r->doc, &o, "concentration_pct", true,
                    &rf->concentration_pct)) != 0
            || (ret = rl_yaml_get_num(r->doc, &o, "volume_ul", true, &rf->volume_ul)) != 0
            || (ret = rl_yaml_get_num(r->doc, &o, "palatability", false,
                    &rf->palatability)) != 0) {
            return ret;
        }
        return 0;
    }
    rf->palatability = 1.0;
    if ((ret = rl_yaml_check_keys(r->doc, &o, pellet_keys, drug_liquid, "a pellet reinforcer")) != 0
        || (ret = rl_yaml_get_num(r->doc, &o, "pellet_mg", true, &rf->pellet_mg)) != 0
        || (ret = rl_yaml_get_num(r->doc, &o, "palatability", false, &rf->palatability)) != 0) {
        return ret;
    }
    return 0;
}

static int
read_reinforcers(rd_reader_t *r, const rl_yaml_node_t *n)
{
    rl_protocol_t *p = r->p;
    rl_yaml_obj_t o = {n, "reinforcers", ""};
    size_t i;
    int ret;

    if ((ret = rl_yaml_expect(r->doc, n, RL_YAML_MAP, "protocol", "", "reinforcers")) != 0
        || (ret = rl_yaml_check_keys(r->doc, &o, NULL, NULL, NULL)) != 0
        || (ret = rd_note(r, &p->n_reinforcers, n)) != 0) {
        return ret;
    }
    if (rl_yaml_count(n) == 0) {
        return rl_yaml_fail(r->doc, n, RL_ERR_INVALID,
            "protocol: reinforcers must define at least one reinforcer");
    }
    for (i = 0; i < rl_yaml_count(n); i++) {
        const rl_yaml_node_t *key = rl_yaml_key(r->doc, n, i);
        rl_reinforcer_t *rf;

        if (p->n_reinforcers == RL_MAX_REINFORCERS) {
            return rl_yaml_fail(r->doc, key, RL_ERR_INVALID,
                "reinforcers: too many reinforcers (at most %d)", RL_MAX_REINFORCERS);
        }
        rf = &p->reinforcers[p->n_reinforcers++];
        rf->src_line = rl_yaml_line(key);
        if ((ret = rl_yaml_str_of(r->doc, key, "reinforcers", "", "reinforcer name", rf->name,
                 sizeof rf->name)) != 0
            || (ret = read_reinforcer(r, rf, rl_yaml_value(r->doc, n, i))) != 0) {
            return ret;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- phases */

/* schedule: {type: FR, ratio} or {type: PR, series: [...] | formula + steps}. */
static int
read_schedule(rd_reader_t *r, rl_phase_t *ph, const rl_yaml_obj_t *o)
{
    rl_schedule_t *s = &ph->schedule;
    const rl_yaml_node_t *series, *formula, *key = NULL;
    size_t i;
    int ret, type = 0, word = 0;

    if ((ret = rl_yaml_get_enum(r->doc, o, "type", true, schedule_words, &type)) != 0) {
        return ret;
    }
    s->type = (rl_schedule_type_t) type;
    if (s->type == RL_SCHEDULE_FR) {
        if ((ret = rl_yaml_check_keys(r->doc, o, fr_keys, pr_keys, "an FR schedule")) != 0) {
            return ret;
        }
        return rl_yaml_get_int(r->doc, o, "ratio", true, &s->ratio);
    }
    if ((ret = rl_yaml_check_keys(r->doc, o, pr_keys, fr_keys, "a PR schedule")) != 0) {
        return ret;
    }
    series = rl_yaml_lookup(r->doc, o->map, "series", NULL);
    formula = rl_yaml_lookup(r->doc, o->map, "formula", &key);
    if (series != NULL && formula != NULL) {
        return rl_yaml_fail(r->doc, key, RL_ERR_INVALID,
            "%s: a PR schedule takes either schedule.series or schedule.formula, not both",
            o->ctx);
    }
    if (formula != NULL) {
        if ((ret = rl_yaml_enum_of(r->doc, formula, o->ctx, o->pre, "formula", formula_words,
                 &word)) != 0
            || (ret = rl_yaml_get_int(r->doc, o, "steps", true, &s->pr_n)) != 0) {
            return ret;
        }
        s->pr_from_formula = true;
        if (s->pr_n >= 1 && s->pr_n <= RL_MAX_PR_STEPS) { /* else the validator objects */
            rl_pr_richardson_roberts(s->pr_series, s->pr_n);
        }
        return 0;
    }
    if (series == NULL) {
        return rl_yaml_fail(r->doc, o->map, RL_ERR_INVALID,
            "%s: a PR schedule needs schedule.series (a list of ratios) or schedule.formula",
            o->ctx);
    }
    if (rl_yaml_lookup(r->doc, o->map, "steps", &key) != NULL) {
        return rl_yaml_fail(r->doc, key, RL_ERR_INVALID,
            "%s: schedule.steps is only used with schedule.formula", o->ctx);
    }
    if ((ret = rl_yaml_expect(r->doc, series, RL_YAML_LIST, o->ctx, o->pre, "series")) != 0
        || (ret = rd_note(r, &s->pr_n, series)) != 0) {
        return ret;
    }
    for (i = 0; i < rl_yaml_count(series); i++) {
        const rl_yaml_node_t *n = rl_yaml_item(r->doc, series, i);
        if (s->pr_n == RL_MAX_PR_STEPS) {
            return rl_yaml_fail(r->doc, n, RL_ERR_INVALID,
                "%s: schedule.series must have at most %d entries", o->ctx, RL_MAX_PR_STEPS);
        }
        if ((ret = rl_yaml_int_of(r->doc, n, o->ctx, o->pre, "series entries",
                 &s->pr_series[s->pr_n])) != 0) {
            return ret;
        }
        s->pr_n++;
    }
    return 0;
}

/* active_response: a list, subset of {reinforcer, cue}, no duplicates. */
static int
read_active(rd_reader_t *r, rl_phase_t *ph, const rl_yaml_node_t *n, const char *ctx)
{
    size_t i;
    int ret, word = 0;

    if ((ret = rl_yaml_expect(r->doc, n, RL_YAML_LIST, ctx, "", "active_response")) != 0
        || (ret = rd_note(r, &ph->deliver_reinforcer, n)) != 0
        || (ret = rd_note(r, &ph->deliver_cue, n)) != 0) {
        return ret;
    }
    for (i = 0; i < rl_yaml_count(n); i++) {
        const rl_yaml_node_t *it = rl_yaml_item(r->doc, n, i);
        bool *flag;

        if ((ret = rl_yaml_enum_of(r->doc, it, ctx, "", "active_response entries",
                 rd_response_words, &word)) != 0) {
            return ret;
        }
        flag = word == 0 ? &ph->deliver_reinforcer : &ph->deliver_cue;
        if (*flag) {
            return rl_yaml_fail(r->doc, it, RL_ERR_INVALID, "%s: active_response lists '%s' twice",
                ctx, rd_response_words[word]);
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
read_criterion(rd_reader_t *r, rl_criterion_t *c, const rl_yaml_obj_t *o)
{
    int ret, type = 0;

    if ((ret = rl_yaml_get_enum(r->doc, o, "type", true, criterion_words, &type)) != 0) {
        return ret;
    }
    c->type = (rl_criterion_type_t) (RL_CRITERION_NONE + 1 + type);
    if (c->type == RL_CRITERION_ACQUISITION) {
        if ((ret = rl_yaml_check_keys(r->doc, o, acq_keys, ext_keys,
                 "an acquisition criterion")) != 0
            || (ret = rl_yaml_get_int(r->doc, o, "min_reinforcers", true, &c->min_reinforcers)) != 0
            || (ret = rl_yaml_get_num(r->doc, o, "min_active_fraction", true,
                    &c->min_active_fraction)) != 0
            || (ret = rl_yaml_get_num(r->doc, o, "max_deviation", true, &c->max_deviation)) != 0) {
            return ret;
        }
    } else {
        if ((ret = rl_yaml_check_keys(r->doc, o, ext_keys, acq_keys,
                 "an extinction criterion")) != 0
            || (ret = rl_yaml_get_num(r->doc, o, "max_fraction_of_reference", true,
                    &c->max_fraction_of_reference)) != 0
            || (ret = rl_yaml_get_str(r->doc, o, "reference_phase", true, c->reference_phase,
                    sizeof c->reference_phase)) != 0) {
            return ret;
        }
    }
    return rl_yaml_get_int(r->doc, o, "consecutive", true, &c->consecutive);
}

/* sessions: N, or {until: criterion, max: M, min: m}; read after the criterion (the
** default min is criterion.consecutive). */
static int
read_sessions(rd_reader_t *r, rl_phase_t *ph, const rl_yaml_obj_t *po)
{
    const rl_yaml_node_t *n, *max;
    rl_yaml_obj_t o;
    char got[64];
    int ret, word = 0;

    if ((ret = rl_yaml_find(r->doc, po, "sessions", true, &n)) != 0) {
        return ret;
    }
    if (rl_yaml_kind(n) == RL_YAML_SCALAR && !rl_yaml_is_null(n)) {
        ph->until_criterion = false;
        if ((ret = rl_yaml_int_of(r->doc, n, po->ctx, "", "sessions", &ph->sessions)) != 0) {
            return ret;
        }
        ph->max_sessions = ph->sessions;
        return rd_note(r, &ph->max_sessions, n);
    }
    if (rl_yaml_kind(n) != RL_YAML_MAP) {
        return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: sessions must be a number of "
            "sessions or {until: criterion, max: N} (got %s)", po->ctx,
            rl_yaml_describe(n, got, sizeof got));
    }
    o.map = n;
    o.ctx = po->ctx;
    o.pre = "sessions.";
    if ((ret = rl_yaml_check_keys(r->doc, &o, sessions_keys, NULL, "sessions")) != 0
        || (ret = rl_yaml_get_enum(r->doc, &o, "until", true, until_words, &word)) != 0
        || (ret = rd_note(r, &ph->until_criterion,
                rl_yaml_lookup(r->doc, o.map, "until", NULL))) != 0) {
        return ret;
    }
    ph->until_criterion = true;
    max = rl_yaml_lookup(r->doc, o.map, "max", NULL);
    if (max == NULL) {
        return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: sessions: {until: criterion} needs "
            "max, the number of sessions after which the phase ends if the criterion is never "
            "met", po->ctx);
    }
    if ((ret = rl_yaml_int_of(r->doc, max, o.ctx, o.pre, "max", &ph->max_sessions)) != 0) {
        return ret;
    }
    ph->sessions = ph->criterion.type != RL_CRITERION_NONE ? ph->criterion.consecutive : 1;
    if ((ret = rd_note(r, &ph->sessions, n)) != 0) {
        return ret;
    }
    return rl_yaml_get_int(r->doc, &o, "min", false, &ph->sessions);
}

static int
read_phase(rd_reader_t *r, rl_procedure_t *pr, const rl_yaml_node_t *n)
{
    rl_phase_t *ph = &pr->phases[pr->n_phases];
    char ctx[2 * RL_NAME_MAX + 32];
    rl_yaml_obj_t o, sub;
    const rl_yaml_node_t *v;
    int ret, kind = 0;

    snprintf(ctx, sizeof ctx, "phase %d of procedure '%s'", pr->n_phases + 1, pr->name);
    ph->src_line = rl_yaml_line(n);
    if ((ret = rl_yaml_expect(r->doc, n, RL_YAML_MAP, ctx, "", "the phase")) != 0) {
        return ret;
    }
    o.map = n;
    o.ctx = ctx;
    o.pre = "";
    if ((ret = rl_yaml_get_str(r->doc, &o, "name", true, ph->name, sizeof ph->name)) != 0) {
        return ret;
    }
    snprintf(ctx, sizeof ctx, "phase '%s' of procedure '%s'", ph->name, pr->name);
    if ((ret = rl_yaml_get_enum(r->doc, &o, "kind", true, kind_words, &kind)) != 0) {
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
    if ((ret = rl_yaml_check_keys(r->doc, &o, phase_keys, NULL, "a phase")) != 0
        || (ret = rl_yaml_get_map(r->doc, &o, "schedule", true, "schedule.", &sub)) != 0
        || (ret = read_schedule(r, ph, &sub)) != 0
        || (ret = rl_yaml_get_num(r->doc, &o, "session_min", true, &ph->session_min)) != 0
        || (ret = rl_yaml_get_num(r->doc, &o, "timeout_s", false, &ph->timeout_s)) != 0
        || (ret = rl_yaml_get_num(r->doc, &o, "cue_s", false, &ph->cue_s)) != 0
        || (ret = rl_yaml_get_num(r->doc, &o, "dose_mg_per_kg", false,
                &ph->dose_mg_per_kg)) != 0
        || (ret = rl_yaml_find(r->doc, &o, "active_response", true, &v)) != 0
        || (ret = read_active(r, ph, v, ctx)) != 0
        || (ret = rl_yaml_get_map(r->doc, &o, "limits", false, "limits.", &sub)) != 0) {
        return ret;
    }
    if (sub.map != NULL
        && ((ret = rl_yaml_check_keys(r->doc, &sub, limits_keys, NULL, "limits")) != 0
            || (ret = rl_yaml_get_int(r->doc, &sub, "max_reinforcers", false,
                    &ph->max_reinforcers)) != 0
            || (ret = rl_yaml_get_num(r->doc, &sub, "no_reinforcer_stop_min", false,
                    &ph->no_reinforcer_stop_min)) != 0)) {
        return ret;
    }
    if ((ret = rl_yaml_get_map(r->doc, &o, "criterion", false, "criterion.", &sub)) != 0
        || (sub.map != NULL && (ret = read_criterion(r, &ph->criterion, &sub)) != 0)) {
        return ret;
    }
    if ((ret = read_sessions(r, ph, &o)) != 0
        || (ret = rl_yaml_get_num(r->doc, &o, "abstinence_days", false, &ph->abstinence_days)) != 0
        || (ret = rl_yaml_get_num(r->doc, &o, "intersession_h", false, &ph->intersession_h)) != 0
        || (ret = rd_read_triggers(r, ph, &o)) != 0) {
        return ret;
    }
    pr->n_phases++;
    return 0;
}

/* A procedure: a list of phases. */
static int
read_phase_list(rd_reader_t *r, rl_procedure_t *pr, const rl_yaml_node_t *n, const char *label)
{
    size_t i;
    int ret;

    if ((ret = rl_yaml_expect(r->doc, n, RL_YAML_LIST, "protocol", "", label)) != 0
        || (ret = rd_note(r, &pr->n_phases, n)) != 0) {
        return ret;
    }
    if (rl_yaml_count(n) == 0) {
        return rl_yaml_fail(r->doc, n, RL_ERR_INVALID,
            "protocol: %s must list at least one phase", label);
    }
    for (i = 0; i < rl_yaml_count(n); i++) {
        const rl_yaml_node_t *it = rl_yaml_item(r->doc, n, i);
        if (pr->n_phases == RL_MAX_PHASES) {
            return rl_yaml_fail(r->doc, it, RL_ERR_INVALID,
                "procedure '%s': too many phases (at most %d)", pr->name, RL_MAX_PHASES);
        }
        if ((ret = read_phase(r, pr, it)) != 0) {
            return ret;
        }
    }
    return 0;
}

static int
read_procedures(rd_reader_t *r, const rl_yaml_node_t *n)
{
    rl_protocol_t *p = r->p;
    rl_yaml_obj_t o = {n, "procedures", ""};
    size_t i;
    char label[RL_NAME_MAX + 16];
    int ret;

    if ((ret = rl_yaml_expect(r->doc, n, RL_YAML_MAP, "protocol", "", "procedures")) != 0
        || (ret = rl_yaml_check_keys(r->doc, &o, NULL, NULL, NULL)) != 0
        || (ret = rd_note(r, &p->n_procedures, n)) != 0) {
        return ret;
    }
    if (rl_yaml_count(n) == 0) {
        return rl_yaml_fail(r->doc, n, RL_ERR_INVALID,
            "protocol: procedures must define at least one procedure");
    }
    for (i = 0; i < rl_yaml_count(n); i++) {
        const rl_yaml_node_t *key = rl_yaml_key(r->doc, n, i);
        rl_procedure_t *pr;

        if (p->n_procedures == RL_MAX_PROCEDURES) {
            return rl_yaml_fail(r->doc, key, RL_ERR_INVALID,
                "procedures: too many procedures (at most %d)", RL_MAX_PROCEDURES);
        }
        pr = &p->procedures[p->n_procedures++];
        pr->src_line = rl_yaml_line(key);
        if ((ret = rl_yaml_str_of(r->doc, key, "procedures", "", "procedure name", pr->name,
                 sizeof pr->name)) != 0) {
            return ret;
        }
        snprintf(label, sizeof label, "procedure '%s'", pr->name);
        if ((ret = read_phase_list(r, pr, rl_yaml_value(r->doc, n, i), label)) != 0) {
            return ret;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- groups */

/* Resolve the name in n to the index of an entry of a table of names (stride bytes apart
** starting at names0), count entries; what = "reinforcer" / "procedure". */
static int
resolve(rd_reader_t *r, const rl_yaml_node_t *n, const char *ctx, const char *what,
    const char *names0, size_t stride, int count, int *out)
{
    char name[RL_NAME_MAX], list[RL_ERROR_MSG_MAX / 2];
    size_t len = 0;
    int i, ret;

    if ((ret = rl_yaml_str_of(r->doc, n, ctx, "", what, name, sizeof name)) != 0) {
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
    return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: unknown %s '%s' (defined: %s)", ctx,
        what, name, list);
}

/* A group that names no reinforcer works for nothing: the protocol's reinforcer of type
** none, added (named "none") if it has none; whether the group's procedure can do without a
** reinforcer is the validator's. */
static int
implicit_none(rd_reader_t *r, const rl_yaml_node_t *n, const char *ctx, int *out)
{
    rl_protocol_t *p = r->p;
    rl_reinforcer_t *rf;
    int i;

    for (i = 0; i < p->n_reinforcers; i++) {
        if (p->reinforcers[i].kind == RL_REINFORCER_NONE) {
            *out = i;
            return 0;
        }
        if (strcmp(p->reinforcers[i].name, "none") == 0) {
            return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: names no reinforcer, and the "
                "reinforcer 'none' it would get is a %s reinforcer; give the group a "
                "reinforcer", ctx, rl_reinforcer_kind_name(p->reinforcers[i].kind));
        }
    }
    if (p->n_reinforcers == RL_MAX_REINFORCERS) {
        return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: names no reinforcer, and the "
            "protocol has no room for the reinforcer 'none' it would get (at most %d "
            "reinforcers)", ctx, RL_MAX_REINFORCERS);
    }
    rf = &p->reinforcers[p->n_reinforcers];
    snprintf(rf->name, sizeof rf->name, "none");
    rf->kind = RL_REINFORCER_NONE;
    rf->src_line = rl_yaml_line(n);
    *out = p->n_reinforcers++;
    return 0;
}

static int
read_group(rd_reader_t *r, rl_group_t *g, int index, const rl_yaml_node_t *n)
{
    rl_protocol_t *p = r->p;
    char ctx[RL_NAME_MAX + 16];
    const rl_yaml_node_t *v;
    rl_yaml_obj_t o;
    int ret, sex = 0;

    snprintf(ctx, sizeof ctx, "group %d", index + 1);
    g->src_line = rl_yaml_line(n);
    if ((ret = rl_yaml_expect(r->doc, n, RL_YAML_MAP, "groups", "", ctx)) != 0) {
        return ret;
    }
    o.map = n;
    o.ctx = ctx;
    o.pre = "";
    if ((ret = rl_yaml_get_str(r->doc, &o, "name", true, g->name, sizeof g->name)) != 0) {
        return ret;
    }
    snprintf(ctx, sizeof ctx, "group '%s'", g->name);
    if ((ret = rl_yaml_check_keys(r->doc, &o, group_keys, NULL, "a group")) != 0
        || (ret = rl_yaml_get_str(r->doc, &o, "line", false, g->line, sizeof g->line)) != 0
        || (ret = rl_yaml_get_str(r->doc, &o, "genotype", true, g->genotype,
                sizeof g->genotype)) != 0
        || (ret = rl_yaml_get_str(r->doc, &o, "background", false, g->background,
                sizeof g->background)) != 0
        || (ret = rl_yaml_find(r->doc, &o, "reinforcer", false, &v)) != 0
        || (ret = v != NULL ? resolve(r, v, ctx, "reinforcer", p->reinforcers[0].name,
                sizeof p->reinforcers[0], p->n_reinforcers, &g->reinforcer)
                : implicit_none(r, n, ctx, &g->reinforcer)) != 0
        /* required when the protocol has `procedures`; with `phases` it is "main" */
        || (ret = rl_yaml_find(r->doc, &o, "procedure", !r->single_procedure, &v)) != 0) {
        return ret;
    }
    if (v != NULL
        && (ret = resolve(r, v, ctx, "procedure", p->procedures[0].name,
                sizeof p->procedures[0], p->n_procedures, &g->procedure)) != 0) {
        return ret;
    }
    if ((ret = rl_yaml_get_int(r->doc, &o, "n", true, &g->n)) != 0
        || (ret = rl_yaml_get_enum(r->doc, &o, "sex", false, sex_words, &sex)) != 0) {
        return ret;
    }
    g->sex = (rl_sex_t) sex;
    return 0;
}

static int
read_groups(rd_reader_t *r, const rl_yaml_node_t *n)
{
    rl_protocol_t *p = r->p;
    size_t i;
    int ret;

    if ((ret = rl_yaml_expect(r->doc, n, RL_YAML_LIST, "protocol", "", "groups")) != 0
        || (ret = rd_note(r, &p->n_groups, n)) != 0) {
        return ret;
    }
    if (rl_yaml_count(n) == 0) {
        return rl_yaml_fail(r->doc, n, RL_ERR_INVALID,
            "protocol: groups must list at least one group");
    }
    for (i = 0; i < rl_yaml_count(n); i++) {
        const rl_yaml_node_t *it = rl_yaml_item(r->doc, n, i);
        if (p->n_groups == RL_MAX_GROUPS) {
            return rl_yaml_fail(r->doc, it, RL_ERR_INVALID, "groups: too many groups (at most %d)",
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
    const rl_yaml_node_t *root = rl_yaml_root(r->doc);
    const rl_yaml_node_t *v, *procs, *phases, *key = NULL;
    rl_yaml_obj_t o;
    int ret;

    if (root == NULL) {
        return rl_yaml_fail(r->doc, NULL, RL_ERR_INVALID, "the file is empty (a protocol is a "
            "mapping with reinforcers, phases or procedures, and groups)");
    }
    if ((ret = rl_yaml_expect(r->doc, root, RL_YAML_MAP, "protocol", "", "the top level")) != 0) {
        return ret;
    }
    o.map = root;
    o.ctx = "protocol";
    o.pre = "";
    p->intersession_h = 24.0;
    if ((ret = rl_yaml_check_keys(r->doc, &o, top_keys, NULL, "the top level")) != 0
        || (ret = rl_yaml_get_str(r->doc, &o, "study", false, p->study, sizeof p->study)) != 0
        || (ret = rl_yaml_get_num(r->doc, &o, "intersession_h", false, &p->intersession_h)) != 0
        /* optional: groups that run only place phases need no reinforcer */
        || (ret = rl_yaml_find(r->doc, &o, "reinforcers", false, &v)) != 0
        || (v != NULL && (ret = read_reinforcers(r, v)) != 0)) {
        return ret;
    }
    procs = rl_yaml_lookup(r->doc, o.map, "procedures", NULL);
    phases = rl_yaml_lookup(r->doc, o.map, "phases", &key);
    if (procs != NULL && phases != NULL) {
        return rl_yaml_fail(r->doc, key, RL_ERR_INVALID, "protocol: give either procedures "
            "(named lists of phases) or phases (a single procedure), not both");
    }
    if (procs == NULL && phases == NULL) {
        return rl_yaml_fail(r->doc, root, RL_ERR_INVALID, "protocol: missing required key "
            "'procedures' (or 'phases' for a single procedure)");
    }
    if (procs != NULL) {
        ret = read_procedures(r, procs);
    } else {
        r->single_procedure = true;
        p->n_procedures = 1;
        snprintf(p->procedures[0].name, sizeof p->procedures[0].name, "main");
        p->procedures[0].src_line = rl_yaml_line(key);
        ret = read_phase_list(r, &p->procedures[0], phases, "phases");
    }
    if (ret != 0 || (ret = rl_yaml_find(r->doc, &o, "groups", true, &v)) != 0
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
    if ((ret = rd_load(&r, self->source_text, self->source_len, "a protocol file")) == 0) {
        ret = read_protocol(&r);
    }
    rd_done(&r);
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
    self->source_text = rl_malloc(len + 1);
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
