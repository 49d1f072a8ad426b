#include "store/write_scope.h"

#include <sqlite3.h>

namespace orrery::store::detail {

WriteScope::WriteScope(Store::Impl& impl) : m_impl(impl), m_savepoint(impl.m_batch_open) {
  m_impl.m_db.exec(m_savepoint ? "SAVEPOINT orrery_write" : "BEGIN IMMEDIATE");
}

WriteScope::~WriteScope() {
  if (m_done) {
    return;
  }
  // Disk full, I/O errors and the like make SQLite abandon the whole transaction itself; then
  // there is nothing to roll back to, and an open batch has lost its earlier feeds too.
  if (sqlite3_get_autocommit(m_impl.m_db.getHandle()) != 0) {
    m_impl.m_batch_lost = m_savepoint;
    return;
  }
  m_impl.m_db.tryExec(m_savepoint ? "ROLLBACK TO orrery_write; RELEASE orrery_write" : "ROLLBACK");
}

void WriteScope::commit() {
  m_impl.m_db.exec(m_savepoint ? "RELEASE orrery_write" : "COMMIT");
  m_done = true;
}

}  // namespace orrery::store::detail
