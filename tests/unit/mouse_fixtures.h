/* mouse_fixtures.h -- the reinforcer the mouse unit tests give a virtual mouse: the seed
** study's cocaine (1 mg/kg per infusion, 2-s infusion), shared by the tests that set a mouse
** up through its internal header. Header only: one small function, inline. */
#ifndef RL_TEST_MOUSE_FIXTURES_H
#define RL_TEST_MOUSE_FIXTURES_H

#include <string.h>

#include "relapselab/protocol.h"

/* Cocaine at 1 mg/kg per 2-s infusion, every other field zero. */
static inline rl_reinforcer_t
fixture_cocaine(void)
{
    rl_reinforcer_t r;
    memset(&r, 0, sizeof r);
    strcpy(r.name, "cocaine");
    r.kind = RL_REINFORCER_DRUG;
    strcpy(r.drug, "cocaine");
    r.dose_mg_per_kg = 1.0;
    r.infusion_s = 2.0;
    return r;
}

#endif
