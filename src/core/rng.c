/* rng.c -- stream derivation by splitmix64 mixing (Steele, Lea & Flood 2014 finaliser). */
#include "relapselab/rng.h"

uint64_t
rl_mix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

uint64_t
rl_stream_seed(uint64_t master, rl_stream_kind_t kind, uint64_t subject, uint64_t session)
{
    uint64_t h = rl_mix64(master);
    h = rl_mix64(h ^ (uint64_t) kind);
    h = rl_mix64(h ^ subject);
    h = rl_mix64(h ^ session);
    return h;
}

void
rl_stream_set(gsl_rng *r, uint64_t master, rl_stream_kind_t kind, uint64_t subject,
    uint64_t session)
{
    uint64_t s = rl_stream_seed(master, kind, subject, session);
    unsigned long s32 = (unsigned long) ((s >> 32) ^ (s & 0xFFFFFFFFULL));
    gsl_rng_set(r, s32 != 0 ? s32 : 4357UL);
}

const gsl_rng_type *
rl_rng_type(void)
{
    return gsl_rng_mt19937;
}
