/* protocol_yaml.c -- YAML text -> rl_protocol_t (the only file that includes <yaml.h>).
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
** Each object is read through an obj_t: the mapping node, the context that prefixes every
** message ("phase 'extinction' of procedure 'cocaine'") and the key path prefix of nested
** mappings ("schedule."). Errors stop the walk at the first problem; line and column are
** 1-based (libyaml marks are 0-based).
*/
#include "protocol_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "relapselab/drugs.h"

typedef struct reader {
    yaml_document_t doc;
    const char *file;        /* name for messages */
    rl_error_t *err;
    rl_srcmap_t src;
    rl_protocol_t *p;
    bool single_procedure;   /* the `phases` form: groups may omit `procedure` */
} reader_t;

/* A mapping being read, with the message context and the key path prefix. */
typedef struct obj {
    yaml_node_t *map;
    const char *ctx;
    const char *pre;
} obj_t;

/* Allowed keys per object (NULL-terminated), and the keys that belong to a sibling type. */
static const char *const top_keys[] = {"study", "intersession_h", "reinforcers",
    "procedures", "phases", "groups", NULL};
static const char *const drug_keys[] = {"type", "drug", "dose_mg_per_kg", "infusion_s",
    "volume_ul", NULL};
static const char *const pellet_keys[] = {"type", "pellet_mg", "palatability", NULL};
static const char *const phase_keys[] = {"name", "kind", "schedule", "session_min",
    "timeout_s", "cue_s", "active_response", "limits", "sessions", "criterion", "treatments",
    "abstinence_days", NULL};
static const char *const treatment_keys[] = {"drug", "dose_mg_per_kg", "route",
    "minutes_before", "sessions", NULL};
static const char *const treatment_sessions_words[] = {"all", "first", NULL};
static const char *const fr_keys[] = {"type", "ratio", NULL};
static const char *const pr_keys[] = {"type", "series", "formula", "steps", NULL};
static const char *const limits_keys[] = {"max_reinforcers", "no_reinforcer_stop_min", NULL};
static const char *const sessions_keys[] = {"until", "max", "min", NULL};
static const char *const acq_keys[] = {"type", "min_reinforcers", "min_active_fraction",
    "max_deviation", "consecutive", NULL};
static const char *const ext_keys[] = {"type", "max_fraction_of_reference",
    "reference_phase", "consecutive", NULL};
static const char *const group_keys[] = {"name", "line", "genotype", "reinforcer",
    "procedure", "n", "sex", NULL};

/* Enum words, in the order of the enums of protocol.h (the names of rl_phase_kind_name()
** etc.; test_protocol.c checks they agree). */
static const char *const reinforcer_types[] = {"drug", "pellet", NULL};
static const char *const kind_words[] = {"acquisition", "progressive_ratio", "extinction",
    "reinstatement", "other", NULL};
static const char *const schedule_words[] = {"FR", "PR", NULL};
static const char *const criterion_words[] = {"acquisition", "extinction", NULL}; /* 1, 2 */
static const char *const sex_words[] = {"male", "female", NULL};
static const char *const response_words[] = {"reinforcer", "cue", NULL};
static const char *const formula_words[] = {"richardson_roberts", NULL};
static const char *const until_words[] = {"criterion", NULL};

/* ---------------------------------------------------------------- errors and notes */

static long line_of(const yaml_node_t *n) { return n ? (long) n->start_mark.line + 1 : 1; }
static long col_of(const yaml_node_t *n) { return n ? (long) n->start_mark.column + 1 : 0; }

/* Raise code at node n (NULL: line 1 of the file). */
static int rfail(const reader_t *r, const yaml_node_t *n, int code, const char *fmt, ...)
    RL_PRINTF_LIKE(4, 5);

static int
rfail(const reader_t *r, const yaml_node_t *n, int code, const char *fmt, ...)
{
    char msg[RL_ERROR_MSG_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return rl_error_set(r->err, code, r->file, line_of(n), col_of(n), "%s", msg);
}

/* Note that field came from node n. */
static int
note(reader_t *r, const void *field, const yaml_node_t *n)
{
    if (rl_srcmap_note(&r->src, field, line_of(n), col_of(n)) != 0) {
        return rfail(r, n, RL_ERR_NOMEM, "out of memory while reading the protocol");
    }
    return 0;
}

/* ---------------------------------------------------------------- nodes */

static yaml_node_t *node_at(reader_t *r, int id) { return yaml_document_get_node(&r->doc, id); }
static const char *text_of(const yaml_node_t *n) { return (const char *) n->data.scalar.value; }

static bool
is_null(const yaml_node_t *n)
{
    const char *s;

    if (n->type != YAML_SCALAR_NODE) {
        return n->type == YAML_NO_NODE;
    }
    if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
        return false;
    }
    s = text_of(n);
    return s[0] == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0
        || strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

/* What n is, for "(got ...)": a list, a mapping, nothing, 1.5, 'text', "quoted". */
static const char *
describe(const yaml_node_t *n, char *buf, size_t cap)
{
    double d;
    const char *s, *more;

    if (n->type == YAML_MAPPING_NODE) {
        return "a mapping";
    }
    if (n->type == YAML_SEQUENCE_NODE) {
        return "a list";
    }
    if (is_null(n)) {
        return "nothing";
    }
    s = text_of(n);
    more = strlen(s) > 40 ? "..." : "";
    if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
        snprintf(buf, cap, "\"%.40s%s\"", s, more);
    } else if (rl_parse_double(s, &d) == 0) {
        snprintf(buf, cap, "%.40s%s", s, more);
    } else {
        snprintf(buf, cap, "'%.40s%s'", s, more);
    }
    return buf;
}

/* Require n to be of type t; label names it ("schedule", "procedure 'cocaine'"). */
static int
expect(const reader_t *r, const yaml_node_t *n, yaml_node_type_t t, const char *ctx,
    const char *pre, const char *label)
{
    char got[64];

    if (n->type == t) {
        return 0;
    }
    return rfail(r, n, RL_ERR_INVALID, "%s: %s%s must be %s (got %s)", ctx, pre, label,
        t == YAML_MAPPING_NODE ? "a mapping" : t == YAML_SEQUENCE_NODE ? "a list" : "a value",
        describe(n, got, sizeof got));
}

/* "a, b, c" from a NULL-terminated list. */
static const char *
join(const char *const *list, char *buf, size_t cap)
{
    size_t len = 0;
    int i;

    buf[0] = '\0';
    for (i = 0; list[i] != NULL && len < cap; i++) {
        len += (size_t) snprintf(buf + len, cap - len, "%s%s", i ? ", " : "", list[i]);
    }
    return buf;
}

static bool
in_list(const char *const *list, const char *s)
{
    int i;

    for (i = 0; list != NULL && list[i] != NULL; i++) {
        if (strcmp(list[i], s) == 0) {
            return true;
        }
    }
    return false;
}

/* The value of key in o->map, or NULL. Keys are scalars once check_keys() has run. */
static yaml_node_t *
lookup(reader_t *r, const obj_t *o, const char *key, yaml_node_t **key_node)
{
    yaml_node_pair_t *pair;

    for (pair = o->map->data.mapping.pairs.start; pair < o->map->data.mapping.pairs.top;
         pair++) {
        yaml_node_t *k = node_at(r, pair->key);
        if (k != NULL && k->type == YAML_SCALAR_NODE && strcmp(text_of(k), key) == 0) {
            if (key_node != NULL) {
                *key_node = k;
            }
            return node_at(r, pair->value);
        }
    }
    return NULL;
}

/* Keys of o->map must be non-null scalars without NUL, unique, and (unless allowed is
** NULL) in allowed; a key of other is "not a key of <what>". */
static int
check_keys(reader_t *r, const obj_t *o, const char *const *allowed, const char *const *other,
    const char *what)
{
    yaml_node_pair_t *pair, *prev;
    char list[RL_ERROR_MSG_MAX / 2], got[64];

    for (pair = o->map->data.mapping.pairs.start; pair < o->map->data.mapping.pairs.top;
         pair++) {
        yaml_node_t *k = node_at(r, pair->key);
        const char *s;

        if (k->type != YAML_SCALAR_NODE || is_null(k)
            || strlen(text_of(k)) != k->data.scalar.length) {
            return rfail(r, k, RL_ERR_INVALID, "%s: keys must be names (got %s)", o->ctx,
                describe(k, got, sizeof got));
        }
        s = text_of(k);
        for (prev = o->map->data.mapping.pairs.start; prev < pair; prev++) {
            yaml_node_t *pk = node_at(r, prev->key);
            if (strcmp(text_of(pk), s) == 0) {
                return rfail(r, k, RL_ERR_INVALID,
                    "%s: duplicate key '%s%s' (first on line %ld); each key may appear once",
                    o->ctx, o->pre, s, line_of(pk));
            }
        }
        if (allowed != NULL && !in_list(allowed, s)) {
            if (in_list(other, s)) {
                return rfail(r, k, RL_ERR_INVALID, "%s: %s%s is not a key of %s (allowed: %s)",
                    o->ctx, o->pre, s, what, join(allowed, list, sizeof list));
            }
            return rfail(r, k, RL_ERR_INVALID, "%s: unknown key '%s%s' (allowed in %s: %s)",
                o->ctx, o->pre, s, what, join(allowed, list, sizeof list));
        }
    }
    return 0;
}

/* The value of key, or an error if required and absent. *out = NULL if absent. */
static int
find(reader_t *r, const obj_t *o, const char *key, bool required, yaml_node_t **out)
{
    *out = lookup(r, o, key, NULL);
    if (*out == NULL && required) {
        return rfail(r, o->map, RL_ERR_INVALID, "%s: missing required key '%s%s'", o->ctx,
            o->pre, key);
    }
    return 0;
}

/* ---------------------------------------------------------------- scalars */

/* A plain scalar that is a number (d != NULL) or an integer (i != NULL), strictly. */
static int
number_of(reader_t *r, yaml_node_t *n, const char *ctx, const char *pre, const char *key,
    double *d, int *i)
{
    char got[64];
    int rc = 1;

    if (n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE
        && strlen(text_of(n)) == n->data.scalar.length) {
        rc = d != NULL ? rl_parse_double(text_of(n), d) : rl_parse_int(text_of(n), i);
    }
    if (rc != 0) {
        return rfail(r, n, RL_ERR_INVALID, "%s: %s%s must be %s%s (got %s)", ctx, pre, key,
            d != NULL ? "a number" : "an integer", rc == 2 ? " in range" : "",
            describe(n, got, sizeof got));
    }
    return d != NULL ? note(r, d, n) : note(r, i, n);
}

/* A non-empty string of at most cap - 1 bytes, any scalar style. */
static int
str_of(reader_t *r, yaml_node_t *n, const char *ctx, const char *pre, const char *key,
    char *out, size_t cap)
{
    char got[64];

    if (n->type != YAML_SCALAR_NODE || is_null(n)) {
        return rfail(r, n, RL_ERR_INVALID, "%s: %s%s must be a string (got %s)", ctx, pre, key,
            describe(n, got, sizeof got));
    }
    if (strlen(text_of(n)) != n->data.scalar.length) {
        return rfail(r, n, RL_ERR_INVALID, "%s: %s%s must not contain a NUL character", ctx,
            pre, key);
    }
    if (n->data.scalar.length == 0) {
        return rfail(r, n, RL_ERR_INVALID, "%s: %s%s must not be empty", ctx, pre, key);
    }
    if (n->data.scalar.length >= cap) {
        return rfail(r, n, RL_ERR_INVALID, "%s: %s%s must be at most %zu characters (got %s)",
            ctx, pre, key, cap - 1, describe(n, got, sizeof got));
    }
    memcpy(out, text_of(n), n->data.scalar.length + 1);
    return note(r, out, n);
}

/* One of the words (NULL-terminated); *out = its index. Not noted: callers store enums. */
static int
enum_of(reader_t *r, yaml_node_t *n, const char *ctx, const char *pre, const char *key,
    const char *const *words, int *out)
{
    char list[RL_ERROR_MSG_MAX / 2], got[64];
    int i;

    if (n->type == YAML_SCALAR_NODE && strlen(text_of(n)) == n->data.scalar.length) {
        for (i = 0; words[i] != NULL; i++) {
            if (strcmp(words[i], text_of(n)) == 0) {
                *out = i;
                return 0;
            }
        }
    }
    return rfail(r, n, RL_ERR_INVALID, "%s: %s%s must be %s%s (got %s)", ctx, pre, key,
        words[1] != NULL ? "one of " : "", join(words, list, sizeof list),
        describe(n, got, sizeof got));
}

/* The same, looked up in o; absent optional keys leave *out untouched. */
static int
get_num(reader_t *r, const obj_t *o, const char *key, bool required, double *out)
{
    yaml_node_t *n;
    int ret = find(r, o, key, required, &n);
    return ret != 0 || n == NULL ? ret : number_of(r, n, o->ctx, o->pre, key, out, NULL);
}

static int
get_int(reader_t *r, const obj_t *o, const char *key, bool required, int *out)
{
    yaml_node_t *n;
    int ret = find(r, o, key, required, &n);
    return ret != 0 || n == NULL ? ret : number_of(r, n, o->ctx, o->pre, key, NULL, out);
}

static int
get_str(reader_t *r, const obj_t *o, const char *key, bool required, char *out, size_t cap)
{
    yaml_node_t *n;
    int ret = find(r, o, key, required, &n);
    return ret != 0 || n == NULL ? ret : str_of(r, n, o->ctx, o->pre, key, out, cap);
}

static int
get_enum(reader_t *r, const obj_t *o, const char *key, bool required,
    const char *const *words, int *out)
{
    yaml_node_t *n;
    int ret = find(r, o, key, required, &n);
    return ret != 0 || n == NULL ? ret : enum_of(r, n, o->ctx, o->pre, key, words, out);
}

/* A nested mapping value of o (key must be present when required); *sub = its obj. */
static int
get_map(reader_t *r, const obj_t *o, const char *key, bool required, const char *pre,
    obj_t *sub)
{
    yaml_node_t *n;
    int ret = find(r, o, key, required, &n);

    sub->map = NULL;
    if (ret != 0 || n == NULL) {
        return ret;
    }
    if ((ret = expect(r, n, YAML_MAPPING_NODE, o->ctx, o->pre, key)) != 0) {
        return ret;
    }
    sub->map = n;
    sub->ctx = o->ctx;
    sub->pre = pre;
    return 0;
}

/* ---------------------------------------------------------------- reinforcers */

static int
read_reinforcer(reader_t *r, rl_reinforcer_t *rf, yaml_node_t *n)
{
    static const char *const drug_only[] = {"drug", "dose_mg_per_kg", "infusion_s",
        "volume_ul", NULL};
    static const char *const pellet_only[] = {"pellet_mg", "palatability", NULL};
    char ctx[RL_NAME_MAX + 16];
    obj_t o;
    int ret, type = 0;

    snprintf(ctx, sizeof ctx, "reinforcer '%s'", rf->name);
    if ((ret = expect(r, n, YAML_MAPPING_NODE, "reinforcers", "", ctx)) != 0) {
        return ret;
    }
    o.map = n;
    o.ctx = ctx;
    o.pre = "";
    if ((ret = get_enum(r, &o, "type", true, reinforcer_types, &type)) != 0) {
        return ret;
    }
    rf->kind = (rl_reinforcer_kind_t) type;
    if (rf->kind == RL_REINFORCER_DRUG) {
        if ((ret = check_keys(r, &o, drug_keys, pellet_only, "a drug reinforcer")) != 0
            || (ret = get_str(r, &o, "drug", true, rf->drug, sizeof rf->drug)) != 0
            || (ret = get_num(r, &o, "dose_mg_per_kg", true, &rf->dose_mg_per_kg)) != 0
            || (ret = get_num(r, &o, "infusion_s", true, &rf->infusion_s)) != 0
            || (ret = get_num(r, &o, "volume_ul", false, &rf->volume_ul)) != 0) {
            return ret;
        }
        return 0;
    }
    rf->palatability = 1.0;
    if ((ret = check_keys(r, &o, pellet_keys, drug_only, "a pellet reinforcer")) != 0
        || (ret = get_num(r, &o, "pellet_mg", true, &rf->pellet_mg)) != 0
        || (ret = get_num(r, &o, "palatability", false, &rf->palatability)) != 0) {
        return ret;
    }
    return 0;
}

static int
read_reinforcers(reader_t *r, yaml_node_t *n)
{
    rl_protocol_t *p = r->p;
    obj_t o = {n, "reinforcers", ""};
    yaml_node_pair_t *pair;
    int ret;

    if ((ret = expect(r, n, YAML_MAPPING_NODE, "protocol", "", "reinforcers")) != 0
        || (ret = check_keys(r, &o, NULL, NULL, NULL)) != 0
        || (ret = note(r, &p->n_reinforcers, n)) != 0) {
        return ret;
    }
    if (n->data.mapping.pairs.top == n->data.mapping.pairs.start) {
        return rfail(r, n, RL_ERR_INVALID, "protocol: reinforcers must define at least one "
            "reinforcer");
    }
    for (pair = n->data.mapping.pairs.start; pair < n->data.mapping.pairs.top; pair++) {
        yaml_node_t *key = node_at(r, pair->key);
        rl_reinforcer_t *rf;

        if (p->n_reinforcers == RL_MAX_REINFORCERS) {
            return rfail(r, key, RL_ERR_INVALID, "reinforcers: too many reinforcers (at most %d)",
                RL_MAX_REINFORCERS);
        }
        rf = &p->reinforcers[p->n_reinforcers++];
        rf->src_line = line_of(key);
        if ((ret = str_of(r, key, "reinforcers", "", "reinforcer name", rf->name,
                 sizeof rf->name)) != 0
            || (ret = read_reinforcer(r, rf, node_at(r, pair->value))) != 0) {
            return ret;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- phases */

/* schedule: {type: FR, ratio} or {type: PR, series: [...] | formula + steps}. */
static int
read_schedule(reader_t *r, rl_phase_t *ph, const obj_t *o)
{
    rl_schedule_t *s = &ph->schedule;
    yaml_node_t *series, *formula, *key = NULL;
    yaml_node_item_t *item;
    int ret, type = 0, word = 0;

    if ((ret = get_enum(r, o, "type", true, schedule_words, &type)) != 0) {
        return ret;
    }
    s->type = (rl_schedule_type_t) type;
    if (s->type == RL_SCHEDULE_FR) {
        if ((ret = check_keys(r, o, fr_keys, pr_keys, "an FR schedule")) != 0) {
            return ret;
        }
        return get_int(r, o, "ratio", true, &s->ratio);
    }
    if ((ret = check_keys(r, o, pr_keys, fr_keys, "a PR schedule")) != 0) {
        return ret;
    }
    series = lookup(r, o, "series", NULL);
    formula = lookup(r, o, "formula", &key);
    if (series != NULL && formula != NULL) {
        return rfail(r, key, RL_ERR_INVALID,
            "%s: a PR schedule takes either schedule.series or schedule.formula, not both",
            o->ctx);
    }
    if (formula != NULL) {
        if ((ret = enum_of(r, formula, o->ctx, o->pre, "formula", formula_words, &word)) != 0
            || (ret = get_int(r, o, "steps", true, &s->pr_n)) != 0) {
            return ret;
        }
        s->pr_from_formula = true;
        if (s->pr_n >= 1 && s->pr_n <= RL_MAX_PR_STEPS) { /* else the validator objects */
            rl_pr_richardson_roberts(s->pr_series, s->pr_n);
        }
        return 0;
    }
    if (series == NULL) {
        return rfail(r, o->map, RL_ERR_INVALID,
            "%s: a PR schedule needs schedule.series (a list of ratios) or schedule.formula",
            o->ctx);
    }
    if (lookup(r, o, "steps", &key) != NULL) {
        return rfail(r, key, RL_ERR_INVALID,
            "%s: schedule.steps is only used with schedule.formula", o->ctx);
    }
    if ((ret = expect(r, series, YAML_SEQUENCE_NODE, o->ctx, o->pre, "series")) != 0
        || (ret = note(r, &s->pr_n, series)) != 0) {
        return ret;
    }
    for (item = series->data.sequence.items.start; item < series->data.sequence.items.top;
         item++) {
        yaml_node_t *n = node_at(r, *item);
        if (s->pr_n == RL_MAX_PR_STEPS) {
            return rfail(r, n, RL_ERR_INVALID,
                "%s: schedule.series must have at most %d entries", o->ctx, RL_MAX_PR_STEPS);
        }
        if ((ret = number_of(r, n, o->ctx, o->pre, "series entries", NULL,
                 &s->pr_series[s->pr_n])) != 0) {
            return ret;
        }
        s->pr_n++;
    }
    return 0;
}

/* active_response: a list, subset of {reinforcer, cue}, no duplicates. */
static int
read_active(reader_t *r, rl_phase_t *ph, yaml_node_t *n, const char *ctx)
{
    yaml_node_item_t *item;
    int ret, word = 0;

    if ((ret = expect(r, n, YAML_SEQUENCE_NODE, ctx, "", "active_response")) != 0
        || (ret = note(r, &ph->deliver_reinforcer, n)) != 0
        || (ret = note(r, &ph->deliver_cue, n)) != 0) {
        return ret;
    }
    for (item = n->data.sequence.items.start; item < n->data.sequence.items.top; item++) {
        yaml_node_t *it = node_at(r, *item);
        bool *flag;

        if ((ret = enum_of(r, it, ctx, "", "active_response entries", response_words, &word))
            != 0) {
            return ret;
        }
        flag = word == 0 ? &ph->deliver_reinforcer : &ph->deliver_cue;
        if (*flag) {
            return rfail(r, it, RL_ERR_INVALID, "%s: active_response lists '%s' twice", ctx,
                response_words[word]);
        }
        *flag = true;
        if ((ret = note(r, flag, it)) != 0) {
            return ret;
        }
    }
    return 0;
}

/* criterion: {type: acquisition, ...} or {type: extinction, ...}; every field required. */
static int
read_criterion(reader_t *r, rl_criterion_t *c, const obj_t *o)
{
    int ret, type = 0;

    if ((ret = get_enum(r, o, "type", true, criterion_words, &type)) != 0) {
        return ret;
    }
    if (type == 0) {
        c->type = RL_CRITERION_ACQUISITION;
        if ((ret = check_keys(r, o, acq_keys, ext_keys, "an acquisition criterion")) != 0
            || (ret = get_int(r, o, "min_reinforcers", true, &c->min_reinforcers)) != 0
            || (ret = get_num(r, o, "min_active_fraction", true, &c->min_active_fraction)) != 0
            || (ret = get_num(r, o, "max_deviation", true, &c->max_deviation)) != 0) {
            return ret;
        }
    } else {
        c->type = RL_CRITERION_EXTINCTION;
        if ((ret = check_keys(r, o, ext_keys, acq_keys, "an extinction criterion")) != 0
            || (ret = get_num(r, o, "max_fraction_of_reference", true,
                    &c->max_fraction_of_reference)) != 0
            || (ret = get_str(r, o, "reference_phase", true, c->reference_phase,
                    sizeof c->reference_phase)) != 0) {
            return ret;
        }
    }
    return get_int(r, o, "consecutive", true, &c->consecutive);
}

/* sessions: N, or {until: criterion, max: M, min: m}; read after the criterion (the
** default min is criterion.consecutive). */
static int
read_sessions(reader_t *r, rl_phase_t *ph, const obj_t *po)
{
    yaml_node_t *n, *max;
    obj_t o;
    char got[64];
    int ret, word = 0;

    if ((ret = find(r, po, "sessions", true, &n)) != 0) {
        return ret;
    }
    if (n->type == YAML_SCALAR_NODE && !is_null(n)) {
        ph->until_criterion = false;
        if ((ret = number_of(r, n, po->ctx, "", "sessions", NULL, &ph->sessions)) != 0) {
            return ret;
        }
        ph->max_sessions = ph->sessions;
        return note(r, &ph->max_sessions, n);
    }
    if (n->type != YAML_MAPPING_NODE) {
        return rfail(r, n, RL_ERR_INVALID, "%s: sessions must be a number of sessions or "
            "{until: criterion, max: N} (got %s)", po->ctx, describe(n, got, sizeof got));
    }
    o.map = n;
    o.ctx = po->ctx;
    o.pre = "sessions.";
    if ((ret = check_keys(r, &o, sessions_keys, NULL, "sessions")) != 0
        || (ret = get_enum(r, &o, "until", true, until_words, &word)) != 0
        || (ret = note(r, &ph->until_criterion, lookup(r, &o, "until", NULL))) != 0) {
        return ret;
    }
    ph->until_criterion = true;
    max = lookup(r, &o, "max", NULL);
    if (max == NULL) {
        return rfail(r, n, RL_ERR_INVALID, "%s: sessions: {until: criterion} needs max, the "
            "number of sessions after which the phase ends if the criterion is never met",
            po->ctx);
    }
    if ((ret = number_of(r, max, o.ctx, o.pre, "max", NULL, &ph->max_sessions)) != 0) {
        return ret;
    }
    ph->sessions = ph->criterion.type != RL_CRITERION_NONE ? ph->criterion.consecutive : 1;
    if ((ret = note(r, &ph->sessions, n)) != 0) {
        return ret;
    }
    return get_int(r, &o, "min", false, &ph->sessions);
}

/* treatments: a list of {drug, dose_mg_per_kg, route, minutes_before, sessions}. Names
** are resolved against the drug table here (so an unknown drug or route is reported at
** its node); the values are checked by rl_protocol_validate(). */
static int
read_treatments(reader_t *r, rl_phase_t *ph, yaml_node_t *n, const char *ctx)
{
    yaml_node_item_t *item;
    int ret;

    if ((ret = expect(r, n, YAML_SEQUENCE_NODE, ctx, "", "treatments")) != 0) {
        return ret;
    }
    for (item = n->data.sequence.items.start; item < n->data.sequence.items.top; item++) {
        yaml_node_t *it = node_at(r, *item);
        rl_treatment_t *t;
        const rl_drug_t *d = NULL;
        obj_t o;
        int which = 0;
        rl_error_t derr;

        if (ph->n_treatments == RL_MAX_TREATMENTS) {
            return rfail(r, it, RL_ERR_INVALID, "%s: at most %d treatments per phase", ctx,
                RL_MAX_TREATMENTS);
        }
        t = &ph->treatments[ph->n_treatments];
        t->src_line = line_of(it);
        if ((ret = expect(r, it, YAML_MAPPING_NODE, ctx, "", "a treatment")) != 0) {
            return ret;
        }
        o.map = it;
        o.ctx = ctx;
        o.pre = "treatments.";
        if ((ret = check_keys(r, &o, treatment_keys, NULL, "a treatment")) != 0
            || (ret = get_str(r, &o, "drug", true, t->drug, sizeof t->drug)) != 0
            || (ret = get_num(r, &o, "dose_mg_per_kg", true, &t->dose_mg_per_kg)) != 0
            || (ret = get_str(r, &o, "route", true, t->route, sizeof t->route)) != 0
            || (ret = get_num(r, &o, "minutes_before", false, &t->minutes_before)) != 0
            || (ret = get_enum(r, &o, "sessions", false, treatment_sessions_words, &which))
                != 0) {
            return ret;
        }
        t->first_session_only = which == 1;
        rl_error_clear(&derr);
        if (rl_drug_find(t->drug, &d, &derr) != 0) {
            return rfail(r, it, RL_ERR_INVALID, "%s: %s", ctx,
                derr.msg);
        }
        for (t->drug_id = 0; rl_drug_get(t->drug_id) != d; t->drug_id++) {
        }
        if ((t->route_id = rl_route_find(t->route)) < 0) {
            return rfail(r, it, RL_ERR_INVALID, "%s: unknown route '%s' (i.v., i.p., s.c., "
                "p.o., i.c.v.)", ctx, t->route);
        }
        ph->n_treatments++;
    }
    return 0;
}

static int
read_phase(reader_t *r, rl_procedure_t *pr, yaml_node_t *n)
{
    rl_phase_t *ph = &pr->phases[pr->n_phases];
    char ctx[2 * RL_NAME_MAX + 32];
    obj_t o, sub;
    yaml_node_t *v;
    int ret, kind = 0;

    snprintf(ctx, sizeof ctx, "phase %d of procedure '%s'", pr->n_phases + 1, pr->name);
    ph->src_line = line_of(n);
    if ((ret = expect(r, n, YAML_MAPPING_NODE, ctx, "", "the phase")) != 0) {
        return ret;
    }
    o.map = n;
    o.ctx = ctx;
    o.pre = "";
    if ((ret = get_str(r, &o, "name", true, ph->name, sizeof ph->name)) != 0) {
        return ret;
    }
    snprintf(ctx, sizeof ctx, "phase '%s' of procedure '%s'", ph->name, pr->name);
    if ((ret = check_keys(r, &o, phase_keys, NULL, "a phase")) != 0
        || (ret = get_enum(r, &o, "kind", true, kind_words, &kind)) != 0) {
        return ret;
    }
    ph->kind = (rl_phase_kind_t) kind;
    if ((ret = get_map(r, &o, "schedule", true, "schedule.", &sub)) != 0
        || (ret = read_schedule(r, ph, &sub)) != 0
        || (ret = get_num(r, &o, "session_min", true, &ph->session_min)) != 0
        || (ret = get_num(r, &o, "timeout_s", false, &ph->timeout_s)) != 0
        || (ret = get_num(r, &o, "cue_s", false, &ph->cue_s)) != 0
        || (ret = find(r, &o, "active_response", true, &v)) != 0
        || (ret = read_active(r, ph, v, ctx)) != 0
        || (ret = get_map(r, &o, "limits", false, "limits.", &sub)) != 0) {
        return ret;
    }
    if (sub.map != NULL
        && ((ret = check_keys(r, &sub, limits_keys, NULL, "limits")) != 0
            || (ret = get_int(r, &sub, "max_reinforcers", false, &ph->max_reinforcers)) != 0
            || (ret = get_num(r, &sub, "no_reinforcer_stop_min", false,
                    &ph->no_reinforcer_stop_min)) != 0)) {
        return ret;
    }
    if ((ret = get_map(r, &o, "criterion", false, "criterion.", &sub)) != 0
        || (sub.map != NULL && (ret = read_criterion(r, &ph->criterion, &sub)) != 0)) {
        return ret;
    }
    if ((ret = read_sessions(r, ph, &o)) != 0
        || (ret = get_num(r, &o, "abstinence_days", false, &ph->abstinence_days)) != 0
        || (ret = find(r, &o, "treatments", false, &v)) != 0
        || (v != NULL && (ret = read_treatments(r, ph, v, ctx)) != 0)) {
        return ret;
    }
    pr->n_phases++;
    return 0;
}

/* A procedure: a list of phases. */
static int
read_phase_list(reader_t *r, rl_procedure_t *pr, yaml_node_t *n, const char *label)
{
    yaml_node_item_t *item;
    int ret;

    if ((ret = expect(r, n, YAML_SEQUENCE_NODE, "protocol", "", label)) != 0
        || (ret = note(r, &pr->n_phases, n)) != 0) {
        return ret;
    }
    if (n->data.sequence.items.top == n->data.sequence.items.start) {
        return rfail(r, n, RL_ERR_INVALID, "protocol: %s must list at least one phase", label);
    }
    for (item = n->data.sequence.items.start; item < n->data.sequence.items.top; item++) {
        yaml_node_t *it = node_at(r, *item);
        if (pr->n_phases == RL_MAX_PHASES) {
            return rfail(r, it, RL_ERR_INVALID, "procedure '%s': too many phases (at most %d)",
                pr->name, RL_MAX_PHASES);
        }
        if ((ret = read_phase(r, pr, it)) != 0) {
            return ret;
        }
    }
    return 0;
}

static int
read_procedures(reader_t *r, yaml_node_t *n)
{
    rl_protocol_t *p = r->p;
    obj_t o = {n, "procedures", ""};
    yaml_node_pair_t *pair;
    char label[RL_NAME_MAX + 16];
    int ret;

    if ((ret = expect(r, n, YAML_MAPPING_NODE, "protocol", "", "procedures")) != 0
        || (ret = check_keys(r, &o, NULL, NULL, NULL)) != 0
        || (ret = note(r, &p->n_procedures, n)) != 0) {
        return ret;
    }
    if (n->data.mapping.pairs.top == n->data.mapping.pairs.start) {
        return rfail(r, n, RL_ERR_INVALID, "protocol: procedures must define at least one "
            "procedure");
    }
    for (pair = n->data.mapping.pairs.start; pair < n->data.mapping.pairs.top; pair++) {
        yaml_node_t *key = node_at(r, pair->key);
        rl_procedure_t *pr;

        if (p->n_procedures == RL_MAX_PROCEDURES) {
            return rfail(r, key, RL_ERR_INVALID, "procedures: too many procedures (at most %d)",
                RL_MAX_PROCEDURES);
        }
        pr = &p->procedures[p->n_procedures++];
        pr->src_line = line_of(key);
        if ((ret = str_of(r, key, "procedures", "", "procedure name", pr->name,
                 sizeof pr->name)) != 0) {
            return ret;
        }
        snprintf(label, sizeof label, "procedure '%s'", pr->name);
        if ((ret = read_phase_list(r, pr, node_at(r, pair->value), label)) != 0) {
            return ret;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- groups */

/* Resolve the name in n to the index of an entry of a table of names (stride bytes apart
** starting at names0), count entries; what = "reinforcer" / "procedure". */
static int
resolve(reader_t *r, yaml_node_t *n, const char *ctx, const char *what, const char *names0,
    size_t stride, int count, int *out)
{
    char name[RL_NAME_MAX], list[RL_ERROR_MSG_MAX / 2];
    size_t len = 0;
    int i, ret;

    if ((ret = str_of(r, n, ctx, "", what, name, sizeof name)) != 0) {
        return ret;
    }
    for (i = 0; i < count; i++) {
        if (strcmp(names0 + (size_t) i * stride, name) == 0) {
            *out = i;
            return note(r, out, n);
        }
    }
    list[0] = '\0';
    for (i = 0; i < count && len < sizeof list; i++) {
        len += (size_t) snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "",
            names0 + (size_t) i * stride);
    }
    return rfail(r, n, RL_ERR_INVALID, "%s: unknown %s '%s' (defined: %s)", ctx, what, name,
        list);
}

static int
read_group(reader_t *r, rl_group_t *g, int index, yaml_node_t *n)
{
    rl_protocol_t *p = r->p;
    char ctx[RL_NAME_MAX + 16];
    yaml_node_t *v;
    obj_t o;
    int ret, sex = 0;

    snprintf(ctx, sizeof ctx, "group %d", index + 1);
    g->src_line = line_of(n);
    if ((ret = expect(r, n, YAML_MAPPING_NODE, "groups", "", ctx)) != 0) {
        return ret;
    }
    o.map = n;
    o.ctx = ctx;
    o.pre = "";
    if ((ret = get_str(r, &o, "name", true, g->name, sizeof g->name)) != 0) {
        return ret;
    }
    snprintf(ctx, sizeof ctx, "group '%s'", g->name);
    if ((ret = check_keys(r, &o, group_keys, NULL, "a group")) != 0
        || (ret = get_str(r, &o, "line", false, g->line, sizeof g->line)) != 0
        || (ret = get_str(r, &o, "genotype", true, g->genotype, sizeof g->genotype)) != 0
        || (ret = find(r, &o, "reinforcer", true, &v)) != 0
        || (ret = resolve(r, v, ctx, "reinforcer", p->reinforcers[0].name,
                sizeof p->reinforcers[0], p->n_reinforcers, &g->reinforcer)) != 0
        /* required when the protocol has `procedures`; with `phases` it is "main" */
        || (ret = find(r, &o, "procedure", !r->single_procedure, &v)) != 0) {
        return ret;
    }
    if (v != NULL
        && (ret = resolve(r, v, ctx, "procedure", p->procedures[0].name,
                sizeof p->procedures[0], p->n_procedures, &g->procedure)) != 0) {
        return ret;
    }
    if ((ret = get_int(r, &o, "n", true, &g->n)) != 0
        || (ret = get_enum(r, &o, "sex", false, sex_words, &sex)) != 0) {
        return ret;
    }
    g->sex = (rl_sex_t) sex;
    return 0;
}

static int
read_groups(reader_t *r, yaml_node_t *n)
{
    rl_protocol_t *p = r->p;
    yaml_node_item_t *item;
    int ret;

    if ((ret = expect(r, n, YAML_SEQUENCE_NODE, "protocol", "", "groups")) != 0
        || (ret = note(r, &p->n_groups, n)) != 0) {
        return ret;
    }
    if (n->data.sequence.items.top == n->data.sequence.items.start) {
        return rfail(r, n, RL_ERR_INVALID, "protocol: groups must list at least one group");
    }
    for (item = n->data.sequence.items.start; item < n->data.sequence.items.top; item++) {
        yaml_node_t *it = node_at(r, *item);
        if (p->n_groups == RL_MAX_GROUPS) {
            return rfail(r, it, RL_ERR_INVALID, "groups: too many groups (at most %d)",
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
read_protocol(reader_t *r)
{
    rl_protocol_t *p = r->p;
    yaml_node_t *root = yaml_document_get_root_node(&r->doc);
    yaml_node_t *v, *procs, *phases, *key = NULL;
    obj_t o;
    int ret;

    if (root == NULL) {
        return rfail(r, NULL, RL_ERR_INVALID, "the file is empty (a protocol is a mapping with "
            "reinforcers, phases or procedures, and groups)");
    }
    if ((ret = expect(r, root, YAML_MAPPING_NODE, "protocol", "", "the top level")) != 0) {
        return ret;
    }
    o.map = root;
    o.ctx = "protocol";
    o.pre = "";
    p->intersession_h = 24.0;
    if ((ret = check_keys(r, &o, top_keys, NULL, "the top level")) != 0
        || (ret = get_str(r, &o, "study", false, p->study, sizeof p->study)) != 0
        || (ret = get_num(r, &o, "intersession_h", false, &p->intersession_h)) != 0
        || (ret = find(r, &o, "reinforcers", true, &v)) != 0
        || (ret = read_reinforcers(r, v)) != 0) {
        return ret;
    }
    procs = lookup(r, &o, "procedures", NULL);
    phases = lookup(r, &o, "phases", &key);
    if (procs != NULL && phases != NULL) {
        return rfail(r, key, RL_ERR_INVALID, "protocol: give either procedures (named lists "
            "of phases) or phases (a single procedure), not both");
    }
    if (procs == NULL && phases == NULL) {
        return rfail(r, root, RL_ERR_INVALID, "protocol: missing required key 'procedures' "
            "(or 'phases' for a single procedure)");
    }
    if (procs != NULL) {
        ret = read_procedures(r, procs);
    } else {
        r->single_procedure = true;
        p->n_procedures = 1;
        snprintf(p->procedures[0].name, sizeof p->procedures[0].name, "main");
        p->procedures[0].src_line = line_of(key);
        ret = read_phase_list(r, &p->procedures[0], phases, "phases");
    }
    if (ret != 0 || (ret = find(r, &o, "groups", true, &v)) != 0
        || (ret = read_groups(r, v)) != 0) {
        return ret;
    }
    return rl_protocol_validate(p, &r->src, r->file, r->err);
}

/* Turn a libyaml parser failure into RL_ERR_PARSE (or RL_ERR_NOMEM). */
static int
syntax_error(const reader_t *r, const yaml_parser_t *parser)
{
    const char *text = r->p->source_text;
    char where[96] = "";
    long line = 1, col = 1;
    size_t i;

    if (parser->error == YAML_MEMORY_ERROR) {
        return rl_error_set(r->err, RL_ERR_NOMEM, r->file, 0, 0,
            "out of memory while parsing YAML");
    }
    if (parser->error == YAML_READER_ERROR) { /* encoding: only a byte offset is known */
        for (i = 0; i < parser->problem_offset && i < r->p->source_len; i++) {
            line += text[i] == '\n';
            col = text[i] == '\n' ? 1 : col + 1;
        }
        return rl_error_set(r->err, RL_ERR_PARSE, r->file, line, col,
            "YAML syntax error: %s", parser->problem ? parser->problem : "unreadable text");
    }
    if (parser->context != NULL) { /* e.g. "while parsing a block mapping" */
        snprintf(where, sizeof where, " (%s on line %ld)", parser->context,
            (long) parser->context_mark.line + 1);
    }
    return rl_error_set(r->err, RL_ERR_PARSE, r->file, (long) parser->problem_mark.line + 1,
        (long) parser->problem_mark.column + 1, "YAML syntax error: %s%s",
        parser->problem ? parser->problem : "invalid YAML", where);
}

/* Parse self->source_text (already owned by self) and fill self. */
static int
load(rl_protocol_t *self, const char *name, rl_error_t *err)
{
    reader_t r;
    yaml_parser_t parser;
    yaml_document_t extra;
    bool have_doc = false;
    int ret;

    memset(&r, 0, sizeof r);
    r.file = name;
    r.err = err;
    r.p = self;
    if (!yaml_parser_initialize(&parser)) {
        return rl_error_set(err, RL_ERR_NOMEM, name, 0, 0, "out of memory (YAML parser)");
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *) self->source_text,
        self->source_len);
    if (!yaml_parser_load(&parser, &r.doc)) {
        ret = syntax_error(&r, &parser);
        goto out;
    }
    have_doc = true;
    /* Parse the rest of the stream: a syntax error or a second document is an error. */
    if (yaml_document_get_root_node(&r.doc) != NULL) {
        if (!yaml_parser_load(&parser, &extra)) {
            ret = syntax_error(&r, &parser);
            goto out;
        }
        if (yaml_document_get_root_node(&extra) != NULL) {
            ret = rfail(&r, yaml_document_get_root_node(&extra), RL_ERR_INVALID,
                "a second YAML document starts here; a protocol file holds one document");
            yaml_document_delete(&extra);
            goto out;
        }
        yaml_document_delete(&extra);
    }
    ret = read_protocol(&r);
out:
    if (have_doc) {
        yaml_document_delete(&r.doc);
    }
    yaml_parser_delete(&parser);
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
