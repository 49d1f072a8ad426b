#pragma once
// The feed date parser: the forms feeds in the wild write (RFC 822/2822 and its sloppy variants,
// W3C-DTF / ISO 8601, asctime). Hand-written and locale-independent.

#include <optional>
#include <string_view>

#include "util/time.h"

namespace orrery::parse {

// Parses `text` as a feed date and returns the instant in UTC. Returns nullopt when the text is
// not one of the understood forms or names an impossible instant (month 13, hour 25, an unknown
// zone): a date is never guessed. Forms without a zone are read as UTC; forms without a time as
// midnight; a year alone as 1 January.
std::optional<util::TimePoint> parse_date(std::string_view text);

// The two families on their own (parse_date tries both).
std::optional<util::TimePoint> parse_w3c_date(std::string_view text);
std::optional<util::TimePoint> parse_rfc822_date(std::string_view text);

}  // namespace orrery::parse
