#pragma once
// PlanetStore: a planet's store opened under its run lock, for the commands that write to it
// outside a refresh cycle (import-venus, expunge). The lock is taken first, so such a command
// never overlaps a cycle, and released last.

#include <memory>

#include "app/cycle.h"
#include "config/config.h"
#include "store/store.h"
#include "util/result.h"

namespace orrery::app {

class RunLock;

class PlanetStore {
 public:
  // Creates cache_directory if missing, takes the run lock beside the database without waiting
  // and opens orrery.db. Errors: CycleError::Kind::locked when another run holds the lock;
  // Kind::fatal (one line naming the directory, lock file or database) otherwise.
  static util::Result<PlanetStore, CycleError> open(const config::PlanetSettings& planet);

  ~PlanetStore();
  PlanetStore(PlanetStore&&) noexcept;
  PlanetStore& operator=(PlanetStore&&) noexcept;

  store::Store& store() { return *m_store; }

 private:
  PlanetStore(std::unique_ptr<RunLock> lock, std::unique_ptr<store::Store> store);

  std::unique_ptr<RunLock> m_lock;  // declared first: released after the store is closed
  std::unique_ptr<store::Store> m_store;
};

}  // namespace orrery::app
