/* solutions.h -- (internal) the palatable solutions a liquid reinforcer may deliver: one
** row of numbers each (docs/MODEL.md, "Liquid reinforcers"; docs/PROTOCOL.md,
** "type: liquid").
**
** A liquid reward goes through the same food-reward machinery as a pellet: its hedonic
** value per delivery (palatability, relative to the model's reference pellet = 1) scales the
** pellet's reward and phasic DA [LRN-1], [LRN-3], and its energy, in reference pellets,
** is what it adds to the within-session satiety [BEH-2]. A row gives the numbers from which
** both follow for a concentration and a delivery volume; the protocol layer turns them into
** the reinforcer's palatability and satiety per delivery, so the model sees numbers only.
*/
#ifndef RL_BIOLOGY_SOLUTIONS_H
#define RL_BIOLOGY_SOLUTIONS_H

#include <stddef.h>

/* Energy of the model's reference pellet (kcal): a 20-mg chocolate-flavoured precision
** pellet, the pellet of params.h food_satiety_pellets. */
#define RL_REFERENCE_PELLET_KCAL 0.07

typedef struct rl_solution {
    const char *name;           /* as written in protocols, e.g. "sucrose" */
    double kcal_per_g;          /* energy of the solute */
    double palatability_max;    /* hedonic value per delivery at saturating concentration,
                                ** relative to the reference pellet */
    double half_max_pct;        /* concentration (% w/v) of half the maximal palatability */
    double max_pct;             /* the highest concentration a protocol may give */
    const char *source;         /* where the numbers come from (with what is assumed) */
} rl_solution_t;

/* The row named name (exact match), or NULL. */
const rl_solution_t *rl_solution_find(const char *name);

/* Row i (0-based), NULL past the end: for listings and messages. */
const rl_solution_t *rl_solution_get(int i);

/* "sucrose, ..." into buf (cap bytes); returns buf. */
const char *rl_solution_names(char *buf, size_t cap);

/* Palatability of one delivery of s at concentration pct (% w/v) [LRN-1]:
** palatability_max * pct / (pct + half_max_pct). */
double rl_solution_palatability(const rl_solution_t *s, double pct);

/* Satiety of one delivery of volume_ul of s at pct (% w/v), in reference pellets [BEH-2]:
** its energy (volume x concentration x kcal_per_g) / RL_REFERENCE_PELLET_KCAL. */
double rl_solution_satiety(const rl_solution_t *s, double pct, double volume_ul);

#endif
