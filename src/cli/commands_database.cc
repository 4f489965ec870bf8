// nrs init, nrs info: create a database and say what it holds.

#include <cstdio>

#include "cli/command.h"
#include "cli/progress_bar.h"

namespace nrs::cli {
namespace {

struct InitArgs {
  bool demo = false;
  bool force = false;
};

struct InfoArgs {
  bool check = false;
  std::string format = "table";
};

}  // namespace

void AddDatabaseCommands(CLI::App& cli, Context& ctx) {
  auto init_args = std::make_shared<InitArgs>();
  CLI::App* init = cli.add_subcommand("init", "Create a new NRS database at --db");
  init->add_flag("--demo", init_args->demo,
                 "Load the demonstration data (real public data about the Neighbourhoods for Learning)");
  init->add_flag("--force", init_args->force, "Replace the database if the file already exists");
  init->callback([&ctx, init_args] {
    ctx.run = [&ctx, init_args]() -> Status {
      ProgressBar progress(stderr);
      InitOptions options;
      options.db_path = ctx.global.db;
      options.demo = init_args->demo;
      options.force = init_args->force;
      options.progress = &progress;
      auto report = CreateDatabase(options);
      if (!report.ok() && report.status().code() == ErrorCode::kAlreadyExists) {
        return WithHint(report.status(), "use --force to replace it");
      }
      NRS_RETURN_IF_ERROR(report.status());
      *ctx.err << fmt::format("Created {} (schema version {}{}).\n", report->db_path, report->schema_version,
                              report->demo ? ", with the demo data" : "");
      return Status::Ok();
    };
  });

  auto info_args = std::make_shared<InfoArgs>();
  CLI::App* info = cli.add_subcommand("info", "Say what the database at --db holds");
  info->add_flag("--check", info_args->check, "Also check every page and foreign key of the database (slow)");
  AddFormatOption(info, &info_args->format);
  info->callback([&ctx, info_args] {
    ctx.run = [&ctx, info_args]() -> Status {
      NRS_ASSIGN_OR_RETURN(std::unique_ptr<App> app, OpenApp(ctx));
      InfoOptions options;
      options.check = info_args->check;
      NRS_ASSIGN_OR_RETURN(const DatabaseInfo db_info, app->Info(options));
      return PrintTable(ctx, InfoTable(db_info), info_args->format);
    };
  });
}

}  // namespace nrs::cli
