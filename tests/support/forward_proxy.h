#pragma once
// A forward HTTP proxy for tests, on 127.0.0.1:<ephemeral port>: it takes absolute-form
// requests ("GET http://host:port/path HTTP/1.1", what a client sends to an http_proxy) and
// forwards each one in origin form. Test servers all listen on 127.0.0.1, so the proxy connects
// to 127.0.0.1 on the URL's port whatever host the URL names: a request for
// http://127.0.0.2:PORT/x reaches the test server on PORT, and a test can tell which hosts the
// client asked for without any traffic leaving 127.0.0.1. Plain http only (no CONNECT), GET and
// HEAD without bodies. The client's connection is kept open between requests when the response
// has its own length, as a real proxy does, so a client reuses it across redirects.

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "support/raw_server.h"

namespace orrery::test {

class ForwardProxy {
 public:
  // Listens on a free port; throws std::runtime_error when it cannot.
  ForwardProxy();
  ForwardProxy(const ForwardProxy&) = delete;
  ForwardProxy& operator=(const ForwardProxy&) = delete;

  // "http://127.0.0.1:PORT", the value for http_proxy.
  std::string url() const;
  // Every absolute URL asked for so far, in arrival order (refused requests included).
  std::vector<std::string> requested() const;
  // How many requests asked for exactly `url`.
  std::size_t request_count(std::string_view url) const;

 private:
  void serve(RawConnection& client);
  // Forwards one request head; false when the client connection must close afterwards.
  bool forward(RawConnection& client, const std::string& head);

  mutable std::mutex m_mutex;
  std::vector<std::string> m_requested;
  RawServer m_server;  // last: its threads use the members above, and it joins them first
};

}  // namespace orrery::test
