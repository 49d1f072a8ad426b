#include "util/time.h"

#include <gtest/gtest.h>

#include <ctime>
#include <string>

#include "util/strftime.h"

namespace orrery::util {
namespace {

TEST(Time, FromCivilAppliesOffsetTowardsUtc) {
  auto t = from_civil(2023, 7, 29, 13, 10, 0, 2 * 3600);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(format_rfc3339(*t), "2023-07-29T11:10:00Z");
}

TEST(Time, FromCivilRejectsImpossibleDates) {
  EXPECT_FALSE(from_civil(2023, 2, 29, 0, 0, 0).has_value());
  EXPECT_FALSE(from_civil(2023, 4, 31, 0, 0, 0).has_value());
  EXPECT_FALSE(from_civil(2023, 13, 1, 0, 0, 0).has_value());
  EXPECT_FALSE(from_civil(2023, 1, 1, 25, 0, 0).has_value());
  EXPECT_TRUE(from_civil(2024, 2, 29, 0, 0, 0).has_value());
}

TEST(Time, Rfc3339RoundTripsAndAcceptsOffsets) {
  auto t = parse_rfc3339("2003-12-31T10:14:55Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(format_rfc3339(*t), "2003-12-31T10:14:55Z");
  auto shifted = parse_rfc3339("2003-12-31T12:14:55.25+02:00");
  ASSERT_TRUE(shifted.has_value());
  EXPECT_EQ(*shifted, *t);
  EXPECT_FALSE(parse_rfc3339("31 Dec 2003").has_value());
}

TEST(Time, FormatsRfc822AndHttpDates) {
  auto t = *from_civil(2003, 12, 31, 10, 14, 55);
  EXPECT_EQ(format_rfc822(t), "Wed, 31 Dec 2003 10:14:55 +0000");
  EXPECT_EQ(format_http_date(t), "Wed, 31 Dec 2003 10:14:55 GMT");
}

TEST(Time, StrftimeUsesVenusDefaultFormatInUtc) {
  auto t = *from_civil(2023, 7, 29, 11, 10, 0);
  EXPECT_EQ(format_strftime(t, "%B %d, %Y %I:%M %p"), "July 29, 2023 11:10 AM");
  EXPECT_EQ(format_strftime(t, "%B %d, %Y"), "July 29, 2023");
}

TEST(Time, StrftimeGrowsItsBufferForALongOutput) {
  auto t = *from_civil(2023, 7, 29, 11, 10, 0);
  // "%c" is 2 characters that become 24: 20 of them outgrow the first buffer (4 x 40 + 64).
  std::string format;
  std::string expected;
  for (int i = 0; i < 20; ++i) {
    format += "%c";
    expected += "Sat Jul 29 11:10:00 2023";
  }
  EXPECT_EQ(format_strftime(t, format), expected);
  EXPECT_EQ(format_strftime(t, ""), "");
}

TEST(Time, StrftimeOfABrokenDownTimeIsTheSharedFormatter) {
  std::tm tm{};
  tm.tm_year = 2023 - 1900;
  tm.tm_mon = 6;
  tm.tm_mday = 29;
  tm.tm_hour = 11;
  EXPECT_EQ(format_strftime_tm(tm, "%Y-%m-%d %H"), "2023-07-29 11");
}

}  // namespace
}  // namespace orrery::util
