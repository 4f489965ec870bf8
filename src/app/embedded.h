#pragma once

// Files compiled into the program (see cmake/NrsEmbed.cmake): the demo data and its provenance.

#include <optional>
#include <span>
#include <string_view>

#include "core/embedded.h"

namespace nrs::app {

using core::EmbeddedFile;

// The contents of data/demo/.
std::span<const EmbeddedFile> DemoFiles();
// The survey instrument and scale tables shipped with NRS (data/scales/).
std::span<const EmbeddedFile> ScaleFiles();

// The demo file called `name`, or nullopt.
std::optional<std::string_view> FindDemoFile(std::string_view name);

}  // namespace nrs::app
