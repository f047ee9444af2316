/* figures_facets.c -- curve figures of many groups as small multiples (see figures.h).
**
** Design. The curve builders (figures_groups.c) first build one panel with every group's
** series; rl_fig_facet_curves() then deals those series out to panels. Panels are the
** sets of a wild type and its mutants (compare.h, rl_compare_partners: the seed study's
** "Oprm1 on cocaine" holds Oprm1-WT-cocaine and Oprm1-KO-cocaine) when every drawn group
** belongs to a set of two or more with its wild type, and the sets look alike: the word
** that tells the groups of a set apart (what remains of a name without the part shared
** with the wild type's, e.g. "KO" and "WT") is the same at each position in every set, so
** one legend ("WT active", "KO active", ...) holds for all panels. Otherwise each group
** gets a panel (groups run in chunks when there are more than 16). Within a panel the
** wild type comes first (palette colour 0, circles), its mutants next (colours 1, 2, ...,
** squares, triangles, diamonds), re-dodged so their error bars stay apart; the panels keep
** the figure's axes and share them (plot.h). Titles: the set's line and procedure ("Oprm1,
** cocaine"), the wild type's name without its "WT" word for imports, or the group name.
*/
#include "figures_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "relapselab/compare.h"

#define FACET_MAX_SET 4          /* sets larger than this: one panel per group */
#define FACET_COLS 4

static bool
is_sep(char ch)
{
    return ch == ' ' || ch == '-' || ch == '_' || ch == '.' || ch == '/' || ch == ':';
}

bool
rl_fig_faceted(const rl_figure_options_t *opt, int n_groups)
{
    if (opt->facet == RL_FIGURE_FACET_ON) {
        return n_groups >= 2;
    }
    return opt->facet == RL_FIGURE_FACET_AUTO && n_groups > RL_FIGURE_FACET_GROUPS;
}

/* The part of name a that differs from name b: a without the prefix and the suffix the two
** share, each cut back to a separator; all of a when nothing remains. *start and *len. */
static void
diff_word(const char *a, const char *b, size_t *start, size_t *len)
{
    size_t la = strlen(a), lb = strlen(b), p = 0, s = 0;
    while (p < la && p < lb && a[p] == b[p]) {
        p++;
    }
    while (p > 0 && !is_sep(a[p - 1])) {
        p--;
    }
    while (s < la - p && s < lb && a[la - 1 - s] == b[lb - 1 - s]) {
        s++;
    }
    while (s > 0 && !is_sep(a[la - s])) {
        s--;
    }
    *start = p;
    *len = la - p - s;
    if (*len == 0) {
        *start = 0;
        *len = la;
    }
}

/* The sets: set[i] of drawn group i, members in panel order (wild type first) in
** members[k][0 .. size[k]-1] as indices into drawn. Returns the number of sets, or 0 when
** the groups do not form sets of a wild type with its mutants (at most FACET_MAX_SET each,
** at most RL_PLOT_MAX_PANELS of them, at least two). */
static int
make_sets(const int *drawn, int ng, const int *partner, int members[][FACET_MAX_SET],
    int *size)
{
    int i, j, k, n_sets = 0;
    for (i = 0; i < ng; i++) {
        int g = drawn[i], key = partner[g] >= 0 ? partner[g] : g, ki = -1;
        for (j = 0; j < ng && ki < 0; j++) {
            ki = drawn[j] == key ? j : -1;
        }
        if (ki < 0) {
            return 0; /* the wild type is not drawn */
        }
        for (k = 0; k < n_sets && drawn[members[k][0]] != key; k++) {
        }
        if (k == n_sets) {
            if (n_sets == RL_PLOT_MAX_PANELS) {
                return 0;
            }
            members[n_sets][0] = ki;
            size[n_sets++] = 1;
        }
        if (ki != i) {
            if (size[k] == FACET_MAX_SET) {
                return 0;
            }
            members[k][size[k]++] = i;
        }
    }
    for (k = 0; k < n_sets; k++) {
        if (size[k] < 2) {
            return 0;
        }
    }
    return n_sets >= 2 ? n_sets : 0;
}

/* The role word of member m of set k ("WT", "KO") into buf. */
static void
role(const rl_dataset_t *ds, const int *drawn, int members[][FACET_MAX_SET], int k, int m,
    char *buf, size_t n)
{
    const char *a = ds->groups[drawn[members[k][m]]].name;
    const char *b = ds->groups[drawn[members[k][m == 0 ? 1 : 0]]].name;
    size_t start, len;
    diff_word(a, b, &start, &len);
    snprintf(buf, n, "%.*s", (int) len, a + start);
}

/* Whether the members at each position play the same role in every set. */
static bool
roles_agree(const rl_dataset_t *ds, const int *drawn, int members[][FACET_MAX_SET],
    const int *size, int n_sets)
{
    char r0[RL_NAME_MAX], rk[RL_NAME_MAX];
    int k, m;
    for (k = 1; k < n_sets; k++) {
        if (size[k] != size[0]) {
            return false;
        }
        for (m = 0; m < size[k]; m++) {
            role(ds, drawn, members, 0, m, r0, sizeof r0);
            role(ds, drawn, members, k, m, rk, sizeof rk);
            if (strcmp(r0, rk) != 0) {
                return false;
            }
        }
    }
    return true;
}

/* The title of set k: "line, procedure", or the wild type's name without its role word. */
static char *
set_title(rl_figure_t *f, const rl_dataset_t *ds, const int *drawn,
    int members[][FACET_MAX_SET], int k)
{
    const rl_ds_group_t *w = &ds->groups[drawn[members[k][0]]];
    char buf[RL_NAME_MAX + 8];
    size_t start, len, a, b;
    if (w->line != NULL && w->line[0] != '\0') {
        return ds->n_procedures > 1
            ? rl_fig_printf(f, "%s, %s", w->line, ds->procedures[w->procedure_id].name)
            : rl_fig_printf(f, "%s", w->line);
    }
    diff_word(w->name, ds->groups[drawn[members[k][1]]].name, &start, &len);
    snprintf(buf, sizeof buf, "%.*s%s", (int) start, w->name, w->name + start + len);
    for (a = 0, b = 0; buf[a] != '\0'; a++) { /* one separator where the word was */
        if (!(is_sep(buf[a]) && (b == 0 || is_sep(buf[b - 1])))) {
            buf[b++] = buf[a];
        }
    }
    while (b > 0 && is_sep(buf[b - 1])) {
        b--;
    }
    buf[b] = '\0';
    return rl_fig_printf(f, "%s", b > 0 ? buf : w->name);
}

/* Move the x positions of series s (k_max points at whole sessions, dodged) to slot m of
** m_of members. The arrays belong to the figure (rl_fig_alloc), hence writable. */
static void
redodge(const rl_plot_series_t *s, int m, int m_of)
{
    double *x = (double *) (size_t) s->x, dodge = m_of > 1 ? fmin(0.08, 0.4 / (m_of - 1)) : 0.0;
    int j;
    for (j = 0; j < s->n; j++) {
        x[j] = floor(x[j] + 0.5) + dodge * (m - 0.5 * (m_of - 1));
    }
}

/* Lay the panels out and size the figure (unless the caller chose a size). */
static void
arrange(rl_figure_t *f, const rl_figure_options_t *opt, int n_panels, const char *how)
{
    int cols = n_panels < FACET_COLS ? n_panels : FACET_COLS;
    int rows = (n_panels + cols - 1) / cols;
    size_t used = strlen(f->caption);
    f->plot.n_panels = n_panels;
    f->plot.facet_cols = cols;
    f->plot.width_mm = opt->width_mm > 0.0 ? opt->width_mm : 60.0 + 46.0 * cols;
    f->plot.height_mm = opt->height_mm > 0.0 ? opt->height_mm : fmin(25.0 + 44.0 * rows, 1000.0);
    if (used + 1 < sizeof f->caption) {
        snprintf(f->caption + used, sizeof f->caption - used, " One panel per %s; the panels "
            "share their axes.", how);
    }
}

/* Series being dealt out to panels: the one-panel figure's (old, per series for each
** drawn group) copied into series[0 .. n-1], panel after panel. */
typedef struct deal {
    const rl_plot_series_t *old;
    rl_plot_series_t *series;
    int n, per;
} deal_t;

/* Start panel k of f as a copy of panel 0's axes, its series next in d. */
static rl_plot_panel_t *
panel_start(rl_figure_t *f, deal_t *d, int k, const char *title)
{
    rl_plot_panel_t *p = &f->plot.panel[k];
    *p = f->plot.panel[0];
    p->series = d->series + d->n;
    p->n_series = 0;
    p->title = title;
    return p;
}

/* Add the series of drawn group i to panel p, as member m of `of`. */
static void
add_member(deal_t *d, rl_plot_panel_t *p, int i, int m, int of)
{
    int j;
    for (j = 0; j < d->per; j++) {
        rl_plot_series_t *s = &d->series[d->n++];
        *s = d->old[i * d->per + j];
        s->style.colour = m;
        s->style.marker = (rl_plot_marker_t) (RL_PLOT_MARKER_CIRCLE + m % 4);
        redodge(s, m, of);
        p->n_series++;
    }
}

/* A panel per set of a wild type with its mutants, and a legend of their roles. */
static int
deal_sets(rl_figure_t *f, const rl_dataset_t *ds, const int *drawn, int sets[][FACET_MAX_SET],
    const int *size, int n_sets, deal_t *d, rl_plot_series_t *legend)
{
    char word[RL_NAME_MAX];
    int k, m, j;
    for (k = 0; k < n_sets; k++) {
        char *title = set_title(f, ds, drawn, sets, k);
        rl_plot_panel_t *p = panel_start(f, d, k, title);
        if (title == NULL) {
            return RL_ERR_NOMEM;
        }
        for (m = 0; m < size[k]; m++) {
            add_member(d, p, sets[k][m], m, size[k]);
        }
    }
    for (m = 0; m < size[0]; m++) {
        role(ds, drawn, sets, 0, m, word, sizeof word);
        for (j = 0; j < d->per; j++) {
            rl_plot_series_t *e = &legend[m * d->per + j];
            *e = (rl_plot_series_t){NULL, NULL, NULL, NULL, 0, d->series[m * d->per + j].style};
            e->label = d->per == 1 ? rl_fig_printf(f, "%s", word)
                                   : rl_fig_printf(f, "%s %s", word, j == 0 ? "active" : "inactive");
            if (e->label == NULL) {
                return RL_ERR_NOMEM;
            }
        }
    }
    f->plot.legend = legend;
    f->plot.n_legend = size[0] * d->per;
    return 0;
}

/* A panel per group (a few groups per panel above RL_PLOT_MAX_PANELS of them); with one
** group per panel a legend of the kinds of curve. Returns the number of panels. */
static int
deal_groups(rl_figure_t *f, const rl_dataset_t *ds, const int *drawn, int ng, deal_t *d,
    rl_plot_series_t *legend)
{
    int chunk = (ng + RL_PLOT_MAX_PANELS - 1) / RL_PLOT_MAX_PANELS, n_panels = 0, i, m, j;
    for (i = 0; i < ng; i += chunk) {
        int of = i + chunk < ng ? chunk : ng - i;
        rl_plot_panel_t *p = panel_start(f, d, n_panels++,
            chunk == 1 ? ds->groups[drawn[i]].name : NULL);
        for (m = 0; m < of; m++) {
            add_member(d, p, i + m, m, of);
        }
    }
    if (chunk == 1) {
        for (j = 0; j < d->per; j++) {
            legend[j] = (rl_plot_series_t){d->per == 1 ? NULL : j == 0 ? "active" : "inactive",
                NULL, NULL, NULL, 0, d->series[j].style};
        }
        f->plot.legend = legend;
        f->plot.n_legend = d->per;
    }
    return n_panels;
}

int
rl_fig_facet_curves(rl_figure_t *f, const rl_dataset_t *ds, const rl_figure_options_t *opt,
    const int *drawn, int per, rl_error_t *err)
{
    int ng = f->n_groups, size[RL_PLOT_MAX_PANELS], n_sets, n_panels;
    int *partner = rl_fig_alloc(f, (size_t) ds->n_groups, sizeof *partner);
    int (*sets)[FACET_MAX_SET] = rl_fig_alloc(f, RL_PLOT_MAX_PANELS, sizeof *sets);
    rl_plot_series_t *legend = rl_fig_alloc(f, (size_t) (FACET_MAX_SET * 2), sizeof *legend);
    deal_t d = {f->plot.panel[0].series, rl_fig_alloc(f, (size_t) (ng * per), sizeof *d.series),
        0, per};

    if (partner == NULL || sets == NULL || d.series == NULL || legend == NULL) {
        return rl_fig_fail(f, ds, RL_ERR_NOMEM, err, "out of memory");
    }
    rl_compare_partners(ds, partner);
    n_sets = make_sets(drawn, ng, partner, sets, size);
    if (n_sets > 0 && roles_agree(ds, drawn, sets, size, n_sets)) {
        if (deal_sets(f, ds, drawn, sets, size, n_sets, &d, legend) != 0) {
            return rl_fig_fail(f, ds, RL_ERR_NOMEM, err, "out of memory");
        }
        arrange(f, opt, n_sets, "wild type with its mutants");
        return 0;
    }
    n_panels = deal_groups(f, ds, drawn, ng, &d, legend);
    arrange(f, opt, n_panels, ng <= RL_PLOT_MAX_PANELS ? "group" : "few groups");
    return 0;
}
