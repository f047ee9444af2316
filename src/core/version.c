/* version.c -- the library's version at run time (relapselab/version.h). */
#include "relapselab/version.h"

const char *
rl_version(void)
{
    return RL_VERSION;
}
