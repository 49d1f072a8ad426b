#include "fetch/http_date.h"

#include <array>
#include <vector>

#include "util/strings.h"

namespace orrery::fetch {

namespace {

constexpr std::array<std::string_view, 12> k_months = {"jan", "feb", "mar", "apr", "may", "jun",
                                                       "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::size_t k_max_date_length = 64;  // the longest valid form is 41 characters

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::vector<std::string_view> tokens(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] == ' ' || s[i] == ',' || s[i] == '-' || s[i] == '\t') {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != ',' && s[j] != '-' && s[j] != '\t') {
      ++j;
    }
    out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// A run of 1 to `max_digits` digits and nothing else.
std::optional<int> number(std::string_view s, std::size_t max_digits) {
  if (s.empty() || s.size() > max_digits) {
    return std::nullopt;
  }
  int v = 0;
  for (char c : s) {
    if (!is_digit(c)) {
      return std::nullopt;
    }
    v = v * 10 + (c - '0');
  }
  return v;
}

std::optional<int> month(std::string_view s) {
  for (std::size_t i = 0; i < k_months.size(); ++i) {
    if (util::iequals(s, k_months[i])) {
      return static_cast<int>(i) + 1;
    }
  }
  return std::nullopt;
}

struct Clock {
  int hour, minute, second;
};

std::optional<Clock> clock(std::string_view s) {
  if (s.size() != 8 || s[2] != ':' || s[5] != ':') {
    return std::nullopt;
  }
  auto h = number(s.substr(0, 2), 2);
  auto m = number(s.substr(3, 2), 2);
  auto sec = number(s.substr(6, 2), 2);
  if (!h || !m || !sec) {
    return std::nullopt;
  }
  return Clock{*h, *m, *sec};
}

std::optional<int> year(std::string_view s) {
  auto y = number(s, 4);
  if (!y || (s.size() != 2 && s.size() != 4)) {
    return std::nullopt;
  }
  if (s.size() == 2) {
    return *y < 70 ? 2000 + *y : 1900 + *y;
  }
  return y;
}

bool is_gmt(std::string_view s) { return util::iequals(s, "GMT") || util::iequals(s, "UTC"); }

std::optional<util::TimePoint> build(std::optional<int> y, std::optional<int> mo,
                                     std::optional<int> d, std::optional<Clock> c) {
  if (!y || !mo || !d || !c) {
    return std::nullopt;
  }
  return util::from_civil(*y, *mo, *d, c->hour, c->minute, c->second);
}

}  // namespace

std::optional<util::TimePoint> parse_http_date(std::string_view text) {
  text = util::trim(text);
  if (text.size() > k_max_date_length) {
    return std::nullopt;
  }
  auto t = tokens(text);
  if (!t.empty() && is_alpha(t.front().front()) && !month(t.front())) {
    t.erase(t.begin());  // the weekday, not cross-checked (servers get it wrong)
  }
  if (t.size() == 5 && is_gmt(t[4])) {  // IMF-fixdate or RFC 850: day month year time GMT
    return build(year(t[2]), month(t[1]), number(t[0], 2), clock(t[3]));
  }
  if (t.size() == 4 && t[3].size() == 4) {  // asctime: month day time year
    return build(year(t[3]), month(t[0]), number(t[1], 2), clock(t[2]));
  }
  return std::nullopt;
}

}  // namespace orrery::fetch
