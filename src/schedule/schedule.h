#pragma once
// schedule: pure polling policy. Which feeds are due now, what a poll's outcome means for a
// feed's state (validators, failures, moves, recovery) and when it is due next, and which
// outcomes are news worth reporting. No I/O, no clock: `now` comes in. docs/schedule.md.

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/feed.h"
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

// [Planet] min_poll_interval / max_poll_interval: the bounds of every interval orrery works out
// itself (a server's Retry-After may go past the maximum, up to model::limits::k_max_retry_after).
struct Intervals {
  std::chrono::seconds min{300};
  std::chrono::seconds max{86400};
};

// The feeds to fetch now, in the order given: every feed whose next_due is absent (never
// polled) or not after `now`, and with `early` (the daemon's batch_window()) every feed due
// within that long after `now` too, except one whose due time is a server's Retry-After (that
// one is honoured to the second). A feed that moved (301/308) is requested at its moved_to
// address; the result's feed_id still names the subscription.
std::vector<model::FetchRequest> plan(std::span<const model::FeedState> states, util::TimePoint now,
                                      const Policy& policy,
                                      std::chrono::seconds early = std::chrono::seconds{0});

// The daemon's batch: when it wakes for the first due feed it also fetches the feeds due within
// this long, so feeds that fall due seconds apart share one fetch (one transaction, one render
// check) instead of one wake-up each. intervals.min / k_batch_window_divisor (10: the scale of
// jitter()'s ±10 %, so no feed is polled noticeably sooner than its schedule says), at least
// 1 s: 30 s with the default min_poll_interval of 300 s.
inline constexpr int k_batch_window_divisor = 10;
std::chrono::seconds batch_window(const Intervals& intervals);

// Every feed, due or not (`orrery run --all`): plan() as if every feed were due.
std::vector<model::FetchRequest> plan_all(std::span<const model::FeedState> states,
                                          const Policy& policy);

// When the next feed falls due: the earliest next_due, `now` when a feed has none (never polled)
// or is overdue; nullopt for no feeds. For a daemon's sleep.
std::optional<util::TimePoint> next_wakeup(std::span<const model::FeedState> states,
                                           util::TimePoint now);

// What a feed says about how often it changes, read from a parsed copy.
struct FeedHints {
  std::chrono::seconds ttl{0};                   // RSS <ttl> (minutes in the feed)
  std::chrono::seconds syndication_interval{0};  // sy:updatePeriod / sy:updateFrequency
  std::chrono::seconds rhythm{0};                // posting_rhythm()
};

// The typical gap between the feed's recent posts: the median gap between the dates (updated,
// else published) of its newest entries (at most model::limits::k_rhythm_entries), or the time
// since its newest post when that is longer (a feed gone quiet). 0 with fewer than 2 dated
// entries. Dates after `now` are ignored.
std::chrono::seconds posting_rhythm(const model::Feed& feed, util::TimePoint now);

// The hints of a parsed feed: its channel's ttl and syndication interval, and its rhythm.
FeedHints hints_of(const model::Feed& feed, util::TimePoint now);

// sy:updatePeriod ("hourly", "daily", "weekly", "monthly", "yearly"; default daily) divided by
// sy:updateFrequency (a positive integer; default 1), as the RSS 1.0 syndication module says.
// nullopt for an unknown period or a frequency that is not a positive integer.
std::optional<std::chrono::seconds> syndication_interval(std::string_view period,
                                                         std::string_view frequency);

// What reading the body gave, for a fetched 200 whose body was parsed.
struct ParseOutcome {
  bool parsed = false;    // read as a feed (perhaps with recovery)
  std::string error;      // not parsed: why, one line (a failure of the feed)
  std::string recovered;  // parsed with recovery: the parser's warning ("" when clean)
  FeedHints hints;        // of the parsed feed
};

// The feed's state after the HTTP part of a poll: last_fetched/last_status always; a 301/308
// chain records moved_to (a later answer from the config URL itself clears it); on success
// (200 or 304) the new validators, last_success, failures and failing_since reset, error
// cleared; on failure the old validators kept, consecutive_failures + 1, failing_since set at
// the first failure, last_error set. Does not set next_due: see reschedule() / after_poll().
model::FeedState after_fetch(model::FeedState state, const model::FetchResult& result,
                             util::TimePoint now);

// The feed's state after its body was read: a parse error is a failure (counted as
// after_fetch counts one); a parsed feed stores its hints, and recovered_since /
// recovered_warning (set on the first recovered parse of a streak, cleared by a clean parse).
// Use after_poll(), which also keeps the validators, last success and failure run that
// after_fetch reset for the 200 when the body then fails to parse.
model::FeedState after_parse(model::FeedState state, const ParseOutcome& outcome,
                             util::TimePoint now);

// Sets next_due and due_reason. The first rule that applies, in order:
//  1. Retry-After (on any status): honoured as given, at least intervals.min, at most
//     model::limits::k_max_retry_after ("retry-after");
//  2. 410 Gone: 7 × intervals.max ("gone"): polled rarely, never dropped;
//  3. a failure: exponential backoff, intervals.min × 2^(failures − 1), capped at intervals.max
//     ("backoff");
//  4. Cache-Control max-age ("max-age"), else Expires ("expires"), of this response;
//  5. the feed's <ttl> ("ttl"), else its sy:update* ("syndication");
//  6. half the posting rhythm ("rhythm");
//  7. model::limits::k_default_poll_interval ("default").
// Rules 3 to 7 are clamped to [intervals.min, intervals.max] and then jittered (jitter()).
model::FeedState reschedule(model::FeedState state, const model::FetchResult& result,
                            util::TimePoint now, const Intervals& intervals);

// A feed that moved (301/308) and then failed this many times in a row, the last at its new
// address (HTTP, network or parse failures), is sent back to its config URL: a new address can
// die (a lapsed domain, a parked page) while the old one works again or redirects elsewhere.
// With the backoff from the default min_poll_interval (300 s) that is about 21 hours.
inline constexpr int k_failures_before_leaving_a_move = 8;

// after_fetch, then after_parse when `parse` is given, then reschedule: one poll's outcome.
// A poll at the moved_to address that makes k_failures_before_leaving_a_move failures in a row
// clears moved_to (see left_move); the failures, their backoff and failing_since go on.
model::FeedState after_poll(model::FeedState state, const model::FetchResult& result,
                            const ParseOutcome* parse, util::TimePoint now,
                            const Intervals& intervals);

// True when the poll that turned `before` into `after` (after_poll of `result`) gave up the
// feed's move: requested at before.moved_to and moved_to cleared. For the one warning naming
// both URLs.
bool left_move(const model::FeedState& before, const model::FetchResult& result,
               const model::FeedState& after);

// `interval` moved by up to ±10 % (deterministically, from a hash of `url` and `attempt`) and
// kept inside [intervals.min, intervals.max] by reflecting at the bounds, so feeds polled at
// the same interval drift apart instead of arriving together.
std::chrono::seconds jitter(std::chrono::seconds interval, std::string_view url,
                            std::int64_t attempt, const Intervals& intervals);

// What a poll means for the operator reading cron mail (`orrery run`).
enum class Notice {
  none,             // nothing new: log at debug level
  started_failing,  // the first failure of a run of failures: warning
  still_failing,    // failing, and not reported for k_failure_renotify (~a day): warning
  recovered,        // the first success after failures: info "recovered"
  first_recovery,   // parsed with recovery for the first time in a streak: warning, once
};

// The notice for a feed going from `before` to `after` (after after_poll). Sets
// after.last_notified when the notice is a failure's (started_failing, still_failing), clears it
// on recovery.
Notice notice(const model::FeedState& before, model::FeedState& after, util::TimePoint now);

}  // namespace orrery::schedule
