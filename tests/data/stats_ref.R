# Reference values for tests/unit/test_stats.c, test_stats_more.c and test_screen.c, computed
# by R (on tests/data/stats_ref.csv, and on small hand-worked data sets written out below).
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

# ==== Claims-file statistics (tests/unit/test_stats_more.c; issue 16 item 6) ====
# The same stats_ref.csv (d above): wide per mouse, s1, s2, s3 = sessions 1-3.
w1 <- d$active[d$session == 1]; w2 <- d$active[d$session == 2]; w3 <- d$active[d$session == 3]
grp <- d$group[d$session == 1]
# ---- Paired t-test: t.test(paired = TRUE); d_z = mean(diff) / sd(diff), by hand and by
# effectsize::cohens_d(paired = TRUE).
paired2 <- function(x, y) {
  p <- t.test(x, y, paired = TRUE); dd <- x - y
  dz <- mean(dd) / sd(dd)
  dz_pkg <- suppressWarnings(cohens_d(x, y, paired = TRUE))$Cohens_d
  cat(sprintf("  mean_x=%.12g mean_y=%.12g diff=%.12g sd=%.12g se=%.12g\n", mean(x), mean(y),
    p$estimate, sd(dd), p$stderr))
  cat(sprintf("  t=%.12g df=%.12g p=%.12g lo=%.12g hi=%.12g\n", p$statistic, p$parameter,
    p$p.value, p$conf.int[1], p$conf.int[2]))
  cat(sprintf("  d_z=%.12g effectsize::cohens_d(paired)=%.12g\n", dz, dz_pkg))
}
cat("paired stats_ref session 3 vs session 1, all 20 mice\n"); paired2(w3, w1)
cat("paired stats_ref session 2 vs session 1, WT\n"); paired2(w2[grp == "WT"], w1[grp == "WT"])
cat("paired n = 2: x = 5,9 y = 4,6\n"); paired2(c(5, 9), c(4, 6))
# ---- Linear trend between subjects: lm(y ~ x), summary() and confint(). Mouse i (1..20)
# at dose (0.25, 0.5, 1, 2 mg/kg)[(i - 1) %% 4 + 1], x = log10(dose); y = session 1.
trend_lm <- function(x, y) {
  f <- lm(y ~ x); s <- summary(f)$coefficients; ci <- confint(f)["x", ]
  cat(sprintf("  slope=%.12g intercept=%.12g se=%.12g t=%.12g df=%.12g p=%.12g lo=%.12g hi=%.12g\n",
    s["x", 1], s["(Intercept)", 1], s["x", 2], s["x", 3], f$df.residual, s["x", 4],
    ci[1], ci[2]))
}
dose <- c(0.25, 0.5, 1, 2)
xb <- log10(dose)[(seq_len(20) - 1) %% 4 + 1]
cat("trend between: x = log10 dose by mouse, y = session 1\n"); trend_lm(xb, w1)
# k = 2 levels: x = 0 (WT), 1 (KO): the slope is mean(KO) - mean(WT), t is Student's t
cat("trend between: x = 0 WT / 1 KO, y = session 1 (k = 2)\n")
trend_lm(as.numeric(grp == "KO"), w1)
cat("trend between n = 3: x = 1,2,4 y = 3,4,9\n"); trend_lm(c(1, 2, 4), c(3, 4, 9))
# ---- Linear trend within subjects: each mouse's lm slope over the levels, t.test(slopes).
trend_within <- function(x, Y) {
  sl <- apply(Y, 1, function(y) coef(lm(y ~ x))[2])
  ic <- apply(Y, 1, function(y) coef(lm(y ~ x))[1])
  p <- t.test(sl)
  cat(sprintf("  slopes[1:3]=%.12g %.12g %.12g mean intercept=%.12g\n", sl[1], sl[2], sl[3],
    mean(ic)))
  cat(sprintf("  slope=%.12g se=%.12g t=%.12g df=%.12g p=%.12g lo=%.12g hi=%.12g\n",
    p$estimate, p$stderr, p$statistic, p$parameter, p$p.value, p$conf.int[1], p$conf.int[2]))
}
cat("trend within: sessions 1-3 at x = log10(0.25, 1, 2), all 20 mice\n")
trend_within(log10(c(0.25, 1, 2)), cbind(w1, w2, w3))
cat("trend within: sessions 1, 3 at x = 1, 3 (k = 2), WT\n")
trend_within(c(1, 3), cbind(w1, w3)[grp == "WT", ])
# ---- Fisher's exact test (fisher.test on the 2 x 2 table {x_a, n_a - x_a; x_b, n_b - x_b})
# with the sample odds ratio; one-sided p values are alternative = "less" / "greater".
fisher <- function(xa, na, xb, nb) {
  m <- matrix(c(xa, xb, na - xa, nb - xb), 2)
  cat(sprintf("fisher %d/%d vs %d/%d: p=%.12g less=%.12g greater=%.12g or=%.12g pa=%.12g pb=%.12g\n",
    xa, na, xb, nb, fisher.test(m)$p.value, fisher.test(m, alternative = "less")$p.value,
    fisher.test(m, alternative = "greater")$p.value, (xa * (nb - xb)) / ((na - xa) * xb),
    xa / na, xb / nb))
}
fisher(3, 10, 9, 10)
fisher(0, 8, 5, 8)      # a zero cell
fisher(1, 6, 5, 6)      # symmetric margins: the mirror table ties with the observed one
fisher(3, 6, 3, 6)      # the most likely table: p = 1
fisher(2, 4, 2, 6)
fisher(4, 20, 15, 20)
fisher(12, 40, 25, 37)
fisher(0, 5, 0, 5)      # a zero column: one table only
# Ties that rounding could split: the observed table and another are equally likely
# (1/2 vs 2/8: C(3,1) C(7,1) = C(3,0) C(7,2) = 21), but computed from different terms; a
# search over n <= 25 found these where only R's tolerance (1 + 1e-7) makes the other
# count.
fisher(1, 2, 2, 8)
fisher(0, 3, 3, 11)
# ---- A proportion's 95 % interval: exact (binom.test) and Wilson (prop.test(correct =
# FALSE))
prop <- function(x, n) {
  b <- binom.test(x, n)$conf.int
  w <- suppressWarnings(prop.test(x, n, correct = FALSE))$conf.int
  cat(sprintf("prop %d/%d: exact [%.12g, %.12g] wilson [%.12g, %.12g]\n", x, n, b[1], b[2],
    w[1], w[2]))
}
prop(3, 10); prop(0, 10); prop(10, 10); prop(17, 20); prop(1, 1); prop(2, 40)
# ---- TOST for a difference (Welch): t.test(a, b, mu = lo, alternative = "greater"),
# t.test(a, b, mu = hi, alternative = "less"), t.test(a, b, conf.level = 1 - 2 alpha).
tost_diff <- function(a, b, lo, hi, alpha) {
  pl <- t.test(a, b, mu = lo, alternative = "greater")
  ph <- t.test(a, b, mu = hi, alternative = "less")
  ci <- t.test(a, b, conf.level = 1 - 2 * alpha)$conf.int
  cat(sprintf("  t_lo=%.12g p_lo=%.12g t_hi=%.12g p_hi=%.12g df=%.12g p=%.12g ci=[%.12g, %.12g]\n",
    pl$statistic, pl$p.value, ph$statistic, ph$p.value, pl$parameter,
    max(pl$p.value, ph$p.value), ci[1], ci[2]))
}
wt1 <- w1[grp == "WT"]; ko1 <- w1[grp == "KO"]; wt3 <- w3[grp == "WT"]; ko3 <- w3[grp == "KO"]
cat("tost diff session 1 WT - KO within [-10, 10], alpha 0.05\n")
tost_diff(wt1, ko1, -10, 10, 0.05)
cat("tost diff session 1 WT - KO within [-2, 15], alpha 0.1\n")
tost_diff(wt1, ko1, -2, 15, 0.1)
cat("tost diff a = 10,11,12,11 b = 10,10.5,11,10.5 within [-1, 2], alpha 0.05\n")
tost_diff(c(10, 11, 12, 11), c(10, 10.5, 11, 10.5), -1, 2, 0.05)
# ---- TOST for a ratio (Tamhane & Logan 2004 / mratios::ttestratio(var.equal = FALSE)):
# at each bound r, Welch's t-test of a against r * b, which is exactly
# (mean_a - r mean_b) / sqrt(var_a/n_a + r^2 var_b/n_b) on the Welch df of those terms; the
# statistic is also written out from that formula to show they agree.
tost_ratio <- function(a, b, rlo, rhi) {
  pl <- t.test(a, rlo * b, alternative = "greater")
  ph <- t.test(a, rhi * b, alternative = "less")
  by_hand <- function(r) (mean(a) - r * mean(b)) /
    sqrt(var(a) / length(a) + r^2 * var(b) / length(b))
  cat(sprintf("  est=%.12g t_lo=%.12g (formula %.12g) df_lo=%.12g p_lo=%.12g\n",
    mean(a) / mean(b), pl$statistic, by_hand(rlo), pl$parameter, pl$p.value))
  cat(sprintf("  t_hi=%.12g (formula %.12g) df_hi=%.12g p_hi=%.12g p=%.12g\n", ph$statistic,
    by_hand(rhi), ph$parameter, ph$p.value, max(pl$p.value, ph$p.value)))
}
cat("tost ratio session 1 KO / WT within [0.7, 1.3]\n"); tost_ratio(ko1, wt1, 0.7, 1.3)
cat("tost ratio session 1 KO / WT within [0.8, 1.25]\n"); tost_ratio(ko1, wt1, 0.8, 1.25)
cat("tost ratio a = 10,11,12,11,10 b = 10,10.5,11,10.5,10.8 within [0.8, 1.25]\n")
tost_ratio(c(10, 11, 12, 11, 10), c(10, 10.5, 11, 10.5, 10.8), 0.8, 1.25)
# ---- Fieller's 95 % interval of mean(a) / mean(b), independent samples, Welch df at the
# estimate (mratios::ttestratio(var.equal = FALSE, iterativeCI = FALSE)). Two ways: the
# closed form (the roots of A q^2 - 2 B q + C), and independently by inverting R's Welch
# t-test of a against q b: the q where |t.test(a, q * b)$statistic| equals t(0.975, df),
# df = t.test(a, est * b)$parameter, located on a grid and refined with uniroot. The set is
# bounded (A > 0), the complement of an interval (A < 0, B^2 > AC), or the whole line.
fieller2 <- function(a, b, df = t.test(a, (mean(a) / mean(b)) * b)$parameter) {
  na <- length(a); nb <- length(b); ma <- mean(a); mb <- mean(b); est <- ma / mb
  tc <- qt(0.975, df)
  A <- mb^2 - tc^2 * var(b) / nb; B <- ma * mb; C <- ma^2 - tc^2 * var(a) / na
  disc <- B^2 - A * C
  kind <- if (A > 0) "bounded" else if (disc > 0) "exclusive" else "unbounded"
  roots <- if (disc > 0) sort(c((B - sqrt(disc)) / A, (B + sqrt(disc)) / A)) else c(NA, NA)
  f <- function(q) abs(t.test(a, q * b)$statistic) - tc
  g <- seq(-50, 50, by = 0.01); fg <- sapply(g, f)
  ch <- which(diff(sign(fg)) != 0)
  inv <- sapply(ch, function(i) uniroot(f, c(g[i], g[i + 1]), tol = 1e-13)$root)
  cat(sprintf("  est=%.12g df=%.12g kind=%s closed form [%.12g, %.12g] by inversion [%s]\n",
    est, df, kind, roots[1], roots[2], paste(sprintf("%.12g", inv), collapse = ", ")))
  if (length(inv) == 0) {
    cat(sprintf("  no bound on the grid: max |t| - t(0.975) over it = %.6g (< 0: all inside)\n",
      max(fg)))
  }
}
cat("fieller2 session 1 KO / WT\n"); fieller2(ko1, wt1)
cat("fieller2 session 3 KO / WT\n"); fieller2(ko3, wt3)
cat("fieller2 a = 10,12,11,13 b = -1,2,1,3 (denominator not significant: exclusive)\n")
fieller2(c(10, 12, 11, 13), c(-1, 2, 1, 3))
cat("fieller2 a = -1,3,0,2 b = -2,2,1,3 (neither significant: unbounded)\n")
fieller2(c(-1, 3, 0, 2), c(-2, 2, 1, 3))
cat("fieller2 a = 2,4 b = 5,6 (n = 2)\n"); fieller2(c(2, 4), c(5, 6))
# mean(b) = 0: the estimate is infinite and t.test(a, Inf * b) undefined; the df is the
# limit of Welch's df for |q| -> inf, n_b - 1 = 3.
cat("fieller2 a = 10,12,11,13 b = -1,1,-2,2 (mean(b) = 0, df n_b - 1)\n")
fieller2(c(10, 12, 11, 13), c(-1, 1, -2, 2), df = 3)
# b constant 0: t.test(a, q * b) is the one-sample test of a for every q; here it rejects,
# so no finite q is in the set.
cat(sprintf("fieller2 a = 10,11,12 b = 0,0,0: |t| = %.12g > t(0.975, 2) = %.12g\n",
  t.test(c(10, 11, 12))$statistic, qt(0.975, 2)))
cat(sprintf("R %s, effectsize %s\n", R.version.string, packageVersion("effectsize")))

# ==== Group comparisons (summary --compare; issue 13 item 7) ====
# tests/unit/test_stats.c (intervals, partial eta squared) and test_stats_oneway.c.
# ---- The 95 % interval of the difference: t.test()$conf.int, Student and Welch.
ci <- function(a, b, eq) {
  t <- t.test(a, b, var.equal = eq)
  cat(sprintf("  se=%.12g lo=%.12g hi=%.12g\n", t$stderr, t$conf.int[1], t$conf.int[2]))
}
cat("ci student session 1 WT - KO\n"); ci(wt, ko, TRUE)
cat("ci welch session 1 WT - KO\n"); ci(wt, ko, FALSE)
cat("ci welch a = 2,4,6 b = 1,3\n"); ci(c(2, 4, 6), c(1, 3), FALSE)
# ---- Partial eta squared of the mixed ANOVAs above: afex's es = "pes".
for (m in list(list("pes3", a3), list("pes2", a2))) {
  tp <- anova(m[[2]], correction = "none", es = "pes")
  for (r in rownames(tp)) cat(sprintf("%s %s pes=%.12g\n", m[[1]], r, tp[r, "pes"]))
}
# ---- One-way ANOVA: summary(aov(y ~ g)); eta squared by effectsize::eta_squared.
oneway <- function(y, g) {
  s <- summary(aov(y ~ g))[[1]]
  es <- eta_squared(aov(y ~ g), partial = FALSE, verbose = FALSE)$Eta2
  cat(sprintf("  F=%.12g df=%.12g dferr=%.12g p=%.12g ss=%.12g sserr=%.12g eta2=%.12g\n",
    s[1, "F value"], s[1, "Df"], s[2, "Df"], s[1, "Pr(>F)"], s[1, "Sum Sq"], s[2, "Sum Sq"],
    es))
}
g3 <- factor(rep(c("A", "B", "C"), c(7, 7, 6)))
cat("oneway session 1, mice 1-7 A, 8-14 B, 15-20 C\n"); oneway(w1, g3)
cat("oneway a = 1,2,3 b = 2,4,6,8 c = 5,5,6\n")
oneway(c(1, 2, 3, 2, 4, 6, 8, 5, 5, 6), factor(rep(c("a", "b", "c"), c(3, 4, 3))))
# ---- Holm's adjustment: p.adjust(p, "holm").
holm <- function(p) cat(sprintf("holm %s -> %s\n", paste(p, collapse = ","),
  paste(sprintf("%.12g", p.adjust(p, "holm")), collapse = ",")))
holm(c(0.01, 0.04, 0.03, 0.005))
holm(c(0.2, 0.01, 0.2, 0.04))
holm(c(0.5, 0.6, 0.9))
holm(0.3)
cat(sprintf("R %s, afex %s, effectsize %s\n", R.version.string, packageVersion("afex"),
  packageVersion("effectsize")))
