#include "app/filter_stage.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace orrery::app {
namespace {

using namespace std::chrono_literals;

const util::TimePoint k_now{std::chrono::sys_days{std::chrono::March / 10 / 2024}};

model::Entry sample_entry() {
  model::Entry e;
  e.key = "id:http://example.org/1";
  e.id = "http://example.org/1";
  e.link = "http://example.org/1";
  e.title_plain = "First post";
  e.title_html = "First post";
  e.content_html = "<p>Hello <b>world</b></p>";
  e.updated = k_now - 24h;
  return e;
}

config::FeedSettings feed_settings() {
  config::FeedSettings s;
  s.url = "http://example.org/feed.xml";
  return s;
}

TEST(FilterStage, OutputIsReadBackAndSanitisedLikeAFeed) {
  std::string output = R"(<?xml version="1.0" encoding="utf-8"?>
<entry xmlns="http://www.w3.org/2005/Atom">
  <id>http://example.org/changed-by-filter</id>
  <title>New title</title>
  <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Kept</p><script>alert(1)</script></div></content>
  <updated>2024-03-09T00:00:00Z</updated>
</entry>)";
  model::Entry original = sample_entry();
  original.source.title_plain = "The subscription";
  original.source.planet = {{"format", "atom10"}};
  original.rights_html = "CC BY";
  auto e = read_filtered_entry(output, original, feed_settings(), k_now);
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(e->title_plain, "New title");
  EXPECT_NE(e->content_html.find("<p>Kept</p>"), std::string::npos) << e->content_html;
  EXPECT_EQ(e->content_html.find("script"), std::string::npos) << e->content_html;
  // Identity is orrery's: the filter cannot move the entry to another key.
  EXPECT_EQ(e->key, "id:http://example.org/1");
  EXPECT_EQ(e->id, "http://example.org/1");
  // What the output does not carry stays as it was.
  EXPECT_EQ(e->source.title_plain, "The subscription");
  EXPECT_EQ(e->source.planet, original.source.planet);
  EXPECT_EQ(e->rights_html, "CC BY");
}

TEST(FilterStage, AnExcerptIsKeptSanitisedAsAnExtension) {
  std::string output =
      R"X(<entry xmlns="http://www.w3.org/2005/Atom" xmlns:planet="http://planet.intertwingly.net/">
  <id>http://example.org/1</id><title>First post</title>
  <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Long text</p></div></content>
  <planet:excerpt><div xmlns="http://www.w3.org/1999/xhtml">Long <b onclick="x()">te</b> …</div></planet:excerpt>
</entry>)X";
  auto e = read_filtered_entry(output, sample_entry(), feed_settings(), k_now);
  ASSERT_TRUE(e) << e.error().message;
  ASSERT_EQ(e->extensions.size(), 1u);
  EXPECT_EQ(e->extensions[0].first, "planet_excerpt");
  // The xhtml div is the construct's wrapper, not the excerpt's (the spliced document adds its
  // own when it writes planet:excerpt back).
  EXPECT_EQ(e->extensions[0].second, "Long <b>te</b> …");
}

TEST(FilterStage, OutputThatIsNotOneAtomEntryFails) {
  EXPECT_FALSE(read_filtered_entry("not xml at all", sample_entry(), feed_settings(), k_now));
  EXPECT_FALSE(read_filtered_entry(
      "<entry xmlns='http://www.w3.org/2005/Atom'/><entry xmlns='http://www.w3.org/2005/Atom'/>",
      sample_entry(), feed_settings(), k_now));
}

TEST(FilterStage, AFeedIsFilteredInPlace) {
  test::TempDir dir;
  auto script = dir.write("filters/retitle.sh",
                          "#!/bin/sh\nsed 's|<title>[^<]*</title>|<title>Filtered</title>|'\n");
  ::chmod(script.c_str(), 0755);
  config::Config config;
  config.path = dir / "planet.ini";
  config.planet.filter_directories = {dir / "filters"};
  config::FeedSettings settings = feed_settings();
  settings.filters = {"retitle.sh", "notweets.py"};
  config.feeds.push_back(settings);
  FilterStage stage(config);
  ASSERT_FALSE(stage.empty());
  model::Feed feed;
  feed.entries.push_back(sample_entry());
  model::Entry tweet = sample_entry();
  tweet.key = "id:tag:twitter.com,2007:1";
  tweet.id = "tag:twitter.com,2007:1";
  feed.entries.push_back(tweet);
  FilterStats stats = stage.run(feed, config.feeds.front(), k_now);
  EXPECT_EQ(stats.dropped, 1);
  EXPECT_EQ(stats.failures, 0);
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].title_plain, "Filtered");
  EXPECT_EQ(feed.entries[0].key, "id:http://example.org/1");
  EXPECT_EQ(feed.entries[0].updated, k_now - 24h);
}

TEST(FilterStage, AFilterThatTimesOutIsNotRunAgainInTheCycle) {
  test::TempDir dir;
  auto runs = dir / "runs";
  auto script =
      dir.write("filters/hang.sh", "#!/bin/sh\necho run >> " + runs.string() + "\nsleep 1000\n");
  ::chmod(script.c_str(), 0755);
  config::Config config;
  config.planet.filter_directories = {dir / "filters"};
  config.planet.filters = {"hang.sh"};
  config.feeds.push_back(feed_settings());
  config::FeedSettings second = feed_settings();
  second.url = "http://example.org/other.xml";
  config.feeds.push_back(second);
  filters::ProcessLimits limits;
  limits.timeout = 200ms;
  FilterStage stage(config, limits);
  model::Feed feed;
  for (int i = 0; i < 3; ++i) {
    model::Entry e = sample_entry();
    e.key = e.id = "http://example.org/" + std::to_string(i);
    feed.entries.push_back(e);
  }
  model::Feed other = feed;
  FilterStats stats = stage.run(feed, config.feeds[0], k_now);
  stage.run(other, config.feeds[1], k_now);
  EXPECT_EQ(test::slurp(runs), "run\n");
  EXPECT_EQ(stats.failures, 3);
  EXPECT_EQ(feed.entries.size(), 3u) << "entries pass a failing filter";
  EXPECT_EQ(other.entries.size(), 3u);
}

TEST(FilterStage, NoFiltersMeansAnEmptyStage) {
  config::Config config;
  config.feeds.push_back(feed_settings());
  EXPECT_TRUE(FilterStage(config).empty());
}

}  // namespace
}  // namespace orrery::app
