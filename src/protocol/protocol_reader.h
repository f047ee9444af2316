/* protocol_reader.h -- what the protocol's YAML files share on top of the YAML adapter
** (not public API; only files of src/protocol include it).
**
** The text is read with the YAML adapter (core/yaml_doc.h: a document, its nodes and the
** standard readers, which raise errors naming the file, line and column). An rd_reader_t
** adds what protocol and screen files need: the rl_protocol_t being filled and the source
** map of where each stored value came from (so the validator, protocol.c, can point at a
** bad value). Every "noted" reader of the adapter notes into that map. All functions
** return 0 or an rl_error code.
**
**   protocol_yaml.c      the top level: reinforcers, procedures, phases, groups
**   protocol_triggers.c  a phase's relapse triggers and drugs: treatments, stress,
**                        non-contingent cues
**   protocol_place.c     place-preference phases (conditioning, tests)
**   screen_yaml.c        screen files, which reuse the phase's trigger keys
*/
#ifndef RL_PROTOCOL_READER_H
#define RL_PROTOCOL_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/yaml_doc.h"
#include "protocol_internal.h"

typedef struct rd_reader {
    rl_yaml_doc_t *doc;      /* NULL until rd_load() */
    const char *file;        /* name for messages */
    rl_error_t *err;
    rl_srcmap_t src;
    rl_protocol_t *p;
    bool single_procedure;   /* the `phases` form: groups may omit `procedure` */
} rd_reader_t;

/* What an active response delivers: deliver_reinforcer, deliver_cue (in this order). */
extern const char *const rd_response_words[];

/* Load text (len bytes) into r->doc (rl_yaml_load; what names the kind of file in the
** message about a second document, "a screen file") and note every value the adapter
** stores into r->src. On success release with rd_done(); on error there is nothing to
** release but r->src. */
int rd_load(rd_reader_t *r, const char *text, size_t len, const char *what);

/* Release r->doc and r->src (safe twice, and after a failed rd_load). */
void rd_done(rd_reader_t *r);

/* Note that field (inside r->p) came from node n. */
int rd_note(rd_reader_t *r, const void *field, const rl_yaml_node_t *n);

/* Resolve t->drug and t->route against the drug table (index fields), or fail at n. */
int rd_resolve_drug(rd_reader_t *r, const rl_yaml_node_t *n, rl_treatment_t *t,
    const char *ctx);

/* A phase's trigger and drug keys (protocol_triggers.c): `treatments` (a list),
** `stress` (a list) and `noncontingent_cues` (a mapping), each optional. */
int rd_read_triggers(rd_reader_t *r, rl_phase_t *ph, const rl_yaml_obj_t *o);

/* The rest of a place-preference phase (protocol_place.c) whose name and kind are read:
** session_min, sessions (a number), pairing (conditioning), abstinence_days and the trigger
** keys; a key of operant phases (operant_keys) is refused as "not a key of a place
** phase". The operant fields get neutral values (FR 1, no cue, nothing delivered). */
int rd_read_place_phase(rd_reader_t *r, rl_phase_t *ph, const rl_yaml_obj_t *o,
    const char *const *operant_keys);

#endif
