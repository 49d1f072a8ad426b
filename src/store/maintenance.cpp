// Retention: expunge() (Venus's `planet -x` with cache_keep_entries, plus an age limit).

#include "store/store_impl.h"
#include "store/write_scope.h"

namespace orrery::store {
namespace {

std::int64_t count_entries(SQLite::Database& db) {
  return db.execAndGet("SELECT count(*) FROM entries").getInt64();
}

// Deletes every feed whose URL is not in `subscribed` (entries, children and tombstones go by
// ON DELETE CASCADE). A temporary table rather than "NOT IN (?, ?, ...)": a planet may list
// more feeds than SQLite allows bound parameters in one statement.
std::int64_t remove_unsubscribed(SQLite::Database& db, const std::vector<std::string>& subscribed) {
  db.exec("CREATE TEMP TABLE IF NOT EXISTS expunge_subscribed (url TEXT PRIMARY KEY)");
  db.exec("DELETE FROM temp.expunge_subscribed");
  SQLite::Statement insert(db, "INSERT OR IGNORE INTO temp.expunge_subscribed (url) VALUES (?)");
  for (const std::string& url : subscribed) {
    insert.bind(1, url);
    insert.exec();
    insert.reset();
  }
  db.exec("DELETE FROM feeds WHERE url NOT IN (SELECT url FROM temp.expunge_subscribed)");
  return db.getChanges();
}

// Fills temp.expunge_doomed with the ids of entries beyond their feed's keep count.
void mark_beyond_keep(SQLite::Database& db, const ExpungePolicy& policy) {
  db.exec(
      "CREATE TEMP TABLE IF NOT EXISTS expunge_keep (url TEXT PRIMARY KEY, keep INTEGER NOT NULL)");
  db.exec("DELETE FROM temp.expunge_keep");
  SQLite::Statement insert(db,
                           "INSERT OR REPLACE INTO temp.expunge_keep (url, keep) VALUES (?, ?)");
  for (const auto& [url, keep] : policy.keep_entries_by_feed) {
    insert.bind(1, url);
    insert.bind(2, static_cast<std::int64_t>(keep));
    insert.exec();
    insert.reset();
  }
  SQLite::Statement mark(db, R"sql(
INSERT OR IGNORE INTO temp.expunge_doomed (id)
SELECT id FROM (
  SELECT e.id,
         ROW_NUMBER() OVER (PARTITION BY e.feed_id
                            ORDER BY e.updated DESC, e.first_seen DESC, e.id DESC) AS feed_rank,
         COALESCE(k.keep, :keep) AS keep
  FROM entries AS e JOIN feeds AS f ON f.id = e.feed_id
  LEFT JOIN temp.expunge_keep AS k ON k.url = f.url)
WHERE keep > 0 AND feed_rank > keep)sql");
  mark.bind(":keep", static_cast<std::int64_t>(policy.keep_entries));
  mark.exec();
}

}  // namespace

ExpungeStats Store::Impl::expunge(const ExpungePolicy& policy) {
  detail::WriteScope scope(*this);
  ExpungeStats stats;
  const std::int64_t before = count_entries(m_db);
  if (policy.subscribed) {
    stats.feeds_removed = remove_unsubscribed(m_db, *policy.subscribed);
  }
  m_db.exec("CREATE TEMP TABLE IF NOT EXISTS expunge_doomed (id INTEGER PRIMARY KEY)");
  m_db.exec("DELETE FROM temp.expunge_doomed");
  mark_beyond_keep(m_db, policy);
  if (policy.older_than) {
    SQLite::Statement mark(m_db,
                           "INSERT OR IGNORE INTO temp.expunge_doomed (id) SELECT id FROM entries "
                           "WHERE updated < ?");
    mark.bind(1, static_cast<std::int64_t>(util::to_unix(*policy.older_than)));
    mark.exec();
  }
  m_db.exec(
      "INSERT OR IGNORE INTO expunged (feed_id, key) SELECT feed_id, key FROM entries "
      "WHERE id IN (SELECT id FROM temp.expunge_doomed)");
  m_db.exec("DELETE FROM entries WHERE id IN (SELECT id FROM temp.expunge_doomed)");
  m_db.exec("DELETE FROM temp.expunge_doomed");
  stats.entries_removed = before - count_entries(m_db);
  scope.commit();
  return stats;
}

}  // namespace orrery::store
