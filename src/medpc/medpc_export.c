/* medpc_export.c -- sessions of a database -> MED-PC data files (one per session).
**
** Design. The database is read with the dataset reader (dataset.h), one session's events at
** a time would need one query each, so all events are loaded once. For each session the
** events are encoded with the profile (the inverse of medpc_decode.c): a code per event,
** the time in the profile's clock unit, and the counters the profile's checks name. The
** text follows what MED-PC IV writes (docs/MEDPC.md): "File:" line, two blank lines, the
** header, scalars "X:%12.3f", arrays "X:" then rows "%6d:" + 5 fields "%13.3f", CRLF line
** ends. Each file goes to a temporary file; all are renamed when every session is written
** (store/out_dir.h), so a failed export leaves nothing behind. Names are unique: a session
** whose name is taken (two sessions starting in the same minute, or groups "a/b" and "a_b"
** once '/' became '_') gets " (2)", " (3)", ... (rl_out_dir_unique), so every session is a
** file of its own and the count reported is the count of files on disk.
** An imported session keeps its lab's header fields and file name (import_sessions,
** import_files), and, exported with the profile that imported it, its entries keep their
** own codes (events.code): re-importing with that profile gives the same events. Entries
** the decoder added (code NULL: session start, an end without an end code) are not
** written, nor is an end code for a session that had none (end_reason 'no_end_code').
*/
#include "relapselab/medpc_export.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "relapselab/dataset.h"
#include "relapselab/results.h"

#include "calendar.h"
#include "core/alloc.h"
#include "store/out_dir.h"

#define MAX_VARS 26

/* The code for an event, or NAN when the profile has none for its kind. */
static double
code_for(const rl_medpc_profile_t *p, int kind, int in_timeout, int *lost)
{
    const rl_profile_map_t *plain = NULL;
    int i;
    *lost = 0;
    for (i = 0; i < p->n_map; i++) {
        const rl_profile_map_t *m = &p->map[i];
        if (m->kind != kind || m->array != 0) {
            continue;
        }
        if ((m->in_timeout || m->noncontingent) == (in_timeout != 0)) {
            return m->code;     /* the flag: a poke in timeout, a non-contingent delivery */
        }
        if (!m->in_timeout && !m->noncontingent && plain == NULL) {
            plain = m;
        }
    }
    if (plain != NULL) {
        *lost = in_timeout != 0;
        return plain->code;
    }
    return NAN;
}

/* A scalar or array being built for one file. */
typedef struct var {
    char letter;
    int is_array;
    size_t n, cap;
    double *v;
} var_t;

static var_t *
var_get(var_t *vars, int *n, char letter, int is_array)
{
    int i;
    for (i = 0; i < *n; i++) {
        if (vars[i].letter == letter) {
            vars[i].is_array |= is_array;
            return &vars[i];
        }
    }
    memset(&vars[*n], 0, sizeof vars[*n]);
    vars[*n].letter = letter;
    vars[*n].is_array = is_array;
    return &vars[(*n)++];
}

static int
var_set(var_t *v, size_t index, double x)
{
    if (index >= v->cap) {
        size_t cap = v->cap ? v->cap : 16, k;
        double *p;
        while (cap <= index) {
            cap *= 2;
        }
        if ((p = rl_realloc(v->v, cap * sizeof *p)) == NULL) {
            return -1;
        }
        for (k = v->cap; k < cap; k++) {
            p[k] = 0;
        }
        v->v = p;
        v->cap = cap;
    }
    v->v[index] = x;
    if (index >= v->n) {
        v->n = index + 1;
    }
    return 0;
}

static int
cmp_var(const void *a, const void *b)
{
    const var_t *x = a, *y = b;
    if (x->is_array != y->is_array) {
        return x->is_array - y->is_array; /* scalars first, as MED-PC prints them */
    }
    return x->letter - y->letter;
}

/* "YYYY-MM-DDTHH:MM:SS" (import_sessions) in seconds since 1970 (local, no zone), or NaN. */
static double
iso_seconds(const char *text)
{
    int y, mo, d, h, mi, se;
    if (text != NULL && sscanf(text, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &se) == 6) {
        return (double) rl_days_from_civil(y, mo, d) * 86400.0 + h * 3600.0 + mi * 60.0 + se;
    }
    return NAN;
}

/* Start of the session in seconds since 1970 (local, no zone). */
static double
start_seconds(const rl_dataset_t *ds, const rl_ds_session_t *s)
{
    double t = iso_seconds(s->start_time);
    if (!isnan(t)) {
        return t;
    }
    return (double) rl_days_from_civil(2000, 1, 1) * 86400.0 + 9 * 3600.0
        + s->day * (isfinite(ds->run.intersession_h) && ds->run.intersession_h > 0
                           ? ds->run.intersession_h : 24.0) * 3600.0;
}

/* secs (since 1970) as a date and time; clamped to years 0..9999 (NaN: 1970), so that the
** conversion to long is defined whatever a database holds. */
static void
split_time(double secs, int *y, int *mo, int *d, int *h, int *mi, int *se)
{
    long t = isnan(secs) ? 0 : secs < -62167219200.0 ? -62167219200L /* 0000-01-01 */
        : secs > 253402300799.0 ? 253402300799L /* 9999-12-31T23:59:59 */
        : (long) floor(secs + 0.5);
    long days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    long rem = t - days * 86400;
    rl_civil_from_days(days, y, mo, d);
    *h = (int) (rem / 3600);
    *mi = (int) (rem % 3600 / 60);
    *se = (int) (rem % 60);
}

/* The subject's label: the lab's ID, or "<group>-<index+1>" for a simulated mouse. */
static void
subject_label(const rl_ds_session_t *s, char *out, size_t n)
{
    if (s->subject_name != NULL) {
        snprintf(out, n, "%s", s->subject_name);
    } else {
        snprintf(out, n, "%s-%02d", s->group_name != NULL ? s->group_name : "g",
            s->index_in_group + 1);
    }
}

/* The base name of the file an imported session came from, or NULL (a simulation, or a
** name that is empty or too long for a file name). */
static const char *
source_name(const rl_dataset_t *ds, const rl_ds_session_t *s)
{
    size_t i;
    for (i = 0; i < ds->n_import_files; i++) {
        const rl_ds_import_file_t *fi = &ds->import_files[i];
        if (fi->file_id == s->import.file_id && fi->path != NULL) {
            const char *b = strrchr(fi->path, '/');
            b = b != NULL ? b + 1 : fi->path;
            return b[0] != '\0' && strlen(b) < 200 ? b : NULL;
        }
    }
    return NULL;
}

static void
write_var(FILE *f, const var_t *v)
{
    size_t i;
    if (!v->is_array) {
        fprintf(f, "%c:%12.3f\r\n", v->letter, v->n > 0 ? v->v[0] : 0.0);
        return;
    }
    fprintf(f, "%c:\r\n", v->letter);
    for (i = 0; i < v->n; i++) {
        if (i % 5 == 0) {
            fprintf(f, "%s%6zu:", i > 0 ? "\r\n" : "", i);
        }
        fprintf(f, "%13.3f", v->v[i]);
    }
    if (v->n > 0) {
        fputs("\r\n", f);
    }
}

/* true when session s was imported with profile p (same name): its events' stored codes
** are the file's own codes, and are written back as they were. */
static int
session_own_codes(const rl_medpc_profile_t *p, const rl_ds_session_t *s)
{
    return s->import.profile != NULL && strcmp(s->import.profile, p->name) == 0;
}

/* Entry k of the event arrays: code at time t (profile clock units). code_plus_time packs
** code + time (1/1000 of a unit), time_dot_code packs time (whole units) + the code in
** thousandths; parallel writes both arrays. */
static int
put_entry(const rl_medpc_profile_t *p, var_t *packed, var_t *codes, var_t *times, size_t k,
    double code, double t)
{
    if (p->encoding == RL_ENC_TIME_DOT_CODE) {
        return var_set(packed, k, round(t) + round(code * 1000.0) / 1000.0);
    }
    if (packed != NULL) {
        return var_set(packed, k, code + round(t * 1000.0) / 1000.0);
    }
    return var_set(codes, k, code) != 0 || var_set(times, k, t) != 0 ? -1 : 0;
}

/* The index of phase kind `name` in RL_PHASE_KINDS (protocol.h), or -1. */
static int
phase_kind_index(const char *name)
{
    static const char *const kinds[] = {RL_PHASE_KINDS(RL_X_NAME_) NULL};
    int i;
    for (i = 0; name != NULL && kinds[i] != NULL; i++) {
        if (strcmp(kinds[i], name) == 0) {
            return i;
        }
    }
    return -1;
}

/* Encode session s into vars; counts dropped / lost events. */
static int
encode(const rl_medpc_profile_t *p, const rl_ds_session_t *s, var_t *vars, int *nv,
    rl_medpc_export_stats_t *st)
{
    var_t *codes = NULL, *times = NULL, *packed = NULL;
    size_t i, k = 0;
    int c, own = session_own_codes(p, s);
    int no_end = s->end_reason != NULL && strcmp(s->end_reason, "no_end_code") == 0;

    if (p->encoding == RL_ENC_PARALLEL) {
        codes = var_get(vars, nv, p->codes_array, 1);
        times = var_get(vars, nv, p->times_array, 1);
    } else {
        /* every entry goes to the first array (the decoder merges them by time, so the
        ** events read back are the same); the others are written empty */
        for (c = p->n_arrays - 1; c >= 0; c--) {
            packed = var_get(vars, nv, p->arrays[c], 1);
        }
    }
    for (i = 0; i < s->n_loaded_events; i++) {
        const rl_ds_event_t *e = &s->events[i];
        int lost = 0;
        double code, t = e->t_s / p->time_unit_s;
        if (e->kind == RL_EV_SESSION_START) {
            continue; /* implicit: MED-PC times count from the start */
        }
        if (own) {
            /* The file's own entry, with its code; NaN: added by the decoder (the session
            ** start, or the end of a session without an end code), not in the file. */
            if (isnan(e->code)) {
                continue;
            }
            code = e->code;
        } else if (e->kind == RL_EV_SESSION_END && no_end) {
            continue; /* the session had no end code: writing one would invent it */
        } else if (isnan(code = code_for(p, e->kind, e->in_timeout, &lost))) {
            st->dropped++;
            continue;
        }
        st->timeout_lost += (size_t) lost;
        if (put_entry(p, packed, codes, times, k, code, t) != 0) {
            return -1;
        }
        k++;
        st->events++;
    }
    for (c = 0; c < p->n_checks; c++) {
        const rl_profile_check_t *ck = &p->checks[c];
        var_t *v = var_get(vars, nv, ck->var, ck->index >= 0);
        double n = 0;
        for (i = 0; i < s->n_loaded_events; i++) {
            n += s->events[i].kind == ck->kind;
        }
        if (var_set(v, ck->index >= 0 ? (size_t) ck->index : 0, n) != 0) {
            return -1;
        }
    }
    if (p->duration_var != 0) {
        var_t *v = var_get(vars, nv, p->duration_var, 0);
        if (var_set(v, 0, s->duration_min * 60.0 / p->duration_unit_s) != 0) {
            return -1;
        }
    }
    if (p->phase_var != 0 && (c = phase_kind_index(s->phase_kind)) >= 0
        && var_set(var_get(vars, nv, p->phase_var, 0), 0, c) != 0) {
        return -1;
    }
    if (p->breakpoint_var != 0 && s->breakpoint >= 0
        && var_set(var_get(vars, nv, p->breakpoint_var, 0), 0, (double) s->breakpoint) != 0) {
        return -1;
    }
    return 0;
}

static int
export_session(const rl_dataset_t *ds, const rl_ds_session_t *s, rl_out_dir_t *od,
    const rl_medpc_profile_t *p, rl_medpc_export_stats_t *st, rl_error_t *err)
{
    var_t vars[MAX_VARS];
    int nv = 0, i, y, mo, d, h, mi, se, ey, emo, ed, eh, emi, ese, ret = 0;
    char label[160], base[256], name[288];
    const char *src;
    double t0 = start_seconds(ds, s), t1 = iso_seconds(s->import.end_time);
    FILE *f;
    size_t k;

    memset(vars, 0, sizeof vars);
    split_time(t0, &y, &mo, &d, &h, &mi, &se);
    split_time(!isnan(t1) ? t1 : t0 + s->duration_min * 60.0, &ey, &emo, &ed, &eh, &emi, &ese);
    subject_label(s, label, sizeof label);
    if ((src = source_name(ds, s)) != NULL) {
        snprintf(base, sizeof base, "%s", src); /* the lab's file name (profile globs) */
    } else {
        snprintf(base, sizeof base, "!%04d-%02d-%02d_%02dh%02dm.Subject %s", y, mo, d, h, mi,
            label);
    }
    for (i = 0; base[i] != '\0'; i++) {
        if (base[i] == '/') {
            base[i] = '_';
        }
    }
    if (rl_out_dir_unique(od, base, name, sizeof name) != 0) {
        return rl_error_set(err, RL_ERR_IO, od->dir, 0, 0, "file name too long: %s", base);
    }
    if (encode(p, s, vars, &nv, st) != 0) {
        ret = rl_error_set(err, RL_ERR_NOMEM, od->dir, 0, 0, "out of memory");
        goto out;
    }
    qsort(vars, (size_t) nv, sizeof vars[0], cmp_var);
    if ((ret = rl_out_dir_create(od, name, &f, &k, err)) != 0) {
        goto out;
    }
    fprintf(f, "File: C:\\MED-PC IV\\DATA\\%s\r\n\n\r\r\n", name);
    fprintf(f, "Start Date: %02d/%02d/%02d\r\nEnd Date: %02d/%02d/%02d\r\n", mo, d, y % 100, emo,
        ed, ey % 100);
    fprintf(f, "Subject: %s\r\nExperiment: %s\r\nGroup: %s\r\n", label,
        s->import.experiment != NULL ? s->import.experiment
        : ds->run.study != NULL && !ds->run.imported ? ds->run.study : "",
        s->import.group_label != NULL ? s->import.group_label
        : s->group_name != NULL && !ds->run.imported ? s->group_name : "");
    if (ds->run.imported) {
        fprintf(f, "Box: %s\r\n", s->import.box != NULL ? s->import.box : "");
    } else {
        fprintf(f, "Box: %d\r\n", s->index_in_group + 1);
    }
    fprintf(f, "Start Time: %2d:%02d:%02d\r\nEnd Time: %2d:%02d:%02d\r\nMSN: %s\r\n", h, mi, se, eh,
        emi, ese, s->import.program != NULL ? s->import.program
        : s->phase_name != NULL ? s->phase_name : "");
    for (i = 0; i < nv; i++) {
        write_var(f, &vars[i]);
    }
    if ((ret = rl_out_dir_close(od, k, f, err)) == 0) {
        st->files++;
    }
out:
    for (i = 0; i < nv; i++) {
        free(vars[i].v);
    }
    return ret;
}

int
rl_medpc_export(const char *db_path, const char *dir, const rl_medpc_profile_t *p,
    const rl_temp_watch_t *watch, rl_medpc_export_stats_t *stats, rl_error_t *err)
{
    rl_dataset_t *ds = NULL;
    rl_out_dir_t od;
    size_t i;
    int ret;

    memset(stats, 0, sizeof *stats);
    if (p->encoding == RL_ENC_TIMESTAMP_ARRAYS) {
        return rl_error_set(err, RL_ERR_INVALID, p->path, 0, 0, "profile '%s': export writes "
            "the parallel, code_plus_time and time_dot_code encodings only", p->name);
    }
    if ((ret = rl_dataset_read(db_path, &ds, err)) != 0
        || (ret = rl_dataset_load_events(ds, -1, err)) != 0
        || (ret = rl_dataset_load_import_log(ds, err)) != 0) {
        rl_dataset_free(ds);
        return ret;
    }
    if ((ret = rl_out_dir_open(&od, dir, watch, err)) != 0) {
        rl_dataset_free(ds);
        return ret;
    }
    od.input = db_path;
    for (i = 0; i < ds->n_sessions && ret == 0; i++) {
        ret = export_session(ds, &ds->sessions[i], &od, p, stats, err);
    }
    if (ret != 0) {
        rl_out_dir_abort(&od);
        stats->files = 0;
    } else {
        ret = rl_out_dir_commit(&od, err);
    }
    rl_dataset_free(ds);
    return ret;
}
