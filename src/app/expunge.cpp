#include "app/expunge.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "app/planet_store.h"
#include "app/reading_lists.h"
#include "model/limits.h"

namespace orrery::app {

util::Result<store::ExpungePolicy> expunge_policy(const config::Config& config,
                                                  util::TimePoint now) {
  store::ExpungePolicy policy;
  policy.subscribed.emplace();
  policy.keep_entries = static_cast<std::size_t>(config.planet.cache_keep_entries);
  if (config.planet.cache_keep_days > 0) {
    policy.older_than = now - std::chrono::days(config.planet.cache_keep_days);
  }
  for (const config::FeedSettings& feed : config.feeds) {
    policy.subscribed->push_back(feed.url);
    if (feed.cache_keep_entries) {
      policy.keep_entries_by_feed[feed.url] = static_cast<std::size_t>(*feed.cache_keep_entries);
    }
  }
  return policy;
}

util::Result<store::ExpungeStats, CycleError> run_expunge(const config::Config& config,
                                                          util::TimePoint now) {
  auto fatal = [](std::string message) {
    return util::Unexpected<CycleError>(CycleError{CycleError::Kind::fatal, std::move(message)});
  };
  // The feeds of reading lists are subscriptions too: read from the cached copies. When a list
  // has no usable copy its feeds are unknown, so no feed is removed this time.
  config::Config subscribed = config;
  ListsOutcome lists = add_reading_list_feeds(subscribed, ListSource::cache_only);
  auto policy = expunge_policy(subscribed, now);
  if (!policy) return fatal(policy.error().message);
  if (lists.unavailable > 0) {
    spdlog::warn("expunge: {} reading list(s) have no cached copy: no feed is removed",
                 lists.unavailable);
    policy->subscribed.reset();
  }
  auto planet = PlanetStore::open(config.planet);
  if (!planet) return util::Unexpected<CycleError>(planet.error());
  try {
    return planet->store().expunge(*policy);
  } catch (const std::exception& e) {
    return fatal(e.what());
  }
}

}  // namespace orrery::app
