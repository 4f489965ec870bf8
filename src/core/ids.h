#pragma once

// Identifiers. Stored rows are named by typed integer ids, so an AreaId cannot be passed where a
// NeighbourhoodId is expected; things people name (neighbourhoods, frameworks) also get a slug for URLs
// and file names.

#include <compare>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace nrs::core {

template <typename Tag>
class Id {
 public:
  constexpr Id() = default;  // invalid
  constexpr explicit Id(std::int64_t value) : value_(value) {}
  constexpr std::int64_t value() const { return value_; }
  constexpr bool valid() const { return value_ > 0; }
  friend constexpr auto operator<=>(Id, Id) = default;  // NOLINT(modernize-use-nullptr): clang-tidy 14 bug

 private:
  std::int64_t value_ = 0;
};

// Lower-case ASCII letters and digits joined by single hyphens: "Mill Hill & Wensley Fold" →
// "mill-hill-wensley-fold". Letters outside ASCII are dropped. Empty when nothing is left.
std::string Slugify(std::string_view name);

}  // namespace nrs::core

template <typename Tag>
struct std::hash<nrs::core::Id<Tag>> {
  std::size_t operator()(nrs::core::Id<Tag> id) const noexcept { return std::hash<std::int64_t>{}(id.value()); }
};
