/* medpc_profile.c -- decoding profiles: YAML text -> rl_medpc_profile_t.
**
** Design. The YAML is loaded with the YAML adapter (core/yaml_doc.h) and walked top-down;
** every key is checked against the list allowed for its object, so a misspelt key is an
** error with its line, not a silently ignored setting. Values are checked as they are read
** (known event kinds, array letters A..Z, positive units, ...). The format is documented in
** docs/MEDPC.md ("Writing a profile"); shipped profiles live in profiles/.
**
** The format keeps its own wording and leniency, older than the protocol's (the helpers
** below, over the adapter's queries): short messages, C numbers (strtod), quoted numbers
** and words, texts that may be empty and end at a NUL, duplicate keys (the first counts).
*/
#include "relapselab/medpc_profile.h"

#include <errno.h>
#include <fnmatch.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/slurp.h"
#include "core/yaml_doc.h"
#include "medpc_match.h"
#include "medpc_internal.h"
#include "relapselab/results.h"
#include "core/alloc.h"

typedef struct reader {
    rl_yaml_doc_t *doc;
    const char *file;
    rl_error_t *err;
    rl_medpc_profile_t *p;
} reader_t;

static const char *const top_keys[] = {"profile", "description", "programs", "files",
    "encoding",
    "codes", "times", "arrays", "code_scale", "time_unit", "time_base", "skip_zero",
    "events", "noncontingent", "timeout", "duration", "checks", "reinforcer", "phases",
    "phase_var", "breakpoint_var", "match", NULL};
static const char *const event_keys[] = {"kind", "in_timeout", "label", NULL};
static const char *const timeout_keys[] = {"start", "end", "marks", NULL};
static const char *const duration_keys[] = {"var", "unit", NULL};
static const char *const check_entry_keys[] = {"kind", "var", NULL};
static const char *const reinforcer_keys[] = {"name", "type", "drug", "dose_mg_per_kg",
    "infusion_s", "pellet_mg", NULL};
static const char *const phase_keys[] = {"name", "kind", "programs", "ratio",
    "progressive_ratio", "session_min", "timeout_s", NULL};
/* Words from the X-macro lists of medpc_profile.h, protocol.h and results.h. A profile's
** phase kinds are the operant ones (a MED-PC session has an operandum). */
static const char *const encodings[] = {RL_MEDPC_ENCODINGS(RL_X_NAME_) NULL};
static const char *const phase_kinds[] = {RL_PHASE_KINDS(RL_X_NAME_) NULL};
static const char *const reinforcer_types[] = {RL_REINFORCER_KINDS(RL_X_NAME_) NULL};
static const char *const event_kinds[] = {RL_EVENT_KINDS(RL_X_NAME_) NULL};
static const char *const bool_words[] = {"false", "true", NULL};

static int
fail(const reader_t *r, const rl_yaml_node_t *n, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return n != NULL ? rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s", msg) /* NULL: line 0 */
                     : rl_error_set(r->err, RL_ERR_INVALID, r->file, 0, 0, "%s", msg);
}

/* The value of key in map (the first such key), or NULL. */
static const rl_yaml_node_t *
get(const reader_t *r, const rl_yaml_node_t *map, const char *key)
{
    return rl_yaml_lookup(r->doc, map, key, NULL);
}

/* Check that every key of map is in allowed. */
static int
check_keys(const reader_t *r, const rl_yaml_node_t *map, const char *const *allowed,
    const char *what)
{
    size_t i;
    for (i = 0; i < rl_yaml_count(map); i++) {
        const rl_yaml_node_t *k = rl_yaml_key(r->doc, map, i);
        if (rl_yaml_text(k) == NULL) {
            return fail(r, k, "%s: keys must be plain words", what);
        }
        if (rl_yaml_word(k, allowed) < 0) {
            return fail(r, k, "%s: unknown key '%s'", what, rl_yaml_text(k));
        }
    }
    return 0;
}

static int
get_number(const reader_t *r, const rl_yaml_node_t *n, const char *what, double *out)
{
    const char *s = rl_yaml_text(n);
    char *end;
    if (s == NULL) {
        return fail(r, n, "%s must be a number", what);
    }
    errno = 0;
    *out = strtod(s, &end);
    if (end == s || *end != '\0' || errno != 0 || !isfinite(*out)) {
        return fail(r, n, "%s must be a number (got '%s')", what, s);
    }
    return 0;
}

static int
get_text(const reader_t *r, const rl_yaml_node_t *n, const char *what, char *out, size_t cap)
{
    const char *s = rl_yaml_text(n);
    if (s == NULL || strlen(s) >= cap) {
        return fail(r, n, "%s must be a text of at most %zu characters", what, cap - 1);
    }
    snprintf(out, cap, "%s", s);
    return 0;
}

/* n is not one of words. */
static int
not_a_word(const reader_t *r, const rl_yaml_node_t *n, const char *what,
    const char *const *words)
{
    const char *s = rl_yaml_text(n);
    return fail(r, n, "%s must be one of %s, %s, ... (got '%s')", what, words[0], words[1],
        s != NULL ? s : "a list or mapping");
}

static int
get_word(const reader_t *r, const rl_yaml_node_t *n, const char *what,
    const char *const *words, int *out)
{
    int i = rl_yaml_word(n, words);
    if (i < 0) {
        return not_a_word(r, n, what, words);
    }
    *out = i;
    return 0;
}

static int
get_bool(const reader_t *r, const rl_yaml_node_t *n, const char *what, bool *out)
{
    int i = rl_yaml_word(n, bool_words);
    if (i < 0) {
        return fail(r, n, "%s must be true or false", what);
    }
    *out = i == 1;
    return 0;
}

/* Optional keys: the value of key in map read as above (what names it in messages); an
** absent key leaves *out untouched. */
static int
opt_number(const reader_t *r, const rl_yaml_node_t *map, const char *key, const char *what,
    double *out)
{
    const rl_yaml_node_t *x = get(r, map, key);
    return x == NULL ? 0 : get_number(r, x, what, out);
}

static int
opt_text(const reader_t *r, const rl_yaml_node_t *map, const char *key, const char *what,
    char *out, size_t cap)
{
    const rl_yaml_node_t *x = get(r, map, key);
    return x == NULL ? 0 : get_text(r, x, what, out, cap);
}

static int
opt_bool(const reader_t *r, const rl_yaml_node_t *map, const char *key, bool *out)
{
    const rl_yaml_node_t *x = get(r, map, key);
    return x == NULL ? 0 : get_bool(r, x, key, out);
}

/* An array letter A..Z. */
static int
get_letter(const reader_t *r, const rl_yaml_node_t *n, const char *what, char *out)
{
    const char *s = rl_yaml_text(n);
    if (s == NULL || strlen(s) != 1 || s[0] < 'A' || s[0] > 'Z') {
        return fail(r, n, "%s must be a MED-PC variable letter A-Z", what);
    }
    *out = s[0];
    return 0;
}

/* An event kind name (rl_event_kind_t, not session_start). */
static int
get_kind(const reader_t *r, const rl_yaml_node_t *n, const char *what, int *out)
{
    int k = rl_yaml_word(n, event_kinds);
    if (k >= 0 && k != RL_EV_SESSION_START) {
        *out = k;
        return 0;
    }
    return fail(r, n, "%s: unknown event kind '%s' (poke_active, poke_inactive, "
        "infusion_start, infusion_end, pellet, liquid, cue_on, cue_off, timeout_end, head_entry, "
        "session_end or other)", what, rl_yaml_text(n) != NULL ? rl_yaml_text(n) : "?");
}

/* A sequence of scalars into patterns (globs) or numbers. */
static int
get_patterns(const reader_t *r, const rl_yaml_node_t *n, const char *what, char (*out)[64],
    int cap, int *count)
{
    size_t i;
    *count = 0;
    if (rl_yaml_kind(n) != RL_YAML_LIST) {
        return fail(r, n, "%s must be a list of program-name patterns", what);
    }
    for (i = 0; i < rl_yaml_count(n); i++) {
        if (*count == cap) {
            return fail(r, n, "%s: at most %d patterns", what, cap);
        }
        if (get_text(r, rl_yaml_item(r->doc, n, i), what, out[*count], 64) != 0) {
            return r->err->code;
        }
        (*count)++;
    }
    return 0;
}

static int
get_codes(const reader_t *r, const rl_yaml_node_t *n, const char *what, double *out,
    int *count)
{
    size_t i;
    *count = 0;
    if (rl_yaml_kind(n) != RL_YAML_LIST) {
        return fail(r, n, "%s must be a list of codes", what);
    }
    for (i = 0; i < rl_yaml_count(n); i++) {
        if (*count == RL_PROFILE_MAX_CODES) {
            return fail(r, n, "%s: at most %d codes", what, RL_PROFILE_MAX_CODES);
        }
        if (get_number(r, rl_yaml_item(r->doc, n, i), what, &out[*count]) != 0) {
            return r->err->code;
        }
        (*count)++;
    }
    return 0;
}

static int
read_events(reader_t *r, const rl_yaml_node_t *map)
{
    rl_medpc_profile_t *p = r->p;
    bool by_array = p->encoding == RL_ENC_TIMESTAMP_ARRAYS;
    size_t e;

    if (rl_yaml_kind(map) != RL_YAML_MAP) {
        return fail(r, map, "events must be a mapping of %s to event kinds",
            by_array ? "array letters" : "codes");
    }
    for (e = 0; e < rl_yaml_count(map); e++) {
        const rl_yaml_node_t *k = rl_yaml_key(r->doc, map, e);
        const rl_yaml_node_t *v = rl_yaml_value(r->doc, map, e);
        rl_profile_map_t *m;
        int i, ret;
        if (p->n_map == RL_PROFILE_MAX_MAP) {
            return fail(r, k, "events: at most %d entries", RL_PROFILE_MAX_MAP);
        }
        m = &p->map[p->n_map];
        memset(m, 0, sizeof *m);
        m->line = rl_yaml_line(k);
        ret = by_array ? get_letter(r, k, "events key", &m->array)
                       : get_number(r, k, "event code", &m->code);
        if (ret != 0) {
            return ret;
        }
        for (i = 0; i < p->n_map; i++) {
            if (by_array ? p->map[i].array == m->array : p->map[i].code == m->code) {
                return fail(r, k, "events: '%s' is listed twice (first at line %ld)",
                    rl_yaml_text(k), p->map[i].line);
            }
        }
        if (rl_yaml_kind(v) == RL_YAML_SCALAR) {
            ret = get_kind(r, v, "events", &m->kind);
        } else if (rl_yaml_kind(v) == RL_YAML_MAP) {
            const rl_yaml_node_t *x;
            if ((ret = check_keys(r, v, event_keys, "event")) != 0) {
                return ret;
            }
            if ((x = get(r, v, "kind")) == NULL) {
                return fail(r, v, "event '%s' needs a kind", rl_yaml_text(k));
            }
            if ((ret = get_kind(r, x, "events", &m->kind)) == 0
                && (ret = opt_bool(r, v, "in_timeout", &m->in_timeout)) == 0) {
                ret = opt_text(r, v, "label", "label", m->label, sizeof m->label);
            }
        } else {
            ret = fail(r, v, "event '%s' must be a kind or a mapping", rl_yaml_text(k));
        }
        if (ret != 0) {
            return ret;
        }
        p->n_map++;
    }
    return 0;
}

/* noncontingent: [codes] (timestamp_arrays: [letters]): deliveries the program made
** without a response; each must be listed in events as a delivery. */
static int
read_noncontingent(reader_t *r, const rl_yaml_node_t *seq)
{
    rl_medpc_profile_t *p = r->p;
    bool by_array = p->encoding == RL_ENC_TIMESTAMP_ARRAYS;
    size_t i;
    for (i = 0; rl_yaml_kind(seq) == RL_YAML_LIST && i < rl_yaml_count(seq); i++) {
        const rl_yaml_node_t *n = rl_yaml_item(r->doc, seq, i);
        double code = 0;
        char a = 0;
        int k, ret = by_array ? get_letter(r, n, "noncontingent", &a)
                              : get_number(r, n, "noncontingent", &code);
        for (k = 0; ret == 0 && k < p->n_map
             && (by_array ? p->map[k].array != a : p->map[k].code != code); k++) {
        }
        if (ret != 0 || k == p->n_map || (p->map[k].kind != RL_EV_INFUSION_START
                && p->map[k].kind != RL_EV_PELLET && p->map[k].kind != RL_EV_LIQUID)) {
            return ret != 0 ? ret : fail(r, n, "noncontingent: '%s' must be listed in events "
                "as a delivery (infusion_start, pellet or liquid)", rl_yaml_text(n));
        }
        p->map[k].noncontingent = true;
    }
    return rl_yaml_kind(seq) == RL_YAML_LIST ? 0
        : fail(r, seq, "noncontingent must be a list of %s", by_array ? "letters" : "codes");
}

/* "C(10)" or "H" into a check's var/index. */
static int
get_var_ref(const reader_t *r, const rl_yaml_node_t *n, char *var, int *index)
{
    const char *s = rl_yaml_text(n);
    char *end;
    long i;
    if (s == NULL) {
        return fail(r, n, "var must be like C(10) or H");
    }
    if (s[0] < 'A' || s[0] > 'Z') {
        return fail(r, n, "var must be like C(10) or H (got '%s')", s);
    }
    *var = s[0];
    *index = -1;
    if (s[1] == '\0') {
        return 0;
    }
    if (s[1] != '(' || (i = strtol(s + 2, &end, 10), end == s + 2) || strcmp(end, ")") != 0
        || i < 0 || i > 1000000) {
        return fail(r, n, "var must be like C(10) or H (got '%s')", s);
    }
    *index = (int) i;
    return 0;
}

static int
read_checks(reader_t *r, const rl_yaml_node_t *seq)
{
    size_t i;
    if (rl_yaml_kind(seq) != RL_YAML_LIST) {
        return fail(r, seq, "checks must be a list of {kind, var}");
    }
    for (i = 0; i < rl_yaml_count(seq); i++) {
        const rl_yaml_node_t *c = rl_yaml_item(r->doc, seq, i), *k, *v;
        rl_profile_check_t *ck;
        int ret;
        if (r->p->n_checks == RL_PROFILE_MAX_CHECKS) {
            return fail(r, c, "checks: at most %d", RL_PROFILE_MAX_CHECKS);
        }
        if (rl_yaml_kind(c) != RL_YAML_MAP) {
            return fail(r, c, "a check must be a mapping {kind: ..., var: ...}");
        }
        if ((ret = check_keys(r, c, check_entry_keys, "check")) != 0) {
            return ret;
        }
        if ((k = get(r, c, "kind")) == NULL || (v = get(r, c, "var")) == NULL) {
            return fail(r, c, "a check needs kind and var");
        }
        ck = &r->p->checks[r->p->n_checks];
        if ((ret = get_kind(r, k, "check", &ck->kind)) != 0
            || (ret = get_var_ref(r, v, &ck->var, &ck->index)) != 0) {
            return ret;
        }
        r->p->n_checks++;
    }
    return 0;
}

static int
read_reinforcer(reader_t *r, const rl_yaml_node_t *m)
{
    rl_reinforcer_t *rf = &r->p->reinforcer;
    const rl_yaml_node_t *x;
    int type = RL_REINFORCER_DRUG, ret;
    if (rl_yaml_kind(m) != RL_YAML_MAP) {
        return fail(r, m, "reinforcer must be a mapping");
    }
    if ((ret = check_keys(r, m, reinforcer_keys, "reinforcer")) != 0) {
        return ret;
    }
    if ((ret = opt_text(r, m, "name", "reinforcer name", rf->name, sizeof rf->name)) != 0
        || ((x = get(r, m, "type")) != NULL
            && (ret = get_word(r, x, "reinforcer type", reinforcer_types, &type)) != 0)) {
        return ret;
    }
    rf->kind = (rl_reinforcer_kind_t) type;
    if ((ret = opt_text(r, m, "drug", "drug", rf->drug, sizeof rf->drug)) != 0
        || (ret = opt_number(r, m, "dose_mg_per_kg", "dose_mg_per_kg", &rf->dose_mg_per_kg)) != 0
        || (ret = opt_number(r, m, "infusion_s", "infusion_s", &rf->infusion_s)) != 0
        || (ret = opt_number(r, m, "pellet_mg", "pellet_mg", &rf->pellet_mg)) != 0) {
        return ret;
    }
    if (rf->dose_mg_per_kg < 0 || rf->infusion_s < 0 || rf->pellet_mg < 0) {
        return fail(r, m, "reinforcer: doses and durations must be >= 0");
    }
    return 0;
}

static int
read_phase(reader_t *r, const rl_yaml_node_t *m, rl_profile_phase_t *ph)
{
    const rl_yaml_node_t *x;
    int kind = RL_PHASE_OTHER, ret;
    bool pr = false;
    double v;
    if (rl_yaml_kind(m) != RL_YAML_MAP) {
        return fail(r, m, "a phase must be a mapping");
    }
    if ((ret = check_keys(r, m, phase_keys, "phase")) != 0) {
        return ret;
    }
    ph->schedule.type = RL_SCHEDULE_FR;
    ph->schedule.ratio = 1;
    if ((ret = opt_text(r, m, "name", "phase name", ph->name, sizeof ph->name)) != 0) {
        return ret;
    }
    if ((x = get(r, m, "kind")) != NULL
        && ((kind = rl_yaml_word(x, phase_kinds)) < 0 || RL_PHASE_IS_PLACE(kind))) {
        return not_a_word(r, x, "phase kind", phase_kinds);
    }
    ph->kind = (rl_phase_kind_t) kind;
    if ((x = get(r, m, "programs")) != NULL
        && (ret = get_patterns(r, x, "phase programs", ph->patterns, RL_PROFILE_MAX_PATTERNS,
                &ph->n_patterns)) != 0) {
        return ret;
    }
    if ((x = get(r, m, "ratio")) != NULL) {
        if ((ret = get_number(r, x, "ratio", &v)) != 0) {
            return ret;
        }
        if (v < 1 || v > 1e6 || v != floor(v)) {
            return fail(r, x, "ratio must be a whole number >= 1");
        }
        ph->schedule.ratio = (int) v;
    }
    if ((ret = opt_bool(r, m, "progressive_ratio", &pr)) != 0) {
        return ret;
    }
    if (pr) { /* the series of Richardson & Roberts (1996), as the protocol's formula */
        ph->schedule.type = RL_SCHEDULE_PR;
        ph->schedule.pr_n = RL_MAX_PR_STEPS;
        ph->schedule.pr_from_formula = true;
        rl_pr_richardson_roberts(ph->schedule.pr_series, RL_MAX_PR_STEPS);
    }
    if ((ret = opt_number(r, m, "session_min", "session_min", &ph->session_min)) != 0
        || (ret = opt_number(r, m, "timeout_s", "timeout_s", &ph->timeout_s)) != 0) {
        return ret;
    }
    if (ph->session_min < 0 || ph->timeout_s < 0) {
        return fail(r, m, "phase: session_min and timeout_s must be >= 0");
    }
    return 0;
}

static int
read_phases(reader_t *r, const rl_yaml_node_t *seq)
{
    size_t i;
    if (rl_yaml_kind(seq) != RL_YAML_LIST) {
        return fail(r, seq, "phases must be a list");
    }
    for (i = 0; i < rl_yaml_count(seq); i++) {
        int ret;
        if (r->p->n_phases == RL_PROFILE_MAX_PHASES) {
            return fail(r, seq, "phases: at most %d", RL_PROFILE_MAX_PHASES);
        }
        if ((ret = read_phase(r, rl_yaml_item(r->doc, seq, i),
                 &r->p->phases[r->p->n_phases])) != 0) {
            return ret;
        }
        r->p->n_phases++;
    }
    return 0;
}

/* time_unit: s, ds, cs, ms, min, or a number of seconds per clock tick. */
static int
get_unit(const reader_t *r, const rl_yaml_node_t *n, double *out)
{
    static const char *const words[] = {"s", "ds", "cs", "ms", "min", NULL};
    static const double seconds[] = {1, 0.1, 0.01, 0.001, 60};
    int i = rl_yaml_word(n, words);
    if (i >= 0) {
        *out = seconds[i];
        return 0;
    }
    if (get_number(r, n, "time_unit", out) != 0 || !(*out >= RL_PROFILE_MIN_UNIT_S)
        || !(*out <= RL_PROFILE_MAX_UNIT_S)) {
        return fail(r, n, "time unit must be s, ds, cs, ms, min or seconds per tick from "
            "%g to %g", RL_PROFILE_MIN_UNIT_S, RL_PROFILE_MAX_UNIT_S);
    }
    return 0;
}

static int
read_arrays(reader_t *r, const rl_yaml_node_t *seq)
{
    size_t i;
    if (rl_yaml_kind(seq) != RL_YAML_LIST) {
        return fail(r, seq, "arrays must be a list of variable letters");
    }
    for (i = 0; i < rl_yaml_count(seq); i++) {
        int ret;
        if (r->p->n_arrays == RL_PROFILE_MAX_ARRAYS) {
            return fail(r, seq, "arrays: at most %d", RL_PROFILE_MAX_ARRAYS);
        }
        if ((ret = get_letter(r, rl_yaml_item(r->doc, seq, i), "arrays",
                 &r->p->arrays[r->p->n_arrays])) != 0) {
            return ret;
        }
        r->p->n_arrays++;
    }
    return 0;
}

/* The encoding's own keys, and their consistency. */
static int
read_encoding(reader_t *r, const rl_yaml_node_t *top)
{
    rl_medpc_profile_t *p = r->p;
    const rl_yaml_node_t *x;
    int enc = 0, ret;

    if ((x = get(r, top, "encoding")) == NULL) {
        return fail(r, top, "profile needs an encoding (parallel, time_dot_code, "
            "code_plus_time or timestamp_arrays)");
    }
    if ((ret = get_word(r, x, "encoding", encodings, &enc)) != 0) {
        return ret;
    }
    p->encoding = (rl_medpc_encoding_t) enc;
    if (p->encoding == RL_ENC_PARALLEL) {
        const rl_yaml_node_t *c = get(r, top, "codes"), *t = get(r, top, "times");
        if (c == NULL || t == NULL) {
            return fail(r, x, "encoding parallel needs codes: and times: (array letters)");
        }
        if ((ret = get_letter(r, c, "codes", &p->codes_array)) != 0
            || (ret = get_letter(r, t, "times", &p->times_array)) != 0) {
            return ret;
        }
    } else if (p->encoding != RL_ENC_TIMESTAMP_ARRAYS) {
        if ((x = get(r, top, "arrays")) == NULL) {
            return fail(r, top, "encoding %s needs arrays: [letters]", encodings[enc]);
        }
        if ((ret = read_arrays(r, x)) != 0) {
            return ret;
        }
    }
    if (p->encoding == RL_ENC_CODE_PLUS_TIME) {
        if ((x = get(r, top, "code_scale")) == NULL) {
            return fail(r, top, "encoding code_plus_time needs code_scale (e.g. 10000)");
        }
        if ((ret = get_number(r, x, "code_scale", &p->code_scale)) != 0) {
            return ret;
        }
        if (p->code_scale < 1) {
            return fail(r, x, "code_scale must be >= 1");
        }
    }
    return 0;
}

/* timeout: {marks: [codes]} and/or {start: [codes], end: [codes]}. */
static int
read_timeout(reader_t *r, const rl_yaml_node_t *x)
{
    rl_medpc_profile_t *p = r->p;
    const rl_yaml_node_t *s, *e;
    int ret = 0;

    if (rl_yaml_kind(x) != RL_YAML_MAP || (ret = check_keys(r, x, timeout_keys, "timeout")) != 0) {
        return ret != 0 ? ret : fail(r, x, "timeout must be {marks: [codes]} or "
            "{start: [codes], end: [codes]}");
    }
    s = get(r, x, "start");
    e = get(r, x, "end");
    if ((s == NULL) != (e == NULL)) {
        return fail(r, x, "timeout needs both start and end code lists");
    }
    if (s != NULL
        && ((ret = get_codes(r, s, "timeout start", p->timeout_start, &p->n_timeout_start)) != 0
            || (ret = get_codes(r, e, "timeout end", p->timeout_end, &p->n_timeout_end)) != 0)) {
        return ret;
    }
    if ((s = get(r, x, "marks")) != NULL
        && (ret = get_codes(r, s, "timeout marks", p->timeout_marks, &p->n_timeout_marks)) != 0) {
        return ret;
    }
    return 0;
}

/* duration: {var: H, unit: s}. */
static int
read_duration(reader_t *r, const rl_yaml_node_t *x)
{
    rl_medpc_profile_t *p = r->p;
    const rl_yaml_node_t *v, *u;
    int ret = 0;

    if (rl_yaml_kind(x) != RL_YAML_MAP
        || (ret = check_keys(r, x, duration_keys, "duration")) != 0) {
        return ret != 0 ? ret : fail(r, x, "duration must be {var: H, unit: s}");
    }
    if ((v = get(r, x, "var")) == NULL) {
        return fail(r, x, "duration needs var (a scalar letter)");
    }
    if ((ret = get_letter(r, v, "duration var", &p->duration_var)) != 0) {
        return ret;
    }
    p->duration_unit_s = 1.0;
    if ((u = get(r, x, "unit")) != NULL && (ret = get_unit(r, u, &p->duration_unit_s)) != 0) {
        return ret;
    }
    return 0;
}

static int
read_top(reader_t *r, const rl_yaml_node_t *top)
{
    rl_medpc_profile_t *p = r->p;
    const rl_yaml_node_t *x;
    int ret;

    if (rl_yaml_kind(top) != RL_YAML_MAP) { /* top is NULL for an empty document */
        return fail(r, top, "a profile must be a YAML mapping");
    }
    if ((ret = check_keys(r, top, top_keys, "profile")) != 0) {
        return ret;
    }
    if ((x = get(r, top, "profile")) == NULL || rl_yaml_is_null(x)
        || (rl_yaml_text(x) != NULL && rl_yaml_text(x)[0] == '\0')) {
        return fail(r, x != NULL ? x : top, "profile needs a name (profile: NAME)");
    }
    if ((ret = get_text(r, x, "profile", p->name, sizeof p->name)) != 0
        || (ret = read_encoding(r, top)) != 0) {
        return ret;
    }
    if ((x = get(r, top, "programs")) != NULL
        && (ret = get_patterns(r, x, "programs", p->programs, RL_PROFILE_MAX_PATTERNS,
                &p->n_programs)) != 0) {
        return ret;
    }
    if ((x = get(r, top, "files")) != NULL
        && (ret = get_patterns(r, x, "files", p->files, RL_PROFILE_MAX_PATTERNS,
                &p->n_files)) != 0) {
        return ret;
    }
    p->time_unit_s = 1.0;
    if ((x = get(r, top, "time_unit")) != NULL && (ret = get_unit(r, x, &p->time_unit_s)) != 0) {
        return ret;
    }
    if ((x = get(r, top, "time_base")) != NULL) {
        static const char *const bases[] = {"absolute", "relative", NULL};
        int b = 0;
        if ((ret = get_word(r, x, "time_base", bases, &b)) != 0) {
            return ret;
        }
        p->relative_times = b == 1;
    }
    /* a packed 0 is time 0 with code 0: MED-PC's padding of a DIM array, not an event */
    p->skip_zero = p->encoding == RL_ENC_CODE_PLUS_TIME || p->encoding == RL_ENC_TIME_DOT_CODE;
    if ((ret = opt_bool(r, top, "skip_zero", &p->skip_zero)) != 0) {
        return ret;
    }
    if ((x = get(r, top, "events")) == NULL) {
        return fail(r, top, "profile needs events: (what each code means)");
    }
    if ((ret = read_events(r, x)) != 0
        || ((x = get(r, top, "noncontingent")) != NULL && (ret = read_noncontingent(r, x)) != 0)) {
        return ret;
    }
    if (((x = get(r, top, "timeout")) != NULL && (ret = read_timeout(r, x)) != 0)
        || ((x = get(r, top, "duration")) != NULL && (ret = read_duration(r, x)) != 0)
        || ((x = get(r, top, "checks")) != NULL && (ret = read_checks(r, x)) != 0)) {
        return ret;
    }
    snprintf(p->reinforcer.name, sizeof p->reinforcer.name, "reinforcer");
    if ((x = get(r, top, "reinforcer")) != NULL && (ret = read_reinforcer(r, x)) != 0) {
        return ret;
    }
    if ((x = get(r, top, "phases")) != NULL && (ret = read_phases(r, x)) != 0) {
        return ret;
    }
    if ((x = get(r, top, "phase_var")) != NULL
        && (ret = get_letter(r, x, "phase_var", &p->phase_var)) != 0) {
        return ret;
    }
    if ((x = get(r, top, "breakpoint_var")) != NULL
        && (ret = get_letter(r, x, "breakpoint_var", &p->breakpoint_var)) != 0) {
        return ret;
    }
    if ((x = get(r, top, "match")) != NULL && (ret = rl_medpc_match_read(p, r->doc, x)) != 0) {
        return ret;
    }
    return 0;
}

int
rl_medpc_profile_parse(rl_medpc_profile_t *out, const char *text, size_t len,
    const char *name, rl_error_t *err)
{
    reader_t r;
    int ret;

    memset(out, 0, sizeof *out);
    memset(&r, 0, sizeof r);
    r.file = name != NULL ? name : "<profile>";
    r.err = err;
    r.p = out;
    if ((ret = rl_yaml_load_first(&r.doc, text, len, r.file, err)) != 0) {
        return ret;
    }
    ret = read_top(&r, rl_yaml_root(r.doc));
    rl_yaml_free(r.doc);
    if (ret == 0) {
        snprintf(out->path, sizeof out->path, "%s", r.file);
    }
    return ret;
}

/* Read a whole file into *out (NUL-terminated copy), reading at most RL_YAML_MAX_BYTES (a
** stream such as a FIFO has no size to ask for in advance). Returns 0, or an error. */
static int
slurp(const char *path, char **out, size_t *len, rl_error_t *err)
{
    int e, ret = rl_slurp(path, (size_t) RL_YAML_MAX_BYTES, out, len, &e);
    switch (ret) {
    case 0: return 0;
    case RL_ERR_INVALID:
        return rl_error_set(err, RL_ERR_INVALID, path, 0, 0, "larger than %d MiB (the limit of "
            "a YAML file): not a decoding profile", RL_YAML_MAX_MIB);
    case RL_ERR_NOMEM: return rl_error_set(err, RL_ERR_NOMEM, path, 0, 0, "out of memory");
    default:
        return rl_error_set(err, RL_ERR_IO, path, 0, 0, "cannot read profile: %s", strerror(e));
    }
}

/* Try <dir>/<name>.yaml for each dir of the colon-separated list; 0 when found. */
static int
find_in(const char *dirs, const char *name, char *out, size_t cap)
{
    const char *d = dirs;
    while (d != NULL && *d != '\0') {
        const char *colon = strchr(d, ':');
        size_t n = colon != NULL ? (size_t) (colon - d) : strlen(d);
        FILE *f;
        snprintf(out, cap, "%.*s/%s.yaml", (int) n, d, name);
        if ((f = fopen(out, "rb")) != NULL) {
            fclose(f);
            return 0;
        }
        d = colon != NULL ? colon + 1 : NULL;
    }
    return -1;
}

int
rl_medpc_profile_load(rl_medpc_profile_t *out, const char *name_or_path,
    const char *search_path, rl_error_t *err)
{
    char path[512];
    char *text;
    size_t len = 0;
    int ret;

    memset(out, 0, sizeof *out);
    snprintf(path, sizeof path, "%s", name_or_path);
    if (strchr(name_or_path, '/') == NULL && strstr(name_or_path, ".yaml") == NULL) {
        const char *env = getenv("RELAPSELAB_PROFILES");
        if ((search_path == NULL || find_in(search_path, name_or_path, path, sizeof path) != 0)
            && (env == NULL || find_in(env, name_or_path, path, sizeof path) != 0)
            && find_in(RL_PROFILE_DIRS, name_or_path, path, sizeof path) != 0) {
            return rl_error_set(err, RL_ERR_IO, name_or_path, 0, 0,
                "no profile of this name (looked in %s%s%s%s); give a path to a .yaml file",
                search_path != NULL ? search_path : "", search_path != NULL ? ":" : "",
                env != NULL ? env : "", RL_PROFILE_DIRS);
        }
    }
    if ((ret = slurp(path, &text, &len, err)) != 0) {
        return ret;
    }
    ret = rl_medpc_profile_parse(out, text, len, path, err);
    free(text);
    return ret;
}

static bool
match_any(const char (*patterns)[64], int n, const char *s)
{
    int i;
    for (i = 0; i < n; i++) {
        if (fnmatch(patterns[i], s, 0) == 0) {
            return true;
        }
    }
    return false;
}

/* The part of a Windows or POSIX path after the last separator. */
const char *
rl_medpc_base_name(const char *path)
{
    const char *b = path;
    for (; *path != '\0'; path++) {
        if (*path == '/' || *path == '\\') {
            b = path + 1;
        }
    }
    return b;
}

bool
rl_medpc_profile_matches(const rl_medpc_profile_t *p, const char *msn,
    const char *file_header, const char *path)
{
    const char (*files)[64] = (const char (*)[64]) p->files;
    if (p->n_programs > 0 && (msn == NULL || msn[0] == '\0'
            || !match_any((const char (*)[64]) p->programs, p->n_programs, msn))) {
        return false;
    }
    if (p->n_files == 0) {
        return true;
    }
    return (file_header != NULL && file_header[0] != '\0'
               && match_any(files, p->n_files, rl_medpc_base_name(file_header)))
        || (path != NULL && path[0] != '\0'
            && match_any(files, p->n_files, rl_medpc_base_name(path)));
}

const rl_profile_map_t *
rl_medpc_profile_find(const rl_medpc_profile_t *p, double code)
{
    int i;
    for (i = 0; i < p->n_map; i++) {
        if (p->map[i].array == 0 && p->map[i].code == code) {
            return &p->map[i];
        }
    }
    return NULL;
}

const rl_profile_phase_t *
rl_medpc_profile_phase(const rl_medpc_profile_t *p, const char *msn)
{
    int i;
    for (i = 0; i < p->n_phases; i++) {
        const rl_profile_phase_t *ph = &p->phases[i];
        if (ph->n_patterns > 0 && msn != NULL
            && match_any((const char (*)[64]) ph->patterns, ph->n_patterns, msn)) {
            return ph;
        }
    }
    for (i = 0; i < p->n_phases; i++) {
        if (p->phases[i].n_patterns == 0) {
            return &p->phases[i];
        }
    }
    return NULL;
}
