/* subject.c -- a mouse's path through its procedure (see subject.h).
**
** Sessions of one mouse depend on each other (learning carries over), so a subject is the
** unit of parallel work; within it everything is sequential. Each session draws from its
** own stream (subject, running session number), so adding a session at the end of a
** protocol does not change the sessions before it.
*/
#include "cohort/subject.h"

#include <stdlib.h>

#include <gsl/gsl_randist.h>
#include <string.h>

#include "relapselab/background.h"
#include "measures/criteria.h"
#include "relapselab/genotype.h"
#include "relapselab/mouse.h"
#include "chamber/place.h"
#include "relapselab/rng.h"
#include "core/alloc.h"

static int
push_session(rl_subject_result_t *self, const rl_session_result_t *s)
{
    if (self->n_sessions == self->cap) {
        int cap = self->cap ? 2 * self->cap : 32;
        rl_session_result_t *p = rl_realloc(self->sessions, (size_t) cap * sizeof *p);
        if (p == NULL) {
            return RL_ERR_NOMEM;
        }
        self->sessions = p;
        self->cap = cap;
    }
    self->sessions[self->n_sessions++] = *s;
    return 0;
}

/* Evaluate phase's criterion on the mouse's sessions of this phase (phase_first..end). */
static bool
criterion_met(const rl_procedure_t *proc, const rl_phase_t *phase, const int *phase_first,
    const int *phase_count, const rl_subject_result_t *self, int first)
{
    const rl_criterion_t *c = &phase->criterion;
    const rl_session_result_t *s = &self->sessions[first];
    int n = self->n_sessions - first;
    switch (c->type) {
    case RL_CRITERION_ACQUISITION:
        return rl_criterion_acquisition_met(c, s, n);
    case RL_CRITERION_EXTINCTION: {
        int ref = c->reference_phase_id;
        const rl_criterion_t *rc = &proc->phases[ref].criterion;
        double level = rl_criterion_reference(rc, &self->sessions[phase_first[ref]],
            phase_count[ref]);
        return rl_criterion_extinction_met(c, level, s, n);
    }
    case RL_CRITERION_NONE:
    default:
        return false;
    }
}

/* One treatment with this session: a bolus before it or during it, or an infusion during
** it (doses in the session's future are discontinuities the chamber stops at) [DRG-6],
** [DRG-8]. */
static int
give_one(rl_mouse_t *mouse, const rl_treatment_t *t, rl_error_t *err)
{
    if (t->in_session && t->duration_min > 0.0) {
        return rl_mouse_infuse(mouse, t->drug_id, t->route_id, t->dose_mg_per_kg, t->at_min,
            t->duration_min, err);
    }
    return rl_mouse_give(mouse, t->drug_id, t->route_id, t->dose_mg_per_kg,
        t->in_session ? t->at_min : -t->minutes_before, err);
}

/* The phase's treatments due with its session i (0-based) [DRG-6]. */
static int
give_treatments(rl_mouse_t *mouse, const rl_phase_t *phase, int i, rl_error_t *err)
{
    int k, ret;
    for (k = 0; k < phase->n_treatments; k++) {
        const rl_treatment_t *t = &phase->treatments[k];
        if (!rl_session_set_has(&t->sessions, phase, i)) {
            continue;
        }
        if ((ret = give_one(mouse, t, err)) != 0) {
            return ret;
        }
    }
    return 0;
}

/* The pairing drug before a drug session of a place_conditioning phase [CPP-1]. */
static int
give_pairing(rl_mouse_t *mouse, const rl_phase_t *phase, int i, rl_error_t *err)
{
    const rl_treatment_t *t = &phase->pairing.drug;
    if (!rl_place_drug_session(phase, i)) {
        return 0;
    }
    return give_one(mouse, t, err);
}

/* The phase's stressors due with its session i (0-based) [STR-1]. */
static int
give_stress(rl_mouse_t *mouse, const rl_phase_t *phase, int i, rl_error_t *err)
{
    int k, ret;
    for (k = 0; k < phase->n_stressors; k++) {
        const rl_stressor_t *s = &phase->stressors[k];
        if (!rl_session_set_has(&s->sessions, phase, i)) {
            continue;
        }
        if ((ret = rl_mouse_stress(mouse, rl_mouse_stress_units(mouse, s), s->start_min,
                 s->duration_min, err)) != 0) {
            return ret;
        }
    }
    return 0;
}

/* Extra doses (a screen's treatment arm) [DRG-6]. */
static int
give_extra(rl_mouse_t *mouse, const rl_treatment_t *t, int n, rl_error_t *err)
{
    int k, ret;
    for (k = 0; k < n; k++) {
        if ((ret = give_one(mouse, &t[k], err)) != 0) {
            return ret;
        }
    }
    return 0;
}

int
rl_subject_session(rl_mouse_t *mouse, const rl_session_plan_t *plan, gsl_rng *r,
    rl_session_workspace_t *w, rl_session_result_t *out, rl_error_t *err)
{
    const rl_phase_t *phase = plan->phase;
    int i = plan->index, ret;

    memset(out, 0, sizeof *out);
    /* [ABS-1] home-cage days before the phase's first session */
    rl_mouse_begin_session(mouse, rl_phase_intersession_h(plan->protocol, phase)
            + (i == 0 ? 24.0 * phase->abstinence_days : 0.0), plan->first);
    rl_mouse_set_unit_dose(mouse, phase->dose_mg_per_kg);
    /* [BEH-2] the day state, from its own stream: the session's responses draw as before */
    rl_stream_set(r, plan->seed, RL_STREAM_DAY, plan->subject, plan->stream_key);
    rl_mouse_set_day(mouse, gsl_ran_gaussian_ziggurat(r, 1.0));
    if ((ret = give_treatments(mouse, phase, i, err)) != 0
        || (ret = give_stress(mouse, phase, i, err)) != 0
        || (ret = give_pairing(mouse, phase, i, err)) != 0
        || (ret = give_extra(mouse, plan->extra, plan->n_extra, err)) != 0) {
        return ret;
    }
    rl_stream_set(r, plan->seed,
        plan->stream_kind != 0 ? plan->stream_kind : RL_STREAM_BEHAVIOUR, plan->subject,
        plan->stream_key);
    ret = RL_PHASE_IS_PLACE(phase->kind)
        ? rl_place_session_run(phase, i, mouse, r, w, out, err)
        : rl_session_run(phase, mouse, r, w, out, err);
    if (ret != 0) {
        rl_session_result_free(out);
    }
    return ret;
}

/* rl_subject_train() with the mouse's storage given (from rl_mouse_new()). */
static int
train(const rl_protocol_t *protocol, const rl_params_t *base, int subject_id,
    int group, int index_in_group, uint64_t seed, int n_phases, gsl_rng *r,
    rl_session_workspace_t *w, const atomic_int *cancel, rl_mouse_t *mouse,
    rl_subject_result_t *out, rl_error_t *err)
{
    const rl_group_t *g = &protocol->groups[group];
    const rl_procedure_t *proc = &protocol->procedures[g->procedure];
    const rl_genotype_t *gt = rl_genotype_get(g->genotype_id);
    rl_params_t pop;
    int phase_first[RL_MAX_PHASES], phase_count[RL_MAX_PHASES];
    int ph, day = 0, ret = 0;

    memset(out, 0, sizeof *out);
    out->subject_id = subject_id;
    out->group = group;
    out->index_in_group = index_in_group;
    if (gt == NULL) {
        return rl_error_set(err, RL_ERR_INTERNAL, NULL, 0, 0, "group %s: bad genotype id",
            g->name);
    }
    /* the group's genetic background scales the population values (background.h) */
    if (base != NULL) {
        pop = *base;
    } else {
        rl_params_default(&pop);
    }
    if ((ret = rl_background_apply(g->background_id, &pop, err)) != 0) {
        return ret;
    }
    rl_stream_set(r, seed, RL_STREAM_PARAMS, (uint64_t) subject_id, 0);
    rl_params_draw(&out->params, &pop, r);
    rl_mouse_init(mouse, &out->params, &gt->products, &protocol->reinforcers[g->reinforcer]);

    for (ph = 0; ph < n_phases && ph < proc->n_phases; ph++) {
        const rl_phase_t *phase = &proc->phases[ph];
        int limit = phase->until_criterion ? phase->max_sessions : phase->sessions;
        int i;
        phase_first[ph] = out->n_sessions;
        phase_count[ph] = 0;
        for (i = 0; i < limit; i++) {
            rl_session_result_t s;
            rl_session_plan_t plan;
            if ((cancel != NULL && atomic_load(cancel)) || rl_session_stopped(w)) {
                return rl_error_set(err, RL_ERR_INTERRUPTED, NULL, 0, 0, "interrupted");
            }
            memset(&plan, 0, sizeof plan);
            plan.protocol = protocol;
            plan.phase = phase;
            plan.index = i;
            plan.first = day == 0;
            plan.seed = seed;
            plan.subject = (uint64_t) subject_id;
            plan.stream_key = (uint64_t) day;
            if ((ret = rl_subject_session(mouse, &plan, r, w, &s, err)) != 0) {
                return ret;
            }
            s.subject_id = subject_id;
            s.phase = ph;
            s.session_in_phase = i;
            s.day = day++;
            ret = push_session(out, &s);
            if (ret != 0) {
                rl_session_result_free(&s);
                return rl_error_set(err, ret, NULL, 0, 0, "out of memory");
            }
            phase_count[ph]++;
            out->sessions[out->n_sessions - 1].criterion_met =
                criterion_met(proc, phase, phase_first, phase_count, out, phase_first[ph]);
            if (phase->until_criterion && i + 1 >= phase->sessions &&
                out->sessions[out->n_sessions - 1].criterion_met) {
                break;
            }
        }
    }
    return 0;
}

int
rl_subject_train(const rl_protocol_t *protocol, const rl_params_t *base, int subject_id,
    int group, int index_in_group, uint64_t seed, int n_phases, gsl_rng *r,
    rl_session_workspace_t *w, const atomic_int *cancel, rl_mouse_t *mouse_out,
    rl_subject_result_t *out, rl_error_t *err)
{
    rl_mouse_t *own = NULL;
    int ret;
    if (mouse_out == NULL && (own = rl_mouse_new()) == NULL) {
        memset(out, 0, sizeof *out);
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    ret = train(protocol, base, subject_id, group, index_in_group, seed, n_phases, r, w,
        cancel, mouse_out != NULL ? mouse_out : own, out, err);
    rl_mouse_free(own);
    return ret;
}

int
rl_subject_simulate(const rl_protocol_t *protocol, const rl_params_t *base, int subject_id,
    int group, int index_in_group, uint64_t seed, gsl_rng *r, rl_session_workspace_t *w,
    const atomic_int *cancel, rl_subject_result_t *out, rl_error_t *err)
{
    return rl_subject_train(protocol, base, subject_id, group, index_in_group, seed,
        RL_MAX_PHASES, r, w, cancel, NULL, out, err);
}
