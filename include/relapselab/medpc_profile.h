/* medpc_profile.h -- how to decode one MED-PC program's arrays into relapselab events.
**
** A MED-PC file records numbers, not their meaning: which array holds event codes, what
** each code means, the clock unit and how codes and times are packed are decided by the
** program (the MSN) that wrote it. A profile states those facts for one program family,
** in YAML (format and examples: docs/MEDPC.md, shipped profiles: profiles/). Parsing
** (medpc.h) and decoding (medpc_decode.h) stay separate; this is the bridge.
**
** Encodings of the event stream:
**   parallel          codes in one array, times in another (E(i) happened at T(i))
**   time_dot_code     one or more arrays of time.code values: integer part = time in clock
**                     units, fraction = code (read as its printed thousandths)
**   code_plus_time    code * scale + time (e.g. 10000 * code + seconds), zero = padding
**   timestamp_arrays  one array of times per kind of event
** Times are absolute from the session start, or (time_base: relative) since the previous
** entry.
*/
#ifndef RELAPSELAB_MEDPC_PROFILE_H
#define RELAPSELAB_MEDPC_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "relapselab/api.h"
#include "relapselab/error.h"
#include "relapselab/medpc.h"
#include "relapselab/protocol.h"

#define RL_PROFILE_MAX_MAP 128     /* code -> event entries */
#define RL_PROFILE_MAX_PATTERNS 16 /* program (MSN) patterns per list */
#define RL_PROFILE_MAX_ARRAYS 8    /* arrays of one encoding */
#define RL_PROFILE_MAX_CHECKS 16
#define RL_PROFILE_MAX_PHASES 16
#define RL_PROFILE_MAX_CODES 8     /* timeout start / end codes */
/* A time unit given as seconds per tick (time_unit, duration.unit): from a microsecond to
** an hour (MED-PC clocks tick from 1 ms to 1 s). */
#define RL_PROFILE_MIN_UNIT_S 1e-6
#define RL_PROFILE_MAX_UNIT_S 3600.0

/* The encodings above, with their names in a profile (an X-macro list, protocol.h). */
#define RL_MEDPC_ENCODINGS(X)                           \
    X(RL_ENC_PARALLEL, "parallel")                      \
    X(RL_ENC_TIME_DOT_CODE, "time_dot_code")            \
    X(RL_ENC_CODE_PLUS_TIME, "code_plus_time")          \
    X(RL_ENC_TIMESTAMP_ARRAYS, "timestamp_arrays")
typedef enum { RL_MEDPC_ENCODINGS(RL_X_ENUM_) } rl_medpc_encoding_t;

/* One code (or, for timestamp_arrays, one array) and the event it stands for. */
typedef struct rl_profile_map {
    double code;        /* the code as decoded (time_dot_code: the fraction, e.g. 0.3) */
    char array;         /* timestamp_arrays: the array letter; else 0 */
    int kind;           /* rl_event_kind_t */
    bool in_timeout;    /* pokes: always in a timeout (the program uses a separate code) */
    bool noncontingent; /* deliveries: made by the program without a response (profile
                        ** `noncontingent`), stored with in_timeout = 1: delivered, not earned */
    char label[48];     /* what the lab calls it, e.g. "left lever press" (may be "") */
    long line;          /* in the profile file */
} rl_profile_map_t;

/* A count the program keeps itself, to compare with the decoded events:
** count(kind) == var(index) (index -1 for a scalar). */
typedef struct rl_profile_check {
    int kind;
    char var;
    int index;
} rl_profile_check_t;

/* A rule that gives a session its phase from its program name (MSN). */
typedef struct rl_profile_phase {
    char name[RL_NAME_MAX];     /* phase name; "" = the program name itself */
    rl_phase_kind_t kind;
    int n_patterns;             /* 0 = matches any program (a default rule) */
    char patterns[RL_PROFILE_MAX_PATTERNS][64]; /* fnmatch() globs */
    rl_schedule_t schedule;     /* FR 1 unless stated */
    double session_min;         /* 0 = not stated */
    double timeout_s;
} rl_profile_phase_t;

/* The fields a profile's `match:` section can test (docs/MEDPC.md, "Choosing a profile"):
** the header fields File (its base name), Box, MSN, Experiment, Group and Subject, and
** filename, the base name of the file where it is now. X(id, key in the profile, header). */
#define RL_PROFILE_MATCH_FIELDS(X)                      \
    X(RL_MATCH_FILE, "file", "File")                    \
    X(RL_MATCH_BOX, "box", "Box")                       \
    X(RL_MATCH_MSN, "msn", "MSN")                       \
    X(RL_MATCH_EXPERIMENT, "experiment", "Experiment")  \
    X(RL_MATCH_GROUP, "group", "Group")                 \
    X(RL_MATCH_SUBJECT, "subject", "Subject")           \
    X(RL_MATCH_FILENAME, "filename", NULL)
#define RL_MATCH_ENUM_(id, key, header) id,
typedef enum { RL_PROFILE_MATCH_FIELDS(RL_MATCH_ENUM_) RL_MATCH_COUNT } rl_profile_match_field_t;
#undef RL_MATCH_ENUM_
#define RL_PROFILE_MAX_MATCH 8     /* globs per match field */

/* A profile's match rules: for each field with n[field] > 0, the session's value must
** match one of its globs (fnmatch); a session without the field does not match. */
typedef struct rl_profile_match {
    int n[RL_MATCH_COUNT];
    char globs[RL_MATCH_COUNT][RL_PROFILE_MAX_MATCH][64];
} rl_profile_match_t;

typedef struct rl_medpc_profile {
    char name[RL_NAME_MAX];
    char path[256];                 /* where it was loaded from */
    int n_programs;                 /* MSN globs this profile decodes; 0 = any program */
    char programs[RL_PROFILE_MAX_PATTERNS][64];
    int n_files;                    /* file-name globs; 0 = any file */
    char files[RL_PROFILE_MAX_PATTERNS][64];
    rl_medpc_encoding_t encoding;
    char codes_array, times_array;  /* parallel */
    int n_arrays;                   /* time_dot_code, code_plus_time */
    char arrays[RL_PROFILE_MAX_ARRAYS];
    double code_scale;              /* code_plus_time: e.g. 10000 */
    double time_unit_s;             /* seconds per clock unit */
    bool relative_times;            /* time_base: relative */
    bool skip_zero;                 /* entries that are all zeros (a packed 0, a time 0,
                                    ** code 0 at time 0 in parallel arrays) are padding
                                    ** (default: true for code_plus_time and
                                    ** time_dot_code, false for timestamp_arrays and
                                    ** parallel, where a 0 can be a real entry) */
    int n_map;
    rl_profile_map_t map[RL_PROFILE_MAX_MAP];
    /* in_timeout of pokes: open between a start and an end code, or set when a mark code
    ** has the same time stamp as the poke (the program's "press during timeout" codes) */
    int n_timeout_start, n_timeout_end, n_timeout_marks;
    double timeout_start[RL_PROFILE_MAX_CODES], timeout_end[RL_PROFILE_MAX_CODES];
    double timeout_marks[RL_PROFILE_MAX_CODES];
    char duration_var;              /* scalar holding the session length, 0 = none */
    char phase_var;                 /* scalar holding the phase kind (its index in
                                    ** RL_PHASE_KINDS, protocol.h), 0 = none: overrides the
                                    ** kind of the phase rules (docs/MEDPC.md) */
    char breakpoint_var;            /* scalar holding the last ratio completed in a
                                    ** progressive-ratio session (the breakpoint), 0 = none:
                                    ** then it is the phase's series at the step reached */
    double duration_unit_s;
    int n_checks;
    rl_profile_check_t checks[RL_PROFILE_MAX_CHECKS];
    rl_reinforcer_t reinforcer;     /* what the program delivers (dose may be 0 = unknown) */
    int n_phases;
    rl_profile_phase_t phases[RL_PROFILE_MAX_PHASES];
    rl_profile_match_t match;       /* the match: section (all n 0 = no rule) */
} rl_medpc_profile_t;

/* Load a profile from a YAML file. `name_or_path` is a path, or the name of a shipped
** profile looked up as <dir>/<name>.yaml for each dir of the colon-separated search path
** (NULL: the RELAPSELAB_PROFILES environment variable, then the profiles/ folder of the
** source tree and of the installation). Errors name the file, line and problem
** (RL_ERR_IO, RL_ERR_PARSE, RL_ERR_INVALID). */
RL_API int rl_medpc_profile_load(rl_medpc_profile_t *out, const char *name_or_path,
    const char *search_path, rl_error_t *err);

/* Parse profile YAML from a buffer (name labels messages). */
RL_API int rl_medpc_profile_parse(rl_medpc_profile_t *out, const char *text, size_t len,
    const char *name, rl_error_t *err);

/* true when the profile decodes a session of program msn recorded in a file whose name is
** file_header (the `File:` header, a Windows or POSIX path) or path (where it is now):
** the MSN must match one of the program patterns (if any), and the base name of either
** file name one of the file patterns (if any). NULL or "" never matches a pattern. */
RL_API bool rl_medpc_profile_matches(const rl_medpc_profile_t *p, const char *msn,
    const char *file_header, const char *path);

/* true when every rule of the profile's match: section holds for session s read from the
** file at path (may be NULL: then a filename rule does not hold). A profile without rules
** matches every session. */
RL_API bool rl_medpc_profile_match_rules(const rl_medpc_profile_t *p,
    const rl_medpc_session_t *s, const char *path);

/* The map entry for code (not timestamp arrays), or NULL. */
RL_API const rl_profile_map_t *rl_medpc_profile_find(const rl_medpc_profile_t *p, double code);

/* The phase rule for program msn: the first rule whose patterns match, else the first
** rule without patterns, else NULL. */
RL_API const rl_profile_phase_t *rl_medpc_profile_phase(const rl_medpc_profile_t *p,
    const char *msn);

#endif
