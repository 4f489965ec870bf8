#include "cli/progress_bar.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>

namespace nrs::cli {
namespace {
constexpr auto kDelay = std::chrono::seconds(1);
constexpr auto kRedraw = std::chrono::milliseconds(100);
constexpr int kBarWidth = 30;
}  // namespace

ProgressBar::ProgressBar(std::FILE* stream) : stream_(stream), enabled_(::isatty(::fileno(stream)) == 1) {}

ProgressBar::~ProgressBar() { Clear(); }

void ProgressBar::Start(std::string_view stage, std::uint64_t total) {
  Clear();
  stage_ = std::string(stage);
  total_ = total;
  done_ = 0;
  started_ = Clock::now();
}

void ProgressBar::Update(std::uint64_t done) {
  done_ = done;
  Draw(false);
}

void ProgressBar::Finish() { Clear(); }

void ProgressBar::Draw(bool force) {
  if (!enabled_) return;
  const auto now = Clock::now();
  if (now - started_ < kDelay) return;
  if (!force && drawn_ && now - last_draw_ < kRedraw) return;
  last_draw_ = now;
  std::string line;
  if (total_ > 0) {
    const double share = std::min(1.0, static_cast<double>(done_) / static_cast<double>(total_));
    const int filled = static_cast<int>(share * kBarWidth);
    line = fmt::format("{} [{}{}] {:3.0f}% {}/{}", stage_, std::string(static_cast<std::size_t>(filled), '#'),
                       std::string(static_cast<std::size_t>(kBarWidth - filled), '.'), share * 100, done_, total_);
  } else {
    line = fmt::format("{} … {}", stage_, done_);
  }
  fmt::print(stream_, "\r\x1b[K{}", line);
  std::fflush(stream_);
  drawn_ = true;
}

void ProgressBar::Clear() {
  if (!drawn_) return;
  fmt::print(stream_, "\r\x1b[K");
  std::fflush(stream_);
  drawn_ = false;
}

}  // namespace nrs::cli
