#include "systems/igraph_graph.h"

#include <fmt/format.h>

#include <cstdlib>
#include <string>

namespace nrs::systems::internal {
namespace {

// igraph's last error reason, recorded by ErrorHandler (always under the igraph lock).
std::string& LastReason() {
  static std::string reason;
  return reason;
}

// Replaces igraph's default handler, which aborts the process: record the reason and free what the failed
// function had allocated (igraph's contract for handlers that return), so the function returns its code.
void ErrorHandler(const char* reason, const char* file, int line, igraph_error_t code) {
  LastReason() = fmt::format("{} ({})", reason != nullptr ? reason : "", igraph_strerror(code));
  (void)file;
  (void)line;
  IGRAPH_FINALLY_FREE();
}

}  // namespace

std::unique_lock<std::mutex> LockIgraph() {
  static std::mutex mutex;
  static std::once_flag once;
  std::unique_lock<std::mutex> lock(mutex);
  std::call_once(once, [] {
    igraph_set_error_handler(&ErrorHandler);
    // igraph warns, e.g., that eigenvector centrality of a disconnected graph is not unique; engines stay
    // quiet, and the results are documented as they are.
    igraph_set_warning_handler(&igraph_warning_handler_ignore);
  });
  return lock;
}

Status Check(igraph_error_t code, std::string_view what) {
  if (code == IGRAPH_SUCCESS) return Status::Ok();
  const std::string reason = LastReason();
  LastReason().clear();
  if (code == IGRAPH_EINVAL || code == IGRAPH_EINVVID || code == IGRAPH_EINVMODE) {
    return Status::InvalidArgument("{}: {}", what, reason);
  }
  return Status::Internal("{}: igraph failed: {}", what, reason);
}

IntVector::IntVector() {
  // Allocating an empty vector cannot fail short of memory exhaustion, which igraph reports as a bug here.
  if (igraph_vector_int_init(&v_, 0) != IGRAPH_SUCCESS) std::abort();
}
IntVector::~IntVector() { igraph_vector_int_destroy(&v_); }

RealVector::RealVector() {
  if (igraph_vector_init(&v_, 0) != IGRAPH_SUCCESS) std::abort();
}
RealVector::~RealVector() { igraph_vector_destroy(&v_); }

std::vector<double> RealVector::ToStd() const {
  std::vector<double> out(static_cast<std::size_t>(size()));
  for (igraph_integer_t i = 0; i < size(); ++i) out[static_cast<std::size_t>(i)] = VECTOR(v_)[i];
  return out;
}

Result<IgraphGraph> IgraphGraph::Create(const Graph& graph, bool as_undirected) {
  IntVector edges;
  NRS_RETURN_IF_ERROR(
      Check(igraph_vector_int_resize(edges.Get(), static_cast<igraph_integer_t>(2 * graph.arcs.size())), "graph"));
  for (std::size_t i = 0; i < graph.arcs.size(); ++i) {
    VECTOR(*edges.Get())[2 * i] = graph.arcs[i].from;
    VECTOR(*edges.Get())[2 * i + 1] = graph.arcs[i].to;
  }
  IgraphGraph result;
  NRS_RETURN_IF_ERROR(Check(igraph_create(&result.g_, edges.Get(), graph.size(), graph.directed), "graph"));
  result.owned_ = true;
  if (graph.directed && as_undirected) {
    NRS_RETURN_IF_ERROR(Check(igraph_to_undirected(&result.g_, IGRAPH_TO_UNDIRECTED_COLLAPSE, nullptr), "graph"));
  }
  return result;
}

IgraphGraph::IgraphGraph(IgraphGraph&& other) noexcept : g_(other.g_), owned_(other.owned_) { other.owned_ = false; }

IgraphGraph::~IgraphGraph() {
  if (owned_) igraph_destroy(&g_);
}

}  // namespace nrs::systems::internal
