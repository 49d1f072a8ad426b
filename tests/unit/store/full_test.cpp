// A full disk (simulated with StoreOptions::max_database_bytes): the failing write rolls back,
// everything committed before stays.

#include <SQLiteCpp/Database.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

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
constexpr std::uint64_t k_quota = 128 * 1024;

// A document far larger than k_quota.
std::vector<model::Entry> huge_document() {
  std::vector<model::Entry> entries;
  for (int i = 0; i < 64; ++i) {
    entries.push_back(entry("big-" + std::to_string(i), std::string(8 * 1024, 'x')));
  }
  return entries;
}

StoreOptions with_quota() {
  StoreOptions options;
  options.max_database_bytes = k_quota;
  return options;
}

TEST(StoreFull, FailingWriteIsAStoreErrorNamingTheFeedAndTheCause) {
  orrery::test::TempDir dir;
  Store store(dir / "planet.db", with_quota());
  try {
    store.apply(fetched(k_b, huge_document(), 2000));
    FAIL() << "no StoreError thrown";
  } catch (const StoreError& e) {
    EXPECT_THAT(e.what(), HasSubstr((dir / "planet.db").string()));
    EXPECT_THAT(e.what(), HasSubstr(k_b));
    EXPECT_THAT(e.what(), HasSubstr("full"));
  }
}

TEST(StoreFull, CommittedEntriesSurviveAFailedWrite) {
  orrery::test::TempDir dir;
  {
    Store store(dir / "planet.db", with_quota());
    store.apply(fetched(k_a, {entry("kept")}, 1000));
    EXPECT_THROW(store.apply(fetched(k_b, huge_document(), 2000)), StoreError);
    EXPECT_EQ(store.latest(Query()).size(), 1u);
    // Small writes still fit after the failed one was rolled back.
    EXPECT_EQ(store.apply(fetched(k_a, {entry("kept"), entry("small")}, 3000)).added, 1);
  }
  Store reopened(dir / "planet.db");
  EXPECT_TRUE(reopened.quick_check().has_value());
  EXPECT_EQ(reopened.latest(Query()).size(), 2u);
  EXPECT_EQ(reopened.feed_states().size(), 1u);  // nothing of feed b
}

// SQLite may abandon the whole transaction on SQLITE_FULL (3.40 does). Then the error says the
// batch's earlier feeds were lost, the batch goes on, and what was committed before it stays.
TEST(StoreFull, FailedWriteInABatchSaysWhatItLostAndKeepsCommittedEntries) {
  orrery::test::TempDir dir;
  Store store(dir / "planet.db", with_quota());
  store.apply(fetched(k_a, {entry("committed")}, 1000));
  std::string message;
  {
    StoreBatch batch(store);
    store.apply(fetched(k_a, {entry("committed"), entry("batched")}, 2000));
    try {
      store.apply(fetched(k_b, huge_document(), 2000));
      ADD_FAILURE() << "no StoreError thrown";
    } catch (const StoreError& e) {
      message = e.what();
    }
    store.apply(fetched("https://c.example/feed", {entry("after")}, 2000));
    batch.commit();
  }
  const bool batch_lost = message.find("rolled back the open batch") != std::string::npos;
  std::vector<std::string> keys;
  for (const model::StoredEntry& e : store.latest(Query())) {
    keys.push_back(e.entry.key);
  }
  if (batch_lost) {
    EXPECT_THAT(message, HasSubstr("the 1 feed(s) applied before it"));
    EXPECT_EQ(keys, (std::vector<std::string>{"after", "committed"}));
  } else {
    EXPECT_EQ(keys, (std::vector<std::string>{"after", "batched", "committed"}));
  }
  EXPECT_TRUE(store.quick_check().has_value());
}

}  // namespace
}  // namespace orrery::store
