/* protocol_util.c -- small helpers of the protocol as data (protocol.h): reading a protocol
** file into memory, releasing a protocol, the Richardson-Roberts PR formula, the names of
** the enums (the X-macro lists of protocol.h), and the sessions of a phase a treatment or
** stressor comes with. Nothing here prints or keeps state.
*/
#include "protocol_internal.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/slurp.h"

/* ---------------------------------------------------------------- text helpers */

int
rl_read_file(const char *path, char **out, size_t *out_len, rl_error_t *err)
{
    int e, ret = rl_slurp(path, (size_t) RL_MAX_PROTOCOL_BYTES, out, out_len, &e);
    switch (ret) {
    case 0: return 0;
    case RL_ERR_INVALID:
        return rl_error_set(err, RL_ERR_INVALID, path, 0, 0,
            "'%s' is larger than %ld bytes: not a protocol", path, RL_MAX_PROTOCOL_BYTES);
    case RL_ERR_NOMEM:
        return rl_error_set(err, RL_ERR_NOMEM, path, 0, 0, "out of memory reading '%s'", path);
    default:
        return rl_error_set(err, RL_ERR_IO, path, 0, 0, "cannot read protocol '%s': %s", path,
            strerror(e));
    }
}

/* ---------------------------------------------------------------- small helpers */

void
rl_protocol_free(rl_protocol_t *self)
{
    if (self == NULL) {
        return;
    }
    free(self->source_text);
    self->source_text = NULL;
    self->source_len = 0;
}

void
rl_pr_richardson_roberts(int *out, int n)
{
    int j;

    for (j = 1; j <= n; j++) {
        double r = floor(5.0 * exp(0.2 * j) - 5.0 + 0.5);
        /* from step 100 on the ratio exceeds INT_MAX: saturate (the validator refuses
        ** such series, see RL_PR_RR_MAX_STEPS) */
        out[j - 1] = r < (double) INT_MAX ? (int) r : INT_MAX;
    }
}

int
rl_protocol_n_subjects(const rl_protocol_t *self)
{
    int i, n = 0;

    for (i = 0; i < self->n_groups; i++) {
        n += self->groups[i].n;
    }
    return n;
}

/* ---------------------------------------------------------------- names (protocol.h) */

static const char *const reinforcer_kind_names[] = {RL_REINFORCER_KINDS(RL_X_NAME_)};
static const char *const phase_kind_names[] = {RL_PHASE_KINDS(RL_X_NAME_)};
static const char *const schedule_type_names[] = {RL_SCHEDULE_TYPES(RL_X_NAME_)};
static const char *const criterion_type_names[] = {"none", RL_CRITERION_TYPES(RL_X_NAME_)};
static const char *const sex_names[] = {RL_SEXES(RL_X_NAME_) "unknown"};
static const char *const stress_kind_names[] = {RL_STRESS_KINDS(RL_X_NAME_)};

/* names[v] for 0 <= v < count, else "invalid". */
static const char *
name_of(const char *const *names, int count, int v)
{
    return v >= 0 && v < count ? names[v] : "invalid";
}

const char *
rl_reinforcer_kind_name(rl_reinforcer_kind_t k)
{
    return name_of(reinforcer_kind_names, RL_REINFORCER_KIND_COUNT, (int) k);
}

const char *
rl_phase_kind_name(rl_phase_kind_t k)
{
    return name_of(phase_kind_names, RL_PHASE_KIND_COUNT, (int) k);
}

const char *
rl_schedule_type_name(rl_schedule_type_t t)
{
    return name_of(schedule_type_names, RL_SCHEDULE_TYPE_COUNT, (int) t);
}

const char *
rl_criterion_type_name(rl_criterion_type_t t)
{
    return name_of(criterion_type_names, RL_CRITERION_TYPE_COUNT, (int) t);
}

const char *
rl_stress_kind_name(rl_stress_kind_t k)
{
    return name_of(stress_kind_names, RL_STRESS_KIND_COUNT, (int) k);
}

const char *
rl_sex_name(rl_sex_t s)
{
    return name_of(sex_names, RL_SEX_COUNT, (int) s);
}

/* Whether session number i + 1 is listed in set (RL_SESSIONS_LIST). */
static bool
listed(const rl_session_set_t *set, int i)
{
    return i >= 0 && i < RL_MAX_LISTED_SESSION && (set->listed[i / 64] >> (i % 64) & 1u) != 0;
}

double
rl_phase_intersession_h(const rl_protocol_t *protocol, const rl_phase_t *phase)
{
    return phase->intersession_h > 0.0 ? phase->intersession_h : protocol->intersession_h;
}

double
rl_phase_latest_before_min(const rl_protocol_t *protocol, const rl_procedure_t *procedure,
    int k, int i)
{
    const rl_phase_t *ph = &procedure->phases[k];
    if (i == 0 && k == 0) {
        return INFINITY;
    }
    if (i == 0) {
        return 60.0 * rl_phase_intersession_h(protocol, ph) + 1440.0 * ph->abstinence_days
            - procedure->phases[k - 1].session_min;
    }
    return 60.0 * rl_phase_intersession_h(protocol, ph) - ph->session_min;
}

int
rl_phase_place_side(const rl_phase_t *phase, int i)
{
    return (i + (phase->pairing.saline_first ? 1 : 0)) % 2;
}

bool
rl_session_set_has(const rl_session_set_t *set, const rl_phase_t *phase, int i)
{
    switch (set->kind) {
    case RL_SESSIONS_ALL:
        return true;
    case RL_SESSIONS_FIRST:
        return i == 0;
    case RL_SESSIONS_PAIRED:
    case RL_SESSIONS_UNPAIRED:
        return phase->kind == RL_PHASE_PLACE_CONDITIONING
            && rl_phase_place_side(phase, i) == (set->kind == RL_SESSIONS_PAIRED ? 0 : 1);
    case RL_SESSIONS_LIST:
    default:
        return listed(set, i);
    }
}

const char *
rl_session_set_describe(const rl_session_set_t *set, char *buf, size_t cap)
{
    size_t len = 0;
    int i, n = 0, count = 0;

    if (cap == 0) {
        return buf;
    }
    buf[0] = '\0';
    switch (set->kind) {
    case RL_SESSIONS_ALL:
        return buf;
    case RL_SESSIONS_FIRST:
        snprintf(buf, cap, " (first session)");
        return buf;
    case RL_SESSIONS_PAIRED:
    case RL_SESSIONS_UNPAIRED:
        snprintf(buf, cap, " (%s sessions)",
            set->kind == RL_SESSIONS_PAIRED ? "paired" : "unpaired");
        return buf;
    case RL_SESSIONS_LIST:
    default:
        break;
    }
    for (i = 0; i < RL_MAX_LISTED_SESSION; i++) {
        count += listed(set, i);
    }
    for (i = 0; i < RL_MAX_LISTED_SESSION && len < cap; i++) {
        if (listed(set, i)) {
            const char *lead = n == 0 ? (count > 1 ? " (sessions " : " (session ") : ", ";
            int w;
            n++;
            w = snprintf(buf + len, cap - len, "%s%d%s", lead, i + 1, n == count ? ")" : "");
            len += w > 0 ? (size_t) w : 0;
        }
    }
    return buf;
}

int
rl_procedure_phase_find(const rl_procedure_t *proc, const char *phase)
{
    int i, kind = rl_phase_kind_find(phase);
    for (i = 0; phase != NULL && i < proc->n_phases; i++) {
        if (strcmp(proc->phases[i].name, phase) == 0) {
            return i;
        }
    }
    for (i = 0; kind >= 0 && i < proc->n_phases; i++) {
        if ((int) proc->phases[i].kind == kind) {
            return i;
        }
    }
    return -1;
}

int
rl_phase_kind_find(const char *name)
{
    int k;

    for (k = 0; name != NULL && k < RL_PHASE_KIND_COUNT; k++) {
        if (strcmp(name, phase_kind_names[k]) == 0) {
            return k;
        }
    }
    return -1;
}
