/* testlib.c -- counters and PASS/FAIL lines for testlib.h. Global state is fine here:
** this is test code, not the library. */
#include "testlib.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static int n_checks, n_failed, case_failed, n_cases, n_cases_failed;

void
rl_test_check(bool ok, const char *expr, const char *file, int line)
{
    n_checks++;
    if (!ok) {
        n_failed++;
        case_failed = 1;
        fprintf(stderr, "%s:%d: check failed: %s\n", file, line, expr);
    }
}

void
rl_test_close(double got, double want, double abs_tol, double rel_tol, const char *expr,
    const char *file, int line)
{
    bool ok = fabs(got - want) <= abs_tol + rel_tol * fabs(want);
    n_checks++;
    if (!ok) {
        n_failed++;
        case_failed = 1;
        fprintf(stderr, "%s:%d: %s = %.10g, expected %.10g (abs %.3g, rel %.3g)\n", file, line,
            expr, got, want, abs_tol, rel_tol);
    }
}

void
rl_test_run(const char *name, void (*fn)(void))
{
    case_failed = 0;
    fn();
    n_cases++;
    if (case_failed) {
        n_cases_failed++;
    }
    printf("%s %s\n", case_failed ? "FAIL" : "PASS", name);
}

int
rl_test_summary(void)
{
    printf("%d passed, %d failed\n", n_cases - n_cases_failed, n_cases_failed);
    printf("(%d checks, %d failed)\n", n_checks, n_failed);
    return n_cases_failed == 0 ? 0 : 1;
}

bool
rl_test_dir_present(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        printf("SKIP: %s not found\n", dir);
        return false;
    }
    return true;
}

bool
rl_test_tmpdir(char *buf, size_t n, const char *name)
{
    snprintf(buf, n, "/tmp/rl_test_%s_XXXXXX", name);
    if (mkdtemp(buf) == NULL) {
        perror("mkdtemp");
        return false;
    }
    return true;
}

bool
rl_test_tmpdir_done(const char *dir)
{
    if (rmdir(dir) != 0) {
        fprintf(stderr, "%s: not empty after the tests\n", dir);
        return false;
    }
    return true;
}
