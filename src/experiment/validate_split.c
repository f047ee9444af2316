/* validate_split.c -- validate's studies split across ranks (split.h, validate_internal.h).
**
** A study's whole contribution to a validation is small: per row, how much it added to
** tested, holds, higher and lower and the effect it appended (a row takes at most one
** effect per study); per calibration entry, the hits and comparisons it added; per
** magnitude, whether it had a value, that value and its reference (relative_to) value. Each rank runs its block of studies,
** keeping one record of these per study (doubles: every count is exact), and gathers them
** on rank 0, which clears the accumulators and replays the records in study order: the
** same integer sums, the same effects in the same order, and the same floating-point sums
** of magnitudes in the same order as a single process. The first study's details
** (row->rep_a, study1) are written by study 0 itself, which runs on rank 0.
*/
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "validate_internal.h"

enum { ROW_FIELDS = 5, CALIB_FIELDS = 2, MAG_FIELDS = 3 };

static size_t
record_len(const rl_validation_t *v)
{
    return (size_t) v->n_rows * ROW_FIELDS + (size_t) v->n_calib * CALIB_FIELDS
        + (size_t) v->claims->n_magnitudes * MAG_FIELDS;
}

/* Run study r and write what it added into rec (record_len doubles). */
static int
record_study(rl_validation_t *v, const rl_validate_options_t *opt, int r, double *rec,
    rl_error_t *err)
{
    int k, ret, n_mag = v->claims->n_magnitudes;
    double *x;
    for (k = 0; k < v->n_rows; k++) { /* before: the running counts */
        const row_t *row = &v->rows[k];
        x = rec + (size_t) k * ROW_FIELDS;
        x[0] = row->tested;
        x[1] = row->holds;
        x[2] = row->higher;
        x[3] = row->lower;
    }
    for (k = 0; k < v->n_calib; k++) {
        x = rec + (size_t) v->n_rows * ROW_FIELDS + (size_t) k * CALIB_FIELDS;
        x[0] = v->calib[k].hits;
        x[1] = v->calib[k].tested;
    }
    for (k = 0; k < n_mag; k++) {
        v->magnitude[k] = 0.0; /* so that the sum after the study is the study's value */
        v->magnitude_ref[k] = 0.0;
        v->magnitude_n[k] = 0;
    }
    if ((ret = rl_v_run_study(v, opt, r, err)) != 0) {
        return ret;
    }
    for (k = 0; k < v->n_rows; k++) {
        const row_t *row = &v->rows[k];
        x = rec + (size_t) k * ROW_FIELDS;
        if (row->tested - (int) x[0] > 1) {
            return rl_error_set(err, RL_ERR_INTERNAL, NULL, 0, 0,
                "validate: a row took %d effects from one study", row->tested - (int) x[0]);
        }
        x[4] = row->tested > (int) x[0] ? row->effect[row->tested - 1] : 0.0;
        x[0] = row->tested - x[0];
        x[1] = row->holds - x[1];
        x[2] = row->higher - x[2];
        x[3] = row->lower - x[3];
    }
    for (k = 0; k < v->n_calib; k++) {
        x = rec + (size_t) v->n_rows * ROW_FIELDS + (size_t) k * CALIB_FIELDS;
        x[0] = v->calib[k].hits - x[0];
        x[1] = v->calib[k].tested - x[1];
    }
    for (k = 0; k < n_mag; k++) {
        x = rec + (size_t) v->n_rows * ROW_FIELDS + (size_t) v->n_calib * CALIB_FIELDS
            + (size_t) k * MAG_FIELDS;
        x[0] = v->magnitude_n[k];
        x[1] = v->magnitude[k];
        x[2] = v->magnitude_ref[k];
    }
    return 0;
}

/* Rank 0: clear the accumulators and add the n records of all in study order. */
static void
replay(rl_validation_t *v, const double *all, int n)
{
    size_t len = record_len(v);
    int s, k;
    for (k = 0; k < v->n_rows; k++) {
        v->rows[k].tested = v->rows[k].holds = v->rows[k].higher = v->rows[k].lower = 0;
    }
    for (k = 0; k < v->n_calib; k++) {
        v->calib[k].hits = v->calib[k].tested = 0;
    }
    for (k = 0; k < v->claims->n_magnitudes; k++) {
        v->magnitude[k] = v->magnitude_ref[k] = 0.0;
        v->magnitude_n[k] = 0;
    }
    for (s = 0; s < n; s++) {
        const double *rec = all + (size_t) s * len, *x;
        for (k = 0; k < v->n_rows; k++) {
            row_t *row = &v->rows[k];
            x = rec + (size_t) k * ROW_FIELDS;
            if (x[0] > 0.0) {
                row->effect[row->tested] = x[4];
            }
            row->tested += (int) x[0];
            row->holds += (int) x[1];
            row->higher += (int) x[2];
            row->lower += (int) x[3];
        }
        for (k = 0; k < v->n_calib; k++) {
            x = rec + (size_t) v->n_rows * ROW_FIELDS + (size_t) k * CALIB_FIELDS;
            v->calib[k].hits += (int) x[0];
            v->calib[k].tested += (int) x[1];
        }
        for (k = 0; k < v->claims->n_magnitudes; k++) {
            x = rec + (size_t) v->n_rows * ROW_FIELDS + (size_t) v->n_calib * CALIB_FIELDS
                + (size_t) k * MAG_FIELDS;
            if (x[0] > 0.0) {
                v->magnitude[k] += x[1];
                v->magnitude_ref[k] += x[2];
                v->magnitude_n[k] += (int) x[0];
            }
        }
    }
}

int
rl_v_run_split(rl_validation_t *v, const rl_validate_options_t *opt, rl_error_t *err)
{
    const rl_split_t *sp = opt->split;
    size_t len = record_len(v);
    rl_progress_info_t info;
    double *mine, *all = NULL;
    int lo, hi, r, ret = 0;

    rl_split_range(sp, v->replicates, &lo, &hi);
    memset(&info, 0, sizeof info);
    info.total = hi - lo;
    info.unit = "studies";
    mine = rl_calloc((size_t) (hi - lo) * len + 1, sizeof *mine);
    if (sp->rank == 0) {
        all = rl_calloc((size_t) v->replicates * len + 1, sizeof *all);
    }
    if (mine == NULL || (sp->rank == 0 && all == NULL)) {
        free(mine);
        free(all);
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    for (r = lo; r < hi && ret == 0; r++) {
        ret = record_study(v, opt, r, mine + (size_t) (r - lo) * len, err);
        info.done = r - lo + 1;
        rl_progress_report(&opt->progress, &info);
    }
    if (ret == 0 && (ret = sp->gather(sp->ctx, mine, (size_t) (hi - lo) * len * sizeof *mine,
            all, sp->rank == 0 ? (size_t) v->replicates * len * sizeof *all : 0)) != 0) {
        rl_error_set(err, ret, NULL, 0, 0, "validate: gathering the studies of %d ranks "
            "failed", sp->size);
    }
    if (ret == 0 && sp->rank == 0) {
        replay(v, all, v->replicates);
    }
    free(mine);
    free(all);
    return ret;
}
