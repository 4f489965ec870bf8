# Reference for the stored-survey figures in bench/run: R survey's one-variable domain means with linearised
# standard errors, the CSV read included (as NRS reads its stored survey from the database on each command).
# Usage: Rscript bench/survey_stored_reference.R SURVEY.csv REPETITIONS → prints the median seconds.
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
reps <- as.integer(args[2])
run <- function() {
  d <- read.csv(args[1], colClasses = c(area = "character", wave = "character", household = "character"))
  des <- svydesign(ids = ~household, strata = ~area, weights = ~weight, data = d)
  svyby(~swemwbs1, ~area + wave, des, svymean, na.rm = TRUE)
}
times <- replicate(reps, system.time(run())[["elapsed"]])
cat(sprintf("%.4f\n", median(times)))
