/* compare.c -- comparisons between groups, phase by phase (see compare.h): who is compared
** with whom (wild-type partners, blocks of groups, the rule of each block), the values each
** test takes from the measures (measures.h) and the sessions (dataset.h), and the tests of
** stats.h. The wild-type partners are found in compare_partners.c.
**
** Design. The blocks are made first (a procedure's groups; lone groups pooled by reinforcer
** and phase list); one pass over blocks and their phases appends result rows to a growing
** array; a second pass fills Holm's adjusted p-values per family. Values come from the
** subject x phase rows of rl_measures_t (one value per mouse, NaN = not applicable, left
** out) and, for responding over sessions, from the sessions of ds in day order. Only the
** first k sessions of a phase enter a mixed ANOVA, k the fewest any compared mouse ran, so
** every mouse has every level (the design rl_anova_mixed needs). A comparison that cannot
** be made becomes a note, never an error: only running out of memory fails.
*/
#include "relapselab/compare.h"
#include "relapselab/stats.h"
#include "core/alloc.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One comparison of two groups: a against b (diff = a - b). */
typedef struct pair {
    int a, b;
} pair_t;

typedef struct builder {
    const rl_dataset_t *ds;
    const rl_measures_t *m;
    rl_comparisons_t *c;
    size_t cap_rows, cap_notes;
    bool nomem;
    int *first, *count;         /* per subject: its first session in ds->sessions, and how
                                ** many it has (sessions are by subject, then day) */
    double *va, *vb, *y;        /* scratch: n_subjects values each; y n_sessions values */
    int *code;                  /* scratch: n_subjects group codes */
    bool *active;               /* per group: has a mouse with sessions */
    pair_t *pairs;              /* the comparisons of the block at hand */
    int n_pairs;
    int *members;               /* the block's groups that ran the phase at hand */
    int n_members;
    bool *pooled;               /* per block: lone groups pooled */
} builder_t;

/* ---- names ---- */

const char *
rl_cmp_rule_name(int rule)
{
    switch (rule) {
    case RL_CMP_TWO: return "two";
    case RL_CMP_PAIRS: return "pairs";
    case RL_CMP_ALL: return "all";
    default: return "none";
    }
}

const char *
rl_cmp_rule_text(int rule)
{
    switch (rule) {
    case RL_CMP_TWO:
        return "two groups: the second against the first, or a mutant against its wild type";
    case RL_CMP_PAIRS:
        return "each mutant against its own wild type (same line or name, reinforcer and procedure); "
               "Holm's adjustment over the mutants sharing a wild type";
    case RL_CMP_ALL:
        return "all groups: one-way ANOVA, then every pair by Welch's t-test with Holm's "
               "adjustment; mixed ANOVAs over all groups";
    default: return "fewer than two groups: nothing to compare";
    }
}

const char *
rl_cmp_test_name(int test)
{
    switch (test) {
    case RL_CMP_WELCH: return "welch";
    case RL_CMP_ANOVA1: return "anova";
    default: return "mixed_anova";
    }
}

const char *
rl_cmp_term_name(const rl_cmp_row_t *row)
{
    bool test = row->within == RL_CMP_WITHIN_TEST;
    switch (row->term) {
    case RL_CMP_TERM_GROUP: return "group";
    case RL_CMP_TERM_LEVEL: return test ? "test" : "session";
    case RL_CMP_TERM_INTERACTION: return test ? "group x test" : "group x session";
    default: return NULL;
    }
}

/* ---- rows and notes ---- */

static rl_cmp_row_t *
new_row(builder_t *b, int k, int ph, int measure, int test)
{
    rl_comparisons_t *c = b->c;
    rl_cmp_row_t *r;
    if (c->n_rows == b->cap_rows) {
        size_t cap = b->cap_rows ? 2 * b->cap_rows : 32;
        rl_cmp_row_t *rows = rl_realloc(c->rows, cap * sizeof *rows);
        if (rows == NULL) {
            b->nomem = true;
            return NULL;
        }
        c->rows = rows;
        b->cap_rows = cap;
    }
    r = &c->rows[c->n_rows++];
    memset(r, 0, sizeof *r);
    r->block = k;
    r->procedure = c->blocks[k].procedure;
    r->phase_index = ph;
    r->measure = measure;
    r->test = test;
    r->group_a = r->group_b = -1;
    r->mean_a = r->mean_b = r->diff = r->lo = r->hi = NAN;
    r->stat = r->df = r->df_error = r->p = r->p_gg = r->gg_epsilon = r->p_holm = NAN;
    r->effect = NAN;
    return r;
}

static void
note(builder_t *b, int k, int ph, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void
note(builder_t *b, int k, int ph, const char *fmt, ...)
{
    rl_comparisons_t *c = b->c;
    char text[512];
    int len;
    va_list ap;
    if (c->n_notes == b->cap_notes) {
        size_t cap = b->cap_notes ? 2 * b->cap_notes : 8;
        char **notes = rl_realloc(c->notes, cap * sizeof *notes);
        if (notes == NULL) {
            b->nomem = true;
            return;
        }
        c->notes = notes;
        b->cap_notes = cap;
    }
    len = snprintf(text, sizeof text, "%s, %s: ", c->blocks[k].name,
        b->ds->procedures[c->blocks[k].procedure].phases[ph].name);
    if (len < 0 || (size_t) len >= sizeof text) {
        len = 0;
    }
    va_start(ap, fmt);
    vsnprintf(text + len, sizeof text - (size_t) len, fmt, ap);
    va_end(ap);
    if ((c->notes[c->n_notes] = rl_strdup(text)) == NULL) {
        b->nomem = true;
        return;
    }
    c->n_notes++;
}

/* ---- values ---- */

/* The values of measure k of group g's mice in phase ph (finite ones) into out. */
static int
values(const builder_t *b, int g, int ph, int k, double *out)
{
    size_t i;
    int n = 0;
    for (i = 0; i < b->m->n_subject_phases; i++) {
        const rl_subject_phase_t *sp = &b->m->subject_phases[i];
        if (sp->group == g && sp->phase_index == ph && isfinite(sp->v[k])) {
            out[n++] = sp->v[k];
        }
    }
    return n;
}

/* Sessions of subject s in phase ph. */
static int
sessions_in(const builder_t *b, int s, int ph)
{
    int i, n = 0;
    for (i = 0; i < b->count[s]; i++) {
        n += b->ds->sessions[b->first[s] + i].phase_index == ph;
    }
    return n;
}

/* ---- tests ---- */

static void
welch(builder_t *b, int blk, int ph, int k, pair_t pr)
{
    const rl_dataset_t *ds = b->ds;
    int na = values(b, pr.a, ph, k, b->va), nb = values(b, pr.b, ph, k, b->vb);
    rl_ttest_t t;
    rl_error_t err;
    rl_cmp_row_t *r;

    if (na < 2 || nb < 2) {
        note(b, blk, ph, "%s: %s against %s not tested (%d and %d mice with a value; a t-test "
            "needs 2 each)", rl_measure_name(k), ds->groups[pr.a].name, ds->groups[pr.b].name,
            na, nb);
        return;
    }
    if (rl_ttest_welch(b->va, na, b->vb, nb, &t, &err) != 0 || (r = new_row(b, blk, ph, k,
        RL_CMP_WELCH)) == NULL) {
        return;
    }
    r->group_a = pr.a;
    r->group_b = pr.b;
    r->n_groups = 2;
    r->n_a = na;
    r->n_b = nb;
    r->n = na + nb;
    r->mean_a = t.mean_a;
    r->mean_b = t.mean_b;
    r->diff = t.diff;
    r->lo = t.lo;
    r->hi = t.hi;
    r->stat = t.t;
    r->df = t.df;
    r->p = r->p_gg = t.p;
    r->effect = t.hedges_g;
}

/* One-way ANOVA of measure k over the phase's members. */
static void
oneway(builder_t *b, int blk, int ph, int k)
{
    int j, n = 0, used = 0, ret;
    rl_anova_oneway_t a;
    rl_error_t err;
    rl_cmp_row_t *r;
    for (j = 0; j < b->n_members; j++) {
        int got = values(b, b->members[j], ph, k, b->va + n), i;
        for (i = 0; i < got; i++) {
            b->code[n + i] = used;
        }
        n += got;
        used += got > 0;
    }
    if (used < 2 || n <= used) {
        note(b, blk, ph, "%s: no one-way ANOVA (%d mice in %d groups)", rl_measure_name(k), n,
            used);
        return;
    }
    if ((ret = rl_anova_oneway(b->va, b->code, n, used, &a, &err)) != 0
        || (r = new_row(b, blk, ph, k, RL_CMP_ANOVA1)) == NULL) {
        b->nomem = b->nomem || ret == RL_ERR_NOMEM;
        return;
    }
    r->term = RL_CMP_TERM_GROUP;
    r->n_groups = used;
    r->n = n;
    r->stat = a.group.f;
    r->df = a.group.df;
    r->df_error = a.group.df_error;
    r->p = r->p_gg = a.group.p;
    r->effect = a.group.pes;
}

/* Fill y (n x levels) and code for the mice of groups[0 .. ng-1] (codes 0 .. ng-1) in
** phase ph: active responses over the first `levels` sessions (levels 0: find it, the
** fewest any mouse ran), or baseline and test. Returns n (mice), with the mice per group
** in per_group and *levels set; 0 when a group has fewer than two mice or the sessions are
** fewer than two. */
static int
design(builder_t *b, int ph, int within, const int *groups, int ng, int *per_group,
    int *levels)
{
    const rl_dataset_t *ds = b->ds;
    int s, j, n = 0, k = within == RL_CMP_WITHIN_TEST ? 2 : 0;
    if (within == RL_CMP_WITHIN_SESSION) {
        for (s = 0; s < ds->n_subjects; s++) {
            int got = sessions_in(b, s, ph);
            for (j = 0; got > 0 && j < ng; j++) {
                if (ds->subjects[s].group_id == groups[j]) {
                    k = k == 0 || got < k ? got : k;
                }
            }
        }
    }
    *levels = k;
    memset(per_group, 0, (size_t) ng * sizeof *per_group);
    if (k < 2) {
        return 0;
    }
    for (s = 0; s < ds->n_subjects; s++) {
        for (j = 0; j < ng && ds->subjects[s].group_id != groups[j]; j++) {
        }
        if (j == ng) {
            continue;
        }
        if (within == RL_CMP_WITHIN_SESSION) {
            int i, got = 0;
            for (i = 0; i < b->count[s] && got < k; i++) {
                const rl_ds_session_t *x = &ds->sessions[b->first[s] + i];
                if (x->phase_index == ph) {
                    b->y[(size_t) n * (size_t) k + (size_t) got++] = (double) x->active;
                }
            }
            if (got < k) {
                continue; /* ran no session of the phase */
            }
        } else {
            size_t i;
            bool found = false;
            for (i = 0; i < b->m->n_subject_phases && !found; i++) {
                const rl_subject_phase_t *sp = &b->m->subject_phases[i];
                found = sp->subject == s && sp->phase_index == ph
                    && isfinite(sp->v[RL_M_BASELINE_ACTIVE]) && isfinite(sp->v[RL_M_ACTIVE]);
                if (found) {
                    b->y[(size_t) n * 2] = sp->v[RL_M_BASELINE_ACTIVE];
                    b->y[(size_t) n * 2 + 1] = sp->v[RL_M_ACTIVE];
                }
            }
            if (!found) {
                continue;
            }
        }
        b->code[n++] = j;
        per_group[j]++;
    }
    for (j = 0; j < ng; j++) {
        if (per_group[j] < 2) {
            return 0;
        }
    }
    return n;
}

/* The group x level mixed ANOVA of groups[0 .. ng-1] in phase ph: three rows. pr: the pair
** compared (or {-1, -1} for all the phase's groups). */
static void
mixed(builder_t *b, int blk, int ph, int within, const int *groups, int ng, pair_t pr)
{
    static const int terms[3] = {RL_CMP_TERM_GROUP, RL_CMP_TERM_LEVEL, RL_CMP_TERM_INTERACTION};
    int per_group[RL_MAX_GROUPS], levels, n, t, ret;
    rl_anova_mixed_t a;
    rl_error_t err;

    if (ng > RL_MAX_GROUPS) {
        note(b, blk, ph, "more than %d groups: no mixed ANOVA", RL_MAX_GROUPS);
        return;
    }
    n = design(b, ph, within, groups, ng, per_group, &levels);
    if (n == 0) {
        note(b, blk, ph, "active responses %s: no mixed ANOVA for %s (%s)",
            within == RL_CMP_WITHIN_TEST ? "in baseline and test" : "over sessions",
            pr.a >= 0 ? b->ds->groups[pr.a].name : "the groups",
            levels < 2 ? "fewer than 2 sessions in common" : "a group has fewer than 2 mice");
        return;
    }
    if ((ret = rl_anova_mixed(b->y, b->code, n, ng, levels, &a, &err)) != 0) {
        b->nomem = b->nomem || ret == RL_ERR_NOMEM;
        return;
    }
    for (t = 0; t < 3; t++) {
        const rl_anova_effect_t *e = t == 0 ? &a.group : t == 1 ? &a.level : &a.interaction;
        rl_cmp_row_t *r = new_row(b, blk, ph, RL_M_ACTIVE, RL_CMP_MIXED);
        if (r == NULL) {
            return;
        }
        r->within = within;
        r->levels = levels;
        r->term = terms[t];
        r->group_a = pr.a;
        r->group_b = pr.b;
        r->n_groups = ng;
        r->n = n;
        if (pr.a >= 0) {
            r->n_a = per_group[0];
            r->n_b = per_group[1];
        }
        r->stat = e->f;
        r->df = e->df;
        r->df_error = e->df_error;
        r->p = e->p;
        r->p_gg = e->p_gg;
        if (t > 0 && levels > 2) {
            r->gg_epsilon = a.gg_epsilon;
        }
        r->effect = e->pes;
    }
}

/* ---- a phase ---- */

static bool
ran_phase(const rl_measures_t *m, int g, int ph)
{
    size_t i;
    for (i = 0; i < m->n_group_phases; i++) {
        if (m->group_phases[i].group == g && m->group_phases[i].phase_index == ph) {
            return m->group_phases[i].n > 0;
        }
    }
    return false;
}

/* Whether any mouse of the phase's members has a finite value of measure k. */
static bool
applies(const builder_t *b, int ph, int k)
{
    int j;
    for (j = 0; j < b->n_members; j++) {
        if (values(b, b->members[j], ph, k, b->va) > 0) {
            return true;
        }
    }
    return false;
}

/* The single-value comparisons of measure k: a one-way ANOVA first under RL_CMP_ALL, then
** every pair whose groups both ran the phase. */
static void
compare_measure(builder_t *b, int blk, int ph, int k, int rule)
{
    int i;
    if (!applies(b, ph, k)) {
        return;
    }
    if (rule == RL_CMP_ALL) {
        oneway(b, blk, ph, k);
    }
    for (i = 0; i < b->n_pairs; i++) {
        if (ran_phase(b->m, b->pairs[i].a, ph) && ran_phase(b->m, b->pairs[i].b, ph)) {
            welch(b, blk, ph, k, b->pairs[i]);
        }
    }
}

/* The mixed ANOVAs of a phase: per pair, or over all its groups under RL_CMP_ALL. */
static void
compare_within(builder_t *b, int blk, int ph, int within, int rule)
{
    int i;
    if (rule == RL_CMP_ALL) {
        pair_t all = {-1, -1};
        mixed(b, blk, ph, within, b->members, b->n_members, all);
        return;
    }
    for (i = 0; i < b->n_pairs; i++) {
        int two[2] = {b->pairs[i].a, b->pairs[i].b};
        if (ran_phase(b->m, two[0], ph) && ran_phase(b->m, two[1], ph)) {
            mixed(b, blk, ph, within, two, 2, b->pairs[i]);
        }
    }
}

static void
compare_phase(builder_t *b, int blk, int ph, int rule)
{
    const rl_phase_t *phase = &b->ds->procedures[b->c->blocks[blk].procedure].phases[ph];
    int g;
    b->n_members = 0;
    for (g = 0; g < b->ds->n_groups; g++) {
        if (b->c->block_of[g] == blk && ran_phase(b->m, g, ph)) {
            b->members[b->n_members++] = g;
        }
    }
    if (b->n_members < 2) {
        return;
    }
    switch (phase->kind) {
    case RL_PHASE_ACQUISITION:
        compare_measure(b, blk, ph, RL_M_REINFORCERS, rule);
        compare_within(b, blk, ph, RL_CMP_WITHIN_SESSION, rule);
        break;
    case RL_PHASE_PROGRESSIVE_RATIO:
        compare_measure(b, blk, ph, RL_M_BREAKPOINT, rule);
        compare_measure(b, blk, ph, RL_M_REINFORCERS, rule);
        break;
    case RL_PHASE_EXTINCTION:
        compare_within(b, blk, ph, RL_CMP_WITHIN_SESSION, rule);
        break;
    case RL_PHASE_REINSTATEMENT:
        compare_within(b, blk, ph, RL_CMP_WITHIN_TEST, rule);
        break;
    case RL_PHASE_PLACE_TEST:
        compare_measure(b, blk, ph, RL_M_PLACE_SCORE_S, rule);
        break;
    case RL_PHASE_OTHER:
        if (phase->deliver_reinforcer) {
            compare_measure(b, blk, ph, RL_M_REINFORCERS, rule);
        }
        break;
    default: /* place conditioning: confined, nothing chosen */
        break;
    }
}

/* ---- blocks ---- */

/* Whether procedures a and b have the same phases: names and kinds, in order. */
static bool
same_phases(const rl_procedure_t *a, const rl_procedure_t *b)
{
    int ph;
    if (a->n_phases != b->n_phases) {
        return false;
    }
    for (ph = 0; ph < a->n_phases; ph++) {
        if (a->phases[ph].kind != b->phases[ph].kind
            || strcmp(a->phases[ph].name, b->phases[ph].name) != 0) {
            return false;
        }
    }
    return true;
}

/* Append " / name" to block k's name (a pooled block). */
static void
name_append(builder_t *b, int k, const char *name)
{
    rl_cmp_block_t *bl = &b->c->blocks[k];
    size_t n = strlen(bl->name) + strlen(name) + 4;
    char *s = rl_malloc(n);
    if (s == NULL) {
        b->nomem = true;
        return;
    }
    snprintf(s, n, "%s / %s", bl->name, name);
    free(bl->name);
    bl->name = s;
}

/* The block of group g: its procedure's, or (alone in it) the pooled block of its
** reinforcer and phase list; a new one if none fits. */
static int
block_for(builder_t *b, int g, const int *in_procedure)
{
    const rl_dataset_t *ds = b->ds;
    rl_comparisons_t *c = b->c;
    int p = ds->groups[g].procedure_id, k, h;
    bool alone = in_procedure[p] < 2;
    for (k = 0; k < c->n_blocks; k++) {
        const rl_cmp_block_t *bl = &c->blocks[k];
        if (!alone && !b->pooled[k] && bl->procedure == p) {
            return k;
        }
        for (h = 0; alone && b->pooled[k] && h < g; h++) {
            if (c->block_of[h] == k) {
                break; /* h: a group of block k */
            }
        }
        if (alone && b->pooled[k] && h < g && ds->groups[h].reinforcer_id == ds->groups[g].reinforcer_id
            && same_phases(&ds->procedures[bl->procedure], &ds->procedures[p])) {
            name_append(b, k, ds->procedures[p].name);
            c->blocks[k].n_procedures++;
            return k;
        }
    }
    k = c->n_blocks++;
    c->blocks[k].procedure = p;
    c->blocks[k].n_procedures = 1;
    b->pooled[k] = alone;
    if ((c->blocks[k].name = rl_strdup(ds->procedures[p].name)) == NULL) {
        b->nomem = true;
    }
    return k;
}

static void
make_blocks(builder_t *b, int *in_procedure)
{
    const rl_dataset_t *ds = b->ds;
    int g;
    for (g = 0; g < ds->n_groups; g++) {
        b->c->block_of[g] = -1;
        in_procedure[ds->groups[g].procedure_id] += b->active[g];
    }
    for (g = 0; g < ds->n_groups && !b->nomem; g++) {
        if (b->active[g]) {
            int k = block_for(b, g, in_procedure);
            b->c->block_of[g] = k;
            b->c->blocks[k].n_groups++;
        }
    }
}

/* The rule of block k and its pairs (b->pairs). */
static int
plan(builder_t *b, int k)
{
    const rl_dataset_t *ds = b->ds;
    const int *partner = b->c->partner, *block_of = b->c->block_of;
    int g, h, n = 0, covered = 0, first = -1, second = -1;

    b->n_pairs = 0;
    for (g = 0; g < ds->n_groups; g++) {
        bool is_wt_of_one = false;
        if (block_of[g] != k) {
            continue;
        }
        n++;
        first = first < 0 ? g : first;
        second = g != first && second < 0 ? g : second;
        for (h = 0; h < ds->n_groups; h++) {
            is_wt_of_one = is_wt_of_one || (partner[h] == g && block_of[h] == k);
        }
        covered += (partner[g] >= 0 && block_of[partner[g]] == k) || is_wt_of_one;
    }
    if (n < 2) {
        return RL_CMP_NONE;
    }
    if (n == 2) {
        b->pairs[0] = partner[first] == second ? (pair_t){first, second}
                                               : (pair_t){second, first};
        b->n_pairs = 1;
        return RL_CMP_TWO;
    }
    if (covered == n) {
        for (g = 0; g < ds->n_groups; g++) {
            if (block_of[g] == k && partner[g] >= 0 && block_of[partner[g]] == k) {
                b->pairs[b->n_pairs++] = (pair_t){g, partner[g]};
            }
        }
        return RL_CMP_PAIRS;
    }
    for (g = 0; g < ds->n_groups; g++) {
        for (h = 0; h < g; h++) {
            if (block_of[g] == k && block_of[h] == k) {
                b->pairs[b->n_pairs++] = (pair_t){g, h};
            }
        }
    }
    return RL_CMP_ALL;
}

/* Holm's adjustment of every t-test within its family: the same block, phase and measure,
** and under RL_CMP_PAIRS the same wild type. */
static int
holm(builder_t *b)
{
    rl_comparisons_t *c = b->c;
    size_t i, j;
    double *p = rl_malloc((c->n_rows + 1) * sizeof *p);
    size_t *at = rl_malloc((c->n_rows + 1) * sizeof *at);
    rl_error_t err;
    if (p == NULL || at == NULL) {
        free(p);
        free(at);
        return RL_ERR_NOMEM;
    }
    for (i = 0; i < c->n_rows; i++) {
        rl_cmp_row_t *r = &c->rows[i];
        int n = 0, k;
        if (r->test != RL_CMP_WELCH || r->family > 0) {
            continue; /* done with an earlier member of its family */
        }
        for (j = i; j < c->n_rows; j++) {
            const rl_cmp_row_t *x = &c->rows[j];
            if (x->test == RL_CMP_WELCH && x->block == r->block
                && x->phase_index == r->phase_index && x->measure == r->measure
                && (c->blocks[r->block].rule != RL_CMP_PAIRS || x->group_b == r->group_b)) {
                p[n] = x->p;
                at[n++] = j;
            }
        }
        if (rl_p_adjust_holm(p, n, p, &err) == RL_ERR_NOMEM) {
            free(p);
            free(at);
            return RL_ERR_NOMEM;
        }
        for (k = 0; k < n; k++) {
            c->rows[at[k]].p_holm = p[k];
            c->rows[at[k]].family = n;
        }
    }
    free(p);
    free(at);
    return 0;
}

void
rl_comparisons_free(rl_comparisons_t *c)
{
    size_t i;
    if (c == NULL) {
        return;
    }
    for (i = 0; i < c->n_notes; i++) {
        free(c->notes[i]);
    }
    free(c->notes);
    free(c->rows);
    for (i = 0; c->blocks != NULL && i < (size_t) c->n_blocks; i++) {
        free(c->blocks[i].name);
    }
    free(c->blocks);
    free(c->block_of);
    free(c->partner);
    free(c);
}

/* Allocate b's scratch space and result for ds (all zeroed or sized). Returns false when
** out of memory (release with builder_free). */
static bool
builder_init(builder_t *b, const rl_dataset_t *ds, const rl_measures_t *m)
{
    size_t ns = (size_t) ds->n_subjects + 1, ng = (size_t) ds->n_groups + 1;
    memset(b, 0, sizeof *b);
    b->ds = ds;
    b->m = m;
    b->c = rl_calloc(1, sizeof *b->c);
    b->first = rl_calloc(ns, sizeof *b->first);
    b->count = rl_calloc(ns, sizeof *b->count);
    b->va = rl_malloc(ns * sizeof *b->va);
    b->vb = rl_malloc(ns * sizeof *b->vb);
    b->y = rl_malloc((ds->n_sessions + 2 * ns) * sizeof *b->y);
    b->code = rl_malloc(ns * sizeof *b->code);
    b->active = rl_calloc(ng, sizeof *b->active);
    b->pairs = rl_malloc(ng * ng * sizeof *b->pairs);
    b->members = rl_malloc(ng * sizeof *b->members);
    b->pooled = rl_calloc(ng, sizeof *b->pooled);
    if (b->c == NULL) {
        return false;
    }
    b->c->n_groups = ds->n_groups;
    b->c->blocks = rl_calloc(ng, sizeof *b->c->blocks);
    b->c->block_of = rl_malloc(ng * sizeof *b->c->block_of);
    b->c->partner = rl_malloc(ng * sizeof *b->c->partner);
    return b->first != NULL && b->count != NULL && b->va != NULL && b->vb != NULL
        && b->y != NULL && b->code != NULL && b->active != NULL && b->pairs != NULL
        && b->members != NULL && b->pooled != NULL && b->c->blocks != NULL
        && b->c->block_of != NULL && b->c->partner != NULL;
}

static void
builder_free(builder_t *b)
{
    rl_comparisons_free(b->c);
    free(b->first);
    free(b->count);
    free(b->va);
    free(b->vb);
    free(b->y);
    free(b->code);
    free(b->active);
    free(b->pairs);
    free(b->members);
    free(b->pooled);
}

int
rl_compare_compute(const rl_dataset_t *ds, const rl_measures_t *m, rl_comparisons_t **out,
    rl_error_t *err)
{
    builder_t b;
    int *in_procedure = NULL, k, ph;
    size_t i;

    *out = NULL;
    if (!builder_init(&b, ds, m)
        || (in_procedure = rl_calloc((size_t) ds->n_procedures + 1, sizeof *in_procedure))
            == NULL) {
        goto nomem;
    }
    rl_compare_partners(ds, b.c->partner);
    for (i = ds->n_sessions; i-- > 0;) {
        const rl_ds_session_t *s = &ds->sessions[i];
        b.first[s->subject] = (int) i;
        b.count[s->subject]++;
        b.active[s->group_id] = true;
    }
    make_blocks(&b, in_procedure);
    for (k = 0; k < b.c->n_blocks && !b.nomem; k++) {
        rl_cmp_block_t *bl = &b.c->blocks[k];
        bl->rule = plan(&b, k);
        for (ph = 0; bl->rule != RL_CMP_NONE && ph < ds->procedures[bl->procedure].n_phases;
             ph++) {
            compare_phase(&b, k, ph, bl->rule);
        }
    }
    if (b.nomem || holm(&b) != 0) {
        goto nomem;
    }
    *out = b.c;
    b.c = NULL;
    builder_free(&b);
    free(in_procedure);
    return 0;
nomem:
    builder_free(&b);
    free(in_procedure);
    return rl_error_set(err, RL_ERR_NOMEM, ds->path, 0, 0, "out of memory comparing groups");
}
