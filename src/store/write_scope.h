#pragma once
// WriteScope: the atomic unit of one store write. Outside a batch it is a BEGIN IMMEDIATE
// transaction (the write lock is taken up front, so a concurrent writer makes it wait
// busy_timeout at the start instead of failing at COMMIT with a half-done update); inside a
// batch it is a savepoint, so a failing feed rolls back alone and the batch goes on.

#include "store/store_impl.h"

namespace orrery::store::detail {

class WriteScope {
 public:
  // Throws SQLite::Exception when the transaction cannot begin (e.g. the lock stays busy).
  explicit WriteScope(Store::Impl& impl);
  // Rolls back unless commit() succeeded; never throws.
  ~WriteScope();
  WriteScope(const WriteScope&) = delete;
  WriteScope& operator=(const WriteScope&) = delete;

  // Commits the transaction or releases the savepoint. Throws SQLite::Exception on failure
  // (the destructor then rolls back).
  void commit();

 private:
  Store::Impl& m_impl;
  bool m_savepoint;
  bool m_done = false;
};

}  // namespace orrery::store::detail
