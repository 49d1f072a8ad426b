#include "util/url_policy.h"

#include <array>
#include <utility>

#include "util/strings.h"

namespace orrery::util {

namespace {

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_removed(unsigned char c) { return c <= 0x20 || c == 0x7f; }
bool is_browser_stripped(char c) { return c == '\t' || c == '\n' || c == '\r'; }

int hex_value(char c) {
  if (is_ascii_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A character no scheme may hold: what a reference that is not plain ASCII decodes to.
constexpr char k_foreign = '\x80';

// The character reference at url[i] == '&' (numeric with or without ';', or one of the named
// ones that spell URL punctuation or whitespace); advances i past it. nullopt when it is not
// one: the '&' is then taken as written.
std::optional<char> reference(std::string_view url, std::size_t& i) {
  std::size_t j = i + 1;
  if (j < url.size() && url[j] == '#') {
    ++j;
    const bool hex = j < url.size() && (url[j] == 'x' || url[j] == 'X');
    if (hex) ++j;
    unsigned long value = 0;
    std::size_t digits = 0;
    while (j < url.size() && (hex ? hex_value(url[j]) >= 0 : is_ascii_digit(url[j]))) {
      value =
          value * (hex ? 16 : 10) + static_cast<unsigned>(hex ? hex_value(url[j]) : url[j] - '0');
      if (value > 0x10ffff) value = 0x110000;  // stays out of range, never overflows
      ++j;
      ++digits;
    }
    if (digits == 0) return std::nullopt;
    if (j < url.size() && url[j] == ';') ++j;
    i = j;
    return value < 0x80 ? static_cast<char>(value) : k_foreign;
  }
  static constexpr std::array<std::pair<std::string_view, char>, 14> k_named{{{"colon", ':'},
                                                                              {"tab", '\t'},
                                                                              {"newline", '\n'},
                                                                              {"amp", '&'},
                                                                              {"sol", '/'},
                                                                              {"quest", '?'},
                                                                              {"num", '#'},
                                                                              {"period", '.'},
                                                                              {"plus", '+'},
                                                                              {"hyphen", '-'},
                                                                              {"dash", '-'},
                                                                              {"semi", ';'},
                                                                              {"nbsp", k_foreign},
                                                                              {"percnt", '%'}}};
  std::size_t end = url.find(';', j);
  if (end == std::string_view::npos || end - j > 8) return std::nullopt;
  std::string name = to_lower(url.substr(j, end - j));
  for (const auto& [entity, c] : k_named) {
    if (name == entity) {
      i = end + 1;
      return c;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> effective_scheme(std::string_view url) {
  std::string prefix;
  std::size_t i = 0;
  bool colon = false;
  while (i < url.size() && !colon) {
    char c = url[i];
    if (c == '&') {
      std::optional<char> decoded = reference(url, i);
      if (!decoded) ++i;
      c = decoded.value_or('&');
    } else if (c == '%' && i + 2 < url.size() && hex_value(url[i + 1]) >= 0 &&
               hex_value(url[i + 2]) >= 0) {
      c = static_cast<char>(hex_value(url[i + 1]) * 16 + hex_value(url[i + 2]));
      i += 3;
    } else {
      ++i;
    }
    if (is_removed(static_cast<unsigned char>(c))) continue;
    if (c == '/' || c == '?' || c == '#') return std::string();
    colon = c == ':';
    if (!colon) prefix.push_back(c);
  }
  if (!colon) return std::string();  // no colon before the path: a relative reference
  if (prefix.empty() || !is_ascii_alpha(prefix[0])) return std::nullopt;
  for (char c : prefix) {
    if (!is_ascii_alpha(c) && !is_ascii_digit(c) && c != '+' && c != '-' && c != '.') {
      return std::nullopt;
    }
  }
  return to_lower(prefix);
}

bool is_allowed_scheme(std::string_view scheme, UrlUse use) {
  if (scheme == "http" || scheme == "https" || scheme == "ftp") return true;
  return use == UrlUse::link && scheme == "mailto";
}

std::string allowed_url(std::string_view url, UrlUse use, RelativeUrl relative) {
  std::string_view trimmed = trim(url);
  std::string cleaned;
  cleaned.reserve(trimmed.size());
  for (char c : trimmed) {
    if (!is_browser_stripped(c)) cleaned.push_back(c);
  }
  if (cleaned.empty()) return {};
  std::optional<std::string> scheme = effective_scheme(cleaned);
  if (!scheme) return {};
  if (scheme->empty()) return relative == RelativeUrl::keep ? cleaned : std::string();
  return is_allowed_scheme(*scheme, use) ? cleaned : std::string();
}

std::string safe_identifier(std::string_view id) {
  std::optional<std::string> scheme = effective_scheme(id);
  if (!scheme || *scheme == "javascript" || *scheme == "vbscript" || *scheme == "livescript" ||
      *scheme == "data") {
    return {};
  }
  return std::string(id);
}

std::string media_type(std::string_view text) {
  std::string_view value = trim(text.substr(0, text.find(';')));
  auto is_token = [](char c) {
    return is_ascii_alpha(c) || is_ascii_digit(c) ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
  };
  std::size_t slash = value.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == value.size()) return {};
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (i != slash && !is_token(value[i])) return {};
  }
  return to_lower(value);
}

}  // namespace orrery::util
