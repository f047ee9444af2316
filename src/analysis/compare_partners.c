/* compare_partners.c -- which group is a group's wild-type partner (see compare.h,
** rl_compare_partners): by genotype (a wild-type genotype of the same line, sex, procedure
** and reinforcer), or, for groups without a genotype, by name (the mutant's name with one
** word replaced by "WT", e.g. "Oprm1 KO" and "Oprm1 WT").
**
** Design. Pure functions of the dataset's group table; a group with no single candidate
** (none or two) has no partner (-1), never an error.
*/
#include "relapselab/compare.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

static bool
is_sep(char ch)
{
    return ch == ' ' || ch == '-' || ch == '_' || ch == '.' || ch == '/' || ch == ':';
}

static bool
is_wt_word(const char *s, size_t n)
{
    return n == 2 && tolower((unsigned char) s[0]) == 'w' && tolower((unsigned char) s[1]) == 't';
}

static bool
is_wild_type(const char *genotype)
{
    size_t n = genotype != NULL ? strlen(genotype) : 0;
    return genotype != NULL
        && (is_wt_word(genotype, n) || strcasecmp(genotype, "wild type") == 0
            || strcasecmp(genotype, "wild-type") == 0 || strcasecmp(genotype, "wildtype") == 0
            || (n >= 3 && strcmp(genotype + n - 3, "+/+") == 0));
}

/* Position of a word "WT" in name at or after *from (a word: bounded by the ends or by
** separators), or -1. */
static long
wt_word_at(const char *name, size_t from)
{
    size_t n = strlen(name), i;
    for (i = from; i + 2 <= n; i++) {
        if ((i == 0 || is_sep(name[i - 1])) && (i + 2 == n || is_sep(name[i + 2]))
            && is_wt_word(name + i, 2)) {
            return (long) i;
        }
    }
    return -1;
}

/* Whether wild-type name w is mutant name g with one word replaced by "WT". */
static bool
names_pair(const char *g, const char *w)
{
    size_t lg = strlen(g), lw = strlen(w);
    long i;
    if (wt_word_at(g, 0) >= 0) {
        return false; /* g is itself a wild type */
    }
    for (i = wt_word_at(w, 0); i >= 0; i = wt_word_at(w, (size_t) i + 1)) {
        size_t pre = (size_t) i, suf = lw - pre - 2;
        if (lg > pre + suf && strncmp(g, w, pre) == 0 && strcmp(g + lg - suf, w + pre + 2) == 0) {
            return true;
        }
    }
    return false;
}

static bool
same_text(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* The one group w that can be g's wild type, or -1. */
static int
partner_of(const rl_dataset_t *ds, int g)
{
    const rl_ds_group_t *x = &ds->groups[g];
    bool by_genotype = x->genotype != NULL;
    int w, found = -1;
    if (by_genotype && (is_wild_type(x->genotype) || x->line == NULL || x->line[0] == '\0')) {
        return -1;
    }
    for (w = 0; w < ds->n_groups; w++) {
        const rl_ds_group_t *y = &ds->groups[w];
        bool fits = w != g && y->procedure_id == x->procedure_id
            && y->reinforcer_id == x->reinforcer_id;
        if (fits && by_genotype) {
            fits = is_wild_type(y->genotype) && same_text(x->line, y->line)
                && same_text(x->sex, y->sex);
        } else if (fits) {
            fits = x->name != NULL && y->name != NULL && names_pair(x->name, y->name);
        }
        if (fits) {
            if (found >= 0) {
                return -1; /* two candidates: no single wild type */
            }
            found = w;
        }
    }
    return found;
}

int
rl_compare_partners(const rl_dataset_t *ds, int *partner)
{
    int g, n = 0;
    for (g = 0; g < ds->n_groups; g++) {
        partner[g] = partner_of(ds, g);
        n += partner[g] >= 0;
    }
    return n;
}
