/* screen_yaml.c -- a screen file, YAML -> rl_screen_t (see screen.h, docs/SCREEN.md).
**
** The screen file names a protocol (loaded and validated as any protocol, so its problems
** are reported in the protocol file) and adds what a screen needs: the test phase (a phase
** of the protocol; the phases before it train the mice), the genotypes and n, the
** triggers and the candidates. Triggers and candidates use the phase's own keys, read by
** the protocol reader (rd_read_triggers) into a scratch copy of the protocol whose test
** phase they replace; that copy is checked by rl_protocol_validate(), so every value rule
** of a phase applies, reported at the screen file's line and column. One rule is the
** screen's own: the test copy of a mouse is made after its last training session, so no
** dose or stressor may start before that session ends.
*/
#include "protocol_reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/background.h"
#include "relapselab/genotype.h"
#include "relapselab/screen.h"
#include "core/alloc.h"

static const char *const screen_keys[] = {"screen", "protocol", "procedure", "reinforcer",
    "test", "n", "genotypes", "background", "sex", "triggers", "candidates", "random_numbers",
    NULL};
static const char *const sex_words[] = {RL_SEXES(RL_X_NAME_) NULL};
static const char *const trigger_keys[] = {"active_response", "treatments", "stress",
    "noncontingent_cues", NULL};
static const char *const candidate_keys[] = {"name", "treatments", NULL};
static const char *const stream_words[] = {"common", "independent", NULL};

/* What the reader carries besides rd_reader_t. */
typedef struct screen_reader {
    rd_reader_t r;
    rl_screen_t *s;
    rl_protocol_t *scratch;   /* the protocol with the test phase replaced, for validation */
    rl_phase_t *slot;         /* that phase inside scratch */
} screen_reader_t;

/* ---------------------------------------------------------------- names in the protocol */

/* The entry of a protocol table (of what: "procedure") named by key (required when the
** table has several). */
static int
pick_name(screen_reader_t *sr, const rl_yaml_obj_t *o, const char *key, const char *what,
    const char *names0, size_t stride, int count, int *out)
{
    rd_reader_t *r = &sr->r;
    char name[RL_NAME_MAX], list[RL_ERROR_MSG_MAX / 2];
    size_t len = 0;
    const rl_yaml_node_t *n;
    int i, ret;

    if ((ret = rl_yaml_find(r->doc, o, key, false, &n)) != 0) {
        return ret;
    }
    list[0] = '\0';
    for (i = 0; i < count && len < sizeof list; i++) {
        len += (size_t) snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "",
            names0 + (size_t) i * stride);
    }
    if (n == NULL) {
        if (count == 1) {
            *out = 0;
            return 0;
        }
        return rl_yaml_fail(r->doc, o->map, RL_ERR_INVALID, "screen: the protocol has %d %ss (%s); "
            "name one with '%s'", count, what, list, key);
    }
    if ((ret = rl_yaml_str_of(r->doc, n, "screen", "", key, name, sizeof name)) != 0) {
        return ret;
    }
    for (i = 0; i < count; i++) {
        if (strcmp(names0 + (size_t) i * stride, name) == 0) {
            *out = i;
            return 0;
        }
    }
    return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "screen: %s: the protocol has no %s '%s' "
        "(defined: %s)", key, what, name, list);
}

/* The protocol, relative to the screen file's folder. */
static int
load_protocol(screen_reader_t *sr, const rl_yaml_obj_t *o)
{
    rd_reader_t *r = &sr->r;
    char rel[256], path[512];
    const char *slash = strrchr(sr->s->path, '/');
    const rl_yaml_node_t *n;
    int ret;

    if ((ret = rl_yaml_get_str(r->doc, o, "protocol", true, rel, sizeof rel)) != 0) {
        return ret;
    }
    n = rl_yaml_lookup(r->doc, o->map, "protocol", NULL);
    if (rel[0] == '/' || slash == NULL) {
        snprintf(path, sizeof path, "%s", rel);
    } else {
        snprintf(path, sizeof path, "%.*s/%s", (int) (slash - sr->s->path), sr->s->path, rel);
    }
    if (strlen(path) >= sizeof sr->s->protocol.path) {
        return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "screen: the protocol path is longer "
            "than %zu characters", sizeof sr->s->protocol.path - 1);
    }
    ret = rl_protocol_load_file(&sr->s->protocol, path, r->err);
    if (ret == RL_ERR_IO) { /* name the screen file's line too: a wrong path is its problem */
        char msg[RL_ERROR_MSG_MAX];
        snprintf(msg, sizeof msg, "%s", r->err->msg);
        return rl_yaml_fail(r->doc, n, RL_ERR_IO, "screen: protocol: %s", msg);
    }
    return ret;
}

/* The test phase (named, or the procedure's last) and the rules a test phase obeys: one
** operant session after at least one training phase, no trigger keys of its own. These are
** problems of the protocol file, reported there. */
static int
pick_test(screen_reader_t *sr, const rl_yaml_obj_t *o)
{
    rd_reader_t *r = &sr->r;
    rl_screen_t *s = sr->s;
    const rl_procedure_t *pr = &s->protocol.procedures[s->procedure];
    const rl_phase_t *ph, *last;
    const char *file = s->protocol.path;
    int ret, k;

    k = pr->n_phases - 1; /* by default the procedure's last phase */
    if (rl_yaml_lookup(r->doc, o->map, "test", NULL) != NULL
        && (ret = pick_name(sr, o, "test", "phase", pr->phases[0].name, sizeof pr->phases[0],
                pr->n_phases, &k)) != 0) {
        return ret;
    }
    s->test_phase = k;
    ph = &pr->phases[k];
    if (k == 0) {
        return rl_error_set(r->err, RL_ERR_INVALID, file, ph->src_line, 0, "phase '%s' of "
            "procedure '%s': the screen's test phase needs training phases before it",
            ph->name, pr->name);
    }
    if (RL_PHASE_IS_PLACE(ph->kind)) {
        return rl_error_set(r->err, RL_ERR_INVALID, file, ph->src_line, 0, "phase '%s' of "
            "procedure '%s': the screen's test phase must be an operant phase (got kind %s)",
            ph->name, pr->name, rl_phase_kind_name(ph->kind));
    }
    if (ph->until_criterion || ph->sessions != 1) {
        return rl_error_set(r->err, RL_ERR_INVALID, file, ph->src_line, 0, "phase '%s' of "
            "procedure '%s': the screen's test phase must have sessions: 1", ph->name,
            pr->name);
    }
    if (ph->n_treatments > 0 || ph->n_stressors > 0 || ph->free_cues.count > 0) {
        return rl_error_set(r->err, RL_ERR_INVALID, file, ph->src_line, 0, "phase '%s' of "
            "procedure '%s': the screen's test phase must not have treatments, stress or "
            "noncontingent_cues (give them as triggers or candidates in the screen file)",
            ph->name, pr->name);
    }
    last = &pr->phases[k - 1];
    s->max_minutes_before = 60.0 * rl_phase_intersession_h(&s->protocol, ph)
        + 1440.0 * ph->abstinence_days - last->session_min;
    return 0;
}

/* ---------------------------------------------------------------- genotypes, n */

/* The value of a required top-level key: a node of type t with at least one entry
** ("screen: <key> <empty>" otherwise). */
static int
need_entries(screen_reader_t *sr, const rl_yaml_obj_t *o, const char *key, rl_yaml_kind_t t,
    const char *empty, const rl_yaml_node_t **n)
{
    rd_reader_t *r = &sr->r;
    int ret;

    if ((ret = rl_yaml_find(r->doc, o, key, true, n)) != 0
        || (ret = rl_yaml_expect(r->doc, *n, t, "screen", "", key)) != 0) {
        return ret;
    }
    return rl_yaml_count(*n) == 0
        ? rl_yaml_fail(r->doc, *n, RL_ERR_INVALID, "screen: %s %s", key, empty) : 0;
}

static int
read_genotypes(screen_reader_t *sr, const rl_yaml_obj_t *o, int reinforcer)
{
    rd_reader_t *r = &sr->r;
    rl_screen_t *s = sr->s;
    rl_protocol_t *p = &s->protocol;
    const rl_yaml_node_t *n, *bn = NULL;
    size_t i;
    char background[RL_NAME_MAX] = "";
    int ret, j, sex = 0, background_id;

    if ((ret = need_entries(sr, o, "genotypes", RL_YAML_LIST,
             "must list at least one genotype", &n)) != 0
        || (ret = rl_yaml_get_enum(r->doc, o, "sex", false, sex_words, &sex)) != 0
        || (ret = rl_yaml_find(r->doc, o, "background", false, &bn)) != 0
        || (bn != NULL && (ret = rl_yaml_str_of(r->doc, bn, "screen", "", "background", background,
                sizeof background)) != 0)) {
        return ret;
    }
    background_id = rl_background_find(background[0] != '\0' ? background : "C57BL/6J");
    if (background_id < 0) {
        char names[RL_ERROR_MSG_MAX / 2];
        return rl_yaml_fail(r->doc, bn, RL_ERR_INVALID, "screen: unknown genetic background '%s' "
            "(valid: %s)", background, rl_background_names(names, sizeof names));
    }
    memset(p->groups, 0, sizeof p->groups);
    p->n_groups = 0;
    for (i = 0; i < rl_yaml_count(n); i++) {
        const rl_yaml_node_t *it = rl_yaml_item(r->doc, n, i);
        rl_group_t *g = &p->groups[p->n_groups];

        if (p->n_groups == RL_SCREEN_MAX_GENOTYPES) {
            return rl_yaml_fail(r->doc, it, RL_ERR_INVALID, "screen: at most %d genotypes",
                RL_SCREEN_MAX_GENOTYPES);
        }
        if ((ret = rl_yaml_str_of(r->doc, it, "screen", "", "genotypes entries", g->genotype,
                 sizeof g->genotype)) != 0) {
            return ret;
        }
        if ((g->genotype_id = rl_genotype_find(g->genotype)) < 0) {
            char names[RL_ERROR_MSG_MAX / 2];
            return rl_yaml_fail(r->doc, it, RL_ERR_INVALID,
                "screen: unknown genotype '%s' (valid: %s)", g->genotype,
                rl_genotype_names(names, sizeof names));
        }
        for (j = 0; j < p->n_groups; j++) {
            if (strcmp(p->groups[j].genotype, g->genotype) == 0) {
                return rl_yaml_fail(r->doc, it, RL_ERR_INVALID, "screen: genotype '%s' is listed "
                    "twice", g->genotype);
            }
        }
        memcpy(g->name, g->genotype, sizeof g->name);
        g->reinforcer = reinforcer;
        g->procedure = s->procedure;
        g->n = s->n;
        g->sex = sex == 1 ? RL_SEX_FEMALE : RL_SEX_MALE;
        memcpy(g->background, background, sizeof g->background);
        g->background_id = background_id;
        g->src_line = rl_yaml_line(it);
        p->n_groups++;
    }
    s->n_genotypes = p->n_groups;
    return 0;
}

/* ---------------------------------------------------------------- triggers, candidates */

/* active_response of a trigger: a list, subset of {reinforcer, cue}; replaces the test's. */
static int
read_active(screen_reader_t *sr, const rl_yaml_obj_t *o)
{
    rd_reader_t *r = &sr->r;
    const rl_yaml_node_t *n;
    size_t i;
    int ret, word = 0;

    if ((ret = rl_yaml_find(r->doc, o, "active_response", false, &n)) != 0 || n == NULL) {
        return ret;
    }
    if ((ret = rl_yaml_expect(r->doc, n, RL_YAML_LIST, o->ctx, "", "active_response")) != 0) {
        return ret;
    }
    sr->slot->deliver_reinforcer = sr->slot->deliver_cue = false;
    for (i = 0; i < rl_yaml_count(n); i++) {
        const rl_yaml_node_t *it = rl_yaml_item(r->doc, n, i);
        bool *flag;
        if ((ret = rl_yaml_enum_of(r->doc, it, o->ctx, "", "active_response entries",
                 rd_response_words, &word)) != 0) {
            return ret;
        }
        flag = word == 0 ? &sr->slot->deliver_reinforcer : &sr->slot->deliver_cue;
        if (*flag) {
            return rl_yaml_fail(r->doc, it, RL_ERR_INVALID, "%s: active_response lists '%s' twice",
                o->ctx, rd_response_words[word]);
        }
        *flag = true;
    }
    return 0;
}

/* A value more than the screen allows before the test, at field's note. */
static int
too_early(screen_reader_t *sr, const void *field, long line, const char *ctx,
    const char *what, double before_min)
{
    const rl_screen_t *s = sr->s;
    const rl_procedure_t *pr = &s->protocol.procedures[s->procedure];
    const rl_src_note_t *note = rl_srcmap_find(&sr->r.src, field);
    return rl_error_set(sr->r.err, RL_ERR_INVALID, sr->r.file, note ? note->line : line,
        note ? note->col : 0, "%s: %s starts %g min before the test, but the test copy of "
        "each mouse is made after its last training session, which ends %g min before the "
        "test (60 x intersession_h + 1440 x abstinence_days - session_min of phase '%s'); "
        "start it at most %g min before", ctx, what, before_min, s->max_minutes_before,
        pr->phases[s->test_phase - 1].name, s->max_minutes_before);
}

/* Check what was read into the slot: the screen's own rule on start times (first: it says
** what the general rule against back-dated doses, part of the validation, would say, in
** the screen's terms), then every value rule of a phase (rl_protocol_validate on the scratch
** protocol, its messages re-worded from "phase 'test' of procedure 'main'" to ctx). */
static int
check_slot(screen_reader_t *sr, const char *ctx)
{
    const rl_screen_t *s = sr->s;
    const rl_procedure_t *pr = &s->protocol.procedures[s->procedure];
    const rl_phase_t *ph = sr->slot;
    char prefix[2 * RL_NAME_MAX + 40], msg[RL_ERROR_MSG_MAX];
    size_t len;
    int ret, i;

    for (i = 0; i < ph->n_treatments; i++) {
        const rl_treatment_t *t = &ph->treatments[i];
        if (t->minutes_before > s->max_minutes_before) {
            char what[RL_NAME_MAX + 32];
            snprintf(what, sizeof what, "treatment %d (%s)", i + 1, t->drug);
            return too_early(sr, &t->minutes_before, t->src_line, ctx, what,
                t->minutes_before);
        }
    }
    for (i = 0; i < ph->n_stressors; i++) {
        const rl_stressor_t *st = &ph->stressors[i];
        if (-st->start_min > s->max_minutes_before) {
            char what[64];
            snprintf(what, sizeof what, "stressor %d (%s)", i + 1,
                rl_stress_kind_name(st->kind));
            return too_early(sr, st->kind == RL_STRESS_FOOD_DEPRIVATION
                    ? (const void *) &st->hours : (const void *) &st->start_min,
                st->src_line, ctx, what, -st->start_min);
        }
    }
    if ((ret = rl_protocol_validate(sr->scratch, &sr->r.src, sr->r.file, sr->r.err)) != 0) {
        len = (size_t) snprintf(prefix, sizeof prefix, "phase '%s' of procedure '%s'",
            ph->name, pr->name);
        if (strncmp(sr->r.err->msg, prefix, len) == 0) {
            snprintf(msg, sizeof msg, "%s%s", ctx, sr->r.err->msg + len);
            snprintf(sr->r.err->msg, sizeof sr->r.err->msg, "%s", msg);
        }
    }
    return ret;
}

/* Reset the slot to the test phase, at line for messages about it. */
static void
reset_slot(screen_reader_t *sr, long line)
{
    const rl_screen_t *s = sr->s;
    *sr->slot = s->protocol.procedures[s->procedure].phases[s->test_phase];
    sr->slot->src_line = line;
    rl_srcmap_free(&sr->r.src);
}

/* A name for a trigger or candidate: unique among names[0..count), and not "vehicle". */
static int
check_unique(screen_reader_t *sr, const rl_yaml_node_t *n, const char *what, const char *name,
    const char *names0, size_t stride, int count)
{
    int i;
    if (strcmp(name, "vehicle") == 0) {
        return rl_yaml_fail(sr->r.doc, n, RL_ERR_INVALID, "screen: a %s may not be called "
            "'vehicle' (the vehicle arm is implicit)", what);
    }
    for (i = 0; i < count; i++) {
        if (strcmp(names0 + (size_t) i * stride, name) == 0) {
            return rl_yaml_fail(sr->r.doc, n, RL_ERR_INVALID, "screen: two %ss are called '%s'",
                what, name);
        }
    }
    return 0;
}

static int
read_triggers(screen_reader_t *sr, const rl_yaml_obj_t *o)
{
    rd_reader_t *r = &sr->r;
    rl_screen_t *s = sr->s;
    const rl_yaml_node_t *n;
    size_t i;
    rl_yaml_obj_t all;
    int ret;

    if ((ret = need_entries(sr, o, "triggers", RL_YAML_MAP, "must name at least one "
             "trigger (an empty one, {}, tests the extinguished response alone)", &n)) != 0) {
        return ret;
    }
    all.map = n;
    all.ctx = "triggers";
    all.pre = "";
    if ((ret = rl_yaml_check_keys(r->doc, &all, NULL, NULL, NULL)) != 0) {
        return ret;
    }
    for (i = 0; i < rl_yaml_count(n); i++) {
        const rl_yaml_node_t *key = rl_yaml_key(r->doc, n, i), *val = rl_yaml_value(r->doc, n, i);
        rl_screen_trigger_t *t = &s->triggers[s->n_triggers];
        char ctx[RL_NAME_MAX + 16];
        rl_yaml_obj_t to;

        if (s->n_triggers == RL_SCREEN_MAX_TRIGGERS) {
            return rl_yaml_fail(r->doc, key, RL_ERR_INVALID, "screen: at most %d triggers",
                RL_SCREEN_MAX_TRIGGERS);
        }
        if ((ret = rl_yaml_str_of(r->doc, key, "triggers", "", "trigger name", t->name,
                 sizeof t->name)) != 0
            || (ret = check_unique(sr, key, "trigger", t->name, s->triggers[0].name,
                    sizeof s->triggers[0], s->n_triggers)) != 0) {
            return ret;
        }
        snprintf(ctx, sizeof ctx, "trigger '%s'", t->name);
        if ((ret = rl_yaml_expect(r->doc, val, RL_YAML_MAP, ctx, "", "the trigger")) != 0) {
            return ret;
        }
        to.map = val;
        to.ctx = ctx;
        to.pre = "";
        t->src_line = rl_yaml_line(key);
        reset_slot(sr, t->src_line);
        if ((ret = rl_yaml_check_keys(r->doc, &to, trigger_keys, NULL, "a trigger")) != 0
            || (ret = read_active(sr, &to)) != 0
            || (ret = rd_read_triggers(r, sr->slot, &to)) != 0
            || (ret = check_slot(sr, ctx)) != 0) {
            return ret;
        }
        t->phase = *sr->slot;
        s->n_triggers++;
    }
    return 0;
}

static int
read_candidates(screen_reader_t *sr, const rl_yaml_obj_t *o)
{
    rd_reader_t *r = &sr->r;
    rl_screen_t *s = sr->s;
    const rl_yaml_node_t *n;
    size_t i;
    int ret;

    if ((ret = need_entries(sr, o, "candidates", RL_YAML_LIST, "must list at least "
             "one treatment (vehicle is implicit)", &n)) != 0) {
        return ret;
    }
    for (i = 0; i < rl_yaml_count(n); i++) {
        const rl_yaml_node_t *it = rl_yaml_item(r->doc, n, i);
        rl_screen_arm_t *a = &s->arms[s->n_arms];
        char ctx[RL_NAME_MAX + 16];
        const rl_yaml_node_t *v;
        rl_yaml_obj_t co;

        if (s->n_arms == RL_SCREEN_MAX_ARMS) {
            return rl_yaml_fail(r->doc, it, RL_ERR_INVALID, "screen: at most %d candidates",
                RL_SCREEN_MAX_CANDIDATES);
        }
        snprintf(ctx, sizeof ctx, "candidate %d", s->n_arms);
        if ((ret = rl_yaml_expect(r->doc, it, RL_YAML_MAP, "candidates", "", ctx)) != 0) {
            return ret;
        }
        co.map = it;
        co.ctx = ctx;
        co.pre = "";
        if ((ret = rl_yaml_get_str(r->doc, &co, "name", true, a->name, sizeof a->name)) != 0
            || (ret = check_unique(sr, rl_yaml_lookup(r->doc, co.map, "name", NULL), "candidate",
                    a->name, s->arms[0].name, sizeof s->arms[0], s->n_arms)) != 0) {
            return ret;
        }
        snprintf(ctx, sizeof ctx, "candidate '%s'", a->name);
        a->src_line = rl_yaml_line(it);
        reset_slot(sr, a->src_line);
        if ((ret = rl_yaml_check_keys(r->doc, &co, candidate_keys, trigger_keys,
                 "a candidate")) != 0
            || (ret = rl_yaml_find(r->doc, &co, "treatments", true, &v)) != 0
            || (ret = rd_read_triggers(r, sr->slot, &co)) != 0
            || (ret = check_slot(sr, ctx)) != 0) {
            return ret;
        }
        if (sr->slot->n_treatments == 0) {
            return rl_yaml_fail(r->doc, v, RL_ERR_INVALID, "%s: treatments must list at least one "
                "drug (vehicle is implicit)", ctx);
        }
        a->n_treatments = sr->slot->n_treatments;
        memcpy(a->treatments, sr->slot->treatments, sizeof a->treatments);
        s->n_arms++;
    }
    return 0;
}

/* ---------------------------------------------------------------- the document */

static int
read_screen(screen_reader_t *sr)
{
    rd_reader_t *r = &sr->r;
    rl_screen_t *s = sr->s;
    const rl_yaml_node_t *root = rl_yaml_root(r->doc);
    rl_protocol_t *p = &s->protocol;
    rl_yaml_obj_t o;
    int ret, reinforcer = 0, streams = 0;

    if (root == NULL) {
        return rl_yaml_fail(r->doc, NULL, RL_ERR_INVALID, "the file is empty (a screen is a "
            "mapping with protocol, n, genotypes, triggers and candidates)");
    }
    if ((ret = rl_yaml_expect(r->doc, root, RL_YAML_MAP, "screen", "", "the top level")) != 0) {
        return ret;
    }
    o.map = root;
    o.ctx = "screen";
    o.pre = "";
    if ((ret = rl_yaml_check_keys(r->doc, &o, screen_keys, NULL, "a screen file")) != 0
        || (ret = rl_yaml_get_str(r->doc, &o, "screen", false, s->title, sizeof s->title)) != 0
        || (ret = rl_yaml_get_int(r->doc, &o, "n", true, &s->n)) != 0
        || (ret = rl_yaml_get_enum(r->doc, &o, "random_numbers", false, stream_words,
                &streams)) != 0) {
        return ret;
    }
    s->independent_streams = streams == 1;
    if (s->n < RL_SCREEN_MIN_N || s->n > RL_SCREEN_MAX_N) {
        return rl_yaml_fail(r->doc, rl_yaml_lookup(r->doc, o.map, "n", NULL), RL_ERR_INVALID,
            "screen: n must be %d to %d mice per genotype (got %d)", RL_SCREEN_MIN_N,
            RL_SCREEN_MAX_N, s->n);
    }
    if ((ret = load_protocol(sr, &o)) != 0
        || (ret = pick_name(sr, &o, "procedure", "procedure", p->procedures[0].name,
                sizeof p->procedures[0], p->n_procedures, &s->procedure)) != 0
        || (ret = pick_name(sr, &o, "reinforcer", "reinforcer", p->reinforcers[0].name,
                sizeof p->reinforcers[0], p->n_reinforcers, &reinforcer)) != 0
        || (ret = pick_test(sr, &o)) != 0
        || (ret = read_genotypes(sr, &o, reinforcer)) != 0) {
        return ret;
    }
    /* The protocol with its new groups, checked again: this resolves what the validator
    ** resolves for a group (the genotype's index and any other name a group holds). */
    if ((ret = rl_protocol_validate(p, NULL, r->file, r->err)) != 0) {
        return ret;
    }
    /* The scratch protocol: the screen's, whose test phase each trigger and candidate
    ** replaces in turn to be validated. */
    if ((sr->scratch = rl_malloc(sizeof *sr->scratch)) == NULL) {
        return rl_error_set(r->err, RL_ERR_NOMEM, r->file, 0, 0, "out of memory");
    }
    *sr->scratch = *p;
    sr->scratch->source_text = NULL; /* not owned by the copy */
    sr->slot = &sr->scratch->procedures[s->procedure].phases[s->test_phase];
    r->p = sr->scratch;
    snprintf(s->arms[0].name, sizeof s->arms[0].name, "vehicle");
    s->arms[0].src_line = 0;
    s->n_arms = 1;
    if ((ret = read_triggers(sr, &o)) != 0) {
        return ret;
    }
    return read_candidates(sr, &o);
}

int
rl_screen_load_file(rl_screen_t *self, const char *path, rl_error_t *err)
{
    screen_reader_t sr;
    char *text = NULL;
    size_t len = 0;
    int ret;

    memset(self, 0, sizeof *self);
    rl_error_clear(err);
    if (strlen(path) >= sizeof self->path) {
        return rl_error_set(err, RL_ERR_IO, path, 0, 0, "the screen path is longer than %zu "
            "characters", sizeof self->path - 1);
    }
    memcpy(self->path, path, strlen(path) + 1);
    if ((ret = rl_read_file(path, &text, &len, err)) != 0) {
        const char *why = strrchr(err->msg, ':'); /* "cannot open protocol 'x': <why>" */
        if (ret == RL_ERR_IO && why != NULL) {
            char msg[RL_ERROR_MSG_MAX];
            snprintf(msg, sizeof msg, "cannot read the screen file:%s", why + 1);
            snprintf(err->msg, sizeof err->msg, "%s", msg);
        }
        return ret;
    }
    memset(&sr, 0, sizeof sr);
    sr.r.file = self->path;
    sr.r.err = err;
    sr.s = self;
    if ((ret = rd_load(&sr.r, text, len, "a screen file")) == 0) {
        ret = read_screen(&sr);
    }
    rd_done(&sr.r);
    free(sr.scratch);
    free(text);
    return ret;
}

int
rl_screen_set_n(rl_screen_t *self, int n, rl_error_t *err)
{
    int g;
    if (n < RL_SCREEN_MIN_N || n > RL_SCREEN_MAX_N) {
        return rl_error_set(err, RL_ERR_USAGE, NULL, 0, 0, "--n must be %d-%d (got %d)",
            RL_SCREEN_MIN_N, RL_SCREEN_MAX_N, n);
    }
    self->n = n;
    for (g = 0; g < self->protocol.n_groups; g++) {
        self->protocol.groups[g].n = n;
    }
    return 0;
}

void
rl_screen_free(rl_screen_t *self)
{
    if (self != NULL) {
        rl_protocol_free(&self->protocol);
    }
}

int
rl_screen_n_subjects(const rl_screen_t *self)
{
    return self->n_genotypes * self->n;
}

int
rl_screen_tests_per_mouse(const rl_screen_t *self)
{
    return self->n_triggers * self->n_arms;
}
