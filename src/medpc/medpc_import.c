/* medpc_import.c -- a batch of MED-PC files -> one database (schema in docs/SCHEMA.md).
**
** Design. Two passes. Pass 1 reads file after file: parse, pick a profile per session,
** decode, and keep only what the database needs (header fields, decoded events and
** issues); a file that does not parse is kept as a skipped file with its error. Between
** the passes, sessions are put in date order, duplicates (same subject, start time,
** program and event count; appending: same subject, start time, box and program as a
** session of the database, prior_index.h) are marked, and subjects, groups and phases are
** assigned (appending: after the database's own, store/store_append.h).
** Pass 2 builds a protocol that describes the import (one procedure whose phases are the
** profile's, one group per group label), opens the store (appending: a copy of the
** database), and writes files, subjects, sessions and the report. Nothing is written before pass 2, and the store is atomic.
** When no session could be imported (missing files, nothing readable) pass 2 only reports:
** no database is written, so an existing one stays as it was.
** The profile of a session is chosen by medpc_choose.h: among those whose globs and match:
** rules hold, the one whose decoding agrees with the program's own counters; two that
** still decode it differently make it an error (not imported). A session whose decoded
** counts disagree with the counters is imported and flagged:
** import_sessions.counts_mismatch, stats->sessions_flagged.
*/
#include "relapselab/medpc_import.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relapselab/medpc.h"
#include "relapselab/medpc_decode.h"
#include "relapselab/store.h"

#include <sys/stat.h>

#include "calendar.h"
#include "medpc_choose.h"
#include "prior_index.h"
#include "core/alloc.h"
#include "core/outfile.h"
#include "core/text_safe.h"
#include "store/store_append.h"
#include "store/store_open.h"

#define TEXT_MAX 128

typedef struct imp_session {
    int file;                  /* index in paths */
    long line, last_line;      /* the session's first and last line in its file */
    char subject[TEXT_MAX], experiment[TEXT_MAX], group[TEXT_MAX], box[TEXT_MAX];
    char program[TEXT_MAX];
    char start[24], end[24];   /* ISO 8601 or "" */
    double sort_key;           /* start as seconds in a proleptic calendar; INFINITY if unknown */
    int profile;               /* index in opt->profiles; -1 = none matched */
    rl_medpc_decoded_t dec;
    int skip;                  /* 1 = not imported (reason in dec.issues) */
    int subject_id, group_id, phase, day, session_in_phase;
} imp_session_t;

typedef struct imp_file {
    char *message;             /* parse/read error: the file is skipped */
    int found, imported;
    char sha256[65];           /* the content hash ("" when the file was not read) */
    rl_medpc_issue_t *warnings; /* parser warnings (notes in the report) */
    size_t n_warnings;
} imp_file_t;

typedef struct importer {
    const rl_import_options_t *opt;
    imp_session_t *s;
    size_t n, cap;
    imp_file_t *files;
    size_t n_files;
    rl_protocol_t *proto;
    char (*subjects)[TEXT_MAX]; /* by subject_id */
    int *subject_group;
    int n_subjects;
    rl_import_stats_t *stats;
    int appending;              /* opt->append and out_path exists: prior holds it */
    rl_store_prior_t prior;
    rl_prior_index_t prior_ix;
} importer_t;

static char *
dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = rl_malloc(n);
    if (p != NULL) {
        memcpy(p, s, n);
    }
    return p;
}

static void
copy_header(const rl_medpc_session_t *s, const char *key, char *out)
{
    const char *v = rl_medpc_session_header(s, key);
    snprintf(out, TEXT_MAX, "%s", v != NULL ? v : "");
}

static void
iso(const rl_medpc_datetime_t *t, char *out, size_t n)
{
    if (t->valid) {
        snprintf(out, n, "%04d-%02d-%02dT%02d:%02d:%02d", t->year, t->month, t->day, t->hour,
            t->minute, t->second);
    } else {
        out[0] = '\0';
    }
}

static int
add_issue(rl_medpc_decoded_t *d, long line, rl_issue_severity_t sev, const char *fmt, ...)
{
    rl_medpc_issue_t *p = rl_realloc(d->issues, (d->n_issues + 1) * sizeof *p);
    va_list ap;
    if (p == NULL) {
        return RL_ERR_NOMEM;
    }
    d->issues = p;
    p[d->n_issues].line = line;
    p[d->n_issues].severity = sev;
    va_start(ap, fmt);
    vsnprintf(p[d->n_issues].msg, sizeof p->msg, fmt, ap);
    va_end(ap);
    d->n_issues++;
    return 0;
}

/* Subject and start time from a MED-PC file name, for sessions whose header lacks them
** (the non-annotated format has none): "!2016-08-12_09h33m.Subject 14" (MED-PC IV) or
** "2024-11-08_12h37m_Subject 50.txt" (MED-PC V). Returns 1 when the name has that form. */
static int
from_file_name(const char *path, char *subject, rl_medpc_datetime_t *start)
{
    const char *b = strrchr(path, '/'), *subj;
    int y, mo, d, h, mi, n = 0;
    size_t len;

    b = b != NULL ? b + 1 : path;
    b += *b == '!';
    if (sscanf(b, "%4d-%2d-%2d_%2dh%2dm%n", &y, &mo, &d, &h, &mi, &n) != 5 || n == 0
        || (subj = strstr(b + n, "Subject")) == NULL) {
        return 0;
    }
    subj += strlen("Subject");
    subj += *subj == ' ';
    len = strlen(subj);
    if (len > 4 && strcmp(subj + len - 4, ".txt") == 0) {
        len -= 4;
    }
    snprintf(subject, TEXT_MAX, "%.*s", (int) (len < TEXT_MAX ? len : TEXT_MAX - 1), subj);
    memset(start, 0, sizeof *start);
    start->valid = y > 1900 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h < 24 && mi < 60;
    start->year = y;
    start->month = mo;
    start->day = d;
    start->hour = h;
    start->minute = mi;
    return subject[0] != '\0';
}

/* Pass 1 for one parsed session. */
/* The last source line of session ms: its last header, variable or value. */
static long
last_line(const rl_medpc_session_t *ms)
{
    long last = ms->line;
    size_t i;
    for (i = 0; i < ms->n_headers; i++) {
        last = ms->headers[i].line > last ? ms->headers[i].line : last;
    }
    for (i = 0; i < ms->n_vars; i++) {
        const rl_medpc_var_t *v = &ms->vars[i];
        last = v->line > last ? v->line : last;
        last = v->n > 0 && v->lines[v->n - 1] > last ? v->lines[v->n - 1] : last;
    }
    return last;
}

static int
take_session(importer_t *im, int file, const char *path, const rl_medpc_session_t *ms,
    rl_error_t *err)
{
    const rl_import_options_t *opt = im->opt;
    rl_medpc_datetime_t start, name_start;
    char name_subject[TEXT_MAX];
    imp_session_t *s;
    int ret, named = 0;

    if (im->n == im->cap) {
        size_t cap = im->cap ? 2 * im->cap : 64;
        imp_session_t *p = rl_realloc(im->s, cap * sizeof *p);
        if (p == NULL) {
            return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
        }
        im->s = p;
        im->cap = cap;
    }
    s = &im->s[im->n];
    memset(s, 0, sizeof *s);
    s->file = file;
    s->line = ms->line;
    s->last_line = last_line(ms);
    copy_header(ms, "Subject", s->subject);
    copy_header(ms, "Experiment", s->experiment);
    copy_header(ms, "Group", s->group);
    copy_header(ms, "Box", s->box);
    copy_header(ms, "MSN", s->program);
    start = ms->start;
    if ((s->subject[0] == '\0' || !start.valid)
        && from_file_name(path, s->subject[0] == '\0' ? s->subject : name_subject,
            start.valid ? &name_start : &start)) {
        named = 1;
    }
    iso(&start, s->start, sizeof s->start);
    iso(&ms->end, s->end, sizeof s->end);
    s->sort_key = start.valid
        ? (double) rl_days_from_civil(start.year, start.month, start.day) * 86400.0
            + start.hour * 3600.0 + start.minute * 60.0 + start.second
        : INFINITY;
    im->n++;
    /* the profile: its globs and match: rules, then the counters (medpc_choose.h) */
    if ((ret = rl_medpc_choose(opt, ms, s->program, path, &s->dec, &s->profile, err)) != 0) {
        return ret;
    }
    if (s->profile < 0) {
        s->skip = 1;
        if (s->dec.n_issues > 0) {  /* ambiguous: the error names the profiles */
            return 0;
        }
        return add_issue(&s->dec, s->line, RL_ISSUE_ERROR, "no profile decodes program '%s' "
            "(MSN) in this file: session not imported; give a profile whose programs, "
            "files and match: rules match it", s->program) == 0 ? 0 : rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    if (rl_medpc_decoded_failed(&s->dec)) {
        s->skip = 1;
    }
    if (named && add_issue(&s->dec, s->line, RL_ISSUE_NOTE, "no Subject or start time in "
            "the header: taken from the file name (subject %s, start %s)", s->subject,
            s->start[0] != '\0' ? s->start : "unknown") != 0) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    if (s->subject[0] == '\0'
        && add_issue(&s->dec, s->line, RL_ISSUE_WARNING, "no Subject in the header: "
            "subject named 'unknown'") != 0) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    if (s->subject[0] == '\0') {
        snprintf(s->subject, TEXT_MAX, "unknown");
    }
    if (!start.valid
        && add_issue(&s->dec, s->line, RL_ISSUE_WARNING, "no valid Start Date/Start Time: "
            "session ordered after the dated ones of its subject") != 0) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    return 0;
}

static int
read_file(importer_t *im, size_t i, const char *path, rl_error_t *err)
{
    rl_medpc_file_t f;
    rl_error_t perr;
    imp_file_t *fi = &im->files[i];
    size_t k;
    int ret = 0;

    rl_error_clear(&perr);
    if (rl_medpc_parse_file(path, &f, &perr) != 0) {
        char buf[RL_ERROR_MSG_MAX + RL_ERROR_FILE_MAX + 40];
        rl_medpc_file_free(&f);
        if (perr.code == RL_ERR_NOMEM) {
            *err = perr;
            return RL_ERR_NOMEM;
        }
        fi->message = dup_string(rl_error_format(&perr, buf, sizeof buf));
        return fi->message != NULL ? 0 : rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    fi->found = (int) f.n_sessions;
    memcpy(fi->sha256, f.sha256, sizeof fi->sha256);
    if (f.n_warnings > 0) {
        fi->warnings = rl_calloc(f.n_warnings, sizeof *fi->warnings);
        if (fi->warnings == NULL) {
            ret = rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
        }
        for (k = 0; ret == 0 && k < f.n_warnings; k++) {
            fi->warnings[k].line = f.warnings[k].line;
            fi->warnings[k].severity = RL_ISSUE_WARNING;
            snprintf(fi->warnings[k].msg, sizeof fi->warnings[k].msg, "%s", f.warnings[k].msg);
        }
        fi->n_warnings = ret == 0 ? f.n_warnings : 0;
    }
    for (k = 0; ret == 0 && k < f.n_sessions; k++) {
        ret = take_session(im, (int) i, path, &f.sessions[k], err);
    }
    if (ret == 0 && f.n_sessions == 0) {
        fi->message = dup_string("no MED-PC session in the file (no 'Start Date:' header)");
    }
    rl_medpc_file_free(&f);
    return ret;
}

/* ---- between the passes ---- */

static int
cmp_session(const void *a, const void *b)
{
    const imp_session_t *x = a, *y = b;
    int c = strcmp(x->subject, y->subject);
    if (c != 0) {
        return c;
    }
    if (x->sort_key != y->sort_key) {
        return x->sort_key < y->sort_key ? -1 : 1;
    }
    if (x->file != y->file) {
        return x->file < y->file ? -1 : 1;
    }
    return x->line < y->line ? -1 : x->line > y->line;
}

/* Mark the second of two identical sessions (a file imported twice, a renamed copy). */
static int
mark_duplicates(importer_t *im, const char *const *paths)
{
    size_t i, j;
    for (i = 0; i < im->n && im->appending; i++) {
        imp_session_t *s = &im->s[i];
        const rl_prior_session_t *o = s->skip ? NULL : rl_prior_index_duplicate(&im->prior_ix,
            s->subject, s->start, s->box, s->program);
        if (o != NULL) {
            s->skip = 1;
            im->stats->sessions_duplicate++;
            if (add_issue(&s->dec, s->line, RL_ISSUE_ERROR, "duplicate session: same subject, "
                    "start time, box and program as session %lld already in the database "
                    "(%s line %ld); not imported", (long long) o->session_id, o->path,
                    o->line) != 0) {
                return RL_ERR_NOMEM;
            }
        }
    }
    for (i = 1; i < im->n; i++) {
        imp_session_t *s = &im->s[i];
        if (s->skip || !isfinite(s->sort_key)) {
            continue;
        }
        for (j = i; j-- > 0;) {
            const imp_session_t *o = &im->s[j];
            if (strcmp(o->subject, s->subject) != 0 || o->sort_key != s->sort_key) {
                break;
            }
            if (!o->skip && strcmp(o->program, s->program) == 0
                && o->dec.n_events == s->dec.n_events) {
                s->skip = 1;
                im->stats->sessions_duplicate++;
                if (add_issue(&s->dec, s->line, RL_ISSUE_ERROR, "duplicate session: same "
                        "subject, start time, program and events as %s line %ld; not imported",
                        paths[o->file], o->line) != 0) {
                    return RL_ERR_NOMEM;
                }
                break;
            }
        }
        if (!s->skip && i > 0 && !im->s[i - 1].skip
            && strcmp(im->s[i - 1].subject, s->subject) == 0
            && strncmp(im->s[i - 1].start, s->start, 10) == 0
            && add_issue(&s->dec, s->line, RL_ISSUE_NOTE, "second session of subject %s on "
                "%.10s (first: %s line %ld)", s->subject, s->start, paths[im->s[i - 1].file],
                im->s[i - 1].line) != 0) {
            return RL_ERR_NOMEM;
        }
    }
    return 0;
}

static const char *
group_label(const importer_t *im, const imp_session_t *s)
{
    const char *g = im->opt->group_by == RL_GROUP_BY_GROUP ? s->group
        : im->opt->group_by == RL_GROUP_BY_EXPERIMENT ? s->experiment : "";
    return g[0] != '\0' ? g : "all";
}

/* Index of name in the protocol's groups, adding it (or "other groups" when full). */
static int
group_index(rl_protocol_t *p, const char *name)
{
    int g;
    for (g = 0; g < p->n_groups; g++) {
        if (strcmp(p->groups[g].name, name) == 0) {
            return g;
        }
    }
    if (p->n_groups == RL_MAX_GROUPS) {
        return RL_MAX_GROUPS - 1; /* folded; a note says so */
    }
    g = p->n_groups++;
    rl_text_cut(p->groups[g].name, RL_NAME_MAX, name);
    p->groups[g].genotype_id = -1;
    p->groups[g].sex = RL_SEX_UNKNOWN;
    p->groups[g].reinforcer = 0;
    p->groups[g].procedure = 0;
    return g;
}

/* The phase of session s: index in the procedure, adding it when new. */
static int
phase_index(importer_t *im, const imp_session_t *s)
{
    rl_procedure_t *pr = &im->proto->procedures[0];
    const rl_medpc_profile_t *prof = &im->opt->profiles[s->profile];
    const rl_profile_phase_t *rule = rl_medpc_profile_phase(prof, s->program);
    char name[RL_NAME_MAX];
    rl_phase_t *ph;
    int j;

    snprintf(name, sizeof name, "%.*s", (int) sizeof name - 1,  /* long MSNs are cut */
        rule != NULL && rule->name[0] != '\0' ? rule->name
        : s->program[0] != '\0' ? s->program : "unclassified");
    for (j = 0; j < pr->n_phases; j++) {
        if (strcmp(pr->phases[j].name, name) == 0) {
            return j;
        }
    }
    if (pr->n_phases == RL_MAX_PHASES) {
        return RL_MAX_PHASES - 1;
    }
    ph = &pr->phases[pr->n_phases];
    memset(ph, 0, sizeof *ph);
    snprintf(ph->name, RL_NAME_MAX, "%s", name);
    ph->kind = rule != NULL ? rule->kind : RL_PHASE_OTHER;
    if (rule != NULL) {
        ph->schedule = rule->schedule;
        ph->session_min = rule->session_min;
        ph->timeout_s = rule->timeout_s;
    } else {
        ph->schedule.type = RL_SCHEDULE_FR;
        ph->schedule.ratio = 1;
    }
    if (s->dec.phase_kind >= 0) { /* the profile's phase_var: the file says the kind */
        ph->kind = (rl_phase_kind_t) s->dec.phase_kind;
        if (ph->kind == RL_PHASE_PROGRESSIVE_RATIO && ph->schedule.type != RL_SCHEDULE_PR) {
            ph->schedule.type = RL_SCHEDULE_PR;
            ph->schedule.pr_n = RL_MAX_PR_STEPS;
            ph->schedule.pr_from_formula = true;
            rl_pr_richardson_roberts(ph->schedule.pr_series, RL_MAX_PR_STEPS);
        }
    }
    ph->deliver_reinforcer = ph->kind != RL_PHASE_EXTINCTION;
    ph->sessions = 1;
    ph->criterion.type = RL_CRITERION_NONE;
    return pr->n_phases++;
}

/* Subjects (by name), groups, phases, days; s is sorted by subject then time. */
static int
assign(importer_t *im)
{
    rl_protocol_t *p = im->proto;
    size_t i;
    int cur = -1, day = 0, gname_cut;
    int counts[RL_MAX_PHASES];
    char gname[RL_NAME_MAX]; /* the session's group label as a group's name */

    const rl_store_prior_t *prior = &im->prior;
    size_t n_all = im->n + (size_t) prior->n_subjects + 1;

    if (!im->appending) {   /* else the protocol is the database's (store_append.h) */
        snprintf(p->study, sizeof p->study, "MED-PC import");
        p->n_reinforcers = 1;
        p->reinforcers[0] = im->opt->profiles[0].reinforcer;
        p->n_procedures = 1;
        snprintf(p->procedures[0].name, RL_NAME_MAX, "imported");
    }
    im->subjects = rl_calloc(n_all, sizeof *im->subjects);
    im->subject_group = rl_calloc(n_all, sizeof *im->subject_group);
    if (im->subjects == NULL || im->subject_group == NULL) {
        return RL_ERR_NOMEM;
    }
    for (im->n_subjects = 0; im->n_subjects < prior->n_subjects; im->n_subjects++) {
        snprintf(im->subjects[im->n_subjects], TEXT_MAX, "%s",
            prior->subjects[im->n_subjects].name);
        im->subject_group[im->n_subjects] = prior->subjects[im->n_subjects].group;
    }
    for (i = 0; i < im->n; i++) {
        imp_session_t *s = &im->s[i];
        if (s->skip) {
            continue;
        }
        gname_cut = rl_text_cut(gname, sizeof gname, group_label(im, s)); /* as stored */
        if (cur < 0 || strcmp(im->subjects[cur], s->subject) != 0) {
            /* a subject of the database keeps its id and group; its sessions come after
            ** its own (numbered again by date at the commit: store_append.h) */
            if ((cur = rl_prior_index_subject(prior, s->subject)) >= 0) {
                day = prior->subjects[cur].n_sessions;
            } else {
                cur = im->n_subjects++;
                snprintf(im->subjects[cur], TEXT_MAX, "%s", s->subject);
                if (gname_cut && add_issue(&s->dec, s->line, RL_ISSUE_NOTE, "group label "
                        "longer than %d bytes: the group is named '%s'", RL_NAME_LEN_MAX,
                        gname) != 0) {
                    return RL_ERR_NOMEM;
                }
                im->subject_group[cur] = group_index(p, gname);
                p->groups[im->subject_group[cur]].n++;
                day = 0;
            }
            memset(counts, 0, sizeof counts);
        } else if (strcmp(gname, p->groups[im->subject_group[cur]].name) != 0
            && add_issue(&s->dec, s->line, RL_ISSUE_NOTE, "group label '%s' differs from the "
                "subject's first session ('%s'); the subject stays in its first group",
                group_label(im, s), p->groups[im->subject_group[cur]].name) != 0) {
            return RL_ERR_NOMEM;
        }
        s->subject_id = cur;
        s->group_id = im->subject_group[cur];
        s->phase = phase_index(im, s);
        s->day = day++;
        s->session_in_phase = counts[s->phase]++;
    }
    p->procedures[0].n_phases = p->procedures[0].n_phases > 0 ? p->procedures[0].n_phases : 1;
    if (p->procedures[0].phases[0].name[0] == '\0') { /* nothing imported: a placeholder */
        snprintf(p->procedures[0].phases[0].name, RL_NAME_MAX, "none");
        p->procedures[0].phases[0].kind = RL_PHASE_OTHER;
    }
    if (p->n_groups == 0) {
        group_index(p, "all");
    }
    return 0;
}

/* ---- pass 2 ---- */

static const char *const severity_names[] = {"note", "warning", "error"};

static int
write_issues(const importer_t *im, rl_store_t *st, const char *path, int64_t file_id,
    int64_t session_id, const rl_medpc_issue_t *is, size_t n, rl_error_t *err)
{
    rl_import_stats_t *stats = im->stats;
    size_t k;
    int ret;
    for (k = 0; k < n; k++) {
        if (st != NULL && (ret = rl_store_write_import_issue(st, file_id, session_id,
                 is[k].line, severity_names[is[k].severity], is[k].msg, err)) != 0) {
            return ret;
        }
        if (im->opt->report != NULL) {
            im->opt->report(im->opt->report_ctx, path, is[k].line,
                severity_names[is[k].severity], is[k].msg);
        }
        stats->errors += is[k].severity == RL_ISSUE_ERROR;
        stats->warnings += is[k].severity == RL_ISSUE_WARNING;
        stats->notes += is[k].severity == RL_ISSUE_NOTE;
    }
    return 0;
}

static int
write_session(importer_t *im, rl_store_t *st, const imp_session_t *s, const char *path,
    int64_t file_id, rl_error_t *err)
{
    const rl_medpc_profile_t *prof = &im->opt->profiles[s->profile];
    const rl_phase_t *ph = &im->proto->procedures[0].phases[s->phase];
    rl_session_result_t r;
    rl_import_session_record_t src;
    int64_t sid = 0;
    int ret;

    memset(&r, 0, sizeof r);
    r.subject_id = s->subject_id;
    r.phase = s->phase;
    r.session_in_phase = s->session_in_phase;
    r.day = s->day;
    r.active = s->dec.active;
    r.inactive = s->dec.inactive;
    r.active_timeout = s->dec.active_timeout;
    r.reinforcers = s->dec.reinforcers;
    r.duration_min = s->dec.duration_s / 60.0;
    r.end_reason = s->dec.has_end_code ? RL_END_END_CODE : RL_END_NO_END_CODE;
    r.breakpoint = -1;
    if (ph->schedule.type == RL_SCHEDULE_PR && s->dec.breakpoint >= 0) {
        r.breakpoint = s->dec.breakpoint; /* as the program recorded it (breakpoint_var) */
    } else if (ph->schedule.type == RL_SCHEDULE_PR) {
        int64_t k = r.reinforcers;
        r.breakpoint = k <= 0 ? 0
            : ph->schedule.pr_series[k <= ph->schedule.pr_n ? k - 1 : ph->schedule.pr_n - 1];
    }
    r.drug_mg_per_kg = prof->reinforcer.kind != RL_REINFORCER_DRUG ? 0.0
        : prof->reinforcer.dose_mg_per_kg > 0 ? (double) r.reinforcers
            * prof->reinforcer.dose_mg_per_kg : NAN;
    r.n_events = s->dec.n_events;
    r.events = s->dec.events;
    memset(&src, 0, sizeof src);
    src.file_id = file_id;
    src.line = s->line;
    src.last_line = s->last_line;
    src.subject = s->subject;
    src.experiment = s->experiment;
    src.group = s->group;
    src.box = s->box;
    src.program = s->program;
    src.profile = prof->name;
    src.start_time = s->start;
    src.end_time = s->end;
    src.codes = s->dec.codes;
    src.counts_mismatch = s->dec.counts_mismatch;
    if ((ret = rl_store_write_imported_session(st, &r, &src, &sid, err)) != 0) {
        return ret;
    }
    im->stats->events += (long) r.n_events;
    return write_issues(im, st, path, file_id, sid, s->dec.issues, s->dec.n_issues, err);
}

/* The report alone, through opt->report, when nothing was imported: no database. */
static void
report_only(importer_t *im, const char *const *paths)
{
    size_t i;
    for (i = 0; i < im->n_files; i++) {
        const imp_file_t *f = &im->files[i];
        if (f->message != NULL) {
            rl_medpc_issue_t is = {0, RL_ISSUE_ERROR, ""};
            snprintf(is.msg, sizeof is.msg, "file not imported: %s", f->message);
            (void) write_issues(im, NULL, paths[i], 0, 0, &is, 1, NULL);
        }
        (void) write_issues(im, NULL, paths[i], 0, 0, f->warnings, f->n_warnings, NULL);
    }
    for (i = 0; i < im->n; i++) {
        const imp_session_t *s = &im->s[i];
        (void) write_issues(im, NULL, paths[s->file], 0, 0, s->dec.issues, s->dec.n_issues,
            NULL);
    }
}

/* The subject sheet's findings, kept to be written as import issues. */
typedef struct sheet_findings {
    rl_medpc_issue_t *v;
    size_t n;
    int nomem;
} sheet_findings_t;

static void
on_sheet_finding(void *ctx, const char *path, long line, const char *severity,
    const char *msg)
{
    sheet_findings_t *f = ctx;
    rl_medpc_issue_t *p = rl_realloc(f->v, (f->n + 1) * sizeof *p);
    (void) path;
    if (p == NULL) {
        f->nomem = 1;
        return;
    }
    f->v = p;
    p[f->n].line = line;
    p[f->n].severity = strcmp(severity, "warning") == 0 ? RL_ISSUE_WARNING : RL_ISSUE_NOTE;
    snprintf(p[f->n].msg, sizeof p->msg, "subject sheet: %s", msg);
    f->n++;
}

/* Join opt->sheet onto the subjects and groups written; its findings go to the report
** (import_issues rows about the batch, with the sheet's line). */
static int
apply_sheet(importer_t *im, rl_store_t *st, rl_error_t *err)
{
    sheet_findings_t f = {NULL, 0, 0};
    int ret = rl_store_apply_subject_sheet(st, im->opt->sheet, on_sheet_finding, &f,
        &im->stats->sheet, err);
    if (ret == 0 && f.nomem) {
        ret = rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    if (ret == 0) {
        im->stats->groups = im->stats->sheet.groups;
        ret = write_issues(im, st, im->opt->sheet->path, 0, 0, f.v, f.n, err);
    }
    free(f.v);
    return ret;
}

static int
write_all(importer_t *im, const char *const *paths, rl_error_t *err)
{
    rl_run_info_t run;
    rl_store_t *st = NULL;
    int64_t *file_ids = rl_calloc(im->n_files + 1, sizeof *file_ids);
    size_t i;
    int subj, ret = 0;

    if (file_ids == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    memset(&run, 0, sizeof run);
    run.version = im->opt->version;
    run.command = im->opt->command;
    run.imported = 1;
    ret = im->appending ? rl_store_open_append(im->opt->out_path, im->proto, &im->prior, &run,
                              im->opt->watch, &st, err)
                        : rl_store_open_watched(im->opt->out_path, im->proto, &run,
                              im->opt->watch, &st, err);
    if (ret != 0) {
        free(file_ids);
        return ret;
    }
    for (i = 0; i < im->n_files && ret == 0; i++) {
        imp_file_t *f = &im->files[i];
        rl_import_file_record_t rec;
        rec.path = paths[i];
        rec.sessions_found = f->found;
        rec.sessions_imported = f->imported;
        rec.message = f->message;
        rec.sha256 = f->sha256[0] != '\0' ? f->sha256 : NULL;
        /* a file none of whose sessions was imported is skipped, not partly imported */
        rec.status = f->message != NULL || (f->found > 0 && f->imported == 0) ? "skipped"
            : f->imported < f->found ? "partly_imported" : "imported";
        if (f->message == NULL && f->found > 0 && f->imported == 0) {
            rec.message = f->found == 1 ? "its session was not imported (see the errors)"
                : "none of its sessions was imported (see the errors)";
        }
        ret = rl_store_write_import_file(st, &rec, &file_ids[i], err);
        if (ret == 0 && f->message != NULL) {
            rl_medpc_issue_t is = {0, RL_ISSUE_ERROR, ""};
            snprintf(is.msg, sizeof is.msg, "file not imported: %s", f->message);
            ret = write_issues(im, st, paths[i], file_ids[i], 0, &is, 1, err);
        }
        if (ret == 0) {
            ret = write_issues(im, st, paths[i], file_ids[i], 0, f->warnings, f->n_warnings,
                err);
        }
    }
    for (subj = im->prior.n_subjects; subj < im->n_subjects && ret == 0; subj++) {
        rl_subject_record_t rec;
        int index = 0, k;
        for (k = 0; k < subj; k++) {
            index += im->subject_group[k] == im->subject_group[subj];
        }
        memset(&rec, 0, sizeof rec);
        rec.subject_id = subj;
        rec.group = im->subject_group[subj];
        rec.index_in_group = index;
        rec.name = im->subjects[subj];
        ret = rl_store_write_subject(st, &rec, err);
    }
    for (i = 0; i < im->n && ret == 0; i++) {
        const imp_session_t *s = &im->s[i];
        if (s->skip) {
            ret = write_issues(im, st, paths[s->file], file_ids[s->file], 0, s->dec.issues,
                s->dec.n_issues, err);
        } else {
            ret = write_session(im, st, s, paths[s->file], file_ids[s->file], err);
        }
    }
    free(file_ids);
    if (ret == 0 && im->opt->sheet != NULL) {
        ret = apply_sheet(im, st, err);
    }
    if (ret != 0) {
        rl_store_abort(st);
        return ret;
    }
    return rl_store_commit(st, err);
}

int
rl_medpc_import(const char *const *paths, size_t n_paths, const rl_import_options_t *opt,
    rl_import_stats_t *stats, rl_error_t *err)
{
    importer_t im;
    struct stat sb;
    size_t i;
    int ret = 0;

    memset(stats, 0, sizeof *stats);
    if (opt->n_profiles < 1 || opt->out_path == NULL) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
            "import needs at least one profile and an output path");
    }
    if ((ret = rl_outfile_check(opt->out_path, err)) != 0) {
        return ret;     /* a directory, FIFO ... or a missing folder: refused before reading */
    }
    memset(&im, 0, sizeof im);
    im.opt = opt;
    im.stats = stats;
    im.n_files = n_paths;
    im.files = rl_calloc(n_paths + 1, sizeof *im.files);
    im.proto = rl_calloc(1, sizeof *im.proto);
    if (im.files == NULL || im.proto == NULL) {
        ret = rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    } else if (opt->append && stat(opt->out_path, &sb) == 0) {
        /* the database's groups, phases, subjects and sessions, before reading anything */
        im.appending = 1;
        if ((ret = rl_store_prior_read(opt->out_path, im.proto, &im.prior, err)) == 0
            && rl_prior_index_build(&im.prior_ix, &im.prior) != 0) {
            ret = rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
        }
    }
    for (i = 0; i < n_paths && ret == 0; i++) {
        ret = read_file(&im, i, paths[i], err);
        {
            rl_progress_info_t info = {(int) (i + 1), (int) n_paths, 0, 0, "files"};
            rl_progress_report(&opt->progress, &info);
        }
    }
    if (ret == 0) {
        if (im.n > 1) {
            qsort(im.s, im.n, sizeof *im.s, cmp_session);
        }
        if (mark_duplicates(&im, paths) != 0 || assign(&im) != 0) {
            ret = rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
        }
    }
    if (ret == 0) {
        for (i = 0; i < im.n; i++) {
            im.files[im.s[i].file].imported += !im.s[i].skip;
            stats->sessions_imported += !im.s[i].skip;
            stats->sessions_flagged += !im.s[i].skip && im.s[i].dec.counts_mismatch > 0;
        }
        stats->files = (int) n_paths;
        stats->sessions_found = (int) im.n;
        stats->sessions_skipped = (int) im.n - stats->sessions_imported;
        for (i = 0; i < n_paths; i++) {
            int none = im.files[i].found > 0 && im.files[i].imported == 0;
            stats->files_skipped += im.files[i].message != NULL || none;
            stats->files_partly += im.files[i].message == NULL && !none
                && im.files[i].imported < im.files[i].found;
        }
        stats->subjects = im.n_subjects;
        stats->subjects_before = im.prior.n_subjects;
        stats->sessions_before = (int) im.prior.n_sessions;
        stats->groups = im.proto->n_groups;
        stats->phases = im.proto->procedures[0].n_phases;
        if (stats->sessions_imported == 0) {
            report_only(&im, paths);   /* nothing readable: no database */
        } else if ((ret = write_all(&im, paths, err)) == 0) {
            stats->written = 1;
        }
    }
    for (i = 0; i < im.n; i++) {
        rl_medpc_decoded_free(&im.s[i].dec);
    }
    for (i = 0; im.files != NULL && i < n_paths; i++) {
        free(im.files[i].message);
        free(im.files[i].warnings);
    }
    free(im.s);
    free(im.files);
    free(im.proto);
    free(im.subjects);
    free(im.subject_group);
    rl_prior_index_free(&im.prior_ix);
    rl_store_prior_free(&im.prior);
    return ret;
}
