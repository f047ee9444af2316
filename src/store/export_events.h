/* export_events.h -- events.csv of the database export (internal; export_csv.c). */
#ifndef RL_STORE_EXPORT_EVENTS_H
#define RL_STORE_EXPORT_EVENTS_H

#include <stdio.h>

#include <sqlite3.h>

/* Write events.csv of db to f: the header, then one line per event in (session_id, seq)
** order with the columns session_id, subject_id, phase_name, seq, t_s, kind, in_timeout,
** code -- what SELECT ... FROM events JOIN sessions gives, formatted as every other table
** (csv_write.h). Returns SQLITE_DONE, or the SQLite code of the failure (SQLITE_NOMEM,
** SQLITE_CORRUPT for packed columns that disagree or an unknown kind id). */
int rl_export_events_csv(sqlite3 *db, FILE *f);

#endif
