/* figures.c -- the figure kinds, the figure's memory, and the lookups every builder needs
** (see figures.h; the builders are in figures_groups.c, figures_session.c and
** figure_traces.c).
**
** Design. A figure points its plot.h structs at arrays that must outlive the build, so the
** figure keeps a list of the blocks it allocated and frees them all in rl_figure_free();
** a builder that fails releases what it allocated before returning. Selections (groups,
** phase by name or kind, subject by id or name, session by day or by phase and rank) are
** resolved here once, with errors that name the database and list what exists.
*/
#include "figures_internal.h"
#include "core/alloc.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rl_figure_mem {
    void **p;
    size_t n, cap;
};

typedef int (*builder_fn)(const rl_dataset_t *, const rl_measures_t *,
    const rl_figure_options_t *, rl_figure_t *, rl_error_t *);

#define RL_FIG_NAME_(id, name) name,
static const char *const kind_names[RL_FIG_COUNT] = {RL_FIGURE_KINDS(RL_FIG_NAME_)};
#undef RL_FIG_NAME_

/* Builder and help of each figure kind. */
static const struct {
    builder_fn build;
    const char *help;
} kinds[RL_FIG_COUNT] = {
    [RL_FIG_ACQUISITION] = {rl_figure_acquisition,
        "active and inactive responses per session, mean ± SEM per group [--phase, --groups]"},
    [RL_FIG_BREAKPOINT] = {rl_figure_breakpoint,
        "PR breakpoints: mean ± SEM per group with each mouse [--phase, --groups]"},
    [RL_FIG_EXTINCTION] = {rl_figure_extinction,
        "active responses per extinction session, mean ± SEM per group [--phase, --groups]"},
    [RL_FIG_REINSTATEMENT] = {rl_figure_reinstatement,
        "extinction baseline vs reinstatement test, paired per mouse [--phase, --groups]"},
    [RL_FIG_PLACE] = {rl_figure_place,
        "CPP score over the place-preference tests, per group [--phase, --groups]"},
    [RL_FIG_CUMULATIVE] = {rl_figure_cumulative,
        "cumulative record of one session (--subject, --session or --phase + "
        "--session-in-phase)"},
    [RL_FIG_IRI] = {rl_figure_iri,
        "inter-reinforcer interval histogram per group [--phase, --groups, --log]"},
    [RL_FIG_TRACES] = {rl_figure_traces,
        "brain cocaine and dopamine of one simulated session (--subject, --session)"},
};

void
rl_figure_options_init(rl_figure_options_t *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->subject = -1;
    opt->day = -1;
    opt->session_in_phase = -1;
}

const char *
rl_figure_kind_name(int kind)
{
    return kind >= 0 && kind < RL_FIG_COUNT ? kind_names[kind] : NULL;
}

const char *
rl_figure_kind_help(int kind)
{
    return kind >= 0 && kind < RL_FIG_COUNT ? kinds[kind].help : NULL;
}

int
rl_figure_kind_find(const char *name)
{
    int k;
    for (k = 0; name != NULL && k < RL_FIG_COUNT; k++) {
        if (strcmp(name, kind_names[k]) == 0) {
            return k;
        }
    }
    return -1;
}

/* Imported sessions flagged at import (counts that disagree with the program's counters)
** among those of the drawn groups: said in the figure's title (a footnote-like line on the
** plot itself) and at the end of its caption. Simulations have none: nothing changes. */
static int
mark_flagged(const rl_dataset_t *ds, const rl_figure_options_t *opt, rl_figure_t *out,
    rl_error_t *err)
{
    size_t i, n = 0, len;
    const char *note;
    int k;
    for (i = 0; i < ds->n_sessions; i++) {
        const rl_ds_session_t *s = &ds->sessions[i];
        bool drawn = opt == NULL || opt->groups == NULL;
        for (k = 0; !drawn && k < opt->n_groups; k++) {
            drawn = opt->groups[k] == s->group_id;
        }
        n += drawn && s->counts_mismatch > 0;
    }
    if (n == 0) {
        return 0;
    }
    note = out->plot.title != NULL
        ? rl_fig_printf(out, "%s (%zu sessions flagged: counts disagree)", out->plot.title, n)
        : rl_fig_printf(out, "%zu session%s flagged: counts disagree with the program's "
              "counters", n, n == 1 ? "" : "s");
    if (note == NULL) {
        rl_figure_free(out);
        return rl_error_set(err, RL_ERR_NOMEM, ds->path, 0, 0, "out of memory");
    }
    out->plot.title = note;
    out->n_flagged = (int) n;
    len = strlen(out->caption);
    snprintf(out->caption + len, sizeof out->caption - len, " %zu session%s of these groups "
        "%s flagged at import: decoded counts disagree with the program's own counters "
        "(import_sessions.counts_mismatch); they are included.", n, n == 1 ? "" : "s",
        n == 1 ? "is" : "are");
    return 0;
}

int
rl_figure_build(int kind, const rl_dataset_t *ds, const rl_measures_t *m,
    const rl_figure_options_t *opt, rl_figure_t *out, rl_error_t *err)
{
    int ret;
    memset(out, 0, sizeof *out);
    if (kind < 0 || kind >= RL_FIG_COUNT) {
        return rl_error_set(err, RL_ERR_INVALID, ds->path, 0, 0, "unknown figure kind %d",
            kind);
    }
    if ((ret = kinds[kind].build(ds, m, opt, out, err)) == 0) {
        ret = mark_flagged(ds, opt, out, err);
    }
    return ret;
}

/* ---- memory ---- */

void *
rl_fig_alloc(rl_figure_t *f, size_t count, size_t size)
{
    rl_figure_mem_t *mem = f->mem;
    void *p;
    if (mem == NULL) {
        return NULL;
    }
    if (mem->n == mem->cap) {
        size_t cap = mem->cap ? 2 * mem->cap : 16;
        void **q = rl_realloc(mem->p, cap * sizeof *q);
        if (q == NULL) {
            return NULL;
        }
        mem->p = q;
        mem->cap = cap;
    }
    if ((p = rl_calloc(count > 0 ? count : 1, size)) != NULL) {
        mem->p[mem->n++] = p;
    }
    return p;
}

char *
rl_fig_printf(rl_figure_t *f, const char *fmt, ...)
{
    va_list ap;
    char *s;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || (s = rl_fig_alloc(f, (size_t) n + 1, 1)) == NULL) {
        return NULL;
    }
    va_start(ap, fmt);
    vsnprintf(s, (size_t) n + 1, fmt, ap);
    va_end(ap);
    return s;
}

int
rl_fig_begin(rl_figure_t *f, const rl_dataset_t *ds, const rl_figure_options_t *opt,
    double w_mm, double h_mm, rl_error_t *err)
{
    memset(f, 0, sizeof *f);
    if ((f->mem = rl_calloc(1, sizeof *f->mem)) == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, ds->path, 0, 0, "out of memory");
    }
    f->plot.width_mm = opt->width_mm > 0.0 ? opt->width_mm : w_mm;
    f->plot.height_mm = opt->height_mm > 0.0 ? opt->height_mm : h_mm;
    f->plot.dpi = opt->dpi;
    f->plot.title = opt->title;
    return 0;
}

int
rl_fig_fail(rl_figure_t *f, const rl_dataset_t *ds, int code, rl_error_t *err,
    const char *fmt, ...)
{
    char msg[RL_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    rl_figure_free(f);
    return rl_error_set(err, code, ds->path, 0, 0, "%s", msg);
}

void
rl_figure_free(rl_figure_t *f)
{
    size_t i;
    if (f == NULL) {
        return;
    }
    if (f->mem != NULL) {
        for (i = 0; i < f->mem->n; i++) {
            free(f->mem->p[i]);
        }
        free(f->mem->p);
        free(f->mem);
    }
    memset(f, 0, sizeof *f);
}

/* ---- selections ---- */

int
rl_fig_n_groups(const rl_dataset_t *ds, const rl_figure_options_t *opt)
{
    return opt->groups != NULL ? opt->n_groups : ds->n_groups;
}

int
rl_fig_group(const rl_figure_options_t *opt, int i)
{
    return opt->groups != NULL ? opt->groups[i] : i;
}

const rl_phase_t *
rl_fig_phase(const rl_dataset_t *ds, int g, int ph)
{
    return &ds->procedures[ds->groups[g].procedure_id].phases[ph];
}

bool
rl_fig_phase_match(const rl_dataset_t *ds, const rl_figure_options_t *opt, int g, int ph,
    rl_phase_kind_t kind)
{
    const rl_phase_t *phase = rl_fig_phase(ds, g, ph);
    return opt->phase != NULL ? strcmp(phase->name, opt->phase) == 0 : phase->kind == kind;
}

int
rl_fig_first_phase(const rl_dataset_t *ds, const rl_figure_options_t *opt, int g,
    rl_phase_kind_t kind)
{
    int ph, n = ds->procedures[ds->groups[g].procedure_id].n_phases;
    for (ph = 0; ph < n; ph++) {
        if (rl_fig_phase_match(ds, opt, g, ph, kind)) {
            return ph;
        }
    }
    return -1;
}

int
rl_fig_check_phase(const rl_dataset_t *ds, const rl_figure_options_t *opt, rl_error_t *err)
{
    char names[256] = "";
    size_t used = 0;
    int i, ph;

    if (opt->phase == NULL) {
        return 0;
    }
    for (i = 0; i < rl_fig_n_groups(ds, opt); i++) {
        const rl_procedure_t *proc = &ds->procedures[ds->groups[rl_fig_group(opt, i)].procedure_id];
        for (ph = 0; ph < proc->n_phases; ph++) {
            const char *name = proc->phases[ph].name;
            if (strcmp(name, opt->phase) == 0) {
                return 0;
            }
            if (strstr(names, name) == NULL && used + strlen(name) + 3 < sizeof names) {
                used += (size_t) snprintf(names + used, sizeof names - used, "%s%s",
                    used ? ", " : "", name);
            }
        }
    }
    return rl_error_set(err, RL_ERR_INVALID, ds->path, 0, 0, "no phase named '%s' (phases: %s)",
        opt->phase, names);
}

const rl_group_phase_t *
rl_fig_group_phase(const rl_measures_t *m, int g, int ph)
{
    size_t i;
    for (i = 0; i < m->n_group_phases; i++) {
        if (m->group_phases[i].group == g && m->group_phases[i].phase_index == ph) {
            return &m->group_phases[i];
        }
    }
    return NULL;
}

const char *
rl_fig_delivery_word(const rl_dataset_t *ds, int g)
{
    int r = ds->groups[g].reinforcer_id;
    if (r < 0 || r >= ds->n_reinforcers) {
        return "infusion";
    }
    return ds->reinforcers[r].kind == RL_REINFORCER_PELLET ? "pellet"
        : ds->reinforcers[r].kind == RL_REINFORCER_LIQUID ? "liquid" : "infusion";
}

bool
rl_fig_is_delivery(int kind)
{
    return kind == RL_EV_INFUSION_START || kind == RL_EV_PELLET || kind == RL_EV_LIQUID;
}

void
rl_fig_subject_label(const rl_dataset_t *ds, int subject, char *buf, size_t n)
{
    const rl_ds_subject_t *s = &ds->subjects[subject];
    if (s->name != NULL) {
        snprintf(buf, n, "subject %s (id %d)", s->name, s->subject_id);
    } else {
        snprintf(buf, n, "subject %d", s->subject_id);
    }
}

char *
rl_fig_session_title(rl_figure_t *f, const rl_dataset_t *ds, const rl_ds_session_t *s)
{
    const rl_ds_subject_t *sub = &ds->subjects[s->subject];
    char who[128];
    if (sub->name != NULL) {
        snprintf(who, sizeof who, "Subject %s", sub->name);
    } else {
        snprintf(who, sizeof who, "Mouse %lld", (long long) sub->index_in_group + 1);
    }
    /* People count sessions from 1; --session takes the 0-based day (docs/PLOT.md). The
    ** + 1 in long long: no int overflows, whatever a database holds. */
    return rl_fig_printf(f, "%s, %s: %s session %lld (day %lld)", who,
        s->group_name != NULL ? s->group_name : "?", s->phase_name,
        (long long) s->session_in_phase + 1, (long long) s->day + 1);
}

int
rl_figure_find_subject(const rl_dataset_t *ds, const char *text, int *subject, rl_error_t *err)
{
    char *end;
    long id;
    int i;

    for (i = 0; text != NULL && i < ds->n_subjects; i++) {
        if (ds->subjects[i].name != NULL && strcmp(ds->subjects[i].name, text) == 0) {
            *subject = i;
            return 0;
        }
    }
    if (text != NULL && *text != '\0') {
        errno = 0;
        id = strtol(text, &end, 10);
        for (i = 0; *end == '\0' && errno == 0 && i < ds->n_subjects; i++) {
            if (ds->subjects[i].subject_id == id) {
                *subject = i;
                return 0;
            }
        }
    }
    return rl_error_set(err, RL_ERR_INVALID, ds->path, 0, 0,
        "no subject '%s' (subject ids are 0..%d%s)", text != NULL ? text : "",
        ds->n_subjects - 1, ds->run.imported ? ", or the subject names of the import" : "");
}

int
rl_figure_parse_groups(const rl_dataset_t *ds, const char *list, int *idx, int cap, int *n,
    rl_error_t *err)
{
    const char *p = list;
    int k, g;

    *n = 0;
    while (p != NULL && *p != '\0') {
        size_t len = strcspn(p, ",");
        for (g = 0; g < ds->n_groups; g++) {
            if (strlen(ds->groups[g].name) == len && strncmp(ds->groups[g].name, p, len) == 0) {
                break;
            }
        }
        if (g == ds->n_groups) {
            char names[300] = "";
            size_t used = 0;
            for (g = 0; g < ds->n_groups && used < sizeof names; g++) {
                used += (size_t) snprintf(names + used, sizeof names - used, "%s%s",
                    g ? ", " : "", ds->groups[g].name);
            }
            return rl_error_set(err, RL_ERR_INVALID, ds->path, 0, 0, "no group '%.*s' (groups: %s)",
                (int) len, p, names);
        }
        for (k = 0; k < *n; k++) {
            if (idx[k] == g) {
                return rl_error_set(err, RL_ERR_INVALID, ds->path, 0, 0,
                    "group '%s' is given twice", ds->groups[g].name);
            }
        }
        if (*n >= cap) {
            return rl_error_set(err, RL_ERR_INVALID, ds->path, 0, 0, "too many groups");
        }
        idx[(*n)++] = g;
        p += len;
        p += *p == ',';
    }
    if (*n == 0) {
        return rl_error_set(err, RL_ERR_INVALID, ds->path, 0, 0, "no group given");
    }
    return 0;
}

int
rl_fig_find_session(const rl_dataset_t *ds, const rl_figure_options_t *opt, size_t *index,
    rl_error_t *err)
{
    char who[128];
    size_t i;
    int days = 0;

    if (opt->subject < 0 || opt->subject >= ds->n_subjects) {
        return rl_error_set(err, RL_ERR_INVALID, ds->path, 0, 0,
            "this figure needs a subject (--subject ID)");
    }
    if (opt->day < 0 && (opt->phase == NULL || opt->session_in_phase < 0)) {
        return rl_error_set(err, RL_ERR_INVALID, ds->path, 0, 0,
            "this figure needs a session (--session DAY, or --phase NAME --session-in-phase K)");
    }
    rl_fig_subject_label(ds, opt->subject, who, sizeof who);
    for (i = 0; i < ds->n_sessions; i++) {
        const rl_ds_session_t *s = &ds->sessions[i];
        if (s->subject != opt->subject) {
            continue;
        }
        days++;
        if (opt->day >= 0 ? s->day == opt->day
                          : strcmp(s->phase_name, opt->phase) == 0
                && s->session_in_phase == opt->session_in_phase) {
            *index = i;
            return s->events_loaded ? 0 : rl_error_set(err, RL_ERR_INVALID, ds->path, 0, 0,
                "the events of day %d of %s are not loaded", s->day, who);
        }
    }
    if (opt->day >= 0) {
        return rl_error_set(err, RL_ERR_INVALID, ds->path, 0, 0,
            "%s has no session on day %d (it ran %d sessions: days 0..%d)", who, opt->day, days,
            days - 1);
    }
    return rl_error_set(err, RL_ERR_INVALID, ds->path, 0, 0,
        "%s has no session %d of phase '%s' (sessions in a phase count from 0)", who,
        opt->session_in_phase, opt->phase);
}

int
rl_figure_representative(const rl_dataset_t *ds, const rl_measures_t *m,
    const rl_figure_options_t *opt, int *subject, int *day, rl_error_t *err)
{
    rl_figure_options_t acq = *opt;
    double best = INFINITY;
    size_t i;
    int g = -1, ph = -1, k;

    acq.phase = NULL;
    for (k = 0; k < rl_fig_n_groups(ds, opt) && ph < 0; k++) {
        g = rl_fig_group(opt, k);
        ph = rl_fig_first_phase(ds, &acq, g, RL_PHASE_ACQUISITION);
    }
    *subject = -1;
    for (i = 0; ph >= 0 && i < m->n_subject_phases; i++) {
        const rl_subject_phase_t *sp = &m->subject_phases[i];
        const rl_group_phase_t *gp = rl_fig_group_phase(m, g, ph);
        if (sp->group == g && sp->phase_index == ph && gp != NULL
            && fabs(sp->v[RL_M_ACTIVE] - gp->m[RL_M_ACTIVE].mean) < best) {
            best = fabs(sp->v[RL_M_ACTIVE] - gp->m[RL_M_ACTIVE].mean);
            *subject = sp->subject;
        }
    }
    *day = -1;
    for (i = 0; *subject >= 0 && i < ds->n_sessions; i++) {
        if (ds->sessions[i].subject == *subject && ds->sessions[i].phase_index == ph) {
            *day = ds->sessions[i].day;
        }
    }
    if (*subject < 0 || *day < 0) {
        return rl_error_set(err, RL_FIGURE_NO_DATA, ds->path, 0, 0,
            "no acquisition session to show");
    }
    return 0;
}
