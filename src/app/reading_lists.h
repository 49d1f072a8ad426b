#pragma once
// Reading lists during a cycle: each list named in the config is fetched (a conditional GET
// against the copy cached in cache_directory/lists), parsed, and the feeds it names are added to
// the config's subscriptions. A list that cannot be fetched or parsed is read from its cached
// copy instead, so one failed fetch never drops the list's feeds.

#include <string>

#include "config/config.h"
#include "fetch/fetcher.h"

namespace orrery::app {

enum class ListSource {
  fetch,       // fetch each list, falling back to its cached copy
  cache_only,  // read the cached copies only (commands that do not fetch, such as expunge)
};

// How the lists of one config were read.
struct ListsOutcome {
  int lists = 0;        // reading lists in the config
  int from_cache = 0;   // read from the cached copy (not modified, or a failure)
  int unavailable = 0;  // neither fetched nor cached: their feeds are missing this time
  int feeds_added = 0;  // feeds added to config.feeds
};

// Adds the feeds of every reading list of `config` to config.feeds (after the feeds written in
// the config; see config::add_listed_feeds for precedence and what is left out). Each list is
// fetched with `options` (with ListSource::fetch), bounded by
// model::limits::k_max_reading_list_bytes, with the private-network policy of a config URL
// (the list's URL is written in the config); the feeds it names are marked with the list's URL,
// and the cycle fetches them under the refusing policy. A good new copy replaces the cached one
// atomically. Everything worth saying is logged, one line naming the list: a list read from its
// cache because the fetch or the parse failed (warning, with the reason), a list with no usable
// copy at all (error), feeds left out (warning). Never throws for a failed list; throws only
// what Fetcher's constructor throws (a broken environment).
ListsOutcome add_reading_list_feeds(config::Config& config, ListSource source,
                                    const fetch::FetcherOptions& options = {});

// The cache file of the reading list at `url`: cache_lists_directory/<hash of the URL>.list.
std::filesystem::path reading_list_cache_path(const config::PlanetSettings& planet,
                                              const std::string& url);

}  // namespace orrery::app
