#pragma once
// The `orrery parse --json` output (../shared/PARSE-JSON.md): a ParsedFeed under the Universal
// Feed Parser's field names.

#include <string>

#include "model/parsed_feed.h"

namespace orrery::parse {

// Serialises `feed` as one JSON object (UTF-8, no trailing newline).
std::string to_feedparser_json(const model::ParsedFeed& feed);

}  // namespace orrery::parse
