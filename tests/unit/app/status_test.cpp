// app/status: the report `orrery status` prints, from a store written beforehand.

#include "app/status.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store.h"
#include "support/temp_dir.h"

namespace orrery::app {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

const util::TimePoint k_now = *util::parse_rfc3339("2026-05-20T12:00:00Z");

class PlanetStatus : public ::testing::Test {
 protected:
  config::Config load() {
    m_dir.write("planet.ini",
                "[Planet]\nname = P\ncache_directory = cache\n"
                "[http://a.example/feed]\nname = Ann\n[http://b.example/feed]\nname = Bob\n");
    auto config = config::load(m_dir / "planet.ini");
    EXPECT_TRUE(config) << config.error().message;
    return config ? std::move(*config) : config::Config{};
  }

  void store_states() {
    std::filesystem::create_directories(m_dir / "cache");
    store::Store store(m_dir / "cache" / "orrery.db");
    model::FeedUpdate ok;
    ok.now = k_now;
    ok.state.url = "http://a.example/feed";
    ok.state.last_fetched = k_now;
    ok.state.last_success = k_now;
    ok.state.last_status = 200;
    store.apply(ok);
    model::FeedUpdate failed;
    failed.now = k_now;
    failed.state.url = "http://b.example/feed";
    failed.state.last_fetched = k_now;
    failed.state.last_status = 503;
    failed.state.consecutive_failures = 4;
    failed.state.failing_since = *util::parse_rfc3339("2026-05-03T08:00:00Z");
    failed.state.last_error = "HTTP 503 Service Unavailable";
    store.apply(failed);
  }

  test::TempDir m_dir;
};

TEST_F(PlanetStatus, TextStartsWithTheSummaryAndListsTheWorstFirst) {
  config::Config config = load();
  store_states();
  auto text = planet_status(config, StatusFormat::text, k_now);
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_THAT(*text, StartsWith("P: 2 feeds: 1 ok, 1 failing, 0 gone, 0 moved; last checked "
                                "2026-05-20 12:00 UTC"));
  EXPECT_THAT(*text, HasSubstr("\nfailing  Bob  http://b.example/feed\n"
                               "  failing since 3 May 2026: the server answers 503 Service "
                               "Unavailable\n"
                               "  last error: HTTP 503 Service Unavailable\n"
                               "  last HTTP status 503; 4 failures in a row; failing since "
                               "2026-05-03 08:00 UTC\n"));
  EXPECT_LT(text->find("failing  Bob"), text->find("ok  Ann"));
}

TEST_F(PlanetStatus, JsonIsTheOperatorsObject) {
  config::Config config = load();
  store_states();
  auto json = planet_status(config, StatusFormat::json, k_now);
  ASSERT_TRUE(json) << json.error().message;
  EXPECT_THAT(*json, HasSubstr("\"failing\": 1"));
  EXPECT_THAT(*json, HasSubstr("\"error\": \"HTTP 503 Service Unavailable\""));
}

TEST_F(PlanetStatus, NoDatabaseIsAnErrorAndCreatesNothing) {
  config::Config config = load();
  auto text = planet_status(config, StatusFormat::text, k_now);
  ASSERT_FALSE(text);
  EXPECT_THAT(text.error().message, HasSubstr("orrery.db"));
  EXPECT_FALSE(std::filesystem::exists(m_dir / "cache" / "orrery.db"));
}

}  // namespace
}  // namespace orrery::app
