#include "fetch_helpers.h"

#include <gtest/gtest.h>

namespace orrery::fetch::test {

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
