#include "schedule/schedule.h"

#include <gtest/gtest.h>

namespace orrery::schedule {
namespace {

using namespace std::chrono_literals;

util::TimePoint at(int hour) { return *util::from_civil(2026, 12, 1, hour, 0, 0); }

model::FeedState state(std::int64_t id, std::string url) {
  model::FeedState s;
  s.id = id;
  s.url = std::move(url);
  return s;
}

TEST(Plan, FetchesEveryFeedNotPausedAndCarriesValidators) {
  std::vector<model::FeedState> states{state(1, "http://a/feed"), state(2, "http://b/feed")};
  states[0].validators = {"\"v1\"", "Tue, 01 Dec 2026 08:00:00 GMT"};
  auto requests = plan(states, at(10), Policy{});
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].feed_id, 1);
  EXPECT_EQ(requests[0].url, "http://a/feed");
  EXPECT_EQ(requests[0].validators.etag, "\"v1\"");
  EXPECT_EQ(requests[0].validators.last_modified, "Tue, 01 Dec 2026 08:00:00 GMT");
}

TEST(Plan, ConfigUrlsTrustTheirOwnOriginUnlessPrivateNetworksAreAllowed) {
  std::vector<model::FeedState> states{state(1, "http://10.0.0.1/feed")};
  EXPECT_EQ(plan(states, at(10), Policy{})[0].private_networks,
            model::PrivateNetworks::trust_origin);
  Policy open;
  open.private_networks = model::PrivateNetworks::allow;
  EXPECT_EQ(plan(states, at(10), open)[0].private_networks, model::PrivateNetworks::allow);
}

TEST(Plan, SkipsFeedStillInsideItsRetryAfterPause) {
  std::vector<model::FeedState> states{state(1, "http://a/feed"), state(2, "http://b/feed")};
  states[0].next_due = at(11);
  states[1].next_due = at(10);
  auto requests = plan(states, at(10), Policy{});
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].feed_id, 2);
}

TEST(AfterFetch, SuccessStoresValidatorsAndResetsFailures) {
  auto s = state(1, "http://a/feed");
  s.consecutive_failures = 3;
  s.last_error = "HTTP 500 Internal Server Error";
  model::FetchResult r;
  r.status = 200;
  r.validators = {"\"v2\"", "Tue, 01 Dec 2026 09:00:00 GMT"};
  auto next = after_fetch(s, r, at(10));
  EXPECT_EQ(next.consecutive_failures, 0);
  EXPECT_EQ(next.last_error, "");
  EXPECT_EQ(next.validators.etag, "\"v2\"");
  EXPECT_EQ(next.last_success, at(10));
  EXPECT_EQ(next.last_status, 200);
}

TEST(AfterFetch, FailureKeepsValidatorsAndCountsFailures) {
  auto s = state(1, "http://a/feed");
  s.validators = {"\"v1\"", ""};
  model::FetchResult r;
  r.status = 503;
  r.error = "HTTP 503 Service Unavailable";
  r.retry_after = 120s;
  auto next = after_fetch(s, r, at(10));
  EXPECT_EQ(next.consecutive_failures, 1);
  EXPECT_EQ(next.last_error, "HTTP 503 Service Unavailable");
  EXPECT_EQ(next.validators.etag, "\"v1\"");
  EXPECT_EQ(next.next_due, at(10) + 120s);
  EXPECT_FALSE(next.last_success.has_value());
}

TEST(AfterFetch, NotModifiedKeepsOldValidatorsUnlessNewOnesAreSent) {
  auto s = state(1, "http://a/feed");
  s.validators = {"\"v1\"", "Mon, 30 Nov 2026 09:00:00 GMT"};
  model::FetchResult r;
  r.status = 304;
  r.not_modified = true;
  r.validators.etag = "\"v2\"";
  auto next = after_fetch(s, r, at(10));
  EXPECT_EQ(next.validators.etag, "\"v2\"");
  EXPECT_EQ(next.validators.last_modified, "Mon, 30 Nov 2026 09:00:00 GMT");
}

TEST(AfterFetch, GoneFeedIsPolledAgainOnlyAfterTheGoneInterval) {
  model::FetchResult r;
  r.status = 410;
  r.error = "HTTP 410 Gone";
  auto next = after_fetch(state(1, "http://a/feed"), r, at(10));
  EXPECT_EQ(next.next_due, at(10) + model::limits::k_gone_interval);
  std::vector<model::FeedState> states{next};
  EXPECT_TRUE(plan(states, at(11), Policy{}).empty());
  EXPECT_EQ(plan(states, at(10) + model::limits::k_gone_interval, Policy{}).size(), 1u);
}

TEST(AfterFetch, RetryAfterIsCappedSoNoServerCanSwitchAFeedOff) {
  model::FetchResult r;
  r.status = 429;
  r.error = "HTTP 429 Too Many Requests";
  r.retry_after = std::chrono::seconds{10LL * 365 * 24 * 3600};
  auto next = after_fetch(state(1, "http://a/feed"), r, at(10));
  EXPECT_EQ(next.next_due, at(10) + model::limits::k_max_retry_after);
}

}  // namespace
}  // namespace orrery::schedule
