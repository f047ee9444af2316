/* yaml_doc.c -- the YAML adapter over libyaml's document API (see yaml_doc.h).
**
** The only file of relapselab that includes libyaml's header. A document is libyaml's
** yaml_document_t plus what every message needs (the file name and the caller's
** rl_error_t) and the optional note callback; a node handle is a pointer to a libyaml
** node, converted at this file's boundary only. Line and column are 1-based in messages
** (libyaml marks are 0-based). Readers stop at the first problem and say what was
** expected and what was found ("must be a number (got 'ten')").
*/
#include "core/yaml_doc.h"
#include "core/alloc.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

struct rl_yaml_doc {
    yaml_document_t doc;
    const char *file;       /* for messages; owned by the caller */
    rl_error_t *err;        /* where errors are raised; owned by the caller */
    rl_yaml_note_fn note;   /* NULL: values are not noted */
    void *note_arg;
};

/* The libyaml node of a handle, and the handle of a libyaml node (rl_yaml_node_t is never
** defined: a handle is only ever converted back). */
static const yaml_node_t *
Y(const rl_yaml_node_t *n)
{
    return (const yaml_node_t *) (const void *) n;
}

static const rl_yaml_node_t *
H(const yaml_node_t *n)
{
    return (const rl_yaml_node_t *) (const void *) n;
}

/* Node id of doc (libyaml's lookup takes a non-const document; it does not modify it). */
static const yaml_node_t *
node_at(const rl_yaml_doc_t *doc, int id)
{
    return yaml_document_get_node((yaml_document_t *) &doc->doc, id);
}

/* ---------------------------------------------------------------- documents */

/* A libyaml parser failure as RL_ERR_PARSE at its line and column (RL_ERR_NOMEM). */
static int
syntax_error(const char *file, rl_error_t *err, const yaml_parser_t *parser, const char *text,
    size_t len)
{
    char where[96] = "";
    long line = 1, col = 1;
    size_t i;

    if (parser->error == YAML_MEMORY_ERROR) {
        return rl_error_set(err, RL_ERR_NOMEM, file, 0, 0, "out of memory while parsing YAML");
    }
    if (parser->error == YAML_READER_ERROR) { /* encoding: only a byte offset is known */
        for (i = 0; i < parser->problem_offset && i < len; i++) {
            line += text[i] == '\n';
            col = text[i] == '\n' ? 1 : col + 1;
        }
        return rl_error_set(err, RL_ERR_PARSE, file, line, col, "YAML syntax error: %s",
            parser->problem ? parser->problem : "unreadable text");
    }
    if (parser->context != NULL) {
        snprintf(where, sizeof where, " (%s on line %ld)", parser->context,
            (long) parser->context_mark.line + 1);
    }
    return rl_error_set(err, RL_ERR_PARSE, file, (long) parser->problem_mark.line + 1,
        (long) parser->problem_mark.column + 1, "YAML syntax error: %s%s",
        parser->problem ? parser->problem : "invalid YAML", where);
}

/* The rest of the stream after the first document: a syntax error or a second document
** is an error. */
static int
check_rest(rl_yaml_doc_t *doc, yaml_parser_t *parser, const char *text, size_t len,
    const char *what)
{
    yaml_document_t extra;
    int ret = 0;

    if (!yaml_parser_load(parser, &extra)) {
        return syntax_error(doc->file, doc->err, parser, text, len);
    }
    if (yaml_document_get_root_node(&extra) != NULL) {
        ret = rl_yaml_fail(doc, H(yaml_document_get_root_node(&extra)), RL_ERR_INVALID,
            "a second YAML document starts here; %s holds one document", what);
    }
    yaml_document_delete(&extra);
    return ret;
}

/* The limits of every YAML file (yaml_doc.h): its depth is checked by a pass over libyaml's
** events before the document is built, because libyaml's cost grows with the square of the
** depth (160 KB of '[' takes half a minute) while the pass stops at the first node too deep,
** so its own cost stays linear. A syntax error stops the pass quietly: the load that follows
** reports it in its own words. first_only: only the first document counts. */
static int
check_limits(const char *text, size_t len, const char *file, bool first_only, rl_error_t *err)
{
    yaml_parser_t parser;
    yaml_event_t ev;
    int depth = 0, ret = 0;
    bool done = false;

    if (len > (size_t) RL_YAML_MAX_BYTES) {
        return rl_error_set(err, RL_ERR_INVALID, file, 0, 0,
            "larger than %d MiB (the limit of a YAML file)", RL_YAML_MAX_MIB);
    }
    if (!yaml_parser_initialize(&parser)) {
        return 0; /* the load says it is out of memory */
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *) text, len);
    while (!done && yaml_parser_parse(&parser, &ev)) {
        switch (ev.type) {
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            if (++depth > RL_YAML_MAX_DEPTH) {
                ret = rl_error_set(err, RL_ERR_INVALID, file, (long) ev.start_mark.line + 1,
                    (long) ev.start_mark.column + 1, "nesting deeper than %d",
                    RL_YAML_MAX_DEPTH);
                done = true;
            }
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            depth--;
            break;
        case YAML_DOCUMENT_END_EVENT:
            done = first_only;
            break;
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    return ret;
}

/* Load the first document of text; what == NULL: the terse wording, later documents
** ignored (rl_yaml_load_first). */
static int
load(rl_yaml_doc_t **out, const char *text, size_t len, const char *file, const char *what,
    rl_error_t *err)
{
    yaml_parser_t parser;
    rl_yaml_doc_t *doc;
    int ret = 0;

    *out = NULL;
    if ((ret = check_limits(text, len, file, what == NULL, err)) != 0) {
        return ret;
    }
    if ((doc = rl_calloc(1, sizeof *doc)) == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, file, 0, 0, "out of memory (YAML document)");
    }
    doc->file = file;
    doc->err = err;
    if (!yaml_parser_initialize(&parser)) {
        free(doc);
        return rl_error_set(err, RL_ERR_NOMEM, file, 0, 0,
            what != NULL ? "out of memory (YAML parser)" : "out of memory");
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *) text, len);
    if (!yaml_parser_load(&parser, &doc->doc)) {
        ret = what != NULL ? syntax_error(file, err, &parser, text, len)
                           : rl_error_set(err, RL_ERR_PARSE, file,
                                 (long) parser.problem_mark.line + 1,
                                 (long) parser.problem_mark.column + 1, "YAML syntax: %s",
                                 parser.problem != NULL ? parser.problem : "invalid document");
        yaml_parser_delete(&parser);
        free(doc);
        return ret;
    }
    if (what != NULL && yaml_document_get_root_node(&doc->doc) != NULL) {
        ret = check_rest(doc, &parser, text, len, what);
    }
    yaml_parser_delete(&parser);
    if (ret != 0) {
        rl_yaml_free(doc);
        return ret;
    }
    *out = doc;
    return 0;
}

int
rl_yaml_load(rl_yaml_doc_t **out, const char *text, size_t len, const char *file,
    const char *what, rl_error_t *err)
{
    return load(out, text, len, file, what != NULL ? what : "a file", err);
}

int
rl_yaml_load_first(rl_yaml_doc_t **out, const char *text, size_t len, const char *file,
    rl_error_t *err)
{
    return load(out, text, len, file, NULL, err);
}

void
rl_yaml_free(rl_yaml_doc_t *doc)
{
    if (doc != NULL) {
        yaml_document_delete(&doc->doc);
        free(doc);
    }
}

const rl_yaml_node_t *
rl_yaml_root(const rl_yaml_doc_t *doc)
{
    return H(yaml_document_get_root_node((yaml_document_t *) &doc->doc));
}

void
rl_yaml_set_note(rl_yaml_doc_t *doc, rl_yaml_note_fn fn, void *arg)
{
    doc->note = fn;
    doc->note_arg = arg;
}

/* Tell the note callback that field came from n. */
static int
note(const rl_yaml_doc_t *doc, const void *field, const rl_yaml_node_t *n)
{
    return doc->note != NULL ? doc->note(doc->note_arg, field, n) : 0;
}

/* ---------------------------------------------------------------- queries */

rl_yaml_kind_t
rl_yaml_kind(const rl_yaml_node_t *n)
{
    if (n == NULL) {
        return RL_YAML_NOTHING;
    }
    switch (Y(n)->type) {
    case YAML_SCALAR_NODE: return RL_YAML_SCALAR;
    case YAML_SEQUENCE_NODE: return RL_YAML_LIST;
    case YAML_MAPPING_NODE: return RL_YAML_MAP;
    case YAML_NO_NODE: break;
    }
    return RL_YAML_NOTHING;
}

long rl_yaml_line(const rl_yaml_node_t *n) { return n ? (long) Y(n)->start_mark.line + 1 : 1; }
long rl_yaml_col(const rl_yaml_node_t *n) { return n ? (long) Y(n)->start_mark.column + 1 : 0; }

const char *
rl_yaml_text(const rl_yaml_node_t *n)
{
    return rl_yaml_kind(n) == RL_YAML_SCALAR ? (const char *) Y(n)->data.scalar.value : NULL;
}

size_t
rl_yaml_length(const rl_yaml_node_t *n)
{
    return rl_yaml_kind(n) == RL_YAML_SCALAR ? Y(n)->data.scalar.length : 0;
}

bool
rl_yaml_is_plain(const rl_yaml_node_t *n)
{
    return rl_yaml_kind(n) == RL_YAML_SCALAR
        && Y(n)->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

/* A scalar whose text holds no NUL character. */
static bool
no_nul(const rl_yaml_node_t *n)
{
    return rl_yaml_kind(n) == RL_YAML_SCALAR && strlen(rl_yaml_text(n)) == rl_yaml_length(n);
}

bool
rl_yaml_is_null(const rl_yaml_node_t *n)
{
    const char *s;

    if (rl_yaml_kind(n) != RL_YAML_SCALAR) {
        return n == NULL || Y(n)->type == YAML_NO_NODE;
    }
    if (!rl_yaml_is_plain(n)) {
        return false;
    }
    s = rl_yaml_text(n);
    return s[0] == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0
        || strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

const char *
rl_yaml_describe(const rl_yaml_node_t *n, char *buf, size_t cap)
{
    double d;
    const char *s, *more;

    if (rl_yaml_kind(n) == RL_YAML_MAP) {
        return "a mapping";
    }
    if (rl_yaml_kind(n) == RL_YAML_LIST) {
        return "a list";
    }
    if (rl_yaml_is_null(n)) {
        return "nothing";
    }
    s = rl_yaml_text(n);
    more = strlen(s) > 40 ? "..." : "";
    if (!rl_yaml_is_plain(n)) {
        snprintf(buf, cap, "\"%.40s%s\"", s, more);
    } else if (rl_yaml_parse_double(s, &d) == 0) {
        snprintf(buf, cap, "%.40s%s", s, more);
    } else {
        snprintf(buf, cap, "'%.40s%s'", s, more);
    }
    return buf;
}

size_t
rl_yaml_count(const rl_yaml_node_t *n)
{
    switch (rl_yaml_kind(n)) {
    case RL_YAML_LIST:
        return (size_t) (Y(n)->data.sequence.items.top - Y(n)->data.sequence.items.start);
    case RL_YAML_MAP:
        return (size_t) (Y(n)->data.mapping.pairs.top - Y(n)->data.mapping.pairs.start);
    case RL_YAML_SCALAR:
    case RL_YAML_NOTHING:
        break;
    }
    return 0;
}

const rl_yaml_node_t *
rl_yaml_item(const rl_yaml_doc_t *doc, const rl_yaml_node_t *list, size_t i)
{
    if (rl_yaml_kind(list) != RL_YAML_LIST || i >= rl_yaml_count(list)) {
        return NULL;
    }
    return H(node_at(doc, Y(list)->data.sequence.items.start[i]));
}

const rl_yaml_node_t *
rl_yaml_key(const rl_yaml_doc_t *doc, const rl_yaml_node_t *map, size_t i)
{
    if (rl_yaml_kind(map) != RL_YAML_MAP || i >= rl_yaml_count(map)) {
        return NULL;
    }
    return H(node_at(doc, Y(map)->data.mapping.pairs.start[i].key));
}

const rl_yaml_node_t *
rl_yaml_value(const rl_yaml_doc_t *doc, const rl_yaml_node_t *map, size_t i)
{
    if (rl_yaml_kind(map) != RL_YAML_MAP || i >= rl_yaml_count(map)) {
        return NULL;
    }
    return H(node_at(doc, Y(map)->data.mapping.pairs.start[i].value));
}

const rl_yaml_node_t *
rl_yaml_lookup(const rl_yaml_doc_t *doc, const rl_yaml_node_t *map, const char *key,
    const rl_yaml_node_t **key_node)
{
    size_t i, n = rl_yaml_count(map);

    for (i = 0; rl_yaml_kind(map) == RL_YAML_MAP && i < n; i++) {
        const rl_yaml_node_t *k = rl_yaml_key(doc, map, i);
        if (rl_yaml_kind(k) == RL_YAML_SCALAR && strcmp(rl_yaml_text(k), key) == 0) {
            if (key_node != NULL) {
                *key_node = k;
            }
            return rl_yaml_value(doc, map, i);
        }
    }
    return NULL;
}

int
rl_yaml_word(const rl_yaml_node_t *n, const char *const *words)
{
    const char *s = rl_yaml_text(n);
    int i;

    for (i = 0; s != NULL && words[i] != NULL; i++) {
        if (strcmp(words[i], s) == 0) {
            return i;
        }
    }
    return -1;
}

const char *
rl_yaml_join(const char *const *words, char *buf, size_t cap)
{
    size_t len = 0;
    int i;

    buf[0] = '\0';
    for (i = 0; words[i] != NULL && len < cap; i++) {
        len += (size_t) snprintf(buf + len, cap - len, "%s%s", i ? ", " : "", words[i]);
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

int
rl_yaml_parse_double(const char *s, double *out)
{
    char *end;
    double v;

    if (s[0] == '\0' || strspn(s, "0123456789+-.eE") != strlen(s)) {
        return 1;
    }
    errno = 0;
    v = strtod(s, &end);
    if (*end != '\0') {
        return 1;
    }
    if (errno == ERANGE || !isfinite(v)) {
        return 2;
    }
    *out = v;
    return 0;
}

int
rl_yaml_parse_int(const char *s, int *out)
{
    char *end;
    long v;

    if (s[0] == '\0' || strspn(s, "0123456789+-") != strlen(s)) {
        return 1;
    }
    errno = 0;
    v = strtol(s, &end, 10);
    if (*end != '\0') {
        return 1;
    }
    if (errno == ERANGE || v < INT_MIN || v > INT_MAX) {
        return 2;
    }
    *out = (int) v;
    return 0;
}

/* ---------------------------------------------------------------- readers: shapes, keys */

int
rl_yaml_fail(const rl_yaml_doc_t *doc, const rl_yaml_node_t *n, int code, const char *fmt,
    ...)
{
    char msg[RL_ERROR_MSG_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return rl_error_set(doc->err, code, doc->file, rl_yaml_line(n), rl_yaml_col(n), "%s", msg);
}

int
rl_yaml_expect(const rl_yaml_doc_t *doc, const rl_yaml_node_t *n, rl_yaml_kind_t kind,
    const char *ctx, const char *pre, const char *label)
{
    char got[64];

    if (rl_yaml_kind(n) == kind) {
        return 0;
    }
    return rl_yaml_fail(doc, n, RL_ERR_INVALID, "%s: %s%s must be %s (got %s)", ctx, pre,
        label, kind == RL_YAML_MAP ? "a mapping" : kind == RL_YAML_LIST ? "a list" : "a value",
        rl_yaml_describe(n, got, sizeof got));
}

int
rl_yaml_check_keys(const rl_yaml_doc_t *doc, const rl_yaml_obj_t *o,
    const char *const *allowed, const char *const *other, const char *what)
{
    char list[RL_ERROR_MSG_MAX / 2], got[64];
    size_t i, j, n = rl_yaml_count(o->map);

    for (i = 0; i < n; i++) {
        const rl_yaml_node_t *k = rl_yaml_key(doc, o->map, i);
        const char *s;

        if (!no_nul(k) || rl_yaml_is_null(k)) {
            return rl_yaml_fail(doc, k, RL_ERR_INVALID, "%s: keys must be names (got %s)",
                o->ctx, rl_yaml_describe(k, got, sizeof got));
        }
        s = rl_yaml_text(k);
        for (j = 0; j < i; j++) {
            const rl_yaml_node_t *pk = rl_yaml_key(doc, o->map, j);
            if (strcmp(rl_yaml_text(pk), s) == 0) {
                return rl_yaml_fail(doc, k, RL_ERR_INVALID,
                    "%s: duplicate key '%s%s' (first on line %ld); each key may appear once",
                    o->ctx, o->pre, s, rl_yaml_line(pk));
            }
        }
        if (allowed != NULL && !in_list(allowed, s)) {
            if (in_list(other, s)) {
                return rl_yaml_fail(doc, k, RL_ERR_INVALID,
                    "%s: %s%s is not a key of %s (allowed: %s)", o->ctx, o->pre, s, what,
                    rl_yaml_join(allowed, list, sizeof list));
            }
            return rl_yaml_fail(doc, k, RL_ERR_INVALID,
                "%s: unknown key '%s%s' (allowed in %s: %s)", o->ctx, o->pre, s, what,
                rl_yaml_join(allowed, list, sizeof list));
        }
    }
    return 0;
}

int
rl_yaml_find(const rl_yaml_doc_t *doc, const rl_yaml_obj_t *o, const char *key, bool required,
    const rl_yaml_node_t **out)
{
    *out = rl_yaml_lookup(doc, o->map, key, NULL);
    if (*out == NULL && required) {
        return rl_yaml_fail(doc, o->map, RL_ERR_INVALID, "%s: missing required key '%s%s'",
            o->ctx, o->pre, key);
    }
    return 0;
}

/* ---------------------------------------------------------------- readers: scalars */

/* A plain scalar that is a number (d != NULL) or an integer (i != NULL), strictly. */
static int
number_of(const rl_yaml_doc_t *doc, const rl_yaml_node_t *n, const char *ctx, const char *pre,
    const char *key, double *d, int *i)
{
    char got[64];
    int rc = 1;

    if (rl_yaml_is_plain(n) && no_nul(n)) {
        rc = d != NULL ? rl_yaml_parse_double(rl_yaml_text(n), d)
                       : rl_yaml_parse_int(rl_yaml_text(n), i);
    }
    if (rc != 0) {
        return rl_yaml_fail(doc, n, RL_ERR_INVALID, "%s: %s%s must be %s%s (got %s)", ctx, pre,
            key, d != NULL ? "a number" : "an integer", rc == 2 ? " in range" : "",
            rl_yaml_describe(n, got, sizeof got));
    }
    return d != NULL ? note(doc, d, n) : note(doc, i, n);
}

int
rl_yaml_num_of(const rl_yaml_doc_t *doc, const rl_yaml_node_t *n, const char *ctx,
    const char *pre, const char *key, double *out)
{
    return number_of(doc, n, ctx, pre, key, out, NULL);
}

int
rl_yaml_int_of(const rl_yaml_doc_t *doc, const rl_yaml_node_t *n, const char *ctx,
    const char *pre, const char *key, int *out)
{
    return number_of(doc, n, ctx, pre, key, NULL, out);
}

int
rl_yaml_bool_of(const rl_yaml_doc_t *doc, const rl_yaml_node_t *n, const char *ctx,
    const char *pre, const char *key, bool *out)
{
    static const char *const words[] = {"false", "true", NULL};
    char got[64];
    int w = rl_yaml_is_plain(n) && no_nul(n) ? rl_yaml_word(n, words) : -1;

    if (w < 0) {
        return rl_yaml_fail(doc, n, RL_ERR_INVALID, "%s: %s%s must be true or false (got %s)",
            ctx, pre, key, rl_yaml_describe(n, got, sizeof got));
    }
    *out = w == 1;
    return note(doc, out, n);
}

int
rl_yaml_str_of(const rl_yaml_doc_t *doc, const rl_yaml_node_t *n, const char *ctx,
    const char *pre, const char *key, char *out, size_t cap)
{
    char got[64];
    size_t len = rl_yaml_length(n);

    if (rl_yaml_kind(n) != RL_YAML_SCALAR || rl_yaml_is_null(n)) {
        return rl_yaml_fail(doc, n, RL_ERR_INVALID, "%s: %s%s must be a string (got %s)", ctx,
            pre, key, rl_yaml_describe(n, got, sizeof got));
    }
    if (!no_nul(n)) {
        return rl_yaml_fail(doc, n, RL_ERR_INVALID, "%s: %s%s must not contain a NUL character",
            ctx, pre, key);
    }
    if (len == 0) {
        return rl_yaml_fail(doc, n, RL_ERR_INVALID, "%s: %s%s must not be empty", ctx, pre,
            key);
    }
    if (len >= cap) {
        return rl_yaml_fail(doc, n, RL_ERR_INVALID,
            "%s: %s%s must be at most %zu characters (got %s)", ctx, pre, key, cap - 1,
            rl_yaml_describe(n, got, sizeof got));
    }
    memcpy(out, rl_yaml_text(n), len + 1);
    return note(doc, out, n);
}

int
rl_yaml_enum_of(const rl_yaml_doc_t *doc, const rl_yaml_node_t *n, const char *ctx,
    const char *pre, const char *key, const char *const *words, int *out)
{
    char list[RL_ERROR_MSG_MAX / 2], got[64];
    int w = no_nul(n) ? rl_yaml_word(n, words) : -1;

    if (w >= 0) {
        *out = w;
        return 0;
    }
    return rl_yaml_fail(doc, n, RL_ERR_INVALID, "%s: %s%s must be %s%s (got %s)", ctx, pre, key,
        words[1] != NULL ? "one of " : "", rl_yaml_join(words, list, sizeof list),
        rl_yaml_describe(n, got, sizeof got));
}

/* ---------------------------------------------------------------- readers: keys of o */

int
rl_yaml_get_num(const rl_yaml_doc_t *doc, const rl_yaml_obj_t *o, const char *key,
    bool required, double *out)
{
    const rl_yaml_node_t *n;
    int ret = rl_yaml_find(doc, o, key, required, &n);
    return ret != 0 || n == NULL ? ret : rl_yaml_num_of(doc, n, o->ctx, o->pre, key, out);
}

int
rl_yaml_get_int(const rl_yaml_doc_t *doc, const rl_yaml_obj_t *o, const char *key,
    bool required, int *out)
{
    const rl_yaml_node_t *n;
    int ret = rl_yaml_find(doc, o, key, required, &n);
    return ret != 0 || n == NULL ? ret : rl_yaml_int_of(doc, n, o->ctx, o->pre, key, out);
}

int
rl_yaml_get_bool(const rl_yaml_doc_t *doc, const rl_yaml_obj_t *o, const char *key,
    bool required, bool *out)
{
    const rl_yaml_node_t *n;
    int ret = rl_yaml_find(doc, o, key, required, &n);
    return ret != 0 || n == NULL ? ret : rl_yaml_bool_of(doc, n, o->ctx, o->pre, key, out);
}

int
rl_yaml_get_str(const rl_yaml_doc_t *doc, const rl_yaml_obj_t *o, const char *key,
    bool required, char *out, size_t cap)
{
    const rl_yaml_node_t *n;
    int ret = rl_yaml_find(doc, o, key, required, &n);
    return ret != 0 || n == NULL ? ret
                                 : rl_yaml_str_of(doc, n, o->ctx, o->pre, key, out, cap);
}

int
rl_yaml_get_enum(const rl_yaml_doc_t *doc, const rl_yaml_obj_t *o, const char *key,
    bool required, const char *const *words, int *out)
{
    const rl_yaml_node_t *n;
    int ret = rl_yaml_find(doc, o, key, required, &n);
    return ret != 0 || n == NULL ? ret
                                 : rl_yaml_enum_of(doc, n, o->ctx, o->pre, key, words, out);
}

int
rl_yaml_get_map(const rl_yaml_doc_t *doc, const rl_yaml_obj_t *o, const char *key,
    bool required, const char *pre, rl_yaml_obj_t *sub)
{
    const rl_yaml_node_t *n;
    int ret = rl_yaml_find(doc, o, key, required, &n);

    sub->map = NULL;
    if (ret != 0 || n == NULL) {
        return ret;
    }
    if ((ret = rl_yaml_expect(doc, n, RL_YAML_MAP, o->ctx, o->pre, key)) != 0) {
        return ret;
    }
    sub->map = n;
    sub->ctx = o->ctx;
    sub->pre = pre;
    return 0;
}
