#include "app/expunge.h"

#include <spdlog/spdlog.h>

#include <charconv>
#include <chrono>

#include "app/planet_store.h"
#include "app/reading_lists.h"
#include "model/limits.h"

namespace orrery::app {

namespace {

constexpr const char* k_keep_entries_key = "cache_keep_entries";
constexpr const char* k_keep_days_key = "cache_keep_days";

// A whole number >= 0 no larger than `max`, as Venus's int() reads it (surrounding blanks
// allowed); nullopt otherwise.
std::optional<std::size_t> whole_number(const std::string& text, std::size_t max) {
  std::size_t first = text.find_first_not_of(" \t");
  std::size_t last = text.find_last_not_of(" \t");
  if (first == std::string::npos) return std::nullopt;
  const char* begin = text.data() + first;
  const char* end = text.data() + last + 1;
  std::size_t value = 0;
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr != end || value > max) return std::nullopt;
  return value;
}

// The value of `key` in `raw`, `fallback` when absent; an error naming file, section and key.
util::Result<std::size_t> setting(const config::Config& config, const std::string& section,
                                  const std::map<std::string, std::string>& raw, const char* key,
                                  std::size_t fallback, std::size_t max) {
  auto it = raw.find(key);
  if (it == raw.end()) return fallback;
  std::optional<std::size_t> value = whole_number(it->second, max);
  if (!value) {
    return util::unexpected(config.path.string() + ": [" + section + "] " + key + ": \"" +
                            it->second + "\" is not a whole number from 0 to " +
                            std::to_string(max));
  }
  return *value;
}

}  // namespace

util::Result<store::ExpungePolicy> expunge_policy(const config::Config& config,
                                                  util::TimePoint now) {
  using model::limits::k_max_cache_keep_days;
  using model::limits::k_max_cache_keep_entries;
  store::ExpungePolicy policy;
  policy.subscribed.emplace();
  auto keep = setting(config, "Planet", config.planet.raw, k_keep_entries_key,
                      k_default_cache_keep_entries, k_max_cache_keep_entries);
  if (!keep) return util::unexpected(keep.error().message);
  policy.keep_entries = *keep;
  auto days =
      setting(config, "Planet", config.planet.raw, k_keep_days_key, 0, k_max_cache_keep_days);
  if (!days) return util::unexpected(days.error().message);
  if (*days > 0) {
    policy.older_than = now - std::chrono::days(static_cast<std::int64_t>(*days));
  }
  for (const config::FeedSettings& feed : config.feeds) {
    policy.subscribed->push_back(feed.url);
    if (feed.raw.count(k_keep_entries_key) == 0) continue;
    auto own = setting(config, feed.url, feed.raw, k_keep_entries_key, 0, k_max_cache_keep_entries);
    if (!own) return util::unexpected(own.error().message);
    policy.keep_entries_by_feed[feed.url] = *own;
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
