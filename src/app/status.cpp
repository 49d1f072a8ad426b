#include "app/status.h"

#include <optional>

#include "app/reading_lists.h"
#include "health/health.h"
#include "render/health_json.h"
#include "store/store.h"

namespace orrery::app {

namespace {

// "2026-05-20 11:00 UTC"
std::string when(const std::optional<util::TimePoint>& t) {
  return t ? util::format_strftime(*t, "%Y-%m-%d %H:%M UTC") : std::string("never");
}

std::string summary_line(const health::PlanetHealth& planet) {
  std::string line = planet.name + ": " + health::counts_line(planet.counts);
  line += "; last checked " + when(planet.last_fetched);
  line += "; newest entry " + when(planet.newest_entry);
  return line + "\n";
}

// One feed: its state and name, then its facts, indented.
std::string feed_block(const health::FeedHealth& f) {
  std::string out =
      "\n" + std::string(health::state_name(f.state)) + "  " + f.name + "  " + f.url + "\n";
  if (f.state != health::State::ok) {
    out += "  " + health::sentence(f) + "\n";
  }
  if (!f.error.empty()) {
    out += "  last error: " + f.error + "\n";
  }
  if (!f.moved_to.empty() && f.state != health::State::moved) {
    out += "  moved to " + f.moved_to + "\n";
  }
  out += "  last HTTP status " +
         (f.last_status != 0 ? std::to_string(f.last_status) : std::string("none")) + "; " +
         std::to_string(f.consecutive_failures) +
         (f.consecutive_failures == 1 ? " failure" : " failures") + " in a row";
  if (f.state == health::State::failing || f.state == health::State::gone) {
    out += "; failing since " + (f.since ? when(f.since) : std::string("unknown"));
  }
  out += "\n";
  out += "  last checked " + when(f.last_fetched) + "; last success " + when(f.last_success) + "\n";
  out += "  last new entry " + when(f.last_new_entry) + "; newest entry " + when(f.newest_entry) +
         "; " + std::to_string(f.entries_kept) + " entries kept\n";
  out += "  next poll " + (f.next_poll ? when(f.next_poll) : std::string("now (due)"));
  if (!f.next_poll_reason.empty()) {
    out += " (" + f.next_poll_reason + ")";
  }
  return out + "\n";
}

}  // namespace

util::Result<std::string, CycleError> planet_status(const config::Config& config,
                                                    StatusFormat format, util::TimePoint now) {
  std::vector<model::ChannelStatus> channels;
  try {
    store::StoreOptions options;
    options.access = store::StoreAccess::read_only;
    store::Store store(config.planet.cache_directory / "orrery.db", options);
    channels = store.channels();
  } catch (const std::exception& e) {
    return util::Unexpected<CycleError>(CycleError{CycleError::Kind::fatal, e.what()});
  }
  // The feeds of the reading lists, as the last cycle read them (no fetch).
  std::optional<config::Config> with_lists;
  if (!config.reading_lists.empty()) {
    with_lists = config;
    add_reading_list_feeds(*with_lists, ListSource::cache_only);
  }
  health::PlanetHealth planet = health::assess(with_lists ? *with_lists : config, channels, now);
  if (format == StatusFormat::json) {
    return render::write_health_json(planet, render::HealthAudience::operator_only);
  }
  std::string out = summary_line(planet);
  for (const health::FeedHealth& f : planet.feeds) {
    out += feed_block(f);
  }
  return out;
}

}  // namespace orrery::app
