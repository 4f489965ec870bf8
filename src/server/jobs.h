#pragma once

// Long work (imports, later uncertainty analysis) as jobs: submitted, queued, run on job threads with their
// progress visible (GET /api/v1/jobs/{id}), finished with a result or an error. Jobs live in memory: they do
// not survive a restart (their effects do — each job's writes are one transaction). Finished jobs are kept for
// an hour, the newest 500 at most.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/progress.h"
#include "nrs/result.h"
#include "server/schema.h"

namespace nrs::server {

enum class JobState : std::uint8_t { kQueued, kRunning, kSucceeded, kFailed, kCancelled };
std::string_view JobStateName(JobState state);

// (Its implicit members can throw only where nlohmann::json allocates, which ends the process anyway.)
struct JobView {  // NOLINT(bugprone-exception-escape)
  std::string id;
  std::string kind;  // e.g. "import.indicators"
  std::int64_t owner = 0;
  std::string owner_name;
  JobState state = JobState::kQueued;
  std::string stage;        // what it is doing now
  std::uint64_t done = 0;   // steps of the stage done
  std::uint64_t total = 0;  // steps in the stage (0: unknown)
  std::string created_at;
  std::string started_at;
  std::string finished_at;
  Json result;   // kSucceeded
  Status error;  // kFailed, kCancelled

  // {"id", "kind", "state", "progress": {"stage", "done", "total", "fraction"}, …, "result" | "error"}.
  Json ToJson() const;
};

// The schema of JobView::ToJson, for the OpenAPI document.
Json JobSchema();

// The work of a job: reports through `progress`, returns its result as JSON.
using JobWork = std::function<Result<Json>(core::Progress& progress)>;

class JobRegistry {
 public:
  // `threads` job threads; at most `max_queued` jobs wait.
  explicit JobRegistry(int threads, std::size_t max_queued = 100);
  ~JobRegistry();
  JobRegistry(const JobRegistry&) = delete;
  JobRegistry& operator=(const JobRegistry&) = delete;

  // Queues `work`; returns the job's id (random, not guessable). Errors: kUnavailable when the queue is full
  // or the registry is shutting down.
  Result<std::string> Submit(std::string kind, std::int64_t owner, std::string owner_name, JobWork work);

  std::optional<JobView> Get(const std::string& id) const;
  // Newest first; owner 0 = everyone's.
  std::vector<JobView> List(std::int64_t owner) const;
  // Cancels a queued job. Errors: kNotFound; kConflict for a job that is running or finished (a running import
  // cannot be interrupted half-way; it is one transaction and either completes or leaves nothing).
  Status Cancel(const std::string& id);

  // Refuses new jobs, cancels queued ones and waits up to `timeout` for running ones. True when none is
  // still running.
  bool Shutdown(std::chrono::milliseconds timeout);

 private:
  struct Job;
  class JobProgress;
  void Work();
  void Forget();  // finished jobs beyond the retention limits

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable finished_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;
  std::deque<std::shared_ptr<Job>> queue_;
  std::size_t max_queued_;
  int running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace nrs::server
