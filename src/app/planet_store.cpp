#include "app/planet_store.h"

#include <system_error>

#include "app/run_lock.h"

namespace orrery::app {

namespace {

util::Unexpected<CycleError> failure(CycleError::Kind kind, std::string message) {
  return util::Unexpected<CycleError>(CycleError{kind, std::move(message)});
}

}  // namespace

util::Result<PlanetStore, CycleError> PlanetStore::open(const config::PlanetSettings& planet) {
  std::error_code ec;
  std::filesystem::create_directories(planet.cache_directory, ec);
  if (ec) {
    return failure(CycleError::Kind::fatal, planet.cache_directory.string() +
                                                ": cannot create cache directory: " + ec.message());
  }
  std::filesystem::path lock_path = planet.cache_directory / "orrery.lock";
  auto lock = RunLock::try_acquire(lock_path);
  if (!lock) {
    return failure(CycleError::Kind::fatal, lock.error().message);
  }
  if (!lock->has_value()) {
    return failure(CycleError::Kind::locked, RunLock::held_message(lock_path));
  }
  auto held = std::make_unique<RunLock>(std::move(**lock));
  try {
    auto store = std::make_unique<store::Store>(planet.cache_directory / "orrery.db");
    return PlanetStore(std::move(held), std::move(store));
  } catch (const std::exception& e) {
    return failure(CycleError::Kind::fatal, e.what());
  }
}

PlanetStore::PlanetStore(std::unique_ptr<RunLock> lock, std::unique_ptr<store::Store> store)
    : m_lock(std::move(lock)), m_store(std::move(store)) {}

PlanetStore::~PlanetStore() = default;
PlanetStore::PlanetStore(PlanetStore&&) noexcept = default;
PlanetStore& PlanetStore::operator=(PlanetStore&&) noexcept = default;

}  // namespace orrery::app
