/* store_append.c -- append an import batch to a copy of an existing database (see
** store_append.h).
**
** Design. Reading (rl_store_prior_read) goes through rl_db_open_checked, read-only, so the
** database is only ever read until the rename. Writing copies the file into the store's
** temporary file (core/outfile.h: same directory, O_EXCL, removed on failure) with plain
** read()/write() on the descriptor the outfile keeps open -- it is fsync'ed at commit --
** then opens the copy with SQLite as rl_store_open() opens a new file, in one transaction,
** with the statements of store_sqlite.c. The store's copy of the protocol (phase labels,
** each group's procedure) and the subjects already present are set from the extended
** protocol and the prior. At commit (rl_store_append_finish), each subject's sessions are
** numbered again by start time (no start time: after the dated ones; ties: session id):
** sessions.day and session_in_phase, through a temporary table; days are first made
** negative so the unique index (subject_id, day) never sees two equal days on the way.
*/
#include "store_append.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store_internal.h"
#include "db_check.h"
#include "core/alloc.h"

/* ---- reading ---- */

static char *
col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return rl_strdup(t != NULL ? (const char *) t : "");
}

static void
col_copy(sqlite3_stmt *st, int i, char *out, size_t n)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    snprintf(out, n, "%s", t != NULL ? (const char *) t : "");
}

/* The phase kind named s; RL_PHASE_OTHER for a name this version does not know. */
static rl_phase_kind_t
kind_of(const char *s)
{
    int k;
    for (k = 0; k < RL_PHASE_KIND_COUNT; k++) {
        if (strcmp(rl_phase_kind_name((rl_phase_kind_t) k), s) == 0) {
            return (rl_phase_kind_t) k;
        }
    }
    return RL_PHASE_OTHER;
}

/* "1,2,4,6" into a PR schedule. */
static void
parse_series(const char *s, rl_schedule_t *sc)
{
    char *end;
    sc->pr_n = 0;
    while (*s != '\0' && sc->pr_n < RL_MAX_PR_STEPS) {
        long v = strtol(s, &end, 10);
        if (end == s) {
            break;
        }
        sc->pr_series[sc->pr_n++] = (int) v;
        s = *end == ',' ? end + 1 : end;
    }
}

static int
read_run(sqlite3 *db, const char *path, rl_store_prior_t *prior, rl_error_t *err)
{
    sqlite3_stmt *st = NULL;
    int ret = 0;
    if (sqlite3_prepare_v2(db, "SELECT source, (SELECT COUNT(*) FROM import_batches)"
            " FROM run WHERE run_id = 1", -1, &st, NULL) != SQLITE_OK
        || sqlite3_step(st) != SQLITE_ROW) {
        ret = rl_error_set(err, RL_ERR_DB, path, 0, 0, "reading the run table: %s",
            sqlite3_errmsg(db));
    } else if (sqlite3_column_text(st, 0) == NULL
        || strcmp((const char *) sqlite3_column_text(st, 0), "import") != 0) {
        ret = rl_error_set(err, RL_ERR_INVALID, path, 0, 0, "written by `relapselab run` (a "
            "simulation): imported sessions are appended only to a database of imported "
            "sessions; give another --out (nothing was changed)");
    } else {
        prior->batches = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    return ret;
}

static int
read_protocol(sqlite3 *db, const char *path, rl_protocol_t *p, rl_store_prior_t *prior,
    rl_error_t *err)
{
    sqlite3_stmt *st = NULL;
    rl_procedure_t *pr = &p->procedures[0];
    int rc, ret = 0;

    snprintf(p->study, sizeof p->study, "MED-PC import");
    p->n_procedures = 1;
    snprintf(pr->name, RL_NAME_MAX, "imported");
    if (sqlite3_prepare_v2(db, "SELECT name, kind, schedule_type, ratio, pr_series"
            " FROM phases WHERE procedure_id = 0 ORDER BY phase_index", -1, &st, NULL)
        != SQLITE_OK) {
        goto db_error;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && pr->n_phases < RL_MAX_PHASES) {
        rl_phase_t *ph = &pr->phases[pr->n_phases++];
        char text[64];
        col_copy(st, 0, ph->name, sizeof ph->name);
        col_copy(st, 1, text, sizeof text);
        ph->kind = kind_of(text);
        col_copy(st, 2, text, sizeof text);
        ph->schedule.type = strcmp(text, "PR") == 0 ? RL_SCHEDULE_PR : RL_SCHEDULE_FR;
        ph->schedule.ratio = sqlite3_column_int(st, 3);
        if (ph->schedule.type == RL_SCHEDULE_PR && sqlite3_column_text(st, 4) != NULL) {
            parse_series((const char *) sqlite3_column_text(st, 4), &ph->schedule);
        }
        ph->deliver_reinforcer = ph->kind != RL_PHASE_EXTINCTION;
        ph->sessions = 1;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        goto db_error;
    }
    if (sqlite3_prepare_v2(db, "SELECT name FROM reinforcers ORDER BY reinforcer_id", -1, &st,
            NULL) != SQLITE_OK) {
        goto db_error;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && p->n_reinforcers < RL_MAX_REINFORCERS) {
        col_copy(st, 0, p->reinforcers[p->n_reinforcers].name, RL_NAME_MAX);
        p->n_reinforcers++;
    }
    sqlite3_finalize(st);
    st = NULL;
    if ((rc != SQLITE_DONE && rc != SQLITE_ROW) || p->n_reinforcers == 0) {
        goto db_error;
    }
    if (sqlite3_prepare_v2(db, "SELECT name, n FROM groups ORDER BY group_id", -1, &st, NULL)
        != SQLITE_OK) {
        goto db_error;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && p->n_groups < RL_MAX_GROUPS) {
        rl_group_t *g = &p->groups[p->n_groups++];
        col_copy(st, 0, g->name, sizeof g->name);
        g->n = sqlite3_column_int(st, 1);
        g->genotype_id = -1;
        g->sex = RL_SEX_UNKNOWN;
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        goto db_error;
    }
    prior->n_groups = p->n_groups;
    prior->n_phases = pr->n_phases;
    sqlite3_finalize(st);
    return 0;
db_error:
    ret = rl_error_set(err, RL_ERR_DB, path, 0, 0, "reading the protocol tables: %s",
        sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return ret;
}

static int
read_subjects(sqlite3 *db, const char *path, rl_store_prior_t *prior, rl_error_t *err)
{
    static const char sql[] =
        "SELECT subject_id, name, group_id, (SELECT COUNT(*) FROM sessions s"
        " WHERE s.subject_id = sub.subject_id) FROM subjects sub ORDER BY subject_id";
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    int rc, ret = 0;

    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        ret = rl_error_set(err, RL_ERR_DB, path, 0, 0, "reading the subjects: %s",
            sqlite3_errmsg(db));
        goto out;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        rl_prior_subject_t *s;
        if (sqlite3_column_int(st, 0) != prior->n_subjects) {
            ret = rl_error_set(err, RL_ERR_INVALID, path, 0, 0, "subject ids are not "
                "0, 1, 2, ...: not a database written by import-medpc");
            goto out;
        }
        if (rl_grow(&prior->subjects, &cap, (size_t) prior->n_subjects + 1) != 0) {
            ret = rl_error_set(err, RL_ERR_NOMEM, path, 0, 0, "out of memory");
            goto out;
        }
        s = &prior->subjects[prior->n_subjects];
        memset(s, 0, sizeof *s);
        prior->n_subjects++;
        if ((s->name = col_dup(st, 1)) == NULL) {
            ret = rl_error_set(err, RL_ERR_NOMEM, path, 0, 0, "out of memory");
            goto out;
        }
        s->group = sqlite3_column_int(st, 2);
        s->n_sessions = sqlite3_column_int(st, 3);
    }
    if (rc != SQLITE_DONE) {
        ret = rl_error_set(err, RL_ERR_DB, path, 0, 0, "reading the subjects: %s",
            sqlite3_errmsg(db));
    }
out:
    sqlite3_finalize(st);
    return ret;
}

static int
read_sessions(sqlite3 *db, const char *path, rl_store_prior_t *prior, rl_error_t *err)
{
    static const char sql[] =
        "SELECT i.session_id, i.subject, i.start_time, i.box, i.program, f.path, i.line"
        " FROM import_sessions i LEFT JOIN import_files f USING (file_id)"
        " ORDER BY i.session_id";
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    int rc, ret = 0;

    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        ret = rl_error_set(err, RL_ERR_DB, path, 0, 0, "reading the imported sessions: %s",
            sqlite3_errmsg(db));
        goto out;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        rl_prior_session_t *s;
        if (rl_grow(&prior->sessions, &cap, prior->n_sessions + 1) != 0) {
            ret = rl_error_set(err, RL_ERR_NOMEM, path, 0, 0, "out of memory");
            goto out;
        }
        s = &prior->sessions[prior->n_sessions++];
        memset(s, 0, sizeof *s);
        s->session_id = sqlite3_column_int64(st, 0);
        s->line = (long) sqlite3_column_int64(st, 6);
        if ((s->subject = col_dup(st, 1)) == NULL || (s->start_time = col_dup(st, 2)) == NULL
            || (s->box = col_dup(st, 3)) == NULL || (s->program = col_dup(st, 4)) == NULL
            || (s->path = col_dup(st, 5)) == NULL) {
            ret = rl_error_set(err, RL_ERR_NOMEM, path, 0, 0, "out of memory");
            goto out;
        }
    }
    if (rc != SQLITE_DONE) {
        ret = rl_error_set(err, RL_ERR_DB, path, 0, 0, "reading the imported sessions: %s",
            sqlite3_errmsg(db));
    }
out:
    sqlite3_finalize(st);
    return ret;
}

int
rl_store_prior_read(const char *path, rl_protocol_t *proto, rl_store_prior_t *prior,
    rl_error_t *err)
{
    sqlite3 *db = NULL;
    int ret;

    memset(prior, 0, sizeof *prior);
    if ((ret = rl_db_open_checked(path, &db, err)) == 0
        && (ret = read_run(db, path, prior, err)) == 0
        && (ret = read_protocol(db, path, proto, prior, err)) == 0
        && (ret = read_subjects(db, path, prior, err)) == 0) {
        ret = read_sessions(db, path, prior, err);
    }
    sqlite3_close(db);
    return ret;
}

void
rl_store_prior_free(rl_store_prior_t *prior)
{
    size_t i;
    int k;
    if (prior == NULL) {
        return;
    }
    for (k = 0; k < prior->n_subjects; k++) {
        free(prior->subjects[k].name);
    }
    for (i = 0; i < prior->n_sessions; i++) {
        rl_prior_session_t *s = &prior->sessions[i];
        free(s->subject);
        free(s->start_time);
        free(s->box);
        free(s->program);
        free(s->path);
    }
    free(prior->subjects);
    free(prior->sessions);
    memset(prior, 0, sizeof *prior);
}

/* ---- writing ---- */

/* Copy the file at path into the store's temporary file (its descriptor stays open). */
static int
copy_into(rl_store_t *self, const char *path, rl_error_t *err)
{
    char buf[65536];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n = 0;
    int ret = 0;

    if (fd < 0) {
        return rl_error_set(err, RL_ERR_IO, path, 0, 0, "cannot read the database: %s",
            strerror(errno));
    }
    while (ret == 0 && (n = read(fd, buf, sizeof buf)) != 0) {
        size_t done = 0;
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            ret = rl_error_set(err, RL_ERR_IO, path, 0, 0, "cannot read the database: %s",
                strerror(errno));
            break;
        }
        while (done < (size_t) n) {
            ssize_t w = write(self->out.fd, buf + done, (size_t) n - done);
            if (w < 0 && errno == EINTR) {
                continue;
            }
            if (w <= 0) {
                ret = rl_error_set(err, RL_ERR_IO, path, 0, 0, "cannot copy the database to "
                    "%s: %s", self->out.tmp, w < 0 ? strerror(errno) : "short write");
                break;
            }
            done += (size_t) w;
        }
    }
    close(fd);
    return ret;
}

/* The groups and phases the batch adds, and every group's n. */
static int
write_additions(rl_store_t *self, const rl_protocol_t *p, const rl_store_prior_t *prior,
    rl_error_t *err)
{
    static const char group_n_sql[] = "UPDATE groups SET n = ? WHERE group_id = ?";
    static const char proc_sql[] = "UPDATE procedures SET n_phases = ? WHERE procedure_id = 0";
    sqlite3_stmt *st = NULL;
    rl_store_binder_t b;
    int g, ret;

    if ((ret = rl_store_write_phases_from(self, p, prior->n_phases, err)) != 0
        || (ret = rl_store_write_groups_from(self, p, prior->n_groups, err)) != 0
        || (ret = rl_store_prepare(self, group_n_sql, &st, err)) != 0) {
        goto out;
    }
    for (g = 0; g < prior->n_groups; g++) {
        rl_store_bind_begin(&b, st);
        rl_store_bind_int(&b, p->groups[g].n);
        rl_store_bind_int(&b, g);
        if (rl_store_bind_step(&b) != SQLITE_DONE) {
            ret = rl_store_db_error(self, err, "updating the groups table");
            goto out;
        }
    }
    sqlite3_finalize(st);
    st = NULL;
    if ((ret = rl_store_prepare(self, proc_sql, &st, err)) != 0) {
        goto out;
    }
    rl_store_bind_begin(&b, st);
    rl_store_bind_int(&b, p->procedures[0].n_phases);
    if (rl_store_bind_step(&b) != SQLITE_DONE) {
        ret = rl_store_db_error(self, err, "updating the procedures table");
    }
out:
    sqlite3_finalize(st);
    return ret;
}

/* The next session and file ids after those in the database. */
static int
next_ids(rl_store_t *self, rl_error_t *err)
{
    sqlite3_stmt *st = NULL;
    int ret = 0;
    if (sqlite3_prepare_v2(self->db, "SELECT (SELECT IFNULL(MAX(session_id), 0) FROM"
            " sessions), (SELECT IFNULL(MAX(file_id), 0) FROM import_files),"
            " (SELECT IFNULL(MAX(batch_id), 0) FROM import_batches)", -1, &st, NULL)
        != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
        ret = rl_store_db_error(self, err, "reading the last ids");
    } else {
        self->next_session_id = sqlite3_column_int64(st, 0) + 1;
        self->next_file_id = sqlite3_column_int64(st, 1) + 1;
        self->batch_id = sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    return ret;
}

/* The subjects already in the database are written (store.h's check before a session). */
static int
known_subjects(rl_store_t *self, const rl_store_prior_t *prior, rl_error_t *err)
{
    int k;
    size_t cap = (size_t) prior->n_subjects + 64;
    self->subject_procedure = rl_malloc(cap * sizeof *self->subject_procedure);
    if (self->subject_procedure == NULL) {
        self->failed = true;
        return rl_error_set(err, RL_ERR_NOMEM, self->final_path, 0, 0, "out of memory");
    }
    self->subject_cap = cap;
    for (k = 0; (size_t) k < cap; k++) {
        self->subject_procedure[k] = k < prior->n_subjects
            && prior->subjects[k].group >= 0 && prior->subjects[k].group < self->n_groups
            ? self->group_procedure[prior->subjects[k].group] : -1;
    }
    return 0;
}

int
rl_store_open_append(const char *final_path, const rl_protocol_t *protocol,
    const rl_store_prior_t *prior, const rl_run_info_t *run, const rl_temp_watch_t *watch,
    rl_store_t **out, rl_error_t *err)
{
    rl_store_t *self = NULL;
    int ret;

    *out = NULL;
    if ((ret = rl_store_check_protocol(protocol, final_path, err)) != 0) {
        return ret;
    }
    self = rl_calloc(1, sizeof *self);
    if (self == NULL || (self->final_path = rl_strdup(final_path)) == NULL) {
        ret = rl_error_set(err, RL_ERR_NOMEM, final_path, 0, 0, "out of memory");
        goto out;
    }
    self->append = true;
    if ((ret = rl_outfile_open(&self->out, final_path, watch, err)) != 0
        || (ret = copy_into(self, final_path, err)) != 0) {
        goto out;
    }
    if (sqlite3_open_v2(self->out.tmp, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
            NULL) != SQLITE_OK) {
        ret = rl_error_set(err, RL_ERR_IO, final_path, 0, 0, "cannot open %s: %s",
            self->out.tmp, self->db != NULL ? sqlite3_errmsg(self->db) : "out of memory");
        goto out;
    }
    if ((ret = rl_store_configure(self, err)) != 0) {
        goto out;
    }
    if (sqlite3_exec(self->db, "BEGIN; UPDATE run SET status = 'running' WHERE run_id = 1",
            NULL, NULL, NULL) != SQLITE_OK) {
        ret = rl_store_db_error(self, err, "starting the append");
        goto out;
    }
    if ((ret = next_ids(self, err)) != 0
        || (ret = write_additions(self, protocol, prior, err)) != 0
        || (ret = known_subjects(self, prior, err)) != 0
        || (ret = rl_store_prepare_inserts(self, err)) != 0
        || (ret = rl_store_write_batch(self, run, err)) != 0) {
        goto out;
    }
    *out = self;
    self = NULL;
out:
    if (self != NULL) {
        rl_store_destroy(self, true);
    }
    return ret;
}

int
rl_store_append_finish(rl_store_t *self, rl_error_t *err)
{
    static const char sql[] =
        "CREATE TEMP TABLE renumber (session_id INTEGER PRIMARY KEY, day INTEGER,"
        " in_phase INTEGER);\n"
        "INSERT INTO renumber SELECT session_id,"
        " ROW_NUMBER() OVER (PARTITION BY subject_id ORDER BY i.start_time IS NULL,"
        "   i.start_time, session_id) - 1,"
        " ROW_NUMBER() OVER (PARTITION BY subject_id, phase_index ORDER BY"
        "   i.start_time IS NULL, i.start_time, session_id) - 1"
        " FROM sessions s LEFT JOIN import_sessions i USING (session_id);\n"
        "UPDATE sessions SET day = -1 - day;\n"
        "UPDATE sessions SET day = (SELECT r.day FROM renumber r"
        "   WHERE r.session_id = sessions.session_id),"
        " session_in_phase = (SELECT r.in_phase FROM renumber r"
        "   WHERE r.session_id = sessions.session_id);\n"
        "DROP TABLE renumber;\n";
    if (sqlite3_exec(self->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
        return rl_store_db_error(self, err, "numbering the sessions by date");
    }
    return 0;
}
