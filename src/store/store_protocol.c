/* store_protocol.c -- the protocol tables of a results database: reinforcers, procedures
** with their phases, and groups (docs/SCHEMA.md). Names are stored as the protocol YAML
** spells them (rl_phase_kind_name() etc. in protocol.c). The phase labels and each group's
** procedure are copied into the store, for the session rows written later.
*/
#include "store_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "relapselab/background.h"
#include "relapselab/genotype.h"

#if defined(__GNUC__)
#define RL_STORE_PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define RL_STORE_PRINTF_LIKE(f, a)
#endif

/* Bind x if present, else NULL. */
static void
bind_or_null(rl_store_binder_t *b, bool present, double x)
{
    if (present) {
        rl_store_bind_double(b, x);
    } else {
        rl_store_bind_null(b);
    }
}

static int
write_reinforcers(rl_store_t *self, const rl_protocol_t *p, rl_error_t *err)
{
    static const char sql[] =
        "INSERT INTO reinforcers (reinforcer_id, name, kind, drug, dose_mg_per_kg,"
        " infusion_s, volume_ul, pellet_mg, palatability, solution, concentration_pct,"
        " satiety_per_delivery) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    sqlite3_stmt *st = NULL;
    rl_store_binder_t b;
    int i, ret = 0;

    if ((ret = rl_store_prepare(self, sql, &st, err)) != 0) {
        goto out;
    }
    for (i = 0; i < p->n_reinforcers; i++) {
        const rl_reinforcer_t *r = &p->reinforcers[i];
        bool drug = r->kind == RL_REINFORCER_DRUG, liquid = r->kind == RL_REINFORCER_LIQUID;
        bool pellet = r->kind == RL_REINFORCER_PELLET;
        rl_store_bind_begin(&b, st);
        rl_store_bind_int(&b, i);
        rl_store_bind_text(&b, r->name);
        rl_store_bind_text(&b, rl_reinforcer_kind_name(r->kind));
        if (drug) {
            rl_store_bind_text(&b, r->drug);
            rl_store_bind_double(&b, r->dose_mg_per_kg);
            rl_store_bind_double(&b, r->infusion_s);
            rl_store_bind_double(&b, r->volume_ul);
            rl_store_bind_null(&b);
            rl_store_bind_null(&b);
        } else {
            rl_store_bind_null(&b);
            rl_store_bind_null(&b);
            rl_store_bind_null(&b);
            bind_or_null(&b, liquid, r->volume_ul);
            bind_or_null(&b, pellet, r->pellet_mg);
            bind_or_null(&b, pellet || liquid, r->palatability);
        }
        rl_store_bind_text(&b, liquid ? r->solution : NULL);
        bind_or_null(&b, liquid, r->concentration_pct);
        bind_or_null(&b, pellet || liquid, liquid ? r->satiety_per_delivery : 1.0);
        if (rl_store_bind_step(&b) != SQLITE_DONE) {
            ret = rl_store_db_error(self, err, "writing the reinforcers table");
            goto out;
        }
    }
out:
    sqlite3_finalize(st);
    return ret;
}

/* "1,2,4,6" into buf (large enough for RL_MAX_PR_STEPS ints). */
static void
format_series(const rl_schedule_t *s, char *buf, size_t n)
{
    size_t used = 0;
    int j;

    buf[0] = '\0';
    for (j = 0; j < s->pr_n && j < RL_MAX_PR_STEPS && used < n; j++) {
        int w = snprintf(buf + used, n - used, j == 0 ? "%d" : ",%d", s->pr_series[j]);
        if (w < 0) {
            break;
        }
        used += (size_t) w;
    }
}

/* Append printf text to buf (size cap, used *len), "; "-separated from what is there. */
static void append(char *buf, size_t cap, size_t *len, const char *fmt, ...)
    RL_STORE_PRINTF_LIKE(4, 5);

static void
append(char *buf, size_t cap, size_t *len, const char *fmt, ...)
{
    va_list ap;
    int n;
    if (*len > 0 && *len + 2 < cap) {
        buf[(*len)++] = ';';
        buf[(*len)++] = ' ';
        buf[*len] = '\0';
    }
    if (*len >= cap) {
        return;
    }
    va_start(ap, fmt);
    n = vsnprintf(buf + *len, cap - *len, fmt, ap);
    va_end(ap);
    *len = n < 0 ? *len : *len + (size_t) n >= cap ? cap - 1 : *len + (size_t) n;
}

static void
describe_treatment(const rl_treatment_t *t, char *buf, size_t cap, size_t *len)
{
    char which[RL_MAX_LISTED_SESSION * 5 + 16];
    const char *set = rl_session_set_describe(&t->sessions, which, sizeof which);
    if (t->in_session && t->duration_min > 0.0) {
        append(buf, cap, len, "%s %g mg/kg %s infused over %g min from %g min%s", t->drug,
            t->dose_mg_per_kg, t->route, t->duration_min, t->at_min, set);
    } else if (t->in_session) {
        append(buf, cap, len, "%s %g mg/kg %s at %g min%s", t->drug, t->dose_mg_per_kg,
            t->route, t->at_min, set);
    } else {
        append(buf, cap, len, "%s %g mg/kg %s, %g min before%s", t->drug, t->dose_mg_per_kg,
            t->route, t->minutes_before, set);
    }
}

/* The phase's triggers as text for the phases table (NULL when it has none). */
static const char *
describe_triggers(const rl_phase_t *ph, int which, char *buf, size_t cap)
{
    size_t len = 0;
    int i;
    buf[0] = '\0';
    if (which == 0) {
        for (i = 0; i < ph->n_treatments; i++) {
            describe_treatment(&ph->treatments[i], buf, cap, &len);
        }
    } else if (which == 1) {
        for (i = 0; i < ph->n_stressors; i++) {
            const rl_stressor_t *x = &ph->stressors[i];
            char set[RL_MAX_LISTED_SESSION * 5 + 16];
            const char *first = rl_session_set_describe(&x->sessions, set, sizeof set);
            if (x->kind == RL_STRESS_FOOD_DEPRIVATION) {
                append(buf, cap, &len, "food_deprivation %g h%s", x->hours, first);
                continue;
            }
            if (x->kind == RL_STRESS_FOOTSHOCK) {
                append(buf, cap, &len, "footshock %g mA, %g s every %g s, %g min, ",
                    x->intensity_mA, x->shock_s, x->mean_interval_s, x->duration_min);
            } else {
                append(buf, cap, &len, "swim %g C, %g min, ", x->water_C, x->duration_min);
            }
            len = strlen(buf);
            if (x->days_before > 0.0) {
                snprintf(buf + len, cap - len, "%g day%s before the phase", x->days_before,
                    x->days_before == 1.0 ? "" : "s");
            } else {
                snprintf(buf + len, cap - len, x->start_min < 0.0 ? "%g min before%s"
                    : "at %g min%s", fabs(x->start_min), first);
            }
            len = strlen(buf);
        }
    } else if (which == 2 && ph->free_cues.count > 0) {
        append(buf, cap, &len, "%d from %g min, every %g s", ph->free_cues.count,
            ph->free_cues.start_min, ph->free_cues.interval_s);
    } else if (which == 3 && ph->kind == RL_PHASE_PLACE_CONDITIONING) {
        if (ph->pairing.with_drug) {
            describe_treatment(&ph->pairing.drug, buf, cap, &len);
            append(buf, cap, &len, "%s first", ph->pairing.saline_first ? "saline" : "drug");
        } else {
            append(buf, cap, &len, "saline");
        }
    }
    return buf[0] != '\0' ? buf : NULL;
}

static int
write_phase(rl_store_t *self, sqlite3_stmt *st, const rl_protocol_t *p, int proc, int index,
    const rl_phase_t *ph, rl_error_t *err)
{
    char text[4][4096]; /* bound without a copy: one buffer per column */
    char series[RL_MAX_PR_STEPS * 12 + 1];
    const rl_criterion_t *c = &ph->criterion;
    rl_store_binder_t b;

    format_series(&ph->schedule, series, sizeof series);
    rl_store_bind_begin(&b, st);
    rl_store_bind_int(&b, proc);
    rl_store_bind_int(&b, index);
    rl_store_bind_text(&b, ph->name);
    rl_store_bind_text(&b, rl_phase_kind_name(ph->kind));
    rl_store_bind_text(&b, rl_schedule_type_name(ph->schedule.type));
    if (ph->schedule.type == RL_SCHEDULE_FR) {
        rl_store_bind_int(&b, ph->schedule.ratio);
        rl_store_bind_null(&b);
        rl_store_bind_null(&b);
    } else {
        rl_store_bind_null(&b);
        rl_store_bind_text(&b, series);
        rl_store_bind_int(&b, ph->schedule.pr_from_formula);
    }
    rl_store_bind_double(&b, ph->session_min);
    rl_store_bind_double(&b, ph->timeout_s);
    rl_store_bind_double(&b, ph->cue_s);
    rl_store_bind_int(&b, ph->deliver_reinforcer);
    rl_store_bind_int(&b, ph->deliver_cue);
    rl_store_bind_int(&b, ph->max_reinforcers);
    rl_store_bind_double(&b, ph->no_reinforcer_stop_min);
    rl_store_bind_int(&b, ph->sessions);
    rl_store_bind_int(&b, ph->until_criterion);
    if (ph->until_criterion) {
        rl_store_bind_int(&b, ph->max_sessions);
    } else {
        rl_store_bind_null(&b);
    }
    rl_store_bind_text(&b, rl_criterion_type_name(c->type));
    if (c->type == RL_CRITERION_NONE) {
        rl_store_bind_null(&b);
    } else {
        rl_store_bind_int(&b, c->consecutive);
    }
    if (c->type == RL_CRITERION_ACQUISITION) {
        rl_store_bind_int(&b, c->min_reinforcers);
        rl_store_bind_double(&b, c->min_active_fraction);
        rl_store_bind_double(&b, c->max_deviation);
    } else {
        rl_store_bind_null(&b);
        rl_store_bind_null(&b);
        rl_store_bind_null(&b);
    }
    if (c->type == RL_CRITERION_EXTINCTION) {
        rl_store_bind_double(&b, c->max_fraction_of_reference);
        rl_store_bind_text(&b, c->reference_phase);
    } else {
        rl_store_bind_null(&b);
        rl_store_bind_null(&b);
    }
    rl_store_bind_double(&b, ph->abstinence_days);
    rl_store_bind_text(&b, describe_triggers(ph, 0, text[0], sizeof text[0]));
    rl_store_bind_text(&b, describe_triggers(ph, 1, text[1], sizeof text[1]));
    rl_store_bind_text(&b, describe_triggers(ph, 2, text[2], sizeof text[2]));
    rl_store_bind_text(&b, describe_triggers(ph, 3, text[3], sizeof text[3]));
    if (ph->dose_mg_per_kg > 0.0) {
        rl_store_bind_double(&b, ph->dose_mg_per_kg);
    } else {
        rl_store_bind_null(&b); /* the reinforcer's unit dose */
    }
    rl_store_bind_double(&b, rl_phase_intersession_h(p, ph));
    if (rl_store_bind_step(&b) != SQLITE_DONE) {
        return rl_store_db_error(self, err, "writing the phases table");
    }
    return 0;
}

static const char phase_sql[] =
        "INSERT INTO phases (procedure_id, phase_index, name, kind, schedule_type, ratio,"
        " pr_series, pr_from_formula, session_min, timeout_s, cue_s, deliver_reinforcer,"
        " deliver_cue, max_reinforcers, no_reinforcer_stop_min, sessions, until_criterion,"
        " max_sessions, criterion_type, criterion_consecutive, criterion_min_reinforcers,"
        " criterion_min_active_fraction, criterion_max_deviation,"
        " criterion_max_fraction_of_reference, criterion_reference_phase, abstinence_days,"
        " treatments, stress, noncontingent_cues, pairing, dose_mg_per_kg, intersession_h)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " ?, ?, ?, ?, ?, ?, ?)";

/* Procedures and their phases; also copies the phase labels into the store. */
static int
write_procedures(rl_store_t *self, const rl_protocol_t *p, rl_error_t *err)
{
    static const char proc_sql[] =
        "INSERT INTO procedures (procedure_id, name, n_phases) VALUES (?, ?, ?)";
    sqlite3_stmt *proc_st = NULL, *phase_st = NULL;
    rl_store_binder_t b;
    int i, j, ret = 0;

    if ((ret = rl_store_prepare(self, proc_sql, &proc_st, err)) != 0
        || (ret = rl_store_prepare(self, phase_sql, &phase_st, err)) != 0) {
        goto out;
    }
    for (i = 0; i < p->n_procedures; i++) {
        const rl_procedure_t *pr = &p->procedures[i];
        rl_store_bind_begin(&b, proc_st);
        rl_store_bind_int(&b, i);
        rl_store_bind_text(&b, pr->name);
        rl_store_bind_int(&b, pr->n_phases);
        if (rl_store_bind_step(&b) != SQLITE_DONE) {
            ret = rl_store_db_error(self, err, "writing the procedures table");
            goto out;
        }
        self->n_phases[i] = pr->n_phases;
        for (j = 0; j < pr->n_phases; j++) {
            if ((ret = write_phase(self, phase_st, p, i, j, &pr->phases[j], err)) != 0) {
                goto out;
            }
            snprintf(self->phases[i][j].name, RL_NAME_MAX, "%s", pr->phases[j].name);
            self->phases[i][j].kind = rl_phase_kind_name(pr->phases[j].kind);
        }
    }
out:
    sqlite3_finalize(proc_st);
    sqlite3_finalize(phase_st);
    return ret;
}

int
rl_store_write_phases_from(rl_store_t *self, const rl_protocol_t *p, int first,
    rl_error_t *err)
{
    sqlite3_stmt *st = NULL;
    int i, j, ret = 0;

    if ((ret = rl_store_prepare(self, phase_sql, &st, err)) != 0) {
        goto out;
    }
    for (j = first; p->n_procedures > 0 && j < p->procedures[0].n_phases; j++) {
        if ((ret = write_phase(self, st, p, 0, j, &p->procedures[0].phases[j], err)) != 0) {
            goto out;
        }
    }
    for (i = 0; i < p->n_procedures; i++) {
        self->n_phases[i] = p->procedures[i].n_phases;
        for (j = 0; j < p->procedures[i].n_phases; j++) {
            snprintf(self->phases[i][j].name, RL_NAME_MAX, "%s", p->procedures[i].phases[j].name);
            self->phases[i][j].kind = rl_phase_kind_name(p->procedures[i].phases[j].kind);
        }
    }
out:
    sqlite3_finalize(st);
    return ret;
}

int
rl_store_write_groups_from(rl_store_t *self, const rl_protocol_t *p, int first,
    rl_error_t *err)
{
    static const char sql[] =
        "INSERT INTO groups (group_id, name, line, genotype, sex, n, reinforcer_id,"
        " reinforcer, procedure_id, procedure, background) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " ?, ?)";
    sqlite3_stmt *st = NULL;
    rl_store_binder_t b;
    int i, ret = 0;

    if ((ret = rl_store_prepare(self, sql, &st, err)) != 0) {
        goto out;
    }
    for (i = 0; i < first; i++) {
        self->group_procedure[i] = p->groups[i].procedure;
    }
    for (i = first; i < p->n_groups; i++) {
        const rl_group_t *g = &p->groups[i];
        const rl_genotype_label_t *gt = rl_genotype_label(g->genotype_id);
        rl_store_bind_begin(&b, st);
        rl_store_bind_int(&b, i);
        rl_store_bind_text(&b, g->name);
        rl_store_bind_text(&b, g->line);
        rl_store_bind_text(&b, gt != NULL ? gt->name : g->genotype);
        rl_store_bind_text(&b, g->sex == RL_SEX_UNKNOWN ? NULL : rl_sex_name(g->sex));
        rl_store_bind_int(&b, g->n);
        rl_store_bind_int(&b, g->reinforcer);
        rl_store_bind_text(&b, p->reinforcers[g->reinforcer].name);
        rl_store_bind_int(&b, g->procedure);
        rl_store_bind_text(&b, p->procedures[g->procedure].name);
        if (g->genotype_id >= 0 && rl_background_get(g->background_id) != NULL) {
            rl_store_bind_text(&b, rl_background_get(g->background_id)->name);
        } else {
            rl_store_bind_null(&b); /* imported data: not known */
        }
        if (rl_store_bind_step(&b) != SQLITE_DONE) {
            ret = rl_store_db_error(self, err, "writing the groups table");
            goto out;
        }
        self->group_procedure[i] = g->procedure;
    }
    self->n_groups = p->n_groups;
out:
    sqlite3_finalize(st);
    return ret;
}

/* The indices a protocol must hold for the store to index its arrays safely. A loaded
** protocol always passes (rl_protocol_load_* validates); this guards hand-built ones. */
int
rl_store_check_protocol(const rl_protocol_t *p, const char *path, rl_error_t *err)
{
    int i;

    if (p->n_reinforcers < 0 || p->n_reinforcers > RL_MAX_REINFORCERS
        || p->n_procedures < 0 || p->n_procedures > RL_MAX_PROCEDURES
        || p->n_groups < 0 || p->n_groups > RL_MAX_GROUPS) {
        return rl_error_set(err, RL_ERR_INVALID, path, 0, 0, "protocol counts out of range");
    }
    for (i = 0; i < p->n_procedures; i++) {
        if (p->procedures[i].n_phases < 0 || p->procedures[i].n_phases > RL_MAX_PHASES) {
            return rl_error_set(err, RL_ERR_INVALID, path, 0, 0,
                "procedure %d has an invalid number of phases", i);
        }
    }
    for (i = 0; i < p->n_groups; i++) {
        const rl_group_t *g = &p->groups[i];
        if (g->reinforcer < 0 || g->reinforcer >= p->n_reinforcers || g->procedure < 0
            || g->procedure >= p->n_procedures) {
            return rl_error_set(err, RL_ERR_INVALID, path, 0, 0,
                "group %d refers to a reinforcer or procedure that does not exist", i);
        }
    }
    return 0;
}

int
rl_store_write_protocol(rl_store_t *self, const rl_protocol_t *p, rl_error_t *err)
{
    int ret;
    if ((ret = write_reinforcers(self, p, err)) != 0 || (ret = write_procedures(self, p, err)) != 0) {
        return ret;
    }
    return rl_store_write_groups_from(self, p, 0, err);
}
