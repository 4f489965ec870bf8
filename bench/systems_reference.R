# Reference for bench/systems_bench.cc: R igraph's betweenness on the same graph, timed in this process.
# Usage: Rscript bench/systems_reference.R EDGES.csv REPETITIONS   → prints the median seconds
suppressPackageStartupMessages(library(igraph))
args <- commandArgs(trailingOnly = TRUE)
edges <- read.csv(args[1], colClasses = "character")
reps <- as.integer(args[2])
g <- graph_from_data_frame(edges, directed = FALSE)
times <- replicate(reps, system.time(betweenness(g, directed = FALSE))[["elapsed"]])
cat(sprintf("%.4f\n", median(times)))
