/* medpc_choose.c -- the profile that decodes a session (see medpc_choose.h).
**
** Design. A profile is a candidate when its `programs` and `files` globs and its `match:`
** rules all hold (rl_medpc_profile_matches, rl_medpc_profile_match_rules). With one
** candidate the session is decoded once. With several, each decodes it, and the decodings
** are ranked: 2 = its checks ran and all agree with the program's counters, 1 = the
** decoding did not fail, 0 = it failed; the candidates of the best rank remain. If they
** all give the same events (kind, time, timeout flag, code) and the same phase rule, the
** first one is used -- the profiles agree on what the file says. Otherwise the file could
** be read in two ways and nothing tells which is right: the session is not imported, and
** an error names two of the profiles (issue 13: a wrong choice was silent before).
*/
#include "medpc_choose.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/text_safe.h"

static int
rank(const rl_medpc_decoded_t *d)
{
    if (rl_medpc_decoded_failed(d)) {
        return 0;
    }
    return d->counts_checked > 0 && d->counts_mismatch == 0 ? 2 : 1;
}

static bool
same_code(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

/* Profiles a and b decode the session (program msn) to the same events and phase. */
static bool
same_decoding(const rl_medpc_decoded_t *x, const rl_medpc_decoded_t *y,
    const rl_medpc_profile_t *a, const rl_medpc_profile_t *b, const char *msn)
{
    const rl_profile_phase_t *pa = rl_medpc_profile_phase(a, msn);
    const rl_profile_phase_t *pb = rl_medpc_profile_phase(b, msn);
    size_t i;
    if (x->n_events != y->n_events || x->phase_kind != y->phase_kind
        || (pa == NULL) != (pb == NULL)
        || (pa != NULL && (pa->kind != pb->kind || strcmp(pa->name, pb->name) != 0))) {
        return false;
    }
    for (i = 0; i < x->n_events; i++) {
        const rl_event_t *e = &x->events[i], *f = &y->events[i];
        if (e->kind != f->kind || e->t_s != f->t_s || e->in_timeout != f->in_timeout
            || !same_code(x->codes != NULL ? x->codes[i] : NAN,
                y->codes != NULL ? y->codes[i] : NAN)) {
            return false;
        }
    }
    return true;
}

static int
add_issue(rl_medpc_decoded_t *d, long line, rl_issue_severity_t sev, const char *msg)
{
    rl_medpc_issue_t *p = rl_realloc(d->issues, (d->n_issues + 1) * sizeof *p);
    if (p == NULL) {
        return RL_ERR_NOMEM;
    }
    d->issues = p;
    p[d->n_issues].line = line;
    p[d->n_issues].severity = sev;
    rl_text_cut(p[d->n_issues].msg, sizeof p->msg, msg); /* a long one cut */
    d->n_issues++;
    return 0;
}

/* The choice among the decodings dec[0..n) of the candidates cand[0..n): the index in
** cand, or -1 when ambiguous (then *a and *b are two profiles that decode differently). */
static int
pick(const rl_import_options_t *opt, const int *cand, const rl_medpc_decoded_t *dec, int n,
    const char *msn, int *a, int *b)
{
    int i, best = 0, first = -1;
    for (i = 0; i < n; i++) {
        best = rank(&dec[i]) > best ? rank(&dec[i]) : best;
    }
    for (i = 0; i < n; i++) {
        if (rank(&dec[i]) != best) {
            continue;
        }
        if (first < 0) {
            first = i;
        } else if (!same_decoding(&dec[first], &dec[i], &opt->profiles[cand[first]],
                       &opt->profiles[cand[i]], msn)) {
            *a = cand[first];
            *b = cand[i];
            return -1;
        }
    }
    return first;
}

int
rl_medpc_choose(const rl_import_options_t *opt, const rl_medpc_session_t *ms,
    const char *msn, const char *path, rl_medpc_decoded_t *out, int *profile,
    rl_error_t *err)
{
    const char *file = rl_medpc_session_header(ms, "File");
    rl_medpc_decoded_t *dec = NULL;
    int *cand = NULL, n = 0, k, a = -1, b = -1, chosen, ret = 0;
    char msg[640];      /* cut to the issue's 240 bytes by add_issue */

    memset(out, 0, sizeof *out);
    *profile = -1;
    if ((cand = rl_calloc((size_t) opt->n_profiles + 1, sizeof *cand)) == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    for (k = 0; k < opt->n_profiles; k++) {
        if (rl_medpc_profile_matches(&opt->profiles[k], msn, file, path)
            && rl_medpc_profile_match_rules(&opt->profiles[k], ms, path)) {
            cand[n++] = k;
        }
    }
    if (n <= 1) {
        if (n == 1 && (ret = rl_medpc_decode(ms, &opt->profiles[cand[0]], out, err)) == 0) {
            *profile = cand[0];
        }
        free(cand);
        return ret;
    }
    if ((dec = rl_calloc((size_t) n, sizeof *dec)) == NULL) {
        free(cand);
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    for (k = 0; k < n && ret == 0; k++) {
        ret = rl_medpc_decode(ms, &opt->profiles[cand[k]], &dec[k], err);
    }
    chosen = ret == 0 ? pick(opt, cand, dec, n, msn, &a, &b) : -1;
    if (ret == 0 && chosen >= 0) {
        *out = dec[chosen];
        memset(&dec[chosen], 0, sizeof dec[chosen]);
        *profile = cand[chosen];
        if (chosen > 0 && rank(out) == 2 && rank(&dec[0]) < 2) {
            snprintf(msg, sizeof msg, "decoded with profile '%s', whose counts agree with the "
                "program's counters; profile '%s' (matched first) disagreed",
                opt->profiles[cand[chosen]].name, opt->profiles[cand[0]].name);
            ret = add_issue(out, ms->line, RL_ISSUE_NOTE, msg);
        }
    } else if (ret == 0) {
        snprintf(msg, sizeof msg, "profiles '%s' and '%s' both match this session and decode "
            "it differently: add a match: rule to one of them (docs/MEDPC.md) or give only "
            "one --profile; session not imported", opt->profiles[a].name,
            opt->profiles[b].name);
        ret = add_issue(out, ms->line, RL_ISSUE_ERROR, msg);
    }
    if (ret == RL_ERR_NOMEM) {
        ret = rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    for (k = 0; k < n; k++) {
        rl_medpc_decoded_free(&dec[k]);
    }
    free(dec);
    free(cand);
    return ret;
}
