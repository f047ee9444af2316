/* relapselab.h -- every public header of the relapselab library in one include.
**
** A program that embeds relapselab includes this (or the headers it needs) and links with
** `pkg-config --cflags --libs relapselab`; examples/library/seed_study.c is a complete one.
** The data flow of the API, in the order a study goes:
**   protocol.h   a protocol file -> rl_protocol_t (groups, genotypes, phases, triggers)
**   run.h        protocol -> simulated mice -> results database (runner.h underneath)
**   dataset.h    a results database (simulated or imported) read back
**   measures.h   the lab's measures per session, mouse x phase, group x phase
**   summary.h    `relapselab run`'s summary table
**   stats.h      t-tests and mixed ANOVAs
**   validate.h   replicated virtual studies against the seed study's claims
**   screen.h     treatments x relapse triggers x genotypes
**   medpc*.h     MED-PC chamber files in and out
**   figures.h, plot.h, report.h   figures and the HTML report
** and the tables and building blocks: params.h, genotype.h, background.h, drugs.h,
** drug_pk.h, mouse.h, results.h, rng.h, trace.h, store.h, progress.h, error.h, alloc.h,
** version.h, protocol_limits.h (the protocol format's limits), tempwatch.h (how output
** files are written, and how a program learns of their temporary files).
*/
#ifndef RELAPSELAB_RELAPSELAB_H
#define RELAPSELAB_RELAPSELAB_H

#include "relapselab/alloc.h"
#include "relapselab/api.h"
#include "relapselab/background.h"
#include "relapselab/calibrate.h"
#include "relapselab/dataset.h"
#include "relapselab/drug_pk.h"
#include "relapselab/drugs.h"
#include "relapselab/error.h"
#include "relapselab/figures.h"
#include "relapselab/genotype.h"
#include "relapselab/measures.h"
#include "relapselab/medpc.h"
#include "relapselab/medpc_decode.h"
#include "relapselab/medpc_export.h"
#include "relapselab/medpc_import.h"
#include "relapselab/medpc_profile.h"
#include "relapselab/mouse.h"
#include "relapselab/params.h"
#include "relapselab/plot.h"
#include "relapselab/power.h"
#include "relapselab/progress.h"
#include "relapselab/protocol.h"
#include "relapselab/protocol_limits.h"
#include "relapselab/report.h"
#include "relapselab/results.h"
#include "relapselab/rng.h"
#include "relapselab/run.h"
#include "relapselab/runner.h"
#include "relapselab/screen.h"
#include "relapselab/stats.h"
#include "relapselab/store.h"
#include "relapselab/summary.h"
#include "relapselab/tempwatch.h"
#include "relapselab/trace.h"
#include "relapselab/validate.h"
#include "relapselab/version.h"

#endif
