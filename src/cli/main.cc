// The `nrs` executable: nothing but the hand-over to the command line (src/cli/cli.cc).

#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "nrs/error.h"

int main(int argc, char** argv) {
  try {
    std::ios::sync_with_stdio(false);
    const std::vector<std::string> args(argv + 1, argv + argc);
    return nrs::cli::Run(args, std::cout, std::cerr);
  } catch (const std::exception& e) {
    // Only a bug (or memory exhaustion) gets here: libraries' exceptions are caught where they are called.
    std::cerr << "nrs: internal error: " << e.what() << '\n';
    return nrs::Describe(nrs::ErrorCode::kInternal).exit_code;
  }
}
