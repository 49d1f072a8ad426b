// Batches: one durable commit for many feed updates, each feed still atomic on its own.

#include <SQLiteCpp/Database.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/store.h"
#include "store_test_support.h"
#include "support/temp_dir.h"

namespace orrery::store {
namespace {

using test::entry;
using test::fetched;
using test::Query;
using ::testing::HasSubstr;

constexpr const char* k_a = "https://a.example/feed";
constexpr const char* k_b = "https://b.example/feed";

class StoreBatchTest : public ::testing::Test {
 protected:
  // Entries another connection sees: only what is committed.
  int committed_entries() {
    SQLite::Database other(m_dir / "planet.db", SQLite::OPEN_READONLY);
    return other.execAndGet("SELECT count(*) FROM entries").getInt();
  }

  orrery::test::TempDir m_dir;
  Store m_store{m_dir / "planet.db"};
};

TEST_F(StoreBatchTest, NothingIsCommittedBeforeTheBatchCommits) {
  StoreBatch batch(m_store);
  m_store.apply(fetched(k_a, {entry("one")}, 1000));
  m_store.apply(fetched(k_b, {entry("two")}, 1000));
  EXPECT_EQ(committed_entries(), 0);
  EXPECT_EQ(m_store.latest(Query()).size(), 2u);  // the batch's own connection sees its writes
  batch.commit();
  EXPECT_EQ(committed_entries(), 2);
}

TEST_F(StoreBatchTest, BatchLeftWithoutCommitStoresNothing) {
  {
    StoreBatch batch(m_store);
    m_store.apply(fetched(k_a, {entry("one")}, 1000));
  }
  EXPECT_EQ(committed_entries(), 0);
  EXPECT_TRUE(m_store.feed_states().empty());
}

TEST_F(StoreBatchTest, FailingFeedRollsBackAloneAndTheBatchGoesOn) {
  m_store.apply(fetched(k_b, {entry("old")}, 500));
  StoreBatch batch(m_store);
  m_store.apply(fetched(k_a, {entry("one")}, 1000));
  model::FeedUpdate bad = fetched(k_b, {entry("two"), entry("")}, 1000);
  bad.state.last_status = 299;
  EXPECT_THROW(m_store.apply(bad), StoreError);
  m_store.apply(fetched("https://c.example/feed", {entry("three")}, 1000));
  batch.commit();
  EXPECT_EQ(committed_entries(), 3);  // old, one, three
  EXPECT_EQ(m_store.feed_states().at(0).last_status, 200);
}

TEST_F(StoreBatchTest, EnsureFeedAndExpungeWorkInsideABatch) {
  StoreBatch batch(m_store);
  m_store.ensure_feed(k_a);
  m_store.apply(fetched(k_b, {entry("one"), entry("two")}, 1000));
  ExpungePolicy policy;
  policy.keep_entries = 1;
  EXPECT_EQ(m_store.expunge(policy).entries_removed, 1);
  batch.commit();
  EXPECT_EQ(committed_entries(), 1);
  EXPECT_EQ(m_store.feed_states().size(), 2u);
}

TEST_F(StoreBatchTest, WritesAfterTheBatchHaveTheirOwnTransactions) {
  {
    StoreBatch batch(m_store);
    m_store.apply(fetched(k_a, {entry("one")}, 1000));
    batch.commit();
  }
  m_store.apply(fetched(k_b, {entry("two")}, 1000));
  EXPECT_EQ(committed_entries(), 2);
}

TEST_F(StoreBatchTest, NestedBatchIsAnInvariantFailure) {
  StoreBatch batch(m_store);
  EXPECT_THROW(m_store.begin_batch(), std::logic_error);
}

TEST(StoreBatchLock, BatchOnALockedDatabaseFailsWithStoreError) {
  orrery::test::TempDir dir;
  Store store(dir / "planet.db", StoreOptions{std::chrono::milliseconds(20)});
  SQLite::Database other(dir / "planet.db", SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");
  try {
    StoreBatch batch(store);
    FAIL() << "no StoreError thrown";
  } catch (const StoreError& e) {
    EXPECT_THAT(e.what(), HasSubstr("begin batch"));
    EXPECT_THAT(e.what(), HasSubstr("locked"));
  }
  other.exec("ROLLBACK");
}

}  // namespace
}  // namespace orrery::store

namespace orrery::store {
namespace {

// A batch's commit leaves its log to checkpoint_in_background(), which copies it into the
// database file while the Store goes on reading; a later batch waits for it.
TEST(StoreCheckpoint, BackgroundCheckpointMovesTheBatchIntoTheDatabaseFile) {
  orrery::test::TempDir dir;
  const auto db_path = dir / "planet.db";
  const auto wal_path = dir / "planet.db-wal";
  Store store(db_path);
  store.begin_batch();
  std::vector<model::Entry> entries;
  for (int i = 0; i < 300; ++i) {
    entries.push_back(test::entry("entry " + std::to_string(i) + std::string(2000, 'x')));
  }
  store.apply(test::fetched("https://a.example/feed", entries, 1000));
  store.commit_batch();
  const auto log_before = std::filesystem::file_size(wal_path);
  EXPECT_GT(log_before, 300u * 2000u);  // the commit did not checkpoint it away
  store.checkpoint_in_background();
  EXPECT_EQ(store.latest(test::Query().limit(10)).size(), 10u);  // reading goes on meanwhile
  store.begin_batch();                                           // waits for the checkpoint
  store.apply(test::fetched("https://b.example/feed", {test::entry("later")}, 2000));
  store.commit_batch();
  SQLite::Database other(db_path, SQLite::OPEN_READONLY);
  EXPECT_EQ(other.execAndGet("SELECT count(*) FROM entries").getInt(), 301);
  // The database file itself holds the first batch now (without the checkpoint it would still
  // hold little more than the schema: neither commit checkpoints).
  EXPECT_GE(std::filesystem::file_size(db_path), 300u * 2000u);
}

}  // namespace
}  // namespace orrery::store
