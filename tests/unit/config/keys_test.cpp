#include "config/keys.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>

#include "planet_fixture.h"
#include "support/temp_dir.h"

namespace orrery::config {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

Config load_ok(PlanetFixture& planet, std::string_view text) {
  auto config = planet.load_text(text);
  EXPECT_TRUE(config) << config.error().message;
  return config ? std::move(*config) : Config{};
}

// The table itself.

TEST(KnownKeys, EveryKeyIsListedOnceInLowerCase) {
  std::set<std::string_view> names;
  for (const KeyInfo& key : known_keys()) {
    EXPECT_TRUE(names.insert(key.name).second) << key.name;
    for (char c : key.name) {
      EXPECT_FALSE(c >= 'A' && c <= 'Z') << key.name;
    }
  }
}

TEST(KnownKeys, EveryPerFeedKeyHasATypedField) {
  for (const KeyInfo& key : known_keys()) {
    if (key.origin == KeyOrigin::per_feed) {
      EXPECT_TRUE(key.set_options || key.set_planet) << key.name;
    }
  }
}

TEST(KnownKeys, EveryKeyNotHonouredSaysWhy) {
  for (const KeyInfo& key : known_keys()) {
    if (key.status == KeyStatus::not_honoured) {
      EXPECT_FALSE(key.note.empty()) << key.name;
    }
  }
}

TEST(KnownKeys, EveryKeyIsDocumentedInVenusMd) {
  std::string doc = test::slurp(std::filesystem::path(ORRERY_SOURCE_DIR) / "docs/venus.md");
  for (const KeyInfo& key : known_keys()) {
    std::regex named("`" + std::string(key.name) + "[` =]");  // `key` or `key = value`
    EXPECT_TRUE(std::regex_search(doc, named)) << key.name;
  }
}

TEST(KnownKeys, EveryKeyIsDocumentedInTheManPage) {
  std::string page =
      test::slurp(std::filesystem::path(ORRERY_SOURCE_DIR) / "docs/man/orrery.ini.5.scd");
  for (const KeyInfo& key : known_keys()) {
    EXPECT_NE(page.find("*" + std::string(key.name) + "*"), std::string::npos)
        << key.name << " is not in orrery.ini(5)";
  }
}

TEST(KnownKeys, VenussPlanetWideKeysAreNotInheritedByFeeds) {
  EXPECT_TRUE(is_planet_wide("output_dir"));
  EXPECT_TRUE(is_planet_wide("filters"));
  EXPECT_TRUE(is_planet_wide("cache_keep_entries"));
  EXPECT_FALSE(is_planet_wide("future_dates"));
  EXPECT_FALSE(is_planet_wide("feed"));
  EXPECT_FALSE(is_planet_wide("colour"));
}

// Defaults, one key at a time (Venus planet/config.py unless stated).

TEST(KeyDefaults, PlanetWideKeys) {
  PlanetFixture planet;
  const PlanetSettings p = load_ok(planet, "[Planet]\n").planet;
  EXPECT_EQ(p.owner_name, "Anonymous Coward");
  EXPECT_EQ(p.owner_email, "");
  EXPECT_EQ(p.generator, "");  // orrery names itself and its version
  EXPECT_EQ(p.generator_uri, "");
  EXPECT_EQ(p.feed, "");
  EXPECT_EQ(p.feedtype, "");
  EXPECT_EQ(p.log_format, "");
  EXPECT_EQ(p.cache_keep_entries, 10);
  EXPECT_EQ(p.cache_keep_days, 0);
  EXPECT_EQ(p.min_poll_interval, std::chrono::seconds{300});
  EXPECT_EQ(p.max_poll_interval, std::chrono::seconds{86400});
  EXPECT_EQ(p.pubsubhubbub_hub, "");
  EXPECT_THAT(p.pubsubhubbub_feeds, ElementsAre("atom.xml", "rss10.xml", "rss20.xml"));
  EXPECT_THAT(p.filters, IsEmpty());
  EXPECT_THAT(p.filter_directories, IsEmpty());
  EXPECT_FALSE(p.allow_private_networks);
  EXPECT_EQ(p.cache_lists_directory, planet.dir() / "cache/lists");
}

TEST(KeyDefaults, PerFeedKeys) {
  PlanetFixture planet;
  const Config config = load_ok(planet, "[Planet]\n[https://a.example/feed]\n");
  ASSERT_EQ(config.feeds.size(), 1u);
  const FeedSettings& f = config.feeds[0];
  EXPECT_THAT(f.ignore_in_feed, IsEmpty());
  EXPECT_EQ(f.name_type, NameType::as_given);
  EXPECT_EQ(f.title_type, TextType::as_given);
  EXPECT_EQ(f.summary_type, TextType::as_given);
  EXPECT_EQ(f.content_type, TextType::as_given);
  EXPECT_EQ(f.future_dates, FutureDates::keep);
  EXPECT_EQ(f.xml_base.mode, XmlBase::Mode::as_given);
  EXPECT_EQ(f.activity_threshold, 0);
  EXPECT_FALSE(f.filter);
  EXPECT_FALSE(f.exclude);
  EXPECT_THAT(f.filters, IsEmpty());
  EXPECT_FALSE(f.cache_keep_entries);
}

// Typed values.

TEST(KeyValues, PerFeedKeysAreTyped) {
  PlanetFixture planet;
  const Config config = load_ok(planet,
                                "[Planet]\n[https://a.example/feed]\n"
                                "ignore_in_feed = author xml:lang updated\n"
                                "name_type = html\ntitle_type = text\nsummary_type = text/html\n"
                                "content_type = xhtml\nfuture_dates = IGNORE_ENTRY\n"
                                "xml_base = ../blog/\nactivity_threshold = 30\n"
                                "filter = Python|C\\+\\+\nexclude = sponsored\n"
                                "filters = excerpt.py notweets.py\ncache_keep_entries = 0\n");
  ASSERT_EQ(config.feeds.size(), 1u);
  const FeedSettings& f = config.feeds[0];
  EXPECT_THAT(f.ignore_in_feed, ElementsAre("author", "language", "updated"));
  EXPECT_EQ(f.name_type, NameType::html);
  EXPECT_EQ(f.title_type, TextType::text);
  EXPECT_EQ(f.summary_type, TextType::html);
  EXPECT_EQ(f.content_type, TextType::xhtml);
  EXPECT_EQ(f.future_dates, FutureDates::ignore_entry);
  EXPECT_EQ(f.xml_base.mode, XmlBase::Mode::uri);
  EXPECT_EQ(f.xml_base.uri, "../blog/");
  EXPECT_EQ(f.activity_threshold, 30);
  EXPECT_EQ(f.filter, "Python|C\\+\\+");
  EXPECT_EQ(f.exclude, "sponsored");
  EXPECT_THAT(f.filters, ElementsAre("excerpt.py", "notweets.py"));
  EXPECT_EQ(f.cache_keep_entries, 0);
}

TEST(KeyValues, XmlBaseNamesAlternateLinks) {
  PlanetFixture planet;
  const Config config = load_ok(planet,
                                "[Planet]\nxml_base = feed_alternate\n[https://a.example/]\n"
                                "[https://b.example/]\nxml_base = entry_alternate\n");
  ASSERT_EQ(config.feeds.size(), 2u);
  EXPECT_EQ(config.feeds[0].xml_base.mode, XmlBase::Mode::feed_alternate);
  EXPECT_EQ(config.feeds[1].xml_base.mode, XmlBase::Mode::entry_alternate);
}

TEST(KeyValues, FeedsInheritPlanetsPerFeedKeysAndOverrideThem) {
  PlanetFixture planet;
  const Config config =
      load_ok(planet,
              "[Planet]\nfuture_dates = ignore_date\nactivity_threshold = 7\nfilters = a.sed\n"
              "cache_keep_entries = 4\n[https://a.example/]\n[https://b.example/]\n"
              "future_dates = keep\n");
  ASSERT_EQ(config.feeds.size(), 2u);
  EXPECT_EQ(config.planet.feed_defaults.future_dates, FutureDates::ignore_date);
  EXPECT_EQ(config.feeds[0].future_dates, FutureDates::ignore_date);
  EXPECT_EQ(config.feeds[0].activity_threshold, 7);
  EXPECT_EQ(config.feeds[1].future_dates, FutureDates::keep);
  // filters and cache_keep_entries are planet-wide: not copied into each feed.
  EXPECT_THAT(config.planet.filters, ElementsAre("a.sed"));
  EXPECT_THAT(config.feeds[0].filters, IsEmpty());
  EXPECT_EQ(config.planet.cache_keep_entries, 4);
  EXPECT_FALSE(config.feeds[0].cache_keep_entries);
}

TEST(KeyValues, PlanetWideKeysAreTyped) {
  PlanetFixture planet;
  const PlanetSettings p =
      load_ok(planet,
              "[Planet]\ngenerator = My Planet Software\ngenerator_uri = https://g.example/\n"
              "feed = https://p.example/atom.xml\nfeedtype = atom\n"
              "pubsubhubbub_feeds = atom.xml\ncache_keep_days = 30\n"
              "allow_private_networks = Yes\nfilter_directories = filters /opt/f\n"
              "cache_lists_directory = lists\nfilters = stripAd/yahoo.sed excerpt.py\n"
              "min_poll_interval = 60\nmax_poll_interval = 7200\n")
          .planet;
  EXPECT_EQ(p.generator, "My Planet Software");
  EXPECT_EQ(p.generator_uri, "https://g.example/");
  EXPECT_EQ(p.feed, "https://p.example/atom.xml");
  EXPECT_EQ(p.feedtype, "atom");
  EXPECT_THAT(p.pubsubhubbub_feeds, ElementsAre("atom.xml"));
  EXPECT_EQ(p.cache_keep_days, 30);
  EXPECT_EQ(p.min_poll_interval, std::chrono::seconds{60});
  EXPECT_EQ(p.max_poll_interval, std::chrono::seconds{7200});
  EXPECT_TRUE(p.allow_private_networks);
  EXPECT_THAT(p.filter_directories, ElementsAre(planet.dir() / "filters", "/opt/f"));
  EXPECT_EQ(p.cache_lists_directory, planet.dir() / "lists");
  EXPECT_THAT(p.filters, ElementsAre("stripAd/yahoo.sed", "excerpt.py"));
}

TEST(KeyValues, TemplateSectionFiltersAreItsOutputFilters) {
  PlanetFixture planet;
  const Config config = load_ok(planet, "[Planet]\n[index.html.tmpl]\nfilters = addsearch.xslt\n");
  ASSERT_EQ(config.templates.size(), 1u);
  EXPECT_THAT(config.templates[0].filters, ElementsAre("addsearch.xslt"));
}

TEST(KeyValues, TemplateSectionFilterAndExcludeAreItsOwnWithoutAWarning) {
  PlanetFixture planet;
  Config config = load_ok(planet,
                          "[Planet]\nfilter = planet\n[index.html.tmpl]\nfilter = Venus\n"
                          "exclude = (?i)sponsored\n");
  ASSERT_EQ(config.templates.size(), 1u);
  EXPECT_EQ(config.templates[0].filter, "Venus");
  EXPECT_EQ(config.templates[0].exclude, "(?i)sponsored");
  for (const std::string& warning : config.warnings) {
    EXPECT_THAT(warning, Not(HasSubstr("filter"))) << warning;
    EXPECT_THAT(warning, Not(HasSubstr("exclude"))) << warning;
  }
  // [Planet]'s is the entries' sifter, not the page's.
  config = load_ok(planet, "[Planet]\nfilter = planet\n[index.html.tmpl]\nexclude = x\n");
  ASSERT_EQ(config.templates.size(), 1u);
  EXPECT_FALSE(config.templates[0].filter);
  for (const std::string& warning : config.warnings) {
    EXPECT_THAT(warning, Not(HasSubstr("filter"))) << warning;
    EXPECT_THAT(warning, Not(HasSubstr("exclude"))) << warning;
  }
}

TEST(KeyValues, AReadingListsKeysAreTypedDefaultsForItsFeeds) {
  PlanetFixture planet;
  const Config config = load_ok(planet,
                                "[Planet]\nactivity_threshold = 3\n[https://l.example/opml]\n"
                                "content_type = opml\nfuture_dates = ignore_entry\n");
  ASSERT_EQ(config.reading_lists.size(), 1u);
  EXPECT_EQ(config.reading_lists[0].options.future_dates, FutureDates::ignore_entry);
  EXPECT_EQ(config.reading_lists[0].options.activity_threshold, 3);
  EXPECT_EQ(config.reading_lists[0].options.content_type, TextType::as_given);
}

// A malformed value: `file:line: key: reason`, and nothing loaded.

struct BadValue {
  std::string section;  // "" for [Planet]
  std::string line;
  std::string error;
};

class KeyErrors : public ::testing::TestWithParam<BadValue> {};

TEST_P(KeyErrors, NameFileLineAndKey) {
  PlanetFixture planet;
  const BadValue& bad = GetParam();
  std::string text = "[Planet]\n";
  if (!bad.section.empty()) {
    text += "[" + bad.section + "]\n";
  }
  text += bad.line + "\n";
  EXPECT_EQ(planet.error_of(text), bad.error);
}

INSTANTIATE_TEST_SUITE_P(
    EveryType, KeyErrors,
    ::testing::Values(
        BadValue{"", "items_per_page = sixty",
                 "DIR/planet.ini:2: items_per_page: \"sixty\" is not a number"},
        BadValue{"", "feed_timeout = 0",
                 "DIR/planet.ini:2: feed_timeout: \"0\" must be at least 1 second"},
        BadValue{"", "link = planet.example",
                 "DIR/planet.ini:2: link: \"planet.example\" is not an absolute URL"},
        BadValue{"", "allow_private_networks = maybe",
                 "DIR/planet.ini:2: allow_private_networks: \"maybe\" is not a boolean (yes, "
                 "no, true, false, on, off, 1, 0)"},
        BadValue{"", "cache_keep_entries = -1",
                 "DIR/planet.ini:2: cache_keep_entries: \"-1\" must not be negative"},
        BadValue{"", "cache_keep_days = 1000001",
                 "DIR/planet.ini:2: cache_keep_days: \"1000001\" is more than 1000000"},
        BadValue{"", "min_poll_interval = 0",
                 "DIR/planet.ini:2: min_poll_interval: \"0\" must be at least 1 second"},
        BadValue{"", "max_poll_interval = 2592001",
                 "DIR/planet.ini:2: max_poll_interval: \"2592001\" must be from 1 to 2592000 "
                 "seconds"},
        BadValue{"", "min_poll_interval = 90000",
                 "DIR/planet.ini:2: min_poll_interval: min_poll_interval (90000 s) is greater "
                 "than max_poll_interval (86400 s)"},
        BadValue{"", "pubsubhubbub_hub = hub",
                 "DIR/planet.ini:2: pubsubhubbub_hub: \"hub\" is not an absolute URL"},
        BadValue{"", "future_dates = ignore",
                 "DIR/planet.ini:2: future_dates: \"ignore\" is not keep, ignore_date or "
                 "ignore_entry"},
        BadValue{"https://a.example/", "activity_threshold = soon",
                 "DIR/planet.ini:3: activity_threshold: \"soon\" is not a number"},
        BadValue{"https://a.example/", "title_type = markdown",
                 "DIR/planet.ini:3: title_type: \"markdown\" is not \"\", text, html, xhtml, "
                 "text/plain, text/html or application/xhtml+xml"},
        BadValue{"https://a.example/", "name_type = rich",
                 "DIR/planet.ini:3: name_type: \"rich\" is not \"\", text, html, xhtml, "
                 "text/plain, text/html or application/xhtml+xml"},
        BadValue{"https://a.example/", "xml_base = a b",
                 "DIR/planet.ini:3: xml_base: \"a b\" is not feed_alternate, entry_alternate "
                 "or a URI reference"},
        BadValue{"https://a.example/", "content_type = tolist.py",
                 "DIR/planet.ini:3: content_type: \"tolist.py\": reading lists converted "
                 "by a filter program are not supported"},
        BadValue{"https://a.example/", "cache_keep_entries = all",
                 "DIR/planet.ini:3: cache_keep_entries: \"all\" is not a number"},
        BadValue{"index.html.tmpl", "days_per_page = week",
                 "DIR/planet.ini:3: days_per_page: \"week\" is not a number"}));

TEST(KeyErrors, AMalformedValueInAReadingListSectionIsAnError) {
  PlanetFixture planet;
  EXPECT_EQ(planet.error_of("[Planet]\n[https://l.example/]\ncontent_type = opml\n"
                            "future_dates = later\n"),
            "DIR/planet.ini:4: future_dates: \"later\" is not keep, ignore_date or ignore_entry");
}

// Warnings: unknown keys, keys not honoured, keys out of place.

TEST(KeyWarnings, AnUnknownPlanetKeyIsKeptForTemplatesWithAWarning) {
  PlanetFixture planet;
  const Config config = load_ok(planet, "[Planet]\nname = P\nsidebar_colour = blue\n");
  EXPECT_EQ(config.planet.raw.at("sidebar_colour"), "blue");
  ASSERT_EQ(config.warnings.size(), 1u);
  EXPECT_EQ(config.warnings[0],
            planet.dir().path().string() +
                "/planet.ini:3: [Planet] sidebar_colour: not a key orrery knows; kept for "
                "templates as sidebar_colour");
}

TEST(KeyWarnings, AnUnknownFeedKeyNamesTheSectionAndTheChannelVariable) {
  PlanetFixture planet;
  const Config config = load_ok(planet, "[Planet]\n[https://a.example/]\nshoe = 9\nface = a.png\n");
  EXPECT_EQ(config.feeds.at(0).raw.at("shoe"), "9");
  EXPECT_THAT(config.warnings,
              ElementsAre(AllOf(HasSubstr("planet.ini:3: [https://a.example/] shoe: not a key "
                                          "orrery knows; kept for templates as channel_shoe"))));
}

TEST(KeyWarnings, AKeyWrittenInDefaultIsWarnedOnce) {
  PlanetFixture planet;
  const Config config = load_ok(
      planet, "[DEFAULT]\nmood = calm\n[Planet]\n[https://a.example/]\n[https://b.example/]\n");
  EXPECT_THAT(config.warnings, ElementsAre(HasSubstr("planet.ini:2: [Planet] mood: not a key")));
}

TEST(KeyWarnings, AKeyNotHonouredIsWarnedWhenItChangesSomething) {
  PlanetFixture planet;
  EXPECT_THAT(load_ok(planet, "[Planet]\nlocale = de_DE\n").warnings,
              ElementsAre(HasSubstr("planet.ini:2: [Planet] locale: not honoured: orrery writes "
                                    "dates in English")));
  EXPECT_THAT(load_ok(planet, "[Planet]\nencoding = UTF-8\ndjango_autoescape = on\n").warnings,
              IsEmpty());
  EXPECT_THAT(load_ok(planet, "[Planet]\nhttp_cache_directory = http\n").warnings,
              ElementsAre(HasSubstr("http_cache_directory: not honoured: orrery keeps feeds and "
                                    "entries in cache_directory/orrery.db")));
}

TEST(KeyWarnings, AHubWithoutLinkIsWarnedAboutBecauseNothingCanBePinged) {
  PlanetFixture planet;
  const Config config = load_ok(planet, "[Planet]\npubsubhubbub_hub = https://hub.example/\n");
  EXPECT_EQ(config.planet.pubsubhubbub_hub, "https://hub.example/");
  EXPECT_THAT(config.warnings,
              ElementsAre(HasSubstr("planet.ini:2: [Planet] pubsubhubbub_hub: not honoured "
                                    "without link")));
  EXPECT_THAT(load_ok(planet,
                      "[Planet]\nlink = https://p.example/\n"
                      "pubsubhubbub_hub = https://hub.example/\n")
                  .warnings,
              IsEmpty());
}

TEST(KeyWarnings, AKeyOutOfItsPlaceIsWarned) {
  PlanetFixture planet;
  EXPECT_THAT(load_ok(planet, "[Planet]\n[https://a.example/]\nitems_per_page = 5\n").warnings,
              ElementsAre(HasSubstr("[https://a.example/] items_per_page: has no effect in a "
                                    "feed section")));
  EXPECT_THAT(load_ok(planet, "[Planet]\n[index.html.tmpl]\nfuture_dates = keep\n").warnings,
              ElementsAre(HasSubstr("[index.html.tmpl] future_dates: has no effect in a "
                                    "template section")));
}

TEST(KeyWarnings, KnownKeysInTheirPlaceAreNotWarned) {
  PlanetFixture planet;
  const Config config = load_ok(planet,
                                "[Planet]\nname = P\nfuture_dates = keep\nitems_per_page = 9\n"
                                "[https://a.example/]\nname = A\nface = a.png\nfilters = x.sed\n"
                                "[x.sed]\nanything = goes\n"
                                "[index.html.tmpl]\nitems_per_page = 3\n"
                                "[https://l.example/]\ncontent_type = opml\nfuture_dates = keep\n");
  EXPECT_THAT(config.warnings, IsEmpty());
}

TEST(KeyWarnings, FoafListKeysOrreryDoesNotFollowAreWarned) {
  PlanetFixture planet;
  EXPECT_THAT(
      load_ok(planet, "[Planet]\n[https://l.example/foaf]\ncontent_type = foaf\ndepth = 2\n")
          .warnings,
      ElementsAre(HasSubstr("depth: not honoured")));
}

}  // namespace
}  // namespace orrery::config
