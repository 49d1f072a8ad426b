#include "store/store.h"

#include <fmt/format.h>

#include <system_error>

#include "store/migrations.h"
#include "store/store_impl.h"
#include "store/write_scope.h"

namespace orrery::store {
namespace {

// The connection's settings. journal_mode=WAL lets the renderer read while a fetch cycle writes
// and persists in the file; synchronous=FULL makes every commit durable across power loss (the
// store promises never to lose an entry it once showed); foreign_keys is per connection.
void configure(SQLite::Database& db, const StoreOptions& options) {
  db.exec("PRAGMA foreign_keys = ON");
  if (options.max_database_bytes > 0) {
    // PRAGMA takes no bound parameters; the page count is a number we computed.
    const auto page = static_cast<std::uint64_t>(db.execAndGet("PRAGMA page_size").getInt64());
    db.exec(
        fmt::format("PRAGMA max_page_count = {}", (options.max_database_bytes + page - 1) / page));
  }
  const std::string mode = db.execAndGet("PRAGMA journal_mode = WAL").getString();
  if (mode != "wal") {
    throw std::invalid_argument(fmt::format(
        "cannot enable WAL journal mode (got \"{}\"): is it a network filesystem?", mode));
  }
  db.exec("PRAGMA synchronous = FULL");
  // Temporary tables (selected feeds, expunge work lists) and sort b-trees stay in memory.
  db.exec("PRAGMA temp_store = MEMORY");
}

// Opening with OPEN_CREATE would fail with SQLite's vague "unable to open database file" when
// the directory is missing; say which directory instead. Creating it is the caller's decision.
void check_directory(const std::filesystem::path& path, std::string_view label) {
  const std::filesystem::path dir = path.parent_path();
  std::error_code error;
  if (!dir.empty() && !std::filesystem::is_directory(dir, error)) {
    throw StoreError(
        fmt::format("store {}: cannot open: directory {} does not exist", label, dir.string()));
  }
}

SQLite::Database open_database(const std::filesystem::path& path, std::string_view label,
                               StoreOptions options) {
  check_directory(path, label);
  const bool read_only = options.access == StoreAccess::read_only;
  std::error_code error;
  if (read_only && !std::filesystem::exists(path, error)) {
    throw StoreError(fmt::format("store {}: no database yet (run `orrery run` first)", label));
  }
  try {
    return SQLite::Database(
        path, read_only ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
        static_cast<int>(options.busy_timeout.count()));
  } catch (const SQLite::Exception& e) {
    throw StoreError(fmt::format("store {}: cannot open: {}", label, e.what()));
  }
}

// A read-only connection cannot migrate: it reads only a database at this build's schema.
void check_version(SQLite::Database& db, std::string_view label) {
  const int version = detail::schema_version(db);
  const int current = detail::current_schema_version();
  if (version < current) {
    throw StoreError(fmt::format(
        "store {}: schema version {} is older than this build's {}: the next `orrery run` or "
        "daemon start migrates it",
        label, version, current));
  }
  if (version > current) {
    throw StoreError(fmt::format(
        "store {}: schema version {} was written by a newer orrery (this build reads {})", label,
        version, current));
  }
}

}  // namespace

Store::Impl::Impl(const std::filesystem::path& path, StoreOptions options)
    : m_label(path.string()),
      m_path(path),
      m_options(options),
      m_db(open_database(path, m_label, options)) {
  guarded("open", [&] {
    detail::check_ownership(m_db, m_label);
    if (options.access == StoreAccess::read_only) {
      check_version(m_db, m_label);
      return;
    }
    configure(m_db, options);
    detail::migrate(m_db, m_label);
  });
}

Store::Impl::~Impl() { join_checkpoint(); }

void Store::Impl::join_checkpoint() {
  if (m_checkpointer.joinable()) {
    m_checkpointer.join();
  }
}

SQLite::Statement& Store::Impl::cached(std::optional<SQLite::Statement>& slot, const char* sql) {
  if (!slot) {
    slot.emplace(m_db, sql);
  } else {
    slot->reset();
  }
  return *slot;
}

void Store::Impl::fail(std::string_view context, std::string_view reason) {
  const std::string lost = recover_batch();
  for (std::optional<SQLite::Statement>* slot :
       {&m_upsert_state, &m_store_channel, &m_find_entry, &m_find_renamed, &m_find_tombstone,
        &m_rename_entry, &m_insert_entry, &m_update_entry, &m_delete_tags, &m_insert_tag,
        &m_delete_enclosures, &m_insert_enclosure, &m_select_tags, &m_select_enclosures}) {
    if (*slot) {
      (*slot)->tryReset();
    }
  }
  throw StoreError(fmt::format("store {}: {}: {}{}", m_label, context, reason, lost));
}

Store::Store(const std::filesystem::path& db_path, StoreOptions options)
    : m_impl(std::make_unique<Impl>(db_path, options)) {}

Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

model::FeedState Store::ensure_feed(const std::string& url) {
  return m_impl->guarded(fmt::format("feed {}: ensure", url),
                         [&] { return m_impl->ensure_feed(url); });
}

std::vector<model::FeedState> Store::feed_states() {
  return m_impl->guarded("feed states", [&] { return m_impl->feed_states(); });
}

ApplyStats Store::apply(const model::FeedUpdate& update, const ApplyOptions& options) {
  return m_impl->guarded(fmt::format("feed {}: apply", update.state.url), [&] {
    detail::WriteScope scope(*m_impl);
    const std::int64_t feed_id = m_impl->upsert_state(update.state);
    ApplyStats stats;
    if (update.feed) {
      m_impl->store_channel(feed_id, update.feed->channel);
      stats = m_impl->store_entries(feed_id, update.feed->entries, update.now, options);
      if (stats.added > 0) {
        m_impl->mark_new_entry(feed_id, update.now);
      }
    }
    scope.commit();
    m_impl->m_batch_feeds += m_impl->m_batch_open ? 1 : 0;
    return stats;
  });
}

std::vector<model::StoredEntry> Store::latest(const LatestQuery& query) {
  return m_impl->guarded("latest", [&] { return m_impl->latest(query); });
}

std::vector<model::EntryStamp> Store::stamps(const LatestQuery& query) {
  return m_impl->guarded("stamps", [&] { return m_impl->stamps(query); });
}

std::vector<model::StoredEntry> Store::entries_by_id(const std::vector<std::int64_t>& ids,
                                                     EntryDetail detail) {
  return m_impl->guarded("entries_by_id", [&] { return m_impl->entries_by_id(ids, detail); });
}

std::vector<std::pair<std::string, std::string>> Store::declared_self_links(
    const std::vector<std::string>& feed_urls) {
  return m_impl->guarded("declared_self_links",
                         [&] { return m_impl->declared_self_links(feed_urls); });
}

std::vector<model::ChannelStatus> Store::channels() {
  return m_impl->guarded("channels", [&] { return m_impl->channels(); });
}

ExpungeStats Store::expunge(const ExpungePolicy& policy) {
  return m_impl->guarded("expunge", [&] { return m_impl->expunge(policy); });
}

util::Result<void> Store::quick_check() {
  try {
    // quick_check(1): stop at the first finding; one line is what the operator sees.
    SQLite::Statement check(m_impl->m_db, "PRAGMA quick_check(1)");
    const std::string finding = check.executeStep() ? check.getColumn(0).getString() : "no answer";
    if (finding != "ok") {
      return util::unexpected(fmt::format("store {}: quick_check: {}", m_impl->m_label, finding));
    }
  } catch (const SQLite::Exception& e) {
    return util::unexpected(fmt::format("store {}: quick_check: {}", m_impl->m_label, e.what()));
  }
  return {};
}

}  // namespace orrery::store
