/* compare.h -- comparisons between groups: the lab's standard tests, phase by phase, on any
** results database (`relapselab summary DB --compare`, the report's "Group comparisons").
**
** Design. The input is a dataset (dataset.h) and its measures (measures.h) -- a simulation
** or imported chamber data alike; nothing here knows the simulator. The tests are those of
** stats.h (the code and the R-checked answers `relapselab validate` uses): Welch's t-test
** with Hedges' g and the 95 % interval of the difference, the one-way ANOVA, and the mixed
** (split-plot) ANOVA with partial eta squared and the Greenhouse-Geisser correction.
**
** Which groups are compared (docs/ANALYSIS.md, "Group comparisons"). Groups are compared
** phase by phase within a block: the groups of one procedure when it has two or more;
** groups alone in their procedure are pooled into a block with the other lone groups of
** the same reinforcer whose procedures have the same phases (names and kinds, in order) --
** the design of one procedure per treatment. Within a block, one rule:
**   RL_CMP_TWO    the block has two groups: one comparison, the second against the first
**                 (a mutant against its wild type when they pair, below);
**   RL_CMP_PAIRS  every group of the block is a mutant with its own wild type or the
**                 wild type of one: each mutant against its wild type (rl_compare_partners:
**                 same line, reinforcer, procedure and sex, genotype WT; or, for data
**                 without genotypes, names that differ only in a "WT" word, e.g.
**                 Oprm1-KO-cocaine and Oprm1-WT-cocaine). Holm's adjustment runs over the
**                 mutants that share one wild type (a family of one is its own p);
**   RL_CMP_ALL    otherwise (three or more groups): a one-way ANOVA over all the groups,
**                 then every pair by Welch's t-test with Holm's adjustment over the pairs;
**                 the mixed ANOVAs take all the groups at once.
** What is compared, per phase (on each mouse's value, measures.h):
**   acquisition, progressive ratio, other kinds that deliver: reinforcers per session
**     (intake), Welch or one-way ANOVA; progressive ratio also the breakpoint;
**   acquisition and extinction: active responses per session, group x session mixed
**     ANOVA over the first k sessions of the phase, k the fewest any compared mouse ran
**     (at least 2);
**   reinstatement: active responses in the extinction baseline and in the test, group x
**     test mixed ANOVA;
**   place tests: the CPP score, Welch or one-way ANOVA.
** A comparison that cannot be made (fewer than two mice in a group, fewer than two common
** sessions) is left out with a note.
*/
#ifndef RELAPSELAB_COMPARE_H
#define RELAPSELAB_COMPARE_H

#include <stddef.h>
#include <stdio.h>

#include "relapselab/api.h"
#include "relapselab/dataset.h"
#include "relapselab/error.h"
#include "relapselab/measures.h"

/* The rule of a block (above). */
typedef enum rl_cmp_rule {
    RL_CMP_NONE = 0,    /* a group alone: nothing to compare */
    RL_CMP_TWO,
    RL_CMP_PAIRS,
    RL_CMP_ALL
} rl_cmp_rule_t;

typedef enum rl_cmp_test {
    RL_CMP_WELCH = 0,   /* Welch's t-test of group_a against group_b */
    RL_CMP_ANOVA1,      /* one-way ANOVA over the block's groups that ran the phase */
    RL_CMP_MIXED        /* group (between) x sessions or baseline/test (within) */
} rl_cmp_test_t;

/* The effect of an ANOVA row. */
typedef enum rl_cmp_term {
    RL_CMP_TERM_NONE = 0,       /* a t-test */
    RL_CMP_TERM_GROUP,          /* between groups */
    RL_CMP_TERM_LEVEL,          /* within: session, or baseline vs test */
    RL_CMP_TERM_INTERACTION     /* group x level */
} rl_cmp_term_t;

/* What a mixed ANOVA's within factor is. */
typedef enum rl_cmp_within {
    RL_CMP_WITHIN_NONE = 0,
    RL_CMP_WITHIN_SESSION,      /* the phase's sessions 1 .. levels */
    RL_CMP_WITHIN_TEST          /* extinction baseline, reinstatement test */
} rl_cmp_within_t;

/* One result. NaN where a field does not apply. */
typedef struct rl_cmp_row {
    int block;                  /* index in rl_comparisons_t.blocks */
    int procedure;              /* the block's procedure (index in ds->procedures) */
    int phase_index;            /* in that procedure (and every procedure of the block) */
    int measure;                /* rl_measure_t compared (RL_M_ACTIVE for the mixed ANOVAs) */
    int within;                 /* rl_cmp_within_t */
    int levels;                 /* within: sessions (k) or 2; 0 otherwise */
    int test;                   /* rl_cmp_test_t */
    int term;                   /* rl_cmp_term_t */
    int group_a, group_b;       /* Welch: a against b; a pair's mixed ANOVA: its two groups
                                ** (a the mutant or later group); -1: all the block's groups
                                ** that ran the phase (n_groups of them) */
    int n_groups;               /* groups in the test */
    int n;                      /* mice in the test */
    int n_a, n_b;               /* mice of group_a and group_b; 0 for all groups */
    double mean_a, mean_b;      /* Welch: group means */
    double diff, lo, hi;        /* Welch: mean_a - mean_b and its 95 % interval */
    double stat;                /* t (Welch) or F */
    double df, df_error;        /* t: df (df_error NaN); F: effect and error df */
    double p;                   /* two-sided; uncorrected */
    double p_gg;                /* mixed ANOVA within terms over > 2 sessions: the
                                ** Greenhouse-Geisser corrected p (= p otherwise) */
    double gg_epsilon;          /* ... and the epsilon (NaN for other rows) */
    double p_holm;              /* Welch: Holm-adjusted within its family (the rule) */
    int family;                 /* Welch: the size of that family */
    double effect;              /* Welch: Hedges' g; ANOVA: partial eta squared */
} rl_cmp_row_t;

/* A block: groups compared with each other. */
typedef struct rl_cmp_block {
    char *name;                 /* its procedure's name, or the names of the pooled
                                ** procedures joined by " / " */
    int procedure;              /* its (first) procedure: its phases name the rows */
    int n_procedures;           /* 1, or the number of procedures pooled */
    int rule;                   /* rl_cmp_rule_t */
    int n_groups;               /* groups in the block */
} rl_cmp_block_t;

typedef struct rl_comparisons {
    int n_blocks;
    rl_cmp_block_t *blocks;     /* in the order of their first group */
    int n_groups;
    int *block_of;              /* per group: its block, or -1 (a group without sessions) */
    int *partner;               /* per group: its wild type (rl_compare_partners) or -1 */
    size_t n_rows;
    rl_cmp_row_t *rows;         /* by block, phase, then measure */
    size_t n_notes;
    char **notes;               /* comparisons left out, and why ("cocaine, extinction: ...") */
} rl_comparisons_t;

/* The wild-type partner of every group of ds: partner[g] (ds->n_groups values) is the
** index of g's own wild type, or -1 (g is itself wild type, or has no single one). With
** genotypes recorded (simulations): the one group of genotype "WT" (or "wild type",
** "+/+") with g's line, reinforcer, procedure and sex. Without (imports): the one group of
** the same reinforcer and procedure whose name is g's with one word -- separated by
** space, '-', '_', '.', '/' or ':' -- replaced by "WT" (any case). Returns the number of
** groups with a partner. */
RL_API int rl_compare_partners(const rl_dataset_t *ds, int *partner);

/* Compute every comparison of ds (m computed from ds). On success returns 0 and *out owns
** the result; on failure (RL_ERR_NOMEM) *out is NULL and err says so. */
RL_API int rl_compare_compute(const rl_dataset_t *ds, const rl_measures_t *m,
    rl_comparisons_t **out, rl_error_t *err);

/* Release c and all it owns. NULL is allowed. */
RL_API void rl_comparisons_free(rl_comparisons_t *c);

/* Names: "two", "pairs", "all", "none"; one sentence saying what the rule compares;
** "welch", "anova", "mixed_anova"; "group", "session" / "test", "group x session" /
** "group x test" (NULL for a t-test's term). */
RL_API const char *rl_cmp_rule_name(int rule);
RL_API const char *rl_cmp_rule_text(int rule);
RL_API const char *rl_cmp_test_name(int test);
RL_API const char *rl_cmp_term_name(const rl_cmp_row_t *row);

/* Output (compare_print.c): a readable table per block and phase; a JSON document;
** compare.csv in dir (created if missing; written to compare.csv.tmp and renamed;
** RL_ERR_IO or RL_ERR_NOMEM naming the file). Columns and fields: docs/ANALYSIS.md. */
RL_API void rl_compare_print(const rl_dataset_t *ds, const rl_comparisons_t *c, FILE *f);
RL_API void rl_compare_json(const rl_dataset_t *ds, const rl_comparisons_t *c, FILE *f);
RL_API int rl_compare_write_csv(const rl_dataset_t *ds, const rl_comparisons_t *c,
    const char *dir, rl_error_t *err);

#endif
