/* calibrate_report.c -- the reports of a calibration (calibrate.h): the text report (the
** search, the best evaluations, the confirmation on fresh studies, the best point as --set
** options, every row at the reference and at the best point -- on the fresh studies when
** there was a confirmation --, the hold-out comparison) and the JSON document (every
** evaluation; field names in docs/CALIBRATION.md). In JSON, parameter values are written
** in the fewest digits (15 to 17) that read back exactly; losses and rates with 8 and 6
** digits.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/params.h"

#include "core/alloc.h"
#include "calibrate_internal.h"
#include "core/json_out.h"
#include "core/text_safe.h"

/* ---- the best point as options ---------------------------------------------------------- */

void
rl_calibration_best_settings(const rl_calibration_t *self, char *buf, size_t n)
{
    const cal_eval_t *e = &self->evals[self->best];
    size_t used = 0;
    int k, prec;

    if (n == 0) {
        return;
    }
    buf[0] = '\0';
    for (k = 0; k < self->n_dims; k++) {
        const rl_cal_dim_t *d = &self->dims[k];
        char val[40];
        for (prec = 6; prec <= 17; prec++) {
            double back;
            snprintf(val, sizeof val, "%.*g", prec, e->x[k]);
            back = strtod(val, NULL);
            if (back >= d->lo && back <= d->hi) {
                break;
            }
        }
        if (used < n) {
            int w = snprintf(buf + used, n - used, " --set %s=%s", d->name, val);
            used += w > 0 ? (size_t) w : 0;
        }
    }
}

/* ---- text --------------------------------------------------------------------------------- */

static const char *
dir_text(rl_cal_dir_t dir, double target, double high, char *buf, size_t n)
{
    if (dir == RL_CAL_INFO) {
        snprintf(buf, n, "(info)");
    } else if (dir == RL_CAL_RANGE) {
        snprintf(buf, n, "%g-%g", target, high);
    } else {
        snprintf(buf, n, "%s%.0f %%", dir == RL_CAL_AT_LEAST ? ">=" : "<=", 100.0 * target);
    }
    return buf;
}

/* The target rows of set s: the rates of evaluation a (reference) and b (best) side by
** side, per file with its losses; rows without a target are only counted (the JSON has
** them). */
static void
print_set(const cal_set_t *s, const cal_eval_t *a, const cal_eval_t *b, FILE *f)
{
    double ta = 0.0, tb = 0.0;
    rl_text_buf_t b1, b2; /* paths, ids and labels escaped for the terminal (text_safe.h) */
    int fi, k;
    for (fi = 0; fi < s->n; fi++) {
        int info = 0;
        fprintf(f, "  %-60s loss %.4f -> %.4f\n", rl_text_safe(s->claims[fi]->path, &b1),
            a->file_loss[fi], b->file_loss[fi]);
        ta += a->file_loss[fi];
        tb += b->file_loss[fi];
        for (k = 0; k < s->n_rows; k++) {
            char t[32];
            if (s->rows[k].file != fi || (s->dir[k] == RL_CAL_INFO && ++info)) {
                continue;
            }
            if (s->dir[k] == RL_CAL_RANGE) { /* a magnitude: its value, not a rate */
                fprintf(f, "    %-6s %-56.56s %-7s %6.3g -> %6.3g\n", "mag.",
                    rl_text_safe(s->rows[k].label, &b2),
                    dir_text(s->dir[k], s->target[k], s->high[k], t, sizeof t), a->rate[k],
                    b->rate[k]);
                continue;
            }
            fprintf(f, "    %-6s %-56.56s %-7s %4.0f %% -> %4.0f %%\n",
                rl_text_safe(s->rows[k].id, &b1), rl_text_safe(s->rows[k].label, &b2),
                dir_text(s->dir[k], s->target[k], s->high[k], t, sizeof t),
                100.0 * a->rate[k], 100.0 * b->rate[k]);
        }
        if (info > 0) {
            fprintf(f, "    (%d row%s without a target, not in the loss)\n", info,
                info == 1 ? "" : "s");
        }
    }
    fprintf(f, "  %-60s loss %.4f -> %.4f\n", "total", ta, tb);
}

static void
print_search(const rl_calibration_t *self, FILE *f)
{
    const cal_set_t *s = &self->calib;
    fprintf(f, "Calibration of %d parameter%s on %d claims file%s: %d virtual stud%s per file "
               "and evaluation (seeds %llu..%llu, the same for every evaluation).\n",
        self->n_dims, self->n_dims == 1 ? "" : "s", s->n, s->n == 1 ? "" : "s",
        self->replicates, self->replicates == 1 ? "y" : "ies",
        (unsigned long long) self->seed,
        (unsigned long long) (self->seed + (uint64_t) self->replicates - 1));
    fprintf(f, "Search: point 0 (the reference values) + %d Latin-hypercube point%s", self->design,
        self->design == 1 ? "" : "s");
    if (self->local_iter > 0) {
        fprintf(f, "; Nelder-Mead (GSL nmsimplex2, logit coordinates) from evaluation %d: %d "
                   "iteration%s, stopped by %s (simplex size %.3g, tolerance %.3g)",
            self->local_start, self->local_iters, self->local_iters == 1 ? "" : "s",
            strcmp(self->local_stop, "size") == 0 ? "the simplex size"
                : strcmp(self->local_stop, "iterations") == 0 ? "the iteration limit"
                                                               : "a lack of progress",
            self->local_size, self->tol);
    }
    fprintf(f, ". %d evaluation%s.\n", self->n_evals, self->n_evals == 1 ? "" : "s");
    if (self->n_conf > 0) {
        fprintf(f, "Confirmation: the reference and the %d best search point%s evaluated again "
                   "over %d virtual stud%s per file on seeds %llu..%llu, which the search did "
                   "not use; the best point is the lowest loss there.\n",
            self->n_conf - 1, self->n_conf == 2 ? "" : "s", self->confirm_replicates,
            self->confirm_replicates == 1 ? "y" : "ies",
            (unsigned long long) self->confirm_seed,
            (unsigned long long) (self->confirm_seed + (uint64_t) self->confirm_replicates - 1));
    }
    fputc('\n', f);
}

/* The confirmation's table: each point's loss in the search and on the fresh studies. */
static void
print_confirm(const rl_calibration_t *self, FILE *f)
{
    int i;
    fprintf(f, "\nConfirmation (loss in the search -> on the fresh studies; * the best point):"
               "\n%5s %-9s %4s %10s %10s\n", "eval", "stage", "step", "search", "fresh");
    for (i = 0; i < self->n_conf; i++) {
        const cal_eval_t *e = &self->evals[self->conf_of[i]];
        fprintf(f, "%5d %-9s %4d %10.4f %10.4f%s\n", self->conf_of[i],
            rl_cal_stage_name(e->stage), e->step, e->loss, self->conf[i].loss,
            self->conf_of[i] == self->best ? " *" : "");
    }
    if (self->best != self->search_best) {
        fprintf(f, "The search's lowest loss, evaluation %d, is not the lowest on the fresh "
                   "studies.\n", self->search_best);
    }
}

/* The confirmation of evaluation i, or NULL. */
static const cal_eval_t *
confirmed(const rl_calibration_t *self, int i)
{
    int k;
    for (k = 0; k < self->n_conf; k++) {
        if (self->conf_of[k] == i) {
            return &self->conf[k];
        }
    }
    return NULL;
}

static void
print_params(const rl_calibration_t *self, FILE *f)
{
    const cal_eval_t *ref = &self->evals[0], *best = &self->evals[self->best];
    int k;
    fprintf(f, "%-26s %-22s %-7s %12s %12s\n", "parameter", "range", "scale", "reference",
        "best");
    for (k = 0; k < self->n_dims; k++) {
        const rl_cal_dim_t *d = &self->dims[k];
        char range[64];
        snprintf(range, sizeof range, "[%g, %g]", d->lo, d->hi);
        fprintf(f, "%-26s %-22s %-7s %12.6g %12.6g\n", d->name, range,
            d->log ? "log" : "linear", ref->x[k], best->x[k]);
    }
    fputc('\n', f);
}

static int
print_top(const rl_calibration_t *self, FILE *f, int top)
{
    int *order = rl_calloc((size_t) self->n_evals, sizeof *order);
    int i, k, n;
    if (order == NULL) {
        return -1;
    }
    rl_cal_by_loss(self->evals, self->n_evals, order);
    n = top > 0 && top < self->n_evals ? top : self->n_evals;
    fprintf(f, "Best evaluations (%d of %d, lowest loss first):\n%5s %-9s %4s %10s", n,
        self->n_evals, "eval", "stage", "step", "loss");
    for (k = 0; k < self->n_dims; k++) {
        fprintf(f, " %*s", (int) (strlen(self->dims[k].name) > 10 ? strlen(self->dims[k].name)
                                                                   : 10), self->dims[k].name);
    }
    fputc('\n', f);
    for (i = 0; i < n; i++) {
        const cal_eval_t *e = &self->evals[order[i]];
        fprintf(f, "%5d %-9s %4d %10.4f", order[i], rl_cal_stage_name(e->stage), e->step,
            e->loss);
        for (k = 0; k < self->n_dims; k++) {
            int w = (int) (strlen(self->dims[k].name) > 10 ? strlen(self->dims[k].name) : 10);
            fprintf(f, " %*.4g", w, e->x[k]);
        }
        fputc('\n', f);
    }
    free(order);
    return 0;
}

int
rl_calibration_print(const rl_calibration_t *self, FILE *f, int top, rl_error_t *err)
{
    const cal_eval_t *best = &self->evals[self->best];
    char set[RL_CALIBRATE_MAX_PARAMS * 80], what[64];

    print_search(self, f);
    print_params(self, f);
    if (print_top(self, f, top) != 0) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    rl_calibration_best_settings(self, set, sizeof set);
    if (best->stage == CAL_REFERENCE) {
        snprintf(what, sizeof what, "the reference values");
    } else if (best->stage == CAL_DESIGN) {
        snprintf(what, sizeof what, "design point %d", best->step);
    } else {
        snprintf(what, sizeof what, "local search, iteration %d", best->step);
    }
    if (self->n_conf > 0) {
        const cal_eval_t *cb = confirmed(self, self->best), *cr = &self->conf[0];
        print_confirm(self, f);
        fprintf(f, "\nBest point: evaluation %d (%s), loss on the fresh studies %.4f "
                   "(reference %.4f), in the search %.4f (reference %.4f):\n %s\n",
            self->best, what, cb->loss, cr->loss, best->loss, self->evals[0].loss, set);
        fprintf(f, "\nCalibration files, on the fresh studies (rate at the reference -> at "
                   "the best point):\n");
        print_set(&self->calib, cr, cb, f);
    } else {
        fprintf(f, "\nBest point: evaluation %d (%s), loss %.4f (reference %.4f):\n %s\n",
            self->best, what, best->loss, self->evals[0].loss, set);
        fprintf(f, "\nCalibration files (rate at the reference -> at the best point):\n");
        print_set(&self->calib, &self->evals[0], best, f);
    }
    if (self->have_hold) {
        fprintf(f, "\nHold-out files, not used in the search (rate at the reference -> at the "
                   "best point):\n");
        print_set(&self->hold, &self->hold_ref, &self->hold_best, f);
    }
    if (ferror(f)) {
        return rl_error_set(err, RL_ERR_IO, NULL, 0, 0, "cannot write the report");
    }
    return 0;
}

/* ---- JSON ----------------------------------------------------------------------------------- */


/* A number in format fmt, or null when not finite. */
static void
json_num(FILE *f, const char *fmt, double x)
{
    if (isfinite(x)) {
        fprintf(f, fmt, x);
    } else {
        fputs("null", f);
    }
}

/* A parameter value in the shortest of %.15g, %.16g, %.17g that reads back exactly. */
static void
json_exact(FILE *f, double x)
{
    char buf[40];
    int prec;
    if (!isfinite(x)) {
        fputs("null", f);
        return;
    }
    for (prec = 15; prec < 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, x);
        if (strtod(buf, NULL) == x) {
            break;
        }
    }
    snprintf(buf, sizeof buf, "%.*g", prec, x);
    fputs(buf, f);
}

/* [v0, v1, ...] in format fmt, or exactly (json_exact) when fmt is NULL. */
static void
json_array(FILE *f, const char *fmt, const double *v, int n)
{
    int k;
    fputc('[', f);
    for (k = 0; k < n; k++) {
        fputs(k > 0 ? ", " : "", f);
        if (fmt == NULL) {
            json_exact(f, v[k]);
        } else {
            json_num(f, fmt, v[k]);
        }
    }
    fputc(']', f);
}

/* "files": [...], "rows": [...] of set s. */
static void
json_set(FILE *f, const cal_set_t *s, const char *indent)
{
    static const char *const dirs[] = {"info", "at_least", "at_most", "range"};
    int k;
    fprintf(f, "%s\"files\": [", indent);
    for (k = 0; k < s->n; k++) {
        fputs(k > 0 ? ", " : "", f);
        rl_json_str(f, s->claims[k]->path);
    }
    fprintf(f, "],\n%s\"rows\": [\n", indent);
    for (k = 0; k < s->n_rows; k++) {
        fprintf(f, "%s  {\"file\": %d, \"id\": ", indent, s->rows[k].file);
        rl_json_str(f, s->rows[k].id);
        fputs(", \"label\": ", f);
        rl_json_str(f, s->rows[k].label);
        fprintf(f, ", \"direction\": \"%s\", \"target\": ", dirs[s->dir[k]]);
        json_num(f, "%.6g", s->target[k]);
        if (s->dir[k] == RL_CAL_RANGE) {
            fputs(", \"high\": ", f);
            json_num(f, "%.6g", s->high[k]);
        }
        fprintf(f, "}%s\n", k + 1 < s->n_rows ? "," : "");
    }
    fprintf(f, "%s],\n", indent);
}

/* {"loss": .., "file_loss": [..], "rates": [..]} of e over set s. */
static void
json_losses(FILE *f, const cal_eval_t *e, const cal_set_t *s)
{
    fputs("\"loss\": ", f);
    json_num(f, "%.8g", e->loss);
    fputs(", \"file_loss\": ", f);
    json_array(f, "%.8g", e->file_loss, s->n);
    fputs(", \"rates\": ", f);
    json_array(f, "%.6g", e->rate, s->n_rows);
}

static void
json_params(FILE *f, const rl_calibration_t *self)
{
    int k;
    fputs("  \"parameters\": [\n", f);
    for (k = 0; k < self->n_dims; k++) {
        const rl_cal_dim_t *d = &self->dims[k];
        fputs("    {\"name\": ", f);
        rl_json_str(f, d->name);
        fputs(", \"lo\": ", f);
        json_exact(f, d->lo);
        fputs(", \"hi\": ", f);
        json_exact(f, d->hi);
        fprintf(f, ", \"scale\": \"%s\", \"reference\": ", d->log ? "log" : "linear");
        json_exact(f, self->evals[0].x[k]);
        fputs(", \"best\": ", f);
        json_exact(f, self->evals[self->best].x[k]);
        fprintf(f, "}%s\n", k + 1 < self->n_dims ? "," : "");
    }
    fputs("  ],\n", f);
}

static void
json_evals(FILE *f, const rl_calibration_t *self)
{
    int i;
    fputs("  \"evaluations\": [\n", f);
    for (i = 0; i < self->n_evals; i++) {
        const cal_eval_t *e = &self->evals[i];
        fprintf(f, "    {\"index\": %d, \"stage\": \"%s\", \"step\": %d, \"values\": ", i,
            rl_cal_stage_name(e->stage), e->step);
        json_array(f, NULL, e->x, self->n_dims);
        fputs(", ", f);
        json_losses(f, e, &self->calib);
        fprintf(f, "}%s\n", i + 1 < self->n_evals ? "," : "");
    }
    fputs("  ],\n", f);
}

int
rl_calibration_print_json(const rl_calibration_t *self, FILE *f, rl_error_t *err)
{
    char set[RL_CALIBRATE_MAX_PARAMS * 80];

    fprintf(f, "{\n  \"replicates\": %d,\n  \"seed\": %llu,\n  \"design\": %d,\n"
               "  \"local_iterations_max\": %d,\n  \"tolerance\": %.6g,\n", self->replicates,
        (unsigned long long) self->seed, self->design, self->local_iter, self->tol);
    json_params(f, self);
    json_set(f, &self->calib, "  ");
    json_evals(f, self);
    rl_calibration_best_settings(self, set, sizeof set);
    fprintf(f, "  \"best\": {\"evaluation\": %d, \"loss\": ", self->best);
    json_num(f, "%.8g", self->evals[self->best].loss);
    fputs(", \"set\": ", f);
    rl_json_str(f, set[0] == ' ' ? set + 1 : set);
    fputs("},\n  \"local\": ", f);
    if (self->local_start >= 0) {
        fprintf(f, "{\"start\": %d, \"iterations\": %d, \"size\": ", self->local_start,
            self->local_iters);
        json_num(f, "%.6g", self->local_size);
        fprintf(f, ", \"stop\": \"%s\"}", self->local_stop);
    } else {
        fputs("null", f);
    }
    fputs(",\n  \"confirmation\": ", f);
    if (self->n_conf > 0) {
        int i;
        fprintf(f, "{\"replicates\": %d, \"seed\": %llu, \"top\": %d, \"chosen\": %d, "
                   "\"search_best\": %d, \"points\": [\n", self->confirm_replicates,
            (unsigned long long) self->confirm_seed, self->confirm_top, self->best,
            self->search_best);
        for (i = 0; i < self->n_conf; i++) {
            fprintf(f, "    {\"evaluation\": %d, \"search_loss\": ", self->conf_of[i]);
            json_num(f, "%.8g", self->evals[self->conf_of[i]].loss);
            fputs(", ", f);
            json_losses(f, &self->conf[i], &self->calib);
            fprintf(f, "}%s\n", i + 1 < self->n_conf ? "," : "");
        }
        fputs("  ]}", f);
    } else {
        fputs("null", f);
    }
    fputs(",\n  \"holdout\": ", f);
    if (self->have_hold) {
        fputs("{\n", f);
        json_set(f, &self->hold, "    ");
        fputs("    \"reference\": {", f);
        json_losses(f, &self->hold_ref, &self->hold);
        fputs("},\n    \"best\": {", f);
        json_losses(f, &self->hold_best, &self->hold);
        fputs("}\n  }", f);
    } else {
        fputs("null", f);
    }
    fputs("\n}\n", f);
    if (ferror(f)) {
        return rl_error_set(err, RL_ERR_IO, NULL, 0, 0, "cannot write the report");
    }
    return 0;
}
