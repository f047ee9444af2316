/* background.c -- the one table of genetic backgrounds (see background.h).
**
** The 129 set is small and its magnitudes are assumptions: the directions come from
** strain surveys (129 substrains are less active in novel places, more anxious and more
** reactive to stress than C57BL/6J, and respond less to psychostimulants), the sizes are
** not fitted to any data. Knockout lines made in 129 embryonic stem cells and kept on a
** mixed 129 x C57BL/6 background sit between the two.
*/
#include "relapselab/background.h"

#include <stdio.h>
#include <string.h>

#define STRESS_SRC "assumed size; direction: 129 substrains are more anxious and " \
    "stress-reactive than C57BL/6J (Crawley et al. 1997 Psychopharmacology 132:107)"
#define ACTIVITY_SRC "assumed size; direction: 129 substrains are hypoactive in novel " \
    "environments (Crawley et al. 1997; Bothe et al. 2004 Genes Brain Behav 3:149)"
#define STIM_SRC "assumed size and direction: smaller psychostimulant responses in 129 " \
    "substrains than in C57BL/6J (strain surveys; not checked against self-administration)"

static const rl_background_t backgrounds[] = {
    {"C57BL/6J", {"B6", "C57BL/6", "B6J"},
        "reference strain: the parameter table describes it", 0, {{NULL, 0.0, NULL}}},
    {"129S6/SvEv", {"129", "129S6", "129/SvEv"},
        "129 substrain (embryonic-stem-cell donor of most knockout lines)", 6,
        {{"crf_dyn_gain", 1.5, STRESS_SRC},
            {"crf_da_gain", 1.5, STRESS_SRC},
            {"crf_want_gain", 1.5, STRESS_SRC},
            {"explore_per_min", 0.6, ACTIVITY_SRC},
            {"place_switch_per_min", 0.6, ACTIVITY_SRC},
            {"da_release_nM_per_s", 0.85, STIM_SRC}}},
    {"B6;129 mixed", {"mixed", "B6129", "129;B6"},
        "mixed C57BL/6 x 129 background of many knockout lines: half-way (geometric mean)",
        6,
        {{"crf_dyn_gain", 1.22, "geometric mean of C57BL/6J and 129S6/SvEv"},
            {"crf_da_gain", 1.22, "geometric mean of C57BL/6J and 129S6/SvEv"},
            {"crf_want_gain", 1.22, "geometric mean of C57BL/6J and 129S6/SvEv"},
            {"explore_per_min", 0.77, "geometric mean of C57BL/6J and 129S6/SvEv"},
            {"place_switch_per_min", 0.77, "geometric mean of C57BL/6J and 129S6/SvEv"},
            {"da_release_nM_per_s", 0.92, "geometric mean of C57BL/6J and 129S6/SvEv"}}},
};

#define N_BACKGROUNDS ((int) (sizeof backgrounds / sizeof backgrounds[0]))

int
rl_background_count(void)
{
    return N_BACKGROUNDS;
}

const rl_background_t *
rl_background_get(int i)
{
    return i >= 0 && i < N_BACKGROUNDS ? &backgrounds[i] : NULL;
}

int
rl_background_find(const char *name)
{
    int i, k;
    if (name == NULL) {
        return -1;
    }
    for (i = 0; i < N_BACKGROUNDS; i++) {
        if (strcmp(backgrounds[i].name, name) == 0) {
            return i;
        }
        for (k = 0; k < 3 && backgrounds[i].aliases[k] != NULL; k++) {
            if (strcmp(backgrounds[i].aliases[k], name) == 0) {
                return i;
            }
        }
    }
    return -1;
}

int
rl_background_apply(int i, rl_params_t *p, rl_error_t *err)
{
    const rl_background_t *b = rl_background_get(i);
    int k;
    if (b == NULL) {
        return rl_error_set(err, RL_ERR_INTERNAL, NULL, 0, 0, "background %d: no such entry", i);
    }
    for (k = 0; k < b->n_factors; k++) {
        int j = rl_param_find(b->factors[k].param);
        const rl_param_info_t *info;
        double *v;
        if (j < 0) {
            return rl_error_set(err, RL_ERR_INTERNAL, NULL, 0, 0,
                "background %s: unknown parameter %s", b->name, b->factors[k].param);
        }
        info = rl_param_info((size_t) j);
        v = (double *) (void *) ((char *) p + info->offset);
        *v *= b->factors[k].factor;
        if (*v < info->lo) {
            *v = info->lo;
        } else if (*v > info->hi) {
            *v = info->hi;
        }
    }
    return 0;
}

const char *
rl_background_names(char *buf, size_t cap)
{
    size_t len = 0;
    int i;
    buf[0] = '\0';
    for (i = 0; i < N_BACKGROUNDS && len < cap; i++) {
        len += (size_t) snprintf(buf + len, cap - len, "%s%s", i ? ", " : "",
            backgrounds[i].name);
    }
    return buf;
}
