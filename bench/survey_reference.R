# Reference for bench/survey_bench.cc: R survey's design and domain means with linearised standard errors on the
# same file, timed in this process. Usage: Rscript bench/survey_reference.R SURVEY.csv REPETITIONS
# → prints the median seconds.
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = c(area = "character", wave = "character", household = "character"))
reps <- as.integer(args[2])
variables <- c(paste0("swemwbs", 1:7), paste0("gad", 1:7), "influence", paste0("cohesion", 1:3),
               "housing_condition", "finance")
formula <- as.formula(paste("~", paste(variables, collapse = " + ")))
run <- function() {
  des <- svydesign(ids = ~household, strata = ~area, weights = ~weight, data = d)
  svyby(formula, ~area + wave, des, svymean)
}
times <- replicate(reps, system.time(run())[["elapsed"]])
cat(sprintf("%.4f\n", median(times)))
