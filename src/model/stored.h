#pragma once
// What the store hands the renderer.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "model/feed.h"
#include "model/feed_state.h"
#include "util/time.h"

namespace orrery::model {

struct StoredEntry {
  std::int64_t feed_id = 0;
  std::string feed_url;  // the subscription URL as in the config
  Entry entry;           // entry.updated is always set here
  util::TimePoint first_seen{};
};

struct ChannelStatus {
  FeedState state;
  Channel channel;  // the channel metadata last stored ("" fields if never fetched)
  std::int64_t entry_count = 0;
  std::optional<util::TimePoint> newest_entry;  // the newest stored entry's updated; none: no entry
  // Venus's duplicate subscription: the config URL of an earlier subscription (config order) of
  // the same feed (the same feed id, or the same address after redirects); "" otherwise. Not
  // stored: document::mark_duplicate_subscriptions() sets it from the config.
  std::string duplicate_of;
};

// Venus's planet:message for an inactive feed (spider.py, activity_threshold): "no activity in N
// days" when the feed was fetched and its newest entry is older than `days` days
// before `now` (or it has no entry); "" otherwise, and always when `days` <= 0. A failing feed's
// own message wins over this one: callers ask only when the feed is not failing.
inline std::string inactivity_message(const ChannelStatus& status, int days, util::TimePoint now) {
  if (days <= 0 || (!status.state.last_fetched && !status.state.last_success)) {
    return {};
  }
  util::TimePoint horizon = now - std::chrono::days(days);
  if (status.newest_entry && *status.newest_entry >= horizon) {
    return {};
  }
  return "no activity in " + std::to_string(days) + " days";
}

// Venus's planet:message for an HTTP status (planet/spider.py); "" when it sets none.
inline std::string http_status_message(int status) {
  switch (status) {
    case 403:
      return "403: forbidden";
    case 404:
      return "404: not found";
    case 408:
      return "408: request timeout";
    case 410:
      return "410: gone";
    case 500:
      return "internal server error";
    default:
      return status >= 400 ? "http status " + std::to_string(status) : std::string();
  }
}

// A subscription's planet:message, the one line Venus shows about it (planet/spider.py), ""
// when there is none. In order, the first that applies: a failing feed's HTTP words (orrery's
// one line for a failure without an HTTP status, where Venus says "internal server error"),
// "duplicate subscription: <first uri>", "no data" (its last parsed copy listed no entry),
// "no activity in N days" (activity_threshold).
inline std::string planet_message(const ChannelStatus& status, int activity_threshold,
                                  util::TimePoint now) {
  const FeedState& state = status.state;
  if (state.consecutive_failures > 0 || state.last_status >= 400) {
    std::string words = http_status_message(state.last_status);
    return !words.empty() ? words : state.last_error;
  }
  if (!status.duplicate_of.empty()) {
    return "duplicate subscription: " + status.duplicate_of;
  }
  if (state.no_data) {
    return "no data";
  }
  return inactivity_message(status, activity_threshold, now);
}

}  // namespace orrery::model
