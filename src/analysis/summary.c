/* summary.c -- per-group, per-phase summary of a cohort (see summary.h).
**
** Keeps only each mouse's subject x phase rows of the measures module (measures.h; counts
** only, never events), so it can run alongside a simulation of any size, and prints their
** group means +/- SEM (rl_mean_sem) as `relapselab run`'s table.
*/
#include "relapselab/summary.h"
#include "core/alloc.h"
#include "core/text_safe.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct rl_summary {
    const rl_protocol_t *protocol;
    int total;
    int *group_of;               /* per subject */
    rl_subject_phase_t *rows;    /* total x RL_MAX_PHASES; rows[..].phase_index -1 = absent */
    rl_measures_work_t *work;
};

static rl_subject_phase_t *
row_of(const rl_summary_t *self, int subject, int ph)
{
    return &self->rows[(size_t) subject * RL_MAX_PHASES + (size_t) ph];
}

int
rl_summary_create(const rl_protocol_t *protocol, rl_summary_t **out, rl_error_t *err)
{
    rl_summary_t *s = rl_calloc(1, sizeof *s);
    size_t i;
    int g, k, j;
    *out = NULL;
    if (s == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    s->protocol = protocol;
    s->total = rl_protocol_n_subjects(protocol);
    s->group_of = rl_calloc((size_t) s->total + 1, sizeof *s->group_of);
    s->rows = rl_calloc(((size_t) s->total + 1) * RL_MAX_PHASES, sizeof *s->rows);
    s->work = rl_measures_work_new();
    if (s->group_of == NULL || s->rows == NULL || s->work == NULL) {
        rl_summary_free(s);
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    for (i = 0; i < ((size_t) s->total + 1) * RL_MAX_PHASES; i++) {
        s->rows[i].phase_index = -1;
    }
    for (g = 0, j = 0; g < protocol->n_groups; g++) {
        for (k = 0; k < protocol->groups[g].n; k++) {
            s->group_of[j++] = g;
        }
    }
    *out = s;
    return 0;
}

void
rl_summary_free(rl_summary_t *self)
{
    if (self != NULL) {
        free(self->group_of);
        free(self->rows);
        rl_measures_work_free(self->work);
        free(self);
    }
}

int
rl_summary_add(rl_summary_t *self, int subject_id, int group, const rl_session_result_t *s,
    size_t n, rl_error_t *err)
{
    const rl_protocol_t *p = self->protocol;
    rl_subject_phase_t rows[RL_MAX_PHASES];
    int n_rows, k, ret;
    if (subject_id < 0 || subject_id >= self->total || group < 0 || group >= p->n_groups) {
        return rl_error_set(err, RL_ERR_INTERNAL, NULL, 0, 0, "subject id %d out of range",
            subject_id);
    }
    ret = rl_measures_subject(&p->procedures[p->groups[group].procedure], s, n, subject_id,
        group, RL_MEASURES_COUNTS_ONLY, self->work, NULL, rows, &n_rows, err);
    for (k = 0; ret == 0 && k < n_rows; k++) {
        *row_of(self, subject_id, rows[k].phase_index) = rows[k];
    }
    return ret;
}

/* Mean +/- SEM of measure k over the mice of group g that ran phase ph. */
static rl_mean_sem_t
stat(const rl_summary_t *self, int g, int ph, int k, double *buf)
{
    int i, n = 0;
    for (i = 0; i < self->total; i++) {
        const rl_subject_phase_t *r = row_of(self, i, ph);
        if (self->group_of[i] == g && r->phase_index == ph) {
            buf[n++] = r->v[k];
        }
    }
    return rl_mean_sem(buf, n);
}

static void
print_ms(FILE *f, rl_mean_sem_t x)
{
    fprintf(f, " %7.1f ± %-5.1f", x.mean, x.sem);
}

int
rl_summary_print(const rl_summary_t *self, FILE *f, rl_error_t *err)
{
    const rl_protocol_t *p = self->protocol;
    double *buf = rl_malloc(((size_t) self->total + 1) * sizeof *buf);
    int g, ph, i;
    if (buf == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    fprintf(f, "%-20s %-18s %3s %15s %15s %15s  %s\n", "group", "phase", "n",
        "active", "inactive", "reinforcers", "phase measures (mean ± SEM over mice)");
    for (g = 0; g < p->n_groups; g++) {
        const rl_procedure_t *proc = &p->procedures[p->groups[g].procedure];
        for (ph = 0; ph < proc->n_phases; ph++) {
            const rl_phase_t *phase = &proc->phases[ph];
            rl_mean_sem_t a = stat(self, g, ph, RL_M_SESSIONS, buf);
            rl_text_buf_t gb, pb; /* names escaped for the terminal (text_safe.h) */
            int met = 0, n = 0;
            for (i = 0; i < self->total; i++) {
                const rl_subject_phase_t *r = row_of(self, i, ph);
                if (self->group_of[i] == g && r->phase_index == ph) {
                    n++;
                    met += r->v[RL_M_CRITERION_MET] == 1.0;
                }
            }
            fprintf(f, "%-20s %-18s %3d", ph == 0 ? rl_text_safe(p->groups[g].name, &gb) : "",
                rl_text_safe(phase->name, &pb), a.n);
            if (RL_PHASE_IS_PLACE(phase->kind)) { /* no operandum */
                fprintf(f, " %7s   %-5s %7s   %-5s %7s   %-5s", "n/a", "", "n/a", "", "n/a", "");
            } else {
                print_ms(f, stat(self, g, ph, RL_M_ACTIVE, buf));
                print_ms(f, stat(self, g, ph, RL_M_INACTIVE, buf));
                print_ms(f, stat(self, g, ph, RL_M_REINFORCERS, buf));
            }
            fputs("  ", f);
            if (phase->kind == RL_PHASE_PLACE_TEST) {
                rl_mean_sem_t t = stat(self, g, ph, RL_M_PLACE_PAIRED_S, buf);
                rl_mean_sem_t c = stat(self, g, ph, RL_M_PLACE_SCORE_S, buf);
                fprintf(f, "paired side: %.0f ± %.0f s; CPP score: %.0f ± %.0f s", t.mean,
                    t.sem, c.mean, c.sem);
                if (phase->sessions > 1) {
                    rl_mean_sem_t l = stat(self, g, ph, RL_M_PLACE_LAST_SCORE_S, buf);
                    fprintf(f, " (last test %.0f ± %.0f s)", l.mean, l.sem);
                }
            } else if (phase->kind == RL_PHASE_PLACE_CONDITIONING) {
                fprintf(f, "%s", phase->pairing.with_drug ? "confined: drug / saline pairings"
                    : "confined: saline in both compartments");
            } else if (phase->kind == RL_PHASE_ACQUISITION && phase->criterion.type != RL_CRITERION_NONE) {
                fprintf(f, "criteria met: %.0f%%", n > 0 ? 100.0 * met / n : 0.0);
            } else if (phase->schedule.type == RL_SCHEDULE_PR) {
                rl_mean_sem_t b = stat(self, g, ph, RL_M_BREAKPOINT, buf);
                fprintf(f, "breakpoint: %.1f ± %.1f", b.mean, b.sem);
            } else if (phase->criterion.type == RL_CRITERION_EXTINCTION) {
                {
                    rl_mean_sem_t s = stat(self, g, ph, RL_M_SESSIONS, buf);
                    rl_mean_sem_t l = stat(self, g, ph, RL_M_LAST_ACTIVE, buf);
                    fprintf(f, "sessions: %.1f ± %.1f (%d/%d met); last %d: %.1f ± %.1f",
                        s.mean, s.sem, met, n, phase->criterion.consecutive, l.mean, l.sem);
                }
            }
            fputc('\n', f);
        }
    }
    free(buf);
    return 0;
}
