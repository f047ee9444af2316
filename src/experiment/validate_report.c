/* validate_report.c -- the reports of `relapselab validate` (validate.h): a text table
** and JSON, per claim its rate with a Wilson interval, its effect size across studies and
** the first study's group means; the test calibration; magnitudes; predicted c-Fos.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "validate_internal.h"
#include "core/alloc.h"

#define M_NAME_(id, name, test) name,
#define M_TEST_(id, name, test) test,
const char *const rl_validate_measure_names[M_COUNT] = {M_MEASURES(M_NAME_)};
const char *const rl_validate_measure_tests[M_COUNT] = {M_MEASURES(M_TEST_)};
#undef M_NAME_
#undef M_TEST_

/* ---- reporting --------------------------------------------------------------------------- */

static int
cmp_double(const void *x, const void *y)
{
    double a = *(const double *) x, b = *(const double *) y;
    return (a > b) - (a < b);
}

/* Mean and 2.5 / 97.5 percentiles of x[0..n-1] (x is reordered). */
static void
interval(double *x, int n, double *mean, double *lo, double *hi)
{
    int i;
    double s = 0.0;
    for (i = 0; i < n; i++) {
        s += x[i];
    }
    *mean = n > 0 ? s / n : NAN;
    qsort(x, (size_t) n, sizeof *x, cmp_double);
    if (n == 0) {
        *lo = *hi = NAN;
        return;
    }
    *lo = x[(int) floor(0.025 * (n - 1))];
    *hi = x[(int) ceil(0.975 * (n - 1))];
}

static double
rate(const claim_t *c)
{
    return c->tested > 0 ? (double) c->holds / c->tested : 0.0;
}

/* Wilson score 95 % interval of the rate: how precisely R studies pin it down (a rate of
** 14 % over 50 studies is compatible with 7-26 %). */
static void
wilson(int hits, int tested, double *lo, double *hi)
{
    const double z = 1.959963984540054;
    double n = (double) tested, p = tested > 0 ? (double) hits / tested : 0.0, den, mid, half;
    if (tested <= 0) {
        *lo = 0.0;
        *hi = 1.0;
        return;
    }
    den = 1.0 + z * z / n;
    mid = (p + z * z / (2.0 * n)) / den;
    half = z * sqrt(p * (1.0 - p) / n + z * z / (4.0 * n * n)) / den;
    *lo = fmax(0.0, mid - half);
    *hi = fmin(1.0, mid + half);
}

static void
rate_interval(const claim_t *c, double *lo, double *hi)
{
    wilson(c->holds, c->tested, lo, hi);
}

static int
meets(const claim_t *c)
{
    return c->def->direction == 0 ? rate(c) <= 0.10 : rate(c) >= 0.80;
}

int
rl_validation_failures(const rl_validation_t *self)
{
    int k, n = 0;
    for (k = 0; k < self->n_claims; k++) {
        n += self->claims[k].def->reported >= 0 && !meets(&self->claims[k]);
    }
    return n;
}

static const char *
pair_label(const rl_validation_t *v, int pair, char *buf, size_t n)
{
    const rl_group_t *ko = &v->protocol->groups[v->pairs[pair].ko];
    snprintf(buf, n, "%s (%s)", ko->genotype, v->protocol->reinforcers[ko->reinforcer].name);
    return buf;
}

void
rl_validation_print(const rl_validation_t *self, FILE *f)
{
    int k;
    char label[128];
    double *tmp = rl_malloc((size_t) self->replicates * sizeof *tmp);
    if (tmp == NULL) {
        return;
    }
    fprintf(f, "Validation: %s\n%d virtual studies (seeds %llu..%llu), n per group as in the "
               "protocol; p < 0.05, two-sided.\n\n",
        self->protocol->path, self->replicates, (unsigned long long) self->seed,
        (unsigned long long) (self->seed + (uint64_t) self->replicates - 1));
    fprintf(f, "%-4s %-52s %-22s %7s %-7s %-26s %s\n", "id", "claim", "pair", "rate", "target",
        "effect g (KO-WT) [95%]", "study 1: WT | KO (mean ± SEM)");
    for (k = 0; k < self->n_claims; k++) {
        const claim_t *c = &self->claims[k];
        double m, lo, hi;
        memcpy(tmp, c->effect, (size_t) self->replicates * sizeof *tmp);
        interval(tmp, c->tested, &m, &lo, &hi);
        fprintf(f, "%-4s %-52.52s %-22.22s %6.0f%% %-7s ", c->def->id, c->def->text,
            c->pair >= 0 ? pair_label(self, c->pair, label, sizeof label) : "all lines",
            100.0 * rate(c), c->def->reported < 0 ? "(info)" :
            c->def->direction == 0 ? (meets(c) ? "<=10 ok" : "<=10 NO") :
            (meets(c) ? ">=80 ok" : ">=80 NO"));
        if (c->def->measure == M_ACQUIRES) {
            fprintf(f, "%-26s least-acquiring KO line: %.0f%% of mice\n", "(% acquiring)",
                c->rep_ko.mean);
        } else {
            char eff[64];
            snprintf(eff, sizeof eff, "%+.2f [%+.2f, %+.2f]", m, lo, hi);
            fprintf(f, "%-26s %s: %.1f ± %.1f | %.1f ± %.1f (p = %.3g)\n", eff,
                rl_validate_measure_names[c->def->measure], c->rep_wt.mean, c->rep_wt.sem, c->rep_ko.mean,
                c->rep_ko.sem, c->rep_p);
        }
    }
    fprintf(f, "\nTests: ");
    for (k = 0; k < M_COUNT; k++) {
        fprintf(f, "%s%s = %s", k ? "; " : "", rl_validate_measure_names[k], rl_validate_measure_tests[k]);
    }
    fprintf(f, ".\nReinstatement values are the increase from the last extinction sessions to "
               "the test (the t-test on these is the ANOVA's interaction, F = t^2).\n");
    if (self->n_calib > 0) {
        fprintf(f, "\nTest calibration: the same tests between two wild-type groups of the same "
                   "reinforcer (same biology:\nevery difference is a false positive; a null "
                   "claim's rate is to be read against these):\n");
        for (k = 0; k < self->n_calib; k++) {
            const calib_t *c = &self->calib[k];
            double lo, hi;
            wilson(c->hits, c->tested, &lo, &hi);
            fprintf(f, "  %-12.12s %-18s %5.1f%% [%.1f-%.1f] of %d comparisons\n",
                self->protocol->reinforcers[c->reinforcer].name, rl_validate_measure_names[c->measure],
                c->tested > 0 ? 100.0 * c->hits / c->tested : 0.0, 100.0 * lo, 100.0 * hi,
                c->tested);
        }
    }
    if (self->magnitude_n > 0) {
        int n = self->magnitude_n;
        fprintf(f, "\nMagnitudes (WT cocaine mice, mean over studies; BRIEF priors in brackets):\n"
                   "  intake in acquisition       %6.1f mg/kg/h  [~9, Tsibulsky & Norman]\n"
                   "  PR breakpoint               %6.1f          [20-60]\n"
                   "  sessions to extinction      %6.1f          [5-15]\n"
                   "  reinstatement / extinction  %6.2f x        [2-4 x]\n",
            self->wt_intake_mg_per_h / n, self->wt_breakpoint / n, self->wt_ext_sessions / n,
            self->wt_reinst_ratio / n);
    }
    if (self->n_fos > 0) {
        fprintf(f, "\nS8, predicted c-Fos after the reinstatement test (activity index, KO vs WT):"
                   "\n%-22s", "region");
        for (k = 0; k < self->n_pairs; k++) {
            if (self->pairs[k].drug_arm) {
                fprintf(f, " %-18.18s", pair_label(self, k, label, sizeof label));
            }
        }
        fputc('\n', f);
        {
            int reg;
            for (reg = 0; reg < RL_N_REGIONS; reg++) {
                fprintf(f, "%-22s", rl_region_name(reg));
                for (k = 0; k < self->n_fos; k++) {
                    const fos_t *x = &self->fos[k];
                    char cell[64];
                    if (x->region != reg) {
                        continue;
                    }
                    snprintf(cell, sizeof cell, "%s %3.0f%% (%.0f%%)",
                        x->higher > x->lower ? "up" : x->lower > x->higher ? "down" : "=",
                        isfinite(x->rep_ratio) ? 100.0 * x->rep_ratio : 0.0,
                        100.0 * (double) (x->higher > x->lower ? x->higher : x->lower) /
                            self->replicates);
                    fprintf(f, " %-18s", cell);
                }
                fputc('\n', f);
            }
        }
        fprintf(f, "(the direction that reached p < 0.05 in more studies, the KO/WT ratio of "
                   "the means in study 1, and the share of studies in which that direction "
                   "reached p < 0.05)\n");
    }
    free(tmp);
}

/* s as the contents of a JSON string (quotes, backslashes and control characters escaped),
** truncated to fit buf. */
static const char *
json_escape(const char *s, char *buf, size_t n)
{
    size_t o = 0;
    for (; *s != '\0' && o + 7 < n; s++) {
        unsigned char ch = (unsigned char) *s;
        if (ch == '"' || ch == '\\') {
            buf[o++] = '\\';
            buf[o++] = (char) ch;
        } else if (ch < 0x20) {
            o += (size_t) snprintf(buf + o, n - o, "\\u%04x", ch);
        } else {
            buf[o++] = (char) ch;
        }
    }
    buf[o] = '\0';
    return buf;
}

void
rl_validation_print_json(const rl_validation_t *self, FILE *f)
{
    int k;
    char label[128], esc[512];
    double *tmp = rl_malloc((size_t) self->replicates * sizeof *tmp);
    if (tmp == NULL) {
        return;
    }
    fprintf(f, "{\n  \"protocol\": \"%s\",\n  \"replicates\": %d,\n  \"seed\": %llu,\n",
        json_escape(self->protocol->path, esc, sizeof esc), self->replicates,
        (unsigned long long) self->seed);
    fprintf(f, "  \"failures\": %d,\n  \"claims\": [\n", rl_validation_failures(self));
    for (k = 0; k < self->n_claims; k++) {
        const claim_t *c = &self->claims[k];
        double m, lo, hi, rlo, rhi;
        memcpy(tmp, c->effect, (size_t) self->replicates * sizeof *tmp);
        interval(tmp, c->tested, &m, &lo, &hi);
        rate_interval(c, &rlo, &rhi);
        fprintf(f,
            "    {\"id\": \"%s\", \"claim\": \"%s\", \"pair\": \"%s\", \"kind\": \"%s\", "
            "\"status\": \"%s\", \"measure\": \"%s\", \"rate\": %.4f, \"rate_lo\": %.4f, "
            "\"rate_hi\": %.4f, \"target\": %.2f, \"meets_target\": %s, \"studies\": %d, ",
            c->def->id, c->def->text,
            c->pair >= 0 ? json_escape(pair_label(self, c->pair, label, sizeof label), esc,
                sizeof esc) : "all lines",
            c->def->direction == 0 ? "null" : "positive",
            c->def->reported > 0 ? "finding" : c->def->reported < 0 ? "secondary" :
            "not_reported",
            rl_validate_measure_names[c->def->measure], rate(c), rlo, rhi,
            c->def->direction == 0 ? 0.10 : 0.80, meets(c) ? "true" : "false", c->tested);
        if (c->def->measure == M_ACQUIRES) {
            fprintf(f, "\"effect\": {\"measure\": \"percent_acquiring_min\", \"mean\": %.4g, "
                       "\"lo\": %.4g, \"hi\": %.4g}}", m, lo, hi);
        } else {
            fprintf(f, "\"effect\": {\"measure\": \"hedges_g\", \"mean\": %.4g, \"lo\": %.4g, "
                       "\"hi\": %.4g}, \"study1\": {\"wt\": {\"mean\": %.4g, \"sem\": %.4g, "
                       "\"n\": %d}, \"ko\": {\"mean\": %.4g, \"sem\": %.4g, \"n\": %d}, "
                       "\"p\": %.4g}}",
                m, lo, hi, c->rep_wt.mean, c->rep_wt.sem, c->rep_wt.n, c->rep_ko.mean,
                c->rep_ko.sem, c->rep_ko.n, c->rep_p);
        }
        fputs(k + 1 < self->n_claims ? ",\n" : "\n", f);
    }
    fputs("  ],\n  \"calibration\": [\n", f);
    for (k = 0; k < self->n_calib; k++) {
        const calib_t *c = &self->calib[k];
        double lo, hi;
        wilson(c->hits, c->tested, &lo, &hi);
        fprintf(f, "    {\"reinforcer\": \"%s\", \"measure\": \"%s\", \"rate\": %.4f, "
                   "\"rate_lo\": %.4f, \"rate_hi\": %.4f, \"comparisons\": %d}%s\n",
            json_escape(self->protocol->reinforcers[c->reinforcer].name, esc, sizeof esc),
            rl_validate_measure_names[c->measure], c->tested > 0 ? (double) c->hits / c->tested : 0.0, lo,
            hi, c->tested, k + 1 < self->n_calib ? "," : "");
    }
    fputs("  ],\n", f);
    if (self->magnitude_n > 0) {
        int n = self->magnitude_n;
        fprintf(f, "  \"magnitudes\": {\"wt_intake_mg_per_kg_per_h\": %.4g, "
                   "\"wt_breakpoint\": %.4g, \"wt_sessions_to_extinction\": %.4g, "
                   "\"wt_reinstatement_over_extinction\": %.4g},\n",
            self->wt_intake_mg_per_h / n, self->wt_breakpoint / n, self->wt_ext_sessions / n,
            self->wt_reinst_ratio / n);
    }
    fputs("  \"cfos\": [\n", f);
    for (k = 0; k < self->n_fos; k++) {
        const fos_t *x = &self->fos[k];
        double m, lo, hi;
        memcpy(tmp, x->effect, (size_t) self->replicates * sizeof *tmp);
        interval(tmp, self->replicates, &m, &lo, &hi);
        fprintf(f, "    {\"pair\": \"%s\", \"region\": \"%s\", \"higher\": %.4f, "
                   "\"lower\": %.4f, \"g_mean\": %.4g, \"g_lo\": %.4g, \"g_hi\": %.4g, "
                   "\"study1_ratio\": %.4g}%s\n",
            json_escape(pair_label(self, x->pair, label, sizeof label), esc, sizeof esc),
            rl_region_name(x->region),
            (double) x->higher / self->replicates, (double) x->lower / self->replicates, m, lo,
            hi, isfinite(x->rep_ratio) ? x->rep_ratio : 0.0, k + 1 < self->n_fos ? "," : "");
    }
    fputs("  ]\n}\n", f);
    free(tmp);
}
