#include "config/sections.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "config/config.h"
#include "config/keys.h"
#include "planet_fixture.h"

namespace orrery::config {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Config load_ok(PlanetFixture& planet, std::string_view text, std::string_view name = "planet.ini") {
  auto config = planet.load_text(text, name);
  EXPECT_TRUE(config) << (config ? "" : config.error().message);
  return config ? *config : Config{};
}

TEST(ConfigSections, FeedsKeepFileOrderNamesLinesAndEveryKey) {
  PlanetFixture planet;
  Config config = load_ok(planet,
                          "[Planet]\n[https://b.example/feed]\nname = B\nFace = b.png\n"
                          "[http://a.example/rss]\n");
  ASSERT_EQ(config.feeds.size(), 2u);
  EXPECT_EQ(config.feeds[0].url, "https://b.example/feed");
  EXPECT_EQ(config.feeds[0].name, "B");
  EXPECT_EQ(config.feeds[0].line, 2);
  EXPECT_EQ(config.feeds[0].raw.at("face"), "b.png");
  EXPECT_EQ(config.feeds[1].url, "http://a.example/rss");
  EXPECT_EQ(config.feeds[1].name, "");
}

TEST(ConfigSections, RelativeFileUrlIsResolvedAgainstTheConfigDirectory) {
  PlanetFixture planet;
  Config config = load_ok(planet, "[Planet]\n[file:feeds/my%20blog.xml]\n");
  ASSERT_EQ(config.feeds.size(), 1u);
  EXPECT_EQ(config.feeds[0].url, file_url(planet.dir() / "feeds") + "/my%20blog.xml");
}

TEST(ConfigSections, RelativeFileUrlDotSegmentsAreRemoved) {
  PlanetFixture planet;
  Config config = load_ok(planet, "[Planet]\n[file:../shared/./a.xml]\n", "sub/planet.ini");
  ASSERT_EQ(config.feeds.size(), 1u);
  EXPECT_EQ(config.feeds[0].url, file_url(planet.dir() / "shared/a.xml"));
}

TEST(ConfigSections, AbsoluteFileUrlStaysAsItIs) {
  PlanetFixture planet;
  Config config = load_ok(planet, "[Planet]\n[file:///srv/feeds/a.xml]\n");
  ASSERT_EQ(config.feeds.size(), 1u);
  EXPECT_EQ(config.feeds[0].url, "file:///srv/feeds/a.xml");
}

TEST(ConfigSections, FileUrlWithARemoteHostIsAnError) {
  PlanetFixture planet;
  EXPECT_EQ(planet.error_of("[Planet]\n[file://server/share/a.xml]\n"),
            "DIR/planet.ini:2: [file://server/share/a.xml]: file URL names a remote host "
            "(write file:///path or file:relative/path)");
}

TEST(ConfigSections, UnsupportedSchemeIsAnError) {
  PlanetFixture planet;
  EXPECT_EQ(planet.error_of("[Planet]\nname = x\n[mailto:me@example.org]\n"),
            "DIR/planet.ini:3: [mailto:me@example.org]: feed URL scheme \"mailto\" is not http, "
            "https or file");
}

TEST(ConfigSections, HttpUrlWithoutHostIsAnError) {
  PlanetFixture planet;
  EXPECT_EQ(planet.error_of("[Planet]\n[http:/feed.xml]\n"),
            "DIR/planet.ini:2: [http:/feed.xml]: feed URL has no host");
}

TEST(ConfigSections, UrlWithWhitespaceIsAnError) {
  PlanetFixture planet;
  EXPECT_THAT(planet.error_of("[Planet]\n[https://a.example/my feed]\n"),
              HasSubstr("DIR/planet.ini:2: [https://a.example/my feed]: feed URL contains"));
}

TEST(ConfigSections, DuplicateFeedUrlIsAnErrorNamingTheFirst) {
  PlanetFixture planet;
  EXPECT_EQ(planet.error_of("[Planet]\n[https://a.example/]\n\n[https://a.example/]\nname = y\n"),
            "DIR/planet.ini:4: [https://a.example/]: the same feed as the section at line 2");
}

TEST(ConfigSections, UrlsDifferingOnlyInSchemeAndHostCaseAreDuplicates) {
  PlanetFixture planet;
  EXPECT_EQ(planet.error_of("[Planet]\n[https://a.example/Feed]\n[HTTPS://A.Example/Feed]\n"),
            "DIR/planet.ini:3: [HTTPS://A.Example/Feed]: the same feed as the section at line 2");
}

TEST(ConfigSections, UrlsDifferingInPathCaseAreDifferentFeeds) {
  PlanetFixture planet;
  Config config = load_ok(planet, "[Planet]\n[https://a.example/feed]\n[https://a.example/Feed]\n");
  EXPECT_EQ(config.feeds.size(), 2u);
}

TEST(ConfigSections, RelativeAndAbsoluteFileUrlsOfOneFileAreDuplicates) {
  PlanetFixture planet;
  std::string absolute = file_url(planet.dir() / "a.xml");
  EXPECT_THAT(planet.error_of("[Planet]\n[file:a.xml]\n[" + absolute + "]\n"),
              HasSubstr("the same feed as the section at line 2"));
}

TEST(ConfigSections, ASectionThatIsNotAUrlIsALocalFileSubscriptionAsInVenus) {
  PlanetFixture planet;
  Config config = load_ok(planet, "[Planet]\nname = x\n\n[feed1]\nname = One\n");
  EXPECT_TRUE(config.filters.empty());
  ASSERT_EQ(config.feeds.size(), 1u);
  EXPECT_EQ(config.feeds[0].url, "file://" + planet.dir().path().string() + "/feed1");
  EXPECT_EQ(config.feeds[0].name, "One");
  // The file does not exist: the subscription stays (it fails when fetched, as in Venus) and
  // the config says so.
  ASSERT_EQ(config.warnings.size(), 1u);
  EXPECT_EQ(config.warnings[0], (planet.dir() / "planet.ini").string() +
                                    ":4: [feed1] is not a URL: subscribed as the local file " +
                                    (planet.dir() / "feed1").string() +
                                    " (as Venus reads such a section), which does not exist");
}

TEST(ConfigSections, AnExistingLocalFileSectionIsSubscribedWithoutAWarning) {
  PlanetFixture planet;
  std::filesystem::create_directories(planet.dir() / "feeds");
  std::ofstream(planet.dir() / "feeds/one.xml") << "<feed xmlns='http://www.w3.org/2005/Atom'/>";
  Config config = load_ok(planet, "[Planet]\n[feeds/one.xml]\nname = One\n");
  ASSERT_EQ(config.feeds.size(), 1u);
  EXPECT_EQ(config.feeds[0].url, "file://" + planet.dir().path().string() + "/feeds/one.xml");
  EXPECT_TRUE(config.warnings.empty());
}

TEST(ConfigSections, SectionNamedInPlanetsFiltersHoldsThatFiltersSettings) {
  PlanetFixture planet;
  Config config = load_ok(planet, "[Planet]\nfilters = excerpt.py\n\n[excerpt.py]\nwidth = 500\n");
  EXPECT_TRUE(config.warnings.empty());
  ASSERT_EQ(config.filters.size(), 1u);
  EXPECT_EQ(config.filters[0].name, "excerpt.py");
  EXPECT_EQ(config.filters[0].line, 4);
  EXPECT_EQ(config.filters[0].raw.at("width"), "500");
}

TEST(ConfigSections, SectionNamedInAFeedsFiltersIsAFilterToo) {
  PlanetFixture planet;
  Config config = load_ok(planet,
                          "[Planet]\n[https://a.example/]\nfilters = stripAd/yahoo.sed\n"
                          "[stripAd/yahoo.sed]\n");
  EXPECT_TRUE(config.warnings.empty());
  ASSERT_EQ(config.filters.size(), 1u);
  EXPECT_EQ(config.feeds.size(), 1u);
}

TEST(ConfigSections, AFilterWithAQueryStillNamesItsSection) {
  PlanetFixture planet;
  Config config =
      load_ok(planet, "[Planet]\nfilters = excerpt.py?width=300\n\n[excerpt.py]\nomit = img\n");
  EXPECT_TRUE(config.warnings.empty());
  ASSERT_EQ(config.filters.size(), 1u);
  EXPECT_EQ(config.filters[0].name, "excerpt.py");
}

TEST(ConfigSections, ReadingListIsAListNotAFeedWithItsOptionsAsDefaults) {
  PlanetFixture planet;
  Config config = load_ok(planet,
                          "[Planet]\nfuture_dates = ignore_date\n"
                          "[https://a.example/list.opml]\ncontent_type = text/x-opml\n"
                          "name = My blogroll\nface = list.png\n");
  EXPECT_TRUE(config.feeds.empty());
  EXPECT_TRUE(config.warnings.empty());
  ASSERT_EQ(config.reading_lists.size(), 1u);
  const ReadingListSettings& list = config.reading_lists[0];
  EXPECT_EQ(list.url, "https://a.example/list.opml");
  EXPECT_EQ(list.format, ReadingListFormat::opml);
  EXPECT_EQ(list.line, 3);
  EXPECT_THAT(list.raw, ElementsAre(std::pair<const std::string, std::string>("face", "list.png"),
                                    std::pair<const std::string, std::string>("future_dates",
                                                                              "ignore_date")));
}

TEST(ConfigSections, ReadingListsOfEveryFormatAndRelativeFileUrls) {
  PlanetFixture planet;
  Config config = load_ok(planet,
                          "[Planet]\n[file:lists/a.rdf]\ncontent_type = foaf\n"
                          "[https://b.example/x.csv]\ncontent_type = csv\n"
                          "[https://c.example/x.ini]\ncontent_type = config\n");
  ASSERT_EQ(config.reading_lists.size(), 3u);
  EXPECT_EQ(config.reading_lists[0].format, ReadingListFormat::foaf);
  EXPECT_EQ(config.reading_lists[0].url, file_url(planet.dir() / "lists/a.rdf"));
  EXPECT_EQ(config.reading_lists[1].format, ReadingListFormat::csv);
  EXPECT_EQ(config.reading_lists[2].format, ReadingListFormat::config);
}

TEST(ConfigSections, EveryTemplateFileHasSettingsFallingBackToPlanets) {
  PlanetFixture planet;
  Config config = load_ok(planet, "[Planet]\nitems_per_page = 20\nencoding = latin-1\n");
  ASSERT_EQ(config.templates.size(), 1u);
  EXPECT_EQ(config.templates[0].name, "index.html.tmpl");
  EXPECT_EQ(config.templates[0].file, planet.themes() / "default/index.html.tmpl");
  EXPECT_EQ(config.templates[0].items_per_page, 20);
  EXPECT_EQ(config.templates[0].days_per_page, 0);
  EXPECT_EQ(config.templates[0].encoding, "latin-1");
}

TEST(ConfigSections, TemplateSectionOverridesPlanetForThatTemplate) {
  PlanetFixture planet;
  Config config = load_ok(planet,
                          "[Planet]\nitems_per_page = 20\n[index.html.tmpl]\nitems_per_page = 5\n"
                          "days_per_page = 7\nencoding = ascii\nextra = yes\n");
  ASSERT_EQ(config.templates.size(), 1u);
  EXPECT_EQ(config.templates[0].items_per_page, 5);
  EXPECT_EQ(config.templates[0].days_per_page, 7);
  EXPECT_EQ(config.templates[0].encoding, "ascii");
  EXPECT_EQ(config.templates[0].raw.at("extra"), "yes");
  EXPECT_THAT(config.warnings,
              ElementsAre(HasSubstr("[index.html.tmpl] encoding: not honoured"),
                          HasSubstr("[index.html.tmpl] extra: not a key orrery knows")));
}

TEST(ConfigSections, ThemesTemplateSectionIsOverriddenKeyByKey) {
  PlanetFixture planet;
  planet.dir().write("t/config.ini",
                     "[Planet]\ntemplate_files = a.tmpl\n[a.tmpl]\ndays_per_page = 3\nx = theme\n");
  planet.dir().write("t/a.tmpl", "a");
  Config config = load_ok(planet, "[Planet]\noutput_theme = t\n[a.tmpl]\nx = mine\n");
  ASSERT_EQ(config.templates.size(), 1u);
  EXPECT_EQ(config.templates[0].days_per_page, 3);
  EXPECT_EQ(config.templates[0].raw.at("x"), "mine");
}

TEST(ConfigSections, BadNumberInATemplateSectionIsAnError) {
  PlanetFixture planet;
  EXPECT_EQ(planet.error_of("[Planet]\n[index.html.tmpl]\nitems_per_page = -2\n"),
            "DIR/planet.ini:3: items_per_page: \"-2\" must not be negative");
}

TEST(ConfigSections, ReadFeedKeepsAnHttpUrlAsWritten) {
  IniDocument doc;
  doc.display_name = "planet.ini";
  doc.directory = "/srv/planet";
  doc.files.push_back(IniFile{"planet.ini", "/srv/planet"});
  IniSection section{"https://A.example/Feed?x=1", 9, 0, {}, {}};
  auto feed = read_feed(doc, section);
  ASSERT_TRUE(feed) << feed.error().message;
  EXPECT_EQ(feed->url, "https://A.example/Feed?x=1");
  EXPECT_EQ(feed->line, 9);
}

TEST(ConfigSections, FeedsInheritPlanetKeysThatAreNotPlanetWide) {
  PlanetFixture planet;
  Config config =
      load_ok(planet,
              "[Planet]\nname = P\nignore_in_feed = updated\nfuture_dates = ignore_date\n"
              "[https://a.example/]\nfuture_dates = keep\n");
  ASSERT_EQ(config.feeds.size(), 1u);
  EXPECT_EQ(config.feeds[0].raw.at("ignore_in_feed"), "updated");
  EXPECT_EQ(config.feeds[0].raw.at("future_dates"), "keep");
  EXPECT_EQ(config.feeds[0].raw.count("name"), 0u);
  EXPECT_EQ(config.feeds[0].name, "");
}

TEST(ConfigSections, PlanetWideKeysAreTheVenusPredefinedOnes) {
  EXPECT_TRUE(is_planet_wide("output_dir"));
  EXPECT_TRUE(is_planet_wide("filters"));
  EXPECT_FALSE(is_planet_wide("items_per_page"));
  EXPECT_FALSE(is_planet_wide("face"));
}

TEST(ConfigSections, DefaultSectionKeysReachEveryFeed) {
  PlanetFixture planet;
  Config config = load_ok(planet, "[DEFAULT]\nface = none.png\n[Planet]\n[https://a.example/]\n");
  ASSERT_EQ(config.feeds.size(), 1u);
  EXPECT_EQ(config.feeds[0].raw.at("face"), "none.png");
}

TEST(ConfigSections, AReadingListNamedByAPathIsAFileBesideTheConfig) {
  PlanetFixture planet;
  Config config = load_ok(planet,
                          "[Planet]\n[lists/friends.opml]\ncontent_type = opml\n"
                          "[/srv/lists/all.csv]\ncontent_type = csv\n");
  ASSERT_EQ(config.reading_lists.size(), 2u);
  EXPECT_EQ(config.reading_lists[0].url,
            "file://" + planet.dir().path().string() + "/lists/friends.opml");
  EXPECT_EQ(config.reading_lists[1].url, "file:///srv/lists/all.csv");
  EXPECT_TRUE(config.warnings.empty());
}

}  // namespace
}  // namespace orrery::config
