/* test_plot.c -- the figure library: nice ticks, every chart kind in every format, files
** written atomically, deterministic PNGs, edge cases and invalid input.
**
** Expected ticks are worked by hand from the 1/2/5 x 10^k rule (smallest step with at
** most max_intervals intervals); the look itself is checked by reading the PNG back
** (cairo decodes it) and finding the series colours where the data and the legend must
** be. Usage: test_plot [--samples DIR] [CASE...] -- with DIR, a sample PNG of each chart
** kind is also kept there for a human to look at.
*/
#include <cairo.h>
#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "relapselab/plot.h"
#include "plot_fixtures.h"
#include "testlib.h"

/* LeakSanitizer (the sanitizer build) reads this hook: fontconfig, under cairo's toy font
** API, keeps its parsed configuration and font patterns for the life of the process (about
** 1 KB, however many figures are drawn). Those are not leaks of the figure library. */
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

static char tmpdir[64];
static const char *sample_dir;

/* ---- helpers ---- */

static char *
path_in(const char *dir, const char *name)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static unsigned char *
slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    unsigned char *p = NULL;
    long len;
    *n = 0;
    if (f == NULL) {
        return NULL;
    }
    if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        p = malloc((size_t) len + 1);
        if (p != NULL && fread(p, 1, (size_t) len, f) == (size_t) len) {
            *n = (size_t) len;
            p[len] = '\0';
        }
    }
    fclose(f);
    return p;
}

static bool
exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Offset of needle in the n bytes at p (not NUL-terminated), or -1. */
static long
find(const unsigned char *p, size_t n, const char *needle)
{
    size_t k = strlen(needle), i;
    for (i = 0; i + k <= n; i++) {
        if (memcmp(p + i, needle, k) == 0) {
            return (long) i;
        }
    }
    return -1;
}

static bool
contains(const unsigned char *p, size_t n, const char *needle)
{
    return find(p, n, needle) >= 0;
}

static unsigned
be32(const unsigned char *p)
{
    return (unsigned) p[0] << 24 | (unsigned) p[1] << 16 | (unsigned) p[2] << 8 | p[3];
}

/* Pixels in the box (fractions of the image) within tol of colour hex (or, with hex
** NULL, not white). */
static int
count_pixels(cairo_surface_t *s, double fx0, double fy0, double fx1, double fy1,
    const char *hex, int tol)
{
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s), x, y, n = 0;
    unsigned want = hex != NULL ? (unsigned) strtoul(hex + 1, NULL, 16) : 0;
    const unsigned char *d;
    cairo_surface_flush(s);
    d = cairo_image_surface_get_data(s);
    for (y = (int) (fy0 * h); y < (int) (fy1 * h); y++) {
        for (x = (int) (fx0 * w); x < (int) (fx1 * w); x++) {
            uint32_t px;
            memcpy(&px, d + (size_t) y * (size_t) stride + 4 * (size_t) x, sizeof px);
            int r = (int) (px >> 16 & 255), g = (int) (px >> 8 & 255), b = (int) (px & 255);
            if (hex == NULL) {
                n += r < 250 || g < 250 || b < 250;
            } else {
                n += abs(r - (int) (want >> 16 & 255)) <= tol
                    && abs(g - (int) (want >> 8 & 255)) <= tol
                    && abs(b - (int) (want & 255)) <= tol;
            }
        }
    }
    return n;
}

static cairo_surface_t *
read_png(const char *path)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return NULL;
    }
    return s;
}

/* ---- tests ---- */

static void
nice_ticks(void)
{
    rl_plot_ticks_t t;
    /* 0..33, 5 intervals: 5 would need 7, so 10: 0, 10, ..., 40 */
    CHECK(rl_plot_nice_ticks(0.0, 33.0, 5, true, &t) == 0);
    CHECK(t.n == 5 && t.step == 10.0 && t.v[0] == 0.0 && t.v[4] == 40.0);
    CHECK(t.lo == 0.0 && t.hi == 40.0);
    /* with 7 allowed, step 5 fits: 0, 5, ..., 35 */
    CHECK(rl_plot_nice_ticks(0.0, 33.0, 7, true, &t) == 0);
    CHECK(t.n == 8 && t.step == 5.0 && t.hi == 35.0);
    /* not expanded: the ticks inside 0..33, limits kept */
    CHECK(rl_plot_nice_ticks(0.0, 33.0, 5, false, &t) == 0);
    CHECK(t.n == 4 && t.v[3] == 30.0 && t.lo == 0.0 && t.hi == 33.0);
    /* 0..1: 0, 0.2, ..., 1 */
    CHECK(rl_plot_nice_ticks(0.0, 1.0, 5, true, &t) == 0);
    CHECK(t.n == 6 && t.step == 0.2 && t.v[0] == 0.0 && t.v[5] == 1.0);
    CHECK(t.v[3] == 0.6); /* 3 x 2 / 10, not 0.2 + 0.2 + 0.2 */
    /* 0.1..0.3: step 0.05, values exact multiples */
    CHECK(rl_plot_nice_ticks(0.1, 0.3, 5, true, &t) == 0);
    CHECK(t.n == 5 && t.step == 0.05 && t.v[2] == 0.2 && t.v[4] == 0.3);
    /* mixed signs: -3.7..12.2 with 6: step 2 needs 8, step 5 gives -5, 0, 5, 10, 15 */
    CHECK(rl_plot_nice_ticks(-3.7, 12.2, 6, true, &t) == 0);
    CHECK(t.n == 5 && t.step == 5.0 && t.v[0] == -5.0 && t.v[1] == 0.0 && t.v[4] == 15.0);
    /* all negative, given reversed: -1, -0.8, ..., -0.2 */
    CHECK(rl_plot_nice_ticks(-0.2, -1.0, 5, true, &t) == 0);
    CHECK(t.n == 5 && t.step == 0.2 && t.v[0] == -1.0 && t.v[4] == -0.2);
    /* large: 0..1234567 -> step 5e5 */
    CHECK(rl_plot_nice_ticks(0.0, 1234567.0, 5, true, &t) == 0);
    CHECK(t.step == 500000.0 && t.hi == 1500000.0);
    /* zero range: 5..5 widened by 10 % -> 4.5..5.5, step 0.5 */
    CHECK(rl_plot_nice_ticks(5.0, 5.0, 5, true, &t) == 0);
    CHECK(t.lo < 5.0 && t.hi > 5.0 && t.step == 0.5 && t.n == 3);
    CHECK(rl_plot_nice_ticks(0.0, 0.0, 5, true, &t) == 0);
    CHECK(t.lo == 0.0 && t.hi == 1.0);
    CHECK(rl_plot_nice_ticks(NAN, 3.0, 5, true, &t) == 0);
    CHECK(t.lo == 0.0 && t.hi == 1.0);
    CHECK(rl_plot_nice_ticks(-INFINITY, INFINITY, 5, true, &t) == 0 && t.hi == 1.0);
    CHECK(rl_plot_nice_ticks(0.0, 1.0, 0, true, &t) == RL_ERR_INVALID);
    CHECK(rl_plot_nice_ticks(0.0, 1.0, 31, true, &t) == RL_ERR_INVALID);
}

static void
palette_and_size(void)
{
    rl_plot_figure_t fig = {0};
    int w, h;
    CHECK(strcmp(rl_plot_colour_hex(0), "#000000") == 0);
    CHECK(strcmp(rl_plot_colour_hex(1), "#E69F00") == 0);  /* Okabe-Ito orange */
    CHECK(strcmp(rl_plot_colour_hex(9), "#E69F00") == 0);  /* modulo 8 */
    CHECK(strcmp(rl_plot_colour_hex(-1), "#F0E442") == 0); /* yellow, last */
    rl_plot_png_size(&fig, &w, &h);
    CHECK(w == 945 && h == 709); /* 120 and 90 mm at 200 dpi: 944.9 and 708.7 px */
    fig.width_mm = 85.0;
    fig.dpi = 300.0;
    rl_plot_png_size(&fig, &w, &h);
    CHECK(w == 1004 && h == 1063); /* 85 mm = 1003.9 px, 90 mm = 1062.99 px at 300 dpi */
}

/* Write fig as name.png/.svg/.pdf into the temporary directory and check each file. */
static void
check_all_formats(const rl_plot_figure_t *fig, const char *name)
{
    static const char *const ext[3] = {"png", "svg", "pdf"};
    char file[128];
    rl_error_t err;
    int k, w, h;
    for (k = 0; k < 3; k++) {
        unsigned char *p;
        size_t n;
        snprintf(file, sizeof file, "%s.%s", name, ext[k]);
        rl_error_clear(&err);
        CHECK(rl_plot_write(fig, path_in(tmpdir, file), &err) == 0);
        if (err.code != 0) {
            fprintf(stderr, "  %s: %s\n", file, err.msg);
        }
        p = slurp(path_in(tmpdir, file), &n);
        CHECK(p != NULL && n > 100);
        if (p == NULL || n <= 100) {
            free(p);
            continue;
        }
        if (k == 0) {
            rl_plot_png_size(fig, &w, &h);
            CHECK(memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0);
            CHECK(memcmp(p + 12, "IHDR", 4) == 0);
            CHECK(be32(p + 16) == (unsigned) w && be32(p + 20) == (unsigned) h);
        } else if (k == 1) {
            CHECK(contains(p, n, "<svg") && contains(p, n, "</svg>"));
            CHECK(contains(p, n, "<path")); /* the data, the axes and the glyphs */
            CHECK(contains(p, n, "id=\"f") && !contains(p, n, " id=\"glyph"));
            CHECK(contains(p, n, "width=\"340.") || contains(p, n, "width=\"340pt"));
        } else {
            CHECK(memcmp(p, "%PDF-", 5) == 0 && contains(p, n, "%%EOF"));
        }
        free(p);
    }
    CHECK(rl_test_count_names(tmpdir, ".tmp-") == 0);
    if (sample_dir != NULL) {
        snprintf(file, sizeof file, "%s.png", name);
        CHECK(rl_plot_write(fig, path_in(sample_dir, file), &err) == 0);
        snprintf(file, sizeof file, "%s.svg", name);
        CHECK(rl_plot_write(fig, path_in(sample_dir, file), &err) == 0);
    }
}

static void
chart_kinds(void)
{
    rl_plot_figure_t fig;
    fig = fig_lines();
    check_all_formats(&fig, "lines");
    fig = fig_bars(false);
    check_all_formats(&fig, "bars");
    fig = fig_bars(true);
    fig.panel[0].bars.n_bars = 1; /* plain bars: Extinction only, long group names */
    fig.panel[0].bars.bar_names = NULL;
    fig.panel[0].bars.paired = false;
    fig.panel[0].bars.mean = NULL;
    check_all_formats(&fig, "bars_long_names");
    fig = fig_cumulative();
    check_all_formats(&fig, "cumulative");
    fig = fig_histogram();
    check_all_formats(&fig, "histogram");
    fig = fig_traces();
    check_all_formats(&fig, "traces");
    fig = fig_crowded();
    check_all_formats(&fig, "crowded");
}

/* The data and the legend are where they must be: read the PNG back. */
static void
pixels(void)
{
    static double x[2] = {0.0, 10.0}, y[2] = {0.0, 10.0};
    rl_plot_series_t s = {"Rising", x, y, NULL, 2, {1, RL_PLOT_MARKER_CIRCLE, false, false}};
    rl_plot_figure_t fig = {0};
    cairo_surface_t *img;
    rl_error_t err;
    const char *orange = rl_plot_colour_hex(1);
    fig.n_panels = 1;
    fig.panel[0].series = &s;
    fig.panel[0].n_series = 1;
    CHECK(rl_plot_write(&fig, path_in(tmpdir, "diag.png"), &err) == 0);
    img = read_png(path_in(tmpdir, "diag.png"));
    CHECK(img != NULL);
    if (img == NULL) {
        return;
    }
    /* the diagonal: orange in the middle, white at the corners of the figure */
    CHECK(count_pixels(img, 0.45, 0.4, 0.65, 0.6, orange, 40) > 50);
    CHECK(count_pixels(img, 0.0, 0.0, 0.015, 0.015, NULL, 0) == 0);
    CHECK(count_pixels(img, 0.985, 0.985, 1.0, 1.0, NULL, 0) == 0);
    /* the line ends top right, so the legend goes top left: its orange sample is in the
    ** upper left of the axes, where the diagonal never passes */
    CHECK(count_pixels(img, 0.1, 0.0, 0.45, 0.3, orange, 40) > 20);
    /* tick labels and the y label: dark pixels left of the axes and under them */
    CHECK(count_pixels(img, 0.0, 0.1, 0.1, 0.9, NULL, 0) > 200);
    CHECK(count_pixels(img, 0.2, 0.88, 0.9, 1.0, NULL, 0) > 200);
    cairo_surface_destroy(img);

    /* every corner is taken: the legend is right of the axes, its samples in the
    ** rightmost fifth of the figure (where no data are drawn) */
    fig = fig_crowded();
    CHECK(rl_plot_write(&fig, path_in(tmpdir, "crowded_px.png"), &err) == 0);
    img = read_png(path_in(tmpdir, "crowded_px.png"));
    CHECK(img != NULL);
    if (img != NULL) {
        CHECK(count_pixels(img, 0.8, 0.0, 1.0, 0.5, rl_plot_colour_hex(5), 40) > 20);
        CHECK(count_pixels(img, 0.8, 0.5, 1.0, 0.85, NULL, 0) == 0);
        cairo_surface_destroy(img);
    }

    /* bars: orange test bars and dots in the plot area */
    fig = fig_bars(false);
    CHECK(rl_plot_write(&fig, path_in(tmpdir, "bars_px.png"), &err) == 0);
    img = read_png(path_in(tmpdir, "bars_px.png"));
    CHECK(img != NULL);
    if (img != NULL) {
        CHECK(count_pixels(img, 0.15, 0.05, 0.95, 0.85, orange, 40) > 200);
        cairo_surface_destroy(img);
    }
}

static void
deterministic(void)
{
    rl_plot_figure_t fig = fig_bars(false);
    unsigned char *a = NULL, *b = NULL, *f = NULL;
    size_t na = 0, nb = 0, nf = 0;
    rl_error_t err;
    CHECK(rl_plot_render(&fig, RL_PLOT_PNG, &a, &na, &err) == 0);
    CHECK(rl_plot_render(&fig, RL_PLOT_PNG, &b, &nb, &err) == 0);
    CHECK(na > 0 && na == nb && a != NULL && b != NULL && memcmp(a, b, na) == 0);
    CHECK(rl_plot_write(&fig, path_in(tmpdir, "det.png"), &err) == 0);
    f = slurp(path_in(tmpdir, "det.png"), &nf);
    CHECK(f != NULL && nf == na && memcmp(f, a, na) == 0); /* file = memory render */
    free(a);
    free(b);
    free(f);
    /* SVG in memory: a document; two different figures get different id prefixes */
    fig = fig_lines();
    CHECK(rl_plot_render(&fig, RL_PLOT_SVG, &a, &na, &err) == 0);
    fig = fig_histogram();
    CHECK(rl_plot_render(&fig, RL_PLOT_SVG, &b, &nb, &err) == 0);
    CHECK(a != NULL && b != NULL && contains(a, na, "<svg") && contains(b, nb, "<svg"));
    if (a != NULL && b != NULL) { /* ' id="f1234abcd-' of the first is not in the second */
        long at = find(a, na, " id=\"f");
        char id[16] = {0};
        CHECK(at >= 0 && (size_t) at + 15 <= na);
        if (at >= 0 && (size_t) at + 15 <= na) {
            memcpy(id, a + at, 15);
            CHECK(id[14] == '-' && !contains(b, nb, id) && contains(b, nb, " id=\"f"));
        }
    }
    free(a);
    free(b);
    /* SVG: the same figure twice, the same bytes (cairo's surface counter renumbered) */
    CHECK(rl_plot_render(&fig, RL_PLOT_SVG, &a, &na, &err) == 0);
    CHECK(rl_plot_render(&fig, RL_PLOT_SVG, &b, &nb, &err) == 0);
    CHECK(a != NULL && b != NULL && na == nb && memcmp(a, b, na) == 0);
    free(a);
    free(b);
    /* PDF: the same bytes when SOURCE_DATE_EPOCH fixes the creation date */
    setenv("SOURCE_DATE_EPOCH", "1418947200", 1); /* 2014-12-19 */
    CHECK(rl_plot_render(&fig, RL_PLOT_PDF, &a, &na, &err) == 0);
    CHECK(rl_plot_render(&fig, RL_PLOT_PDF, &b, &nb, &err) == 0);
    unsetenv("SOURCE_DATE_EPOCH");
    CHECK(a != NULL && na > 5 && memcmp(a, "%PDF-", 5) == 0);
    CHECK(a != NULL && b != NULL && na == nb && memcmp(a, b, na) == 0);
    CHECK(a != NULL && contains(a, na, "20141219000000"));
    free(a);
    free(b);
    CHECK(rl_plot_render(&fig, (rl_plot_format_t) 7, &a, &na, &err) == RL_ERR_INVALID);
    CHECK(a == NULL && na == 0);
}

static void
files_atomic(void)
{
    rl_plot_figure_t fig = fig_lines(), bad = fig_lines();
    unsigned char *before, *after;
    size_t nb, na;
    rl_error_t err;
    char dir[600];
    /* unknown extension: an error naming the file, nothing written */
    CHECK(rl_plot_write(&fig, path_in(tmpdir, "fig.jpg"), &err) == RL_ERR_INVALID);
    CHECK(strstr(err.file, "fig.jpg") != NULL && strstr(err.msg, ".png") != NULL);
    CHECK(!exists(path_in(tmpdir, "fig.jpg")));
    CHECK(rl_plot_write(&fig, path_in(tmpdir, "noext"), &err) == RL_ERR_INVALID);
    CHECK(rl_plot_write(&fig, path_in(tmpdir, "dir.png/x"), &err) == RL_ERR_INVALID);
    CHECK(rl_plot_write(&fig, path_in(tmpdir, "UPPER.PNG"), &err) == 0);
    /* a directory that does not exist: RL_ERR_IO naming the file, no temporary left */
    CHECK(rl_plot_write(&fig, path_in(tmpdir, "no/such/dir/fig.png"), &err) == RL_ERR_IO);
    CHECK(strstr(err.file, "no/such/dir/fig.png") != NULL && err.msg[0] != '\0');
    /* a directory is in the way: refused before anything is written */
    snprintf(dir, sizeof dir, "%s", path_in(tmpdir, "taken.svg"));
    CHECK(mkdir(dir, 0755) == 0);
    CHECK(rl_plot_write(&fig, dir, &err) == RL_ERR_IO);
    CHECK(strstr(err.msg, "is a directory; refusing to replace it") != NULL);
    CHECK(rl_test_count_names(tmpdir, ".tmp-") == 0);
    rmdir(dir);
    /* a failed write leaves the old file untouched */
    CHECK(rl_plot_write(&fig, path_in(tmpdir, "keep.pdf"), &err) == 0);
    before = slurp(path_in(tmpdir, "keep.pdf"), &nb);
    bad.n_panels = 0;
    CHECK(rl_plot_write(&bad, path_in(tmpdir, "keep.pdf"), &err) == RL_ERR_INVALID);
    CHECK(strstr(err.file, "keep.pdf") != NULL && strstr(err.msg, "n_panels") != NULL);
    after = slurp(path_in(tmpdir, "keep.pdf"), &na);
    CHECK(before != NULL && after != NULL && na == nb && memcmp(before, after, na) == 0);
    CHECK(rl_test_count_names(tmpdir, ".tmp-") == 0);
    free(before);
    free(after);
    /* overwriting a file replaces it */
    CHECK(rl_plot_write(&fig, path_in(tmpdir, "keep.pdf"), &err) == 0);
}

static void
invalid_figures(void)
{
    static const double down[3] = {3.0, 2.0, 1.0};
    static const double edges[3] = {0.0, 2.0, 1.0};
    rl_plot_series_t s = {"x", down, down, NULL, 3, {0, RL_PLOT_MARKER_NONE, false, false}};
    rl_plot_figure_t fig;
    rl_error_t err;
    const char *p = path_in(tmpdir, "invalid.png");
    fig = fig_lines();
    fig.width_mm = 5.0;
    CHECK(rl_plot_write(&fig, p, &err) == RL_ERR_INVALID);
    fig = fig_lines();
    fig.dpi = 5000.0;
    CHECK(rl_plot_write(&fig, p, &err) == RL_ERR_INVALID);
    fig = fig_lines();
    fig.width_mm = 1000.0;
    fig.dpi = 2400.0; /* 94488 px */
    CHECK(rl_plot_write(&fig, p, &err) == RL_ERR_INVALID);
    fig = fig_lines();
    fig.n_panels = 5;
    CHECK(rl_plot_write(&fig, p, &err) == RL_ERR_INVALID);
    fig = fig_lines();
    fig.panel[0].y.log10 = true;
    fig.panel[0].y.min = -1.0;
    fig.panel[0].y.max = 10.0;
    CHECK(rl_plot_write(&fig, p, &err) == RL_ERR_INVALID && strstr(err.msg, "panel 1") != NULL);
    fig = fig_lines();
    fig.panel[0].series = NULL;
    CHECK(rl_plot_write(&fig, p, &err) == RL_ERR_INVALID);
    fig = fig_bars(false);
    fig.n_panels = 2;
    fig.panel[1] = fig.panel[0];
    CHECK(rl_plot_write(&fig, p, &err) == RL_ERR_INVALID);
    fig = fig_cumulative();
    fig.panel[0].series = &s;
    fig.panel[0].n_series = 1;
    CHECK(rl_plot_write(&fig, p, &err) == RL_ERR_INVALID && strstr(err.msg, "ascend") != NULL);
    fig = fig_histogram();
    fig.panel[0].bin_width = 0.0;
    CHECK(rl_plot_write(&fig, p, &err) == RL_ERR_INVALID);
    fig.x.log10 = false;
    fig.panel[0].bin_edges = edges;
    fig.panel[0].n_bin_edges = 3;
    CHECK(rl_plot_write(&fig, p, &err) == RL_ERR_INVALID);
    fig.panel[0].bin_edges = NULL;
    fig.panel[0].bin_width = 1e-9; /* values up to ~5000: far too many bins */
    CHECK(rl_plot_write(&fig, p, &err) == RL_ERR_INVALID && strstr(err.msg, "bins") != NULL);
    CHECK(strstr(err.file, "invalid.png") != NULL);
    CHECK(rl_plot_write(NULL, p, &err) == RL_ERR_INVALID);
    CHECK(!exists(p) && rl_test_count_names(tmpdir, ".tmp-") == 0);
}

static void
edge_cases(void)
{
    static const double nan3[3] = {NAN, NAN, NAN}, one_x[1] = {3.0}, one_y[1] = {7.0};
    static const double flat[3] = {5.0, 5.0, 5.0}, xs[3] = {1.0, 2.0, 3.0};
    static const double edges[4] = {1.0, 10.0, 100.0, 1000.0};
    static const char *const g1[1] = {"Only"};
    static const int none[1] = {0};
    rl_plot_series_t s[4] = {
        {"empty", NULL, NULL, NULL, 0, {0, RL_PLOT_MARKER_CIRCLE, false, false}},
        {"all NaN", nan3, nan3, nan3, 3, {1, RL_PLOT_MARKER_SQUARE, true, false}},
        {"single", one_x, one_y, NULL, 1, {2, RL_PLOT_MARKER_TRIANGLE, false, false}},
        {NULL, xs, flat, NULL, 3, {3, RL_PLOT_MARKER_DIAMOND, false, true}},
    };
    rl_plot_figure_t fig = {0};
    unsigned char *buf;
    size_t n;
    rl_error_t err;
    int k, kind;
    /* lines: empty, all-NaN, one point, zero range (flat 5), no series at all */
    for (k = 0; k <= 4; k++) {
        memset(&fig, 0, sizeof fig);
        fig.n_panels = 1;
        fig.panel[0].series = k < 4 ? &s[k] : NULL;
        fig.panel[0].n_series = k < 4 ? 1 : 0;
        CHECK(rl_plot_render(&fig, RL_PLOT_PNG, &buf, &n, &err) == 0 && n > 0);
        free(buf);
        fig.x.log10 = fig.panel[0].y.log10 = true; /* and on log axes */
        CHECK(rl_plot_render(&fig, RL_PLOT_SVG, &buf, &n, &err) == 0 && n > 0);
        free(buf);
    }
    /* the same data in the other kinds */
    for (kind = RL_PLOT_CUMULATIVE; kind <= RL_PLOT_HISTOGRAM; kind++) {
        memset(&fig, 0, sizeof fig);
        fig.n_panels = 1;
        fig.panel[0].kind = (rl_plot_kind_t) kind;
        fig.panel[0].series = s;
        fig.panel[0].n_series = 3;
        fig.panel[0].bin_width = 1.0;
        CHECK(rl_plot_render(&fig, RL_PLOT_PNG, &buf, &n, &err) == 0 && n > 0);
        free(buf);
        fig.panel[0].n_series = 0;
        CHECK(rl_plot_render(&fig, RL_PLOT_PDF, &buf, &n, &err) == 0 && n > 0);
        free(buf);
    }
    memset(&fig, 0, sizeof fig); /* histogram with edges on a log axis */
    fig.n_panels = 1;
    fig.x.log10 = true;
    fig.panel[0].kind = RL_PLOT_HISTOGRAM;
    fig.panel[0].series = &s[2];
    fig.panel[0].n_series = 1;
    fig.panel[0].bin_edges = edges;
    fig.panel[0].n_bin_edges = 4;
    CHECK(rl_plot_render(&fig, RL_PLOT_PNG, &buf, &n, &err) == 0 && n > 0);
    free(buf);
    /* bars: one group, no subjects, caller-given mean without SEM; then a NaN mean */
    memset(&fig, 0, sizeof fig);
    fig.n_panels = 1;
    fig.panel[0].kind = RL_PLOT_BARS;
    fig.panel[0].bars.n_groups = 1;
    fig.panel[0].bars.n_bars = 1;
    fig.panel[0].bars.group_names = g1;
    fig.panel[0].bars.mean = one_y;
    fig.panel[0].bars.n_subjects = none;
    CHECK(rl_plot_render(&fig, RL_PLOT_PNG, &buf, &n, &err) == 0 && n > 0);
    free(buf);
    fig.panel[0].bars.mean = nan3;
    CHECK(rl_plot_render(&fig, RL_PLOT_PNG, &buf, &n, &err) == 0 && n > 0);
    free(buf);
    /* a tiny figure with long labels and a fixed, data-excluding range */
    fig = fig_lines();
    fig.width_mm = fig.height_mm = 20.0;
    fig.title = "A title far too long for a figure only twenty millimetres wide";
    fig.panel[0].y.min = 100.0;
    fig.panel[0].y.max = 200.0;
    CHECK(rl_plot_render(&fig, RL_PLOT_PNG, &buf, &n, &err) == 0 && n > 0);
    free(buf);
}

/* Remove dir and the files in it (the tests make no subdirectories that outlive them). */
static void
remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    if (d != NULL) {
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
                unlink(path_in(dir, e->d_name));
            }
        }
        closedir(d);
    }
    if (rmdir(dir) != 0) {
        fprintf(stderr, "could not remove %s\n", dir);
    }
}

static void
many_points(void)
{
    enum { N = 100000 };
    double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y);
    rl_plot_series_t s = {"trace", NULL, NULL, NULL, N, {4, RL_PLOT_MARKER_CIRCLE, false, false}};
    rl_plot_figure_t fig = {0};
    rl_error_t err;
    unsigned char *buf = NULL;
    size_t n = 0;
    int i, kind;
    CHECK(x != NULL && y != NULL);
    if (x == NULL || y == NULL) {
        free(x);
        free(y);
        return;
    }
    for (i = 0; i < N; i++) {
        x[i] = i * 0.0012;
        y[i] = sin(i * 0.001) * 10.0 + 0.5 * sin(i * 0.37);
    }
    s.x = x;
    s.y = y;
    fig.n_panels = 1;
    fig.panel[0].series = &s;
    fig.panel[0].n_series = 1;
    fig.panel[0].bin_width = 0.5;
    /* the time this takes is measured in bench/ (bench_lab.sh's plots), not here */
    for (kind = RL_PLOT_LINES; kind <= RL_PLOT_HISTOGRAM; kind++) {
        if (kind == RL_PLOT_BARS) {
            continue;
        }
        fig.panel[0].kind = (rl_plot_kind_t) kind;
        fig.panel[0].series = &s;
        if (kind == RL_PLOT_CUMULATIVE) {
            s.x = x; /* ascending times */
        } else if (kind == RL_PLOT_HISTOGRAM) {
            s.x = y;
        }
        CHECK(rl_plot_render(&fig, RL_PLOT_PNG, &buf, &n, &err) == 0 && n > 0);
        free(buf);
    }
    free(x);
    free(y);
}

static bool
setup(void)
{
    if (!rl_test_tmpdir(tmpdir, sizeof tmpdir, "plot")) {
        return false;
    }
    if (sample_dir != NULL) {
        mkdir(sample_dir, 0755);
    }
    return true;
}

static bool
teardown(void)
{
    remove_tree(tmpdir);
    return true;
}

static const rl_test_case_t CASES[] = {
    {"nice_ticks", nice_ticks, 0},
    {"palette_and_size", palette_and_size, 0},
    {"chart_kinds", chart_kinds, 0},
    {"pixels", pixels, 0},
    {"deterministic", deterministic, 0},
    {"files_atomic", files_atomic, 0},
    {"invalid_figures", invalid_figures, 0},
    {"edge_cases", edge_cases, 0},
    {"many_points", many_points, 0},
};

/* `test_plot --samples DIR [CASE...]` also keeps a sample PNG and SVG of each chart in DIR
** (docs/PLOT.md); the other arguments are the harness's (testlib.h). */
int
main(int argc, char **argv)
{
    static const rl_test_suite_t suite = {CASES, RL_TEST_COUNT(CASES), setup, teardown};
    if (argc > 2 && strcmp(argv[1], "--samples") == 0) {
        sample_dir = argv[2];
        argv[2] = argv[0];
        argv += 2;
        argc -= 2;
    }
    return rl_test_main(argc, argv, &suite);
}
