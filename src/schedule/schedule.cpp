#include "schedule/schedule.h"

#include <algorithm>

#include "model/limits.h"

namespace orrery::schedule {

std::vector<model::FetchRequest> plan(std::span<const model::FeedState> states, util::TimePoint now,
                                      const Policy& policy) {
  std::vector<model::FetchRequest> requests;
  requests.reserve(states.size());
  for (const model::FeedState& state : states) {
    if (state.next_due && *state.next_due > now) {
      continue;
    }
    model::FetchRequest request;
    request.feed_id = state.id;
    request.url = state.url;
    request.validators = state.validators;
    request.limits = policy.limits;
    request.allow_file = policy.allow_file_urls;
    request.private_networks = policy.private_networks;
    requests.push_back(std::move(request));
  }
  return requests;
}

model::FeedState after_fetch(model::FeedState state, const model::FetchResult& result,
                             util::TimePoint now) {
  state.last_fetched = now;
  state.last_status = result.status;
  state.next_due.reset();
  if (result.retry_after) {
    // RFC 9110 §10.2.3, bounded: a hostile or broken server cannot pause a feed for years.
    auto pause =
        std::min<std::chrono::seconds>(*result.retry_after, model::limits::k_max_retry_after);
    state.next_due = now + std::max<std::chrono::seconds>(pause, std::chrono::seconds{0});
  }
  if (result.status == 410) {
    // RFC 9110 §15.5.11: gone for good. Keep the feed and its entries, poll it rarely.
    state.next_due = now + model::limits::k_gone_interval;
  }
  if (!result.ok()) {
    state.consecutive_failures += 1;
    state.last_error = result.error;
    return state;
  }
  state.consecutive_failures = 0;
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

}  // namespace orrery::schedule
