/* slurp.h -- a whole file read into memory, up to a size limit: the one reader behind
** protocols, claims and screen files, decoding profiles, MED-PC data files and subject
** sheets. It words no message: each caller says what kind of file failed and how. */
#ifndef RL_CORE_SLURP_H
#define RL_CORE_SLURP_H

#include <stddef.h>

/* Read the file at path into a new NUL-terminated buffer *out (the caller frees it), *len
** bytes before the NUL. Reading stops once more than max_bytes have come in, so a FIFO or
** an endless stream is refused instead of read to its end. Returns 0; RL_ERR_IO when the
** file cannot be opened or read (*err_no = errno, or EIO); RL_ERR_INVALID when it is larger
** than max_bytes; RL_ERR_NOMEM. *out is NULL on failure. */
int rl_slurp(const char *path, size_t max_bytes, char **out, size_t *len, int *err_no);

#endif
