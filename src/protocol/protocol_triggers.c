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
    "minutes_before", "sessions", NULL};
static const char *const sessions_words[] = {"all", "first", NULL};
/* Stress keys by kind (the order of rl_stress_kind_t), and all of them. */
static const char *const stress_words[] = {"footshock", "swim", "food_deprivation", NULL};
static const char *const footshock_keys[] = {"kind", "intensity_mA", "shock_s",
    "mean_interval_s", "duration_min", "minutes_before", "at_min", "sessions", NULL};
static const char *const swim_keys[] = {"kind", "water_C", "duration_min", "minutes_before",
    "at_min", "sessions", NULL};
static const char *const deprivation_keys[] = {"kind", "hours", "sessions", NULL};
static const char *const all_stress_keys[] = {"kind", "intensity_mA", "shock_s",
    "mean_interval_s", "duration_min", "minutes_before", "at_min", "sessions", "water_C",
    "hours", NULL};
static const char *const cue_keys[] = {"count", "start_min", "interval_s", NULL};

int
rd_resolve_drug(rd_reader_t *r, const yaml_node_t *n, rl_treatment_t *t, const char *ctx)
{
    const rl_drug_t *d = NULL;
    rl_error_t derr;

    rl_error_clear(&derr);
    if (rl_drug_find(t->drug, &d, &derr) != 0) {
        return rd_rfail(r, n, RL_ERR_INVALID, "%s: %s", ctx, derr.msg);
    }
    for (t->drug_id = 0; rl_drug_get(t->drug_id) != d; t->drug_id++) {
    }
    if ((t->route_id = rl_route_find(t->route)) < 0) {
        return rd_rfail(r, n, RL_ERR_INVALID, "%s: unknown route '%s' (i.v., i.p., s.c., "
            "p.o., i.c.v.)", ctx, t->route);
    }
    return 0;
}

/* treatments: a list of {drug, dose_mg_per_kg, route, minutes_before, sessions}. Names
** are resolved against the drug table here (so an unknown drug or route is reported at
** its node); the values are checked by rl_protocol_validate(). */
static int
read_treatments(rd_reader_t *r, rl_phase_t *ph, yaml_node_t *n, const char *ctx)
{
    yaml_node_item_t *item;
    int ret;

    if ((ret = rd_expect(r, n, YAML_SEQUENCE_NODE, ctx, "", "treatments")) != 0) {
        return ret;
    }
    for (item = n->data.sequence.items.start; item < n->data.sequence.items.top; item++) {
        yaml_node_t *it = rd_node_at(r, *item);
        rl_treatment_t *t;
        rd_obj_t o;
        int which = 0;

        if (ph->n_treatments == RL_MAX_TREATMENTS) {
            return rd_rfail(r, it, RL_ERR_INVALID, "%s: at most %d treatments per phase", ctx,
                RL_MAX_TREATMENTS);
        }
        t = &ph->treatments[ph->n_treatments];
        t->src_line = rd_line_of(it);
        if ((ret = rd_expect(r, it, YAML_MAPPING_NODE, ctx, "", "a treatment")) != 0) {
            return ret;
        }
        o.map = it;
        o.ctx = ctx;
        o.pre = "treatments.";
        if ((ret = rd_check_keys(r, &o, treatment_keys, NULL, "a treatment")) != 0
            || (ret = rd_get_str(r, &o, "drug", true, t->drug, sizeof t->drug)) != 0
            || (ret = rd_get_num(r, &o, "dose_mg_per_kg", true, &t->dose_mg_per_kg)) != 0
            || (ret = rd_get_str(r, &o, "route", true, t->route, sizeof t->route)) != 0
            || (ret = rd_get_num(r, &o, "minutes_before", false, &t->minutes_before)) != 0
            || (ret = rd_get_enum(r, &o, "sessions", false, sessions_words, &which))
                != 0) {
            return ret;
        }
        t->first_session_only = which == 1;
        if ((ret = rd_resolve_drug(r, it, t, ctx)) != 0) {
            return ret;
        }
        ph->n_treatments++;
    }
    return 0;
}

/* When a footshock or swim starts: exactly one of minutes_before (before the session) and
** at_min (into it). */
static int
read_start(rd_reader_t *r, const rd_obj_t *o, rl_stressor_t *s)
{
    yaml_node_t *before, *at;
    double v = 0.0;
    int ret;

    if ((ret = rd_find(r, o, "minutes_before", false, &before)) != 0
        || (ret = rd_find(r, o, "at_min", false, &at)) != 0) {
        return ret;
    }
    if ((before == NULL) == (at == NULL)) {
        return rd_rfail(r, before != NULL ? at : o->map, RL_ERR_INVALID,
            "%s: a stressor needs exactly one of minutes_before (it starts before the "
            "session) and at_min (it starts during the session)", o->ctx);
    }
    if ((ret = rd_number_of(r, before != NULL ? before : at, o->ctx, o->pre,
             before != NULL ? "minutes_before" : "at_min", &v, NULL)) != 0) {
        return ret;
    }
    s->start_min = before != NULL ? -v : v;
    return rd_note(r, &s->start_min, before != NULL ? before : at);
}

/* stress: a list of stressors, each {kind, ...kind's keys, sessions}. */
static int
read_stress(rd_reader_t *r, rl_phase_t *ph, yaml_node_t *n, const char *ctx)
{
    static const char *const *const keys[] = {footshock_keys, swim_keys, deprivation_keys};
    yaml_node_item_t *item;
    int ret;

    if ((ret = rd_expect(r, n, YAML_SEQUENCE_NODE, ctx, "", "stress")) != 0) {
        return ret;
    }
    for (item = n->data.sequence.items.start; item < n->data.sequence.items.top; item++) {
        yaml_node_t *it = rd_node_at(r, *item);
        rl_stressor_t *s;
        rd_obj_t o;
        int kind = 0, which = 0;

        if (ph->n_stressors == RL_MAX_STRESSORS) {
            return rd_rfail(r, it, RL_ERR_INVALID, "%s: at most %d stressors per phase", ctx,
                RL_MAX_STRESSORS);
        }
        s = &ph->stressors[ph->n_stressors];
        memset(s, 0, sizeof *s);
        s->src_line = rd_line_of(it);
        if ((ret = rd_expect(r, it, YAML_MAPPING_NODE, ctx, "", "a stressor")) != 0) {
            return ret;
        }
        o.map = it;
        o.ctx = ctx;
        o.pre = "stress.";
        if ((ret = rd_get_enum(r, &o, "kind", true, stress_words, &kind)) != 0
            || (ret = rd_check_keys(r, &o, keys[kind], all_stress_keys, stress_words[kind]))
                != 0
            || (ret = rd_get_enum(r, &o, "sessions", false, sessions_words, &which)) != 0) {
            return ret;
        }
        s->kind = (rl_stress_kind_t) kind;
        s->first_session_only = which == 1;
        switch (s->kind) {
        case RL_STRESS_FOOTSHOCK:
            ret = rd_get_num(r, &o, "intensity_mA", true, &s->intensity_mA);
            ret = ret ? ret : rd_get_num(r, &o, "shock_s", true, &s->shock_s);
            ret = ret ? ret : rd_get_num(r, &o, "mean_interval_s", true, &s->mean_interval_s);
            ret = ret ? ret : rd_get_num(r, &o, "duration_min", true, &s->duration_min);
            ret = ret ? ret : read_start(r, &o, s);
            break;
        case RL_STRESS_SWIM:
            ret = rd_get_num(r, &o, "water_C", true, &s->water_C);
            ret = ret ? ret : rd_get_num(r, &o, "duration_min", true, &s->duration_min);
            ret = ret ? ret : read_start(r, &o, s);
            break;
        case RL_STRESS_FOOD_DEPRIVATION:
        default:
            /* no food for `hours` before the session and until its end */
            ret = rd_get_num(r, &o, "hours", true, &s->hours);
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
read_free_cues(rd_reader_t *r, rl_phase_t *ph, const rd_obj_t *po)
{
    rd_obj_t o;
    int ret;

    if ((ret = rd_get_map(r, po, "noncontingent_cues", false, "noncontingent_cues.", &o)) != 0
        || o.map == NULL) {
        return ret;
    }
    ph->free_cues.src_line = rd_line_of(o.map);
    if ((ret = rd_check_keys(r, &o, cue_keys, NULL, "noncontingent_cues")) != 0
        || (ret = rd_get_int(r, &o, "count", true, &ph->free_cues.count)) != 0
        || (ret = rd_get_num(r, &o, "start_min", false, &ph->free_cues.start_min)) != 0) {
        return ret;
    }
    return rd_get_num(r, &o, "interval_s", ph->free_cues.count > 1, &ph->free_cues.interval_s);
}

int
rd_read_triggers(rd_reader_t *r, rl_phase_t *ph, const rd_obj_t *o)
{
    yaml_node_t *v;
    int ret;

    if ((ret = rd_find(r, o, "treatments", false, &v)) != 0
        || (v != NULL && (ret = read_treatments(r, ph, v, o->ctx)) != 0)
        || (ret = rd_find(r, o, "stress", false, &v)) != 0
        || (v != NULL && (ret = read_stress(r, ph, v, o->ctx)) != 0)) {
        return ret;
    }
    return read_free_cues(r, ph, o);
}
