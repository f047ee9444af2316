/* screen_print.c -- a screen's results as ranked text tables, JSON and a tidy CSV table.
**
** The three outputs show the same numbers (rl_screen_summary_t); docs/SCREEN.md describes
** every column. Units are in the headers (text) and in the column names (CSV, JSON:
** active pokes, %). A value that is not defined (a reduction where the vehicle does not
** relapse, an unbounded interval) is "-" / "unbounded" in text, empty in CSV, null in JSON.
*/
#include "relapselab/background.h"
#include "relapselab/screen.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "store/csv_write.h"
#include "core/json_out.h"
#include "core/text_safe.h"

static const char *
genotype_name(const rl_screen_t *sc, int g)
{
    return sc->protocol.groups[g].genotype;
}

static const rl_phase_t *
test_phase(const rl_screen_t *sc)
{
    return &sc->protocol.procedures[sc->procedure].phases[sc->test_phase];
}

static int64_t
training_sessions(const rl_screen_results_t *res)
{
    int64_t n = 0;
    int s;
    for (s = 0; s < res->n_subjects; s++) {
        n += res->training_sessions[s];
    }
    return n;
}

/* ---------------------------------------------------------------- text */

/* "0.004", "<0.001" */
static const char *
p_text(double p, char *buf, size_t n)
{
    if (p < 0.001) {
        snprintf(buf, n, "<0.001");
    } else {
        snprintf(buf, n, "%.3f", p);
    }
    return buf;
}

/* x rounded to `digits` decimals, without a negative zero (so -0.04 prints as 0.0). */
static double
tidy(double x, int digits)
{
    double scale = digits == 0 ? 1.0 : pow(10.0, digits);
    return round(x * scale) / scale + 0.0;
}

/* The share of the relapse prevented, in %: "56 [30, 82]", "40 (unbounded)" or "-". */
static const char *
reduction_text(const rl_screen_ratio_t *r, char *buf, size_t n)
{
    switch (r->kind) {
    case RL_RATIO_BOUNDED:
        snprintf(buf, n, "%.0f [%.0f, %.0f]", tidy(100.0 * r->est, 0), tidy(100.0 * r->lo, 0),
            tidy(100.0 * r->hi, 0));
        break;
    case RL_RATIO_UNBOUNDED:
        snprintf(buf, n, "%.0f [unbounded]", tidy(100.0 * r->est, 0));
        break;
    case RL_RATIO_UNDEFINED:
    default:
        snprintf(buf, n, "-");
        break;
    }
    return buf;
}

/* Display width of UTF-8 text: its code points ("±" is one column, two bytes). */
static int
text_width(const char *s)
{
    int w = 0;
    for (; *s != '\0'; s++) {
        w += ((unsigned char) *s & 0xC0) != 0x80;
    }
    return w;
}

/* s in a column of w display columns, right- or left-aligned, followed by two spaces;
** escaped for the terminal (text_safe.h: names come from the screen file). */
static void
col(FILE *f, const char *text, int w, bool right)
{
    rl_text_buf_t b;
    const char *s = rl_text_safe(text, &b);
    int pad = w - text_width(s);
    if (right) {
        fprintf(f, "%*s%s  ", pad > 0 ? pad : 0, "", s);
    } else {
        fprintf(f, "%s%*s  ", s, pad > 0 ? pad : 0, "");
    }
}

static int
name_width(const rl_screen_t *sc)
{
    int a, w = 9; /* "treatment" */
    for (a = 0; a < sc->n_arms; a++) {
        rl_text_buf_t b;
        int len = text_width(rl_text_safe(sc->arms[a].name, &b));
        w = len > w ? len : w;
    }
    return w;
}

/* Column widths of a cell's table: rank, (name), active pokes, difference, p. diff NULL:
** a row with the active pokes only (vehicle). */
enum { W_RANK = 4, W_POKES = 14, W_DIFF = 22, W_P = 6 };

static void
cell_row(FILE *f, int w, const char *rank, const char *name, const char *pokes,
    const char *diff, const char *p, const char *reduction)
{
    col(f, rank, W_RANK, true);
    col(f, name, w, false);
    if (diff == NULL) { /* vehicle: the last column, no trailing blanks */
        fprintf(f, "%*s%s\n", W_POKES - text_width(pokes), "", pokes);
        return;
    }
    col(f, pokes, W_POKES, true);
    col(f, diff, W_DIFF, true);
    col(f, p, W_P, true);
    fprintf(f, "%s\n", reduction);
}

static void
print_cell(const rl_screen_t *sc, const rl_screen_cell_stats_t *cell, int w, FILE *f)
{
    const rl_screen_arm_stats_t *veh = &cell->arms[0];
    char pbuf[16], rbuf[64], dbuf[64], mbuf[48], kbuf[16];
    rl_text_buf_t gb, tb;
    int i;

    if (cell->relapse.p < 0.001) {
        snprintf(pbuf, sizeof pbuf, "p < 0.001");
    } else {
        snprintf(pbuf, sizeof pbuf, "p = %.3f", cell->relapse.p);
    }
    fprintf(f, "\n%s, %s: baseline %.1f ± %.1f, vehicle %.1f ± %.1f active pokes; relapse "
               "%+.1f [%.1f, %.1f], %s\n",
        rl_text_safe(genotype_name(sc, cell->genotype), &gb),
        rl_text_safe(sc->triggers[cell->trigger].name, &tb),
        cell->baseline_mean, cell->baseline_sem, veh->mean, veh->sem,
        tidy(cell->relapse.mean, 1), tidy(cell->relapse.lo, 1), tidy(cell->relapse.hi, 1),
        pbuf);
    cell_row(f, w, "rank", "treatment", "active pokes", "difference vs vehicle", "p",
        "reduction of relapse");
    cell_row(f, w, "", "", "(mean ± SEM)", "(pokes, 95 % CI)", "", "(%, 95 % CI)");
    for (i = 0; i < sc->n_arms - 1; i++) {
        const rl_screen_arm_stats_t *as = &cell->arms[cell->order[i]];
        snprintf(kbuf, sizeof kbuf, "%d", as->rank);
        snprintf(mbuf, sizeof mbuf, "%.1f ± %.1f", as->mean, as->sem);
        snprintf(dbuf, sizeof dbuf, "%+.1f [%.1f, %.1f]", tidy(as->diff.mean, 1),
            tidy(as->diff.lo, 1), tidy(as->diff.hi, 1));
        cell_row(f, w, kbuf, sc->arms[cell->order[i]].name, mbuf, dbuf,
            p_text(as->diff.p, pbuf, sizeof pbuf), reduction_text(&as->reduction, rbuf,
                sizeof rbuf));
    }
    snprintf(mbuf, sizeof mbuf, "%.1f ± %.1f", veh->mean, veh->sem);
    cell_row(f, w, "-", sc->arms[0].name, mbuf, NULL, NULL, NULL);
}

static void
overall_row(FILE *f, int w, const char *rank, const char *name, const char *mean,
    const char *worst, const char *with, const char *diff, const char *signif)
{
    col(f, rank, W_RANK, true);
    col(f, name, w, false);
    col(f, mean, 14, true);
    col(f, worst, 9, true);
    col(f, with, 12, true);
    col(f, diff, 18, true);
    fprintf(f, "%s\n", signif);
}

static void
print_overall(const rl_screen_t *sc, const rl_screen_summary_t *sum, int w, FILE *f)
{
    int i;

    fprintf(f, "\nOverall: %d genotype%s x %d trigger%s = %d combination%s\n", sc->n_genotypes,
        sc->n_genotypes == 1 ? "" : "s", sc->n_triggers, sc->n_triggers == 1 ? "" : "s",
        sum->n_cells, sum->n_cells == 1 ? "" : "s");
    overall_row(f, w, "rank", "treatment", "mean reduction", "worst", "combinations",
        "mean difference", "significantly");
    overall_row(f, w, "", "", "of relapse (%)", "(%)", "with relapse", "vs vehicle (pokes)",
        "lower / higher");
    for (i = 0; i < sc->n_arms - 1; i++) {
        int a = sum->order[i];
        const rl_screen_overall_t *o = &sum->overall[a];
        char rank[16], mean[16] = "-", worst[16] = "-", with[16], diff[32], signif[32];
        if (o->n_relapse > 0) {
            snprintf(mean, sizeof mean, "%.0f", tidy(100.0 * o->mean_reduction, 0));
            snprintf(worst, sizeof worst, "%.0f", tidy(100.0 * o->worst_reduction, 0));
        }
        snprintf(rank, sizeof rank, "%d", o->rank);
        snprintf(with, sizeof with, "%d/%d", o->n_relapse, sum->n_cells);
        snprintf(diff, sizeof diff, "%+.1f", tidy(o->mean_diff, 1));
        snprintf(signif, sizeof signif, "%d / %d", o->n_lower, o->n_higher);
        overall_row(f, w, rank, sc->arms[a].name, mean, worst, with, diff, signif);
    }
}

void
rl_screen_print(const rl_screen_t *sc, const rl_screen_results_t *res,
    const rl_screen_summary_t *sum, FILE *f)
{
    const rl_procedure_t *pr = &sc->protocol.procedures[sc->procedure];
    const rl_phase_t *test = test_phase(sc);
    int w = name_width(sc), g, k, c;
    rl_text_buf_t b1, b2; /* names escaped for the terminal (text_safe.h) */

    fprintf(f, "relapselab screen: %s\n", rl_text_safe(sc->title[0] ? sc->title : sc->path, &b1));
    fprintf(f, "  file %s, seed %" PRIu64 ", %d mice per genotype (", rl_text_safe(sc->path, &b1),
        res->seed, sc->n);
    for (g = 0; g < sc->n_genotypes; g++) {
        fprintf(f, "%s%s", g ? ", " : "", rl_text_safe(genotype_name(sc, g), &b1));
    }
    fprintf(f, "), %s, %s background\n  training: %s, procedure '%s', phases",
        rl_sex_name(sc->protocol.groups[0].sex),
        rl_background_get(sc->protocol.groups[0].background_id)->name,
        rl_text_safe(sc->protocol.path, &b1), rl_text_safe(pr->name, &b2));
    for (k = 0; k < sc->test_phase; k++) {
        fprintf(f, "%s %s", k ? "," : "", rl_text_safe(pr->phases[k].name, &b1));
    }
    fprintf(f, "; %" PRId64 " sessions (%.1f per mouse)\n", training_sessions(res),
        (double) training_sessions(res) / res->n_subjects);
    fprintf(f, "  test: phase '%s' (%g min), %d trigger%s x %d treatments (vehicle + %d) = %d "
               "tests per mouse, %s random numbers\n", rl_text_safe(test->name, &b1),
        test->session_min, sc->n_triggers, sc->n_triggers == 1 ? "" : "s", sc->n_arms, sc->n_arms - 1,
        rl_screen_tests_per_mouse(sc), sc->independent_streams ? "independent" : "common");
    fprintf(f, "\nMeasure: active pokes in the test session, mean ± SEM over mice. Baseline: "
               "each mouse's last %d\nsessions of training. Relapse: vehicle - baseline. "
               "Difference: treatment - vehicle, paired\nwithin mouse, 95 %% t interval "
               "(%d df). Reduction of relapse: (vehicle - treatment) / (vehicle -\nbaseline), "
               "%% with a 95 %% Fieller interval; unbounded when the relapse is not significant,"
               "\n'-' when the vehicle is not above baseline. Ranked by the difference.\n",
        rl_screen_baseline_sessions(sc), sc->n - 1);
    for (c = 0; c < sum->n_cells; c++) {
        print_cell(sc, &sum->cells[c], w, f);
    }
    print_overall(sc, sum, w, f);
    fprintf(f, "(mean and worst reduction over the combinations with a significant relapse; "
               "significantly lower /\nhigher: combinations where the treatment's paired 95 "
               "%% interval against vehicle lies below /\nabove 0; no correction for multiple "
               "comparisons)\n");
}

/* ---------------------------------------------------------------- JSON */


/* A number, or null when it is not finite. */
static void
json_num(FILE *f, double v)
{
    if (isfinite(v)) {
        fprintf(f, "%.6g", v);
    } else {
        fputs("null", f);
    }
}

/* prefix "key": v */
static void
json_field(FILE *f, const char *prefix, const char *key, double v)
{
    fprintf(f, "%s\"%s\": ", prefix, key);
    json_num(f, v);
}

static void
json_paired(FILE *f, const char *key, const rl_screen_paired_t *p)
{
    fprintf(f, "\"%s\": {", key);
    json_field(f, "", "mean", p->mean);
    json_field(f, ", ", "lo", p->lo);
    json_field(f, ", ", "hi", p->hi);
    json_field(f, ", ", "p", p->p);
    fputc('}', f);
}

static void
json_arm(FILE *f, const rl_screen_t *sc, const rl_screen_cell_stats_t *cell, int a)
{
    const rl_screen_arm_stats_t *as = &cell->arms[a];
    const rl_screen_ratio_t *r = &as->reduction;
    bool bounded = r->kind == RL_RATIO_BOUNDED;

    fputs("        {\"treatment\": ", f);
    rl_json_str(f, sc->arms[a].name);
    json_field(f, ", ", "rank", a == 0 ? NAN : (double) as->rank);
    json_field(f, ", \"active_pokes\": {", "mean", as->mean);
    json_field(f, ", ", "sem", as->sem);
    json_field(f, "}, ", "inactive_pokes_mean", as->inactive_mean);
    if (a > 0) {
        fputs(", ", f);
        json_paired(f, "difference_vs_vehicle", &as->diff);
        json_field(f, ", \"reduction_pct\": {", "estimate", 100.0 * r->est);
        json_field(f, ", ", "lo", bounded ? 100.0 * r->lo : NAN);
        json_field(f, ", ", "hi", bounded ? 100.0 * r->hi : NAN);
        fprintf(f, ", \"interval\": \"%s\"}", bounded ? "fieller" : r->kind ==
            RL_RATIO_UNBOUNDED ? "unbounded" : "no_relapse");
    }
    fputs(a + 1 < sc->n_arms ? "},\n" : "}\n", f);
}

void
rl_screen_print_json(const rl_screen_t *sc, const rl_screen_results_t *res,
    const rl_screen_summary_t *sum, FILE *f)
{
    int g, t, a, c, i;

    fputs("{\n  \"screen\": ", f);
    rl_json_str(f, sc->title);
    fputs(",\n  \"file\": ", f);
    rl_json_str(f, sc->path);
    fputs(",\n  \"protocol\": ", f);
    rl_json_str(f, sc->protocol.path);
    fputs(",\n  \"test_phase\": ", f);
    rl_json_str(f, test_phase(sc)->name);
    fprintf(f, ",\n  \"seed\": %" PRIu64 ",\n  \"n_per_genotype\": %d,\n  \"random_numbers\": "
               "\"%s\",\n  \"baseline_sessions\": %d,\n  \"training_sessions\": %" PRId64
               ",\n  \"test_sessions\": %" PRId64 ",\n  \"events\": %" PRId64
               ",\n  \"genotypes\": [",
        res->seed, sc->n, sc->independent_streams ? "independent" : "common",
        rl_screen_baseline_sessions(sc), training_sessions(res),
        res->sessions - training_sessions(res), res->events);
    for (g = 0; g < sc->n_genotypes; g++) {
        fputs(g ? ", " : "", f);
        rl_json_str(f, genotype_name(sc, g));
    }
    fputs("],\n  \"triggers\": [", f);
    for (t = 0; t < sc->n_triggers; t++) {
        fputs(t ? ", " : "", f);
        rl_json_str(f, sc->triggers[t].name);
    }
    fputs("],\n  \"treatments\": [", f);
    for (a = 0; a < sc->n_arms; a++) {
        fputs(a ? ", " : "", f);
        rl_json_str(f, sc->arms[a].name);
    }
    fputs("],\n  \"results\": [\n", f);
    for (c = 0; c < sum->n_cells; c++) {
        const rl_screen_cell_stats_t *cell = &sum->cells[c];
        fputs("    {\"genotype\": ", f);
        rl_json_str(f, genotype_name(sc, cell->genotype));
        fputs(", \"trigger\": ", f);
        rl_json_str(f, sc->triggers[cell->trigger].name);
        json_field(f, ", \"baseline_active_pokes\": {", "mean", cell->baseline_mean);
        json_field(f, ", ", "sem", cell->baseline_sem);
        fputs("}, ", f);
        json_paired(f, "relapse", &cell->relapse);
        fputs(",\n      \"treatments\": [\n", f);
        for (a = 0; a < sc->n_arms; a++) {
            json_arm(f, sc, cell, a);
        }
        fputs(c + 1 < sum->n_cells ? "      ]},\n" : "      ]}\n", f);
    }
    fputs("  ],\n  \"overall\": [\n", f);
    for (i = 0; i < sc->n_arms - 1; i++) {
        const rl_screen_overall_t *o = &sum->overall[sum->order[i]];
        fprintf(f, "    {\"rank\": %d, \"treatment\": ", o->rank);
        rl_json_str(f, sc->arms[sum->order[i]].name);
        fprintf(f, ", \"combinations\": %d, \"with_relapse\": %d", sum->n_cells,
            o->n_relapse);
        json_field(f, ", ", "mean_reduction_pct", 100.0 * o->mean_reduction);
        json_field(f, ", ", "worst_reduction_pct", 100.0 * o->worst_reduction);
        json_field(f, ", ", "mean_difference_vs_vehicle", o->mean_diff);
        fprintf(f, ", \"lower\": %d, \"higher\": %d}%s\n", o->n_lower, o->n_higher,
            i + 2 < sc->n_arms ? "," : "");
    }
    fputs("  ]\n}\n", f);
}

/* ---------------------------------------------------------------- CSV */

static const char *const csv_columns =
    "screen_file,seed,n,genotype,trigger,treatment,rank,overall_rank,"
    "baseline_active_pokes_mean,baseline_active_pokes_sem,vehicle_active_pokes_mean,"
    "relapse_mean,relapse_lo,relapse_hi,relapse_p,active_pokes_mean,active_pokes_sem,"
    "inactive_pokes_mean,difference_mean,difference_lo,difference_hi,difference_p,"
    "reduction_pct,reduction_lo_pct,reduction_hi_pct\n";

/* ,v -- or just the comma when v is not finite (NA) */
static void
csv_num(FILE *f, double v)
{
    fputc(',', f);
    if (isfinite(v)) {
        rl_csv_put_double(f, v);
    }
}

static void
csv_row(FILE *f, const rl_screen_t *sc, const rl_screen_results_t *res,
    const rl_screen_summary_t *sum, const rl_screen_cell_stats_t *cell, int a)
{
    const rl_screen_arm_stats_t *as = &cell->arms[a];
    const rl_screen_ratio_t *r = &as->reduction;
    bool cand = a > 0, bounded = cand && r->kind == RL_RATIO_BOUNDED;

    rl_csv_put_text(f, sc->path);
    fprintf(f, ",%" PRIu64 ",%d,", res->seed, sc->n);
    rl_csv_put_text(f, genotype_name(sc, cell->genotype));
    fputc(',', f);
    rl_csv_put_text(f, sc->triggers[cell->trigger].name);
    fputc(',', f);
    rl_csv_put_text(f, sc->arms[a].name);
    csv_num(f, cand ? (double) as->rank : NAN);
    csv_num(f, cand ? (double) sum->overall[a].rank : NAN);
    csv_num(f, cell->baseline_mean);
    csv_num(f, cell->baseline_sem);
    csv_num(f, cell->arms[0].mean);
    csv_num(f, cell->relapse.mean);
    csv_num(f, cell->relapse.lo);
    csv_num(f, cell->relapse.hi);
    csv_num(f, cell->relapse.p);
    csv_num(f, as->mean);
    csv_num(f, as->sem);
    csv_num(f, as->inactive_mean);
    csv_num(f, cand ? as->diff.mean : NAN);
    csv_num(f, cand ? as->diff.lo : NAN);
    csv_num(f, cand ? as->diff.hi : NAN);
    csv_num(f, cand ? as->diff.p : NAN);
    csv_num(f, cand ? 100.0 * r->est : NAN);
    csv_num(f, bounded ? 100.0 * r->lo : NAN);
    csv_num(f, bounded ? 100.0 * r->hi : NAN);
    fputc('\n', f);
}

void
rl_screen_print_csv(const rl_screen_t *sc, const rl_screen_results_t *res,
    const rl_screen_summary_t *sum, FILE *f)
{
    int c, a;

    fputs(csv_columns, f);
    for (c = 0; c < sum->n_cells; c++) {
        for (a = 0; a < sc->n_arms; a++) {
            csv_row(f, sc, res, sum, &sum->cells[c], a);
        }
    }
}

int
rl_screen_write_csv(const rl_screen_t *sc, const rl_screen_results_t *res,
    const rl_screen_summary_t *sum, const char *path, rl_error_t *err)
{
    rl_csv_file_t cf;
    int ret;

    if ((ret = rl_csv_file_open(&cf, path, err)) != 0) {
        return ret;
    }
    rl_screen_print_csv(sc, res, sum, cf.f);
    return rl_csv_file_commit(&cf, err);
}
