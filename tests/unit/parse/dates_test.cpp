#include "parse/dates.h"

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>

#include "util/time.h"

namespace orrery::parse {
namespace {

struct DateCase {
  const char* text;
  const char* expected;  // RFC 3339 UTC, or nullptr when the text must not parse
};

// Names the case by its text in test output.
void PrintTo(const DateCase& c, std::ostream* os) { *os << '"' << c.text << '"'; }

std::optional<std::string> parsed(const char* text) {
  std::optional<util::TimePoint> t = parse_date(text);
  if (!t) return std::nullopt;
  return util::format_rfc3339(*t);
}

class DateTable : public ::testing::TestWithParam<DateCase> {};

TEST_P(DateTable, ParsesToTheExpectedInstantOrNothing) {
  const DateCase& c = GetParam();
  if (c.expected) {
    EXPECT_EQ(parsed(c.text), std::optional<std::string>(c.expected)) << c.text;
  } else {
    EXPECT_EQ(parsed(c.text), std::nullopt) << c.text;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Rfc822, DateTable,
    ::testing::Values(
        DateCase{"Wed, 31 Dec 2003 10:14:55 +0000", "2003-12-31T10:14:55Z"},
        DateCase{"Wed, 31 Dec 2003 10:14:55 GMT", "2003-12-31T10:14:55Z"},
        DateCase{"31 Dec 2003 10:14:55 GMT", "2003-12-31T10:14:55Z"},     // no weekday
        DateCase{"Thu, 01 Jan 04 19:48:21 GMT", "2004-01-01T19:48:21Z"},  // 2-digit year
        DateCase{"Fri, 01 Jan 99 00:00:00 GMT", "1999-01-01T00:00:00Z"},
        DateCase{"Thu, 01 Jan 2004 00:00 GMT", "2004-01-01T00:00:00Z"},  // no seconds
        DateCase{"Thu,  5 Apr 2012 10:00:00 GMT", "2012-04-05T10:00:00Z"},
        DateCase{"Wed, 19 Feb 2012 22:40:00 -01:01", "2012-02-19T23:41:00Z"},
        DateCase{"Mon, 13 Feb, 2012 06:28:00 UTC", "2012-02-13T06:28:00Z"},
        DateCase{"Mon, 26 January 2004 16:31:00 PT", "2004-01-27T00:31:00Z"},
        DateCase{"Mon, 26 Jan 2004 16:31:00 EST", "2004-01-26T21:31:00Z"},
        DateCase{"Mon, 26 Jan 2004 16:31:00 EDT", "2004-01-26T20:31:00Z"},
        DateCase{"Thu, 30 Apr 2015 08:57:00 MEST", "2015-04-30T06:57:00Z"},
        DateCase{"Thu, 30 Apr 2015 08:57:00 Z", "2015-04-30T08:57:00Z"},
        DateCase{"Thu, 30 Apr 2015 08:57:00 N", "2015-04-30T07:57:00Z"},  // military zone
        DateCase{"Thu, 30 Apr 2015 08:57:00", "2015-04-30T08:57:00Z"},    // no zone: UTC
        DateCase{"Thu Aug 30 2012 17:26:16 +0200", "2012-08-30T15:26:16Z"},
        DateCase{"Fri, 2006/09/15 08:19:53 EDT", "2006-09-15T12:19:53Z"},
        DateCase{"Sun, 31 Dec 9999 23:59:59 -9999", nullptr},
        DateCase{"Sun, Dec x 2012 11:47:32 GMT", nullptr},
        DateCase{"Sun, 16 Dec zz 11:47:32 GMT", nullptr},
        DateCase{"Sun, 16 Dec 2012 11:47:32 +00:zz", nullptr},
        DateCase{"Sun, 16 Dec 2012 11:47:32 XYZ", nullptr},  // unknown zone: never a guess
        DateCase{"Sun, 16 Dec 2012 11:47:32 IST", nullptr},  // India, Ireland or Israel
        DateCase{"Sun, 16 Dec 2012 11:47:32 CEST", "2012-12-16T09:47:32Z"},
        DateCase{"Sun, 16 Dec 2012 11:47:32 ACST", "2012-12-16T02:17:32Z"},  // +09:30
        DateCase{"Sun, 16 Dec 2012 11:47:32 NST", "2012-12-16T15:17:32Z"},   // -03:30
        DateCase{"Thu, 01 Jan 2004 19:48:21 Etc/GMT", "2004-01-01T19:48:21Z"},
        DateCase{"Thu, 01 Jan 2004 19:48:21 GMT-05:00", "2004-01-02T00:48:21Z"},
        DateCase{"Thu, 01 Jan 2004 19:48:21 UTC+0100", "2004-01-01T18:48:21Z"},
        DateCase{"Wed, 02 Oct 2002 13:00:00 GMT+2", nullptr},
        DateCase{"Sun, 31 Feb 2012 11:47:32 GMT", nullptr}, DateCase{"", nullptr}));

INSTANTIATE_TEST_SUITE_P(
    Asctime, DateTable,
    ::testing::Values(DateCase{"Sun Nov  6 08:49:37 1994", "1994-11-06T08:49:37Z"},
                      DateCase{"Sun Nov 6 08:49 1994", "1994-11-06T08:49:00Z"},
                      // date(1) and Twitter write the zone before the year
                      DateCase{"Sun Jan  4 16:29:06 PST 2004", "2004-01-05T00:29:06Z"},
                      DateCase{"Sun Jul 15 01:16:00 +0000 2012", "2012-07-15T01:16:00Z"},
                      DateCase{"Sun Jul 15 01:16:00 XYZ 2012", nullptr}));

INSTANTIATE_TEST_SUITE_P(
    W3cDtf, DateTable,
    ::testing::Values(
        DateCase{"2003-12-31T10:14:55Z", "2003-12-31T10:14:55Z"},
        DateCase{"2003-12-31T10:14:55.1234Z", "2003-12-31T10:14:55Z"},
        DateCase{"2003-12-31T10:14:55-08:00", "2003-12-31T18:14:55Z"},
        DateCase{"2000-02-28T18:14:55-08:00", "2000-02-29T02:14:55Z"},
        DateCase{"2003-12-31T10:14+01:00", "2003-12-31T09:14:00Z"},
        DateCase{"2003-12-31T10:14:55+0100", "2003-12-31T09:14:55Z"},
        DateCase{"2003-012-31T10:14:55+00:00", "2003-12-31T10:14:55Z"},
        DateCase{"2004-07-08 23:56:58", "2004-07-08T23:56:58Z"},
        DateCase{"20040708T235658Z", "2004-07-08T23:56:58Z"},
        DateCase{"2003-12-31", "2003-12-31T00:00:00Z"}, DateCase{"2003-12", "2003-12-01T00:00:00Z"},
        DateCase{"2003", "2003-01-01T00:00:00Z"}, DateCase{"-03-12", "2003-12-01T00:00:00Z"},
        DateCase{"-0312", "2003-12-01T00:00:00Z"}, DateCase{"2003-335", "2003-12-01T00:00:00Z"},
        DateCase{"2003335", "2003-12-01T00:00:00Z"}, DateCase{"03-335", "2003-12-01T00:00:00Z"},
        DateCase{"03335", "2003-12-01T00:00:00Z"}, DateCase{"03367", nullptr},
        DateCase{"2003-1-5T10:14:55Z", "2003-01-05T10:14:55Z"},  // one-digit month and day
        DateCase{"2003-1", "2003-01-01T00:00:00Z"}, DateCase{"03-1-5", nullptr},
        DateCase{"2003-12-31T10Z", "2003-12-31T10:00:00Z"},  // the hour alone
        // one-digit time fields when colons separate them; never run together
        DateCase{"2024-1-5T3:4:5Z", "2024-01-05T03:04:05Z"},
        DateCase{"2024-01-05T03:04:5Z", "2024-01-05T03:04:05Z"},
        DateCase{"2024-01-05T3:04:05+01:00", "2024-01-05T02:04:05Z"},
        DateCase{"2024-1-5T3:4Z", "2024-01-05T03:04:00Z"}, DateCase{"2024-01-05T3Z", nullptr},
        DateCase{"2024-01-05T304Z", nullptr}, DateCase{"2024-01-05T3::4Z", nullptr},
        DateCase{"2003-12-312", nullptr}, DateCase{"2003-12-31T25:14:55Z", nullptr},
        DateCase{"2003-12-31T10:14:61Z", nullptr}, DateCase{"2003-13-01", nullptr},
        DateCase{"013", nullptr}, DateCase{"2013-xx-27", nullptr},
        DateCase{"2003-12-31T10:14:55 nonsense", nullptr}));

TEST(DateParse, TextLongerThanTheLimitIsNotParsed) {
  std::string text = "2003-12-31T10:14:55Z" + std::string(300, ' ') + "x";
  EXPECT_EQ(parse_date(text), std::nullopt);
}

TEST(DateParse, SurroundingWhitespaceIsIgnored) {
  EXPECT_EQ(parsed("\n  2003-12-31T10:14:55Z \t"),
            std::optional<std::string>("2003-12-31T10:14:55Z"));
}

}  // namespace
}  // namespace orrery::parse

namespace orrery::parse {
namespace {

INSTANTIATE_TEST_SUITE_P(Iso8601Forms, DateTable,
                         ::testing::Values(DateCase{"2003-335", "2003-12-01T00:00:00Z"},  // ordinal
                                           DateCase{"2003335", "2003-12-01T00:00:00Z"},
                                           DateCase{"2004-366", "2004-12-31T00:00:00Z"},
                                           DateCase{"2003-366", nullptr},  // 2003 has 365 days
                                           DateCase{"03-12-31", "2003-12-31T00:00:00Z"},
                                           DateCase{"031231", "2003-12-31T00:00:00Z"},
                                           DateCase{"2003-12-31T10:14:55.5-0800",
                                                    "2003-12-31T18:14:55Z"},
                                           DateCase{"03", nullptr}));

INSTANTIATE_TEST_SUITE_P(
    Localized, DateTable,
    ::testing::Values(
        DateCase{"2004\xEB\x85\x84 05\xEC\x9B\x94 28\xEC\x9D\xBC 01:31:15", "2004-05-27T16:31:15Z"},
        DateCase{"2004-05-25 \xEC\x98\xA4\xED\x9B\x84 11:23:17", "2004-05-25T14:23:17Z"},
        DateCase{"\xCE\x9A\xCF\x85\xCF\x81, 11 \xCE\x99\xCE\xBF\xCF\x8D\xCE\xBB 2004 12:00:00 EST",
                 "2004-07-11T17:00:00Z"},
        DateCase{"2004-j\xC3\xBAlius-13T9:15-05:00", "2004-07-13T14:15:00Z"}));

}  // namespace
}  // namespace orrery::parse
