/* cmd_report.c -- `relapselab report DB -o REPORT.html [--facet | --no-facet]
** [--power POWER.json]`: one self-contained HTML report of any results database (report.h,
** docs/REPORT.md); with --power, the power report of `relapselab power --json` as its last
** section, or, without DB, a page of its own.
**
** Checks the output path first (core/outfile.h: a directory, FIFO, device or socket is
** refused, and so is the database itself), reads the database with its events
** (dataset.h), computes the standard measures (measures.h), reads the power JSON (a problem
** is FILE:LINE:COL, exit 1, before anything is written), renders the page in memory and
** writes it atomically -- or, with -o -, to standard output. Ctrl-C removes the temporary
** file and ends the command (signals.c). Exit codes: 0, 1 (a database or file error), 2
** (bad usage).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "relapselab/dataset.h"
#include "relapselab/figures.h"
#include "relapselab/measures.h"
#include "relapselab/report.h"
#include "core/outfile.h"

static int
usage(void)
{
    fprintf(stderr, "usage: relapselab report DB -o REPORT.html [--facet | --no-facet]\n"
                    "                         [--power POWER.json]\n"
                    "       relapselab report --power POWER.json -o REPORT.html\n"
                    "  DB   a results database (relapselab run or import-medpc)\n"
                    "  -o   the HTML file to write (replaced atomically), or - for standard\n"
                    "       output\n"
                    "  --facet, --no-facet  curves as small multiples always, or never\n"
                    "       (default: small multiples above %d groups)\n"
                    "  --power  the JSON of relapselab power --json: a power section (its\n"
                    "       curves and tables) after the database's, or a page of its own\n"
                    "Contents: docs/REPORT.md\n", RL_FIGURE_FACET_GROUPS);
    return RL_EXIT_USAGE;
}

int
rl_cmd_report(int argc, char **argv)
{
    const char *db = NULL, *out = NULL, *power = NULL, *inputs[2];
    rl_power_doc_t *pdoc = NULL;
    rl_dataset_t *ds = NULL;
    rl_measures_t *m = NULL;
    rl_report_info_t info;
    rl_report_options_t ropt;
    rl_error_t err;
    const rl_temp_watch_t *watch;
    char *html = NULL;
    size_t len = 0;
    bool to_stdout;
    int i, code = RL_EXIT_OK;

    memset(&ropt, 0, sizeof ropt);
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--facet") == 0 || strcmp(argv[i], "--no-facet") == 0) {
            ropt.facet = argv[i][2] == 'f' ? RL_FIGURE_FACET_ON : RL_FIGURE_FACET_OFF;
        } else if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--out") == 0) && i + 1 < argc) {
            out = argv[++i];
        } else if (strcmp(argv[i], "--power") == 0 && i + 1 < argc) {
            power = argv[++i];
        } else if (strcmp(argv[i], "--help") == 0) {
            usage();
            return RL_EXIT_OK;
        } else if (argv[i][0] == '-' || db != NULL) {
            fprintf(stderr, "relapselab: unexpected argument '%s'\n", argv[i]);
            return usage();
        } else {
            db = argv[i];
        }
    }
    if ((db == NULL && power == NULL) || out == NULL) {
        return usage();
    }
    inputs[0] = db != NULL ? db : power;
    inputs[1] = power;
    rl_error_clear(&err);
    watch = rl_cli_clean_on_interrupt();
    to_stdout = rl_cli_is_stdout(out);
    if (!to_stdout && (code = rl_cli_check_output(out, inputs, db != NULL && power != NULL
        ? 2 : 1)) >= 0) {
        return code; /* refused before the work: nothing read, nothing written */
    }
    code = RL_EXIT_OK;
    if (power != NULL && rl_power_doc_read(power, &pdoc, &err) != 0) {
        code = rl_cli_report(&err);
        goto out;
    }
    ropt.power = pdoc;
    if (db == NULL) {
        if (rl_report_render_power_html(pdoc, &html, &len, &info, &err) != 0) {
            code = rl_cli_report(&err);
            goto out;
        }
    } else if (rl_dataset_read(db, &ds, &err) != 0 || rl_dataset_load_events(ds, -1, &err) != 0
        || rl_dataset_load_import_log(ds, &err) != 0 || rl_measures_compute(ds, &m, &err) != 0
        || rl_report_render_html_opt(ds, m, &ropt, &html, &len, &info, &err) != 0) {
        code = rl_cli_report(&err);
        goto out;
    }
    if (to_stdout) {
        if (fwrite(html, 1, len, stdout) != len || fflush(stdout) != 0) {
            fprintf(stderr, "relapselab: error: cannot write the report to standard output\n");
            code = RL_EXIT_FAIL;
            goto out;
        }
    } else if (rl_outfile_write(out, html, len, watch, &err) != 0) {
        code = rl_cli_report(&err);
        goto out;
    }
    fprintf(to_stdout ? stderr : stdout, "wrote %s (%d figures, %d tables",
        to_stdout ? "the report to standard output" : out, info.figures, info.tables);
    if (info.notes > 0) {
        fprintf(to_stdout ? stderr : stdout, ", %d figure%s left out: see the notes in the "
            "report", info.notes, info.notes == 1 ? "" : "s");
    }
    fprintf(to_stdout ? stderr : stdout, ") from %s%s%s\n", inputs[0],
        db != NULL && power != NULL ? " and " : "", db != NULL && power != NULL ? power : "");
out:
    free(html);
    rl_power_doc_free(pdoc);
    rl_measures_free(m);
    rl_dataset_free(ds);
    return code;
}
