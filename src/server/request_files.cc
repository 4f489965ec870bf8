#include "server/request_files.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

namespace nrs::server {
namespace {

std::string Without(std::string text, const std::string& prefix) {
  for (std::size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at)) {
    text.erase(at, prefix.size());
  }
  return text;
}

}  // namespace

Result<std::shared_ptr<RequestFiles>> RequestFiles::Create(const std::string& parent) {
  std::error_code ec;
  const std::filesystem::path base =
      parent.empty() ? std::filesystem::temp_directory_path(ec) : std::filesystem::path(parent);
  if (ec) return Status::IoError("no temporary folder: {}", ec.message());
  std::string pattern = (base / "nrs-request-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  // mkdtemp makes the folder readable by this user only.
  if (::mkdtemp(buffer.data()) == nullptr) {
    return Status::IoError("cannot make a temporary folder in '{}': {}", base.string(), std::strerror(errno));
  }
  return std::shared_ptr<RequestFiles>(new RequestFiles(buffer.data()));
}

RequestFiles::~RequestFiles() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

Result<std::string> RequestFiles::PathFor(std::string_view name) const {
  const bool plain =
      !name.empty() && name.size() <= 100 && name.front() != '.' && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
               c == '_';
      });
  if (!plain) {
    return Status::InvalidArgument(
        "'{}' is not a usable file name: use up to 100 letters, digits, '.', '-' and '_', ending in the file's type "
        "(.csv, .csv.gz, .geojson …)",
        name);
  }
  return fmt::format("{}/{}", dir_, name);
}

Result<std::string> RequestFiles::Write(std::string_view name, std::string_view bytes) const {
  NRS_ASSIGN_OR_RETURN(const std::string path, PathFor(name));
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return Status::IoError("cannot write the request's file '{}'", name);
  return path;
}

Status RequestFiles::Scrub(const Status& status) const {
  if (status.ok()) return status;
  const std::string prefix = dir_ + "/";
  std::vector<Diagnostic> diagnostics = status.diagnostics();
  for (Diagnostic& d : diagnostics) {
    d.file = Without(d.file, prefix);
    d.reason = Without(d.reason, prefix);
  }
  return {status.code(), Without(std::string(status.message()), prefix), std::move(diagnostics),
          status.diagnostic_count()};
}

}  // namespace nrs::server
