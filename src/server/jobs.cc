#include "server/jobs.h"

#include <algorithm>
#include <random>

#include "core/clock.h"
#include "core/log.h"
#include "server/replies.h"

namespace nrs::server {
namespace {

constexpr std::size_t kKeepFinished = 500;
constexpr auto kKeepFor = std::chrono::hours(1);

std::string Now() { return core::FormatUtc(core::SystemClock().Now()); }

// 128 random bits in hex: a job's id cannot be guessed from another's.
std::string RandomId() {
  static std::mutex mutex;
  static std::random_device device;  // the kernel's random source
  std::lock_guard lock(mutex);
  std::string id;
  for (int i = 0; i < 4; ++i) id += fmt::format("{:08x}", device());
  return id;
}

}  // namespace

std::string_view JobStateName(JobState state) {
  switch (state) {
    case JobState::kQueued:
      return "queued";
    case JobState::kRunning:
      return "running";
    case JobState::kSucceeded:
      return "succeeded";
    case JobState::kFailed:
      return "failed";
    case JobState::kCancelled:
      break;
  }
  return "cancelled";
}

Json JobSchema() {
  return schema::Object(
      {{"id", schema::String()},
       {"kind", schema::String()},
       {"owner", schema::String()},
       {"state", schema::Enum({"queued", "running", "succeeded", "failed", "cancelled"})},
       {"progress", schema::Object({{"stage", schema::String()},
                                    {"done", schema::Integer()},
                                    {"total", schema::Integer()},
                                    {"fraction", schema::Nullable(schema::Number())}},
                                   {"stage", "done", "total", "fraction"})},
       {"created_at", schema::String()},
       {"started_at", schema::Nullable(schema::String())},
       {"finished_at", schema::Nullable(schema::String())},
       {"result", schema::Nullable(schema::AnyObject("What the job produced"))},
       {"error", schema::Nullable(schema::AnyObject("The error envelope's error, when the job failed"))}},
      {"id", "kind", "owner", "state", "progress", "created_at", "started_at", "finished_at", "result", "error"});
}

Json JobView::ToJson() const {
  Json progress = {{"stage", stage}, {"done", done}, {"total", total}};
  if (state == JobState::kSucceeded) {
    progress["fraction"] = 1.0;
  } else if (total > 0) {
    progress["fraction"] = std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
  } else {
    progress["fraction"] = nullptr;
  }
  Json j = {{"id", id},
            {"kind", kind},
            {"owner", owner_name},
            {"state", JobStateName(state)},
            {"progress", std::move(progress)},
            {"created_at", created_at},
            {"started_at", started_at.empty() ? Json(nullptr) : Json(started_at)},
            {"finished_at", finished_at.empty() ? Json(nullptr) : Json(finished_at)}};
  j["result"] = state == JobState::kSucceeded ? result : Json(nullptr);
  j["error"] = error.ok() ? Json(nullptr) : ErrorJson(error)["error"];
  return j;
}

struct JobRegistry::Job {
  JobView view;
  JobWork work;
  std::chrono::steady_clock::time_point finished{};
};

// Progress reported by the work, kept in the job's view under the registry's lock.
class JobRegistry::JobProgress final : public core::Progress {
 public:
  JobProgress(JobRegistry& registry, Job& job) : registry_(registry), job_(job) {}
  void Start(std::string_view stage, std::uint64_t total) override {
    std::lock_guard lock(registry_.mutex_);
    job_.view.stage = stage;
    job_.view.total = total;
    job_.view.done = 0;
  }
  void Update(std::uint64_t done) override {
    std::lock_guard lock(registry_.mutex_);
    job_.view.done = done;
  }
  void Finish() override {
    std::lock_guard lock(registry_.mutex_);
    if (job_.view.total > 0) job_.view.done = job_.view.total;
  }

 private:
  JobRegistry& registry_;
  Job& job_;
};

JobRegistry::JobRegistry(int threads, std::size_t max_queued) : max_queued_(max_queued) {
  for (int i = 0; i < std::max(threads, 1); ++i) threads_.emplace_back([this] { Work(); });
}

JobRegistry::~JobRegistry() {
  Shutdown(std::chrono::hours(24));
  for (std::thread& t : threads_) t.join();
}

Result<std::string> JobRegistry::Submit(std::string kind, std::int64_t owner, std::string owner_name, JobWork work) {
  auto job = std::make_shared<Job>();
  job->view.id = RandomId();
  job->view.kind = std::move(kind);
  job->view.owner = owner;
  job->view.owner_name = std::move(owner_name);
  job->view.created_at = Now();
  job->view.stage = "queued";
  job->work = std::move(work);
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return Status::Unavailable("the server is shutting down; no new jobs are taken");
    if (queue_.size() >= max_queued_) {
      return Status::Unavailable("{} jobs are waiting already; try again later", queue_.size());
    }
    Forget();
    jobs_[job->view.id] = job;
    queue_.push_back(job);
  }
  wake_.notify_one();
  return job->view.id;
}

std::optional<JobView> JobRegistry::Get(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  return it->second->view;
}

std::vector<JobView> JobRegistry::List(std::int64_t owner) const {
  std::lock_guard lock(mutex_);
  std::vector<JobView> out;
  for (const auto& [id, job] : jobs_) {
    if (owner == 0 || job->view.owner == owner) out.push_back(job->view);
  }
  std::sort(out.begin(), out.end(), [](const JobView& a, const JobView& b) {
    return std::tie(a.created_at, a.id) > std::tie(b.created_at, b.id);
  });
  return out;
}

Status JobRegistry::Cancel(const std::string& id) {
  std::lock_guard lock(mutex_);
  const auto it = jobs_.find(id);
  if (it == jobs_.end()) return Status::NotFound("no job '{}'", id);
  Job& job = *it->second;
  if (job.view.state != JobState::kQueued) {
    return Status::Conflict("job '{}' is {}; only a queued job can be cancelled", id, JobStateName(job.view.state));
  }
  queue_.erase(std::remove(queue_.begin(), queue_.end(), it->second), queue_.end());
  job.view.state = JobState::kCancelled;
  job.view.error = Status::Cancelled("cancelled before it started");
  job.view.finished_at = Now();
  job.finished = std::chrono::steady_clock::now();
  return Status::Ok();
}

bool JobRegistry::Shutdown(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  stopping_ = true;
  for (const auto& job : queue_) {
    job->view.state = JobState::kCancelled;
    job->view.error = Status::Cancelled("the server shut down before the job started");
    job->view.finished_at = Now();
  }
  queue_.clear();
  wake_.notify_all();
  return finished_.wait_for(lock, timeout, [&] { return running_ == 0; });
}

void JobRegistry::Work() {
  while (true) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping
      job = queue_.front();
      queue_.pop_front();
      job->view.state = JobState::kRunning;
      job->view.stage = "starting";
      job->view.started_at = Now();
      ++running_;
    }
    JobProgress progress(*this, *job);
    Result<Json> result = Status::Internal("the job did not run");
    try {
      result = job->work(progress);
    } catch (const std::exception& e) {
      // Only a bug or exhausted memory gets here; the job fails rather than the server.
      result = Status::Internal("the job failed unexpectedly: {}", e.what());
    }
    {
      std::lock_guard lock(mutex_);
      job->view.finished_at = Now();
      job->finished = std::chrono::steady_clock::now();
      if (result.ok()) {
        job->view.state = JobState::kSucceeded;
        job->view.result = std::move(result).value();
        job->view.stage = "done";
      } else {
        job->view.state = JobState::kFailed;
        job->view.error = result.status();
        spdlog::info("job {} ({}) failed: {}", job->view.id, job->view.kind, result.status().message());
      }
      job->work = nullptr;  // releases what the work held (uploaded files)
      --running_;
    }
    finished_.notify_all();
  }
}

void JobRegistry::Forget() {
  const auto now = std::chrono::steady_clock::now();
  std::vector<std::pair<std::chrono::steady_clock::time_point, std::string>> finished;
  for (auto it = jobs_.begin(); it != jobs_.end();) {
    const JobState s = it->second->view.state;
    const bool done = s != JobState::kQueued && s != JobState::kRunning;
    if (done && now - it->second->finished > kKeepFor) {
      it = jobs_.erase(it);
      continue;
    }
    if (done) finished.emplace_back(it->second->finished, it->first);
    ++it;
  }
  if (finished.size() <= kKeepFinished) return;
  std::sort(finished.begin(), finished.end());
  for (std::size_t i = 0; i + kKeepFinished < finished.size(); ++i) jobs_.erase(finished[i].second);
}

}  // namespace nrs::server
