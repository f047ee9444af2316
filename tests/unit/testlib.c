/* testlib.c -- counters, PASS/FAIL/SKIP lines and the command line of testlib.h. Global
** state is fine here: this is test code, not the library.
*/
#include "testlib.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define EXIT_SKIP 77  /* CTest's SKIP_RETURN_CODE (cmake/tests.cmake) */
#define EXIT_USAGE 2

static int n_checks, n_failed, n_failed_outside, n_cases, n_cases_failed, n_cases_skipped;
static const rl_test_case_t *current; /* the running case, NULL outside cases */
static int case_failed, case_skipped;
static char skip_why[512];

static void
count_failure(void)
{
    n_failed++;
    if (current != NULL) {
        case_failed = 1;
    } else {
        n_failed_outside++;
    }
}

void
rl_test_check(bool ok, const char *expr, const char *file, int line)
{
    n_checks++;
    if (!ok) {
        count_failure();
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
        count_failure();
        fprintf(stderr, "%s:%d: %s = %.10g, expected %.10g (abs %.3g, rel %.3g)\n", file, line,
            expr, got, want, abs_tol, rel_tol);
    }
}

void
rl_test_skip(const char *why)
{
    case_skipped = 1;
    snprintf(skip_why, sizeof skip_why, "%s", why);
}

const char *
rl_test_shared_dir(void)
{
    const char *dir = getenv("RL_SHARED_DIR");
    return dir != NULL && dir[0] != '\0' ? dir : "../shared";
}

bool
rl_test_need_shared(const char *rel)
{
    char path[1024];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", rl_test_shared_dir(), rel);
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        case_skipped = 1;
        snprintf(skip_why, sizeof skip_why, "%s/%s not found", rl_test_shared_dir(), rel);
        return false;
    }
    return true;
}

static void
run_case(const rl_test_case_t *c)
{
    current = c;
    case_failed = case_skipped = 0;
    c->fn();
    current = NULL;
    n_cases++;
    if (!case_failed && case_skipped && !(c->flags & RL_TEST_SHARED)) {
        fprintf(stderr, "%s: skipped (%s) but not marked RL_TEST_SHARED: the CTest entry "
                        "that runs it would hide the skip\n", c->name, skip_why);
        case_failed = 1;
    }
    if (case_failed) {
        n_cases_failed++;
        printf("FAIL %s\n", c->name);
    } else if (case_skipped) {
        n_cases_skipped++;
        printf("SKIP %s: %s\n", c->name, skip_why);
    } else {
        printf("PASS %s\n", c->name);
    }
    fflush(stdout);
}

static int
summary(bool fixture_ok)
{
    printf("%d passed, %d failed", n_cases - n_cases_failed - n_cases_skipped, n_cases_failed);
    if (n_cases_skipped > 0) {
        printf(", %d skipped", n_cases_skipped);
    }
    printf("\n(%d checks, %d failed)\n", n_checks, n_failed);
    if (n_cases_failed > 0 || n_failed_outside > 0 || !fixture_ok) {
        return 1;
    }
    return n_cases_skipped > 0 ? EXIT_SKIP : 0;
}

/* Prints the usage (to stdout for --help, problem == NULL; else to stderr after the
** problem). */
static int
usage(const char *prog, const char *problem, const char *what)
{
    FILE *f = problem != NULL ? stderr : stdout;
    if (problem != NULL) {
        fprintf(f, "%s: %s%s%s\n", prog, problem, what != NULL ? " " : "",
            what != NULL ? what : "");
    }
    fprintf(f, "usage: %s [--list] [--shared | --no-shared] [CASE...]\n"
                    "  CASE...      run only these cases (--list names them)\n"
                    "  --shared     only the cases that read ../shared ($RL_SHARED_DIR)\n"
                    "  --no-shared  only the cases that do not\n"
                    "exit: 0 passed, 1 failed, 77 skipped (data absent), 2 usage\n",
        prog);
    return EXIT_USAGE;
}

static const rl_test_case_t *
find_case(const rl_test_suite_t *s, const char *name)
{
    size_t i;
    for (i = 0; i < s->n_cases; i++) {
        if (strcmp(s->cases[i].name, name) == 0) {
            return &s->cases[i];
        }
    }
    return NULL;
}

/* The cases to run, in order, into sel (room for max(argc, n_cases)); their count, -1
** after a usage message, -2 after --help. *list is set by --list. */
static int
select_cases(int argc, char **argv, const rl_test_suite_t *s, const rl_test_case_t **sel,
    bool *list)
{
    int i, n = 0, filter = 0; /* 0 all, 1 --shared, -1 --no-shared */
    bool named = false;
    size_t k;
    *list = false;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--list") == 0) {
            *list = true;
        } else if (strcmp(a, "--shared") == 0 || strcmp(a, "--no-shared") == 0) {
            filter = a[2] == 's' ? 1 : -1;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(argv[0], NULL, NULL);
            return -2;
        } else if (a[0] == '-') {
            return usage(argv[0], "unknown option", a), -1;
        } else if ((sel[n] = find_case(s, a)) == NULL) {
            fprintf(stderr, "%s: no case named '%s' (--list lists them)\n", argv[0], a);
            return -1;
        } else {
            n++;
            named = true;
        }
    }
    if (named && filter != 0) {
        return usage(argv[0], "case names and --shared/--no-shared do not combine", NULL), -1;
    }
    if (!named) {
        for (k = 0; k < s->n_cases; k++) {
            bool shared = (s->cases[k].flags & RL_TEST_SHARED) != 0;
            if (filter == 0 || (filter > 0) == shared) {
                sel[n++] = &s->cases[k];
            }
        }
    }
    if (n == 0) {
        fprintf(stderr, "%s: no case selected\n", argv[0]);
        return -1;
    }
    return n;
}

int
rl_test_main(int argc, char **argv, const rl_test_suite_t *suite)
{
    size_t room = suite->n_cases > (size_t) argc ? suite->n_cases : (size_t) argc;
    const rl_test_case_t **sel = malloc(room * sizeof *sel);
    bool list, fixture_ok = true;
    int n, i, ret;

    if (sel == NULL) {
        fprintf(stderr, "%s: out of memory\n", argv[0]);
        return 1;
    }
    n = select_cases(argc, argv, suite, sel, &list);
    if (n < 0) {
        free(sel);
        return n == -2 ? 0 : EXIT_USAGE;
    }
    if (list) {
        for (i = 0; i < n; i++) {
            printf("%s\n", sel[i]->name);
        }
        free(sel);
        return 0;
    }
    if (suite->setup != NULL && !suite->setup()) {
        fprintf(stderr, "%s: the test fixture could not be set up\n", argv[0]);
        free(sel);
        return 1;
    }
    for (i = 0; i < n; i++) {
        run_case(sel[i]);
    }
    if (suite->teardown != NULL && !suite->teardown()) {
        fprintf(stderr, "%s: the test fixture could not be torn down\n", argv[0]);
        fixture_ok = false;
    }
    ret = summary(fixture_ok);
    free(sel);
    return ret;
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

void
rl_test_write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (f != NULL) {
        fputs(text, f);
        fclose(f);
    }
}

bool
rl_test_file_is(const char *path, const char *text)
{
    static char buf[8192];
    size_t n;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return false;
    }
    n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    return n == strlen(text) && memcmp(buf, text, n) == 0;
}

int
rl_test_count_names(const char *dir, const char *needle)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    if (d == NULL) {
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        n += strstr(e->d_name, needle) != NULL;
    }
    closedir(d);
    return n;
}
