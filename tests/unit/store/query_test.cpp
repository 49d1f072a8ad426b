// latest(), channels(), feed_states() and ensure_feed().

#include <gtest/gtest.h>

#include "store/store.h"
#include "store_test_support.h"
#include "support/temp_dir.h"

namespace orrery::store {
namespace {

using test::at;
using test::dated;
using test::entry;
using test::fetched;
using test::Query;

constexpr const char* k_a = "https://a.example/feed";
constexpr const char* k_b = "https://b.example/feed";

std::vector<std::string> keys(const std::vector<model::StoredEntry>& entries) {
  std::vector<std::string> result;
  for (const model::StoredEntry& e : entries) {
    result.push_back(e.entry.key);
  }
  return result;
}

using Keys = std::vector<std::string>;

class StoreQuery : public ::testing::Test {
 protected:
  // a1 (100) a2 (300) a3 (500) from feed a; b1 (200) b2 (400) from feed b.
  void add_two_feeds() {
    m_store.apply(fetched(
        k_a, {dated(entry("a3"), 500), dated(entry("a2"), 300), dated(entry("a1"), 100)}, 1000));
    m_store.apply(fetched(k_b, {dated(entry("b2"), 400), dated(entry("b1"), 200)}, 1000));
  }

  orrery::test::TempDir m_dir;
  Store m_store{m_dir / "planet.db"};
};

TEST_F(StoreQuery, LatestIsNewestFirstAcrossFeeds) {
  add_two_feeds();
  EXPECT_EQ(keys(m_store.latest({})), (Keys{"a3", "b2", "a2", "b1", "a1"}));
}

TEST_F(StoreQuery, LatestStopsAtTheLimit) {
  add_two_feeds();
  EXPECT_EQ(keys(m_store.latest(Query().limit(2))), (Keys{"a3", "b2"}));
}

TEST_F(StoreQuery, LatestSinceKeepsEntriesAtOrAfterTheCutOff) {
  add_two_feeds();
  EXPECT_EQ(keys(m_store.latest(Query().since(at(300)))), (Keys{"a3", "b2", "a2"}));
}

TEST_F(StoreQuery, PerFeedCapLimitsEachFeedsNewest) {
  add_two_feeds();
  EXPECT_EQ(keys(m_store.latest(Query().per_feed_cap(1))), (Keys{"a3", "b2"}));
}

TEST_F(StoreQuery, PerFeedCapCombinesWithSinceAndLimit) {
  add_two_feeds();
  EXPECT_EQ(keys(m_store.latest(Query().limit(3).since(at(150)).per_feed_cap(2))),
            (Keys{"a3", "b2", "a2"}));
}

TEST_F(StoreQuery, FeedUrlsFilterSelectsSubscriptions) {
  add_two_feeds();
  EXPECT_EQ(keys(m_store.latest(Query().feed_urls({k_b}))), (Keys{"b2", "b1"}));
  EXPECT_EQ(keys(m_store.latest(Query().feed_urls({k_b, k_a}).per_feed_cap(1))),
            (Keys{"a3", "b2"}));
}

TEST_F(StoreQuery, FeedUrlsFilterTakesMoreFeedsThanSqliteTakesParameters) {
  add_two_feeds();
  std::vector<std::string> urls;
  for (int i = 0; i < 40000; ++i) {
    urls.push_back("https://unsubscribed.example/" + std::to_string(i));
  }
  urls.push_back(k_b);
  EXPECT_EQ(keys(m_store.latest(Query().feed_urls(urls))), (Keys{"b2", "b1"}));
  EXPECT_EQ(keys(m_store.latest(Query().feed_urls(urls).per_feed_cap(1))), (Keys{"b2"}));
}

TEST_F(StoreQuery, UndatedEntriesOfOneDocumentKeepTheDocumentOrder) {
  m_store.apply(fetched(k_a, {entry("newest"), entry("middle"), entry("oldest")}, 1000));
  EXPECT_EQ(keys(m_store.latest({})), (Keys{"newest", "middle", "oldest"}));
}

TEST_F(StoreQuery, EqualDatesAreOrderedByFirstSeenNewestFirst) {
  m_store.apply(fetched(k_a, {dated(entry("early"), 500)}, 1000));
  m_store.apply(fetched(k_b, {dated(entry("late"), 500)}, 2000));
  EXPECT_EQ(keys(m_store.latest({})), (Keys{"late", "early"}));
}

TEST_F(StoreQuery, LatestEntriesAlwaysHaveAnUpdatedDate) {
  m_store.apply(fetched(k_a, {entry("undated")}, 1000));
  const auto latest = m_store.latest({});
  ASSERT_EQ(latest.size(), 1u);
  EXPECT_EQ(latest[0].entry.updated, at(1000));
}

TEST_F(StoreQuery, SamePermalinkThroughTwoFeedsIsShownOnceFromItsOrigin) {
  m_store.apply(fetched(k_a, {dated(entry("post"), 500)}, 1000));
  m_store.apply(fetched(k_b, {dated(entry("copy"), 500)}, 2000));
  model::Entry copy = dated(entry("copy"), 500);
  copy.link = entry("post").link;
  m_store.apply(fetched(k_b, {copy}, 3000));
  const auto latest = m_store.latest(Query());
  ASSERT_EQ(latest.size(), 1u);
  EXPECT_EQ(latest[0].feed_url, k_a);
}

TEST_F(StoreQuery, SamePermalinkWithDifferentTitlesAndContentIsTwoPosts) {
  // Feeds that point every item at their home page: distinct posts, one link.
  model::Entry a = entry("1", "Monday's news");
  model::Entry b = entry("1", "Tuesday's news");
  a.link = b.link = "https://home.example/";
  m_store.apply(fetched(k_a, {a}, 1000));
  m_store.apply(fetched(k_b, {b}, 2000));
  EXPECT_EQ(m_store.latest(Query()).size(), 2u);
}

TEST_F(StoreQuery, SamePermalinkAndSameTitleIsOnePost) {
  model::Entry a = entry("1", "Same title");
  model::Entry b = entry("2", "Same title");
  b.content_html = "<p>edited on the way</p>";
  b.link = a.link;
  m_store.apply(fetched(k_a, {a}, 1000));
  m_store.apply(fetched(k_b, {b}, 2000));
  const auto latest = m_store.latest(Query());
  ASSERT_EQ(latest.size(), 1u);
  EXPECT_EQ(latest[0].feed_url, k_a);
}

TEST_F(StoreQuery, SamePermalinkAndSameContentIsOnePostWhateverItsTitle) {
  model::Entry a = entry("1", "body");
  model::Entry b = entry("2", "body");
  b.title_plain = b.title_html = "";  // an untitled copy
  b.link = a.link;
  m_store.apply(fetched(k_a, {a}, 1000));
  m_store.apply(fetched(k_b, {b}, 2000));
  EXPECT_EQ(m_store.latest(Query()).size(), 1u);
  EXPECT_EQ(m_store.latest(Query().copies(CrossFeedCopies::every_copy)).size(), 2u);
}

TEST_F(StoreQuery, SameIriIdThroughTwoFeedsIsShownOnce) {
  model::Entry original = entry("tag:a.example,2026:1");
  model::Entry relayed = original;
  relayed.link = "https://planet.example/relayed";
  m_store.apply(fetched(k_a, {original}, 1000));
  m_store.apply(fetched(k_b, {relayed}, 2000));
  EXPECT_EQ(keys(m_store.latest(Query())), (Keys{"tag:a.example,2026:1"}));
  EXPECT_EQ(m_store.latest(Query())[0].feed_url, k_a);
}

TEST_F(StoreQuery, BareGuidsAreNotMatchedAcrossFeeds) {
  model::Entry a = entry("1");
  model::Entry b = entry("1");
  a.link = "https://a.example/1";
  b.link = "https://b.example/1";
  m_store.apply(fetched(k_a, {a}, 1000));
  m_store.apply(fetched(k_b, {b}, 1000));
  EXPECT_EQ(m_store.latest(Query()).size(), 2u);
}

TEST_F(StoreQuery, CopyIsShownWhenItsOriginFeedIsNotSelected) {
  m_store.apply(fetched(k_a, {entry("post")}, 1000));
  m_store.apply(fetched(k_b, {entry("post")}, 2000));
  const auto latest = m_store.latest(Query().feed_urls({k_b}));
  ASSERT_EQ(latest.size(), 1u);
  EXPECT_EQ(latest[0].feed_url, k_b);
}

TEST_F(StoreQuery, EveryCopyShowsEachFeedsCopy) {
  m_store.apply(fetched(k_a, {entry("post")}, 1000));
  m_store.apply(fetched(k_b, {entry("post")}, 2000));
  EXPECT_EQ(m_store.latest(Query().copies(CrossFeedCopies::every_copy)).size(), 2u);
}

TEST_F(StoreQuery, ChannelsCarryMetadataAndEntryCounts) {
  add_two_feeds();
  m_store.ensure_feed("https://never-fetched.example/feed");
  const auto channels = m_store.channels();
  ASSERT_EQ(channels.size(), 3u);
  EXPECT_EQ(channels[0].state.url, k_a);
  EXPECT_EQ(channels[0].channel.title_plain, std::string("Channel of ") + k_a);
  EXPECT_EQ(channels[0].entry_count, 3);
  EXPECT_EQ(channels[1].entry_count, 2);
  EXPECT_EQ(channels[2].channel.title_plain, "");
  EXPECT_EQ(channels[2].entry_count, 0);
}

TEST_F(StoreQuery, ChannelsCarryTheirNewestEntryDate) {
  add_two_feeds();
  m_store.ensure_feed("https://never-fetched.example/feed");
  const auto channels = m_store.channels();
  ASSERT_EQ(channels.size(), 3u);
  EXPECT_EQ(channels[0].newest_entry, at(500));
  EXPECT_EQ(channels[1].newest_entry, at(400));
  EXPECT_EQ(channels[2].newest_entry, std::nullopt);
}

TEST_F(StoreQuery, ChannelMetadataRoundTrips) {
  model::FeedUpdate update = fetched(k_a, {}, 1000);
  model::Channel& c = update.feed->channel;
  c.link = "https://a.example/";
  c.subtitle_plain = "sub";
  c.id = "urn:a";
  c.author = {"Ada", "ada@a.example", "https://a.example/ada"};
  c.icon = "https://a.example/i.png";
  c.logo = "https://a.example/l.png";
  c.rights_plain = "CC BY";
  c.updated = at(900);
  c.language = "en";
  c.generator = "Hugo";
  m_store.apply(update);
  const model::Channel got = m_store.channels().at(0).channel;
  EXPECT_EQ(got.link, c.link);
  EXPECT_EQ(got.subtitle_plain, "sub");
  EXPECT_EQ(got.id, "urn:a");
  EXPECT_EQ(got.author.email, "ada@a.example");
  EXPECT_EQ(got.icon, c.icon);
  EXPECT_EQ(got.logo, c.logo);
  EXPECT_EQ(got.rights_plain, "CC BY");
  EXPECT_EQ(got.updated, at(900));
  EXPECT_EQ(got.language, "en");
  EXPECT_EQ(got.generator, "Hugo");
}

TEST_F(StoreQuery, LaterChannelMetadataReplacesTheStoredOne) {
  model::FeedUpdate update = fetched(k_a, {}, 1000);
  update.feed->channel.title_plain = "Old title";
  m_store.apply(update);
  update.feed->channel.title_plain = "New title";
  update.feed->channel.updated = at(1500);
  m_store.apply(update);
  EXPECT_EQ(m_store.channels().at(0).channel.title_plain, "New title");
  EXPECT_EQ(m_store.channels().at(0).channel.updated, at(1500));
}

TEST_F(StoreQuery, EnsureFeedCreatesOnceAndReturnsTheSameId) {
  const model::FeedState first = m_store.ensure_feed(k_a);
  const model::FeedState again = m_store.ensure_feed(k_a);
  EXPECT_GT(first.id, 0);
  EXPECT_EQ(first.id, again.id);
  EXPECT_EQ(first.url, k_a);
  EXPECT_EQ(m_store.feed_states().size(), 1u);
}

TEST_F(StoreQuery, FeedStatesAreOrderedById) {
  m_store.ensure_feed(k_b);
  m_store.ensure_feed(k_a);
  const auto states = m_store.feed_states();
  ASSERT_EQ(states.size(), 2u);
  EXPECT_EQ(states[0].url, k_b);
  EXPECT_EQ(states[1].url, k_a);
  EXPECT_LT(states[0].id, states[1].id);
}

TEST_F(StoreQuery, StampsFollowLatestsOrderWithoutTheContent) {
  add_two_feeds();
  std::vector<model::EntryStamp> stamps = m_store.stamps(Query().per_feed_cap(2));
  std::vector<model::StoredEntry> entries = m_store.latest(Query().per_feed_cap(2));
  ASSERT_EQ(stamps.size(), entries.size());
  for (std::size_t i = 0; i < stamps.size(); ++i) {
    EXPECT_EQ(stamps[i].feed_url, entries[i].feed_url);
    EXPECT_EQ(stamps[i].feed_id, entries[i].feed_id);
    EXPECT_EQ(stamps[i].updated, *entries[i].entry.updated);
    EXPECT_EQ(stamps[i].first_seen, entries[i].first_seen);
  }
}

TEST_F(StoreQuery, AStampsDigestChangesWhenItsEntryIsRewritten) {
  add_two_feeds();
  std::int64_t before = m_store.stamps({}).front().digest;  // a3
  m_store.apply(fetched(k_a, {dated(entry("a3", "edited"), 500)}, 2000));
  std::vector<model::EntryStamp> after = m_store.stamps({});
  EXPECT_NE(after.front().digest, before);
  EXPECT_EQ(after.front().updated, at(500)) << "same date, other content";
}

TEST_F(StoreQuery, EntriesByIdComeInTheOrderAsked) {
  add_two_feeds();
  std::vector<model::EntryStamp> stamps = m_store.stamps({});  // a3 b2 a2 b1 a1
  std::vector<model::StoredEntry> got =
      m_store.entries_by_id({stamps[3].entry_id, stamps[0].entry_id, 987654});
  EXPECT_EQ(keys(got), (Keys{"b1", "a3"})) << "an id no longer stored is left out";
  EXPECT_EQ(got[1].entry.content_html, "<p>text</p>");
  EXPECT_EQ(got[1].feed_url, k_a);
}

TEST_F(StoreQuery, EntriesByIdLoadEachEntrysOwnTagsEnclosuresAndParts) {
  model::Entry one = dated(entry("a1"), 100);
  one.categories = {{"x", "", ""}, {"y", "s", "Y"}};
  one.enclosures.push_back({"https://a.example/1.mp3", "audio/mpeg", 42});
  one.contributors.push_back({"Ann", "", ""});
  model::Entry two = dated(entry("a2"), 200);
  two.categories = {{"z", "", ""}};
  two.links.push_back({"related", "text/html", "https://a.example/r", "", "", std::nullopt});
  model::Entry three = dated(entry("a3"), 300);  // no children
  m_store.apply(fetched(k_a, {three, two, one}, 1000));
  std::vector<model::EntryStamp> stamps = m_store.stamps({});  // a3 a2 a1
  ASSERT_EQ(stamps.size(), 3u);
  std::vector<model::StoredEntry> got = m_store.entries_by_id(
      {stamps[2].entry_id, stamps[0].entry_id, stamps[1].entry_id, stamps[2].entry_id});
  EXPECT_EQ(keys(got), (Keys{"a1", "a3", "a2", "a1"})) << "the order asked, repeats kept";
  // What one page reads matches what latest() reads entry by entry.
  std::vector<model::StoredEntry> latest = m_store.latest({});  // a3 a2 a1
  ASSERT_EQ(latest.size(), 3u);
  for (auto [g, l] : {std::pair{0, 2}, {1, 0}, {2, 1}, {3, 2}}) {
    const model::Entry& a = got[static_cast<std::size_t>(g)].entry;
    const model::Entry& b = latest[static_cast<std::size_t>(l)].entry;
    EXPECT_EQ(a.tags, b.tags) << a.key;
    EXPECT_EQ(a.categories.size(), b.categories.size()) << a.key;
    EXPECT_EQ(a.enclosures.size(), b.enclosures.size()) << a.key;
    EXPECT_EQ(a.contributors.size(), b.contributors.size()) << a.key;
    EXPECT_EQ(a.links.size(), b.links.size()) << a.key;
  }
  EXPECT_EQ(got[0].entry.tags, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(got[0].entry.categories[1].label, "Y");
  ASSERT_EQ(got[0].entry.enclosures.size(), 1u);
  EXPECT_EQ(got[0].entry.enclosures[0].length, 42);
  ASSERT_EQ(got[0].entry.contributors.size(), 1u);
  EXPECT_EQ(got[0].entry.contributors[0].name, "Ann");
  EXPECT_EQ(got[2].entry.tags, (std::vector<std::string>{"z"}));
  EXPECT_TRUE(got[1].entry.categories.empty());
  EXPECT_TRUE(m_store.entries_by_id({}).empty());
}

TEST_F(StoreQuery, HeadlinesLeaveTheContentOut) {
  add_two_feeds();
  std::vector<model::EntryStamp> stamps = m_store.stamps({});  // a3 first
  std::vector<model::StoredEntry> got =
      m_store.entries_by_id({stamps[0].entry_id}, Store::EntryDetail::headline);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].entry.key, "a3");
  EXPECT_EQ(got[0].entry.title_plain, "text");
  EXPECT_EQ(got[0].entry.link, "https://example.org/a3");
  EXPECT_EQ(got[0].entry_id, stamps[0].entry_id);
  EXPECT_EQ(got[0].entry.content_html, "");
}

TEST_F(StoreQuery, DeclaredSelfLinksComeFromEntriesNewestFirst) {
  model::Entry older = dated(entry("a1"), 100);
  older.source.links.push_back(
      {"self", "application/atom+xml", "https://a.example/old", "", "", std::nullopt});
  model::Entry newer = dated(entry("a2"), 200);
  newer.source.links.push_back(
      {"self", "application/atom+xml", "https://a.example/new", "", "", std::nullopt});
  newer.source.links.push_back(
      {"alternate", "text/html", "https://a.example/", "", "", std::nullopt});
  m_store.apply(fetched(k_a, {newer, older}, 1000));
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(m_store.declared_self_links({k_a, k_b}),
            (Pairs{{k_a, "https://a.example/new"}, {k_a, "https://a.example/old"}}));
}

}  // namespace
}  // namespace orrery::store
