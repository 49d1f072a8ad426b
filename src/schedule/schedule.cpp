#include "schedule/schedule.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include "model/limits.h"
#include "util/hash.h"
#include "util/strings.h"

namespace orrery::schedule {

namespace {

using std::chrono::seconds;

// due_reason of a next_due that a server's Retry-After set.
constexpr const char* k_retry_after_reason = "retry-after";

model::FetchRequest request_for(const model::FeedState& state, const Policy& policy) {
  model::FetchRequest request;
  request.feed_id = state.id;
  request.url = state.moved_to.empty() ? state.url : state.moved_to;
  request.validators = state.validators;
  request.limits = policy.limits;
  request.allow_file = policy.allow_file_urls;
  request.private_networks = policy.private_networks;
  return request;
}

void record_failure(model::FeedState& state, std::string error, util::TimePoint now) {
  state.consecutive_failures += 1;
  if (!state.failing_since) {
    state.failing_since = now;
  }
  state.last_error = std::move(error);
}

// intervals.min * 2^(failures - 1), without overflowing, capped at intervals.max.
seconds backoff(int failures, const Intervals& intervals) {
  seconds interval = std::max(intervals.min, seconds{1});
  for (int i = 1; i < failures && interval < intervals.max; ++i) {
    interval *= 2;
  }
  return std::min(interval, intervals.max);
}

struct Choice {
  seconds interval{0};
  const char* reason = "";
};

// Rules 4 to 7 of reschedule(): what the server and the feed say, in order.
Choice healthy_interval(const model::FeedState& state, const model::FetchResult& result) {
  if (result.max_age) {
    return {*result.max_age, "max-age"};
  }
  if (result.expires_in) {
    return {*result.expires_in, "expires"};
  }
  if (state.ttl > seconds{0}) {
    return {state.ttl, "ttl"};
  }
  if (state.syndication_interval > seconds{0}) {
    return {state.syndication_interval, "syndication"};
  }
  if (state.rhythm_interval > seconds{0}) {
    return {state.rhythm_interval / 2, "rhythm"};
  }
  return {model::limits::k_default_poll_interval, "default"};
}

}  // namespace

std::vector<model::FetchRequest> plan(std::span<const model::FeedState> states, util::TimePoint now,
                                      const Policy& policy, seconds early) {
  std::vector<model::FetchRequest> requests;
  requests.reserve(states.size());
  for (const model::FeedState& state : states) {
    const seconds slack = state.due_reason == k_retry_after_reason ? seconds{0} : early;
    if (state.next_due && *state.next_due > now + slack) {
      continue;
    }
    requests.push_back(request_for(state, policy));
  }
  return requests;
}

seconds batch_window(const Intervals& intervals) {
  return std::max(seconds{1}, intervals.min / k_batch_window_divisor);
}

std::vector<model::FetchRequest> plan_all(std::span<const model::FeedState> states,
                                          const Policy& policy) {
  std::vector<model::FetchRequest> requests;
  requests.reserve(states.size());
  for (const model::FeedState& state : states) {
    requests.push_back(request_for(state, policy));
  }
  return requests;
}

std::optional<util::TimePoint> next_wakeup(std::span<const model::FeedState> states,
                                           util::TimePoint now) {
  std::optional<util::TimePoint> earliest;
  for (const model::FeedState& state : states) {
    const util::TimePoint due = state.next_due ? std::max(*state.next_due, now) : now;
    if (!earliest || due < *earliest) {
      earliest = due;
    }
  }
  return earliest;
}

std::chrono::seconds posting_rhythm(const model::Feed& feed, util::TimePoint now) {
  std::vector<util::TimePoint> dates;
  for (const model::Entry& entry : feed.entries) {
    const std::optional<util::TimePoint>& date = entry.updated ? entry.updated : entry.published;
    if (date && *date <= now) {
      dates.push_back(*date);
    }
  }
  if (dates.size() < 2) {
    return seconds{0};
  }
  std::sort(dates.begin(), dates.end(), std::greater<>());
  dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
  if (dates.size() > model::limits::k_rhythm_entries) {
    dates.resize(model::limits::k_rhythm_entries);
  }
  if (dates.size() < 2) {
    return seconds{0};
  }
  std::vector<seconds> gaps;
  for (std::size_t i = 1; i < dates.size(); ++i) {
    gaps.push_back(std::chrono::duration_cast<seconds>(dates[i - 1] - dates[i]));
  }
  std::nth_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(gaps.size() / 2),
                   gaps.end());
  const seconds median = gaps[gaps.size() / 2];
  const seconds quiet = std::chrono::duration_cast<seconds>(now - dates.front());
  return std::max(median, quiet);
}

std::optional<std::chrono::seconds> syndication_interval(std::string_view period,
                                                         std::string_view frequency) {
  period = util::trim(period);
  frequency = util::trim(frequency);
  seconds length{0};
  if (period.empty() || util::iequals(period, "daily")) {
    length = seconds{86400};
  } else if (util::iequals(period, "hourly")) {
    length = seconds{3600};
  } else if (util::iequals(period, "weekly")) {
    length = seconds{7 * 86400};
  } else if (util::iequals(period, "monthly")) {
    length = seconds{30 * 86400};
  } else if (util::iequals(period, "yearly")) {
    length = seconds{365 * 86400};
  } else {
    return std::nullopt;
  }
  std::int64_t times = 1;
  if (!frequency.empty()) {
    const auto [end, ec] =
        std::from_chars(frequency.data(), frequency.data() + frequency.size(), times);
    if (ec != std::errc() || end != frequency.data() + frequency.size() || times < 1) {
      return std::nullopt;
    }
  }
  return std::max(seconds{1}, length / times);
}

FeedHints hints_of(const model::Feed& feed, util::TimePoint now) {
  FeedHints hints;
  const model::Channel& channel = feed.channel;
  constexpr std::int64_t k_max_minutes = std::numeric_limits<std::int64_t>::max() / 60;
  if (channel.ttl_minutes && *channel.ttl_minutes > 0) {
    hints.ttl = seconds{std::min(*channel.ttl_minutes, k_max_minutes) * 60};
  }
  if (!channel.update_period.empty() || !channel.update_frequency.empty()) {
    hints.syndication_interval =
        syndication_interval(channel.update_period, channel.update_frequency).value_or(seconds{0});
  }
  hints.rhythm = posting_rhythm(feed, now);
  return hints;
}

model::FeedState after_fetch(model::FeedState state, const model::FetchResult& result,
                             util::TimePoint now) {
  state.last_fetched = now;
  state.last_status = result.status;
  if (result.moved_permanently && !result.final_url.empty()) {
    // RFC 9110 §15.4.2/§15.4.9: the next requests go to the new address (even when this one
    // failed: the move itself was permanent).
    state.moved_to = result.final_url == state.url ? "" : result.final_url;
  } else if (result.status != 0 && result.url == state.url) {
    state.moved_to.clear();  // the config URL answered itself: nothing to follow any more
  }
  if (!result.ok()) {
    record_failure(state, result.error, now);
    return state;
  }
  state.consecutive_failures = 0;
  state.failing_since.reset();
  state.last_error.clear();
  state.last_success = now;
  if (!result.not_modified) {
    // A 200 without validators clears the old ones: sending stale ones would be wrong.
    state.validators = result.validators;
  } else {
    // RFC 9110 §15.4.5: a 304 may carry updated validators.
    if (!result.validators.etag.empty()) {
      state.validators.etag = result.validators.etag;
    }
    if (!result.validators.last_modified.empty()) {
      state.validators.last_modified = result.validators.last_modified;
    }
  }
  return state;
}

model::FeedState after_parse(model::FeedState state, const ParseOutcome& outcome,
                             util::TimePoint now) {
  if (!outcome.parsed) {
    record_failure(state, "parse: " + outcome.error, now);
    return state;
  }
  state.ttl = outcome.hints.ttl;
  state.syndication_interval = outcome.hints.syndication_interval;
  state.rhythm_interval = outcome.hints.rhythm;
  if (outcome.recovered.empty()) {
    state.recovered_since.reset();
    state.recovered_warning.clear();
  } else {
    if (!state.recovered_since) {
      state.recovered_since = now;
    }
    state.recovered_warning = outcome.recovered;
  }
  return state;
}

model::FeedState reschedule(model::FeedState state, const model::FetchResult& result,
                            util::TimePoint now, const Intervals& intervals) {
  if (result.retry_after) {
    // RFC 9110 §10.2.3, bounded: a hostile or broken server cannot pause a feed for years.
    const seconds cap =
        std::max<seconds>(model::limits::k_max_retry_after, std::max(intervals.max, seconds{0}));
    const seconds pause = std::clamp<seconds>(*result.retry_after, intervals.min, cap);
    state.next_due = now + pause;
    state.due_reason = k_retry_after_reason;
    return state;
  }
  if (result.status == 410) {
    // RFC 9110 §15.5.11: gone for good. Keep the feed and its entries, poll it rarely.
    state.next_due = now + intervals.max * model::limits::k_gone_factor;
    state.due_reason = "gone";
    return state;
  }
  Choice choice;
  if (state.consecutive_failures > 0) {
    choice = {backoff(state.consecutive_failures, intervals), "backoff"};
  } else {
    choice = healthy_interval(state, result);
  }
  const seconds clamped = std::clamp(choice.interval, intervals.min, intervals.max);
  const std::int64_t attempt =
      state.last_fetched ? util::to_unix(*state.last_fetched) : util::to_unix(now);
  state.next_due = now + jitter(clamped, state.url, attempt, intervals);
  state.due_reason = choice.reason;
  return state;
}

model::FeedState after_poll(model::FeedState state, const model::FetchResult& result,
                            const ParseOutcome* parse, util::TimePoint now,
                            const Intervals& intervals) {
  if (parse && !parse->parsed) {
    // The transfer worked but the body is not a feed: a failure of the feed. Keep the old
    // validators (a 304 next time would hide that nothing was ever read), the last real
    // success and the run of failures.
    model::FeedState before = state;
    state = after_fetch(std::move(state), result, now);
    state.validators = before.validators;
    state.last_success = before.last_success;
    state.consecutive_failures = before.consecutive_failures;
    state.failing_since = before.failing_since;
    state = after_parse(std::move(state), *parse, now);
  } else {
    state = after_fetch(std::move(state), result, now);
    if (parse) {
      state = after_parse(std::move(state), *parse, now);
    }
  }
  if (!state.moved_to.empty() && result.url == state.moved_to &&
      state.consecutive_failures >= k_failures_before_leaving_a_move) {
    state.moved_to.clear();  // the new address died: the next request goes to the config URL
  }
  return reschedule(std::move(state), result, now, intervals);
}

bool left_move(const model::FeedState& before, const model::FetchResult& result,
               const model::FeedState& after) {
  return !before.moved_to.empty() && result.url == before.moved_to && after.moved_to.empty();
}

std::chrono::seconds jitter(std::chrono::seconds interval, std::string_view url,
                            std::int64_t attempt, const Intervals& intervals) {
  const std::int64_t spread = interval.count() / 10;
  if (spread <= 0) {
    return std::clamp(interval, intervals.min, std::max(intervals.min, intervals.max));
  }
  const std::string attempt_text = std::to_string(attempt);
  const std::uint64_t hash = util::stable_hash({url, attempt_text});
  const auto width = static_cast<std::uint64_t>(2 * spread + 1);
  const std::int64_t offset = static_cast<std::int64_t>(hash % width) - spread;
  std::int64_t result = interval.count() + offset;
  // Reflect at the bounds, so feeds at the minimum or maximum do not pile up there.
  if (result < intervals.min.count()) {
    result = 2 * intervals.min.count() - result;
  }
  if (result > intervals.max.count()) {
    result = 2 * intervals.max.count() - result;
  }
  return std::clamp(seconds{result}, intervals.min, std::max(intervals.min, intervals.max));
}

Notice notice(const model::FeedState& before, model::FeedState& after, util::TimePoint now) {
  if (after.consecutive_failures > 0) {
    if (before.consecutive_failures == 0 || !after.last_notified) {
      after.last_notified = now;
      return Notice::started_failing;
    }
    if (now - *after.last_notified >= model::limits::k_failure_renotify) {
      after.last_notified = now;
      return Notice::still_failing;
    }
    return Notice::none;
  }
  if (before.consecutive_failures > 0) {
    after.last_notified.reset();
    return Notice::recovered;
  }
  if (after.recovered_since && !before.recovered_since) {
    return Notice::first_recovery;
  }
  return Notice::none;
}

}  // namespace orrery::schedule
