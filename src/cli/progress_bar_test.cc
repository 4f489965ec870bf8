#include "cli/progress_bar.h"

#include <gtest/gtest.h>
#include <pty.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

namespace nrs::cli {
namespace {

std::string Drain(int fd) {
  std::string out;
  char buffer[4096];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    out.append(buffer, static_cast<std::size_t>(n));
  }
  return out;
}

TEST(ProgressBar, SilentWhenNotATerminal) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  std::FILE* stream = ::fdopen(fds[1], "w");
  {
    ProgressBar bar(stream);
    bar.Start("import", 10);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    bar.Update(5);
    bar.Finish();
  }
  std::fclose(stream);
  EXPECT_EQ(Drain(fds[0]), "");
  ::close(fds[0]);
}

TEST(ProgressBar, DrawsOnATerminalOnlyAfterASecondAndClearsAtTheEnd) {
  int leader = -1;
  int follower = -1;
  ASSERT_EQ(::openpty(&leader, &follower, nullptr, nullptr, nullptr), 0);
  std::FILE* stream = ::fdopen(follower, "w");
  ProgressBar bar(stream);
  bar.Start("import", 200);
  bar.Update(10);  // too early: nothing yet
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  bar.Update(100);
  bar.Finish();
  std::fclose(stream);
  const std::string out = Drain(leader);
  ::close(leader);
  EXPECT_EQ(out.find("10/200"), std::string::npos) << out;
  EXPECT_NE(out.find("import [###############...............]  50% 100/200"), std::string::npos) << out;
  EXPECT_TRUE(out.ends_with("\r\x1b[K")) << "the bar must be cleared at the end";
}

}  // namespace
}  // namespace nrs::cli
