#pragma once
// FeedState: what the store remembers about polling one feed; FeedUpdate: what one fetch cycle
// hands the store for one feed.

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
};

// One feed's outcome of a cycle. `feed` is absent on 304 Not Modified and on failures: the store
// then updates only the state and keeps every stored entry.
struct FeedUpdate {
  FeedState state;
  std::optional<Feed> feed;
  util::TimePoint now{};
};

}  // namespace orrery::model
