#pragma once
// Internal: the pieces the date parsers (dates.cpp, dates_w3c.cpp, dates_localized.cpp) share.

#include <cstddef>
#include <optional>
#include <string_view>

#include "util/time.h"

namespace orrery::parse {

// Dates in the Korean, Greek and Hungarian forms feedparser reads (dates_localized.cpp);
// nullopt otherwise.
std::optional<util::TimePoint> parse_localized_date(std::string_view text);

namespace date_parts {

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads a run of 1..max_digits digits at s[pos] into `value`; returns the count read (0 if none).
std::size_t read_number(std::string_view s, std::size_t pos, std::size_t max_digits, int& value);

// The instant; nullopt for impossible fields and results outside years 1..9999 once the offset
// (seconds east of UTC) is applied.
std::optional<util::TimePoint> make_instant(int year, int month, int day, int hour, int minute,
                                            int second, int offset_seconds);

// `Z`, `+hh`, `+hhmm`, `+hh:mm` (or `-`) in seconds east of UTC; nullopt when malformed.
std::optional<int> numeric_zone(std::string_view zone);

// A zone name (UT, GMT, EST, MEST, military letters…) in seconds east of UTC; nullopt if unknown.
std::optional<int> named_zone(std::string_view name);

}  // namespace date_parts
}  // namespace orrery::parse
