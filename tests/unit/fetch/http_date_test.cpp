#include "fetch/http_date.h"

#include <gtest/gtest.h>

namespace orrery::fetch {
namespace {

const util::TimePoint k_rfc_example = *util::from_civil(1994, 11, 6, 8, 49, 37);

TEST(HttpDate, ImfFixdateIsParsed) {
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), k_rfc_example);
}

TEST(HttpDate, Rfc850FormWithTwoDigitYearIsParsed) {
  EXPECT_EQ(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), k_rfc_example);
}

TEST(HttpDate, AsctimeFormIsParsed) {
  EXPECT_EQ(parse_http_date("Sun Nov  6 08:49:37 1994"), k_rfc_example);
}

TEST(HttpDate, TwoDigitYearBelowSeventyIsThisCentury) {
  EXPECT_EQ(parse_http_date("Friday, 01-Jan-27 00:00:00 GMT"),
            util::from_civil(2027, 1, 1, 0, 0, 0));
}

TEST(HttpDate, AsctimeWithTwoDigitYearIsRejected) {
  EXPECT_FALSE(parse_http_date("Sun Nov  6 08:49:37 94"));
}

TEST(HttpDate, MonthNamesAreCaseInsensitive) {
  EXPECT_EQ(parse_http_date("Sun, 06 NOV 1994 08:49:37 GMT"), k_rfc_example);
}

TEST(HttpDate, ZoneOtherThanGmtIsRejected) {
  EXPECT_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 +0200"));
}

TEST(HttpDate, ImpossibleDateIsRejected) {
  EXPECT_FALSE(parse_http_date("Thu, 31 Apr 2025 08:49:37 GMT"));
  EXPECT_FALSE(parse_http_date("Sun, 06 Nov 1994 25:49:37 GMT"));
}

TEST(HttpDate, GarbageIsRejected) {
  EXPECT_FALSE(parse_http_date(""));
  EXPECT_FALSE(parse_http_date("soon"));
  EXPECT_FALSE(parse_http_date("Sun, 06 Nov 1994"));
}

TEST(HttpDate, OverlongTextIsRejectedWithoutParsing) {
  EXPECT_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT" + std::string(100, ' ') + "x"));
}

}  // namespace
}  // namespace orrery::fetch
