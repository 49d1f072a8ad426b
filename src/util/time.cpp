#include "util/time.h"

#include <cstdio>
#include <ctime>

#include "util/strftime.h"

namespace orrery::util {

namespace {

constexpr const char* k_weekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct Civil {
  int year, month, day, hour, minute, second, weekday;
};

Civil to_civil(TimePoint t) {
  auto days = std::chrono::floor<std::chrono::days>(t);
  std::chrono::year_month_day ymd{days};
  std::chrono::hh_mm_ss hms{t - days};
  std::chrono::weekday wd{days};
  return Civil{int(ymd.year()),
               static_cast<int>(unsigned(ymd.month())),
               static_cast<int>(unsigned(ymd.day())),
               static_cast<int>(hms.hours().count()),
               static_cast<int>(hms.minutes().count()),
               static_cast<int>(hms.seconds().count()),
               static_cast<int>(wd.c_encoding())};
}

}  // namespace

TimePoint now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::optional<TimePoint> from_civil(int year, int month, int day, int hour, int minute, int second,
                                    int offset_seconds) {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 24 || minute < 0 ||
      minute > 59 || second < 0 || second > 60 || year < 1 || year > 9999) {
    return std::nullopt;
  }
  if (hour == 24 && (minute != 0 || second != 0)) {
    return std::nullopt;
  }
  if (second == 60) {
    second = 59;
  }
  std::chrono::year_month_day ymd{std::chrono::year{year},
                                  std::chrono::month{static_cast<unsigned>(month)},
                                  std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  auto t = std::chrono::sys_days{ymd} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
           std::chrono::seconds{second} - std::chrono::seconds{offset_seconds};
  return std::chrono::time_point_cast<std::chrono::seconds>(t);
}

std::string format_rfc3339(TimePoint t) {
  Civil c = to_civil(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour,
                c.minute, c.second);
  return buf;
}

std::optional<TimePoint> parse_rfc3339(std::string_view text) {
  int y, mo, d, h, mi, s;
  std::string owned(text);
  int consumed = 0;
  if (std::sscanf(owned.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s,
                  &consumed) != 6) {
    return std::nullopt;
  }
  std::string_view rest = text.substr(static_cast<std::size_t>(consumed));
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') {
      rest.remove_prefix(1);
    }
  }
  int offset = 0;
  if (rest == "Z" || rest == "z") {
    offset = 0;
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    int oh = (rest[1] - '0') * 10 + (rest[2] - '0');
    int om = (rest[4] - '0') * 10 + (rest[5] - '0');
    offset = (oh * 3600 + om * 60) * (rest[0] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  return from_civil(y, mo, d, h, mi, s, offset);
}

std::string format_rfc822(TimePoint t) {
  Civil c = to_civil(t);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", k_weekdays[c.weekday],
                c.day, k_months[c.month - 1], c.year, c.hour, c.minute, c.second);
  return buf;
}

std::string format_http_date(TimePoint t) {
  Civil c = to_civil(t);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", k_weekdays[c.weekday],
                c.day, k_months[c.month - 1], c.year, c.hour, c.minute, c.second);
  return buf;
}

std::string format_strftime_tm(const std::tm& tm, const std::string& format) {
  // strftime uses LC_TIME; orrery never calls setlocale, so this is the C locale. It returns 0
  // both for an empty result and for a buffer too small, so the buffer grows a few times.
  std::string out(format.size() * 4 + 64, '\0');
  for (int attempt = 0; attempt < 4; ++attempt) {
    // The format is the operator's date_format: a runtime string by design.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    std::size_t n = std::strftime(out.data(), out.size(), format.c_str(), &tm);
#pragma GCC diagnostic pop
    if (n > 0 || format.empty()) {
      out.resize(n);
      return out;
    }
    out.resize(out.size() * 4);
  }
  return {};
}

std::string format_strftime(TimePoint t, const std::string& format) {
  std::time_t tt = static_cast<std::time_t>(to_unix(t));
  std::tm tm{};
  ::gmtime_r(&tt, &tm);
  return format_strftime_tm(tm, format);
}

std::int64_t to_unix(TimePoint t) { return t.time_since_epoch().count(); }

TimePoint from_unix(std::int64_t seconds) { return TimePoint{std::chrono::seconds{seconds}}; }

}  // namespace orrery::util
