#include "parse/dates.h"

#include <array>
#include <string>
#include <vector>

#include "model/limits.h"
#include "parse/date_parts.h"
#include "util/strings.h"

namespace orrery::parse {

using util::TimePoint;

namespace date_parts {

// Reads a run of 1..max_digits digits at s[pos]; returns the count read (0 if none).
std::size_t read_number(std::string_view s, std::size_t pos, std::size_t max_digits, int& value) {
  std::size_t n = 0;
  value = 0;
  while (pos + n < s.size() && n < max_digits && is_digit(s[pos + n])) {
    value = value * 10 + (s[pos + n] - '0');
    ++n;
  }
  return n;
}

// The instant, refusing results outside years 1..9999 after the offset is applied (a date near
// the edge with a large offset, like `31 Dec 9999 23:59:59 -9999`).
std::optional<TimePoint> make_instant(int year, int month, int day, int hour, int minute,
                                      int second, int offset_seconds) {
  auto t = util::from_civil(year, month, day, hour, minute, second, offset_seconds);
  static const auto k_last = util::from_civil(9999, 12, 31, 23, 59, 59);
  static const auto k_first = util::from_civil(1, 1, 1, 0, 0, 0);
  if (!t || *t > *k_last || *t < *k_first) {
    return std::nullopt;
  }
  return t;
}

// A numeric zone: `Z`, `+hh`, `+hhmm`, `+hh:mm` (and `-`). nullopt when malformed.
std::optional<int> numeric_zone(std::string_view z) {
  if (z == "Z" || z == "z") {
    return 0;
  }
  if (z.size() < 3 || (z[0] != '+' && z[0] != '-')) {
    return std::nullopt;
  }
  int sign = z[0] == '-' ? -1 : 1;
  z.remove_prefix(1);
  int hours = 0, minutes = 0;
  if (read_number(z, 0, 2, hours) != 2) {
    return std::nullopt;
  }
  z.remove_prefix(2);
  if (!z.empty() && z[0] == ':') {
    z.remove_prefix(1);
  }
  if (!z.empty() && (read_number(z, 0, 2, minutes) != 2 || z.size() != 2)) {
    return std::nullopt;
  }
  if (hours > 23 || minutes > 59) {
    return std::nullopt;
  }
  return sign * (hours * 3600 + minutes * 60);
}

// Zone names feeds use, in minutes east of UTC: RFC 822 §5's, the military letters feedparser
// honours, feedparser's additions (AT, ET, CT, MT, PT, MET, MEST), and the abbreviations of
// the zones blogs publish from that name one offset only (IST, which is India, Ireland and
// Israel, is not among them: such a date is left without one).
std::optional<int> named_zone(std::string_view name) {
  struct Zone {
    std::string_view name;
    int minutes;
  };
  static constexpr std::array<Zone, 57> k_zones{{
      {"ut", 0},
      {"utc", 0},
      {"gmt", 0},
      {"z", 0},
      {"adt", -3 * 60},
      {"ast", -4 * 60},
      {"at", -4 * 60},
      {"edt", -4 * 60},
      {"est", -5 * 60},
      {"et", -5 * 60},
      {"cdt", -5 * 60},
      {"cst", -6 * 60},
      {"ct", -6 * 60},
      {"mdt", -6 * 60},
      {"mst", -7 * 60},
      {"mt", -7 * 60},
      {"pdt", -7 * 60},
      {"pst", -8 * 60},
      {"pt", -8 * 60},
      {"a", -1 * 60},
      {"n", 1 * 60},
      {"m", -12 * 60},
      {"y", 12 * 60},
      {"met", 1 * 60},
      {"mest", 2 * 60},
      // Europe
      {"wet", 0},
      {"west", 60},
      {"bst", 60},
      {"cet", 60},
      {"cest", 2 * 60},
      {"eet", 2 * 60},
      {"eest", 3 * 60},
      {"msk", 3 * 60},
      // Asia and Oceania
      {"jst", 9 * 60},
      {"kst", 9 * 60},
      {"hkt", 8 * 60},
      {"sgt", 8 * 60},
      {"pht", 8 * 60},
      {"awst", 8 * 60},
      {"acst", 9 * 60 + 30},
      {"acdt", 10 * 60 + 30},
      {"aest", 10 * 60},
      {"aedt", 11 * 60},
      {"nzst", 12 * 60},
      {"nzdt", 13 * 60},
      {"wib", 7 * 60},
      // the Americas and Africa
      {"hst", -10 * 60},
      {"akst", -9 * 60},
      {"akdt", -8 * 60},
      {"nst", -(3 * 60 + 30)},
      {"ndt", -(2 * 60 + 30)},
      {"brt", -3 * 60},
      {"art", -3 * 60},
      {"sast", 2 * 60},
      {"cat", 2 * 60},
      {"eat", 3 * 60},
      {"wat", 60},
  }};
  std::string lower = util::to_lower(name);
  if (lower.rfind("etc/", 0) == 0) {
    lower.erase(0, 4);  // tz database names: Etc/GMT, Etc/UTC
  }
  // GMT-05:00, UTC+0100: feedparser reads the offset after the name.
  if (lower.size() > 3 && (lower.rfind("gmt", 0) == 0 || lower.rfind("utc", 0) == 0) &&
      (lower[3] == '+' || lower[3] == '-')) {
    return numeric_zone(std::string_view(lower).substr(3));
  }
  for (const Zone& z : k_zones) {
    if (z.name == lower) {
      return z.minutes * 60;
    }
  }
  return std::nullopt;
}

std::optional<int> any_zone(std::string_view z) {
  if (z.empty()) {
    return 0;
  }
  if (z[0] == '+' || z[0] == '-') {
    return numeric_zone(z);
  }
  return named_zone(z);
}

}  // namespace date_parts

namespace {

using namespace date_parts;

// January … December, or their three-letter abbreviations; 0 when not a month.
int month_number(std::string_view word) {
  static constexpr std::array<std::string_view, 12> k_names{
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  std::string lower = util::to_lower(word);
  if (lower.size() < 3) {
    return 0;
  }
  for (std::size_t i = 0; i < k_names.size(); ++i) {
    if (lower == k_names[i] || lower == k_names[i].substr(0, 3) ||
        (lower.size() == 4 && lower == "sept" && i == 8)) {
      return static_cast<int>(i) + 1;
    }
  }
  return 0;
}

bool is_weekday(std::string_view word) {
  static constexpr std::array<std::string_view, 7> k_names{
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  std::string lower = util::to_lower(word);
  if (lower.size() < 3) {
    return false;
  }
  for (std::string_view name : k_names) {
    if (lower == name || lower == name.substr(0, 3)) {
      return true;
    }
  }
  return false;
}

bool all_digits(std::string_view s) {
  if (s.empty()) {
    return false;
  }
  for (char c : s) {
    if (!is_digit(c)) {
      return false;
    }
  }
  return true;
}

// hh:mm[:ss] → fields; false when malformed.
bool parse_clock(std::string_view s, int& hour, int& minute, int& second) {
  second = 0;
  std::size_t n = read_number(s, 0, 2, hour);
  if (n == 0 || n >= s.size() || s[n] != ':') {
    return false;
  }
  std::size_t pos = n + 1;
  std::size_t m = read_number(s, pos, 2, minute);
  if (m != 2) {
    return false;
  }
  pos += m;
  if (pos == s.size()) {
    return true;
  }
  if (s[pos] != ':' || read_number(s, pos + 1, 2, second) != 2 || pos + 3 != s.size()) {
    return false;
  }
  return true;
}

// RFC 2822 §4.3: two-digit years 00–49 are 20xx, 50–99 are 19xx; three-digit years add 1900.
int full_year(std::string_view digits, int year) {
  if (digits.size() <= 2) {
    return year < 50 ? 2000 + year : 1900 + year;
  }
  if (digits.size() == 3) {
    return 1900 + year;
  }
  return year;
}

// `2006/09/15` (Perforce's date format) → fields.
bool parse_slashed(std::string_view s, int& year, int& month, int& day) {
  std::size_t n = read_number(s, 0, 4, year);
  if (n != 4 || n >= s.size() || s[n] != '/') {
    return false;
  }
  std::size_t m = read_number(s, n + 1, 2, month);
  std::size_t pos = n + 1 + m;
  if (m == 0 || pos >= s.size() || s[pos] != '/') {
    return false;
  }
  std::size_t d = read_number(s, pos + 1, 2, day);
  return d > 0 && pos + 1 + d == s.size();
}

std::vector<std::string> rfc822_tokens(std::string_view text) {
  std::string cleaned(text);
  for (char& c : cleaned) {
    if (c == ',') {
      c = ' ';
    }
  }
  return util::split_whitespace(cleaned);
}

// After the weekday: the date part as day/month/year, whichever order the feed used.
struct DateFields {
  int year = 0, month = 0, day = 0;
  std::string time;
  std::string zone;
};

bool read_date_fields(const std::vector<std::string>& t, DateFields& f) {
  std::size_t rest = 0;
  if (!t.empty() && parse_slashed(t[0], f.year, f.month, f.day)) {
    rest = 1;  // 2006/09/15 08:19:53 EDT
  } else if (t.size() >= 3 && all_digits(t[0]) && month_number(t[1]) && all_digits(t[2])) {
    read_number(t[0], 0, 2, f.day);  // 31 Dec 2003 …
    f.month = month_number(t[1]);
    if (t[0].size() > 2 || t[2].size() > 4) return false;
    read_number(t[2], 0, 4, f.year);
    f.year = full_year(t[2], f.year);
    rest = 3;
  } else if (t.size() >= 3 && month_number(t[0]) && all_digits(t[1]) && all_digits(t[2])) {
    read_number(t[1], 0, 2, f.day);  // Aug 30 2012 …
    f.month = month_number(t[0]);
    if (t[1].size() > 2 || t[2].size() > 4) return false;
    read_number(t[2], 0, 4, f.year);
    f.year = full_year(t[2], f.year);
    rest = 3;
  } else if ((t.size() == 4 || t.size() == 5) && month_number(t[0]) && all_digits(t[1]) &&
             all_digits(t.back()) && t.back().size() == 4) {
    // asctime: Nov 6 08:49:37 1994; with a zone before the year (Unix date, Twitter):
    // Sun Jan 4 16:29:06 PST 2004, Sun Jul 15 01:16:00 +0000 2012
    read_number(t[1], 0, 2, f.day);
    f.month = month_number(t[0]);
    read_number(t.back(), 0, 4, f.year);
    f.time = t[2];
    if (t.size() == 5) f.zone = t[3];
    return t[1].size() <= 2;
  } else {
    return false;
  }
  if (rest < t.size()) f.time = t[rest++];
  if (rest < t.size()) f.zone = t[rest++];
  // `+0000 (GMT)` and `GMT+0100`-free tails only: anything else is not a date we know.
  return rest == t.size() || (rest + 1 == t.size() && t[rest].front() == '(');
}

}  // namespace

std::optional<TimePoint> parse_rfc822_date(std::string_view text) {
  std::vector<std::string> tokens = rfc822_tokens(text);
  if (!tokens.empty() && is_weekday(tokens.front())) {
    tokens.erase(tokens.begin());
  }
  DateFields f;
  if (!read_date_fields(tokens, f)) {
    return std::nullopt;
  }
  int hour = 0, minute = 0, second = 0;
  if (!f.time.empty() && !parse_clock(f.time, hour, minute, second)) {
    return std::nullopt;
  }
  std::optional<int> offset = any_zone(f.zone);
  if (!offset) {
    return std::nullopt;
  }
  return make_instant(f.year, f.month, f.day, hour, minute, second, *offset);
}

std::optional<TimePoint> parse_date(std::string_view text) {
  std::string_view s = util::trim(text);
  if (s.empty() || s.size() > model::limits::k_max_date_bytes) {
    return std::nullopt;
  }
  if (auto t = parse_w3c_date(s)) return t;
  if (auto t = parse_rfc822_date(s)) return t;
  return parse_localized_date(s);
}

}  // namespace orrery::parse
