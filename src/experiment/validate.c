/* validate.c -- replicate virtual studies and test the seed study's claims (validate.h).
**
** Flow: pair each knockout group with the wild-type group of its line and reinforcer; for
** each of R studies run the cohort (runner.h), reduce every mouse to the few measures the
** tests need (mouse_t, from the measures module: measures.h), apply each claim's test to
** its pair, and accumulate how often it holds and its
** effect size. Only per-mouse measures are kept, never events, so R is limited by time
** only. Claims name the genotype of their knockout group: this is analysis of results (which
** group is which), not simulation -- the model itself never sees genotype names. The
** reports are in validate_report.c, the shared state in validate_internal.h.
*/
#include "relapselab/validate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/measures.h"
#include "relapselab/runner.h"
#include "relapselab/stats.h"
#include "relapselab/summary.h"

#include "validate_internal.h"
#include "core/alloc.h"

static const claim_def_t claim_table[] = {
    {"S1", "every knockout line acquires cocaine self-administration", NULL, 1, M_ACQUIRES, 1, 1},
    {"S2", "DOR-KO: lower motivation for cocaine (PR breakpoint)", "Oprd1-/-", 1, M_BREAKPOINT, -1, 1},
    {"S3", "PENK-KO: lower motivation for cocaine (PR breakpoint)", "Penk-/-", 1, M_BREAKPOINT, -1, 1},
    {"S4", "MOR-KO: lower cue-induced reinstatement", "Oprm1-/-", 1, M_REINSTATEMENT, -1, 1},
    {"S5", "DOR-KO: lower cue-induced reinstatement", "Oprd1-/-", 1, M_REINSTATEMENT, -1, 1},
    {"S6a", "PDYN-KO: slower extinction", "Pdyn-/-", 1, M_EXT_CURVE, 1, 1},
    {"S6a'", "PDYN-KO: more sessions to extinction (secondary)", "Pdyn-/-", 1, M_EXTINCTION, 1, -1},
    {"S6b", "PDYN-KO: higher cue-induced reinstatement", "Pdyn-/-", 1, M_REINSTATEMENT, 1, 1},
    {"S7", "food: no genotype difference", NULL, 0, M_INTAKE, 0, 1},
    {"S7", "food: no genotype difference", NULL, 0, M_BREAKPOINT, 0, 1},
    {"S7", "food: no genotype difference", NULL, 0, M_EXT_CURVE, 0, 1},
    {"S7", "food: no genotype difference", NULL, 0, M_REINSTATEMENT, 0, 1},
    {"N", "MOR-KO: PR breakpoint (not reported as different)", "Oprm1-/-", 1, M_BREAKPOINT, 0, 0},
    {"N", "PDYN-KO: PR breakpoint (not reported as different)", "Pdyn-/-", 1, M_BREAKPOINT, 0, 0},
    {"N", "PENK-KO: reinstatement (not reported as different)", "Penk-/-", 1, M_REINSTATEMENT, 0, 0},
    {"N", "MOR-KO: extinction (not reported as different)", "Oprm1-/-", 1, M_EXT_CURVE, 0, 0},
    {"N", "DOR-KO: extinction (not reported as different)", "Oprd1-/-", 1, M_EXT_CURVE, 0, 0},
    {"N", "PENK-KO: extinction (not reported as different)", "Penk-/-", 1, M_EXT_CURVE, 0, 0},
};

/* ---- per-mouse measures ---------------------------------------------------------------- */

static int
first_phase(const rl_procedure_t *proc, rl_phase_kind_t kind)
{
    int i;
    for (i = 0; i < proc->n_phases; i++) {
        if (proc->phases[i].kind == kind) {
            return i;
        }
    }
    return -1;
}

/* The row of the first phase of kind `kind` among rows[0..n-1] (NULL if none ran). */
static const rl_subject_phase_t *
row_of_kind(const rl_procedure_t *proc, const rl_subject_phase_t *rows, int n,
    rl_phase_kind_t kind)
{
    int ph = first_phase(proc, kind), k;
    for (k = 0; ph >= 0 && k < n; k++) {
        if (rows[k].phase_index == ph) {
            return &rows[k];
        }
    }
    return NULL;
}

/* Value k of row r, or 0 where the phase did not run or the measure does not apply. */
static double
value_or_0(const rl_subject_phase_t *r, int k)
{
    return r != NULL && !isnan(r->v[k]) ? r->v[k] : 0.0;
}

/* One mouse reduced to what the tests need: its measures (measures.h, the one definition
** of each), the active responses of its first extinction sessions (the curve of the RM
** ANOVA) and the activity indices of its reinstatement test. */
static int
reduce_mouse(rl_validation_t *v, const rl_subject_result_t *s, mouse_t *m, rl_error_t *err)
{
    const rl_protocol_t *p = v->protocol;
    const rl_procedure_t *proc = &p->procedures[p->groups[s->group].procedure];
    rl_subject_phase_t rows[RL_MAX_PHASES];
    const rl_subject_phase_t *acq, *pr, *ext, *rei;
    int ext_ph = first_phase(proc, RL_PHASE_EXTINCTION);
    int rei_ph = first_phase(proc, RL_PHASE_REINSTATEMENT);
    int n_rows, i, n_ext = 0, ret;

    memset(m, 0, sizeof *m);
    m->group = s->group;
    ret = rl_measures_subject(proc, s->sessions, (size_t) s->n_sessions, s->subject_id,
        s->group, RL_MEASURES_COUNTS_ONLY, v->work, NULL, rows, &n_rows, err);
    if (ret != 0) {
        return ret;
    }
    acq = row_of_kind(proc, rows, n_rows, RL_PHASE_ACQUISITION);
    pr = row_of_kind(proc, rows, n_rows, RL_PHASE_PROGRESSIVE_RATIO);
    ext = row_of_kind(proc, rows, n_rows, RL_PHASE_EXTINCTION);
    rei = row_of_kind(proc, rows, n_rows, RL_PHASE_REINSTATEMENT);
    m->acquired = acq != NULL && acq->v[RL_M_CRITERION_MET] == 1.0;
    m->intake = value_or_0(acq, RL_M_LAST_REINFORCERS);
    m->breakpoint = value_or_0(pr, RL_M_BREAKPOINT);
    m->ext_sessions = value_or_0(ext, RL_M_SESSIONS);
    m->ext_last = value_or_0(rei, RL_M_BASELINE_ACTIVE);
    m->reinst = value_or_0(rei, RL_M_ACTIVE);
    for (i = 0; i < s->n_sessions; i++) {
        const rl_session_result_t *r = &s->sessions[i];
        if (r->phase == ext_ph && n_ext < EXT_FIRST) {
            m->ext_first[n_ext++] = (double) r->active;
        } else if (r->phase == rei_ph && r->session_in_phase == 0) {
            memcpy(m->activity, r->activity, sizeof m->activity);
        }
    }
    return 0;
}

static double
measure_of(const mouse_t *m, measure_t what)
{
    switch (what) {
    case M_INTAKE: return m->intake;
    case M_BREAKPOINT: return m->breakpoint;
    case M_EXTINCTION: return m->ext_sessions;
    case M_EXT_CURVE:
        return (m->ext_first[0] + m->ext_first[1] + m->ext_first[2]) / EXT_FIRST;
    case M_REINSTATEMENT: return m->reinst - m->ext_last;
    case M_ACQUIRES:
    default: return m->acquired;
    }
}

/* Values of a measure for the mice of group g. */
static int
values(const rl_validation_t *v, int g, measure_t what, double *out)
{
    int i, n = 0;
    for (i = 0; i < v->n_mice; i++) {
        if (v->mice[i].group == g) {
            out[n++] = measure_of(&v->mice[i], what);
        }
    }
    return n;
}

/* ---- building the claim list ----------------------------------------------------------- */

static int
find_pairs(rl_validation_t *v)
{
    const rl_protocol_t *p = v->protocol;
    int g, h;
    for (g = 0; g < p->n_groups; g++) {
        const rl_group_t *ko = &p->groups[g];
        if (strcmp(ko->genotype, WT_NAME) == 0) {
            continue;
        }
        for (h = 0; h < p->n_groups; h++) {
            const rl_group_t *wt = &p->groups[h];
            if (strcmp(wt->genotype, WT_NAME) == 0 && strcmp(wt->line, ko->line) == 0 &&
                wt->reinforcer == ko->reinforcer) {
                pair_t *pr = &v->pairs[v->n_pairs++];
                pr->ko = g;
                pr->wt = h;
                pr->drug_arm = p->reinforcers[ko->reinforcer].kind == RL_REINFORCER_DRUG;
                break;
            }
        }
    }
    return v->n_pairs;
}

static int
add_claim(rl_validation_t *v, const claim_def_t *d, int pair)
{
    claim_t *c;
    if (v->n_claims >= MAX_CLAIMS) {
        return 0;
    }
    c = &v->claims[v->n_claims];
    memset(c, 0, sizeof *c);
    c->def = d;
    c->pair = pair;
    c->effect = rl_calloc((size_t) v->replicates, sizeof *c->effect);
    if (c->effect == NULL) {
        return RL_ERR_NOMEM;
    }
    v->n_claims++;
    return 0;
}

static int
build_claims(rl_validation_t *v)
{
    size_t d;
    int k, ret;
    for (d = 0; d < sizeof claim_table / sizeof claim_table[0]; d++) {
        const claim_def_t *def = &claim_table[d];
        if (def->measure == M_ACQUIRES) {
            if ((ret = add_claim(v, def, -1)) != 0) {
                return ret;
            }
            continue;
        }
        for (k = 0; k < v->n_pairs; k++) {
            const pair_t *pr = &v->pairs[k];
            if (pr->drug_arm != def->drug_arm) {
                continue;
            }
            if (def->genotype != NULL &&
                strcmp(v->protocol->groups[pr->ko].genotype, def->genotype) != 0) {
                continue;
            }
            if ((ret = add_claim(v, def, k)) != 0) {
                return ret;
            }
        }
    }
    return 0;
}

/* Pairs of WT groups with the same reinforcer and procedure, and one calibration entry per
** reinforcer and measure of a null claim that has such a pair. */
static void
build_calib(rl_validation_t *v)
{
    const rl_protocol_t *p = v->protocol;
    int g, h, k, j;
    for (g = 0; g < p->n_groups; g++) {
        for (h = g + 1; h < p->n_groups && v->n_wt_pairs < MAX_WT_PAIRS; h++) {
            if (strcmp(p->groups[g].genotype, WT_NAME) == 0 &&
                strcmp(p->groups[h].genotype, WT_NAME) == 0 &&
                p->groups[g].reinforcer == p->groups[h].reinforcer &&
                p->groups[g].procedure == p->groups[h].procedure) {
                v->wt_pairs[v->n_wt_pairs][0] = g;
                v->wt_pairs[v->n_wt_pairs][1] = h;
                v->n_wt_pairs++;
            }
        }
    }
    for (k = 0; k < v->n_claims; k++) {
        const claim_t *c = &v->claims[k];
        int r, seen = 0;
        if (c->def->direction != 0 || c->pair < 0) {
            continue;
        }
        r = p->groups[v->pairs[c->pair].ko].reinforcer;
        for (j = 0; j < v->n_calib; j++) {
            seen |= v->calib[j].reinforcer == r && v->calib[j].measure == c->def->measure;
        }
        for (j = 0; j < v->n_wt_pairs && !seen && v->n_calib < MAX_CALIB; j++) {
            if (p->groups[v->wt_pairs[j][0]].reinforcer == r) {
                v->calib[v->n_calib].reinforcer = r;
                v->calib[v->n_calib].measure = c->def->measure;
                v->n_calib++;
                seen = 1;
            }
        }
    }
}

/* ---- one study -------------------------------------------------------------------------- */

typedef struct sink_ctx {
    rl_validation_t *v;
} sink_ctx_t;

static int
sink(void *ctx, const rl_subject_result_t *s, rl_error_t *err)
{
    rl_validation_t *v = ((sink_ctx_t *) ctx)->v;
    return reduce_mouse(v, s, &v->mice[s->subject_id], err);
}

/* p of the group main effect in the group x session ANOVA of the first extinction
** sessions of groups ga and gb (-1 on failure). */
static double
anova_curve(const rl_validation_t *v, int ga, int gb)
{
    double *y = rl_malloc((size_t) v->n_mice * EXT_FIRST * sizeof *y);
    int *grp = rl_malloc((size_t) v->n_mice * sizeof *grp);
    rl_anova_mixed_t an;
    rl_error_t err;
    double p = -1.0;
    int i, j, n = 0;
    if (y != NULL && grp != NULL) {
        for (i = 0; i < v->n_mice; i++) {
            const mouse_t *m = &v->mice[i];
            if (m->group != ga && m->group != gb) {
                continue;
            }
            for (j = 0; j < EXT_FIRST; j++) {
                y[n * EXT_FIRST + j] = m->ext_first[j];
            }
            grp[n++] = m->group == ga;
        }
        if (rl_anova_mixed(y, grp, n, 2, EXT_FIRST, &an, &err) == 0) {
            p = an.group.p;
        }
    }
    free(y);
    free(grp);
    return p;
}

/* The lab's test of measure `what` between groups ga and gb (values in scratch a, b):
** Student's t, with the p of the RM ANOVA for the extinction curve. 0, or -1 if the test
** cannot be made. */
static int
compare(const rl_validation_t *v, int ga, int gb, measure_t what, double *a, double *b,
    rl_ttest_t *t)
{
    rl_error_t err;
    int na = values(v, ga, what, a), nb = values(v, gb, what, b);
    if (rl_ttest_student(a, na, b, nb, t, &err) != 0) {
        return -1;
    }
    if (what == M_EXT_CURVE) {
        /* the genotype effect of the genotype x session repeated-measures ANOVA */
        double p = anova_curve(v, ga, gb);
        if (p >= 0.0) {
            t->p = p;
        }
    }
    /* For the reinstatement measure (test - last extinction) the t-test on difference
    ** scores is the genotype x test interaction of the 2 x 2 mixed ANOVA (F = t^2). */
    return 0;
}

static void
test_calib(rl_validation_t *v, double *a, double *b)
{
    int k, j;
    for (k = 0; k < v->n_calib; k++) {
        calib_t *c = &v->calib[k];
        for (j = 0; j < v->n_wt_pairs; j++) {
            rl_ttest_t t;
            int ga = v->wt_pairs[j][0], gb = v->wt_pairs[j][1];
            if (v->protocol->groups[ga].reinforcer != c->reinforcer ||
                compare(v, ga, gb, c->measure, a, b, &t) != 0) {
                continue;
            }
            c->tested++;
            c->hits += t.p < 0.05;
        }
    }
}

static void
test_claim(rl_validation_t *v, claim_t *c, int study, double *a, double *b)
{
    const claim_def_t *d = c->def;
    rl_ttest_t t;
    int na, holds = 0;

    if (d->measure == M_ACQUIRES) { /* S1: >= 50 % of every drug KO group acquire */
        int k, all = 1, pairs = 0;
        double worst = 1.0;
        for (k = 0; k < v->n_pairs; k++) {
            double frac;
            if (!v->pairs[k].drug_arm) {
                continue;
            }
            na = values(v, v->pairs[k].ko, M_ACQUIRES, a);
            frac = rl_mean_sem(a, na).mean;
            worst = fmin(worst, frac);
            all &= frac >= 0.5;
            pairs++;
        }
        c->tested++;
        c->holds += all && pairs > 0;
        c->effect[study] = 100.0 * worst;
        if (study == 0) {
            c->rep_ko.mean = 100.0 * worst;
            c->rep_ko.n = pairs;
        }
        return;
    }
    if (compare(v, v->pairs[c->pair].ko, v->pairs[c->pair].wt, d->measure, a, b, &t) != 0) {
        return;
    }
    c->tested++;
    if (d->direction == 0) {
        holds = t.p < 0.05;
    } else {
        holds = t.p < 0.05 && (d->direction > 0 ? t.diff > 0.0 : t.diff < 0.0);
    }
    c->holds += holds;
    c->effect[study] = t.hedges_g;
    if (study == 0) {
        na = values(v, v->pairs[c->pair].ko, d->measure, a);
        c->rep_ko = rl_mean_sem(a, na);
        na = values(v, v->pairs[c->pair].wt, d->measure, a);
        c->rep_wt = rl_mean_sem(a, na);
        c->rep_p = t.p;
    }
}

static void
test_fos(rl_validation_t *v, fos_t *f, int study, double *a, double *b)
{
    const pair_t *pr = &v->pairs[f->pair];
    rl_ttest_t t;
    rl_error_t err;
    int i, na = 0, nb = 0;
    for (i = 0; i < v->n_mice; i++) {
        if (v->mice[i].group == pr->ko) {
            a[na++] = v->mice[i].activity[f->region];
        } else if (v->mice[i].group == pr->wt) {
            b[nb++] = v->mice[i].activity[f->region];
        }
    }
    if (rl_ttest_student(a, na, b, nb, &t, &err) != 0) {
        return;
    }
    f->effect[study] = isfinite(t.hedges_g) ? t.hedges_g : 0.0;
    if (t.p < 0.05) {
        f->higher += t.diff > 0.0;
        f->lower += t.diff < 0.0;
    }
    if (study == 0) {
        f->rep_ratio = t.mean_b > 0.0 ? t.mean_a / t.mean_b : NAN;
    }
}

static void
magnitudes(rl_validation_t *v)
{
    const rl_protocol_t *p = v->protocol;
    double bp = 0.0, ext = 0.0, ratio = 0.0, intake = 0.0;
    int i, n = 0, nr = 0;
    for (i = 0; i < v->n_mice; i++) {
        const mouse_t *m = &v->mice[i];
        const rl_group_t *g = &p->groups[m->group];
        const rl_reinforcer_t *r = &p->reinforcers[g->reinforcer];
        if (strcmp(g->genotype, WT_NAME) != 0 || r->kind != RL_REINFORCER_DRUG) {
            continue;
        }
        n++;
        bp += m->breakpoint;
        ext += m->ext_sessions;
        intake += m->intake * r->dose_mg_per_kg;
        if (m->ext_last > 0.0) {
            ratio += (m->reinst) / m->ext_last;
            nr++;
        }
    }
    if (n == 0) {
        return;
    }
    {
        int acq = first_phase(&p->procedures[0], RL_PHASE_ACQUISITION);
        double hours = acq >= 0 ? p->procedures[0].phases[acq].session_min / 60.0 : 1.0;
        v->wt_intake_mg_per_h += intake / n / hours;
    }
    v->wt_breakpoint += bp / n;
    v->wt_ext_sessions += ext / n;
    v->wt_reinst_ratio += nr > 0 ? ratio / nr : 0.0;
    v->magnitude_n++;
}

/* ---- public ------------------------------------------------------------------------------ */

int
rl_validate_run(const rl_protocol_t *protocol, const rl_validate_options_t *opt,
    rl_validation_t **out, rl_error_t *err)
{
    rl_validation_t *v = rl_calloc(1, sizeof *v);
    double *a = NULL, *b = NULL;
    int ret = 0, r, k, reg;
    sink_ctx_t ctx;
    rl_progress_info_t info;

    *out = NULL;
    memset(&info, 0, sizeof info);
    info.total = opt->replicates > 0 ? opt->replicates : 1;
    info.unit = "studies";
    if (v == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    v->protocol = protocol;
    v->replicates = opt->replicates > 0 ? opt->replicates : 1;
    v->seed = opt->seed;
    v->n_mice = rl_protocol_n_subjects(protocol);
    v->mice = rl_calloc((size_t) v->n_mice, sizeof *v->mice);
    v->work = rl_measures_work_new();
    a = rl_calloc((size_t) v->n_mice + 1, sizeof *a);
    b = rl_calloc((size_t) v->n_mice + 1, sizeof *b);
    if (v->mice == NULL || v->work == NULL || a == NULL || b == NULL) {
        ret = rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    if (find_pairs(v) == 0) {
        ret = rl_error_set(err, RL_ERR_INVALID, protocol->path, 0, 0,
            "no knockout group has a wild-type (WT) group of the same line and reinforcer "
            "to compare with");
        goto out;
    }
    if ((ret = build_claims(v)) != 0) {
        ret = rl_error_set(err, ret, NULL, 0, 0, "out of memory");
        goto out;
    }
    build_calib(v);
    for (k = 0; k < v->n_pairs; k++) {
        v->n_fos += v->pairs[k].drug_arm ? RL_N_REGIONS : 0;
    }
    v->fos = rl_calloc((size_t) v->n_fos + 1, sizeof *v->fos);
    if (v->fos == NULL) {
        ret = rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    v->n_fos = 0;
    for (k = 0; k < v->n_pairs; k++) {
        if (!v->pairs[k].drug_arm) {
            continue;
        }
        for (reg = 0; reg < RL_N_REGIONS; reg++) {
            fos_t *f = &v->fos[v->n_fos++];
            f->pair = k;
            f->region = reg;
            f->effect = rl_calloc((size_t) v->replicates, sizeof *f->effect);
            if (f->effect == NULL) {
                ret = rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
                goto out;
            }
        }
    }

    ctx.v = v;
    for (r = 0; r < v->replicates; r++) {
        rl_runner_options_t ro;
        memset(&ro, 0, sizeof ro);
        ro.seed = opt->seed + (uint64_t) r;
        ro.params = opt->params;
        ro.threads = opt->threads;
        ro.cancel = opt->cancel;
        ro.sink = sink;
        ro.sink_ctx = &ctx;
        ret = rl_runner_run(protocol, &ro, err);
        if (ret != 0) {
            goto out;
        }
        for (k = 0; k < v->n_claims; k++) {
            test_claim(v, &v->claims[k], r, a, b);
        }
        for (k = 0; k < v->n_fos; k++) {
            test_fos(v, &v->fos[k], r, a, b);
        }
        test_calib(v, a, b);
        magnitudes(v);
        info.done = r + 1;
        rl_progress_report(&opt->progress, &info);
    }
out:
    free(a);
    free(b);
    if (ret != 0) {
        rl_validation_free(v);
        return ret;
    }
    *out = v;
    return 0;
}

void
rl_validation_free(rl_validation_t *self)
{
    int k;
    if (self == NULL) {
        return;
    }
    for (k = 0; k < self->n_claims; k++) {
        free(self->claims[k].effect);
    }
    for (k = 0; k < self->n_fos; k++) {
        free(self->fos[k].effect);
    }
    free(self->fos);
    free(self->mice);
    rl_measures_work_free(self->work);
    free(self);
}
