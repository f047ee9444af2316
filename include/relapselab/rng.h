/* rng.h -- derived random streams (reproducibility whatever the thread count).
**
** Every random number comes from a stream derived from the run's master seed, the purpose
** of the stream, the subject and the session: seed = splitmix64 mix of the four. A stream
** therefore depends only on what it is for, never on which thread or in which order it is
** used. The generator is GSL's mt19937 (seeded with 32 bits of the mix). The derivation
** is versioned (RL_RNG_SCHEME) and stored with results.
*/
#ifndef RELAPSELAB_RNG_H
#define RELAPSELAB_RNG_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

#define RL_RNG_SCHEME 1

typedef enum {
    RL_STREAM_PARAMS = 1,     /* a mouse's individual parameters */
    RL_STREAM_BEHAVIOUR = 2   /* the responses of one session */
} rl_stream_kind_t;

/* The splitmix64 finaliser of x (a bijection on 64-bit integers). */
uint64_t rl_mix64(uint64_t x);

/* The seed of stream (kind, subject, session) of a run with master seed. */
uint64_t rl_stream_seed(uint64_t master, rl_stream_kind_t kind, uint64_t subject,
    uint64_t session);

/* Reseed r for stream (kind, subject, session). */
void rl_stream_set(gsl_rng *r, uint64_t master, rl_stream_kind_t kind, uint64_t subject,
    uint64_t session);

/* The generator type used for all streams. */
const gsl_rng_type *rl_rng_type(void);

#endif
