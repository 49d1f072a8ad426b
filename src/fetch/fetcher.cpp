#include "fetch/fetcher.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "fetch/curl_handles.h"
#include "fetch/transfer.h"

namespace orrery::fetch {

namespace {

using Clock = std::chrono::steady_clock;

// curl_multi_poll wakes on socket activity and libcurl's own timers; this only bounds one wait.
constexpr std::chrono::milliseconds k_poll_timeout{1000};

void check_multi(CURLMcode rc, const char* what) {
  if (rc != CURLM_OK) {
    throw std::runtime_error(std::string("fetch: ") + what + ": " + curl_multi_strerror(rc));
  }
}

std::string deadline_error(std::chrono::milliseconds deadline) {
  const auto ms = deadline.count();
  return "abandoned at the cycle deadline of " +
         (ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms");
}

// One run(): the queue of requests not started yet, the transfers in flight, the deadline.
class Cycle {
 public:
  Cycle(CURLM* multi, const FetcherOptions& options,
        const std::vector<model::FetchRequest>& requests,
        const std::function<void(model::FetchResult&&)>& on_result)
      : m_multi(multi), m_options(options), m_requests(requests), m_on_result(on_result) {
    if (options.cycle_deadline) {
      m_deadline = Clock::now() + *options.cycle_deadline;
    }
  }

  void run() {
    fill();
    while (!m_active.empty()) {
      int running = 0;
      check_multi(curl_multi_perform(m_multi, &running), "curl_multi_perform");
      drain();
      if (m_deadline && Clock::now() >= *m_deadline) {
        abandon();
        return;
      }
      fill();
      if (!m_active.empty()) {
        check_multi(curl_multi_poll(m_multi, nullptr, 0, poll_timeout_ms(), nullptr),
                    "curl_multi_poll");
      }
    }
  }

 private:
  // Starts queued requests while fewer than max_concurrency are in flight.
  void fill() {
    const auto cap = static_cast<std::size_t>(m_options.max_concurrency);
    while (m_active.size() < cap && m_next < m_requests.size()) {
      auto transfer = std::make_unique<Transfer>(m_requests[m_next++], m_options, m_multi);
      if (!transfer->start()) {
        m_on_result(transfer->finish(CURLE_FAILED_INIT));
        continue;
      }
      CURL* easy = transfer->easy();
      m_active.emplace(easy, std::move(transfer));
    }
  }

  // Reports every transfer libcurl has finished.
  void drain() {
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(m_multi, &queued)) {
      if (msg->msg != CURLMSG_DONE) {
        continue;
      }
      // Copy out of msg first: it is invalid once its handle leaves the multi handle.
      CURL* easy = msg->easy_handle;
      const CURLcode code = msg->data.result;
      auto node = m_active.extract(easy);
      if (node.empty()) {
        continue;
      }
      model::FetchResult result = node.mapped()->finish(code);
      node.mapped().reset();
      m_on_result(std::move(result));
    }
  }

  // The deadline passed: every transfer in flight and every request not started yet fails.
  void abandon() {
    const std::string error = deadline_error(*m_options.cycle_deadline);
    while (!m_active.empty()) {
      auto node = m_active.extract(m_active.begin());
      model::FetchResult result = node.mapped()->abandon(error);
      node.mapped().reset();
      m_on_result(std::move(result));
    }
    while (m_next < m_requests.size()) {
      const model::FetchRequest& request = m_requests[m_next++];
      model::FetchResult result;
      result.feed_id = request.feed_id;
      result.url = request.url;
      result.final_url = request.url;
      result.error = error;
      m_on_result(std::move(result));
    }
  }

  int poll_timeout_ms() const {
    auto wait = k_poll_timeout;
    if (m_deadline) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(*m_deadline - Clock::now());
      wait = std::clamp(left, std::chrono::milliseconds(0), wait);
    }
    return static_cast<int>(wait.count());
  }

  CURLM* m_multi;
  const FetcherOptions& m_options;
  const std::vector<model::FetchRequest>& m_requests;
  const std::function<void(model::FetchResult&&)>& m_on_result;
  std::optional<Clock::time_point> m_deadline;
  std::size_t m_next = 0;  // the first request not started yet
  // Each Transfer removes its easy handle from the multi handle when destroyed, so an exception
  // from on_result leaves the multi handle clean for the next run().
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> m_active;
};

}  // namespace

struct Fetcher::Impl {
  FetcherOptions options;
  // One multi handle for the Fetcher's lifetime: its connection cache and DNS cache are reused
  // across transfers and across run() calls.
  MultiHandle multi;
};

Fetcher::Fetcher(FetcherOptions options) {
  ensure_curl_global();
  options.max_concurrency = std::max(1, options.max_concurrency);
  options.max_per_host = std::max(1, options.max_per_host);
  MultiHandle multi(curl_multi_init());
  if (!multi) {
    throw std::runtime_error("fetch: curl_multi_init failed");
  }
  CURLM* m = multi.get();
  const auto per_host = static_cast<long>(options.max_per_host);
  const auto total = static_cast<long>(options.max_concurrency);
  check_multi(curl_multi_setopt(m, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX), "PIPELINING");
  check_multi(curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, per_host),
              "MAX_HOST_CONNECTIONS");
  check_multi(curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, total), "MAX_TOTAL_CONNECTIONS");
  check_multi(curl_multi_setopt(m, CURLMOPT_MAXCONNECTS, total), "MAXCONNECTS");
  m_impl = std::make_unique<Impl>(Impl{std::move(options), std::move(multi)});
}

Fetcher::~Fetcher() = default;

void Fetcher::run(const std::vector<model::FetchRequest>& requests,
                  const std::function<void(model::FetchResult&&)>& on_result) {
  Cycle(m_impl->multi.get(), m_impl->options, requests, on_result).run();
}

}  // namespace orrery::fetch
