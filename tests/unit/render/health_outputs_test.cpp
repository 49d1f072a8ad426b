// The health page (feeds.html) and health.json: golden files, the order of the feeds, and what
// they never publish (local paths, internal error text).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "render/health_json.h"
#include "render/health_page.h"
#include "render/render.h"
#include "support/golden.h"
#include "support/temp_dir.h"
#include "unit/render/fixtures.h"
#include "util/atomic_file.h"
#include "util/time_zone.h"

namespace orrery::render {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

util::TimePoint at(int month, int day, int hour) {
  return *util::from_civil(2026, month, day, hour, 0, 0);
}

config::FeedSettings feed(std::string url, std::string name, int activity_threshold = 0) {
  config::FeedSettings s;
  s.url = std::move(url);
  s.name = std::move(name);
  s.activity_threshold = activity_threshold;
  return s;
}

model::ChannelStatus status(std::string url, int http, std::string error = "", int failures = 0) {
  model::ChannelStatus c;
  c.state.url = std::move(url);
  c.state.last_fetched = at(5, 20, 11);
  c.state.last_success = failures > 0 ? at(5, 2, 11) : at(5, 20, 11);
  c.state.last_status = http;
  c.state.last_error = std::move(error);
  c.state.consecutive_failures = failures;
  if (failures > 0) {
    c.state.failing_since = at(5, 3, 8);
  }
  c.state.next_due = at(5, 20, 12);
  const std::size_t host = c.state.url.find("//") + 2;
  c.channel.link = "https://" + c.state.url.substr(host, c.state.url.find('/', host) - host) + "/";
  c.entry_count = 4;
  c.newest_entry = at(5, 1, 9);
  return c;
}

// A planet with one feed in each state, a local feed among the failing ones.
health::PlanetHealth sample(util::TimePoint now = at(5, 20, 12)) {
  config::Config config;
  config.planet.name = "Planet <Test>";
  config.feeds = {
      feed("https://ok.example/feed", "Olga"),
      feed("https://nf.example/feed", "Nina & co"),
      feed("https://gn.example/feed", "Gary"),
      feed("https://to.example/feed", "Tom"),
      feed("file:///home/planet/feeds/local.xml", "Local"),
      feed("https://mv.example/feed", "Mo"),
      feed("https://in.example/feed", "Ida", 7),
      feed("https://new.example/feed", "Ned"),
  };
  std::vector<model::ChannelStatus> channels = {
      status("https://ok.example/feed", 200),
      status("https://nf.example/feed", 404, "HTTP 404 Not Found", 3),
      status("https://gn.example/feed", 410, "HTTP 410 Gone", 1),
      status("https://to.example/feed", 0, "timed out after 30 s", 2),
      status("file:///home/planet/feeds/local.xml", 0,
             "Couldn't open file /home/planet/feeds/local.xml", 5),
      status("https://mv.example/feed", 200),
      status("https://in.example/feed", 304),
  };
  channels[4].channel.link.clear();
  channels[5].state.moved_to = "https://mv.example/new-feed";
  channels.back().state.due_reason = "max-age";
  channels.back().state.last_new_entry = at(5, 1, 10);
  model::ChannelStatus bozo = status("https://rc.example/feed", 200);
  bozo.state.recovered_since = at(5, 10, 6);
  bozo.state.recovered_warning = "SAXParseException: mismatched tag at offset 99";
  channels.push_back(bozo);
  config.feeds.push_back(feed("https://rc.example/feed", "Rae"));
  return health::assess(config, channels, now);
}

TEST(HealthPage, MatchesGolden) {
  orrery::test::expect_golden("render/health/feeds.html",
                              write_health_page(sample(), "index.html"));
}

TEST(HealthJson, MatchesGolden) {
  orrery::test::expect_golden("render/health/health.json",
                              write_health_json(sample(), HealthAudience::published));
}

TEST(HealthPage, FailingFeedsComeFirstWithTheirWordsAndDate) {
  const std::string page = write_health_page(sample(), "index.html");
  const std::size_t failing = page.find("<h2 id=\"failing\">");
  const std::size_t ok = page.find("<h2 id=\"ok\">");
  ASSERT_NE(failing, std::string::npos);
  ASSERT_NE(ok, std::string::npos);
  EXPECT_LT(failing, page.find("<h2 id=\"gone\">"));
  EXPECT_LT(page.find("<h2 id=\"gone\">"), page.find("<h2 id=\"moved\">"));
  EXPECT_LT(page.find("<h2 id=\"moved\">"), ok);
  EXPECT_THAT(page, HasSubstr("Failing since <time datetime=\"2026-05-03T08:00:00Z\">3 May "
                              "2026</time>: the server answers 404 Not Found"));
  EXPECT_THAT(page, HasSubstr("Moved to <a href=\"https://mv.example/new-feed\">"));
}

util::TimeZone berlin() {
  auto bytes = util::read_file("/usr/share/zoneinfo/Europe/Berlin", 1 << 20);
  EXPECT_TRUE(bytes) << "Debian package tzdata";
  auto zone = util::TimeZone::from_tzif(bytes ? *bytes : std::string(), "Europe/Berlin");
  EXPECT_TRUE(zone) << zone.error().message;
  return zone ? *zone : util::TimeZone{};
}

TEST(HealthPage, ShowsDatesInThePlanetsTimeZoneWithUtcDatetimes) {
  const std::string page = write_health_page(sample(), "index.html", berlin());
  // 20 May 11:00 UTC is 13:00 in Berlin (CEST, +02:00); the attribute stays UTC.
  EXPECT_THAT(page, HasSubstr("<dt>Last checked</dt><dd><time datetime=\"2026-05-20T11:00:00Z\">"
                              "20 May 2026 13:00 CEST</time>"));
  EXPECT_THAT(page, Not(HasSubstr(" UTC</time>")));
  // 3 May 08:00 UTC, the day a failure began, is still 3 May at 10:00 in Berlin.
  EXPECT_THAT(page, HasSubstr("Failing since <time datetime=\"2026-05-03T08:00:00Z\">3 May "
                              "2026</time>"));
}

TEST(HealthPage, ShowsUtcWhenNoZoneIsSet) {
  const std::string page = write_health_page(sample(), "index.html");
  EXPECT_THAT(page, HasSubstr("<dt>Last checked</dt><dd><time datetime=\"2026-05-20T11:00:00Z\">"
                              "20 May 2026 11:00 UTC</time>"));
}

TEST(HealthJson, AnUnchangedPlanetRendersTheSameBytesLater) {
  const std::string first = write_health_json(sample(at(5, 20, 12)), HealthAudience::published);
  const std::string later = write_health_json(sample(at(5, 20, 18)), HealthAudience::published);
  EXPECT_EQ(first, later);
  // `generated` is the newest attempt in the data, not the render's clock.
  EXPECT_EQ(nlohmann::json::parse(first)["generated"], "2026-05-20T11:00:00Z");
}

TEST(HealthJson, GeneratedIsNullBeforeAnyFeedWasFetched) {
  config::Config config;
  config.feeds = {feed("https://new.example/feed", "Ned")};
  const std::string json =
      write_health_json(health::assess(config, {}, at(5, 20, 12)), HealthAudience::published);
  EXPECT_TRUE(nlohmann::json::parse(json)["generated"].is_null());
}

TEST(HealthPage, NoLocalPathAndNoInternalText) {
  const std::string page = write_health_page(sample(), "index.html");
  EXPECT_THAT(page, Not(HasSubstr("/home/planet")));
  EXPECT_THAT(page, Not(HasSubstr("file:")));
  EXPECT_THAT(page, Not(HasSubstr("Couldn't")));
  EXPECT_THAT(page, HasSubstr("the file cannot be read"));
}

TEST(HealthPage, EscapesNames) {
  const std::string page = write_health_page(sample(), "");
  EXPECT_THAT(page, HasSubstr("<title>Feeds of Planet &lt;Test&gt;</title>"));
  EXPECT_THAT(page, HasSubstr("Nina &amp; co"));
  EXPECT_THAT(page, Not(HasSubstr("<p><a href=\"\">")));
}

TEST(HealthJson, PublishedHidesLocalPathsOperatorSeesThem) {
  using nlohmann::json;
  json published = json::parse(write_health_json(sample(), HealthAudience::published));
  json mine = json::parse(write_health_json(sample(), HealthAudience::operator_only));
  bool seen = false;
  for (std::size_t i = 0; i < published["feeds"].size(); ++i) {
    if (published["feeds"][i]["name"] == "Local") {
      seen = true;
      EXPECT_TRUE(published["feeds"][i]["url"].is_null());
      EXPECT_EQ(mine["feeds"][i]["url"], "file:///home/planet/feeds/local.xml");
    }
  }
  EXPECT_TRUE(seen);
  EXPECT_EQ(published["version"], 1);
  EXPECT_EQ(published["summary"]["failing"], 3);
  EXPECT_EQ(published["feeds"][0]["state"], "failing");
  EXPECT_EQ(published["feeds"][0]["since"], "2026-05-03T08:00:00Z");
}

// The default theme's subscription list and a theme's feeds.html.tmpl read these variables.
TEST(HealthTemplateVariables, ChannelsRowsAndTheHealthLoop) {
  orrery::test::TempDir dir;
  test::Planet p;
  p.input.channels[2].state.failing_since = test::at(2023, 5, 3, 8, 0);
  p.config.planet.template_files = {
      dir.write("index.html.tmpl",
                "<TMPL_VAR health_summary>|<TMPL_VAR health_failing>|<TMPL_VAR health_page>\n"
                "<TMPL_LOOP Channels><TMPL_VAR name>=<TMPL_VAR health>:<TMPL_VAR health_text>"
                "<TMPL_IF health_since>@<TMPL_VAR health_since_iso></TMPL_IF>\n</TMPL_LOOP>"),
      dir.write("feeds.html.tmpl",
                "<TMPL_LOOP Health><TMPL_VAR name>,<TMPL_VAR health>,<TMPL_VAR health_words>,"
                "<TMPL_VAR url>,<TMPL_VAR last_status>;</TMPL_LOOP>")};
  auto files = render_site(p.input);
  ASSERT_TRUE(files) << files.error().message;
  ASSERT_EQ((*files)[0].name, "index.html");
  // htmltmpl drops the newline after a tag, as Venus's does.
  EXPECT_EQ((*files)[0].content,
            "3 feeds: 2 ok, 0 failing, 1 gone, 0 moved|1|feeds.html"
            "Ann&#39;s Notes=ok:ok"
            "Bob &lt;Builds&gt;=ok:ok"
            "Gone Away=gone:gone since 3 May 2023: the server answers 410 Gone: the feed was "
            "removed for good@2023-05-03T08:00:00+00:00");
  ASSERT_EQ((*files)[1].name, "feeds.html");
  EXPECT_EQ((*files)[1].content,
            "Gone Away,gone,the server answers 410 Gone: the feed was removed for good,"
            "https://gone.example.com/rss,410;"
            "Ann&#39;s Notes,ok,,https://ann.example.org/feed.xml,200;"
            "Bob &lt;Builds&gt;,ok,,https://bob.example.net/atom.xml,200;");
  EXPECT_EQ((*files)[1].notes,
            (std::vector<std::string>{
                "feeds.html: written by the theme's template instead of orrery's health page "
                "writer"}));
}

}  // namespace
}  // namespace orrery::render
