# The reference for bench/run's index benchmarks: the same pipeline arithmetic as NRS, written plainly in R
# (COINr itself is not packaged for Debian). Prints "name seconds" (medians of repeated runs).
#   Rscript bench/index_reference.R UNDERLYING_INDICATORS.csv.gz ASEM_LEGACY_DIR REPS
args <- commandArgs(trailingOnly = TRUE)
reps <- as.integer(args[3])

skew2 <- function(x) {
  x <- x[!is.na(x)]; n <- length(x); d <- x - mean(x)
  g1 <- mean(d^3) / mean(d^2)^1.5
  g1 * sqrt(n * (n - 1)) / (n - 2)
}
kurt2 <- function(x) {
  x <- x[!is.na(x)]; n <- length(x); d <- x - mean(x)
  g2 <- mean(d^4) / mean(d^2)^2 - 3
  ((n + 1) * g2 + 6) * (n - 1) / ((n - 2) * (n - 3))
}
winsorise <- function(x, winmax) {
  orig <- x; sk <- skew2(x); kt <- kurt2(x); w <- 0
  while (abs(sk) > 2 && kt > 3.5 && w < winmax) {
    if (sk >= 0) { i <- which(x == max(x, na.rm = TRUE)); x[i] <- max(x[-i], na.rm = TRUE) }
    else { i <- which(x == min(x, na.rm = TRUE)); x[i] <- min(x[-i], na.rm = TRUE) }
    w <- w + 1; sk <- skew2(x); kt <- kurt2(x)
  }
  if (w >= winmax && abs(sk) > 2 && kt > 3.5) {
    lo <- min(orig, na.rm = TRUE); hi <- max(orig, na.rm = TRUE)
    x <- log(orig - lo + 0.01 * (hi - lo))
  }
  x
}
minmax <- function(x) (x - min(x, na.rm = TRUE)) / (max(x, na.rm = TRUE) - min(x, na.rm = TRUE)) * 100
timed <- function(f, n) median(sapply(seq_len(n), function(i) system.time(f())[["elapsed"]]))

# 32,844 LSOAs x 28 indicators in four domains of seven: treat, normalise, aggregate, rank.
lsoa <- read.csv(gzfile(args[1]))
m <- as.matrix(lsoa[, 2:29])
build28 <- function() {
  t <- apply(m, 2, winsorise, winmax = 5)
  n <- apply(-t, 2, minmax)
  d <- sapply(0:3, function(k) rowMeans(n[, (7 * k + 1):(7 * k + 7)], na.rm = TRUE))
  idx <- rowMeans(d)
  rank(-idx, ties.method = "min")
}
cat("build28", timed(build28, reps), "\n")

# COINr's ASEM example, the legacy pipeline: denominate, group-mean imputation, treatment, min-max, means.
dir <- args[2]
raw <- read.csv(file.path(dir, "Input_IndData.csv"))
den <- read.csv(file.path(dir, "Input_Denominators.csv"))
meta <- read.csv(file.path(dir, "Input_IndMeta.csv"))
codes <- meta$IndCode
asem <- function() {
  x <- as.matrix(raw[, codes])
  for (j in seq_along(codes)) {
    dj <- meta$Denominator[j]
    if (!is.na(dj) && dj != "") x[, j] <- x[, j] / den[[dj]]
  }
  g <- raw$Group_EurAsia
  for (j in seq_along(codes)) {
    miss <- is.na(x[, j])
    if (any(miss)) x[miss, j] <- ave(x[, j], g, FUN = function(v) mean(v, na.rm = TRUE))[miss]
  }
  x <- apply(x, 2, winsorise, winmax = 6)
  x <- sweep(x, 2, meta$Direction, `*`)
  n <- apply(x, 2, minmax)
  p1 <- sapply(split(codes, meta$Agg1), function(k) rowMeans(n[, k, drop = FALSE]))
  a2 <- tapply(meta$Agg1, meta$Agg2, unique)
  p2 <- sapply(a2, function(k) rowMeans(p1[, k, drop = FALSE]))
  idx <- rowMeans(p2)
  rank(-round(idx, 2), ties.method = "min")
}
cat("asem", timed(asem, max(reps, 20)), "\n")
