# Reference values for tests/unit/test_stats.c and test_screen.c, computed by R (on
# tests/data/stats_ref.csv, and on small hand-worked data sets written out below).
# Run: Rscript tests/data/stats_ref.R > tests/data/stats_ref.out 2>&1   (Debian packages
# r-base-core, r-cran-afex, r-cran-effectsize)
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

# ---- Effect sizes (tests/unit/test_stats.c, hedges_g_known_answers) ----
# Hedges' g = J * d, d = (mean_a - mean_b) / s_pooled, s_pooled^2 = sum of both groups'
# squared deviations / (n_a + n_b - 2), with the small-sample correction of src/analysis/
# stats.c, the approximation J = 1 - 3 / (4 df - 1), df = n_a + n_b - 2 (Hedges 1981,
# J. Educ. Stat. 6:107, eq. 6e; Borenstein et al. 2009, Introduction to Meta-Analysis,
# eq. 4.22). Computed by hand in base R; effectsize::hedges_g (exact correction
# J = gamma(df/2) / (sqrt(df/2) gamma((df-1)/2)), Hedges 1981 eq. 6b) is printed beside it
# to show that d is the same and only J differs.
suppressMessages(library(effectsize))
hedges <- function(a, b) {
  df <- length(a) + length(b) - 2
  sp <- sqrt((sum((a - mean(a))^2) + sum((b - mean(b))^2)) / df)
  d <- (mean(a) - mean(b)) / sp
  j <- 1 - 3 / (4 * df - 1)
  j_exact <- exp(lgamma(df / 2) - log(sqrt(df / 2)) - lgamma((df - 1) / 2))
  g_pkg <- suppressWarnings(hedges_g(a, b, pooled_sd = TRUE))$Hedges_g
  cat(sprintf("  df=%.12g sp=%.12g d=%.12g J=%.12g g=%.12g\n", df, sp, d, j, j * d))
  cat(sprintf("  exact J=%.12g g=%.12g effectsize::hedges_g=%.12g\n", j_exact, j_exact * d,
    g_pkg))
}
cat("hedges stats_ref session 1, a = WT, b = KO\n"); hedges(wt, ko)
cat("hedges a = 2,4,6  b = 1,2,3\n"); hedges(c(2, 4, 6), c(1, 2, 3))
cat("hedges a = 2,4,6  b = 1,3\n"); hedges(c(2, 4, 6), c(1, 3))
w <- t.test(c(2, 4, 6), c(1, 3), var.equal = FALSE)
cat(sprintf("  welch df=%.12g (J with it would be %.12g)\n", w$parameter,
  1 - 3 / (4 * w$parameter - 1)))

# ---- The screen's paired statistics (tests/unit/test_screen.c) ----
# Paired t interval: t.test(paired = TRUE). Fieller's interval for mean(a) / mean(b) of
# paired values, two ways: the closed form of docs/SCREEN.md (the roots of
# A q^2 - 2 B q + C) and, independently, by inverting the paired t-test of a - q b with
# uniroot (the bounds are where |t| = t(0.975, n - 1)).
paired <- function(x, y) {
  p <- t.test(x, y, paired = TRUE)
  cat(sprintf("  mean=%.12g sem=%.12g lo=%.12g hi=%.12g t=%.12g p=%.12g\n", p$estimate,
    p$stderr, p$conf.int[1], p$conf.int[2], p$statistic, p$p.value))
}
fieller <- function(a, b) {
  n <- length(a); t2 <- qt(0.975, n - 1)^2
  ma <- mean(a); mb <- mean(b)
  A <- mb^2 - t2 * var(b) / n; B <- ma * mb - t2 * cov(a, b) / n; C <- ma^2 - t2 * var(a) / n
  tq <- function(q) { e <- a - q * b; mean(e) / (sd(e) / sqrt(n)) }
  est <- ma / mb
  lo <- uniroot(function(q) tq(q) - qt(0.975, n - 1), c(est - 100, est), tol = 1e-14)$root
  hi <- uniroot(function(q) tq(q) + qt(0.975, n - 1), c(est, est + 100), tol = 1e-14)$root
  cat(sprintf("  est=%.12g closed form [%.12g, %.12g] by inversion [%.12g, %.12g]\n", est,
    (B - sqrt(B^2 - A * C)) / A, (B + sqrt(B^2 - A * C)) / A, lo, hi))
}
cat("paired x = 5,7,9,6  y = 3,4,6,6\n"); paired(c(5, 7, 9, 6), c(3, 4, 6, 6))
cat("fieller a = 4,6,5,7  b = 8,10,9,13\n"); fieller(c(4, 6, 5, 7), c(8, 10, 9, 13))
# The screen summary example: baseline b, vehicle v = b + (8,10,9,13), candidate
# c = v - (4,6,5,7) (test_screen.c, summary_known_answers).
b <- c(2, 3, 1, 4); v <- b + c(8, 10, 9, 13); cc <- v - c(4, 6, 5, 7)
cat(sprintf("screen baseline mean=%.12g sem=%.12g\n", mean(b), sd(b) / 2))
cat("screen relapse v - b\n"); paired(v, b)
cat("screen difference c - v\n"); paired(cc, v)
cat("screen reduction (v - c) / (v - b)\n"); fieller(v - cc, v - b)
cat(sprintf("R %s, effectsize %s\n", R.version.string, packageVersion("effectsize")))
