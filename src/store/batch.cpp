// Batches: many feed updates, one durable commit (see Store::begin_batch).

#include <fmt/format.h>
#include <sqlite3.h>

#include <stdexcept>

#include "store/store_impl.h"

namespace orrery::store {

std::string Store::Impl::recover_batch() {
  if (!m_batch_open || !m_batch_lost) {
    return "";
  }
  const int lost = m_batch_feeds;
  m_batch_lost = false;
  m_batch_feeds = 0;
  if (m_db.tryExec("BEGIN IMMEDIATE") != SQLITE_OK) {
    m_batch_open = false;  // later writes run in their own transactions
  }
  return fmt::format(
      "; SQLite rolled back the open batch: the {} feed(s) applied before it are stored again "
      "next cycle",
      lost);
}

void Store::begin_batch() {
  if (m_impl->m_batch_open) {
    throw std::logic_error("store: begin_batch() inside an open batch");
  }
  m_impl->join_checkpoint();
  m_impl->guarded("begin batch", [&] { m_impl->m_db.exec("BEGIN IMMEDIATE"); });
  m_impl->m_batch_open = true;
  m_impl->m_batch_lost = false;
  m_impl->m_batch_feeds = 0;
}

void Store::commit_batch() {
  if (!m_impl->m_batch_open) {
    return;
  }
  const int feeds = m_impl->m_batch_feeds;
  m_impl->m_batch_open = false;
  m_impl->m_batch_feeds = 0;
  try {
    // A batch's commit would otherwise checkpoint its whole log right away, in this thread
    // (wal_autocheckpoint); checkpoint_in_background() or the close does it instead.
    m_impl->m_db.exec("PRAGMA wal_autocheckpoint = 0");
    m_impl->m_db.exec("COMMIT");
    m_impl->m_db.exec("PRAGMA wal_autocheckpoint = 1000");
  } catch (const SQLite::Exception& e) {
    m_impl->m_db.tryExec("PRAGMA wal_autocheckpoint = 1000");
    if (sqlite3_get_autocommit(m_impl->m_db.getHandle()) == 0) {
      m_impl->m_db.tryExec("ROLLBACK");
    }
    m_impl->fail("commit batch",
                 fmt::format("{}; its {} feed(s) are stored again next cycle", e.what(), feeds));
  }
}

void Store::rollback_batch() {
  if (!m_impl->m_batch_open) {
    return;
  }
  m_impl->m_batch_open = false;
  m_impl->m_batch_feeds = 0;
  if (sqlite3_get_autocommit(m_impl->m_db.getHandle()) == 0) {
    m_impl->m_db.tryExec("ROLLBACK");
  }
}

StoreBatch::StoreBatch(Store& store) : m_store(store) { m_store.begin_batch(); }

StoreBatch::~StoreBatch() {
  if (!m_done) {
    m_store.rollback_batch();
  }
}

void StoreBatch::commit() {
  m_done = true;
  m_store.commit_batch();
}

void Store::checkpoint_in_background() {
  m_impl->join_checkpoint();
  const std::filesystem::path path = m_impl->m_path;
  const int busy_ms = static_cast<int>(m_impl->m_options.busy_timeout.count());
  m_impl->m_checkpointer = std::thread([path, busy_ms] {
    try {
      SQLite::Database db(path, SQLite::OPEN_READWRITE, busy_ms);
      // PASSIVE: copies every frame no reader still needs, never waits for readers (this
      // Store's own may hold a snapshot); the close resets the log.
      db.exec("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (const std::exception&) {
      // Nothing is lost: the close checkpoints what is left.
    }
  });
}

}  // namespace orrery::store
