// Opening a database: creation, reopening, migrations, and refusing what is not ours.

#include <SQLiteCpp/Database.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

#include "store/store.h"
#include "store_test_support.h"
#include "support/temp_dir.h"

namespace orrery::store {
namespace {

using test::entry;
using test::fetched;
using ::testing::HasSubstr;

int user_version(const std::filesystem::path& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet("PRAGMA user_version").getInt();
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const StoreError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no StoreError thrown";
  return {};
}

TEST(StoreOpen, CreatesANewDatabaseAtTheCurrentSchemaVersion) {
  orrery::test::TempDir dir;
  Store store(dir / "planet.db");
  EXPECT_TRUE(std::filesystem::exists(dir / "planet.db"));
  EXPECT_GT(user_version(dir / "planet.db"), 0);
}

TEST(StoreOpen, UsesWriteAheadLogging) {
  orrery::test::TempDir dir;
  Store store(dir / "planet.db");
  SQLite::Database db(dir / "planet.db", SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("PRAGMA journal_mode").getString(), "wal");
}

TEST(StoreOpen, MissingDirectoryIsAStoreErrorNamingIt) {
  orrery::test::TempDir dir;
  const auto path = dir / "missing" / "planet.db";
  const std::string message = error_of([&] { Store store(path); });
  EXPECT_THAT(message, HasSubstr(path.string()));
  EXPECT_THAT(message, HasSubstr("does not exist"));
  EXPECT_FALSE(std::filesystem::exists(dir / "missing"));
}

TEST(StoreOpen, EmptyFileAtVersionZeroIsMigrated) {
  orrery::test::TempDir dir;
  const auto path = dir.write("planet.db", "");
  ASSERT_EQ(user_version(path), 0);
  Store store(path);
  EXPECT_GT(user_version(path), 0);
  EXPECT_TRUE(store.feed_states().empty());
}

TEST(StoreOpen, ReopeningKeepsFeedsAndEntries) {
  orrery::test::TempDir dir;
  {
    Store store(dir / "planet.db");
    store.apply(fetched("https://a.example/feed", {entry("one"), entry("two")}, 1000));
  }
  Store store(dir / "planet.db");
  ASSERT_EQ(store.feed_states().size(), 1u);
  EXPECT_EQ(store.feed_states()[0].url, "https://a.example/feed");
  EXPECT_EQ(store.latest({}).size(), 2u);
}

TEST(StoreOpen, NewerSchemaVersionIsRefusedNamingTheFile) {
  orrery::test::TempDir dir;
  const auto path = dir / "planet.db";
  { Store store(path); }
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = 9999");
  }
  const std::string message = error_of([&] { Store store(path); });
  EXPECT_THAT(message, HasSubstr(path.string()));
  EXPECT_THAT(message, HasSubstr("schema version 9999 is newer"));
  EXPECT_EQ(user_version(path), 9999);
}

TEST(StoreOpen, CorruptFileIsRefusedAndLeftUntouched) {
  orrery::test::TempDir dir;
  std::string garbage;
  for (int i = 0; i < 4096; ++i) {
    garbage.push_back(static_cast<char>((i * 131 + 7) % 251));
  }
  const auto path = dir.write("planet.db", garbage);
  const std::string message = error_of([&] { Store store(path); });
  EXPECT_THAT(message, HasSubstr(path.string()));
  EXPECT_THAT(message, HasSubstr("not a database"));
  EXPECT_EQ(orrery::test::slurp(path), garbage);
}

TEST(StoreOpen, OpeningWhileAnotherWriterHoldsTheLockFailsWithStoreError) {
  orrery::test::TempDir dir;
  const auto path = dir / "planet.db";
  SQLite::Database other(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  other.exec("BEGIN IMMEDIATE");
  const std::string message =
      error_of([&] { Store store(path, StoreOptions{std::chrono::milliseconds(20)}); });
  EXPECT_THAT(message, HasSubstr(path.string()));
  EXPECT_THAT(message, HasSubstr("open"));
  EXPECT_THAT(message, HasSubstr("locked"));
  other.exec("ROLLBACK");
}

TEST(StoreOpen, MarksTheFileAsAnOrreryDatabase) {
  orrery::test::TempDir dir;
  { Store store(dir / "planet.db"); }
  SQLite::Database db(dir / "planet.db", SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("PRAGMA application_id").getInt(), 0x4f525259);
}

TEST(StoreOpen, AnotherProgramsDatabaseIsRefusedAndLeftUntouched) {
  orrery::test::TempDir dir;
  const auto path = dir / "other.db";
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE notes (body TEXT)");
  }
  const std::string before = orrery::test::slurp(path);
  const std::string message = error_of([&] { Store store(path); });
  EXPECT_THAT(message, HasSubstr(path.string()));
  EXPECT_THAT(message, HasSubstr("not an orrery database"));
  EXPECT_EQ(orrery::test::slurp(path), before);
}

TEST(StoreOpen, ADatabaseWithAForeignApplicationIdIsRefused) {
  orrery::test::TempDir dir;
  const auto path = dir / "other.db";
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA application_id = 1234");
  }
  EXPECT_THAT(error_of([&] { Store store(path); }), HasSubstr("application_id 0x4d2"));
}

TEST(StoreOpen, LockedDatabaseFailsWithStoreErrorAfterTheBusyTimeout) {
  orrery::test::TempDir dir;
  const auto path = dir / "planet.db";
  Store store(path, StoreOptions{std::chrono::milliseconds(20)});
  SQLite::Database other(path, SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");
  const std::string message =
      error_of([&] { store.apply(fetched("https://a.example/feed", {entry("one")}, 1000)); });
  EXPECT_THAT(message, HasSubstr(path.string()));
  EXPECT_THAT(message, HasSubstr("feed https://a.example/feed"));
  EXPECT_THAT(message, HasSubstr("locked"));
  other.exec("ROLLBACK");
  // The failure left the store usable: the same update succeeds once the lock is gone.
  EXPECT_EQ(store.apply(fetched("https://a.example/feed", {entry("one")}, 1000)).added, 1);
}

StoreOptions read_only() {
  StoreOptions options;
  options.access = StoreAccess::read_only;
  return options;
}

TEST(StoreOpenReadOnly, ReadsWhatAWriterStoredWhileItIsOpen) {
  orrery::test::TempDir dir;
  Store writer(dir / "planet.db");
  writer.apply(fetched("https://a.example/feed", {entry("one"), entry("two")}, 1000));
  Store reader(dir / "planet.db", read_only());
  ASSERT_EQ(reader.channels().size(), 1u);
  EXPECT_EQ(reader.channels()[0].entry_count, 2);
  writer.apply(fetched("https://b.example/feed", {entry("three")}, 2000));
  EXPECT_EQ(reader.channels().size(), 2u);
}

TEST(StoreOpenReadOnly, DoesNotBlockAWriterInABatch) {
  orrery::test::TempDir dir;
  Store writer(dir / "planet.db");
  writer.apply(fetched("https://a.example/feed", {entry("one")}, 1000));
  writer.begin_batch();
  writer.apply(fetched("https://b.example/feed", {entry("two")}, 2000));
  Store reader(dir / "planet.db", read_only());
  EXPECT_EQ(reader.channels().size(), 1u);  // the batch is not committed yet
  writer.commit_batch();
  EXPECT_EQ(reader.channels().size(), 2u);
}

TEST(StoreOpenReadOnly, WritesNothing) {
  orrery::test::TempDir dir;
  { Store store(dir / "planet.db"); }
  Store reader(dir / "planet.db", read_only());
  EXPECT_THAT(error_of([&] { reader.ensure_feed("https://a.example/feed"); }),
              HasSubstr("readonly"));
}

TEST(StoreOpenReadOnly, MissingFileIsAnErrorAndIsNotCreated) {
  orrery::test::TempDir dir;
  const std::string message = error_of([&] { Store store(dir / "planet.db", read_only()); });
  EXPECT_THAT(message, HasSubstr("no database yet"));
  EXPECT_FALSE(std::filesystem::exists(dir / "planet.db"));
}

TEST(StoreOpenReadOnly, OlderSchemaIsNotMigrated) {
  orrery::test::TempDir dir;
  const auto path = dir / "planet.db";
  { Store store(path); }
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = 6");
  }
  const std::string message = error_of([&] { Store store(path, read_only()); });
  EXPECT_THAT(message, HasSubstr("schema version 6 is older than this build's"));
  EXPECT_EQ(user_version(path), 6);
}

TEST(StoreOpenReadOnly, NewerSchemaIsRefused) {
  orrery::test::TempDir dir;
  const auto path = dir / "planet.db";
  { Store store(path); }
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = 9999");
  }
  const std::string message = error_of([&] { Store store(path, read_only()); });
  EXPECT_THAT(message, HasSubstr("schema version 9999 was written by a newer orrery"));
}

}  // namespace
}  // namespace orrery::store
