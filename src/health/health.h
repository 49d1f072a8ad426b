#pragma once
// health: each subscription's state as people read it — ok, failing since a date and why, gone,
// moved to a new address, read with recovery, inactive — and the planet's summary. One data type
// for `orrery status` (text and --json), the health page (feeds.html), health.json and the
// theme's subscription list. Pure: the store's ChannelStatus and `now` come in.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "model/stored.h"
#include "util/time.h"

namespace orrery::health {

// Worst first: the order of the health page.
enum class State {
  failing,      // the last attempts failed (consecutive_failures > 0), not with a 410
  gone,         // the server answers 410 Gone
  moved,        // a permanent redirect (301/308) was followed: the config should name the new URL
  recovered,    // read, but only with recovery (ill-formed XML, a wrong encoding, …)
  inactive,     // fetched fine, no new entry in activity_threshold days
  not_fetched,  // never fetched yet
  ok,
};

// The state's stable name: "failing", "gone", "moved", "recovered", "inactive", "not_fetched",
// "ok" (status --json, health.json, the theme's `health` variable, CSS classes).
std::string_view state_name(State state);

struct FeedHealth {
  std::string url;         // the subscription as written in the config (may be a local path)
  std::string public_url;  // `url` when it is http(s), else "": a local path is never published
  std::string name;        // the config's name, else the feed's title, else public_url
  std::string link;        // the feed's web page (http(s) only), "" if none
  State state = State::not_fetched;
  // Why, in plain words (health/words.h), "" when ok: "the server answers 404 Not Found",
  // "moved to https://…", (read with recovery:) "the document is not well-formed XML", "no
  // activity in 30 days", "not fetched yet". sentence() puts the state and date before it.
  std::string words;
  // failing or gone: the first failed attempt in a row; recovered: the first parse that needed
  // recovery in a row
  std::optional<util::TimePoint> since;
  std::string moved_to;  // the address a permanent redirect led to, "" if none
  // orrery's own line for the last failure (FeedState::last_error), for the operator only: it
  // may name local paths and internal errors, so no published output carries it.
  std::string error;
  int last_status = 0;  // HTTP status of the last attempt (0: none)
  int consecutive_failures = 0;
  std::optional<util::TimePoint> last_fetched;  // the last attempt
  std::optional<util::TimePoint> last_success;
  std::optional<util::TimePoint> next_poll;       // none: due now
  std::string next_poll_reason;                   // the schedule's one word ("max-age", "backoff")
  std::optional<util::TimePoint> last_new_entry;  // the last poll that stored a new entry
  std::optional<util::TimePoint> newest_entry;    // the newest stored entry's date
  std::int64_t entries_kept = 0;
};

struct Counts {
  int feeds = 0;
  int ok = 0;
  int failing = 0;
  int gone = 0;
  int moved = 0;
  int recovered = 0;
  int inactive = 0;
  int not_fetched = 0;
};

struct PlanetHealth {
  std::string name;  // the planet's name
  util::TimePoint generated{};
  std::vector<FeedHealth> feeds;  // failing first (State order), then by name, then by URL
  Counts counts;
  std::optional<util::TimePoint> last_fetched;  // the newest attempt of any feed
  std::optional<util::TimePoint> newest_entry;  // the newest entry of any feed
};

// One subscription: `status` is what the store has (nullptr when it has nothing yet),
// `settings` the feed's config section (its name and activity_threshold).
FeedHealth assess_feed(const config::FeedSettings& settings, const model::ChannelStatus* status,
                       util::TimePoint now);

// Every subscription of `config` (feeds the store still has but the config no longer names are
// left out), matched with `channels` by URL.
PlanetHealth assess(const config::Config& config, const std::vector<model::ChannelStatus>& channels,
                    util::TimePoint now);

// "3 May 2026": the date in the health sentences, in `zone` (UTC unless a page passes the
// planet's time_zone).
std::string day_words(util::TimePoint t, const util::TimeZone& zone = util::TimeZone{});

// The feed's health as one phrase for a subscription list: "ok", "failing since 3 May 2026: the
// server answers 404 Not Found", "gone since …: …", "moved to https://…", "read with recovery
// since 2 May 2026: …", "no activity in 30 days", "not fetched yet".
std::string sentence(const FeedHealth& feed);

// "12 feeds: 9 ok, 2 failing, 1 gone, 0 moved" and, when there are any, the other states
// ("1 read with recovery", "1 inactive", "1 not fetched yet").
std::string counts_line(const Counts& counts);

}  // namespace orrery::health
