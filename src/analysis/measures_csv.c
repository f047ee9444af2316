/* measures_csv.c -- the standard measures as tidy CSV tables (see measures.h).
**
** Four files, one observation per row, in the format of every relapselab CSV (the shared
** helpers of store/csv_write.h: RFC 4180 quoting, shortest round-trip REALs, text cells
** that look like formulas neutralised, temporary files renamed together when all four are
** complete: store/out_dir.h):
** summary_sessions.csv (session), summary_subjects.csv (subject x phase),
** summary_groups.csv (group x phase: mean, SEM and n of each measure) and bins.csv
** (session x 10-min bin), and with `summary --compare` compare.csv (compare_print.c)
** among them. Not applicable (NaN, NULL) is an empty field. Columns are listed in
** docs/ANALYSIS.md; the lab measures' columns come last, each only where the data have
** its events (rl_measures_shown).
*/
#include "relapselab/measures.h"

#include <inttypes.h>
#include <math.h>
#include <stdbool.h>

#include "analysis/compare_internal.h"
#include "store/csv_write.h"
#include "store/out_dir.h"

/* A row being written: commas go before every field but the first. */
typedef struct row {
    FILE *f;
    int col;
} row_t;

static void
sep(row_t *r)
{
    if (r->col++ > 0) {
        fputc(',', r->f);
    }
}

static void
put_text(row_t *r, const char *s)
{
    sep(r);
    if (s != NULL) {
        rl_csv_put_text(r->f, s);
    }
}

static void
put_int(row_t *r, int64_t v)
{
    sep(r);
    fprintf(r->f, "%" PRId64, v);
}

/* A REAL; NaN is an empty field. */
static void
put_num(row_t *r, double v)
{
    sep(r);
    if (!isnan(v)) {
        rl_csv_put_double(r->f, v);
    }
}

static void
end_row(row_t *r)
{
    fputc('\n', r->f);
    r->col = 0;
}

/* A header row from a NULL-terminated list of column names. */
static void
header(row_t *r, const char *const *cols)
{
    for (; *cols != NULL; cols++) {
        put_text(r, *cols);
    }
}

/* The group's columns (group_id, group_name, and genotype and sex, or all four of line,
** genotype, sex when with_line), then phase_index, phase_name, phase_kind. */
static void
put_group_phase(row_t *r, const rl_dataset_t *ds, int group, int ph, bool with_line)
{
    const rl_ds_group_t *g = &ds->groups[group];
    const rl_phase_t *phase = &ds->procedures[g->procedure_id].phases[ph];
    put_int(r, g->group_id);
    put_text(r, g->name);
    if (with_line) {
        put_text(r, g->line);
    }
    put_text(r, g->genotype);
    put_text(r, g->sex);
    put_int(r, ph);
    put_text(r, phase->name);
    put_text(r, rl_phase_kind_name(phase->kind));
}

static void
write_sessions(const rl_dataset_t *ds, const rl_measures_t *m, row_t *r)
{
    static const char *const cols[] = {"session_id", "subject_id", "subject_name", "group_id",
        "group_name", "genotype", "sex", "phase_index", "phase_name", "phase_kind",
        "session_in_phase", "day", "start_time", "active", "inactive", "active_timeout",
        "reinforcers", "duration_min", "deliveries", "iri_median_s", "iri_mean_s",
        "first_bin_active", "n_bins", "criterion_met_stored", "criterion_met", "breakpoint",
        "breakpoint_derived", "iii_maint_mean_s", "iii_maint_n", "da_pre_nM", "da_mean_nM",
        "da_peak_nM", "da_mean_pct", "da_peak_pct", "cocaine_mean_uM", "cocaine_peak_uM", NULL};
    size_t i;
    int k;

    header(r, cols);
    for (k = RL_M_LAB_FIRST; k < RL_M_COUNT; k++) {
        if (rl_measures_shown(m, k)) {
            put_text(r, rl_measure_name(k));
        }
    }
    end_row(r);
    for (i = 0; i < ds->n_sessions; i++) {
        const rl_ds_session_t *s = &ds->sessions[i];
        const rl_session_measures_t *sm = &m->sessions[i];
        put_int(r, s->session_id);
        put_int(r, s->subject_id);
        put_text(r, s->subject_name);
        put_int(r, s->group_id);
        put_text(r, s->group_name);
        put_text(r, s->genotype);
        put_text(r, s->sex);
        put_int(r, s->phase_index);
        put_text(r, s->phase_name);
        put_text(r, s->phase_kind);
        put_int(r, s->session_in_phase);
        put_int(r, s->day);
        put_text(r, s->start_time);
        put_int(r, s->active);
        put_int(r, s->inactive);
        put_int(r, s->active_timeout);
        put_int(r, s->reinforcers);
        put_num(r, s->duration_min);
        put_num(r, s->events_loaded ? (double) sm->deliveries : NAN);
        put_num(r, sm->iri_median_s);
        put_num(r, sm->iri_mean_s);
        put_num(r, sm->first_bin_active);
        put_int(r, sm->n_bins);
        put_int(r, s->criterion_met);
        put_num(r, sm->criterion_met);
        put_num(r, sm->breakpoint);
        put_int(r, sm->breakpoint_derived);
        put_num(r, sm->iii_maint_mean_s);
        put_num(r, s->events_loaded ? (double) sm->iii_maint_n : NAN);
        put_num(r, sm->brain.da_pre_nM);
        put_num(r, sm->brain.da_mean_nM);
        put_num(r, sm->brain.da_peak_nM);
        put_num(r, sm->da_mean_pct);
        put_num(r, sm->da_peak_pct);
        put_num(r, sm->brain.cocaine_mean_uM);
        put_num(r, sm->brain.cocaine_peak_uM);
        for (k = RL_M_LAB_FIRST; k < RL_M_COUNT; k++) {
            if (rl_measures_shown(m, k)) {
                put_num(r, sm->lab[k - RL_M_LAB_FIRST]);
            }
        }
        end_row(r);
    }
}

static void
write_subjects(const rl_dataset_t *ds, const rl_measures_t *m, row_t *r)
{
    static const char *const cols[] = {"subject_id", "subject_name", "group_id", "group_name",
        "genotype", "sex", "phase_index", "phase_name", "phase_kind", NULL};
    size_t i;
    int k;

    header(r, cols);
    for (k = 0; k < RL_M_COUNT; k++) {
        if (rl_measures_shown(m, k)) {
            put_text(r, rl_measure_name(k));
        }
    }
    end_row(r);
    for (i = 0; i < m->n_subject_phases; i++) {
        const rl_subject_phase_t *sp = &m->subject_phases[i];
        const rl_ds_subject_t *sub = &ds->subjects[sp->subject];
        put_int(r, sub->subject_id);
        put_text(r, sub->name);
        put_group_phase(r, ds, sp->group, sp->phase_index, false);
        for (k = 0; k < RL_M_COUNT; k++) {
            if (rl_measures_shown(m, k)) {
                put_num(r, sp->v[k]);
            }
        }
        end_row(r);
    }
}

static void
write_groups(const rl_dataset_t *ds, const rl_measures_t *m, row_t *r)
{
    static const char *const cols[] = {"group_id", "group_name", "line", "genotype", "sex",
        "phase_index", "phase_name", "phase_kind", "n", NULL};
    static const char *const stats[] = {"_mean", "_sem", "_n"};
    char name[96];
    size_t i;
    int k, j;

    header(r, cols);
    for (k = 0; k < RL_M_COUNT; k++) {
        for (j = 0; j < 3 && rl_measures_shown(m, k); j++) {
            snprintf(name, sizeof name, "%s%s", rl_measure_name(k), stats[j]);
            put_text(r, name);
        }
    }
    end_row(r);
    for (i = 0; i < m->n_group_phases; i++) {
        const rl_group_phase_t *gp = &m->group_phases[i];
        put_group_phase(r, ds, gp->group, gp->phase_index, true);
        put_int(r, gp->n);
        for (k = 0; k < RL_M_COUNT; k++) {
            if (!rl_measures_shown(m, k)) {
                continue;
            }
            put_num(r, gp->m[k].n > 0 ? gp->m[k].mean : NAN);
            put_num(r, gp->m[k].n > 0 ? gp->m[k].sem : NAN);
            put_int(r, gp->m[k].n);
        }
        end_row(r);
    }
}

static void
write_bins(const rl_dataset_t *ds, const rl_measures_t *m, row_t *r)
{
    static const char *const cols[] = {"session_id", "subject_id", "group_name", "phase_name",
        "day", "bin", "start_min", "end_min", "active", NULL};
    size_t i;
    int b;

    header(r, cols);
    end_row(r);
    for (i = 0; i < ds->n_sessions; i++) {
        const rl_ds_session_t *s = &ds->sessions[i];
        const rl_session_measures_t *sm = &m->sessions[i];
        for (b = 0; b < sm->n_bins; b++) {
            put_int(r, s->session_id);
            put_int(r, s->subject_id);
            put_text(r, s->group_name);
            put_text(r, s->phase_name);
            put_int(r, s->day);
            put_int(r, b);
            put_num(r, b * RL_BIN_S / 60.0);
            put_num(r, (b + 1) * RL_BIN_S / 60.0);
            put_int(r, sm->bins[b]);
            end_row(r);
        }
    }
}

typedef void (*table_fn)(const rl_dataset_t *ds, const rl_measures_t *m, row_t *r);

int
rl_measures_write_csv(const rl_dataset_t *ds, const rl_measures_t *m, const char *dir,
    const rl_temp_watch_t *watch, rl_error_t *err)
{
    return rl_measures_write_csv_with(ds, m, NULL, dir, watch, err);
}

int
rl_measures_write_csv_with(const rl_dataset_t *ds, const rl_measures_t *m,
    const struct rl_comparisons *cmp, const char *dir, const rl_temp_watch_t *watch,
    rl_error_t *err)
{
    static const struct {
        const char *file;
        table_fn write;
    } tables[] = {
        {"summary_sessions.csv", write_sessions},
        {"summary_subjects.csv", write_subjects},
        {"summary_groups.csv", write_groups},
        {"bins.csv", write_bins},
    };
    rl_out_dir_t od;
    size_t i, k;
    int ret;

    if ((ret = rl_out_dir_open(&od, dir, watch, err)) != 0) {
        return ret;
    }
    od.input = ds->path;
    for (i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        row_t r;
        if ((ret = rl_out_dir_create(&od, tables[i].file, &r.f, &k, err)) != 0) {
            break;
        }
        r.col = 0;
        tables[i].write(ds, m, &r);
        if ((ret = rl_out_dir_close(&od, k, r.f, err)) != 0) {
            break;
        }
    }
    if (ret == 0 && cmp != NULL) {
        FILE *f;
        if ((ret = rl_out_dir_create(&od, "compare.csv", &f, &k, err)) == 0) {
            rl_compare_csv_table(ds, cmp, f);
            ret = rl_out_dir_close(&od, k, f, err);
        }
    }
    if (ret != 0) {
        rl_out_dir_abort(&od);
        return ret;
    }
    return rl_out_dir_commit(&od, err);
}
