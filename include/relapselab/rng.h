/* rng.h -- derived random streams (reproducibility whatever the thread count).
**
** Every random number comes from a stream derived from the run's master seed, the purpose
** of the stream, the subject and the session: stream seed = splitmix64 mix of the four
** (64 bits). A stream therefore depends only on what it is for, never on which thread or
** in which order it is used. The derivation and the generator form a versioned scheme
** (RL_RNG_SCHEME, stored with results):
**
**   scheme 1 (relapselab <= 0.1.0, databases of 2026-11): GSL's mt19937 seeded with the
**            64-bit stream seed folded to 32 bits (distinct streams could coincide: about
**            100 expected collisions among the streams of a 300-study validation); screen
**            test streams were behaviour streams keyed outside the scheme.
**   scheme 2 (relapselab 0.2, databases until 2026-12-06): xoshiro256** (Blackman &
**            Vigna 2021) as a GSL generator type, its 256-bit state filled by splitmix64
**            from the whole 64-bit stream seed, so distinct stream seeds give distinct
**            streams; a stream kind for every purpose (RL_STREAM_TEST for the screen's
**            test sessions, keyed by names).
**   scheme 3 (now): scheme 2's streams, used differently by a session's thinning
**            (session.c, docs/MODEL.md [BEH-3]): a unit exponential carries over from
**            window to window until a proposal uses it (scheme 2 drew one per window), and
**            the rate bound uses a solve-free lower bound of tonic DA (slightly looser, so
**            proposals fall elsewhere). Same distribution of sessions, other draws.
**
** The generator is an ordinary gsl_rng, so every gsl_ran_* distribution works with it.
*/
#ifndef RELAPSELAB_RNG_H
#define RELAPSELAB_RNG_H

#include <stdint.h>

#include "relapselab/api.h"

#include <gsl/gsl_rng.h>

#define RL_RNG_SCHEME 3

typedef enum {
    RL_STREAM_PARAMS = 1,     /* a mouse's individual parameters; session key 0 */
    RL_STREAM_BEHAVIOUR = 2,  /* the responses of one session; key = the subject's day */
    RL_STREAM_TEST = 3,       /* a screen's test session; key = rl_stream_name_key of the
                                 trigger (mixed with the arm's under independent streams) */
    RL_STREAM_CALIBRATE = 4,  /* a calibration's Latin-hypercube design (calibrate.h);
                                 subject and session keys 0 */
    RL_STREAM_NESTED = 5,     /* not a generator: the master seed of one group's mice in a
                                 nested study of `relapselab power` (power.h); subject key
                                 = the group's index, session key 0; the mice's own streams
                                 then use it with their index in the group as subject */
    RL_STREAM_DAY = 6         /* a session's day state [BEH-2]; keys as the session's
                                 behaviour stream (its own, so the responses' draws do not
                                 move when the day state's do) */
} rl_stream_kind_t;

/* The splitmix64 finaliser of x + 0x9E3779B97F4A7C15 (a bijection on 64-bit integers;
** splitmix64's output for state x). */
RL_API uint64_t rl_mix64(uint64_t x);

/* The seed of stream (kind, subject, session) of a run with master seed. */
RL_API uint64_t rl_stream_seed(uint64_t master, rl_stream_kind_t kind, uint64_t subject,
    uint64_t session);

/* A stream key that depends only on a name: FNV-1a of its bytes, mixed (rl_mix64). */
RL_API uint64_t rl_stream_name_key(const char *name);

/* Reseed r (a generator of rl_rng_type()) for stream (kind, subject, session). */
RL_API void rl_stream_set(gsl_rng *r, uint64_t master, rl_stream_kind_t kind, uint64_t subject,
    uint64_t session);

/* The generator type used for all streams: xoshiro256** (name "xoshiro256**"); set() takes
** the full 64-bit seed; get() returns the upper 32 bits of an output, get_double() its upper
** 53 bits / 2^53, in [0, 1). */
RL_API const gsl_rng_type *rl_rng_type(void);

/* A new generator of rl_rng_type(), or NULL when out of memory (GSL's abort-on-error
** handler is switched off first: see rl_gsl_setup). Free with gsl_rng_free. */
RL_API gsl_rng *rl_rng_alloc(void);

/* Switch GSL's error handler off, once per process (thread-safe): GSL reports errors by
** its return values (NULL, NaN, a status), which relapselab turns into its own errors,
** instead of aborting the process. Every library entry point that calls GSL calls this
** first; calling it again does nothing. */
RL_API void rl_gsl_setup(void);

#endif
