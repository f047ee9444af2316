/* rng.c -- stream derivation by splitmix64 mixing (Steele, Lea & Flood 2014) and the
** xoshiro256** generator (Blackman & Vigna, "Scrambled linear pseudorandom number
** generators", ACM TOMS 47(4), 2021), written from the published algorithm as a GSL
** generator type. See rng.h for the scheme.
*/
#include "relapselab/rng.h"

#include <pthread.h>

#include <gsl/gsl_errno.h>

#include "core/alloc.h"

_Static_assert(sizeof(unsigned long) == 8, "the 64-bit seed travels as an unsigned long");

#define GOLDEN UINT64_C(0x9E3779B97F4A7C15)

uint64_t
rl_mix64(uint64_t x)
{
    x += GOLDEN;
    x = (x ^ (x >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    x = (x ^ (x >> 27)) * UINT64_C(0x94D049BB133111EB);
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

uint64_t
rl_stream_name_key(const char *name)
{
    uint64_t h = UINT64_C(14695981039346656037);
    for (; *name != '\0'; name++) {
        h = (h ^ (unsigned char) *name) * UINT64_C(1099511628211);
    }
    return rl_mix64(h);
}

void
rl_stream_set(gsl_rng *r, uint64_t master, rl_stream_kind_t kind, uint64_t subject,
    uint64_t session)
{
    gsl_rng_set(r, (unsigned long) rl_stream_seed(master, kind, subject, session));
}

/* ---- xoshiro256** ------------------------------------------------------------------------ */

typedef struct xoshiro_state {
    uint64_t s[4];
} xoshiro_state_t;

static inline uint64_t
rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static inline uint64_t
xoshiro_next(xoshiro_state_t *st)
{
    uint64_t *s = st->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* The state: four successive splitmix64 outputs from the seed (never all zero: rl_mix64 is
** a bijection, so the four words differ). */
static void
xoshiro_set(void *vstate, unsigned long seed)
{
    xoshiro_state_t *st = vstate;
    uint64_t x = (uint64_t) seed;
    int i;
    for (i = 0; i < 4; i++) {
        st->s[i] = rl_mix64(x);
        x += GOLDEN;
    }
}

static unsigned long
xoshiro_get(void *vstate)
{
    return (unsigned long) (xoshiro_next(vstate) >> 32);
}

static double
xoshiro_get_double(void *vstate)
{
    return (double) (xoshiro_next(vstate) >> 11) * 0x1.0p-53;
}

static const gsl_rng_type xoshiro_type = {
    "xoshiro256**", 0xFFFFFFFFUL, 0UL, sizeof(xoshiro_state_t), xoshiro_set, xoshiro_get,
    xoshiro_get_double};

const gsl_rng_type *
rl_rng_type(void)
{
    return &xoshiro_type;
}

/* ---- GSL errors ---------------------------------------------------------------------------- */

static pthread_once_t gsl_once = PTHREAD_ONCE_INIT;

static void
gsl_quiet(void)
{
    gsl_set_error_handler_off();
}

void
rl_gsl_setup(void)
{
    pthread_once(&gsl_once, gsl_quiet);
}

gsl_rng *
rl_rng_alloc(void)
{
    rl_gsl_setup();
    if (rl_alloc_permit() != 0) { /* the fault-injection hook (core/alloc.h) */
        return NULL;
    }
    return gsl_rng_alloc(rl_rng_type());
}
