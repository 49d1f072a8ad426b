#include "sanitise/css.h"

#include <optional>
#include <unordered_set>
#include <vector>

#include "util/strings.h"

namespace orrery::sanitise::detail {

namespace {

using NameSet = std::unordered_set<std::string_view>;

// feedparser's acceptable_css_properties.
const NameSet& acceptable_properties() {
  static const NameSet names{"azimuth",
                             "background-color",
                             "border-bottom-color",
                             "border-collapse",
                             "border-color",
                             "border-left-color",
                             "border-right-color",
                             "border-top-color",
                             "clear",
                             "color",
                             "cursor",
                             "direction",
                             "display",
                             "elevation",
                             "float",
                             "font",
                             "font-family",
                             "font-size",
                             "font-style",
                             "font-variant",
                             "font-weight",
                             "height",
                             "letter-spacing",
                             "line-height",
                             "overflow",
                             "pause",
                             "pause-after",
                             "pause-before",
                             "pitch",
                             "pitch-range",
                             "richness",
                             "speak",
                             "speak-header",
                             "speak-numeral",
                             "speak-punctuation",
                             "speech-rate",
                             "stress",
                             "text-align",
                             "text-decoration",
                             "text-indent",
                             "unicode-bidi",
                             "vertical-align",
                             "voice-family",
                             "volume",
                             "white-space",
                             "width"};
  return names;
}

// feedparser's acceptable_css_keywords (a survey of keywords found in feeds).
const NameSet& acceptable_keywords() {
  static const NameSet names{
      "!important", "aqua",   "auto",   "black",       "block",     "blue",   "bold",    "both",
      "bottom",     "brown",  "center", "collapse",    "dashed",    "dotted", "fuchsia", "gray",
      "green",      "italic", "left",   "lime",        "maroon",    "medium", "navy",    "none",
      "normal",     "nowrap", "olive",  "pointer",     "purple",    "red",    "right",   "silver",
      "solid",      "teal",   "top",    "transparent", "underline", "white",  "yellow"};
  return names;
}

// feedparser's acceptable_svg_properties.
const NameSet& svg_properties() {
  static const NameSet names{"fill",           "fill-opacity",    "fill-rule",      "stroke",
                             "stroke-linecap", "stroke-linejoin", "stroke-opacity", "stroke-width"};
  return names;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// Word characters as Python's \w sees them: ASCII letters, digits, _, and any non-ASCII
// letter (taken here as any UTF-8 byte, so font names in other scripts survive).
bool is_word(char c) { return is_alnum(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80; }

// Replaces each url( … ) token (and the blanks after it) with one space; nullopt when a url(
// is never closed.
std::optional<std::string> remove_url_tokens(std::string_view style) {
  std::string out;
  std::size_t i = 0;
  while (i < style.size()) {
    if (util::istarts_with(style.substr(i), "url")) {
      std::size_t j = i + 3;
      while (j < style.size() && is_space(style[j])) {
        ++j;
      }
      if (j < style.size() && style[j] == '(') {
        std::size_t close = style.find(')', j);
        if (close == std::string_view::npos) {
          return std::nullopt;
        }
        i = close + 1;
        while (i < style.size() && is_space(style[i])) {
          ++i;
        }
        out.push_back(' ');
        continue;
      }
    }
    out.push_back(style[i++]);
  }
  return out;
}

// The closing delimiter of a quoted word or a bracketed number list starting at `open`, when
// everything between is allowed; npos otherwise.
std::size_t group_end(std::string_view s, std::size_t open) {
  const bool quoted = s[open] != '(';
  const char close = quoted ? s[open] : ')';
  std::size_t end = s.find(close, open + 1);
  if (end == std::string_view::npos || end == open + 1) {
    return std::string_view::npos;
  }
  for (std::size_t k = open + 1; k < end; ++k) {
    char c = s[k];
    bool ok = quoted ? (is_word(c) || is_space(c)) : (is_digit(c) || c == ',' || is_space(c));
    if (!ok) {
      return std::string_view::npos;
    }
  }
  return end;
}

// feedparser's gauntlet: only characters that cannot spell url(, expression(, escapes,
// comments or a way out of the attribute.
bool passes_gauntlet(std::string_view s) {
  static constexpr std::string_view k_plain = ":,;#%.!";
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (is_word(c) || is_space(c) || k_plain.find(c) != std::string_view::npos) {
      continue;
    }
    if (c == '-' && i > 0 && i + 1 < s.size() && is_word(s[i - 1]) && is_word(s[i + 1])) {
      continue;
    }
    if (c == '\'' || c == '"' || c == '(') {
      std::size_t end = group_end(s, i);
      if (end == std::string_view::npos) {
        return false;
      }
      i = end;
      continue;
    }
    return false;
  }
  return true;
}

bool is_property_name(std::string_view s) {
  if (s.empty()) {
    return false;
  }
  for (char c : s) {
    if (!is_word(c) && c != '-') {
      return false;
    }
  }
  return true;
}

// `pos` at the first unit character after a number: cm em ex in mm pc pt px % , ) or nothing.
bool is_unit(std::string_view rest) {
  static const NameSet units{"", "cm", "em", "ex", "in", "mm", "pc", "pt", "px", "%", ",", ")"};
  return units.count(rest) != 0;
}

std::size_t count_digits(std::string_view s, std::size_t pos, std::size_t max) {
  std::size_t n = 0;
  while (pos + n < s.size() && n < max && is_digit(s[pos + n])) {
    ++n;
  }
  return n;
}

// rgb(N[%],N[%][,]N[%][)] as feedparser's valid_css_values accepts it.
bool is_rgb_value(std::string_view s) {
  if (!util::istarts_with(s, "rgb(")) {
    return false;
  }
  std::size_t i = 4;
  std::size_t n = count_digits(s, i, s.size());
  if (n == 0) {
    return false;
  }
  i += n;
  auto skip = [&](char c) {
    if (i < s.size() && s[i] == c) {
      ++i;
    }
  };
  skip('%');
  if (i >= s.size() || s[i] != ',') {
    return false;
  }
  ++i;
  i += count_digits(s, i, s.size());
  skip('%');
  skip(',');
  i += count_digits(s, i, s.size());
  skip('%');
  skip(')');
  return i == s.size();
}

// feedparser's valid_css_values: a hex colour, an rgb() colour, or a short number with a unit.
bool is_valid_value(std::string_view s) {
  if (s.size() > 1 && s[0] == '#') {
    return s.find_first_not_of("0123456789abcdefABCDEF", 1) == std::string_view::npos;
  }
  if (is_rgb_value(s)) {
    return true;
  }
  std::size_t i = count_digits(s, 0, 2);
  if (i < s.size() && s[i] == '.') {
    ++i;
  }
  i += count_digits(s, i, 2);
  return is_unit(s.substr(i));
}

bool is_safe_shorthand_value(std::string_view value) {
  for (const std::string& word : util::split_whitespace(value)) {
    if (acceptable_keywords().count(word) == 0 && !is_valid_value(word)) {
      return false;
    }
  }
  return true;
}

bool is_kept(const std::string& property, std::string_view value, StyleContext context) {
  if (acceptable_properties().count(property) != 0) {
    return true;
  }
  std::string_view family = std::string_view(property).substr(0, property.find('-'));
  if (family == "background" || family == "border" || family == "margin" || family == "padding") {
    return is_safe_shorthand_value(value);
  }
  return context == StyleContext::svg && svg_properties().count(property) != 0;
}

}  // namespace

std::string sanitise_style(std::string_view style, StyleContext context) {
  std::optional<std::string> text = remove_url_tokens(style);
  if (!text || !passes_gauntlet(*text)) {
    return {};
  }
  std::string out;
  std::string_view rest = *text;
  while (!rest.empty()) {
    std::size_t semicolon = rest.find(';');
    std::string_view piece = util::trim(rest.substr(0, semicolon));
    rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
    if (piece.empty()) {
      // A `;` that ends no declaration (`a: b;; c: d`, a leading `;`) is not a declaration
      // list as feedparser reads one: the whole attribute goes. Whitespace after the last `;`
      // is fine.
      if (semicolon != std::string_view::npos) {
        return {};
      }
      continue;
    }
    std::size_t colon = piece.find(':');
    if (colon == std::string_view::npos) {
      return {};  // not a declaration list
    }
    std::string_view name = util::trim(piece.substr(0, colon));
    std::string_view value = util::trim(piece.substr(colon + 1));
    if (!is_property_name(name) || value.find(':') != std::string_view::npos) {
      return {};
    }
    std::string property = util::to_lower(name);
    if (value.empty() || !is_kept(property, value, context)) {
      continue;
    }
    if (!out.empty()) {
      out.push_back(' ');
    }
    // The property as written (CSS names are case-insensitive; feedparser keeps the case).
    out.append(name).append(": ").append(value).push_back(';');
  }
  return out;
}

}  // namespace orrery::sanitise::detail
