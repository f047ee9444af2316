/* test_params.c -- the basis column of the parameter table (params.h).
**
** Every row has one of the four bases, the names round-trip, the counts per basis add up to
** the table, and the basis agrees with what the row's source text says: a source that
** begins "calibrated" is a calibrated value, a source that says "assumed" is never read as
** measured or derived, and a calibrated value's source says how it was set ("calibrated"
** or "chosen"). Other parameter-table checks (ranges, units, docs/MODEL.md) are in
** test_model.c.
*/
#include <stdio.h>
#include <string.h>

#include "relapselab/params.h"
#include "testlib.h"

static void
basis_names(void)
{
    int b;
    for (b = 0; b < RL_PARAM_BASIS_COUNT; b++) {
        const char *name = rl_param_basis_name((rl_param_basis_t) b);
        CHECK(name != NULL && name[0] != '\0');
        if (name != NULL) {
            CHECK(rl_param_basis_find(name) == b);
        }
    }
    CHECK(strcmp(rl_param_basis_name(RL_BASIS_MEASURED), "measured") == 0);
    CHECK(strcmp(rl_param_basis_name(RL_BASIS_DERIVED), "derived") == 0);
    CHECK(strcmp(rl_param_basis_name(RL_BASIS_CALIBRATED), "calibrated") == 0);
    CHECK(strcmp(rl_param_basis_name(RL_BASIS_ASSUMED), "assumed") == 0);
    CHECK(rl_param_basis_name((rl_param_basis_t) RL_PARAM_BASIS_COUNT) == NULL);
    CHECK(rl_param_basis_name((rl_param_basis_t) -1) == NULL);
    CHECK(rl_param_basis_find("fitted") == -1);
    CHECK(rl_param_basis_find("Calibrated") == -1); /* names are exact, lower case */
    CHECK(rl_param_basis_find("") == -1);
}

static void
every_row_has_a_basis(void)
{
    size_t i, n[RL_PARAM_BASIS_COUNT] = {0}, total = 0;
    int b;
    for (i = 0; i < rl_param_count(); i++) {
        const rl_param_info_t *p = rl_param_info(i);
        int ok = (unsigned) p->basis < RL_PARAM_BASIS_COUNT;
        if (!ok) {
            fprintf(stderr, "%s: basis %d is not a basis\n", p->name, (int) p->basis);
        }
        CHECK(ok);
        if (ok) {
            n[p->basis]++;
        }
    }
    for (b = 0; b < RL_PARAM_BASIS_COUNT; b++) {
        total += n[b];
    }
    CHECK(total == rl_param_count());
    /* The table's calibrated values are what tools/sensitivity.sh perturbs: there are some
    ** (the model is calibrated, docs/VALIDATION.md), and some values are not. */
    CHECK(n[RL_BASIS_CALIBRATED] > 0 && n[RL_BASIS_CALIBRATED] < rl_param_count());
}

static void
basis_agrees_with_source(void)
{
    size_t i;
    for (i = 0; i < rl_param_count(); i++) {
        const rl_param_info_t *p = rl_param_info(i);
        int says_calibrated = strncmp(p->source, "calibrated", 10) == 0;
        int says_assumed = strstr(p->source, "assumed") != NULL;
        int says_how = strstr(p->source, "calibrated") != NULL
            || strstr(p->source, "chosen") != NULL;
        int ok = (!says_calibrated || p->basis == RL_BASIS_CALIBRATED)
            && (!says_assumed || p->basis == RL_BASIS_ASSUMED
                || p->basis == RL_BASIS_CALIBRATED)
            && (p->basis != RL_BASIS_CALIBRATED || says_how);
        if (!ok) {
            fprintf(stderr, "%s: basis %s does not agree with its source \"%s\"\n", p->name,
                rl_param_basis_name(p->basis), p->source);
        }
        CHECK(ok);
    }
    /* Known rows, read from their sources (params.h): a cited measured number, a computed
    ** value, a calibrated one, a stated assumption. */
    CHECK(rl_param_info((size_t) rl_param_find("coc_half_life_min"))->basis
        == RL_BASIS_MEASURED);
    CHECK(rl_param_info((size_t) rl_param_find("coc_uM_per_mg_kg"))->basis == RL_BASIS_DERIVED);
    CHECK(rl_param_info((size_t) rl_param_find("alpha_cue"))->basis == RL_BASIS_CALIBRATED);
    CHECK(rl_param_info((size_t) rl_param_find("crf_tau_min"))->basis == RL_BASIS_ASSUMED);
}

static const rl_test_case_t CASES[] = {
    {"basis_names", basis_names, 0},
    {"every_row_has_a_basis", every_row_has_a_basis, 0},
    {"basis_agrees_with_source", basis_agrees_with_source, 0},
};

RL_TEST_MAIN(CASES)
