/* test_plot_facets.c -- small multiples in the plot library (plot.h, src/plot/facets.c).
**
** A grid of line panels renders (SVG, PNG, PDF) with two spines -- left and bottom -- per
** panel and no more, so the number of panels can be read back from the SVG; the same
** figure gives the same bytes; the legend is the caller's or every distinct series label;
** what cannot be a small multiple (a bar chart) or stacked (more than 4 panels) is an
** invalid figure, as are more panels than RL_PLOT_MAX_PANELS.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/plot.h"
#include "testlib.h"

/* fontconfig (through cairo) keeps its configuration for the life of the process; under
** ASan, LeakSanitizer would report it (docs/PLOT.md, "Limits"). */
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

static const double xs[4] = {1, 2, 3, 4};
static const double ya[4] = {2, 4, 6, 8}, yb[4] = {1, 1, 2, 1}, yc[4] = {20, 40, 60, 80};
static const double sem[4] = {0.5, 0.5, 0.5, 0.5};
static const char *const titles[16] = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K",
    "L", "M", "N", "O", "P"};

/* n panels of two series each ("WT", "KO"), panel i's data scaled up with i. */
static rl_plot_figure_t
grid(int n, int cols, rl_plot_series_t (*series)[2])
{
    rl_plot_figure_t fig;
    int i;
    memset(&fig, 0, sizeof fig);
    fig.width_mm = 200.0;
    fig.height_mm = 120.0;
    fig.x.label = "Session";
    fig.x.min = 0.5;
    fig.x.max = 4.5;
    fig.x.integer = true;
    fig.n_panels = n;
    fig.facet_cols = cols;
    for (i = 0; i < n; i++) {
        series[i][0] = (rl_plot_series_t){"WT", xs, i == n - 1 ? yc : ya, sem, 4,
            {0, RL_PLOT_MARKER_CIRCLE, false, false}};
        series[i][1] = (rl_plot_series_t){"KO", xs, yb, sem, 4,
            {1, RL_PLOT_MARKER_SQUARE, false, false}};
        fig.panel[i].kind = RL_PLOT_LINES;
        fig.panel[i].y.label = "Responses (pokes per session)";
        fig.panel[i].y.include_zero = true;
        fig.panel[i].series = series[i];
        fig.panel[i].n_series = 2;
        fig.panel[i].title = titles[i];
    }
    return fig;
}

/* Occurrences of the spine style (0.8-pt lines with square caps) in an SVG. */
static int
spines(const unsigned char *svg, size_t len)
{
    static const char pat[] = "stroke-width:0.8;stroke-linecap:square";
    size_t i, n = strlen(pat);
    int count = 0;
    for (i = 0; i + n <= len; i++) {
        count += memcmp(svg + i, pat, n) == 0;
    }
    return count;
}

static void
grid_renders(void)
{
    rl_plot_series_t series[16][2];
    rl_plot_series_t legend[1] = {{"wild type", NULL, NULL, NULL, 0, {0, 0, false, false}}};
    rl_plot_figure_t fig = grid(6, 3, series);
    unsigned char *a = NULL, *b = NULL, *c = NULL;
    size_t la = 0, lb = 0, lc = 0;
    rl_error_t err;
    int k, w, h;

    CHECK(rl_plot_render(&fig, RL_PLOT_SVG, &a, &la, &err) == 0);
    CHECK(spines(a, la) == 2 * 6);
    CHECK(rl_plot_render(&fig, RL_PLOT_SVG, &b, &lb, &err) == 0);
    CHECK(la == lb && memcmp(a, b, la) == 0); /* deterministic */
    free(b);
    /* the caller's legend instead of the series labels: other bytes, same panels */
    fig.legend = legend;
    fig.n_legend = 1;
    CHECK(rl_plot_render(&fig, RL_PLOT_SVG, &c, &lc, &err) == 0);
    CHECK(spines(c, lc) == 12 && (lc != la || memcmp(a, c, la) != 0));
    free(a);
    free(c);
    CHECK(rl_plot_render(&fig, RL_PLOT_PNG, &a, &la, &err) == 0 && la > 1000);
    CHECK(la > 24 && memcmp(a + 1, "PNG", 3) == 0);
    if (la > 24) { /* IHDR: width and height, big-endian */
        w = (a[16] << 24) | (a[17] << 16) | (a[18] << 8) | a[19];
        h = (a[20] << 24) | (a[21] << 16) | (a[22] << 8) | a[23];
        int pw, ph;
        rl_plot_png_size(&fig, &pw, &ph);
        CHECK(w == pw && h == ph && pw == (int) lround(200.0 / 25.4 * 200.0));
    }
    free(a);
    CHECK(rl_plot_render(&fig, RL_PLOT_PDF, &a, &la, &err) == 0 && la > 1000);
    free(a);
    /* more columns than panels; a last row with one panel; all 16 */
    for (k = 1; k <= RL_PLOT_MAX_PANELS; k += 5) {
        fig = grid(k, 4, series);
        CHECK(rl_plot_render(&fig, RL_PLOT_SVG, &a, &la, &err) == 0);
        CHECK(spines(a, la) == 2 * k);
        free(a);
    }
    fig = grid(16, 4, series);
    CHECK(rl_plot_render(&fig, RL_PLOT_SVG, &a, &la, &err) == 0 && spines(a, la) == 32);
    free(a);
    /* a stacked figure is unchanged by the new fields: two spines per panel */
    fig = grid(3, 0, series);
    CHECK(rl_plot_render(&fig, RL_PLOT_SVG, &a, &la, &err) == 0 && spines(a, la) == 6);
    free(a);
}

static void
invalid_grids(void)
{
    rl_plot_series_t series[16][2];
    static const char *const names[2] = {"WT", "KO"};
    static const double vals[4] = {1, 2, 3, 4};
    static const int subj[2] = {2, 2};
    rl_plot_figure_t fig;
    unsigned char *a = NULL;
    size_t la = 0;
    rl_error_t err;

    fig = grid(5, 0, series); /* five stacked panels */
    CHECK(rl_plot_render(&fig, RL_PLOT_SVG, &a, &la, &err) == RL_ERR_INVALID && a == NULL);
    CHECK(strstr(err.msg, "stacked") != NULL);
    fig = grid(16, 4, series);
    fig.n_panels = RL_PLOT_MAX_PANELS + 1;
    CHECK(rl_plot_render(&fig, RL_PLOT_SVG, &a, &la, &err) == RL_ERR_INVALID);
    CHECK(strstr(err.msg, "small multiples") != NULL);
    fig = grid(1, 1, series); /* a bar chart as a small multiple */
    fig.panel[0].kind = RL_PLOT_BARS;
    fig.panel[0].bars = (rl_plot_bars_t){2, 1, names, NULL, NULL, NULL, NULL, subj, vals, false};
    CHECK(rl_plot_render(&fig, RL_PLOT_SVG, &a, &la, &err) == RL_ERR_INVALID);
    CHECK(strstr(err.msg, "small multiple") != NULL);
    fig.facet_cols = 0; /* the same bar chart, stacked alone: fine */
    CHECK(rl_plot_render(&fig, RL_PLOT_SVG, &a, &la, &err) == 0);
    free(a);
}

static const rl_test_case_t CASES[] = {
    {"grid_renders", grid_renders, 0},
    {"invalid_grids", invalid_grids, 0},
};

int
main(int argc, char **argv)
{
    static const rl_test_suite_t suite = {CASES, RL_TEST_COUNT(CASES), NULL, NULL};
    return rl_test_main(argc, argv, &suite);
}
