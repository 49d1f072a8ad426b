#pragma once
// parse: bytes → ParsedFeed. Detects the format (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed),
// decodes the encoding, recovers from broken XML (setting bozo). Never sees HTTP, never logs,
// never throws on any input: every bound in model/limits.h applies.

#include <string>
#include <string_view>

#include "model/parsed_feed.h"

namespace orrery::parse {

// What the transport knew about the document.
struct ParseHints {
  std::string base_url;          // the document's URL (or --base); "" if none
  std::string content_type;      // full HTTP Content-Type value, "" if none or a local file
  std::string content_location;  // HTTP Content-Location (the base when safe), "" if none
  std::string content_language;  // HTTP Content-Language, "" if none
  std::string forced_encoding;   // --encoding: overrides every declaration, "" if none
};

// Parses one document. A document that is not a feed has version "" (and bozo with the reason).
model::ParsedFeed parse_document(std::string_view bytes, const ParseHints& hints);

}  // namespace orrery::parse
