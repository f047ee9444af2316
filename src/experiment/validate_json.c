/* validate_json.c -- the machine-readable reports of `relapselab validate` (validate.h): one
** JSON object per claims file, the Markdown table of its check rows, and the one-line
** summary of several files. Field names are documented in docs/VALIDATION.md; the "claims"
** array keeps the names of earlier releases (id, claim, pair, kind, status, measure, rate,
** rate_lo, rate_hi, target, meets_target, studies, effect, study1).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/text_safe.h"
#include "validate_internal.h"

/* s as the contents of a JSON string (quotes, backslashes and control characters escaped),
** cut to fit buf. */
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

/* A JSON number, or null for NaN and infinities. */
static void
json_num(FILE *f, double x)
{
    if (isfinite(x)) {
        fprintf(f, "%.4g", x);
    } else {
        fputs("null", f);
    }
}

/* "effect": {"measure": name, "mean": m, "lo": lo, "hi": hi} */
static void
json_effect(FILE *f, const char *name, double m, double lo, double hi)
{
    fprintf(f, "\"effect\": {\"measure\": \"%s\", \"mean\": ", name);
    json_num(f, m);
    fputs(", \"lo\": ", f);
    json_num(f, lo);
    fputs(", \"hi\": ", f);
    json_num(f, hi);
    fputs("}", f);
}

static void
json_row(const rl_validation_t *v, const row_t *r, double *tmp, FILE *f)
{
    const rl_claim_check_t *c = r->check;
    char esc[512], esc2[512], label[128];
    double m, lo, hi, rlo, rhi;

    rl_v_row_effect(v, r, tmp, &m, &lo, &hi);
    rl_v_wilson(r->holds, r->tested, &rlo, &rhi);
    fprintf(f, "    {\"id\": \"%s\", \"claim\": \"%s\", \"pair\": \"%s\", ",
        json_escape(c->id, esc, sizeof esc), json_escape(c->text, esc2, sizeof esc2),
        rl_v_groups_label(v, r, label, sizeof label));
    if (r->pair >= 0) {
        fprintf(f, "\"groups\": [\"%s\"", json_escape(v->protocol->groups[c->group_a[r->pair]].name,
            esc, sizeof esc));
        if (c->group_b[r->pair] >= 0) {
            fprintf(f, ", \"%s\"", json_escape(v->protocol->groups[c->group_b[r->pair]].name,
                esc, sizeof esc));
        }
        fputs("], ", f);
    }
    fprintf(f, "\"kind\": \"%s\", \"status\": \"%s\", \"test\": \"%s\", \"expect\": \"%s\", "
               "\"measure\": \"%s\", \"rate\": %.4f, \"rate_lo\": %.4f, \"rate_hi\": %.4f, ",
        c->expect == RL_EXPECT_NO_DIFFERENCE ? "null" : "positive", rl_claim_role_name(c->role),
        rl_claim_test_name(c->test), rl_claim_expect_name(c->expect),
        json_escape(c->measure.label, esc, sizeof esc), rl_v_rate(r), rlo, rhi);
    if (c->has_target) {
        fprintf(f, "\"target\": %.2f, ", c->target);
    } else {
        fputs("\"target\": null, ", f);
    }
    fprintf(f, "\"meets_target\": %s, \"studies\": %d, ", rl_v_meets(r) ? "true" : "false",
        r->tested);
    if (c->test == RL_CLAIM_PROPORTION) {
        json_effect(f, c->expect == RL_EXPECT_EACH_AT_MOST ? "percent_meeting_max"
            : "percent_meeting_min", m, lo, hi);
        fputs("}", f);
        return;
    }
    if (rl_v_effect_name(c) != NULL) {
        json_effect(f, rl_v_effect_name(c), m, lo, hi);
        fprintf(f, ", \"study1_text\": \"%s\"}", json_escape(r->study1, esc, sizeof esc));
        return;
    }
    json_effect(f, "hedges_g", m, lo, hi);
    fprintf(f, ", \"study1\": {\"wt\": {\"mean\": %.4g, \"sem\": %.4g, \"n\": %d}, "
               "\"ko\": {\"mean\": %.4g, \"sem\": %.4g, \"n\": %d}, \"p\": %.4g}}",
        r->rep_b.mean, r->rep_b.sem, r->rep_b.n, r->rep_a.mean, r->rep_a.sem, r->rep_a.n,
        r->rep_p);
}

static void
json_reports(const rl_validation_t *v, double *tmp, FILE *f)
{
    int k, first = 1;
    char esc[512], label[128];
    fputs("  \"reports\": [\n", f);
    for (k = 0; k < v->n_rows; k++) {
        const row_t *r = &v->rows[k];
        double m, lo, hi;
        if (r->region < 0) {
            continue;
        }
        rl_v_row_effect(v, r, tmp, &m, &lo, &hi);
        fprintf(f, "%s    {\"id\": \"%s\", \"pair\": \"%s\", \"measure\": \"%s\", "
                   "\"region\": \"%s\", \"higher\": %.4f, \"lower\": %.4f, \"g_mean\": %.4g, "
                   "\"g_lo\": %.4g, \"g_hi\": %.4g, \"study1_ratio\": %.4g}",
            first ? "" : ",\n", r->check->id, rl_v_groups_label(v, r, label, sizeof label),
            json_escape(r->check->measure.label, esc, sizeof esc), rl_region_name(r->region),
            (double) r->higher / v->replicates, (double) r->lower / v->replicates, m, lo, hi,
            r->rep_b.mean > 0.0 ? r->rep_a.mean / r->rep_b.mean : 0.0);
        first = 0;
    }
    fputs(first ? "  ],\n" : "\n  ],\n", f);
}

static void
json_calib_magnitudes(const rl_validation_t *v, FILE *f)
{
    int k;
    char esc[512];
    fputs("  \"calibration\": [\n", f);
    for (k = 0; k < v->n_calib; k++) {
        const calib_t *c = &v->calib[k];
        double lo, hi;
        rl_v_wilson(c->hits, c->tested, &lo, &hi);
        fprintf(f, "    {\"reinforcer\": \"%s\", \"measure\": \"%s\", \"rate\": %.4f, "
                   "\"rate_lo\": %.4f, \"rate_hi\": %.4f, \"comparisons\": %d}%s\n",
            json_escape(v->protocol->reinforcers[c->reinforcer].name, esc, sizeof esc),
            c->check->measure.label, c->tested > 0 ? (double) c->hits / c->tested : 0.0, lo,
            hi, c->tested, k + 1 < v->n_calib ? "," : "");
    }
    fputs("  ],\n  \"magnitudes\": [\n", f);
    for (k = 0; k < v->claims->n_magnitudes; k++) {
        const rl_claim_magnitude_t *m = &v->claims->magnitudes[k];
        fprintf(f, "    {\"label\": \"%s\", \"mean\": ", json_escape(m->label, esc, sizeof esc));
        json_num(f, rl_v_magnitude(v, k));
        fprintf(f, ", \"unit\": \"%s\", ", json_escape(m->unit, esc, sizeof esc));
        fprintf(f, "\"prior\": \"%s\"", json_escape(m->prior, esc, sizeof esc));
        if (m->has_range) {
            fprintf(f, ", \"range\": [%.10g, %.10g], \"inside\": %s", m->range[0],
                m->range[1], rl_v_magnitude_miss(v, k) > 0.0 ? "false" : "true");
        }
        fprintf(f, "}%s\n", k + 1 < v->claims->n_magnitudes ? "," : "");
    }
    fputs("  ],\n", f);
}

int
rl_validation_print_json(const rl_validation_t *self, FILE *f, rl_error_t *err)
{
    const rl_claims_t *c = self->claims;
    double *tmp = rl_malloc((size_t) self->replicates * sizeof *tmp);
    char e1[2 * RL_CLAIM_SOURCE_MAX + 8], e2[512];
    int k, first = 1;

    if (tmp == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    fprintf(f, "{\n  \"claims_file\": \"%s\",\n  \"id\": \"%s\",\n",
        json_escape(c->path, e1, sizeof e1), json_escape(c->id, e2, sizeof e2));
    fprintf(f, "  \"statement\": \"%s\",\n", json_escape(c->statement, e1, sizeof e1));
    fprintf(f, "  \"source\": \"%s\",\n  \"species\": \"%s\",\n  \"quality\": \"%s\",\n",
        json_escape(c->source, e1, sizeof e1), json_escape(c->species, e2, sizeof e2),
        c->quality);
    fprintf(f, "  \"protocol\": \"%s\",\n  \"replicates\": %d,\n  \"seed\": %llu,\n"
               "  \"alpha\": %g,\n  \"failures\": %d,\n  \"magnitude_misses\": %d,\n"
               "  \"claims\": [\n",
        json_escape(c->protocol_path, e1, sizeof e1), self->replicates,
        (unsigned long long) self->seed, c->alpha, rl_validation_failures(self),
        rl_validation_magnitude_misses(self));
    for (k = 0; k < self->n_rows; k++) {
        if (self->rows[k].region >= 0) {
            continue;
        }
        fputs(first ? "" : ",\n", f);
        json_row(self, &self->rows[k], tmp, f);
        first = 0;
    }
    fputs(first ? "  ],\n" : "\n  ],\n", f);
    json_calib_magnitudes(self, f);
    json_reports(self, tmp, f);
    fputs("  \"not_checked\": [", f);
    for (k = 0; k < c->n_unchecked; k++) {
        fprintf(f, "%s\n    {\"criterion\": \"%s\", ", k ? "," : "",
            json_escape(c->unchecked[k].criterion, e1, sizeof e1));
        fprintf(f, "\"reason\": \"%s\"}", json_escape(c->unchecked[k].reason, e1, sizeof e1));
    }
    fputs(c->n_unchecked > 0 ? "\n  ],\n" : "],\n", f);
    fprintf(f, "  \"checks\": %d\n}\n", c->n_checks);
    free(tmp);
    return 0;
}

/* "74 % [66-81]" */
static const char *
rate_text(const row_t *r, char *buf, size_t n)
{
    double lo, hi;
    if (r->check->expect == RL_EXPECT_REPORT) { /* nothing to hold: no rate */
        snprintf(buf, n, "—");
        return buf;
    }
    rl_v_wilson(r->holds, r->tested, &lo, &hi);
    snprintf(buf, n, "%.0f %% [%.0f–%.0f]", 100.0 * rl_v_rate(r), 100.0 * lo, 100.0 * hi);
    return buf;
}

static const char *
verdict(const row_t *r)
{
    if (!r->check->has_target) {
        return "info";
    }
    return rl_v_meets(r) ? "reproduced" : "**not reproduced**";
}

int
rl_validation_print_markdown(const rl_validation_t *self, FILE *f, rl_error_t *err)
{
    double *tmp = rl_malloc((size_t) self->replicates * sizeof *tmp);
    char rate[64], label[128], eff[96], target[32];
    int k;

    if (tmp == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    for (k = 0; k < self->n_rows; k++) {
        const row_t *r = &self->rows[k];
        const rl_claim_check_t *c = r->check;
        if (r->region >= 0) {
            continue;
        }
        if (c->has_target) {
            snprintf(target, sizeof target, "%s%.0f %%",
                c->expect == RL_EXPECT_NO_DIFFERENCE ? "≤ " : "≥ ", 100.0 * c->target);
        } else {
            snprintf(target, sizeof target, "—"); /* secondary or report: no target */
        }
        fprintf(f, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", self->claims->id,
            c->id, c->text, rl_v_groups_label(self, r, label, sizeof label),
            rate_text(r, rate, sizeof rate), target,
            rl_v_effect_text(self, r, tmp, eff, sizeof eff), verdict(r));
    }
    for (k = 0; k < self->claims->n_unchecked; k++) {
        const rl_claim_unchecked_t *u = &self->claims->unchecked[k];
        fprintf(f, "| %s | — | %s | — | — | — | — | not checked: %s |\n", self->claims->id,
            u->criterion, u->reason);
    }
    free(tmp);
    return 0;
}

void
rl_validation_print_summary(const rl_validation_t *const *v, int n, FILE *f)
{
    char rate[64], label[128];
    rl_text_buf_t b1, b2, b3, b4; /* names and texts escaped for the terminal */
    int i, k;
    fprintf(f, "%-14s %-5s %-44s %-20s %-18s %-22s %s\n", "finding", "check", "claim",
        "group A", "rate [95%]", "effect", "verdict");
    for (i = 0; i < n; i++) {
        double *tmp = rl_malloc((size_t) v[i]->replicates * sizeof *tmp);
        if (tmp == NULL) {
            continue;
        }
        for (k = 0; k < v[i]->n_rows; k++) {
            const row_t *r = &v[i]->rows[k];
            char eff[96];
            if (r->region >= 0) {
                continue;
            }
            fprintf(f, "%-14.14s %-5.5s %-44.44s %-20.20s %-18s %-22s %s\n",
                rl_text_safe(v[i]->claims->id, &b1), rl_text_safe(r->check->id, &b2),
                rl_text_safe(r->check->text, &b3),
                rl_text_safe(rl_v_groups_label(v[i], r, label, sizeof label), &b4),
                rate_text(r, rate, sizeof rate), rl_v_effect_text(v[i], r, tmp, eff, sizeof eff),
                verdict(r));
        }
        for (k = 0; k < v[i]->claims->n_unchecked; k++) {
            fprintf(f, "%-14.14s %-5s %-44.44s %-20s %-18s %-22s %s\n",
                rl_text_safe(v[i]->claims->id, &b1), "-",
                rl_text_safe(v[i]->claims->unchecked[k].criterion, &b2), "-", "-", "-",
                "not checked");
        }
        free(tmp);
    }
}
