/* protocol_check_triggers.c -- the value rules of a phase's drugs and relapse triggers
** (docs/PROTOCOL.md, "Treatments", "Stress", "Non-contingent cues", "Place preference"):
** treatments and the place pairing (a drug of the table by a route it has data for, a dose,
** a time), stressors (plausible intensities and times), non-contingent cues, and the
** sessions of the phase each comes with. Part of rl_protocol_validate() (protocol.c), with
** its helpers (protocol_check.h).
*/
#include "protocol_check.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "relapselab/drugs.h"

/* The sessions a treatment or stressor (what, for messages) comes with: paired and
** unpaired only in a place_conditioning phase, listed numbers within the phase's (maximum)
** number of sessions. */
static int
validate_session_set(const pv_ctx_t *v, const rl_session_set_t *set, const rl_phase_t *ph,
    long line, const char *what)
{
    int i;
    if ((set->kind == RL_SESSIONS_PAIRED || set->kind == RL_SESSIONS_UNPAIRED)
        && ph->kind != RL_PHASE_PLACE_CONDITIONING) {
        return pv_fail(v, set, line, "%s: sessions: %s names sessions of a place_conditioning "
            "phase (the drug-paired compartment's or the other's); this phase is %s", what,
            set->kind == RL_SESSIONS_PAIRED ? "paired" : "unpaired", rl_phase_kind_name(ph->kind));
    }
    for (i = ph->max_sessions; set->kind == RL_SESSIONS_LIST && i < RL_MAX_LISTED_SESSION; i++) {
        if (rl_session_set_has(set, ph, i)) {
            return pv_fail(v, set, line, "%s: sessions lists session %d, but the phase has at "
                "most %d session%s", what, i + 1, ph->max_sessions,
                ph->max_sessions == 1 ? "" : "s");
        }
    }
    return 0;
}

/* A drug given during the session of phase ph: a bolus or an infusion's start before the
** session's end; an infusion's length; no infusion of a drug whose receptor inactivation
** is modelled as an event at a bolus's peak [DRG-5], [DRG-8]. */
static int
validate_in_session(const pv_ctx_t *v, const rl_treatment_t *t, const rl_drug_t *d,
    const rl_phase_t *ph, const char *tctx)
{
    const char *key = t->duration_min > 0.0 ? "infusion.from_min" : "at_min";
    int ret;
    if ((ret = pv_num(v, &t->at_min, t->src_line, tctx, key, t->at_min, 0, false, INFINITY,
             "")) != 0) {
        return ret;
    }
    if (t->at_min >= ph->session_min) {
        return pv_fail(v, &t->at_min, t->src_line, "%s: %s must be before the end of the "
            "session (%g min) (got %.15g)", tctx, key, ph->session_min, t->at_min);
    }
    if (t->duration_min == 0.0 && !pv_written(v, &t->duration_min)) {
        return 0; /* a bolus */
    }
    if ((ret = pv_num(v, &t->duration_min, t->src_line, tctx, "infusion.duration_min",
             t->duration_min, 0, true, RL_MAX_INFUSION_MIN, " (one day)")) != 0) {
        return ret;
    }
    if (rl_drug_value_present(&d->inact_half_life_h)) {
        return pv_fail(v, &t->duration_min, t->src_line, "%s: an infusion of a drug with "
            "long-lasting receptor inactivation is not modelled (its inactivation is an "
            "event at a bolus's brain peak); give it as a bolus", tctx);
    }
    return 0;
}

/* A phase's treatments [DRG-6], [DRG-7]: a known drug, a route with data, a dose and a
** time (before the session, or during it: validate_in_session). */
static int
validate_treatment(const pv_ctx_t *v, const rl_treatment_t *t, const rl_phase_t *ph,
    const char *tctx)
{
    const rl_drug_t *d = rl_drug_get(t->drug_id);
    const rl_drug_route_pk_t *pk;
    rl_error_t derr;
    int ret;
    if (d == NULL || t->route_id < 0 || t->route_id >= RL_ROUTE_COUNT) {
        return pv_fail(v, t, t->src_line, "%s: unknown drug or route", tctx);
    }
    rl_error_clear(&derr);
    if (rl_drug_route_pk(d, (rl_route_t) t->route_id, &pk, &derr) != 0) {
        return pv_fail(v, t->route, t->src_line, "%s: %s", tctx, derr.msg);
    }
    if ((ret = pv_num(v, &t->dose_mg_per_kg, t->src_line, tctx, "dose_mg_per_kg",
             t->dose_mg_per_kg, 0, true, RL_MAX_TREATMENT_DOSE_MG_PER_KG, "")) != 0) {
        return ret;
    }
    if (t->in_session) {
        return validate_in_session(v, t, d, ph, tctx);
    }
    return pv_num(v, &t->minutes_before, t->src_line, tctx, "minutes_before",
        t->minutes_before, 0, false, RL_MAX_MINUTES_BEFORE, " (one week)");
}

static int
validate_treatments(const pv_ctx_t *v, const rl_phase_t *ph, const char *ctx)
{
    int i, ret;
    for (i = 0; i < ph->n_treatments; i++) {
        char tctx[2 * RL_NAME_MAX + 80];
        snprintf(tctx, sizeof tctx, "%s: treatment %d (%s)", ctx, i + 1,
            ph->treatments[i].drug);
        if ((ret = validate_treatment(v, &ph->treatments[i], ph, tctx)) != 0
            || (ret = validate_session_set(v, &ph->treatments[i].sessions, ph,
                    ph->treatments[i].src_line, tctx)) != 0) {
            return ret;
        }
    }
    if (ph->kind == RL_PHASE_PLACE_CONDITIONING && ph->pairing.with_drug) {
        char tctx[2 * RL_NAME_MAX + 80];
        snprintf(tctx, sizeof tctx, "%s: pairing (%s)", ctx, ph->pairing.drug.drug);
        return validate_treatment(v, &ph->pairing.drug, ph, tctx);
    }
    return 0;
}

/* A phase's stressors [STR-1]: plausible intensities and times; a stressor during the
** session starts before its end. */
static int
validate_stress(const pv_ctx_t *v, const rl_phase_t *ph, const char *ctx)
{
    int i, ret = 0;
    for (i = 0; i < ph->n_stressors && ret == 0; i++) {
        const rl_stressor_t *s = &ph->stressors[i];
        char sctx[2 * RL_NAME_MAX + 80];
        long line = s->src_line;
        snprintf(sctx, sizeof sctx, "%s: stressor %d (%s)", ctx, i + 1,
            rl_stress_kind_name(s->kind));
        switch (s->kind) {
        case RL_STRESS_FOOTSHOCK:
            ret = pv_num(v, &s->intensity_mA, line, sctx, "intensity_mA", s->intensity_mA,
                0, true, RL_MAX_SHOCK_MA, " (mouse footshock is 0.1-1.5 mA)");
            ret = ret ? ret : pv_num(v, &s->shock_s, line, sctx, "shock_s", s->shock_s, 0,
                true, RL_MAX_SHOCK_S, "");
            ret = ret ? ret : pv_num(v, &s->mean_interval_s, line, sctx, "mean_interval_s",
                s->mean_interval_s, s->shock_s, false, RL_MAX_SHOCK_INTERVAL_S, " (one hour)");
            break;
        case RL_STRESS_SWIM:
            ret = pv_num(v, &s->water_C, line, sctx, "water_C", s->water_C, RL_MIN_SWIM_C, false,
                RL_MAX_SWIM_C, " (warmer than a mouse's body is not a swim stress)");
            break;
        case RL_STRESS_FOOD_DEPRIVATION:
        default:
            ret = pv_num(v, &s->hours, line, sctx, "hours", s->hours, 0, true, RL_MAX_DEPRIVATION_H,
                " (three days)");
            break;
        }
        if (ret == 0 && s->kind != RL_STRESS_FOOD_DEPRIVATION
            && (s->days_before != 0.0 || pv_written(v, &s->days_before))) {
            /* days before the phase: once, before its first session */
            ret = pv_num(v, &s->duration_min, line, sctx, "duration_min", s->duration_min,
                0, true, RL_MAX_STRESS_MIN, " (four hours)");
            ret = ret ? ret : pv_num(v, &s->days_before, line, sctx, "days_before",
                s->days_before, 0, true, RL_MAX_STRESS_DAYS_BEFORE, " (one year)");
            if (ret == 0 && (s->start_min != -1440.0 * s->days_before
                || s->sessions.kind != RL_SESSIONS_FIRST)) {
                ret = pv_fail(v, &s->days_before, line, "%s: a stressor days_before the phase "
                    "starts 1440 x days_before min before its first session only", sctx);
            }
        } else if (ret == 0 && s->kind != RL_STRESS_FOOD_DEPRIVATION) {
            ret = pv_num(v, &s->duration_min, line, sctx, "duration_min", s->duration_min,
                0, true, RL_MAX_STRESS_MIN, " (four hours)");
            ret = ret ? ret : pv_num(v, &s->start_min, line, sctx,
                s->start_min < 0.0 ? "minutes_before" : "at_min", fabs(s->start_min), 0,
                false, s->start_min < 0.0 ? RL_MAX_MINUTES_BEFORE : ph->session_min,
                s->start_min < 0.0 ? " (one week)" : " (the session's length)");
            if (ret == 0 && s->start_min >= ph->session_min) {
                ret = pv_fail(v, &s->start_min, line, "%s: at_min must be before the end of "
                    "the session (%g min)", sctx, ph->session_min);
            }
        }
        ret = ret ? ret : validate_session_set(v, &s->sessions, ph, line, sctx);
    }
    return ret;
}

/* Non-contingent cues need the phase's cue light and fit in the session. */
static int
validate_free_cues(const pv_ctx_t *v, const rl_phase_t *ph, const char *ctx)
{
    const rl_free_cues_t *f = &ph->free_cues;
    char cctx[2 * RL_NAME_MAX + 80];
    int ret;
    if (f->count == 0 && f->src_line == 0) {
        return 0;
    }
    snprintf(cctx, sizeof cctx, "%s: noncontingent_cues", ctx);
    if ((ret = pv_int(v, &f->count, f->src_line, cctx, "count", 1, RL_MAX_FREE_CUES, "")) != 0
        || (ret = pv_num(v, &f->start_min, f->src_line, cctx, "start_min", f->start_min, 0,
            false, ph->session_min, " (the session's length)")) != 0
        || (f->count > 1 && (ret = pv_num(v, &f->interval_s, f->src_line, cctx,
            "interval_s", f->interval_s, ph->cue_s, true, RL_MAX_FREE_CUE_INTERVAL_S, "")) != 0)) {
        return ret;
    }
    if (!(ph->cue_s > 0.0)) {
        return pv_fail(v, &f->count, f->src_line, "%s: the phase has no cue light (cue_s is 0); "
            "set cue_s to the duration of each presentation", cctx);
    }
    return 0;
}

/* A drug or stressor (what) that starts before_min before the sessions of set: the latest
** start allowed before the first session of the set, and before a later one. */
static int
check_start(const pv_ctx_t *v, const rl_protocol_t *p, const rl_procedure_t *pr, int k,
    const rl_session_set_t *set, double before_min, const void *field, long line,
    const char *what)
{
    const rl_phase_t *ph = &pr->phases[k];
    int i;
    if (!(before_min > 0.0)) {
        return 0;
    }
    /* session 0 has its own bound (the previous phase); every later one shares one */
    for (i = 0; i < ph->max_sessions && i < 2 + RL_MAX_LISTED_SESSION; i++) {
        double latest;
        if (!rl_session_set_has(set, ph, i)) {
            continue;
        }
        latest = rl_phase_latest_before_min(p, pr, k, i);
        if (before_min > latest) {
            return pv_fail(v, field, line, "%s starts %.15g min before session %d of the "
                "phase, before the end of the mouse's previous session, already simulated "
                "(that session starts %.15g min before this one: intersession_h x 60%s; it "
                "lasts up to %.15g min, session_min of phase '%s'); start it at most %.15g min "
                "before",
                what, before_min, i + 1, i == 0 ? latest + pr->phases[k - 1].session_min
                    : latest + ph->session_min,
                i == 0 && ph->abstinence_days > 0.0 ? " + abstinence_days x 1440" : "",
                i == 0 ? pr->phases[k - 1].session_min : ph->session_min,
                i == 0 ? pr->phases[k - 1].name : ph->name, latest);
        }
        if (i > 0) {
            break; /* the later sessions share this bound */
        }
    }
    return 0;
}

int
pv_phase_timing(const pv_ctx_t *v, const rl_protocol_t *p, const rl_procedure_t *pr, int k,
    const char *ctx)
{
    const rl_phase_t *ph = &pr->phases[k];
    char what[2 * RL_NAME_MAX + 96];
    int i, ret;

    for (i = 0; i < ph->n_treatments; i++) {
        const rl_treatment_t *t = &ph->treatments[i];
        snprintf(what, sizeof what, "%s: treatment %d (%s)", ctx, i + 1, t->drug);
        if (!t->in_session && (ret = check_start(v, p, pr, k, &t->sessions, t->minutes_before,
                &t->minutes_before, t->src_line, what)) != 0) {
            return ret;
        }
    }
    if (ph->kind == RL_PHASE_PLACE_CONDITIONING && ph->pairing.with_drug) {
        rl_session_set_t paired;
        memset(&paired, 0, sizeof paired);
        paired.kind = RL_SESSIONS_PAIRED;
        snprintf(what, sizeof what, "%s: pairing (%s)", ctx, ph->pairing.drug.drug);
        if ((ret = check_start(v, p, pr, k, &paired, ph->pairing.drug.minutes_before,
                 &ph->pairing.drug.minutes_before, ph->pairing.src_line, what)) != 0) {
            return ret;
        }
    }
    for (i = 0; i < ph->n_stressors; i++) {
        const rl_stressor_t *s = &ph->stressors[i];
        snprintf(what, sizeof what, "%s: stressor %d (%s)", ctx, i + 1,
            rl_stress_kind_name(s->kind));
        if ((ret = check_start(v, p, pr, k, &s->sessions, -s->start_min,
                 s->kind == RL_STRESS_FOOD_DEPRIVATION ? (const void *) &s->hours
                     : (const void *) &s->start_min, s->src_line, what)) != 0) {
            return ret;
        }
    }
    return 0;
}

int
pv_phase_triggers(const pv_ctx_t *v, const rl_protocol_t *p, const rl_procedure_t *pr, int k,
    const char *ctx)
{
    const rl_phase_t *ph = &pr->phases[k];
    int ret;
    (void) p;
    if ((ret = validate_treatments(v, ph, ctx)) != 0
        || (ret = validate_stress(v, ph, ctx)) != 0) {
        return ret;
    }
    return validate_free_cues(v, ph, ctx);
}
