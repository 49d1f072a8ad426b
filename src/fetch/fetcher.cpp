#include "fetch/fetcher.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "fetch/curl_handles.h"
#include "fetch/transfer.h"

namespace orrery::fetch {

namespace {

// curl_multi_poll wakes on socket activity and libcurl's own timers; this only bounds one wait.
constexpr int k_poll_timeout_ms = 1000;

void check_multi(CURLMcode rc, const char* what) {
  if (rc != CURLM_OK) {
    throw std::runtime_error(std::string("fetch: ") + what + ": " + curl_multi_strerror(rc));
  }
}

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
  check_multi(curl_multi_setopt(m, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX), "PIPELINING");
  check_multi(
      curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(options.max_per_host)),
      "MAX_HOST_CONNECTIONS");
  check_multi(curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS,
                                static_cast<long>(options.max_concurrency)),
              "MAX_TOTAL_CONNECTIONS");
  check_multi(
      curl_multi_setopt(m, CURLMOPT_MAXCONNECTS, static_cast<long>(options.max_concurrency)),
      "MAXCONNECTS");
  m_impl = std::make_unique<Impl>(Impl{std::move(options), std::move(multi)});
}

Fetcher::~Fetcher() = default;

void Fetcher::run(const std::vector<model::FetchRequest>& requests,
                  const std::function<void(model::FetchResult&&)>& on_result) {
  CURLM* multi = m_impl->multi.get();
  const auto cap = static_cast<std::size_t>(m_impl->options.max_concurrency);
  // Declared after nothing that outlives it: each Transfer removes its easy handle from the
  // multi handle when destroyed, also when on_result throws.
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> active;
  std::size_t next = 0;

  auto fill = [&] {
    while (active.size() < cap && next < requests.size()) {
      auto transfer = std::make_unique<Transfer>(requests[next++], m_impl->options, multi);
      if (!transfer->start()) {
        on_result(transfer->finish(CURLE_FAILED_INIT));
        continue;
      }
      CURL* easy = transfer->easy();
      active.emplace(easy, std::move(transfer));
    }
  };

  fill();
  while (!active.empty()) {
    int running = 0;
    check_multi(curl_multi_perform(multi, &running), "curl_multi_perform");
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
      if (msg->msg != CURLMSG_DONE) {
        continue;
      }
      // Copy out of msg first: it is invalid once its handle leaves the multi handle.
      CURL* easy = msg->easy_handle;
      const CURLcode code = msg->data.result;
      auto node = active.extract(easy);
      if (node.empty()) {
        continue;
      }
      model::FetchResult result = node.mapped()->finish(code);
      node.mapped().reset();
      on_result(std::move(result));
    }
    fill();
    if (!active.empty()) {
      check_multi(curl_multi_poll(multi, nullptr, 0, k_poll_timeout_ms, nullptr),
                  "curl_multi_poll");
    }
  }
}

}  // namespace orrery::fetch
