// Upgrading databases written by earlier schema versions.

#include <SQLiteCpp/Database.h>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>

#include "store/migrations.h"
#include "store/store.h"
#include "store_test_support.h"
#include "support/temp_dir.h"

namespace orrery::store {
namespace {

using test::at;
using test::entry;
using test::fetched;
using test::Query;

// A database file built from tests/data/store/<fixture> (SQL that ends by setting user_version).
std::filesystem::path database_from(const orrery::test::TempDir& dir, const char* fixture) {
  const std::filesystem::path path = dir / "planet.db";
  SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec(orrery::test::slurp(orrery::test::data_path(std::string("store/") + fixture)));
  return path;
}

int user_version(const std::filesystem::path& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet("PRAGMA user_version").getInt();
}

TEST(StoreMigrations, EveryEarlierSchemaVersionUpgradesToTheCurrentKeepingEntries) {
  for (int version = 1; version < detail::current_schema_version(); ++version) {
    orrery::test::TempDir dir;
    // The fixtures hold data at versions 1 and 2; later versions are reached by the real steps.
    const auto path = database_from(dir, version == 1 ? "schema_v1.sql" : "schema_v2.sql");
    {
      SQLite::Database db(path, SQLite::OPEN_READWRITE);
      detail::migrate(db, "test", version);
    }
    ASSERT_EQ(user_version(path), version);
    Store store(path);
    EXPECT_EQ(user_version(path), detail::current_schema_version()) << "from v" << version;
    EXPECT_FALSE(store.latest(Query()).empty()) << "from v" << version;
    EXPECT_TRUE(store.quick_check().has_value()) << "from v" << version;
  }
}

TEST(StoreMigrations, VersionSevenStartsLastNewEntryFromTheNewestFirstSeen) {
  orrery::test::TempDir dir;
  const auto path = database_from(dir, "schema_v2.sql");
  std::int64_t newest = 0;
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    newest = db.execAndGet("SELECT max(first_seen) FROM entries").getInt64();
  }
  Store store(path);
  const auto states = store.feed_states();
  ASSERT_FALSE(states.empty());
  EXPECT_EQ(states[0].last_new_entry, at(newest));
  EXPECT_EQ(states[0].moved_to, "");
  EXPECT_EQ(states[0].ttl, std::chrono::seconds{0});
}

TEST(StoreMigrations, VersionEightTakesFormatAndBozoFromTheNewestEntrysSource) {
  orrery::test::TempDir dir;
  const auto path = database_from(dir, "schema_v2.sql");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    detail::migrate(db, "test", 7);
    const std::int64_t feed = db.execAndGet("SELECT min(feed_id) FROM entries").getInt64();
    const std::int64_t newest =
        db
            .execAndGet(fmt::format(
                "SELECT id FROM entries WHERE feed_id = {} ORDER BY updated DESC, id DESC LIMIT 1",
                feed))
            .getInt64();
    const std::int64_t older =
        db.execAndGet(fmt::format("SELECT id FROM entries WHERE feed_id = {} AND id != {} LIMIT 1",
                                  feed, newest))
            .getInt64();
    db.exec(
        fmt::format("INSERT INTO entry_parts (entry_id, position, kind, a, b) VALUES "
                    "({0}, 90, 'planet', 'format', 'rss20'), ({0}, 91, 'planet', 'bozo', 'true'), "
                    "({1}, 90, 'planet', 'format', 'atom10'), ({1}, 91, 'planet', 'bozo', 'false')",
                    newest, older));
  }
  Store store(path);
  const auto states = store.feed_states();
  ASSERT_FALSE(states.empty());
  EXPECT_EQ(states[0].format, "rss20");
  EXPECT_TRUE(states[0].bozo);
  EXPECT_EQ(states[0].http_location, "");
  EXPECT_EQ(store.channels().at(0).channel.title_html, "");
}

TEST(StoreMigrations, VersionOneDatabaseIsUpgradedKeepingFeedsAndEntries) {
  orrery::test::TempDir dir;
  const auto path = database_from(dir, "schema_v1.sql");
  ASSERT_EQ(user_version(path), 1);
  Store store(path);
  EXPECT_GT(user_version(path), 1);
  ASSERT_EQ(store.feed_states().size(), 1u);
  EXPECT_EQ(store.feed_states()[0].validators.etag, "\"v1-etag\"");
  const auto latest = store.latest(Query());
  ASSERT_EQ(latest.size(), 2u);
  EXPECT_EQ(latest[0].entry.key, "1234");
  EXPECT_EQ(latest[0].entry.updated, at(1000));
  EXPECT_EQ(latest[1].entry.key, "tag:a.example,2020:1");
  EXPECT_EQ(latest[1].entry.tags, std::vector<std::string>{"history"});
}

TEST(StoreMigrations, VersionTwoBackfillsCrossFeedIdsOnlyForIriGuids) {
  orrery::test::TempDir dir;
  const auto path = database_from(dir, "schema_v1.sql");
  { Store store(path); }
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("SELECT global_id FROM entries WHERE id = 1").getString(),
            "tag:a.example,2020:1");
  EXPECT_EQ(db.execAndGet("SELECT global_id FROM entries WHERE id = 2").getString(), "");
}

TEST(StoreMigrations, UpgradedDatabaseAcceptsNewUpdates) {
  orrery::test::TempDir dir;
  Store store(database_from(dir, "schema_v1.sql"));
  const ApplyStats stats = store.apply(fetched("https://a.example/feed", {entry("new")}, 2000));
  EXPECT_EQ(stats.added, 1);
  EXPECT_EQ(store.latest(Query()).size(), 3u);
}

TEST(StoreMigrations, VersionTwoDatabaseIsUpgradedKeepingEntries) {
  orrery::test::TempDir dir;
  const auto path = database_from(dir, "schema_v2.sql");
  ASSERT_EQ(user_version(path), 2);
  Store store(path);
  EXPECT_GT(user_version(path), 2);
  EXPECT_EQ(store.feed_states().at(0).validators.etag, "\"v2-etag\"");
  EXPECT_EQ(store.latest(Query()).size(), 2u);
}

TEST(StoreMigrations, UpgradedDatabaseSupportsExpunge) {
  orrery::test::TempDir dir;
  Store store(database_from(dir, "schema_v2.sql"));
  ExpungePolicy policy;
  policy.keep_entries = 1;
  EXPECT_EQ(store.expunge(policy).entries_removed, 1);
}

// Version 6: keys become Venus's ids ("id:X", "link:X" → "X"), unless taken; every digest is
// reset so the next poll rewrites each entry with the fields Venus keeps; an entry whose id
// rule changed is found again by its link, not stored twice.
TEST(StoreMigrations, VersionSixRekeysEntriesAndTheNextPollFillsTheNewFields) {
  orrery::test::TempDir dir;
  const auto path = database_from(dir, "schema_v1.sql");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    detail::migrate(db, "test", 5);
    db.exec(R"sql(
INSERT INTO entries (id, feed_id, key, guid, link, title_html, title_plain, updated, first_seen,
  digest) VALUES
  (10, 1, 'id:urn:x:1', 'urn:x:1', 'https://a.example/1', 'One', 'One', 100, 100, 7),
  (11, 1, 'link:https://a.example/2', '', 'https://a.example/2', 'Two', 'Two', 200, 200, 7),
  (12, 1, 'link:https://a.example/3', '', 'https://a.example/3', 'Pod', 'Pod', 300, 300, 7),
  (13, 1, 'urn:x:4', 'urn:x:4', '', 'Taken', 'Taken', 400, 400, 7),
  (14, 1, 'id:urn:x:4', 'urn:x:4', '', 'Old', 'Old', 400, 400, 7);
INSERT INTO expunged (feed_id, key) VALUES (1, 'id:urn:x:gone');
)sql");
  }
  Store store(path);
  {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    EXPECT_EQ(db.execAndGet("SELECT key FROM entries WHERE id = 10").getString(), "urn:x:1");
    EXPECT_EQ(db.execAndGet("SELECT key FROM entries WHERE id = 11").getString(),
              "https://a.example/2");
    EXPECT_EQ(db.execAndGet("SELECT key FROM entries WHERE id = 14").getString(), "id:urn:x:4");
    EXPECT_EQ(db.execAndGet("SELECT count(*) FROM entries WHERE digest != 0").getInt(), 0);
    EXPECT_EQ(db.execAndGet("SELECT key FROM expunged").getString(), "urn:x:gone");
  }
  // The next poll: the podcast entry is now keyed by its enclosure (Venus's rule).
  const std::string feed_url = store.feed_states().at(0).url;
  model::Entry one = entry("urn:x:1", "One");
  one.link = "https://a.example/1";
  one.rights_html = "CC BY";
  one.categories = {{"news", "http://example.org/scheme", "News"}};
  one.source.planet = {{"name", "Alice"}};
  model::Entry pod = entry("https://a.example/3.mp3", "Pod");
  pod.link = "https://a.example/3";
  const ApplyStats stats = store.apply(fetched(feed_url, {one, pod}, 5000));
  EXPECT_EQ(stats.added, 0);
  EXPECT_EQ(stats.updated, 2);
  std::map<std::string, model::StoredEntry> by_key;
  for (model::StoredEntry& stored : store.latest(Query())) {
    by_key.emplace(stored.entry.key, std::move(stored));
  }
  ASSERT_EQ(by_key.count("urn:x:1"), 1u);
  EXPECT_EQ(by_key.at("urn:x:1").entry.rights_html, "CC BY");
  EXPECT_EQ(by_key.at("urn:x:1").entry.categories.at(0).label, "News");
  EXPECT_EQ(by_key.at("urn:x:1").entry.source.planet.at(0).second, "Alice");
  EXPECT_EQ(by_key.at("urn:x:1").first_seen, at(100));
  ASSERT_EQ(by_key.count("https://a.example/3.mp3"), 1u);
  EXPECT_EQ(by_key.at("https://a.example/3.mp3").first_seen, at(300));
  EXPECT_EQ(by_key.count("https://a.example/3"), 0u);
}

}  // namespace
}  // namespace orrery::store
