# survival_ref.R -- reference values for tests/unit/test_stats_survival.c: the log-rank test
# (survival::survdiff) and Kaplan-Meier medians (survfit) of four small data sets.
# Run: Rscript tests/data/survival_ref.R (R 4.2.2, survival 3.5-3, Debian 12 r-base-core).
library(survival)
cases <- list(
 list(ta=c(3,5,7,9,40,40), ea=c(1,1,1,1,0,0), tb=c(3,3,4,3,5,6), eb=c(1,1,1,1,1,1)),
 list(ta=c(3,3,4,6,8,10,12,40,40,40), ea=c(1,1,1,1,1,1,1,0,0,0), tb=c(3,3,3,3,4,4,5,7,40,40), eb=c(1,1,1,1,1,1,1,1,0,0)),
 list(ta=c(1,2,3,4), ea=c(1,1,1,1), tb=c(2,3,4,5), eb=c(1,0,1,1)),
 list(ta=c(5,5,5,6), ea=c(1,0,1,1), tb=c(5,6,6,7,8), eb=c(1,1,0,1,0))
)
for (k in seq_along(cases)) { c <- cases[[k]]
 d <- data.frame(t=c(c$ta,c$tb), e=c(c$ea,c$eb), g=factor(c(rep("A",length(c$ta)),rep("B",length(c$tb))), levels=c("A","B")))
 s <- survdiff(Surv(t,e)~g, data=d)
 f <- survfit(Surv(t,e)~g, data=d)
 m <- summary(f)$table[,"median"]
 cat(sprintf("case %d: chisq %.10g p %.10g O %g %g E %.10g %.10g med %s %s\n", k, s$chisq, 1-pchisq(s$chisq,1), s$obs[1], s$obs[2], s$exp[1], s$exp[2], format(m[1],digits=10), format(m[2],digits=10)))
}
