/* power_report.c -- what a power sweep found (power.h): the rows' cells (rate, Wilson
** interval, mean effect), the smallest-n rule, and the reports: a text table (a row per
** check row, a column per n), one JSON object (fields in docs/POWER.md) and the rows of a
** tidy CSV table (one line per check row and n).
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/json_out.h"
#include "core/text_safe.h"
#include "store/csv_write.h"
#include "power_internal.h"

/* ---- cells and the smallest-n rule ------------------------------------------------------- */

rl_power_cell_t
rl_pw_cell(const rl_power_t *pw, int row, int j)
{
    const pw_design_t *d = &pw->design[j];
    rl_power_cell_t c;
    memset(&c, 0, sizeof c);
    c.n = d->n;
    c.studies = d->studies;
    c.tested = d->tested[row];
    c.hits = d->hits[row];
    c.effect = c.tested > 0 ? d->effect_sum[row] / c.tested : NAN;
    rl_v_wilson(c.hits, c.studies, &c.lo, &c.hi);
    if (pw->kind[row] == RL_POWER_DESCRIPTION) {
        c.rate = c.lo = c.hi = NAN;
    } else {
        c.rate = c.studies > 0 ? (double) c.hits / c.studies : 0.0;
    }
    return c;
}

int
rl_power_first_sustained(const double *rate, int n, double target)
{
    int j = n;
    while (j > 0 && rate[j - 1] >= target) { /* NaN compares false: not reached */
        j--;
    }
    return j < n ? j : -1;
}

int
rl_power_n_needed(const rl_power_t *self, int row)
{
    double rate[RL_POWER_MAX_SIZES];
    int j;
    if (self->kind[row] == RL_POWER_NULL || self->kind[row] == RL_POWER_DESCRIPTION) {
        return -1;
    }
    for (j = 0; j < self->n_designs; j++) {
        rate[j] = rl_pw_cell(self, row, j).rate;
    }
    j = rl_power_first_sustained(rate, self->n_designs, self->opt.target);
    return j >= 0 ? self->design[j].n : 0;
}

/* ---- accessors --------------------------------------------------------------------------- */

const rl_claims_t *
rl_power_claims(const rl_power_t *self)
{
    return self->claims;
}

int
rl_power_n_sizes(const rl_power_t *self)
{
    return self->n_designs;
}

int
rl_power_size(const rl_power_t *self, int j)
{
    return self->design[j].n;
}

int
rl_power_replicates(const rl_power_t *self)
{
    return self->opt.replicates;
}

double
rl_power_alpha(const rl_power_t *self)
{
    return self->opt.alpha;
}

double
rl_power_target(const rl_power_t *self)
{
    return self->opt.target;
}

int
rl_power_n_rows(const rl_power_t *self)
{
    return self->n_rows;
}

const rl_claim_check_t *
rl_power_row_check(const rl_power_t *self, int row)
{
    return self->design[0].v->rows[row].check;
}

rl_power_kind_t
rl_power_row_kind(const rl_power_t *self, int row)
{
    return self->kind[row];
}

rl_power_cell_t
rl_power_cell(const rl_power_t *self, int row, int j)
{
    return rl_pw_cell(self, row, j);
}

const char *
rl_power_kind_name(rl_power_kind_t k)
{
    static const char *const names[] = {"power", "null", "equivalence", "estimate",
        "either_way", "description"};
    return (unsigned) k < sizeof names / sizeof names[0] ? names[k] : "invalid";
}

const char *
rl_power_kind_text(rl_power_kind_t k)
{
    switch (k) {
    case RL_POWER_FINDING: return "power: the test finds the effect in the expected direction";
    case RL_POWER_NULL:
        return "null check: how often p < alpha (the false-positive rate where the groups do "
               "not differ; the power to see the model's difference where they do)";
    case RL_POWER_EQUIVALENCE: return "equivalence: how often the TOST shows it";
    case RL_POWER_ESTIMATE: return "estimate: how often it meets its condition";
    case RL_POWER_EITHER_WAY: return "report: how often p < alpha in either direction";
    case RL_POWER_DESCRIPTION: return "description: no rate, the mean effect only";
    default: return "invalid";
    }
}

const char *
rl_power_row_label(const rl_power_t *self, int row, char *buf, size_t n)
{
    const row_t *r = &self->design[0].v->rows[row];
    const rl_claim_check_t *c = r->check;
    const rl_group_t *g = self->protocol->groups;
    char what[2 * RL_NAME_MAX];

    snprintf(what, sizeof what, "%s%s%s", c->measure.label, r->region >= 0 ? " " : "",
        r->region >= 0 ? rl_region_name(r->region) : "");
    if (c->within) {
        snprintf(buf, n, "%s, %s over %d phases", what, g[c->group_a[0]].name, c->n_pairs);
    } else if (r->pair < 0) {
        snprintf(buf, n, "%s, %d groups", what, c->n_pairs);
    } else if (c->group_b[r->pair] < 0) {
        snprintf(buf, n, "%s, %s", what, g[c->group_a[r->pair]].name);
    } else {
        snprintf(buf, n, "%s, %s vs %s", what, g[c->group_a[r->pair]].name,
            g[c->group_b[r->pair]].name);
    }
    return buf;
}

/* ---- text -------------------------------------------------------------------------------- */

static bool
has_kind(const rl_power_t *pw, rl_power_kind_t kind)
{
    int k;
    for (k = 0; k < pw->n_rows; k++) {
        if (pw->kind[k] == kind) {
            return true;
        }
    }
    return false;
}

static void
print_needed(const rl_power_t *pw, int k, FILE *f)
{
    char buf[32];
    int need = rl_power_n_needed(pw, k);
    if (need < 0) {
        snprintf(buf, sizeof buf, "-");
    } else if (need == 0) {
        snprintf(buf, sizeof buf, "> %d", pw->design[pw->n_designs - 1].n);
    } else {
        snprintf(buf, sizeof buf, "%d", need);
    }
    fprintf(f, "  %9s", buf);
}

int
rl_power_print(const rl_power_t *self, FILE *f, rl_error_t *err)
{
    char label[256], head[32];
    rl_text_buf_t b1, b2; /* names escaped for the terminal (text_safe.h) */
    int j, k, varied = 0;

    fprintf(f, "Power: %s (%s)\n", rl_text_safe(self->claims->id, &b1),
        rl_text_safe(self->claims->path, &b2));
    fprintf(f, "  %d virtual studies per n (study r: seed %llu + r; nested cohorts: the n mice "
               "of a group are the first n of the largest), alpha %g, target %.0f %%\n",
        self->opt.replicates, (unsigned long long) self->opt.seed, self->opt.alpha,
        100.0 * self->opt.target);
    fprintf(f, "  rate in %% of studies [95 %% Wilson interval]; n needed: the smallest n from "
               "which the rate stays >= %.0f %%\n", 100.0 * self->opt.target);
    for (j = 0; j < self->n_designs; j++) {
        varied |= self->design[j].studies != self->opt.replicates;
    }
    if (varied) {
        fprintf(f, "  studies taken (sequential stopping at an interval width of %.3g):",
            self->opt.precision);
        for (j = 0; j < self->n_designs; j++) {
            fprintf(f, " n=%d: %d%s", self->design[j].n, self->design[j].studies,
                j + 1 < self->n_designs ? "," : "\n");
        }
    }
    fprintf(f, "\n%-6s %-62s %-11s", "check", "row (measure, groups)", "kind");
    for (j = 0; j < self->n_designs; j++) {
        snprintf(head, sizeof head, "n=%d", self->design[j].n);
        fprintf(f, " %-13s", head);
    }
    fprintf(f, "  %9s\n", "n needed");
    for (k = 0; k < self->n_rows; k++) {
        fprintf(f, "%-6.6s %-62.62s %-11s", rl_text_safe(rl_power_row_check(self, k)->id, &b1),
            rl_text_safe(rl_power_row_label(self, k, label, sizeof label), &b2),
            rl_power_kind_name(self->kind[k]));
        for (j = 0; j < self->n_designs; j++) {
            rl_power_cell_t c = rl_pw_cell(self, k, j);
            if (isnan(c.rate)) {
                fprintf(f, " %-13s", "-");
            } else {
                snprintf(head, sizeof head, "%3.0f [%.0f-%.0f]", 100.0 * c.rate, 100.0 * c.lo,
                    100.0 * c.hi);
                fprintf(f, " %-13s", head);
            }
        }
        print_needed(self, k, f);
        fputc('\n', f);
    }
    fputc('\n', f);
    for (j = 0; j <= (int) RL_POWER_DESCRIPTION; j++) { /* the kinds present, explained */
        if (has_kind(self, (rl_power_kind_t) j)) {
            fprintf(f, "  %s\n", rl_power_kind_text((rl_power_kind_t) j));
        }
    }
    if (ferror(f)) {
        return rl_error_set(err, RL_ERR_IO, NULL, 0, 0, "cannot write the report");
    }
    return 0;
}

/* ---- JSON --------------------------------------------------------------------------------- */

/* A JSON number (%.6g), or null for NaN. */
static void
json_num(FILE *f, double x)
{
    if (isfinite(x)) {
        fprintf(f, "%.6g", x);
    } else {
        fputs("null", f);
    }
}

static void
json_row(const rl_power_t *pw, int k, FILE *f)
{
    const rl_claim_check_t *c = rl_power_row_check(pw, k);
    const row_t *r = &pw->design[0].v->rows[k];
    char label[256];
    int j, need = rl_power_n_needed(pw, k);

    fputs("    {\"id\": ", f);
    rl_json_str(f, c->id);
    fputs(", \"claim\": ", f);
    rl_json_str(f, c->text);
    fputs(", \"label\": ", f);
    rl_json_str(f, rl_power_row_label(pw, k, label, sizeof label));
    fputs(", \"measure\": ", f);
    rl_json_str(f, c->measure.label);
    fprintf(f, ", \"test\": \"%s\", \"expect\": \"%s\", \"role\": \"%s\", \"kind\": \"%s\", ",
        rl_claim_test_name(c->test), rl_claim_expect_name(c->expect),
        rl_claim_role_name(c->role), rl_power_kind_name(pw->kind[k]));
    fputs("\"region\": ", f);
    if (r->region >= 0) {
        rl_json_str(f, rl_region_name(r->region));
    } else {
        fputs("null", f);
    }
    fputs(", \"n_needed\": ", f);
    if (need > 0) {
        fprintf(f, "%d", need);
    } else {
        fputs("null", f);
    }
    fprintf(f, ", \"target_reached\": %s,\n     \"cells\": [",
        need > 0 ? "true" : need == 0 ? "false" : "null");
    for (j = 0; j < pw->n_designs; j++) {
        rl_power_cell_t cell = rl_pw_cell(pw, k, j);
        fprintf(f, "%s\n      {\"n\": %d, \"studies\": %d, \"tested\": %d, \"hits\": %d, "
                   "\"rate\": ", j > 0 ? "," : "", cell.n, cell.studies, cell.tested, cell.hits);
        json_num(f, cell.rate);
        fputs(", \"lo\": ", f);
        json_num(f, cell.lo);
        fputs(", \"hi\": ", f);
        json_num(f, cell.hi);
        fputs(", \"effect\": ", f);
        json_num(f, cell.effect);
        fputs("}", f);
    }
    fputs("]}", f);
}

int
rl_power_print_json(const rl_power_t *self, FILE *f, rl_error_t *err)
{
    int j, k;
    fputs("{\"power\": {\"claims\": ", f);
    rl_json_str(f, self->claims->id);
    fputs(", \"path\": ", f);
    rl_json_str(f, self->claims->path);
    fprintf(f, ", \"seed\": %llu, \"replicates\": %d, \"alpha\": ",
        (unsigned long long) self->opt.seed, self->opt.replicates);
    json_num(f, self->opt.alpha);
    fputs(", \"target\": ", f);
    json_num(f, self->opt.target);
    fputs(", \"precision\": ", f);
    json_num(f, self->opt.precision > 0.0 ? self->opt.precision : NAN);
    fputs(", \"interval\": \"wilson95\", \"design\": \"nested\",\n  \"sizes\": [", f);
    for (j = 0; j < self->n_designs; j++) {
        fprintf(f, "%s%d", j > 0 ? ", " : "", self->design[j].n);
    }
    fputs("], \"studies\": [", f);
    for (j = 0; j < self->n_designs; j++) {
        fprintf(f, "%s%d", j > 0 ? ", " : "", self->design[j].studies);
    }
    fputs("],\n  \"rows\": [\n", f);
    for (k = 0; k < self->n_rows; k++) {
        json_row(self, k, f);
        fputs(k + 1 < self->n_rows ? ",\n" : "\n", f);
    }
    fputs("  ]}}\n", f);
    if (ferror(f)) {
        return rl_error_set(err, RL_ERR_IO, NULL, 0, 0, "cannot write the report");
    }
    return 0;
}

/* ---- CSV ---------------------------------------------------------------------------------- */

static void
csv_num(FILE *f, double x)
{
    fputc(',', f);
    if (isfinite(x)) {
        rl_csv_put_double(f, x);
    }
}

int
rl_power_print_csv(const rl_power_t *self, FILE *f, bool header, rl_error_t *err)
{
    char label[256];
    int j, k;
    if (header) {
        fputs("claims,check,row,label,test,expect,kind,n,studies,tested,hits,rate,rate_lo,"
              "rate_hi,effect,n_needed,target_reached\n", f);
    }
    for (k = 0; k < self->n_rows; k++) {
        const rl_claim_check_t *c = rl_power_row_check(self, k);
        int need = rl_power_n_needed(self, k);
        rl_power_row_label(self, k, label, sizeof label);
        for (j = 0; j < self->n_designs; j++) {
            rl_power_cell_t cell = rl_pw_cell(self, k, j);
            rl_csv_put_text(f, self->claims->id);
            fputc(',', f);
            rl_csv_put_text(f, c->id);
            fprintf(f, ",%d,", k + 1);
            rl_csv_put_text(f, label);
            fprintf(f, ",%s,%s,%s,%d,%d,%d,%d", rl_claim_test_name(c->test),
                rl_claim_expect_name(c->expect), rl_power_kind_name(self->kind[k]), cell.n,
                cell.studies, cell.tested, cell.hits);
            csv_num(f, cell.rate);
            csv_num(f, cell.lo);
            csv_num(f, cell.hi);
            csv_num(f, cell.effect);
            fputc(',', f);
            if (need > 0) {
                fprintf(f, "%d", need);
            }
            fprintf(f, ",%s\n", need > 0 ? "1" : need == 0 ? "0" : "");
        }
    }
    if (ferror(f)) {
        return rl_error_set(err, RL_ERR_IO, NULL, 0, 0, "cannot write the table");
    }
    return 0;
}
