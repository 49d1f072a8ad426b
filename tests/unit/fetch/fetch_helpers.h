#pragma once
// Shared helpers for the fetch tests: run requests through a real Fetcher.

#include <cstdint>
#include <string>
#include <vector>

#include "fetch/fetcher.h"

namespace orrery::fetch::test {

inline model::FetchRequest request_for(std::string url, std::int64_t feed_id = 1) {
  model::FetchRequest r;
  r.feed_id = feed_id;
  r.url = std::move(url);
  return r;
}

// Runs one request and returns its result; fails the test unless on_result ran exactly once.
model::FetchResult fetch_one(const model::FetchRequest& request, FetcherOptions options = {});

// Runs every request in one Fetcher::run and returns the results in completion order.
std::vector<model::FetchResult> fetch_all(const std::vector<model::FetchRequest>& requests,
                                          FetcherOptions options = {});

}  // namespace orrery::fetch::test
