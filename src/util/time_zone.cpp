#include "util/time_zone.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>

#include "util/strftime.h"

namespace orrery::util {

namespace {

// Big-endian reader over the file's bytes; every read is bounds-checked.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : m_bytes(bytes) {}
  bool has(std::size_t n) const { return m_bytes.size() - m_pos >= n; }
  std::uint64_t be(std::size_t n) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) {
      v = (v << 8) | static_cast<unsigned char>(m_bytes[m_pos + i]);
    }
    m_pos += n;
    return v;
  }
  std::string_view take(std::size_t n) {
    std::string_view s = m_bytes.substr(m_pos, n);
    m_pos += n;
    return s;
  }
  void skip(std::size_t n) { m_pos += n; }
  std::string_view rest() const { return m_bytes.substr(m_pos); }

 private:
  std::string_view m_bytes;
  std::size_t m_pos = 0;
};

struct Header {
  char version = 0;
  std::uint64_t isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0;
};

Result<Header> read_header(Reader& r) {
  if (!r.has(44) || r.take(4) != "TZif") {
    return unexpected("not a TZif file");
  }
  Header h;
  h.version = r.take(1)[0];
  r.skip(15);
  h.isutcnt = r.be(4);
  h.isstdcnt = r.be(4);
  h.leapcnt = r.be(4);
  h.timecnt = r.be(4);
  h.typecnt = r.be(4);
  h.charcnt = r.be(4);
  if (h.typecnt == 0 || h.typecnt > 256 || h.timecnt > 1000000 || h.charcnt > 65536 ||
      h.leapcnt > 100000 || (h.isutcnt != 0 && h.isutcnt != h.typecnt) ||
      (h.isstdcnt != 0 && h.isstdcnt != h.typecnt)) {
    return unexpected("TZif header counts out of range");
  }
  return h;
}

std::size_t block_size(const Header& h, std::size_t time_size) {
  return h.timecnt * time_size + h.timecnt + h.typecnt * 6 + h.charcnt +
         h.leapcnt * (time_size + 4) + h.isstdcnt + h.isutcnt;
}

// --- POSIX TZ strings ---------------------------------------------------------------------

class TzText {
 public:
  explicit TzText(std::string_view s) : m_s(s) {}
  bool done() const { return m_i >= m_s.size(); }
  char peek() const { return done() ? '\0' : m_s[m_i]; }
  bool eat(char c) {
    if (peek() == c) {
      ++m_i;
      return true;
    }
    return false;
  }
  // std/dst designation: 3+ letters, or <...> with letters, digits, '+', '-'.
  Result<std::string> name() {
    std::string out;
    if (eat('<')) {
      while (!done() && peek() != '>') {
        out += m_s[m_i++];
      }
      if (!eat('>')) {
        return unexpected("unterminated <name>");
      }
    } else {
      while (!done() && ((peek() >= 'A' && peek() <= 'Z') || (peek() >= 'a' && peek() <= 'z'))) {
        out += m_s[m_i++];
      }
    }
    if (out.size() < 3) {
      return unexpected("zone abbreviation shorter than 3 characters");
    }
    return out;
  }
  Result<int> number(int max) {
    if (!(peek() >= '0' && peek() <= '9')) {
      return unexpected("number expected");
    }
    int n = 0;
    while (peek() >= '0' && peek() <= '9') {
      n = n * 10 + (m_s[m_i++] - '0');
      if (n > max) {
        return unexpected("number out of range");
      }
    }
    return n;
  }
  // [+-]hh[:mm[:ss]], hours up to 167 (RFC 8536's extension).
  Result<int> hms() {
    int sign = 1;
    if (eat('-')) {
      sign = -1;
    } else {
      eat('+');
    }
    auto h = number(167);
    if (!h) {
      return unexpected(h.error().message);
    }
    int total = *h * 3600;
    if (eat(':')) {
      auto m = number(59);
      if (!m) {
        return unexpected(m.error().message);
      }
      total += *m * 60;
      if (eat(':')) {
        auto s = number(59);
        if (!s) {
          return unexpected(s.error().message);
        }
        total += *s;
      }
    }
    return sign * total;
  }
  Result<PosixRule::When> when() {
    using Kind = PosixRule::When::Kind;
    PosixRule::When w;
    if (eat('M')) {
      w.kind = Kind::month_week_day;
      auto m = number(12);
      if (!m || *m < 1 || !eat('.')) {
        return unexpected("bad month in Mm.w.d");
      }
      auto wk = number(5);
      if (!wk || *wk < 1 || !eat('.')) {
        return unexpected("bad week in Mm.w.d");
      }
      auto d = number(6);
      if (!d) {
        return unexpected("bad day in Mm.w.d");
      }
      w.month = *m;
      w.week = *wk;
      w.day = *d;
    } else if (eat('J')) {
      w.kind = Kind::julian_no_leap;
      auto n = number(365);
      if (!n || *n < 1) {
        return unexpected("bad Jn day");
      }
      w.day = *n;
    } else {
      w.kind = Kind::julian;
      auto n = number(365);
      if (!n) {
        return unexpected("bad day");
      }
      w.day = *n;
    }
    if (eat('/')) {
      auto t = hms();
      if (!t) {
        return unexpected(t.error().message);
      }
      w.time_seconds = *t;
    }
    return w;
  }

 private:
  std::string_view m_s;
  std::size_t m_i = 0;
};

using namespace std::chrono;

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Days since the epoch of the rule's day in `year`.
std::int64_t rule_day(const PosixRule::When& w, int year) {
  using Kind = PosixRule::When::Kind;
  sys_days jan1 = sys_days{std::chrono::year{year} / January / 1};
  switch (w.kind) {
    case Kind::julian_no_leap: {
      int d = w.day - 1;  // Feb 29 is never counted
      if (is_leap(year) && w.day >= 60) {
        d += 1;
      }
      return (jan1 + days{d}).time_since_epoch().count();
    }
    case Kind::julian:
      return (jan1 + days{w.day}).time_since_epoch().count();
    case Kind::month_week_day:
      break;
  }
  auto ym = std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(w.month)};
  sys_days first = sys_days{ym / 1};
  unsigned first_wd = weekday{first}.c_encoding();
  int day = 1 + (w.day - static_cast<int>(first_wd) + 7) % 7 + 7 * (w.week - 1);
  int last = static_cast<int>(static_cast<unsigned>((ym / std::chrono::last).day()));
  while (day > last) {
    day -= 7;
  }
  return (first + days{day - 1}).time_since_epoch().count();
}

}  // namespace

Result<PosixRule> parse_posix_tz(std::string_view text) {
  TzText p(text);
  PosixRule rule;
  auto std_name = p.name();
  if (!std_name) {
    return unexpected(std_name.error().message);
  }
  auto std_off = p.hms();
  if (!std_off) {
    return unexpected(std_off.error().message);
  }
  rule.standard = LocalOffset{-*std_off, false, *std_name};
  if (p.done()) {
    return rule;
  }
  auto dst_name = p.name();
  if (!dst_name) {
    return unexpected(dst_name.error().message);
  }
  rule.has_dst = true;
  int dst_off = rule.standard.offset_seconds + 3600;
  if (p.peek() != ',' && !p.done()) {
    auto o = p.hms();
    if (!o) {
      return unexpected(o.error().message);
    }
    dst_off = -*o;
  }
  rule.daylight = LocalOffset{dst_off, true, *dst_name};
  if (!p.eat(',')) {
    return unexpected("daylight time without a rule");  // the POSIX default rule is not assumed
  }
  auto start = p.when();
  if (!start) {
    return unexpected(start.error().message);
  }
  if (!p.eat(',')) {
    return unexpected("daylight time rule without an end");
  }
  auto end = p.when();
  if (!end) {
    return unexpected(end.error().message);
  }
  if (!p.done()) {
    return unexpected("trailing characters in TZ string");
  }
  rule.start = *start;
  rule.end = *end;
  return rule;
}

LocalOffset PosixRule::at(TimePoint t) const {
  if (!has_dst) {
    return standard;
  }
  std::int64_t s = t.time_since_epoch().count();
  // The year as standard time reckons it; the rule's instants of that year decide.
  sys_days local_day = floor<days>(sys_seconds{seconds{s + standard.offset_seconds}});
  int year = static_cast<int>(year_month_day{local_day}.year());
  std::int64_t begins =
      rule_day(start, year) * 86400 + start.time_seconds - standard.offset_seconds;
  std::int64_t ends = rule_day(end, year) * 86400 + end.time_seconds - daylight.offset_seconds;
  bool in_dst = begins < ends ? (s >= begins && s < ends) : !(s >= ends && s < begins);
  return in_dst ? daylight : standard;
}

Result<TimeZone> TimeZone::from_tzif(std::string_view bytes, std::string name) {
  Reader r(bytes);
  auto h1 = read_header(r);
  if (!h1) {
    return unexpected(h1.error().message);
  }
  Header h = *h1;
  std::size_t time_size = 4;
  if (h.version >= '2') {
    if (!r.has(block_size(h, 4))) {
      return unexpected("TZif file truncated");
    }
    r.skip(block_size(h, 4));
    auto h2 = read_header(r);
    if (!h2) {
      return unexpected(h2.error().message);
    }
    h = *h2;
    time_size = 8;
  }
  if (!r.has(block_size(h, time_size))) {
    return unexpected("TZif file truncated");
  }
  TimeZone zone;
  zone.m_name = std::move(name);
  zone.m_utc = false;
  for (std::uint64_t i = 0; i < h.timecnt; ++i) {
    std::uint64_t raw = r.be(time_size);
    std::int64_t v = time_size == 8 ? static_cast<std::int64_t>(raw)
                                    : static_cast<std::int32_t>(static_cast<std::uint32_t>(raw));
    if (!zone.m_transitions.empty() && v <= zone.m_transitions.back()) {
      return unexpected("TZif transitions not in ascending order");
    }
    zone.m_transitions.push_back(v);
  }
  for (std::uint64_t i = 0; i < h.timecnt; ++i) {
    std::uint64_t type = r.be(1);
    if (type >= h.typecnt) {
      return unexpected("TZif transition names a missing type");
    }
    zone.m_transition_types.push_back(static_cast<std::uint8_t>(type));
  }
  std::vector<std::uint64_t> abbreviation_index;
  for (std::uint64_t i = 0; i < h.typecnt; ++i) {
    auto utoff = static_cast<std::int32_t>(static_cast<std::uint32_t>(r.be(4)));
    if (utoff < -25 * 3600 || utoff > 26 * 3600) {
      return unexpected("TZif offset out of range");
    }
    LocalOffset type;
    type.offset_seconds = utoff;
    type.dst = r.be(1) != 0;
    abbreviation_index.push_back(r.be(1));
    zone.m_types.push_back(type);
  }
  std::string_view chars = r.take(h.charcnt);
  for (std::size_t i = 0; i < zone.m_types.size(); ++i) {
    if (abbreviation_index[i] >= chars.size()) {
      return unexpected("TZif abbreviation index out of range");
    }
    std::string_view a = chars.substr(abbreviation_index[i]);
    zone.m_types[i].abbreviation = std::string(a.substr(0, a.find('\0')));
  }
  r.skip(h.leapcnt * (time_size + 4) + h.isstdcnt + h.isutcnt);
  if (time_size == 8) {
    std::string_view footer = r.rest();
    if (footer.size() < 2 || footer.front() != '\n') {
      return unexpected("TZif footer missing");
    }
    std::size_t close = footer.find('\n', 1);
    if (close == std::string_view::npos) {
      return unexpected("TZif footer unterminated");
    }
    std::string_view tz = footer.substr(1, close - 1);
    if (!tz.empty()) {
      auto rule = parse_posix_tz(tz);
      if (!rule) {
        return unexpected("TZif footer \"" + std::string(tz) + "\": " + rule.error().message);
      }
      zone.m_rule = *rule;
      zone.m_has_rule = true;
    }
  }
  return zone;
}

LocalOffset TimeZone::at(TimePoint t) const {
  if (m_utc) {
    return LocalOffset{};
  }
  std::int64_t s = t.time_since_epoch().count();
  if (m_transitions.empty() || s < m_transitions.front()) {
    if (m_transitions.empty() && m_has_rule) {
      return m_rule.at(t);
    }
    return m_types.front();  // RFC 8536: type 0 before the first transition
  }
  if (s >= m_transitions.back() && m_has_rule) {
    return m_rule.at(t);
  }
  auto it = std::upper_bound(m_transitions.begin(), m_transitions.end(), s);
  auto i = static_cast<std::size_t>(it - m_transitions.begin()) - 1;
  return m_types[m_transition_types[i]];
}

bool is_zone_name(std::string_view name) {
  if (name.empty() || name.size() > 255 || name.front() == '/' || name.back() == '/') {
    return false;
  }
  for (char c : name) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '/' || c == '_' || c == '-' || c == '+' || c == '.';
    if (!ok) {
      return false;
    }
  }
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t slash = name.find('/', start);
    std::string_view part =
        name.substr(start, slash == std::string_view::npos ? name.npos : slash - start);
    if (part.empty() || part == "." || part == "..") {
      return false;
    }
    if (slash == std::string_view::npos) {
      break;
    }
    start = slash + 1;
  }
  return true;
}

std::string format_strftime(TimePoint t, const std::string& format, const TimeZone& zone) {
  LocalOffset local = zone.at(t);
  std::time_t tt = static_cast<std::time_t>(to_unix(t) + local.offset_seconds);
  std::tm tm{};
  ::gmtime_r(&tt, &tm);
  tm.tm_isdst = local.dst ? 1 : 0;
  tm.tm_gmtoff = local.offset_seconds;  // glibc's %z reads these two
  tm.tm_zone = local.abbreviation.c_str();
  return format_strftime_tm(tm, format);
}

std::string format_rfc3339(TimePoint t, const TimeZone& zone) {
  int offset = zone.offset_at(t);
  if (offset == 0) {
    return format_rfc3339(t);
  }
  std::string local = format_rfc3339(t + std::chrono::seconds{offset});
  local.pop_back();  // the 'Z'
  int a = offset < 0 ? -offset : offset;
  return local + fmt::format("{}{:02}:{:02}", offset < 0 ? '-' : '+', a / 3600, a / 60 % 60);
}

}  // namespace orrery::util
