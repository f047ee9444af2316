/* measures_print.c -- readable tables of the standard measures (see measures.h).
**
** The group table follows the layout of `relapselab run`'s summary (summary.c): group,
** phase, n, then mean ± SEM over mice of each mouse's per-session means, then the phase's
** own measure in words (criterion, breakpoint, extinction, reinstatement), so the two can
** be read side by side; a second block gives the maintenance inter-infusion interval (III)
** and the model's DA and cocaine readouts, and a third -- in every table -- the lab
** measures (rates per hour, latencies, earned deliveries, head entries) that these data
** have (rl_measures_shown): none for a simulation without head entries, say, rather than a
** column of zeros. "n/a" marks a measure that does not apply (NaN).
*/
#include "relapselab/measures.h"

#include <math.h>
#include <string.h>

#include "core/text_safe.h"

static const rl_phase_t *
phase_of(const rl_dataset_t *ds, int group, int ph)
{
    return &ds->procedures[ds->groups[group].procedure_id].phases[ph];
}

/* Column widths for names: those of `relapselab run` (group 20, phase 18), or wider to fit
** the longest name (imported data may have long ones) as printed: names are escaped for
** the terminal (text_safe.h), so a control character counts as its escape. */
typedef struct widths {
    int group, phase, name;
} widths_t;

static int
wider(int w, const char *s)
{
    rl_text_buf_t b;
    int n = s != NULL ? (int) strlen(rl_text_safe(s, &b)) : 0;
    return n > w ? n : w;
}

static widths_t
name_widths(const rl_dataset_t *ds)
{
    widths_t w = {20, 18, 12};
    int i, j;
    for (i = 0; i < ds->n_groups; i++) {
        w.group = wider(w.group, ds->groups[i].name);
    }
    for (i = 0; i < ds->n_procedures; i++) {
        for (j = 0; j < ds->procedures[i].n_phases; j++) {
            w.phase = wider(w.phase, ds->procedures[i].phases[j].name);
        }
    }
    for (i = 0; i < ds->n_subjects; i++) {
        w.name = wider(w.name, ds->subjects[i].name);
    }
    return w;
}

/* " %7.1f ± %-5.1f", or n/a in the same width. */
static void
print_ms(FILE *f, rl_mean_sem_t x)
{
    if (x.n == 0) {
        fprintf(f, " %7s   %-5s", "n/a", "");
    } else {
        fprintf(f, " %7.1f ± %-5.1f", x.mean, x.sem);
    }
}

/* " %7.2f ± %.2f" (values of a few units: brain cocaine in uM; a row's last column, so
** not padded), or n/a. */
static void
print_ms2_last(FILE *f, rl_mean_sem_t x)
{
    if (x.n == 0) {
        fprintf(f, " %7s", "n/a");
    } else {
        fprintf(f, " %7.2f ± %.2f", x.mean, x.sem);
    }
}

/* " %7.2f ± %-5.2f", or n/a in the same width. */
static void
print_ms2(FILE *f, rl_mean_sem_t x)
{
    if (x.n == 0) {
        fprintf(f, " %7s   %-5s", "n/a", "");
    } else {
        fprintf(f, " %7.2f ± %-5.2f", x.mean, x.sem);
    }
}

/* A value in width w with one decimal (0 for whole numbers if integral), or n/a. */
static void
print_num(FILE *f, int w, double v)
{
    if (isnan(v)) {
        fprintf(f, " %*s", w, "n/a");
    } else if (v == floor(v) && fabs(v) < 1e15) {
        fprintf(f, " %*.0f", w, v);
    } else {
        fprintf(f, " %*.1f", w, v);
    }
}

/* A value in width w with `decimals` decimals, or n/a. */
static void
print_fixed(FILE *f, int w, int decimals, double v)
{
    if (isnan(v)) {
        fprintf(f, " %*s", w, "n/a");
    } else {
        fprintf(f, " %*.*f", w, decimals, v);
    }
}

static const char *
yes_no(double v)
{
    return isnan(v) ? "n/a" : v != 0.0 ? "yes" : "no";
}

/* The phase's own measure, in words. */
static void
print_phase_measure(FILE *f, const rl_phase_t *phase, const rl_group_phase_t *gp)
{
    const rl_mean_sem_t *m = gp->m;
    const rl_mean_sem_t met = m[RL_M_CRITERION_MET], to = m[RL_M_SESSIONS_TO_CRITERION];
    int n_met = (int) lround(met.mean * met.n);

    if (phase->criterion.type == RL_CRITERION_ACQUISITION) {
        fprintf(f, "criteria met: %.0f%% (%d/%d)", met.n > 0 ? 100.0 * met.mean : 0.0, n_met,
            met.n);
        if (to.n > 0) {
            fprintf(f, ", after %.1f ± %.1f sessions", to.mean, to.sem);
        }
    } else if (phase->schedule.type == RL_SCHEDULE_PR) {
        if (m[RL_M_BREAKPOINT].n > 0) {
            fprintf(f, "breakpoint: %.1f ± %.1f", m[RL_M_BREAKPOINT].mean, m[RL_M_BREAKPOINT].sem);
        } else {
            fputs("breakpoint: n/a", f);
        }
    } else if (phase->criterion.type == RL_CRITERION_EXTINCTION) {
        fprintf(f, "sessions: %.1f ± %.1f (%d/%d met", m[RL_M_SESSIONS].mean,
            m[RL_M_SESSIONS].sem, n_met, met.n);
        if (to.n > 0) {
            fprintf(f, ", criterion after %.1f ± %.1f", to.mean, to.sem);
        }
        fprintf(f, "); last %d: %.1f ± %.1f",
            phase->criterion.consecutive > 0 ? phase->criterion.consecutive : 3,
            m[RL_M_LAST_ACTIVE].mean, m[RL_M_LAST_ACTIVE].sem);
    } else if (phase->kind == RL_PHASE_REINSTATEMENT) {
        if (m[RL_M_BASELINE_ACTIVE].n > 0) {
            fprintf(f, "vs extinction baseline %.1f ± %.1f: ratio %.2f ± %.2f (n=%d)",
                m[RL_M_BASELINE_ACTIVE].mean, m[RL_M_BASELINE_ACTIVE].sem,
                m[RL_M_REINSTATEMENT_RATIO].mean, m[RL_M_REINSTATEMENT_RATIO].sem,
                m[RL_M_REINSTATEMENT_RATIO].n);
        } else {
            fputs("extinction baseline: n/a", f);
        }
    } else if (phase->kind == RL_PHASE_PLACE_TEST) {
        fprintf(f, "paired side: %.0f ± %.0f s; CPP score: %.0f ± %.0f s",
            m[RL_M_PLACE_PAIRED_S].mean, m[RL_M_PLACE_PAIRED_S].sem, m[RL_M_PLACE_SCORE_S].mean,
            m[RL_M_PLACE_SCORE_S].sem);
        if (phase->sessions > 1) {
            fprintf(f, " (last test %.0f ± %.0f s)", m[RL_M_PLACE_LAST_SCORE_S].mean,
                m[RL_M_PLACE_LAST_SCORE_S].sem);
        }
    } else if (phase->kind == RL_PHASE_ACQUISITION) {
        fputs("criteria met: n/a (no criterion)", f);
    } else if (phase->kind == RL_PHASE_EXTINCTION) {
        fprintf(f, "no criterion; last 3: %.1f ± %.1f", m[RL_M_LAST_ACTIVE].mean,
            m[RL_M_LAST_ACTIVE].sem);
    }
}

/* The start of a group table's row: the group's name on its first row only (last_group
** keeps track), the phase, the number of mice. */
static void
group_row_start(FILE *f, const rl_dataset_t *ds, const rl_group_phase_t *gp, widths_t w,
    int *last_group)
{
    rl_text_buf_t gb, pb;
    fprintf(f, "%-*s %-*s %3d", w.group,
        gp->group != *last_group ? rl_text_safe(ds->groups[gp->group].name, &gb) : "",
        w.phase, rl_text_safe(phase_of(ds, gp->group, gp->phase_index)->name, &pb), gp->n);
    *last_group = gp->group;
}

/* The group table's second block: maintenance inter-infusion intervals (III, loading
** excluded) and the model's DA and cocaine readouts (n/a for lab data, which have no DA). */
static void
print_brain_groups(const rl_dataset_t *ds, const rl_measures_t *m, FILE *f, widths_t w)
{
    size_t i;
    int last_group = -1;

    fprintf(f, "\n%-*s %-*s %3s %15s %15s %15s %15s %15s %15s %15s\n", w.group, "", w.phase, "",
        "", "III after", "DA pre", "DA mean", "DA mean", "DA peak", "cocaine mean",
        "cocaine peak");
    fprintf(f, "%-*s %-*s %3s %15s %15s %15s %15s %15s %15s %15s\n", w.group, "group", w.phase,
        "phase", "n", "loading (s)", "(nM)", "(nM)", "(% pre)", "(% pre)", "(uM)", "(uM)");
    for (i = 0; i < m->n_group_phases; i++) {
        const rl_group_phase_t *gp = &m->group_phases[i];
        if (gp->n == 0) {
            continue;
        }
        group_row_start(f, ds, gp, w, &last_group);
        print_ms(f, gp->m[RL_M_III_MAINT_MEAN_S]);
        print_ms(f, gp->m[RL_M_DA_PRE_NM]);
        print_ms(f, gp->m[RL_M_DA_MEAN_NM]);
        print_ms(f, gp->m[RL_M_DA_MEAN_PCT]);
        print_ms(f, gp->m[RL_M_DA_PEAK_PCT]);
        print_ms2(f, gp->m[RL_M_COCAINE_MEAN_UM]);
        print_ms2_last(f, gp->m[RL_M_COCAINE_PEAK_UM]);
        fputc('\n', f);
    }
}

/* Two-line headers of the lab measures (measures.h, from RL_M_LAB_FIRST). */
static const char *const lab_head[RL_N_LAB][2] = {
    {"active", "(/h)"}, {"inactive", "(/h)"}, {"1st active", "(s)"},
    {"earned", "(/session)"}, {"non-contingent", "(/session)"},
    {"head entries", "(/session)"}, {"head entries", "(/h)"}, {"1st entry", "(s)"},
    {"entries in cue", "(/session)"}, {"entries no cue", "(/session)"},
    {"cue -> entry", "(s)"},
};

/* The lab block's header: the left columns (already formatted, two lines) and a 15-wide
** column per lab measure shown. */
static void
print_lab_head(const rl_measures_t *m, FILE *f, const char *left1, const char *left2)
{
    int k, line;
    for (line = 0; line < 2; line++) {
        fputs(line == 0 ? left1 : left2, f);
        for (k = RL_M_LAB_FIRST; k < RL_M_COUNT; k++) {
            if (rl_measures_shown(m, k)) {
                fprintf(f, " %15s", lab_head[k - RL_M_LAB_FIRST][line]);
            }
        }
        fputc('\n', f);
    }
}

/* The group table's lab block (rates, latencies, deliveries earned, head entries), only
** with the measures shown for these data (rl_measures_shown); nothing when none is. */
static void
print_lab_groups(const rl_dataset_t *ds, const rl_measures_t *m, FILE *f, widths_t w)
{
    char l1[512], l2[512];
    size_t i;
    int k, last_group = -1, last = -1;

    if (!rl_measures_any_lab_shown(m)) {
        return;
    }
    for (k = RL_M_LAB_FIRST; k < RL_M_COUNT; k++) {
        last = rl_measures_shown(m, k) ? k : last;
    }
    snprintf(l1, sizeof l1, "\n%-*s %-*s %3s", w.group, "", w.phase, "", "");
    snprintf(l2, sizeof l2, "%-*s %-*s %3s", w.group, "group", w.phase, "phase", "n");
    print_lab_head(m, f, l1, l2);
    for (i = 0; i < m->n_group_phases; i++) {
        const rl_group_phase_t *gp = &m->group_phases[i];
        if (gp->n == 0) {
            continue;
        }
        group_row_start(f, ds, gp, w, &last_group);
        for (k = RL_M_LAB_FIRST; k < RL_M_COUNT; k++) {
            if (rl_measures_shown(m, k) && k < last) {
                print_ms(f, gp->m[k]);
            } else if (k == last) {     /* the row's end: no padding */
                if (gp->m[k].n == 0) {
                    fprintf(f, " %7s", "n/a");
                } else {
                    fprintf(f, " %7.1f ± %.1f", gp->m[k].mean, gp->m[k].sem);
                }
            }
        }
        fputc('\n', f);
    }
}

/* The subject table's lab block, one row per subject x phase. */
static void
print_lab_subjects(const rl_dataset_t *ds, const rl_measures_t *m, FILE *f, widths_t w)
{
    char l1[512], l2[512];
    rl_text_buf_t nb, gb, pb;
    size_t i;
    int k;

    if (!rl_measures_any_lab_shown(m)) {
        return;
    }
    snprintf(l1, sizeof l1, "\n%7s %-*s %-*s %-*s", "subject", w.name, "name", w.group, "group",
        w.phase, "phase");
    snprintf(l2, sizeof l2, "%7s %-*s %-*s %-*s", "", w.name, "", w.group, "", w.phase, "");
    print_lab_head(m, f, l1, l2);
    for (i = 0; i < m->n_subject_phases; i++) {
        const rl_subject_phase_t *sp = &m->subject_phases[i];
        const rl_ds_subject_t *sub = &ds->subjects[sp->subject];
        fprintf(f, "%7d %-*s %-*s %-*s", sub->subject_id, w.name,
            sub->name ? rl_text_safe(sub->name, &nb) : "-", w.group,
            rl_text_safe(ds->groups[sp->group].name, &gb), w.phase,
            rl_text_safe(phase_of(ds, sp->group, sp->phase_index)->name, &pb));
        for (k = RL_M_LAB_FIRST; k < RL_M_COUNT; k++) {
            if (rl_measures_shown(m, k)) {
                print_num(f, 15, sp->v[k]);
            }
        }
        fputc('\n', f);
    }
}

/* The session table's lab block, one row per session. */
static void
print_lab_sessions(const rl_dataset_t *ds, const rl_measures_t *m, FILE *f, widths_t w)
{
    char l1[512], l2[512];
    rl_text_buf_t nb, pb;
    size_t i;
    int k;

    if (!rl_measures_any_lab_shown(m)) {
        return;
    }
    snprintf(l1, sizeof l1, "\n%7s %7s %-*s %-*s %4s", "session", "subject", w.name, "name",
        w.phase, "phase", "day");
    snprintf(l2, sizeof l2, "%7s %7s %-*s %-*s %4s", "", "", w.name, "", w.phase, "", "");
    print_lab_head(m, f, l1, l2);
    for (i = 0; i < ds->n_sessions; i++) {
        const rl_ds_session_t *s = &ds->sessions[i];
        fprintf(f, "%7lld %7d %-*s %-*s %4d", (long long) s->session_id, s->subject_id, w.name,
            s->subject_name ? rl_text_safe(s->subject_name, &nb) : "-", w.phase,
            s->phase_name ? rl_text_safe(s->phase_name, &pb) : "", s->day);
        for (k = RL_M_LAB_FIRST; k < RL_M_COUNT; k++) {
            if (rl_measures_shown(m, k)) {
                print_num(f, 15, m->sessions[i].lab[k - RL_M_LAB_FIRST]);
            }
        }
        fputc('\n', f);
    }
}

void
rl_measures_print_groups(const rl_dataset_t *ds, const rl_measures_t *m, FILE *f)
{
    size_t i;
    widths_t w = name_widths(ds);
    int last_group = -1;

    fprintf(f, "%-*s %-*s %3s %15s %15s %15s %15s %15s %15s\n", w.group, "", w.phase, "", "",
        "active", "inactive", "reinforcers", "active in TO", "first 10 min", "IRI median");
    fprintf(f, "%-*s %-*s %3s %15s %15s %15s %15s %15s %15s  %s\n", w.group, "group", w.phase,
        "phase", "n", "(/session)", "(/session)", "(/session)", "(/session)", "(active)", "(s)",
        "phase measures (mean ± SEM over mice)");
    for (i = 0; i < m->n_group_phases; i++) {
        const rl_group_phase_t *gp = &m->group_phases[i];
        const rl_phase_t *phase = phase_of(ds, gp->group, gp->phase_index);
        if (gp->n == 0) { /* no mouse of the group ran this phase (imported data) */
            continue;
        }
        group_row_start(f, ds, gp, w, &last_group);
        print_ms(f, gp->m[RL_M_ACTIVE]);
        print_ms(f, gp->m[RL_M_INACTIVE]);
        print_ms(f, gp->m[RL_M_REINFORCERS]);
        print_ms(f, gp->m[RL_M_ACTIVE_TIMEOUT]);
        print_ms(f, gp->m[RL_M_FIRST_BIN_ACTIVE]);
        print_ms(f, gp->m[RL_M_IRI_MEDIAN_S]);
        fputs("  ", f);
        print_phase_measure(f, phase, gp);
        fputc('\n', f);
    }
    print_brain_groups(ds, m, f, w);
    print_lab_groups(ds, m, f, w);
}

void
rl_measures_print_subjects(const rl_dataset_t *ds, const rl_measures_t *m, FILE *f)
{
    widths_t w = name_widths(ds);
    rl_text_buf_t nb, gb, pb;
    size_t i;

    fprintf(f, "%7s %-*s %-*s %-*s %4s %7s %7s %7s %7s %7s %8s %5s %6s %7s %8s %6s %8s %7s %7s"
        " %7s\n", "subject", w.name, "name", w.group, "group", w.phase, "phase", "sess",
        "active", "inact", "reinf", "act.TO", "0-10min", "IRI med", "crit", "to crit", "bp",
        "baseline", "ratio", "III mnt", "DA mean", "DA peak", "coc");
    fprintf(f, "%7s %-*s %-*s %-*s %4s %7s %7s %7s %7s %7s %8s %5s %6s %7s %8s %6s %8s %7s %7s"
        " %7s\n", "", w.name, "", w.group, "", w.phase, "", "", "/sess", "/sess", "/sess",
        "/sess", "/sess", "(s)", "", "(sess)", "(ratio)", "(active)", "", "(s)", "(% pre)",
        "(% pre)", "(uM)");
    for (i = 0; i < m->n_subject_phases; i++) {
        const rl_subject_phase_t *sp = &m->subject_phases[i];
        const rl_ds_subject_t *sub = &ds->subjects[sp->subject];
        const double *v = sp->v;
        fprintf(f, "%7d %-*s %-*s %-*s", sub->subject_id, w.name,
            sub->name ? rl_text_safe(sub->name, &nb) : "-", w.group,
            rl_text_safe(ds->groups[sp->group].name, &gb), w.phase,
            rl_text_safe(phase_of(ds, sp->group, sp->phase_index)->name, &pb));
        print_num(f, 4, v[RL_M_SESSIONS]);
        print_num(f, 7, v[RL_M_ACTIVE]);
        print_num(f, 7, v[RL_M_INACTIVE]);
        print_num(f, 7, v[RL_M_REINFORCERS]);
        print_num(f, 7, v[RL_M_ACTIVE_TIMEOUT]);
        print_num(f, 7, v[RL_M_FIRST_BIN_ACTIVE]);
        print_num(f, 8, v[RL_M_IRI_MEDIAN_S]);
        fprintf(f, " %5s", yes_no(v[RL_M_CRITERION_MET]));
        if (v[RL_M_CRITERION_MET] == 0.0) {
            fprintf(f, " %6s", "never");
        } else {
            print_num(f, 6, v[RL_M_SESSIONS_TO_CRITERION]);
        }
        print_num(f, 7, v[RL_M_BREAKPOINT]);
        print_num(f, 8, v[RL_M_BASELINE_ACTIVE]);
        if (isnan(v[RL_M_REINSTATEMENT_RATIO])) {
            fprintf(f, " %6s", "n/a");
        } else {
            fprintf(f, " %6.2f", v[RL_M_REINSTATEMENT_RATIO]);
        }
        print_num(f, 8, v[RL_M_III_MAINT_MEAN_S]);
        print_fixed(f, 7, 1, v[RL_M_DA_MEAN_PCT]);
        print_fixed(f, 7, 1, v[RL_M_DA_PEAK_PCT]);
        print_fixed(f, 7, 2, v[RL_M_COCAINE_MEAN_UM]);
        fputc('\n', f);
    }
    print_lab_subjects(ds, m, f, w);
}

void
rl_measures_print_sessions(const rl_dataset_t *ds, const rl_measures_t *m, FILE *f)
{
    widths_t w = name_widths(ds);
    rl_text_buf_t nb, gb, pb, tb;
    size_t i;
    int derived = 0;

    fprintf(f, "%7s %7s %-*s %-*s %-*s %4s %6s %6s %6s %6s %7s %7s %8s %8s %5s %6s  %8s %7s %7s"
        " %7s %7s  %s\n", "session", "subject", w.name, "name", w.group, "group", w.phase,
        "phase", "day", "active", "inact", "act.TO", "reinf", "dur", "0-10min", "IRI med",
        "IRI mean", "crit", "bp", "III mnt", "DA pre", "DA mean", "DA peak", "coc", "start");
    fprintf(f, "%7s %7s %-*s %-*s %-*s %4s %6s %6s %6s %6s %7s %7s %8s %8s %5s %6s  %8s %7s %7s"
        " %7s %7s\n", "", "", w.name, "", w.group, "", w.phase, "", "", "", "", "", "", "(min)",
        "", "(s)", "(s)", "", "(ratio)", "(s)", "(nM)", "(% pre)", "(% pre)", "(uM)");
    for (i = 0; i < ds->n_sessions; i++) {
        const rl_ds_session_t *s = &ds->sessions[i];
        const rl_session_measures_t *sm = &m->sessions[i];
        derived += sm->breakpoint_derived;
        fprintf(f, "%7lld %7d %-*s %-*s %-*s %4d %6lld %6lld %6lld %6lld %7.1f",
            (long long) s->session_id, s->subject_id, w.name,
            s->subject_name ? rl_text_safe(s->subject_name, &nb) : "-", w.group,
            s->group_name ? rl_text_safe(s->group_name, &gb) : "", w.phase,
            s->phase_name ? rl_text_safe(s->phase_name, &pb) : "", s->day, (long long) s->active,
            (long long) s->inactive, (long long) s->active_timeout, (long long) s->reinforcers,
            s->duration_min);
        print_num(f, 7, sm->first_bin_active);
        print_num(f, 8, sm->iri_median_s);
        print_num(f, 8, sm->iri_mean_s);
        fprintf(f, " %5s", yes_no(sm->criterion_met));
        print_num(f, 5, sm->breakpoint);
        fputs(sm->breakpoint_derived ? "*" : " ", f);
        print_num(f, 8, sm->iii_maint_mean_s);
        print_fixed(f, 7, 1, sm->brain.da_pre_nM);
        print_fixed(f, 7, 1, sm->da_mean_pct);
        print_fixed(f, 7, 1, sm->da_peak_pct);
        print_fixed(f, 7, 2, sm->brain.cocaine_mean_uM);
        fprintf(f, "  %s\n", s->start_time ? rl_text_safe(s->start_time, &tb) : "");
    }
    if (derived > 0) {
        fputs("bp* = breakpoint derived from the PR series (the database records none)\n", f);
    }
    print_lab_sessions(ds, m, f, w);
}
