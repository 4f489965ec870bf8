#include "core/text.h"

#include <gtest/gtest.h>

namespace nrs::core {
namespace {

TEST(ParseDouble, AcceptsWholeNumbersOnly) {
  EXPECT_EQ(ParseDouble("47.6646"), 47.6646);
  EXPECT_EQ(ParseDouble(" -1.5e3 "), -1500.0);
  EXPECT_EQ(ParseDouble("+2"), 2.0);
  EXPECT_EQ(ParseDouble("0.1"), 0.1);  // correctly rounded, the same double as the literal
  EXPECT_FALSE(ParseDouble(""));
  EXPECT_FALSE(ParseDouble("  "));
  EXPECT_FALSE(ParseDouble("12abc"));
  EXPECT_FALSE(ParseDouble("1,000"));
  EXPECT_FALSE(ParseDouble("nan"));
  EXPECT_FALSE(ParseDouble("inf"));
  EXPECT_FALSE(ParseDouble("1e999"));
}

TEST(ParseInt, RejectsFractionsAndOverflow) {
  EXPECT_EQ(ParseInt("1500"), 1500);
  EXPECT_EQ(ParseInt("-3"), -3);
  EXPECT_FALSE(ParseInt("1.5"));
  EXPECT_FALSE(ParseInt("99999999999999999999"));
  EXPECT_FALSE(ParseInt("x"));
}

TEST(ParseGroupedNumber, ThousandsSeparatorsAsExported) {
  EXPECT_EQ(ParseGroupedNumber("\"29,199\""), std::nullopt);  // quotes are the CSV reader's business
  EXPECT_EQ(ParseGroupedNumber("29,199"), 29199.0);
  EXPECT_EQ(ParseGroupedNumber("1,296"), 1296.0);
  EXPECT_EQ(ParseGroupedNumber("-1,234,567.25"), -1234567.25);
  EXPECT_EQ(ParseGroupedNumber("715"), 715.0);
  EXPECT_EQ(ParseGroupedNumber("1.5e3"), 1500.0);
  EXPECT_FALSE(ParseGroupedNumber("1,29"));
  EXPECT_FALSE(ParseGroupedNumber("1234,567"));
  EXPECT_FALSE(ParseGroupedNumber("1,2345"));
  EXPECT_FALSE(ParseGroupedNumber(",123"));
  EXPECT_FALSE(ParseGroupedNumber("1,234.5,6"));
  EXPECT_FALSE(ParseGroupedNumber("12,3a4"));
}

TEST(Text, TrimSplitLower) {
  EXPECT_EQ(Trim("  a b \r\n"), "a b");
  EXPECT_EQ(SplitList("E05011520; E05011523;;", ';'), (std::vector<std::string>{"E05011520", "E05011523"}));
  EXPECT_TRUE(SplitList("", ',').empty());
  EXPECT_EQ(ToLower("LSOA11CD"), "lsoa11cd");
}

}  // namespace
}  // namespace nrs::core
