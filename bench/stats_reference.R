# The reference for bench/stats_bench.cc: the same statistics on the same sizes, written plainly and vectorised
# in base R (the way an analyst would write the formulas; PHEindicatormethods adds dplyr on top of the same
# arithmetic). Run by bench/run: `Rscript bench/stats_reference.R REPS`; prints "name median_seconds" lines.

args <- commandArgs(trailingOnly = TRUE)
reps <- if (length(args) > 0) as.integer(args[1]) else 7L

median_time <- function(f) {
  times <- numeric(reps)
  for (i in seq_len(reps)) times[i] <- system.time(f())[["elapsed"]]
  median(times)
}

z95 <- qnorm(0.975)
z998 <- qnorm(0.999)
rows <- 1000000L

# Wilson: 1,000,000 proportions, 95% and 99.8% limits.
set.seed(1)
n <- floor(runif(rows, 100, 10000))
x <- floor(n * runif(rows))
wilson <- function() {
  out <- list(x / n)
  for (z in c(z95, z998)) {
    root <- z * sqrt(z^2 + 4 * x * (1 - x / n))
    out[[length(out) + 1]] <- (2 * x + z^2 - root) / (2 * (n + z^2))
    out[[length(out) + 1]] <- (2 * x + z^2 + root) / (2 * (n + z^2))
  }
  out
}
cat("wilson", median_time(wilson), "\n")

# Byar: 1,000,000 counts of 10 or more, 95% and 99.8% limits, as rates per 100,000 of populations of 100,000.
set.seed(2)
events <- sample(10:5000, rows, replace = TRUE)
population <- rep(100000, rows)
byar <- function() {
  scale <- 1e5 / population
  out <- list(events * scale)
  for (z in c(z95, z998)) {
    out[[length(out) + 1]] <- events * (1 - 1 / (9 * events) - z / (3 * sqrt(events)))^3 * scale
    out[[length(out) + 1]] <- (events + 1) * (1 - 1 / (9 * (events + 1)) + z / (3 * sqrt(events + 1)))^3 * scale
  }
  out
}
cat("byar", median_time(byar), "\n")

# DSR: 32,844 areas × 19 bands, ESP 2013, Dobson limits.
esp2013 <- c(5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500,
             1500, 1000)
areas <- 32844L
set.seed(3)
area <- rep(seq_len(areas), each = 19)
pop <- floor(runif(areas * 19, 20, 400))
count <- floor(pop * runif(areas * 19, 0, 0.15) * rep(1:19, areas) / 19)
w <- rep(esp2013, areas)
dsr <- function() {
  o <- rowsum(count, area, reorder = FALSE)[, 1]
  value <- rowsum(count * w / pop, area, reorder = FALSE)[, 1] / sum(esp2013)
  var <- rowsum(count * (w / pop)^2, area, reorder = FALSE)[, 1] / sum(esp2013)^2
  out <- list(value * 1e5)
  for (z in c(z95, z998)) {
    lower <- o * (1 - 1 / (9 * o) - z / (3 * sqrt(o)))^3
    upper <- (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * sqrt(o + 1)))^3
    out[[length(out) + 1]] <- (value + sqrt(var / o) * (lower - o)) * 1e5
    out[[length(out) + 1]] <- (value + sqrt(var / o) * (upper - o)) * 1e5
  }
  value[o < 10] <- NA
  out
}
cat("dsr", median_time(dsr), "\n")

# Life expectancy: 7,000 areas × 20 bands (Chiang II, Silcocks), one column per band, vectorised over areas.
tables <- 7000L
ages <- c(0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)
set.seed(4)
people <- matrix(floor(runif(tables * 20, 2000, 6000)), nrow = tables)
mortality <- matrix(rep(ifelse(ages == 0, 0.004, 0.00005 * exp(ages / 11)), each = tables), nrow = tables) *
  matrix(runif(tables * 20, 0.8, 1.2), nrow = tables)
deaths <- pmax(floor(people * pmin(mortality, 0.3)), 1)
life_expectancy <- function() {
  k <- 20
  m <- deaths / people
  a <- matrix(rep(ifelse(ages == 0, 0.1, 0.5), each = tables), nrow = tables)
  nw <- cbind(matrix(rep(diff(ages), each = tables), nrow = tables), 2 / m[, k])
  q <- ifelse(deaths <= people / nw / a, m * nw / (1 + m * nw * (1 - a)), 1)
  l <- matrix(1e5, nrow = tables, ncol = k)
  for (i in 2:k) l[, i] <- l[, i - 1] * (1 - q[, i - 1])
  d <- l - cbind(l[, -1], 0)
  big_l <- cbind(nw[, -k] * (l[, -1] + a[, -k] * d[, -k]), l[, k] / m[, k])
  t <- big_l
  for (i in (k - 1):1) t[, i] <- t[, i] + t[, i + 1]
  e <- t / l
  sp <- ifelse(d == 0, 0, q^2 * (1 - q) / deaths)
  sp[, k] <- 4 / (deaths[, k] * m[, k]^2)
  wsp <- cbind(sp[, -k] * l[, -k]^2 * ((1 - a[, -k]) * nw[, -k] + e[, -1])^2, (l[, k] / 2)^2 * sp[, k])
  st <- wsp
  for (i in (k - 1):1) st[, i] <- st[, i] + st[, i + 1]
  se <- sqrt(st / l^2)
  list(e, e - z95 * se, e + z95 * se, e - z998 * se, e + z998 * se)
}
cat("life_expectancy", median_time(life_expectancy), "\n")
