// expunge() and quick_check().

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

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
using ::testing::HasSubstr;

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

class StoreExpunge : public ::testing::Test {
 protected:
  // a1 (100) a2 (300) a3 (500) from feed a; b1 (200) b2 (400) from feed b.
  void SetUp() override {
    m_store.apply(fetched(k_a, a_entries(), 1000));
    m_store.apply(fetched(k_b, {dated(entry("b2"), 400), dated(entry("b1"), 200)}, 1000));
  }

  static std::vector<model::Entry> a_entries() {
    return {dated(entry("a3"), 500), dated(entry("a2"), 300), dated(entry("a1"), 100)};
  }

  orrery::test::TempDir m_dir;
  Store m_store{m_dir / "planet.db"};
};

TEST_F(StoreExpunge, DefaultPolicyRemovesNothing) {
  const ExpungeStats stats = m_store.expunge({});
  EXPECT_EQ(stats.entries_removed, 0);
  EXPECT_EQ(stats.feeds_removed, 0);
  EXPECT_EQ(m_store.latest(Query()).size(), 5u);
}

TEST_F(StoreExpunge, KeepEntriesKeepsEachFeedsNewest) {
  ExpungePolicy policy;
  policy.keep_entries = 2;
  EXPECT_EQ(m_store.expunge(policy).entries_removed, 1);
  EXPECT_EQ(keys(m_store.latest(Query())), (Keys{"a3", "b2", "a2", "b1"}));
}

TEST_F(StoreExpunge, PerFeedKeepEntriesOverridesThePlanetWideValue) {
  ExpungePolicy policy;
  policy.keep_entries = 1;
  policy.keep_entries_by_feed[k_b] = 0;  // keep all of b
  EXPECT_EQ(m_store.expunge(policy).entries_removed, 2);
  EXPECT_EQ(keys(m_store.latest(Query())), (Keys{"a3", "b2", "b1"}));
}

TEST_F(StoreExpunge, FeedsNoLongerSubscribedAreRemovedWithTheirEntries) {
  ExpungePolicy policy;
  policy.subscribed = std::vector<std::string>{k_a};
  const ExpungeStats stats = m_store.expunge(policy);
  EXPECT_EQ(stats.feeds_removed, 1);
  EXPECT_EQ(stats.entries_removed, 2);
  ASSERT_EQ(m_store.feed_states().size(), 1u);
  EXPECT_EQ(m_store.feed_states()[0].url, k_a);
  EXPECT_EQ(keys(m_store.latest(Query())), (Keys{"a3", "a2", "a1"}));
}

TEST_F(StoreExpunge, AgeLimitRemovesEntriesUpdatedBeforeIt) {
  ExpungePolicy policy;
  policy.older_than = at(300);
  EXPECT_EQ(m_store.expunge(policy).entries_removed, 2);
  EXPECT_EQ(keys(m_store.latest(Query())), (Keys{"a3", "b2", "a2"}));
}

TEST_F(StoreExpunge, ExpungedEntryStillInTheFeedDoesNotComeBack) {
  ExpungePolicy policy;
  policy.keep_entries = 2;
  m_store.expunge(policy);
  const ApplyStats stats = m_store.apply(fetched(k_a, a_entries(), 2000));
  EXPECT_EQ(stats.added, 0);
  EXPECT_EQ(m_store.channels().at(0).entry_count, 2);
}

TEST(StoreQuickCheck, HealthyDatabasePasses) {
  orrery::test::TempDir dir;
  Store store(dir / "planet.db");
  store.apply(fetched(k_a, {entry("one")}, 1000));
  EXPECT_TRUE(store.quick_check().has_value());
}

TEST(StoreQuickCheck, DamagedPagesAreReportedNamingTheDatabase) {
  orrery::test::TempDir dir;
  const auto path = dir / "planet.db";
  {
    Store store(path);
    std::vector<model::Entry> entries;
    for (int i = 0; i < 200; ++i) {
      entries.push_back(entry("entry-" + std::to_string(i), std::string(500, 'x')));
    }
    store.apply(fetched(k_a, entries, 1000));
  }  // the last connection checkpoints the WAL into the file
  const auto size = std::filesystem::file_size(path);
  ASSERT_GT(size, 16 * 4096u);
  {
    // Overwrite pages 4.. with garbage, keeping page 1 (header and schema) intact.
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(3 * 4096);
    const std::string garbage(8 * 4096, '\x5a');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  Store store(path);
  const util::Result<void> result = store.quick_check();
  ASSERT_FALSE(result.has_value());
  EXPECT_THAT(result.error().message, HasSubstr(path.string()));
  EXPECT_THAT(result.error().message, HasSubstr("quick_check"));
}

}  // namespace
}  // namespace orrery::store
