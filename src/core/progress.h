#pragma once

// Progress of long operations. Engines and use cases report through this interface; the command line draws
// a bar on stderr (only on a terminal, only after a second), the server exposes it as a job's progress.

#include <cstdint>
#include <string_view>

namespace nrs::core {

class Progress {
 public:
  virtual ~Progress() = default;
  // A new stage of `total` steps (0 when the total is unknown).
  virtual void Start(std::string_view stage, std::uint64_t total) = 0;
  // `done` steps of the current stage are complete (absolute, not an increment).
  virtual void Update(std::uint64_t done) = 0;
  // The current stage is complete.
  virtual void Finish() = 0;
};

// A Progress that ignores everything.
Progress& NoProgress();

}  // namespace nrs::core
