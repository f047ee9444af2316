/* validate.h -- does the seed study's phenotype matrix emerge? (`relapselab validate`)
**
** Runs a protocol R times as independent virtual studies (study r uses seed + r), applies
** the lab's analysis to each, and reports per claim of BRIEF section 1 how often it holds at
** p < 0.05 in the stated direction, the effect size across studies (mean and 95 % interval
** of Hedges' g, KO - WT), and group means +/- SEM of the first study. Null claims (food, and
** differences the study did not report) report how often a difference appears. Knockout
** groups are paired with the wild-type group of the same line and reinforcer; claims whose
** groups are missing from the protocol are reported as not applicable.
**
** Tests (docs/VALIDATION.md):
**   acquisition  -- share of KO mice meeting the acquisition criteria (S1: >= 50 % in every line)
**   breakpoint   -- Student's t-test on PR breakpoints
**   extinction   -- Student's t-test on sessions to the extinction criterion
**   reinstatement-- genotype x test mixed ANOVA on active pokes (mean of the last extinction
**                   sessions vs the reinstatement test); the claim concerns the interaction
**   intake       -- Student's t-test on reinforcers in the last 3 acquisition sessions
** S8 (c-Fos): per region, Student's t-test on the reinstatement session's activity index.
*/
#ifndef RELAPSELAB_VALIDATE_H
#define RELAPSELAB_VALIDATE_H

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#include "relapselab/api.h"
#include "relapselab/error.h"
#include "relapselab/params.h"
#include "relapselab/progress.h"
#include "relapselab/protocol.h"

typedef struct rl_validation rl_validation_t;

typedef struct rl_validate_options {
    int replicates;               /* >= 1 */
    uint64_t seed;                /* study r uses seed + r */
    int threads;                  /* worker threads per study */
    const rl_params_t *params;    /* population values, NULL = the parameter table */
    const atomic_int *cancel;     /* non-zero stops the run; may be NULL */
    rl_progress_t progress;       /* after each virtual study (unit "studies") */
} rl_validate_options_t;

/* Run the validation. The protocol is borrowed until rl_validation_free(). Returns 0, or an
** error (RL_ERR_INTERRUPTED if cancelled) with err set; *out is NULL on error. */
RL_API int rl_validate_run(const rl_protocol_t *protocol, const rl_validate_options_t *opt,
    rl_validation_t **out, rl_error_t *err);

/* The report as a table (text) or as JSON. */
RL_API void rl_validation_print(const rl_validation_t *self, FILE *f);
RL_API void rl_validation_print_json(const rl_validation_t *self, FILE *f);

/* Number of claims that miss their target: findings of the study (S1-S7) below 80 %, and
** null comparisons -- food (S7) and differences the study did not report (N) -- showing a
** difference in more than 10 % of studies. Secondary analyses are not counted. */
RL_API int rl_validation_failures(const rl_validation_t *self);

RL_API void rl_validation_free(rl_validation_t *self);

#endif
