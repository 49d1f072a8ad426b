#pragma once
// HTTP-date (RFC 9110 §5.6.7): the three forms a recipient must accept, for Retry-After.

#include <optional>
#include <string_view>

#include "util/time.h"

namespace orrery::fetch {

// Parses IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the obsolete RFC 850 form
// ("Sunday, 06-Nov-94 08:49:37 GMT") and asctime ("Sun Nov  6 08:49:37 1994"). The weekday is
// not checked against the date. A two-digit year is read as 1970–2069. nullopt for anything
// else, including a zone other than GMT/UTC.
std::optional<util::TimePoint> parse_http_date(std::string_view text);

}  // namespace orrery::fetch
