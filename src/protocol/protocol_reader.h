/* protocol_reader.h -- the YAML node reader shared by the protocol's parsing files (not
** public API; only files of src/protocol include it, and only they include <yaml.h>).
**
** The whole text is a libyaml document; an rd_reader_t walks its nodes into the caller's
** rl_protocol_t. Every helper here enforces one rule about the *text* -- node shapes,
** unknown / duplicate / missing keys, strict numbers, enum words -- raises errors that
** name the file, line and column, and notes where each stored value came from (so the
** validator, protocol.c, can point at a bad value). All return 0 or an rl_error code.
**
**   protocol_yaml.c      the top level: reinforcers, procedures, phases, groups
**   protocol_triggers.c  a phase's relapse triggers and drugs: treatments, stress,
**                        non-contingent cues
**   protocol_place.c     place-preference phases (conditioning, tests)
*/
#ifndef RL_PROTOCOL_READER_H
#define RL_PROTOCOL_READER_H

#include <stdbool.h>
#include <stddef.h>

#include <yaml.h>

#include "protocol_internal.h"

typedef struct rd_reader {
    yaml_document_t doc;
    const char *file;        /* name for messages */
    rl_error_t *err;
    rl_srcmap_t src;
    rl_protocol_t *p;
    bool single_procedure;   /* the `phases` form: groups may omit `procedure` */
} rd_reader_t;

/* A mapping being read, with the message context ("phase 'test' of procedure 'cocaine'")
** and the key path prefix of nested mappings ("schedule."). */
typedef struct rd_obj {
    yaml_node_t *map;
    const char *ctx;
    const char *pre;
} rd_obj_t;

/* 1-based line and column of n (line 1, column 0 for NULL). */
long rd_line_of(const yaml_node_t *n);
long rd_col_of(const yaml_node_t *n);

/* Raise code at node n (NULL: line 1 of the file) with a printf-style message. */
int rd_rfail(const rd_reader_t *r, const yaml_node_t *n, int code, const char *fmt, ...)
    RL_PRINTF_LIKE(4, 5);

/* Note that field (inside r->p) came from node n. */
int rd_note(rd_reader_t *r, const void *field, const yaml_node_t *n);

/* Node id of the document; the text of a scalar node. */
yaml_node_t *rd_node_at(rd_reader_t *r, int id);
const char *rd_text_of(const yaml_node_t *n);

/* A null node (empty, ~, null). */
bool rd_is_null(const yaml_node_t *n);

/* What n is, for "(got ...)": a list, a mapping, nothing, 1.5, 'text', "quoted". */
const char *rd_describe(const yaml_node_t *n, char *buf, size_t cap);

/* Require n to be of type t; label names it ("schedule", "procedure 'cocaine'"). */
int rd_expect(const rd_reader_t *r, const yaml_node_t *n, yaml_node_type_t t, const char *ctx,
    const char *pre, const char *label);

/* The value of key in o->map, or NULL (*key_node, if not NULL, gets the key's node). */
yaml_node_t *rd_lookup(rd_reader_t *r, const rd_obj_t *o, const char *key,
    yaml_node_t **key_node);

/* Keys of o->map must be non-null scalars, unique, and (unless allowed is NULL) in
** allowed; a key of other is reported as "not a key of <what>". */
int rd_check_keys(rd_reader_t *r, const rd_obj_t *o, const char *const *allowed,
    const char *const *other, const char *what);

/* The value of key (*out = NULL if absent), an error if required and absent. */
int rd_find(rd_reader_t *r, const rd_obj_t *o, const char *key, bool required,
    yaml_node_t **out);

/* A plain scalar that is a number (d != NULL) or an integer (i != NULL), strictly; noted. */
int rd_number_of(rd_reader_t *r, yaml_node_t *n, const char *ctx, const char *pre,
    const char *key, double *d, int *i);

/* A non-empty string of at most cap - 1 bytes, any scalar style; noted. */
int rd_str_of(rd_reader_t *r, yaml_node_t *n, const char *ctx, const char *pre,
    const char *key, char *out, size_t cap);

/* One of words (NULL-terminated); *out = its index. Not noted. */
int rd_enum_of(rd_reader_t *r, yaml_node_t *n, const char *ctx, const char *pre,
    const char *key, const char *const *words, int *out);

/* The same, looked up in o; absent optional keys leave *out untouched. */
int rd_get_num(rd_reader_t *r, const rd_obj_t *o, const char *key, bool required, double *out);
int rd_get_int(rd_reader_t *r, const rd_obj_t *o, const char *key, bool required, int *out);
int rd_get_str(rd_reader_t *r, const rd_obj_t *o, const char *key, bool required, char *out,
    size_t cap);
int rd_get_enum(rd_reader_t *r, const rd_obj_t *o, const char *key, bool required,
    const char *const *words, int *out);

/* A nested mapping value of o (present when required); *sub = its object (map NULL if
** absent), with key path prefix pre. */
int rd_get_map(rd_reader_t *r, const rd_obj_t *o, const char *key, bool required,
    const char *pre, rd_obj_t *sub);

/* Resolve t->drug and t->route against the drug table (index fields), or fail at n. */
int rd_resolve_drug(rd_reader_t *r, const yaml_node_t *n, rl_treatment_t *t, const char *ctx);

/* Parse text (len bytes) into r->doc: one YAML document, or an error naming r->file
** (RL_ERR_PARSE for a syntax error, RL_ERR_INVALID for a second document; what names the
** kind of file in that message, "a screen file"). On success the caller releases r->doc
** with yaml_document_delete(); on error there is nothing to release. */
int rd_load_document(rd_reader_t *r, const char *text, size_t len, const char *what);

/* A phase's trigger and drug keys (protocol_triggers.c): `treatments` (a list),
** `stress` (a list) and `noncontingent_cues` (a mapping), each optional. */
int rd_read_triggers(rd_reader_t *r, rl_phase_t *ph, const rd_obj_t *o);

/* The rest of a place-preference phase (protocol_place.c) whose name and kind are read:
** session_min, sessions (a number), pairing (conditioning), abstinence_days and the trigger
** keys; a key of operant phases (operant_keys) is refused as "not a key of a place
** phase". The operant fields get neutral values (FR 1, no cue, nothing delivered). */
int rd_read_place_phase(rd_reader_t *r, rl_phase_t *ph, const rd_obj_t *o,
    const char *const *operant_keys);

#endif
