/* medpc_decode.c -- a parsed MED-PC session + a profile -> events, counts and issues.
**
** Design. Decoding runs in three steps. (1) Entries: the profile's encoding turns the
** session's arrays into (time, code) pairs in clock units, each with its source line;
** values that are not numbers and negative times are dropped with an issue; zero padding
** (an entry that is all zeros: the packed value 0, the time 0 of a timestamp array, code 0
** at time 0 in parallel arrays) is dropped when the profile's skip_zero is on, and noted
** when it is off and an array ends in zeros.
** Streams that come from several arrays are merged by time (stable, so entries with the
** same time keep their file order). (2) Events: each entry becomes one event (every entry
** is kept: a code the profile does not know becomes kind 'other' with its code, and is
** listed in a note); pokes are flagged in_timeout when the profile says so or while a
** timeout is open (between a timeout-start and a timeout-end code). A session_start at
** t = 0 is added, and a session_end at the end code, or, when the program wrote none,
** at the duration scalar, the header times or the last event (with a warning). (3)
** Checks: the program's own counters are compared with the decoded counts.
** Equations and formats: docs/MEDPC.md.
*/
#include "relapselab/medpc_decode.h"
#include "core/alloc.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
    double t;      /* clock units (absolute after step 1) */
    double code;   /* NaN for timestamp arrays */
    int kind;      /* timestamp arrays: from the array; else -1 = look up the code */
    long line;
    long t_line;   /* the line of the time (parallel arrays: in the times array) */
} entry_t;

typedef struct decoder {
    const rl_medpc_session_t *s;
    const rl_medpc_profile_t *p;
    rl_medpc_decoded_t *out;
    entry_t *e;
    size_t n, cap;
    size_t issue_cap;
    int nomem;
} decoder_t;

/* Room for one more element of size bytes in *p (capacity *cap, doubled from first);
** sets d->nomem and returns -1 when out of memory. */
static int
room(decoder_t *d, void **p, size_t n, size_t *cap, size_t first, size_t size)
{
    if (n == *cap) {
        size_t c = *cap ? 2 * *cap : first;
        void *q = rl_realloc(*p, c * size);
        if (q == NULL) {
            d->nomem = 1;
            return -1;
        }
        *p = q;
        *cap = c;
    }
    return 0;
}

static void
issue(decoder_t *d, rl_issue_severity_t sev, long line, const char *fmt, ...)
{
    rl_medpc_decoded_t *o = d->out;
    va_list ap;
    if (room(d, (void **) &o->issues, o->n_issues, &d->issue_cap, 8, sizeof *o->issues) != 0) {
        return;
    }
    o->issues[o->n_issues].line = line;
    o->issues[o->n_issues].severity = sev;
    va_start(ap, fmt);
    vsnprintf(o->issues[o->n_issues].msg, sizeof o->issues[0].msg, fmt, ap);
    va_end(ap);
    o->n_issues++;
}

static void
push(decoder_t *d, double t, double code, int kind, long line, long t_line)
{
    if (room(d, (void **) &d->e, d->n, &d->cap, 256, sizeof *d->e) != 0) {
        return;
    }
    d->e[d->n].t = t;
    d->e[d->n].code = code;
    d->e[d->n].kind = kind;
    d->e[d->n].line = line;
    d->e[d->n].t_line = t_line;
    d->n++;
}

/* The array `letter`, or NULL with an error issue. */
static const rl_medpc_var_t *
need_array(decoder_t *d, char letter)
{
    const rl_medpc_var_t *v = rl_medpc_session_var(d->s, letter);
    if (v == NULL || !v->is_array) {
        issue(d, RL_ISSUE_ERROR, d->s->line, "the profile '%s' reads array %c, which this "
            "session does not have: not imported", d->p->name, letter);
        return NULL;
    }
    return v;
}

/* Count of non-numbers skipped, reported once per array. */
static void
report_nan(decoder_t *d, const rl_medpc_var_t *v, size_t bad, long first_line)
{
    if (bad > 0) {
        issue(d, RL_ISSUE_WARNING, first_line, "array %c: %zu value(s) that are not numbers "
            "skipped (first at this line)", v->letter, bad);
    }
}

/* With skip_zero off, an array whose last entries are zeros (in parallel arrays: code 0 at
** time 0; t may be NULL) looks padded to its DIM size: a note says how to drop them. */
static void
note_padding(decoder_t *d, const rl_medpc_var_t *v, const rl_medpc_var_t *t)
{
    size_t n = t != NULL && t->n < v->n ? t->n : v->n, k = 0;
    if (d->p->skip_zero) {
        return;
    }
    while (k < n && v->values[n - 1 - k] == 0 && (t == NULL || t->values[n - 1 - k] == 0)) {
        k++;
    }
    if (k >= 2) {
        issue(d, RL_ISSUE_NOTE, v->lines[n - k], "array %c ends in %zu zero entries (from "
            "this line), imported as events at time 0: MED-PC's padding of a DIM array? "
            "skip_zero: true in the profile drops them", v->letter, k);
    }
}

static void
entries_parallel(decoder_t *d)
{
    const rl_medpc_var_t *c = need_array(d, d->p->codes_array);
    const rl_medpc_var_t *t = c != NULL ? need_array(d, d->p->times_array) : NULL;
    size_t i, n, bad = 0;
    long bad_line = 0;
    if (c == NULL || t == NULL) {
        return;
    }
    n = c->n < t->n ? c->n : t->n;
    if (c->n != t->n) {
        const rl_medpc_var_t *shorter = c->n < t->n ? c : t;
        /* at the line where the shorter array ends (a file cut there ends there) */
        issue(d, RL_ISSUE_WARNING, shorter->n > 0 ? shorter->lines[shorter->n - 1]
            : shorter->line, "arrays %c (codes) and %c (times) differ in length (%zu and "
            "%zu): %zu unpaired entries not imported (%c ends at this line)", c->letter,
            t->letter, c->n, t->n, (c->n > t->n ? c->n : t->n) - n, shorter->letter);
    }
    for (i = 0; i < n; i++) { /* a negative time is dropped, as in the other encodings */
        if (!isfinite(c->values[i]) || !isfinite(t->values[i]) || t->values[i] < 0) {
            bad_line = bad++ == 0 ? c->lines[i] : bad_line;
            continue;
        }
        if (c->values[i] == 0 && t->values[i] == 0 && d->p->skip_zero) {
            continue; /* padding: code 0 at time 0 */
        }
        push(d, t->values[i], c->values[i], -1, c->lines[i], t->lines[i]);
    }
    report_nan(d, c, bad, bad_line);
    note_padding(d, c, t);
}

/* One packed value x (finite, > 0) into time and code:
**   time_dot_code   integer part = time, the printed thousandths = code (1066.300 -> t 1066,
**                   code 0.3); rounding to thousandths recovers the printed digits exactly;
**   code_plus_time  the code is the multiple of code_scale below the value (10012.34 ->
**                   code 10000, t 12.34). */
static void
unpack(const rl_medpc_profile_t *p, double x, double *t, double *code)
{
    if (p->encoding == RL_ENC_TIME_DOT_CODE) {
        double whole = floor(x);
        long long milli = llround((x - whole) * 1000.0);
        if (milli == 1000) { /* 12.9996 printed as 13.000 cannot happen; be safe */
            whole += 1;
            milli = 0;
        }
        *t = whole;
        *code = (double) milli / 1000.0;
    } else {
        *code = floor(x / p->code_scale + 1e-9) * p->code_scale;
        *t = fmax(0.0, x - *code);
    }
}

/* The packed encodings: each value of each of the profile's arrays is one entry. */
static void
entries_packed(decoder_t *d)
{
    int a;
    for (a = 0; a < d->p->n_arrays; a++) {
        const rl_medpc_var_t *v = need_array(d, d->p->arrays[a]);
        size_t i, bad = 0;
        long bad_line = 0;
        if (v == NULL) {
            return;
        }
        for (i = 0; i < v->n; i++) {
            double x = v->values[i], t, code;
            if (!isfinite(x) || x < 0) {
                bad_line = bad++ == 0 ? v->lines[i] : bad_line;
                continue;
            }
            if (x == 0 && d->p->skip_zero) {
                continue;
            }
            unpack(d->p, x, &t, &code);
            push(d, t, code, -1, v->lines[i], v->lines[i]);
        }
        report_nan(d, v, bad, bad_line);
        note_padding(d, v, NULL);
    }
}

static void
entries_timestamp_arrays(decoder_t *d)
{
    int m;
    for (m = 0; m < d->p->n_map; m++) {
        const rl_profile_map_t *mp = &d->p->map[m];
        const rl_medpc_var_t *v = rl_medpc_session_var(d->s, mp->array);
        size_t i, bad = 0;
        long bad_line = 0;
        if (v == NULL) {
            issue(d, RL_ISSUE_WARNING, d->s->line, "array %c (%s) is missing: no such events",
                mp->array, rl_event_kind_name(mp->kind));
            continue;
        }
        for (i = 0; i < v->n; i++) {
            if (!isfinite(v->values[i]) || v->values[i] < 0) {
                bad_line = bad++ == 0 ? v->lines[i] : bad_line;
                continue;
            }
            if (v->values[i] == 0 && d->p->skip_zero) {
                continue;
            }
            push(d, v->values[i], NAN, (int) m, v->lines[i], v->lines[i]);
        }
        report_nan(d, v, bad, bad_line);
        note_padding(d, v, NULL);
    }
}

static int
cmp_entry_time(const void *a, const void *b)
{
    const entry_t *x = a, *y = b;
    if (x->t != y->t) {
        return x->t < y->t ? -1 : 1;
    }
    return x->line < y->line ? -1 : x->line > y->line; /* stable: file order */
}

static bool
in_list(const double *codes, int n, double code)
{
    int i;
    for (i = 0; i < n; i++) {
        if (codes[i] == code) {
            return true;
        }
    }
    return false;
}

/* true when an entry with the same time stamp as entry i carries a timeout mark code. */
static bool
marked(const decoder_t *d, size_t i)
{
    const rl_medpc_profile_t *p = d->p;
    size_t j;
    if (p->n_timeout_marks == 0) {
        return false;
    }
    for (j = i; j > 0 && d->e[j - 1].t == d->e[i].t; j--) {
    }
    for (; j < d->n && d->e[j].t == d->e[i].t; j++) {
        if (!isnan(d->e[j].code) && in_list(p->timeout_marks, p->n_timeout_marks, d->e[j].code)) {
            return true;
        }
    }
    return false;
}

static int
add_event(decoder_t *d, double t_s, int kind, int in_timeout, double code)
{
    rl_medpc_decoded_t *o = d->out;
    /* events and codes grow together; capacity = entries + 2 was allocated up front */
    o->events[o->n_events].t_s = t_s;
    o->events[o->n_events].kind = kind;
    o->events[o->n_events].in_timeout = in_timeout;
    o->codes[o->n_events] = code;
    o->n_events++;
    switch (kind) {
    case RL_EV_POKE_ACTIVE:
        o->active++;
        o->active_timeout += in_timeout;
        break;
    case RL_EV_POKE_INACTIVE: o->inactive++; break;
    case RL_EV_INFUSION_START:
    case RL_EV_PELLET:
    case RL_EV_LIQUID: o->reinforcers++; break;
    case RL_EV_OTHER: o->n_other++; break;
    default: break;
    }
    return 0;
}

/* Distinct unknown codes and their counts, every one of them, for the notes. */
typedef struct unknown_code {
    double code;
    long count;
} unknown_code_t;
typedef struct unknown_codes {
    unknown_code_t *c;
    size_t n, cap;
} unknown_codes_t;

static void
note_unknown(decoder_t *d, unknown_codes_t *u, double code)
{
    size_t i;
    for (i = 0; i < u->n; i++) {
        if (u->c[i].code == code) {
            u->c[i].count++;
            return;
        }
    }
    if (room(d, (void **) &u->c, u->n, &u->cap, 16, sizeof *u->c) == 0) {
        u->c[u->n].code = code;
        u->c[u->n++].count = 1;
    }
}

/* The unknown codes in one note, or in as many notes as the list needs ("(2 of 3)"). */
static void
report_unknown(decoder_t *d, const unknown_codes_t *u)
{
    char list[120];
    size_t k = 0, parts = 0, part = 0, pass;
    for (pass = 0; pass < 2; pass++) { /* count the notes, then write them */
        for (k = 0; k < u->n;) {
            size_t used = 0;
            list[0] = '\0';
            while (k < u->n) {
                char one[48];
                int w = snprintf(one, sizeof one, "%s%g x%ld", used ? ", " : "", u->c[k].code,
                    u->c[k].count);
                if (used > 0 && used + (size_t) w >= sizeof list) {
                    break;
                }
                memcpy(list + used, one, (size_t) w + 1);
                used += (size_t) w;
                k++;
            }
            if (pass == 0) {
                parts++;
                continue;
            }
            part++;
            if (parts == 1) {
                issue(d, RL_ISSUE_NOTE, d->s->line, "codes not in profile '%s', kept as kind "
                    "'other': %s", d->p->name, list);
            } else {
                issue(d, RL_ISSUE_NOTE, d->s->line, "codes not in profile '%s', kept as kind "
                    "'other' (%zu of %zu): %s", d->p->name, part, parts, list);
            }
        }
    }
}

/* The end time when the program wrote no end code. */
static double
fallback_end(decoder_t *d, double last_t, const char **from)
{
    const rl_medpc_profile_t *p = d->p;
    if (p->duration_var != 0) {
        const rl_medpc_var_t *v = rl_medpc_session_var(d->s, p->duration_var);
        if (v != NULL && v->n >= 1 && isfinite(v->values[0]) && v->values[0] > 0) {
            double t = v->values[0] * p->duration_unit_s;
            if (!(t <= RL_MEDPC_MAX_TIME_S)) {
                issue(d, RL_ISSUE_ERROR, v->lines[0], "duration %c = %g s is more than 366 "
                    "days: not a session's length; session not imported", v->letter, t);
                *from = "the last event";
                return last_t;
            }
            *from = "the duration variable";
            return fmax(t, last_t);
        }
    }
    if (isfinite(d->s->duration_s) && d->s->duration_s > 0
        && d->s->duration_s <= RL_MEDPC_MAX_TIME_S) {
        *from = "the header's start and end times";
        return fmax(d->s->duration_s, last_t);
    }
    *from = "the last event";
    return last_t;
}

static void
build_events(decoder_t *d)
{
    const rl_medpc_profile_t *p = d->p;
    rl_medpc_decoded_t *o = d->out;
    unknown_codes_t unknown;
    size_t i, after_end = 0, backwards = 0;
    long back_line = 0;
    double end_t = -1, end_code = NAN, last_t = 0, prev_t = -INFINITY;
    int in_timeout = 0;

    memset(&unknown, 0, sizeof unknown);
    o->events = rl_malloc((d->n + 2) * sizeof *o->events);
    o->codes = rl_malloc((d->n + 2) * sizeof *o->codes);
    if (o->events == NULL || o->codes == NULL) {
        d->nomem = 1;
        return;
    }
    add_event(d, 0.0, RL_EV_SESSION_START, 0, NAN);
    for (i = 0; i < d->n; i++) {
        const entry_t *e = &d->e[i];
        const rl_profile_map_t *m = e->kind >= 0 ? &p->map[e->kind]
                                                 : rl_medpc_profile_find(p, e->code);
        double t_s = e->t * p->time_unit_s;
        int kind = m != NULL ? m->kind : RL_EV_OTHER;
        int flag = 0;
        if (t_s < prev_t) {
            back_line = backwards++ == 0 ? e->line : back_line;
        }
        prev_t = t_s;
        if (m == NULL) {
            note_unknown(d, &unknown, e->code);
        }
        if (end_t >= 0) {
            after_end++;
        }
        if (kind == RL_EV_SESSION_END) {
            end_t = t_s;
            end_code = e->code;
            continue;
        }
        if (kind == RL_EV_POKE_ACTIVE || kind == RL_EV_POKE_INACTIVE) {
            flag = (m != NULL && m->in_timeout) || in_timeout || marked(d, i);
        } else if (m != NULL && m->noncontingent) {   /* a delivery not earned */
            flag = 1;
        }
        add_event(d, t_s, kind, flag, e->code);
        last_t = fmax(last_t, t_s);
        if (!isnan(e->code) && in_list(p->timeout_start, p->n_timeout_start, e->code)) {
            in_timeout = 1;
        } else if (!isnan(e->code) && in_list(p->timeout_end, p->n_timeout_end, e->code)) {
            in_timeout = 0;
        }
    }
    if (backwards > 0) {
        issue(d, RL_ISSUE_WARNING, back_line, "time goes backwards %zu time(s) (first at this "
            "line): events kept in file order", backwards);
    }
    if (after_end > 0) {
        issue(d, RL_ISSUE_WARNING, d->s->line, "%zu entries after the session-end code "
            "(imported)", after_end);
    }
    if (end_t >= 0) {
        o->has_end_code = true;
        add_event(d, fmax(end_t, last_t), RL_EV_SESSION_END, 0, end_code);
    } else {
        const char *from = "";
        double t = fallback_end(d, last_t, &from);
        add_event(d, t, RL_EV_SESSION_END, 0, NAN);
        issue(d, RL_ISSUE_WARNING, d->s->line, "no session-end code (stopped by hand or "
            "crashed?): session end taken from %s, %.2f s", from, t);
    }
    o->duration_s = o->events[o->n_events - 1].t_s;
    if (o->reinforcers == 0) { /* cue-only reinforcement (as the simulator counts it) */
        for (i = 0; i < o->n_events; i++) {
            o->reinforcers += o->events[i].kind == RL_EV_CUE_ON;
        }
    }
    report_unknown(d, &unknown);
    free(unknown.c);
}

static int64_t
count_kind(const rl_medpc_decoded_t *o, int kind)
{
    int64_t n = 0;
    size_t i;
    for (i = 0; i < o->n_events; i++) {
        n += o->events[i].kind == kind;
    }
    return n;
}

static void
run_checks(decoder_t *d)
{
    int c;
    for (c = 0; c < d->p->n_checks; c++) {
        const rl_profile_check_t *ck = &d->p->checks[c];
        const rl_medpc_var_t *v = rl_medpc_session_var(d->s, ck->var);
        size_t idx = ck->index < 0 ? 0 : (size_t) ck->index;
        int64_t n = count_kind(d->out, ck->kind);
        char ref[16];
        snprintf(ref, sizeof ref, ck->index < 0 ? "%c" : "%c(%d)", ck->var, ck->index);
        if (v == NULL || idx >= v->n || !isfinite(v->values[idx])) {
            issue(d, RL_ISSUE_NOTE, d->s->line, "check skipped: %s is not in the file", ref);
        } else {
            d->out->counts_checked++;
            if ((double) n != v->values[idx]) {
                d->out->counts_mismatch++;
                issue(d, RL_ISSUE_WARNING, v->lines[idx], "counts disagree: %lld %s decoded, "
                    "the program counted %s = %g", (long long) n,
                    rl_event_kind_name(ck->kind), ref, v->values[idx]);
            }
        }
    }
}

/* Every entry's time in seconds within RL_MEDPC_MAX_TIME_S, or an error issue at the first
** that is not (the session is then not imported). */
static void
times_in_range(decoder_t *d)
{
    size_t i;
    for (i = 0; i < d->n; i++) {
        double t_s = d->e[i].t * d->p->time_unit_s;
        if (!(t_s <= RL_MEDPC_MAX_TIME_S)) {
            issue(d, RL_ISSUE_ERROR, d->e[i].t_line, "time %g s (%g x the time unit %g s) is "
                "more than 366 days after the session's start: not a time stamp; session not "
                "imported", t_s, d->e[i].t, d->p->time_unit_s);
            return;
        }
    }
}

/* The phase kind from the profile's phase_var: a whole number 0 .. kinds - 1 (protocol.h);
** anything else is a warning, and the phase rules decide. */
static void
read_phase_var(decoder_t *d)
{
    static const char *const kinds[] = {RL_PHASE_KINDS(RL_X_NAME_) NULL};
    const rl_medpc_var_t *v;
    double x;
    int n = 0;
    d->out->phase_kind = -1;
    if (d->p->phase_var == 0 || (v = rl_medpc_session_var(d->s, d->p->phase_var)) == NULL
        || v->n < 1) {
        return;
    }
    while (kinds[n] != NULL) {
        n++;
    }
    x = v->values[0];
    if (!(x >= 0 && x < n && x == floor(x))) {
        issue(d, RL_ISSUE_WARNING, v->lines[0], "%c = %g is not a phase kind (0 .. %d): the "
            "phase rules give the kind", v->letter, x, n - 1);
        return;
    }
    d->out->phase_kind = (int) x;
}

/* The breakpoint from the profile's breakpoint_var: a whole number >= 0 (the last ratio
** completed, as the program recorded it); anything else is a warning, and the phase's
** series gives it. */
static void
read_breakpoint_var(decoder_t *d)
{
    const rl_medpc_var_t *v;
    double x;
    d->out->breakpoint = -1;
    if (d->p->breakpoint_var == 0 || (v = rl_medpc_session_var(d->s, d->p->breakpoint_var)) == NULL
        || v->n < 1) {
        return;
    }
    x = v->values[0];
    if (!(x >= 0 && x <= 1e9 && x == floor(x))) {
        issue(d, RL_ISSUE_WARNING, v->lines[0], "%c = %g is not a ratio (a whole number >= 0): "
            "the phase's series gives the breakpoint", v->letter, x);
        return;
    }
    d->out->breakpoint = (int64_t) x;
}

int
rl_medpc_decode(const rl_medpc_session_t *s, const rl_medpc_profile_t *p,
    rl_medpc_decoded_t *out, rl_error_t *err)
{
    decoder_t d;

    memset(out, 0, sizeof *out);
    out->phase_kind = -1;
    out->breakpoint = -1;
    memset(&d, 0, sizeof d);
    d.s = s;
    d.p = p;
    d.out = out;
    switch (p->encoding) {
    case RL_ENC_PARALLEL: entries_parallel(&d); break;
    case RL_ENC_TIME_DOT_CODE:
    case RL_ENC_CODE_PLUS_TIME: entries_packed(&d); break;
    case RL_ENC_TIMESTAMP_ARRAYS: entries_timestamp_arrays(&d); break;
    }
    if (!d.nomem && !rl_medpc_decoded_failed(out)) {
        size_t i;
        if (p->relative_times) {
            for (i = 1; i < d.n; i++) {
                d.e[i].t += d.e[i - 1].t;
            }
        }
        times_in_range(&d);
    }
    if (!d.nomem && !rl_medpc_decoded_failed(out)) {
        if (p->encoding == RL_ENC_TIMESTAMP_ARRAYS
            || (p->encoding != RL_ENC_PARALLEL && p->n_arrays > 1)) {
            if (d.n > 1) {
                qsort(d.e, d.n, sizeof *d.e, cmp_entry_time);
            }
        }
        build_events(&d);
        if (!d.nomem) {
            run_checks(&d);
            read_phase_var(&d);
            read_breakpoint_var(&d);
        }
    }
    free(d.e);
    if (d.nomem) {
        rl_medpc_decoded_free(out);
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory decoding a session");
    }
    return 0;
}

bool
rl_medpc_decoded_failed(const rl_medpc_decoded_t *d)
{
    size_t i;
    for (i = 0; i < d->n_issues; i++) {
        if (d->issues[i].severity == RL_ISSUE_ERROR) {
            return true;
        }
    }
    return false;
}

void
rl_medpc_decoded_free(rl_medpc_decoded_t *d)
{
    if (d != NULL) {
        free(d->events);
        free(d->codes);
        free(d->issues);
        memset(d, 0, sizeof *d);
    }
}
