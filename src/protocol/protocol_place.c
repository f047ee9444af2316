/* protocol_place.c -- conditioned place preference phases, YAML -> rl_phase_t.
**
** Two phase kinds (docs/PROTOCOL.md, "Place preference"): `place_conditioning` confines the
** mouse to one compartment per session, alternating the drug-paired compartment (after
** the drug of `pairing`) and the other one (after saline); `place_test` gives free access
** to both. Neither has an operandum, so the operant keys (schedule, cue, responses,
** limits, criterion) are refused; the struct's operant fields get neutral values. Drugs and
** triggers (treatments, stress) use the same keys as in operant phases.
*/
#include "protocol_reader.h"

#include <string.h>

static const char *const place_keys[] = {"name", "kind", "session_min", "sessions",
    "pairing", "abstinence_days", "intersession_h", "treatments", "stress", NULL};
static const char *const test_keys[] = {"name", "kind", "session_min", "sessions",
    "abstinence_days", "intersession_h", "treatments", "stress", NULL};
static const char *const pairing_keys[] = {"drug", "dose_mg_per_kg", "route",
    "minutes_before", "first", NULL};
static const char *const first_words[] = {"drug", "saline", NULL};
static const char *const saline_words[] = {"saline", NULL};

/* pairing: {drug, dose_mg_per_kg, route, minutes_before, first} or the word saline. */
static int
read_pairing(rd_reader_t *r, rl_phase_t *ph, const rl_yaml_obj_t *po)
{
    rl_place_pairing_t *pp = &ph->pairing;
    rl_treatment_t *t = &pp->drug;
    const rl_yaml_node_t *n;
    rl_yaml_obj_t o;
    int ret, first = 0, word = 0;

    if ((ret = rl_yaml_find(r->doc, po, "pairing", true, &n)) != 0) {
        return ret;
    }
    pp->src_line = rl_yaml_line(n);
    if (rl_yaml_kind(n) == RL_YAML_SCALAR) {
        char got[64];
        pp->with_drug = false;
        if (rl_yaml_enum_of(r->doc, n, po->ctx, "", "pairing", saline_words, &word) != 0) {
            rl_error_clear(r->err);
            return rl_yaml_fail(r->doc, n, RL_ERR_INVALID, "%s: pairing must be the word saline "
                "or a mapping {drug, dose_mg_per_kg, route, minutes_before, first} (got %s)",
                po->ctx, rl_yaml_describe(n, got, sizeof got));
        }
        return 0;
    }
    if ((ret = rl_yaml_expect(r->doc, n, RL_YAML_MAP, po->ctx, "", "pairing")) != 0) {
        return ret;
    }
    o.map = n;
    o.ctx = po->ctx;
    o.pre = "pairing.";
    pp->with_drug = true;
    t->src_line = pp->src_line;
    if ((ret = rl_yaml_check_keys(r->doc, &o, pairing_keys, NULL, "pairing")) != 0
        || (ret = rl_yaml_get_str(r->doc, &o, "drug", true, t->drug, sizeof t->drug)) != 0
        || (ret = rl_yaml_get_num(r->doc, &o, "dose_mg_per_kg", true, &t->dose_mg_per_kg)) != 0
        || (ret = rl_yaml_get_str(r->doc, &o, "route", true, t->route, sizeof t->route)) != 0
        || (ret = rl_yaml_get_num(r->doc, &o, "minutes_before", false, &t->minutes_before)) != 0
        || (ret = rl_yaml_get_enum(r->doc, &o, "first", false, first_words, &first)) != 0) {
        return ret;
    }
    pp->saline_first = first == 1;
    return rd_resolve_drug(r, n, t, po->ctx);
}

int
rd_read_place_phase(rd_reader_t *r, rl_phase_t *ph, const rl_yaml_obj_t *o,
    const char *const *operant_keys)
{
    bool conditioning = ph->kind == RL_PHASE_PLACE_CONDITIONING;
    int ret;

    if ((ret = rl_yaml_check_keys(r->doc, o, conditioning ? place_keys : test_keys, operant_keys,
             conditioning ? "a place_conditioning phase" : "a place_test phase")) != 0
        || (ret = rl_yaml_get_num(r->doc, o, "session_min", true, &ph->session_min)) != 0
        || (ret = rl_yaml_get_int(r->doc, o, "sessions", true, &ph->sessions)) != 0
        || (ret = rl_yaml_get_num(r->doc, o, "abstinence_days", false, &ph->abstinence_days)) != 0
        || (ret = rl_yaml_get_num(r->doc, o, "intersession_h", false, &ph->intersession_h)) != 0
        || (conditioning && (ret = read_pairing(r, ph, o)) != 0)
        || (ret = rd_read_triggers(r, ph, o)) != 0) {
        return ret;
    }
    /* no operandum: one response per requirement, nothing delivered, no cue */
    ph->schedule.type = RL_SCHEDULE_FR;
    ph->schedule.ratio = 1;
    ph->deliver_reinforcer = false;
    ph->deliver_cue = false;
    ph->until_criterion = false;
    ph->max_sessions = ph->sessions;
    return 0;
}
