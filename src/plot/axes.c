/* axes.c -- palette, nice ticks, scales, text and axis drawing for the figures.
**
** Ticks. Linear axes step by 1, 2 or 5 x 10^k: the smallest such step that covers the
** range in at most max_intervals intervals (Heckbert's "nice numbers", Graphics Gems
** 1990, with the interval count as the constraint). Tick values are computed as
** integer x step (never accumulated) so 0.1 x 3 prints as 0.3 and 0 is exactly 0. Log
** axes tick every decade (every m-th when there are many) with unlabelled minor ticks at
** 2..9 x 10^k, and label 2 and 5 x 10^k when fewer than two decades show.
**
** Text. cairo's "toy" font API with DejaVu Sans: the figures need a handful of labels,
** not shaping; it takes UTF-8 and fontconfig falls back to another sans-serif face if
** DejaVu is missing. Alignment uses the cap height (PL_CAP) so digits centre on ticks.
*/
#include "plot_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const unsigned char PALETTE[RL_PLOT_N_COLOURS][3] = {
    {0x00, 0x00, 0x00}, {0xE6, 0x9F, 0x00}, {0x56, 0xB4, 0xE9}, {0x00, 0x9E, 0x73},
    {0x00, 0x72, 0xB2}, {0xD5, 0x5E, 0x00}, {0xCC, 0x79, 0xA7}, {0xF0, 0xE4, 0x42},
};
static const char *const PALETTE_HEX[RL_PLOT_N_COLOURS] = {
    "#000000", "#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#F0E442",
};

static int
palette_index(int i)
{
    int k = i % RL_PLOT_N_COLOURS;
    return k < 0 ? k + RL_PLOT_N_COLOURS : k;
}

const char *
rl_plot_colour_hex(int i)
{
    return PALETTE_HEX[palette_index(i)];
}

/* Set palette colour index mixed with white by the fraction lighten (0 = the colour). */
void
pl_colour(cairo_t *cr, int index, double lighten, double alpha)
{
    const unsigned char *c = PALETTE[palette_index(index)];
    double r = c[0] / 255.0, g = c[1] / 255.0, b = c[2] / 255.0;
    r += (1.0 - r) * lighten;
    g += (1.0 - g) * lighten;
    b += (1.0 - b) * lighten;
    cairo_set_source_rgba(cr, r, g, b, alpha);
}

/* ---- ticks ---- */

/* Tick i (an integer multiple) of the step m x 10^k, computed without accumulation. */
static double
tick_value(double i, int m, int k)
{
    return k >= 0 ? i * m * pow(10.0, k) : i * m / pow(10.0, -k);
}

int
rl_plot_nice_ticks(double lo, double hi, int max_intervals, bool expand, rl_plot_ticks_t *out)
{
    static const int mult[3] = {1, 2, 5};
    double span, eps;
    int k, j, tries;

    if (max_intervals < 1 || max_intervals > RL_PLOT_MAX_TICKS - 2) {
        return RL_ERR_INVALID;
    }
    if (!isfinite(lo) || !isfinite(hi)) {
        lo = 0.0;
        hi = 1.0;
    }
    if (lo > hi) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    if (hi - lo <= 1e-12 * fmax(fabs(lo), fabs(hi))) {
        double d = lo == 0.0 ? 1.0 : 0.1 * fabs(lo);
        if (lo == 0.0) {
            hi = 1.0;
        } else {
            lo -= d;
            hi += d;
        }
    }
    span = hi - lo;
    k = (int) floor(log10(span / max_intervals));
    j = 0;
    for (tries = 0; tries < 12; tries++) {
        int m = mult[j];
        double step = tick_value(1.0, m, k);
        double a, b;
        eps = 1e-9 * step;
        if (expand) {
            a = floor((lo + eps) / step);
            b = ceil((hi - eps) / step);
        } else {
            a = ceil((lo - eps) / step);
            b = floor((hi + eps) / step);
        }
        if (b - a <= max_intervals || tries == 11) {
            int i, n = (int) (b - a) + 1;
            if (n > RL_PLOT_MAX_TICKS) {
                n = RL_PLOT_MAX_TICKS;
            }
            out->step = step;
            out->n = n < 0 ? 0 : n;
            for (i = 0; i < out->n; i++) {
                out->v[i] = tick_value(a + i, m, k);
                if (fabs(out->v[i]) < 1e-9 * step) {
                    out->v[i] = 0.0;
                }
            }
            out->lo = expand ? out->v[0] : lo;
            out->hi = expand ? out->v[out->n - 1] : hi;
            return 0;
        }
        if (++j == 3) {
            j = 0;
            k++;
        }
    }
    return RL_ERR_INTERNAL; /* not reached: the last try always returns */
}

/* Replace an ASCII '-' at the start of s by the typographic minus U+2212. */
static void
typographic_minus(char *s, size_t n)
{
    size_t len = strlen(s);
    if (s[0] == '-' && len + 3 < n) {
        memmove(s + 3, s + 1, len);
        s[0] = (char) 0xE2;
        s[1] = (char) 0x88;
        s[2] = (char) 0x92;
    }
}

static void
format_linear(double v, double step, double mag, char *buf, size_t n)
{
    if (mag >= 1e6 || step < 1e-4) {
        snprintf(buf, n, "%g", v);
    } else {
        int dec = step >= 1.0 ? 0 : (int) ceil(-log10(step) - 1e-9);
        snprintf(buf, n, "%.*f", dec, v);
    }
    typographic_minus(buf, n);
}

/* 10^k as "0.01" .. "10000", else "10" with superscript digits ("10⁻⁵"). */
static void
format_decade(int k, char *buf, size_t n)
{
    static const char *const sup[10] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    char digits[16];
    size_t i;
    if (k >= -3 && k <= 4) {
        snprintf(buf, n, "%g", pow(10.0, k));
        return;
    }
    snprintf(digits, sizeof digits, "%d", k < 0 ? -k : k);
    snprintf(buf, n, "10%s", k < 0 ? "⁻" : "");
    for (i = 0; digits[i] != '\0'; i++) {
        size_t len = strlen(buf);
        snprintf(buf + len, n - len, "%s", sup[digits[i] - '0']);
    }
}

static void
log_ticks(pl_axis_t *a, int max_intervals)
{
    double d0 = a->s.d0, d1 = a->s.d1;
    int k0 = (int) ceil(d0 - 1e-9), k1 = (int) floor(d1 + 1e-9);
    int every = 1, k, j;
    a->t.n = 0;
    a->n_minor = 0;
    while ((k1 - k0) / every > max_intervals) {
        every++;
    }
    for (k = k0; k <= k1 && a->t.n < RL_PLOT_MAX_TICKS; k++) {
        if ((k - k0) % every == 0) {
            a->t.v[a->t.n] = pow(10.0, k);
            format_decade(k, a->text[a->t.n], sizeof a->text[0]);
            a->t.n++;
        } else if (a->n_minor < PL_MAX_MINOR) {
            a->minor[a->n_minor++] = pow(10.0, k);
        }
    }
    if (every > 1) {
        return;
    }
    for (k = (int) floor(d0) ; k <= (int) ceil(d1); k++) {
        for (j = 2; j <= 9; j++) {
            double v = j * pow(10.0, k), lv = log10(v);
            if (lv < d0 - 1e-9 || lv > d1 + 1e-9) {
                continue;
            }
            if (k1 - k0 < 1 && (j == 2 || j == 5) && a->t.n < RL_PLOT_MAX_TICKS) {
                a->t.v[a->t.n] = v;
                snprintf(a->text[a->t.n], sizeof a->text[0], "%g", v);
                a->t.n++;
            } else if (a->n_minor < PL_MAX_MINOR) {
                a->minor[a->n_minor++] = v;
            }
        }
    }
}

/* Fill a's scale domain, ticks and labels from the axis spec and the data extents lo..hi
** (lo > hi: no data; on a log axis only positive data counts). The page range (p0, p1)
** is left to the caller. Returns 0 or RL_ERR_INVALID (max_intervals out of range). */
int
pl_axis_ticks(pl_axis_t *a, const rl_plot_axis_t *spec, double lo, double hi,
    bool include_zero, int max_intervals)
{
    bool fixed = spec->min < spec->max;
    int i, rc;
    memset(&a->t, 0, sizeof a->t);
    a->n_minor = 0;
    a->s.log = spec->log10;
    if (spec->log10) {
        if (fixed) {
            a->s.d0 = log10(spec->min);
            a->s.d1 = log10(spec->max);
        } else if (lo > hi || !(lo > 0.0)) {
            a->s.d0 = 0.0;
            a->s.d1 = 1.0;
        } else {
            a->s.d0 = floor(log10(lo) + 1e-9);
            a->s.d1 = ceil(log10(hi) - 1e-9);
            if (a->s.d1 <= a->s.d0) {
                a->s.d1 = a->s.d0 + 1.0;
            }
        }
        a->t.lo = pow(10.0, a->s.d0);
        a->t.hi = pow(10.0, a->s.d1);
        log_ticks(a, max_intervals);
        return 0;
    }
    if (!fixed) {
        if (lo > hi) {
            lo = 0.0;
            hi = include_zero ? 0.0 : 1.0;
        }
        if (include_zero || spec->include_zero) {
            lo = fmin(lo, 0.0);
            hi = fmax(hi, 0.0);
        }
    }
    /* An integer axis takes fewer intervals until the step is a whole number. */
    do {
        rc = fixed ? rl_plot_nice_ticks(spec->min, spec->max, max_intervals, false, &a->t)
                   : rl_plot_nice_ticks(lo, hi, max_intervals, true, &a->t);
    } while (rc == 0 && spec->integer && a->t.step < 1.0 - 1e-9 && --max_intervals >= 1);
    if (rc != 0) {
        return rc;
    }
    a->s.d0 = a->t.lo;
    a->s.d1 = a->t.hi;
    for (i = 0; i < a->t.n; i++) {
        format_linear(a->t.v[i], a->t.step, fmax(fabs(a->t.lo), fabs(a->t.hi)), a->text[i],
            sizeof a->text[0]);
    }
    return 0;
}

/* Page coordinate of data value v; NaN when v cannot be shown (NaN, or <= 0 on a log
** scale). Values outside the domain map outside p0..p1 (the caller clips). */
double
pl_map(const pl_scale_t *s, double v)
{
    if (s->log) {
        if (!(v > 0.0)) {
            return NAN;
        }
        v = log10(v);
    }
    if (!isfinite(v)) {
        return NAN;
    }
    return s->p0 + (v - s->d0) * (s->p1 - s->p0) / (s->d1 - s->d0);
}

/* ---- text ---- */

void
pl_font(cairo_t *cr, double size, bool bold)
{
    cairo_select_font_face(cr, PL_FONT, CAIRO_FONT_SLANT_NORMAL,
        bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

double
pl_text_width(cairo_t *cr, const char *s)
{
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    return e.x_advance;
}

/* Draw s with the current font at (x, y), rotated by angle (radians, clockwise on the
** page); halign 0 / 0.5 / 1 = left / centre / right, valign 0 = baseline at y, 0.5 =
** caps centred on y, 1 = top of the caps at y. */
void
pl_text(cairo_t *cr, const char *s, double x, double y, double halign, double valign,
    double angle)
{
    cairo_matrix_t m;
    double w = pl_text_width(cr, s);
    cairo_get_font_matrix(cr, &m);
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_rotate(cr, angle);
    cairo_move_to(cr, -halign * w, valign * PL_CAP * m.yy);
    cairo_show_text(cr, s);
    cairo_restore(cr);
}

/* Labels with units, "Quantity (unit)", that need two lines break before the
** parenthesis when both parts fit: the unit stays whole on the second line. */
static bool
wrap_units(cairo_t *cr, double max_w, pl_lines_t *out)
{
    char *paren = strrchr(out->buf, '(');
    double w1, w2;
    if (paren == NULL || paren == out->buf || paren[-1] != ' ') {
        return false;
    }
    paren[-1] = '\0';
    w1 = pl_text_width(cr, out->buf);
    w2 = pl_text_width(cr, paren);
    if (w1 > max_w || w2 > max_w) {
        paren[-1] = ' ';
        return false;
    }
    out->line[0] = out->buf;
    out->line[1] = paren;
    out->n = 2;
    out->w = fmax(w1, w2);
    return true;
}

/* Greedy word wrap at one font size; false if a word or the line count does not fit. */
static bool
wrap_at(cairo_t *cr, const char *s, double max_w, int max_lines, pl_lines_t *out)
{
    char *p = out->buf;
    bool ok = true;
    snprintf(out->buf, sizeof out->buf, "%s", s);
    out->n = 0;
    out->w = 0.0;
    if (max_lines >= 2 && pl_text_width(cr, out->buf) > max_w && wrap_units(cr, max_w, out)) {
        return true;
    }
    while (*p == ' ') {
        p++;
    }
    while (*p != '\0') {
        char *end = strchr(p, ' '), *cand;
        double w;
        if (end == NULL) {
            end = p + strlen(p);
        }
        for (;;) { /* extend the line word by word while it fits */
            char save;
            cand = end;
            while (*cand == ' ') {
                cand++;
            }
            if (*cand == '\0') {
                break;
            }
            cand = strchr(cand, ' ');
            if (cand == NULL) {
                cand = end + strlen(end);
            }
            save = *cand;
            *cand = '\0';
            w = pl_text_width(cr, p);
            *cand = save;
            if (w > max_w) {
                break;
            }
            end = cand;
        }
        if (out->n == 3) {
            return false;
        }
        out->line[out->n++] = p;
        p = end;
        while (*p == ' ') {
            *p++ = '\0';
        }
        w = pl_text_width(cr, out->line[out->n - 1]);
        out->w = fmax(out->w, w);
        if (w > max_w || out->n > max_lines) {
            ok = false;
        }
    }
    return ok;
}

/* Break s (truncated to PL_TEXT_MAX bytes) into at most max_lines lines no wider than
** max_w, at the font size size, shrinking in 0.5 pt steps down to min_size if needed;
** the face is the current one. Returns true when it fits; false leaves the attempt at
** min_size in out (lines may then be too wide or more than max_lines, up to 3). */
bool
pl_wrap(cairo_t *cr, const char *s, double max_w, int max_lines, double size,
    double min_size, pl_lines_t *out)
{
    double sz;
    for (sz = size; sz >= min_size - 1e-9; sz -= 0.5) {
        cairo_set_font_size(cr, sz);
        out->size = sz;
        if (wrap_at(cr, s == NULL ? "" : s, max_w, max_lines, out)) {
            return true;
        }
    }
    return false;
}

/* Draw the lines of l centred on x, the top of the first line's caps at y, the block
** rotated by angle about (x, y); the face is the current one. */
void
pl_lines_draw(cairo_t *cr, const pl_lines_t *l, double x, double y, double angle)
{
    int i;
    cairo_save(cr);
    cairo_set_font_size(cr, l->size);
    cairo_translate(cr, x, y);
    cairo_rotate(cr, angle);
    for (i = 0; i < l->n; i++) {
        pl_text(cr, l->line[i], 0.0, i * PL_LINE * l->size, 0.5, 1.0, 0.0);
    }
    cairo_restore(cr);
}

/* ---- axes ---- */

double
pl_axis_label_width(cairo_t *cr, const pl_axis_t *a)
{
    double w = 0.0;
    int i;
    pl_font(cr, PL_FS_TICK, false);
    for (i = 0; i < a->t.n; i++) {
        w = fmax(w, pl_text_width(cr, a->text[i]));
    }
    return w;
}

static void
spine(cairo_t *cr, double x0, double y0, double x1, double y1)
{
    cairo_set_source_rgb(cr, 0.0, 0.0, 0.0);
    cairo_set_line_width(cr, PL_SPINE_W);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1, y1);
    cairo_stroke(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
}

/* Left spine of area with outward ticks and tick labels (positions from a->s). The spine
** runs from the bottom of the scale (a->s.p0), which lies above the bottom of area when a
** cumulative record keeps a band there for its rugs. */
void
pl_draw_y_axis(cairo_t *cr, const pl_axis_t *a, const pl_rect_t *area)
{
    int i;
    spine(cr, area->x, a->s.p0, area->x, area->y);
    pl_font(cr, PL_FS_TICK, false);
    for (i = 0; i < a->t.n + a->n_minor; i++) {
        bool major = i < a->t.n;
        double y = pl_map(&a->s, major ? a->t.v[i] : a->minor[i - a->t.n]);
        if (!isfinite(y)) {
            continue;
        }
        cairo_move_to(cr, area->x, y);
        cairo_line_to(cr, area->x - (major ? PL_TICK_LEN : 0.6 * PL_TICK_LEN), y);
    }
    cairo_stroke(cr);
    for (i = 0; i < a->t.n; i++) {
        double y = pl_map(&a->s, a->t.v[i]);
        if (isfinite(y) && a->text[i][0] != '\0') {
            pl_text(cr, a->text[i], area->x - PL_TICK_LEN - 2.5, y, 1.0, 0.5, 0.0);
        }
    }
}

/* Bottom spine of area with outward ticks, and tick labels when labels is true. */
void
pl_draw_x_axis(cairo_t *cr, const pl_axis_t *a, const pl_rect_t *area, bool labels)
{
    double y0 = area->y + area->h;
    int i;
    spine(cr, area->x, y0, area->x + area->w, y0);
    pl_font(cr, PL_FS_TICK, false);
    for (i = 0; i < a->t.n + a->n_minor; i++) {
        bool major = i < a->t.n;
        double x = pl_map(&a->s, major ? a->t.v[i] : a->minor[i - a->t.n]);
        if (!isfinite(x)) {
            continue;
        }
        cairo_move_to(cr, x, y0);
        cairo_line_to(cr, x, y0 + (major ? PL_TICK_LEN : 0.6 * PL_TICK_LEN));
    }
    cairo_stroke(cr);
    for (i = 0; labels && i < a->t.n; i++) {
        double x = pl_map(&a->s, a->t.v[i]);
        if (isfinite(x) && a->text[i][0] != '\0') {
            pl_text(cr, a->text[i], x, y0 + PL_TICK_LEN + 2.5, 0.5, 1.0, 0.0);
        }
    }
}
