/* testlib.h -- a minimal test harness: CHECK macros that count and report, no framework.
**
** Each test executable calls rl_test_run("name", fn) per case and returns rl_test_summary().
** Numeric checks state their tolerance; known answers state their provenance in a comment
** beside the expected value.
*/
#ifndef RL_TESTLIB_H
#define RL_TESTLIB_H

#include <stdbool.h>
#include <stddef.h>

void rl_test_check(bool ok, const char *expr, const char *file, int line);
void rl_test_close(double got, double want, double abs_tol, double rel_tol,
    const char *expr, const char *file, int line);
void rl_test_run(const char *name, void (*fn)(void));
int rl_test_summary(void);

/* true when dir is a directory; otherwise prints "SKIP: <dir> not found" and returns false
** (tests on data that may be absent, e.g. ../shared/data/medpc in CI). */
bool rl_test_dir_present(const char *dir);

/* Creates a fresh directory /tmp/rl_test_<name>_XXXXXX into buf (n bytes) for a test's files;
** false (after printing why) if it cannot. */
bool rl_test_tmpdir(char *buf, size_t n, const char *name);

/* Removes the test directory dir, which the tests must have emptied; false (after printing
** "<dir>: not empty after the tests") if it cannot. */
bool rl_test_tmpdir_done(const char *dir);

#define CHECK(cond) rl_test_check((cond), #cond, __FILE__, __LINE__)
/* |got - want| <= abs_tol + rel_tol * |want| */
#define CHECK_CLOSE(got, want, abs_tol, rel_tol) \
    rl_test_close((got), (want), (abs_tol), (rel_tol), #got, __FILE__, __LINE__)

#endif
