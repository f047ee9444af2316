/* store_subject.c -- from a simulated mouse (subject.h) to store records.
**
** The one place that turns an rl_subject_result_t into the store's plain records: the
** parameter table names its individual parameters, then the sessions follow in order. Used
** by `relapselab run` and by the benchmark, so both write the same rows; `run` writes with
** its cancel flag, checked before each session.
*/
#include "relapselab/params.h"
#include "relapselab/store.h"
#include "cohort/subject.h"
#include "core/alloc.h"

#include <stdlib.h>

int
rl_store_write_subject_result(rl_store_t *self, const rl_subject_result_t *s, rl_error_t *err)
{
    return rl_store_write_subject_result_until(self, s, NULL, err);
}

int
rl_store_write_subject_result_until(rl_store_t *self, const rl_subject_result_t *s,
    const atomic_int *cancel, rl_error_t *err)
{
    size_t i, n = rl_param_count();
    rl_named_value_t *params = rl_malloc(n * sizeof *params);
    rl_subject_record_t rec;
    int k, ret;

    if (params == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    for (i = 0; i < n; i++) {
        params[i].name = rl_param_info(i)->name;
        params[i].value = rl_params_get(&s->params, i);
    }
    rec.subject_id = s->subject_id;
    rec.group = s->group;
    rec.index_in_group = s->index_in_group;
    rec.n_params = n;
    rec.params = params;
    rec.name = NULL;
    ret = rl_store_write_subject(self, &rec, err);
    for (k = 0; ret == 0 && k < s->n_sessions; k++) {
        if (cancel != NULL && atomic_load(cancel)) {
            ret = rl_error_set(err, RL_ERR_INTERRUPTED, NULL, 0, 0, "interrupted");
        } else {
            ret = rl_store_write_session(self, &s->sessions[k], err);
        }
    }
    free(params);
    return ret;
}
