/* store_protocol.c -- the protocol tables of a results database: reinforcers, procedures
** with their phases, and groups (docs/SCHEMA.md). Names are stored as the protocol YAML
** spells them (rl_phase_kind_name() etc. in protocol.c). The phase labels and each group's
** procedure are copied into the store, for the session rows written later.
*/
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

#include "relapselab/genotype.h"

/* ---- names as stored: the YAML spellings (rl_phase_kind_name() etc. in protocol.c) ---- */

/* criterion.type has no public name function: the words of docs/PROTOCOL.md. */
static const char *
criterion_name(rl_criterion_type_t t)
{
    switch (t) {
    case RL_CRITERION_NONE: return "none";
    case RL_CRITERION_ACQUISITION: return "acquisition";
    case RL_CRITERION_EXTINCTION: return "extinction";
    }
    return "unknown";
}

static int
write_reinforcers(rl_store_t *self, const rl_protocol_t *p, rl_error_t *err)
{
    static const char sql[] =
        "INSERT INTO reinforcers (reinforcer_id, name, kind, drug, dose_mg_per_kg,"
        " infusion_s, volume_ul, pellet_mg, palatability) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    sqlite3_stmt *st = NULL;
    rl_store_binder_t b;
    int i, ret = 0;

    if ((ret = rl_store_prepare(self, sql, &st, err)) != 0) {
        goto out;
    }
    for (i = 0; i < p->n_reinforcers; i++) {
        const rl_reinforcer_t *r = &p->reinforcers[i];
        bool drug = r->kind == RL_REINFORCER_DRUG;
        rl_store_bind_begin(&b, st);
        rl_store_bind_int(&b, i);
        rl_store_bind_text(&b, r->name);
        rl_store_bind_text(&b, drug ? "drug" : "pellet");
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
            rl_store_bind_null(&b);
            rl_store_bind_double(&b, r->pellet_mg);
            rl_store_bind_double(&b, r->palatability);
        }
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

static int
write_phase(rl_store_t *self, sqlite3_stmt *st, int proc, int index, const rl_phase_t *ph,
    rl_error_t *err)
{
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
    rl_store_bind_text(&b, criterion_name(c->type));
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
    if (rl_store_bind_step(&b) != SQLITE_DONE) {
        return rl_store_db_error(self, err, "writing the phases table");
    }
    return 0;
}

/* Procedures and their phases; also copies the phase labels into the store. */
static int
write_procedures(rl_store_t *self, const rl_protocol_t *p, rl_error_t *err)
{
    static const char proc_sql[] =
        "INSERT INTO procedures (procedure_id, name, n_phases) VALUES (?, ?, ?)";
    static const char phase_sql[] =
        "INSERT INTO phases (procedure_id, phase_index, name, kind, schedule_type, ratio,"
        " pr_series, pr_from_formula, session_min, timeout_s, cue_s, deliver_reinforcer,"
        " deliver_cue, max_reinforcers, no_reinforcer_stop_min, sessions, until_criterion,"
        " max_sessions, criterion_type, criterion_consecutive, criterion_min_reinforcers,"
        " criterion_min_active_fraction, criterion_max_deviation,"
        " criterion_max_fraction_of_reference, criterion_reference_phase)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
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
            if ((ret = write_phase(self, phase_st, i, j, &pr->phases[j], err)) != 0) {
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

static int
write_groups(rl_store_t *self, const rl_protocol_t *p, rl_error_t *err)
{
    static const char sql[] =
        "INSERT INTO groups (group_id, name, line, genotype, sex, n, reinforcer_id,"
        " reinforcer, procedure_id, procedure) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    sqlite3_stmt *st = NULL;
    rl_store_binder_t b;
    int i, ret = 0;

    if ((ret = rl_store_prepare(self, sql, &st, err)) != 0) {
        goto out;
    }
    for (i = 0; i < p->n_groups; i++) {
        const rl_group_t *g = &p->groups[i];
        const rl_genotype_t *gt = rl_genotype_get(g->genotype_id);
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
    return write_groups(self, p, err);
}
