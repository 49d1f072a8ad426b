// Dates in the localized forms some blog hosts write and feedparser reads: Korean (OnBlog,
// Nate: Korea Standard Time), Greek (RFC 822 with Greek day and month names) and Hungarian
// (W3C-DTF with Hungarian month names).

#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include "parse/date_parts.h"
#include "parse/dates.h"
#include "util/strings.h"

namespace orrery::parse {

namespace {

using namespace date_parts;

constexpr int k_kst = 9 * 3600;  // Korea Standard Time, UTC+09:00, no daylight saving

struct Cursor {
  std::string_view s;
  std::size_t pos = 0;

  bool number(std::size_t min_digits, std::size_t max_digits, int& v) {
    std::size_t n = read_number(s, pos, max_digits, v);
    pos += n;
    return n >= min_digits;
  }
  bool literal(std::string_view text) {
    if (s.substr(pos, text.size()) != text) return false;
    pos += text.size();
    return true;
  }
  bool spaces() {
    std::size_t start = pos;
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
    return pos > start;
  }
  bool at_end() const { return pos == s.size(); }
};

// OnBlog: `2004년 05월 28일 01:31:15`.
std::optional<util::TimePoint> onblog(std::string_view text) {
  Cursor c{text};
  int y, mo, d, h, mi, se;
  if (c.number(4, 4, y) && c.literal("\xEB\x85\x84") && c.spaces() && c.number(2, 2, mo) &&
      c.literal("\xEC\x9B\x94") && c.spaces() && c.number(2, 2, d) && c.literal("\xEC\x9D\xBC") &&
      c.spaces() && c.number(2, 2, h) && c.literal(":") && c.number(2, 2, mi) && c.literal(":") &&
      c.number(2, 2, se) && c.at_end()) {
    return make_instant(y, mo, d, h, mi, se, k_kst);
  }
  return std::nullopt;
}

// Nate: `2004-05-25 오후 11:23:17` (오전 = a.m., 오후 = p.m.).
std::optional<util::TimePoint> nate(std::string_view text) {
  Cursor c{text};
  int y, mo, d, h, mi, se;
  if (!(c.number(4, 4, y) && c.literal("-") && c.number(2, 2, mo) && c.literal("-") &&
        c.number(2, 2, d) && c.spaces())) {
    return std::nullopt;
  }
  bool pm = c.literal("\xEC\x98\xA4\xED\x9B\x84");
  if (!pm && !c.literal("\xEC\x98\xA4\xEC\xA0\x84")) return std::nullopt;
  if (c.spaces() && c.number(1, 2, h) && c.literal(":") && c.number(1, 2, mi) && c.literal(":") &&
      c.number(1, 2, se) && c.at_end()) {
    return make_instant(y, mo, d, pm ? h + 12 : h, mi, se, k_kst);
  }
  return std::nullopt;
}

struct Word {
  std::string_view local;
  std::string_view english;
};

std::string_view translate(std::string_view word, const Word* table, std::size_t size) {
  for (std::size_t i = 0; i < size; ++i) {
    if (table[i].local == word) return table[i].english;
  }
  return {};
}

// Greek: `Κυρ, 11 Ιούλ 2004 12:00:00 EST` → RFC 822 with the English names.
std::optional<util::TimePoint> greek(std::string_view text) {
  static constexpr std::array<Word, 19> k_months{{
      {"Ιαν", "Jan"},  {"Φεβ", "Feb"}, {"Μάώ", "Mar"}, {"Μαώ", "Mar"},  {"Απρ", "Apr"},
      {"Μάι", "May"},  {"Μαϊ", "May"}, {"Μαι", "May"}, {"Ιούν", "Jun"}, {"Ιον", "Jun"},
      {"Ιούλ", "Jul"}, {"Ιολ", "Jul"}, {"Αύγ", "Aug"}, {"Αυγ", "Aug"},  {"Σεπ", "Sep"},
      {"Οκτ", "Oct"},  {"Νοέ", "Nov"}, {"Νοε", "Nov"}, {"Δεκ", "Dec"},
  }};
  static constexpr std::array<Word, 7> k_days{{{"Κυρ", "Sun"},
                                               {"Δευ", "Mon"},
                                               {"Τρι", "Tue"},
                                               {"Τετ", "Wed"},
                                               {"Πεμ", "Thu"},
                                               {"Παρ", "Fri"},
                                               {"Σαβ", "Sat"}}};
  std::size_t comma = text.find(',');
  if (comma == std::string_view::npos) return std::nullopt;
  std::string_view day = translate(util::trim(text.substr(0, comma)), k_days.data(), k_days.size());
  std::vector<std::string> rest = util::split_whitespace(text.substr(comma + 1));
  if (day.empty() || rest.size() != 5) return std::nullopt;
  std::string_view month = translate(rest[1], k_months.data(), k_months.size());
  if (month.empty()) return std::nullopt;
  std::string english = std::string(day) + ", " + rest[0] + " " + std::string(month) + " " +
                        rest[2] + " " + rest[3] + " " + rest[4];
  return parse_rfc822_date(english);
}

// Hungarian: `2004-július-13T9:15-05:00` → W3C-DTF with the month's number.
std::optional<util::TimePoint> hungarian(std::string_view text) {
  static constexpr std::array<Word, 12> k_months{{
      {"január", "01"},
      {"februári", "02"},
      {"március", "03"},
      {"április", "04"},
      {"máujus", "05"},
      {"június", "06"},
      {"július", "07"},
      {"augusztus", "08"},
      {"szeptember", "09"},
      {"október", "10"},
      {"november", "11"},
      {"december", "12"},
  }};
  std::size_t first = text.find('-');
  std::size_t second = first == std::string_view::npos ? first : text.find('-', first + 1);
  std::size_t t = text.find('T');
  if (first != 4 || second == std::string_view::npos || t == std::string_view::npos || t < second) {
    return std::nullopt;
  }
  std::string_view month =
      translate(text.substr(first + 1, second - first - 1), k_months.data(), k_months.size());
  if (month.empty()) return std::nullopt;
  Cursor c{text, second + 1};
  int day = 0, hour = 0;
  if (!c.number(1, 2, day) || !c.literal("T") || !c.number(1, 2, hour) || c.pos >= text.size()) {
    return std::nullopt;
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "-%02dT%02d", day, hour);
  return parse_w3c_date(std::string(text.substr(0, 4)) + "-" + std::string(month) + buf +
                        std::string(text.substr(c.pos)));
}

}  // namespace

std::optional<util::TimePoint> parse_localized_date(std::string_view text) {
  if (auto t = onblog(text)) return t;
  if (auto t = nate(text)) return t;
  if (auto t = greek(text)) return t;
  return hungarian(text);
}

}  // namespace orrery::parse
