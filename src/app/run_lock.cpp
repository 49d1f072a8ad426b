#include "app/run_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
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
  return std::optional<RunLock>{RunLock(fd)};
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
