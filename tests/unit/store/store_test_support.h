#pragma once
// Builders shared by the store tests: entries, updates and instants in a few words.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/feed_state.h"
#include "store/store.h"
#include "util/time.h"

namespace orrery::store::test {

inline util::TimePoint at(std::int64_t unix_seconds) { return util::from_unix(unix_seconds); }

// An entry with identity `key`, a title and content derived from `text`, and no dates.
inline model::Entry entry(const std::string& key, const std::string& text = "text") {
  model::Entry e;
  e.key = key;
  e.id = key;
  e.link = "https://example.org/" + key;
  e.title_html = text;
  e.title_plain = text;
  e.content_html = "<p>" + text + "</p>";
  return e;
}

inline model::Entry dated(model::Entry e, std::int64_t updated) {
  e.updated = at(updated);
  return e;
}

// A successful cycle of `url` at `now` with these entries.
inline model::FeedUpdate fetched(const std::string& url, std::vector<model::Entry> entries,
                                 std::int64_t now) {
  model::FeedUpdate update;
  update.state.url = url;
  update.state.last_fetched = at(now);
  update.state.last_success = at(now);
  update.state.last_status = 200;
  update.feed = model::Feed{};
  update.feed->channel.title_plain = "Channel of " + url;
  update.feed->entries = std::move(entries);
  update.now = at(now);
  return update;
}

// A failed cycle of `url` at `now`: state only, no feed.
inline model::FeedUpdate failed(const std::string& url, std::int64_t now) {
  model::FeedUpdate update;
  update.state.url = url;
  update.state.last_fetched = at(now);
  update.state.consecutive_failures = 1;
  update.state.last_status = 500;
  update.state.last_error = "HTTP 500 Internal Server Error";
  update.now = at(now);
  return update;
}

// A LatestQuery built a clause at a time: `Query().limit(2).since(at(300))`. (Designated
// initializers would trip GCC 12's -Wmissing-field-initializers.)
class Query {
 public:
  Query& limit(std::size_t n) {
    m_query.limit = n;
    return *this;
  }
  Query& since(util::TimePoint t) {
    m_query.since = t;
    return *this;
  }
  Query& per_feed_cap(std::size_t n) {
    m_query.per_feed_cap = n;
    return *this;
  }
  Query& feed_urls(std::vector<std::string> urls) {
    m_query.feed_urls = std::move(urls);
    return *this;
  }
  Query& copies(CrossFeedCopies copies) {
    m_query.copies = copies;
    return *this;
  }
  operator LatestQuery() const { return m_query; }  // NOLINT: implicit by design

 private:
  LatestQuery m_query;
};

}  // namespace orrery::store::test
