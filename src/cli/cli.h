#pragma once

// The `nrs` command line: parses arguments, runs the selected subcommand, reports errors on stderr and
// returns the exit code from the error table.

#include <iosfwd>
#include <string>
#include <vector>

namespace nrs::cli {

// `args` excludes the program name. Data goes to `out`, messages to `err`.
int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace nrs::cli
