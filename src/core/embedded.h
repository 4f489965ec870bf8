#pragma once

// Files compiled into the program by cmake/NrsEmbed.cmake (the demo data, the web application's files): each
// embedding generates a function returning a span of these.

#include <string_view>

namespace nrs::core {

struct EmbeddedFile {
  std::string_view name;  // the file's path relative to the embedding's base folder (its name without one)
  std::string_view data;  // the bytes, exactly as in the repository (gzip files stay compressed)
};

}  // namespace nrs::core
