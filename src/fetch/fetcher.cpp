#include "fetch/fetcher.h"

#include <algorithm>
#include <list>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "fetch/address_policy.h"
#include "fetch/curl_handles.h"
#include "fetch/transfer.h"

namespace orrery::fetch {

namespace {

using Clock = std::chrono::steady_clock;

// curl_multi_poll wakes on socket activity and libcurl's own timers; this only bounds one wait.
constexpr std::chrono::milliseconds k_poll_timeout{1000};
// With a cancellation hook, how often the loop asks it (a stop request waits at most this).
constexpr std::chrono::milliseconds k_cancel_poll{100};

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
    m_hosts.reserve(requests.size());
    for (std::size_t i = 0; i < requests.size(); ++i) {
      const auto origin = origin_of(requests[i].url);
      m_hosts.push_back(origin ? origin->host + ":" + origin->port : "");
      m_pending.push_back(i);
    }
  }

  void run() {
    if (m_options.cancelled && m_options.cancelled()) {
      abandon("cancelled: orrery is stopping");
      return;
    }
    fill();
    while (!m_active.empty()) {
      int running = 0;
      check_multi(curl_multi_perform(m_multi, &running), "curl_multi_perform");
      drain();
      if (m_deadline && Clock::now() >= *m_deadline) {
        abandon(deadline_error(*m_options.cycle_deadline));
        return;
      }
      if (m_options.cancelled && m_options.cancelled()) {
        abandon("cancelled: orrery is stopping");
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
  // Starts queued requests, in order, while fewer than max_concurrency are in flight, skipping
  // those whose host already has max_per_host transfers: a planet with many feeds on one host
  // must not fill every slot with transfers that only wait for that host's connections.
  void fill() {
    if (!m_slot_freed) {
      return;  // nothing finished since the last scan: nothing new can start
    }
    m_slot_freed = false;
    const auto cap = static_cast<std::size_t>(m_options.max_concurrency);
    for (auto it = m_pending.begin(); it != m_pending.end() && m_active.size() < cap;) {
      const std::string& host = m_hosts[*it];
      if (!host.empty() && m_per_host[host] >= m_options.max_per_host) {
        ++it;
        continue;
      }
      const std::size_t index = *it;
      it = m_pending.erase(it);
      auto transfer = std::make_unique<Transfer>(m_requests[index], m_options, m_multi);
      if (!transfer->start()) {
        m_on_result(transfer->finish(CURLE_FAILED_INIT));
        continue;
      }
      ++m_per_host[host];
      CURL* easy = transfer->easy();
      m_active.emplace(easy, Active{std::move(transfer), index});
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
      --m_per_host[m_hosts[node.mapped().index]];
      m_slot_freed = true;
      model::FetchResult result = node.mapped().transfer->finish(code);
      node.mapped().transfer.reset();
      m_on_result(std::move(result));
    }
  }

  // The deadline passed or the run was cancelled: every transfer in flight and every request
  // not started yet fails with `error`.
  void abandon(const std::string& error) {
    while (!m_active.empty()) {
      auto node = m_active.extract(m_active.begin());
      model::FetchResult result = node.mapped().transfer->abandon(error);
      node.mapped().transfer.reset();
      m_on_result(std::move(result));
    }
    for (std::size_t index : m_pending) {
      const model::FetchRequest& request = m_requests[index];
      model::FetchResult result;
      result.feed_id = request.feed_id;
      result.url = request.url;
      result.final_url = request.url;
      result.error = error;
      m_on_result(std::move(result));
    }
  }

  int poll_timeout_ms() const {
    auto wait = m_options.cancelled ? k_cancel_poll : k_poll_timeout;
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
  std::vector<std::string> m_hosts;  // per request: its URL's host, "" when none (file://)
  std::list<std::size_t> m_pending;  // requests not started yet, in the caller's order
  std::unordered_map<std::string, int> m_per_host;  // transfers in flight per host
  bool m_slot_freed = true;
  struct Active {
    std::unique_ptr<Transfer> transfer;
    std::size_t index;
  };
  // Each Transfer removes its easy handle from the multi handle when destroyed, so an exception
  // from on_result leaves the multi handle clean for the next run().
  std::unordered_map<CURL*, Active> m_active;
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
