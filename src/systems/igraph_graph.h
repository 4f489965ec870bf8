#pragma once

// The igraph C library behind our types (internal to this folder). igraph reports errors through a global
// handler that aborts by default, keeps a global stack of allocations to free on error, and Debian's build is
// not thread-safe (IGRAPH_THREAD_SAFE is 0). So every use of igraph here:
//   - holds the lock returned by LockIgraph() (one igraph call sequence at a time in the process), which also
//     installs, once, handlers that record the error instead of aborting and silence warnings;
//   - owns igraph objects through the RAII types below;
//   - turns each igraph_error_t into a Status with Check().

#include <igraph/igraph.h>

#include <mutex>
#include <string_view>
#include <vector>

#include "nrs/result.h"
#include "systems/network.h"

namespace nrs::systems::internal {

// The process-wide igraph lock. Hold it for the whole life of any igraph object.
std::unique_lock<std::mutex> LockIgraph();

// OK when `code` is IGRAPH_SUCCESS; otherwise kInvalidArgument for invalid input (values, vertex ids,
// modes), kInternal otherwise, with
// igraph's reason and `what` (the operation) in the message.
Status Check(igraph_error_t code, std::string_view what);

class IntVector {
 public:
  IntVector();
  ~IntVector();
  IntVector(const IntVector&) = delete;
  IntVector& operator=(const IntVector&) = delete;
  igraph_vector_int_t* Get() { return &v_; }
  const igraph_vector_int_t* Get() const { return &v_; }
  igraph_integer_t size() const { return igraph_vector_int_size(&v_); }
  igraph_integer_t operator[](igraph_integer_t i) const { return VECTOR(v_)[i]; }

 private:
  igraph_vector_int_t v_;
};

class RealVector {
 public:
  RealVector();
  ~RealVector();
  RealVector(const RealVector&) = delete;
  RealVector& operator=(const RealVector&) = delete;
  igraph_vector_t* Get() { return &v_; }
  igraph_integer_t size() const { return igraph_vector_size(&v_); }
  double operator[](igraph_integer_t i) const { return VECTOR(v_)[i]; }
  std::vector<double> ToStd() const;

 private:
  igraph_vector_t v_;
};

// An igraph graph with our node indices as its vertex ids.
class IgraphGraph {
 public:
  // The graph of `graph` (its arcs; undirected when !graph.directed). With `as_undirected` a directed graph
  // is turned into an undirected one with each connected pair once. Caller holds LockIgraph().
  static Result<IgraphGraph> Create(const Graph& graph, bool as_undirected = false);
  ~IgraphGraph();
  IgraphGraph(IgraphGraph&& other) noexcept;
  IgraphGraph& operator=(IgraphGraph&&) = delete;
  IgraphGraph(const IgraphGraph&) = delete;
  IgraphGraph& operator=(const IgraphGraph&) = delete;

  const igraph_t* Get() const { return &g_; }

 private:
  IgraphGraph() = default;
  igraph_t g_{};
  bool owned_ = false;
};

}  // namespace nrs::systems::internal
