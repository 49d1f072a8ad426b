#pragma once
// feeds.html: the planet's subscriptions and their health, for readers and feed authors. A
// standalone, accessible page (landmarks, headings, <time datetime>, light and dark schemes
// with AA contrast, no script, no request to another host). Failing feeds come first with the
// reason in plain words and since when, then gone, moved (with the new address), read with
// recovery, inactive, not fetched yet, and ok. No local path and no internal error text: a feed
// read from a file is shown by its name only.

#include <string>

#include "health/health.h"
#include "util/time_zone.h"

namespace orrery::render {

// The page. `index_link` is the planet's front page as the page links it ("index.html", or the
// planet's link); "" leaves the link out. Dates and times are shown in `zone` (the planet's
// time_zone, with its abbreviation); every <time datetime> stays UTC.
std::string write_health_page(const health::PlanetHealth& planet, const std::string& index_link,
                              const util::TimeZone& zone = util::TimeZone{});

}  // namespace orrery::render
