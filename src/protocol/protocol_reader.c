/* protocol_reader.c -- the YAML node reader of the protocol files (see protocol_reader.h).
**
** Errors stop the walk at the first problem; line and column are 1-based (libyaml marks
** are 0-based). Messages say what was expected and what was found ("must be a number
** (got 'ten')").
*/
#include "protocol_reader.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---------------------------------------------------------------- errors and notes */

long rd_line_of(const yaml_node_t *n) { return n ? (long) n->start_mark.line + 1 : 1; }
long rd_col_of(const yaml_node_t *n) { return n ? (long) n->start_mark.column + 1 : 0; }

int
rd_rfail(const rd_reader_t *r, const yaml_node_t *n, int code, const char *fmt, ...)
{
    char msg[RL_ERROR_MSG_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return rl_error_set(r->err, code, r->file, rd_line_of(n), rd_col_of(n), "%s", msg);
}

/* Note that field came from node n. */
int
rd_note(rd_reader_t *r, const void *field, const yaml_node_t *n)
{
    if (rl_srcmap_note(&r->src, field, rd_line_of(n), rd_col_of(n)) != 0) {
        return rd_rfail(r, n, RL_ERR_NOMEM, "out of memory while reading the protocol");
    }
    return 0;
}

/* ---------------------------------------------------------------- nodes */

yaml_node_t *rd_node_at(rd_reader_t *r, int id) { return yaml_document_get_node(&r->doc, id); }
const char *rd_text_of(const yaml_node_t *n) { return (const char *) n->data.scalar.value; }

bool
rd_is_null(const yaml_node_t *n)
{
    const char *s;

    if (n->type != YAML_SCALAR_NODE) {
        return n->type == YAML_NO_NODE;
    }
    if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
        return false;
    }
    s = rd_text_of(n);
    return s[0] == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0
        || strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

/* What n is, for "(got ...)": a list, a mapping, nothing, 1.5, 'text', "quoted". */
const char *
rd_describe(const yaml_node_t *n, char *buf, size_t cap)
{
    double d;
    const char *s, *more;

    if (n->type == YAML_MAPPING_NODE) {
        return "a mapping";
    }
    if (n->type == YAML_SEQUENCE_NODE) {
        return "a list";
    }
    if (rd_is_null(n)) {
        return "nothing";
    }
    s = rd_text_of(n);
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
int
rd_expect(const rd_reader_t *r, const yaml_node_t *n, yaml_node_type_t t, const char *ctx,
    const char *pre, const char *label)
{
    char got[64];

    if (n->type == t) {
        return 0;
    }
    return rd_rfail(r, n, RL_ERR_INVALID, "%s: %s%s must be %s (got %s)", ctx, pre, label,
        t == YAML_MAPPING_NODE ? "a mapping" : t == YAML_SEQUENCE_NODE ? "a list" : "a value",
        rd_describe(n, got, sizeof got));
}

/* "a, b, c" from a NULL-terminated list. */
static const char *
rd_join(const char *const *list, char *buf, size_t cap)
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
rd_in_list(const char *const *list, const char *s)
{
    int i;

    for (i = 0; list != NULL && list[i] != NULL; i++) {
        if (strcmp(list[i], s) == 0) {
            return true;
        }
    }
    return false;
}

/* The value of key in o->map, or NULL. Keys are scalars once rd_check_keys() has run. */
yaml_node_t *
rd_lookup(rd_reader_t *r, const rd_obj_t *o, const char *key, yaml_node_t **key_node)
{
    yaml_node_pair_t *pair;

    for (pair = o->map->data.mapping.pairs.start; pair < o->map->data.mapping.pairs.top;
         pair++) {
        yaml_node_t *k = rd_node_at(r, pair->key);
        if (k != NULL && k->type == YAML_SCALAR_NODE && strcmp(rd_text_of(k), key) == 0) {
            if (key_node != NULL) {
                *key_node = k;
            }
            return rd_node_at(r, pair->value);
        }
    }
    return NULL;
}

/* Keys of o->map must be non-null scalars without NUL, unique, and (unless allowed is
** NULL) in allowed; a key of other is "not a key of <what>". */
int
rd_check_keys(rd_reader_t *r, const rd_obj_t *o, const char *const *allowed, const char *const *other,
    const char *what)
{
    yaml_node_pair_t *pair, *prev;
    char list[RL_ERROR_MSG_MAX / 2], got[64];

    for (pair = o->map->data.mapping.pairs.start; pair < o->map->data.mapping.pairs.top;
         pair++) {
        yaml_node_t *k = rd_node_at(r, pair->key);
        const char *s;

        if (k->type != YAML_SCALAR_NODE || rd_is_null(k)
            || strlen(rd_text_of(k)) != k->data.scalar.length) {
            return rd_rfail(r, k, RL_ERR_INVALID, "%s: keys must be names (got %s)", o->ctx,
                rd_describe(k, got, sizeof got));
        }
        s = rd_text_of(k);
        for (prev = o->map->data.mapping.pairs.start; prev < pair; prev++) {
            yaml_node_t *pk = rd_node_at(r, prev->key);
            if (strcmp(rd_text_of(pk), s) == 0) {
                return rd_rfail(r, k, RL_ERR_INVALID,
                    "%s: duplicate key '%s%s' (first on line %ld); each key may appear once",
                    o->ctx, o->pre, s, rd_line_of(pk));
            }
        }
        if (allowed != NULL && !rd_in_list(allowed, s)) {
            if (rd_in_list(other, s)) {
                return rd_rfail(r, k, RL_ERR_INVALID, "%s: %s%s is not a key of %s (allowed: %s)",
                    o->ctx, o->pre, s, what, rd_join(allowed, list, sizeof list));
            }
            return rd_rfail(r, k, RL_ERR_INVALID, "%s: unknown key '%s%s' (allowed in %s: %s)",
                o->ctx, o->pre, s, what, rd_join(allowed, list, sizeof list));
        }
    }
    return 0;
}

/* The value of key, or an error if required and absent. *out = NULL if absent. */
int
rd_find(rd_reader_t *r, const rd_obj_t *o, const char *key, bool required, yaml_node_t **out)
{
    *out = rd_lookup(r, o, key, NULL);
    if (*out == NULL && required) {
        return rd_rfail(r, o->map, RL_ERR_INVALID, "%s: missing required key '%s%s'", o->ctx,
            o->pre, key);
    }
    return 0;
}

/* ---------------------------------------------------------------- scalars */

/* A plain scalar that is a number (d != NULL) or an integer (i != NULL), strictly. */
int
rd_number_of(rd_reader_t *r, yaml_node_t *n, const char *ctx, const char *pre, const char *key,
    double *d, int *i)
{
    char got[64];
    int rc = 1;

    if (n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE
        && strlen(rd_text_of(n)) == n->data.scalar.length) {
        rc = d != NULL ? rl_parse_double(rd_text_of(n), d) : rl_parse_int(rd_text_of(n), i);
    }
    if (rc != 0) {
        return rd_rfail(r, n, RL_ERR_INVALID, "%s: %s%s must be %s%s (got %s)", ctx, pre, key,
            d != NULL ? "a number" : "an integer", rc == 2 ? " in range" : "",
            rd_describe(n, got, sizeof got));
    }
    return d != NULL ? rd_note(r, d, n) : rd_note(r, i, n);
}

/* A non-empty string of at most cap - 1 bytes, any scalar style. */
int
rd_str_of(rd_reader_t *r, yaml_node_t *n, const char *ctx, const char *pre, const char *key,
    char *out, size_t cap)
{
    char got[64];

    if (n->type != YAML_SCALAR_NODE || rd_is_null(n)) {
        return rd_rfail(r, n, RL_ERR_INVALID, "%s: %s%s must be a string (got %s)", ctx, pre, key,
            rd_describe(n, got, sizeof got));
    }
    if (strlen(rd_text_of(n)) != n->data.scalar.length) {
        return rd_rfail(r, n, RL_ERR_INVALID, "%s: %s%s must not contain a NUL character", ctx,
            pre, key);
    }
    if (n->data.scalar.length == 0) {
        return rd_rfail(r, n, RL_ERR_INVALID, "%s: %s%s must not be empty", ctx, pre, key);
    }
    if (n->data.scalar.length >= cap) {
        return rd_rfail(r, n, RL_ERR_INVALID, "%s: %s%s must be at most %zu characters (got %s)",
            ctx, pre, key, cap - 1, rd_describe(n, got, sizeof got));
    }
    memcpy(out, rd_text_of(n), n->data.scalar.length + 1);
    return rd_note(r, out, n);
}

/* One of the words (NULL-terminated); *out = its index. Not noted: callers store enums. */
int
rd_enum_of(rd_reader_t *r, yaml_node_t *n, const char *ctx, const char *pre, const char *key,
    const char *const *words, int *out)
{
    char list[RL_ERROR_MSG_MAX / 2], got[64];
    int i;

    if (n->type == YAML_SCALAR_NODE && strlen(rd_text_of(n)) == n->data.scalar.length) {
        for (i = 0; words[i] != NULL; i++) {
            if (strcmp(words[i], rd_text_of(n)) == 0) {
                *out = i;
                return 0;
            }
        }
    }
    return rd_rfail(r, n, RL_ERR_INVALID, "%s: %s%s must be %s%s (got %s)", ctx, pre, key,
        words[1] != NULL ? "one of " : "", rd_join(words, list, sizeof list),
        rd_describe(n, got, sizeof got));
}

/* The same, looked up in o; absent optional keys leave *out untouched. */
int
rd_get_num(rd_reader_t *r, const rd_obj_t *o, const char *key, bool required, double *out)
{
    yaml_node_t *n;
    int ret = rd_find(r, o, key, required, &n);
    return ret != 0 || n == NULL ? ret : rd_number_of(r, n, o->ctx, o->pre, key, out, NULL);
}

int
rd_get_int(rd_reader_t *r, const rd_obj_t *o, const char *key, bool required, int *out)
{
    yaml_node_t *n;
    int ret = rd_find(r, o, key, required, &n);
    return ret != 0 || n == NULL ? ret : rd_number_of(r, n, o->ctx, o->pre, key, NULL, out);
}

int
rd_get_str(rd_reader_t *r, const rd_obj_t *o, const char *key, bool required, char *out, size_t cap)
{
    yaml_node_t *n;
    int ret = rd_find(r, o, key, required, &n);
    return ret != 0 || n == NULL ? ret : rd_str_of(r, n, o->ctx, o->pre, key, out, cap);
}

int
rd_get_enum(rd_reader_t *r, const rd_obj_t *o, const char *key, bool required,
    const char *const *words, int *out)
{
    yaml_node_t *n;
    int ret = rd_find(r, o, key, required, &n);
    return ret != 0 || n == NULL ? ret : rd_enum_of(r, n, o->ctx, o->pre, key, words, out);
}

/* A nested mapping value of o (key must be present when required); *sub = its obj. */
int
rd_get_map(rd_reader_t *r, const rd_obj_t *o, const char *key, bool required, const char *pre,
    rd_obj_t *sub)
{
    yaml_node_t *n;
    int ret = rd_find(r, o, key, required, &n);

    sub->map = NULL;
    if (ret != 0 || n == NULL) {
        return ret;
    }
    if ((ret = rd_expect(r, n, YAML_MAPPING_NODE, o->ctx, o->pre, key)) != 0) {
        return ret;
    }
    sub->map = n;
    sub->ctx = o->ctx;
    sub->pre = pre;
    return 0;
}

/* ---------------------------------------------------------------- documents */

/* A libyaml parser failure as RL_ERR_PARSE at its line and column (RL_ERR_NOMEM). */
static int
rd_syntax_error(const rd_reader_t *r, const yaml_parser_t *parser, const char *text,
    size_t len)
{
    char where[96] = "";
    long line = 1, col = 1;
    size_t i;

    if (parser->error == YAML_MEMORY_ERROR) {
        return rl_error_set(r->err, RL_ERR_NOMEM, r->file, 0, 0,
            "out of memory while parsing YAML");
    }
    if (parser->error == YAML_READER_ERROR) { /* encoding: only a byte offset is known */
        for (i = 0; i < parser->problem_offset && i < len; i++) {
            line += text[i] == '\n';
            col = text[i] == '\n' ? 1 : col + 1;
        }
        return rl_error_set(r->err, RL_ERR_PARSE, r->file, line, col,
            "YAML syntax error: %s", parser->problem ? parser->problem : "unreadable text");
    }
    if (parser->context != NULL) {
        snprintf(where, sizeof where, " (%s on line %ld)", parser->context,
            (long) parser->context_mark.line + 1);
    }
    return rl_error_set(r->err, RL_ERR_PARSE, r->file, (long) parser->problem_mark.line + 1,
        (long) parser->problem_mark.column + 1, "YAML syntax error: %s%s",
        parser->problem ? parser->problem : "invalid YAML", where);
}

int
rd_load_document(rd_reader_t *r, const char *text, size_t len, const char *what)
{
    yaml_parser_t parser;
    yaml_document_t extra;
    int ret = 0;

    if (!yaml_parser_initialize(&parser)) {
        return rl_error_set(r->err, RL_ERR_NOMEM, r->file, 0, 0, "out of memory (YAML parser)");
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *) text, len);
    if (!yaml_parser_load(&parser, &r->doc)) {
        ret = rd_syntax_error(r, &parser, text, len);
        yaml_parser_delete(&parser);
        return ret;
    }
    /* The rest of the stream: a syntax error or a second document is an error. */
    if (yaml_document_get_root_node(&r->doc) != NULL) {
        if (!yaml_parser_load(&parser, &extra)) {
            ret = rd_syntax_error(r, &parser, text, len);
        } else {
            if (yaml_document_get_root_node(&extra) != NULL) {
                ret = rd_rfail(r, yaml_document_get_root_node(&extra), RL_ERR_INVALID,
                    "a second YAML document starts here; %s holds one document", what);
            }
            yaml_document_delete(&extra);
        }
    }
    yaml_parser_delete(&parser);
    if (ret != 0) {
        yaml_document_delete(&r->doc);
    }
    return ret;
}
