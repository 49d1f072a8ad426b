#pragma once
// FeedState: what the store remembers about polling one feed; FeedUpdate: what one fetch cycle
// hands the store for one feed.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "model/feed.h"
#include "util/time.h"

namespace orrery::model {

// HTTP cache validators (RFC 9110 §8.8): sent back as If-None-Match / If-Modified-Since.
struct HttpValidators {
  std::string etag;
  std::string last_modified;
  bool empty() const { return etag.empty() && last_modified.empty(); }
};

struct FeedState {
  std::int64_t id = 0;  // the store's row id; 0 for a feed not yet stored
  std::string url;      // the URL as written in the config
  HttpValidators validators;
  std::optional<util::TimePoint> last_fetched;
  std::optional<util::TimePoint> next_due;
  std::optional<util::TimePoint> last_success;
  int consecutive_failures = 0;
  int last_status = 0;       // HTTP status of the last attempt (0: none, or a non-HTTP failure)
  std::string last_error;    // one line, "" after a success
  std::string content_hash;  // hash of the last body parsed, to skip unchanged 200s

  // Schema 7 (issue 12): the schedule's and the health reports' facts.
  // A 301/308 answered the last request to this feed: the next requests go here; the config URL
  // stays the feed's identity. "" when the feed has not moved (cleared if the new address later
  // redirects back or the config changes).
  std::string moved_to;
  // The first failure of the current run of failures (fetch, HTTP or parse); absent while the
  // feed is healthy. consecutive_failures counts the run.
  std::optional<util::TimePoint> failing_since;
  // Written by store::apply only (a FeedUpdate's value is ignored): the last time a poll of
  // this feed stored a new entry. Migrated databases start from the newest entry's first_seen.
  std::optional<util::TimePoint> last_new_entry;
  // The last time `orrery run` reported this feed's failure at warning level (the cron mail):
  // at the start of a failure run and then at most once a day.
  std::optional<util::TimePoint> last_notified;
  // The feed parsed only with recovery (ill-formed XML read anyway, a "bozo" feed): since when
  // (the first such parse of the current streak) and the parser's one-line reason. Absent / ""
  // after a clean parse. Not a failure.
  std::optional<util::TimePoint> recovered_since;
  std::string recovered_warning;
  // What the feed itself says, from its last parsed copy (kept across 304s): RSS <ttl>, the
  // period sy:updatePeriod/updateFrequency give, and the rhythm of its entries' dates (the
  // typical gap between recent posts). 0: none.
  std::chrono::seconds ttl{0};
  std::chrono::seconds syndication_interval{0};
  std::chrono::seconds rhythm_interval{0};
  // Why next_due is what it is, one word: "retry-after", "max-age", "expires", "ttl",
  // "syndication", "rhythm", "default", "backoff", "gone". "" before the first poll.
  std::string due_reason;

  // Schema 8 (issue 11): what Venus keeps per feed in its sources/ file. From the last copy that
  // parsed, kept across 304s and failures (Venus "retains cached information"):
  // feedparser's version ("atom10", "rss20", "rss10", …; "" before the first parse: no
  // planet:format) and whether that copy needed recovery (planet:bozo).
  std::string format;
  bool bozo = false;
  // That copy listed no entry: Venus's planet:message "no data".
  bool no_data = false;
  // planet:http_location: the address the last successful HTTP(S) fetch (200 or 304) read the
  // feed from, after redirects; "" for a local file and before the first success.
  std::string http_location;
};

// One feed's outcome of a cycle. `feed` is absent on 304 Not Modified and on failures: the store
// then updates only the state and keeps every stored entry.
struct FeedUpdate {
  FeedState state;
  std::optional<Feed> feed;
  util::TimePoint now{};
};

}  // namespace orrery::model
