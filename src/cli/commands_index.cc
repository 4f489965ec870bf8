// nrs index …: composite indices — build a framework on data or on the stored neighbourhoods, and analyse its
// uncertainty and sensitivity.

#include "cli/command.h"
#include "nrs/index.h"

namespace nrs::cli {
namespace {

struct IndexArgs {
  IndexBuildOptions build;
  IndexAnalysisOptions analysis;
  std::int64_t run = 0;
  std::string format = "table";
};

void AddInput(CLI::App* command, IndexInput* input) {
  auto* framework = command->add_option("--framework", input->framework, "The framework file (TOML)");
  command->add_option("--meta", input->meta, "COINr's iMeta table (CSV) instead of a framework file")
      ->excludes(framework);
  command->add_option("--data", input->data, "The data (CSV; for --meta, COINr's iData table)");
  command->add_option("--pipeline", input->pipeline, "A pipeline file (TOML) replacing the framework's pipeline");
  command->add_flag("--neighbourhoods", input->neighbourhoods,
                    "Build over the neighbourhoods stored in the database (and store the run)");
}

void AddAnalysis(CLI::App* command, IndexAnalysisOptions* o, const char* runs_help) {
  AddInput(command, &o->input);
  command->add_option("--runs", o->runs, runs_help);
  command->add_option("--seed", o->seed, "Seed of the random draws (same seed, same output)");
  command->add_option("--threads", o->threads, "Threads (0 = every core)")->capture_default_str();
  command->add_option("--weight-noise", o->weight_noise, "Each weight × U(1 − x, 1 + x) (default 0.25)");
  command->add_option("--normalisations", o->normalisations, "Alternative normalisations, e.g. minmax,zscore")
      ->delimiter(',');
  command->add_option("--aggregations", o->aggregations, "Alternative aggregations, e.g. arithmetic,geometric")
      ->delimiter(',');
  command->add_option("--treatments", o->treatments, "Alternative treatments, e.g. none,winsorise")->delimiter(',');
  command->add_option("--imputations", o->imputations, "Alternative imputations, e.g. none,mean")->delimiter(',');
  command->add_flag("--no-input-intervals", o->no_input_intervals,
                    "Keep indicators that carry an interval at their values");
  command->add_option("--out", o->out_dir, "Folder for the CSV file");
}

Status Print(Context& ctx, const Result<IndexOutput>& output, const std::string& format) {
  NRS_RETURN_IF_ERROR(output.status());
  for (const std::string& note : output->notes) *ctx.err << "nrs: note: " << note << '\n';
  return PrintTable(ctx, output->table, format);
}

}  // namespace

void AddIndexCommands(CLI::App& cli, Context& ctx) {
  auto args = std::make_shared<IndexArgs>();
  CLI::App* index = cli.add_subcommand("index", "Composite indices: build, uncertainty and sensitivity");
  index->require_subcommand(1);

  CLI::App* build = index->add_subcommand(
      "build", "Build a framework step by step; write every stage, the results and the log to --out");
  AddInput(build, &args->build.input);
  build->add_option("--out", args->build.out_dir, "Folder for raw.csv … aggregated.csv, results.csv, log.json");
  build
      ->add_option("--show", args->build.show,
                   "Print results, raw, denominated, imputed, treated, normalised, aggregated, weights or treatment")
      ->capture_default_str();
  AddFormatOption(build, &args->format);
  build->callback([&ctx, args] {
    ctx.run = [&ctx, args]() -> Status {
      if (!args->build.input.neighbourhoods) return Print(ctx, BuildIndex(nullptr, args->build), args->format);
      NRS_ASSIGN_OR_RETURN(auto app, OpenApp(ctx));
      return Print(ctx, BuildIndex(app.get(), args->build), args->format);
    };
  });

  CLI::App* uncertainty = index->add_subcommand(
      "uncertainty", "Monte Carlo over the framework's choices and inputs: each unit's rank interval");
  AddAnalysis(uncertainty, &args->analysis, "Monte Carlo runs (default 1000)");
  AddFormatOption(uncertainty, &args->format);
  uncertainty->callback([&ctx, args] {
    ctx.run = [&ctx, args]() -> Status {
      if (!args->analysis.input.neighbourhoods) {
        return Print(ctx, IndexUncertainty(nullptr, args->analysis), args->format);
      }
      NRS_ASSIGN_OR_RETURN(auto app, OpenApp(ctx));
      return Print(ctx, IndexUncertainty(app.get(), args->analysis), args->format);
    };
  });

  CLI::App* sensitivity = index->add_subcommand(
      "sensitivity", "Variance-based sensitivity (Saltelli design, Jansen total effects) of the ranks to each choice");
  AddAnalysis(sensitivity, &args->analysis, "Base sample N: N·(factors + 2) builds (default 1000)");
  sensitivity->add_option("--bootstrap", args->analysis.bootstrap, "Bootstrap resamples for the intervals")
      ->capture_default_str();
  AddFormatOption(sensitivity, &args->format);
  sensitivity->callback([&ctx, args] {
    ctx.run = [&ctx, args]() -> Status {
      if (!args->analysis.input.neighbourhoods) {
        return Print(ctx, IndexSensitivity(nullptr, args->analysis), args->format);
      }
      NRS_ASSIGN_OR_RETURN(auto app, OpenApp(ctx));
      return Print(ctx, IndexSensitivity(app.get(), args->analysis), args->format);
    };
  });

  CLI::App* runs = index->add_subcommand("runs", "The index runs stored in the database");
  AddFormatOption(runs, &args->format);
  runs->callback([&ctx, args] {
    ctx.run = [&ctx, args]() -> Status {
      NRS_ASSIGN_OR_RETURN(auto app, OpenApp(ctx));
      NRS_ASSIGN_OR_RETURN(const core::Table t, ListIndexRuns(*app));
      return PrintTable(ctx, t, args->format);
    };
  });

  CLI::App* show = index->add_subcommand("show", "One stored run: each neighbourhood's scores, ranks and intervals");
  show->add_option("run", args->run, "The run's number (see `nrs index runs`)")->required();
  AddFormatOption(show, &args->format);
  show->callback([&ctx, args] {
    ctx.run = [&ctx, args]() -> Status {
      NRS_ASSIGN_OR_RETURN(auto app, OpenApp(ctx));
      NRS_ASSIGN_OR_RETURN(const core::Table t, ShowIndexRun(*app, args->run));
      return PrintTable(ctx, t, args->format);
    };
  });
}

}  // namespace nrs::cli
