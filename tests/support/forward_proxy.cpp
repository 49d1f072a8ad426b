#include "support/forward_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <initializer_list>

namespace orrery::test {

namespace {

constexpr const char* k_bad_request =
    "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
constexpr const char* k_bad_gateway =
    "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
constexpr int k_upstream_wait_ms = 60'000;  // bounds a stalled upstream; tests never reach it

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The header lines of `block` (each ending in CRLF, no request or status line) without the
// fields named in `drop` (lower case).
std::string without_fields(std::string_view block, std::initializer_list<std::string_view> drop) {
  std::string out;
  while (!block.empty()) {
    const std::size_t end = block.find("\r\n");
    const std::string_view line = block.substr(0, end);
    block.remove_prefix(end == std::string_view::npos ? block.size() : end + 2);
    const std::string name = lower(line.substr(0, line.find(':')));
    if (!line.empty() && std::find(drop.begin(), drop.end(), name) == drop.end()) {
      out.append(line);
      out.append("\r\n");
    }
  }
  return out;
}

// A connected socket to 127.0.0.1:port, -1 on failure.
int connect_loopback(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  if (fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    return fd;
  }
  if (fd >= 0) {
    ::close(fd);
  }
  return -1;
}

// Sends `request` on `fd` and reads the response until the server closes; "" on failure.
std::string exchange(int fd, std::string_view request) {
  while (!request.empty()) {
    const ssize_t n = ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return "";
    }
    request.remove_prefix(static_cast<std::size_t>(n));
  }
  std::string response;
  char buf[16384];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, k_upstream_wait_ms);
    if (ready < 0 && errno == EINTR) {
      continue;
    }
    if (ready <= 0) {
      return "";
    }
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      return "";
    }
    if (n == 0) {
      return response;
    }
    response.append(buf, static_cast<std::size_t>(n));
  }
}

// The port of an absolute http URL's authority ("host:port", "[v6]:port"); 0 when absent.
int port_of(std::string_view authority) {
  const std::size_t bracket = authority.rfind(']');
  const std::size_t colon = authority.rfind(':');
  if (colon == std::string_view::npos || (bracket != std::string_view::npos && colon < bracket)) {
    return 0;
  }
  int port = 0;
  for (char c : authority.substr(colon + 1)) {
    if (c < '0' || c > '9' || port > 65535) {
      return 0;
    }
    port = port * 10 + (c - '0');
  }
  return port <= 65535 ? port : 0;
}

}  // namespace

ForwardProxy::ForwardProxy() : m_server([this](RawConnection& client) { serve(client); }) {}

std::string ForwardProxy::url() const {
  return "http://127.0.0.1:" + std::to_string(m_server.port());
}

std::vector<std::string> ForwardProxy::requested() const {
  const std::lock_guard lock(m_mutex);
  return m_requested;
}

std::size_t ForwardProxy::request_count(std::string_view url) const {
  const std::lock_guard lock(m_mutex);
  return static_cast<std::size_t>(std::count(m_requested.begin(), m_requested.end(), url));
}

void ForwardProxy::serve(RawConnection& client) {
  for (;;) {
    const std::string head = client.read_request();
    if (head.empty() || !forward(client, head)) {
      return;
    }
  }
}

bool ForwardProxy::forward(RawConnection& client, const std::string& head) {
  const std::size_t line_end = head.find("\r\n");
  const std::string_view line = std::string_view(head).substr(0, line_end);
  const std::size_t sp1 = line.find(' ');
  const std::size_t sp2 = line.rfind(' ');
  if (sp1 == std::string_view::npos || sp2 <= sp1) {
    client.write(k_bad_request);
    return false;
  }
  const std::string_view method = line.substr(0, sp1);
  const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view version = line.substr(sp2 + 1);
  {
    const std::lock_guard lock(m_mutex);
    m_requested.emplace_back(target);
  }
  constexpr std::string_view k_scheme = "http://";
  if (lower(target.substr(0, k_scheme.size())) != k_scheme) {
    client.write(k_bad_request);
    return false;
  }
  const std::string_view rest = target.substr(k_scheme.size());
  const std::size_t slash = rest.find('/');
  const std::string_view authority = rest.substr(0, slash);
  const std::string path(slash == std::string_view::npos ? "/" : rest.substr(slash));
  const int port = port_of(authority);
  const int upstream = port != 0 ? connect_loopback(port) : -1;
  if (upstream < 0) {
    client.write(k_bad_gateway);
    return false;
  }
  const std::string fields = without_fields(std::string_view(head).substr(line_end + 2),
                                            {"connection", "proxy-connection", "keep-alive"});
  const std::string response =
      exchange(upstream, std::string(method) + " " + path + " " + std::string(version) + "\r\n" +
                             fields + "Connection: close\r\n\r\n");
  ::close(upstream);
  const std::size_t status_end = response.find("\r\n");
  const std::size_t head_end = response.find("\r\n\r\n");
  if (status_end == std::string::npos || head_end == std::string::npos) {
    client.write(k_bad_gateway);
    return false;
  }
  // The upstream's "Connection: close" was for this hop; keep the client's connection when the
  // response carries its own length.
  const std::string response_fields = lower(response.substr(0, head_end + 2));
  const bool framed = response_fields.find("\r\ncontent-length:") != std::string::npos ||
                      response_fields.find("\r\ntransfer-encoding: chunked") != std::string::npos;
  if (!framed) {
    client.write(response);
    return false;
  }
  const std::string_view status_line = std::string_view(response).substr(0, status_end + 2);
  const std::string kept = without_fields(
      std::string_view(response).substr(status_end + 2, head_end + 2 - status_end - 2),
      {"connection", "keep-alive"});
  return client.write(std::string(status_line) + kept + "\r\n" + response.substr(head_end + 4));
}

}  // namespace orrery::test
