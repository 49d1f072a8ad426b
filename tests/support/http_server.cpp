#include "support/http_server.h"

#include <stdexcept>
#include <utility>

#include "support/loopback.h"

namespace orrery::test {

namespace {

// Enough workers that a test holding some of them in stalled handlers, or on idle keep-alive
// connections, never starves the others (httplib's default is 8 on a 2-core machine).
constexpr std::size_t k_worker_threads = 32;
// Keep connections open across many requests so tests can observe connection reuse.
constexpr std::size_t k_keep_alive_max_count = 1000;

// httplib matches handler paths as regular expressions; the helpers take literal paths.
std::string literal_pattern(const std::string& path) {
  static constexpr std::string_view k_special = R"(\^$.|?*+()[]{})";
  std::string out;
  for (char c : path) {
    if (k_special.find(c) != std::string_view::npos) {
      out.push_back('\\');
    }
    out.push_back(c);
  }
  return out;
}

std::string strip_query(const std::string& path) {
  const auto q = path.find('?');
  return q == std::string::npos ? path : path.substr(0, q);
}

}  // namespace

std::string RecordedRequest::header(const std::string& name) const {
  const auto it = headers.find(name);  // httplib::Headers compares names case-insensitively
  return it == headers.end() ? "" : it->second;
}

bool RecordedRequest::has_header(const std::string& name) const {
  return headers.find(name) != headers.end();
}

HttpServer::HttpServer() : m_server(std::make_unique<httplib::Server>()) { start(); }

HttpServer::HttpServer(const TlsFiles& tls)
    : m_server(std::make_unique<httplib::SSLServer>(tls.cert_path.c_str(), tls.key_path.c_str())),
      m_scheme("https") {
  if (!m_server->is_valid()) {
    throw std::runtime_error("HttpServer: cannot load " + tls.cert_path + " / " + tls.key_path);
  }
  start();
}

void HttpServer::start() {
  bypass_proxies_for_loopback();
  m_server->new_task_queue = [] { return new httplib::ThreadPool(k_worker_threads); };
  m_server->set_keep_alive_max_count(k_keep_alive_max_count);
  // Without it Nagle and delayed ACKs add 40 ms to every response httplib writes in two parts.
  m_server->set_tcp_nodelay(true);
  m_server->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response&) {
    RecordedRequest recorded{req.method, strip_query(req.path), req.headers, req.remote_port};
    const std::lock_guard lock(m_mutex);
    m_requests.push_back(std::move(recorded));
    return httplib::Server::HandlerResponse::Unhandled;
  });
  m_port = m_server->bind_to_any_port("127.0.0.1");
  if (m_port <= 0) {
    throw std::runtime_error("HttpServer: cannot bind 127.0.0.1");
  }
  // The socket already listens (bind_to_any_port calls listen(2)), so clients can connect from
  // here on; the accept loop only has to start before stop() can stop it.
  m_thread = std::thread([this] { m_server->listen_after_bind(); });
  while (!m_server->is_running()) {
    std::this_thread::yield();
  }
}

HttpServer::~HttpServer() {
  {
    const std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_stopping_cv.notify_all();
  m_server->stop();
  m_thread.join();
}

std::string HttpServer::url(std::string_view path) const {
  return m_scheme + "://127.0.0.1:" + std::to_string(m_port) + std::string(path);
}

void HttpServer::serve(const std::string& path, CannedResponse response) {
  m_server->Get(literal_pattern(path),
                [response = std::move(response)](const httplib::Request&, httplib::Response& res) {
                  res.status = response.status;
                  for (const auto& [name, value] : response.headers) {
                    res.set_header(name.c_str(), value);
                  }
                  res.set_content(response.body, response.content_type.c_str());
                });
}

void HttpServer::serve(const std::string& path, std::string body, std::string content_type) {
  serve(path, CannedResponse{200, std::move(body), std::move(content_type), {}});
}

void HttpServer::redirect(const std::string& path, int status, const std::string& location) {
  m_server->Get(literal_pattern(path),
                [status, location](const httplib::Request&, httplib::Response& res) {
                  res.status = status;
                  res.set_header("Location", location);
                });
}

void HttpServer::stall(const std::string& path) {
  m_server->Get(literal_pattern(path), [this](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("application/octet-stream",
                                     [this](std::size_t, httplib::DataSink&) {
                                       wait_until_stopped();
                                       return false;
                                     });
  });
}

std::size_t HttpServer::request_count(const std::string& path) const {
  const std::lock_guard lock(m_mutex);
  std::size_t n = 0;
  for (const auto& r : m_requests) {
    n += r.path == path ? 1 : 0;
  }
  return n;
}

std::vector<RecordedRequest> HttpServer::requests(const std::string& path) const {
  const std::lock_guard lock(m_mutex);
  std::vector<RecordedRequest> out;
  for (const auto& r : m_requests) {
    if (r.path == path) {
      out.push_back(r);
    }
  }
  return out;
}

std::vector<RecordedRequest> HttpServer::all_requests() const {
  const std::lock_guard lock(m_mutex);
  return m_requests;
}

std::optional<RecordedRequest> HttpServer::last_request(const std::string& path) const {
  auto all = requests(path);
  if (all.empty()) {
    return std::nullopt;
  }
  return std::move(all.back());
}

bool HttpServer::wait_until_stopped(std::chrono::milliseconds bound) {
  std::unique_lock lock(m_mutex);
  return m_stopping_cv.wait_for(lock, bound, [this] { return m_stopping; });
}

}  // namespace orrery::test
