#pragma once
// fetch: one libcurl multi loop that runs many transfers at once, with hard bounds on bytes,
// time and redirects. No libcurl type appears here (pimpl).

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/fetch.h"
#include "model/limits.h"

namespace orrery::fetch {

struct FetcherOptions {
  std::string user_agent = "orrery";
  int max_concurrency = model::limits::k_default_max_concurrency;  // transfers in flight
  // Transfers (and connections) in flight per host and port; the queue skips past a busy host.
  int max_per_host = model::limits::k_default_max_per_host;
  // Bounds one run() as a whole: transfers unfinished when it passes are abandoned and
  // reported as errors, and requests not started yet are reported without being sent.
  // nullopt: each transfer is bounded by its own FetchLimits only.
  std::optional<std::chrono::milliseconds> cycle_deadline;
  // A PEM file of CA certificates trusted instead of the system's ("" = the system store):
  // for a private CA, and for tests.
  std::string ca_bundle;
  // Polled from the multi loop (at least every k_cancel_poll while set): once it returns true,
  // every transfer in flight is abandoned and every request not started yet is reported
  // unsent, each as an error ("cancelled"), and run() returns. Empty: never cancelled.
  std::function<bool()> cancelled;
};

class Fetcher {
 public:
  // Throws std::runtime_error when libcurl cannot be initialised (a broken environment).
  explicit Fetcher(FetcherOptions options);
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Runs every request to completion in one multi loop and calls on_result exactly once per
  // request, on the calling thread, in completion order. A failure (DNS, refused, timeout, HTTP
  // 4xx/5xx, a bound exceeded) is a FetchResult with `error` set, never an exception.
  //
  // Per request: http and https only (file:// too with allow_file), redirects only to http and
  // https and at most limits.max_redirects of them, TLS verified, HTTP/0.9 refused, body bytes
  // counted after decoding, a zero or negative timeout read as the default. Private-network
  // addresses are checked on each resolved address against request.private_networks, and
  // before each request (the first and every redirect) on the host its URL names, when that is
  // an IP literal or localhost: behind a proxy (from the environment, as libcurl reads it) the
  // resolved address is the proxy's, and other names are resolved by the proxy, unchecked.
  // Connections are reused across calls. An exception thrown by on_result propagates after
  // every transfer of this run is detached; the Fetcher stays usable.
  void run(const std::vector<model::FetchRequest>& requests,
           const std::function<void(model::FetchResult&&)>& on_result);

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace orrery::fetch
