/* store_params.c -- the individual parameters of each mouse, one packed row per mouse, and
** the `subject_params` view (see store_params.h).
**
** Why packed: schema 7 wrote one row per mouse and parameter (~70 per simulated mouse);
** those rows cost the writer about a third of its instructions in the seed study, more than
** a mouse's packed events. One row per mouse is one INSERT.
**
** The name list of a simulation is the same for every mouse (the parameter table), so it
** is numbered and sorted once: a mouse whose names equal the last mouse's reuses the ids
** and order (a strcmp per name). The values are written in the names' byte order, so the
** view lists a mouse's parameters in the order of schema 7's primary key (subject_id, name).
**
** The view decodes the values with DOUBLE_AT (sql_f64.h): bit for bit, NaN as NULL.
*/
#include "store_params.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "event_pack.h"
#include "sql_f64.h"

#define MAX_PARAM_IDS 65535

const char rl_param_schema_sql[] =
    "CREATE TABLE subject_param_names (\n"
    "  param_id INTEGER PRIMARY KEY CHECK (param_id BETWEEN 0 AND 65535),\n"
    "  name TEXT NOT NULL UNIQUE);\n"
    "CREATE TABLE subject_param_values (\n"
    "  subject_id INTEGER PRIMARY KEY REFERENCES subjects (subject_id),\n"
    "  param_ids BLOB NOT NULL, vals BLOB NOT NULL,\n"
    "  CHECK (length(vals) = 4 * length(param_ids) AND length(param_ids) % 2 = 0));\n"
    "CREATE VIEW subject_params AS\n"
    "SELECT subject_id, (SELECT name FROM subject_param_names WHERE param_id = pid) AS name,\n"
    "  " DOUBLE_AT("vb") " AS value\n"
    "FROM (SELECT sp.subject_id AS subject_id, j.key AS seq, sp.vals AS vb,\n"
    "        " BYTES " AS z,\n"
    "        (instr(" BYTES ", substr(sp.param_ids, 2 * j.key + 1, 1)) - 1) * 256\n"
    "        + instr(" BYTES ", substr(sp.param_ids, 2 * j.key + 2, 1)) - 1 AS pid\n"
    "      FROM subject_param_values sp, json_each('[' || rtrim(replace(hex(zeroblob(\n"
    "        length(sp.param_ids) / 2)), '00', '0,'), ',') || ']') j);\n";

static void
clear_names(rl_param_pack_t *pk)
{
    size_t i;
    for (i = 0; i < pk->n; i++) {
        free(pk->names[i]);
    }
    free(pk->names);
    free(pk->order);
    free(pk->ids);
    free(pk->vals);
    pk->names = NULL;
    pk->order = NULL;
    pk->ids = NULL;
    pk->vals = NULL;
    pk->n = 0;
}

void
rl_param_pack_free(rl_param_pack_t *pk)
{
    clear_names(pk);
}

/* Whether params carry the names of the last list, in the same order. */
static int
same_names(const rl_param_pack_t *pk, const rl_named_value_t *params, size_t n)
{
    size_t i;
    if (n != pk->n) {
        return 0;
    }
    for (i = 0; i < n; i++) {
        if (params[i].name == NULL || strcmp(params[i].name, pk->names[i]) != 0) {
            return 0;
        }
    }
    return 1;
}

/* Insertion sort of order[] by name (byte order): n is ~70 and it runs once per list. */
static void
sort_order(rl_param_pack_t *pk)
{
    size_t i, j;
    for (i = 0; i < pk->n; i++) {
        pk->order[i] = i;
    }
    for (i = 1; i < pk->n; i++) {
        size_t o = pk->order[i];
        for (j = i; j > 0 && strcmp(pk->names[pk->order[j - 1]], pk->names[o]) > 0; j--) {
            pk->order[j] = pk->order[j - 1];
        }
        pk->order[j] = o;
    }
}

/* The param_id of name: inserted into subject_param_names if new. */
static int
name_id(sqlite3 *db, const char *path, const char *name, long *id, rl_error_t *err)
{
    static const char ins_sql[] = "INSERT OR IGNORE INTO subject_param_names (param_id, name)"
        " VALUES ((SELECT coalesce(max(param_id) + 1, 0) FROM subject_param_names), ?)";
    static const char sel_sql[] = "SELECT param_id FROM subject_param_names WHERE name = ?";
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, ins_sql, -1, &st, NULL);

    if (rc == SQLITE_OK) {
        rc = sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    }
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_DONE) {
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc == SQLITE_OK) {
        rc = sqlite3_prepare_v2(db, sel_sql, -1, &st, NULL);
    }
    if (rc == SQLITE_OK) {
        rc = sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    }
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        *id = (long) sqlite3_column_int64(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_NOMEM) {
        return rl_error_set(err, RL_ERR_NOMEM, path, 0, 0, "out of memory");
    }
    if (rc != SQLITE_OK) {
        return rl_error_set(err, RL_ERR_DB, path, 0, 0, "numbering the parameter name '%s': %s",
            name, sqlite3_errmsg(db));
    }
    if (*id < 0 || *id > MAX_PARAM_IDS) {
        return rl_error_set(err, RL_ERR_INVALID, path, 0, 0, "more than %d parameter names",
            MAX_PARAM_IDS + 1);
    }
    return 0;
}

/* Take the names of params as the current list: copy, sort, number. */
static int
set_names(rl_param_pack_t *pk, sqlite3 *db, const char *path, const rl_named_value_t *params,
    size_t n, rl_error_t *err)
{
    size_t i;
    int ret;

    clear_names(pk);
    if (n > MAX_PARAM_IDS) {
        return rl_error_set(err, RL_ERR_INVALID, path, 0, 0, "%zu parameters for one subject"
            " (at most %d)", n, MAX_PARAM_IDS);
    }
    pk->names = rl_calloc(n, sizeof *pk->names);
    pk->order = rl_malloc(n * sizeof *pk->order);
    pk->ids = rl_malloc(2 * n);
    pk->vals = rl_malloc(8 * n);
    if (pk->names == NULL || pk->order == NULL || pk->ids == NULL || pk->vals == NULL) {
        free(pk->names);
        pk->names = NULL;
        clear_names(pk);
        return rl_error_set(err, RL_ERR_NOMEM, path, 0, 0, "out of memory");
    }
    for (pk->n = 0; pk->n < n; pk->n++) {
        if (params[pk->n].name == NULL
            || (pk->names[pk->n] = rl_strdup(params[pk->n].name)) == NULL) {
            ret = params[pk->n].name == NULL
                ? rl_error_set(err, RL_ERR_INVALID, path, 0, 0, "a parameter without a name")
                : rl_error_set(err, RL_ERR_NOMEM, path, 0, 0, "out of memory");
            clear_names(pk);
            return ret;
        }
    }
    sort_order(pk);
    for (i = 0; i < n; i++) {
        long id = -1;
        const char *name = pk->names[pk->order[i]];
        if (i > 0 && strcmp(pk->names[pk->order[i - 1]], name) == 0) {
            ret = rl_error_set(err, RL_ERR_INVALID, path, 0, 0, "parameter '%s' given twice",
                name);
            clear_names(pk);
            return ret;
        }
        if ((ret = name_id(db, path, name, &id, err)) != 0) {
            clear_names(pk);
            return ret;
        }
        pk->ids[2 * i] = (unsigned char) (id >> 8);
        pk->ids[2 * i + 1] = (unsigned char) (id & 0xFF);
    }
    return 0;
}

int
rl_param_pack_write(rl_param_pack_t *pk, sqlite3 *db, sqlite3_stmt *ins, const char *path,
    int subject_id, const rl_named_value_t *params, size_t n, rl_error_t *err)
{
    size_t i;
    int rc, ret;

    if (n == 0) {
        return 0;
    }
    if (!same_names(pk, params, n) && (ret = set_names(pk, db, path, params, n, err)) != 0) {
        return ret;
    }
    for (i = 0; i < n; i++) {
        rl_pack_f64(pk->vals + 8 * i, params[pk->order[i]].value);
    }
    sqlite3_reset(ins);
    rc = sqlite3_bind_int(ins, 1, subject_id);
    if (rc == SQLITE_OK) {
        rc = sqlite3_bind_blob(ins, 2, pk->ids, (int) (2 * n), SQLITE_STATIC);
    }
    if (rc == SQLITE_OK) {
        rc = sqlite3_bind_blob(ins, 3, pk->vals, (int) (8 * n), SQLITE_STATIC);
    }
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(ins);
    }
    sqlite3_clear_bindings(ins);
    if (rc == SQLITE_DONE) {
        return 0;
    }
    if (rc == SQLITE_NOMEM) {
        return rl_error_set(err, RL_ERR_NOMEM, path, 0, 0, "out of memory");
    }
    return rl_error_set(err, RL_ERR_DB, path, 0, 0, "writing the parameters of subject %d: %s",
        subject_id, sqlite3_errmsg(db));
}
