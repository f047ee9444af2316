/* csv_write.c -- CSV fields and atomically written CSV files (see csv_write.h). The
** library never calls setlocale(), so printf uses '.' as the decimal point. */
#include "csv_write.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

/* The whole of s is a decimal number: [+-] digits [. digits] [e [+-] digits], with at
** least one digit before the exponent. */
static bool
plain_number(const char *s)
{
    int digits = 0;

    if (*s == '+' || *s == '-') {
        s++;
    }
    for (; isdigit((unsigned char) *s); s++) {
        digits++;
    }
    if (*s == '.') {
        for (s++; isdigit((unsigned char) *s); s++) {
            digits++;
        }
    }
    if (digits == 0) {
        return false;
    }
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-') {
            s++;
        }
        if (!isdigit((unsigned char) *s)) {
            return false;
        }
        while (isdigit((unsigned char) *s)) {
            s++;
        }
    }
    return *s == '\0';
}

/* A text a spreadsheet would read as a formula (OWASP's list of leading characters). */
static bool
formula_like(const char *s)
{
    return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL && !plain_number(s);
}

void
rl_csv_put_text(FILE *f, const char *s)
{
    const char *p;
    bool quote = strpbrk(s, ",\"\r\n") != NULL;

    if (quote) {
        fputc('"', f);
    }
    if (formula_like(s)) {
        fputc('\'', f);
    }
    if (!quote) {
        fputs(s, f);
        return;
    }
    for (p = s; *p != '\0'; p++) {
        if (*p == '"') {
            fputc('"', f);
        }
        fputc(*p, f);
    }
    fputc('"', f);
}

void
rl_csv_put_double(FILE *f, double v)
{
    char buf[40];
    int prec;

    for (prec = 15; prec < 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (strtod(buf, NULL) == v) {
            fputs(buf, f);
            return;
        }
    }
    fprintf(f, "%.17g", v);
}

int
rl_csv_make_dir(const char *dir, rl_error_t *err)
{
    struct stat sb;

    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        return rl_error_set(err, RL_ERR_IO, dir, 0, 0, "cannot create directory: %s",
            strerror(errno));
    }
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        return rl_error_set(err, RL_ERR_IO, dir, 0, 0, "not a directory");
    }
    return 0;
}

int
rl_csv_file_open(rl_csv_file_t *cf, const char *path, rl_error_t *err)
{
    int ret;

    memset(cf, 0, sizeof *cf);
    if ((ret = rl_outfile_open(&cf->o, path, NULL, err)) != 0) {
        return ret;
    }
    if ((cf->f = rl_outfile_stream(&cf->o, err)) == NULL) {
        rl_outfile_abort(&cf->o);
        return RL_ERR_NOMEM;
    }
    return 0;
}

int
rl_csv_file_commit(rl_csv_file_t *cf, rl_error_t *err)
{
    cf->f = NULL;
    return rl_outfile_commit(&cf->o, err);
}
