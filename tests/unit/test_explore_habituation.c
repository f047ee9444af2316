/* test_explore_habituation.c -- [BEH-6], the habituation of exploration across sessions
** (docs/MODEL.md, section 4), checked on the mouse itself.
**
** Known answers: computed here by hand from the equation as written in docs/MODEL.md,
** E = f + (1 - f) exp(-T/tau), T the hours spent in (operant) sessions before this one, and
** [BEH-1] with no value, no wanting and no habit: active = inactive = explore_per_min E per
** minute. The mouse is set up through its internal header (its value, wanting and habit
** set to 0, its clock set to a session's end); every update goes through the public
** functions rl_mouse_begin_session, rl_mouse_end_session and rl_mouse_rates. Tolerances are
** relative 1e-12: the hand computation follows the equation, not the code's order.
*/
#include <math.h>
#include <string.h>

#include "behaviour/mouse_internal.h"
#include "relapselab/genotype.h"
#include "relapselab/params.h"
#include "mouse_fixtures.h"
#include "testlib.h"

#define REL 1e-12

/* A wild-type cocaine mouse with parameters p at the start of its first session, with no
** value, wanting or habit: it only explores [BEH-1]. */
static void
explorer(rl_mouse_t *m, const rl_params_t *p)
{
    rl_reinforcer_t rf = fixture_cocaine();
    rl_mouse_init(m, p, &rl_genotype_get(rl_genotype_find("WT"))->products, &rf);
    rl_mouse_begin_session(m, 0.0, true);
}

/* Spend `hours` in a session (the clock at its end), close it and begin the next a day
** after the start of this one. */
static void
spend(rl_mouse_t *m, double hours)
{
    m->t_s = hours * 3600.0;
    rl_mouse_end_session(m);
    rl_mouse_begin_session(m, 24.0, false);
}

/* The exploratory rates now, per minute, with both holes checked equal. */
static double
explore_now(rl_mouse_t *m)
{
    double a, i;
    rl_mouse_rates(m, 0.0, &a, &i);
    CHECK(a == i);
    return a * 60.0;
}

/* [BEH-6] a novel chamber gives the table's rate; after 2 h and then 1 h more in the chamber
** it is f + (1 - f) e^{-T/tau} of it; after many hours it is f; with f = 1 it never
** changes. */
static void
habituation(void)
{
    static rl_mouse_t m;
    rl_params_t p;
    double f, tau, k;
    int n;

    rl_params_default(&p);
    f = p.explore_habituation_floor;
    tau = p.explore_habituation_h;
    CHECK(f > 0.0 && f < 1.0); /* the table's value habituates */
    explorer(&m, &p);
    CHECK_CLOSE(explore_now(&m), p.explore_per_min, 0.0, REL);
    spend(&m, 2.0);
    CHECK_CLOSE(explore_now(&m), p.explore_per_min * (f + (1.0 - f) * exp(-2.0 / tau)), 0.0, REL);
    spend(&m, 1.0);
    CHECK_CLOSE(explore_now(&m), p.explore_per_min * (f + (1.0 - f) * exp(-3.0 / tau)), 0.0, REL);
    for (n = 0; n < 40; n++) {
        spend(&m, 2.0);
    }
    k = explore_now(&m) / p.explore_per_min; /* 83 h in all */
    CHECK_CLOSE(k, f + (1.0 - f) * exp(-83.0 / tau), 0.0, REL);
    CHECK(k - f < 1e-5 * f); /* at the floor (for the table's tau, e^{-83/6} ~ 1e-6) */

    p.explore_habituation_floor = 1.0; /* none */
    explorer(&m, &p);
    spend(&m, 5.0);
    CHECK_CLOSE(explore_now(&m), p.explore_per_min, 0.0, REL);
}

static const rl_test_case_t CASES[] = {
    {"habituation", habituation, 0},
};

RL_TEST_MAIN(CASES)
