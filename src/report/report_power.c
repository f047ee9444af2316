/* report_power.c -- the power section of the HTML report, from the JSON of `relapselab
** power --json` (report.h, docs/REPORT.md, docs/POWER.md).
**
** Design. A power sweep writes no database, so its report is read back from its JSON
** (power_doc.c) and rendered either as the last section of a database's report
** (rl_report_options_t.power: a pilot study's data with the power of its follow-up) or as
** a page of its own (rl_report_render_power_html, `relapselab report --power P.json`).
** The section: per claims file its settings (seed, studies per n, alpha, target, the
** interval), the power-curve figure of every sweep (figure_power.c, as `power -o` draws it)
** and one table per sweep: check, row, kind, per n the rate in % with its Wilson 95 %
** interval, and the smallest n from which the rate stays at or above the target. Text from
** the file goes through rl_html_text().
*/
#include "report_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/power.h"
#include "relapselab/version.h"

#include "power_doc.h"

/* The settings of a sweep, in a sentence. */
static void
settings(FILE *f, const rl_pdoc_sweep_t *sw)
{
    int j, varied = 0;

    fputs("<p>Claims file <code>", f);
    rl_html_text(f, sw->path);
    fprintf(f, "</code>: %d virtual studies per n (study r: seed ", sw->replicates);
    rl_html_text(f, sw->seed);
    fprintf(f, " + r; nested cohorts: the n mice of a group are the first n of the largest), "
               "alpha %g, target %.0f %%. Rates in %% of studies with their Wilson 95 %% "
               "interval; <i>n needed</i>: the smallest n from which the rate stays at or "
               "above the target.", sw->alpha, 100.0 * sw->target);
    for (j = 0; j < sw->n_sizes; j++) {
        varied |= sw->studies[j] != sw->replicates;
    }
    if (varied) {
        fprintf(f, " Studies taken (sequential stopping at an interval width of %.3g):",
            sw->precision);
        for (j = 0; j < sw->n_sizes; j++) {
            fprintf(f, " n = %d: %d%s", sw->sizes[j], sw->studies[j],
                j + 1 < sw->n_sizes ? "," : ".");
        }
    }
    fputs("</p>\n", f);
}

static void
needed(FILE *f, const rl_pdoc_sweep_t *sw, const rl_pdoc_row_t *row)
{
    if (row->n_needed > 0) {
        fprintf(f, "<td class=\"num\">%d</td>", row->n_needed);
    } else if (row->n_needed == 0) {
        fprintf(f, "<td class=\"num\">&gt; %d</td>", sw->sizes[sw->n_sizes - 1]);
    } else {
        fputs("<td class=\"num\">–</td>", f);
    }
}

static void
table(FILE *f, const rl_pdoc_sweep_t *sw, rl_report_info_t *info)
{
    bool kinds[RL_POWER_DESCRIPTION + 1] = {false};
    int j, k;

    fputs("<div class=\"wide\"><table>\n<thead><tr><th>Check</th><th>Row (measure, groups)"
          "</th><th>Kind</th>", f);
    for (j = 0; j < sw->n_sizes; j++) {
        fprintf(f, "<th class=\"num\">n = %d<span class=\"unit\">%% [95 %% CI]</span></th>",
            sw->sizes[j]);
    }
    fputs("<th class=\"num\">n needed</th></tr></thead>\n<tbody>\n", f);
    for (k = 0; k < sw->n_rows; k++) {
        const rl_pdoc_row_t *row = &sw->rows[k];
        kinds[row->kind] = true;
        fputs("<tr><td>", f);
        rl_html_text(f, row->id);
        fputs("</td><td>", f);
        rl_html_text(f, row->label);
        fprintf(f, "</td><td>%s</td>", rl_power_kind_name(row->kind));
        for (j = 0; j < sw->n_sizes; j++) {
            const rl_power_cell_t *c = &row->cells[j];
            if (isnan(c->rate)) {
                fputs("<td class=\"num\">–</td>", f);
            } else {
                fprintf(f, "<td class=\"num\">%.0f [%.0f, %.0f]</td>", 100.0 * c->rate,
                    100.0 * c->lo, 100.0 * c->hi);
            }
        }
        needed(f, sw, row);
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table></div>\n<ul>\n", f);
    info->tables++;
    for (j = 0; j <= (int) RL_POWER_DESCRIPTION; j++) { /* the kinds present, explained */
        if (kinds[j]) {
            fputs("<li>", f);
            rl_html_text(f, rl_power_kind_text((rl_power_kind_t) j));
            fputs("</li>\n", f);
        }
    }
    fputs("</ul>\n", f);
}

int
rl_report_power(FILE *f, const rl_power_doc_t *doc, rl_report_info_t *info, rl_error_t *err)
{
    rl_pdoc_figure_t *store = NULL;
    rl_plot_figure_t fig;
    char caption[512];
    int i, ret;

    fputs("<section id=\"power\">\n<h2>Power</h2>\n<p>How often the lab's own test finds each "
          "effect in virtual studies of n mice per group (<code>relapselab power</code>, "
          "docs/POWER.md), from <code>", f);
    rl_html_text(f, doc->path);
    fputs("</code>.</p>\n", f);
    if ((ret = rl_pdoc_figure(doc, &fig, &store, doc->path, err)) != 0) {
        return ret;
    }
    snprintf(caption, sizeof caption, "Power curves: the share of virtual studies in which "
        "each check holds against the mice per group (findings solid, equivalence and "
        "estimate rows dashed), with the target (%.0f %%) as a dashed line%s. Intervals are "
        "in the tables.", 100.0 * doc->sweeps[0].target, fig.n_panels == 2
        ? "; below, how often each null check shows a difference, with alpha" : "");
    ret = rl_report_inline_figure(f, &fig, caption, doc->path, info, err);
    rl_pdoc_figure_free(store);
    for (i = 0; ret == 0 && i < doc->n_sweeps; i++) {
        fputs("<h3>", f);
        rl_html_text(f, doc->sweeps[i].claims);
        fputs("</h3>\n", f);
        settings(f, &doc->sweeps[i]);
        table(f, &doc->sweeps[i], info);
    }
    fputs("</section>\n", f);
    return ret;
}

static int
page(FILE *f, const rl_power_doc_t *doc, rl_report_info_t *info, rl_error_t *err)
{
    const char *title = doc->n_sweeps == 1 ? doc->sweeps[0].claims : "power";
    int ret;

    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
        f);
    rl_html_text(f, title);
    fprintf(f, " — relapselab power report</title>\n<style>\n%s</style>\n</head>\n<body>\n"
        "<header>\n<h1>", rl_report_style());
    rl_html_text(f, title);
    fputs("</h1>\n<p class=\"subtitle\">relapselab report — power</p>\n</header>\n<main>\n", f);
    if ((ret = rl_report_power(f, doc, info, err)) != 0) {
        return ret;
    }
    fprintf(f, "</main>\n<footer>Made by relapselab %s (<code>relapselab report --power</code>)"
        " from ", RL_VERSION);
    rl_html_text(f, doc->path);
    fputs(" (docs/REPORT.md).</footer>\n</body>\n</html>\n", f);
    return 0;
}

int
rl_report_render_power_html(const rl_power_doc_t *doc, char **html, size_t *len,
    rl_report_info_t *info, rl_error_t *err)
{
    rl_report_info_t local;
    FILE *f;
    int ret;

    *html = NULL;
    *len = 0;
    info = info != NULL ? info : &local;
    memset(info, 0, sizeof *info);
    if ((f = open_memstream(html, len)) == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, doc->path, 0, 0, "out of memory");
    }
    ret = page(f, doc, info, err);
    return rl_report_mem_close(f, ret, html, len, doc->path, err);
}
