// apply(): identity, dates, updates and failures, one rule per test.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store.h"
#include "store_test_support.h"
#include "support/temp_dir.h"

namespace orrery::store {
namespace {

using test::at;
using test::dated;
using test::entry;
using test::failed;
using test::fetched;
using test::Query;
using ::testing::HasSubstr;

constexpr const char* k_feed = "https://a.example/feed";

class StoreApply : public ::testing::Test {
 protected:
  // The single stored entry with `key` in k_feed; fails the test when absent.
  model::StoredEntry stored(const std::string& key) {
    for (model::StoredEntry& e : m_store.latest(Query().limit(1000))) {
      if (e.entry.key == key) {
        return e;
      }
    }
    ADD_FAILURE() << "no stored entry " << key;
    return {};
  }

  orrery::test::TempDir m_dir;
  Store m_store{m_dir / "planet.db"};
};

TEST_F(StoreApply, NewKeyIsAddedWithFirstSeenNow) {
  const ApplyStats stats = m_store.apply(fetched(k_feed, {entry("one")}, 1000));
  EXPECT_EQ(stats.added, 1);
  EXPECT_EQ(stored("one").first_seen, at(1000));
  EXPECT_EQ(stored("one").feed_url, k_feed);
}

TEST_F(StoreApply, UpdatedDateIsTheEntrysUpdated) {
  model::Entry e = dated(entry("one"), 500);
  e.published = at(400);
  m_store.apply(fetched(k_feed, {e}, 1000));
  EXPECT_EQ(stored("one").entry.updated, at(500));
  EXPECT_EQ(stored("one").entry.published, at(400));
}

TEST_F(StoreApply, UpdatedDateFallsBackToPublished) {
  model::Entry e = entry("one");
  e.published = at(400);
  m_store.apply(fetched(k_feed, {e}, 1000));
  EXPECT_EQ(stored("one").entry.updated, at(400));
}

TEST_F(StoreApply, UpdatedDateFallsBackToFirstSeen) {
  m_store.apply(fetched(k_feed, {entry("one")}, 1000));
  EXPECT_EQ(stored("one").entry.updated, at(1000));
}

TEST_F(StoreApply, UndatedEntryKeepsItsFirstSeenDateAcrossApplies) {
  m_store.apply(fetched(k_feed, {entry("one")}, 1000));
  m_store.apply(fetched(k_feed, {entry("one")}, 2000));
  m_store.apply(fetched(k_feed, {entry("one", "edited")}, 3000));
  EXPECT_EQ(stored("one").entry.updated, at(1000));
  EXPECT_EQ(stored("one").first_seen, at(1000));
}

TEST_F(StoreApply, IdenticalCopyIsUnchanged) {
  m_store.apply(fetched(k_feed, {dated(entry("one"), 500)}, 1000));
  const ApplyStats stats = m_store.apply(fetched(k_feed, {dated(entry("one"), 500)}, 2000));
  EXPECT_EQ(stats.added, 0);
  EXPECT_EQ(stats.updated, 0);
  EXPECT_EQ(stats.unchanged, 1);
}

TEST_F(StoreApply, ChangedContentUpdatesInPlaceKeepingFirstSeen) {
  m_store.apply(fetched(k_feed, {dated(entry("one"), 500)}, 1000));
  const ApplyStats stats =
      m_store.apply(fetched(k_feed, {dated(entry("one", "edited"), 600)}, 2000));
  EXPECT_EQ(stats.updated, 1);
  EXPECT_EQ(stored("one").entry.title_plain, "edited");
  EXPECT_EQ(stored("one").entry.updated, at(600));
  EXPECT_EQ(stored("one").first_seen, at(1000));
  EXPECT_EQ(m_store.latest({}).size(), 1u);
}

TEST_F(StoreApply, ChangedUndatedCopyKeepsTheStoredDate) {
  m_store.apply(fetched(k_feed, {dated(entry("one"), 500)}, 1000));
  m_store.apply(fetched(k_feed, {entry("one", "edited")}, 2000));
  EXPECT_EQ(stored("one").entry.title_plain, "edited");
  EXPECT_EQ(stored("one").entry.updated, at(500));
}

TEST_F(StoreApply, OlderCopyNeverReplacesANewerOne) {
  m_store.apply(fetched(k_feed, {dated(entry("one", "newer"), 600)}, 1000));
  const ApplyStats stats =
      m_store.apply(fetched(k_feed, {dated(entry("one", "older"), 500)}, 2000));
  EXPECT_EQ(stats.unchanged, 1);
  EXPECT_EQ(stored("one").entry.title_plain, "newer");
  EXPECT_EQ(stored("one").entry.updated, at(600));
}

TEST_F(StoreApply, DateOnlyChangeDoesNotMoveAnOldPost) {
  // Feeds that stamp every item with the generation time must not re-surface old posts.
  m_store.apply(fetched(k_feed, {dated(entry("one"), 500)}, 1000));
  const ApplyStats stats = m_store.apply(fetched(k_feed, {dated(entry("one"), 1900)}, 2000));
  EXPECT_EQ(stats.unchanged, 1);
  EXPECT_EQ(stored("one").entry.updated, at(500));
}

TEST_F(StoreApply, DuplicateKeysInOneDocumentKeepTheNewestCopy) {
  const ApplyStats stats = m_store.apply(
      fetched(k_feed, {dated(entry("one", "old"), 500), dated(entry("one", "new"), 600)}, 1000));
  EXPECT_EQ(stats.added, 1);
  EXPECT_EQ(stored("one").entry.title_plain, "new");
  EXPECT_EQ(m_store.latest({}).size(), 1u);
}

TEST_F(StoreApply, DuplicateUndatedKeysKeepTheFirstCopy) {
  m_store.apply(fetched(k_feed, {entry("one", "first"), entry("one", "second")}, 1000));
  EXPECT_EQ(stored("one").entry.title_plain, "first");
}

TEST_F(StoreApply, SameKeyInTwoFeedsIsTwoEntries) {
  m_store.apply(fetched(k_feed, {entry("one")}, 1000));
  m_store.apply(fetched("https://b.example/feed", {entry("one")}, 1000));
  EXPECT_EQ(m_store.latest(Query().copies(CrossFeedCopies::every_copy)).size(), 2u);
}

TEST_F(StoreApply, ChangedIdWithTheSameLinkAndContentIsTheSamePost) {
  model::Entry before = entry("https://a.example/post");
  before.id = "";  // keyed by its link
  m_store.apply(fetched(k_feed, {before}, 1000));
  model::Entry after = before;
  after.key = after.id = "tag:a.example,2026:post";
  const ApplyStats stats = m_store.apply(fetched(k_feed, {after}, 2000));
  EXPECT_EQ(stats.added, 0);
  EXPECT_EQ(stats.unchanged, 1);
  const auto latest = m_store.latest(Query());
  ASSERT_EQ(latest.size(), 1u);
  EXPECT_EQ(latest[0].entry.key, "tag:a.example,2026:post");
  EXPECT_EQ(latest[0].first_seen, at(1000));
}

TEST_F(StoreApply, ChangedIdWithChangedContentIsANewPost) {
  m_store.apply(fetched(k_feed, {entry("old-id", "text")}, 1000));
  model::Entry renamed = entry("new-id", "other text");
  renamed.link = entry("old-id").link;
  EXPECT_EQ(m_store.apply(fetched(k_feed, {renamed}, 2000)).added, 1);
}

TEST_F(StoreApply, TwoPostsSharingALinkInOneDocumentAreBothKept) {
  // Some feeds link every item to their home page; identical items must not swallow each other.
  model::Entry first = entry("first");
  model::Entry second = entry("second");
  first.link = second.link = "https://a.example/";
  m_store.apply(fetched(k_feed, {first, second}, 1000));
  m_store.apply(fetched(k_feed, {first, second}, 2000));
  EXPECT_EQ(m_store.latest(Query()).size(), 2u);
}

TEST_F(StoreApply, EntriesMissingFromANewDocumentAreKept) {
  m_store.apply(fetched(k_feed, {entry("one"), entry("two")}, 1000));
  m_store.apply(fetched(k_feed, {entry("three")}, 2000));
  EXPECT_EQ(m_store.latest({}).size(), 3u);
}

TEST_F(StoreApply, FailedFetchStoresTheStateAndKeepsEveryEntry) {
  m_store.apply(fetched(k_feed, {entry("one"), entry("two")}, 1000));
  const ApplyStats stats = m_store.apply(failed(k_feed, 2000));
  EXPECT_EQ(stats.added + stats.updated + stats.unchanged, 0);
  EXPECT_EQ(m_store.latest({}).size(), 2u);
  const model::FeedState state = m_store.feed_states().at(0);
  EXPECT_EQ(state.last_status, 500);
  EXPECT_EQ(state.last_error, "HTTP 500 Internal Server Error");
  EXPECT_EQ(state.consecutive_failures, 1);
}

TEST_F(StoreApply, StateRoundTrips) {
  model::FeedUpdate update = fetched(k_feed, {}, 1000);
  update.state.validators = {"\"abc\"", "Wed, 31 Dec 2003 10:14:55 GMT"};
  update.state.next_due = at(4600);
  update.state.content_hash = "deadbeef";
  m_store.apply(update);
  const model::FeedState state = m_store.feed_states().at(0);
  EXPECT_GT(state.id, 0);
  EXPECT_EQ(state.validators.etag, "\"abc\"");
  EXPECT_EQ(state.validators.last_modified, "Wed, 31 Dec 2003 10:14:55 GMT");
  EXPECT_EQ(state.last_fetched, at(1000));
  EXPECT_EQ(state.last_success, at(1000));
  EXPECT_EQ(state.next_due, at(4600));
  EXPECT_EQ(state.content_hash, "deadbeef");
}

TEST_F(StoreApply, ScheduleAndHealthStateRoundTrips) {
  model::FeedUpdate update = failed(k_feed, 1000);
  update.state.moved_to = "https://b.example/feed";
  update.state.failing_since = at(900);
  update.state.last_notified = at(950);
  update.state.recovered_since = at(800);
  update.state.recovered_warning = "line 3: mismatched tag";
  update.state.ttl = std::chrono::seconds{3600};
  update.state.syndication_interval = std::chrono::seconds{86400};
  update.state.rhythm_interval = std::chrono::seconds{7200};
  update.state.due_reason = "backoff";
  m_store.apply(update);
  const model::FeedState state = m_store.feed_states().at(0);
  EXPECT_EQ(state.moved_to, "https://b.example/feed");
  EXPECT_EQ(state.failing_since, at(900));
  EXPECT_EQ(state.last_notified, at(950));
  EXPECT_EQ(state.recovered_since, at(800));
  EXPECT_EQ(state.recovered_warning, "line 3: mismatched tag");
  EXPECT_EQ(state.ttl, std::chrono::seconds{3600});
  EXPECT_EQ(state.syndication_interval, std::chrono::seconds{86400});
  EXPECT_EQ(state.rhythm_interval, std::chrono::seconds{7200});
  EXPECT_EQ(state.due_reason, "backoff");
  EXPECT_FALSE(state.last_new_entry);
}

TEST_F(StoreApply, VenusFeedFactsRoundTripAndSurviveAFailure) {
  model::FeedUpdate update = fetched(k_feed, {entry("one")}, 1000);
  update.state.format = "rss20";
  update.state.bozo = true;
  update.state.http_location = "https://b.example/feed";
  m_store.apply(update);
  model::FeedState state = m_store.feed_states().at(0);
  EXPECT_EQ(state.format, "rss20");
  EXPECT_TRUE(state.bozo);
  EXPECT_EQ(state.http_location, "https://b.example/feed");
  // The cycle hands back the state it read: a failure keeps what the last parse said.
  model::FeedUpdate later = failed(k_feed, 2000);
  later.state.format = state.format;
  later.state.bozo = state.bozo;
  later.state.http_location = state.http_location;
  m_store.apply(later);
  state = m_store.feed_states().at(0);
  EXPECT_EQ(state.format, "rss20");
  EXPECT_TRUE(state.bozo);
  EXPECT_EQ(state.http_location, "https://b.example/feed");
}

TEST_F(StoreApply, ChannelTitleSubtitleAndRightsKeepTheirMarkup) {
  model::FeedUpdate update = fetched(k_feed, {entry("one")}, 1000);
  update.feed->channel.title_plain = "Bold & co";
  update.feed->channel.title_html = "<b>Bold</b> &amp; co";
  update.feed->channel.subtitle_html = "<i>sub</i>";
  update.feed->channel.rights_html = "&copy; <a href=\"https://a.example/\">us</a>";
  m_store.apply(update);
  const model::Channel channel = m_store.channels().at(0).channel;
  EXPECT_EQ(channel.title_plain, "Bold & co");
  EXPECT_EQ(channel.title_html, "<b>Bold</b> &amp; co");
  EXPECT_EQ(channel.subtitle_html, "<i>sub</i>");
  EXPECT_EQ(channel.rights_html, "&copy; <a href=\"https://a.example/\">us</a>");
  // A changed title alone is written (the unchanged-channel check covers the _html columns).
  update = fetched(k_feed, {entry("one")}, 2000);
  update.feed->channel.title_plain = "Bold & co";
  update.feed->channel.title_html = "<em>Bold</em> &amp; co";
  m_store.apply(update);
  EXPECT_EQ(m_store.channels().at(0).channel.title_html, "<em>Bold</em> &amp; co");
}

TEST_F(StoreApply, LastNewEntryIsSetOnlyWhenAnEntryIsAdded) {
  m_store.apply(fetched(k_feed, {entry("one")}, 1000));
  EXPECT_EQ(m_store.feed_states().at(0).last_new_entry, at(1000));
  m_store.apply(fetched(k_feed, {entry("one")}, 2000));  // nothing new
  EXPECT_EQ(m_store.feed_states().at(0).last_new_entry, at(1000));
  model::FeedUpdate update = fetched(k_feed, {entry("one"), entry("two")}, 3000);
  update.state.last_new_entry = at(1);  // ignored: the store decides
  m_store.apply(update);
  EXPECT_EQ(m_store.feed_states().at(0).last_new_entry, at(3000));
  m_store.apply(failed(k_feed, 4000));
  EXPECT_EQ(m_store.feed_states().at(0).last_new_entry, at(3000));
}

TEST_F(StoreApply, TagsAndEnclosuresRoundTripInOrder) {
  model::Entry e = entry("one");
  e.tags = {"zeta", "alpha"};
  e.enclosures = {{"https://a.example/a.mp3", "audio/mpeg", 1234}, {"https://a.example/b", "", {}}};
  m_store.apply(fetched(k_feed, {e}, 1000));
  const model::Entry got = stored("one").entry;
  EXPECT_EQ(got.tags, (std::vector<std::string>{"zeta", "alpha"}));
  ASSERT_EQ(got.enclosures.size(), 2u);
  EXPECT_EQ(got.enclosures[0].href, "https://a.example/a.mp3");
  EXPECT_EQ(got.enclosures[0].type, "audio/mpeg");
  EXPECT_EQ(got.enclosures[0].length, 1234);
  EXPECT_FALSE(got.enclosures[1].length.has_value());
}

TEST_F(StoreApply, ChangedTagsReplaceTheStoredOnes) {
  model::Entry e = entry("one");
  e.tags = {"old"};
  m_store.apply(fetched(k_feed, {e}, 1000));
  e.tags = {"new", "newer"};
  EXPECT_EQ(m_store.apply(fetched(k_feed, {e}, 2000)).updated, 1);
  EXPECT_EQ(stored("one").entry.tags, (std::vector<std::string>{"new", "newer"}));
}

TEST_F(StoreApply, EveryEntryFieldRoundTrips) {
  model::Entry e = entry("one");
  e.id = "tag:a.example,2026:1";
  e.summary_html = "<p>summary</p>";
  e.author = {"Ada", "ada@a.example", "https://a.example/ada"};
  e.language = "en-GB";
  m_store.apply(fetched(k_feed, {e}, 1000));
  const model::Entry got = stored("one").entry;
  EXPECT_EQ(got.id, e.id);
  EXPECT_EQ(got.link, e.link);
  EXPECT_EQ(got.title_html, e.title_html);
  EXPECT_EQ(got.summary_html, e.summary_html);
  EXPECT_EQ(got.content_html, e.content_html);
  EXPECT_EQ(got.author.name, "Ada");
  EXPECT_EQ(got.author.email, "ada@a.example");
  EXPECT_EQ(got.author.href, "https://a.example/ada");
  EXPECT_EQ(got.language, "en-GB");
}

TEST_F(StoreApply, WhatVenusKeepsRoundTrips) {
  model::Entry e = entry("one");
  e.links = {{"alternate", "text/html", e.link, "", "", std::nullopt},
             {"enclosure", "audio/mpeg", "https://a.example/1.mp3", "", "", 4000000}};
  e.rights_html = "&copy; 2026";
  e.title_type = model::TextType::text;
  e.summary_type = model::TextType::xhtml;
  e.content_type = model::TextType::html;
  e.contributors = {{"Bo", "bo@a.example", ""}, {"Cy", "", "https://a.example/cy"}};
  e.categories = {{"inbox", "http://a.example/categories", "Inbox"}, {"plain", "", ""}};
  e.geo = model::GeoPoint{42.991, -70.444};
  model::Source& source = e.source;
  source.id = "tag:a.example,2026:feed";
  source.title_html = "A &amp; B";
  source.title_plain = "A & B";
  source.subtitle_html = "sub";
  source.link = "https://a.example/";
  source.links = {{"self", "application/atom+xml", "https://a.example/feed", "", "", {}}};
  source.icon = "https://a.example/i.ico";
  source.logo = "https://a.example/l.png";
  source.rights_html = "rights";
  source.author = {"Ann", "ann@a.example", "https://a.example/ann"};
  source.contributors = {{"Dee", "", ""}};
  source.categories = {{"t", "s", "l"}};
  source.updated = at(900);
  source.language = "en";
  source.planet = {{"name", "Alice"}, {"face", "alice.png"}, {"format", "atom10"}};
  e.extensions = {{"feedburner_origlink", "https://origin.example/1"}};
  m_store.apply(fetched(k_feed, {e}, 1000));
  const model::Entry got = stored("one").entry;
  ASSERT_EQ(got.links.size(), 2u);
  EXPECT_EQ(got.links[1].rel, "enclosure");
  EXPECT_EQ(got.links[1].length, 4000000);
  EXPECT_FALSE(got.links[0].length.has_value());
  EXPECT_EQ(got.rights_html, e.rights_html);
  EXPECT_EQ(got.title_type, model::TextType::text);
  EXPECT_EQ(got.summary_type, model::TextType::xhtml);
  EXPECT_EQ(got.content_type, model::TextType::html);
  ASSERT_EQ(got.contributors.size(), 2u);
  EXPECT_EQ(got.contributors[1].href, "https://a.example/cy");
  ASSERT_EQ(got.categories.size(), 2u);
  EXPECT_EQ(got.categories[0].scheme, "http://a.example/categories");
  EXPECT_EQ(got.categories[0].label, "Inbox");
  EXPECT_EQ(got.tags, (std::vector<std::string>{"inbox", "plain"}));
  ASSERT_TRUE(got.geo.has_value());
  EXPECT_DOUBLE_EQ(got.geo->latitude, 42.991);
  EXPECT_DOUBLE_EQ(got.geo->longitude, -70.444);
  EXPECT_EQ(got.source.id, source.id);
  EXPECT_EQ(got.source.title_html, source.title_html);
  EXPECT_EQ(got.source.title_plain, source.title_plain);
  EXPECT_EQ(got.source.subtitle_html, "sub");
  EXPECT_EQ(got.source.link, source.link);
  ASSERT_EQ(got.source.links.size(), 1u);
  EXPECT_EQ(got.source.links[0].href, "https://a.example/feed");
  EXPECT_EQ(got.source.icon, source.icon);
  EXPECT_EQ(got.source.logo, source.logo);
  EXPECT_EQ(got.source.rights_html, "rights");
  EXPECT_EQ(got.source.author.email, "ann@a.example");
  ASSERT_EQ(got.source.contributors.size(), 1u);
  ASSERT_EQ(got.source.categories.size(), 1u);
  EXPECT_EQ(got.source.categories[0].label, "l");
  EXPECT_EQ(got.source.updated, at(900));
  EXPECT_EQ(got.source.language, "en");
  EXPECT_EQ(got.source.planet, source.planet);
  EXPECT_EQ(got.extensions, e.extensions);
}

TEST_F(StoreApply, AChangeInWhatVenusKeepsUpdatesTheEntry) {
  model::Entry e = entry("one");
  m_store.apply(fetched(k_feed, {e}, 1000));
  e.categories = {{"one", "http://a.example/s", ""}};
  EXPECT_EQ(m_store.apply(fetched(k_feed, {e}, 2000)).updated, 1);
  e.source.planet = {{"name", "Renamed"}};
  EXPECT_EQ(m_store.apply(fetched(k_feed, {e}, 3000)).updated, 1);
  e.source.planet.emplace_back("bozo", "true");  // a feed's bozo flag alone rewrites nothing
  e.source.updated = at(5000);
  EXPECT_EQ(m_store.apply(fetched(k_feed, {e}, 4000)).unchanged, 1);
  EXPECT_EQ(stored("one").entry.source.planet.at(0).second, "Renamed");
}

TEST_F(StoreApply, QuotesAndSqlInValuesAreStoredVerbatim) {
  const std::string url = "https://a.example/feed?q='); DROP TABLE entries; --";
  model::Entry e = entry("key'\"; DELETE FROM feeds; --", "it's \"quoted\"");
  m_store.apply(fetched(url, {e}, 1000));
  const auto latest = m_store.latest(Query().feed_urls({url}));
  ASSERT_EQ(latest.size(), 1u);
  EXPECT_EQ(latest[0].feed_url, url);
  EXPECT_EQ(latest[0].entry.key, e.key);
  EXPECT_EQ(latest[0].entry.title_plain, "it's \"quoted\"");
}

TEST_F(StoreApply, FutureDateIsKeptByDefault) {
  m_store.apply(fetched(k_feed, {dated(entry("one"), 5000)}, 1000));
  EXPECT_EQ(stored("one").entry.updated, at(5000));
}

TEST_F(StoreApply, IgnoreDateTreatsAFutureDatedEntryAsUndated) {
  model::Entry e = dated(entry("one"), 5000);
  e.published = at(4000);
  ApplyOptions options;
  options.future_dates = FutureDates::ignore_date;
  EXPECT_EQ(m_store.apply(fetched(k_feed, {e}, 1000), options).added, 1);
  EXPECT_EQ(stored("one").entry.updated, at(1000));
  EXPECT_FALSE(stored("one").entry.published.has_value());
}

TEST_F(StoreApply, IgnoreDateKeepsAPastPublishedDate) {
  model::Entry e = dated(entry("one"), 5000);
  e.published = at(400);
  ApplyOptions options;
  options.future_dates = FutureDates::ignore_date;
  m_store.apply(fetched(k_feed, {e}, 1000), options);
  EXPECT_EQ(stored("one").entry.updated, at(400));
}

TEST_F(StoreApply, IgnoreEntryLeavesAFutureEntryOutUntilItsDateHasCome) {
  ApplyOptions options;
  options.future_dates = FutureDates::ignore_entry;
  const model::Entry e = dated(entry("one"), 1500);
  EXPECT_EQ(m_store.apply(fetched(k_feed, {e, entry("two")}, 1000), options).added, 1);
  EXPECT_EQ(m_store.latest(Query()).size(), 1u);
  EXPECT_EQ(m_store.apply(fetched(k_feed, {e, entry("two")}, 2000), options).added, 1);
  EXPECT_EQ(stored("one").entry.updated, at(1500));
  EXPECT_EQ(stored("one").first_seen, at(2000));
}

TEST_F(StoreApply, EntryLeftOutAsFutureDatedIsNotTakenForARenamedPost) {
  model::Entry stored_copy = entry("post", "same");
  m_store.apply(fetched(k_feed, {stored_copy}, 1000));
  // The document still lists "post" (now future-dated, so left out) and a second item with the
  // same link and content: that is another post, not "post" under a new id.
  model::Entry future = dated(stored_copy, 9000);
  model::Entry twin = entry("twin", "same");
  twin.link = stored_copy.link;
  ApplyOptions options;
  options.future_dates = FutureDates::ignore_entry;
  EXPECT_EQ(m_store.apply(fetched(k_feed, {future, twin}, 2000), options).added, 1);
  EXPECT_EQ(m_store.latest(Query()).size(), 2u);
}

TEST_F(StoreApply, FailureRollsBackTheWholeUpdateAndNamesTheFeed) {
  m_store.apply(fetched(k_feed, {entry("one")}, 1000));
  model::FeedUpdate bad = fetched(k_feed, {entry("two"), entry("")}, 2000);
  bad.state.last_status = 299;
  try {
    m_store.apply(bad);
    FAIL() << "no StoreError thrown";
  } catch (const StoreError& e) {
    EXPECT_THAT(e.what(), HasSubstr((m_dir / "planet.db").string()));
    EXPECT_THAT(e.what(), HasSubstr(k_feed));
  }
  EXPECT_EQ(m_store.latest({}).size(), 1u);
  EXPECT_EQ(m_store.feed_states().at(0).last_status, 200);
}

}  // namespace
}  // namespace orrery::store
