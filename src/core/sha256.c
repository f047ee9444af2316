/* sha256.c -- SHA-256 of a byte buffer as hex (sha256.h), by Nettle (Debian nettle-dev),
** the hash library of GnuTLS: the project does not carry its own implementation. */
#include "core/sha256.h"

#include <nettle/sha2.h>

void
rl_sha256_hex(const void *data, size_t len, char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    int i;

    sha256_init(&ctx);
    if (len > 0) {
        sha256_update(&ctx, len, (const uint8_t *) data);
    }
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
    for (i = 0; i < SHA256_DIGEST_SIZE; i++) {
        hex[2 * i] = digits[digest[i] >> 4];
        hex[2 * i + 1] = digits[digest[i] & 15];
    }
    hex[64] = '\0';
}
