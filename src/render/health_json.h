#pragma once
// health.json and `orrery status --json`: the planet's health (health::PlanetHealth) as one JSON
// object whose shape docs/status.md documents and keeps stable.

#include <string>

#include "health/health.h"

namespace orrery::render {

// Who reads the object. published (health.json in the output): a feed's `url` is its public
// address only (null for a local path). operator_only (`orrery status --json`): `url` is the
// subscription as written in the config, and `error` orrery's own line for the last failure.
enum class HealthAudience { published, operator_only };

// The object, pretty-printed with two-space indents and a final newline. Times are RFC 3339
// UTC strings, or null when unknown. It depends only on the data: `generated` is the newest
// attempt of any feed (null before the first), not `planet.generated`.
std::string write_health_json(const health::PlanetHealth& planet, HealthAudience audience);

}  // namespace orrery::render
