// Upgrading databases written by earlier schema versions.

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace orrery::store
