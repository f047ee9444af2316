/* drugs.h -- the one drug table: receptor pharmacology and pharmacokinetics by route.
**
** The knockout rule for drugs (BRIEF section 2): a treatment acts only through its
** receptor affinities (Ki), intrinsic efficacy and pharmacokinetics. This table is the
** only place that knows a drug's name; everything downstream sees the numbers of
** rl_drug_t. Like the parameter table (params.h), every number carries a plausible range
** and a source; its unit is fixed by the field (see the field comments and
** docs/DRUGS.md). A value whose source is NULL is absent: for a Ki, no meaningful binding
** (> 10 uM); for a route, no data. The names are a table of their own (rl_drug_label,
** rl_drug_find, rl_drug_self_administrable_names) that the model code must not reference
** (tests/cli/test_knockout_rule.sh checks the object files).
**
** Protocols give drugs as treatments (docs/DRUGS.md), and a drug reinforcer must be a
** drug whose self_administrable column is 1. Concentrations, occupancy and receptor
** inactivation are in drug_pk.h.
*/
#ifndef RELAPSELAB_DRUGS_H
#define RELAPSELAB_DRUGS_H

#include "relapselab/api.h"
#include "relapselab/error.h"

/* Molecular targets, in the order of the table's columns: one X-macro list of
** X(identifier, short name) gives the enum and the names (rl_target_name). */
#define RL_TARGETS(X)                                           \
    X(RL_TARGET_MOR, "MOR") /* mu-opioid receptor (Oprm1) */    \
    X(RL_TARGET_DOR, "DOR") /* delta-opioid receptor (Oprd1) */ \
    X(RL_TARGET_KOR, "KOR") /* kappa-opioid receptor (Oprk1) */ \
    X(RL_TARGET_DAT, "DAT") /* dopamine transporter (Slc6a3) */ \
    X(RL_TARGET_D1, "D1")   /* dopamine D1 receptor (Drd1) */   \
    X(RL_TARGET_D2, "D2")   /* dopamine D2 receptor (Drd2) */  \
    X(RL_TARGET_NET, "NET") /* noradrenaline transporter (Slc6a2) */
#define RL_TARGET_ENUM_(id, name) id,
typedef enum rl_target { RL_TARGETS(RL_TARGET_ENUM_) RL_TARGET_COUNT } rl_target_t;
#undef RL_TARGET_ENUM_

/* Routes of administration: X(identifier, short name, long name) (rl_route_name,
** rl_route_find). i.v. is a bolus, p.o. a gavage; an i.c.v. dose distributes in the brain
** only. */
#define RL_ROUTES(X)                                        \
    X(RL_ROUTE_IV, "i.v.", "intravenous")                   \
    X(RL_ROUTE_IP, "i.p.", "intraperitoneal")               \
    X(RL_ROUTE_SC, "s.c.", "subcutaneous")                  \
    X(RL_ROUTE_PO, "p.o.", "oral")                          \
    X(RL_ROUTE_ICV, "i.c.v.", "intracerebroventricular")
#define RL_ROUTE_ENUM_(id, name, long_name) id,
typedef enum rl_route { RL_ROUTES(RL_ROUTE_ENUM_) RL_ROUTE_COUNT } rl_route_t;
#undef RL_ROUTE_ENUM_

/* One number of the table. Its unit is that of the field holding it. */
typedef struct rl_drug_value {
    double value;
    double lo, hi;       /* plausible range, lo <= value <= hi */
    const char *source;  /* author year journal, or "assumed: ..."; NULL = absent */
} rl_drug_value_t;

/* A drug at one target. */
typedef struct rl_drug_binding {
    rl_drug_value_t ki_nM;     /* inhibition/dissociation constant, nM; absent = no binding */
    rl_drug_value_t efficacy;  /* intrinsic efficacy, 0 (antagonist, blocker) .. 1 (full
                               ** agonist); present whenever ki_nM is */
} rl_drug_binding_t;

/* One-compartment pharmacokinetics with first-order absorption for one route [DRG-1].
** f.source == NULL: no data for this route. */
typedef struct rl_drug_route_pk {
    rl_drug_value_t f;                /* bioavailability, fraction of the dose */
    rl_drug_value_t ka_per_min;       /* first-order absorption rate, 1/min; absent for
                                      ** i.v. (a bolus) */
    rl_drug_value_t half_life_min;    /* elimination half-life (apparent, for this route) */
    rl_drug_value_t vd_L_per_kg;      /* apparent volume of distribution, L per kg body
                                      ** weight (for i.c.v.: the brain's, per kg body) */
    rl_drug_value_t brain_per_plasma; /* brain free (extracellular) concentration per
                                      ** concentration in that volume at equilibrium */
} rl_drug_route_pk_t;

#define RL_DRUG_ALIASES_MAX 6

/* Cocaine's numbers that the parameter table also uses. A self-administering mouse has its
** own cocaine pharmacokinetics and DAT affinity ([PK-1]..[PK-4], [DA-1]), individual values
** drawn from the parameter table (params.h coc_half_life_min, coc_ki_uM) around population
** values that are the cocaine row's of the drug table. They are defined once, here, for
** both tables' static initialisers (a static initialiser cannot read another table's row):
** the i.v. elimination half-life (min), the Ki at the DAT (nM) and the brain concentration
** at equilibrium per mg/kg in the body (uM per mg/kg), with plausible ranges. The drug
** table's volume of distribution of cocaine is derived from the last, its brain:plasma
** ratio and its molecular weight, so both tables give the same brain level for a dose. */
#define RL_COCAINE_HALF_LIFE_MIN 8.1
#define RL_COCAINE_HALF_LIFE_LO_MIN 4.0
#define RL_COCAINE_HALF_LIFE_HI_MIN 16.0
#define RL_COCAINE_DAT_KI_NM 400.0
#define RL_COCAINE_DAT_KI_LO_NM 200.0
#define RL_COCAINE_DAT_KI_HI_NM 700.0
#define RL_COCAINE_NET_KI_NM 400.0
#define RL_COCAINE_NET_KI_LO_NM 200.0
#define RL_COCAINE_NET_KI_HI_NM 700.0
#define RL_COCAINE_UM_PER_MG_KG 0.9
#define RL_COCAINE_UM_PER_MG_KG_LO 0.3
#define RL_COCAINE_UM_PER_MG_KG_HI 2.0
#define RL_COCAINE_BRAIN_PER_PLASMA 0.8
#define RL_COCAINE_MW 339.8
/* Vd (L/kg) = brain_per_plasma x 1000 / (uM per mg/kg x MW) = 2.62 L/kg */
#define RL_COCAINE_VD_L_PER_KG \
    (RL_COCAINE_BRAIN_PER_PLASMA * 1000.0 / (RL_COCAINE_UM_PER_MG_KG * RL_COCAINE_MW))

/* A drug's names (the name table): for the readers that resolve names to ids (protocols,
** the CLI's listings), never for the model code. */
typedef struct rl_drug_label {
    const char *name;                            /* canonical name, e.g. "nor-BNI" */
    const char *aliases[RL_DRUG_ALIASES_MAX];    /* NULL-terminated when shorter */
    const char *kind;                            /* one line: "KOR antagonist (long-acting)" */
    const char *form;                            /* form the MW and doses refer to */
} rl_drug_label_t;

/* A drug as the model sees it: numbers only. */
typedef struct rl_drug {
    rl_drug_value_t mw_g_per_mol;                /* converts mg/kg to nmol/kg */
    rl_drug_binding_t target[RL_TARGET_COUNT];
    rl_target_t inact_target;                    /* meaningful if inact_half_life_h present */
    rl_drug_value_t inact_half_life_h;           /* long-lasting receptor inactivation:
                                                 ** recovery half-life, h [DRG-5]; absent
                                                 ** for reversible drugs */
    rl_drug_route_pk_t route[RL_ROUTE_COUNT];
    int self_administrable;                      /* 1: a protocol's reinforcer may be this
                                                 ** drug (type: drug), taken by i.v.
                                                 ** infusion with the mouse's own PK,
                                                 ** [PK-1]..[PK-4]; 0: a treatment only */
} rl_drug_t;

/* Number of drugs, drug i's numbers and drug i's names (0 <= i < count; NULL otherwise). */
RL_API int rl_drug_count(void);
RL_API const rl_drug_t *rl_drug_get(int i);
RL_API const rl_drug_label_t *rl_drug_label(int i);

/* The index of d in the table (d from rl_drug_get or rl_drug_find), or -1. */
RL_API int rl_drug_id(const rl_drug_t *d);

/* Find a drug by its name or an alias. Matching ignores ASCII case and the characters
** " -,._()" ("norBNI" = "nor-BNI", "U50488" = "U50,488"). Returns 0 and sets *out, or
** RL_ERR_INVALID ("unknown drug 'x'") with a message in err. */
RL_API int rl_drug_find(const char *name, const rl_drug_t **out, rl_error_t *err);

/* 1 if the table holds the value (source != NULL), else 0. */
RL_API int rl_drug_value_present(const rl_drug_value_t *v);

/* Ki (nM) of d at target t, or NAN if it does not bind. */
RL_API double rl_drug_ki_nM(const rl_drug_t *d, rl_target_t t);

/* The PK of d by route r. Returns 0 and sets *out, or RL_ERR_INVALID with a message
** ("naloxone has no p.o. data (routes: i.v., i.p., s.c.)") in err. */
RL_API int rl_drug_route_pk(const rl_drug_t *d, rl_route_t r, const rl_drug_route_pk_t **out,
    rl_error_t *err);

/* Short names ("MOR", "i.p."), or "?" out of range. */
RL_API const char *rl_target_name(rl_target_t t);
RL_API const char *rl_route_name(rl_route_t r);

/* Target or route by name (case and punctuation ignored as in rl_drug_find; routes also
** by long name, "intraperitoneal"), or -1. */
RL_API int rl_target_find(const char *name);
RL_API int rl_route_find(const char *name);

/* Write the routes d has data for, ", "-separated ("i.v., i.p."), into buf of size n. */
RL_API void rl_drug_routes_text(const rl_drug_t *d, char *buf, size_t n);

/* Write the names of the self-administrable drugs, ", "-separated ("cocaine"), into buf of
** size n (for "supported: ..." in error messages). */
RL_API void rl_drug_self_administrable_names(char *buf, size_t n);

#endif
