/* test_rng.c -- the random-number scheme (rng.h, scheme 2): known answers for the mixer and
** the generator, the whole 64-bit seed reaching the stream, and streams that depend only on
** what they are for.
**
** Known answers:
**  - splitmix64 from state 0: 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4 (Steele, Lea & Flood
**    2014; the first outputs of the reference generator, as published with it and
**    recomputed with an independent Python implementation);
**  - xoshiro256** from the state {1, 2, 3, 4}: 11520, 0, 1509978240, 1215971899390074240,
**    1216172134540287360, 607988272756665600 (Blackman & Vigna 2021's algorithm, computed by
**    hand for the first value -- rotl(2 * 5, 7) * 9 = 11520 -- and with an independent
**    Python implementation for the rest).
*/
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "relapselab/rng.h"
#include "testlib.h"

static void
mix_known_answers(void)
{
    CHECK(rl_mix64(0) == UINT64_C(0xE220A8397B1DCDAF));
    CHECK(rl_mix64(UINT64_C(0x9E3779B97F4A7C15)) == UINT64_C(0x6E789E6AA1B965F4));
}

static void
generator_known_answers(void)
{
    static const uint64_t want[] = {UINT64_C(11520), UINT64_C(0), UINT64_C(1509978240),
        UINT64_C(1215971899390074240), UINT64_C(1216172134540287360),
        UINT64_C(607988272756665600)};
    gsl_rng *r = rl_rng_alloc();
    uint64_t *state;
    size_t i;

    CHECK(r != NULL);
    if (r == NULL) {
        return;
    }
    CHECK(strcmp(gsl_rng_name(r), "xoshiro256**") == 0);
    CHECK(gsl_rng_size(r) == 4 * sizeof(uint64_t));
    state = gsl_rng_state(r); /* the generator's state is its four 64-bit words */
    for (i = 0; i < 4; i++) {
        state[i] = i + 1;
    }
    /* get() is the upper 32 bits of each output */
    for (i = 0; i < sizeof want / sizeof want[0]; i++) {
        CHECK(gsl_rng_get(r) == (unsigned long) (want[i] >> 32));
    }
    for (i = 0; i < 4; i++) {
        state[i] = i + 1;
    }
    /* get_double() is the upper 53 bits / 2^53 */
    for (i = 0; i < sizeof want / sizeof want[0]; i++) {
        CHECK(gsl_rng_uniform(r) == (double) (want[i] >> 11) * 0x1.0p-53);
    }
    gsl_rng_free(r);
}

/* Seeds that differ only in their top 32 bits give different streams (scheme 1 folded them
** to 32 bits, so 2^32 + s and s coincided). */
static void
whole_seed_reaches_the_stream(void)
{
    gsl_rng *a = rl_rng_alloc(), *b = rl_rng_alloc();
    int i, same = 0;
    if (a == NULL || b == NULL) {
        CHECK(0);
        gsl_rng_free(a);
        gsl_rng_free(b);
        return;
    }
    gsl_rng_set(a, 12345UL);
    gsl_rng_set(b, 12345UL + (1UL << 32));
    for (i = 0; i < 8; i++) {
        same += gsl_rng_get(a) == gsl_rng_get(b);
    }
    CHECK(same < 8);
    /* the same seed, the same stream */
    gsl_rng_set(a, 99UL);
    gsl_rng_set(b, 99UL);
    for (i = 0, same = 0; i < 8; i++) {
        same += gsl_rng_get(a) == gsl_rng_get(b);
    }
    CHECK(same == 8);
    gsl_rng_free(a);
    gsl_rng_free(b);
}

/* Streams depend on (master, kind, subject, session) only, and each part matters. */
static void
streams(void)
{
    uint64_t s = rl_stream_seed(7, RL_STREAM_BEHAVIOUR, 3, 4);
    CHECK(s == rl_stream_seed(7, RL_STREAM_BEHAVIOUR, 3, 4));
    CHECK(s != rl_stream_seed(8, RL_STREAM_BEHAVIOUR, 3, 4));
    CHECK(s != rl_stream_seed(7, RL_STREAM_TEST, 3, 4));
    CHECK(s != rl_stream_seed(7, RL_STREAM_BEHAVIOUR, 4, 4));
    CHECK(s != rl_stream_seed(7, RL_STREAM_BEHAVIOUR, 3, 5));
    CHECK(s != rl_stream_seed(7 + (UINT64_C(1) << 40), RL_STREAM_BEHAVIOUR, 3, 4));
    /* name keys: FNV-1a, mixed; equal names, equal keys */
    CHECK(rl_stream_name_key("cue") == rl_stream_name_key("cue"));
    CHECK(rl_stream_name_key("cue") != rl_stream_name_key("footshock"));
    /* FNV-1a of "" is its offset basis 14695981039346656037 */
    CHECK(rl_stream_name_key("") == rl_mix64(UINT64_C(14695981039346656037)));
}

/* Uniform doubles: in [0, 1), mean and variance of 10^5 draws within 5 SE of 1/2, 1/12. */
static void
uniform_moments(void)
{
    gsl_rng *r = rl_rng_alloc();
    double sum = 0.0, ss = 0.0, lo = 1.0, hi = 0.0;
    int i, n = 100000;
    if (r == NULL) {
        CHECK(0);
        return;
    }
    rl_stream_set(r, 1, RL_STREAM_BEHAVIOUR, 0, 0);
    for (i = 0; i < n; i++) {
        double u = gsl_rng_uniform(r);
        sum += u;
        ss += (u - 0.5) * (u - 0.5);
        lo = fmin(lo, u);
        hi = fmax(hi, u);
    }
    CHECK(lo >= 0.0 && hi < 1.0);
    /* SE of the mean of U(0,1): sqrt(1/12 / n); of the variance: sqrt(1/180 / n) */
    CHECK_CLOSE(sum / n, 0.5, 5.0 * sqrt(1.0 / 12.0 / n), 0.0);
    CHECK_CLOSE(ss / n, 1.0 / 12.0, 5.0 * sqrt(1.0 / 180.0 / n), 0.0);
    gsl_rng_free(r);
}

static const rl_test_case_t CASES[] = {
    {"mix_known_answers", mix_known_answers, 0},
    {"generator_known_answers", generator_known_answers, 0},
    {"whole_seed_reaches_the_stream", whole_seed_reaches_the_stream, 0},
    {"streams", streams, 0},
    {"uniform_moments", uniform_moments, 0},
};

RL_TEST_MAIN(CASES)
