// health/health: a subscription's state, its order on the health page and the summary line.

#include "health/health.h"

#include <gtest/gtest.h>

namespace orrery::health {
namespace {

using namespace std::chrono_literals;

const util::TimePoint k_now = *util::from_civil(2026, 5, 20, 12, 0, 0);

config::FeedSettings feed(std::string url, std::string name = "") {
  config::FeedSettings s;
  s.url = std::move(url);
  s.name = std::move(name);
  return s;
}

model::ChannelStatus fetched(std::string url, int status = 200) {
  model::ChannelStatus c;
  c.state.url = std::move(url);
  c.state.last_fetched = k_now - 1h;
  c.state.last_success = k_now - 1h;
  c.state.last_status = status;
  c.entry_count = 3;
  c.newest_entry = k_now - 24h;
  return c;
}

model::ChannelStatus failing(std::string url, int status, std::string error, int failures = 2) {
  model::ChannelStatus c = fetched(std::move(url), status);
  c.state.last_success = k_now - 72h;
  c.state.consecutive_failures = failures;
  c.state.last_error = std::move(error);
  return c;
}

TEST(AssessFeed, SuccessIsOk) {
  model::ChannelStatus c = fetched("https://a.example/feed");
  FeedHealth h = assess_feed(feed(c.state.url, "A"), &c, k_now);
  EXPECT_EQ(h.state, State::ok);
  EXPECT_EQ(h.words, "");
  EXPECT_EQ(sentence(h), "ok");
  EXPECT_EQ(h.name, "A");
  EXPECT_EQ(h.public_url, "https://a.example/feed");
  EXPECT_EQ(h.entries_kept, 3);
  EXPECT_EQ(h.newest_entry, k_now - 24h);
}

TEST(AssessFeed, FailureGivesWordsAndState) {
  model::ChannelStatus c = failing("https://a.example/feed", 404, "HTTP 404 Not Found");
  FeedHealth h = assess_feed(feed(c.state.url), &c, k_now);
  EXPECT_EQ(h.state, State::failing);
  EXPECT_EQ(h.words, "the server answers 404 Not Found");
  EXPECT_EQ(h.consecutive_failures, 2);
  EXPECT_EQ(h.last_status, 404);
}

TEST(AssessFeed, FailingSinceIsInTheSentence) {
  model::ChannelStatus c = failing("https://a.example/feed", 404, "HTTP 404 Not Found");
  FeedHealth h = assess_feed(feed(c.state.url), &c, k_now);
  h.since = *util::from_civil(2026, 5, 3, 8, 0, 0);
  EXPECT_EQ(sentence(h), "failing since 3 May 2026: the server answers 404 Not Found");
}

TEST(AssessFeed, SinceIsTheFirstFailureOfTheRun) {
  model::ChannelStatus c = failing("https://a.example/feed", 404, "HTTP 404 Not Found");
  c.state.failing_since = *util::from_civil(2026, 5, 3, 8, 0, 0);
  FeedHealth h = assess_feed(feed(c.state.url), &c, k_now);
  EXPECT_EQ(h.since, c.state.failing_since);
  EXPECT_EQ(sentence(h), "failing since 3 May 2026: the server answers 404 Not Found");
}

TEST(AssessFeed, MovedNamesTheNewAddress) {
  model::ChannelStatus c = fetched("https://a.example/feed");
  c.state.moved_to = "https://b.example/feed";
  FeedHealth h = assess_feed(feed(c.state.url), &c, k_now);
  EXPECT_EQ(h.state, State::moved);
  EXPECT_EQ(h.moved_to, "https://b.example/feed");
  EXPECT_EQ(sentence(h), "moved to https://b.example/feed");
}

TEST(AssessFeed, FailureHidesAMoveButKeepsItsAddress) {
  model::ChannelStatus c = failing("https://a.example/feed", 404, "HTTP 404 Not Found");
  c.state.moved_to = "https://b.example/feed";
  FeedHealth h = assess_feed(feed(c.state.url), &c, k_now);
  EXPECT_EQ(h.state, State::failing);
  EXPECT_EQ(h.moved_to, "https://b.example/feed");
}

TEST(AssessFeed, RecoveredIsReadWithRecovery) {
  model::ChannelStatus c = fetched("https://a.example/feed");
  c.state.recovered_since = k_now - 48h;
  c.state.recovered_warning = "SAXParseException: mismatched tag at offset 120";
  FeedHealth h = assess_feed(feed(c.state.url), &c, k_now);
  EXPECT_EQ(h.state, State::recovered);
  EXPECT_EQ(h.since, k_now - 48h);
  EXPECT_EQ(h.words, "the document is not well-formed XML");
  EXPECT_EQ(sentence(h),
            "read with recovery since 18 May 2026: the document is not well-formed XML");
}

TEST(AssessFeed, GoneIsA410) {
  model::ChannelStatus c = failing("https://a.example/feed", 410, "HTTP 410 Gone");
  FeedHealth h = assess_feed(feed(c.state.url), &c, k_now);
  EXPECT_EQ(h.state, State::gone);
  EXPECT_EQ(sentence(h), "gone: the server answers 410 Gone: the feed was removed for good");
}

TEST(AssessFeed, NeverFetchedIsNotFetched) {
  FeedHealth h = assess_feed(feed("https://a.example/feed"), nullptr, k_now);
  EXPECT_EQ(h.state, State::not_fetched);
  EXPECT_EQ(sentence(h), "not fetched yet");
  model::ChannelStatus c;
  c.state.url = "https://a.example/feed";
  EXPECT_EQ(assess_feed(feed(c.state.url), &c, k_now).state, State::not_fetched);
}

TEST(AssessFeed, InactiveAfterActivityThreshold) {
  model::ChannelStatus c = fetched("https://a.example/feed");
  c.newest_entry = k_now - 40 * 24h;
  config::FeedSettings s = feed(c.state.url);
  s.activity_threshold = 30;
  FeedHealth h = assess_feed(s, &c, k_now);
  EXPECT_EQ(h.state, State::inactive);
  EXPECT_EQ(sentence(h), "no activity in 30 days");
}

TEST(AssessFeed, LocalPathIsNeverPublic) {
  model::ChannelStatus c =
      failing("file:///home/me/feeds/x.xml", 0, "Couldn't open file /home/me/feeds/x.xml");
  FeedHealth h = assess_feed(feed(c.state.url), &c, k_now);
  EXPECT_EQ(h.public_url, "");
  EXPECT_EQ(h.url, "file:///home/me/feeds/x.xml");  // the operator's own view keeps it
  EXPECT_EQ(h.name, "(a local feed)");
  EXPECT_EQ(h.words, "the file cannot be read");
}

TEST(AssessFeed, NameFallsBackToTheFeedsTitle) {
  model::ChannelStatus c = fetched("https://a.example/feed");
  c.channel.title_plain = "A's notes";
  c.channel.link = "javascript:alert(1)";
  FeedHealth h = assess_feed(feed(c.state.url), &c, k_now);
  EXPECT_EQ(h.name, "A's notes");
  EXPECT_EQ(h.link, "");
}

TEST(Assess, WorstFirstThenByName) {
  config::Config config;
  config.feeds = {feed("https://z.example/", "Zed"), feed("https://b.example/", "bee"),
                  feed("https://g.example/", "Gone"), feed("https://a.example/", "Ann"),
                  feed("https://n.example/", "New")};
  std::vector<model::ChannelStatus> channels = {
      fetched("https://z.example/"),
      failing("https://b.example/", 404, "HTTP 404 Not Found"),
      failing("https://g.example/", 410, "HTTP 410 Gone"),
      failing("https://a.example/", 0, "timed out after 30 s"),
      fetched("https://not-in-config.example/"),
  };
  PlanetHealth p = assess(config, channels, k_now);
  ASSERT_EQ(p.feeds.size(), 5u);
  EXPECT_EQ(p.feeds[0].name, "Ann");
  EXPECT_EQ(p.feeds[1].name, "bee");
  EXPECT_EQ(p.feeds[2].name, "Gone");
  EXPECT_EQ(p.feeds[3].name, "New");
  EXPECT_EQ(p.feeds[4].name, "Zed");
  EXPECT_EQ(counts_line(p.counts), "5 feeds: 1 ok, 2 failing, 1 gone, 0 moved, 1 not fetched yet");
  EXPECT_EQ(p.last_fetched, k_now - 1h);
  EXPECT_EQ(p.newest_entry, k_now - 24h);
}

TEST(CountsLine, OneFeed) {
  Counts c;
  c.feeds = 1;
  c.ok = 1;
  EXPECT_EQ(counts_line(c), "1 feed: 1 ok, 0 failing, 0 gone, 0 moved");
}

TEST(StateName, StableNames) {
  EXPECT_EQ(state_name(State::ok), "ok");
  EXPECT_EQ(state_name(State::failing), "failing");
  EXPECT_EQ(state_name(State::gone), "gone");
  EXPECT_EQ(state_name(State::moved), "moved");
  EXPECT_EQ(state_name(State::recovered), "recovered");
  EXPECT_EQ(state_name(State::inactive), "inactive");
  EXPECT_EQ(state_name(State::not_fetched), "not_fetched");
}

}  // namespace
}  // namespace orrery::health
