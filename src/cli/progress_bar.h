#pragma once

// A progress bar on stderr for the command line: drawn only when stderr is a terminal, and only for stages
// that have run longer than a second, so quick commands and redirected output stay clean.

#include <chrono>
#include <cstdio>
#include <string>

#include "core/progress.h"

namespace nrs::cli {

class ProgressBar final : public core::Progress {
 public:
  // Draws on `stream` when it is a terminal; otherwise does nothing.
  explicit ProgressBar(std::FILE* stream);
  ~ProgressBar() override;
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void Start(std::string_view stage, std::uint64_t total) override;
  void Update(std::uint64_t done) override;
  void Finish() override;

 private:
  using Clock = std::chrono::steady_clock;
  void Draw(bool force);
  void Clear();

  std::FILE* stream_;
  bool enabled_;
  bool drawn_ = false;
  std::string stage_;
  std::uint64_t total_ = 0;
  std::uint64_t done_ = 0;
  Clock::time_point started_;
  Clock::time_point last_draw_;
};

}  // namespace nrs::cli
