# Reference values for tests/unit/test_compare.c: the group comparisons of `relapselab
# summary --compare` (src/analysis/compare.c) on a small data set written out below and,
# identically, in the test's fixture. 16 mice in 4 groups of 4 (A-WT, A-KO, B-WT, B-KO);
# one procedure: acquisition (3 sessions), progressive ratio, extinction (3-5 sessions),
# reinstatement.
# Run: Rscript tests/data/compare_ref.R > tests/data/compare_ref.out 2>&1   (Debian packages
# r-base-core, r-cran-afex)
suppressMessages(library(afex))
options(digits = 12)
grp <- factor(rep(c("A-WT", "A-KO", "B-WT", "B-KO"), each = 4),
  levels = c("A-WT", "A-KO", "B-WT", "B-KO"))
mouse <- factor(sprintf("m%02d", 1:16))
acq <- rbind(c(10, 18, 25), c(12, 20, 22), c(8, 15, 27), c(14, 19, 24),
             c(6, 9, 12), c(5, 11, 10), c(8, 10, 15), c(4, 7, 9),
             c(11, 17, 21), c(9, 16, 26), c(13, 22, 23), c(10, 14, 20),
             c(15, 25, 33), c(18, 28, 30), c(12, 24, 35), c(16, 27, 31))
rf <- c(9.3, 10.1, 8.7, 11.0, 5.2, 6.0, 4.8, 7.1, 8.1, 9.5, 10.2, 7.9, 12.5, 13.1, 11.8, 14.0)
bp <- c(40, 27, 60, 40, 18, 27, 12, 18, 27, 40, 40, 27, 60, 90, 60, 40)
prrf <- c(7, 6, 8, 7, 5, 6, 4, 5, 6, 7, 7, 6, 8, 9, 8, 7)
ext <- list(c(12, 8, 5), c(10, 9, 4, 3), c(15, 11, 6), c(9, 7, 5, 4, 2),
            c(7, 6, 4), c(8, 5, 3), c(6, 6, 5, 2), c(9, 4, 4),
            c(11, 9, 6, 4), c(13, 10, 7, 5), c(10, 6, 5, 3), c(12, 8, 6, 5),
            c(14, 12, 9, 8), c(16, 10, 8, 7), c(13, 11, 10, 6), c(15, 13, 9, 6))
base <- c(6.0, 5.3, 7.3, 5.0, 4.3, 5.3, 5.7, 5.7, 6.7, 8.3, 7.0, 8.7, 11.7, 10.3, 11.3, 12.3)
test <- c(15, 12, 18, 11, 7, 9, 6, 10, 14, 16, 13, 12, 20, 25, 19, 22)

# Welch's t-test of a against b with Hedges' g as stats.c computes it (pooled SD,
# J = 1 - 3 / (4 df - 1), df = n_a + n_b - 2).
welch <- function(label, a, b) {
  t <- t.test(a, b, var.equal = FALSE)
  df <- length(a) + length(b) - 2
  sp <- sqrt((sum((a - mean(a))^2) + sum((b - mean(b))^2)) / df)
  g <- (mean(a) - mean(b)) / sp * (1 - 3 / (4 * df - 1))
  cat(sprintf("welch %s t=%.12g df=%.12g p=%.12g lo=%.12g hi=%.12g g=%.12g\n", label,
    t$statistic, t$parameter, t$p.value, t$conf.int[1], t$conf.int[2], g))
  t$p.value
}
# The mixed ANOVA of the mice in `keep` over the columns of Y: afex::aov_ez, type 3,
# uncorrected and Greenhouse-Geisser p, partial eta squared.
mixed <- function(label, Y, keep) {
  k <- ncol(Y)
  d <- data.frame(mouse = rep(mouse[keep], k), group = droplevels(rep(grp[keep], k)),
    level = factor(rep(seq_len(k), each = sum(keep))), y = as.vector(Y[keep, ]))
  a <- suppressMessages(aov_ez("mouse", "y", d, between = "group", within = "level",
    type = 3))
  tn <- anova(a, correction = "none", es = "pes")
  tg <- anova(a, correction = "GG", es = "pes")
  for (r in rownames(tn)) cat(sprintf("mixed %s %s F=%.12g df=%.12g dferr=%.12g p=%.12g pgg=%.12g pes=%.12g\n",
    label, r, tn[r, "F"], tn[r, "num Df"], tn[r, "den Df"], tn[r, "Pr(>F)"], tg[r, "Pr(>F)"],
    tn[r, "pes"]))
}
first_k <- function(keep) {
  k <- min(sapply(ext[keep], length))
  t(sapply(ext[keep], function(x) x[1:k]))
}
ext_mixed <- function(label, keep) {
  Y <- matrix(NA, 16, min(sapply(ext[keep], length)))
  Y[keep, ] <- first_k(keep)
  cat(sprintf("extinction %s k=%d\n", label, ncol(Y)))
  mixed(label, Y, keep)
}

# ---- The pairs rule: A-KO against A-WT, B-KO against B-WT.
pairA <- grp %in% c("A-WT", "A-KO"); pairB <- grp %in% c("B-WT", "B-KO")
for (m in list(list("acq_rf", rf), list("bp", bp), list("pr_rf", prrf))) {
  welch(paste(m[[1]], "A"), m[[2]][grp == "A-KO"], m[[2]][grp == "A-WT"])
  welch(paste(m[[1]], "B"), m[[2]][grp == "B-KO"], m[[2]][grp == "B-WT"])
}
mixed("acq A", acq, pairA); mixed("acq B", acq, pairB)
ext_mixed("ext A", pairA); ext_mixed("ext B", pairB)
mixed("rein A", cbind(base, test), pairA); mixed("rein B", cbind(base, test), pairB)

# ---- The all rule (the same data, groups without genotypes or pairable names): one-way
# ANOVA, every pair (later group against earlier) by Welch with Holm over the 6 pairs,
# mixed ANOVAs over the 4 groups.
oneway <- function(label, y) {
  s <- summary(aov(y ~ grp))[[1]]
  cat(sprintf("oneway %s F=%.12g df=%.12g dferr=%.12g p=%.12g eta2=%.12g\n", label,
    s[1, "F value"], s[1, "Df"], s[2, "Df"], s[1, "Pr(>F)"],
    s[1, "Sum Sq"] / sum(s[, "Sum Sq"])))
}
oneway("bp", bp)
lv <- levels(grp); p <- c(); lab <- c()
for (j in 2:4) for (i in 1:(j - 1)) {
  p <- c(p, welch(sprintf("bp %s-%s", lv[j], lv[i]), bp[grp == lv[j]], bp[grp == lv[i]]))
  lab <- c(lab, sprintf("%s-%s", lv[j], lv[i]))
}
cat(sprintf("holm bp %s p=%.12g\n", lab, p.adjust(p, "holm")), sep = "")
all4 <- rep(TRUE, 16)
mixed("acq all", acq, all4)
ext_mixed("ext all", all4)
cat(sprintf("R %s, afex %s\n", R.version.string, packageVersion("afex")))
