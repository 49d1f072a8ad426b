#include "fetch_helpers.h"

#include <gtest/gtest.h>
#include <stdlib.h>

namespace orrery::fetch::test {

namespace {

// The Fetcher takes proxies from the environment, as libcurl does; these tests talk only to
// servers on 127.0.0.1 (and to .invalid names), so a proxy set on the test machine must not
// change their outcome.
const bool k_no_proxy = [] { return ::setenv("no_proxy", "*", 1) == 0; }();

}  // namespace

model::FetchResult fetch_one(const model::FetchRequest& request, FetcherOptions options) {
  auto results = fetch_all({request}, std::move(options));
  EXPECT_EQ(results.size(), 1u);
  return results.empty() ? model::FetchResult{} : std::move(results.front());
}

std::vector<model::FetchResult> fetch_all(const std::vector<model::FetchRequest>& requests,
                                          FetcherOptions options) {
  Fetcher fetcher(std::move(options));
  std::vector<model::FetchResult> results;
  fetcher.run(requests, [&](model::FetchResult&& r) { results.push_back(std::move(r)); });
  return results;
}

}  // namespace orrery::fetch::test
