#pragma once
// RunLock: an exclusive flock(2) on a lock file beside the database, held for one cycle (the
// daemon holds it for its lifetime), so two cron runs (or a cron run and the daemon) never work
// on one planet at the same time. The kernel releases it when the process dies, so a killed run
// never leaves a stale lock. The holder writes its pid into the file, for the message another
// run prints.

#include <filesystem>
#include <optional>
#include <string>

#include "util/result.h"

namespace orrery::app {

class RunLock {
 public:
  // Tries to take the lock without waiting. nullopt when another process holds it; an error
  // when the lock file cannot be created (names the file and the reason).
  static util::Result<std::optional<RunLock>> try_acquire(const std::filesystem::path& path);

  // The pid the holder of the lock file at `path` wrote, nullopt when it cannot be read.
  static std::optional<long> holder(const std::filesystem::path& path);
  // The one line a run that finds the lock held prints: the lock file, and who holds it.
  static std::string held_message(const std::filesystem::path& path);

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
