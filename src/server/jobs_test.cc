#include "server/jobs.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace nrs::server {
namespace {

// Waits until the job has left `state` (or a few seconds pass).
JobView WaitWhile(const JobRegistry& jobs, const std::string& id, std::initializer_list<JobState> states) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (true) {
    JobView view = *jobs.Get(id);
    if (std::find(states.begin(), states.end(), view.state) == states.end() ||
        std::chrono::steady_clock::now() > deadline) {
      return view;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

TEST(Jobs, RunReportProgressAndKeepTheirResult) {
  JobRegistry jobs(1);
  std::atomic<bool> go{false};
  const auto id = jobs.Submit("test", 7, "amira", [&](core::Progress& progress) -> Result<Json> {
    progress.Start("counting", 10);
    progress.Update(4);
    while (!go.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    progress.Finish();
    return Json{{"counted", 10}};
  });
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->size(), 32U);
  JobView running = WaitWhile(jobs, *id, {JobState::kQueued});
  while (running.done < 4) running = *jobs.Get(*id);
  EXPECT_EQ(running.state, JobState::kRunning);
  EXPECT_EQ(running.stage, "counting");
  EXPECT_DOUBLE_EQ(running.ToJson()["progress"]["fraction"].get<double>(), 0.4);
  go = true;
  const JobView done = WaitWhile(jobs, *id, {JobState::kQueued, JobState::kRunning});
  EXPECT_EQ(done.state, JobState::kSucceeded);
  EXPECT_EQ(done.result["counted"], 10);
  const Json j = done.ToJson();
  EXPECT_EQ(j["state"], "succeeded");
  EXPECT_TRUE(j["error"].is_null());
  EXPECT_TRUE(ValidateJson(JobSchema(), j).empty());
}

TEST(Jobs, FailuresKeepTheirError) {
  JobRegistry jobs(1);
  const auto id = jobs.Submit(
      "test", 1, "a", [](core::Progress&) -> Result<Json> { return Status::InvalidInput("file.csv: 2 problems"); });
  const JobView done = WaitWhile(jobs, *id, {JobState::kQueued, JobState::kRunning});
  EXPECT_EQ(done.state, JobState::kFailed);
  EXPECT_EQ(done.ToJson()["error"]["code"], "invalid_input");
  EXPECT_TRUE(ValidateJson(JobSchema(), done.ToJson()).empty());
}

TEST(Jobs, ExceptionsFailTheJobNotTheServer) {
  JobRegistry jobs(1);
  const auto id =
      jobs.Submit("test", 1, "a", [](core::Progress&) -> Result<Json> { throw std::runtime_error("boom"); });
  const JobView done = WaitWhile(jobs, *id, {JobState::kQueued, JobState::kRunning});
  EXPECT_EQ(done.state, JobState::kFailed);
  EXPECT_EQ(done.error.code(), ErrorCode::kInternal);
}

TEST(Jobs, OnlyQueuedJobsCanBeCancelled) {
  JobRegistry jobs(1);
  std::atomic<bool> go{false};
  const auto first = jobs.Submit("slow", 1, "a", [&](core::Progress&) -> Result<Json> {
    while (!go.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return Json::object();
  });
  WaitWhile(jobs, *first, {JobState::kQueued});
  const auto second = jobs.Submit("next", 1, "a", [](core::Progress&) -> Result<Json> { return Json::object(); });
  EXPECT_EQ(jobs.Cancel(*first).code(), ErrorCode::kConflict);
  EXPECT_TRUE(jobs.Cancel(*second).ok());
  EXPECT_EQ(jobs.Get(*second)->state, JobState::kCancelled);
  EXPECT_EQ(jobs.Cancel("nope").code(), ErrorCode::kNotFound);
  go = true;
  EXPECT_EQ(WaitWhile(jobs, *first, {JobState::kRunning}).state, JobState::kSucceeded);
  EXPECT_EQ(jobs.Get(*second)->state, JobState::kCancelled);  // it never ran
}

TEST(Jobs, ListsByOwnerNewestFirst) {
  JobRegistry jobs(1);
  const auto a = jobs.Submit("a", 1, "one", [](core::Progress&) -> Result<Json> { return Json::object(); });
  const auto b = jobs.Submit("b", 2, "two", [](core::Progress&) -> Result<Json> { return Json::object(); });
  EXPECT_EQ(jobs.List(1).size(), 1U);
  EXPECT_EQ(jobs.List(2).at(0).id, *b);
  EXPECT_EQ(jobs.List(0).size(), 2U);
}

TEST(Jobs, ShutdownCancelsQueuedWaitsForRunningAndRefusesNew) {
  JobRegistry jobs(1);
  std::atomic<bool> go{false};
  const auto running = jobs.Submit("slow", 1, "a", [&](core::Progress&) -> Result<Json> {
    while (!go.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return Json::object();
  });
  WaitWhile(jobs, *running, {JobState::kQueued});
  const auto queued = jobs.Submit("later", 1, "a", [](core::Progress&) -> Result<Json> { return Json::object(); });
  EXPECT_FALSE(jobs.Shutdown(std::chrono::milliseconds(20)));  // still running
  EXPECT_EQ(jobs.Get(*queued)->state, JobState::kCancelled);
  EXPECT_EQ(jobs.Submit("new", 1, "a", [](core::Progress&) -> Result<Json> { return Json::object(); }).status().code(),
            ErrorCode::kUnavailable);
  go = true;
  EXPECT_TRUE(jobs.Shutdown(std::chrono::seconds(10)));
  EXPECT_EQ(jobs.Get(*running)->state, JobState::kSucceeded);
}

TEST(Jobs, AFullQueueRefusesMore) {
  JobRegistry jobs(1, 2);
  std::atomic<bool> go{false};
  const auto block = [&](core::Progress&) -> Result<Json> {
    while (!go.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return Json::object();
  };
  const auto first = jobs.Submit("a", 1, "a", block);
  WaitWhile(jobs, *first, {JobState::kQueued});
  EXPECT_TRUE(jobs.Submit("b", 1, "a", block).ok());
  EXPECT_TRUE(jobs.Submit("c", 1, "a", block).ok());
  EXPECT_EQ(jobs.Submit("d", 1, "a", block).status().code(), ErrorCode::kUnavailable);
  go = true;
}

}  // namespace
}  // namespace nrs::server
