/* figures_groups.c -- the group figures: curves over sessions (acquisition, extinction)
** and bars with each mouse (breakpoint, reinstatement). See figures.h.
**
** Curves. Each mouse's sessions of the chosen phase(s) are numbered 1, 2, ... in day
** order (several phases of the kind -- e.g. FR1 then FR3 acquisition -- run on); the value
** at session k is the mean +/- SEM over the group's mice that ran a k-th session, so a
** phase that ends at a criterion leaves the later points to the mice still running; a
** point is drawn only while at least half of the group's mice (and at least two) still
** run, so a curve does not end on the noise of one or two slow mice. Each group has its palette colour (in the
** order drawn), and after eight groups another marker shape; groups are shifted slightly
** sideways (dodged) so their error bars stay apart. Many groups become small multiples
** (figures_facets.c).
** Bars. Heights and error bars are the group means of measures.h (rl_group_phase_t), the
** dots each mouse's subject x phase value (rl_subject_phase_t), so a bar is exactly what
** `relapselab summary` prints; a group is drawn if its measure applies to one mouse.
*/
#include "figures_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- curves over sessions ---- */

typedef struct curve_spec {
    rl_phase_kind_t kind;       /* phases drawn without --phase */
    bool inactive;              /* also the inactive responses (open, dashed) */
    const char *xlabel, *ylabel;
    bool place;                 /* the CPP score of each place test instead of responses */
    const char *what;           /* the caption's name of the values */
} curve_spec_t;

/* Mean and SEM (NaN without data; SEM NaN for fewer than two values). */
static void
mean_sem(const double *x, int n, double *mean, double *sem)
{
    rl_mean_sem_t ms = rl_mean_sem(x, n);
    *mean = n > 0 ? ms.mean : NAN;
    *sem = n > 1 ? ms.sem : NAN;
}

/* The mice of each drawn group, "WT (n = 10), KO (n = 9)", appended to buf. */
static void
append_groups(char *buf, size_t size, const char *name, int n, bool first)
{
    size_t used = strlen(buf);
    if (used < size) {
        snprintf(buf + used, size - used, "%s%s (n = %d)", first ? "" : ", ", name, n);
    }
}

/* Session rank of each session (-1: not drawn) and the largest rank + 1 in *k_max. */
static void
rank_sessions(const rl_dataset_t *ds, const rl_figure_options_t *opt, rl_phase_kind_t kind,
    const bool *drawn_group, int *rank, int *k_max)
{
    size_t i;
    int count = 0, prev = -1;

    *k_max = 0;
    for (i = 0; i < ds->n_sessions; i++) {
        const rl_ds_session_t *s = &ds->sessions[i];
        if (s->subject != prev) {
            prev = s->subject;
            count = 0;
        }
        rank[i] = -1;
        if (drawn_group[s->group_id]
            && rl_fig_phase_match(ds, opt, s->group_id, s->phase_index, kind)) {
            rank[i] = count++;
            *k_max = count > *k_max ? count : *k_max;
        }
    }
}

/* The points of group g: y[k] mean and y[k_max + k] SEM of the active responses (or the CPP
** score) at session rank k, y[2 k_max + k] and y[3 k_max + k] those of the inactive ones
** (vals: scratch for 2 x n_subjects values). A point where fewer than half of the group's
** mice (or fewer than two) remain is NaN; *k_last grows to the last rank with a point.
** Returns the number of mice at the first rank (0: the group has no such session). */
static int
group_points(const rl_dataset_t *ds, const rl_measures_t *m, const curve_spec_t *cs,
    const int *rank, int g, int k_max, double *vals, double *y, int *k_last)
{
    int k, n_first = 0;
    size_t i;
    for (k = 0; k < k_max; k++) {
        int n = 0;
        for (i = 0; i < ds->n_sessions; i++) {
            if (rank[i] == k && ds->sessions[i].group_id == g) {
                if (cs->place && isnan(m->sessions[i].place_score_s)) {
                    continue; /* events not loaded */
                }
                vals[n] = cs->place ? m->sessions[i].place_score_s
                                    : (double) ds->sessions[i].active;
                vals[ds->n_subjects + n++] = (double) ds->sessions[i].inactive;
            }
        }
        n_first = k == 0 ? n : n_first;
        if (n < 2 || 2 * n < n_first) { /* too few mice left: no point */
            n = 0;
        }
        *k_last = n > 0 && k + 1 > *k_last ? k + 1 : *k_last;
        mean_sem(vals, n, &y[k], &y[k_max + k]);
        mean_sem(vals + ds->n_subjects, n, &y[2 * k_max + k], &y[3 * k_max + k]);
    }
    return n_first;
}

/* The caption of a curve figure (a very long list of groups is cut: the legend names them
** all). */
static void
curve_caption(rl_figure_t *f, const curve_spec_t *cs, const char *phase,
    const char *groups_text)
{
    if (cs->place) {
        snprintf(f->caption, sizeof f->caption, "%s in each place-preference test (pretest, "
            "tests, extinction and reinstatement tests in order), mean ± SEM over the mice of "
            "each group: %s.", cs->what, groups_text);
        return;
    }
    snprintf(f->caption, sizeof f->caption,
        "%s per session of the %s phase, mean ± SEM over the mice of each group: %s. At "
        "session k the mean is over the mice that ran k sessions of the phase; points where "
        "fewer than half of a group's mice (or fewer than two) remain are not drawn.",
        cs->inactive ? "Active (filled symbols, solid lines) and inactive (open symbols, dashed "
                       "lines) responses"
                     : "Active responses",
        phase, groups_text);
}

static int
curves(const rl_dataset_t *ds, const rl_measures_t *m, const rl_figure_options_t *opt,
    const curve_spec_t *cs, rl_figure_t *f, rl_error_t *err)
{
    int ng = rl_fig_n_groups(ds, opt), per = cs->inactive ? 2 : 1, k_max, k_last = 0, gi, k,
        ret;
    const char *phase = opt->phase != NULL ? opt->phase : rl_phase_kind_name(cs->kind);
    char groups_text[400] = "";
    rl_plot_series_t *series;
    double *vals, dodge;
    bool *drawn_group;
    int *rank, *drawn;
    size_t longest = 0;

    for (gi = 0; gi < ng; gi++) {
        size_t len = strlen(ds->groups[rl_fig_group(opt, gi)].name) + (cs->inactive ? 9 : 0);
        longest = len > longest ? len : longest;
    }
    /* Long legend labels go beside the axes: widen the figure to keep the axes wide. */
    if ((ret = rl_fig_check_phase(ds, opt, err)) != 0
        || (ret = rl_fig_begin(f, ds, opt, longest > 16 ? 150.0 : 120.0, 90.0, err)) != 0) {
        return ret;
    }
    rank = rl_fig_alloc(f, ds->n_sessions, sizeof *rank);
    drawn_group = rl_fig_alloc(f, (size_t) ds->n_groups, sizeof *drawn_group);
    vals = rl_fig_alloc(f, (size_t) ds->n_subjects, 2 * sizeof *vals);
    series = rl_fig_alloc(f, (size_t) (ng * per), sizeof *series);
    drawn = rl_fig_alloc(f, (size_t) ng, sizeof *drawn);
    if (rank == NULL || drawn_group == NULL || vals == NULL || series == NULL || drawn == NULL) {
        return rl_fig_fail(f, ds, RL_ERR_NOMEM, err, "out of memory");
    }
    for (gi = 0; gi < ng; gi++) {
        drawn_group[rl_fig_group(opt, gi)] = true;
    }
    rank_sessions(ds, opt, cs->kind, drawn_group, rank, &k_max);
    if (k_max == 0) {
        return rl_fig_fail(f, ds, RL_FIGURE_NO_DATA, err, "no %s sessions%s", phase,
            opt->groups != NULL ? " in the selected groups" : "");
    }
    /* Groups are dodged sideways so that their error bars do not hide each other. */
    dodge = ng > 1 ? fmin(0.08, 0.4 / (ng - 1)) : 0.0;
    for (gi = 0; gi < ng; gi++) {
        int g = rl_fig_group(opt, gi), n_first = 0;
        rl_plot_style_t st = {f->n_groups % RL_PLOT_N_COLOURS,
            (rl_plot_marker_t) (RL_PLOT_MARKER_CIRCLE + f->n_groups / RL_PLOT_N_COLOURS % 4),
            false, false};
        double *y = rl_fig_alloc(f, (size_t) (5 * k_max), sizeof *y), *x = y + 4 * k_max;
        if (y == NULL) {
            return rl_fig_fail(f, ds, RL_ERR_NOMEM, err, "out of memory");
        }
        for (k = 0; k < k_max; k++) {
            x[k] = k + 1 + dodge * (gi - 0.5 * (ng - 1));
        }
        n_first = group_points(ds, m, cs, rank, g, k_max, vals, y, &k_last);
        if (n_first == 0) {
            continue; /* the group has no session of the phase */
        }
        append_groups(groups_text, sizeof groups_text, ds->groups[g].name, n_first,
            f->n_groups == 0);
        series[f->plot.panel[0].n_series++] = (rl_plot_series_t){
            cs->inactive ? rl_fig_printf(f, "%s active", ds->groups[g].name) : ds->groups[g].name,
            x, y, y + k_max, k_max, st};
        if (cs->inactive) {
            st.open = st.dashed = true;
            series[f->plot.panel[0].n_series++] = (rl_plot_series_t){
                rl_fig_printf(f, "%s inactive", ds->groups[g].name), x, y + 2 * k_max,
                y + 3 * k_max, k_max, st};
        }
        drawn[f->n_groups++] = g;
    }
    for (k = 0; k < f->plot.panel[0].n_series; k++) {
        if (series[k].label == NULL) {
            return rl_fig_fail(f, ds, RL_ERR_NOMEM, err, "out of memory");
        }
    }
    if (f->n_groups == 0) {
        return rl_fig_fail(f, ds, RL_FIGURE_NO_DATA, err, "no %s sessions in the selected groups",
            phase);
    }
    f->plot.x.label = opt->phase != NULL ? rl_fig_printf(f, "Session (%s)", opt->phase)
                                         : cs->xlabel;
    /* Whole session numbers: fixed limits half a session beyond the first and last. */
    f->plot.x.min = 0.5;
    f->plot.x.max = (k_last > 0 ? k_last : k_max) + 0.5;
    f->plot.x.integer = true;
    f->plot.n_panels = 1;
    f->plot.panel[0].kind = RL_PLOT_LINES;
    f->plot.panel[0].y.label = cs->ylabel;
    f->plot.panel[0].y.include_zero = true;
    f->plot.panel[0].series = series;
    curve_caption(f, cs, phase, groups_text);
    if (f->plot.x.label == NULL) {
        return rl_fig_fail(f, ds, RL_ERR_NOMEM, err, "out of memory");
    }
    return rl_fig_faceted(opt, f->n_groups) ? rl_fig_facet_curves(f, ds, opt, drawn, per, err)
                                            : 0;
}

int
rl_figure_acquisition(const rl_dataset_t *ds, const rl_measures_t *m,
    const rl_figure_options_t *opt, rl_figure_t *out, rl_error_t *err)
{
    static const curve_spec_t cs = {RL_PHASE_ACQUISITION, true, "Session",
        "Responses (pokes per session)", false, NULL};
    return curves(ds, m, opt, &cs, out, err);
}

int
rl_figure_extinction(const rl_dataset_t *ds, const rl_measures_t *m,
    const rl_figure_options_t *opt, rl_figure_t *out, rl_error_t *err)
{
    static const curve_spec_t cs = {RL_PHASE_EXTINCTION, false, "Extinction session",
        "Active responses (pokes per session)", false, NULL};
    return curves(ds, m, opt, &cs, out, err);
}

int
rl_figure_place(const rl_dataset_t *ds, const rl_measures_t *m,
    const rl_figure_options_t *opt, rl_figure_t *out, rl_error_t *err)
{
    static const curve_spec_t cs = {RL_PHASE_PLACE_TEST, false, "Place-preference test",
        "CPP score (s, paired − other compartment)", true,
        "CPP score (time in the drug-paired minus time in the other compartment, s)"};
    return curves(ds, m, opt, &cs, out, err);
}

/* ---- bars with each mouse ---- */

typedef struct bar_spec {
    rl_phase_kind_t kind;       /* phase drawn without --phase (the first of its kind) */
    int n_bars;
    int measure[2];             /* rl_measure_t of each bar; the last decides if a group
                                ** has data */
    const char *ylabel;
    const char *what;           /* what is missing when no group has data */
} bar_spec_t;

/* The bar figure of bs; head starts the caption ("... in the <phase>; bars are ..."). */
static int
bars(const rl_dataset_t *ds, const rl_measures_t *m, const rl_figure_options_t *opt,
    const bar_spec_t *bs, const char *head, rl_figure_t *f, rl_error_t *err)
{
    int ng = rl_fig_n_groups(ds, opt), nb = bs->n_bars, key = bs->measure[bs->n_bars - 1];
    const char *phase = opt->phase != NULL ? opt->phase : rl_phase_kind_name(bs->kind);
    char groups_text[400] = "";
    rl_plot_bars_t *b = &f->plot.panel[0].bars;
    const char **names;
    double *values, *mean, *sem;
    int *n_subjects, gi, k, ret, total = 0, phases = 0;
    size_t i;

    if ((ret = rl_fig_check_phase(ds, opt, err)) != 0
        || (ret = rl_fig_begin(f, ds, opt, ng > 4 ? fmin(40.0 + 14.0 * ng, 250.0) : 100.0, 90.0,
                err)) != 0) {
        return ret;
    }
    names = rl_fig_alloc(f, (size_t) ng, sizeof *names);
    n_subjects = rl_fig_alloc(f, (size_t) ng, sizeof *n_subjects);
    values = rl_fig_alloc(f, (size_t) (ds->n_subjects * nb), sizeof *values);
    mean = rl_fig_alloc(f, (size_t) (ng * nb), sizeof *mean);
    sem = rl_fig_alloc(f, (size_t) (ng * nb), sizeof *sem);
    if (names == NULL || n_subjects == NULL || values == NULL || mean == NULL || sem == NULL) {
        return rl_fig_fail(f, ds, RL_ERR_NOMEM, err, "out of memory");
    }
    for (gi = 0; gi < ng; gi++) {
        int g = rl_fig_group(opt, gi), ph = rl_fig_first_phase(ds, opt, g, bs->kind), n = 0;
        const rl_group_phase_t *gp = ph >= 0 ? rl_fig_group_phase(m, g, ph) : NULL;
        phases += ph >= 0;
        if (gp == NULL || gp->m[key].n == 0) {
            continue;
        }
        for (i = 0; i < m->n_subject_phases; i++) {
            const rl_subject_phase_t *sp = &m->subject_phases[i];
            if (sp->group == g && sp->phase_index == ph && !isnan(sp->v[key])) {
                for (k = 0; k < nb; k++) {
                    values[(total + n) * nb + k] = sp->v[bs->measure[k]];
                }
                n++;
            }
        }
        for (k = 0; k < nb; k++) {
            const rl_mean_sem_t ms = gp->m[bs->measure[k]];
            mean[f->n_groups * nb + k] = ms.n > 0 ? ms.mean : NAN;
            sem[f->n_groups * nb + k] = ms.n > 1 ? ms.sem : NAN;
        }
        append_groups(groups_text, sizeof groups_text, ds->groups[g].name, n, f->n_groups == 0);
        names[f->n_groups] = ds->groups[g].name;
        n_subjects[f->n_groups++] = n;
        total += n;
    }
    if (f->n_groups == 0 && phases == 0 && opt->phase == NULL) {
        return rl_fig_fail(f, ds, RL_FIGURE_NO_DATA, err, "there is no %s phase in the data%s "
            "(%s need one; --phase NAME draws another phase)", phase,
            opt->groups != NULL ? " of the selected groups" : "", bs->what);
    }
    if (f->n_groups == 0) {
        return rl_fig_fail(f, ds, RL_FIGURE_NO_DATA, err, "no %s in the %s phase%s", bs->what,
            phase, opt->groups != NULL ? " of the selected groups" : "");
    }
    f->plot.x.label = "Group";
    f->plot.n_panels = 1;
    f->plot.panel[0].kind = RL_PLOT_BARS;
    f->plot.panel[0].y.label = bs->ylabel;
    b->n_groups = f->n_groups;
    b->n_bars = nb;
    b->group_names = names;
    b->mean = mean;
    b->sem = sem;
    b->n_subjects = n_subjects;
    b->values = values;
    snprintf(f->caption, sizeof f->caption, "%s %s phase; bars are means ± SEM over the mice "
        "of each group, dots the individual mice: %s.", head, phase, groups_text);
    return 0;
}

int
rl_figure_breakpoint(const rl_dataset_t *ds, const rl_measures_t *m,
    const rl_figure_options_t *opt, rl_figure_t *out, rl_error_t *err)
{
    static const bar_spec_t bs = {RL_PHASE_PROGRESSIVE_RATIO, 1, {RL_M_BREAKPOINT, 0},
        "Breakpoint (last ratio completed)", "PR breakpoints"};
    static const rl_plot_style_t style = {0, RL_PLOT_MARKER_NONE, false, false};
    int ret = bars(ds, m, opt, &bs, "Breakpoints (the last ratio completed) in the", out, err);
    if (ret == 0) {
        out->plot.panel[0].bars.styles = &style;
    }
    return ret;
}

/* N of "the last N extinction sessions" (measures.h: the criterion window of the first
** extinction phase found, or 3). */
static int
last_n_extinction(const rl_dataset_t *ds)
{
    int g, ph;
    for (g = 0; g < ds->n_groups; g++) {
        const rl_procedure_t *proc = &ds->procedures[ds->groups[g].procedure_id];
        for (ph = 0; ph < proc->n_phases; ph++) {
            if (proc->phases[ph].kind == RL_PHASE_EXTINCTION) {
                return proc->phases[ph].criterion.consecutive > 0
                    ? proc->phases[ph].criterion.consecutive : 3;
            }
        }
    }
    return 3;
}

int
rl_figure_reinstatement(const rl_dataset_t *ds, const rl_measures_t *m,
    const rl_figure_options_t *opt, rl_figure_t *out, rl_error_t *err)
{
    static const bar_spec_t bs = {RL_PHASE_REINSTATEMENT, 2,
        {RL_M_BASELINE_ACTIVE, RL_M_ACTIVE}, "Active responses (pokes per session)",
        "reinstatement tests"};
    static const rl_plot_style_t styles[2] = {{0, RL_PLOT_MARKER_NONE, true, false},
        {1, RL_PLOT_MARKER_NONE, false, false}};
    const char **bar_names;
    char head[200];
    int last_n = last_n_extinction(ds), ret;

    snprintf(head, sizeof head, "Active responses in the extinction baseline (open bars: mean "
        "of each mouse's last %d extinction sessions) and in the reinstatement test (filled "
        "bars), each mouse's pair joined, in the", last_n);
    if ((ret = bars(ds, m, opt, &bs, head, out, err)) != 0) {
        return ret;
    }
    bar_names = rl_fig_alloc(out, 2, sizeof *bar_names);
    if (bar_names == NULL
        || (bar_names[0] = rl_fig_printf(out, "Extinction (mean of last %d)", last_n)) == NULL) {
        return rl_fig_fail(out, ds, RL_ERR_NOMEM, err, "out of memory");
    }
    bar_names[1] = "Reinstatement test";
    out->plot.panel[0].bars.bar_names = bar_names;
    out->plot.panel[0].bars.styles = styles;
    out->plot.panel[0].bars.paired = true;
    return 0;
}
