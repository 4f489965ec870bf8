#include "geo/hierarchy.h"

#include <gtest/gtest.h>

#include "geo/neighbourhood.h"

namespace nrs::geo {
namespace {

const AreaType kLsoa{AreaKind::kLsoa, 11};
const AreaType kMsoa{AreaKind::kMsoa, 11};
const AreaType kWard{AreaKind::kWard, 19};
const AreaType kLad19{AreaKind::kLocalAuthority, 19};
const AreaType kLad17{AreaKind::kLocalAuthority, 17};
const AreaType kRegion{AreaKind::kRegion, 0};

// Two wards of Liverpool, their LSOAs (real codes) and a second path LSOA → MSOA → LAD17.
Hierarchy Liverpool() {
  Hierarchy h;
  h.AddArea({1, kRegion, "E12000002", "North West"});
  h.AddArea({2, kLad19, "E08000012", "Liverpool"});
  h.AddArea({3, kWard, "E05000904", "Old Swan"});
  h.AddArea({4, kWard, "E05000886", "Anfield"});
  h.AddArea({10, kLsoa, "E01006512", "Liverpool 030B"});
  h.AddArea({11, kLsoa, "E01006510", "Liverpool 030A"});
  h.AddArea({12, kLsoa, "E01006400", "Liverpool 005A"});
  h.AddArea({20, kMsoa, "E02001376", "Liverpool 030"});
  h.AddArea({30, kLad17, "E08000012", "Liverpool"});
  h.AddLink(2, 1);
  h.AddLink(3, 2);
  h.AddLink(4, 2);
  h.AddLink(10, 3);
  h.AddLink(11, 3);
  h.AddLink(12, 4);
  h.AddLink(10, 20);
  h.AddLink(11, 20);
  h.AddLink(20, 30);
  return h;
}

TEST(Hierarchy, FindsByTypeAndCode) {
  const Hierarchy h = Liverpool();
  ASSERT_NE(h.Find(kWard, "E05000904"), nullptr);
  EXPECT_EQ(h.Find(kWard, "E05000904")->name, "Old Swan");
  EXPECT_EQ(h.Find(kLsoa, "E05000904"), nullptr);
  EXPECT_EQ(h.Find(kLad19, "E08000012")->id, 2);
  EXPECT_EQ(h.Find(kLad17, "E08000012")->id, 30);
}

TEST(Hierarchy, DescendantsFollowEveryPathOnceSortedByCode) {
  const Hierarchy h = Liverpool();
  EXPECT_EQ(h.Descendants(3, kLsoa), (std::vector<std::int64_t>{11, 10}));
  EXPECT_EQ(h.Descendants(1, kLsoa), (std::vector<std::int64_t>{12, 11, 10}));
  EXPECT_EQ(h.Descendants(1, kWard), (std::vector<std::int64_t>{4, 3}));
  EXPECT_EQ(h.Descendants(30, kLsoa), (std::vector<std::int64_t>{11, 10}));
  EXPECT_EQ(h.Descendants(10, kLsoa), (std::vector<std::int64_t>{10}));
  EXPECT_TRUE(h.Descendants(10, kWard).empty());
}

TEST(Hierarchy, AncestorOfAGivenTypeAndVintage) {
  const Hierarchy h = Liverpool();
  EXPECT_EQ(h.Ancestor(10, kLad19), 2);
  EXPECT_EQ(h.Ancestor(10, kLad17), 30);
  EXPECT_EQ(h.Ancestor(12, kRegion), 1);
  EXPECT_EQ(h.Ancestor(1, kLad19), 0);
  EXPECT_EQ(h.OfType(kWard), (std::vector<std::int64_t>{4, 3}));
}

TEST(Neighbourhood, WardsExpandToTheirLsoas) {
  const Hierarchy h = Liverpool();
  const auto members = ResolveMembers(h, Definition::kWards, {"E05000904"}, kLsoa, kWard);
  ASSERT_TRUE(members.ok()) << members.status().ToString();
  EXPECT_EQ(*members, (std::vector<std::int64_t>{11, 10}));
  const auto both = ResolveMembers(h, Definition::kWards, {"E05000904", "E05000886", "E05000904"}, kLsoa, kWard);
  EXPECT_EQ(both->size(), 3U);
  EXPECT_EQ(MainCouncil(h, *both, kLad19), 2);
}

TEST(Neighbourhood, LsoaCodesAndTheirErrors) {
  const Hierarchy h = Liverpool();
  EXPECT_EQ(*ResolveMembers(h, Definition::kLsoas, {"E01006512", "E01006400"}, kLsoa, kWard),
            (std::vector<std::int64_t>{12, 10}));
  const auto wrong_form = ResolveMembers(h, Definition::kLsoas, {"E05000904"}, kLsoa, kWard);
  EXPECT_EQ(wrong_form.status().message(),
            "'E05000904' is not a LSOA (2011) code (expected E01, W01 followed by six digits)");
  const auto unknown = ResolveMembers(h, Definition::kWards, {"E05000999"}, kLsoa, kWard);
  EXPECT_NE(unknown.status().message().find("not in the database"), std::string::npos);
  EXPECT_FALSE(ResolveMembers(h, Definition::kLsoas, {}, kLsoa, kWard).ok());
}

TEST(Neighbourhood, Classes) {
  EXPECT_EQ(*ParseNeighbourhoodClass("programme"), NeighbourhoodClass::kProgramme);
  EXPECT_EQ(*ParseNeighbourhoodClass("Comparison area"), NeighbourhoodClass::kComparison);
  EXPECT_EQ(*ParseNeighbourhoodClass("better-off"), NeighbourhoodClass::kBetterOff);
  EXPECT_FALSE(ParseNeighbourhoodClass("affluent").ok());
  EXPECT_EQ(NeighbourhoodClassName(NeighbourhoodClass::kBetterOff), "better-off area");
}

}  // namespace
}  // namespace nrs::geo
