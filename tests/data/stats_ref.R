# Reference values for tests/unit/test_stats.c, computed by R on tests/data/stats_ref.csv.
# Run: Rscript tests/data/stats_ref.R   (Debian packages r-base-core, r-cran-afex)
suppressMessages(library(afex))
options(digits = 12)
d <- read.csv("tests/data/stats_ref.csv")
d$group <- factor(d$group, levels = c("WT", "KO"))
d$session <- factor(d$session)
s1 <- d[d$session == 1, ]
wt <- s1$active[s1$group == "WT"]; ko <- s1$active[s1$group == "KO"]
st <- t.test(wt, ko, var.equal = TRUE)
we <- t.test(wt, ko, var.equal = FALSE)
cat(sprintf("student t=%.12g df=%.12g p=%.12g\n", st$statistic, st$parameter, st$p.value))
cat(sprintf("welch t=%.12g df=%.12g p=%.12g\n", we$statistic, we$parameter, we$p.value))
a3 <- aov_ez("subject", "active", d, between = "group", within = "session", type = 3,
  anova_table = list(correction = "none", es = "none"))
print(nice(a3, correction = "none"))
t3 <- anova(a3, correction = "none")
for (r in rownames(t3)) cat(sprintf("aov3 %s F=%.12g df=%.12g dferr=%.12g p=%.12g\n", r,
  t3[r, "F"], t3[r, "num Df"], t3[r, "den Df"], t3[r, "Pr(>F)"]))
tg <- anova(a3, correction = "GG")
for (r in rownames(tg)) cat(sprintf("aovGG %s df=%.12g dferr=%.12g p=%.12g\n", r,
  tg[r, "num Df"], tg[r, "den Df"], tg[r, "Pr(>F)"]))
# Two levels (sessions 1 and 3): the reinstatement-style 2 x 2 design.
d2 <- droplevels(d[d$session %in% c("1", "3"), ])
a2 <- aov_ez("subject", "active", d2, between = "group", within = "session", type = 3,
  anova_table = list(correction = "none", es = "none"))
t2 <- anova(a2, correction = "none")
for (r in rownames(t2)) cat(sprintf("aov2 %s F=%.12g df=%.12g dferr=%.12g p=%.12g\n", r,
  t2[r, "F"], t2[r, "num Df"], t2[r, "den Df"], t2[r, "Pr(>F)"]))
cat(sprintf("R %s, afex %s\n", R.version.string, packageVersion("afex")))
