/* drugs.c -- the drug table (the only place that knows drug names) and its look-ups.
**
** Two tables in one array: the names (rl_drug_label: name, aliases, kind, form -- for the
** readers that resolve names to ids and for listings) and the numbers (rl_drug_get: all
** the model sees). The model code never references the name side, and
** tests/cli/test_knockout_rule.sh checks that on the object files. One row per drug: molecular weight of the form doses are given in, Ki and intrinsic
** efficacy at each target, an optional long-lasting receptor inactivation, and
** one-compartment PK per route. Each number has a plausible range and a source; the unit
** is the field's (drugs.h). Values marked "approximate" are recalled rather than read
** from the source, and their ranges are wide on purpose; "assumed" values are reasoned
** guesses with the reasoning given. Absent Ki = no meaningful binding (> 10 uM); absent
** route = no data ("naloxone has no p.o. data").
**
** Cocaine's row is also the population of the mouse model's own PK ([PK-1], [PK-2] and
** params.h): its i.v. half-life and DAT Ki are the RL_COCAINE_* numbers of drugs.h, which
** the parameter table's rows coc_half_life_min and coc_ki_uM use too, and its volume of
** distribution is derived from RL_COCAINE_UM_PER_MG_KG, the population value of the row
** coc_uM_per_mg_kg (tests/unit/test_drugs.c checks all three). Cocaine is the one
** self-administrable drug (the self_administrable column).
**
** Systemic routes of a drug share its distribution (Vd and brain_per_plasma) and, unless
** a route was measured on its own (cocaine i.p.), its elimination half-life: the per-drug
** macros below (XXX_T, XXX_DIST) hold them once.
*/
#include "relapselab/drugs.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define V(v, lo, hi, src) {(v), (lo), (hi), (src)}
#define BIND(ki, ki_lo, ki_hi, ki_src, eff) {V(ki, ki_lo, ki_hi, ki_src), eff}
#define NEUTRAL V(0.0, 0.0, 0.0, "antagonist (no intrinsic activity)")

/* Shared sources of route constants that no study measured for the drug in the mouse. */
#define BOLUS_F V(1.0, 1.0, 1.0, "definition: the whole dose enters the plasma")
#define NO_KA {0.0, 0.0, 0.0, NULL} /* i.v. is a bolus */
#define IP_F(v) V(v, 0.2, 1.0, "assumed: i.p. doses partly pass the liver first (first pass)")
#define IP_KA(v)                                                                           \
    V(v, 0.05, 2.0, "assumed: absorption from the peritoneum within minutes (brain peak "  \
        "~5-20 min, see the derived Tmax)")
#define SC_F V(0.9, 0.5, 1.0, "assumed: near-complete absorption from s.c. tissue")
#define SC_KA(v)                                                                           \
    V(v, 0.01, 0.5, "assumed: absorption from s.c. tissue over tens of minutes (brain "    \
        "peak ~15-80 min, see the derived Tmax)")
#define PO_KA(v)                                                                           \
    V(v, 0.005, 0.2, "assumed: gastric emptying and absorption (brain peak ~0.5-2.5 h, "   \
        "see the derived Tmax)")
#define ICV_F V(1.0, 1.0, 1.0, "definition: injected into the lateral ventricle")
#define ICV_KA V(0.2, 0.05, 1.0, "assumed: spread from the ventricle into tissue over minutes")
#define ICV_DIST                                                                           \
    V(0.02, 0.004, 0.1, "assumed: the brain (~0.45 mL) of a 25-g mouse = 0.018 L/kg; "     \
        "ECF + CSF alone ~0.005 L/kg"),                                                    \
    V(1.0, 1.0, 1.0, "definition: for i.c.v. the volume is the brain's")

/* --- per-drug elimination and distribution, shared by its systemic routes --- */
#define COC_DIST                                                                           \
    V(RL_COCAINE_VD_L_PER_KG, 1.5, 4.0, "derived: brain_per_plasma x 1000 / (0.9 uM per "  \
        "mg/kg x MW) = 2.62 L/kg, so 1 mg/kg gives params.h coc_uM_per_mg_kg in the brain; " \
        "rodent Vd ~2-3 L/kg"),                                                            \
    V(RL_COCAINE_BRAIN_PER_PLASMA, 0.5, 1.0, "brain ECF : blood ~0.7-0.8 at steady state " \
        "(no-net-flux microdialysis, rat; physiology.md)")
#define NLX_T                                                                              \
    V(30.0, 15.0, 70.0, "approximate: rat brain and serum t1/2 ~30-40 min (Ngai 1976 "     \
        "Anesthesiology); mouse assumed similar")
#define NLX_DIST                                                                           \
    V(3.0, 1.5, 8.0, "approximate: rodent Vd a few L/kg (assumed)"),                       \
    V(1.0, 0.3, 4.0, "approximate: enters brain fast, brain:serum total ~3 (Ngai 1976); "  \
        "free ratio assumed ~1")
#define NTX_T V(60.0, 20.0, 240.0, "approximate: rodent plasma t1/2 ~1 h (assumed)")
#define NTX_DIST                                                                           \
    V(5.0, 2.0, 16.0, "approximate: several L/kg (human ~16 L/kg; rodent assumed lower)"), \
    V(0.8, 0.2, 2.0, "approximate: brain-penetrant, low plasma protein binding; free "     \
        "ratio assumed ~1")
#define BUP_T                                                                              \
    V(180.0, 60.0, 480.0, "approximate: mouse plasma t1/2 a few hours (assumed); slow MOR " \
        "dissociation is not represented")
#define BUP_DIST                                                                           \
    V(7.0, 3.0, 15.0, "approximate: lipophilic, large Vd (human ~3-6 L/kg; assumed)"),     \
    V(0.1, 0.02, 0.5, "approximate: ~96% bound in plasma; brain:plasma total ~2-5")
#define NORBNI_T                                                                           \
    V(240.0, 60.0, 2880.0, "approximate: plasma t1/2 hours (assumed); persistence in brain " \
        "for weeks (Patkar 2013 JPET) is lumped into the inactivation half-life")
#define NORBNI_DIST                                                                        \
    V(5.0, 1.0, 20.0, "approximate (assumed)"),                                            \
    V(0.05, 0.005, 0.3, "approximate: large, charged molecule, slow brain entry (assumed)")
#define JDTIC_T                                                                            \
    V(600.0, 120.0, 2880.0, "approximate: long plasma and brain t1/2 in rodents, hours to " \
        "a day (assumed)")
#define JDTIC_DIST                                                                         \
    V(10.0, 2.0, 40.0, "approximate (assumed)"), V(0.1, 0.01, 0.5, "approximate (assumed)")
#define NTI_T V(90.0, 30.0, 240.0, "approximate (assumed)")
#define NTI_DIST                                                                           \
    V(5.0, 1.0, 15.0, "approximate (assumed)"),                                            \
    V(0.3, 0.05, 1.0, "approximate: acts centrally after systemic doses (assumed ratio)")
#define BFNA_T V(120.0, 30.0, 480.0, "approximate (assumed)")
#define U50_T V(45.0, 20.0, 120.0, "approximate: effects last ~1-2 h in mice (assumed)")
#define U50_DIST                                                                           \
    V(5.0, 2.0, 15.0, "approximate (assumed)"), V(0.3, 0.05, 1.0, "approximate (assumed)")
#define SCH_T V(30.0, 10.0, 90.0, "approximate: short plasma t1/2 in rodents (~0.5 h; assumed)")
#define SCH_DIST                                                                           \
    V(3.0, 1.0, 10.0, "approximate (assumed)"), V(0.3, 0.05, 1.0, "approximate (assumed)")
#define RAC_T V(60.0, 20.0, 180.0, "approximate (assumed)")
#define RAC_DIST                                                                           \
    V(2.0, 0.5, 6.0, "approximate (assumed)"), V(0.1, 0.02, 0.5, "approximate (assumed)")

#define NO_INACT .inact_half_life_h = {0.0, 0.0, 0.0, NULL}

/* A row: the drug's entry in the name table (rl_drug_label_t) and its numbers (rl_drug_t),
** kept side by side so that they cannot fall out of step. */
typedef struct drug_row {
    rl_drug_label_t label;
    rl_drug_t drug;
} drug_row_t;

static const drug_row_t drugs[] = {
    {{"cocaine", {"cocaine HCl", "cocaine hydrochloride"}, "DAT blocker (psychostimulant)",
        "hydrochloride"},
        {V(RL_COCAINE_MW, 303.4, 339.8, "cocaine HCl (base 303.4); doses as the salt"),
        .target = {[RL_TARGET_DAT] = BIND(RL_COCAINE_DAT_KI_NM, RL_COCAINE_DAT_KI_LO_NM,
                       RL_COCAINE_DAT_KI_HI_NM,
                       "Han & Gu 2006 BMC Pharmacol: 0.2-0.7 uM (= params.h coc_ki_uM)",
                       V(0.0, 0.0, 0.0, "uptake blocker: competitive inhibitor of DA "
                           "transport, not transported [DA-1]")),
            [RL_TARGET_NET] = BIND(RL_COCAINE_NET_KI_NM, RL_COCAINE_NET_KI_LO_NM,
                       RL_COCAINE_NET_KI_HI_NM,
                       "Han & Gu 2006 BMC Pharmacol: 0.2-0.7 uM at DAT, NET and SERT "
                       "(= params.h coc_net_ki_uM)",
                       V(0.0, 0.0, 0.0, "uptake blocker [DA-1]"))},
        NO_INACT,
        .route = {
            [RL_ROUTE_IV] = {BOLUS_F, NO_KA,
                V(RL_COCAINE_HALF_LIFE_MIN, RL_COCAINE_HALF_LIFE_LO_MIN,
                    RL_COCAINE_HALF_LIFE_HI_MIN, "Tsibulsky & Norman 2005 (mouse, functional, "
                    "during self-administration; = params.h coc_half_life_min)"), COC_DIST},
            [RL_ROUTE_IP] = {V(0.7, 0.3, 1.0, "approximate: first pass of i.p. dosing (assumed)"),
                V(0.6, 0.2, 2.0, "set so brain Tmax is ~4.7 min (<= 5 min after i.p., "
                    "Benuck 1987 JPET)"),
                V(16.0, 10.0, 25.0, "Benuck, Lajtha & Reith 1987 JPET (mouse brain and "
                    "plasma after i.p.)"), COC_DIST},
            [RL_ROUTE_SC] = {V(0.9, 0.5, 1.0, "assumed: cocaine's local vasoconstriction "
                    "slows its absorption from s.c. tissue but most of the dose is absorbed "
                    "(dog: lower, sustained plasma levels after s.c., Woods et al. 1951 JPET "
                    "101:200)"),
                V(0.025, 0.005, 0.2, "assumed: brain Tmax ~30 min (derived Tmax), slower "
                    "than i.p. (vasoconstriction): human plasma peaks 30-40 min after s.c. "
                    "(Kolbrich et al. 2006 J Anal Toxicol 30:501); rat brain peaks up to "
                    "hours after 20 mg/kg s.c. (Nayak, Misra & Mule 1976 JPET)"),
                V(16.0, 8.0, 25.0, "Benuck, Lajtha & Reith 1987 JPET (mouse elimination "
                    "after i.p.); the same systemic elimination assumed after s.c."),
                COC_DIST}},
        .self_administrable = 1}},
    {{"naloxone", {"naloxone HCl", "Narcan"}, "opioid antagonist (short-acting)",
        "hydrochloride"},
        {V(363.8, 327.4, 399.9, "naloxone HCl (base 327.4; HCl dihydrate 399.9)"),
        .target = {
            [RL_TARGET_MOR] = BIND(1.5, 0.5, 5.0, "approximate: ~1-2 nM (Toll 1998 NIDA Res "
                "Monogr; PDSP Ki database)", NEUTRAL),
            [RL_TARGET_DOR] = BIND(30.0, 10.0, 100.0, "approximate: tens of nM (Toll 1998; PDSP)",
                NEUTRAL),
            [RL_TARGET_KOR] = BIND(12.0, 2.0, 30.0, "approximate: ~2-20 nM (Toll 1998; PDSP)",
                NEUTRAL)},
        NO_INACT,
        .route = {
            [RL_ROUTE_IV] = {BOLUS_F, NO_KA, NLX_T, NLX_DIST},
            [RL_ROUTE_IP] = {IP_F(0.6), IP_KA(0.4), NLX_T, NLX_DIST},
            [RL_ROUTE_SC] = {SC_F, SC_KA(0.15), NLX_T, NLX_DIST}}}},
    {{"naltrexone", {"naltrexone HCl", "NTX"}, "opioid antagonist (longer-acting)",
        "hydrochloride"},
        {V(377.9, 341.4, 413.9, "naltrexone HCl (base 341.4; HCl dihydrate 413.9)"),
        .target = {
            [RL_TARGET_MOR] = BIND(0.3, 0.1, 1.0, "approximate: ~0.1-0.5 nM (Toll 1998 NIDA "
                "Res Monogr; PDSP)", NEUTRAL),
            [RL_TARGET_DOR] = BIND(15.0, 3.0, 60.0, "approximate (Toll 1998; PDSP)", NEUTRAL),
            [RL_TARGET_KOR] = BIND(1.0, 0.2, 5.0, "approximate: ~0.5-5 nM (Toll 1998; PDSP)",
                V(0.0, 0.0, 0.2, "antagonist in vivo; weak partial KOR agonism in some "
                    "assays (approximate)"))},
        NO_INACT,
        .route = {
            [RL_ROUTE_IP] = {IP_F(0.6), IP_KA(0.3), NTX_T, NTX_DIST},
            [RL_ROUTE_SC] = {SC_F, SC_KA(0.1), NTX_T, NTX_DIST},
            [RL_ROUTE_PO] = {V(0.1, 0.02, 0.4, "approximate: extensive first pass (human "
                                 "oral F 5-40%)"), PO_KA(0.05), NTX_T, NTX_DIST}}}},
    {{"buprenorphine", {"buprenorphine HCl", "Buprenex", "Temgesic", "BUP"},
        "MOR partial agonist, KOR antagonist", "hydrochloride"},
        {V(504.1, 467.6, 504.1, "buprenorphine HCl (base 467.6)"),
        .target = {
            [RL_TARGET_MOR] = BIND(0.2, 0.05, 1.0, "approximate: sub-nM (Toll 1998 NIDA Res "
                "Monogr; PDSP)", V(0.4, 0.2, 0.6, "partial agonist with a ceiling (Cowan 1977 "
                    "Br J Pharmacol; Lutfy 2003 J Neurosci); value approximate")),
            [RL_TARGET_DOR] = BIND(2.0, 0.5, 20.0, "approximate (Toll 1998; PDSP)",
                V(0.0, 0.0, 0.2, "antagonist (approximate)")),
            [RL_TARGET_KOR] = BIND(0.5, 0.05, 2.0, "approximate: sub-nM to nM (Toll 1998; PDSP)",
                V(0.0, 0.0, 0.2, "antagonist (Leander 1987 Neuropharmacology)"))},
        NO_INACT,
        .route = {
            [RL_ROUTE_IP] = {IP_F(0.6), IP_KA(0.2), BUP_T, BUP_DIST},
            [RL_ROUTE_SC] = {SC_F, SC_KA(0.1), BUP_T, BUP_DIST},
            [RL_ROUTE_PO] = {V(0.1, 0.02, 0.3, "approximate: extensive first pass (low oral "
                                 "F in humans)"), PO_KA(0.03), BUP_T, BUP_DIST}}}},
    {{"nor-BNI", {"norBNI", "nor-binaltorphimine", "norbinaltorphimine"},
        "KOR antagonist (long-acting)", "dihydrochloride"},
        {V(734.7, 661.8, 734.7, "nor-BNI dihydrochloride (base 661.8)"),
        .target = {
            [RL_TARGET_KOR] = BIND(0.3, 0.03, 1.0, "approximate: ~0.1-0.5 nM (Portoghese 1987 "
                "Life Sci; PDSP)", V(0.0, 0.0, 0.0, "antagonist (Portoghese 1987 Life Sci)")),
            [RL_TARGET_MOR] = BIND(40.0, 5.0, 200.0, "approximate: ~100-fold weaker than at "
                "KOR (Portoghese 1987)", NEUTRAL),
            [RL_TARGET_DOR] = BIND(40.0, 5.0, 200.0, "approximate: ~100-fold weaker than at "
                "KOR (Portoghese 1987)", NEUTRAL)},
        RL_TARGET_KOR,
        V(336.0, 120.0, 720.0, "approximate: one dose blocks KOR for >= 3-4 weeks in mice "
            "(Horan 1992 JPET), via JNK (Bruchas 2007 J Biol Chem; Melief 2011 Mol "
            "Pharmacol); half-life assumed from that duration"),
        .route = {
            [RL_ROUTE_IP] = {IP_F(0.8), V(0.1, 0.02, 0.5, "assumed: slow brain entry of a large "
                "molecule (brain peak ~0.5 h)"), NORBNI_T, NORBNI_DIST},
            [RL_ROUTE_SC] = {SC_F, SC_KA(0.05), NORBNI_T, NORBNI_DIST}}}},
    {{"JDTic", {"JDTic dihydrochloride"}, "KOR antagonist (long-acting)", "dihydrochloride"},
        {V(538.6, 465.6, 538.6, "JDTic dihydrochloride (base C28H39N3O3, 465.6)"),
        .target = {
            [RL_TARGET_KOR] = BIND(0.3, 0.01, 1.0, "approximate: Ke 0.02 nM ([35S]GTPgS), "
                "binding sub-nM (Thomas 2001 J Med Chem)", V(0.0, 0.0, 0.0,
                    "antagonist (Thomas 2001 J Med Chem)")),
            [RL_TARGET_MOR] = BIND(100.0, 10.0, 1000.0, "approximate: > 100-fold "
                "KOR-selective (Thomas 2001)", NEUTRAL),
            [RL_TARGET_DOR] = BIND(1000.0, 100.0, 10000.0, "approximate: > 1000-fold "
                "KOR-selective (Thomas 2001)", NEUTRAL)},
        RL_TARGET_KOR,
        V(336.0, 120.0, 720.0, "approximate: KOR blockade for weeks after one dose (Carroll "
            "2004 Eur J Pharmacol), via JNK1 (Melief 2011 Mol Pharmacol); half-life assumed "
            "from that duration"),
        .route = {
            [RL_ROUTE_SC] = {SC_F, SC_KA(0.05), JDTIC_T, JDTIC_DIST},
            [RL_ROUTE_PO] = {V(0.3, 0.05, 0.8, "approximate: orally active (Carroll 2004 Eur "
                                 "J Pharmacol)"), PO_KA(0.02), JDTIC_T, JDTIC_DIST}}}},
    {{"naltrindole", {"NTI", "naltrindole HCl"}, "DOR antagonist", "hydrochloride"},
        {V(451.0, 414.5, 451.0, "naltrindole HCl (base 414.5)"),
        .target = {
            [RL_TARGET_DOR] = BIND(0.1, 0.02, 0.5, "approximate: ~0.1 nM (Portoghese 1988 Eur "
                "J Pharmacol; PDSP)", V(0.0, 0.0, 0.0, "antagonist (Portoghese 1988 Eur J "
                    "Pharmacol)")),
            [RL_TARGET_MOR] = BIND(20.0, 3.0, 100.0, "approximate: ~100-fold weaker than at "
                "DOR (Portoghese 1988; PDSP)", NEUTRAL),
            [RL_TARGET_KOR] = BIND(30.0, 5.0, 300.0, "approximate (Portoghese 1988; PDSP)",
                NEUTRAL)},
        NO_INACT,
        .route = {
            [RL_ROUTE_IP] = {IP_F(0.7), IP_KA(0.3), NTI_T, NTI_DIST},
            [RL_ROUTE_SC] = {SC_F, SC_KA(0.1), NTI_T, NTI_DIST}}}},
    {{"CTAP", {"D-Phe-Cys-Tyr-D-Trp-Arg-Thr-Pen-Thr-NH2"},
        "MOR antagonist (peptide; i.c.v. only, does not cross the BBB)", "free peptide"},
        {V(1104.3, 1104.3, 1300.0, "C51H69N13O11S2; TFA or acetate salts weigh up to ~1300"),
        .target = {
            [RL_TARGET_MOR] = BIND(2.0, 0.5, 10.0, "approximate: ~2 nM (Kramer 1989 JPET)",
                V(0.0, 0.0, 0.0, "antagonist (Kramer 1989 JPET)")),
            [RL_TARGET_DOR] = BIND(3000.0, 1000.0, 20000.0, "approximate: ~1000-fold "
                "MOR-selective (Kramer 1989 JPET)", NEUTRAL)},
        NO_INACT,
        .route = {
            [RL_ROUTE_ICV] = {ICV_F, ICV_KA, V(60.0, 20.0, 240.0, "assumed: clearance of a "
                "peptide from the brain (CSF bulk flow, peptidases); approximate"), ICV_DIST}}}},
    {{"beta-FNA", {"β-FNA", "bFNA", "beta-funaltrexamine", "β-funaltrexamine"},
        "irreversible MOR antagonist, reversible KOR agonist", "hydrochloride"},
        {V(491.0, 454.5, 491.0, "beta-FNA HCl (base 454.5)"),
        .target = {
            [RL_TARGET_MOR] = BIND(0.5, 0.1, 3.0, "approximate: reversible binding before "
                "alkylation (Portoghese 1980 J Med Chem; Ward 1982 JPET)", V(0.0, 0.0, 0.0,
                    "irreversible antagonist: alkylates MOR (Portoghese 1980 J Med Chem)")),
            [RL_TARGET_DOR] = BIND(10.0, 1.0, 100.0, "approximate (reversible)", NEUTRAL),
            [RL_TARGET_KOR] = BIND(2.0, 0.3, 20.0, "approximate (reversible)", V(0.6, 0.3, 1.0,
                "reversible KOR agonist (Ward 1982 JPET); efficacy approximate"))},
        RL_TARGET_MOR,
        V(72.0, 24.0, 168.0, "approximate: MOR antagonism lasts days after one dose (Ward "
            "1982 JPET); recovery by receptor turnover (half-life assumed)"),
        .route = {
            [RL_ROUTE_SC] = {SC_F, SC_KA(0.1), BFNA_T, V(5.0, 1.0, 15.0,
                "approximate (assumed)"), V(0.2, 0.05, 1.0, "approximate (assumed)")},
            [RL_ROUTE_ICV] = {ICV_F, ICV_KA, BFNA_T, ICV_DIST}}}},
    {{"U50,488", {"U50488", "U-50488", "U-50,488H", "U50488H"}, "KOR agonist (full)",
        "hydrochloride"},
        {V(405.8, 369.3, 465.4, "U50,488 HCl (base 369.3; methanesulfonate "
                             "465.4): check the salt used"),
        .target = {
            [RL_TARGET_KOR] = BIND(1.0, 0.2, 10.0, "approximate: ~1 nM (Von Voigtlander 1983 "
                "JPET; PDSP)", V(1.0, 0.8, 1.0, "full agonist (Von Voigtlander 1983 JPET)")),
            [RL_TARGET_MOR] = BIND(1000.0, 200.0, 5000.0, "approximate: ~1000-fold "
                "KOR-selective (Von Voigtlander 1983; PDSP)", V(0.5, 0.0, 1.0,
                    "unknown: negligible at usual doses (assumed midpoint)"))},
        NO_INACT,
        .route = {
            [RL_ROUTE_IP] = {IP_F(0.7), IP_KA(0.3), U50_T, U50_DIST},
            [RL_ROUTE_SC] = {SC_F, SC_KA(0.1), U50_T, U50_DIST}}}},
    {{"SCH23390", {"SCH 23390", "SCH-23390"}, "D1 antagonist", "hydrochloride"},
        {V(324.2, 287.8, 324.2, "SCH23390 HCl (base 287.8)"),
        .target = {
            [RL_TARGET_D1] = BIND(0.3, 0.1, 1.0, "approximate: 0.2-0.7 nM (Hyttel 1983 Eur J "
                "Pharmacol; Iorio 1983 JPET)", V(0.0, 0.0, 0.0, "antagonist (Hyttel 1983; "
                    "Iorio 1983)")),
            [RL_TARGET_D2] = BIND(1000.0, 300.0, 5000.0, "approximate: ~1 uM, > 1000-fold "
                "D1-selective (Hyttel 1983)", NEUTRAL)},
        NO_INACT,
        .route = {
            [RL_ROUTE_IP] = {IP_F(0.7), IP_KA(0.3), SCH_T, SCH_DIST},
            [RL_ROUTE_SC] = {SC_F, SC_KA(0.15), SCH_T, SCH_DIST}}}},
    {{"raclopride", {"raclopride tartrate"}, "D2 antagonist", "tartrate"},
        {V(497.3, 347.2, 497.3, "raclopride tartrate (base 347.2)"),
        .target = {
            [RL_TARGET_D2] = BIND(1.8, 0.5, 5.0, "approximate: ~1-2 nM (Köhler 1985 Biochem "
                "Pharmacol)", V(0.0, 0.0, 0.0, "antagonist (Köhler 1985 Biochem Pharmacol)"))},
        NO_INACT,
        .route = {
            [RL_ROUTE_IP] = {IP_F(0.7), IP_KA(0.3), RAC_T, RAC_DIST},
            [RL_ROUTE_SC] = {SC_F, SC_KA(0.15), RAC_T, RAC_DIST}}}},
};

#define TARGET_NAME_(id, name) name,
#define ROUTE_NAME_(id, name, long_name) name,
#define ROUTE_LONG_NAME_(id, name, long_name) long_name,
static const char *const target_names[RL_TARGET_COUNT] = {RL_TARGETS(TARGET_NAME_)};
static const char *const route_names[RL_ROUTE_COUNT] = {RL_ROUTES(ROUTE_NAME_)};
static const char *const route_long_names[RL_ROUTE_COUNT] = {RL_ROUTES(ROUTE_LONG_NAME_)};
#undef TARGET_NAME_
#undef ROUTE_NAME_
#undef ROUTE_LONG_NAME_

int
rl_drug_count(void)
{
    return (int) (sizeof drugs / sizeof drugs[0]);
}

const rl_drug_t *
rl_drug_get(int i)
{
    if (i < 0 || i >= rl_drug_count()) {
        return NULL;
    }
    return &drugs[i].drug;
}

const rl_drug_label_t *
rl_drug_label(int i)
{
    if (i < 0 || i >= rl_drug_count()) {
        return NULL;
    }
    return &drugs[i].label;
}

int
rl_drug_id(const rl_drug_t *d)
{
    int i;
    for (i = 0; i < rl_drug_count(); i++) {
        if (d == &drugs[i].drug) {
            return i;
        }
    }
    return -1;
}

/* The name of d for messages ("?" for a drug not from the table). */
static const char *
name_of(const rl_drug_t *d)
{
    int i = rl_drug_id(d);
    return i >= 0 ? drugs[i].label.name : "?";
}

/* Next significant character of a name: ASCII letters lowered, " -,._()" skipped,
** other bytes (digits, UTF-8) as they are; '\0' at the end. */
static unsigned char
next_key_char(const char **s)
{
    unsigned char c;
    while ((c = (unsigned char) **s) != '\0' && strchr(" -,._()", c) != NULL) {
        (*s)++;
    }
    if (c == '\0') {
        return c;
    }
    (*s)++;
    return (c >= 'A' && c <= 'Z') ? (unsigned char) (c - 'A' + 'a') : c;
}

/* Names equal up to case and punctuation (see rl_drug_find). */
static int
same_name(const char *a, const char *b)
{
    unsigned char ca, cb;
    do {
        ca = next_key_char(&a);
        cb = next_key_char(&b);
        if (ca != cb) {
            return 0;
        }
    } while (ca != '\0');
    return 1;
}

int
rl_drug_find(const char *name, const rl_drug_t **out, rl_error_t *err)
{
    int i, j;
    *out = NULL;
    if (name == NULL || name[0] == '\0') {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "no drug name given");
    }
    for (i = 0; i < rl_drug_count(); i++) {
        const rl_drug_label_t *l = &drugs[i].label;
        if (same_name(name, l->name)) {
            *out = &drugs[i].drug;
            return RL_OK;
        }
        for (j = 0; j < RL_DRUG_ALIASES_MAX && l->aliases[j] != NULL; j++) {
            if (same_name(name, l->aliases[j])) {
                *out = &drugs[i].drug;
                return RL_OK;
            }
        }
    }
    return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0,
        "unknown drug '%s' (see 'relapselab drugs' for the %d drugs and their aliases)", name,
        rl_drug_count());
}

int
rl_drug_value_present(const rl_drug_value_t *v)
{
    return v->source != NULL;
}

double
rl_drug_ki_nM(const rl_drug_t *d, rl_target_t t)
{
    if ((int) t < 0 || t >= RL_TARGET_COUNT || !rl_drug_value_present(&d->target[t].ki_nM)) {
        return NAN;
    }
    return d->target[t].ki_nM.value;
}

void
rl_drug_routes_text(const rl_drug_t *d, char *buf, size_t n)
{
    size_t used = 0;
    int r;
    if (n == 0) {
        return;
    }
    buf[0] = '\0';
    for (r = 0; r < RL_ROUTE_COUNT; r++) {
        if (rl_drug_value_present(&d->route[r].f) && used < n) {
            int w = snprintf(buf + used, n - used, "%s%s", used > 0 ? ", " : "", route_names[r]);
            used += w > 0 ? (size_t) w : 0;
        }
    }
}

void
rl_drug_self_administrable_names(char *buf, size_t n)
{
    size_t used = 0;
    int i;
    if (n == 0) {
        return;
    }
    buf[0] = '\0';
    for (i = 0; i < rl_drug_count(); i++) {
        if (drugs[i].drug.self_administrable && used < n) {
            int w = snprintf(buf + used, n - used, "%s%s", used > 0 ? ", " : "",
                drugs[i].label.name);
            used += w > 0 ? (size_t) w : 0;
        }
    }
}

int
rl_drug_route_pk(const rl_drug_t *d, rl_route_t r, const rl_drug_route_pk_t **out,
    rl_error_t *err)
{
    char routes[64];
    *out = NULL;
    if ((int) r < 0 || r >= RL_ROUTE_COUNT) {
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "%s: invalid route %d", name_of(d),
            (int) r);
    }
    if (!rl_drug_value_present(&d->route[r].f)) {
        rl_drug_routes_text(d, routes, sizeof routes);
        return rl_error_set(err, RL_ERR_INVALID, NULL, 0, 0, "%s has no %s data (routes: %s)",
            name_of(d), route_names[r], routes);
    }
    *out = &d->route[r];
    return RL_OK;
}

const char *
rl_target_name(rl_target_t t)
{
    return ((int) t >= 0 && t < RL_TARGET_COUNT) ? target_names[t] : "?";
}

const char *
rl_route_name(rl_route_t r)
{
    return ((int) r >= 0 && r < RL_ROUTE_COUNT) ? route_names[r] : "?";
}

int
rl_target_find(const char *name)
{
    int t;
    for (t = 0; name != NULL && t < RL_TARGET_COUNT; t++) {
        if (same_name(name, target_names[t])) {
            return t;
        }
    }
    return -1;
}

int
rl_route_find(const char *name)
{
    int r;
    for (r = 0; name != NULL && r < RL_ROUTE_COUNT; r++) {
        if (same_name(name, route_names[r]) || same_name(name, route_long_names[r])) {
            return r;
        }
    }
    return -1;
}
