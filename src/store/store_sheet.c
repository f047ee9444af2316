/* store_sheet.c -- a subject sheet applied to a database of imported data
** (relapselab/subject_sheet.h; the sheet is read by src/cohort/subject_sheet.c).
**
** Design. One function, apply(), works on an open SQLite handle inside the caller's
** transaction, so the importer applies a sheet to its temporary database just before the
** commit (rl_store_apply_subject_sheet) and `annotate` applies it to a copy of an existing
** database (rl_subject_sheet_annotate: copy through core/outfile.h, change, rename). It
** joins sheet rows to subjects by name, sets the subjects' sheet columns (COALESCE: an
** empty cell keeps the old value), computes each subject's group (the sheet's, else its
** current one), rebuilds the groups table in order -- groups that keep members first, in
** their old order, then new ones in subject order; ids 0..n-1 as the readers require --
** and derives each group's sex, genotype and background from its subjects (their common
** value, NULL when they differ or one lacks it). Sessions do not
** store their group (the sessions_tidy view joins it), so nothing else changes.
*/
#include "relapselab/subject_sheet.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "relapselab/protocol.h"
#include "db_check.h"
#include "store_internal.h"
#include "core/alloc.h"

typedef struct sheet_subject {
    int64_t id;
    int old_group, new_group;
    int row;                   /* index in sheet->rows, -1 = not on the sheet */
    char *name;
} sheet_subject_t;

typedef struct applier {
    sqlite3 *db;
    const char *db_name;       /* for messages */
    const rl_subject_sheet_t *sheet;
    rl_sheet_report_fn report;
    void *ctx;
    sheet_subject_t *subj;
    size_t n_subj, cap_subj;
    char old_names[RL_MAX_GROUPS][RL_NAME_MAX];
    int n_old;
    const char *new_names[RL_MAX_GROUPS];   /* borrowed: old_names or sheet cells */
    int template_of[RL_MAX_GROUPS];         /* old group the new one copies */
    int kept[RL_MAX_GROUPS];                /* 1 = an old group that keeps its name */
    int n_new;
    rl_sheet_result_t res;
} applier_t;

static int
db_fail(applier_t *a, rl_error_t *err, const char *what)
{
    return rl_error_set(err, RL_ERR_DB, a->db_name, 0, 0, "%s: %s", what,
        sqlite3_errmsg(a->db));
}

static void
say(applier_t *a, long line, const char *severity, const char *fmt, const char *name)
{
    char msg[512];
    if (a->report == NULL) {
        return;
    }
    snprintf(msg, sizeof msg, fmt, name);
    a->report(a->ctx, a->sheet->path, line, severity, msg);
}

/* run.source must be 'import'; the groups (ids 0..n-1) and subjects into a. */
static int
load(applier_t *a, rl_error_t *err)
{
    sqlite3_stmt *st = NULL;
    int rc, ret = 0;
    if (sqlite3_prepare_v2(a->db, "SELECT source FROM run WHERE run_id = 1", -1, &st, NULL)
        != SQLITE_OK) {
        return db_fail(a, err, "run");
    }
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW || sqlite3_column_text(st, 0) == NULL
        || strcmp((const char *) sqlite3_column_text(st, 0), "import") != 0) {
        ret = rl_error_set(err, RL_ERR_INVALID, a->db_name, 0, 0, "holds a simulation, not "
            "imported chamber data: a subject sheet joins lab subject IDs (import-medpc)");
    }
    sqlite3_finalize(st);
    if (ret != 0) {
        return ret;
    }
    if (sqlite3_prepare_v2(a->db, "SELECT group_id, name FROM groups ORDER BY group_id", -1,
            &st, NULL) != SQLITE_OK) {
        return db_fail(a, err, "groups");
    }
    while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_int64(st, 0) != a->n_old || a->n_old == RL_MAX_GROUPS) {
            ret = rl_error_set(err, RL_ERR_INVALID, a->db_name, 0, 0, "groups: group_id %lld "
                "out of order", (long long) sqlite3_column_int64(st, 0));
            break;
        }
        snprintf(a->old_names[a->n_old++], RL_NAME_MAX, "%s",
            (const char *) sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    if (ret != 0 || rc != SQLITE_DONE) {
        return ret != 0 ? ret : db_fail(a, err, "groups");
    }
    if (sqlite3_prepare_v2(a->db, "SELECT subject_id, group_id, name FROM subjects ORDER BY "
            "subject_id", -1, &st, NULL) != SQLITE_OK) {
        return db_fail(a, err, "subjects");
    }
    while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        sheet_subject_t *s;
        const char *name = (const char *) sqlite3_column_text(st, 2);
        int g = sqlite3_column_int(st, 1);
        if (rl_grow(&a->subj, &a->cap_subj, a->n_subj + 1) != 0
            || (name != NULL && (name = rl_strdup(name)) == NULL)) {
            ret = rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        s = &a->subj[a->n_subj++];
        s->id = sqlite3_column_int64(st, 0);
        s->old_group = g >= 0 && g < a->n_old ? g : 0;
        s->new_group = -1;
        s->row = -1;
        s->name = (char *) name;
    }
    sqlite3_finalize(st);
    return ret != 0 ? ret : rc != SQLITE_DONE ? db_fail(a, err, "subjects") : 0;
}

/* Join the rows to the subjects, report both kinds of strays, set the subjects' columns. */
static int
join(applier_t *a, rl_error_t *err)
{
    static const char sql[] =
        "UPDATE subjects SET sex = coalesce(?, sex), genotype = coalesce(?, genotype),"
        " background = coalesce(?, background), treatment = coalesce(?, treatment),"
        " dose = coalesce(?, dose), notes = coalesce(?, notes) WHERE subject_id = ?";
    const rl_subject_sheet_t *sh = a->sheet;
    sqlite3_stmt *st = NULL;
    size_t r, i;
    int c, ret = 0;

    if (sqlite3_prepare_v2(a->db, sql, -1, &st, NULL) != SQLITE_OK) {
        return db_fail(a, err, "subjects");
    }
    for (r = 0; r < sh->n_rows && ret == 0; r++) {
        const char *name = sh->rows[r].value[RL_SHEET_SUBJECT];
        for (i = 0; i < a->n_subj; i++) {
            if (a->subj[i].name != NULL && strcmp(a->subj[i].name, name) == 0) {
                break;
            }
        }
        if (i == a->n_subj) {
            a->res.not_in_data++;
            say(a, sh->rows[r].line, "warning", "subject '%.100s' is on the sheet but has no "
                "session in the data", name);
            continue;
        }
        a->res.matched++;
        a->subj[i].row = (int) r;
        sqlite3_reset(st);
        for (c = RL_SHEET_SEX; c < RL_SHEET_NCOLS; c++) {
            if (c != RL_SHEET_GROUP) {
                const char *v = sh->rows[r].value[c];
                int k = c < RL_SHEET_GROUP ? c : c - 1;  /* parameter 1..6 */
                if (v != NULL) {
                    sqlite3_bind_text(st, k, v, -1, SQLITE_STATIC);
                } else {
                    sqlite3_bind_null(st, k);
                }
            }
        }
        sqlite3_bind_int64(st, 7, a->subj[i].id);
        if (sqlite3_step(st) != SQLITE_DONE) {
            ret = db_fail(a, err, "subjects");
        }
    }
    sqlite3_finalize(st);
    for (i = 0; i < a->n_subj && ret == 0; i++) {
        if (a->subj[i].row < 0) {
            a->res.not_on_sheet++;
            say(a, 0, "warning", "subject '%.100s' is in the data but not on the sheet",
                a->subj[i].name != NULL ? a->subj[i].name : "(unnamed)");
        }
    }
    return ret;
}

/* Each subject's new group; the new groups in order. */
static int
regroup(applier_t *a, rl_error_t *err)
{
    size_t i;
    int g;
    for (i = 0; i < a->n_subj; i++) {
        const sheet_subject_t *s = &a->subj[i];
        const char *v = s->row >= 0 ? a->sheet->rows[s->row].value[RL_SHEET_GROUP] : NULL;
        if (v != NULL && strlen(v) >= RL_NAME_MAX) {
            return rl_error_set(err, RL_ERR_INVALID, a->sheet->path,
                a->sheet->rows[s->row].line, 0, "group name longer than %d bytes",
                RL_NAME_MAX - 1);
        }
        a->res.moved += v != NULL && strcmp(v, a->old_names[s->old_group]) != 0;
    }
    /* pass 1: old groups that keep at least one member, in their order */
    for (g = 0; g < a->n_old; g++) {
        for (i = 0; i < a->n_subj; i++) {
            const sheet_subject_t *s = &a->subj[i];
            const char *v = s->row >= 0 ? a->sheet->rows[s->row].value[RL_SHEET_GROUP] : NULL;
            if (strcmp(v != NULL ? v : a->old_names[s->old_group], a->old_names[g]) == 0) {
                break;
            }
        }
        if (i < a->n_subj) {
            a->new_names[a->n_new] = a->old_names[g];
            a->template_of[a->n_new] = g;
            a->kept[a->n_new++] = 1;
        }
    }
    /* pass 2: every subject to its group, new names added in subject order */
    for (i = 0; i < a->n_subj; i++) {
        sheet_subject_t *s = &a->subj[i];
        const char *v = s->row >= 0 ? a->sheet->rows[s->row].value[RL_SHEET_GROUP] : NULL;
        if (v == NULL) {
            v = a->old_names[s->old_group];
        }
        for (g = 0; g < a->n_new && strcmp(a->new_names[g], v) != 0; g++) {
        }
        if (g == a->n_new) {
            if (a->n_new == RL_MAX_GROUPS) {
                return rl_error_set(err, RL_ERR_INVALID, a->sheet->path,
                    a->sheet->rows[s->row].line, 0, "the sheet makes more than %d groups",
                    RL_MAX_GROUPS);
            }
            a->new_names[a->n_new] = v;
            a->template_of[a->n_new] = s->old_group;
            a->kept[a->n_new++] = 0;
        }
        s->new_group = g;
    }
    a->res.groups = a->n_new;
    return 0;
}

static const char write_groups_sql[] =
    "CREATE TEMP TABLE sheet_old_groups AS SELECT * FROM main.groups;\n"
    "DELETE FROM main.groups;\n"
    "UPDATE main.subjects SET index_in_group = -1 - subject_id;\n";
static const char insert_group_sql[] =
    "INSERT INTO main.groups (group_id, name, line, genotype, sex, n, reinforcer_id,"
    " reinforcer, procedure_id, procedure, background)"
    " SELECT ?1, ?2, CASE WHEN ?3 THEN line END, CASE WHEN ?3 THEN genotype END,"
    " CASE WHEN ?3 THEN sex END, 0, reinforcer_id, reinforcer, procedure_id, procedure,"
    " CASE WHEN ?3 THEN background END FROM temp.sheet_old_groups WHERE group_id = ?4";
static const char move_subject_sql[] =
    "UPDATE main.subjects SET group_id = ?, index_in_group = ? WHERE subject_id = ?";
/* A group's n, and its sex, genotype and background: its subjects' common value when every
** one has it and they agree, else NULL (an imported group has none of its own). */
static const char finish_groups_sql[] =
    "DROP TABLE temp.sheet_old_groups;\n"
    "UPDATE main.groups SET"
    " n = (SELECT count(*) FROM main.subjects s WHERE s.group_id = groups.group_id),"
    " sex = (SELECT CASE WHEN count(s.sex) = count(*) AND count(DISTINCT s.sex) = 1"
    "   THEN min(s.sex) END FROM main.subjects s WHERE s.group_id = groups.group_id),"
    " genotype = (SELECT CASE WHEN count(s.genotype) = count(*)"
    "   AND count(DISTINCT s.genotype) = 1 THEN min(s.genotype) END"
    "   FROM main.subjects s WHERE s.group_id = groups.group_id),"
    " background = (SELECT CASE WHEN count(s.background) = count(*)"
    "   AND count(DISTINCT s.background) = 1 THEN min(s.background) END"
    "   FROM main.subjects s WHERE s.group_id = groups.group_id);\n";

/* Rebuild the groups table and move the subjects. */
static int
write_groups(applier_t *a, rl_error_t *err)
{
    sqlite3_stmt *ins = NULL, *mv = NULL;
    int g, ret = 0;
    size_t i;
    int *index = rl_calloc((size_t) a->n_new + 1, sizeof *index);

    if (index == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    if (sqlite3_exec(a->db, write_groups_sql, NULL, NULL, NULL) != SQLITE_OK
        || sqlite3_prepare_v2(a->db, insert_group_sql, -1, &ins, NULL) != SQLITE_OK
        || sqlite3_prepare_v2(a->db, move_subject_sql, -1, &mv, NULL) != SQLITE_OK) {
        ret = db_fail(a, err, "groups");
    }
    for (g = 0; g < a->n_new && ret == 0; g++) {
        sqlite3_reset(ins);
        sqlite3_bind_int(ins, 1, g);
        sqlite3_bind_text(ins, 2, a->new_names[g], -1, SQLITE_STATIC);
        sqlite3_bind_int(ins, 3, a->kept[g]);
        sqlite3_bind_int(ins, 4, a->template_of[g]);
        if (sqlite3_step(ins) != SQLITE_DONE || sqlite3_changes(a->db) != 1) {
            ret = db_fail(a, err, "groups");
        }
    }
    for (i = 0; i < a->n_subj && ret == 0; i++) {
        sqlite3_reset(mv);
        sqlite3_bind_int(mv, 1, a->subj[i].new_group);
        sqlite3_bind_int(mv, 2, index[a->subj[i].new_group]++);
        sqlite3_bind_int64(mv, 3, a->subj[i].id);
        if (sqlite3_step(mv) != SQLITE_DONE) {
            ret = db_fail(a, err, "subjects");
        }
    }
    sqlite3_finalize(ins);
    sqlite3_finalize(mv);
    free(index);
    if (ret == 0 && sqlite3_exec(a->db, finish_groups_sql, NULL, NULL, NULL) != SQLITE_OK) {
        ret = db_fail(a, err, "groups");
    }
    return ret;
}

/* The whole change, on db inside the caller's transaction. */
static int
apply(sqlite3 *db, const char *db_name, const rl_subject_sheet_t *sheet,
    rl_sheet_report_fn report, void *ctx, rl_sheet_result_t *result, rl_error_t *err)
{
    applier_t *a = rl_calloc(1, sizeof *a);
    size_t i;
    int ret;
    if (a == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    a->db = db;
    a->db_name = db_name;
    a->sheet = sheet;
    a->report = report;
    a->ctx = ctx;
    if ((ret = load(a, err)) == 0 && (ret = join(a, err)) == 0
        && (ret = regroup(a, err)) == 0) {
        ret = write_groups(a, err);
    }
    if (ret == 0 && result != NULL) {
        *result = a->res;
    }
    for (i = 0; i < a->n_subj; i++) {
        free(a->subj[i].name);
    }
    free(a->subj);
    free(a);
    return ret;
}

int
rl_store_apply_subject_sheet(rl_store_t *self, const rl_subject_sheet_t *sheet,
    rl_sheet_report_fn report, void *report_ctx, rl_sheet_result_t *result, rl_error_t *err)
{
    int ret;
    if (self->failed) {
        return rl_error_set(err, RL_ERR_DB, self->final_path, 0, 0,
            "an earlier write failed");
    }
    if ((ret = apply(self->db, self->final_path, sheet, report, report_ctx, result, err))
        != 0) {
        self->failed = true;
    }
    return ret;
}

/* Copy the file at from into o's temporary file (already open on o->fd). */
static int
copy_into(const char *from, rl_outfile_t *o, rl_error_t *err)
{
    char buf[65536];
    int fd = open(from, O_RDONLY | O_CLOEXEC);
    ssize_t n;
    if (fd < 0) {
        return rl_error_set(err, RL_ERR_IO, from, 0, 0, "cannot read: %s", strerror(errno));
    }
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        ssize_t off = 0;
        while (off < n) {
            ssize_t w = write(o->fd, buf + off, (size_t) (n - off));
            if (w < 0) {
                int e = errno;
                close(fd);
                return rl_error_set(err, RL_ERR_IO, from, 0, 0, "cannot copy: %s",
                    strerror(e));
            }
            off += w;
        }
    }
    close(fd);
    return n < 0 ? rl_error_set(err, RL_ERR_IO, from, 0, 0, "cannot read: %s",
        strerror(errno)) : 0;
}

int
rl_subject_sheet_annotate(const char *db_path, const rl_subject_sheet_t *sheet,
    rl_sheet_report_fn report, void *report_ctx, const rl_temp_watch_t *watch,
    rl_sheet_result_t *result, rl_error_t *err)
{
    rl_outfile_t o;
    sqlite3 *db = NULL;
    int ret;

    memset(&o, 0, sizeof o);
    if ((ret = rl_db_open_checked(db_path, &db, err)) != 0) {
        return ret;     /* not a complete database of this schema: nothing written */
    }
    sqlite3_close(db);
    db = NULL;
    if ((ret = rl_outfile_open(&o, db_path, watch, err)) != 0) {
        return ret;
    }
    if ((ret = copy_into(db_path, &o, err)) != 0 || (ret = rl_outfile_close(&o, err)) != 0) {
        rl_outfile_abort(&o);
        return ret;
    }
    if (sqlite3_open_v2(o.tmp, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL)
        != SQLITE_OK
        || sqlite3_exec(db, "PRAGMA journal_mode = MEMORY; BEGIN", NULL, NULL, NULL)
        != SQLITE_OK) {
        ret = rl_error_set(err, RL_ERR_DB, db_path, 0, 0, "cannot open a copy: %s",
            db != NULL ? sqlite3_errmsg(db) : "out of memory");
    } else if ((ret = apply(db, db_path, sheet, report, report_ctx, result, err)) == 0
        && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        ret = rl_error_set(err, RL_ERR_DB, db_path, 0, 0, "commit: %s", sqlite3_errmsg(db));
    }
    if (sqlite3_close(db) != SQLITE_OK && ret == 0) {
        ret = rl_error_set(err, RL_ERR_DB, db_path, 0, 0, "close: %s", sqlite3_errmsg(db));
    }
    if (ret != 0) {
        rl_outfile_abort(&o);
        return ret;
    }
    return rl_outfile_commit(&o, err);
}
