/* protocol_internal.h -- what the YAML reader and the validator share (not public API).
**
** Loading a protocol is two steps with a plain-data boundary between them:
**
**   protocol_yaml.c  text -> rl_protocol_t. Everything about the *text*: YAML syntax, the
**                    shape of each node (mapping, list, scalar), unknown / duplicate /
**                    missing keys, strict number syntax, enum words, name references that
**                    the struct stores as indices (group -> reinforcer, procedure) and the
**                    format's defaults. It reads the text through the YAML adapter
**                    (core/yaml_doc.h), the only module that talks to libyaml.
**   protocol.c       rl_protocol_validate(): every rule about the *values* (ranges,
**                    plausibility, strictly increasing PR series, phases that cannot end,
**                    criterion references, unique names, genotypes). It works on the struct
**                    alone, so a protocol built in code is checked by the same rules.
**
** To let the validator point at the exact line and column of a bad value, the reader
** records where each field it stores came from in an rl_srcmap_t, keyed by the address of
** the field inside the rl_protocol_t being filled (the struct does not move during a
** load). A field with no note (a default, or a protocol built in code) is reported at the
** line of the object that holds it (src_line).
*/
#ifndef RL_PROTOCOL_INTERNAL_H
#define RL_PROTOCOL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "relapselab/error.h"
#include "relapselab/protocol.h"

#if defined(__GNUC__)
#define RL_PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define RL_PRINTF_LIKE(f, a)
#endif

/* The format's limits are the table of include/relapselab/protocol_limits.h. */
#define RL_MAX_PROTOCOL_BYTES ((long) RL_MAX_PROTOCOL_MIB * 1024 * 1024) /* a protocol is kB */

/* Read the whole file at path into *out (malloc'd, NUL-terminated, *out_len bytes without
** the NUL). Returns 0, RL_ERR_IO (message names path and strerror), RL_ERR_INVALID (larger
** than RL_MAX_PROTOCOL_BYTES) or RL_ERR_NOMEM; on error *out is NULL. */
int rl_read_file(const char *path, char **out, size_t *out_len, rl_error_t *err);

/* Where one field of the protocol came from (1-based line and column). */
typedef struct rl_src_note {
    const void *field;
    long line;
    long col;
} rl_src_note_t;

/* The notes of one load. Zero-initialise; release with rl_srcmap_free(). */
typedef struct rl_srcmap {
    rl_src_note_t *notes;
    size_t n;
    size_t cap;
} rl_srcmap_t;

/* Record that field came from line:col (a later note for the same field wins). Returns 0
** or RL_ERR_NOMEM (err is not touched: the caller raises it). */
int rl_srcmap_note(rl_srcmap_t *self, const void *field, long line, long col);

/* The note of field, or NULL if there is none. self may be NULL. */
const rl_src_note_t *rl_srcmap_find(const rl_srcmap_t *self, const void *field);

/* Release the notes; safe on a zeroed map and twice. */
void rl_srcmap_free(rl_srcmap_t *self);

/* Check every value rule of the format on self and resolve what is resolved by name:
** groups[].genotype_id (rl_genotype_find) and phases[].criterion.reference_phase_id.
** src (may be NULL) locates the values for messages; file names the source in err.
** Returns 0, or RL_ERR_INVALID with err set to the first problem found (objects in
** document order: protocol, reinforcers, procedures and their phases, groups). */
int rl_protocol_validate(rl_protocol_t *self, const rl_srcmap_t *src, const char *file,
    rl_error_t *err);

#endif
