/* report_figures.c -- the figures section of the HTML report (see report.h).
**
** Design. The figures are those of figures.h, built with default options and rendered as
** SVG in memory (rl_plot_render; the plot library prefixes the ids of each SVG, so several
** share a page) and inlined without their XML prolog, each in a <figure> with a numbered
** <figcaption> from the builder. Order: acquisition, breakpoint, extinction, reinstatement,
** place preference (a figure without data is left out), then one session of a representative mouse (the
** mouse of the first group closest to its group's mean in acquisition, its last
** acquisition session): its cumulative record and, for a simulation, its brain traces there
** and in its first reinstatement test (where the belief in the drug context moves).
** Curves of more than MAX_CURVE_GROUPS groups are unreadable in one panel, so they are
** drawn as small multiples (figures.h: one panel per wild type with its mutants, e.g. the
** WT and KO mice of Oprm1 on cocaine, or per group) -- or, with the facet option OFF, split
** into one figure per littermate line and procedure, or into runs of MAX_CURVE_GROUPS
** groups when groups have no line. A figure that cannot
** be drawn for a reason the reader should know (traces that do not reproduce) becomes a
** note in the page.
*/
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>

#include "relapselab/figures.h"
#include "core/alloc.h"

#define MAX_CURVE_GROUPS 4

/* Subsets of groups for curves: sets[k] lists n[k] group indices (title[k] names it). */
typedef struct subsets {
    int n_sets;
    int groups[RL_MAX_GROUPS][RL_MAX_GROUPS];
    int n[RL_MAX_GROUPS];
    char title[RL_MAX_GROUPS][2 * RL_NAME_MAX + 16];
} subsets_t;

static bool
has_line(const rl_dataset_t *ds, int g)
{
    return ds->groups[g].line != NULL && ds->groups[g].line[0] != '\0';
}

/* Groups a and b have the same littermate line and procedure. */
static bool
same_set(const rl_dataset_t *ds, int a, int b)
{
    return has_line(ds, a) && has_line(ds, b)
        && strcmp(ds->groups[a].line, ds->groups[b].line) == 0
        && ds->groups[a].procedure_id == ds->groups[b].procedure_id;
}

static void
make_subsets(const rl_dataset_t *ds, subsets_t *s)
{
    int g, j, k;
    memset(s, 0, sizeof *s);
    for (g = 0; g < ds->n_groups; g++) {
        for (k = -1, j = 0; j < s->n_sets && k < 0; j++) {
            int first = s->groups[j][0];
            bool joins = ds->n_groups <= MAX_CURVE_GROUPS || (has_line(ds, g)
                ? same_set(ds, first, g)
                : !has_line(ds, first) && j == s->n_sets - 1 && s->n[j] < MAX_CURVE_GROUPS);
            k = joins ? j : -1;
        }
        if (k < 0) {
            k = s->n_sets++;
            if (has_line(ds, g) && ds->n_groups > MAX_CURVE_GROUPS) {
                snprintf(s->title[k], sizeof s->title[k], "%s line, %s", ds->groups[g].line,
                    ds->procedures[ds->groups[g].procedure_id].name);
            }
        }
        s->groups[k][s->n[k]++] = g;
    }
}

int
rl_report_inline_figure(FILE *f, const rl_plot_figure_t *plot, const char *caption,
    const char *name, rl_report_info_t *info, rl_error_t *err)
{
    unsigned char *svg = NULL;
    const char *start;
    size_t len = 0;
    rl_error_t perr;

    if (rl_plot_render(plot, RL_PLOT_SVG, &svg, &len, &perr) != 0) {
        return rl_error_set(err, perr.code == RL_ERR_NOMEM ? RL_ERR_NOMEM : RL_ERR_INTERNAL,
            name, 0, 0, "rendering figure %d: %s", info->figures + 1, perr.msg);
    }
    start = (const char *) svg;
    if (len > 5 && strncmp(start, "<?xml", 5) == 0) { /* the prolog has no place in HTML */
        const char *end = memchr(start, '>', len);
        start = end != NULL ? end + 1 : start;
    }
    while (start < (const char *) svg + len && (*start == '\n' || *start == '\r')) {
        start++;
    }
    info->figures++;
    fprintf(f, "<figure id=\"figure-%d\">\n<div style=\"max-width:%.0fpx\">\n", info->figures,
        (plot->width_mm > 0.0 ? plot->width_mm : 120.0) * 5.0);
    fwrite(start, 1, len - (size_t) (start - (const char *) svg), f);
    fprintf(f, "</div>\n<figcaption><b>Figure %d.</b> ", info->figures);
    rl_html_text(f, caption);
    fputs("</figcaption>\n</figure>\n", f);
    free(svg);
    return 0;
}

/* Inline fig as the next figure (info->figures counts them). */
static int
emit(FILE *f, const rl_dataset_t *ds, const rl_figure_t *fig, rl_report_info_t *info,
    rl_error_t *err)
{
    return rl_report_inline_figure(f, &fig->plot, fig->caption, ds->path, info, err);
}

/* The day of subject's first session in a reinstatement phase, or -1. */
static int
first_test_day(const rl_dataset_t *ds, int subject)
{
    size_t i;
    int day = -1;
    for (i = 0; i < ds->n_sessions; i++) {
        const rl_ds_session_t *s = &ds->sessions[i];
        if (s->subject == subject && s->phase_kind != NULL
            && strcmp(s->phase_kind, "reinstatement") == 0 && (day < 0 || s->day < day)) {
            day = s->day;
        }
    }
    return day;
}

/* Build figure kind with opt and inline it; a figure without data is skipped, and with
** note_errors an invalid one becomes a note. */
static int
figure(FILE *f, const rl_dataset_t *ds, const rl_measures_t *m, int kind,
    const rl_figure_options_t *opt, bool note_errors, rl_report_info_t *info, rl_error_t *err)
{
    rl_figure_t fig;
    rl_error_t ferr;
    int ret;

    rl_error_clear(&ferr);
    ret = rl_figure_build(kind, ds, m, opt, &fig, &ferr);
    if (ret == RL_FIGURE_NO_DATA) {
        return 0;
    }
    if (ret == RL_ERR_INVALID && note_errors) {
        fprintf(f, "<p class=\"note\">No %s figure: ", rl_figure_kind_name(kind));
        rl_html_text(f, ferr.msg);
        fputs(".</p>\n", f);
        info->notes++;
        return 0;
    }
    if (ret != 0) {
        if (err != NULL) {
            *err = ferr;
        }
        return ret;
    }
    ret = emit(f, ds, &fig, info, err);
    rl_figure_free(&fig);
    return ret;
}

int
rl_report_figures(FILE *f, const rl_dataset_t *ds, const rl_measures_t *m, int facet,
    rl_report_info_t *info, rl_error_t *err)
{
    static const int order[5] = {RL_FIG_ACQUISITION, RL_FIG_BREAKPOINT, RL_FIG_EXTINCTION,
        RL_FIG_REINSTATEMENT, RL_FIG_PLACE};
    subsets_t *sets = rl_malloc(sizeof *sets);
    rl_figure_options_t opt;
    int i, k, ret = 0, subject, day;

    if (sets == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, ds->path, 0, 0, "out of memory");
    }
    make_subsets(ds, sets);
    if (facet != RL_FIGURE_FACET_OFF) {
        sets->n_sets = 1; /* one figure of all groups, as small multiples when many */
    }
    fputs("<section id=\"figures\">\n<h2>Figures</h2>\n", f);
    for (i = 0; i < 5 && ret == 0; i++) {
        bool curves = order[i] == RL_FIG_ACQUISITION || order[i] == RL_FIG_EXTINCTION
            || order[i] == RL_FIG_PLACE;
        for (k = 0; k < (curves ? sets->n_sets : 1) && ret == 0; k++) {
            rl_figure_options_init(&opt);
            opt.facet = facet;
            if (curves && sets->n_sets > 1) {
                opt.groups = sets->groups[k];
                opt.n_groups = sets->n[k];
                opt.title = sets->title[k][0] != '\0' ? sets->title[k] : NULL;
            }
            ret = figure(f, ds, m, order[i], &opt, false, info, err);
        }
    }
    rl_figure_options_init(&opt);
    if (ret == 0 && rl_figure_representative(ds, m, &opt, &subject, &day, NULL) == 0) {
        fputs("<h3>One session of a representative mouse</h3>\n<p>The mouse of the first group "
              "whose mean active responses in acquisition are closest to its group's mean, in "
              "its last acquisition session (and, for a simulation, in its first "
              "reinstatement test).</p>\n", f);
        opt.subject = subject;
        opt.day = day;
        ret = figure(f, ds, m, RL_FIG_CUMULATIVE, &opt, false, info, err);
        if (ret == 0 && !ds->run.imported) {
            ret = figure(f, ds, m, RL_FIG_TRACES, &opt, true, info, err);
            /* ... and its first reinstatement test, where the belief moves */
            if (ret == 0 && (opt.day = first_test_day(ds, subject)) >= 0) {
                ret = figure(f, ds, m, RL_FIG_TRACES, &opt, true, info, err);
            }
        }
    }
    if (ret == 0 && info->figures == 0 && info->notes == 0) {
        fputs("<p>No figure: the database has no sessions of the kinds drawn here.</p>\n", f);
    }
    fputs("</section>\n", f);
    free(sets);
    return ret;
}
