// W3C-DTF and the ISO 8601 forms feeds write (feedparser's templates): YYYY, YYYY-MM,
// YYYY-MM-DD (YYYY-M-D too), YYYY-0MM-DD, YYYYMMDD, ordinal YYYY-DDD / YYYYDDD, two-digit-year
// YY-MM-DD / YYMMDD / YY-DDD / YYDDD, and the implied-century -YY-MM / -YYMM; then an optional
// time and zone.

#include <chrono>

#include "parse/date_parts.h"
#include "parse/dates.h"
#include "util/strings.h"

namespace orrery::parse {

namespace {

using namespace date_parts;

struct Ymd {
  int year = 0, month = 1, day = 1;
  int ordinal = 0;  // day of the year when the date was written that way
};

bool at_date_end(std::string_view s, std::size_t pos) {
  return pos == s.size() || s[pos] == 'T' || s[pos] == 't' || s[pos] == ' ';
}

std::size_t digit_run(std::string_view s, std::size_t pos) {
  std::size_t n = 0;
  while (pos + n < s.size() && is_digit(s[pos + n])) ++n;
  return n;
}

// After `YYYY-` or `YY-`: MM, MM-DD, 0MM-DD (some generators pad the month to three digits) or
// an ordinal DDD.
bool separated_rest(std::string_view s, std::size_t& pos, Ymd& d, bool four_digit_year) {
  std::size_t n = digit_run(s, pos);
  if (n == 3 && at_date_end(s, pos + 3)) {
    read_number(s, pos, 3, d.ordinal);
    pos += 3;
    return true;
  }
  // A one-digit month or day after a four-digit year (2010-3-5) is a sloppy generator's, and
  // feedparser reads it.
  const std::size_t shortest = four_digit_year ? 1 : 2;
  if ((n < shortest || n > 2) && !(n == 3 && s[pos] == '0')) return false;
  read_number(s, pos, n, d.month);
  pos += n;
  if (at_date_end(s, pos)) return true;
  const std::size_t day_digits = s[pos] == '-' ? digit_run(s, pos + 1) : 0;
  if (day_digits < shortest || day_digits > 2) return false;
  read_number(s, pos + 1, day_digits, d.day);
  pos += 1 + day_digits;
  return at_date_end(s, pos);
}

bool iso_date(std::string_view s, std::size_t& pos, Ymd& d) {
  if (s[0] == '-') {
    // -YY-MM and -YYMM (ISO 8601:2000 §5.2.1.3, century implied: the 21st, as feedparser).
    int yy = 0;
    if (digit_run(s, 1) < 2) return false;
    read_number(s, 1, 2, yy);
    d.year = 2000 + yy;
    pos = (s.size() > 3 && s[3] == '-') ? 4 : 3;
    if (digit_run(s, pos) != 2) return false;
    read_number(s, pos, 2, d.month);
    pos += 2;
    return true;
  }
  std::size_t n = digit_run(s, 0);
  pos = n;
  switch (n) {
    case 8:  // YYYYMMDD
      read_number(s, 0, 4, d.year), read_number(s, 4, 2, d.month), read_number(s, 6, 2, d.day);
      return true;
    case 7:  // YYYYDDD
      read_number(s, 0, 4, d.year), read_number(s, 4, 3, d.ordinal);
      return true;
    case 5:  // YYDDD
      read_number(s, 0, 2, d.year), read_number(s, 2, 3, d.ordinal);
      d.year += 2000;
      return true;
    case 6:  // YYMMDD
      read_number(s, 0, 2, d.year), read_number(s, 2, 2, d.month), read_number(s, 4, 2, d.day);
      d.year += 2000;
      return true;
    case 4:
    case 2:
      read_number(s, 0, n, d.year);
      if (n == 2) d.year += 2000;
      if (at_date_end(s, pos)) return n == 4;  // a year alone; never two digits alone
      if (s[pos] != '-') return false;
      ++pos;
      return separated_rest(s, pos, d, n == 4);
    default:
      return false;
  }
}

// hh:mm[:ss[.fff]] or hhmm[ss]; advances `pos`. With colons a field may have one digit
// (2024-1-5T3:4:5Z, from sloppy generators; feedparser reads it); run together, each has two.
bool iso_time(std::string_view s, std::size_t& pos, int& hour, int& minute, int& second) {
  minute = 0;
  second = 0;
  const std::size_t hour_digits = read_number(s, pos, 2, hour);
  if (hour_digits == 0) return false;
  pos += hour_digits;
  if (pos == s.size() || s[pos] == 'Z' || s[pos] == 'z' || s[pos] == '+' || s[pos] == '-') {
    return hour_digits == 2;  // the hour alone (feedparser reads 2003-12-31T10Z)
  }
  const bool separated = s[pos] == ':';
  if (!separated && hour_digits != 2) return false;
  auto field = [&](int& value) {
    const std::size_t n = read_number(s, pos, 2, value);
    pos += n;
    return n == 2 || (separated && n == 1);
  };
  if (separated) ++pos;
  if (!field(minute)) return false;
  if (pos < s.size() && (separated ? s[pos] == ':' : is_digit(s[pos]))) {
    if (separated) ++pos;
    if (!field(second)) return false;
  }
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    while (pos < s.size() && is_digit(s[pos])) ++pos;
  }
  return true;
}

// Month and day of an ordinal date; false when the year has no such day.
bool from_ordinal(Ymd& d) {
  using namespace std::chrono;
  if (d.ordinal < 1 || d.ordinal > 366 || d.year < 1 || d.year > 9999) return false;
  sys_days first = year{d.year} / January / 1;
  year_month_day ymd{first + days{d.ordinal - 1}};
  if (int(ymd.year()) != d.year) return false;
  d.month = static_cast<int>(unsigned(ymd.month()));
  d.day = static_cast<int>(unsigned(ymd.day()));
  return true;
}

}  // namespace

std::optional<util::TimePoint> parse_w3c_date(std::string_view text) {
  std::string_view s = util::trim(text);
  if (s.empty()) return std::nullopt;
  std::size_t pos = 0;
  Ymd d;
  if (!iso_date(s, pos, d)) return std::nullopt;
  if (d.ordinal && !from_ordinal(d)) return std::nullopt;
  int hour = 0, minute = 0, second = 0, offset = 0;
  if (pos < s.size()) {
    ++pos;  // the 'T' or space
    if (!iso_time(s, pos, hour, minute, second)) return std::nullopt;
    std::string_view zone = util::trim(s.substr(pos));
    std::optional<int> z = zone.empty() ? std::optional<int>(0) : numeric_zone(zone);
    if (!z && !zone.empty() && zone[0] != '+' && zone[0] != '-') z = named_zone(zone);
    if (!z) return std::nullopt;
    offset = *z;
  }
  return make_instant(d.year, d.month, d.day, hour, minute, second, offset);
}

}  // namespace orrery::parse
