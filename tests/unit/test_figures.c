/* test_figures.c -- the figure builders (figures.h) and the HTML report (report.h).
**
** tests/data/small.yaml (3 groups x 3 mice: acquisition 4 sessions, PR 1, extinction until
** criterion (at most 6, window 2), cue test 1) is simulated with seed 11 through the runner
** into a database in a mkdtemp() directory, read back (dataset.h) with its events, and the
** measures computed (measures.h). Each figure's numbers are then checked against values
** worked out here from the sessions themselves, independently of the builders:
**  - acquisition / extinction: the mean and SEM (sample SD / sqrt(n)) of the active (and
**    inactive) responses of the group's mice at each session number of the phase, over
**    the mice that ran that many sessions;
**  - breakpoint: bar = the measures' group mean, which is the mean of the PR sessions'
**    stored breakpoints; one dot per mouse with its breakpoint;
**  - reinstatement: per mouse the pair (mean active of its last 2 extinction sessions,
**    active in the test); bars = the measures' group means;
**  - cumulative: as many active (inactive) times as the session's stored count, deliveries
**    = the stored reinforcers, the axis = the session's duration;
**  - iri: the intervals of a group = sum over its acquisition sessions of reinforcers - 1;
**  - traces: the re-simulation reproduces the stored events (else the builder fails);
**    brain cocaine is 0 before the first infusion of the mouse's first session and > 0
**    after it; the belief in the drug context is 1 throughout that session and falls below
**    0.5 in the mouse's first extinction session; a wrong seed, an imported run, and
**    unknown phase/subject/session fail.
** The report: as many inline <svg> as figures, as many <table> as it says, escaping, the
** atomic write (no temporary left; a missing directory fails and writes nothing).
*/
#include "relapselab/dataset.h"
#include "relapselab/figures.h"
#include "relapselab/measures.h"
#include "relapselab/plot.h"
#include "relapselab/protocol.h"
#include "relapselab/report.h"
#include "relapselab/runner.h"
#include "relapselab/store.h"
#include "relapselab/version.h"

#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/report_internal.h"
#include "testlib.h"

/* fontconfig (under cairo) keeps ~1 KB for the life of the process: not a leak here. */
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

static char tmpdir[64];
static char db_path[128];
static rl_dataset_t *ds;
static rl_measures_t *ms;

static int
store_sink(void *ctx, const rl_subject_result_t *s, rl_error_t *err)
{
    return rl_store_write_subject_result(ctx, s, err);
}

/* Simulate tests/data/small.yaml with seed 11 into db_path. */
static int
make_db(void)
{
    rl_protocol_t *p = calloc(1, sizeof *p);
    rl_run_info_t info = {11, "mt19937", 1, RL_VERSION, "relapselab run tests/data/small.yaml "
        "--seed 11", 0};
    rl_runner_options_t opt;
    rl_store_t *st = NULL;
    rl_error_t err;
    int ret;

    rl_error_clear(&err);
    ret = p == NULL ? RL_ERR_NOMEM : rl_protocol_load_file(p, "tests/data/small.yaml", &err);
    if (ret == 0) {
        ret = rl_store_open(db_path, p, &info, &st, &err);
    }
    if (ret == 0) {
        memset(&opt, 0, sizeof opt);
        opt.seed = 11;
        opt.threads = 2;
        opt.sink = store_sink;
        opt.sink_ctx = st;
        ret = rl_runner_run(p, &opt, &err);
        ret = ret == 0 ? rl_store_commit(st, &err) : (rl_store_abort(st), ret);
    }
    if (ret != 0) {
        fprintf(stderr, "make_db: %s\n", err.msg);
    }
    if (p != NULL) {
        rl_protocol_free(p);
        free(p);
    }
    return ret;
}

/* Mean and SEM (sample SD / sqrt(n)) of x[0..n-1], by hand. */
static void
hand_mean_sem(const double *x, int n, double *mean, double *sem)
{
    double s = 0.0, ss = 0.0;
    int i;
    for (i = 0; i < n; i++) {
        s += x[i];
    }
    *mean = n > 0 ? s / n : NAN;
    for (i = 0; i < n; i++) {
        ss += (x[i] - *mean) * (x[i] - *mean);
    }
    *sem = n > 1 ? sqrt(ss / (n - 1)) / sqrt((double) n) : NAN;
}

/* The values of the sessions of group g, phase name, session_in_phase k: active (or
** inactive) into x; returns how many. */
static int
values_at(int g, const char *phase, int k, bool inactive, double *x)
{
    size_t i;
    int n = 0;
    for (i = 0; i < ds->n_sessions; i++) {
        const rl_ds_session_t *s = &ds->sessions[i];
        if (s->group_id == g && strcmp(s->phase_name, phase) == 0 && s->session_in_phase == k) {
            x[n++] = (double) (inactive ? s->inactive : s->active);
        }
    }
    return n;
}

/* The measures' group mean of measure k for group g in phase ph. */
static double
gp_mean(const rl_measures_t *m, int g, int ph, int k)
{
    size_t i;
    for (i = 0; i < m->n_group_phases; i++) {
        if (m->group_phases[i].group == g && m->group_phases[i].phase_index == ph) {
            return m->group_phases[i].m[k].mean;
        }
    }
    return NAN;
}

/* Check one curve series against the hand-computed means of (g, phase). */
static void
check_curve(const rl_plot_series_t *s, int g, const char *phase, bool inactive)
{
    double x[16], mean, sem;
    int k, n_first = values_at(g, phase, 0, inactive, x);
    CHECK(s->n >= 1);
    for (k = 0; k < s->n; k++) {
        int n = values_at(g, phase, k, inactive, x);
        hand_mean_sem(x, n, &mean, &sem);
        CHECK_CLOSE(s->x[k], k + 1, 0.25, 0); /* session number, dodged sideways */
        if (n < 2 || 2 * n < n_first) { /* too few mice left: no point */
            CHECK(isnan(s->y[k]));
            continue;
        }
        CHECK_CLOSE(s->y[k], mean, 1e-12, 1e-12);
        CHECK(n > 1 ? fabs(s->sem[k] - sem) <= 1e-12 * (1 + sem) : isnan(s->sem[k]));
    }
}

static void
test_acquisition(void)
{
    rl_figure_options_t opt;
    rl_figure_t f;
    rl_error_t err;
    int g;

    rl_figure_options_init(&opt);
    CHECK(rl_figure_acquisition(ds, ms, &opt, &f, &err) == 0);
    CHECK(f.n_groups == 3 && f.plot.n_panels == 1 && f.plot.panel[0].kind == RL_PLOT_LINES);
    CHECK(f.plot.panel[0].n_series == 6);       /* active and inactive per group */
    for (g = 0; g < 3 && f.plot.panel[0].n_series == 6; g++) {
        const rl_plot_series_t *act = &f.plot.panel[0].series[2 * g];
        const rl_plot_series_t *ina = &f.plot.panel[0].series[2 * g + 1];
        CHECK(act->n == 4);                     /* 4 acquisition sessions */
        check_curve(act, g, "acquisition", false);
        check_curve(ina, g, "acquisition", true);
        CHECK(!act->style.open && !act->style.dashed && ina->style.open && ina->style.dashed);
        CHECK(strstr(act->label, ds->groups[g].name) != NULL);
    }
    CHECK(strcmp(f.plot.x.label, "Session") == 0);
    CHECK(strstr(f.plot.panel[0].y.label, "pokes per session") != NULL);
    rl_figure_free(&f);
    rl_figure_free(&f); /* twice is safe */
}

static void
test_extinction(void)
{
    rl_figure_options_t opt;
    rl_figure_t f;
    rl_error_t err;
    int idx[1], n, g;

    rl_figure_options_init(&opt);
    CHECK(rl_figure_parse_groups(ds, "Pdyn-KO", idx, 1, &n, &err) == 0 && n == 1);
    opt.groups = idx;
    opt.n_groups = 1;
    g = idx[0];
    CHECK(rl_figure_extinction(ds, ms, &opt, &f, &err) == 0);
    CHECK(f.n_groups == 1 && f.plot.panel[0].n_series == 1);
    if (f.plot.panel[0].n_series == 1) {
        /* until criterion: later points are over the mice still running */
        check_curve(&f.plot.panel[0].series[0], g, "extinction", false);
    }
    rl_figure_free(&f);
}

static void
test_breakpoint(void)
{
    rl_figure_options_t opt;
    rl_figure_t f;
    rl_error_t err;
    const rl_plot_bars_t *b;
    size_t i;
    int g, s = 0, k;

    rl_figure_options_init(&opt);
    CHECK(rl_figure_breakpoint(ds, ms, &opt, &f, &err) == 0);
    b = &f.plot.panel[0].bars;
    CHECK(f.plot.panel[0].kind == RL_PLOT_BARS && b->n_groups == 3 && b->n_bars == 1);
    for (g = 0; g < b->n_groups && b->n_groups == 3; g++) {
        double x[8], mean, sem;
        int n = 0;
        for (i = 0; i < ds->n_sessions; i++) { /* one PR session per mouse */
            if (ds->sessions[i].group_id == g && ds->sessions[i].phase_index == 1) {
                x[n++] = (double) ds->sessions[i].breakpoint;
            }
        }
        hand_mean_sem(x, n, &mean, &sem);
        CHECK(n == 3 && b->n_subjects[g] == 3);
        CHECK_CLOSE(b->mean[g], mean, 1e-12, 1e-12);
        CHECK_CLOSE(b->mean[g], gp_mean(ms, g, 1, RL_M_BREAKPOINT),
            0, 0);
        CHECK_CLOSE(b->sem[g], sem, 1e-12, 1e-12);
        for (k = 0; k < n; k++, s++) {
            CHECK(b->values[s] == x[k]); /* mice in subject order */
        }
        CHECK(strcmp(b->group_names[g], ds->groups[g].name) == 0);
    }
    rl_figure_free(&f);
}

static void
test_reinstatement(void)
{
    rl_figure_options_t opt;
    rl_figure_t f;
    rl_error_t err;
    const rl_plot_bars_t *b;
    int subj, s = 0;

    rl_figure_options_init(&opt);
    CHECK(rl_figure_reinstatement(ds, ms, &opt, &f, &err) == 0);
    b = &f.plot.panel[0].bars;
    CHECK(b->n_groups == 3 && b->n_bars == 2 && b->paired);
    CHECK(strstr(b->bar_names[0], "last 2") != NULL);
    /* each mouse: (mean active of its last 2 extinction sessions, active in the test) */
    for (subj = 0; subj < ds->n_subjects && b->n_groups == 3; subj++) {
        double ext[8], test = NAN;
        int n = 0;
        size_t i;
        for (i = 0; i < ds->n_sessions; i++) {
            const rl_ds_session_t *x = &ds->sessions[i];
            if (x->subject == subj && strcmp(x->phase_name, "extinction") == 0) {
                ext[n++] = (double) x->active;
            } else if (x->subject == subj && strcmp(x->phase_name, "cue_test") == 0) {
                test = (double) x->active;
            }
        }
        CHECK(n >= 2);
        CHECK_CLOSE(b->values[2 * s], 0.5 * (ext[n - 1] + ext[n - 2]), 1e-12, 1e-12);
        CHECK(b->values[2 * s + 1] == test);
        s++;
    }
    CHECK_CLOSE(b->mean[0], gp_mean(ms, 0, 3, RL_M_BASELINE_ACTIVE),
        0, 0);
    CHECK_CLOSE(b->mean[1], gp_mean(ms, 0, 3, RL_M_ACTIVE), 0, 0);
    rl_figure_free(&f);
}

/* Index in ds->sessions of subject subj's session on day. */
static const rl_ds_session_t *
session_of(int subj, int day)
{
    size_t i;
    for (i = 0; i < ds->n_sessions; i++) {
        if (ds->sessions[i].subject == subj && ds->sessions[i].day == day) {
            return &ds->sessions[i];
        }
    }
    return NULL;
}

static void
test_cumulative(void)
{
    const rl_ds_session_t *s = session_of(4, 3);
    rl_figure_options_t opt;
    rl_figure_t f;
    rl_error_t err;
    const rl_plot_panel_t *p;
    int i;

    rl_figure_options_init(&opt);
    CHECK(rl_figure_find_subject(ds, "4", &opt.subject, &err) == 0 && opt.subject == 4);
    opt.day = 3;
    CHECK(s != NULL && rl_figure_cumulative(ds, ms, &opt, &f, &err) == 0);
    p = &f.plot.panel[0];
    CHECK(p->kind == RL_PLOT_CUMULATIVE && p->n_series == 2 && p->n_rugs == 1);
    if (s == NULL || p->n_series != 2) {
        rl_figure_free(&f);
        return;
    }
    CHECK(p->series[0].n == s->active);      /* the count at the end = the session's count */
    CHECK(p->series[1].n == s->inactive);
    CHECK(p->rugs[0].n == s->reinforcers);   /* FR1 with drug: one infusion per reinforcer */
    for (i = 1; i < p->series[0].n; i++) {
        CHECK(p->series[0].x[i] >= p->series[0].x[i - 1]);
    }
    CHECK(f.plot.x.min == 0.0 && f.plot.x.max == s->duration_min);
    CHECK(strcmp(p->rugs[0].label, "Infusion") == 0);
    CHECK(strstr(f.plot.title, "(day 4)") != NULL); /* 0-based day 3, shown from 1 */
    rl_figure_free(&f);

    /* the same session by phase and rank */
    opt.day = -1;
    opt.phase = "acquisition";
    opt.session_in_phase = 3;
    CHECK(rl_figure_cumulative(ds, ms, &opt, &f, &err) == 0);
    CHECK(f.plot.panel[0].n_series == 2 && f.plot.panel[0].series[0].n == s->active);
    rl_figure_free(&f);
}

static void
test_iri(void)
{
    rl_figure_options_t opt;
    rl_figure_t f;
    rl_error_t err;
    int g;

    rl_figure_options_init(&opt);
    opt.log_x = true;
    CHECK(rl_figure_iri(ds, ms, &opt, &f, &err) == 0);
    CHECK(f.plot.x.log10 && f.plot.panel[0].kind == RL_PLOT_HISTOGRAM);
    CHECK(f.plot.panel[0].n_series == 3);
    for (g = 0; g < 3 && f.plot.panel[0].n_series == 3; g++) {
        int64_t want = 0;
        size_t i;
        for (i = 0; i < ds->n_sessions; i++) {
            const rl_ds_session_t *s = &ds->sessions[i];
            if (s->group_id == g && s->phase_index == 0 && s->reinforcers > 0) {
                want += s->reinforcers - 1;
            }
        }
        CHECK(f.plot.panel[0].series[g].n == want);
        for (i = 0; i < (size_t) f.plot.panel[0].series[g].n; i++) {
            CHECK(f.plot.panel[0].series[g].x[i] > 0.0);
        }
    }
    CHECK(strcmp(f.plot.x.label, "Inter-infusion interval (s)") == 0);
    rl_figure_free(&f);
}

static void
test_traces(void)
{
    rl_figure_options_t opt;
    rl_figure_t f;
    rl_error_t err;
    const rl_ds_session_t *s = NULL;
    const rl_plot_series_t *coc;
    double first = INFINITY, max_after = 0.0, max_before = 0.0;
    size_t i;
    int subj, k;

    /* The first mouse with an infusion in its first session. */
    for (subj = 0; subj < ds->n_subjects; subj++) {
        s = session_of(subj, 0);
        if (s != NULL && s->reinforcers > 0) {
            break;
        }
    }
    CHECK(s != NULL && subj < ds->n_subjects);
    if (s == NULL || subj == ds->n_subjects) {
        return;
    }
    for (i = 0; i < s->n_loaded_events; i++) {
        if (s->events[i].kind == RL_EV_INFUSION_START && s->events[i].t_s < first) {
            first = s->events[i].t_s / 60.0;
        }
    }
    rl_figure_options_init(&opt);
    opt.subject = subj;
    opt.day = 0;
    CHECK(rl_figure_traces(ds, ms, &opt, &f, &err) == 0); /* reproduced: events checked */
    CHECK(f.plot.n_panels == 3);
    if (f.plot.n_panels != 3) {
        fprintf(stderr, "traces: %s\n", err.msg);
        return;
    }
    coc = f.plot.panel[0].series;
    CHECK(coc->n > 100 && f.plot.panel[1].series->n == coc->n);
    CHECK(coc->x[0] == 0.0);
    for (k = 0; k < coc->n; k++) {
        if (coc->x[k] < first) {
            max_before = fmax(max_before, coc->y[k]);
        } else {
            max_after = fmax(max_after, coc->y[k]);
        }
    }
    CHECK(max_before == 0.0);    /* no cocaine in the brain before the first infusion */
    CHECK(max_after > 0.1);      /* uM: 1 mg/kg gives ~1 uM at equilibrium */
    CHECK(f.plot.panel[0].n_vlines == s->reinforcers);
    CHECK(f.plot.panel[1].series->y[0] > 0.0); /* tonic dopamine */
    /* the belief in the drug context: 1 throughout the first session, which has no
    ** omitted reinforcer ([BEL-1]: the extinction cause does not exist yet) */
    CHECK(f.plot.panel[2].series->n == coc->n);
    for (k = 0; k < coc->n; k++) {
        CHECK(f.plot.panel[2].series->y[k] == 1.0);
    }
    rl_figure_free(&f);

    /* ... and in the mouse's first extinction session it falls below 0.5 (the omissions
    ** are evidence for the extinction cause, [BEL-2]) and stays within 0..1; the
    ** vertical lines of a session without deliveries mark its cues (none here). */
    for (i = 0; i < ds->n_sessions; i++) {
        const rl_ds_session_t *x = &ds->sessions[i];
        if (x->subject == subj && strcmp(x->phase_kind, "extinction") == 0
            && x->session_in_phase == 0) {
            const rl_plot_series_t *bel;
            double lo = INFINITY, hi = -INFINITY;
            opt.day = x->day;
            CHECK(rl_figure_traces(ds, ms, &opt, &f, &err) == 0);
            if (f.plot.n_panels != 3) {
                break;
            }
            bel = f.plot.panel[2].series;
            for (k = 0; k < bel->n; k++) {
                lo = fmin(lo, bel->y[k]);
                hi = fmax(hi, bel->y[k]);
            }
            CHECK(bel->n > 100 && lo >= 0.0 && hi <= 1.0 && lo < 0.5);
            CHECK(f.plot.panel[2].n_vlines == 0 && strstr(f.caption, "0 cues") != NULL);
            /* yesterday's cocaine remainder (far below 1 nM) is not magnified */
            CHECK(f.plot.panel[0].y.min == 0.0 && f.plot.panel[0].y.max == 1.0);
            rl_figure_free(&f);
            break;
        }
    }
    CHECK(i < ds->n_sessions); /* the mouse had an extinction session */
    opt.day = 0;

    /* another seed does not reproduce the stored session */
    {
        const char *seed = ds->run.seed;
        ds->run.seed = "12";
        CHECK(rl_figure_traces(ds, ms, &opt, &f, &err) == RL_ERR_INVALID);
        CHECK(strstr(err.msg, "cannot be reproduced") != NULL);
        CHECK(f.mem == NULL);
        ds->run.seed = seed;
    }
    /* an imported run has no model to re-simulate */
    ds->run.imported = true;
    CHECK(rl_figure_build(RL_FIG_TRACES, ds, ms, &opt, &f, &err) == RL_ERR_INVALID);
    CHECK(strstr(err.msg, "traces need a simulated run") != NULL);
    ds->run.imported = false;
}

static void
test_errors(void)
{
    rl_figure_options_t opt;
    rl_figure_t f;
    rl_error_t err;
    int idx[4], n, subject;

    rl_figure_options_init(&opt);
    opt.phase = "no_such_phase";
    CHECK(rl_figure_acquisition(ds, ms, &opt, &f, &err) == RL_ERR_INVALID);
    CHECK(strstr(err.msg, "no phase named 'no_such_phase'") != NULL);
    CHECK(strstr(err.msg, "cue_test") != NULL);      /* lists the phases */
    CHECK(strstr(err.file, "figures.db") != NULL);   /* names the database */
    opt.phase = "cue_test";                          /* a phase without PR data */
    CHECK(rl_figure_breakpoint(ds, ms, &opt, &f, &err) == RL_FIGURE_NO_DATA);
    opt.phase = "extinction";                        /* no deliveries: no intervals */
    CHECK(rl_figure_iri(ds, ms, &opt, &f, &err) == RL_FIGURE_NO_DATA);
    rl_figure_options_init(&opt);
    CHECK(rl_figure_cumulative(ds, ms, &opt, &f, &err) == RL_ERR_INVALID); /* no subject */
    opt.subject = 0;
    opt.day = 999;
    CHECK(rl_figure_cumulative(ds, ms, &opt, &f, &err) == RL_ERR_INVALID);
    CHECK(strstr(err.msg, "no session on day 999") != NULL);
    CHECK(rl_figure_find_subject(ds, "99", &subject, &err) == RL_ERR_INVALID);
    CHECK(rl_figure_find_subject(ds, "mouse", &subject, &err) == RL_ERR_INVALID);
    CHECK(rl_figure_parse_groups(ds, "WT,nope", idx, 4, &n, &err) == RL_ERR_INVALID);
    CHECK(rl_figure_parse_groups(ds, "WT,WT", idx, 4, &n, &err) == RL_ERR_INVALID);
    CHECK(rl_figure_parse_groups(ds, "Oprm1-het,WT", idx, 4, &n, &err) == 0 && n == 2
          && idx[0] == 2 && idx[1] == 0);
    CHECK(rl_figure_kind_find("traces") == RL_FIG_TRACES && rl_figure_kind_find("x") == -1);
    CHECK(rl_figure_build(RL_FIG_COUNT, ds, ms, &opt, &f, &err) == RL_ERR_INVALID);
}

/* Every figure renders (the plot library accepts what the builders fill). */
static void
test_render_all(void)
{
    rl_figure_options_t opt;
    rl_figure_t f;
    rl_error_t err;
    int k, subject, day;

    rl_figure_options_init(&opt);
    CHECK(rl_figure_representative(ds, ms, &opt, &subject, &day, &err) == 0);
    CHECK(ds->subjects[subject].group_id == 0 && session_of(subject, day) != NULL
          && strcmp(session_of(subject, day)->phase_name, "acquisition") == 0);
    opt.subject = subject;
    opt.day = day;
    for (k = 0; k < RL_FIG_COUNT; k++) {
        unsigned char *png = NULL;
        size_t len = 0;
        int ret = rl_figure_build(k, ds, ms, &opt, &f, &err);
        if (k == RL_FIG_PLACE) { /* an operant study: no place tests (tests/cli/test_place.sh) */
            CHECK(ret == RL_FIGURE_NO_DATA);
            rl_figure_free(&f);
            continue;
        }
        CHECK(ret == 0);
        CHECK(ret != 0 || f.caption[0] != '\0');
        if (ret == 0) {
            CHECK(rl_plot_render(&f.plot, RL_PLOT_PNG, &png, &len, &err) == 0 && len > 1000);
            free(png);
        } else {
            fprintf(stderr, "%s: %s\n", rl_figure_kind_name(k), err.msg);
        }
        rl_figure_free(&f);
    }
}

static int
count(const char *hay, const char *needle)
{
    int n = 0;
    for (hay = strstr(hay, needle); hay != NULL; hay = strstr(hay + 1, needle)) {
        n++;
    }
    return n;
}

static void
test_report(void)
{
    rl_report_info_t info;
    rl_error_t err;
    char *html = NULL, path[160], *buf = NULL;
    size_t len = 0;
    struct stat st;
    off_t db_size;
    glob_t g;
    FILE *f;

    CHECK(rl_report_render_html(ds, ms, &html, &len, &info, &err) == 0);
    if (html == NULL) {
        return;
    }
    CHECK(strlen(html) == len && strncmp(html, "<!DOCTYPE html>", 15) == 0);
    CHECK(info.figures == 7 && info.notes == 0); /* acq, bp, ext, reinst, cumulative, traces of
                                                ** the last acquisition session and the test */
    CHECK(count(html, "<svg") == info.figures && count(html, "<figcaption>") == info.figures);
    /* provenance, groups, one per phase (the protocol is its YAML, not a table) and one per
    ** phase of group comparisons */
    CHECK(count(html, "<table") == info.tables && info.tables == 10);
    CHECK(strstr(html, "<section id=\"compare\">") != NULL);
    CHECK(count(html, "<?xml") == 0);
    CHECK(strstr(html, "relapselab test protocol (small)") != NULL);
    CHECK(strstr(html, "reinforcer, cue") != NULL);   /* the protocol text */
    /* nothing external: no scripts, links, sources or URLs other than XML namespaces */
    CHECK(count(html, "<script") + count(html, "<link") + count(html, " src=")
          + count(html, "url(") + count(html, "href=\"http") == 0);
    free(html);

    /* escaping, in one place */
    f = open_memstream(&buf, &len);
    rl_html_text(f, "<a href=\"x\">R&D's</a>");
    fclose(f);
    CHECK(strcmp(buf, "&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;") == 0);
    free(buf);

    /* atomic write: the file, and no temporary */
    snprintf(path, sizeof path, "%s/report.html", tmpdir);
    CHECK(rl_report_write_html(ds, ms, path, &info, &err) == 0);
    CHECK(stat(path, &st) == 0 && st.st_size > 10000);
    snprintf(path, sizeof path, "%s/report.html.tmp-*", tmpdir);
    CHECK(glob(path, 0, NULL, &g) == GLOB_NOMATCH);
    globfree(&g);
    /* the database the report is made from is never replaced by it */
    CHECK(stat(ds->path, &st) == 0);
    db_size = st.st_size;
    CHECK(rl_report_write_html(ds, ms, ds->path, &info, &err) == RL_ERR_IO);
    CHECK(strstr(err.msg, "refusing to replace it") != NULL);
    CHECK(stat(ds->path, &st) == 0 && st.st_size == db_size);
    snprintf(path, sizeof path, "%s/no/such/dir/report.html", tmpdir);
    CHECK(rl_report_write_html(ds, ms, path, &info, &err) == RL_ERR_IO);
    CHECK(strstr(err.file, "report.html") != NULL);
    CHECK(stat(path, &st) != 0);
}

/* The database every case draws from: written once, read back with its events and
** measures. */
static bool
setup(void)
{
    rl_error_t err;

    if (!rl_test_tmpdir(tmpdir, sizeof tmpdir, "figures")) {
        return false;
    }
    snprintf(db_path, sizeof db_path, "%s/figures.db", tmpdir);
    rl_error_clear(&err);
    if (make_db() != 0 || rl_dataset_read(db_path, &ds, &err) != 0
        || rl_dataset_load_events(ds, -1, &err) != 0 || rl_measures_compute(ds, &ms, &err) != 0) {
        fprintf(stderr, "test_figures: cannot set up the database: %s\n", err.msg);
        return false;
    }
    return true;
}

static bool
teardown(void)
{
    char path[160];

    rl_measures_free(ms);
    rl_dataset_free(ds);
    remove(db_path);
    snprintf(path, sizeof path, "%s/report.html", tmpdir);
    remove(path);
    return rl_test_tmpdir_done(tmpdir);
}

/* Small multiples (figures.h): with --facet the three groups of small.yaml -- one wild type
** and two mutants, a single set -- get a panel each, sharing one legend of curve kinds;
** the curves are those of the one-panel figure, in black in every panel. By default (3
** groups, not more than RL_FIGURE_FACET_GROUPS) and with OFF the figure is one panel. */
static void
test_facets(void)
{
    rl_figure_options_t opt;
    rl_figure_t f, one;
    rl_error_t err;
    unsigned char *svg = NULL;
    size_t len = 0;
    int g, j;

    rl_figure_options_init(&opt);
    CHECK(rl_figure_acquisition(ds, ms, &opt, &one, &err) == 0);
    CHECK(one.plot.n_panels == 1 && one.plot.facet_cols == 0 && one.plot.legend == NULL);
    opt.facet = RL_FIGURE_FACET_ON;
    CHECK(rl_figure_acquisition(ds, ms, &opt, &f, &err) == 0);
    CHECK(f.n_groups == 3 && f.plot.n_panels == 3 && f.plot.facet_cols == 3);
    CHECK(f.plot.n_legend == 2 && f.plot.legend != NULL);
    if (f.plot.n_legend == 2) {
        CHECK(strcmp(f.plot.legend[0].label, "active") == 0);
        CHECK(strcmp(f.plot.legend[1].label, "inactive") == 0);
        CHECK(f.plot.legend[1].style.open && f.plot.legend[1].style.dashed);
    }
    CHECK(strstr(f.caption, "One panel per group") != NULL);
    for (g = 0; g < 3 && f.plot.n_panels == 3; g++) {
        const rl_plot_panel_t *p = &f.plot.panel[g];
        CHECK(p->kind == RL_PLOT_LINES && p->n_series == 2);
        CHECK(p->title != NULL && strcmp(p->title, ds->groups[g].name) == 0);
        for (j = 0; j < p->n_series && p->n_series == 2; j++) {
            const rl_plot_series_t *a = &p->series[j], *b = &one.plot.panel[0].series[2 * g + j];
            int k;
            CHECK(a->style.colour == 0 && a->n == b->n);
            for (k = 0; k < a->n && a->n == b->n; k++) {
                CHECK(a->x[k] == k + 1); /* one group per panel: not dodged */
                CHECK((isnan(a->y[k]) && isnan(b->y[k])) || a->y[k] == b->y[k]);
            }
            check_curve(a, g, "acquisition", j == 1);
        }
    }
    CHECK(rl_plot_render(&f.plot, RL_PLOT_SVG, &svg, &len, &err) == 0 && len > 1000);
    free(svg);
    rl_figure_free(&f);
    rl_figure_free(&one);
    opt.facet = RL_FIGURE_FACET_OFF;
    CHECK(rl_figure_extinction(ds, ms, &opt, &f, &err) == 0 && f.plot.n_panels == 1);
    rl_figure_free(&f);
}

static const rl_test_case_t CASES[] = {
    {"acquisition", test_acquisition, 0},
    {"extinction", test_extinction, 0},
    {"breakpoint", test_breakpoint, 0},
    {"reinstatement", test_reinstatement, 0},
    {"cumulative", test_cumulative, 0},
    {"iri", test_iri, 0},
    {"traces", test_traces, 0},
    {"errors", test_errors, 0},
    {"render_all", test_render_all, 0},
    {"report", test_report, 0},
    {"facets", test_facets, 0},
};

int
main(int argc, char **argv)
{
    static const rl_test_suite_t suite = {CASES, RL_TEST_COUNT(CASES), setup, teardown};
    return rl_test_main(argc, argv, &suite);
}
