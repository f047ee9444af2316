/* summary.h -- the lab's usual numbers per group and phase.
**
** Per mouse and phase: mean active and inactive pokes and reinforcers over the phase's
** sessions; whether the phase criterion was met; the PR breakpoint; the number of
** sessions to the extinction criterion; mean active pokes over the last extinction
** sessions (the criterion window). Per group: mean +/- SEM over mice, and the percentage
** meeting the criterion. Input is plain subject results, so the same code serves
** simulated and (later) imported data.
*/
#ifndef RELAPSELAB_SUMMARY_H
#define RELAPSELAB_SUMMARY_H

#include <stdbool.h>
#include <stdio.h>

#include "relapselab/error.h"
#include "relapselab/protocol.h"
#include "relapselab/subject.h"

/* One mouse in one phase. */
typedef struct rl_phase_measures {
    bool present;          /* the mouse ran this phase */
    int sessions;          /* sessions run */
    double active, inactive, reinforcers; /* means over sessions */
    bool criterion_met;    /* at any session of the phase */
    int first_met;         /* 1-based session at which it was first met, 0 if never */
    double breakpoint;     /* mean breakpoint (PR phases), else 0 */
    double last_active;    /* mean active pokes over the last `consecutive` sessions */
    double first_active;   /* active pokes in the first session */
    double place_paired_s; /* place tests: mean time in the drug-paired compartment, s */
    double place_score_s;  /* place tests: mean CPP score (paired - other), s */
    double place_last_score_s; /* place tests: CPP score of the phase's last test, s */
} rl_phase_measures_t;

/* Mean, SEM and n of a sample. */
typedef struct rl_mean_sem {
    double mean, sem;
    int n;
} rl_mean_sem_t;

typedef struct rl_summary rl_summary_t;

/* A summary for protocol (borrowed until rl_summary_free). */
int rl_summary_create(const rl_protocol_t *protocol, rl_summary_t **out, rl_error_t *err);
void rl_summary_free(rl_summary_t *self);

/* Add one mouse (any order). */
int rl_summary_add(rl_summary_t *self, const rl_subject_result_t *subject, rl_error_t *err);

/* Measures of one mouse in one phase from its sessions (helper, also used by tests). */
void rl_phase_measures(const rl_phase_t *phase, const rl_session_result_t *sessions,
    int n_sessions, int phase_index, rl_phase_measures_t *out);

/* Values of measure `field` (offset of a double in rl_phase_measures_t) over the mice of
** group g in phase ph, written to values (capacity cap); returns how many. */
int rl_summary_values(const rl_summary_t *self, int g, int ph, size_t field, double *values,
    int cap);

/* Mean +/- SEM of a sample (sem 0 when n < 2). */
rl_mean_sem_t rl_mean_sem(const double *x, int n);

/* Print the per-group, per-phase table to f. Returns 0 or RL_ERR_NOMEM (nothing printed). */
int rl_summary_print(const rl_summary_t *self, FILE *f, rl_error_t *err);

#endif
