#include "render/health_json.h"

#include <nlohmann/json.hpp>

namespace orrery::render {

namespace {

using nlohmann::ordered_json;

// The version of the object's shape: raised only when a field changes meaning or goes away
// (new fields may be added under the same version).
constexpr int k_health_json_version = 1;

ordered_json time_or_null(const std::optional<util::TimePoint>& t) {
  return t ? ordered_json(util::format_rfc3339(*t)) : ordered_json(nullptr);
}

ordered_json text_or_null(const std::string& s) {
  return s.empty() ? ordered_json(nullptr) : ordered_json(s);
}

ordered_json feed_object(const health::FeedHealth& f, HealthAudience audience) {
  ordered_json o;
  o["name"] = f.name;
  o["url"] = text_or_null(audience == HealthAudience::published ? f.public_url : f.url);
  o["link"] = text_or_null(f.link);
  o["state"] = std::string(health::state_name(f.state));
  o["words"] = text_or_null(f.words);
  o["sentence"] = health::sentence(f);
  o["since"] = time_or_null(f.since);
  o["moved_to"] = text_or_null(f.moved_to);
  if (audience == HealthAudience::operator_only) {
    o["error"] = text_or_null(f.error);
  }
  o["last_status"] = f.last_status != 0 ? ordered_json(f.last_status) : ordered_json(nullptr);
  o["consecutive_failures"] = f.consecutive_failures;
  o["last_fetched"] = time_or_null(f.last_fetched);
  o["last_success"] = time_or_null(f.last_success);
  o["next_poll"] = time_or_null(f.next_poll);
  o["next_poll_reason"] = text_or_null(f.next_poll_reason);
  o["last_new_entry"] = time_or_null(f.last_new_entry);
  o["newest_entry"] = time_or_null(f.newest_entry);
  o["entries_kept"] = f.entries_kept;
  return o;
}

}  // namespace

std::string write_health_json(const health::PlanetHealth& planet, HealthAudience audience) {
  ordered_json doc;
  doc["version"] = k_health_json_version;
  doc["planet"] = planet.name;
  // The time the facts date from (the newest attempt of any feed), not the render's clock: an
  // unchanged planet renders the same bytes, so the file keeps its time and costs no write.
  doc["generated"] = time_or_null(planet.last_fetched);
  const health::Counts& c = planet.counts;
  ordered_json summary;
  summary["line"] = health::counts_line(c);
  summary["feeds"] = c.feeds;
  summary["ok"] = c.ok;
  summary["failing"] = c.failing;
  summary["gone"] = c.gone;
  summary["moved"] = c.moved;
  summary["recovered"] = c.recovered;
  summary["inactive"] = c.inactive;
  summary["not_fetched"] = c.not_fetched;
  summary["last_fetched"] = time_or_null(planet.last_fetched);
  summary["newest_entry"] = time_or_null(planet.newest_entry);
  doc["summary"] = std::move(summary);
  ordered_json feeds = ordered_json::array();
  for (const health::FeedHealth& f : planet.feeds) {
    feeds.push_back(feed_object(f, audience));
  }
  doc["feeds"] = std::move(feeds);
  // Invalid UTF-8 (a feed title stored from a broken document) is replaced, never a throw.
  return doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace orrery::render
