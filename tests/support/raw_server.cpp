#include "support/raw_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

#include "support/loopback.h"

namespace orrery::test {

namespace {

constexpr std::size_t k_max_request_head = std::size_t{64} * 1024;

enum class Ready { fd, stop, timeout };

// Waits until `fd` is readable or the stop pipe is (it stays readable once written).
Ready wait_readable(int fd, int stop_fd, std::chrono::milliseconds bound) {
  pollfd fds[2] = {{fd, POLLIN, 0}, {stop_fd, POLLIN, 0}};
  for (;;) {
    const int n = ::poll(fds, 2, static_cast<int>(bound.count()));
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return Ready::timeout;
    }
    return (fds[1].revents & POLLIN) != 0 ? Ready::stop : Ready::fd;
  }
}

}  // namespace

RawConnection::RawConnection(int fd, int stop_fd) : m_fd(fd), m_stop_fd(stop_fd) {}

RawConnection::~RawConnection() {
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

std::string RawConnection::read_request() {
  std::string head;
  char buf[4096];
  while (head.find("\r\n\r\n") == std::string::npos && head.size() < k_max_request_head) {
    if (m_fd < 0 || wait_readable(m_fd, m_stop_fd, std::chrono::seconds(60)) != Ready::fd) {
      return "";
    }
    const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
    if (n <= 0) {
      return "";
    }
    head.append(buf, static_cast<std::size_t>(n));
  }
  return head;
}

bool RawConnection::write(std::string_view bytes) {
  while (!bytes.empty() && m_fd >= 0) {
    // Never block past the server's shutdown, even when the client stopped reading.
    pollfd fds[2] = {{m_fd, POLLOUT, 0}, {m_stop_fd, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) {
        continue;
      }
      return false;
    }
    if ((fds[1].revents & POLLIN) != 0 || (fds[0].revents & (POLLERR | POLLHUP)) != 0) {
      return false;
    }
    const ssize_t n = ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) {
      continue;
    }
    if (n <= 0) {
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return bytes.empty();
}

void RawConnection::reset() {
  if (m_fd < 0) {
    return;
  }
  const linger hard{1, 0};
  ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
  ::close(m_fd);
  m_fd = -1;
}

bool RawConnection::wait_for_peer_close(std::chrono::milliseconds bound) {
  char buf[4096];
  while (m_fd >= 0 && wait_readable(m_fd, m_stop_fd, bound) == Ready::fd) {
    if (::recv(m_fd, buf, sizeof buf, 0) <= 0) {
      return true;
    }
  }
  return false;
}

bool RawConnection::wait_for_stop(std::chrono::milliseconds bound) {
  pollfd fd{m_stop_fd, POLLIN, 0};
  return ::poll(&fd, 1, static_cast<int>(bound.count())) > 0;
}

RawServer::RawServer(Script script) : m_script(std::move(script)) {
  bypass_proxies_for_loopback();
  if (::pipe(m_stop_pipe) != 0) {
    throw std::runtime_error("RawServer: pipe failed");
  }
  m_listen_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  auto* sa = reinterpret_cast<sockaddr*>(&addr);
  if (m_listen_fd < 0 || ::bind(m_listen_fd, sa, len) != 0 || ::listen(m_listen_fd, 64) != 0 ||
      ::getsockname(m_listen_fd, sa, &len) != 0) {
    for (int fd : {m_listen_fd, m_stop_pipe[0], m_stop_pipe[1]}) {
      if (fd >= 0) {
        ::close(fd);
      }
    }
    throw std::runtime_error("RawServer: cannot listen on 127.0.0.1");
  }
  m_port = ntohs(addr.sin_port);
  m_acceptor = std::thread([this] { accept_loop(); });
}

RawServer::~RawServer() {
  const char byte = 's';
  (void)!::write(m_stop_pipe[1], &byte, 1);
  m_acceptor.join();
  {
    const std::lock_guard lock(m_mutex);
    for (auto& t : m_connections) {
      t.join();
    }
  }
  ::close(m_listen_fd);
  ::close(m_stop_pipe[0]);
  ::close(m_stop_pipe[1]);
}

std::string RawServer::url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(m_port) + std::string(path);
}

std::size_t RawServer::connection_count() const {
  const std::lock_guard lock(m_mutex);
  return m_connections.size();
}

void RawServer::accept_loop() {
  for (;;) {
    if (wait_readable(m_listen_fd, m_stop_pipe[0], std::chrono::hours(1)) != Ready::fd) {
      return;
    }
    const int fd = ::accept4(m_listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      continue;
    }
    const std::lock_guard lock(m_mutex);
    m_connections.emplace_back([this, fd] {
      RawConnection connection(fd, m_stop_pipe[0]);
      m_script(connection);
    });
  }
}

}  // namespace orrery::test
