#include "config/values.h"

#include <gtest/gtest.h>

namespace orrery::config {
namespace {

Setting setting(std::string key, std::string value) {
  return Setting{std::move(key), std::move(value), "planet.ini", "/srv/planet", 14};
}

TEST(ConfigValues, CountAcceptsDigitsWithSurroundingSpaceAndPlus) {
  EXPECT_EQ(read_count(setting("items_per_page", " 60 ")).value(), 60);
  EXPECT_EQ(read_count(setting("items_per_page", "+7")).value(), 7);
  EXPECT_EQ(read_count(setting("items_per_page", "0")).value(), 0);
}

TEST(ConfigValues, CountThatIsNotANumberNamesFileLineKeyAndValue) {
  auto n = read_count(setting("items_per_page", "sixty"));
  ASSERT_FALSE(n);
  EXPECT_EQ(n.error().message, "planet.ini:14: items_per_page: \"sixty\" is not a number");
}

TEST(ConfigValues, CountWithTrailingGarbageIsNotANumber) {
  EXPECT_FALSE(read_count(setting("items_per_page", "60 items")));
  EXPECT_FALSE(read_count(setting("items_per_page", "")));
  EXPECT_FALSE(read_count(setting("items_per_page", "6.5")));
}

TEST(ConfigValues, NegativeCountIsAnError) {
  auto n = read_count(setting("days_per_page", "-3"));
  ASSERT_FALSE(n);
  EXPECT_EQ(n.error().message, "planet.ini:14: days_per_page: \"-3\" must not be negative");
}

TEST(ConfigValues, CountBeyondIntIsAnError) {
  auto n = read_count(setting("items_per_page", "99999999999"));
  ASSERT_FALSE(n);
  EXPECT_EQ(n.error().message, "planet.ini:14: items_per_page: \"99999999999\" is too large");
}

TEST(ConfigValues, SecondsMustBeAtLeastOne) {
  EXPECT_EQ(read_seconds(setting("feed_timeout", "20")).value(), std::chrono::seconds(20));
  auto zero = read_seconds(setting("feed_timeout", "0"));
  ASSERT_FALSE(zero);
  EXPECT_EQ(zero.error().message, "planet.ini:14: feed_timeout: \"0\" must be at least 1 second");
}

TEST(ConfigValues, LogLevelIsCaseInsensitiveAndUpperCased) {
  EXPECT_EQ(read_log_level(setting("log_level", "debug")).value(), "DEBUG");
  EXPECT_EQ(read_log_level(setting("log_level", "Critical")).value(), "CRITICAL");
}

TEST(ConfigValues, LogLevelAliasesMapToPythonsLevels) {
  EXPECT_EQ(read_log_level(setting("log_level", "WARN")).value(), "WARNING");
  EXPECT_EQ(read_log_level(setting("log_level", "fatal")).value(), "CRITICAL");
}

TEST(ConfigValues, UnknownLogLevelIsAnError) {
  auto level = read_log_level(setting("log_level", "LOUD"));
  ASSERT_FALSE(level);
  EXPECT_EQ(level.error().message,
            "planet.ini:14: log_level: \"LOUD\" is not a log level (DEBUG, INFO, WARNING, ERROR "
            "or CRITICAL)");
}

TEST(ConfigValues, UrlMustBeAbsoluteOrEmpty) {
  EXPECT_EQ(read_url(setting("link", "")).value(), "");
  EXPECT_EQ(read_url(setting("link", "https://x.example/")).value(), "https://x.example/");
  auto relative = read_url(setting("link", "planet/"));
  ASSERT_FALSE(relative);
  EXPECT_EQ(relative.error().message, "planet.ini:14: link: \"planet/\" is not an absolute URL");
}

TEST(ConfigValues, RelativePathIsTakenRelativeToTheFilesDirectory) {
  EXPECT_EQ(read_path(setting("output_dir", "../www/./out")), "/srv/www/out");
  EXPECT_EQ(read_path(setting("output_dir", "/var/www")), "/var/www");
}

TEST(ConfigValues, FileUrlPercentEncodesBytesOutsidePchar) {
  EXPECT_EQ(file_url("/srv/my feeds/a#1.xml"), "file:///srv/my%20feeds/a%231.xml");
  EXPECT_EQ(file_url("/srv/caf\xC3\xA9"), "file:///srv/caf%C3%A9");
}

}  // namespace
}  // namespace orrery::config
