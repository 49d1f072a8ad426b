#pragma once
// schedule: pure polling policy. Which feeds are due now, and what a fetch outcome means for a
// feed's state (validators, failure count, next due time). No I/O, no clock: `now` comes in.

#include <span>
#include <vector>

#include "model/feed_state.h"
#include "model/fetch.h"
#include "util/time.h"

namespace orrery::schedule {

struct Policy {
  model::FetchLimits limits;
  // Whether file:// URLs may be fetched: true for URLs written in the config.
  bool allow_file_urls = true;
  // Private-network targets: a config URL's own origin only, unless the operator allows them.
  model::PrivateNetworks private_networks = model::PrivateNetworks::trust_origin;
};

// The feeds to fetch now, in the order given: every feed whose next_due is absent or not after
// `now`. Like Venus run from cron, a feed is fetched on every run unless the server asked for a
// pause (Retry-After) that has not yet passed.
std::vector<model::FetchRequest> plan(std::span<const model::FeedState> states, util::TimePoint now,
                                      const Policy& policy);

// The feed's state after `result`: last_fetched/last_status always; on success (200 or 304)
// the new validators, last_success, failures reset and error cleared; on failure the old
// validators kept, consecutive_failures + 1 and last_error set. next_due honours Retry-After
// (capped at k_max_retry_after); a 410 Gone is due again only after k_gone_interval.
model::FeedState after_fetch(model::FeedState state, const model::FetchResult& result,
                             util::TimePoint now);

}  // namespace orrery::schedule
