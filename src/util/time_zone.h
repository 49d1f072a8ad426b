#pragma once
// An IANA time zone read from its TZif file (RFC 8536), without the C library's TZ/localtime
// (process-global, not thread-safe) or a chrono tzdb (libstdc++ 12 has none). Pure: the caller
// reads the file and hands over its bytes.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"
#include "util/time.h"

namespace orrery::util {

// What the clock on the wall says at an instant: seconds east of UTC, and the abbreviation.
struct LocalOffset {
  int offset_seconds = 0;
  bool dst = false;
  std::string abbreviation = "UTC";
};

// A POSIX TZ rule (the TZif footer, e.g. "CET-1CEST,M3.5.0,M10.5.0/3"), for the instants after
// the file's last transition.
struct PosixRule {
  // How one end of daylight time is given: Jn (1..365, no Feb 29), n (0..365) or Mm.w.d.
  struct When {
    enum class Kind { julian_no_leap, julian, month_week_day } kind = Kind::month_week_day;
    int day = 0;  // Jn/n: the day; Mm.w.d: d (0 = Sunday)
    int month = 0;
    int week = 0;                 // 1..5, 5 = the last
    int time_seconds = 2 * 3600;  // local time of the change (-167h..167h)
  };
  LocalOffset standard;
  bool has_dst = false;
  LocalOffset daylight;
  When start;  // daylight begins (in standard local time)
  When end;    // daylight ends (in daylight local time)

  LocalOffset at(TimePoint t) const;
};

// Reads a POSIX TZ string; an error names what is wrong.
Result<PosixRule> parse_posix_tz(std::string_view text);

class TimeZone {
 public:
  // UTC, offset 0: the default.
  TimeZone() = default;

  // A TZif file of version 2 or later (the 64-bit data block and the footer); version 1 files
  // (32-bit block only) are read too. `name` is kept for messages and docs.
  static Result<TimeZone> from_tzif(std::string_view bytes, std::string name);

  const std::string& name() const { return m_name; }
  bool is_utc() const { return m_utc; }

  LocalOffset at(TimePoint t) const;
  int offset_at(TimePoint t) const { return at(t).offset_seconds; }

 private:
  std::string m_name = "UTC";
  bool m_utc = true;
  std::vector<std::int64_t> m_transitions;  // UTC seconds, ascending
  std::vector<std::uint8_t> m_transition_types;
  std::vector<LocalOffset> m_types;
  bool m_has_rule = false;
  PosixRule m_rule;
};

// True when `name` may name a file under a zoneinfo directory: not empty, no leading '/', no
// "." or ".." component, only letters, digits and "/_-+".
bool is_zone_name(std::string_view name);

// strftime (C locale) of the instant as the zone's wall clock shows it; %z and %Z give the
// zone's offset and abbreviation.
std::string format_strftime(TimePoint t, const std::string& format, const TimeZone& zone);

// 2003-12-31T11:14:55+01:00 (RFC 3339 with the zone's offset; "Z" when the offset is 0).
std::string format_rfc3339(TimePoint t, const TimeZone& zone);

}  // namespace orrery::util
