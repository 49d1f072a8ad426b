#include "util/time_zone.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace orrery::util {
namespace {

void put_be(std::string& out, std::uint64_t v, int n) {
  for (int i = n - 1; i >= 0; --i) {
    out += static_cast<char>((v >> (8 * i)) & 0xff);
  }
}

struct Type {
  int offset;
  bool dst;
  std::string abbreviation;
};

// A TZif file as zic writes one: a header, a data block of `time_size`-byte times.
void put_block(std::string& out, char version, int time_size,
               const std::vector<std::int64_t>& transitions, const std::vector<int>& indices,
               const std::vector<Type>& types) {
  std::string chars;
  std::vector<std::size_t> at;
  for (const Type& t : types) {
    at.push_back(chars.size());
    chars += t.abbreviation;
    chars += '\0';
  }
  out += "TZif";
  out += version;
  out += std::string(15, '\0');
  put_be(out, 0, 4);  // isutcnt
  put_be(out, 0, 4);  // isstdcnt
  put_be(out, 0, 4);  // leapcnt
  put_be(out, transitions.size(), 4);
  put_be(out, types.size(), 4);
  put_be(out, chars.size(), 4);
  for (std::int64_t t : transitions) {
    put_be(out, static_cast<std::uint64_t>(t), time_size);
  }
  for (int i : indices) {
    put_be(out, static_cast<std::uint64_t>(i), 1);
  }
  for (std::size_t i = 0; i < types.size(); ++i) {
    put_be(out, static_cast<std::uint32_t>(types[i].offset), 4);
    put_be(out, types[i].dst ? 1 : 0, 1);
    put_be(out, at[i], 1);
  }
  out += chars;
}

std::string tzif_v2(const std::vector<std::int64_t>& transitions, const std::vector<int>& indices,
                    const std::vector<Type>& types, const std::string& footer) {
  std::string out;
  put_block(out, '2', 4, {}, {}, {types.front()});  // a v1 block readers of v2 skip
  put_block(out, '2', 8, transitions, indices, types);
  out += "\n" + footer + "\n";
  return out;
}

TimePoint utc(int y, int mo, int d, int h, int mi = 0) { return *from_civil(y, mo, d, h, mi, 0); }

// Berlin-like: LMT until 1900, then CET, and the EU rule in the footer.
std::string berlin_like() {
  return tzif_v2({to_unix(utc(1900, 1, 1, 0))}, {1}, {{3208, false, "LMT"}, {3600, false, "CET"}},
                 "CET-1CEST,M3.5.0,M10.5.0/3");
}

TEST(TimeZone, DefaultIsUtc) {
  TimeZone zone;
  EXPECT_TRUE(zone.is_utc());
  EXPECT_EQ(zone.offset_at(utc(2024, 7, 1, 12)), 0);
  EXPECT_EQ(format_strftime(utc(2024, 7, 1, 12), "%H:%M %Z %z", zone), "12:00 UTC +0000");
}

TEST(TimeZone, TableBeforeAndAfterTheFirstTransition) {
  auto zone = TimeZone::from_tzif(berlin_like(), "Test/Berlin");
  ASSERT_TRUE(zone) << zone.error().message;
  EXPECT_EQ(zone->name(), "Test/Berlin");
  EXPECT_EQ(zone->offset_at(utc(1899, 6, 1, 0)), 3208);
  EXPECT_EQ(zone->at(utc(1899, 6, 1, 0)).abbreviation, "LMT");
}

TEST(TimeZone, FooterRuleAfterTheLastTransition) {
  auto zone = TimeZone::from_tzif(berlin_like(), "Test/Berlin");
  ASSERT_TRUE(zone) << zone.error().message;
  // 2024: CEST from 31 March 01:00 UTC to 27 October 01:00 UTC.
  EXPECT_EQ(zone->offset_at(utc(2024, 3, 31, 0, 59)), 3600);
  EXPECT_EQ(zone->offset_at(utc(2024, 3, 31, 1, 0)), 7200);
  EXPECT_EQ(zone->at(utc(2024, 7, 1, 12)).abbreviation, "CEST");
  EXPECT_TRUE(zone->at(utc(2024, 7, 1, 12)).dst);
  EXPECT_EQ(zone->offset_at(utc(2024, 10, 27, 0, 59)), 7200);
  EXPECT_EQ(zone->offset_at(utc(2024, 10, 27, 1, 0)), 3600);
  EXPECT_EQ(zone->offset_at(utc(2024, 12, 31, 23, 30)), 3600);
}

TEST(TimeZone, SouthernHemisphereRuleWrapsTheYear) {
  // Australia/Sydney's footer: daylight from October to April.
  auto zone = TimeZone::from_tzif(
      tzif_v2({}, {}, {{36000, false, "AEST"}}, "AEST-10AEDT,M10.1.0,M4.1.0/3"), "Test/Sydney");
  ASSERT_TRUE(zone) << zone.error().message;
  EXPECT_EQ(zone->offset_at(utc(2024, 1, 15, 0)), 39600);
  EXPECT_EQ(zone->offset_at(utc(2024, 6, 15, 0)), 36000);
  EXPECT_EQ(zone->offset_at(utc(2024, 12, 15, 0)), 39600);
}

TEST(TimeZone, QuotedNamesAndNegativeOffsets) {
  auto rule = parse_posix_tz("<-03>3");
  ASSERT_TRUE(rule) << rule.error().message;
  EXPECT_EQ(rule->at(utc(2024, 1, 1, 0)).offset_seconds, -3 * 3600);
  EXPECT_EQ(rule->at(utc(2024, 1, 1, 0)).abbreviation, "-03");
  auto ny = parse_posix_tz("EST5EDT,M3.2.0,M11.1.0");
  ASSERT_TRUE(ny);
  EXPECT_EQ(ny->at(utc(2024, 7, 4, 12)).offset_seconds, -4 * 3600);
  EXPECT_EQ(ny->at(utc(2024, 1, 4, 12)).offset_seconds, -5 * 3600);
  auto julian = parse_posix_tz("XXX0YYY,J60/0,J300/0");  // 1 March and 27 October
  ASSERT_TRUE(julian);
  EXPECT_EQ(julian->at(utc(2024, 2, 29, 12)).offset_seconds, 0);
  EXPECT_EQ(julian->at(utc(2024, 3, 1, 12)).offset_seconds, 3600);
}

TEST(TimeZone, RejectsBadInput) {
  EXPECT_FALSE(TimeZone::from_tzif("", "x"));
  EXPECT_FALSE(TimeZone::from_tzif("TZif2 not really", "x"));
  std::string truncated = berlin_like();
  truncated.resize(truncated.size() - 40);
  EXPECT_FALSE(TimeZone::from_tzif(truncated, "x"));
  EXPECT_FALSE(parse_posix_tz("CET-1CEST"));  // daylight without a rule
  EXPECT_FALSE(parse_posix_tz("CET-1CEST,M13.5.0,M10.5.0"));
  EXPECT_FALSE(parse_posix_tz("C-1"));
}

TEST(TimeZone, ZoneNamesArePathComponentsOnly) {
  EXPECT_TRUE(is_zone_name("Europe/Berlin"));
  EXPECT_TRUE(is_zone_name("UTC"));
  EXPECT_TRUE(is_zone_name("Etc/GMT+5"));
  EXPECT_TRUE(is_zone_name("America/Argentina/Buenos_Aires"));
  EXPECT_FALSE(is_zone_name(""));
  EXPECT_FALSE(is_zone_name("/etc/passwd"));
  EXPECT_FALSE(is_zone_name("../../etc/passwd"));
  EXPECT_FALSE(is_zone_name("Europe/../Berlin"));
  EXPECT_FALSE(is_zone_name("Europe//Berlin"));
  EXPECT_FALSE(is_zone_name("Europe/Berlin/"));
  EXPECT_FALSE(is_zone_name("Europe/Ber lin"));
}

TEST(TimeZone, FormatsTheWallClock) {
  auto zone = TimeZone::from_tzif(berlin_like(), "Test/Berlin");
  ASSERT_TRUE(zone);
  // 23:30 UTC on 30 June is 01:30 on 1 July in Berlin: the day changes too.
  TimePoint t = utc(2024, 6, 30, 23, 30);
  EXPECT_EQ(format_strftime(t, "%Y-%m-%d %H:%M %Z %z", *zone), "2024-07-01 01:30 CEST +0200");
  // A format whose output outgrows the first buffer still comes out whole in the zone.
  std::string format;
  std::string expected;
  for (int i = 0; i < 20; ++i) {
    format += "%c";
    expected += "Mon Jul  1 01:30:00 2024";
  }
  EXPECT_EQ(format_strftime(t, format, *zone), expected);
  EXPECT_EQ(format_rfc3339(t, *zone), "2024-07-01T01:30:00+02:00");
  EXPECT_EQ(format_rfc3339(t, TimeZone{}), "2024-06-30T23:30:00Z");
}

TEST(TimeZone, SystemEuropeBerlinWhenInstalled) {
  std::filesystem::path file = "/usr/share/zoneinfo/Europe/Berlin";
  if (!std::filesystem::exists(file)) {
    GTEST_SKIP() << "tzdata not installed: " << file;
  }
  std::ifstream in(file, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  auto zone = TimeZone::from_tzif(bytes.str(), "Europe/Berlin");
  ASSERT_TRUE(zone) << zone.error().message;
  EXPECT_EQ(zone->offset_at(utc(1995, 1, 15, 12)), 3600);
  EXPECT_EQ(zone->offset_at(utc(1995, 7, 15, 12)), 7200);
  EXPECT_EQ(zone->offset_at(utc(2030, 1, 15, 12)), 3600);  // past the table: the footer rule
  EXPECT_EQ(zone->offset_at(utc(2030, 7, 15, 12)), 7200);
  EXPECT_EQ(zone->at(utc(2030, 7, 15, 12)).abbreviation, "CEST");
  // 1945: Berlin's double summer time (CEMT, +3h) from the table.
  EXPECT_EQ(zone->offset_at(utc(1945, 6, 15, 12)), 3 * 3600);
}

}  // namespace
}  // namespace orrery::util
