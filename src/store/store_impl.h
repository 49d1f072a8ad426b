#pragma once
// Store::Impl: the SQLite connection, its cached statements and the operations behind Store's
// public functions, one .cpp per concern (store.cpp: opening and error mapping; feeds.cpp:
// subscription state and channel metadata; entries.cpp: apply's entry rules; queries.cpp:
// latest and channels). Included only by src/store/*.cpp: this is where SQLiteCpp enters.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "model/feed.h"
#include "model/feed_state.h"
#include "model/stored.h"
#include "store/store.h"
#include "util/time.h"

namespace orrery::store {

struct Store::Impl {
  // Opens and configures the connection and migrates the schema; throws StoreError.
  Impl(const std::filesystem::path& path, StoreOptions options);
  ~Impl();
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  // Waits for checkpoint_in_background's thread, if one runs.
  void join_checkpoint();

  // `sql` prepared once per connection and kept in `slot`; reset and ready for new bindings.
  SQLite::Statement& cached(std::optional<SQLite::Statement>& slot, const char* sql);

  // Runs `body`, turning the SQLite failures it throws into one-line StoreErrors naming the
  // database and `context` ("feed https://x/: apply"). A transaction inside `body` has been
  // rolled back by its destructor by the time the StoreError leaves.
  template <typename Body>
  auto guarded(std::string_view context, Body&& body) -> decltype(body()) {
    try {
      return body();
    } catch (const SQLite::Exception& e) {
      fail(context, e.what());
    } catch (const std::invalid_argument& e) {
      fail(context, e.what());
    }
  }
  // Resets every cached statement (a failure may leave one mid-step, holding a read snapshot)
  // and throws the StoreError.
  [[noreturn]] void fail(std::string_view context, std::string_view reason);

  // feeds.cpp
  std::int64_t upsert_state(const model::FeedState& state);
  void mark_new_entry(std::int64_t feed_id, util::TimePoint now);  // feeds.last_new_entry
  void store_channel(std::int64_t feed_id, const model::Channel& channel);
  model::FeedState ensure_feed(const std::string& url);
  std::vector<model::FeedState> feed_states();

  // entries.cpp: adds or updates one document's entries (see Store::apply for the rules).
  ApplyStats store_entries(std::int64_t feed_id, const std::vector<model::Entry>& entries,
                           util::TimePoint now, const ApplyOptions& options);

  // queries.cpp
  std::vector<model::StoredEntry> latest(const LatestQuery& query);
  std::vector<model::ChannelStatus> channels();
  // maintenance.cpp
  ExpungeStats expunge(const ExpungePolicy& policy);

  // Appends the stored tags and enclosures of entry row `id` to `entry`.
  void load_children(std::int64_t id, model::Entry& entry);
  void load_parts(std::int64_t id, model::Entry& entry);

  // batch.cpp: re-opens the batch's transaction after SQLite abandoned it (m_batch_lost) and
  // returns what the failing write's message must add, "" when nothing was lost.
  std::string recover_batch();

  std::string m_label;  // the database path as messages show it
  std::filesystem::path m_path;
  StoreOptions m_options;
  SQLite::Database m_db;
  std::thread m_checkpointer;  // checkpoint_in_background's
  bool m_batch_open = false;   // between begin_batch() and commit/rollback_batch()
  bool m_batch_lost = false;   // SQLite rolled the open batch back after a failed write
  int m_batch_feeds = 0;       // feeds applied in the open batch so far

  // Statements run once per entry (or per feed), prepared on first use.
  std::optional<SQLite::Statement> m_upsert_state;
  std::optional<SQLite::Statement> m_store_channel;
  std::optional<SQLite::Statement> m_find_entry;
  std::optional<SQLite::Statement> m_find_renamed;
  std::optional<SQLite::Statement> m_find_tombstone;
  std::optional<SQLite::Statement> m_rename_entry;
  std::optional<SQLite::Statement> m_insert_entry;
  std::optional<SQLite::Statement> m_update_entry;
  std::optional<SQLite::Statement> m_delete_tags;
  std::optional<SQLite::Statement> m_insert_tag;
  std::optional<SQLite::Statement> m_delete_enclosures;
  std::optional<SQLite::Statement> m_insert_enclosure;
  std::optional<SQLite::Statement> m_select_tags;
  std::optional<SQLite::Statement> m_select_enclosures;
  std::optional<SQLite::Statement> m_delete_parts;
  std::optional<SQLite::Statement> m_insert_part;
  std::optional<SQLite::Statement> m_select_parts;
};

namespace detail {

// Binds an optional instant as unix seconds, or NULL.
void bind_time(SQLite::Statement& statement, const char* name,
               const std::optional<util::TimePoint>& t);

// Reads a nullable unix-seconds column.
std::optional<util::TimePoint> column_time(const SQLite::Statement& statement, int index);

// How a text construct is stored: "text", "html" or "xhtml"; anything else reads as html (the
// form of rows stored before the type was).
const char* text_type_name(model::TextType type);
model::TextType text_type_from(const std::string& name);

// The feeds columns read_state() expects, in its order, for SELECT lists.
extern const char* const k_state_columns;
inline constexpr int k_state_column_count = 25;

// A FeedState from k_state_columns starting at column `first`.
model::FeedState read_state(const SQLite::Statement& statement, int first);

}  // namespace detail
}  // namespace orrery::store
