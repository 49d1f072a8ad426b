#pragma once
// store: the planet's memory, in SQLite (the only code that includes SQLiteCpp). Schema versioned
// by PRAGMA user_version with ordered migrations; WAL; one transaction per feed update.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/feed_state.h"
#include "model/stored.h"
#include "util/time.h"

namespace orrery::store {

// Thrown for a broken environment: unreadable, corrupt or newer-than-supported database, disk
// full. The message names the database file.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ApplyStats {
  int added = 0;
  int updated = 0;
  int unchanged = 0;
};

struct LatestQuery {
  std::size_t limit = 60;                 // items_per_page
  std::optional<util::TimePoint> since;   // days_per_page cut-off
  std::size_t per_feed_cap = 0;           // new_feed_items; 0: no cap
  std::vector<std::string> feed_urls;     // only these subscriptions; empty: all
};

class Store {
 public:
  // Opens (creating if needed) the database and migrates it to the current schema.
  explicit Store(const std::filesystem::path& db_path);
  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;

  // The state of the subscription at `url`, creating its row (with a fresh id) when new.
  model::FeedState ensure_feed(const std::string& url);

  // Every stored feed's state, ordered by id.
  std::vector<model::FeedState> feed_states();

  // Records one feed's cycle in one transaction: its state always; with a feed, its channel
  // metadata and entries (new ones added, changed ones updated in place keeping first-seen and
  // place, others untouched). Never deletes an entry. Throws StoreError after rolling back.
  ApplyStats apply(const model::FeedUpdate& update);

  // Newest entries across feeds by updated date (newest first), as LatestQuery bounds them.
  std::vector<model::StoredEntry> latest(const LatestQuery& query);

  // Every feed's state, stored channel metadata and entry count, ordered by id.
  std::vector<model::ChannelStatus> channels();

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace orrery::store
