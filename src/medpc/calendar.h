/* calendar.h -- civil dates <-> day numbers, for MED-PC header dates (internal to src/medpc).
**
** Proleptic Gregorian calendar, no time zones (MED-PC writes local wall-clock times).
** Algorithms of H. Hinnant, "chrono-Compatible Low-Level Date Algorithms". */
#ifndef RL_MEDPC_CALENDAR_H
#define RL_MEDPC_CALENDAR_H

/* Days from 1970-01-01 to year-month-day (month 1..12, day 1..31). */
long rl_days_from_civil(int year, int month, int day);

/* The date of day number z (days from 1970-01-01). */
void rl_civil_from_days(long z, int *year, int *month, int *day);

#endif
