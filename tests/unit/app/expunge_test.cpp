#include "app/expunge.h"

#include <gtest/gtest.h>

#include "app/run_lock.h"
#include "model/limits.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace orrery::app {
namespace {

const util::TimePoint k_now = *util::parse_rfc3339("2024-01-31T00:00:00Z");

class ExpungeConfig : public ::testing::Test {
 protected:
  config::Config load(const std::string& planet_keys, const std::string& feed_keys = "") {
    m_dir.write("planet.ini", "[Planet]\nname = P\ncache_directory = cache\n" + planet_keys +
                                  "\n[http://a.example/feed]\n" + feed_keys +
                                  "\n[http://b.example/feed]\n");
    auto config = config::load(m_dir / "planet.ini");
    EXPECT_TRUE(config) << config.error().message;
    return config ? std::move(*config) : config::Config{};
  }

  test::TempDir m_dir;
};

TEST_F(ExpungeConfig, VenusKeepsTenEntriesPerFeedByDefault) {
  auto policy = expunge_policy(load(""), k_now);
  ASSERT_TRUE(policy);
  EXPECT_EQ(policy->keep_entries, 10U);
  EXPECT_FALSE(policy->older_than);
  EXPECT_TRUE(policy->keep_entries_by_feed.empty());
}

TEST_F(ExpungeConfig, TheConfigsFeedsStaySubscribed) {
  auto policy = expunge_policy(load(""), k_now);
  ASSERT_TRUE(policy && policy->subscribed);
  EXPECT_EQ(*policy->subscribed,
            (std::vector<std::string>{"http://a.example/feed", "http://b.example/feed"}));
}

TEST_F(ExpungeConfig, AFeedSectionOverridesCacheKeepEntries) {
  auto policy = expunge_policy(load("cache_keep_entries = 3", "cache_keep_entries = 0"), k_now);
  ASSERT_TRUE(policy);
  EXPECT_EQ(policy->keep_entries, 3U);
  EXPECT_EQ(policy->keep_entries_by_feed.at("http://a.example/feed"), 0U);
  EXPECT_EQ(policy->keep_entries_by_feed.count("http://b.example/feed"), 0U);
}

TEST_F(ExpungeConfig, CacheKeepDaysIsAnAgeLimitBeforeNow) {
  auto policy = expunge_policy(load("cache_keep_days = 30"), k_now);
  ASSERT_TRUE(policy && policy->older_than);
  EXPECT_EQ(util::format_rfc3339(*policy->older_than), "2024-01-01T00:00:00Z");
}

model::FeedUpdate update_with(const std::string& url, int entries) {
  model::FeedUpdate update;
  update.state.url = url;
  update.now = k_now;
  update.feed.emplace();
  for (int i = 0; i < entries; ++i) {
    model::Entry entry;
    entry.key = "id:" + url + "/" + std::to_string(i);
    entry.id = url + "/" + std::to_string(i);
    entry.title_plain = "post " + std::to_string(i);
    entry.updated = k_now - std::chrono::hours(24 * i);
    update.feed->entries.push_back(entry);
  }
  return update;
}

TEST_F(ExpungeConfig, RunExpungeRemovesFeedsNoLongerInTheConfigAndOldEntries) {
  config::Config config = load("cache_keep_entries = 2");
  std::filesystem::create_directories(m_dir / "cache");
  {
    store::Store store(m_dir / "cache" / "orrery.db");
    store.apply(update_with("http://a.example/feed", 5));
    store.apply(update_with("http://gone.example/feed", 3));
  }
  auto stats = run_expunge(config, k_now);
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->feeds_removed, 1);
  EXPECT_EQ(stats->entries_removed, 3 + 3);
  store::Store store(m_dir / "cache" / "orrery.db");
  EXPECT_EQ(store.latest(store::LatestQuery{}).size(), 2U);
}

TEST_F(ExpungeConfig, AHeldRunLockRefusesTheExpunge) {
  config::Config config = load("");
  std::filesystem::create_directories(m_dir / "cache");
  auto lock = RunLock::try_acquire(m_dir / "cache" / "orrery.lock");
  ASSERT_TRUE(lock && lock->has_value());
  auto stats = run_expunge(config, k_now);
  ASSERT_FALSE(stats);
  EXPECT_EQ(stats.error().kind, CycleError::Kind::locked);
}

}  // namespace
}  // namespace orrery::app
