#include "geo/area_type.h"

#include <gtest/gtest.h>

namespace nrs::geo {
namespace {

TEST(AreaType, KeysAndNamesCarryTheVintage) {
  const AreaType lsoa11{AreaKind::kLsoa, 11};
  EXPECT_EQ(lsoa11.Key(), "lsoa11");
  EXPECT_EQ(lsoa11.Name(), "LSOA (2011)");
  EXPECT_EQ((AreaType{AreaKind::kWard, 19}).Key(), "wd19");
  EXPECT_EQ((AreaType{AreaKind::kLocalAuthority, 19}).Name(), "Local authority district (2019)");
  EXPECT_EQ((AreaType{AreaKind::kRegion, 0}).Key(), "rgn");
  EXPECT_NE(lsoa11, (AreaType{AreaKind::kLsoa, 21}));
}

TEST(AreaType, ParseRoundTrips) {
  for (const char* key : {"oa11", "lsoa11", "lsoa21", "msoa11", "wd19", "lad19", "lad17", "cty19", "rgn", "ctry"}) {
    const auto type = ParseAreaType(key);
    ASSERT_TRUE(type.ok()) << key;
    EXPECT_EQ(type->Key(), key);
  }
  EXPECT_FALSE(ParseAreaType("lsoa").ok());
  EXPECT_FALSE(ParseAreaType("rgn19").ok());
  EXPECT_FALSE(ParseAreaType("postcode").ok());
  EXPECT_FALSE(ParseAreaType("lsoa1x").ok());
}

TEST(AreaType, CodeForms) {
  const AreaType lsoa{AreaKind::kLsoa, 11};
  EXPECT_TRUE(lsoa.CodeMatches("E01006512"));
  EXPECT_TRUE(lsoa.CodeMatches("W01000001"));
  EXPECT_FALSE(lsoa.CodeMatches("E02006512"));
  EXPECT_FALSE(lsoa.CodeMatches("E0100651"));
  EXPECT_FALSE(lsoa.CodeMatches("E01A06512"));
  const AreaType ward{AreaKind::kWard, 19};
  EXPECT_TRUE(ward.CodeMatches("E05000904"));
  EXPECT_TRUE(ward.CodeMatches("S13002516"));
  EXPECT_TRUE((AreaType{AreaKind::kLocalAuthority, 19}).CodeMatches("E08000012"));
  EXPECT_TRUE((AreaType{AreaKind::kCounty, 19}).CodeMatches("E11000002"));
  EXPECT_TRUE((AreaType{AreaKind::kRegion, 0}).CodeMatches("E12000002"));
  EXPECT_TRUE((AreaType{AreaKind::kCountry, 0}).CodeMatches("E92000001"));
  EXPECT_EQ(lsoa.CodePattern(), "E01, W01 followed by six digits");
}

TEST(AreaType, FromHeadersAsPublished) {
  const auto check = [](std::string_view header, std::string_view key) {
    const auto type = AreaTypeFromCodeHeader(header);
    ASSERT_TRUE(type.has_value()) << header;
    EXPECT_EQ(type->Key(), key) << header;
  };
  check("LSOA11CD", "lsoa11");
  check("WD19CD", "wd19");
  check("LAD17CD", "lad17");
  check("CTY19CD", "cty19");
  check("RGN11CD", "rgn");
  check("CTRY19CD", "ctry");
  check("lsoa11_code", "lsoa11");
  check("lad19_code", "lad19");
  check("LSOA code (2011)", "lsoa11");
  check("Local Authority District code (2019)", "lad19");
  check("LSOA21CD", "lsoa21");
  EXPECT_FALSE(AreaTypeFromCodeHeader("LSOA11NM").has_value());
  EXPECT_FALSE(AreaTypeFromCodeHeader("FID").has_value());
  EXPECT_FALSE(AreaTypeFromCodeHeader("Index of Multiple Deprivation (IMD) Score").has_value());
  EXPECT_EQ(AreaTypeFromNameHeader("LSOA11NM")->Key(), "lsoa11");
  EXPECT_EQ(AreaTypeFromNameHeader("LSOA name (2011)")->Key(), "lsoa11");
  EXPECT_EQ(AreaTypeFromNameHeader("lad19_name")->Key(), "lad19");
  EXPECT_FALSE(AreaTypeFromNameHeader("LSOA11CD").has_value());
}

}  // namespace
}  // namespace nrs::geo
