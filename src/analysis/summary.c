/* summary.c -- per-group, per-phase summary of a cohort (see summary.h).
**
** Keeps only the per-mouse measures (a few doubles per mouse and phase), never events, so
** it can run alongside a simulation of any size. SEM is the sample SD / sqrt(n).
*/
#include "relapselab/summary.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct rl_summary {
    const rl_protocol_t *protocol;
    int total;
    int *group_of;               /* per subject */
    rl_phase_measures_t *m;      /* total x RL_MAX_PHASES */
    bool *seen;
};

rl_mean_sem_t
rl_mean_sem(const double *x, int n)
{
    rl_mean_sem_t r = {0.0, 0.0, n};
    double ss = 0.0;
    int i;
    if (n <= 0) {
        return r;
    }
    for (i = 0; i < n; i++) {
        r.mean += x[i];
    }
    r.mean /= n;
    if (n > 1) {
        for (i = 0; i < n; i++) {
            ss += (x[i] - r.mean) * (x[i] - r.mean);
        }
        r.sem = sqrt(ss / (n - 1)) / sqrt((double) n);
    }
    return r;
}

int
rl_summary_create(const rl_protocol_t *protocol, rl_summary_t **out, rl_error_t *err)
{
    rl_summary_t *s = calloc(1, sizeof *s);
    int g, k, i;
    *out = NULL;
    if (s == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    s->protocol = protocol;
    s->total = rl_protocol_n_subjects(protocol);
    s->group_of = calloc((size_t) s->total + 1, sizeof *s->group_of);
    s->m = calloc(((size_t) s->total + 1) * RL_MAX_PHASES, sizeof *s->m);
    s->seen = calloc((size_t) s->total + 1, sizeof *s->seen);
    if (s->group_of == NULL || s->m == NULL || s->seen == NULL) {
        rl_summary_free(s);
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    for (g = 0, i = 0; g < protocol->n_groups; g++) {
        for (k = 0; k < protocol->groups[g].n; k++) {
            s->group_of[i++] = g;
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
        free(self->m);
        free(self->seen);
        free(self);
    }
}

void
rl_phase_measures(const rl_phase_t *phase, const rl_session_result_t *sessions, int n_sessions,
    int phase_index, rl_phase_measures_t *out)
{
    int i, n = 0, last_k = phase->criterion.consecutive > 0 ? phase->criterion.consecutive : 3;
    int bp_n = 0;
    double last_sum = 0.0;
    int last_n = 0, seen = 0, total = 0;

    memset(out, 0, sizeof *out);
    for (i = 0; i < n_sessions; i++) {
        if (sessions[i].phase == phase_index) {
            total++;
        }
    }
    for (i = 0; i < n_sessions; i++) {
        const rl_session_result_t *s = &sessions[i];
        if (s->phase != phase_index) {
            continue;
        }
        n++;
        out->active += (double) s->active;
        out->inactive += (double) s->inactive;
        out->reinforcers += (double) s->reinforcers;
        if (n == 1) {
            out->first_active = (double) s->active;
        }
        out->place_paired_s += s->place_s[0];
        out->place_score_s += s->place_s[0] - s->place_s[1];
        out->place_last_score_s = s->place_s[0] - s->place_s[1];
        if (s->criterion_met && !out->criterion_met) {
            out->criterion_met = true;
            out->first_met = n;
        }
        if (s->breakpoint >= 0) {
            out->breakpoint += s->breakpoint;
            bp_n++;
        }
        seen++;
        if (seen > total - last_k) {
            last_sum += (double) s->active;
            last_n++;
        }
    }
    if (n == 0) {
        return;
    }
    out->present = true;
    out->sessions = n;
    out->active /= n;
    out->inactive /= n;
    out->reinforcers /= n;
    out->place_paired_s /= n;
    out->place_score_s /= n;
    out->breakpoint = bp_n > 0 ? out->breakpoint / bp_n : 0.0;
    out->last_active = last_n > 0 ? last_sum / last_n : 0.0;
}

int
rl_summary_add(rl_summary_t *self, const rl_subject_result_t *subject, rl_error_t *err)
{
    const rl_protocol_t *p = self->protocol;
    const rl_procedure_t *proc;
    int ph;
    if (subject->subject_id < 0 || subject->subject_id >= self->total) {
        return rl_error_set(err, RL_ERR_INTERNAL, NULL, 0, 0, "subject id %d out of range",
            subject->subject_id);
    }
    proc = &p->procedures[p->groups[subject->group].procedure];
    for (ph = 0; ph < proc->n_phases; ph++) {
        rl_phase_measures(&proc->phases[ph], subject->sessions, subject->n_sessions, ph,
            &self->m[(size_t) subject->subject_id * RL_MAX_PHASES + (size_t) ph]);
    }
    self->seen[subject->subject_id] = true;
    return 0;
}

int
rl_summary_values(const rl_summary_t *self, int g, int ph, size_t field, double *values, int cap)
{
    int i, n = 0;
    for (i = 0; i < self->total && n < cap; i++) {
        const rl_phase_measures_t *m = &self->m[(size_t) i * RL_MAX_PHASES + (size_t) ph];
        if (self->group_of[i] != g || !self->seen[i] || !m->present) {
            continue;
        }
        values[n++] = *(const double *) (const void *) ((const char *) m + field);
    }
    return n;
}

static rl_mean_sem_t
stat(const rl_summary_t *self, int g, int ph, size_t field, double *buf)
{
    int n = rl_summary_values(self, g, ph, field, buf, self->total);
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
    double *buf = malloc(((size_t) self->total + 1) * sizeof *buf);
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
            rl_mean_sem_t a = stat(self, g, ph, offsetof(rl_phase_measures_t, active), buf);
            int met = 0, n = 0;
            for (i = 0; i < self->total; i++) {
                const rl_phase_measures_t *m = &self->m[(size_t) i * RL_MAX_PHASES + (size_t) ph];
                if (self->group_of[i] == g && self->seen[i] && m->present) {
                    n++;
                    met += m->criterion_met;
                }
            }
            fprintf(f, "%-20s %-18s %3d", ph == 0 ? p->groups[g].name : "", phase->name, a.n);
            if (RL_PHASE_IS_PLACE(phase->kind)) { /* no operandum */
                fprintf(f, " %7s   %-5s %7s   %-5s %7s   %-5s", "n/a", "", "n/a", "", "n/a", "");
            } else {
                print_ms(f, a);
                print_ms(f, stat(self, g, ph, offsetof(rl_phase_measures_t, inactive), buf));
                print_ms(f, stat(self, g, ph, offsetof(rl_phase_measures_t, reinforcers), buf));
            }
            fputs("  ", f);
            if (phase->kind == RL_PHASE_PLACE_TEST) {
                rl_mean_sem_t t =
                    stat(self, g, ph, offsetof(rl_phase_measures_t, place_paired_s), buf);
                rl_mean_sem_t c =
                    stat(self, g, ph, offsetof(rl_phase_measures_t, place_score_s), buf);
                fprintf(f, "paired side: %.0f ± %.0f s; CPP score: %.0f ± %.0f s", t.mean,
                    t.sem, c.mean, c.sem);
                if (phase->sessions > 1) {
                    rl_mean_sem_t l = stat(self, g, ph,
                        offsetof(rl_phase_measures_t, place_last_score_s), buf);
                    fprintf(f, " (last test %.0f ± %.0f s)", l.mean, l.sem);
                }
            } else if (phase->kind == RL_PHASE_PLACE_CONDITIONING) {
                fprintf(f, "%s", phase->pairing.with_drug ? "confined: drug / saline pairings"
                    : "confined: saline in both compartments");
            } else if (phase->kind == RL_PHASE_ACQUISITION && phase->criterion.type != RL_CRITERION_NONE) {
                fprintf(f, "criteria met: %.0f%%", n > 0 ? 100.0 * met / n : 0.0);
            } else if (phase->schedule.type == RL_SCHEDULE_PR) {
                rl_mean_sem_t b = stat(self, g, ph, offsetof(rl_phase_measures_t, breakpoint), buf);
                fprintf(f, "breakpoint: %.1f ± %.1f", b.mean, b.sem);
            } else if (phase->criterion.type == RL_CRITERION_EXTINCTION) {
                int k = 0;
                for (i = 0; i < self->total; i++) {
                    const rl_phase_measures_t *m =
                        &self->m[(size_t) i * RL_MAX_PHASES + (size_t) ph];
                    if (self->group_of[i] == g && self->seen[i] && m->present) {
                        buf[k++] = m->sessions;
                    }
                }
                {
                    rl_mean_sem_t s = rl_mean_sem(buf, k);
                    rl_mean_sem_t l =
                        stat(self, g, ph, offsetof(rl_phase_measures_t, last_active), buf);
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
