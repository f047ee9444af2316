/* medpc_match.c -- a profile's match: section: reading it from the profile's YAML and
** testing it against a session (see medpc_match.h and rl_medpc_profile_match_rules).
**
** Every field listed must hold (AND); a field holds when the session's value matches one of
** its globs (OR), with fnmatch() and no flags, case-sensitive. File and filename are
** compared by their base name (after the last '/' or '\'), as the profile's `files` are; a
** header the session lacks, or an empty one, never matches.
*/
#include "medpc_match.h"
#include "medpc_internal.h"

#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

#define KEY_(id, key, header) key,
#define HEADER_(id, key, header) header,
static const char *const match_keys[] = {RL_PROFILE_MATCH_FIELDS(KEY_) NULL};
static const char *const match_headers[] = {RL_PROFILE_MATCH_FIELDS(HEADER_) NULL};
#undef KEY_
#undef HEADER_

static int
read_glob(rl_medpc_profile_t *p, const rl_yaml_doc_t *doc, const rl_yaml_node_t *n, int field)
{
    const char *s = rl_yaml_text(n);
    rl_profile_match_t *m = &p->match;
    if (s == NULL || s[0] == '\0' || strlen(s) >= sizeof m->globs[0][0]) {
        return rl_yaml_fail(doc, n, RL_ERR_INVALID, "match: %s: a glob must be a text of 1 "
            "to %zu characters", match_keys[field], sizeof m->globs[0][0] - 1);
    }
    if (m->n[field] == RL_PROFILE_MAX_MATCH) {
        return rl_yaml_fail(doc, n, RL_ERR_INVALID, "match: %s: at most %d globs",
            match_keys[field], RL_PROFILE_MAX_MATCH);
    }
    snprintf(m->globs[field][m->n[field]++], sizeof m->globs[0][0], "%s", s);
    return 0;
}

int
rl_medpc_match_read(rl_medpc_profile_t *p, const rl_yaml_doc_t *doc,
    const rl_yaml_node_t *node)
{
    char keys[160];
    size_t i, j;
    int ret;

    if (rl_yaml_kind(node) != RL_YAML_MAP) {
        return rl_yaml_fail(doc, node, RL_ERR_INVALID, "match: must be a mapping of header "
            "fields to globs (%s)", rl_yaml_join(match_keys, keys, sizeof keys));
    }
    for (i = 0; i < rl_yaml_count(node); i++) {
        const rl_yaml_node_t *k = rl_yaml_key(doc, node, i), *v = rl_yaml_value(doc, node, i);
        int field = rl_yaml_word(k, match_keys);
        if (field < 0) {
            return rl_yaml_fail(doc, k, RL_ERR_INVALID, "match: unknown field '%s' (allowed: "
                "%s)", rl_yaml_text(k) != NULL ? rl_yaml_text(k) : "?",
                rl_yaml_join(match_keys, keys, sizeof keys));
        }
        if (p->match.n[field] > 0) {
            return rl_yaml_fail(doc, k, RL_ERR_INVALID, "match: field '%s' given twice",
                match_keys[field]);
        }
        if (rl_yaml_kind(v) == RL_YAML_LIST) {
            if (rl_yaml_count(v) == 0) {
                return rl_yaml_fail(doc, v, RL_ERR_INVALID, "match: %s: an empty list "
                    "matches nothing", match_keys[field]);
            }
            for (j = 0; j < rl_yaml_count(v); j++) {
                if ((ret = read_glob(p, doc, rl_yaml_item(doc, v, j), field)) != 0) {
                    return ret;
                }
            }
        } else if ((ret = read_glob(p, doc, v, field)) != 0) {
            return ret;
        }
    }
    return 0;
}

bool
rl_medpc_profile_match_rules(const rl_medpc_profile_t *p, const rl_medpc_session_t *s,
    const char *path)
{
    int f, k;
    for (f = 0; f < RL_MATCH_COUNT; f++) {
        const char *v;
        bool any = false;
        if (p->match.n[f] == 0) {
            continue;
        }
        v = match_headers[f] != NULL ? rl_medpc_session_header(s, match_headers[f]) : path;
        if (v == NULL || v[0] == '\0') {
            return false;
        }
        if (f == RL_MATCH_FILE || f == RL_MATCH_FILENAME) {
            v = rl_medpc_base_name(v);
        }
        for (k = 0; k < p->match.n[f] && !any; k++) {
            any = fnmatch(p->match.globs[f][k], v, 0) == 0;
        }
        if (!any) {
            return false;
        }
    }
    return true;
}
