/* csv_write.c -- CSV fields and atomically written CSV files (see csv_write.h). The
** library never calls setlocale(), so printf uses '.' as the decimal point. */
#include "csv_write.h"
#include "core/alloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

void
rl_csv_put_text(FILE *f, const char *s)
{
    const char *p;

    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
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

static void
release(rl_csv_file_t *cf)
{
    free(cf->path);
    free(cf->tmp);
    cf->path = cf->tmp = NULL;
    cf->f = NULL;
}

int
rl_csv_file_open(rl_csv_file_t *cf, const char *dir, const char *name, rl_error_t *err)
{
    size_t n = strlen(dir) + strlen(name) + 8;
    int ret;

    memset(cf, 0, sizeof *cf);
    if ((cf->path = rl_malloc(n)) == NULL || (cf->tmp = rl_malloc(n)) == NULL) {
        release(cf);
        return rl_error_set(err, RL_ERR_NOMEM, dir, 0, 0, "out of memory");
    }
    snprintf(cf->path, n, "%s/%s", dir, name);
    snprintf(cf->tmp, n, "%s/%s.tmp", dir, name);
    if ((cf->f = fopen(cf->tmp, "w")) == NULL) {
        ret = rl_error_set(err, RL_ERR_IO, cf->tmp, 0, 0, "cannot create: %s", strerror(errno));
        release(cf);
        return ret;
    }
    return 0;
}

int
rl_csv_file_commit(rl_csv_file_t *cf, rl_error_t *err)
{
    int failed = ferror(cf->f), ret = 0;

    if (fclose(cf->f) != 0 || failed) {
        ret = rl_error_set(err, RL_ERR_IO, cf->tmp, 0, 0, "write failed: %s", strerror(errno));
    } else if (rename(cf->tmp, cf->path) != 0) {
        ret = rl_error_set(err, RL_ERR_IO, cf->path, 0, 0, "cannot rename %s: %s", cf->tmp,
            strerror(errno));
    }
    if (ret != 0) {
        remove(cf->tmp);
    }
    release(cf);
    return ret;
}
