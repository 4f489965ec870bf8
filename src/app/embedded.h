#pragma once

// Files compiled into the program (see cmake/NrsEmbed.cmake): the demo data and its provenance.

#include <optional>
#include <span>
#include <string_view>

namespace nrs::app {

struct EmbeddedFile {
  std::string_view name;  // file name without directories
  std::string_view data;  // the bytes, exactly as in the repository (gzip files stay compressed)
};

// The contents of data/demo/.
std::span<const EmbeddedFile> DemoFiles();
// The survey instrument and scale tables shipped with NRS (data/scales/).
std::span<const EmbeddedFile> ScaleFiles();

// The demo file called `name`, or nullopt.
std::optional<std::string_view> FindDemoFile(std::string_view name);

}  // namespace nrs::app
