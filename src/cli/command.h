#pragma once

// What every subcommand shares. A subcommand only parses its options into an options struct, calls one
// facade function and hands back a Status or a Table; this file turns those into output and exit codes.

#include <CLI/CLI.hpp>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>

#include "core/table.h"
#include "nrs/app.h"

namespace nrs::cli {

struct GlobalOptions {
  std::string db = "nrs.db";
  std::string log_level = "warn";
};

struct Context {
  GlobalOptions global;
  std::ostream* out;  // data: tables, CSV, JSON
  std::ostream* err;  // messages for people
  // Set by the subcommand that the command line selected; run after parsing succeeds.
  std::function<Status()> run;
};

// Registers the subcommands of each group.
void AddDatabaseCommands(CLI::App& cli, Context& ctx);
void AddReferenceCommands(CLI::App& cli, Context& ctx);
void AddMapCommands(CLI::App& cli, Context& ctx);
void AddStatsCommands(CLI::App& cli, Context& ctx);
void AddPlacesCommands(CLI::App& cli, Context& ctx);
void AddActivityCommands(CLI::App& cli, Context& ctx);
void AddSurveyCommands(CLI::App& cli, Context& ctx);
void AddIndexCommands(CLI::App& cli, Context& ctx);
void AddServerCommands(CLI::App& cli, Context& ctx);
void AddUserCommands(CLI::App& cli, Context& ctx);

// Adds --format table|csv|json to a subcommand that prints data.
CLI::Option* AddFormatOption(CLI::App* command, std::string* format);

// Writes `table` to ctx.out in `format`.
Status PrintTable(Context& ctx, const core::Table& table, const std::string& format);

// `status` with "; <hint>" after its message (same code and diagnostics).
Status WithHint(const Status& status, std::string_view hint);

// Opens the database named by --db, with a hint when it does not exist.
Result<std::unique_ptr<App>> OpenApp(const Context& ctx);

}  // namespace nrs::cli
