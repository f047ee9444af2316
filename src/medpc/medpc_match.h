/* medpc_match.h -- a profile's match: section, read from its YAML (internal to src/medpc;
** the rules are evaluated by rl_medpc_profile_match_rules, relapselab/medpc_profile.h).
*/
#ifndef RL_MEDPC_MATCH_H
#define RL_MEDPC_MATCH_H

#include "relapselab/medpc_profile.h"
#include "core/yaml_doc.h"

/* Read node -- a mapping from the field names of RL_PROFILE_MATCH_FIELDS to a glob or a
** list of globs -- into p->match. 0, or RL_ERR_INVALID naming the profile file, line and
** problem (an unknown field, a glob that is not text or longer than 63 bytes, too many). */
int rl_medpc_match_read(rl_medpc_profile_t *p, const rl_yaml_doc_t *doc,
    const rl_yaml_node_t *node);

#endif
