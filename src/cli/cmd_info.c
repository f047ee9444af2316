/* cmd_info.c -- informational commands: version, params, genotypes (and backgrounds), the
** limits of the protocol format. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "relapselab/background.h"
#include "relapselab/genotype.h"
#include "relapselab/params.h"
#include "relapselab/protocol_limits.h"
#include "relapselab/version.h"
#include "core/text_safe.h"

int
rl_cli_report(const rl_error_t *err)
{
    char buf[1024], safe[4096]; /* messages echo names: escaped for the terminal */
    fprintf(stderr, "relapselab: error: %s\n",
        rl_text_escape(safe, sizeof safe, rl_error_format(err, buf, sizeof buf)));
    if (err->code == RL_ERR_INTERRUPTED) {
        return RL_EXIT_INTERRUPTED;
    }
    return err->code == RL_ERR_USAGE ? RL_EXIT_USAGE : RL_EXIT_FAIL;
}

int
rl_cmd_version(int argc, char **argv)
{
    (void) argc;
    (void) argv;
    printf("relapselab %s\n", RL_VERSION);
    return 0;
}

/* Markdown-safe: '|' in a table cell would split it. */
static void
cell(const char *s)
{
    for (; *s; s++) {
        if (*s == '|') {
            fputs("\\|", stdout);
        } else {
            putchar(*s);
        }
    }
}

static int
params_usage(void)
{
    fprintf(stderr, "usage: relapselab params [--markdown | --basis BASIS]\n"
                    "  --markdown     the table as Markdown (docs/MODEL.md)\n"
                    "  --basis BASIS  the names of the parameters whose value is BASIS, one a\n"
                    "                 line: measured, derived, calibrated or assumed\n");
    return RL_EXIT_USAGE;
}

/* The Markdown table, then one line counting the rows of each basis. */
static void
params_markdown(void)
{
    size_t i, n[RL_PARAM_BASIS_COUNT] = {0};
    printf("| Parameter | Value | Unit | CV | Plausible range | Eq. | Basis | Meaning | "
           "Source |\n|---|---|---|---|---|---|---|---|---|\n");
    for (i = 0; i < rl_param_count(); i++) {
        const rl_param_info_t *p = rl_param_info(i);
        n[p->basis]++;
        printf("| `%s` | %g | ", p->name, p->value);
        cell(p->unit);
        printf(" | %g | %g – %g | %s | %s | ", p->cv, p->lo, p->hi, p->eq,
            rl_param_basis_name(p->basis));
        cell(p->meaning);
        fputs(" | ", stdout);
        cell(p->source);
        fputs(" |\n", stdout);
    }
    printf("\n%zu parameters: %zu measured, %zu derived, %zu calibrated, %zu assumed.\n",
        rl_param_count(), n[RL_BASIS_MEASURED], n[RL_BASIS_DERIVED], n[RL_BASIS_CALIBRATED],
        n[RL_BASIS_ASSUMED]);
}

int
rl_cmd_params(int argc, char **argv)
{
    size_t i;
    int basis = -1;
    if (argc == 2 && strcmp(argv[1], "--markdown") == 0) {
        params_markdown();
        return RL_EXIT_OK;
    }
    if (argc == 3 && strcmp(argv[1], "--basis") == 0) {
        if ((basis = rl_param_basis_find(argv[2])) < 0) {
            fprintf(stderr, "relapselab: unknown basis '%s' (accepted: measured, derived, "
                            "calibrated, assumed)\n", argv[2]);
            return RL_EXIT_FAIL;
        }
    } else if (argc > 1) {
        return params_usage();
    }
    for (i = 0; i < rl_param_count(); i++) {
        const rl_param_info_t *p = rl_param_info(i);
        if (basis >= 0) {
            if ((int) p->basis == basis) {
                printf("%s\n", p->name);
            }
            continue;
        }
        printf("%-32s %10g %-24s cv %-5g [%g, %g] %-6s %s\n", p->name, p->value, p->unit,
            p->cv, p->lo, p->hi, p->eq, rl_param_basis_name(p->basis));
    }
    return RL_EXIT_OK;
}

int
rl_cmd_genotypes(int argc, char **argv)
{
    int i;
    (void) argc;
    (void) argv;
    printf("gene products, fraction of wild type (DAT-coc = cocaine's affinity for the DAT)\n");
    printf("%-10s %6s %6s %6s %6s %6s %6s %6s %7s %6s %6s  %s\n", "genotype", "Oprm1", "Oprd1",
        "Oprk1", "Pomc", "Penk", "Pdyn", "Slc6a3", "DAT-coc", "Drd1", "Drd2", "description");
    for (i = 0; i < rl_genotype_count(); i++) {
        const rl_genotype_label_t *g = rl_genotype_label(i);
        const rl_gene_products_t *q = &rl_genotype_get(i)->products;
        printf("%-10s %6.2f %6.2f %6.2f %6.2f %6.2f %6.2f %6.2f %7.3f %6.2f %6.2f  %s\n",
            g->name, q->oprm1, q->oprd1, q->oprk1, q->pomc, q->penk, q->pdyn, q->slc6a3,
            q->dat_cocaine_affinity, q->drd1, q->drd2, g->description);
    }
    printf("\ngenetic backgrounds (group key `background`; parameter x factor, docs/MODEL.md)\n");
    for (i = 0; i < rl_background_count(); i++) {
        const rl_background_t *b = rl_background_get(i);
        int k;
        printf("%-14s %s", b->name, b->description);
        if (b->aliases[0] != NULL) {
            printf(" (also:");
            for (k = 0; k < 3 && b->aliases[k] != NULL; k++) {
                printf(" %s", b->aliases[k]);
            }
            printf(")");
        }
        printf("\n");
        for (k = 0; k < b->n_factors; k++) {
            printf("%14s %-22s x %-5.2f %s\n", "", b->factors[k].param, b->factors[k].factor,
                b->factors[k].source);
        }
    }
    return 0;
}

int
rl_cmd_limits(int argc, char **argv)
{
    size_t i;
    int markdown = argc > 1 && strcmp(argv[1], "--markdown") == 0;
    if (argc > 1 && !markdown) {
        fprintf(stderr, "usage: relapselab limits [--markdown]\n");
        return RL_EXIT_USAGE;
    }
    if (markdown) {
        printf("| Limit | Value | Unit | In the code |\n");
        printf("|---|---|---|---|\n");
    }
    for (i = 0; i < rl_protocol_limit_count(); i++) {
        const rl_protocol_limit_t *l = rl_protocol_limit_get(i);
        const char *bound = l->bound == RL_LIMIT_MIN ? "at least" : "at most";
        if (markdown) {
            fputs("| ", stdout);
            cell(l->what);
            printf(" | %s %d | %s | `%s` |\n", bound, l->value, l->unit, l->id);
        } else {
            printf("%-8s %6d %-6s %s (%s)\n", bound, l->value, l->unit, l->what, l->id);
        }
    }
    return 0;
}
