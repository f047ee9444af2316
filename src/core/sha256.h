/* sha256.h -- SHA-256 (FIPS 180-4) of a byte buffer, as the 64 lowercase hex digits that
** `sha256sum` prints: the content hash kept with every imported file (provenance). */
#ifndef RL_CORE_SHA256_H
#define RL_CORE_SHA256_H

#include <stddef.h>

/* The SHA-256 of data[0..len) into hex (65 bytes: 64 hex digits and a NUL). data may be
** NULL when len is 0. No allocation. */
void rl_sha256_hex(const void *data, size_t len, char hex[65]);

#endif
