#pragma once
// Instants and their text forms. Every instant in orrery is a UTC std::chrono::sys_seconds;
// formatting is locale-independent (C locale month and day names) so pages do not change with
// the environment.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace orrery::util {

using TimePoint = std::chrono::sys_seconds;

// The wall clock, truncated to seconds. Only app/ and cli/ call it; stages take `now` as input.
TimePoint now();

// Builds an instant from a civil UTC date and time; nullopt when a field is out of range
// (month 13, day 31 of April, hour 25, second 61). offset_seconds is subtracted, so
// 10:00 at +02:00 becomes 08:00 UTC. A second of 60 (a leap second) is read as 59.
std::optional<TimePoint> from_civil(int year, int month, int day, int hour, int minute, int second,
                                    int offset_seconds = 0);

// 2003-12-31T10:14:55Z (RFC 3339, always UTC).
std::string format_rfc3339(TimePoint t);

// Parses exactly the form format_rfc3339 writes (plus fractional seconds and numeric offsets);
// nullopt otherwise. For reading orrery's own stored values, not feed dates.
std::optional<TimePoint> parse_rfc3339(std::string_view text);

// Wed, 31 Dec 2003 10:14:55 +0000 (RFC 822/2822 as RSS 2.0 wants it).
std::string format_rfc822(TimePoint t);

// Wed, 31 Dec 2003 10:14:55 GMT (RFC 9110 IMF-fixdate, for HTTP headers).
std::string format_http_date(TimePoint t);

// strftime with the C locale in UTC (Venus's date_format, e.g. "%B %d, %Y %I:%M %p").
std::string format_strftime(TimePoint t, const std::string& format);

// Seconds since the Unix epoch and back.
std::int64_t to_unix(TimePoint t);
TimePoint from_unix(std::int64_t seconds);

}  // namespace orrery::util
