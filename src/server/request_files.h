#pragma once

// Inputs that arrive in a request — an uploaded file, the CSV text of a JSON body — become files in a private
// temporary folder, named as the client named them, so that the facade reads them exactly as it reads files
// given on the command line. Messages about them name the file as the client did, without the folder. The
// folder and its files are removed when the last holder lets go (after the request, or after its job).

#include <memory>
#include <string>
#include <string_view>

#include "nrs/result.h"

namespace nrs::server {

class RequestFiles {
 public:
  // A new folder under `parent` ("" = the system's temporary folder). Errors: kIoError.
  static Result<std::shared_ptr<RequestFiles>> Create(const std::string& parent);
  ~RequestFiles();
  RequestFiles(const RequestFiles&) = delete;
  RequestFiles& operator=(const RequestFiles&) = delete;

  // The path where a file called `name` goes. Errors: kInvalidArgument when `name` is not a plain file name of
  // letters, digits, '.', '-', '_' (at most 100 characters, not starting with '.').
  Result<std::string> PathFor(std::string_view name) const;
  // Writes `bytes` to the file `name` and returns its path.
  Result<std::string> Write(std::string_view name, std::string_view bytes) const;

  // `status` with this folder taken out of its message and diagnostics (so they name "edges.csv", not the
  // server's temporary path).
  Status Scrub(const Status& status) const;

  const std::string& dir() const { return dir_; }

 private:
  explicit RequestFiles(std::string dir) : dir_(std::move(dir)) {}
  std::string dir_;
};

}  // namespace nrs::server
