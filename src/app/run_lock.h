#pragma once
// RunLock: an exclusive flock(2) on a lock file beside the database, held for one cycle, so two
// cron runs (or a cron run and the daemon) never work on one planet at the same time. The
// kernel releases it when the process dies, so a killed run never leaves a stale lock.

#include <filesystem>
#include <optional>

#include "util/result.h"

namespace orrery::app {

class RunLock {
 public:
  // Tries to take the lock without waiting. nullopt when another process holds it; an error
  // when the lock file cannot be created (names the file and the reason).
  static util::Result<std::optional<RunLock>> try_acquire(const std::filesystem::path& path);

  ~RunLock();
  RunLock(RunLock&& other) noexcept;
  RunLock& operator=(RunLock&& other) noexcept;
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

 private:
  explicit RunLock(int fd) : m_fd(fd) {}
  int m_fd = -1;
};

}  // namespace orrery::app
