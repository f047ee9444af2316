/* claims_internal.h -- the state shared by the claims-file reader's three parts:
** claims_yaml.c (the file, magnitudes, names of the enums), claims_check.c (a check: its
** contrast, fields and their coherence) and claims_measure.c (a measure and the names it
** resolves in the protocol). Not a public header.
*/
#ifndef RL_PROTOCOL_CLAIMS_INTERNAL_H
#define RL_PROTOCOL_CLAIMS_INTERNAL_H

#include "core/yaml_doc.h"
#include "relapselab/claims.h"

typedef struct rl_claims_reader {
    rl_yaml_doc_t *doc;
    rl_claims_t *c;
    const char *dir;         /* for the protocol path */
    rl_error_t *err;
} rl_claims_reader_t;

/* The words of the enums of claims.h, NULL-terminated (claims_yaml.c). */
extern const char *const rl_claims_test_words[];
extern const char *const rl_claims_expect_words[];
extern const char *const rl_claims_role_words[];
extern const char *const rl_claims_statistic_words[];

/* *out = the index of the group named by scalar n, or an error at n naming the groups. */
int rl_claims_group_of(rl_claims_reader_t *r, const rl_yaml_node_t *n, const char *ctx,
    int *out);

/* The list `list` (of key `key`) of min..max group names into out[0..*n). */
int rl_claims_group_list(rl_claims_reader_t *r, const rl_yaml_node_t *list, const char *ctx,
    const char *key, int min, int max, int *out, int *n);

/* Phase `phase` (a phase name, else a phase kind: its first phase) of group g's procedure,
** or -1. */
int rl_claims_phase_of(const rl_protocol_t *p, int g, const char *phase);

/* The measure mapping of key `key` ("measure", "baseline") in o into m; every group of
** groups[0..ng) (-1 entries skipped) must have its phases. With phase_optional the
** measure's phase may be left out (its phases are then given elsewhere: a series of
** phases). */
int rl_claims_read_measure(rl_claims_reader_t *r, const rl_yaml_obj_t *o, const char *key,
    const char *ctx, rl_claim_measure_t *m, const int *groups, int ng, bool phase_optional);

/* A phase name of key `what` at node n must exist in every group of groups[0..ng). */
int rl_claims_check_phase(rl_claims_reader_t *r, const rl_yaml_node_t *n, const char *ctx,
    const char *what, const char *phase, const int *groups, int ng);

/* The list [low, high] of key `key` of o into out[0..2), low < high: 0, or an error at the
** node naming ctx and the problem (not a list of two numbers, low >= high). The key must be
** present (the caller decides whether it is wanted). */
int rl_claims_read_bounds(rl_claims_reader_t *r, const rl_yaml_obj_t *o, const char *ctx,
    const char *key, double out[2]);

/* One check (the node of item `index` of checks) into c. */
int rl_claims_read_check(rl_claims_reader_t *r, const rl_yaml_node_t *node, size_t index,
    rl_claim_check_t *c);

#endif
