/* api.h -- the mark of relapselab's public functions.
**
** The library is built with hidden symbol visibility: only functions declared with RL_API
** in the public headers (include/relapselab/) are exported from the shared library;
** everything else is internal to it and may change without notice.
*/
#ifndef RELAPSELAB_API_H
#define RELAPSELAB_API_H

#if defined(__GNUC__) || defined(__clang__)
#define RL_API __attribute__((visibility("default")))
#else
#define RL_API
#endif

#endif
