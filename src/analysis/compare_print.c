/* compare_print.c -- the group comparisons (compare.h) as a readable table, as JSON and as
** a CSV file.
**
** The table has one part per block and phase, one row per t-test and per ANOVA
** effect: measure, groups, mice, test, statistic with its df, p (Greenhouse-Geisser
** corrected for within-subject effects over more than two sessions, marked "GG"), Holm's
** p for t-tests, the difference with its 95 % interval, and the effect size (Hedges' g,
** partial eta squared). JSON and CSV hold every field of rl_cmp_row_t, named as in
** docs/ANALYSIS.md ("Group comparisons"); NaN is null in JSON and an empty CSV field. The
** CSV format is that of every relapselab CSV (store/csv_write.h).
*/
#include "relapselab/compare.h"
#include "analysis/compare_internal.h"
#include "core/json_out.h"
#include "store/csv_write.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Short label of what a row compares, into buf. */
static const char *
what(const rl_cmp_row_t *r, char *buf, size_t n)
{
    if (r->within == RL_CMP_WITHIN_SESSION) {
        snprintf(buf, n, "active, sessions 1-%d", r->levels);
    } else if (r->within == RL_CMP_WITHIN_TEST) {
        snprintf(buf, n, "active, baseline/test");
    } else if (r->measure == RL_M_REINFORCERS) {
        snprintf(buf, n, "reinforcers/session");
    } else if (r->measure == RL_M_PLACE_SCORE_S) {
        snprintf(buf, n, "CPP score (s)");
    } else {
        snprintf(buf, n, "%s", rl_measure_name(r->measure));
    }
    return buf;
}

/* "A vs B", or "all N groups", into buf. */
static const char *
who(const rl_dataset_t *ds, const rl_cmp_row_t *r, char *buf, size_t n)
{
    if (r->group_a < 0) {
        snprintf(buf, n, "all %d groups", r->n_groups);
    } else {
        snprintf(buf, n, "%s vs %s", ds->groups[r->group_a].name, ds->groups[r->group_b].name);
    }
    return buf;
}

/* A number to about three significant digits. */
static void
num(char *buf, size_t n, double x)
{
    double a = fabs(x);
    if (!isfinite(x)) {
        snprintf(buf, n, "%s", isnan(x) ? "n/a" : x > 0 ? "inf" : "-inf");
    } else {
        snprintf(buf, n, "%.*f", a >= 100.0 ? 0 : a >= 10.0 ? 1 : 2, x);
    }
}

static void
pval(char *buf, size_t n, double p)
{
    if (isnan(p)) {
        snprintf(buf, n, "-");
    } else if (p < 0.001) {
        snprintf(buf, n, "<0.001");
    } else {
        snprintf(buf, n, "%.3f", p);
    }
}

/* The p a row reports: Greenhouse-Geisser corrected where that applies. */
static double
shown_p(const rl_cmp_row_t *r)
{
    return isfinite(r->gg_epsilon) ? r->p_gg : r->p;
}

static void
statistic(char *buf, size_t n, const rl_cmp_row_t *r)
{
    char v[32];
    num(v, sizeof v, r->stat);
    if (r->test == RL_CMP_WELCH) {
        snprintf(buf, n, "t(%.1f) = %s", r->df, v);
    } else {
        snprintf(buf, n, "F(%g, %g) = %s", r->df, r->df_error, v);
    }
}

static void
print_row(const rl_dataset_t *ds, const rl_cmp_row_t *r, bool first, int w_what, int w_who,
    FILE *f)
{
    char a[96], b[2 * RL_NAME_MAX + 32], mice[32], term[48], st[64], p[16], ph[16];
    char d[32], lo[32], hi[32], diff[112];
    if (first) {
        what(r, a, sizeof a);
        who(ds, r, b, sizeof b);
        if (r->group_a >= 0) {
            snprintf(mice, sizeof mice, "%d, %d", r->n_a, r->n_b);
        } else {
            snprintf(mice, sizeof mice, "%d", r->n);
        }
    } else {
        a[0] = b[0] = mice[0] = '\0';
    }
    if (r->test == RL_CMP_WELCH) {
        snprintf(term, sizeof term, "Welch t-test");
    } else if (r->test == RL_CMP_ANOVA1) {
        snprintf(term, sizeof term, "one-way ANOVA");
    } else {
        snprintf(term, sizeof term, "%s%s", rl_cmp_term_name(r),
            isfinite(r->gg_epsilon) ? " (GG)" : "");
    }
    statistic(st, sizeof st, r);
    pval(p, sizeof p, shown_p(r));
    pval(ph, sizeof ph, r->p_holm);
    diff[0] = '\0';
    if (r->test == RL_CMP_WELCH) {
        num(d, sizeof d, r->diff);
        num(lo, sizeof lo, r->lo);
        num(hi, sizeof hi, r->hi);
        snprintf(diff, sizeof diff, "%s [%s, %s]", d, lo, hi);
    }
    fprintf(f, "  %-*s  %-*s  %-7s  %-20s  %-20s %7s  %7s  %-24s  ", w_what, a, w_who, b, mice,
        term, st, p, ph, diff);
    num(d, sizeof d, r->effect);
    fprintf(f, "%s = %s\n", r->test == RL_CMP_WELCH ? "g" : r->test == RL_CMP_ANOVA1 ? "η²"
                                                                                     : "ηp²", d);
}

void
rl_compare_print(const rl_dataset_t *ds, const rl_comparisons_t *c, FILE *f)
{
    size_t i;
    int k, w_what = 7, w_who = 6, last_b = -1, last_ph = -1;
    char buf[2 * RL_NAME_MAX + 32];

    for (i = 0; i < c->n_rows; i++) {
        int l1 = (int) strlen(what(&c->rows[i], buf, sizeof buf));
        int l2 = (int) strlen(who(ds, &c->rows[i], buf, sizeof buf));
        w_what = l1 > w_what ? l1 : w_what;
        w_who = l2 > w_who ? l2 : w_who;
    }
    fputs("Group comparisons (docs/ANALYSIS.md, \"Group comparisons\")\n", f);
    for (k = 0; k < c->n_blocks; k++) {
        const rl_cmp_block_t *bl = &c->blocks[k];
        fprintf(f, "  %s%s: %d group%s -- %s\n", bl->name, bl->n_procedures > 1
            ? " (groups alone in their procedures, same phases)" : "", bl->n_groups,
            bl->n_groups == 1 ? "" : "s", rl_cmp_rule_text(bl->rule));
    }
    for (i = 0; i < c->n_rows; i++) {
        const rl_cmp_row_t *r = &c->rows[i];
        const rl_phase_t *phase = &ds->procedures[r->procedure].phases[r->phase_index];
        bool first = r->test != RL_CMP_MIXED || r->term == RL_CMP_TERM_GROUP;
        if (r->block != last_b || r->phase_index != last_ph) {
            fprintf(f, "\n%s, %s (%s)\n  %-*s  %-*s  %-7s  %-20s  %-20s %7s  %7s  %-24s  %s\n",
                c->blocks[r->block].name, phase->name, rl_phase_kind_name(phase->kind),
                w_what, "measure", w_who, "groups", "mice", "test", "statistic", "p", "p Holm",
                "difference [95% CI]", "effect");
            last_b = r->block;
            last_ph = r->phase_index;
        }
        print_row(ds, r, first, w_what, w_who, f);
    }
    if (c->n_rows == 0) {
        fputs("\nNo comparison: no phase was run by two groups of a block.\n", f);
    }
    if (c->n_notes > 0) {
        fputs("\nNot compared:\n", f);
        for (i = 0; i < c->n_notes; i++) {
            fprintf(f, "  %s\n", c->notes[i]);
        }
    }
    fputs("\np: two-sided; (GG): Greenhouse-Geisser corrected. Difference: first group minus "
          "second, mean over mice. Effect: Hedges' g (t-tests), eta squared (one-way ANOVA), "
          "partial eta squared (mixed ANOVA).\n", f);
}

/* ---- JSON ---- */

static const char *
effect_name(const rl_cmp_row_t *r)
{
    return r->test == RL_CMP_WELCH ? "hedges_g" : r->test == RL_CMP_ANOVA1
        ? "eta_squared" : "partial_eta_squared";
}

static void
jnum(FILE *f, const char *key, double v, bool comma)
{
    fprintf(f, "\"%s\": ", key);
    if (isfinite(v)) {
        fprintf(f, "%.17g", v);
    } else {
        fputs("null", f);
    }
    fputs(comma ? ", " : "", f);
}

static void
jstr(FILE *f, const char *key, const char *s, bool comma)
{
    fprintf(f, "\"%s\": ", key);
    if (s != NULL) {
        rl_json_str(f, s);
    } else {
        fputs("null", f);
    }
    fputs(comma ? ", " : "", f);
}

static void
json_row(const rl_dataset_t *ds, const rl_comparisons_t *c, const rl_cmp_row_t *r, FILE *f)
{
    const rl_procedure_t *proc = &ds->procedures[r->procedure];
    const rl_phase_t *phase = &proc->phases[r->phase_index];
    static const char *const within[3] = {NULL, "session", "test"};
    fputs("    {", f);
    jstr(f, "block", c->blocks[r->block].name, true);
    jstr(f, "phase", phase->name, true);
    jstr(f, "phase_kind", rl_phase_kind_name(phase->kind), true);
    jstr(f, "measure", rl_measure_name(r->measure), true);
    jstr(f, "within", within[r->within], true);
    fprintf(f, "\"levels\": %d, ", r->levels);
    jstr(f, "test", rl_cmp_test_name(r->test), true);
    jstr(f, "term", rl_cmp_term_name(r), true);
    jstr(f, "group_a", r->group_a >= 0 ? ds->groups[r->group_a].name : NULL, true);
    jstr(f, "group_b", r->group_b >= 0 ? ds->groups[r->group_b].name : NULL, true);
    fprintf(f, "\"n_groups\": %d, \"n\": %d, \"n_a\": %d, \"n_b\": %d, ", r->n_groups, r->n,
        r->n_a, r->n_b);
    jnum(f, "mean_a", r->mean_a, true);
    jnum(f, "mean_b", r->mean_b, true);
    jnum(f, "difference", r->diff, true);
    jnum(f, "ci_low", r->lo, true);
    jnum(f, "ci_high", r->hi, true);
    jnum(f, "statistic", r->stat, true);
    jnum(f, "df", r->df, true);
    jnum(f, "df_error", r->df_error, true);
    jnum(f, "p", r->p, true);
    jnum(f, "p_gg", r->p_gg, true);
    jnum(f, "gg_epsilon", r->gg_epsilon, true);
    jnum(f, "p_holm", r->p_holm, true);
    fprintf(f, "\"holm_family\": %d, ", r->family);
    jstr(f, "effect_size", effect_name(r), true);
    jnum(f, "effect", r->effect, false);
    fputc('}', f);
}

void
rl_compare_json(const rl_dataset_t *ds, const rl_comparisons_t *c, FILE *f)
{
    size_t i;
    int k, g, first;
    fputs("{\n  ", f);
    jstr(f, "database", ds->path, true);
    jstr(f, "study", ds->run.study, true);
    jstr(f, "source", ds->run.imported ? "import" : "simulation", false);
    fputs(",\n  \"blocks\": [\n", f);
    for (k = 0; k < c->n_blocks; k++) {
        const rl_cmp_block_t *bl = &c->blocks[k];
        fputs("    {", f);
        jstr(f, "name", bl->name, true);
        fputs("\"groups\": [", f);
        for (g = 0, first = 1; g < ds->n_groups; g++) {
            if (c->block_of[g] == k) {
                fputs(first ? "" : ", ", f);
                rl_json_str(f, ds->groups[g].name);
                first = 0;
            }
        }
        fputs("], ", f);
        jstr(f, "rule", rl_cmp_rule_name(bl->rule), true);
        jstr(f, "rule_text", rl_cmp_rule_text(bl->rule), false);
        fprintf(f, "}%s\n", k + 1 < c->n_blocks ? "," : "");
    }
    fputs("  ],\n  \"comparisons\": [\n", f);
    for (i = 0; i < c->n_rows; i++) {
        json_row(ds, c, &c->rows[i], f);
        fputs(i + 1 < c->n_rows ? ",\n" : "\n", f);
    }
    fputs("  ],\n  \"notes\": [", f);
    for (i = 0; i < c->n_notes; i++) {
        fputs(i > 0 ? ", " : "", f);
        rl_json_str(f, c->notes[i]);
    }
    fputs("]\n}\n", f);
}

/* ---- CSV ---- */

static void
cnum(FILE *f, double v)
{
    fputc(',', f);
    if (isfinite(v)) {
        rl_csv_put_double(f, v);
    }
}

static void
ctext(FILE *f, const char *s)
{
    fputc(',', f);
    if (s != NULL) {
        rl_csv_put_text(f, s);
    }
}

void
rl_compare_csv_table(const rl_dataset_t *ds, const rl_comparisons_t *c, FILE *f)
{
    static const char *const within[3] = {NULL, "session", "test"};
    size_t i;

    fputs("block,phase,phase_kind,measure,within,levels,test,term,group_a,group_b,"
          "n_groups,n,n_a,n_b,mean_a,mean_b,difference,ci_low,ci_high,statistic,df,df_error,"
          "p,p_gg,gg_epsilon,p_holm,holm_family,effect_size,effect\n", f);
    for (i = 0; i < c->n_rows; i++) {
        const rl_cmp_row_t *r = &c->rows[i];
        const rl_procedure_t *proc = &ds->procedures[r->procedure];
        const rl_phase_t *phase = &proc->phases[r->phase_index];
        rl_csv_put_text(f, c->blocks[r->block].name);
        ctext(f, phase->name);
        ctext(f, rl_phase_kind_name(phase->kind));
        ctext(f, rl_measure_name(r->measure));
        ctext(f, within[r->within]);
        fprintf(f, ",%d", r->levels);
        ctext(f, rl_cmp_test_name(r->test));
        ctext(f, rl_cmp_term_name(r));
        ctext(f, r->group_a >= 0 ? ds->groups[r->group_a].name : NULL);
        ctext(f, r->group_b >= 0 ? ds->groups[r->group_b].name : NULL);
        fprintf(f, ",%d,%d,%d,%d", r->n_groups, r->n, r->n_a, r->n_b);
        cnum(f, r->mean_a);
        cnum(f, r->mean_b);
        cnum(f, r->diff);
        cnum(f, r->lo);
        cnum(f, r->hi);
        cnum(f, r->stat);
        cnum(f, r->df);
        cnum(f, r->df_error);
        cnum(f, r->p);
        cnum(f, r->p_gg);
        cnum(f, r->gg_epsilon);
        cnum(f, r->p_holm);
        fprintf(f, ",%d", r->family);
        ctext(f, effect_name(r));
        cnum(f, r->effect);
        fputc('\n', f);
    }
}

int
rl_compare_write_csv(const rl_dataset_t *ds, const rl_comparisons_t *c, const char *dir,
    rl_error_t *err)
{
    rl_csv_file_t cf;
    char path[4096];
    int ret;

    if (snprintf(path, sizeof path, "%s/compare.csv", dir) >= (int) sizeof path) {
        return rl_error_set(err, RL_ERR_IO, dir, 0, 0, "folder name too long");
    }
    if ((ret = rl_csv_make_dir(dir, err)) != 0 || (ret = rl_csv_file_open(&cf, path, err)) != 0) {
        return ret;
    }
    rl_compare_csv_table(ds, c, cf.f);
    return rl_csv_file_commit(&cf, err);
}
