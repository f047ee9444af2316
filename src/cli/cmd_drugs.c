/* cmd_drugs.c -- `relapselab drugs [NAME] [--markdown]`: the drug table (drugs.h).
**
** Without a name: one line per drug (Ki and efficacy at each target, long-lasting
** inactivation, routes). With a name or alias: every number of that drug with its unit,
** plausible range and source, and what one dose of 1 mg/kg gives in the brain by each
** route. --markdown prints the same as Markdown; docs/DRUGS.md holds the output for all
** drugs between its drugs:begin/end markers (tests/cli/test_drugs.sh checks they agree).
*/
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "relapselab/drug_pk.h"
#include "relapselab/drugs.h"

/* One printable number of a drug. */
typedef struct drug_row {
    char label[96];
    const char *unit;
    const rl_drug_value_t *v;
} drug_row_t;

#define MAX_ROWS (2 + 2 * RL_TARGET_COUNT + 5 * RL_ROUTE_COUNT)

static const char *const route_field_labels[5] = {"bioavailability F", "absorption rate ka",
    "elimination half-life", "volume of distribution", "brain free / plasma"};
static const char *const route_field_units[5] = {"fraction", "1/min", "min", "L/kg", "ratio"};

static size_t
add_row(drug_row_t *rows, size_t n, const char *unit, const rl_drug_value_t *v,
    const char *label_a, const char *label_b)
{
    if (n < MAX_ROWS && rl_drug_value_present(v)) {
        snprintf(rows[n].label, sizeof rows[n].label, "%s%s", label_a, label_b);
        rows[n].unit = unit;
        rows[n].v = v;
        n++;
    }
    return n;
}

/* The present numbers of d, in table order. */
static size_t
drug_rows(const rl_drug_t *d, drug_row_t *rows)
{
    char lab[48];
    size_t n = 0;
    int t, r, f;
    n = add_row(rows, n, "g/mol", &d->mw_g_per_mol, "molecular weight", "");
    for (t = 0; t < RL_TARGET_COUNT; t++) {
        n = add_row(rows, n, "nM", &d->target[t].ki_nM, "Ki at ", rl_target_name(t));
        n = add_row(rows, n, "0..1", &d->target[t].efficacy, "efficacy at ", rl_target_name(t));
    }
    snprintf(lab, sizeof lab, "%s inactivation half-life", rl_target_name(d->inact_target));
    n = add_row(rows, n, "h", &d->inact_half_life_h, lab, "");
    for (r = 0; r < RL_ROUTE_COUNT; r++) {
        const rl_drug_route_pk_t *rp = &d->route[r];
        const rl_drug_value_t *v[5] = {&rp->f, &rp->ka_per_min, &rp->half_life_min,
            &rp->vd_L_per_kg, &rp->brain_per_plasma};
        snprintf(lab, sizeof lab, "%s ", rl_route_name(r));
        for (f = 0; f < 5; f++) {
            n = add_row(rows, n, route_field_units[f], v[f], lab, route_field_labels[f]);
        }
    }
    return n;
}

/* Print s with '|' escaped (a Markdown table cell). */
static void
md(const char *s)
{
    size_t k;
    while (*s != '\0') {
        k = strcspn(s, "|");
        fwrite(s, 1, k, stdout);
        s += k;
        if (*s == '|') {
            fputs("\\|", stdout);
            s++;
        }
    }
}

/* "Ki/efficacy" of d at t, or "-". */
static const char *
binding_text(const rl_drug_t *d, rl_target_t t, char *buf, size_t n)
{
    if (!rl_drug_value_present(&d->target[t].ki_nM)) {
        return "-";
    }
    snprintf(buf, n, "%g/%g", d->target[t].ki_nM.value, d->target[t].efficacy.value);
    return buf;
}

static const char *
inactivation_text(const rl_drug_t *d, char *buf, size_t n)
{
    if (!rl_drug_value_present(&d->inact_half_life_h)) {
        return "-";
    }
    snprintf(buf, n, "%s t1/2 %g h", rl_target_name(d->inact_target),
        d->inact_half_life_h.value);
    return buf;
}

static void
print_list(int markdown)
{
    char buf[64], routes[64];
    int i, t;
    if (markdown) {
        printf("Ki (nM) / intrinsic efficacy (0 antagonist or blocker .. 1 full agonist) at each "
               "target; - = no meaningful binding (> 10 uM).\n\n");
        printf("| Drug | Kind |");
        for (t = 0; t < RL_TARGET_COUNT; t++) {
            printf(" %s |", rl_target_name(t));
        }
        printf(" Long-lasting inactivation | Routes |\n|---|---|");
        for (t = 0; t < RL_TARGET_COUNT; t++) {
            printf("---|");
        }
        printf("---|---|\n");
    } else {
        printf("# Ki (nM) / efficacy (0 antagonist .. 1 full agonist); - = no binding "
               "(> 10 uM)\n");
        printf("%-14s", "drug");
        for (t = 0; t < RL_TARGET_COUNT; t++) {
            printf(" %-9s", rl_target_name(t));
        }
        printf(" %-15s %s\n", "inactivation", "routes");
    }
    for (i = 0; i < rl_drug_count(); i++) {
        const rl_drug_t *d = rl_drug_get(i);
        const rl_drug_label_t *l = rl_drug_label(i);
        rl_drug_routes_text(d, routes, sizeof routes);
        if (markdown) {
            printf("| %s | ", l->name);
            md(l->kind);
            for (t = 0; t < RL_TARGET_COUNT; t++) {
                printf(" | %s", binding_text(d, t, buf, sizeof buf));
            }
            printf(" | %s | %s |\n", inactivation_text(d, buf, sizeof buf), routes);
        } else {
            printf("%-14s", l->name);
            for (t = 0; t < RL_TARGET_COUNT; t++) {
                printf(" %-9s", binding_text(d, t, buf, sizeof buf));
            }
            printf(" %-15s %s\n", inactivation_text(d, buf, sizeof buf), routes);
        }
    }
}

static void
print_drug(int id, int markdown)
{
    const rl_drug_t *d = rl_drug_get(id);
    const rl_drug_label_t *l = rl_drug_label(id);
    drug_row_t rows[MAX_ROWS];
    size_t n = drug_rows(d, rows), i, j;
    int r;
    if (markdown) {
        printf("\n### %s\n\n", l->name);
    } else {
        printf("%s\n", l->name);
    }
    printf(markdown ? "%s; doses as the %s. Aliases: " : "  %s; doses as the %s\n  aliases: ",
        l->kind, l->form);
    for (j = 0; j < RL_DRUG_ALIASES_MAX && l->aliases[j] != NULL; j++) {
        printf("%s%s", j > 0 ? ", " : "", l->aliases[j]);
    }
    printf(markdown ? ".\n\n| Quantity | Value | Unit | Plausible range | Source |\n"
                      "|---|---|---|---|---|\n" : "\n");
    for (i = 0; i < n; i++) {
        const rl_drug_value_t *v = rows[i].v;
        if (markdown) {
            printf("| %s | %g | %s | %g – %g | ", rows[i].label, v->value, rows[i].unit, v->lo,
                v->hi);
            md(v->source);
            printf(" |\n");
        } else {
            printf("  %-34s %9g %-8s [%g, %g]  %s\n", rows[i].label, v->value, rows[i].unit,
                v->lo, v->hi, v->source);
        }
    }
    /* What the numbers give: [DRG-1], [DRG-2] */
    if (markdown) {
        putchar('\n');
    }
    for (r = 0; r < RL_ROUTE_COUNT; r++) {
        rl_drug_pk_t pk;
        double tmax;
        if (rl_drug_pk_init(&pk, d, r, NULL) != RL_OK) {
            continue;
        }
        tmax = rl_drug_pk_tmax_min(&pk);
        printf("%s1 mg/kg %s: brain free peak %.3g nM at %.3g min%s\n", markdown ? "- " : "  ",
            rl_route_name(r), rl_drug_pk_conc_nM(&pk, 1.0, tmax), tmax,
            pk.bolus ? " (bolus)" : "");
    }
}

int
rl_cmd_drugs(int argc, char **argv)
{
    const char *name = NULL;
    const rl_drug_t *d;
    rl_error_t err;
    int markdown = 0, i;
    rl_error_clear(&err);
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--markdown") == 0) {
            markdown = 1;
        } else if (argv[i][0] == '-' || name != NULL) {
            fprintf(stderr, "usage: relapselab drugs [NAME] [--markdown]\n");
            return RL_EXIT_USAGE;
        } else {
            name = argv[i];
        }
    }
    if (name == NULL) {
        print_list(markdown);
        for (i = 0; markdown && i < rl_drug_count(); i++) {
            print_drug(i, 1);
        }
        return RL_EXIT_OK;
    }
    if (rl_drug_find(name, &d, &err) != RL_OK) {
        return rl_cli_report(&err);
    }
    print_drug(rl_drug_id(d), markdown);
    return RL_EXIT_OK;
}
