/* power_internal.h -- the state of a power sweep, shared by power.c (the sweep),
** power_report.c (text, JSON, CSV) and the unit tests, which feed synthetic mice to the
** same evaluation (rl_pw_study). Not a public header.
*/
#ifndef RL_EXPERIMENT_POWER_INTERNAL_H
#define RL_EXPERIMENT_POWER_INTERNAL_H

#include <stdbool.h>

#include "relapselab/power.h"
#include "validate_internal.h"

/* One design: n mice per group. Its validation holds validate's rows for the claims file,
** evaluated on the first n mice of every group. */
typedef struct pw_design {
    int n;
    bool active;                /* still taking studies (sequential stopping) */
    int studies;                /* studies taken */
    rl_validation_t *v;         /* rows; mice borrowed from the sweep, n_mice = n * groups */
    int *hits, *tested;         /* per row, over the design's studies */
    double *effect_sum;         /* per row, over the tested studies */
} pw_design_t;

/* What one study gave one row of one design. */
typedef struct pw_outcome {
    unsigned char tested, hit;
    double effect;              /* the row's effect in the study (when tested) */
} pw_outcome_t;

struct rl_power {
    const rl_claims_t *claims;  /* as given (the simulation uses its protocol) */
    rl_claims_t *sweep;         /* a copy: protocol `protocol`, alpha resolved */
    rl_protocol_t *protocol;    /* a copy of the claims' protocol, every group at n_max
                                   (its source text not copied) */
    rl_power_options_t opt;     /* as run: alpha and target resolved */
    int n_groups, n_max;
    mouse_t *mice;              /* n_groups * n_max: mouse k of group g at k * n_groups + g,
                                   so the first n mice of every group are mice[0..n * G) */
    int n_rows;
    rl_power_kind_t *kind;      /* per row */
    int n_designs;
    pw_design_t design[RL_POWER_MAX_SIZES];
    pw_outcome_t *outcome;      /* one study: [design * n_rows + row] */
    bool counted[RL_POWER_MAX_SIZES]; /* one study: the designs that took it */
    int *before;                /* scratch: a design's row counts before a study */
    int studies;                /* studies run */
    int64_t sessions, events;   /* simulated */
};

/* A sweep of claims ready to take studies (nothing simulated): options checked (RL_ERR_INVALID
** naming the option), designs and rows built. *out NULL on error. */
int rl_pw_new(const rl_claims_t *claims, const rl_power_options_t *opt, rl_power_t **out,
    rl_error_t *err);

/* The largest n of a design still taking studies (0 when none). */
int rl_pw_n_active_max(const rl_power_t *pw);

/* The next study: pw->mice holds its first rl_pw_n_active_max() mice of every group. Tests every
** row of every active design on its first n mice (validate's tests), records the outcomes
** (pw->outcome, pw->counted), then adds them to the designs (rl_pw_accumulate). */
void rl_pw_study(rl_power_t *pw);

/* For a split sweep (split.h): pw->mice holds all n_max mice of every group of study s;
** test every design, active or not, as study s, into pw->outcome (nothing accumulated). */
void rl_pw_study_all(rl_power_t *pw, int s);

/* Add one study's outcomes (pw->outcome, pw->counted) to the designs, in study order, and
** stop the designs whose intervals are all narrower than the precision. Kept apart from
** the evaluation so that studies computed elsewhere (other processes) can be added here in
** order. */
void rl_pw_accumulate(rl_power_t *pw);

/* Wilson 95 % interval of hits / studies; rate NaN for a row without a rate
** (RL_POWER_DESCRIPTION). */
rl_power_cell_t rl_pw_cell(const rl_power_t *pw, int row, int j);

#endif
