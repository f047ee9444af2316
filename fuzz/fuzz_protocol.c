/* fuzz_protocol.c -- fuzz target: a protocol file (rl_protocol_load_buffer, protocol.h).
**
** The input is the YAML text of a protocol. The target loads it as `relapselab run` does a
** file, checks the error contract (IO cannot happen for a buffer) and, when the protocol
** is accepted, the invariants the simulator relies on (common.c), then frees it twice
** (documented as safe). Seeds: examples/, tests/bad/, tests/data/small.yaml and the
** protocols of tests/bad_screen/ (fuzz/make-corpus.sh).
*/
#include "fuzz.h"

#include "relapselab/protocol.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int allowed[] = {RL_ERR_PARSE, RL_ERR_INVALID, RL_ERR_NOMEM};
    /* 1.4 MB: not on the stack, and not allocated per input (a fresh mapping each time
    ** under ASan makes the target several times slower); the loader clears it */
    static rl_protocol_t protocol;
    rl_protocol_t *p = &protocol;
    rl_error_t err;
    int ret;

    rl_error_clear(&err);
    ret = rl_protocol_load_buffer(p, (const char *) data, size, "fuzz.yaml", &err);
    rl_fuzz_check_status(ret, &err, allowed, sizeof allowed / sizeof allowed[0]);
    if (ret == 0) {
        rl_fuzz_check_protocol(p);
        FUZZ_CHECK(p->source_len == size);
    }
    rl_protocol_free(p);
    rl_protocol_free(p);
    return 0;
}
