/* db_check.c -- open a results database read-only and refuse what cannot be read (see
** db_check.h). Checks, in order: the file exists and opens; it is an SQLite database with
** relapselab's application_id; its schema is RL_STORE_SCHEMA_VERSION; its run completed.
*/
#include "db_check.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "relapselab/store.h"

/* PRAGMA application_id of relapselab databases ("RLAB", store_sqlite.c). */
#define RL_APPLICATION_ID 0x524C4142

/* The integer that the one-row PRAGMA pragma returns, in *value; -1 if it fails. */
static int
pragma_int(sqlite3 *db, const char *pragma, int *value)
{
    sqlite3_stmt *st = NULL;
    int ret = -1;

    if (sqlite3_prepare_v2(db, pragma, -1, &st, NULL) == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW) {
        *value = sqlite3_column_int(st, 0);
        ret = 0;
    }
    sqlite3_finalize(st);
    return ret;
}

/* RL_ERR_INVALID unless db is a relapselab database of our schema whose run completed. */
static int
check_complete(sqlite3 *db, const char *path, rl_error_t *err)
{
    sqlite3_stmt *st = NULL;
    int app_id = 0, version = 0, ret = 0;

    if (pragma_int(db, "PRAGMA application_id", &app_id) != 0) {
        return rl_error_set(err, RL_ERR_INVALID, path, 0, 0,
            "%s is not a relapselab database: %s", path, sqlite3_errmsg(db));
    }
    if (app_id != RL_APPLICATION_ID) {
        return rl_error_set(err, RL_ERR_INVALID, path, 0, 0,
            "%s is not a relapselab database (SQLite application_id %d)", path, app_id);
    }
    if (pragma_int(db, "PRAGMA user_version", &version) != 0) {
        return rl_error_set(err, RL_ERR_DB, path, 0, 0, "reading the schema version: %s",
            sqlite3_errmsg(db));
    }
    if (version != RL_STORE_SCHEMA_VERSION) {
        return rl_error_set(err, RL_ERR_INVALID, path, 0, 0,
            "database %s has schema version %d; this relapselab reads version %d (run the"
            " protocol, or import the chamber files, again to write one)", path, version,
            RL_STORE_SCHEMA_VERSION);
    }
    if (sqlite3_prepare_v2(db, "SELECT status FROM run WHERE run_id = 1", -1, &st, NULL)
        != SQLITE_OK) {
        ret = rl_error_set(err, RL_ERR_INVALID, path, 0, 0,
            "database %s is not a relapselab database: %s", path, sqlite3_errmsg(db));
        goto out;
    }
    if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_type(st, 0) != SQLITE_TEXT
        || strcmp((const char *) sqlite3_column_text(st, 0), "complete") != 0) {
        ret = rl_error_set(err, RL_ERR_INVALID, path, 0, 0,
            "database %s is incomplete (the run did not finish)", path);
    }
out:
    sqlite3_finalize(st);
    return ret;
}

int
rl_db_open_checked(const char *path, sqlite3 **out, rl_error_t *err)
{
    sqlite3 *db = NULL;
    struct stat sb;
    int ret;

    *out = NULL;
    if (stat(path, &sb) != 0) {
        return rl_error_set(err, RL_ERR_IO, path, 0, 0, "cannot open database: %s",
            strerror(errno));
    }
    if (S_ISDIR(sb.st_mode)) {
        return rl_error_set(err, RL_ERR_IO, path, 0, 0, "cannot open database: %s",
            strerror(EISDIR));
    }
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL)
        != SQLITE_OK) {
        ret = rl_error_set(err, RL_ERR_IO, path, 0, 0, "cannot open database: %s",
            db != NULL ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return ret;
    }
    if ((ret = check_complete(db, path, err)) != 0) {
        sqlite3_close(db);
        return ret;
    }
    *out = db;
    return 0;
}
