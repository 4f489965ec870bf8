#include "cli/cli.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <optional>

#include "cli/command.h"
#include "core/log.h"

namespace nrs::cli {
namespace {

constexpr std::string_view kDescription =
    "NRS — the Neighbourhood Resilience System: know a place from real evidence, see it as a system of people "
    "and institutions, and turn residents' concerns into agreed, followed-up action.";

int ExitCode(ErrorCode code) { return Describe(code).exit_code; }

// One line per error: the message; then, for refused inputs, one line per problem found.
int Report(std::ostream& err, const Status& status) {
  err << "nrs: " << status.message() << '\n';
  for (const Diagnostic& d : status.diagnostics()) err << "  " << d.ToString() << '\n';
  if (status.diagnostic_count() > status.diagnostics().size()) {
    err << "  … and " << status.diagnostic_count() - status.diagnostics().size() << " more\n";
  }
  return ExitCode(status.code());
}

// The first word where a command was expected but none of that name exists, e.g. "nrs infoo": CLI11 would
// only say that a subcommand is required, which hides the typo.
std::optional<std::string> UnknownCommand(CLI::App& app, const std::vector<std::string>& args) {
  CLI::App* current = &app;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") return std::nullopt;
    if (arg.starts_with("-")) {
      const CLI::Option* option = current->get_option_no_throw(arg.substr(0, arg.find('=')));
      if (option == nullptr) option = app.get_option_no_throw(arg.substr(0, arg.find('=')));
      if (option != nullptr && option->get_items_expected_min() > 0 && arg.find('=') == std::string::npos) ++i;
      continue;
    }
    const auto subcommands = current->get_subcommands([](CLI::App*) { return true; });
    if (subcommands.empty()) return std::nullopt;  // the rest are this command's own arguments
    const auto match =
        std::find_if(subcommands.begin(), subcommands.end(), [&](const CLI::App* sub) { return sub->check_name(arg); });
    if (match == subcommands.end()) return arg;
    current = *match;
  }
  return std::nullopt;
}

}  // namespace

int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Context ctx{GlobalOptions{}, &out, &err, nullptr};
  CLI::App app(std::string(kDescription), "nrs");
  app.set_version_flag("--version", VersionBanner(), "Print the version and exit");
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the subcommand: `nrs info --db x.db`
  // CLI11 reads the config file before it looks at environment variables, so NRS_CONFIG is passed as the
  // default file name (and is then required to exist).
  const char* config_env = std::getenv("NRS_CONFIG");
  app.set_config("--config", config_env != nullptr ? config_env : "",
                 "Read options from this TOML file (keys are the long option names; env NRS_CONFIG)",
                 config_env != nullptr && *config_env != '\0');
  app.add_option("--db", ctx.global.db, "The database file")->envname("NRS_DB")->capture_default_str();
  app.add_option("--log-level", ctx.global.log_level, "How much to log on stderr")
      ->envname("NRS_LOG_LEVEL")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
      ->capture_default_str();
  app.footer("Exit codes: 0 on success; `nrs errors` lists the others.\nDocumentation: README.md, docs/cli.md.");

  AddDatabaseCommands(app, ctx);
  AddPlacesCommands(app, ctx);
  AddReferenceCommands(app, ctx);
  AddMapCommands(app, ctx);
  AddActivityCommands(app, ctx);
  AddStatsCommands(app, ctx);
  AddSurveyCommands(app, ctx);
  AddIndexCommands(app, ctx);
  AddUserCommands(app, ctx);
  AddServerCommands(app, ctx);

  if (const auto unknown = UnknownCommand(app, args)) {
    err << "nrs: unknown command '" << *unknown << "' (see `nrs --help`)\n";
    return ExitCode(ErrorCode::kInvalidArgument);
  }
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes arguments in reverse order
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion&) {
    out << VersionBanner() << '\n';
    return 0;
  } catch (const CLI::ParseError& e) {
    // Help requested on a subcommand arrives as CallForHelp from that subcommand, handled above; everything
    // else is a usage error: one line, and where to read more.
    std::string what = e.what();
    if (what.empty()) what = "invalid command line";
    err << "nrs: " << what << " (see `nrs --help`)\n";
    return ExitCode(ErrorCode::kInvalidArgument);
  }

  core::InitLogging(core::ParseLogLevel(ctx.global.log_level).value());
  if (!ctx.run) {
    err << "nrs: no command given (see `nrs --help`)\n";
    return ExitCode(ErrorCode::kInvalidArgument);
  }
  const Status status = ctx.run();
  if (!status.ok()) return Report(err, status);
  return 0;
}

}  // namespace nrs::cli
