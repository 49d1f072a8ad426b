#include "app/import_venus.h"

#include <gtest/gtest.h>

#include <map>

#include "app/run_lock.h"
#include "store/store.h"
#include "support/temp_dir.h"
#include "util/time.h"

namespace orrery::app {
namespace {

// A planet beside a copy of tests/data/app/venus-cache (the undated entry's mtime set, as
// git does not keep mtimes).
class ImportVenus : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::copy(test::data_path("app/venus-cache"), m_dir / "venus",
                          std::filesystem::copy_options::recursive);
    std::filesystem::last_write_time(
        m_dir / "venus" / "alpha.example,2023,post-3",
        std::chrono::file_clock::from_sys(*util::parse_rfc3339("2023-06-01T00:00:00Z")));
    m_dir.write("planet.ini", test::slurp(test::data_path("app/venus-planet.ini")));
    auto loaded = config::load(m_dir / "planet.ini");
    ASSERT_TRUE(loaded) << loaded.error().message;
    m_config = std::move(*loaded);
  }

  util::Result<VenusImportReport, CycleError> import() {
    return import_venus(m_config, m_dir / "venus");
  }

  // Every stored entry by key: its feed URL and first-seen time.
  std::map<std::string, model::StoredEntry> stored() {
    store::Store store(m_dir / "cache" / "orrery.db");
    store::LatestQuery query;
    query.limit = 1000;
    query.copies = store::CrossFeedCopies::every_copy;
    std::map<std::string, model::StoredEntry> entries;
    for (model::StoredEntry& e : store.latest(query)) {
      entries[e.entry.key] = std::move(e);
    }
    return entries;
  }

  test::TempDir m_dir;
  config::Config m_config;
};

TEST(VenusCacheName, StripsTheSchemeAndTurnsSeparatorsIntoCommas) {
  EXPECT_EQ(venus_cache_name("http://alpha.example/posts/1"), "alpha.example,posts,1");
  EXPECT_EQ(venus_cache_name("https://www.example.com/a?b=c//d"), "example.com,a,b=c,d");
  EXPECT_EQ(venus_cache_name("tag:alpha.example,2023:post-3"), "alpha.example,2023,post-3");
  EXPECT_EQ(venus_cache_name("http://example.com/dir/"), "example.com,dir");
}

TEST(VenusCacheName, ReplacesTheTailOfALongNameByItsMd5) {
  std::string id = "http://example.com/" + std::string(230, 'a') + "/tail/end";
  std::string name = venus_cache_name(id);
  // The parts kept are those under 220 bytes: "example.com"; the rest is one MD5.
  ASSERT_EQ(name.size(), std::string("example.com,").size() + 32);
  EXPECT_EQ(name.rfind("example.com,", 0), 0U);
}

TEST_F(ImportVenus, AttributesEveryEntryToItsSubscription) {
  auto report = import();
  ASSERT_TRUE(report) << report.error().message;
  auto entries = stored();
  ASSERT_EQ(entries.size(), 6U);
  EXPECT_EQ(entries.at("http://alpha.example/posts/1").feed_url, "http://alpha.example/feed.xml");
  // Beta's <source> names its own self link; the sources/ file's id attributes it.
  EXPECT_EQ(entries.at("http://beta.example/2023/07/hello.html").feed_url,
            "http://beta.example/rss");
  // Gamma has no sources/ file; its <source> self link is the configured URL.
  EXPECT_EQ(entries.at("http://gamma.example/p/42").feed_url, "http://gamma.example/rss");
}

TEST_F(ImportVenus, FirstSeenIsTheUpdatedThenPublishedDateThenTheFileTime) {
  ASSERT_TRUE(import());
  auto entries = stored();
  EXPECT_EQ(util::format_rfc3339(entries.at("http://alpha.example/posts/1").first_seen),
            "2023-07-01T10:00:00Z");
  EXPECT_EQ(util::format_rfc3339(entries.at("http://alpha.example/posts/2").first_seen),
            "2023-07-02T08:30:00Z");
  const model::StoredEntry& undated = entries.at("tag:alpha.example,2023:post-3");
  EXPECT_EQ(util::format_rfc3339(undated.first_seen), "2023-06-01T00:00:00Z");
  EXPECT_EQ(util::format_rfc3339(*undated.entry.updated), "2023-06-01T00:00:00Z");
}

TEST_F(ImportVenus, CountsEntriesOfOtherFeedsAndFilesThatAreNotEntries) {
  auto report = import();
  ASSERT_TRUE(report);
  EXPECT_EQ(report->files, 7);
  EXPECT_EQ(report->added, 6);
  EXPECT_EQ(report->unattributed, 1);  // old.example is not in the config: kept
  EXPECT_EQ(report->unreadable, 1);    // stray.html
}

TEST_F(ImportVenus, ImportingTwiceAddsNothing) {
  ASSERT_TRUE(import());
  auto second = import();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->added, 0);
  EXPECT_EQ(second->updated, 0);
  EXPECT_EQ(second->unchanged, 6);
  EXPECT_EQ(stored().size(), 6U);
}

// Venus showed a feed's entries until an expunge, even once it left the config: they are kept
// under the feed's self link with their planet: metadata, hidden from a page of the config's
// feeds, and expunge removes them.
TEST_F(ImportVenus, EntriesOfAFeedNoLongerInTheConfigAreKeptUntilExpunged) {
  ASSERT_TRUE(import());
  const model::StoredEntry retired = stored().at("http://old.example/retired");
  EXPECT_EQ(retired.feed_url, "http://old.example/feed");
  EXPECT_EQ(retired.entry.source.id, "http://old.example/");
  EXPECT_EQ(retired.entry.source.title_plain, "Old");
  std::map<std::string, std::string> planet(retired.entry.source.planet.begin(),
                                            retired.entry.source.planet.end());
  EXPECT_EQ(planet["name"], "Old Times");
  EXPECT_EQ(planet["face"], "old.png");
  store::Store store(m_dir / "cache" / "orrery.db");
  store::LatestQuery page;
  for (const config::FeedSettings& feed : m_config.feeds) page.feed_urls.push_back(feed.url);
  for (const model::StoredEntry& e : store.latest(page)) {
    EXPECT_NE(e.entry.key, "http://old.example/retired");
  }
  store::ExpungePolicy policy;
  policy.subscribed = page.feed_urls;
  EXPECT_EQ(store.expunge(policy).entries_removed, 1);
}

TEST_F(ImportVenus, EntriesKeepTheirSourceAndPlanetMetadata) {
  ASSERT_TRUE(import());
  const model::StoredEntry one = stored().at("http://alpha.example/posts/1");
  EXPECT_FALSE(one.entry.source.id.empty());
  bool named = false;
  for (const auto& [key, value] : one.entry.source.planet) named |= key == "name";
  EXPECT_TRUE(named);
}

// Venus took a feed given as a relative path ([data/delta.atom]) and named its sources/ file
// after it; orrery's config writes it [file:data/delta.atom], an absolute file: URL.
TEST_F(ImportVenus, AFileFeedFindsTheSourcesFileVenusNamedAfterItsRelativePath) {
  m_dir.write("venus/sources/data,delta.atom",
              "<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>urn:delta</id>"
              "<title>Delta</title></feed>");
  m_dir.write("venus/delta.example,1",
              "<entry xmlns=\"http://www.w3.org/2005/Atom\"><id>http://delta.example/1</id>"
              "<title>D1</title><updated>2023-07-05T00:00:00Z</updated>"
              "<source><id>urn:delta</id><link rel=\"self\" href=\"http://elsewhere.example/d\"/>"
              "</source></entry>");
  m_dir.write("planet.ini", test::slurp(test::data_path("app/venus-planet.ini")) +
                                "\n[file:data/delta.atom]\nname = Delta\n");
  auto loaded = config::load(m_dir / "planet.ini");
  ASSERT_TRUE(loaded) << loaded.error().message;
  m_config = std::move(*loaded);
  ASSERT_TRUE(import());
  const std::string url = stored().at("http://delta.example/1").feed_url;
  EXPECT_EQ(url.rfind("file:", 0), 0u) << url;
  EXPECT_NE(url.find("data/delta.atom"), std::string::npos) << url;
}

TEST_F(ImportVenus, ChannelMetadataComesFromTheSourcesFile) {
  ASSERT_TRUE(import());
  store::Store store(m_dir / "cache" / "orrery.db");
  std::map<std::string, model::Channel> channels;
  for (const model::ChannelStatus& status : store.channels()) {
    channels[status.state.url] = status.channel;
  }
  EXPECT_EQ(channels.at("http://alpha.example/feed.xml").title_plain, "Alpha Blog");
  EXPECT_EQ(channels.at("http://alpha.example/feed.xml").subtitle_plain, "Notes from Alpha");
  EXPECT_EQ(channels.at("http://beta.example/rss").title_plain, "Beta News");
}

TEST_F(ImportVenus, AnEntryWithAPrefixedRootAfterACommentIsRead) {
  m_dir.write("venus/alpha.example,posts,9",
              "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- written by a filter -->\n"
              "<a:entry xmlns:a=\"http://www.w3.org/2005/Atom\"><a:id>http://alpha.example/posts/9"
              "</a:id><a:title>Nine</a:title><a:updated>2023-07-09T00:00:00Z</a:updated>"
              "<a:source><a:id>tag:alpha.example,2023:feed</a:id></a:source></a:entry>");
  auto report = import();
  ASSERT_TRUE(report);
  EXPECT_EQ(report->added, 7);
  EXPECT_EQ(stored().at("http://alpha.example/posts/9").feed_url, "http://alpha.example/feed.xml");
}

TEST_F(ImportVenus, AMissingCacheDirectoryIsAnErrorNamingIt) {
  auto report = import_venus(m_config, m_dir / "nowhere");
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().kind, CycleError::Kind::fatal);
  EXPECT_NE(report.error().message.find((m_dir / "nowhere").string()), std::string::npos);
}

TEST_F(ImportVenus, AHeldRunLockRefusesTheImport) {
  std::filesystem::create_directories(m_dir / "cache");
  auto lock = RunLock::try_acquire(m_dir / "cache" / "orrery.lock");
  ASSERT_TRUE(lock && lock->has_value());
  auto report = import();
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().kind, CycleError::Kind::locked);
}

}  // namespace
}  // namespace orrery::app
