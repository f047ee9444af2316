/* fuzz.h -- what the fuzz targets of fuzz/ share (fuzz/README.md).
**
** Each fuzz_<reader>.c defines LLVMFuzzerTestOneInput(), the libFuzzer entry point: it feeds
** one input to one reader of the library, checks the reader's documented contract on the
** result and frees everything (a leak is a bug, found by LeakSanitizer). It is linked either
** with libFuzzer (clang, RL_FUZZ=ON, `make fuzz`) or with replay_main.c, which replays the
** seed and regression inputs in the ordinary test suite.
**
** A broken contract is reported by FUZZ_CHECK, which prints the condition and aborts, so
** libFuzzer saves the input as a crash and the replay test fails.
*/
#ifndef RL_FUZZ_H
#define RL_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "relapselab/error.h"
#include "relapselab/protocol.h"

/* The entry point every target defines: data holds size bytes (not NUL-terminated).
** Returns 0 (libFuzzer's convention: the input is kept or not by coverage alone). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with "file:line: fuzz check failed: cond" on stderr when cond is false. */
#define FUZZ_CHECK(cond) \
    ((cond) ? (void) 0 : rl_fuzz_fail(#cond, __FILE__, __LINE__))

void rl_fuzz_fail(const char *cond, const char *file, int line);

/* The error contract of a reader that returned ret with err (cleared by the caller before
** the call): 0, or one of the codes in allowed[0..n-1] with err->code == ret, a message,
** and a NUL inside every string field; rl_error_format() of it must work. With
** RL_FUZZ_VERBOSE set in the environment, prints whether the input was accepted and, if not,
** the error (to review what a corpus exercises: `RL_FUZZ_VERBOSE=1 fuzz_screen_replay ...`). */
void rl_fuzz_check_status(int ret, const rl_error_t *err, const int *allowed, size_t n);

/* The documented invariants of a loaded protocol (protocol.h): counts within their bounds,
** indices into the protocol's own tables and the library's tables in range, names
** NUL-terminated. */
void rl_fuzz_check_protocol(const rl_protocol_t *p);

/* Inputs that carry two files: the text of a file that names a protocol `protocol.yaml`,
** then optionally a line `#--- protocol.yaml` and the protocol's text. Writes them as name
** and protocol.yaml into the process's temporary folder (made on the first call, removed at
** exit; protocol.yaml is deleted when the input has no such line, so the result depends on
** the input alone) and returns the path of name; NULL when the input mentions /dev/, /proc/
** or /sys/ (a mutated path may name a device -- /dev/zero never ends --, which is not a bug
** of the reader: such inputs are skipped). Aborts when the files cannot be written. */
const char *rl_fuzz_two_files(const uint8_t *data, size_t size, const char *name);

/* true when the char array buf (an array, not a pointer) holds a NUL. */
#define FUZZ_TERMINATED(buf) (memchr((buf), '\0', sizeof(buf)) != NULL)

#endif
