/* testlib.h -- a minimal test harness: CHECK macros that count and report, no framework.
**
** Each test file lists its cases in a table and hands it to rl_test_main():
**
**     static const rl_test_case_t CASES[] = {
**         {"t_tests", t_tests, 0},
**         {"real_files", real_files, RL_TEST_SHARED},  -- reads ../shared
**     };
**     RL_TEST_MAIN(CASES)
**
** (or, with a fixture, main() fills an rl_test_suite_t and returns rl_test_main(...)).
** Command line of every test executable (run from the repository root):
**
**     build/test_stats                 every case
**     build/test_stats t_tests ...     only the cases named, in that order
**     build/test_stats --list          the names of the cases, one per line
**     build/test_medpc --no-shared     the cases that do not need ../shared (CTest: test_medpc)
**     build/test_medpc --shared        only those that do (CTest: test_medpc:shared)
**
** --list combines with --shared / --no-shared. Each case prints "PASS name", "FAIL name" or
** "SKIP name: why", then a summary. Exit status: 0 all run cases passed; 1 a case (or the
** fixture) failed; 77 none failed but some skipped (CTest's SKIP_RETURN_CODE: the entry
** shows as "Skipped", not as a pass); 2 usage error (an unknown case name or option, or
** nothing selected).
**
** Skips: only a case marked RL_TEST_SHARED may skip, and only because the data it reads is
** absent (rl_test_need_shared). A case not so marked that skips is counted as failed: the
** CTest entry that runs the other cases must never hide a skip. ../shared is the project's
** shared folder, relative to the repository root; RL_SHARED_DIR in the environment
** overrides it (e.g. from a git worktree, where ../shared does not resolve).
**
** Numeric checks state their tolerance; known answers state their provenance in a comment
** beside the expected value.
*/
#ifndef RL_TESTLIB_H
#define RL_TESTLIB_H

#include <stdbool.h>
#include <stddef.h>

#define RL_TEST_SHARED 1u /* the case reads data under ../shared (absent in CI) */

typedef struct rl_test_case {
    const char *name;
    void (*fn)(void);
    unsigned flags; /* 0 or RL_TEST_SHARED */
} rl_test_case_t;

typedef struct rl_test_suite {
    const rl_test_case_t *cases;
    size_t n_cases;
    /* Optional (NULL): run once before the first selected case and once after the last,
    ** not for --list or a usage error. false = the fixture failed: exit 1. */
    bool (*setup)(void);
    bool (*teardown)(void);
} rl_test_suite_t;

/* Parses the command line (above), runs the selected cases and prints the summary.
** Returns the exit status. */
int rl_test_main(int argc, char **argv, const rl_test_suite_t *suite);

#define RL_TEST_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* main() for a file without a fixture. */
#define RL_TEST_MAIN(cases)                                                     \
    int main(int argc, char **argv)                                             \
    {                                                                           \
        static const rl_test_suite_t suite = {cases, RL_TEST_COUNT(cases), NULL, NULL}; \
        return rl_test_main(argc, argv, &suite);                                \
    }

void rl_test_check(bool ok, const char *expr, const char *file, int line);
void rl_test_close(double got, double want, double abs_tol, double rel_tol,
    const char *expr, const char *file, int line);

/* The shared folder: $RL_SHARED_DIR, or "../shared" (relative to the repository root). */
const char *rl_test_shared_dir(void);

/* true when <shared folder>/<rel> is a directory; otherwise marks the running case skipped
** ("<path> not found") and returns false: the case then returns without checking. */
bool rl_test_need_shared(const char *rel);

/* Marks the running case skipped, with the reason printed on its SKIP line. */
void rl_test_skip(const char *why);

/* Creates a fresh directory /tmp/rl_test_<name>_XXXXXX into buf (n bytes) for a test's files;
** false (after printing why) if it cannot. */
bool rl_test_tmpdir(char *buf, size_t n, const char *name);

/* Removes the test directory dir, which the tests must have emptied; false (after printing
** "<dir>: not empty after the tests") if it cannot. */
bool rl_test_tmpdir_done(const char *dir);

/* Write text to path (replacing it); nothing happens if the file cannot be created (the
** checks that follow then fail). */
void rl_test_write_text(const char *path, const char *text);

/* Entries of folder dir whose name contains needle; -1 if dir cannot be read. */
int rl_test_count_names(const char *dir, const char *needle);

/* true if the file at path holds exactly text (files up to 8 KiB). */
bool rl_test_file_is(const char *path, const char *text);

#define CHECK(cond) rl_test_check((cond), #cond, __FILE__, __LINE__)
/* |got - want| <= abs_tol + rel_tol * |want| */
#define CHECK_CLOSE(got, want, abs_tol, rel_tol) \
    rl_test_close((got), (want), (abs_tol), (rel_tol), #got, __FILE__, __LINE__)

#endif
