#include "schedule/schedule.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "model/limits.h"

namespace orrery::schedule {
namespace {

using namespace std::chrono_literals;
using std::chrono::seconds;

util::TimePoint at(int hour) { return *util::from_civil(2026, 12, 1, hour, 0, 0); }

model::FeedState state(std::int64_t id, std::string url) {
  model::FeedState s;
  s.id = id;
  s.url = std::move(url);
  return s;
}

model::FetchResult ok(int status = 200) {
  model::FetchResult r;
  r.url = "http://a/feed";
  r.status = status;
  r.not_modified = status == 304;
  return r;
}

model::FetchResult failure(int status, std::string error) {
  model::FetchResult r;
  r.url = "http://a/feed";
  r.status = status;
  r.error = std::move(error);
  return r;
}

const Intervals k_bounds{300s, 86400s};

// The interval reschedule() chose, from `now`.
seconds waited(const model::FeedState& s, util::TimePoint now) {
  return std::chrono::duration_cast<seconds>(s.next_due.value() - now);
}

// Within the ±10 % jitter of `expected`.
void expect_about(seconds got, seconds expected) {
  EXPECT_GE(got.count(), expected.count() - expected.count() / 10)
      << "expected ~" << expected.count();
  EXPECT_LE(got.count(), expected.count() + expected.count() / 10)
      << "expected ~" << expected.count();
}

model::Entry dated_entry(util::TimePoint when) {
  model::Entry e;
  e.updated = when;
  return e;
}

// --- plan, plan_all, next_wakeup -------------------------------------------------------------

TEST(Plan, FetchesEveryFeedDueAndCarriesValidators) {
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

TEST(Plan, SkipsFeedsNotYetDue) {
  std::vector<model::FeedState> states{state(1, "http://a/feed"), state(2, "http://b/feed")};
  states[0].next_due = at(11);
  states[1].next_due = at(10);
  auto requests = plan(states, at(10), Policy{});
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].feed_id, 2);
}

TEST(Plan, MovedFeedIsRequestedAtItsNewAddressUnderItsOwnId) {
  std::vector<model::FeedState> states{state(7, "http://a/feed")};
  states[0].moved_to = "http://b/feed";
  auto requests = plan(states, at(10), Policy{});
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].feed_id, 7);
  EXPECT_EQ(requests[0].url, "http://b/feed");
}

TEST(Plan, WithAWindowAlsoTakesFeedsDueWithinItButNotARetryAfter) {
  std::vector<model::FeedState> states{state(1, "http://a/feed"), state(2, "http://b/feed"),
                                       state(3, "http://c/feed"), state(4, "http://d/feed")};
  states[0].next_due = at(10) + 20s;
  states[1].next_due = at(10) + 30s;
  states[2].next_due = at(10) + 31s;
  states[3].next_due = at(10) + 5s;
  states[3].due_reason = "retry-after";  // the server named the second: not a second sooner
  auto requests = plan(states, at(10), Policy{}, 30s);
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].feed_id, 1);
  EXPECT_EQ(requests[1].feed_id, 2);
  // Five seconds on, the Retry-After is due and the window reaches 35 s: all four.
  EXPECT_EQ(plan(states, at(10) + 5s, Policy{}, 30s).size(), 4u);
}

TEST(BatchWindow, IsATenthOfTheMinimumIntervalAndAtLeastASecond) {
  EXPECT_EQ(batch_window(Intervals{300s, 86400s}), 30s);
  EXPECT_EQ(batch_window(Intervals{3600s, 86400s}), 360s);
  EXPECT_EQ(batch_window(Intervals{5s, 86400s}), 1s);
}

// A daemon's hour over 700 feeds polled hourly whose due times are spread over the hour (as
// jitter spreads them): it wakes at next_wakeup() and fetches plan(…, batch_window()).
TEST(BatchWindow, SevenHundredFeedsDueSecondsApartMakeFewBatches) {
  const Intervals intervals{300s, 86400s};
  const seconds window = batch_window(intervals);
  std::vector<model::FeedState> states;
  for (int i = 0; i < 700; ++i) {
    states.push_back(state(i + 1, "http://host" + std::to_string(i) + "/feed"));
    states.back().next_due = at(10) + seconds{i * 3600 / 700};  // ~5 s apart
  }
  std::map<std::int64_t, int> fetched;
  int batches = 0;
  util::TimePoint now = at(10);
  while (auto wake = next_wakeup(states, now)) {
    if (*wake >= at(11)) {
      break;
    }
    now = *wake;
    ++batches;
    for (const model::FetchRequest& r : plan(states, now, Policy{}, window)) {
      model::FeedState& s = states[static_cast<std::size_t>(r.feed_id - 1)];
      EXPECT_LE(*s.next_due - now, window) << "fetched more than the window early";
      s.next_due = now + 3600s;
      ++fetched[r.feed_id];
    }
  }
  EXPECT_EQ(fetched.size(), 700u);  // each feed once in its hour
  for (const auto& [id, count] : fetched) {
    EXPECT_EQ(count, 1) << "feed " << id;
  }
  // One wake-up per window's worth of the hour (3600 / 31 s ≈ 117), not one per feed (700).
  EXPECT_LE(batches, 3600 / (window.count() + 1) + 1);
}

TEST(PlanAll, FetchesEveryFeedWhateverItsDueTime) {
  std::vector<model::FeedState> states{state(1, "http://a/feed"), state(2, "http://b/feed")};
  states[0].next_due = at(20);
  states[1].next_due = at(30);
  EXPECT_EQ(plan_all(states, Policy{}).size(), 2u);
}

TEST(NextWakeup, IsTheEarliestDueTimeAndNowForNeverPolledOrOverdueFeeds) {
  std::vector<model::FeedState> states{state(1, "http://a/feed"), state(2, "http://b/feed")};
  states[0].next_due = at(14);
  states[1].next_due = at(12);
  EXPECT_EQ(next_wakeup(states, at(10)), at(12));
  states[1].next_due = at(9);
  EXPECT_EQ(next_wakeup(states, at(10)), at(10));
  states[1].next_due.reset();
  EXPECT_EQ(next_wakeup(states, at(10)), at(10));
  EXPECT_EQ(next_wakeup({}, at(10)), std::nullopt);
}

// --- after_fetch -------------------------------------------------------------------------------

TEST(AfterFetch, SuccessStoresValidatorsAndResetsFailures) {
  auto s = state(1, "http://a/feed");
  s.consecutive_failures = 3;
  s.failing_since = at(2);
  s.last_error = "HTTP 500 Internal Server Error";
  model::FetchResult r = ok();
  r.validators = {"\"v2\"", "Tue, 01 Dec 2026 09:00:00 GMT"};
  auto next = after_fetch(s, r, at(10));
  EXPECT_EQ(next.consecutive_failures, 0);
  EXPECT_FALSE(next.failing_since);
  EXPECT_EQ(next.last_error, "");
  EXPECT_EQ(next.validators.etag, "\"v2\"");
  EXPECT_EQ(next.last_success, at(10));
  EXPECT_EQ(next.last_fetched, at(10));
  EXPECT_EQ(next.last_status, 200);
}

TEST(AfterFetch, FailureKeepsValidatorsCountsFailuresAndRemembersWhenItStarted) {
  auto s = state(1, "http://a/feed");
  s.validators = {"\"v1\"", ""};
  auto next = after_fetch(s, failure(503, "HTTP 503 Service Unavailable"), at(10));
  EXPECT_EQ(next.consecutive_failures, 1);
  EXPECT_EQ(next.failing_since, at(10));
  EXPECT_EQ(next.last_error, "HTTP 503 Service Unavailable");
  EXPECT_EQ(next.validators.etag, "\"v1\"");
  EXPECT_FALSE(next.last_success.has_value());
  next = after_fetch(next, failure(0, "timed out after 30 s"), at(11));
  EXPECT_EQ(next.consecutive_failures, 2);
  EXPECT_EQ(next.failing_since, at(10));
  EXPECT_EQ(next.last_status, 0);
}

TEST(AfterFetch, NotModifiedKeepsOldValidatorsUnlessNewOnesAreSent) {
  auto s = state(1, "http://a/feed");
  s.validators = {"\"v1\"", "Mon, 30 Nov 2026 09:00:00 GMT"};
  model::FetchResult r = ok(304);
  r.validators.etag = "\"v2\"";
  auto next = after_fetch(s, r, at(10));
  EXPECT_EQ(next.validators.etag, "\"v2\"");
  EXPECT_EQ(next.validators.last_modified, "Mon, 30 Nov 2026 09:00:00 GMT");
}

TEST(AfterFetch, PermanentMoveIsRecordedAndFollowedNextTime) {
  model::FetchResult r = ok();
  r.final_url = "http://b/feed";
  r.moved_permanently = true;
  auto next = after_fetch(state(1, "http://a/feed"), r, at(10));
  EXPECT_EQ(next.moved_to, "http://b/feed");
  EXPECT_EQ(next.url, "http://a/feed");  // the config URL stays the feed's identity
  std::vector<model::FeedState> states{next};
  EXPECT_EQ(plan(states, at(20), Policy{})[0].url, "http://b/feed");

  // The new address answering itself keeps the move.
  model::FetchResult direct = ok();
  direct.url = "http://b/feed";
  direct.final_url = "http://b/feed";
  next = after_fetch(next, direct, at(20));
  EXPECT_EQ(next.moved_to, "http://b/feed");
}

TEST(AfterFetch, TemporaryRedirectIsNotAMove) {
  model::FetchResult r = ok();
  r.final_url = "http://b/feed";
  r.moved_permanently = false;
  EXPECT_EQ(after_fetch(state(1, "http://a/feed"), r, at(10)).moved_to, "");
}

TEST(AfterFetch, ConfigUrlAnsweringItselfClearsAnOldMove) {
  auto s = state(1, "http://a/feed");
  s.moved_to = "http://b/feed";
  model::FetchResult r = ok();  // requested at the config URL (e.g. --all after a config edit)
  r.final_url = "http://a/feed";
  EXPECT_EQ(after_fetch(s, r, at(10)).moved_to, "");
}

// A feed moved from http://a/feed to http://b/feed, then polled at b with `outcome` until
// `failures` polls in a row have failed.
model::FeedState failing_after_move(int failures, const model::FetchResult& outcome,
                                    const ParseOutcome* parse = nullptr) {
  model::FetchResult moved = ok();
  moved.final_url = "http://b/feed";
  moved.moved_permanently = true;
  auto s = after_poll(state(1, "http://a/feed"), moved, nullptr, at(1), k_bounds);
  for (int i = 0; i < failures; ++i) {
    std::vector<model::FeedState> states{s};
    model::FetchResult r = outcome;
    r.url = plan_all(states, Policy{}).at(0).url;  // where the next request goes
    s = after_poll(s, r, parse, at(2 + i), k_bounds);
  }
  return s;
}

TEST(AfterPoll, AMoveWhoseNewAddressKeepsFailingGoesBackToTheConfigUrl) {
  const model::FetchResult down = failure(0, "Could not resolve host: b");
  auto almost = failing_after_move(k_failures_before_leaving_a_move - 1, down);
  EXPECT_EQ(almost.moved_to, "http://b/feed");  // one failure short: still following the move
  model::FetchResult r = down;
  r.url = "http://b/feed";
  auto left = after_poll(almost, r, nullptr, at(20), k_bounds);
  EXPECT_EQ(left.moved_to, "");
  EXPECT_TRUE(left_move(almost, r, left));
  EXPECT_EQ(left.consecutive_failures, k_failures_before_leaving_a_move);  // the run goes on
  EXPECT_EQ(left.due_reason, "backoff");
  std::vector<model::FeedState> states{left};
  EXPECT_EQ(plan(states, at(23) + 86400s, Policy{})[0].url, "http://a/feed");
  // Once back at the config URL, a later failure there is no second "left the move".
  model::FetchResult at_config = down;
  at_config.url = "http://a/feed";
  EXPECT_FALSE(left_move(left, at_config, after_poll(left, at_config, nullptr, at(23), k_bounds)));
}

TEST(AfterPoll, AParkedPageAtTheNewAddressCountsToo) {
  ParseOutcome junk;
  junk.error = "not a feed: an HTML page";
  auto s = failing_after_move(k_failures_before_leaving_a_move, ok(), &junk);
  EXPECT_EQ(s.moved_to, "");
}

TEST(AfterPoll, AMoveThatWorksAgainBeforeTheLimitIsKept) {
  auto s = failing_after_move(k_failures_before_leaving_a_move - 1, failure(503, "HTTP 503"));
  model::FetchResult back = ok();
  back.url = "http://b/feed";
  auto next = after_poll(s, back, nullptr, at(20), k_bounds);
  EXPECT_EQ(next.moved_to, "http://b/feed");
  EXPECT_EQ(next.consecutive_failures, 0);
  EXPECT_FALSE(left_move(s, back, next));
}

// --- after_poll: parsing ------------------------------------------------------------------------

TEST(AfterPoll, ParseFailureIsAFailureKeepingValidatorsAndTheRunOfFailures) {
  auto s = state(1, "http://a/feed");
  s.validators = {"\"old\"", ""};
  s.last_success = at(1);
  s.consecutive_failures = 2;
  s.failing_since = at(5);
  model::FetchResult r = ok();
  r.validators = {"\"new\"", ""};
  ParseOutcome parse;
  parse.error = "not a feed (HTML page)";
  auto next = after_poll(s, r, &parse, at(10), k_bounds);
  EXPECT_EQ(next.consecutive_failures, 3);
  EXPECT_EQ(next.failing_since, at(5));
  EXPECT_EQ(next.last_success, at(1));
  EXPECT_EQ(next.validators.etag, "\"old\"");
  EXPECT_EQ(next.last_error, "parse: not a feed (HTML page)");
  EXPECT_EQ(next.due_reason, "backoff");
}

TEST(AfterPoll, RecoveredParseIsNotAFailureAndRemembersWhenItFirstHappened) {
  ParseOutcome parse;
  parse.parsed = true;
  parse.recovered = "line 3: mismatched tag";
  auto next = after_poll(state(1, "http://a/feed"), ok(), &parse, at(10), k_bounds);
  EXPECT_EQ(next.consecutive_failures, 0);
  EXPECT_EQ(next.recovered_since, at(10));
  EXPECT_EQ(next.recovered_warning, "line 3: mismatched tag");
  next = after_poll(next, ok(), &parse, at(11), k_bounds);
  EXPECT_EQ(next.recovered_since, at(10));
  parse.recovered.clear();
  next = after_poll(next, ok(), &parse, at(12), k_bounds);
  EXPECT_FALSE(next.recovered_since);
  EXPECT_EQ(next.recovered_warning, "");
}

TEST(AfterPoll, FeedHintsAreKeptAcrossNotModifiedPolls) {
  ParseOutcome parse;
  parse.parsed = true;
  parse.hints.ttl = 7200s;
  auto next = after_poll(state(1, "http://a/feed"), ok(), &parse, at(10), k_bounds);
  EXPECT_EQ(next.ttl, 7200s);
  next = after_poll(next, ok(304), nullptr, at(12), k_bounds);
  EXPECT_EQ(next.ttl, 7200s);
  EXPECT_EQ(next.due_reason, "ttl");
}

// --- reschedule: each rule, then their order ---------------------------------------------------

TEST(Reschedule, RetryAfterIsHonouredExactly) {
  model::FetchResult r = failure(503, "HTTP 503 Service Unavailable");
  r.retry_after = 7200s;
  auto next = after_poll(state(1, "http://a/feed"), r, nullptr, at(10), k_bounds);
  EXPECT_EQ(next.next_due, at(10) + 7200s);
  EXPECT_EQ(next.due_reason, "retry-after");
}

TEST(Reschedule, RetryAfterPastTheMaximumIsHonoured) {
  model::FetchResult r = failure(429, "HTTP 429 Too Many Requests");
  r.retry_after = 30h;
  auto next = after_poll(state(1, "http://a/feed"), r, nullptr, at(10), k_bounds);
  EXPECT_EQ(next.next_due, at(10) + 30h);
}

TEST(Reschedule, RetryAfterIsCappedSoNoServerCanSwitchAFeedOff) {
  model::FetchResult r = failure(429, "HTTP 429 Too Many Requests");
  r.retry_after = seconds{10LL * 365 * 24 * 3600};
  auto next = after_poll(state(1, "http://a/feed"), r, nullptr, at(10), k_bounds);
  EXPECT_EQ(next.next_due, at(10) + model::limits::k_max_retry_after);
  // A larger configured maximum raises the cap with it.
  next = after_poll(state(1, "http://a/feed"), r, nullptr, at(10), Intervals{300s, 5 * 86400s});
  EXPECT_EQ(next.next_due, at(10) + 5 * 86400s);
}

TEST(Reschedule, RetryAfterShorterThanTheMinimumWaitsTheMinimum) {
  model::FetchResult r = failure(503, "HTTP 503 Service Unavailable");
  r.retry_after = 0s;
  auto next = after_poll(state(1, "http://a/feed"), r, nullptr, at(10), k_bounds);
  EXPECT_EQ(next.next_due, at(10) + 300s);
}

TEST(Reschedule, GoneFeedIsPolledRarelyButNeverDropped) {
  auto next = after_poll(state(1, "http://a/feed"), failure(410, "HTTP 410 Gone"), nullptr, at(10),
                         k_bounds);
  EXPECT_EQ(next.next_due, at(10) + 7 * 86400s);
  EXPECT_EQ(next.due_reason, "gone");
  std::vector<model::FeedState> states{next};
  EXPECT_TRUE(plan(states, at(11), Policy{}).empty());
  EXPECT_EQ(plan(states, at(10) + 7 * 86400s, Policy{}).size(), 1u);
}

TEST(Reschedule, FailuresBackOffExponentiallyUpToTheMaximum) {
  auto s = state(1, "http://a/feed");
  const seconds expected[] = {300s, 600s, 1200s, 2400s, 4800s, 9600s, 19200s, 38400s, 76800s};
  util::TimePoint now = at(0);
  for (seconds e : expected) {
    s = after_poll(s, failure(500, "HTTP 500 Internal Server Error"), nullptr, now, k_bounds);
    EXPECT_EQ(s.due_reason, "backoff");
    expect_about(waited(s, now), e);
    now = *s.next_due;
  }
  for (int i = 0; i < 30; ++i) {  // capped, and no overflow however long it fails
    s = after_poll(s, failure(500, "HTTP 500 Internal Server Error"), nullptr, now, k_bounds);
    EXPECT_LE(waited(s, now), 86400s);
    EXPECT_GE(waited(s, now), 86400s - 8640s);
    now = *s.next_due;
  }
  s = after_poll(s, ok(), nullptr, now, k_bounds);  // recovers: back to its normal interval
  EXPECT_EQ(s.due_reason, "default");
}

TEST(Reschedule, MaxAgeSetsTheInterval) {
  model::FetchResult r = ok();
  r.max_age = 1800s;
  auto next = after_poll(state(1, "http://a/feed"), r, nullptr, at(10), k_bounds);
  EXPECT_EQ(next.due_reason, "max-age");
  expect_about(waited(next, at(10)), 1800s);
}

TEST(Reschedule, ExpiresSetsTheIntervalWithoutMaxAge) {
  model::FetchResult r = ok(304);
  r.expires_in = 5400s;
  auto next = after_poll(state(1, "http://a/feed"), r, nullptr, at(10), k_bounds);
  EXPECT_EQ(next.due_reason, "expires");
  expect_about(waited(next, at(10)), 5400s);
}

TEST(Reschedule, TtlThenSyndicationThenRhythmThenDefault) {
  auto s = state(1, "http://a/feed");
  s.rhythm_interval = 20000s;
  auto next = reschedule(s, ok(), at(10), k_bounds);
  EXPECT_EQ(next.due_reason, "rhythm");
  expect_about(waited(next, at(10)), 10000s);  // half the gap between posts
  s.syndication_interval = 43200s;
  next = reschedule(s, ok(), at(10), k_bounds);
  EXPECT_EQ(next.due_reason, "syndication");
  expect_about(waited(next, at(10)), 43200s);
  s.ttl = 3600s;
  next = reschedule(s, ok(), at(10), k_bounds);
  EXPECT_EQ(next.due_reason, "ttl");
  expect_about(waited(next, at(10)), 3600s);
  next = reschedule(state(1, "http://a/feed"), ok(), at(10), k_bounds);
  EXPECT_EQ(next.due_reason, "default");
  expect_about(waited(next, at(10)), model::limits::k_default_poll_interval);
}

TEST(Reschedule, TheRulesApplyInTheirOrder) {
  auto s = state(1, "http://a/feed");
  s.ttl = 3600s;
  s.syndication_interval = 43200s;
  s.rhythm_interval = 20000s;
  model::FetchResult r = ok();
  r.expires_in = 5400s;
  EXPECT_EQ(reschedule(s, r, at(10), k_bounds).due_reason, "expires");
  r.max_age = 1800s;
  EXPECT_EQ(reschedule(s, r, at(10), k_bounds).due_reason, "max-age");
  s.consecutive_failures = 1;
  EXPECT_EQ(reschedule(s, r, at(10), k_bounds).due_reason, "backoff");
  r.status = 410;
  EXPECT_EQ(reschedule(s, r, at(10), k_bounds).due_reason, "gone");
  r.retry_after = 60s;
  EXPECT_EQ(reschedule(s, r, at(10), k_bounds).due_reason, "retry-after");
}

TEST(Reschedule, WhatOrreryWorksOutIsClampedToTheConfiguredBounds) {
  model::FetchResult r = ok();
  r.max_age = 0s;  // "no-cache"-like: poll as often as allowed, not in a loop
  auto next = reschedule(state(1, "http://a/feed"), r, at(10), k_bounds);
  EXPECT_GE(waited(next, at(10)), 300s);
  EXPECT_LE(waited(next, at(10)), 330s);
  r.max_age = 30 * 86400s;
  next = reschedule(state(1, "http://a/feed"), r, at(10), k_bounds);
  EXPECT_LE(waited(next, at(10)), 86400s);
  EXPECT_GE(waited(next, at(10)), 86400s - 8640s);
}

// --- jitter --------------------------------------------------------------------------------------

TEST(Jitter, IsDeterministicAndWithinTenPercent) {
  const seconds a = jitter(3600s, "http://a/feed", 42, k_bounds);
  EXPECT_EQ(a, jitter(3600s, "http://a/feed", 42, k_bounds));
  expect_about(a, 3600s);
}

TEST(Jitter, SpreadsFeedsPolledAtTheSameInterval) {
  std::set<seconds::rep> seen;
  for (int i = 0; i < 50; ++i) {
    seen.insert(jitter(3600s, "http://feed" + std::to_string(i) + "/", 42, k_bounds).count());
  }
  EXPECT_GT(seen.size(), 30u);
}

TEST(Jitter, StaysInsideTheBoundsWithoutPilingUpAtThem) {
  std::set<seconds::rep> at_min;
  for (int i = 0; i < 50; ++i) {
    const seconds j = jitter(300s, "http://feed" + std::to_string(i) + "/", 1, k_bounds);
    EXPECT_GE(j, 300s);
    EXPECT_LE(j, 330s);
    at_min.insert(j.count());
  }
  EXPECT_GT(at_min.size(), 10u);
  for (int i = 0; i < 50; ++i) {
    const seconds j = jitter(86400s, "http://feed" + std::to_string(i) + "/", 1, k_bounds);
    EXPECT_LE(j, 86400s);
    EXPECT_GE(j, 86400s - 8640s);
  }
  EXPECT_EQ(jitter(5s, "http://a/feed", 1, Intervals{5s, 5s}), 5s);
}

// --- what a feed says ----------------------------------------------------------------------------

TEST(PostingRhythm, IsTheMedianGapBetweenRecentPosts) {
  model::Feed feed;
  for (int hour : {0, 2, 4, 6, 7}) {  // gaps 2, 2, 2, 1 hours
    feed.entries.push_back(dated_entry(at(hour)));
  }
  EXPECT_EQ(posting_rhythm(feed, at(8)), 2h);
}

TEST(PostingRhythm, ReadsOnlyTheNewestEntries) {
  model::Feed feed;
  const util::TimePoint newest = at(0) + 1000h;
  for (std::size_t i = 0; i < model::limits::k_rhythm_entries; ++i) {  // hourly lately
    feed.entries.push_back(dated_entry(newest - std::chrono::hours(i)));
  }
  for (int i = 1; i <= 30; ++i) {  // rarely, long ago
    feed.entries.push_back(dated_entry(newest - std::chrono::hours(20 + 100 * i)));
  }
  EXPECT_EQ(posting_rhythm(feed, newest), 1h);
}

TEST(PostingRhythm, AQuietFeedCountsTheTimeSinceItsLastPost) {
  model::Feed feed;
  feed.entries.push_back(dated_entry(at(0)));
  feed.entries.push_back(dated_entry(at(1)));
  EXPECT_EQ(posting_rhythm(feed, at(11)), 10h);
}

TEST(PostingRhythm, NeedsTwoDatedPastEntries) {
  model::Feed feed;
  EXPECT_EQ(posting_rhythm(feed, at(10)), 0s);
  feed.entries.push_back(dated_entry(at(1)));
  feed.entries.push_back(model::Entry{});       // undated
  feed.entries.push_back(dated_entry(at(20)));  // in the future
  EXPECT_EQ(posting_rhythm(feed, at(10)), 0s);
}

TEST(SyndicationInterval, IsThePeriodDividedByTheFrequency) {
  EXPECT_EQ(syndication_interval("hourly", "2"), 1800s);
  EXPECT_EQ(syndication_interval("daily", ""), 86400s);
  EXPECT_EQ(syndication_interval("", "4"), 21600s);
  EXPECT_EQ(syndication_interval(" Weekly ", "1"), 7 * 86400s);
  EXPECT_EQ(syndication_interval("monthly", "1"), 30 * 86400s);
  EXPECT_EQ(syndication_interval("yearly", "1"), 365 * 86400s);
}

TEST(SyndicationInterval, RejectsWhatTheModuleDoesNotDefine) {
  EXPECT_FALSE(syndication_interval("fortnightly", "1"));
  EXPECT_FALSE(syndication_interval("daily", "0"));
  EXPECT_FALSE(syndication_interval("daily", "-2"));
  EXPECT_FALSE(syndication_interval("daily", "often"));
}

TEST(HintsOf, ReadsTtlMinutesAndTheSyndicationModule) {
  model::Feed feed;
  feed.channel.ttl_minutes = 90;
  feed.channel.update_period = "hourly";
  feed.channel.update_frequency = "3";
  const FeedHints hints = hints_of(feed, at(10));
  EXPECT_EQ(hints.ttl, 5400s);
  EXPECT_EQ(hints.syndication_interval, 1200s);
  EXPECT_EQ(hints.rhythm, 0s);
  feed.channel.ttl_minutes = -5;
  feed.channel.update_period = "never";
  EXPECT_EQ(hints_of(feed, at(10)).ttl, 0s);
  EXPECT_EQ(hints_of(feed, at(10)).syndication_interval, 0s);
}

// --- notice: what cron mails ---------------------------------------------------------------------

TEST(Notice, AFailureIsReportedWhenItStartsThenOnceADay) {
  auto healthy = state(1, "http://a/feed");
  auto failing = after_fetch(healthy, failure(500, "HTTP 500"), at(0));
  EXPECT_EQ(notice(healthy, failing, at(0)), Notice::started_failing);
  EXPECT_EQ(failing.last_notified, at(0));
  auto again = after_fetch(failing, failure(500, "HTTP 500"), at(1));
  EXPECT_EQ(notice(failing, again, at(1)), Notice::none);
  EXPECT_EQ(again.last_notified, at(0));
  const util::TimePoint next_day = at(0) + model::limits::k_failure_renotify;
  auto later = after_fetch(again, failure(500, "HTTP 500"), next_day);
  EXPECT_EQ(notice(again, later, next_day), Notice::still_failing);
  EXPECT_EQ(later.last_notified, next_day);
}

TEST(Notice, RecoveryIsReportedOnceAndClearsTheNotifiedTime) {
  auto failing = after_fetch(state(1, "http://a/feed"), failure(500, "HTTP 500"), at(0));
  failing.last_notified = at(0);
  auto recovered = after_fetch(failing, ok(), at(1));
  EXPECT_EQ(notice(failing, recovered, at(1)), Notice::recovered);
  EXPECT_FALSE(recovered.last_notified);
  auto steady = after_fetch(recovered, ok(), at(2));
  EXPECT_EQ(notice(recovered, steady, at(2)), Notice::none);
}

TEST(Notice, ARecoveredParseIsReportedOnlyTheFirstTime) {
  ParseOutcome parse;
  parse.parsed = true;
  parse.recovered = "line 3: mismatched tag";
  auto before = state(1, "http://a/feed");
  auto first = after_poll(before, ok(), &parse, at(1), k_bounds);
  EXPECT_EQ(notice(before, first, at(1)), Notice::first_recovery);
  auto second = after_poll(first, ok(), &parse, at(2), k_bounds);
  EXPECT_EQ(notice(first, second, at(2)), Notice::none);
}

TEST(Notice, AFailureStateMigratedWithoutANotifiedTimeIsReportedOnce) {
  auto before = after_fetch(state(1, "http://a/feed"), failure(500, "HTTP 500"), at(0));
  auto after = after_fetch(before, failure(500, "HTTP 500"), at(1));
  EXPECT_EQ(notice(before, after, at(1)), Notice::started_failing);
}

}  // namespace
}  // namespace orrery::schedule
