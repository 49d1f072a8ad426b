#include "app/sd_notify.h"

#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>

namespace orrery::app {

namespace {

std::string take_env(const char* name) {
  const char* value = std::getenv(name);
  std::string out = value ? value : "";
  ::unsetenv(name);
  return out;
}

std::optional<long long> number(const std::string& text) {
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

Notifier Notifier::from_environment() {
  Notifier n;
  std::string socket_name = take_env("NOTIFY_SOCKET");
  std::string usec = take_env("WATCHDOG_USEC");
  std::string pid = take_env("WATCHDOG_PID");
  if (socket_name.empty()) {
    return n;
  }
  if (socket_name[0] != '/' && socket_name[0] != '@') {
    spdlog::warn("NOTIFY_SOCKET={}: not a path or an abstract @name; not notifying systemd",
                 socket_name);
    return n;
  }
  if (socket_name.size() >= sizeof(sockaddr_un::sun_path)) {
    spdlog::warn("NOTIFY_SOCKET={}: name too long; not notifying systemd", socket_name);
    return n;
  }
  int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    spdlog::warn("NOTIFY_SOCKET: cannot create a socket: {}", std::strerror(errno));
    return n;
  }
  n.m_fd = fd;
  n.m_address = socket_name;
  if (n.m_address[0] == '@') {
    n.m_address[0] = '\0';
  }
  std::optional<long long> period = number(usec);
  std::optional<long long> owner = number(pid);
  if (period && *period > 0 && (!owner || *owner == ::getpid())) {
    n.m_watchdog = std::chrono::microseconds{*period / 2};
    n.m_last_watchdog = std::chrono::steady_clock::now();
  }
  return n;
}

Notifier::~Notifier() {
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

Notifier::Notifier(Notifier&& other) noexcept
    : m_fd(other.m_fd),
      m_address(std::move(other.m_address)),
      m_watchdog(other.m_watchdog),
      m_last_watchdog(other.m_last_watchdog),
      m_last_status(std::move(other.m_last_status)),
      m_warned(other.m_warned) {
  other.m_fd = -1;
}

Notifier& Notifier::operator=(Notifier&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
    m_fd = other.m_fd;
    m_address = std::move(other.m_address);
    m_watchdog = other.m_watchdog;
    m_last_watchdog = other.m_last_watchdog;
    m_last_status = std::move(other.m_last_status);
    m_warned = other.m_warned;
    other.m_fd = -1;
  }
  return *this;
}

void Notifier::send(std::string_view message) {
  if (m_fd < 0) {
    return;
  }
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, m_address.data(), m_address.size());
  auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + m_address.size() +
                                       (m_address[0] == '\0' ? 0 : 1));
  ssize_t sent = ::sendto(m_fd, message.data(), message.size(), MSG_NOSIGNAL,
                          reinterpret_cast<const sockaddr*>(&addr), length);
  if (sent < 0 && !m_warned) {
    m_warned = true;
    spdlog::warn("NOTIFY_SOCKET {}: cannot send {}: {}", m_address[0] == '\0' ? "@" : m_address,
                 message, std::strerror(errno));
  }
}

void Notifier::status(const std::string& line) {
  if (line == m_last_status) {
    return;
  }
  m_last_status = line;
  send("STATUS=" + line);
}

void Notifier::watchdog(std::chrono::steady_clock::time_point now) {
  if (!m_watchdog || now - m_last_watchdog < *m_watchdog) {
    return;
  }
  m_last_watchdog = now;
  send("WATCHDOG=1");
}

std::optional<std::chrono::steady_clock::time_point> Notifier::next_watchdog() const {
  if (!m_watchdog) {
    return std::nullopt;
  }
  return m_last_watchdog + *m_watchdog;
}

}  // namespace orrery::app
