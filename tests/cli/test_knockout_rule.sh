#!/bin/sh
# The knockout rule (BRIEF section 2): no code outside the genotype table may branch on a
# genotype, and none outside the drug table on a drug. We look in the library and tool sources (outside src/biology/genotype.c) for
# string comparisons or table look-ups with a genotype or gene name, and for comparisons of
# a genotype id with a constant. (The validation analysis, src/analysis/validate.c, names the
# genotypes of the seed study's claims in a data table to find which groups to compare; it
# reads results and never changes a simulation, and compares through a table, not literals.)
set -eu
names='WT|Oprm1|Oprd1|Oprk1|Penk|Pdyn|Pomc|MOR|DOR|KOR|PENK|PDYN'
hits=$( (grep -rnE "(strcmp|strcasecmp|strncmp|strstr|rl_genotype_find)\([^)]*\"($names)" src include || true;
         grep -rnE 'genotype_id *(==|!=) *[0-9]|switch *\([^)]*genotype' src include || true) |
       grep -v '^src/biology/genotype.c:' || true)
if [ -n "$hits" ]; then
    echo "code outside the genotype table branches on a genotype:" >&2
    echo "$hits" >&2
    exit 1
fi
# The same rule for drugs (BRIEF section 2): a treatment acts only through the numbers of the
# drug table, so no code outside src/biology/drugs.c compares a drug's name.
drugs='naloxone|naltrexone|buprenorphine|nor-BNI|norBNI|JDTic|naltrindole|CTAP|FNA|U50|SCH23390|raclopride'
hits=$( (grep -rnE "(strcmp|strcasecmp|strncmp|strstr|rl_drug_find)\([^)]*\"($drugs)" src include || true) |
       grep -v '^src/biology/drugs.c:' || true)
if [ -n "$hits" ]; then
    echo "code outside the drug table branches on a drug name:" >&2
    echo "$hits" >&2
    exit 1
fi
echo "2 passed, 0 failed"
