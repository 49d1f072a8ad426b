#include "app/run_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <string>

namespace orrery::app {

util::Result<std::optional<RunLock>> RunLock::try_acquire(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return util::unexpected(path.string() + ": cannot open lock file: " + std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int saved = errno;
    ::close(fd);
    if (saved == EWOULDBLOCK) {
      return std::optional<RunLock>{};
    }
    return util::unexpected(path.string() + ": cannot lock: " + std::strerror(saved));
  }
  // Who holds it, for the others (best effort: the lock works without it).
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) == 0) {
    [[maybe_unused]] ssize_t written = ::pwrite(fd, pid.data(), pid.size(), 0);
  }
  return std::optional<RunLock>{RunLock(fd)};
}

std::optional<long> RunLock::holder(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string line;
  if (!std::getline(in, line)) {
    return std::nullopt;
  }
  long pid = 0;
  auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), pid);
  if (ec != std::errc() || end != line.data() + line.size() || pid <= 0) {
    return std::nullopt;
  }
  return pid;
}

std::string RunLock::held_message(const std::filesystem::path& path) {
  std::optional<long> pid = holder(path);
  return path.string() + ": another orrery run holds the lock" +
         (pid ? " (pid " + std::to_string(*pid) + ")" : "") + "; exiting";
}

RunLock::~RunLock() {
  if (m_fd >= 0) {
    ::close(m_fd);  // releases the flock
  }
}

RunLock::RunLock(RunLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }

RunLock& RunLock::operator=(RunLock&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
    m_fd = other.m_fd;
    other.m_fd = -1;
  }
  return *this;
}

}  // namespace orrery::app
