/* background.h -- genetic backgrounds (inbred strains) as documented parameter sets.
**
** A genotype (genotype.h) says which gene is missing; a background says on which strain.
** Strains differ in many genes at once, so a background is not a gene product: it is a
** set of multipliers of population parameter values (params.h), each with its source,
** applied to a group's mice before their individual variation is drawn. C57BL/6J is the
** reference (the parameter table describes it): its set is empty. The knockout rule is
** untouched: genotype and background are separate tables, and no code outside
** background.c knows a strain's name.
*/
#ifndef RELAPSELAB_BACKGROUND_H
#define RELAPSELAB_BACKGROUND_H

#include <stddef.h>

#include "relapselab/api.h"
#include "relapselab/error.h"
#include "relapselab/params.h"

#define RL_BACKGROUND_MAX_FACTORS 8

/* One parameter of a background: population value x factor. */
typedef struct rl_background_factor {
    const char *param;       /* a name of the parameter table */
    double factor;
    const char *source;
} rl_background_factor_t;

typedef struct rl_background {
    const char *name;        /* as written in protocols: "C57BL/6J", "129S6/SvEv" */
    const char *aliases[3];  /* other spellings ("B6", "129") */
    const char *description;
    int n_factors;
    rl_background_factor_t factors[RL_BACKGROUND_MAX_FACTORS];
} rl_background_t;

/* Index of the background called name (name or alias, exact), or -1. */
RL_API int rl_background_find(const char *name);

/* Number of backgrounds, and entry i (NULL when out of range). */
RL_API int rl_background_count(void);
RL_API const rl_background_t *rl_background_get(int i);

/* The backgrounds' names, ", "-separated, into buf (cap bytes, cut if longer); returns buf. */
RL_API const char *rl_background_names(char *buf, size_t cap);

/* p's values times background i's factors, each result clipped to the parameter's
** plausible range. Returns 0, or RL_ERR_INTERNAL (a factor names an unknown parameter). */
RL_API int rl_background_apply(int i, rl_params_t *p, rl_error_t *err);

#endif
