#include "config/config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "config/values.h"
#include "planet_fixture.h"
#include "support/temp_dir.h"

namespace orrery::config {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::filesystem::path k_every_key = test::data_path("config/every_key/planet.ini");

Config load_every_key() {
  auto config = load(k_every_key);
  EXPECT_TRUE(config) << (config ? "" : config.error().message);
  return config ? *config : Config{};
}

TEST(ConfigLoad, ReadsEveryStringKeyOfPlanet) {
  Config config = load_every_key();
  EXPECT_EQ(config.planet.name, "Planet Test");
  EXPECT_EQ(config.planet.link, "https://planet.example.org/");
  EXPECT_EQ(config.planet.owner_name, "Jo Example");
  EXPECT_EQ(config.planet.owner_email, "jo@example.org");
  EXPECT_EQ(config.planet.date_format, "%d %b %Y %H:%M");
  EXPECT_EQ(config.planet.new_date_format, "%A %d %B");
  EXPECT_EQ(config.planet.encoding, "iso-8859-1");
}

TEST(ConfigLoad, ReadsEveryNumberKeyOfPlanet) {
  Config config = load_every_key();
  EXPECT_EQ(config.planet.items_per_page, 25);
  EXPECT_EQ(config.planet.days_per_page, 14);
  EXPECT_EQ(config.planet.feed_timeout, std::chrono::seconds(45));
  EXPECT_EQ(config.planet.new_feed_items, 3);
  EXPECT_EQ(config.planet.spider_threads, 8);
}

TEST(ConfigLoad, LogLevelIsUpperCased) { EXPECT_EQ(load_every_key().planet.log_level, "INFO"); }

TEST(ConfigLoad, PathsAreResolvedAgainstTheConfigDirectory) {
  Config config = load_every_key();
  std::filesystem::path dir = k_every_key.parent_path();
  EXPECT_EQ(config.path, k_every_key);
  EXPECT_EQ(config.planet.cache_directory, dir / "state/cache");
  EXPECT_EQ(config.planet.output_dir, "/var/www/planet");
  EXPECT_THAT(config.planet.template_files, ElementsAre(dir / "templates/index.html.tmpl"));
  EXPECT_THAT(config.planet.bill_of_materials, ElementsAre(dir / "static/planet.css"));
  EXPECT_THAT(config.planet.template_directories,
              ElementsAre(dir / "templates", dir / "static", dir));
}

TEST(ConfigLoad, TemplateFilesWithoutThemeUseNoTheme) {
  EXPECT_EQ(load_every_key().planet.output_theme, std::filesystem::path());
}

TEST(ConfigLoad, UninterpretedKeysAreKeptInRaw) {
  Config config = load_every_key();
  EXPECT_EQ(config.planet.raw.at("generator"), "Venus");
  EXPECT_EQ(config.planet.raw.at("activity_threshold"), "90");
  EXPECT_EQ(config.planet.raw.at("log_level"), "info");
}

TEST(ConfigLoad, FeedSectionsBecomeSubscriptions) {
  Config config = load_every_key();
  ASSERT_EQ(config.feeds.size(), 1u);
  EXPECT_EQ(config.feeds[0].url, "https://blog.example.org/feed/");
  EXPECT_EQ(config.feeds[0].name, "Example Blog");
  EXPECT_EQ(config.feeds[0].line, 24);
  EXPECT_EQ(config.feeds[0].raw.at("face"), "jo.png");
  // encoding = iso-8859-1 is the only key orrery does not honour.
  EXPECT_THAT(config.warnings, ElementsAre(HasSubstr("encoding: not honoured")));
}

TEST(ConfigLoad, DefaultsAreVenussWithDirectoriesBesideTheConfig) {
  PlanetFixture planet;
  auto config = planet.load_text("[Planet]\n");
  ASSERT_TRUE(config) << config.error().message;
  const PlanetSettings& p = config->planet;
  EXPECT_EQ(p.name, "Unconfigured Planet");
  EXPECT_EQ(p.link, "");
  EXPECT_EQ(p.owner_name, "Anonymous Coward");
  EXPECT_EQ(p.items_per_page, 60);
  EXPECT_EQ(p.days_per_page, 0);
  EXPECT_EQ(p.date_format, "%B %d, %Y %I:%M %p");
  EXPECT_EQ(p.new_date_format, "%B %d, %Y");
  EXPECT_EQ(p.log_level, "WARNING");
  EXPECT_EQ(p.feed_timeout, model::limits::k_feed_timeout);
  EXPECT_EQ(p.new_feed_items, 0);
  EXPECT_EQ(p.spider_threads, 0);
  EXPECT_EQ(p.encoding, "utf-8");
  EXPECT_EQ(p.cache_directory, planet.dir() / "cache");
  EXPECT_EQ(p.output_dir, planet.dir() / "output");
}

TEST(ConfigLoad, RelativeConfigPathGivesAnAbsoluteConfigPath) {
  PlanetFixture planet;
  planet.dir().write("planet.ini", "[Planet]\n");
  std::filesystem::path old = std::filesystem::current_path();
  std::filesystem::current_path(planet.dir().path());
  auto config = load("planet.ini", LoadOptions{planet.themes()});
  std::filesystem::current_path(old);
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->path, planet.dir() / "planet.ini");
  EXPECT_EQ(config->planet.output_dir, planet.dir() / "output");
}

TEST(ConfigLoad, MissingPlanetSectionIsAnError) {
  PlanetFixture planet;
  EXPECT_EQ(planet.error_of("[https://a.example/feed]\n"), "DIR/planet.ini: no [Planet] section");
}

TEST(ConfigLoad, PlanetSectionNameIsCaseInsensitive) {
  PlanetFixture planet;
  auto config = planet.load_text("[planet]\nname = lower\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->planet.name, "lower");
}

TEST(ConfigLoad, BadNumberNamesFileLineKeyAndValue) {
  PlanetFixture planet;
  EXPECT_EQ(planet.error_of("[Planet]\nname = x\n\nitems_per_page = sixty\n"),
            "DIR/planet.ini:4: items_per_page: \"sixty\" is not a number");
}

TEST(ConfigLoad, NegativeNumberIsAnError) {
  PlanetFixture planet;
  EXPECT_EQ(planet.error_of("[Planet]\nnew_feed_items = -1\n"),
            "DIR/planet.ini:2: new_feed_items: \"-1\" must not be negative");
}

TEST(ConfigLoad, UnknownLogLevelIsAnError) {
  PlanetFixture planet;
  EXPECT_THAT(planet.error_of("[Planet]\nlog_level = LOUD\n"),
              HasSubstr("DIR/planet.ini:2: log_level: \"LOUD\" is not a log level"));
}

TEST(ConfigLoad, TimeZoneDefaultsToUtc) {
  PlanetFixture planet;
  auto config = planet.load_text("[Planet]\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_TRUE(config->planet.time_zone.is_utc());
  auto utc = planet.load_text("[Planet]\ntime_zone = UTC\n");
  ASSERT_TRUE(utc) << utc.error().message;
  EXPECT_TRUE(utc->planet.time_zone.is_utc());
}

TEST(ConfigLoad, TimeZoneIsReadFromTheSystemZoneinfo) {
  if (!std::filesystem::exists("/usr/share/zoneinfo/Europe/Berlin")) {
    GTEST_SKIP() << "tzdata not installed";
  }
  PlanetFixture planet;
  auto config = planet.load_text("[Planet]\ntime_zone = Europe/Berlin\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->planet.time_zone.name(), "Europe/Berlin");
  EXPECT_EQ(config->planet.time_zone.offset_at(*util::from_civil(2030, 7, 1, 12, 0, 0)), 7200);
}

TEST(ConfigLoad, UnknownOrPathLikeTimeZoneIsAnError) {
  PlanetFixture planet;
  EXPECT_EQ(planet.error_of("[Planet]\ntime_zone = Mars/Olympus_Mons\n"),
            "DIR/planet.ini:2: time_zone: unknown zone Mars/Olympus_Mons");
  EXPECT_EQ(planet.error_of("[Planet]\ntime_zone = ../../etc/passwd\n"),
            "DIR/planet.ini:2: time_zone: unknown zone ../../etc/passwd");
  EXPECT_EQ(planet.error_of("[Planet]\ntime_zone = /etc/passwd\n"),
            "DIR/planet.ini:2: time_zone: unknown zone /etc/passwd");
}

TEST(ConfigLoad, RelativeLinkIsAnError) {
  PlanetFixture planet;
  EXPECT_EQ(planet.error_of("[Planet]\nlink = www.example.org\n"),
            "DIR/planet.ini:2: link: \"www.example.org\" is not an absolute URL");
}

TEST(ConfigLoad, UnreadableFileIsAnError) {
  PlanetFixture planet;
  auto config = load(planet.dir() / "missing.ini", LoadOptions{planet.themes()});
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message,
            (planet.dir() / "missing.ini").string() + ": cannot read: No such file or directory");
}

TEST(ConfigLoad, FileLargerThanTheLimitIsAnError) {
  PlanetFixture planet;
  std::string big = "[Planet]\n" + std::string(model::limits::k_max_config_bytes, ';');
  EXPECT_EQ(planet.error_of(big), "DIR/planet.ini: larger than 4194304 bytes");
}

TEST(ConfigLoad, SyntaxErrorNamesTheLine) {
  PlanetFixture planet;
  EXPECT_THAT(planet.error_of("[Planet]\nname = x\nnonsense\n"),
              HasSubstr("DIR/planet.ini:3: expected \"key = value\""));
}

TEST(ConfigLoad, BuiltInThemesDirectoryIsTheSourceTreesConfigThemes) {
  EXPECT_EQ(builtin_themes_dir(), std::filesystem::path(ORRERY_SOURCE_DIR) / "config/themes");
}

}  // namespace
}  // namespace orrery::config

namespace orrery::config {
namespace {

const std::filesystem::path k_demo = std::filesystem::path(ORRERY_SOURCE_DIR) / "config/planet.ini";

TEST(DemoPlanet, LoadsWithTheBuiltInDefaultTheme) {
  auto config = load(k_demo);
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->planet.name, "planet necblogs");
  EXPECT_EQ(config->planet.items_per_page, 20);  // 61 entries: the archive pages have work
  EXPECT_EQ(config->planet.date_format, "%B %d, %Y %I:%M %p");
  EXPECT_EQ(config->planet.new_date_format, "%B %d, %Y");
  EXPECT_EQ(config->planet.output_theme, builtin_themes_dir() / "default");
  EXPECT_TRUE(config->warnings.empty());
}

TEST(DemoPlanet, KeepsItsStateAndOutputUnderBuild) {
  auto config = load(k_demo);
  ASSERT_TRUE(config) << config.error().message;
  std::filesystem::path build = std::filesystem::path(ORRERY_SOURCE_DIR) / "build/demo";
  EXPECT_EQ(config->planet.cache_directory, build / "cache");
  EXPECT_EQ(config->planet.output_dir, build / "output");
}

TEST(DemoPlanet, SubscribesToSixFeedFilesThatExistAndOneThatFails) {
  auto config = load(k_demo);
  ASSERT_TRUE(config) << config.error().message;
  ASSERT_EQ(config->feeds.size(), 7u);
  std::string prefix = file_url(std::filesystem::path(ORRERY_SOURCE_DIR) / "config/feeds") + "/";
  int missing = 0;
  for (const FeedSettings& feed : config->feeds) {
    ASSERT_EQ(feed.url.rfind(prefix, 0), 0u) << feed.url;
    if (!std::filesystem::is_regular_file(std::filesystem::path(ORRERY_SOURCE_DIR) /
                                          "config/feeds" / feed.url.substr(prefix.size()))) {
      ++missing;
      EXPECT_EQ(feed.url, prefix + "moved-away.xml") << "the demo's failing feed";
    }
    EXPECT_FALSE(feed.name.empty());
  }
  EXPECT_EQ(missing, 1);
  // The theme's two files and every feed's face are copied into the output.
  EXPECT_EQ(config->planet.bill_of_materials.size(), 2u + 6u);
}

}  // namespace
}  // namespace orrery::config
