// The multi loop: many transfers at once under the global and per-host caps, connection reuse,
// and the private-network policy on resolved addresses and on literal hosts.
#include "fetch/fetcher.h"

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "fetch_helpers.h"
#include "support/http_server.h"
#include "support/temp_dir.h"

namespace orrery::fetch {
namespace {

using namespace std::chrono_literals;
using orrery::test::HttpServer;
using test::fetch_all;
using test::fetch_one;
using test::request_for;

std::set<int> connections_seen(const HttpServer& server) {
  std::set<int> ports;
  for (const auto& r : server.all_requests()) {
    ports.insert(r.remote_port);
  }
  return ports;
}

std::vector<model::FetchRequest> numbered_requests(HttpServer& server, int n) {
  std::vector<model::FetchRequest> requests;
  for (int i = 0; i < n; ++i) {
    const std::string path = "/feed" + std::to_string(i);
    server.serve(path, "body " + std::to_string(i), "text/plain");
    requests.push_back(request_for(server.url(path), i));
  }
  return requests;
}

TEST(FetcherNetwork, ManyConcurrentRequestsAllCompleteOnceEach) {
  HttpServer server;
  auto requests = numbered_requests(server, 60);
  FetcherOptions options;
  options.max_concurrency = 8;
  auto results = fetch_all(requests, options);
  ASSERT_EQ(results.size(), requests.size());
  std::map<std::int64_t, std::string> by_id;
  for (auto& r : results) {
    EXPECT_TRUE(r.ok()) << r.url << ": " << r.error;
    EXPECT_TRUE(by_id.emplace(r.feed_id, r.body).second) << "twice: " << r.feed_id;
  }
  for (int i = 0; i < 60; ++i) {
    EXPECT_EQ(by_id[i], "body " + std::to_string(i));
  }
}

TEST(FetcherNetwork, PerHostCapBoundsConnectionsToOneServer) {
  HttpServer server;
  auto requests = numbered_requests(server, 40);
  FetcherOptions options;
  options.max_concurrency = 16;
  options.max_per_host = 3;
  auto results = fetch_all(requests, options);
  ASSERT_EQ(results.size(), requests.size());
  EXPECT_LE(connections_seen(server).size(), 3u);
}

TEST(FetcherNetwork, GlobalCapBoundsTransfersInFlight) {
  HttpServer server;
  auto requests = numbered_requests(server, 40);
  FetcherOptions options;
  options.max_concurrency = 2;
  options.max_per_host = 8;
  auto results = fetch_all(requests, options);
  ASSERT_EQ(results.size(), requests.size());
  EXPECT_LE(connections_seen(server).size(), 2u);
}

TEST(FetcherNetwork, BusyHostDoesNotTakeTheSlotsOfOtherHosts) {
  HttpServer busy;
  HttpServer other;
  std::vector<model::FetchRequest> requests;
  for (int i = 0; i < 8; ++i) {
    const std::string path = "/stall" + std::to_string(i);
    busy.stall(path);
    requests.push_back(request_for(busy.url(path), i));
  }
  other.serve("/feed", "x", "text/plain");
  requests.push_back(request_for(other.url("/feed"), 100));  // queued behind the busy host
  FetcherOptions options;
  options.max_concurrency = 4;
  options.max_per_host = 2;
  options.cycle_deadline = 1s;  // ends the stalled transfers
  auto results = fetch_all(requests, options);
  ASSERT_EQ(results.size(), requests.size());
  EXPECT_EQ(results.front().feed_id, 100);
  EXPECT_TRUE(results.front().ok()) << results.front().error;
}

TEST(FetcherNetwork, ConnectionIsReusedAcrossRuns) {
  HttpServer server;
  server.serve("/feed", "x", "text/plain");
  Fetcher fetcher(FetcherOptions{});
  int results = 0;
  for (int run = 0; run < 3; ++run) {
    fetcher.run({request_for(server.url("/feed"))}, [&](model::FetchResult&& r) {
      EXPECT_TRUE(r.ok()) << r.error;
      ++results;
    });
  }
  EXPECT_EQ(results, 3);
  EXPECT_EQ(connections_seen(server).size(), 1u);
}

TEST(FetcherNetwork, EmptyRunCallsNothing) {
  Fetcher fetcher(FetcherOptions{});
  int calls = 0;
  fetcher.run({}, [&](model::FetchResult&&) { ++calls; });
  EXPECT_EQ(calls, 0);
}

TEST(FetcherNetwork, ExceptionFromTheCallbackLeavesTheFetcherUsable) {
  HttpServer server;
  auto requests = numbered_requests(server, 10);
  Fetcher fetcher(FetcherOptions{});
  EXPECT_THROW(fetcher.run(requests, [](model::FetchResult&&) { throw std::runtime_error("x"); }),
               std::runtime_error);
  int calls = 0;
  fetcher.run(requests, [&](model::FetchResult&& r) {
    EXPECT_TRUE(r.ok()) << r.error;
    ++calls;
  });
  EXPECT_EQ(calls, 10);
}

TEST(FetcherNetwork, ConfigUrlOnAPrivateAddressIsTrusted) {
  HttpServer server;
  server.serve("/feed", "x", "text/plain");
  auto r = fetch_one(request_for(server.url("/feed")));
  EXPECT_TRUE(r.ok()) << r.error;
}

TEST(FetcherNetwork, RedirectWithinTheSameOriginIsTrusted) {
  HttpServer server;
  server.redirect("/old", 301, "/new");
  server.serve("/new", "x", "text/plain");
  auto r = fetch_one(request_for(server.url("/old")));
  EXPECT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.final_url, server.url("/new"));
}

TEST(FetcherNetwork, RedirectToAnotherPrivateOriginIsRefused) {
  HttpServer intranet;
  intranet.serve("/secret", "secret", "text/plain");
  HttpServer server;
  server.redirect("/feed", 302, intranet.url("/secret"));
  auto r = fetch_one(request_for(server.url("/feed")));
  EXPECT_EQ(r.error, "refused to connect to private address 127.0.0.1 (redirected from " +
                         server.url("/feed") + ")");
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(intranet.request_count("/secret"), 0u);
}

TEST(FetcherNetwork, RedirectToAnotherPrivateOriginIsFollowedWhenAllowed) {
  HttpServer intranet;
  intranet.serve("/secret", "secret", "text/plain");
  HttpServer server;
  server.redirect("/feed", 302, intranet.url("/secret"));
  auto req = request_for(server.url("/feed"));
  req.private_networks = model::PrivateNetworks::allow;
  auto r = fetch_one(req);
  EXPECT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.body, "secret");
}

TEST(FetcherNetwork, ReadingListUrlOnAPrivateAddressIsRefused) {
  HttpServer server;
  server.serve("/feed", "x", "text/plain");
  auto req = request_for(server.url("/feed"));
  req.private_networks = model::PrivateNetworks::refuse;
  auto r = fetch_one(req);
  EXPECT_EQ(r.error, "refused to connect to private address 127.0.0.1");
  EXPECT_EQ(server.request_count("/feed"), 0u);
}

TEST(FetcherNetwork, ReadingListUrlOnAConnectionLeftOpenByATrustedFeedIsRefused) {
  // The second run would reuse the first run's connection, opening no socket to check: the
  // check before each request refuses the literal private host.
  HttpServer server;
  server.serve("/written", "x", "text/plain");
  server.serve("/listed", "y", "text/plain");
  Fetcher fetcher(FetcherOptions{});
  std::vector<model::FetchResult> results;
  auto keep = [&](model::FetchResult&& r) { results.push_back(std::move(r)); };
  fetcher.run({request_for(server.url("/written"))}, keep);
  auto listed = request_for(server.url("/listed"));
  listed.private_networks = model::PrivateNetworks::refuse;
  fetcher.run({listed}, keep);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_TRUE(results[0].ok()) << results[0].error;
  EXPECT_EQ(results[1].error, "refused to connect to private address 127.0.0.1");
  EXPECT_EQ(results[1].body, "");
  EXPECT_EQ(server.request_count("/listed"), 0u);
}

TEST(FetcherNetwork, CycleDeadlineAbandonsTransfersInFlight) {
  HttpServer server;
  server.serve("/fast", "x", "text/plain");
  server.stall("/stall1");
  server.stall("/stall2");
  FetcherOptions options;
  options.max_concurrency = 2;
  options.cycle_deadline = 500ms;
  auto results =
      fetch_all({request_for(server.url("/fast"), 1), request_for(server.url("/stall1"), 2),
                 request_for(server.url("/stall2"), 3)},
                options);
  ASSERT_EQ(results.size(), 3u);
  for (const auto& r : results) {
    if (r.feed_id == 1) {
      EXPECT_TRUE(r.ok()) << r.error;
    } else {
      EXPECT_EQ(r.error, "abandoned at the cycle deadline of 500 ms");
      EXPECT_LT(r.elapsed, 20s);
    }
  }
}

TEST(FetcherNetwork, CycleDeadlineReportsRequestsNeverStarted) {
  HttpServer server;
  server.stall("/stall");
  server.serve("/later", "x", "text/plain");
  FetcherOptions options;
  options.max_concurrency = 1;
  options.cycle_deadline = 2s;
  auto results = fetch_all(
      {request_for(server.url("/stall"), 1), request_for(server.url("/later"), 2)}, options);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].error, "abandoned at the cycle deadline of 2 s");
  EXPECT_EQ(results[1].feed_id, 2);
  EXPECT_EQ(results[1].error, "abandoned at the cycle deadline of 2 s");
  EXPECT_EQ(server.request_count("/later"), 0u);
}

TEST(FetcherNetwork, CancellationAbandonsTransfersAndQueuedRequests) {
  HttpServer server;
  server.stall("/stall");
  server.serve("/later", "x", "text/plain");
  FetcherOptions options;
  options.max_concurrency = 1;
  std::atomic<bool> stop{false};
  options.cancelled = [&] { return stop.load(); };
  Fetcher fetcher(options);
  std::vector<model::FetchResult> results;
  std::thread stopper([&] {
    // Cancel once the stalled request has reached the server (a bound on a hang only).
    auto deadline = std::chrono::steady_clock::now() + 60s;
    while (server.request_count("/stall") == 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(10ms);
    }
    stop = true;
  });
  fetcher.run({request_for(server.url("/stall"), 1), request_for(server.url("/later"), 2)},
              [&](model::FetchResult&& r) { results.push_back(std::move(r)); });
  stopper.join();
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].feed_id, 1);
  EXPECT_EQ(results[0].error, "cancelled: orrery is stopping");
  EXPECT_EQ(results[1].feed_id, 2);
  EXPECT_EQ(results[1].error, "cancelled: orrery is stopping");
  EXPECT_EQ(server.request_count("/later"), 0u);
}

TEST(FetcherNetwork, CancelledBeforeTheRunSendsNothing) {
  HttpServer server;
  server.serve("/feed", "x", "text/plain");
  FetcherOptions options;
  options.cancelled = [] { return true; };
  auto results = fetch_all({request_for(server.url("/feed"), 1)}, options);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].error, "cancelled: orrery is stopping");
  EXPECT_EQ(server.request_count("/feed"), 0u);
}

orrery::test::TlsFiles test_tls() {
  return {orrery::test::data_path("fetch/test_cert.pem").string(),
          orrery::test::data_path("fetch/test_key.pem").string()};
}

TEST(FetcherNetwork, UntrustedCertificateIsRefused) {
  HttpServer server(test_tls());
  server.serve("/feed", "x", "text/plain");
  auto r = fetch_one(request_for(server.url("/feed")));
  EXPECT_EQ(r.error.rfind("TLS failed: ", 0), 0u) << r.error;
  EXPECT_NE(r.error.find("certificate"), std::string::npos) << r.error;
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(server.request_count("/feed"), 0u);
}

TEST(FetcherNetwork, CertificateFromTheConfiguredBundleIsTrusted) {
  HttpServer server(test_tls());
  server.serve("/feed", "x", "text/plain");
  FetcherOptions options;
  options.ca_bundle = test_tls().cert_path;
  auto r = fetch_one(request_for(server.url("/feed")), options);
  EXPECT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.body, "x");
}

}  // namespace
}  // namespace orrery::fetch
