/* solutions.c -- the table of palatable solutions (see solutions.h) and what one delivery
** of each is worth to the food-reward machinery.
**
** Numbers and their sources. Energy: sucrose 3.87 kcal/g (USDA FoodData Central, "Sugars,
** granulated": 387 kcal/100 g). Reference pellet: 20 mg at ~3.5 kcal/g = 0.07 kcal (assumed:
** 20-mg precision pellets, chocolate-flavoured or grain-based, are 3.3-3.8 kcal/g by their
** makers' labels). Palatability: licking and preference for sucrose rise with concentration
** and level off in the tenths of molar in C57BL/6 mice (two-bottle preference, Bachmanov et
** al. 1996 Alcohol Clin Exp Res 20:201; brief-access licking saturates at 0.3-1 M); the
** half-maximal concentration is assumed at 4 % w/v (0.12 M). Relative to the reference
** chocolate pellet, a saturating sucrose solution is assumed equally palatable (1): both
** maintain high FR responding in mice and no direct comparison in one design is known to
** us -- an assumption a protocol can override with `palatability`.
*/
#include "biology/solutions.h"

#include <stdio.h>
#include <string.h>

static const rl_solution_t solutions[] = {
    {"sucrose", 3.87, 1.0, 4.0, 60.0,
        "energy: USDA FoodData Central (granulated sugar, 387 kcal/100 g); palatability: "
        "assumed saturating as licking and preference do in B6 mice (Bachmanov 1996), "
        "half-maximal at 4 % w/v (assumed), maximum = the reference chocolate pellet "
        "(assumed)"},
};

#define N_SOLUTIONS (sizeof solutions / sizeof solutions[0])

const rl_solution_t *
rl_solution_find(const char *name)
{
    size_t i;
    for (i = 0; name != NULL && i < N_SOLUTIONS; i++) {
        if (strcmp(solutions[i].name, name) == 0) {
            return &solutions[i];
        }
    }
    return NULL;
}

const rl_solution_t *
rl_solution_get(int i)
{
    return i >= 0 && (size_t) i < N_SOLUTIONS ? &solutions[i] : NULL;
}

const char *
rl_solution_names(char *buf, size_t cap)
{
    size_t i, len = 0;
    if (cap > 0) {
        buf[0] = '\0';
    }
    for (i = 0; i < N_SOLUTIONS && len < cap; i++) {
        int n = snprintf(buf + len, cap - len, "%s%s", i ? ", " : "", solutions[i].name);
        len += n > 0 ? (size_t) n : 0;
    }
    return buf;
}

double
rl_solution_palatability(const rl_solution_t *s, double pct)
{
    return s->palatability_max * pct / (pct + s->half_max_pct); /* [LRN-1] */
}

double
rl_solution_satiety(const rl_solution_t *s, double pct, double volume_ul)
{
    /* [BEH-2] volume_ul uL = volume_ul / 1000 mL, pct g per 100 mL */
    double grams = volume_ul / 1000.0 * pct / 100.0;
    return grams * s->kcal_per_g / RL_REFERENCE_PELLET_KCAL;
}
