/* report_compare.c -- the "Group comparisons" section of the HTML report (see report.h).
**
** The comparisons are those of `relapselab summary --compare` (compare.h): the same code,
** the same rule and the same numbers. The section says the rule of each block, then
** gives one table per block and phase -- a row per t-test and per ANOVA effect, with
** the statistic and its df, p (Greenhouse-Geisser corrected for within-subject effects
** over more than two sessions), Holm's p for t-tests, the difference with its 95 %
** interval, and the effect size -- and lists the comparisons left out.
*/
#include "report_internal.h"

#include <math.h>
#include <stdio.h>

#include "relapselab/compare.h"

static void
num(FILE *f, double x)
{
    double a = fabs(x);
    if (isnan(x)) {
        fputs("—", f);
    } else if (isinf(x)) {
        fputs(x > 0 ? "∞" : "−∞", f);
    } else {
        fprintf(f, "%.*f", a >= 100.0 ? 0 : a >= 10.0 ? 1 : 2, x);
    }
}

static void
pval(FILE *f, double p)
{
    if (isnan(p)) {
        fputs("—", f);
    } else if (p < 0.001) {
        fputs("&lt;0.001", f);
    } else {
        fprintf(f, "%.3f", p);
    }
}

static void
row_html(FILE *f, const rl_dataset_t *ds, const rl_cmp_row_t *r, bool first)
{
    bool gg = isfinite(r->gg_epsilon);
    fputs("<tr><td>", f);
    if (first) {
        if (r->within == RL_CMP_WITHIN_SESSION) {
            fprintf(f, "Active responses, sessions 1–%d", r->levels);
        } else if (r->within == RL_CMP_WITHIN_TEST) {
            fputs("Active responses, extinction baseline vs test", f);
        } else if (r->measure == RL_M_REINFORCERS) {
            fputs("Reinforcers per session", f);
        } else if (r->measure == RL_M_BREAKPOINT) {
            fputs("Breakpoint", f);
        } else {
            rl_html_text(f, rl_measure_label(r->measure));
        }
    }
    fputs("</td><td class=\"group\">", f);
    if (first && r->group_a >= 0) {
        rl_html_text(f, ds->groups[r->group_a].name);
        fputs(" vs ", f);
        rl_html_text(f, ds->groups[r->group_b].name);
    } else if (first) {
        fprintf(f, "all %d groups", r->n_groups);
    }
    fputs("</td><td class=\"num\">", f);
    if (first && r->group_a >= 0) {
        fprintf(f, "%d, %d", r->n_a, r->n_b);
    } else if (first) {
        fprintf(f, "%d", r->n);
    }
    fputs("</td><td>", f);
    if (r->test == RL_CMP_WELCH) {
        fputs("Welch t-test", f);
    } else if (r->test == RL_CMP_ANOVA1) {
        fputs("one-way ANOVA", f);
    } else {
        fprintf(f, "%s%s", r->term == RL_CMP_TERM_GROUP ? "group"
            : r->term == RL_CMP_TERM_LEVEL ? (r->within == RL_CMP_WITHIN_TEST ? "test" : "session")
            : (r->within == RL_CMP_WITHIN_TEST ? "group × test" : "group × session"),
            gg ? " (GG)" : "");
    }
    if (r->test == RL_CMP_WELCH) {
        fprintf(f, "</td><td class=\"num\">t(%.1f) = ", r->df);
    } else {
        fprintf(f, "</td><td class=\"num\">F(%g, %g) = ", r->df, r->df_error);
    }
    num(f, r->stat);
    fputs("</td><td class=\"num\">", f);
    pval(f, gg ? r->p_gg : r->p);
    fputs("</td><td class=\"num\">", f);
    pval(f, r->p_holm);
    fputs("</td><td class=\"num\">", f);
    if (r->test == RL_CMP_WELCH) {
        num(f, r->diff);
        fputs(" [", f);
        num(f, r->lo);
        fputs(", ", f);
        num(f, r->hi);
        fputs("]", f);
    }
    fprintf(f, "</td><td class=\"num\">%s = ", r->test == RL_CMP_WELCH ? "g"
        : r->test == RL_CMP_ANOVA1 ? "η²" : "η<sub>p</sub>²");
    num(f, r->effect);
    fputs("</td></tr>\n", f);
}

static void
table_head(FILE *f, const rl_dataset_t *ds, const rl_comparisons_t *c, const rl_cmp_row_t *r)
{
    const rl_phase_t *phase = &ds->procedures[r->procedure].phases[r->phase_index];
    fputs("<h3>", f);
    if (c->n_blocks > 1) {
        rl_html_text(f, c->blocks[r->block].name);
        fputs(": ", f);
    }
    rl_html_text(f, phase->name);
    fprintf(f, " <span class=\"unit\" style=\"display:inline\">— %s</span></h3>\n",
        rl_phase_kind_name(phase->kind));
    fputs("<div class=\"wide\"><table class=\"compare\">\n<thead><tr><th>Measure</th>"
          "<th>Groups</th><th class=\"num\">Mice</th><th>Test</th>"
          "<th class=\"num\">Statistic</th><th class=\"num\">p</th>"
          "<th class=\"num\">p<span class=\"unit\">Holm</span></th>"
          "<th class=\"num\">Difference<span class=\"unit\">[95 % CI]</span></th>"
          "<th class=\"num\">Effect size</th></tr></thead>\n<tbody>\n", f);
}

int
rl_report_compare(FILE *f, const rl_dataset_t *ds, const rl_measures_t *m,
    rl_report_info_t *info, rl_error_t *err)
{
    rl_comparisons_t *c = NULL;
    size_t i;
    int k, ret, last_b = -1, last_ph = -1;

    if ((ret = rl_compare_compute(ds, m, &c, err)) != 0) {
        return ret;
    }
    fputs("<section id=\"compare\">\n<h2>Group comparisons</h2>\n<p>The tests of "
          "<code>relapselab summary --compare</code> (docs/ANALYSIS.md, “Group comparisons”), "
          "on each mouse's value as in the summary tables. Which groups are compared:</p>\n"
          "<ul>\n", f);
    for (k = 0; k < c->n_blocks; k++) {
        const rl_cmp_block_t *bl = &c->blocks[k];
        fputs("<li>", f);
        if (c->n_blocks > 1 || bl->n_procedures > 1) {
            rl_html_text(f, bl->name);
            fputs(bl->n_procedures > 1 ? " (groups alone in their procedures, same phases)"
                                       : "", f);
            fputs(": ", f);
        }
        fprintf(f, "%d group%s — ", bl->n_groups, bl->n_groups == 1 ? "" : "s");
        rl_html_text(f, rl_cmp_rule_text(bl->rule));
        fputs(".</li>\n", f);
    }
    fputs("</ul>\n<p>p: two-sided; (GG): Greenhouse–Geisser corrected. Difference: the first "
          "group minus the second, with its 95 % interval (Welch). Effect size: Hedges' g "
          "(t-tests), η² (one-way ANOVA), partial η² (mixed ANOVA: group between, sessions "
          "or baseline/test within).</p>\n", f);
    for (i = 0; i < c->n_rows; i++) {
        const rl_cmp_row_t *r = &c->rows[i];
        if (r->block != last_b || r->phase_index != last_ph) {
            if (last_b >= 0) {
                fputs("</tbody>\n</table></div>\n", f);
            }
            table_head(f, ds, c, r);
            info->tables++;
            last_b = r->block;
            last_ph = r->phase_index;
        }
        row_html(f, ds, r, r->test != RL_CMP_MIXED || r->term == RL_CMP_TERM_GROUP);
    }
    if (last_b >= 0) {
        fputs("</tbody>\n</table></div>\n", f);
    } else {
        fputs("<p>No comparison: no phase was run by two groups of a block.</p>\n", f);
    }
    if (c->n_notes > 0) {
        fputs("<p class=\"more\">Not compared:</p>\n<ul class=\"more\">\n", f);
        for (i = 0; i < c->n_notes; i++) {
            fputs("<li>", f);
            rl_html_text(f, c->notes[i]);
            fputs("</li>\n", f);
        }
        fputs("</ul>\n", f);
    }
    fputs("</section>\n", f);
    rl_comparisons_free(c);
    return 0;
}
