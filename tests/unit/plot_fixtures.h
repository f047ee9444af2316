/* plot_fixtures.h -- sample figures for test_plot.c: every chart kind, with deterministic
** sample data in static storage (the figures point at it; rebuild a figure to reset it).
** Test code, linked into test_plot by cmake/tests.cmake (tests/unit/<name>_fixtures.c). */
#ifndef RL_TEST_PLOT_FIXTURES_H
#define RL_TEST_PLOT_FIXTURES_H

#include <stdbool.h>

#include "relapselab/plot.h"

#define GROUPS 4

/* Acquisition curves: 4 series (active/inactive of 2 groups) over 10 sessions, with SEM. */
rl_plot_figure_t fig_lines(void);
/* Bars: 4 groups x 2 bars with each mouse's points (long_names: long group names). */
rl_plot_figure_t fig_bars(bool long_names);
/* A cumulative record of 2 sessions with reinforcer rugs. */
rl_plot_figure_t fig_cumulative(void);
/* A histogram of inter-reinforcer intervals of 2 groups. */
rl_plot_figure_t fig_histogram(void);
/* Two panels of traces (brain cocaine, dopamine) with infusion marks. */
rl_plot_figure_t fig_traces(void);
/* Six crowded series. */
rl_plot_figure_t fig_crowded(void);

#endif
