/* output.c -- figure validation, cairo surfaces, byte buffers and atomic files.
**
** Every format is rendered into a growable byte buffer through cairo's stream API (the
** *_for_stream surfaces, cairo_surface_write_to_png_stream); a file is that buffer
** written by core/outfile.h's rule (the path checked first; a temporary file, fsync()ed and
** renamed onto path), so a reader never sees a half-written figure and a failure leaves an
** existing file alone.
**
** SVG ids: cairo names glyphs and clips "glyph0-1", "clip1", ... in every document, so
** two SVGs inlined in one HTML page would share (and mix up) their glyph definitions.
** Each id therefore gets a prefix made from a hash of the document ("f1a2b3c4-"):
** different figures never collide, the same figure keeps the same bytes.
**
** Page size: the user space is in points (mm / 25.4 x 72). PNG output is scaled to
** round(mm / 25.4 x dpi) pixels each way.
*/
#include "plot_internal.h"
#include "core/alloc.h"
#include "core/outfile.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define PL_DEFAULT_W_MM 120.0
#define PL_DEFAULT_H_MM 90.0
#define PL_DEFAULT_DPI 200.0
#define PL_MAX_PX 32767          /* cairo's image surface limit */

typedef struct pl_buf {
    unsigned char *p;
    size_t n, cap;
    bool failed;
} pl_buf_t;

static cairo_status_t
buf_write(void *closure, const unsigned char *data, unsigned int len)
{
    pl_buf_t *b = closure;
    if (b->failed) {
        return CAIRO_STATUS_WRITE_ERROR;
    }
    if (b->n + len > b->cap) {
        size_t cap = b->cap > 0 ? b->cap : 65536;
        unsigned char *p;
        while (cap < b->n + len) {
            cap *= 2;
        }
        p = rl_realloc(b->p, cap);
        if (p == NULL) {
            b->failed = true;
            return CAIRO_STATUS_WRITE_ERROR;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, data, len);
    b->n += len;
    return CAIRO_STATUS_SUCCESS;
}

static void
page_mm(const rl_plot_figure_t *fig, double *w_mm, double *h_mm, double *dpi)
{
    *w_mm = fig->width_mm > 0.0 ? fig->width_mm : PL_DEFAULT_W_MM;
    *h_mm = fig->height_mm > 0.0 ? fig->height_mm : PL_DEFAULT_H_MM;
    *dpi = fig->dpi > 0.0 ? fig->dpi : PL_DEFAULT_DPI;
}

void
rl_plot_png_size(const rl_plot_figure_t *fig, int *width_px, int *height_px)
{
    double w, h, dpi;
    page_mm(fig, &w, &h, &dpi);
    *width_px = (int) lround(w / 25.4 * dpi);
    *height_px = (int) lround(h / 25.4 * dpi);
}

int
rl_plot_format_of(const char *path, rl_plot_format_t *format, rl_error_t *err)
{
    const char *dot = path != NULL ? strrchr(path, '.') : NULL;
    if (dot != NULL && strchr(dot, '/') == NULL) {
        if (strcasecmp(dot, ".png") == 0) {
            *format = RL_PLOT_PNG;
            return 0;
        }
        if (strcasecmp(dot, ".svg") == 0) {
            *format = RL_PLOT_SVG;
            return 0;
        }
        if (strcasecmp(dot, ".pdf") == 0) {
            *format = RL_PLOT_PDF;
            return 0;
        }
    }
    return rl_error_set(err, RL_ERR_INVALID, path, 0, 0,
        "unknown figure format (the file name must end in .png, .svg or .pdf)");
}

/* ---- validation ---- */

static int
bad(rl_error_t *err, const char *path, int panel, const char *what)
{
    if (panel < 0) {
        return rl_error_set(err, RL_ERR_INVALID, path, 0, 0, "figure: %s", what);
    }
    return rl_error_set(err, RL_ERR_INVALID, path, 0, 0, "figure panel %d: %s", panel + 1,
        what);
}

static bool
axis_ok(const rl_plot_axis_t *a)
{
    bool fixed = a->min < a->max;
    return !(fixed && a->log10 && !(a->min > 0.0)) && !(fixed && !isfinite(a->max - a->min));
}

static int
validate_series(const rl_plot_series_t *s, int n, bool need_y, bool ascending,
    rl_error_t *err, const char *path, int i)
{
    int k, j;
    if (n < 0 || (n > 0 && s == NULL)) {
        return bad(err, path, i, "series array missing or negative count");
    }
    for (k = 0; k < n; k++) {
        double last = -INFINITY;
        if (s[k].n < 0 || (s[k].n > 0 && (s[k].x == NULL || (need_y && s[k].y == NULL)))) {
            return bad(err, path, i, "a series has a negative length or no data array");
        }
        for (j = 0; ascending && j < s[k].n; j++) {
            if (isnan(s[k].x[j])) {
                continue;
            }
            if (s[k].x[j] < last) {
                return bad(err, path, i, "event times of a cumulative record must ascend");
            }
            last = s[k].x[j];
        }
    }
    return 0;
}

static int
validate_panel(const rl_plot_figure_t *fig, int i, const char *path, rl_error_t *err)
{
    const rl_plot_panel_t *p = &fig->panel[i];
    const rl_plot_bars_t *b = &p->bars;
    int rc, k;
    if (!axis_ok(&p->y)) {
        return bad(err, path, i, "y axis limits invalid (log axis needs min > 0)");
    }
    if (p->n_vlines < 0 || (p->n_vlines > 0 && p->vlines == NULL)) {
        return bad(err, path, i, "vlines array missing or negative count");
    }
    switch (p->kind) {
    case RL_PLOT_LINES:
        return validate_series(p->series, p->n_series, true, false, err, path, i);
    case RL_PLOT_CUMULATIVE:
        rc = validate_series(p->series, p->n_series, false, true, err, path, i);
        return rc != 0 ? rc : validate_series(p->rugs, p->n_rugs, false, false, err, path, i);
    case RL_PLOT_HISTOGRAM:
        if ((rc = validate_series(p->series, p->n_series, false, false, err, path, i)) != 0) {
            return rc;
        }
        if (p->bin_edges != NULL) {
            if (p->n_bin_edges < 2 || p->n_bin_edges > 100001) {
                return bad(err, path, i, "histogram needs 2 .. 100001 bin edges");
            }
            for (k = 0; k < p->n_bin_edges; k++) {
                if (!isfinite(p->bin_edges[k]) || (k > 0 && p->bin_edges[k] <= p->bin_edges[k - 1])
                    || (fig->x.log10 && !(p->bin_edges[k] > 0.0))) {
                    return bad(err, path, i,
                        "histogram bin edges must be finite, ascending (and > 0 on a log axis)");
                }
            }
        } else if (!(p->bin_width > 0.0) || !isfinite(p->bin_width)) {
            return bad(err, path, i, "histogram needs bin_edges or a bin_width > 0");
        }
        return 0;
    case RL_PLOT_BARS:
        if (fig->n_panels != 1) {
            return bad(err, path, i, "a bar chart must be the figure's only panel");
        }
        if (b->n_groups < 1 || b->n_groups > 64 || b->n_bars < 1 || b->n_bars > 8) {
            return bad(err, path, i, "bar chart needs 1 .. 64 groups of 1 .. 8 bars");
        }
        if (b->group_names == NULL) {
            return bad(err, path, i, "bar chart needs group_names");
        }
        for (k = 0; k < b->n_groups; k++) {
            if (b->group_names[k] == NULL || (b->n_subjects != NULL && b->n_subjects[k] < 0)) {
                return bad(err, path, i, "a group name is NULL or a subject count negative");
            }
            if (b->n_subjects != NULL && b->n_subjects[k] > 0 && b->values == NULL) {
                return bad(err, path, i, "bar chart has subjects but no values");
            }
        }
        return 0;
    }
    return bad(err, path, i, "unknown chart kind");
}

static int
validate(const rl_plot_figure_t *fig, const char *path, rl_error_t *err)
{
    double w, h, dpi;
    int i, rc, wpx, hpx;
    if (fig == NULL) {
        return bad(err, path, -1, "no figure");
    }
    page_mm(fig, &w, &h, &dpi);
    if (!(w >= 20.0 && w <= 1000.0 && h >= 20.0 && h <= 1000.0)) {
        return bad(err, path, -1, "width and height must be 20 .. 1000 mm");
    }
    if (!(dpi >= 10.0 && dpi <= 2400.0)) {
        return bad(err, path, -1, "dpi must be 10 .. 2400");
    }
    rl_plot_png_size(fig, &wpx, &hpx);
    if (wpx > PL_MAX_PX || hpx > PL_MAX_PX) {
        return bad(err, path, -1, "too many pixels for a PNG (lower the dpi)");
    }
    if (fig->n_panels < 1 || fig->n_panels > RL_PLOT_MAX_PANELS) {
        return bad(err, path, -1, "n_panels must be 1 .. 4 (1 .. 16 as small multiples)");
    }
    if (!axis_ok(&fig->x)) {
        return bad(err, path, -1, "x axis limits invalid (log axis needs min > 0)");
    }
    for (i = 0; i < fig->n_panels; i++) {
        if ((rc = validate_panel(fig, i, path, err)) != 0) {
            return rc;
        }
    }
    return 0;
}

/* ---- rendering ---- */

static uint32_t
fnv1a(const unsigned char *p, size_t n)
{
    uint32_t h = 2166136261u;
    size_t i;
    for (i = 0; i < n; i++) {
        h = (h ^ p[i]) * 16777619u;
    }
    return h;
}

/* cairo numbers its SVG groups "surface<N>" from a process-wide counter: renumber them
** in order of appearance (surface0, surface1, ...) so the same figure gives the same bytes
** whenever it is drawn. In place: the new numbers are never longer. */
static void
renumber_svg_surfaces(pl_buf_t *b)
{
    long seen[64];
    int n_seen = 0;
    size_t i = 0, o = 0;
    while (i < b->n) {
        if (i > 0 && (b->p[i - 1] == '"' || b->p[i - 1] == '#') && i + 8 <= b->n
            && memcmp(b->p + i, "surface", 7) == 0 && b->p[i + 7] >= '0' && b->p[i + 7] <= '9') {
            long num = 0;
            int k;
            char digits[24];
            size_t j = i + 7;
            while (j < b->n && b->p[j] >= '0' && b->p[j] <= '9' && num < 100000000L) {
                num = num * 10 + (b->p[j++] - '0');
            }
            for (k = 0; k < n_seen && seen[k] != num; k++) {
            }
            if (k == n_seen && n_seen < 64) {
                seen[n_seen++] = num;
            }
            snprintf(digits, sizeof digits, "surface%d", k);
            memcpy(b->p + o, digits, strlen(digits));
            o += strlen(digits);
            i = j;
        } else {
            b->p[o++] = b->p[i++];
        }
    }
    b->n = o;
}

/* Prefix every id and id reference of cairo's SVG output (see the top of the file). */
static int
prefix_svg_ids(pl_buf_t *b)
{
    static const char *const pat[3] = {" id=\"", "href=\"#", "url(#"};
    char prefix[16];
    pl_buf_t out = {NULL, 0, 0, false};
    size_t i = 0, plen;
    renumber_svg_surfaces(b);
    snprintf(prefix, sizeof prefix, "f%08x-", (unsigned) fnv1a(b->p, b->n));
    plen = strlen(prefix);
    while (i < b->n) {
        size_t start = i;
        int k, hit = -1;
        for (; i < b->n && hit < 0; i++) {
            for (k = 0; k < 3 && hit < 0; k++) {
                size_t len = strlen(pat[k]);
                if (i + len <= b->n && memcmp(b->p + i, pat[k], len) == 0) {
                    hit = k;
                }
            }
        }
        if (hit < 0) {
            buf_write(&out, b->p + start, (unsigned) (b->n - start));
            break;
        }
        i += strlen(pat[hit]) - 1; /* just past the pattern */
        buf_write(&out, b->p + start, (unsigned) (i - start));
        buf_write(&out, (const unsigned char *) prefix, (unsigned) plen);
    }
    if (out.failed) {
        free(out.p);
        return RL_ERR_NOMEM;
    }
    free(b->p);
    *b = out;
    return 0;
}

/* A PDF records its creation time. With SOURCE_DATE_EPOCH set (the reproducible-builds
** convention: seconds since 1970, UTC) that time is used instead of the clock, so the
** same figure gives the same PDF. */
static void
pdf_dates(cairo_surface_t *surf)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    char *end, date[32];
    long long secs;
    time_t t;
    struct tm tm;
    if (epoch == NULL || epoch[0] == '\0') {
        return;
    }
    errno = 0;
    secs = strtoll(epoch, &end, 10);
    t = (time_t) secs;
    if (errno != 0 || *end != '\0' || secs < 0 || gmtime_r(&t, &tm) == NULL) {
        return;
    }
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_MOD_DATE, date);
}

static int
render(const rl_plot_figure_t *fig, rl_plot_format_t format, const char *path, pl_buf_t *b,
    rl_error_t *err)
{
    double w_mm, h_mm, dpi, w_pt, h_pt;
    cairo_surface_t *surf;
    cairo_t *cr;
    cairo_status_t st;
    int rc, wpx, hpx;
    page_mm(fig, &w_mm, &h_mm, &dpi);
    w_pt = w_mm / 25.4 * 72.0;
    h_pt = h_mm / 25.4 * 72.0;
    rl_plot_png_size(fig, &wpx, &hpx);
    switch (format) {
    case RL_PLOT_PNG:
        surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, wpx, hpx);
        break;
    case RL_PLOT_SVG:
        surf = cairo_svg_surface_create_for_stream(buf_write, b, w_pt, h_pt);
        cairo_svg_surface_set_document_unit(surf, CAIRO_SVG_UNIT_PT);
        break;
    case RL_PLOT_PDF:
        surf = cairo_pdf_surface_create_for_stream(buf_write, b, w_pt, h_pt);
        pdf_dates(surf);
        break;
    default:
        return rl_error_set(err, RL_ERR_INVALID, path, 0, 0, "unknown figure format %d",
            (int) format);
    }
    cr = cairo_create(surf);
    if (format == RL_PLOT_PNG) {
        cairo_scale(cr, wpx / w_pt, hpx / h_pt);
    }
    rc = pl_figure_draw(cr, fig, w_pt, h_pt, err);
    cairo_destroy(cr);
    if (rc == 0 && format == RL_PLOT_PNG) {
        st = cairo_surface_write_to_png_stream(surf, buf_write, b);
    } else {
        cairo_surface_finish(surf);
        st = cairo_surface_status(surf);
    }
    cairo_surface_destroy(surf);
    if (rc != 0) {
        if (path != NULL && err != NULL) {
            snprintf(err->file, sizeof err->file, "%s", path);
        }
        return rc;
    }
    if (b->failed) {
        return rl_error_set(err, RL_ERR_NOMEM, path, 0, 0, "out of memory rendering figure");
    }
    if (st != CAIRO_STATUS_SUCCESS) {
        return rl_error_set(err, st == CAIRO_STATUS_NO_MEMORY ? RL_ERR_NOMEM : RL_ERR_INTERNAL,
            path, 0, 0, "cairo: %s", cairo_status_to_string(st));
    }
    if (format == RL_PLOT_SVG && prefix_svg_ids(b) != 0) {
        return rl_error_set(err, RL_ERR_NOMEM, path, 0, 0, "out of memory rendering figure");
    }
    return 0;
}

int
rl_plot_render(const rl_plot_figure_t *fig, rl_plot_format_t format, unsigned char **data,
    size_t *len, rl_error_t *err)
{
    pl_buf_t b = {NULL, 0, 0, false};
    int rc;
    *data = NULL;
    *len = 0;
    if ((rc = validate(fig, NULL, err)) != 0 || (rc = render(fig, format, NULL, &b, err)) != 0) {
        free(b.p);
        return rc;
    }
    *data = b.p;
    *len = b.n;
    return 0;
}

int
rl_plot_write(const rl_plot_figure_t *fig, const char *path, rl_error_t *err)
{
    pl_buf_t b = {NULL, 0, 0, false};
    rl_plot_format_t format;
    int rc;
    if (path == NULL || path[0] == '\0') {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "no figure file name");
    }
    if ((rc = rl_plot_format_of(path, &format, err)) == 0 && (rc = validate(fig, path, err)) == 0
        && (rc = rl_outfile_check(path, err)) == 0
        && (rc = render(fig, format, path, &b, err)) == 0) {
        rc = rl_outfile_write(path, b.p, b.n, NULL, err);
    }
    free(b.p);
    return rc;
}
