/* cmd_plot.c -- `relapselab plot DB FIGURE [options] -o OUT.{png,svg,pdf}`: one of the lab's
** figures (figures.h) from any results database, written atomically by the plot library.
**
** Checks the output path first (core/outfile.h: a directory, FIFO, device or socket is
** refused, and so is the database itself), reads the database and its events (dataset.h),
** computes the standard measures (measures.h), builds the figure, renders it in memory and
** writes it atomically; the format follows the extension, and -o - writes SVG to standard
** output; --facet / --no-facet choose small multiples for curves (figures.h). Ctrl-C
** removes the temporary file and ends the command (signals.c). Exit codes:
** 0, 1 (an unknown figure; no such phase, subject or session; nothing to draw; a database
** or file error), 2 (bad usage: an unknown option, a bad number, a missing argument, an
** output name that is not .png, .svg or .pdf).
*/
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "relapselab/dataset.h"
#include "relapselab/figures.h"
#include "relapselab/measures.h"
#include "relapselab/plot.h"
#include "core/outfile.h"

/* More curves or histograms than this on one figure are hard to tell apart. */
#define MANY_GROUPS 6

static int
usage(void)
{
    int k;
    fprintf(stderr,
        "usage: relapselab plot DB FIGURE [options] -o OUT.png|OUT.svg|OUT.pdf|-\n"
        "  -o -  writes SVG to standard output\n"
        "figures:\n");
    for (k = 0; k < RL_FIG_COUNT; k++) {
        fprintf(stderr, "  %-14s %s\n", rl_figure_kind_name(k), rl_figure_kind_help(k));
    }
    fprintf(stderr,
        "options:\n"
        "  --phase NAME            the phase to draw (default: the figure's own kind)\n"
        "  --groups A,B            the groups to draw, in this order (default: all)\n"
        "  --subject ID            subject_id, or the lab's subject name (imports)\n"
        "  --session N             the subject's session: day N, counted from 0\n"
        "  --session-in-phase K    with --phase: session K of that phase, from 0\n"
        "  --log                   iri: logarithmic interval axis\n"
        "  --facet, --no-facet     curves as small multiples (one panel per wild type with\n"
        "                          its mutants, or per group), or in one panel; default:\n"
        "                          small multiples above %d groups\n"
        "  --width-mm W --height-mm H --dpi D --title TEXT\n"
        "Figures and examples: docs/PLOT.md (\"relapselab plot\")\n", RL_FIGURE_FACET_GROUPS);
    return RL_EXIT_USAGE;
}

/* A number option: 0, or a message and -1. */
static int
number(const char *opt, const char *text, double lo, double hi, double *out)
{
    char *end;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || !(v >= lo && v <= hi)) {
        fprintf(stderr, "relapselab: %s must be a number in %g..%g (got '%s')\n", opt, lo, hi,
            text);
        return -1;
    }
    *out = v;
    return 0;
}

/* The command line of `plot`. */
typedef struct plot_cli {
    const char *db, *figure, *out, *groups, *subject;
    rl_figure_options_t opt;
} plot_cli_t;

/* Parse the options into c. Returns -1 to go on, or the exit code. */
static int
parse_args(int argc, char **argv, plot_cli_t *c)
{
    rl_figure_options_t *opt = &c->opt;
    double v;
    int i;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
        if ((strcmp(a, "-o") == 0 || strcmp(a, "--out") == 0) && next != NULL) {
            c->out = argv[++i];
        } else if (strcmp(a, "--phase") == 0 && next != NULL) {
            opt->phase = argv[++i];
        } else if (strcmp(a, "--groups") == 0 && next != NULL) {
            c->groups = argv[++i];
        } else if (strcmp(a, "--subject") == 0 && next != NULL) {
            c->subject = argv[++i];
        } else if ((strcmp(a, "--session") == 0 || strcmp(a, "--session-in-phase") == 0)
                   && next != NULL) {
            if (number(a, argv[++i], 0, 1e6, &v) != 0 || v != (int) v) {
                fprintf(stderr, "relapselab: %s must be a whole number >= 0\n", a);
                return usage();
            }
            *(strcmp(a, "--session") == 0 ? &opt->day : &opt->session_in_phase) = (int) v;
        } else if (strcmp(a, "--log") == 0) {
            opt->log_x = true;
        } else if (strcmp(a, "--facet") == 0 || strcmp(a, "--no-facet") == 0) {
            opt->facet = a[2] == 'f' ? RL_FIGURE_FACET_ON : RL_FIGURE_FACET_OFF;
        } else if (strcmp(a, "--width-mm") == 0 && next != NULL) {
            if (number(a, argv[++i], 20, 1000, &opt->width_mm) != 0) {
                return usage();
            }
        } else if (strcmp(a, "--height-mm") == 0 && next != NULL) {
            if (number(a, argv[++i], 20, 1000, &opt->height_mm) != 0) {
                return usage();
            }
        } else if (strcmp(a, "--dpi") == 0 && next != NULL) {
            if (number(a, argv[++i], 10, 2400, &opt->dpi) != 0) {
                return usage();
            }
        } else if (strcmp(a, "--title") == 0 && next != NULL) {
            opt->title = argv[++i];
        } else if (strcmp(a, "--help") == 0) {
            usage();
            return RL_EXIT_OK;
        } else if (a[0] == '-' || c->figure != NULL) {
            fprintf(stderr, "relapselab: unexpected argument '%s'\n", a);
            return usage();
        } else if (c->db == NULL) {
            c->db = a;
        } else {
            c->figure = a;
        }
    }
    if (c->db == NULL || c->figure == NULL || c->out == NULL) {
        fprintf(stderr, "relapselab: plot needs DB, FIGURE and -o OUT\n");
        return usage();
    }
    if (opt->session_in_phase >= 0 && opt->phase == NULL) {
        fprintf(stderr, "relapselab: --session-in-phase needs --phase NAME\n");
        return usage();
    }
    return -1;
}

int
rl_cmd_plot(int argc, char **argv)
{
    plot_cli_t c;
    rl_plot_format_t format;
    rl_dataset_t *ds = NULL;
    rl_measures_t *m = NULL;
    rl_figure_t fig;
    rl_error_t err;
    const rl_temp_watch_t *watch;
    unsigned char *data = NULL;
    size_t len = 0;
    bool to_stdout;
    int idx[RL_MAX_GROUPS], kind, i, ret, code = RL_EXIT_OK;

    memset(&c, 0, sizeof c);
    rl_figure_options_init(&c.opt);
    memset(&fig, 0, sizeof fig);
    if ((code = parse_args(argc, argv, &c)) >= 0) {
        return code;
    }
    code = RL_EXIT_OK;
    if ((kind = rl_figure_kind_find(c.figure)) < 0) {
        fprintf(stderr, "relapselab: error: unknown figure '%s' (figures:", c.figure);
        for (i = 0; i < RL_FIG_COUNT; i++) {
            fprintf(stderr, " %s", rl_figure_kind_name(i));
        }
        fprintf(stderr, ")\n");
        return RL_EXIT_FAIL;
    }
    rl_error_clear(&err);
    to_stdout = rl_cli_is_stdout(c.out);
    if (to_stdout) {
        format = RL_PLOT_SVG;
    } else if (rl_plot_format_of(c.out, &format, &err) != 0) {
        rl_cli_report(&err);
        return usage();
    }
    watch = rl_cli_clean_on_interrupt();
    if (!to_stdout && (code = rl_cli_check_output(c.out, &c.db, 1)) >= 0) {
        return code; /* refused before the work: nothing read, nothing written */
    }
    code = RL_EXIT_OK;
    if (rl_dataset_read(c.db, &ds, &err) != 0 || rl_dataset_load_events(ds, -1, &err) != 0
        || rl_measures_compute(ds, &m, &err) != 0
        || (c.groups != NULL
            && rl_figure_parse_groups(ds, c.groups, idx, RL_MAX_GROUPS, &c.opt.n_groups, &err)
                != 0)
        || (c.subject != NULL && rl_figure_find_subject(ds, c.subject, &c.opt.subject, &err) != 0)) {
        code = rl_cli_report(&err);
        goto out;
    }
    c.opt.groups = c.groups != NULL ? idx : NULL;
    if ((ret = rl_figure_build(kind, ds, m, &c.opt, &fig, &err)) != 0) {
        code = rl_cli_report(&err); /* RL_FIGURE_NO_DATA too: exit 1 */
        goto out;
    }
    if (fig.n_groups > MANY_GROUPS && c.groups == NULL && kind != RL_FIG_BREAKPOINT
        && kind != RL_FIG_REINSTATEMENT && fig.plot.facet_cols == 0) {
        /* bars and small multiples stay readable; many curves in one panel do not */
        fprintf(stderr, "relapselab: note: %d groups on one figure; choose some with "
            "--groups A,B\n", fig.n_groups);
    }
    if (fig.n_flagged > 0) {
        fprintf(stderr, "relapselab: note: the figure includes %d sessions flagged at import "
            "(decoded counts disagree with the program's counters; said in its title)\n",
            fig.n_flagged);
    }
    if (rl_plot_render(&fig.plot, format, &data, &len, &err) != 0
        || (!to_stdout && rl_outfile_write(c.out, data, len, watch, &err) != 0)) {
        code = rl_cli_report(&err);
        goto out;
    }
    if (to_stdout) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
            fprintf(stderr, "relapselab: error: cannot write the figure to standard output\n");
            code = RL_EXIT_FAIL;
            goto out;
        }
        fprintf(stderr, "wrote the figure to standard output (SVG, %s of %s)\n", c.figure,
            c.db);
    } else {
        printf("wrote %s (%s of %s)\n", c.out, c.figure, c.db);
    }
out:
    free(data);
    rl_figure_free(&fig);
    rl_measures_free(m);
    rl_dataset_free(ds);
    return code;
}
