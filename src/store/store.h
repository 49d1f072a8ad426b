#pragma once
// store: the planet's memory, in SQLite (the only code that includes SQLiteCpp). Schema versioned
// by PRAGMA user_version with ordered migrations; WAL; one transaction per feed update.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/feed_state.h"
#include "model/stored.h"
#include "util/result.h"
#include "util/time.h"

namespace orrery::store {

// Thrown for a broken environment: unreadable, corrupt or newer-than-supported database, disk
// full, a lock held longer than the busy timeout. The message is one line naming the database
// file (and the feed, for apply()).
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ApplyStats {
  int added = 0;
  int updated = 0;
  int unchanged = 0;  // identical, or an older copy than the stored one (never replaces it)
};

// How latest() treats the same post stored through several feeds — the same IRI id, or the same
// permalink with the same title or the same summary and content (distinct posts that share a
// link, as in feeds pointing every item at their home page, are never merged): shown once, from
// the feed that had it first (its origin; ties by insertion), or once per feed (Venus's
// behaviour; `merge_duplicates = false`). Only feeds the query selects count as an origin.
enum class CrossFeedCopies { once, every_copy };

// Venus's future_dates: what to do with an entry dated after the cycle's `now` (clock skew, a
// scheduled post published early, a time-zone bug). keep: store the date as given (it sorts
// first until then); ignore_date: treat it as undated (it takes its first-seen date);
// ignore_entry: leave it out until its date has come.
enum class FutureDates { keep, ignore_date, ignore_entry };

// Per-feed settings apply() honours.
struct ApplyOptions {
  FutureDates future_dates = FutureDates::keep;
};

struct LatestQuery {
  std::size_t limit = 60;                // items_per_page
  std::optional<util::TimePoint> since;  // days_per_page cut-off
  std::size_t per_feed_cap = 0;          // new_feed_items; 0: no cap
  std::vector<std::string> feed_urls;    // only these subscriptions; empty: all
  CrossFeedCopies copies = CrossFeedCopies::once;
};

// What expunge() removes (Venus's `planet -x`).
struct ExpungePolicy {
  // The subscriptions still in the config: every other feed loses its row and its entries.
  // nullopt removes no feed (an empty list removes them all).
  std::optional<std::vector<std::string>> subscribed;
  // cache_keep_entries: each feed keeps its newest N entries (in latest()'s order); 0 keeps all.
  std::size_t keep_entries = 0;
  // Per-feed cache_keep_entries by subscription URL, overriding keep_entries (0 keeps all).
  std::map<std::string, std::size_t> keep_entries_by_feed;
  // An age limit: entries whose updated date is before this instant go; nullopt keeps them.
  std::optional<util::TimePoint> older_than;
};

struct ExpungeStats {
  std::int64_t entries_removed = 0;
  std::int64_t feeds_removed = 0;
};

// How long a write waits for another process's write transaction before failing (SQLite's
// busy_timeout). Long enough for a concurrent `orrery run` to commit one feed.
inline constexpr std::chrono::milliseconds k_default_busy_timeout{5000};

// read_only: for `orrery status` beside a running daemon or cron job. The file must exist and
// be at this build's schema version (nothing is migrated or created); the connection writes
// nothing and takes no lock but SQLite's shared WAL read marks, so it never blocks a writer.
// Only the read functions (feed_states, latest, channels, quick_check) may be called.
enum class StoreAccess { read_write, read_only };

struct StoreOptions {
  std::chrono::milliseconds busy_timeout = k_default_busy_timeout;
  // A quota for the database file (rounded up to whole pages); 0: as large as the disk allows.
  // A write that would pass it fails as on a full disk: StoreError, that write rolled back.
  std::uint64_t max_database_bytes = 0;
  StoreAccess access = StoreAccess::read_write;
};

// One SQLite connection. Use a Store from one thread at a time; other processes may read (WAL)
// and write (they wait up to busy_timeout) concurrently.
class Store {
 public:
  // Opens the database at `db_path`, creating the file (not its directory) if missing, and
  // migrates it to the current schema. Throws StoreError naming the path when the directory is
  // missing, the file is not a database (it is then left untouched, never recreated), or its
  // schema is newer than this build supports. With StoreAccess::read_only, throws StoreError
  // when the file is missing or its schema is older or newer than this build's (saying which).
  explicit Store(const std::filesystem::path& db_path, StoreOptions options = {});
  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;

  // The state of the subscription at `url`, creating its row (with a fresh id) when new.
  model::FeedState ensure_feed(const std::string& url);

  // Every stored feed's state, ordered by id.
  std::vector<model::FeedState> feed_states();

  // Records one feed's cycle in one transaction: its state always (matched by state.url; the
  // row is created when new); with a feed, its channel metadata and entries: a new key is added
  // with first_seen = update.now and updated = entry.updated, else entry.published, else
  // first_seen; a known key is updated in place (keeping first_seen) only when its content
  // changed and the copy is not older than the stored one; an undated changed copy keeps its
  // stored date. Of several copies of one key in the document the newest is used; a stored
  // entry of this feed with the same link and content under a key the document no longer uses
  // is the same post with a new id (it is re-keyed). `options` says how dates after update.now
  // count. Never deletes an entry. Throws StoreError naming the database and feed after rolling
  // everything back.
  ApplyStats apply(const model::FeedUpdate& update, const ApplyOptions& options = {});

  // Newest entries across feeds by updated date (newest first; ties by first_seen, then
  // insertion, newest first), as LatestQuery bounds them. entry.updated is always set.
  std::vector<model::StoredEntry> latest(const LatestQuery& query);

  // The entries latest(query) would return, in its order, as stamps: no content is read, so a
  // planet's whole archive costs a few bytes an entry.
  std::vector<model::EntryStamp> stamps(const LatestQuery& query);

  // How much of an entry entries_by_id() reads.
  enum class EntryDetail {
    full,      // everything latest() reads
    headline,  // entry_id, feed, key, id, link, titles and summary only: no content, no dates
               // (take them from the stamps), no author, source, tags, enclosures or links (a
               // list of posts; a post's content is kilobytes, and the table stores it before
               // every other column)
  };

  // The stored entries with these row ids (EntryStamp::entry_id), in the order given; an id no
  // longer stored is left out. entry.updated is always set.
  std::vector<model::StoredEntry> entries_by_id(const std::vector<std::int64_t>& ids,
                                                EntryDetail detail = EntryDetail::full);

  // The rel="self" links the entries of the feeds at `feed_urls` declare for them (their
  // atom:source link, when the feed wrote no atom:source of its own): (subscription URL, href)
  // pairs, the newest entry first. Empty `feed_urls`: none.
  std::vector<std::pair<std::string, std::string>> declared_self_links(
      const std::vector<std::string>& feed_urls);

  // Every feed's state, stored channel metadata, entry count and newest entry's updated date,
  // ordered by id.
  std::vector<model::ChannelStatus> channels();

  // Batches: one durable commit for a whole cycle. synchronous=FULL makes every commit wait for
  // the disk, so 1,000 feeds applied one transaction each pay 1,000 fsyncs; between
  // begin_batch() and commit_batch() every write runs in a savepoint of one transaction
  // instead. A failing feed still rolls back alone. Nothing of the batch is durable or visible
  // to other connections before commit_batch(), and the write lock is held all along (readers
  // are not blocked: WAL). If SQLite abandons the transaction (disk full, I/O error), the
  // failing write's StoreError says so and the batch goes on in a fresh transaction: the feeds
  // lost are fetched and stored again next cycle; no entry that was ever committed is lost.
  // begin_batch() inside a batch is an invariant failure (std::logic_error); it throws
  // StoreError when the lock stays busy. commit_batch() throws StoreError after rolling back.
  void begin_batch();
  void commit_batch();
  void rollback_batch();  // never throws

  // Copies the write-ahead log into the database file (a checkpoint) on a connection and thread
  // of its own, while this connection goes on reading: a cycle publishes its pages meanwhile
  // instead of waiting for SQLite's automatic checkpoint, which commit_batch() skips. Joined
  // before the next batch and when the Store closes. A failed checkpoint loses nothing (SQLite
  // checkpoints again when the database closes), so it is not reported.
  void checkpoint_in_background();

  // Removes what `policy` no longer wants, in one transaction; the only way entries leave the
  // store. An expunged entry leaves a tombstone (its feed and key), so a feed that still lists
  // it does not bring it back as new. Throws StoreError after rolling back.
  ExpungeStats expunge(const ExpungePolicy& policy);

  // PRAGMA quick_check. An error naming the database and SQLite's first finding when the file
  // is damaged or unreadable; the daemon runs it at start and reports a corrupt database rather
  // than recreating it.
  util::Result<void> quick_check();

  struct Impl;  // opaque here; defined in store/store_impl.h (the only SQLiteCpp user)

 private:
  std::unique_ptr<Impl> m_impl;
};

// A batch (Store::begin_batch) for one scope: committed by commit(), rolled back otherwise.
class StoreBatch {
 public:
  explicit StoreBatch(Store& store);
  ~StoreBatch();
  StoreBatch(const StoreBatch&) = delete;
  StoreBatch& operator=(const StoreBatch&) = delete;

  // Commits the batch; throws StoreError after rolling it back.
  void commit();

 private:
  Store& m_store;
  bool m_done = false;
};

}  // namespace orrery::store
