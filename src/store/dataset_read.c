/* dataset_read.c -- a results database into plain data (see dataset.h); the events are
** read by dataset_events.c.
**
** Design. The database is opened by rl_db_open_checked() (db_check.c, shared with the CSV
** exporter), which refuses files that are not complete relapselab databases of our schema.
** Each table is read by one SELECT in one read transaction; a row callback appends to a
** growing array. Strings are copied into an arena owned by the dataset (a list of blocks
** freed at once), so every struct is plain data. Names of enums (phase kinds, schedule
** types, criterion types, event kinds) are parsed back with the protocol's and the results'
** own name functions; an unknown name is an error rather than a guess. The protocol tables
** are read into rl_reinforcer_t and rl_procedure_t / rl_phase_t; a NULL REAL or INTEGER
** there reads as 0, as in a protocol where the field does not apply.
*/
#include "relapselab/dataset.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset_internal.h"
#include "db_check.h"
#include "core/alloc.h"

#define ARENA_BLOCK 65536

struct rl_ds_arena {
    struct rl_ds_arena *next;
    size_t used, cap;
    char data[];
};

/* ---- storage ---- */

/* A copy of s[0..n-1] (NUL-terminated) in the dataset's arena; NULL if out of memory. */
static const char *
arena_copy(rl_dataset_t *ds, const char *s, size_t n)
{
    rl_ds_arena_t *a = ds->arena;
    char *p;

    if (a == NULL || a->cap - a->used < n + 1) {
        size_t cap = n + 1 > ARENA_BLOCK ? n + 1 : ARENA_BLOCK;
        if ((a = rl_malloc(sizeof *a + cap)) == NULL) {
            return NULL;
        }
        a->cap = cap;
        a->used = 0;
        a->next = ds->arena;
        ds->arena = a;
    }
    p = a->data + a->used;
    memcpy(p, s, n);
    p[n] = '\0';
    a->used += n + 1;
    return p;
}

/* Make room for need elements of size bytes in *p (capacity *cap, in elements). */
int
rl_ds_grow(void **p, size_t *cap, size_t need, size_t size)
{
    size_t n = *cap ? *cap : 16;
    void *q;

    if (need <= *cap) {
        return 0;
    }
    while (n < need) {
        n *= 2;
    }
    if ((q = rl_realloc(*p, n * size)) == NULL) {
        return RL_ERR_NOMEM;
    }
    *p = q;
    *cap = n;
    return 0;
}

/* ---- columns ---- */

/* Column i as text in the arena, or NULL if it is NULL (r->nomem set if a copy fails). */
const char *
rl_ds_col_text(rl_ds_reader_t *r, sqlite3_stmt *st, int i)
{
    const char *s, *copy;

    if (sqlite3_column_type(st, i) == SQLITE_NULL) {
        return NULL;
    }
    s = (const char *) sqlite3_column_text(st, i);
    copy = s != NULL ? arena_copy(r->ds, s, (size_t) sqlite3_column_bytes(st, i)) : NULL;
    if (copy == NULL) {
        r->nomem = true;
    }
    return copy;
}

static int64_t
col_int(sqlite3_stmt *st, int i, int64_t if_null)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? if_null : sqlite3_column_int64(st, i);
}

/* Column i as a double; if_null when it is NULL. */
double
rl_ds_col_real(sqlite3_stmt *st, int i, double if_null)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? if_null : sqlite3_column_double(st, i);
}

/* Column i copied into buf (size n, truncated; "" if NULL). */
static void
col_name(sqlite3_stmt *st, int i, char *buf, size_t n)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    snprintf(buf, n, "%s", s != NULL ? (const char *) s : "");
}

/* Index of text in the names name(0..count-1), or -1. */
int
rl_ds_parse_name(const unsigned char *text, const char *(*name)(int), int count)
{
    int k;
    for (k = 0; text != NULL && k < count; k++) {
        if (strcmp((const char *) text, name(k)) == 0) {
            return k;
        }
    }
    return -1;
}

static const char *
phase_kind_name(int k)
{
    return rl_phase_kind_name((rl_phase_kind_t) k);
}

static const char *
schedule_name(int k)
{
    return rl_schedule_type_name((rl_schedule_type_t) k);
}

static const char *
criterion_name(int k)
{
    return rl_criterion_type_name((rl_criterion_type_t) k);
}

static const char *
reinforcer_kind_name(int k)
{
    return rl_reinforcer_kind_name((rl_reinforcer_kind_t) k);
}

static int
invalid(rl_ds_reader_t *r, const char *what, const unsigned char *text)
{
    return rl_error_set(r->err, RL_ERR_INVALID, r->ds->path, 0, 0, "%s: unexpected value '%s'",
        what, text != NULL ? (const char *) text : "NULL");
}

/* Run sql (with ?1 bound to bind when bind >= 0) and call fn on every row. */
int
rl_ds_each_row(rl_ds_reader_t *r, const char *sql, int64_t bind, rl_ds_row_fn fn,
    const char *what)
{
    sqlite3_stmt *st = NULL;
    int rc, ret = 0;

    if (sqlite3_prepare_v2(r->db, sql, -1, &st, NULL) != SQLITE_OK
        || (bind >= 0 && sqlite3_bind_int64(st, 1, bind) != SQLITE_OK)) {
        ret = rl_error_set(r->err, RL_ERR_DB, r->ds->path, 0, 0, "reading %s: %s", what,
            sqlite3_errmsg(r->db));
        goto out;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if ((ret = fn(r, st)) != 0) {
            goto out;
        }
        if (r->nomem) {
            ret = rl_error_set(r->err, RL_ERR_NOMEM, r->ds->path, 0, 0, "out of memory");
            goto out;
        }
    }
    if (rc != SQLITE_DONE) {
        ret = rl_error_set(r->err, RL_ERR_DB, r->ds->path, 0, 0, "reading %s: %s", what,
            sqlite3_errmsg(r->db));
    }
out:
    sqlite3_finalize(st);
    return ret;
}

/* ---- tables ---- */

static int
run_row(rl_ds_reader_t *r, sqlite3_stmt *st)
{
    rl_ds_run_t *run = &r->ds->run;
    run->source = rl_ds_col_text(r, st, 0);
    run->imported = run->source != NULL && strcmp(run->source, "import") == 0;
    run->study = rl_ds_col_text(r, st, 1);
    run->seed = rl_ds_col_text(r, st, 2);
    run->version = rl_ds_col_text(r, st, 3);
    run->command = rl_ds_col_text(r, st, 4);
    run->protocol_path = rl_ds_col_text(r, st, 5);
    run->protocol_text = rl_ds_col_text(r, st, 6);
    run->intersession_h = rl_ds_col_real(st, 7, NAN);
    return 0;
}

static int
reinforcer_row(rl_ds_reader_t *r, sqlite3_stmt *st)
{
    rl_dataset_t *ds = r->ds;
    int id = (int) sqlite3_column_int64(st, 0);
    int kind = rl_ds_parse_name(sqlite3_column_text(st, 2), reinforcer_kind_name,
        RL_REINFORCER_KIND_COUNT);
    rl_reinforcer_t *x;

    if (id != ds->n_reinforcers || id >= RL_MAX_REINFORCERS) {
        return invalid(r, "reinforcers: reinforcer_id", sqlite3_column_text(st, 0));
    }
    if (kind < 0) {
        return invalid(r, "reinforcers: kind", sqlite3_column_text(st, 2));
    }
    x = &ds->reinforcers[ds->n_reinforcers++];
    memset(x, 0, sizeof *x);
    col_name(st, 1, x->name, sizeof x->name);
    x->kind = (rl_reinforcer_kind_t) kind;
    col_name(st, 3, x->drug, sizeof x->drug);
    x->dose_mg_per_kg = rl_ds_col_real(st, 4, 0.0);
    x->infusion_s = rl_ds_col_real(st, 5, 0.0);
    x->volume_ul = rl_ds_col_real(st, 6, 0.0);
    x->pellet_mg = rl_ds_col_real(st, 7, 0.0);
    x->palatability = rl_ds_col_real(st, 8, 0.0);
    return 0;
}

static int
procedure_row(rl_ds_reader_t *r, sqlite3_stmt *st)
{
    rl_dataset_t *ds = r->ds;
    int id = (int) sqlite3_column_int64(st, 0);
    int64_t n = sqlite3_column_int64(st, 2);
    rl_procedure_t *p;

    if (id != ds->n_procedures || id >= RL_MAX_PROCEDURES) {
        return invalid(r, "procedures: procedure_id", sqlite3_column_text(st, 0));
    }
    if (n < 0 || n > RL_MAX_PHASES) {
        return invalid(r, "procedures: n_phases", sqlite3_column_text(st, 2));
    }
    r->n_phases[id] = (int) n;
    p = &ds->procedures[ds->n_procedures++];
    memset(p, 0, sizeof *p);
    col_name(st, 1, p->name, sizeof p->name); /* n_phases counts the phases read */
    return 0;
}

/* "1,2,4,6" into the schedule's series. */
static int
parse_series(rl_ds_reader_t *r, const unsigned char *text, rl_schedule_t *s)
{
    const char *p = (const char *) text;
    char *end;

    s->pr_n = 0;
    while (p != NULL && *p != '\0') {
        long v = strtol(p, &end, 10);
        if (end == p || (*end != ',' && *end != '\0') || s->pr_n == RL_MAX_PR_STEPS) {
            return invalid(r, "phases: pr_series", text);
        }
        s->pr_series[s->pr_n++] = (int) v;
        p = *end == ',' ? end + 1 : end;
    }
    return 0;
}

static int
phase_row(rl_ds_reader_t *r, sqlite3_stmt *st)
{
    rl_dataset_t *ds = r->ds;
    int proc = (int) sqlite3_column_int64(st, 0), index = (int) sqlite3_column_int64(st, 1);
    int kind, sched, crit, ret;
    rl_procedure_t *p;
    rl_phase_t *ph;
    rl_criterion_t *c;

    if (proc < 0 || proc >= ds->n_procedures) {
        return invalid(r, "phases: procedure_id", sqlite3_column_text(st, 0));
    }
    p = &ds->procedures[proc];
    if (index != p->n_phases || index >= r->n_phases[proc]) {
        return invalid(r, "phases: phase_index", sqlite3_column_text(st, 1));
    }
    if ((kind = rl_ds_parse_name(sqlite3_column_text(st, 3), phase_kind_name,
             RL_PHASE_KIND_COUNT)) < 0) {
        return invalid(r, "phases: kind", sqlite3_column_text(st, 3));
    }
    if ((sched = rl_ds_parse_name(sqlite3_column_text(st, 4), schedule_name,
             RL_SCHEDULE_TYPE_COUNT)) < 0) {
        return invalid(r, "phases: schedule_type", sqlite3_column_text(st, 4));
    }
    if ((crit = rl_ds_parse_name(sqlite3_column_text(st, 18), criterion_name,
             RL_CRITERION_TYPE_COUNT)) < 0) {
        return invalid(r, "phases: criterion_type", sqlite3_column_text(st, 18));
    }
    ph = &p->phases[p->n_phases++];
    memset(ph, 0, sizeof *ph);
    col_name(st, 2, ph->name, sizeof ph->name);
    ph->kind = (rl_phase_kind_t) kind;
    ph->schedule.type = (rl_schedule_type_t) sched;
    ph->schedule.ratio = (int) col_int(st, 5, 0);
    if ((ret = parse_series(r, sqlite3_column_text(st, 6), &ph->schedule)) != 0) {
        return ret;
    }
    ph->schedule.pr_from_formula = col_int(st, 7, 0) != 0;
    ph->session_min = rl_ds_col_real(st, 8, 0.0);
    ph->timeout_s = rl_ds_col_real(st, 9, 0.0);
    ph->cue_s = rl_ds_col_real(st, 10, 0.0);
    ph->deliver_reinforcer = col_int(st, 11, 0) != 0;
    ph->deliver_cue = col_int(st, 12, 0) != 0;
    ph->max_reinforcers = (int) col_int(st, 13, 0);
    ph->no_reinforcer_stop_min = rl_ds_col_real(st, 14, 0.0);
    ph->sessions = (int) col_int(st, 15, 0);
    ph->until_criterion = col_int(st, 16, 0) != 0;
    ph->max_sessions = (int) col_int(st, 17, 0);
    c = &ph->criterion;
    c->type = (rl_criterion_type_t) crit;
    c->consecutive = (int) col_int(st, 19, 0);
    c->min_reinforcers = (int) col_int(st, 20, 0);
    c->min_active_fraction = rl_ds_col_real(st, 21, 0.0);
    c->max_deviation = rl_ds_col_real(st, 22, 0.0);
    c->max_fraction_of_reference = rl_ds_col_real(st, 23, 0.0);
    col_name(st, 24, c->reference_phase, sizeof c->reference_phase);
    c->reference_phase_id = -1;
    return 0;
}

/* After the phases: every procedure complete, extinction references resolved by name. */
static int
finish_procedures(rl_ds_reader_t *r)
{
    rl_dataset_t *ds = r->ds;
    int i, j, k;

    for (i = 0; i < ds->n_procedures; i++) {
        rl_procedure_t *p = &ds->procedures[i];
        if (p->n_phases != r->n_phases[i]) {
            return rl_error_set(r->err, RL_ERR_INVALID, ds->path, 0, 0,
                "procedure %s: %d phases in the phases table, %d in procedures", p->name,
                p->n_phases, r->n_phases[i]);
        }
        for (j = 0; j < p->n_phases; j++) {
            rl_criterion_t *c = &p->phases[j].criterion;
            for (k = 0; k < p->n_phases && c->reference_phase[0] != '\0'; k++) {
                if (strcmp(p->phases[k].name, c->reference_phase) == 0) {
                    c->reference_phase_id = k;
                }
            }
        }
    }
    return 0;
}

static int
group_row(rl_ds_reader_t *r, sqlite3_stmt *st)
{
    rl_dataset_t *ds = r->ds;
    int id = (int) sqlite3_column_int64(st, 0);
    rl_ds_group_t *g;

    if (id != ds->n_groups || id >= RL_MAX_GROUPS) {
        return invalid(r, "groups: group_id", sqlite3_column_text(st, 0));
    }
    g = &ds->groups[ds->n_groups++];
    g->group_id = id;
    g->name = rl_ds_col_text(r, st, 1);
    g->line = rl_ds_col_text(r, st, 2);
    g->genotype = rl_ds_col_text(r, st, 3);
    g->sex = rl_ds_col_text(r, st, 4);
    g->n = (int) sqlite3_column_int64(st, 5);
    g->reinforcer_id = (int) sqlite3_column_int64(st, 6);
    g->procedure_id = (int) sqlite3_column_int64(st, 7);
    if (g->reinforcer_id < 0 || g->reinforcer_id >= ds->n_reinforcers) {
        return invalid(r, "groups: reinforcer_id", sqlite3_column_text(st, 6));
    }
    if (g->procedure_id < 0 || g->procedure_id >= ds->n_procedures) {
        return invalid(r, "groups: procedure_id", sqlite3_column_text(st, 7));
    }
    return 0;
}

static int
subject_row(rl_ds_reader_t *r, sqlite3_stmt *st)
{
    rl_dataset_t *ds = r->ds;
    size_t cap = (size_t) r->cap_subjects;
    rl_ds_subject_t *s;

    if (rl_ds_grow((void **) &ds->subjects, &cap, (size_t) ds->n_subjects + 1, sizeof *s) != 0) {
        return rl_error_set(r->err, RL_ERR_NOMEM, ds->path, 0, 0, "out of memory");
    }
    r->cap_subjects = (int) cap;
    s = &ds->subjects[ds->n_subjects++];
    s->subject_id = (int) sqlite3_column_int64(st, 0);
    s->group_id = (int) sqlite3_column_int64(st, 1);
    s->index_in_group = (int) sqlite3_column_int64(st, 2);
    s->name = rl_ds_col_text(r, st, 3);
    if (s->group_id < 0 || s->group_id >= ds->n_groups) {
        return invalid(r, "subjects: group_id", sqlite3_column_text(st, 1));
    }
    if (sqlite3_column_int64(st, 0) < 0 || sqlite3_column_int64(st, 0) > RL_DS_MAX_COUNT) {
        return invalid(r, "subjects: subject_id", sqlite3_column_text(st, 0));
    }
    if (sqlite3_column_int64(st, 2) < 0 || sqlite3_column_int64(st, 2) > RL_DS_MAX_DAY) {
        return invalid(r, "subjects: index_in_group", sqlite3_column_text(st, 2));
    }
    return 0;
}

static int
cmp_subject(const void *key, const void *elem)
{
    int id = *(const int *) key, other = ((const rl_ds_subject_t *) elem)->subject_id;
    return (id > other) - (id < other);
}

/* Refuse a count or index of row that is out of lo..hi (dataset.h: RL_DS_MAX_). */
static int
check_range(rl_ds_reader_t *r, sqlite3_stmt *st, int col, const char *what, int64_t lo,
    int64_t hi, int64_t *out)
{
    int64_t x = sqlite3_column_int64(st, col);
    if (x < lo || x > hi) {
        return rl_error_set(r->err, RL_ERR_INVALID, r->ds->path, 0, 0,
            "session %lld: %s = %lld is impossible (allowed: %lld to %lld)",
            (long long) sqlite3_column_int64(st, 0), what, (long long) x, (long long) lo,
            (long long) hi);
    }
    *out = x;
    return 0;
}

/* The session's numbers that measures and figures compute with, checked (dataset.h). */
static int
session_numbers(rl_ds_reader_t *r, sqlite3_stmt *st, rl_ds_session_t *s)
{
    static const struct {
        int col;
        const char *what;
        int64_t lo, hi;
    } cols[] = {
        {9, "index_in_group", 0, RL_DS_MAX_DAY}, {14, "session_in_phase", 0, RL_DS_MAX_DAY},
        {15, "day", 0, RL_DS_MAX_DAY}, {16, "active", 0, RL_DS_MAX_COUNT},
        {17, "inactive", 0, RL_DS_MAX_COUNT}, {18, "active_timeout", 0, RL_DS_MAX_COUNT},
        {19, "reinforcers", 0, RL_DS_MAX_COUNT}, {23, "breakpoint", -1, RL_DS_MAX_COUNT},
        {25, "n_events", 0, RL_DS_MAX_COUNT},
    };
    int64_t v[sizeof cols / sizeof cols[0]];
    size_t i;
    int ret;

    for (i = 0; i < sizeof cols / sizeof cols[0]; i++) {
        if (cols[i].col == 23 && sqlite3_column_type(st, 23) == SQLITE_NULL) {
            v[i] = -1;
        } else if ((ret = check_range(r, st, cols[i].col, cols[i].what, cols[i].lo, cols[i].hi,
                        &v[i])) != 0) {
            return ret;
        }
    }
    s->index_in_group = (int) v[0];
    s->session_in_phase = (int) v[1];
    s->day = (int) v[2];
    s->active = v[3];
    s->inactive = v[4];
    s->active_timeout = v[5];
    s->reinforcers = v[6];
    s->breakpoint = v[7];
    s->n_events = v[8];
    s->duration_min = sqlite3_column_double(st, 20);
    if (!(s->duration_min >= 0.0 && s->duration_min <= RL_DS_MAX_SESSION_S / 60.0)) {
        return rl_error_set(r->err, RL_ERR_INVALID, r->ds->path, 0, 0,
            "session %lld: duration_min = %g is impossible (allowed: 0 to %g)",
            (long long) s->session_id, s->duration_min, RL_DS_MAX_SESSION_S / 60.0);
    }
    return 0;
}

static int
session_row(rl_ds_reader_t *r, sqlite3_stmt *st)
{
    rl_dataset_t *ds = r->ds;
    const rl_ds_subject_t *sub;
    rl_ds_session_t *s;
    int ret;

    if (rl_ds_grow((void **) &ds->sessions, &r->cap_sessions, ds->n_sessions + 1, sizeof *s) != 0) {
        return rl_error_set(r->err, RL_ERR_NOMEM, ds->path, 0, 0, "out of memory");
    }
    s = &ds->sessions[ds->n_sessions++];
    memset(s, 0, sizeof *s);
    s->session_id = sqlite3_column_int64(st, 0);
    s->subject_id = (int) sqlite3_column_int64(st, 1);
    s->group_id = (int) sqlite3_column_int64(st, 2);
    s->group_name = rl_ds_col_text(r, st, 3);
    s->line = rl_ds_col_text(r, st, 4);
    s->genotype = rl_ds_col_text(r, st, 5);
    s->sex = rl_ds_col_text(r, st, 6);
    s->reinforcer = rl_ds_col_text(r, st, 7);
    s->procedure = rl_ds_col_text(r, st, 8);
    s->subject_name = rl_ds_col_text(r, st, 10);
    s->phase_index = (int) sqlite3_column_int64(st, 11);
    s->phase_name = rl_ds_col_text(r, st, 12);
    s->phase_kind = rl_ds_col_text(r, st, 13);
    s->end_reason = rl_ds_col_text(r, st, 21);
    s->criterion_met = sqlite3_column_int64(st, 22) != 0;
    s->drug_mg_per_kg = rl_ds_col_real(st, 24, NAN);
    s->brain.da_pre_nM = rl_ds_col_real(st, 26, NAN);
    s->brain.da_mean_nM = rl_ds_col_real(st, 27, NAN);
    s->brain.da_peak_nM = rl_ds_col_real(st, 28, NAN);
    s->brain.cocaine_mean_uM = rl_ds_col_real(st, 29, NAN);
    s->brain.cocaine_peak_uM = rl_ds_col_real(st, 30, NAN);
    s->start_time = rl_ds_col_text(r, st, 31);
    s->import.end_time = rl_ds_col_text(r, st, 32);
    s->import.subject = rl_ds_col_text(r, st, 33);
    s->import.experiment = rl_ds_col_text(r, st, 34);
    s->import.group_label = rl_ds_col_text(r, st, 35);
    s->import.box = rl_ds_col_text(r, st, 36);
    s->import.program = rl_ds_col_text(r, st, 37);
    s->import.profile = rl_ds_col_text(r, st, 38);
    s->import.file_id = sqlite3_column_type(st, 39) == SQLITE_NULL ? -1
        : sqlite3_column_int64(st, 39);
    s->counts_mismatch = sqlite3_column_int(st, 40); /* NULL (simulations) reads 0 */
    if ((ret = session_numbers(r, st, s)) != 0) {
        return ret;
    }
    sub = bsearch(&s->subject_id, ds->subjects, (size_t) ds->n_subjects, sizeof *sub,
        cmp_subject);
    if (sub == NULL || s->group_id < 0 || s->group_id >= ds->n_groups || s->phase_index < 0
        || s->phase_index >= ds->procedures[ds->groups[s->group_id].procedure_id].n_phases) {
        return rl_error_set(r->err, RL_ERR_INVALID, ds->path, 0, 0,
            "session %lld: subject, group or phase not in the database",
            (long long) s->session_id);
    }
    s->subject = (int) (sub - ds->subjects);
    return 0;
}

static const char run_sql[] =
    "SELECT source, study, seed, relapselab_version, command, protocol_path, protocol_text,"
    " intersession_h FROM run WHERE run_id = 1";
static const char reinforcers_sql[] =
    "SELECT reinforcer_id, name, kind, drug, dose_mg_per_kg, infusion_s, volume_ul,"
    " pellet_mg, palatability FROM reinforcers ORDER BY reinforcer_id";
static const char procedures_sql[] =
    "SELECT procedure_id, name, n_phases FROM procedures ORDER BY procedure_id";
static const char phases_sql[] =
    "SELECT procedure_id, phase_index, name, kind, schedule_type, ratio, pr_series,"
    " pr_from_formula, session_min, timeout_s, cue_s, deliver_reinforcer, deliver_cue,"
    " max_reinforcers, no_reinforcer_stop_min, sessions, until_criterion, max_sessions,"
    " criterion_type, criterion_consecutive, criterion_min_reinforcers,"
    " criterion_min_active_fraction, criterion_max_deviation,"
    " criterion_max_fraction_of_reference, criterion_reference_phase"
    " FROM phases ORDER BY procedure_id, phase_index";
static const char groups_sql[] =
    "SELECT group_id, name, line, genotype, sex, n, reinforcer_id, procedure_id"
    " FROM groups ORDER BY group_id";
static const char subjects_sql[] =
    "SELECT subject_id, group_id, index_in_group, name FROM subjects ORDER BY subject_id";
static const char sessions_sql[] =
    "SELECT t.session_id, t.subject_id, t.group_id, t.group_name, t.line, t.genotype, t.sex,"
    " t.reinforcer, t.procedure, t.index_in_group, t.subject_name, t.phase_index,"
    " t.phase_name, t.phase_kind, t.session_in_phase, t.day, t.active, t.inactive,"
    " t.active_timeout, t.reinforcers, t.duration_min, t.end_reason, t.criterion_met,"
    " t.breakpoint, t.drug_mg_per_kg, t.n_events, t.da_pre_nM, t.da_mean_nM, t.da_peak_nM,"
    " t.cocaine_mean_uM, t.cocaine_peak_uM, i.start_time, i.end_time, i.subject,"
    " i.experiment, i.group_label, i.box, i.program, i.profile, i.file_id, i.counts_mismatch"
    " FROM sessions_tidy t LEFT JOIN import_sessions i USING (session_id)"
    " ORDER BY t.subject_id, t.day, t.session_id";

int
rl_dataset_read(const char *path, rl_dataset_t **out, rl_error_t *err)
{
    rl_ds_reader_t r;
    rl_dataset_t *ds;
    int ret;

    *out = NULL;
    memset(&r, 0, sizeof r);
    r.err = err;
    if ((ds = r.ds = rl_calloc(1, sizeof *ds)) == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, path, 0, 0, "out of memory");
    }
    ds->run.intersession_h = NAN;
    if ((ds->path = arena_copy(ds, path, strlen(path))) == NULL
        || (ds->reinforcers = rl_calloc(RL_MAX_REINFORCERS, sizeof *ds->reinforcers)) == NULL
        || (ds->procedures = rl_calloc(RL_MAX_PROCEDURES, sizeof *ds->procedures)) == NULL
        || (ds->groups = rl_calloc(RL_MAX_GROUPS, sizeof *ds->groups)) == NULL) {
        ret = rl_error_set(err, RL_ERR_NOMEM, path, 0, 0, "out of memory");
        goto out;
    }
    if ((ret = rl_db_open_checked(path, &r.db, err)) != 0) {
        goto out;
    }
    /* One read transaction: every table from the same snapshot. */
    if (sqlite3_exec(r.db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
        ret = rl_error_set(err, RL_ERR_DB, path, 0, 0, "starting a read transaction: %s",
            sqlite3_errmsg(r.db));
        goto out;
    }
    if ((ret = rl_ds_each_row(&r, run_sql, -1, run_row, "the run table")) != 0
        || (ret = rl_ds_each_row(&r, reinforcers_sql, -1, reinforcer_row, "reinforcers")) != 0
        || (ret = rl_ds_each_row(&r, procedures_sql, -1, procedure_row, "procedures")) != 0
        || (ret = rl_ds_each_row(&r, phases_sql, -1, phase_row, "phases")) != 0
        || (ret = finish_procedures(&r)) != 0
        || (ret = rl_ds_each_row(&r, groups_sql, -1, group_row, "groups")) != 0
        || (ret = rl_ds_each_row(&r, subjects_sql, -1, subject_row, "subjects")) != 0
        || (ret = rl_ds_each_row(&r, sessions_sql, -1, session_row, "sessions")) != 0) {
        goto out;
    }
out:
    sqlite3_close(r.db); /* also ends the read transaction */
    if (ret != 0) {
        rl_dataset_free(ds);
        return ret;
    }
    *out = ds;
    return 0;
}

void
rl_dataset_free(rl_dataset_t *ds)
{
    rl_ds_arena_t *a, *next;
    size_t i;

    if (ds == NULL) {
        return;
    }
    for (i = 0; i < ds->n_sessions; i++) {
        free(ds->sessions[i].events);
    }
    free(ds->sessions);
    free(ds->import_files);
    free(ds->import_issues);
    free(ds->subjects);
    free(ds->groups);
    free(ds->procedures);
    free(ds->reinforcers);
    for (a = ds->arena; a != NULL; a = next) {
        next = a->next;
        free(a);
    }
    free(ds);
}
