/* validate_report.c -- the reports of `relapselab validate` (validate.h): a text table,
** JSON and Markdown; per check row its rate with a Wilson interval, its effect size across
** studies and the first study's group means; the test calibration; magnitudes; per-region
** report rows (c-Fos); and a one-line-per-row summary of several claims files.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/text_safe.h"
#include "validate_internal.h"

static int
cmp_double(const void *x, const void *y)
{
    double a = *(const double *) x, b = *(const double *) y;
    return (a > b) - (a < b);
}

/* Mean and 2.5 / 97.5 percentiles of the finite values of x[0..n-1] (x is reordered). */
static void
interval(double *x, int n, double *mean, double *lo, double *hi)
{
    int i, k = 0;
    double s = 0.0;
    for (i = 0; i < n; i++) {
        if (isfinite(x[i])) {
            x[k++] = x[i];
        }
    }
    n = k;
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

/* Wilson score 95 % interval of hits of tested: how precisely R studies pin a rate down (a
** rate of 14 % over 50 studies is compatible with 7-26 %). */
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

int
rl_validation_failures(const rl_validation_t *self)
{
    int k, n = 0;
    for (k = 0; k < self->n_rows; k++) {
        n += !rl_v_meets(&self->rows[k]);
    }
    return n;
}

int
rl_validation_magnitude_misses(const rl_validation_t *self)
{
    int k, n = 0;
    for (k = 0; k < self->claims->n_magnitudes; k++) {
        n += rl_v_magnitude_miss(self, k) > 0.0;
    }
    return n;
}

/* The label of a row's groups: A's name; "n groups" for a proportion or a series of
** groups; "G, n phases" for a series of phases. */
static const char *
groups_label(const rl_validation_t *v, const row_t *r, char *buf, size_t n)
{
    const rl_claim_check_t *c = r->check;
    if (c->within) {
        snprintf(buf, n, "%s, %d phases", v->protocol->groups[c->group_a[0]].name, c->n_pairs);
    } else if (r->pair < 0) {
        snprintf(buf, n, "%d group%s", c->n_pairs, c->n_pairs == 1 ? "" : "s");
    } else {
        snprintf(buf, n, "%s", v->protocol->groups[c->group_a[r->pair]].name);
    }
    return buf;
}

static const char *
target_label(const row_t *r, char *buf, size_t n)
{
    const rl_claim_check_t *c = r->check;
    if (!c->has_target) {
        snprintf(buf, n, "(info)");
    } else {
        snprintf(buf, n, "%s%.0f %s", c->expect == RL_EXPECT_NO_DIFFERENCE ? "<=" : ">=",
            100.0 * c->target, rl_v_meets(r) ? "ok" : "NO");
    }
    return buf;
}

/* Effect mean and interval of row r over the studies (tmp: scratch of R values). */
static void
row_effect(const rl_validation_t *v, const row_t *r, double *tmp, double *m, double *lo,
    double *hi)
{
    (void) v;
    memcpy(tmp, r->effect, (size_t) r->tested * sizeof *tmp);
    interval(tmp, r->tested, m, lo, hi);
}

void
rl_v_row_effect(const rl_validation_t *v, const row_t *r, double *tmp, double *m, double *lo,
    double *hi)
{
    row_effect(v, r, tmp, m, lo, hi);
}

const char *
rl_v_effect_text(const rl_validation_t *v, const row_t *r, double *tmp, char *buf, size_t n)
{
    const rl_claim_check_t *c = r->check;
    double m, lo, hi;
    row_effect(v, r, tmp, &m, &lo, &hi);
    if (c->test == RL_CLAIM_PROPORTION) {
        snprintf(buf, n, "%s group %.0f %% of mice",
            c->expect == RL_EXPECT_EACH_AT_MOST ? "highest" : "lowest", m);
    } else if (rl_v_effect_name(c) != NULL) {
        snprintf(buf, n, "%s %.3g [%.3g, %.3g]", rl_v_effect_name(c), m, lo, hi);
    } else {
        snprintf(buf, n, "g %+.2f [%+.2f, %+.2f]", m, lo, hi);
    }
    return buf;
}

void
rl_v_wilson(int hits, int tested, double *lo, double *hi)
{
    wilson(hits, tested, lo, hi);
}

const char *
rl_v_groups_label(const rl_validation_t *v, const row_t *r, char *buf, size_t n)
{
    return groups_label(v, r, buf, n);
}

static void
print_row(const rl_validation_t *v, const row_t *r, double *tmp, FILE *f)
{
    const rl_claim_check_t *c = r->check;
    char label[128], target[32];
    rl_text_buf_t b1, b2, b3; /* names and texts escaped for the terminal (text_safe.h) */
    double m, lo, hi;

    row_effect(v, r, tmp, &m, &lo, &hi);
    fprintf(f, "%-4s %-52.52s %-22.22s ", rl_text_safe(c->id, &b1), rl_text_safe(c->text, &b2),
        rl_text_safe(groups_label(v, r, label, sizeof label), &b3));
    if (c->expect == RL_EXPECT_REPORT) { /* nothing to hold: no rate */
        fprintf(f, "%7s ", "-");
    } else {
        fprintf(f, "%6.0f%% ", 100.0 * rl_v_rate(r));
    }
    fprintf(f, "%-7s ", target_label(r, target, sizeof target));
    if (c->test == RL_CLAIM_PROPORTION) {
        int most = c->expect == RL_EXPECT_EACH_AT_MOST;
        fprintf(f, "%-26s %s group: %.0f%% of mice\n", most ? "(% meeting, highest)"
            : "(% meeting, lowest)", most ? "highest" : "lowest", r->rep_a.mean);
    } else if (rl_v_effect_name(c) != NULL) {
        char eff[64];
        snprintf(eff, sizeof eff, "%s %.3g [%.3g, %.3g]", rl_v_effect_name(c), m, lo, hi);
        fprintf(f, "%-26s %s\n", eff, rl_text_safe(r->study1, &b1));
    } else {
        char eff[64];
        snprintf(eff, sizeof eff, "%+.2f [%+.2f, %+.2f]", m, lo, hi);
        fprintf(f, "%-26s %s: %.1f ± %.1f | %.1f ± %.1f (p = %.3g)\n", eff,
            rl_text_safe(c->measure.label, &b1),
            r->rep_b.mean, r->rep_b.sem, r->rep_a.mean, r->rep_a.sem, r->rep_p);
    }
}

/* Measure m in words ("reinstatement_ratio of reinstatement"); phase overrides its phase. */
static void
print_measure(const rl_claim_measure_t *m, const char *phase_name, FILE *f)
{
    rl_text_buf_t pb, ob;
    const char *phase = rl_text_safe(phase_name, &pb), *over = rl_text_safe(m->over_phase, &ob);
    if (m->first_sessions > 0) {
        fprintf(f, "active per session, first %d sessions of %s", m->first_sessions, phase);
        if (m->over >= 0) {
            fprintf(f, ", over %s of %s", rl_measure_name(m->over), over);
        }
    } else if (m->measure < 0) {
        fprintf(f, "activity index (%s) of %s", m->region == RL_N_REGIONS ? "per region"
            : rl_region_name(m->region), phase);
    } else if (m->session_cv) {
        fprintf(f, "day-to-day CV of %s per session of %s", rl_measure_name(m->measure),
            phase);
    } else {
        fprintf(f, "%s of %s", rl_measure_name(m->measure), phase);
        if (m->minus >= 0) {
            fprintf(f, " minus %s", rl_measure_name(m->minus));
        }
        if (m->over >= 0) {
            fprintf(f, " over %s of %s", rl_measure_name(m->over), over);
        }
    }
}

/* "Tests:" -- each distinct measure label and test with its definition. */
static void
print_tests(const rl_validation_t *v, FILE *f)
{
    int k, j, first = 1;
    rl_text_buf_t lb;
    fprintf(f, "\nTests: ");
    for (k = 0; k < v->claims->n_checks; k++) {
        const rl_claim_check_t *c = &v->claims->checks[k];
        const rl_claim_measure_t *m = &c->measure;
        int seen = 0;
        for (j = 0; j < k; j++) {
            seen |= strcmp(v->claims->checks[j].measure.label, m->label) == 0
                && v->claims->checks[j].test == c->test;
        }
        if (seen) {
            continue;
        }
        fprintf(f, "%s%s = %s, ", first ? "" : "; ", rl_text_safe(m->label, &lb),
            rl_claim_test_text(c->test));
        if (c->within) {
            print_measure(m, "the series' phases", f);
        } else {
            print_measure(m, m->phase, f);
        }
        if (c->has_baseline) {
            fputs(" vs ", f);
            print_measure(&c->baseline, c->baseline.phase, f);
        }
        first = 0;
    }
    fprintf(f, ".\n");
}

static void
print_calib(const rl_validation_t *v, FILE *f)
{
    int k;
    if (v->n_calib == 0) {
        return;
    }
    fprintf(f, "\nTest calibration: the same tests between two groups of identical biology and "
               "reinforcer (every\ndifference is a false positive; a null check's rate is to "
               "be read against these):\n");
    for (k = 0; k < v->n_calib; k++) {
        const calib_t *c = &v->calib[k];
        rl_text_buf_t rb, lb;
        double lo, hi;
        wilson(c->hits, c->tested, &lo, &hi);
        fprintf(f, "  %-12.12s %-22s %5.1f%% [%.1f-%.1f] of %d comparisons\n",
            rl_text_safe(v->protocol->reinforcers[c->reinforcer].name, &rb),
            rl_text_safe(c->check->measure.label, &lb),
            c->tested > 0 ? 100.0 * c->hits / c->tested : 0.0, 100.0 * lo, 100.0 * hi,
            c->tested);
    }
}

static void
print_magnitudes(const rl_validation_t *v, FILE *f)
{
    int k;
    if (v->claims->n_magnitudes == 0) {
        return;
    }
    fprintf(f, "\nMagnitudes (mean over studies of the groups' mean, or the ratio of two such "
               "means; priors in brackets, then the range tested):\n");
    for (k = 0; k < v->claims->n_magnitudes; k++) {
        const rl_claim_magnitude_t *m = &v->claims->magnitudes[k];
        double x = rl_v_magnitude(v, k);
        rl_text_buf_t lb, ub, pb;
        fprintf(f, "  %-28.28s %7.2f %-8s", rl_text_safe(m->label, &lb), x,
            rl_text_safe(m->unit, &ub));
        if (m->prior[0] != '\0') {
            fprintf(f, " [%s]", rl_text_safe(m->prior, &pb));
        }
        if (m->has_range) {
            fprintf(f, " %g-%g: %s", m->range[0], m->range[1],
                rl_v_magnitude_miss(v, k) > 0.0 ? "OUTSIDE" : "inside");
        }
        fputc('\n', f);
    }
}

/* The per-region report rows of check c: a region x pair table. */
static void
print_report_check(const rl_validation_t *v, const rl_claim_check_t *c, FILE *f)
{
    int k, p, reg;
    rl_text_buf_t ib, tb;
    fprintf(f, "\n%s, %s (KO/A vs B):\n%-22s", rl_text_safe(c->id, &ib), rl_text_safe(c->text, &tb),
        "region");
    for (p = 0; p < c->n_pairs; p++) {
        fprintf(f, " %-18.18s", rl_text_safe(v->protocol->groups[c->group_a[p]].name, &tb));
    }
    fputc('\n', f);
    for (reg = 0; reg < RL_N_REGIONS; reg++) {
        fprintf(f, "%-22s", rl_region_name(reg));
        for (k = 0; k < v->n_rows; k++) {
            const row_t *r = &v->rows[k];
            char cell[64];
            double ratio = r->rep_b.mean > 0.0 ? r->rep_a.mean / r->rep_b.mean : 0.0;
            if (r->check != c || r->region != reg) {
                continue;
            }
            snprintf(cell, sizeof cell, "%s %3.0f%% (%.0f%%)",
                r->higher > r->lower ? "up" : r->lower > r->higher ? "down" : "=",
                100.0 * ratio, 100.0 * (double) (r->higher > r->lower ? r->higher : r->lower)
                    / v->replicates);
            fprintf(f, " %-18s", cell);
        }
        fputc('\n', f);
    }
    fprintf(f, "(the direction that reached p < %.3g in more studies, the A/B ratio of the means "
               "in study 1, and the share of studies in which that direction reached it)\n",
        v->claims->alpha);
}

int
rl_validation_print(const rl_validation_t *self, FILE *f, rl_error_t *err)
{
    const rl_claims_t *c = self->claims;
    double *tmp = rl_malloc((size_t) self->replicates * sizeof *tmp);
    rl_text_buf_t b1, b2, b3, b4;
    int k, estimates = 0;

    if (tmp == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    fprintf(f, "Validation: %s (%s)\n%s\nProtocol %s; %d virtual studies (seeds %llu..%llu), n "
               "per group as in the protocol; p < %.3g, two-sided.\n\n",
        rl_text_safe(c->path, &b1), rl_text_safe(c->id, &b2), rl_text_safe(c->statement, &b3),
        rl_text_safe(c->protocol_path, &b4), self->replicates,
        (unsigned long long) self->seed,
        (unsigned long long) (self->seed + (uint64_t) self->replicates - 1), c->alpha);
    for (k = 0; k < c->n_checks && !estimates; k++) {
        estimates = rl_v_effect_name(&c->checks[k]) != NULL
            && c->checks[k].test != RL_CLAIM_PROPORTION;
    }
    fprintf(f, "%-4s %-52s %-22s %7s %-7s %-26s %s\n", "id", "claim", "group A", "rate",
        "target", estimates ? "effect [95% of studies]" : "effect g (A-B) [95%]",
        estimates ? "study 1" : "study 1: B | A (mean ± SEM)");
    for (k = 0; k < self->n_rows; k++) {
        if (self->rows[k].region < 0) {
            print_row(self, &self->rows[k], tmp, f);
        }
    }
    print_tests(self, f);
    print_calib(self, f);
    print_magnitudes(self, f);
    if (c->n_unchecked > 0) {
        fprintf(f, "\nNot checked (what the finding says that this file cannot test):\n");
        for (k = 0; k < c->n_unchecked; k++) {
            fprintf(f, "  - %s: %s\n", rl_text_safe(c->unchecked[k].criterion, &b1),
                rl_text_safe(c->unchecked[k].reason, &b2));
        }
    }
    for (k = 0; k < c->n_checks; k++) {
        if (c->checks[k].measure.region == RL_N_REGIONS) {
            print_report_check(self, &c->checks[k], f);
        }
    }
    free(tmp);
    return 0;
}
