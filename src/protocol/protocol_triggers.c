/* protocol_triggers.c -- a phase's drugs and relapse triggers, YAML -> rl_phase_t.
**
** Three optional keys of a phase (docs/PROTOCOL.md): `treatments` (drugs given before the
** session), `stress` (footshock, forced swim, food deprivation, before or during it) and
** `noncontingent_cues` (cue-light presentations that do not depend on responding). Like
** the rest of the reader, this file checks the text (shapes, keys, numbers, words) and
** resolves names; rl_protocol_validate() (protocol.c) checks the values.
*/
#include "protocol_reader.h"

#include <stdio.h>
#include <string.h>

#include "relapselab/drugs.h"

static const char *const treatment_keys[] = {"drug", "dose_mg_per_kg", "route",
    "minutes_before", "at_min", "infusion", "sessions", NULL};
static const char *const infusion_keys[] = {"from_min", "duration_min", "mg_per_kg_per_h",
    NULL};
static const char *const sessions_words[] = {RL_SESSION_SETS(RL_X_NAME_) NULL};
/* Stress keys by kind (the order of rl_stress_kind_t), and all of them. */
static const char *const stress_words[] = {RL_STRESS_KINDS(RL_X_NAME_) NULL};
static const char *const footshock_keys[] = {"kind", "intensity_mA", "shock_s",
    "mean_interval_s", "duration_min", "minutes_before", "at_min", "days_before", "sessions",
    NULL};
static const char *const swim_keys[] = {"kind", "water_C", "duration_min", "minutes_before",
    "at_min", "days_before", "sessions", NULL};
static const char *const deprivation_keys[] = {"kind", "hours", "sessions", NULL};
static const char *const all_stress_keys[] = {"kind", "intensity_mA", "shock_s",
    "mean_interval_s", "duration_min", "minutes_before", "at_min", "days_before", "sessions",
    "water_C", "hours", NULL};
static const char *const cue_keys[] = {"count", "start_min", "interval_s", NULL};
#define ROUTE_NAME_(id, name, long_name) name,
static const char *const route_names[] = {RL_ROUTES(ROUTE_NAME_) NULL}; /* drugs.h */
#undef ROUTE_NAME_

/* sessions: a word (all, first, paired, unpaired) or a list of 1-based session numbers,
** each at most RL_MAX_LISTED_SESSION and listed once; absent: all. Whether the numbers
** and words fit the phase is the validator's (protocol_check_triggers.c). */
static int
read_session_set(rd_reader_t *r, const rl_yaml_obj_t *o, rl_session_set_t *set)
{
    const rl_yaml_node_t *n;
    char got[64];
    size_t i;
    int ret, word = 0;

    memset(set, 0, sizeof *set);
    if ((ret = rl_yaml_find(r->doc, o, "sessions", false, &n)) != 0 || n == NULL) {
        return ret;
    }
    if ((ret = rd_note(r, set, n)) != 0) {
        return ret;
    }
    if (rl_yaml_kind(n) != RL_YAML_LIST) {
        if (rl_yaml_kind(n) != RL_YAML_SCALAR
            || rl_yaml_enum_of(r->doc, n, o->ctx, o->pre, "sessions", sessions_words,
                   &word) != 0) {
            rl_error_clear(r->err);
            return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: %ssessions must be all, first, "
                "paired, unpaired or a list of session numbers such as [1, 3] (got %s)",
                o->ctx, o->pre, rl_yaml_describe(n, got, sizeof got));
        }
        set->kind = (rl_session_set_kind_t) word;
        return 0;
    }
    if (rl_yaml_count(n) == 0) {
        return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: %ssessions must list at least one "
            "session", o->ctx, o->pre);
    }
    set->kind = RL_SESSIONS_LIST;
    for (i = 0; i < rl_yaml_count(n); i++) {
        const rl_yaml_node_t *it = rl_yaml_item(r->doc, n, i);
        int k = 0;
        if ((ret = rl_yaml_int_of(r->doc, it, o->ctx, o->pre, "sessions entries", &k)) != 0) {
            return ret;
        }
        if (k < 1 || k > RL_MAX_LISTED_SESSION) {
            return rl_yaml_fail(r->doc, it, RL_ERR_INVALID, "%s: %ssessions entries must be "
                "session numbers from 1 to %d (got %d)", o->ctx, o->pre,
                RL_MAX_LISTED_SESSION, k);
        }
        if ((set->listed[(k - 1) / 64] >> ((k - 1) % 64) & 1u) != 0) {
            return rl_yaml_fail(r->doc, it, RL_ERR_INVALID, "%s: %ssessions lists session %d "
                "twice", o->ctx, o->pre, k);
        }
        set->listed[(k - 1) / 64] |= (uint64_t) 1 << ((k - 1) % 64);
    }
    return 0;
}

int
rd_resolve_drug(rd_reader_t *r, const rl_yaml_node_t *n, rl_treatment_t *t, const char *ctx)
{
    const rl_drug_t *d = NULL;
    rl_error_t derr;

    rl_error_clear(&derr);
    if (rl_drug_find(t->drug, &d, &derr) != 0) {
        return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: %s", ctx, derr.msg);
    }
    for (t->drug_id = 0; rl_drug_get(t->drug_id) != d; t->drug_id++) {
    }
    if ((t->route_id = rl_route_find(t->route)) < 0) {
        char list[RL_ERROR_MSG_MAX / 2];
        return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: unknown route '%s' (%s)", ctx,
            t->route, rl_yaml_join(route_names, list, sizeof list));
    }
    return 0;
}

/* When a treatment is given and how: a bolus minutes_before the session (default 0) or
** at_min into it, or infusion: {from_min, duration_min, mg_per_kg_per_h} during it, whose
** dose is either the treatment's dose_mg_per_kg (in all) or its rate (exactly one). */
static int
read_timing(rd_reader_t *r, const rl_yaml_obj_t *o, rl_treatment_t *t)
{
    const rl_yaml_node_t *before, *at, *inf, *dose, *rate, *key = NULL;
    rl_yaml_obj_t io;
    double mg_per_kg_per_h = 0.0;
    int ret;

    if ((ret = rl_yaml_find(r->doc, o, "minutes_before", false, &before)) != 0
        || (ret = rl_yaml_find(r->doc, o, "at_min", false, &at)) != 0
        || (ret = rl_yaml_find(r->doc, o, "dose_mg_per_kg", false, &dose)) != 0) {
        return ret;
    }
    inf = rl_yaml_lookup(r->doc, o->map, "infusion", &key);
    if ((before != NULL) + (at != NULL) + (inf != NULL) > 1) {
        return rl_yaml_fail(r->doc, inf != NULL ? key : at, RL_ERR_INVALID, "%s: a treatment "
            "takes at most one of minutes_before (a bolus before the session), at_min (a "
            "bolus during it) and infusion (a constant-rate infusion during it)", o->ctx);
    }
    if (inf == NULL) {
        if (dose == NULL) {
            return rl_yaml_fail(r->doc, o->map, RL_ERR_INVALID, "%s: missing required key "
                "'%sdose_mg_per_kg'", o->ctx, o->pre);
        }
        t->in_session = at != NULL;
        if ((ret = rl_yaml_num_of(r->doc, dose, o->ctx, o->pre, "dose_mg_per_kg",
                 &t->dose_mg_per_kg)) != 0) {
            return ret;
        }
        if (at != NULL) {
            return rl_yaml_num_of(r->doc, at, o->ctx, o->pre, "at_min", &t->at_min);
        }
        return before == NULL ? 0 : rl_yaml_num_of(r->doc, before, o->ctx, o->pre,
            "minutes_before", &t->minutes_before);
    }
    if ((ret = rl_yaml_expect(r->doc, inf, RL_YAML_MAP, o->ctx, o->pre, "infusion")) != 0) {
        return ret;
    }
    io.map = inf;
    io.ctx = o->ctx;
    io.pre = "treatments.infusion.";
    t->in_session = true;
    if ((ret = rl_yaml_check_keys(r->doc, &io, infusion_keys, NULL, "an infusion")) != 0
        || (ret = rl_yaml_get_num(r->doc, &io, "from_min", true, &t->at_min)) != 0
        || (ret = rl_yaml_get_num(r->doc, &io, "duration_min", true, &t->duration_min)) != 0
        || (ret = rl_yaml_find(r->doc, &io, "mg_per_kg_per_h", false, &rate)) != 0) {
        return ret;
    }
    if ((rate != NULL) == (dose != NULL)) {
        return rl_yaml_fail(r->doc, rate != NULL ? dose : inf, RL_ERR_INVALID, "%s: an "
            "infusion's dose is either the treatment's dose_mg_per_kg (in all) or "
            "infusion.mg_per_kg_per_h (its rate), exactly one of the two", o->ctx);
    }
    if (dose != NULL) {
        return rl_yaml_num_of(r->doc, dose, o->ctx, o->pre, "dose_mg_per_kg",
            &t->dose_mg_per_kg);
    }
    if ((ret = rl_yaml_num_of(r->doc, rate, io.ctx, io.pre, "mg_per_kg_per_h",
             &mg_per_kg_per_h)) != 0) {
        return ret;
    }
    t->dose_mg_per_kg = mg_per_kg_per_h * t->duration_min / 60.0;
    return rd_note(r, &t->dose_mg_per_kg, rate);
}

/* treatments: a list of {drug, route, the dose and its timing (read_timing), sessions}.
** Names are resolved against the drug table here (so an unknown drug or route is reported
** at its node); the values are checked by rl_protocol_validate(). */
static int
read_treatments(rd_reader_t *r, rl_phase_t *ph, const rl_yaml_node_t *n, const char *ctx)
{
    size_t i;
    int ret;

    if ((ret = rl_yaml_expect(r->doc, n, RL_YAML_LIST, ctx, "", "treatments")) != 0) {
        return ret;
    }
    for (i = 0; i < rl_yaml_count(n); i++) {
        const rl_yaml_node_t *it = rl_yaml_item(r->doc, n, i);
        rl_treatment_t *t;
        rl_yaml_obj_t o;
        if (ph->n_treatments == RL_MAX_TREATMENTS) {
            return rl_yaml_fail(r->doc, it, RL_ERR_INVALID, "%s: at most %d treatments per phase",
                ctx, RL_MAX_TREATMENTS);
        }
        t = &ph->treatments[ph->n_treatments];
        t->src_line = rl_yaml_line(it);
        if ((ret = rl_yaml_expect(r->doc, it, RL_YAML_MAP, ctx, "", "a treatment")) != 0) {
            return ret;
        }
        o.map = it;
        o.ctx = ctx;
        o.pre = "treatments.";
        if ((ret = rl_yaml_check_keys(r->doc, &o, treatment_keys, NULL, "a treatment")) != 0
            || (ret = rl_yaml_get_str(r->doc, &o, "drug", true, t->drug, sizeof t->drug)) != 0
            || (ret = rl_yaml_get_str(r->doc, &o, "route", true, t->route, sizeof t->route)) != 0
            || (ret = read_timing(r, &o, t)) != 0
            || (ret = read_session_set(r, &o, &t->sessions)) != 0) {
            return ret;
        }
        if ((ret = rd_resolve_drug(r, it, t, ctx)) != 0) {
            return ret;
        }
        ph->n_treatments++;
    }
    return 0;
}

/* When a footshock or swim starts: exactly one of minutes_before (before the session),
** at_min (into it) and days_before (that many days before the phase's first session, at
** the session's clock time; once, so without `sessions`). */
static int
read_start(rd_reader_t *r, const rl_yaml_obj_t *o, rl_stressor_t *s)
{
    const rl_yaml_node_t *before, *at, *days, *sessions, *n;
    double v = 0.0;
    int ret;

    if ((ret = rl_yaml_find(r->doc, o, "minutes_before", false, &before)) != 0
        || (ret = rl_yaml_find(r->doc, o, "at_min", false, &at)) != 0
        || (ret = rl_yaml_find(r->doc, o, "days_before", false, &days)) != 0
        || (ret = rl_yaml_find(r->doc, o, "sessions", false, &sessions)) != 0) {
        return ret;
    }
    if ((before != NULL) + (at != NULL) + (days != NULL) != 1) {
        return rl_yaml_fail(r->doc, before != NULL && at != NULL ? at
                : days != NULL && (before != NULL || at != NULL) ? days : o->map,
            RL_ERR_INVALID, "%s: a stressor needs exactly one of minutes_before (it starts "
            "before the session), at_min (it starts during the session) and days_before (it "
            "starts days before the phase)", o->ctx);
    }
    if (days != NULL) {
        if (sessions != NULL) {
            return rl_yaml_fail(r->doc, sessions, RL_ERR_INVALID, "%s: a stressor days_before "
                "the phase comes once, before its first session: it takes no sessions",
                o->ctx);
        }
        s->sessions.kind = RL_SESSIONS_FIRST;
        if ((ret = rl_yaml_num_of(r->doc, days, o->ctx, o->pre, "days_before",
                 &s->days_before)) != 0) {
            return ret;
        }
        s->start_min = -1440.0 * s->days_before;
        return rd_note(r, &s->start_min, days);
    }
    n = before != NULL ? before : at;
    if ((ret = rl_yaml_num_of(r->doc, n, o->ctx, o->pre,
             before != NULL ? "minutes_before" : "at_min", &v)) != 0) {
        return ret;
    }
    s->start_min = before != NULL ? -v : v;
    return rd_note(r, &s->start_min, n);
}

/* stress: a list of stressors, each {kind, ...kind's keys, sessions}. */
static int
read_stress(rd_reader_t *r, rl_phase_t *ph, const rl_yaml_node_t *n, const char *ctx)
{
    static const char *const *const keys[] = {footshock_keys, swim_keys, deprivation_keys};
    size_t i;
    int ret;

    if ((ret = rl_yaml_expect(r->doc, n, RL_YAML_LIST, ctx, "", "stress")) != 0) {
        return ret;
    }
    for (i = 0; i < rl_yaml_count(n); i++) {
        const rl_yaml_node_t *it = rl_yaml_item(r->doc, n, i);
        rl_stressor_t *s;
        rl_yaml_obj_t o;
        int kind = 0;

        if (ph->n_stressors == RL_MAX_STRESSORS) {
            return rl_yaml_fail(r->doc, it, RL_ERR_INVALID, "%s: at most %d stressors per phase",
                ctx, RL_MAX_STRESSORS);
        }
        s = &ph->stressors[ph->n_stressors];
        memset(s, 0, sizeof *s);
        s->src_line = rl_yaml_line(it);
        if ((ret = rl_yaml_expect(r->doc, it, RL_YAML_MAP, ctx, "", "a stressor")) != 0) {
            return ret;
        }
        o.map = it;
        o.ctx = ctx;
        o.pre = "stress.";
        if ((ret = rl_yaml_get_enum(r->doc, &o, "kind", true, stress_words, &kind)) != 0
            || (ret = rl_yaml_check_keys(r->doc, &o, keys[kind], all_stress_keys,
                    stress_words[kind])) != 0
            || (ret = read_session_set(r, &o, &s->sessions)) != 0) {
            return ret;
        }
        s->kind = (rl_stress_kind_t) kind;
        switch (s->kind) {
        case RL_STRESS_FOOTSHOCK:
            ret = rl_yaml_get_num(r->doc, &o, "intensity_mA", true, &s->intensity_mA);
            ret = ret ? ret : rl_yaml_get_num(r->doc, &o, "shock_s", true, &s->shock_s);
            ret = ret ? ret : rl_yaml_get_num(r->doc, &o, "mean_interval_s", true,
                &s->mean_interval_s);
            ret = ret ? ret : rl_yaml_get_num(r->doc, &o, "duration_min", true, &s->duration_min);
            ret = ret ? ret : read_start(r, &o, s);
            break;
        case RL_STRESS_SWIM:
            ret = rl_yaml_get_num(r->doc, &o, "water_C", true, &s->water_C);
            ret = ret ? ret : rl_yaml_get_num(r->doc, &o, "duration_min", true, &s->duration_min);
            ret = ret ? ret : read_start(r, &o, s);
            break;
        case RL_STRESS_FOOD_DEPRIVATION:
        default:
            /* no food for `hours` before the session and until its end */
            ret = rl_yaml_get_num(r->doc, &o, "hours", true, &s->hours);
            s->start_min = -60.0 * s->hours;
            s->duration_min = 60.0 * s->hours + ph->session_min;
            break;
        }
        if (ret != 0) {
            return ret;
        }
        ph->n_stressors++;
    }
    return 0;
}

/* noncontingent_cues: {count, start_min (default 0), interval_s}. */
static int
read_free_cues(rd_reader_t *r, rl_phase_t *ph, const rl_yaml_obj_t *po)
{
    rl_yaml_obj_t o;
    int ret;

    if ((ret = rl_yaml_get_map(r->doc, po, "noncontingent_cues", false, "noncontingent_cues.",
             &o)) != 0
        || o.map == NULL) {
        return ret;
    }
    ph->free_cues.src_line = rl_yaml_line(o.map);
    if ((ret = rl_yaml_check_keys(r->doc, &o, cue_keys, NULL, "noncontingent_cues")) != 0
        || (ret = rl_yaml_get_int(r->doc, &o, "count", true, &ph->free_cues.count)) != 0
        || (ret = rl_yaml_get_num(r->doc, &o, "start_min", false, &ph->free_cues.start_min)) != 0) {
        return ret;
    }
    return rl_yaml_get_num(r->doc, &o, "interval_s", ph->free_cues.count > 1,
        &ph->free_cues.interval_s);
}

int
rd_read_triggers(rd_reader_t *r, rl_phase_t *ph, const rl_yaml_obj_t *o)
{
    const rl_yaml_node_t *v;
    int ret;

    if ((ret = rl_yaml_find(r->doc, o, "treatments", false, &v)) != 0
        || (v != NULL && (ret = read_treatments(r, ph, v, o->ctx)) != 0)
        || (ret = rl_yaml_find(r->doc, o, "stress", false, &v)) != 0
        || (v != NULL && (ret = read_stress(r, ph, v, o->ctx)) != 0)) {
        return ret;
    }
    return read_free_cues(r, ph, o);
}
