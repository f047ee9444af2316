/* slurp.c -- a whole file into memory, up to a size limit (slurp.h). The buffer doubles
** from 16 KiB, keeping a byte for the NUL; errno is kept for the caller's message. */
#include "core/slurp.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/alloc.h"
#include "relapselab/error.h"

int
rl_slurp(const char *path, size_t max_bytes, char **out, size_t *len, int *err_no)
{
    FILE *f;
    char *buf = NULL, *grown;
    size_t cap = 0, got;
    int ret = 0;

    *out = NULL;
    *len = 0;
    *err_no = 0;
    errno = 0;
    if ((f = fopen(path, "rb")) == NULL) {
        *err_no = errno != 0 ? errno : EIO;
        return RL_ERR_IO;
    }
    do {
        if (*len > max_bytes) {
            ret = RL_ERR_INVALID;
            break;
        }
        if (cap - *len < 4096) {
            cap = cap == 0 ? 16384 : 2 * cap;
            if ((grown = rl_realloc(buf, cap)) == NULL) {
                ret = RL_ERR_NOMEM;
                break;
            }
            buf = grown;
        }
        errno = 0;
        got = fread(buf + *len, 1, cap - *len - 1, f); /* room for the NUL */
        *len += got;
    } while (got > 0);
    if (ret == 0 && ferror(f)) {
        *err_no = errno != 0 ? errno : EIO;
        ret = RL_ERR_IO;
    }
    fclose(f);
    if (ret != 0) {
        free(buf);
        *len = 0;
        return ret;
    }
    buf[*len] = '\0';
    *out = buf;
    return 0;
}
