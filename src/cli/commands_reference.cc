// nrs errors: the error table, so scripts and people can look up what an exit code means.

#include "cli/command.h"

namespace nrs::cli {

void AddReferenceCommands(CLI::App& cli, Context& ctx) {
  auto format = std::make_shared<std::string>("table");
  CLI::App* errors = cli.add_subcommand("errors", "List every error code with its exit code and HTTP status");
  AddFormatOption(errors, format.get());
  errors->callback([&ctx, format] { ctx.run = [&ctx, format] { return PrintTable(ctx, ErrorTable(), *format); }; });
}

}  // namespace nrs::cli
