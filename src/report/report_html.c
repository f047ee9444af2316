/* report_html.c -- the HTML report of a results database (see report.h).
**
** Design. The page is written top to bottom into a memory stream (open_memstream), so a
** report that fails half-way leaves nothing behind, and only a complete page is written to
** disk (temporary file, fsync, rename). Sections: header and provenance, groups, protocol,
** the summary tables (one per phase, rows = groups, from measures.h), the group
** comparisons (report_compare.c), the import report (report_import.c, imports only) and
** the figures (report_figures.c). Every string that comes from the database goes through
** rl_html_text(), the one place HTML is escaped. The
** style sheet is inline and plain -- booktabs-like tables, a serif-free body, figures
** that scale to the page -- with print rules so the page prints as a document. The file is
** written by core/outfile.h's rule (path checked first, then rendered, then a temporary
** file renamed into place).
*/
#include "relapselab/version.h"
#include "report_internal.h"
#include "core/alloc.h"
#include "core/outfile.h"
#include "power_doc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char style[] =
    "body{font:14px/1.45 \"DejaVu Sans\",Helvetica,Arial,sans-serif;color:#1a1a1a;"
    "max-width:1040px;margin:2em auto;padding:0 1.5em;background:#fff}\n"
    "h1{font-size:1.7em;margin:0 0 .15em}h2{font-size:1.3em;margin:2.2em 0 .6em;"
    "padding-bottom:.2em;border-bottom:1px solid #bbb}h3{font-size:1.05em;margin:1.6em 0 .3em}\n"
    ".subtitle{color:#555;margin:0 0 1.5em}nav ol{columns:2;margin:.3em 0 0;padding-left:1.4em}\n"
    "table{border-collapse:collapse;margin:.5em 0 1.2em;font-size:12.5px;"
    "border-top:1.5px solid #222;border-bottom:1.5px solid #222}\n"
    "th,td{padding:.28em .55em;text-align:left;vertical-align:top}"
    "thead th{border-bottom:1px solid #222;font-weight:600;vertical-align:bottom}\n"
    "th.num,td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    "tbody tr:nth-child(even){background:#f6f6f6}td.group{white-space:nowrap}\n"
    ".wide{overflow-x:auto}\n"
    ".unit{display:block;font-weight:normal;color:#555;font-size:.88em}"
    "table.kv th{font-weight:600;white-space:nowrap;padding-right:1.5em}\n"
    "td.path{overflow-wrap:anywhere}code,pre{font-family:\"DejaVu Sans Mono\","
    "Menlo,Consolas,monospace}\n"
    "pre{background:#f7f7f7;border:1px solid #ddd;padding:.8em 1em;font-size:12px;"
    "line-height:1.35;overflow-x:auto;white-space:pre-wrap}\n"
    "figure{margin:1.8em 0;break-inside:avoid;page-break-inside:avoid}"
    "figure svg{display:block;width:100%;height:auto}\n"
    "figcaption{font-size:13px;max-width:46em;margin-top:.5em}"
    "figcaption b{font-weight:600}\n"
    ".sev-error{color:#b00020;font-weight:600}.sev-warning{color:#8a5300;font-weight:600}"
    ".more{color:#555;font-style:italic}\n"
    ".note{background:#fff8e6;border-left:3px solid #e69f00;padding:.5em .9em}"
    ".flagged{background:#fdecea;border-left:4px solid #b00020;padding:.5em .9em;margin:1em 0}"
    ".flag{color:#b00020;font-weight:600;white-space:nowrap}\n"
    "footer{margin-top:3em;color:#777;font-size:12px;border-top:1px solid #ddd;"
    "padding-top:.6em}\n"
    "@media print{body{max-width:none;margin:0;padding:0;font-size:11pt}"
    "h2{break-after:avoid;page-break-after:avoid}nav{display:none}a{color:inherit;"
    "text-decoration:none}tbody tr:nth-child(even){background:none}}\n";

const char *
rl_report_style(void)
{
    return style;
}

void
rl_html_text(FILE *f, const char *s)
{
    for (; s != NULL && *s != '\0'; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*s, f);
        }
    }
}

/* One row of a key-value table; value NULL = "—". */
static void
kv(FILE *f, const char *key, const char *value)
{
    fprintf(f, "<tr><th>%s</th><td>", key);
    if (value != NULL) {
        rl_html_text(f, value);
    } else {
        fputs("—", f);
    }
    fputs("</td></tr>\n", f);
}

static void
provenance(FILE *f, const rl_dataset_t *ds, rl_report_info_t *info)
{
    const rl_ds_run_t *run = &ds->run;
    size_t i, events = 0;
    char buf[256];
    int files[3];

    for (i = 0; i < ds->n_sessions; i++) {
        events += ds->sessions[i].n_loaded_events;
    }
    fputs("<section id=\"provenance\">\n<h2>Provenance</h2>\n<table class=\"kv\">\n<tbody>\n",
        f);
    kv(f, "Source", run->imported ? "chamber data imported from MED-PC files "
                                    "(relapselab import-medpc)"
                                  : "simulation (relapselab run)");
    kv(f, "Study", run->study);
    snprintf(buf, sizeof buf, "relapselab %s", run->version != NULL ? run->version : "?");
    kv(f, "Written by", buf);
    if (run->imported) {
        rl_report_import_counts(ds, files);
        snprintf(buf, sizeof buf, "%d (%d imported, %d partly imported, %d skipped)",
            files[0] + files[1] + files[2], files[0], files[1], files[2]);
        kv(f, "Chamber files", buf);
    } else {
        kv(f, "Seed", run->seed);
    }
    kv(f, "Command", run->command);
    if (run->protocol_path != NULL) {
        kv(f, "Protocol file", run->protocol_path);
    }
    kv(f, "Database", ds->path);
    snprintf(buf, sizeof buf, "%d mice in %d groups; %zu sessions; %zu events", ds->n_subjects,
        ds->n_groups, ds->n_sessions, events);
    kv(f, "Data", buf);
    if (isfinite(run->intersession_h) && run->intersession_h > 0.0) {
        snprintf(buf, sizeof buf, "%g h", run->intersession_h);
        kv(f, "Between sessions", buf);
    }
    fputs("</tbody>\n</table>\n</section>\n", f);
    info->tables++;
}

/* Mice of group g with at least one session. */
static int
mice_with_sessions(const rl_dataset_t *ds, int g)
{
    size_t i;
    int n = 0, prev = -1;
    for (i = 0; i < ds->n_sessions; i++) {
        if (ds->sessions[i].group_id == g && ds->sessions[i].subject != prev) {
            n++;
            prev = ds->sessions[i].subject;
        }
    }
    return n;
}

static void
groups_table(FILE *f, const rl_dataset_t *ds, rl_report_info_t *info)
{
    int g;
    fputs("<section id=\"groups\">\n<h2>Groups</h2>\n<table>\n<thead><tr><th>Group</th>"
          "<th>Line</th><th>Genotype</th><th>Sex</th><th>Reinforcer</th><th>Procedure</th>"
          "<th class=\"num\">Mice</th></tr></thead>\n<tbody>\n", f);
    for (g = 0; g < ds->n_groups; g++) {
        const rl_ds_group_t *gr = &ds->groups[g];
        const char *cells[5] = {gr->line, gr->genotype, gr->sex,
            ds->reinforcers[gr->reinforcer_id].name, ds->procedures[gr->procedure_id].name};
        int k;
        fputs("<tr><td>", f);
        rl_html_text(f, gr->name);
        for (k = 0; k < 5; k++) {
            fputs("</td><td>", f);
            rl_html_text(f, cells[k] != NULL && cells[k][0] != '\0' ? cells[k] : "—");
        }
        fprintf(f, "</td><td class=\"num\">%d</td></tr>\n", mice_with_sessions(ds, g));
    }
    fputs("</tbody>\n</table>\n</section>\n", f);
    info->tables++;
}

/* "FR 1", "PR (1, 2, 4, ...)". */
static void
schedule_text(const rl_phase_t *ph, char *buf, size_t n)
{
    if (ph->schedule.type == RL_SCHEDULE_FR) {
        snprintf(buf, n, "FR %d", ph->schedule.ratio);
    } else if (ph->schedule.pr_n >= 3) {
        snprintf(buf, n, "PR (%d, %d, %d, …)", ph->schedule.pr_series[0],
            ph->schedule.pr_series[1], ph->schedule.pr_series[2]);
    } else {
        snprintf(buf, n, "PR");
    }
}

static void
protocol(FILE *f, const rl_dataset_t *ds, rl_report_info_t *info)
{
    int p, ph;
    fputs("<section id=\"protocol\">\n<h2>Protocol</h2>\n", f);
    if (!ds->run.imported && ds->run.protocol_text != NULL) {
        fputs("<p>The protocol file exactly as the run read it (docs/PROTOCOL.md describes "
              "its fields).</p>\n<pre>", f);
        rl_html_text(f, ds->run.protocol_text);
        fputs("</pre>\n</section>\n", f);
        return;
    }
    fputs("<p>The phases the import assigned to the sessions (from the decoding profile).</p>\n"
          "<table>\n<thead><tr><th>Procedure</th><th>Phase</th><th>Kind</th><th>Schedule</th>"
          "<th class=\"num\">Session<span class=\"unit\">min</span></th>"
          "<th class=\"num\">Timeout<span class=\"unit\">s</span></th><th>Criterion</th></tr>"
          "</thead>\n<tbody>\n", f);
    for (p = 0; p < ds->n_procedures; p++) {
        const rl_procedure_t *proc = &ds->procedures[p];
        for (ph = 0; ph < proc->n_phases; ph++) {
            const rl_phase_t *x = &proc->phases[ph];
            char sched[64];
            schedule_text(x, sched, sizeof sched);
            fputs("<tr><td>", f);
            rl_html_text(f, proc->name);
            fputs("</td><td>", f);
            rl_html_text(f, x->name);
            fprintf(f, "</td><td>%s</td><td>%s</td>", rl_phase_kind_name(x->kind), sched);
            if (x->session_min > 0.0) {
                fprintf(f, "<td class=\"num\">%g</td>", x->session_min);
            } else {
                fputs("<td class=\"num\">—</td>", f); /* not in the chamber files */
            }
            fprintf(f, "<td class=\"num\">%g</td><td>%s</td></tr>\n", x->timeout_s,
                rl_criterion_type_name(x->criterion.type));
        }
    }
    fputs("</tbody>\n</table>\n</section>\n", f);
    info->tables++;
}

/* ---- summary tables ---- */

typedef struct column {
    int measure;                /* rl_measure_t */
    const char *head, *unit;
    int decimals;               /* -1: "k/n met" */
} column_t;

static const column_t columns[] = {
    {RL_M_SESSIONS, "Sessions", "per mouse", 1},
    {RL_M_ACTIVE, "Active", "responses/session", 1},
    {RL_M_INACTIVE, "Inactive", "responses/session", 1},
    {RL_M_REINFORCERS, "Reinforcers", "per session", 1},
    {RL_M_FIRST_BIN_ACTIVE, "First 10 min", "active responses", 1},
    {RL_M_IRI_MEDIAN_S, "IRI", "median, s", 0},
    {RL_M_DURATION_MIN, "Duration", "min", 1},
    {RL_M_CRITERION_MET, "Criterion met", "mice", -1},
    {RL_M_SESSIONS_TO_CRITERION, "To criterion", "sessions", 1},
    {RL_M_BREAKPOINT, "Breakpoint", "ratio", 1},
    {RL_M_LAST_ACTIVE, "Last sessions", "active responses", 1},
    {RL_M_BASELINE_ACTIVE, "Extinction baseline", "active responses", 1},
    {RL_M_REINSTATEMENT_RATIO, "Reinstatement", "test / baseline", 2},
    /* the lab measures, where the data have their events (rl_measures_shown) */
    {RL_M_ACTIVE_PER_H, "Active", "per hour", 1},
    {RL_M_INACTIVE_PER_H, "Inactive", "per hour", 1},
    {RL_M_LATENCY_ACTIVE_S, "First active", "latency, s", 1},
    {RL_M_EARNED, "Earned", "reinforcers/session", 1},
    {RL_M_NONCONTINGENT, "Non-contingent", "deliveries/session", 1},
    {RL_M_HEAD_ENTRIES, "Head entries", "per session", 1},
    {RL_M_HEAD_ENTRIES_PER_H, "Head entries", "per hour", 1},
    {RL_M_LATENCY_HEAD_ENTRY_S, "First entry", "latency, s", 1},
    {RL_M_HEAD_ENTRIES_CUE, "Entries in cue", "per session", 1},
    {RL_M_HEAD_ENTRIES_NO_CUE, "Entries outside cue", "per session", 1},
    {RL_M_CUE_LATENCY_HEAD_ENTRY_S, "Cue to entry", "latency, s", 1},
};
#define N_COLUMNS (int) (sizeof columns / sizeof columns[0])

static void
cell_ms(FILE *f, const column_t *c, rl_mean_sem_t x)
{
    if (x.n == 0 || isnan(x.mean)) {
        fputs("<td class=\"num\">n/a</td>", f);
    } else if (c->decimals < 0) {
        int met = (int) lround(x.mean * x.n);
        fprintf(f, "<td class=\"num\">%d/%d (%.0f%%)</td>", met, x.n, 100.0 * x.mean);
    } else if (x.n == 1) {
        fprintf(f, "<td class=\"num\">%.*f</td>", c->decimals, x.mean);
    } else {
        fprintf(f, "<td class=\"num\">%.*f ± %.*f</td>", c->decimals, x.mean, c->decimals,
            x.sem);
    }
}

/* Whether a column of measure k is worth its width in a phase's table: it applies to some
** group and says something there (the full set of measures is in `relapselab summary`). */
static bool
shown(const rl_measures_t *m, const rl_phase_t *phase, int k,
    const rl_group_phase_t *const *rows, int n)
{
    bool applies = false, informative = false;
    int r;
    if (!rl_measures_shown(m, k)) {   /* a lab measure whose events the data lack */
        return false;
    }
    for (r = 0; r < n; r++) {
        const rl_mean_sem_t x = rows[r]->m[k];
        if (x.n == 0) {
            continue;
        }
        applies = true;
        switch (k) {
        case RL_M_SESSIONS: /* not when every mouse ran the phase's fixed number */
            informative = informative || x.sem > 0.0 || x.mean != phase->sessions;
            break;
        case RL_M_DURATION_MIN: /* not when every session ran to the time limit */
        case RL_M_ACTIVE_PER_H: /* rates: for sessions of different length */
        case RL_M_INACTIVE_PER_H:
            informative = informative || !(phase->session_min > 0.0)
                || !(rows[r]->m[RL_M_DURATION_MIN].mean >= phase->session_min - 1e-9);
            break;
        case RL_M_REINFORCERS: /* not in a phase that delivers nothing (extinction) */
            informative = informative || phase->deliver_reinforcer || phase->deliver_cue
                || x.mean != 0.0;
            break;
        case RL_M_LAST_ACTIVE: /* the criterion window: an extinction measure */
            informative = phase->kind == RL_PHASE_EXTINCTION;
            break;
        default:
            informative = true;
        }
    }
    return applies && informative;
}

/* The summary table of phase ph of procedure p: one row per group of the procedure that
** ran it. */
static void
phase_table(FILE *f, const rl_dataset_t *ds, const rl_measures_t *m, int p, int ph,
    rl_report_info_t *info)
{
    const rl_phase_t *phase = &ds->procedures[p].phases[ph];
    const rl_group_phase_t *rows[RL_MAX_GROUPS];
    bool show[N_COLUMNS];
    char sched[64];
    size_t i;
    int n = 0, c, r;

    for (i = 0; i < m->n_group_phases; i++) {
        const rl_group_phase_t *gp = &m->group_phases[i];
        if (gp->n > 0 && ds->groups[gp->group].procedure_id == p && gp->phase_index == ph
            && n < RL_MAX_GROUPS) {
            rows[n++] = gp;
        }
    }
    if (n == 0) {
        return;
    }
    for (c = 0; c < N_COLUMNS; c++) {
        show[c] = shown(m, phase, columns[c].measure, rows, n);
    }
    schedule_text(phase, sched, sizeof sched);
    fputs("<h3>", f);
    if (ds->n_procedures > 1) {
        rl_html_text(f, ds->procedures[p].name);
        fputs(": ", f);
    }
    rl_html_text(f, phase->name);
    fprintf(f, " <span class=\"unit\" style=\"display:inline\">— %s, %s",
        rl_phase_kind_name(phase->kind), sched);
    if (phase->session_min > 0.0) {
        fprintf(f, ", %g-min sessions", phase->session_min);
    }
    fputs("</span></h3>\n<div class=\"wide\"><table class=\"summary\">\n<thead><tr>"
          "<th>Group</th><th class=\"num\">n<span class=\"unit\">mice</span></th>", f);
    for (c = 0; c < N_COLUMNS; c++) {
        if (show[c]) {
            fprintf(f, "<th class=\"num\">%s<span class=\"unit\">", columns[c].head);
            if (columns[c].measure == RL_M_LAST_ACTIVE) {
                fprintf(f, "last %d, active", phase->criterion.consecutive > 0
                    ? phase->criterion.consecutive : 3);
            } else {
                fputs(columns[c].unit, f);
            }
            fputs("</span></th>", f);
        }
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    for (r = 0; r < n; r++) {
        size_t k, flagged = 0;
        for (k = 0; k < ds->n_sessions; k++) {
            const rl_ds_session_t *s = &ds->sessions[k];
            flagged += s->counts_mismatch > 0 && s->group_id == rows[r]->group
                && s->phase_index == ph;
        }
        fputs("<tr><td class=\"group\">", f);
        rl_html_text(f, ds->groups[rows[r]->group].name);
        if (flagged > 0) {  /* the mean includes sessions that may be misread */
            fprintf(f, " <span class=\"flag\" title=\"decoded counts disagree with the "
                "program's counters\">⚑ %zu flagged</span>", flagged);
        }
        fprintf(f, "</td><td class=\"num\">%d</td>", rows[r]->n);
        for (c = 0; c < N_COLUMNS; c++) {
            if (show[c]) {
                cell_ms(f, &columns[c], rows[r]->m[columns[c].measure]);
            }
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table></div>\n", f);
    info->tables++;
}

static void
summary(FILE *f, const rl_dataset_t *ds, const rl_measures_t *m, rl_report_info_t *info)
{
    int p, ph;
    fputs("<section id=\"summary\">\n<h2>Summary per group and phase</h2>\n<p>Mean ± SEM over "
          "the mice of each group that ran the phase (n); each mouse contributes its mean over "
          "the phase's sessions, so mice with more sessions do not weigh more. The measures "
          "are those of <code>relapselab summary</code> (docs/ANALYSIS.md); IRI: the interval "
          "between successive reinforcers; n/a: the measure does not apply.</p>\n", f);
    for (p = 0; p < ds->n_procedures; p++) {
        for (ph = 0; ph < ds->procedures[p].n_phases; ph++) {
            phase_table(f, ds, m, p, ph, info);
        }
    }
    fputs("</section>\n", f);
}

/* ---- the page ---- */

/* A warning box naming the sessions flagged at import (decoded counts disagree with the
** program's own counters: import_sessions.counts_mismatch), first 20; nothing when none. */
static void
flagged_box(FILE *f, const rl_dataset_t *ds)
{
    size_t i, n = 0, shown = 0;
    for (i = 0; i < ds->n_sessions; i++) {
        n += ds->sessions[i].counts_mismatch > 0;
    }
    if (n == 0) {
        return;
    }
    fprintf(f, "<div class=\"flagged\" id=\"flagged\"><p><b>⚑ %zu of %zu sessions are "
        "flagged:</b> their decoded counts disagree with the program's own counters (wrong "
        "profile or wiring?). They are included in the tables (marked ⚑) and figures below; "
        "check the decoding profile (docs/MEDPC.md) before relying on them.</p>\n<ul>", n,
        ds->n_sessions);
    for (i = 0; i < ds->n_sessions && shown < 20; i++) {
        const rl_ds_session_t *s = &ds->sessions[i];
        if (s->counts_mismatch <= 0) {
            continue;
        }
        shown++;
        fputs("<li>subject ", f);
        rl_html_text(f, s->subject_name != NULL ? s->subject_name : "?");
        fprintf(f, ", day %d (", s->day + 1);
        rl_html_text(f, s->phase_name);
        fputs("), started ", f);
        rl_html_text(f, s->start_time != NULL ? s->start_time : "?");
        fprintf(f, ": %d counter%s disagree%s</li>", s->counts_mismatch,
            s->counts_mismatch == 1 ? "" : "s", s->counts_mismatch == 1 ? "s" : "");
    }
    if (n > shown) {
        fprintf(f, "<li>… and %zu more (<code>import_sessions.counts_mismatch</code>)</li>",
            n - shown);
    }
    fputs("</ul></div>\n", f);
}

static int
page(FILE *f, const rl_dataset_t *ds, const rl_measures_t *m, const rl_report_options_t *opt,
    rl_report_info_t *info, rl_error_t *err)
{
    const char *study = ds->run.study != NULL ? ds->run.study : ds->path;
    int ret;

    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
        f);
    rl_html_text(f, study);
    fprintf(f, " — relapselab report</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n"
        "<h1>", style);
    rl_html_text(f, study);
    fprintf(f, "</h1>\n<p class=\"subtitle\">relapselab report — %s",
        ds->run.imported ? "imported chamber data" : "simulation");
    if (!ds->run.imported && ds->run.seed != NULL) {
        fputs(", seed ", f);
        rl_html_text(f, ds->run.seed);
    }
    fputs("</p>\n</header>\n<nav><b>Contents</b><ol><li><a href=\"#provenance\">Provenance</a>"
          "</li><li><a href=\"#groups\">Groups</a></li><li><a href=\"#protocol\">Protocol</a>"
          "</li><li><a href=\"#summary\">Summary per group and phase</a></li>"
          "<li><a href=\"#compare\">Group comparisons</a></li>", f);
    if (ds->run.imported) {
        fputs("<li><a href=\"#import\">Import report</a></li>", f);
    }
    fputs("<li><a href=\"#figures\">Figures</a></li>", f);
    if (opt != NULL && opt->power != NULL) {
        fputs("<li><a href=\"#power\">Power</a></li>", f);
    }
    fputs("</ol></nav>\n<main>\n", f);
    flagged_box(f, ds);
    provenance(f, ds, info);
    groups_table(f, ds, info);
    protocol(f, ds, info);
    summary(f, ds, m, info);
    if ((ret = rl_report_compare(f, ds, m, info, err)) != 0) {
        return ret;
    }
    if (ds->run.imported) {
        rl_report_import(f, ds, info);
    }
    if ((ret = rl_report_figures(f, ds, m, opt != NULL ? opt->facet : 0, info, err)) != 0
        || (opt != NULL && opt->power != NULL
            && (ret = rl_report_power(f, opt->power, info, err)) != 0)) {
        return ret;
    }
    fprintf(f, "</main>\n<footer>Made by relapselab %s (<code>relapselab report</code>) from ",
        RL_VERSION);
    rl_html_text(f, ds->path);
    if (opt != NULL && opt->power != NULL) {
        fputs(". Figures and tables are computed from the database alone, the power section "
              "from ", f);
        rl_html_text(f, opt->power->path);
        fputs(" (docs/REPORT.md).</footer>\n</body>\n</html>\n", f);
    } else {
        fputs(". Figures and tables are computed from the database alone (docs/REPORT.md)."
              "</footer>\n</body>\n</html>\n", f);
    }
    return 0;
}

int
rl_report_render_html(const rl_dataset_t *ds, const rl_measures_t *m, char **html,
    size_t *len, rl_report_info_t *info, rl_error_t *err)
{
    return rl_report_render_html_opt(ds, m, NULL, html, len, info, err);
}

int
rl_report_render_html_opt(const rl_dataset_t *ds, const rl_measures_t *m,
    const rl_report_options_t *opt, char **html, size_t *len, rl_report_info_t *info,
    rl_error_t *err)
{
    rl_report_info_t local;
    FILE *f;
    int ret;

    *html = NULL;
    *len = 0;
    info = info != NULL ? info : &local;
    memset(info, 0, sizeof *info);
    if ((f = open_memstream(html, len)) == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, ds->path, 0, 0, "out of memory");
    }
    ret = page(f, ds, m, opt, info, err);
    return rl_report_mem_close(f, ret, html, len, ds->path, err);
}

int
rl_report_mem_close(FILE *f, int ret, char **html, size_t *len, const char *path,
    rl_error_t *err)
{
    if (ferror(f) && ret == 0) {
        ret = rl_error_set(err, RL_ERR_NOMEM, path, 0, 0, "out of memory writing the report");
    }
    if (fclose(f) != 0 && ret == 0) {
        ret = rl_error_set(err, RL_ERR_NOMEM, path, 0, 0, "out of memory writing the report");
    }
    if (ret != 0) {
        free(*html);
        *html = NULL;
        *len = 0;
    }
    return ret;
}

int
rl_report_write_html(const rl_dataset_t *ds, const rl_measures_t *m, const char *path,
    rl_report_info_t *info, rl_error_t *err)
{
    return rl_report_write_html_opt(ds, m, NULL, path, info, err);
}

int
rl_report_write_html_opt(const rl_dataset_t *ds, const rl_measures_t *m,
    const rl_report_options_t *opt, const char *path, rl_report_info_t *info, rl_error_t *err)
{
    char *html = NULL;
    size_t len = 0;
    int ret;

    if (ds->path != NULL && rl_outfile_same(path, ds->path)) {
        return rl_error_set(err, RL_ERR_IO, path, 0, 0, "is the database the report is made "
            "from; refusing to replace it");
    }
    if ((ret = rl_outfile_check(path, err)) != 0
        || (ret = rl_report_render_html_opt(ds, m, opt, &html, &len, info, err)) != 0) {
        return ret;
    }
    ret = rl_outfile_write(path, html, len, NULL, err);
    free(html);
    return ret;
}
