#pragma once
// A real HTTP server on 127.0.0.1:<ephemeral port> for tests: cpp-httplib listening on a
// background thread, started by the constructor and stopped and joined by the destructor.
// Tests register handlers (raw httplib ones through server(), or the typed helpers below) and
// inspect what the server received (request counts, headers) afterwards.
//
// Include only from targets that link orrery_test_support: cpp-httplib's pkg-config flags
// change its class layouts.

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace orrery::test {

// What the server saw of one request, recorded before routing (so stalled and unknown paths
// are recorded too).
struct RecordedRequest {
  std::string method;
  std::string path;  // without the query string
  httplib::Headers headers;
  int remote_port = -1;  // tells connections apart: a reused connection keeps its port

  // The value of header `name` (case-insensitive), "" if absent.
  std::string header(const std::string& name) const;
  bool has_header(const std::string& name) const;
};

// A fixed response for serve().
struct CannedResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/xml";
  httplib::Headers headers;  // extra headers (ETag, Last-Modified, Retry-After, ...)
};

// A certificate and its private key (PEM files) for an HTTPS server; tests/data/fetch holds a
// self-signed pair for 127.0.0.1 (test_cert.pem is also the CA file that trusts it).
struct TlsFiles {
  std::string cert_path;
  std::string key_path;
};

class HttpServer {
 public:
  // Binds 127.0.0.1 on a free port and starts listening; throws std::runtime_error when no port
  // can be bound. On return the server accepts connections.
  HttpServer();
  // The same over TLS (url() then starts with "https://"); throws std::runtime_error when the
  // certificate or key cannot be loaded.
  explicit HttpServer(const TlsFiles& tls);
  // Wakes every handler blocked in wait_until_stopped(), stops the listener and joins it.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const { return m_port; }
  // "http://127.0.0.1:PORT" + path (https:// for a TLS server); path should start with '/'.
  std::string url(std::string_view path) const;

  // The underlying server, for handlers the helpers below do not cover. Register handlers
  // before the code under test sends requests; handlers run on the server's worker threads.
  httplib::Server& server() { return *m_server; }

  // The helpers below take literal paths ("/feed.xml"; no query string), unlike httplib's own
  // Get(), whose pattern is a regular expression.
  // GET `path` answers `response` every time.
  void serve(const std::string& path, CannedResponse response);
  // GET `path` answers 200 with `body` and `content_type`.
  void serve(const std::string& path, std::string body,
             std::string content_type = "application/xml");
  // GET `path` answers `status` with a Location header (absolute, or relative to this server).
  void redirect(const std::string& path, int status, const std::string& location);
  // GET `path` sends headers and then no body until the server stops: for timeout tests.
  void stall(const std::string& path);

  // How many requests arrived for `path` (any method).
  std::size_t request_count(const std::string& path) const;
  // Every request recorded for `path`, in arrival order.
  std::vector<RecordedRequest> requests(const std::string& path) const;
  // Every request recorded, any path, in arrival order.
  std::vector<RecordedRequest> all_requests() const;
  // The latest request for `path`, nullopt if none arrived.
  std::optional<RecordedRequest> last_request(const std::string& path) const;

  // For handlers: blocks until the server is being destroyed, or `bound` has passed. Returns
  // true when woken by the shutdown.
  bool wait_until_stopped(std::chrono::milliseconds bound = std::chrono::seconds(60));

 private:
  void start();

  std::unique_ptr<httplib::Server> m_server;
  std::string m_scheme = "http";
  int m_port = 0;
  std::thread m_thread;

  mutable std::mutex m_mutex;
  std::condition_variable m_stopping_cv;
  bool m_stopping = false;
  std::vector<RecordedRequest> m_requests;
};

}  // namespace orrery::test
