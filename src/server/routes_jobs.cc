// Jobs: long work (imports) with its progress, for the web application's progress bars.

#include "server/replies.h"
#include "server/state.h"

namespace nrs::server {
namespace {

const Parameter kJobId{"id", schema::String("", 64), "The job's id (from the reply that started it)", true, ""};

// The job, if the caller may see it: their own, or anyone's for those who may read every job. Another user's job
// is "not found", so that ids cannot be probed.
Result<JobView> VisibleJob(Call& call) {
  auto job = call.state().jobs().Get(call.Path("id"));
  if (!job || (job->owner != call.user()->user.id && !call.Allowed(Permission::kReadAllJobs))) {
    return Status::NotFound("no job '{}'", call.Path("id"));
  }
  return std::move(*job);
}

}  // namespace

void AddJobsRoutes(std::vector<Route>& routes) {
  {
    Route r;
    r.path = "/api/v1/jobs";
    r.operation_id = "listJobs";
    r.tag = "jobs";
    r.summary = "list your jobs";
    r.description =
        "Newest first: your own jobs, or every user's for administrators. Finished jobs are kept for "
        "an hour; jobs do not survive a restart of the server.";
    r.permission = Permission::kSignedIn;
    r.response_schema = schema::Object({{"jobs", schema::Array(JobSchema())}}, {"jobs"});
    r.execution = Execution::kInline;
    r.handler = [](Call& call) -> Result<Reply> {
      const std::int64_t owner = call.Allowed(Permission::kReadAllJobs) ? 0 : call.user()->user.id;
      Json jobs = Json::array();
      for (const JobView& job : call.state().jobs().List(owner)) jobs.push_back(job.ToJson());
      return Reply::Json(Json{{"jobs", std::move(jobs)}}.dump());
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.path = "/api/v1/jobs/{id}";
    r.operation_id = "getJob";
    r.tag = "jobs";
    r.summary = "follow a job";
    r.description =
        "Its state (queued, running, succeeded, failed, cancelled), progress (stage, done, total, "
        "fraction) and, when finished, its result or error.";
    r.permission = Permission::kSignedIn;
    r.path_parameters = {kJobId};
    r.response_schema = JobSchema();
    r.errors = {ErrorCode::kNotFound};
    r.execution = Execution::kInline;
    r.handler = [](Call& call) -> Result<Reply> {
      NRS_ASSIGN_OR_RETURN(const JobView job, VisibleJob(call));
      return Reply::Json(job.ToJson().dump());
    };
    routes.push_back(std::move(r));
  }
  {
    Route r;
    r.method = Method::kDelete;
    r.path = "/api/v1/jobs/{id}";
    r.operation_id = "cancelJob";
    r.tag = "jobs";
    r.summary = "cancel a queued job";
    r.description =
        "Only a job that has not started: a running import is one transaction and finishes, or leaves "
        "nothing (409).";
    r.permission = Permission::kSignedIn;
    r.path_parameters = {kJobId};
    r.response_schema = JobSchema();
    r.errors = {ErrorCode::kNotFound, ErrorCode::kConflict};
    r.execution = Execution::kInline;
    r.handler = [](Call& call) -> Result<Reply> {
      NRS_ASSIGN_OR_RETURN(const JobView job, VisibleJob(call));
      NRS_RETURN_IF_ERROR(call.state().jobs().Cancel(job.id));
      return Reply::Json(call.state().jobs().Get(job.id)->ToJson().dump());
    };
    routes.push_back(std::move(r));
  }
}

}  // namespace nrs::server
