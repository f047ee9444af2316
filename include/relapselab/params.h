/* params.h -- the model's parameters: one table, one struct, individual variability.
**
** Every parameter has a value, a unit, a source, the basis of its value (measured, derived,
** calibrated or assumed), a plausible range and an individual coefficient of variation
** (CV) in one table (params.c), which docs/MODEL.md reproduces
** (`relapselab params --markdown` prints it; a test checks the two agree). Each mouse gets
** its own rl_params_t: the table's value times a log-normal factor with the table's CV,
** drawn from the mouse's own random stream, clipped to the plausible range. No parameter
** depends on the genotype: genotypes act only through rl_gene_products_t (genotype.h).
** Cocaine's population half-life and DAT Ki (rows coc_half_life_min, coc_ki_uM) are the
** drug table's cocaine row (the RL_COCAINE_* numbers of drugs.h): defined once.
*/
#ifndef RELAPSELAB_PARAMS_H
#define RELAPSELAB_PARAMS_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "relapselab/api.h"
#include "relapselab/drugs.h"

struct rl_error;

/* The X-macro lists every parameter once: field, value, unit, CV, low, high, equation ID,
** basis (MEASURED, DERIVED, CALIBRATED or ASSUMED: rl_param_basis_t below), source,
** meaning. Times inside a session are in seconds; between sessions in hours.
** "RU" = reward units: the value scale of the learning layer (1 RU = the instrumental value
** of a 1 mg/kg cocaine infusion that doubles accumbal dopamine, see docs/MODEL.md). */
#define RL_PARAMS(X)                                                                        \
    /* --- pharmacokinetics --- */                                                         \
    X(coc_half_life_min, RL_COCAINE_HALF_LIFE_MIN, "min", 0.27, RL_COCAINE_HALF_LIFE_LO_MIN, \
        RL_COCAINE_HALF_LIFE_HI_MIN, "PK-1", MEASURED,                                     \
        "Tsibulsky & Norman 2005 (mouse, 8.1 +/- 2.2 min)",                                \
        "functional elimination half-life of cocaine during self-administration")          \
    X(coc_ke0_per_min, 1.5, "1/min", 0.25, 0.5, 4.0, "PK-2", DERIVED,                      \
        "chosen so brain Tmax after an i.v. bolus is ~2 min (Benuck 1987; Pan 1991: 1-3 min)", \
        "brain effect-site equilibration rate constant")                                   \
    X(coc_uM_per_mg_kg, RL_COCAINE_UM_PER_MG_KG, "uM per mg/kg", 0.20,                     \
        RL_COCAINE_UM_PER_MG_KG_LO, RL_COCAINE_UM_PER_MG_KG_HI, "PK-2", DERIVED,           \
        "Vd ~3 L/kg (1 mg/kg -> ~1.1 uM plasma) x brain ECF:blood ~0.7-0.8 (no-net-flux)",  \
        "brain extracellular cocaine at equilibrium per mg/kg in the body")                \
    /* --- dopamine --- */                                                                  \
    X(da_release_nM_per_s, 800.0, "nM/s", 0.15, 300.0, 2000.0, "DA-1", DERIVED,            \
        "Dreyer 2010 toolbox: 4 Hz x 100 neurons x 2 nM/spike (VTA->NAc)",                  \
        "tonic DA release rate before autoreceptor and KOR feedback")                      \
    X(da_vmax_nM_per_s, 1500.0, "nM/s", 0.20, 800.0, 4000.0, "DA-1", MEASURED,             \
        "NAc Vmax 1-2 uM/s (Jones, Garris & Wightman 1995; Dreyer toolbox 1500)",           \
        "maximal DAT uptake rate")                                                         \
    X(da_km_nM, 160.0, "nM", 0.10, 100.0, 300.0, "DA-1", MEASURED,                         \
        "Km ~0.16-0.2 uM (Jones 1995; Dreyer toolbox 160 nM)", "DAT Michaelis constant")    \
    X(da_knon_per_s, 0.04, "1/s", 0.0, 0.0, 0.2, "DA-1", ASSUMED, "Budygin 2002 (Dreyer-type models)", \
        "non-DAT first-order DA clearance")                                                \
    X(coc_ki_uM, RL_COCAINE_DAT_KI_NM / 1000.0, "uM", 0.20, RL_COCAINE_DAT_KI_LO_NM / 1000.0, \
        RL_COCAINE_DAT_KI_HI_NM / 1000.0, "DA-1", MEASURED, "Han & Gu 2006: 0.2-0.7 uM",    \
        "cocaine inhibition constant at DAT (competitive)")                                \
    X(coc_net_ki_uM, RL_COCAINE_NET_KI_NM / 1000.0, "uM", 0.20,                            \
        RL_COCAINE_NET_KI_LO_NM / 1000.0, RL_COCAINE_NET_KI_HI_NM / 1000.0, "DA-1", MEASURED, \
        "Han & Gu 2006: cocaine inhibits DAT, NET and SERT at 0.2-0.7 uM (mouse and human)",  \
        "cocaine inhibition constant at the noradrenaline transporter (competitive)")      \
    X(da_net_share, 0.3, "fraction", 0.0, 0.0, 0.5, "DA-1", ASSUMED,                        \
        "assumed: NET takes up accumbal DA in DAT-KO mice (reboxetine raises NAc DA in "     \
        "DAT-KO, not WT mice, Carboni et al. 2001 J Neurosci 21:RC141; magnitude not read); " \
        "none in NAc slices (Mateo et al. 2004): 0-0.5",                                     \
        "share of the non-DAT DA clearance that goes through the NET (cocaine-sensitive)")  \
    X(d2_ec50_nM, 100.0, "nM", 0.0, 30.0, 300.0, "DA-2", DERIVED,                          \
        "terminal D2: kon 0.003/nM/s, koff 0.3/s -> 100 nM (Dreyer 2010)",                  \
        "D2 autoreceptor EC50")                                                            \
    X(d2_gain, 3.0, "1", 0.0, 1.0, 5.0, "DA-2", ASSUMED, "Dreyer 2010: release x 1/(1 + 3 occupancy)", \
        "D2 autoreceptor feedback strength")                                               \
    X(d1_ec50_nM, 1000.0, "nM", 0.0, 300.0, 3000.0, "DA-3", ASSUMED, "Dreyer 2010: D1 EC50 ~1 uM", \
        "D1 receptor EC50 (accumbal MSNs)")                                                \
    X(da_set_fold, 2.17, "x own resting DA", 0.30, 1.45, 7.25, "BEH-2", DERIVED,          \
        "derived: the set point 120 nM that put the effective satiety threshold near the "  \
        "mouse value 1.3 +/- 0.6 mg/kg (Tsibulsky & Norman 2005; CV from its SD) over the "   \
        "wild-type resting level 55.2 nM; range 80-400 nM likewise", "dopamine set point "   \
        "of the homeostatic drug drive, in multiples of the mouse's own drug-free resting DA") \
    X(da_set_width, 0.04, "fraction of set point", 0.0, 0.03, 0.3, "BEH-2", CALIBRATED,     \
        "calibrated (one value for all genotypes, docs/VALIDATION.md); assumed (sharpness of the satiety threshold; IIT regularity)",                     \
        "width of the drive's sigmoid around the set point")                               \
    X(burst_drug, 1.0, "RU", 0.0, 0.3, 3.0, "DA-4", ASSUMED,                               \
        "assumed; cocaine infusion-locked DA swings ~50% of the elevation (Wise 1995)",      \
        "phasic DA response to a drug infusion before opioid modulation")                  \
    X(burst_food, 1.0, "RU per palatability", 0.0, 0.3, 3.0, "DA-4", ASSUMED,              \
        "assumed equal to the drug burst (Schultz: reward-evoked bursts)",                  \
        "phasic DA response to a pellet before opioid modulation")                         \
    X(burst_da_fold, 3.0, "x tonic DA per RU", 0.0, 1.5, 10.0, "DA-4", CALIBRATED,            \
        "calibrated (one value for all genotypes, docs/VALIDATION.md); assumed: reward-evoked transients reach ~2-5x the tonic level (FSCV)",              \
        "peak of a 1-RU phasic transient, in multiples of the tonic DA level above it")    \
    X(burst_s, 0.25, "s", 0.0, 0.2, 3.0, "DA-4", CALIBRATED, "calibrated (one value for all genotypes, docs/VALIDATION.md); phasic DA transients last ~0.2-2 s (FSCV; the D1-effective part is the peak)", \
        "duration of a phasic DA transient (its D1 dose)")                                 \
    /* --- opioid peptides (levels in units of their receptor Kd) --- */                   \
    X(pep_clear_per_min, 0.14, "1/min", 0.20, 0.05, 0.5, "OP-1", ASSUMED,                  \
        "cocaine-evoked NAc endorphin release is transient, tens of minutes (Olive 2001)",  \
        "extracellular opioid peptide clearance rate (t1/2 ~5 min)")                       \
    X(pep_basal, 0.005, "Kd", 0.30, 0.005, 0.2, "OP-1", CALIBRATED,                          \
        "calibrated (one value for all genotypes, docs/VALIDATION.md); assumed: basal extracellular peptide tone gives low receptor occupancy",           \
        "basal extracellular level of each peptide")                                       \
    X(pep_d1_gain, 12.0, "Kd per D1 occupancy", 0.2, 2.0, 30.0, "OP-1", CALIBRATED,         \
        "calibrated (one value for all genotypes, docs/VALIDATION.md); cocaine raises NAc beta-endorphin via D1 (Roth-Deri 2003); set so 1 mg/kg SA gives " \
        "~0.5 receptor occupancy", "peptide release per unit of D1 occupancy above basal")  \
    X(bend_mor_affinity, 1.0, "1/Kd", 0.0, 0.5, 2.0, "OP-2", ASSUMED, "beta-endorphin: MOR ~ DOR", \
        "relative affinity of beta-endorphin at MOR")                                      \
    X(enk_mor_affinity, 0.1, "1/Kd", 0.0, 0.02, 0.5, "OP-2", ASSUMED,                      \
        "enkephalins prefer DOR ~10x over MOR", "relative affinity of enkephalin at MOR")   \
    X(bend_dor_nac_affinity, 0.05, "1/Kd", 0.0, 0.05, 1.0, "OP-2", CALIBRATED,              \
        "calibrated (one value for all genotypes, docs/VALIDATION.md); little beta-endorphin reaches NAc DOR relative to local MSN enkephalin (assumed)",  \
        "relative weight of beta-endorphin at the NAc (incentive) DOR site")               \
    X(enk_dor_assoc_affinity, 0.2, "1/Kd", 0.0, 0.05, 1.0, "OP-2", ASSUMED,                \
        "hypothesis: the cue-drug association site is driven by beta-endorphin (Pomc "      \
        "projections); enkephalin contributes little there", "relative weight of "          \
        "enkephalin at the association (amygdala/hippocampal) DOR site")                   \
    X(dyn_basal_pool, 0.8, "1", 0.2, 0.1, 1.0, "OP-3", CALIBRATED,                            \
        "calibrated (one value for all genotypes, docs/VALIDATION.md); assumed: releasable "  \
        "dynorphin pool of a drug-naive mouse, relative to the other peptides' synthesis "   \
        "(relative units; range as first set, before a calibration widened it to 0.005)",   \
        "basal releasable dynorphin pool")                                                 \
    X(dyn_induction_per_d1_h, 0.8, "pool per D1-occupancy-hour", 0.2, 0.1, 2.0, "OP-3", DERIVED, \
        "derived: repeated cocaine induces Pdyn via D1-CREB; striatal dynorphin +40-100% "   \
        "after binges (Martinez et al. 2019, Neuropsychopharmacology, doi 10.1038/s41386-019-0398-4): set with "    \
        "dyn_basal_pool so the median WT mouse's induced pool after the seed study's 10 "    \
        "acquisition sessions is +65% of the basal pool (seed 1; 10th-90th centile +40 to "  \
        "+121%)", "dynorphin pool induction by D1 occupancy above basal")                  \
    X(dyn_induction_decay_h, 168.0, "h", 0.30, 48.0, 720.0, "OP-3", ASSUMED,               \
        "assumed: induced Pdyn mRNA/peptide returns to baseline over ~1-4 weeks",          \
        "time constant of the decay of induced dynorphin")                                 \
    X(dyn_frustration_release, 3.3, "Kd per RU", 0.2, 0.2, 4.0, "OP-3", CALIBRATED,       \
        "calibrated (one value for all genotypes, docs/VALIDATION.md); non-reward recruits "  \
        "dynorphin/KOR (BRIEF 3, S6 chain), from the drug-induced pool only: KOR blockade "  \
        "acts on drug taking only after the dynorphin system is recruited by drug exposure " \
        "(Wee et al. 2009, Psychopharmacology 205:565; Whitfield et al. 2015, J Neurosci "   \
        "35:4296; Koob & Le Moal 2008 anti-reward); assumed magnitude",                     \
        "dynorphin released per unit of negative prediction error, per unit induced pool") \
    /* --- receptor effects --- */                                                          \
    X(mor_burst_gain, 4.0, "1", 0.15, 0.3, 4.0, "OP-4", CALIBRATED,                        \
        "calibrated (one value for all genotypes, docs/VALIDATION.md; 6 -> 4 with [OP-9], issue 11 step s25); range 0.3-4 as first set: its widening to 6 in model v1 had no source and is undone; MOR on VTA GABA interneurons disinhibits DA neurons (Johnson & North 1992)",       \
        "gain of the phasic DA burst per unit MOR signal")                                 \
    X(dor_incentive_gain, 4.5, "1", 0.15, 0.3, 6.0, "OP-5", CALIBRATED,                    \
        "calibrated (one value for all genotypes, docs/VALIDATION.md); enkephalin/DOR in NAc supports incentive motivation (BRIEF S2/S3 chain)",          \
        "gain of incentive motivation per unit NAc DOR signal")                            \
    X(dor_assoc_gain, 12.0, "1", 0.15, 0.3, 12.0, "OP-6", CALIBRATED,                        \
        "calibrated (one value for all genotypes, docs/VALIDATION.md); DOR-KO impairs drug-context conditioning (Le Merrer 2011)",                        \
        "gain of cue-drug associative learning per unit DOR signal")                       \
    X(kor_release_gain, 0.3, "1", 0.15, 0.2, 3.0, "OP-7", CALIBRATED,                       \
        "calibrated (one value for all genotypes, docs/VALIDATION.md; 0.47 -> 0.3 at issue 11 step s26: intake within 30 % of the satiety-threshold law; at full KOR signal release falls by 23 %, short of Zhang 2004); KOR agonism lowers phasic DA release (voltammetry); dynorphin lowers basal DA "    \
        ">60% (Zhang 2004)", "inhibition of DA release per unit KOR signal")                \
    X(kor_frustration_gain, 7.5, "1", 0.15, 0.3, 8.0, "OP-8", CALIBRATED,                  \
        "calibrated (one value for all genotypes, docs/VALIDATION.md; 6 -> 7.5 when [OP-8] moved to the stored trace and the habit's extinction to session time, issue 11 step s24); KOR mediates dysphoria/aversion (Bruchas 2010)",                                   \
        "deepening of negative prediction errors per unit KOR signal")                     \
    /* --- learning and choice --- */                                                       \
    X(reward_drug, 1.0, "RU per D1 unit", 0.2, 0.3, 3.0, "LRN-1", ASSUMED,                \
        "homeostatic reinforcement: reward = drive reduction (Keramati & Gutkin 2014)",     \
        "instrumental value of a drug infusion per D1 unit (the D1 rise of a doubling of "  \
        "the drug-free tonic DA)")                                                         \
    X(reward_food, 1.5, "RU per palatability", 0.2, 0.3, 5.0, "LRN-1", ASSUMED,         \
        "assumed (chocolate pellets maintain high responding, Martin-Garcia 2011)",         \
        "instrumental value of a pellet to a non-sated mouse")                             \
    X(food_satiety_pellets, 15.0, "pellets", 0.25, 5.0, 60.0, "LRN-1", ASSUMED,            \
        "assumed: 20-mg pellets; mice earn ~30-60 palatable pellets in a 1-h FR1 session",  \
        "pellets eaten in a session that lower the value of the next one by 1/e")          \
    X(alpha_v, 0.09, "1 per completion", 0.2, 0.005, 0.3, "LRN-2", CALIBRATED,            \
        "calibrated (one value for all genotypes, docs/VALIDATION.md); assumed; TD learning rates 0.05-0.2 (Dezfouli 2009); mice acquire over days",       \
        "learning rate of the value of completing the response requirement")               \
    X(alpha_ratio, 0.2, "1 per completion", 0.0, 0.02, 0.5, "BEH-1", ASSUMED,               \
        "assumed", "learning rate of the expected number of responses per completion")     \
    X(alpha_cue, 0.0025, "1 per pairing", 0.15, 0.0003, 0.05, "LRN-3", CALIBRATED,           \
        "calibrated (one value for all genotypes, docs/VALIDATION.md; 0.001 -> 0.0025 with [OP-9], issue 11 step s25); assumed: cue-drug associations grow over ~100-300 pairings (10 sessions)",         \
        "learning rate of the cue's Pavlovian value")                                      \
    X(cue_conditioned_reinforcement, 0.0075, "1", 0.25, 0.005, 0.5, "LRN-4", CALIBRATED,        \
        "calibrated (one value for all genotypes, docs/VALIDATION.md); conditioned reinforcement by drug-paired cues (Di Ciano & Everitt 2004)",          \
        "fraction of the cue-evoked DA that reinforces the response producing it")         \
    X(lc_prior_new, 0.3, "sessions", 0.2, 0.05, 3.0, "BEL-1", CALIBRATED,                 \
        "calibrated (one value for all genotypes, docs/VALIDATION.md); CRP concentration alpha 0.1-1 (Gershman 2010/2017)",                               \
        "prior weight of a not-yet-experienced latent cause")                              \
    X(lc_memory_h, 200.0, "h", 0.2, 24.0, 2000.0, "BEL-1", CALIBRATED,                    \
        "calibrated (one value for all genotypes, docs/VALIDATION.md); assumed; temporal kernel of latent-cause priors (Gershman 2017)",                  \
        "time constant of the decay of latent-cause experience")                           \
    X(lc_evidence_reward, 0.3, "log-odds", 0.15, 0.2, 3.0, "BEL-2", CALIBRATED,            \
        "calibrated (one value for all genotypes, docs/VALIDATION.md); assumed", "log-odds shift toward the drug cause per delivered reinforcer")        \
    X(lc_evidence_surprise, 0.36, "log-odds per RU", 0.15, 0.05, 1.0, "BEL-2", CALIBRATED, \
        "calibrated (one value for all genotypes, docs/VALIDATION.md); persistent negative PEs split off a new state (Redish 2007)",                      \
        "log-odds shift toward the extinction cause per unit of negative PE")              \
    X(lc_evidence_cue, 0.12, "log-odds per RU per nat", 0.15, 0.01, 1.0, "BEL-2", CALIBRATED,        \
        "calibrated (one value for all genotypes, docs/VALIDATION.md; 0.4 -> 0.25 with [OP-8] on the stored trace, branch s24kor; 0.25 -> 0.12 with [OP-9], issue 11 step s25); a drug-paired cue retrieves the acquisition cause (Gershman 2010)",                \
        "log-odds shift per unit of cue-evoked DA and per nat of the cue's likelihood ratio")                  \
    X(cue_habituation_n, 3.0, "presentations", 0.2, 2.0, 50.0, "BEL-4", CALIBRATED,         \
        "calibrated (one value for all genotypes, docs/VALIDATION.md; 6 -> 3 with [OP-8] on the stored trace, branch s24kor); an unreinforced cue loses its effect within the test session: "  \
        "cue-reinforced responding declines within session (See 2002; habituation of reinforcer effectiveness, McSweeney & Murphy 2009)", \
        "unreinforced cue presentations in a session for the cue's effect to fall by 1/e") \
    X(want_gain, 0.3, "1", 0.2, 0.0, 1.0, "BEH-4", CALIBRATED,                              \
        "calibrated (one value for all genotypes, docs/VALIDATION.md); cue-triggered wanting: incentive salience of reward cues (Zhang, Berridge et al. "  \
        "2009; Pavlovian-instrumental transfer)", "motivation added per RU of cue-evoked DA") \
    X(want_decay_s, 5.4, "s", 0.2, 5.0, 300.0, "BEH-4", CALIBRATED,                         \
        "calibrated (one value for all genotypes, docs/VALIDATION.md); assumed: cue-evoked approach lasts tens of seconds",                               \
        "time constant of the decay of cue-triggered wanting")                             \
    X(da_incentive_gain, 0.03, "per relative DA rise", 0.0, 0.0, 0.5, "BEH-5", CALIBRATED,  \
        "calibrated (one value for all genotypes; docs/MODEL.md [BEH-5]: 0.02-0.1 tried on the " \
        "prime series L8 with L1b, L2b and L3b, seeds 1-20); direction: accumbal DA amplifies the incentive "      \
        "salience ('wanting') of reward cues without 'liking' (intra-NAc amphetamine, Wyvell & " \
        "Berridge 2000 J Neurosci 20:8122; the state factor kappa of Zhang, Berridge et al. "    \
        "2009); range assumed from them: sensitisation or amphetamine about doubled "            \
        "cue-triggered pressing (Wyvell & Berridge 2001), so a 3-fold DA rise (2 relative) adds " \
        "at most about the drug's own value: 0-0.5",                                            \
        "incentive the drug state lends the drug-taking action, per unit relative rise of tonic " \
        "DA over the mouse's own rest, in units of the drug's mean reward")                     \
    X(da_incentive_tau_min, 30.0, "min", 0.0, 10.0, 120.0, "BEH-5", CALIBRATED,                \
        "calibrated (with da_incentive_gain; 10, 30 and 60 min tried); range assumed: cocaine's " \
        "D1-dependent striatal signalling (ERK) is rapid and transient, tens of minutes "       \
        "(Valjent et al. 2000 J Neurosci 20:8701, abstract read; time course not read): 10-120 min", \
        "time constant with which the drug state's incentive follows the relative DA rise")     \
    X(explore_per_min, 0.03, "1/min", 0.40, 0.01, 0.3, "BEH-1", CALIBRATED,                \
        "calibrated (one value for all genotypes, docs/VALIDATION.md); assumed: untrained mice poke each hole a few times per hour",                      \
        "baseline (exploratory) poke rate at each hole")                                   \
    X(explore_habituation_floor, 0.3, "1", 0.0, 0.2, 1.0, "BEH-6", CALIBRATED,            \
        "calibrated (0.2, 0.3, 0.5 tried against S6a'/L9.4, docs/MODEL.md Status; one value "  \
        "for all genotypes); range assumed: exploration of a familiar apparatus habituates " \
        "between sessions (long-term habituation: Leussis & Bolivar 2006 Neurosci Biobehav Rev 30:1045; mice's hole-board " \
        "head-dips fall on re-exposure, File & Wardill 1975; abstracts read, magnitudes not); " \
        "inbred strains decrease, keep or increase open-field activity over 3 days (Bolivar, " \
        "Cook & Flaherty 2000 Behav Genet 30:285, abstract): 0.2 (strong) to 1 (none)",      \
        "fraction of the exploratory poke rate left once the chamber is fully familiar")    \
    X(explore_habituation_h, 6.0, "h", 0.0, 2.0, 20.0, "BEH-6", ASSUMED,                    \
        "assumed: between-session habituation is seen over 2-3 short daily exposures "     \
        "(Bolivar et al. 2000, 5-min tests; File & Wardill 1975, 5-10 min): a few 2-h "      \
        "sessions at most, 2-20 h of chamber time",                                          \
        "chamber time (hours in operant sessions) over which exploration habituates (e-fold)") \
    X(max_rate_per_min, 6.28, "1/min", 0.25, 1.0, 20.0, "BEH-1", CALIBRATED,                \
        "calibrated (one value for all genotypes, docs/VALIDATION.md; 8 -> 6.28 by the "     \
        "documented joint calibration with the magnitudes in its loss, issue 11 step s27); " \
        "loading-phase rates of mouse cocaine SA (Tsibulsky & Norman 2005)",                 \
        "maximal rate of motivated active responding")                                     \
    X(effort_cost, 0.05, "RU per response", 0.2, 0.01, 0.3, "BEH-1", CALIBRATED,          \
        "calibrated (one value for all genotypes, docs/VALIDATION.md); PR breakpoints emerge where the value per response falls below its cost",          \
        "cost of one response")                                                            \
    X(rate_half_value, 0.047, "RU", 0.0, 0.02, 2.0, "BEH-1", CALIBRATED, "calibrated (one value for all genotypes, docs/VALIDATION.md); assumed",        \
        "net motivation (value minus cost) at which responding is half its maximum")       \
    X(generalization, 0.06, "1", 0.40, 0.0, 0.3, "BEH-1", ASSUMED,                          \
        "assumed: trained mice still make some inactive pokes (BRIEF 3)",                   \
        "fraction of motivated responding that goes to the inactive hole")                 \
    X(peptide_step_s, 30.0, "s", 0.0, 5.0, 120.0, "OP-1", ASSUMED,                          \
        "numerical: peptides change over minutes", "longest step of the peptide integrator") \
    /* --- relapse triggers: stress and the drug state --- */                              \
    X(crf_tau_min, 20.0, "min", 0.25, 5.0, 60.0, "STR-1", ASSUMED,                          \
        "assumed: stress-evoked CRF and corticosterone peak within ~15-30 min and return "    \
        "to baseline within ~60-90 min after the stressor (VTA CRF during footshock, Wang "   \
        "et al. 2005 J Neurosci)",                                                           \
        "fall time constant of the stress (CRF/noradrenaline) state, while it exceeds the "  \
        "drive (the rise: crf_rise_tau_min)")                                                \
    X(stress_swim, 1.0, "stress units", 0.0, 0.3, 3.0, "STR-1", ASSUMED,                     \
        "assumed: forced swim (30 C) and intermittent footshock both reinstate cocaine CPP "  \
        "in mice through dynorphin/KOR (Redila & Chavkin 2008); equal drive assumed",       \
        "stress drive of forced swim at 30 C (1 unit = intermittent 0.5-mA footshock)")     \
    X(stress_swim_cold, 0.5, "per 10 C below 30 C", 0.0, 0.0, 2.0, "STR-1", ASSUMED,        \
        "assumed: colder water is a stronger stressor (swim at 15-25 C vs 30 C; McLaughlin " \
        "et al. 2003 used 30 C)", "relative rise of the swim stress drive per 10 C colder") \
    X(stress_deprivation, 0.3, "stress units", 0.0, 0.05, 1.0, "STR-1", ASSUMED,            \
        "assumed: acute food deprivation reinstates drug seeking in rats, more weakly than " \
        "footshock (Shalev et al. 2000, 2003); in model v2 it reinstates more (it lasts "     \
        "through the test)", "stress drive of food deprivation")                             \
    X(crf_dyn_gain, 1.0, "Kd per stress unit", 0.2, 0.1, 10.0, "STR-2", ASSUMED, \
        "assumed magnitude: CRF receptor activation releases dynorphin and activates KOR "   \
        "(Land et al. 2008 J Neurosci, mice); stress dysphoria needs Pdyn and KOR "          \
        "(McLaughlin et al. 2003)", "dynorphin released at the affect KOR site per unit of " \
        "stress state (in cocaine-naive mice too: not scaled by the striatal pool)")                                        \
    X(kor_affect_gain, 2.0, "per KOR signal", 0.2, 0.1, 5.0, "STR-4", CALIBRATED,           \
        "assumed magnitude: KOR-mediated dysphoria raises the value of cocaine (negative "   \
        "reinforcement; Koob & Le Moal 2008; Bruchas, Land & Chavkin 2010; homeostatic "     \
        "reward, Keramati & Gutkin 2014); chosen with model v1 (RNG scheme 1, seeds 5-7) so " \
        "nor-BNI halved footshock-reinstated CPP (Redila & Chavkin 2008 found it abolished); " \
        "not recalibrated for v2's relief expectancy, with which nor-BNI cuts it by 87 % "   \
        "(seeds 1-40, step s24) and stress reinstates operant seeking far more than the cue",          \
        "relief the drug offers under KOR "                                                  \
        "dysphoria, per unit KOR signal, in units of the drug's own mean reward")            \
    X(crf_want_gain, 1.0, "per stress unit", 0.2, 0.0, 5.0, "STR-3", ASSUMED,               \
        "assumed magnitude: CRF in the NAc shell amplifies cue-triggered wanting (Pecina, "  \
        "Schulkin & Berridge 2006); noradrenergic/CRF arm of stress-induced relapse "         \
        "(Erb et al. 2000; Shaham et al. 2000)", "rise of cue-triggered wanting per unit of " \
        "stress state")                                                                     \
    X(crf_da_gain, 0.5, "per stress unit", 0.2, 0.0, 3.0, "STR-5", ASSUMED,                  \
        "assumed magnitude: footshock releases CRF in the VTA, which excites DA neurons and "  \
        "is needed for stress-induced reinstatement (Wang et al. 2005 J Neurosci; Wanat et "  \
        "al. 2008); stressors raise accumbal DA by ~25-50% (Abercrombie et al. 1989)",        \
        "rise of DA release per unit of stress state")                                      \
    X(alpha_place, 0.05, "1 per drug outcome", 0.2, 0.005, 0.3, "CPP-1", ASSUMED,           \
        "assumed: cocaine CPP in mice reaches most of its size after 2-4 pairings (Tzschentke " \
        "2007 review); a 30-min pairing holds place_check_per_min x 30 outcomes",             \
        "learning rate of a compartment's value per drug outcome")                          \
    X(place_switch_per_min, 3.0, "1/min", 0.3, 0.5, 6.0, "CPP-2", ASSUMED,                    \
        "assumed: mice cross between CPP compartments ~15-40 times in a 15-20-min test",     \
        "rate of crossing between compartments with equal values")                          \
    X(place_beta, 0.3, "1/RU", 0.2, 0.05, 3.0, "CPP-2", ASSUMED,                              \
        "assumed: 10 mg/kg cocaine i.p. conditioning raises time in the paired compartment " \
        "to ~60-70 % of a test (Tzschentke 2007)", "sensitivity of compartment choice to the " \
        "difference of their values")                                                        \
    X(place_check_per_min, 0.5, "1/min", 0.2, 0.02, 2.0, "CPP-3", ASSUMED,                   \
        "assumed: CPP extinguishes over ~3-8 daily drug-free tests in mice (e.g. Redila & "   \
        "Chavkin 2008)", "drug outcomes per minute in a compartment: found with the drug "    \
        "state, omitted without it")                                                         \
    X(lc_evidence_intero, 0.5, "log-odds per relative DA rise per min", 0.2, 0.05, 5.0,     \
        "BEL-5", ASSUMED, "assumed magnitude: the drug's interoceptive state is a discriminative " \
        "stimulus that retrieves the drug-taking context (priming: de Wit & Stewart 1981; "  \
        "latent causes, Gershman 2010)", "log-odds shift toward the drug cause per minute "   \
        "of tonic DA raised above rest, per unit relative rise, per nat")                  \
    X(habit_alpha, 0.02, "1 per completion", 0.2, 0.002, 0.02, "LRN-5", CALIBRATED,        \
        "calibrated (one value for all genotypes, docs/VALIDATION.md); range: responding "    \
        "becomes habitual (insensitive to devaluation) between ~100 and ~500 reinforced "     \
        "responses (Adams 1982; Dickinson 1985), i.e. 1/e of the way in 50-500 completions", \
        "learning rate of the habit: the rate it emits moves toward the rate of reinforced completions")   \
    X(habit_ext_tau_min, 480.0, "min", 0.2, 60.0, 600.0, "LRN-5", CALIBRATED,               \
        "calibrated (120-600 tried against S6a/S6a', docs/MODEL.md Status; one value for "   \
        "all genotypes); form: extinction as decrements that grow with the time spent in "   \
        "extinction, not with the responses made (behavioural momentum: Nevin, McLean & "      \
        "Grace 2001 Anim Learn Behav 29:176; Nevin 2012 Behav Processes 90:89; abstracts "    \
        "read); range assumed: the habit's part of cocaine extinction in mice lasts a few "    \
        "1-2-h daily sessions, 1/e in 1-10 h", \
        "extinction time constant of the habit: minutes of session time after an omitted "   \
        "reinforcer for it to fall by 1/e, without KOR signalling") \
    X(cue_opioid_release, 1.0, "fraction", 0.2, 0.0, 1.0, "OP-9", ASSUMED,                \
        "assumed magnitude (no source gives one): environmental stimuli that elicit relapse " \
        "release beta-endorphin in the NAc (Simmons & Self 2009, Neuropsychopharmacology "   \
        "34:1946); a cocaine cue raised NAc beta-endorphin on day 1 of forced abstinence "   \
        "(Dikshtein et al. 2013, Neuropsychopharmacology 38:2508; abstract read, magnitude " \
        "not); range assumed: a conditioned release restores at most the drug state's own "  \
        "level; at the range's top (naltrexone's lowering of cue seeking, L4, rests on it)", \
        "fraction of the beta-endorphin excess its drug-cause conditioning predicts that a " \
        "cue presentation restores")                                                         \
    X(da_set_day_cv, 0.06, "1", 0.0, 0.0, 0.15, "BEH-2", CALIBRATED,                       \
        "calibrated (0.03-0.1 tried against L11.2 and the seed claims, issue 11 step s28; "  \
        "one value for all genotypes): 0.06 gives trained mice a day-to-day CV of "          \
        "infusions of about 0.14; range derived: 0-0.15 gives day-to-day CVs of intake up "  \
        "to about 0.25, the span of rodent self-administration (panel L11: 0.1-0.3; the "    \
        "Coffey lab's mouse files, docs/VALIDATION.md L11: about 0.27) and the seed lab's "  \
        "stability criterion (<= 20 % deviation over 3 sessions, BRIEF 4)",                  \
        "day-to-day variation of the cocaine set point: CV of each session's factor on it "  \
        "(lognormal, mean 1)")                                                               \
    X(intero_threshold, 0.3, "fraction of the drug state", 0.0, 0.2, 0.5, "BEL-5", DERIVED, \
        "derived from cocaine drug discrimination, taking the tonic DA rise as about "        \
        "proportional to the dose: rats trained on 5 mg/kg cocaine i.p. took 1 mg/kg for "    \
        "saline and 2.5 mg/kg for cocaine (Pharmacol Biochem Behav 1981 14:81, PMID "         \
        "7465610), a half-generalizing dose near 1.6 mg/kg, 0.3 of the training dose; rats "  \
        "trained on 10 mg/kg discriminated 2.5 mg/kg poorly (Schechter 1994 Life Sci "        \
        "55:1033); range: the two sources' brackets, 0.2-0.5 of the training dose",          \
        "share of the drug state (the mean relative tonic DA rise the drug outcomes came "   \
        "with) below which a DA rise is not taken for the drug's interoceptive state")     \
    X(crf_rise_tau_min, 3.0, "min", 0.25, 1.0, 5.0, "STR-1", ASSUMED,                       \
        "assumed from the onset of the stress response: corticosterone rises within "       \
        "minutes of an acute stressor and peaks at ~15 min (Ferland & Schrader 2011 "         \
        "Neurosci Lett 489:154, PMID 21146591), so its upstream CRF/ACTH drive plateaus "     \
        "before (3 x 3 min = 9 min to 95 %); a brief stressor gives a near-full response "    \
        "that outlasts it (1-min footshock: brain corticosterone up by 15 min, peak at "      \
        "60 min, Dominguez et al. 2014 and Dorey et al. 2012 in the review table PMC9972486 " \
        "T3); range: 1 min (ACTH detectable "                                                \
        "within minutes) to 5 min (plateau no later than corticosterone's peak, 3 x 5 = "     \
        "15 min)",                                                                           \
        "rise time constant of the stress state while the drive exceeds it (the fall: "      \
        "crf_tau_min)")

#define RL_PARAM_FIELD_(name, value, unit, cv, lo, hi, eq, basis, source, meaning) double name;
typedef struct rl_params {
    RL_PARAMS(RL_PARAM_FIELD_)
} rl_params_t;
#undef RL_PARAM_FIELD_

/* Where a parameter's value comes from (the table's basis column, read from its source):
**   MEASURED    the number is read from a cited measurement (e.g. a half-life, a Km);
**   DERIVED     computed from other values or measurements (e.g. a volume of distribution
**               times a partition ratio), or set so that a computed quantity matches one;
**   CALIBRATED  fitted so that the simulated studies reproduce behavioural findings
**               (docs/VALIDATION.md); these are the values tools/sensitivity.sh perturbs;
**   ASSUMED     neither: a stated assumption, a value adopted from a model, a convention or
**               a numerical setting. */
typedef enum rl_param_basis {
    RL_BASIS_MEASURED,
    RL_BASIS_DERIVED,
    RL_BASIS_CALIBRATED,
    RL_BASIS_ASSUMED
} rl_param_basis_t;

#define RL_PARAM_BASIS_COUNT 4

/* One row of the parameter table. */
typedef struct rl_param_info {
    const char *name;
    double value;
    const char *unit;
    double cv;       /* between-mouse coefficient of variation (log-normal); 0 = fixed */
    double lo, hi;   /* plausible range; individual draws are clipped to it */
    const char *eq;  /* equation ID in docs/MODEL.md */
    rl_param_basis_t basis;
    const char *source;
    const char *meaning;
    size_t offset;   /* offsetof(rl_params_t, name) */
} rl_param_info_t;

/* Number of parameters, and row i of the table. */
RL_API size_t rl_param_count(void);
RL_API const rl_param_info_t *rl_param_info(size_t i);

/* The basis's name in lower case ("measured", "derived", "calibrated", "assumed"; static
** storage), or NULL for a value that is not a basis. */
RL_API const char *rl_param_basis_name(rl_param_basis_t basis);

/* The basis called name (as rl_param_basis_name spells it), or -1 if there is none. */
RL_API int rl_param_basis_find(const char *name);

/* Index of the parameter called name, or -1. */
RL_API int rl_param_find(const char *name);

/* The table's values (the "average mouse"). */
RL_API void rl_params_default(rl_params_t *out);

/* An individual mouse: each parameter with cv > 0 is m * exp(sigma Z - sigma^2/2),
** sigma^2 = ln(1 + cv^2), Z ~ N(0,1) from r, clipped to [lo, hi], where m is the
** population value: base's value if base is not NULL (see rl_params_set), else the
** table's. Draws are made in table order, so adding a parameter at the end does not change
** earlier draws. */
RL_API void rl_params_draw(rl_params_t *out, const rl_params_t *base, gsl_rng *r);

/* Set the population value of parameter `name` in p from "name=value" text (as given to
** `relapselab run --set`). Returns 0, or RL_ERR_INVALID (unknown name, bad number, or a
** value outside the plausible range) with a message in err. */
RL_API int rl_params_set(rl_params_t *p, const char *assignment, struct rl_error *err);

/* Value of parameter i in p. */
RL_API double rl_params_get(const rl_params_t *p, size_t i);

#endif
