/* yaml_doc.h -- the YAML adapter: the one module that talks to libyaml (not public API).
**
** Every YAML file of relapselab (protocols, screens, MED-PC decoding profiles, and next
** claims files) is read the same way: the whole text is loaded as one libyaml document
** first (so a syntax error anywhere is reported before any content is read), then the
** reader of that format walks the node tree top-down. This header is that walk's whole
** vocabulary. yaml_doc.c is the only file that includes libyaml's header, and this header
** does not: documents and nodes are opaque handles here.
**
**   queries   what a node is (kind, text, line and column, null or not, "describe" for
**             messages), mapping lookup, iteration over lists and mappings. They never
**             raise an error: a format with its own wording (profiles) builds on these.
**   readers   the standard rules of relapselab's YAML formats, each raising its own
**             message at the offending node: node shapes, keys (unknown, duplicate,
**             missing, keys of a sibling type), strict numbers, integers, booleans,
**             strings and enum words. Messages have the form
**                 "<ctx>: <pre><key> must be a number (got 'ten')"
**             where ctx names the object being read ("phase 'test' of procedure 'main'"),
**             pre is the key path prefix of a nested mapping ("schedule.", "" at the top)
**             and key the key. (got ...) shows the offending node as rl_yaml_describe()
**             does. Errors are raised in the caller's rl_error_t given to rl_yaml_load(),
**             with the file name given there and the node's 1-based line and column.
**
** A reader may ask to be told where each value it stores came from (rl_yaml_set_note):
** the protocol reader keeps a source map so that its validator can point at a bad value.
**
** Lifetime: a document owns its nodes; node pointers are valid until rl_yaml_free(). The
** file name and the rl_error_t given to rl_yaml_load() must outlive the document.
*/
#ifndef RL_CORE_YAML_DOC_H
#define RL_CORE_YAML_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "relapselab/error.h"
#include "relapselab/protocol_limits.h"

#if defined(__GNUC__)
#define RL_YAML_PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define RL_YAML_PRINTF_LIKE(f, a)
#endif

typedef struct rl_yaml_doc rl_yaml_doc_t;    /* a loaded document */
typedef struct rl_yaml_node rl_yaml_node_t;  /* a node of a document (never defined) */

typedef enum {
    RL_YAML_NOTHING = 0,  /* no node (a NULL handle) */
    RL_YAML_SCALAR,       /* a scalar: text, a number, a null (empty, ~, null) */
    RL_YAML_LIST,         /* a sequence */
    RL_YAML_MAP           /* a mapping */
} rl_yaml_kind_t;

/* A mapping being read, with the message context of its object ("phase 'test' of
** procedure 'main'") and the key path prefix of its keys ("schedule.", or ""). */
typedef struct rl_yaml_obj {
    const rl_yaml_node_t *map;
    const char *ctx;
    const char *pre;
} rl_yaml_obj_t;

/* Told by the readers marked "noted" that the value stored in field came from node n.
** Returns 0, or an RL_ERR_* code it has raised itself (the reader then returns it). */
typedef int (*rl_yaml_note_fn)(void *arg, const void *field, const rl_yaml_node_t *n);

/* ---------------------------------------------------------------- documents */

/* The limits of every YAML file (protocols, screens, claims, decoding profiles), those of
** the protocol format's table (protocol_limits.h): its size (files of the formats are kB;
** libyaml takes about 1 s per MiB of dense lists, so 4 MiB bounds a load to seconds) and
** how deeply its lists and mappings nest (the formats need fewer than 10 levels; libyaml's
** time grows with the square of the depth: 160 KB of '[' took 38 s). */
#define RL_YAML_MAX_MIB RL_MAX_PROTOCOL_MIB
#define RL_YAML_MAX_BYTES (RL_YAML_MAX_MIB * 1024 * 1024)
#define RL_YAML_MAX_DEPTH RL_MAX_YAML_DEPTH

/* Load text (len bytes) as one YAML document into *out (NULL on error). file names the
** text in messages; what names the kind of file ("a protocol file"). Errors, raised in err
** (file, line, column):
**   RL_ERR_PARSE    "YAML syntax error: <libyaml's problem>", followed by " (<context> on
**                   line N)" when libyaml names one, at the problem (an encoding error: at
**                   the offending byte);
**   RL_ERR_INVALID  "a second YAML document starts here; <what> holds one document" at
**                   the second document's root;
**   RL_ERR_INVALID  "larger than 4 MiB (the limit of a YAML file)" (line 0) when len >
**                   RL_YAML_MAX_BYTES;
**   RL_ERR_INVALID  "nesting deeper than 64" at the first list or mapping nested deeper
**                   than RL_YAML_MAX_DEPTH (checked before the document is built);
**   RL_ERR_NOMEM.
** An empty text is a document without a root (rl_yaml_root() returns NULL). On success
** release *out with rl_yaml_free(). */
int rl_yaml_load(rl_yaml_doc_t **out, const char *text, size_t len, const char *file,
    const char *what, rl_error_t *err);

/* As rl_yaml_load(), but only the first document is read (later ones are ignored) and a
** syntax error is "YAML syntax: <libyaml's problem>" at libyaml's problem mark (line 1,
** column 1 for an encoding error), RL_ERR_PARSE: the wording of MED-PC decoding profiles.
** NOMEM is "out of memory". The size and depth limits are rl_yaml_load()'s (the depth of
** the first document only). */
int rl_yaml_load_first(rl_yaml_doc_t **out, const char *text, size_t len, const char *file,
    rl_error_t *err);

/* Release doc (NULL is a no-op). */
void rl_yaml_free(rl_yaml_doc_t *doc);

/* The root node, or NULL for an empty document. */
const rl_yaml_node_t *rl_yaml_root(const rl_yaml_doc_t *doc);

/* From now on, readers marked "noted" call fn(arg, field, node) after storing a value. */
void rl_yaml_set_note(rl_yaml_doc_t *doc, rl_yaml_note_fn fn, void *arg);

/* ---------------------------------------------------------------- queries (no errors) */

rl_yaml_kind_t rl_yaml_kind(const rl_yaml_node_t *n);

/* 1-based line and column of n; line 1, column 0 for NULL (the start of the file). */
long rl_yaml_line(const rl_yaml_node_t *n);
long rl_yaml_col(const rl_yaml_node_t *n);

/* The text of a scalar (NUL-terminated, owned by the document), NULL for any other node.
** A scalar may hold NUL characters (written "\0" in a quoted scalar): rl_yaml_length() is
** its length in bytes, which is then larger than strlen(). */
const char *rl_yaml_text(const rl_yaml_node_t *n);
size_t rl_yaml_length(const rl_yaml_node_t *n);

/* True for a plain (unquoted) scalar: only plain scalars are numbers. */
bool rl_yaml_is_plain(const rl_yaml_node_t *n);

/* True for a null: a plain empty, ~, null, Null or NULL scalar (or a missing node). */
bool rl_yaml_is_null(const rl_yaml_node_t *n);

/* n for "(got ...)" in messages, in buf (cap bytes) or a constant: "a list", "a mapping",
** "nothing" (a null), 1.5 (a plain number), 'text' (other plain text), "text" (a quoted
** scalar); text longer than 40 bytes is cut and ends in "...". */
const char *rl_yaml_describe(const rl_yaml_node_t *n, char *buf, size_t cap);

/* Entries of a list or pairs of a mapping (0 for any other node). */
size_t rl_yaml_count(const rl_yaml_node_t *n);

/* Entry i of a list; key and value of pair i of a mapping (in document order). NULL when
** n is not of that kind or i >= rl_yaml_count(n). */
const rl_yaml_node_t *rl_yaml_item(const rl_yaml_doc_t *doc, const rl_yaml_node_t *list,
    size_t i);
const rl_yaml_node_t *rl_yaml_key(const rl_yaml_doc_t *doc, const rl_yaml_node_t *map,
    size_t i);
const rl_yaml_node_t *rl_yaml_value(const rl_yaml_doc_t *doc, const rl_yaml_node_t *map,
    size_t i);

/* The value of the first scalar key of map whose text is key (compared as C strings), or
** NULL; *key_node (if key_node is not NULL) gets the key's node when found. */
const rl_yaml_node_t *rl_yaml_lookup(const rl_yaml_doc_t *doc, const rl_yaml_node_t *map,
    const char *key, const rl_yaml_node_t **key_node);

/* The index of n's text in words (NULL-terminated), any scalar style, compared as a C
** string (as rl_yaml_lookup compares keys: a NUL character ends the text; the readers
** below refuse such texts); -1 if n is not a scalar or is none of the words. */
int rl_yaml_word(const rl_yaml_node_t *n, const char *const *words);

/* "a, b, c": words (NULL-terminated) joined into buf (cap bytes, cut to fit). */
const char *rl_yaml_join(const char *const *words, char *buf, size_t cap);

/* The number syntax of relapselab's YAML formats (docs/PROTOCOL.md): only the characters
** 0-9 + - . e E (no hex, inf, nan, '_'), the whole of s consumed, the value finite;
** integers take only 0-9 + - and must fit an int. Return 0, 1 (not a number of that
** kind) or 2 (out of range); *out is set only on 0. */
int rl_yaml_parse_double(const char *s, double *out);
int rl_yaml_parse_int(const char *s, int *out);

/* ---------------------------------------------------------------- readers (raise errors) */

/* Raise code at node n (NULL: line 1 of the file) with a printf-style message, in the
** rl_error_t and with the file name of the document. Returns code. */
int rl_yaml_fail(const rl_yaml_doc_t *doc, const rl_yaml_node_t *n, int code,
    const char *fmt, ...) RL_YAML_PRINTF_LIKE(4, 5);

/* n must be of kind (RL_YAML_MAP, RL_YAML_LIST or RL_YAML_SCALAR); label names it
** ("schedule", "procedure 'cocaine'"). Else RL_ERR_INVALID
**   "<ctx>: <pre><label> must be a mapping|a list|a value (got <describe>)". */
int rl_yaml_expect(const rl_yaml_doc_t *doc, const rl_yaml_node_t *n, rl_yaml_kind_t kind,
    const char *ctx, const char *pre, const char *label);

/* Check every key of o->map, in order, stopping at the first bad one (RL_ERR_INVALID):
**   not a scalar, a null or with a NUL   "<ctx>: keys must be names (got <describe>)"
**   the same text as an earlier key      "<ctx>: duplicate key '<pre><key>' (first on
**                                         line N); each key may appear once"
**   (allowed not NULL) not in allowed,
**     but in other (a sibling type's)    "<ctx>: <pre><key> is not a key of <what>
**                                         (allowed: <allowed joined>)"
**     otherwise                          "<ctx>: unknown key '<pre><key>' (allowed in
**                                         <what>: <allowed joined>)"
** allowed and other are NULL-terminated (other may be NULL). After this, every key of the
** mapping is a unique name, which the lookups below rely on. */
int rl_yaml_check_keys(const rl_yaml_doc_t *doc, const rl_yaml_obj_t *o,
    const char *const *allowed, const char *const *other, const char *what);

/* *out = the value of key in o (NULL if absent). Absent and required: RL_ERR_INVALID
** "<ctx>: missing required key '<pre><key>'" at the mapping. */
int rl_yaml_find(const rl_yaml_doc_t *doc, const rl_yaml_obj_t *o, const char *key,
    bool required, const rl_yaml_node_t **out);

/* Strict scalars of node n, which the message calls "<ctx>: <pre><key>". Each returns 0
** or RL_ERR_INVALID; *out is set only on success.
**   num_of   a plain scalar in the number syntax (rl_yaml_parse_double): "... must be a
**            number (got <describe>)", or "... must be a number in range (got ...)" when
**            it overflows. Noted.
**   int_of   the same for an int (rl_yaml_parse_int): "... must be an integer (got ...)",
**            "... must be an integer in range (got ...)". Noted.
**   bool_of  a plain true or false: "... must be true or false (got <describe>)". Noted.
**   str_of   a non-null scalar of any style, 1 to cap - 1 bytes, copied into out (cap
**            bytes): "... must be a string (got ...)", "... must not contain a NUL
**            character", "... must not be empty", "... must be at most <cap - 1>
**            characters (got ...)". Noted.
**   enum_of  one of words (NULL-terminated), any scalar style; *out = its index: "...
**            must be one of <words joined> (got ...)" ("must be <word>" for a single
**            word). Not noted (callers store a converted value). */
int rl_yaml_num_of(const rl_yaml_doc_t *doc, const rl_yaml_node_t *n, const char *ctx,
    const char *pre, const char *key, double *out);
int rl_yaml_int_of(const rl_yaml_doc_t *doc, const rl_yaml_node_t *n, const char *ctx,
    const char *pre, const char *key, int *out);
int rl_yaml_bool_of(const rl_yaml_doc_t *doc, const rl_yaml_node_t *n, const char *ctx,
    const char *pre, const char *key, bool *out);
int rl_yaml_str_of(const rl_yaml_doc_t *doc, const rl_yaml_node_t *n, const char *ctx,
    const char *pre, const char *key, char *out, size_t cap);
int rl_yaml_enum_of(const rl_yaml_doc_t *doc, const rl_yaml_node_t *n, const char *ctx,
    const char *pre, const char *key, const char *const *words, int *out);

/* The same for the value of key in o (rl_yaml_find, then the reader above with o's ctx and
** pre). An absent optional key leaves *out untouched and returns 0. */
int rl_yaml_get_num(const rl_yaml_doc_t *doc, const rl_yaml_obj_t *o, const char *key,
    bool required, double *out);
int rl_yaml_get_int(const rl_yaml_doc_t *doc, const rl_yaml_obj_t *o, const char *key,
    bool required, int *out);
int rl_yaml_get_bool(const rl_yaml_doc_t *doc, const rl_yaml_obj_t *o, const char *key,
    bool required, bool *out);
int rl_yaml_get_str(const rl_yaml_doc_t *doc, const rl_yaml_obj_t *o, const char *key,
    bool required, char *out, size_t cap);
int rl_yaml_get_enum(const rl_yaml_doc_t *doc, const rl_yaml_obj_t *o, const char *key,
    bool required, const char *const *words, int *out);

/* A nested mapping: the value of key in o, which must be a mapping (rl_yaml_expect with
** label key). *sub = that object, with o's ctx and the key path prefix pre
** ("schedule."); sub->map is NULL when an optional key is absent. */
int rl_yaml_get_map(const rl_yaml_doc_t *doc, const rl_yaml_obj_t *o, const char *key,
    bool required, const char *pre, rl_yaml_obj_t *sub);

#endif
