#include "core/ids.h"

#include <gtest/gtest.h>

#include <unordered_set>

namespace nrs::core {
namespace {

struct AreaTag;
struct NeighbourhoodTag;
using AreaId = Id<AreaTag>;
using NeighbourhoodId = Id<NeighbourhoodTag>;

TEST(Id, TypedAndComparable) {
  static_assert(!std::is_convertible_v<AreaId, NeighbourhoodId>, "ids of different kinds must not mix");
  static_assert(!std::is_convertible_v<std::int64_t, AreaId>, "ids are made explicitly");
  EXPECT_FALSE(AreaId().valid());
  EXPECT_TRUE(AreaId(7).valid());
  EXPECT_LT(AreaId(3), AreaId(7));
  EXPECT_EQ(AreaId(7), AreaId(7));
  std::unordered_set<AreaId> set{AreaId(1), AreaId(2), AreaId(1)};
  EXPECT_EQ(set.size(), 2U);
}

TEST(Slugify, NamesOfPlaces) {
  EXPECT_EQ(Slugify("Mill Hill & Wensley Fold"), "mill-hill-wensley-fold");
  EXPECT_EQ(Slugify("Worsley, Haslingden"), "worsley-haslingden");
  EXPECT_EQ(Slugify("  Old Swan  "), "old-swan");
  EXPECT_EQ(Slugify("Moss Bay & Salterbeck"), "moss-bay-salterbeck");
  EXPECT_EQ(Slugify("Ward 12 (2019)"), "ward-12-2019");
  EXPECT_EQ(Slugify("Côte"), "c-te");
  EXPECT_EQ(Slugify("&&&"), "");
}

}  // namespace
}  // namespace nrs::core
