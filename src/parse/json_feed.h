#pragma once
// Internal: JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) onto ParsedFeed.

#include <string>

#include "model/parsed_feed.h"
#include "parse/parse.h"

namespace orrery::parse {

// Reads `text` (UTF-8) as a JSON Feed into `out` (version "json1" / "json11"). Invalid JSON or a
// document without `version` leaves version "" with bozo set.
void parse_json_feed(const std::string& text, const ParseHints& hints, model::ParsedFeed& out);

}  // namespace orrery::parse
