#include "parse/xml_repair.h"

#include <cstdint>
#include <vector>

#include "model/limits.h"
#include "parse/html_entities.h"

namespace orrery::parse {

namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Length of a well-formed character reference at s[i] ("&#123;", "&#x1F;"), or 0.
std::size_t numeric_reference(std::string_view s, std::size_t i) {
  std::size_t j = i + 2;
  bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
  if (hex) ++j;
  std::size_t start = j;
  while (j < s.size() && (hex ? is_hex(s[j]) : (s[j] >= '0' && s[j] <= '9'))) ++j;
  if (j == start || j >= s.size() || s[j] != ';' || j - start > 8) return 0;
  return j + 1 - i;
}

// The code point of a reference numeric_reference accepted ("&#146;", "&#x2019;").
std::uint32_t reference_value(std::string_view ref) {
  bool hex = ref[2] == 'x' || ref[2] == 'X';
  std::uint32_t v = 0;
  for (char c : ref.substr(hex ? 3 : 2, ref.size() - (hex ? 4 : 3))) {
    unsigned digit = (c >= '0' && c <= '9')   ? unsigned(c - '0')
                     : (c >= 'a' && c <= 'f') ? unsigned(c - 'a' + 10)
                                              : unsigned(c - 'A' + 10);
    v = v * (hex ? 16 : 10) + digit;
    if (v > 0x10FFFF) return 0xFFFFFFFF;
  }
  return v;
}

// What a reference to `cp` should have said. References to 128–159 mean windows-1252 (the
// characters Windows editors put there; HTML 5 §13.2.5.80 reads them so); references to
// characters XML forbids (NUL, C0 controls, surrogates, beyond U+10FFFF) become U+FFFD so that
// every value stays valid UTF-8.
std::uint32_t repaired_code_point(std::uint32_t cp) {
  static constexpr std::uint16_t k_c1_as_1252[32] = {
      0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
  if (cp >= 0x80 && cp <= 0x9F) return k_c1_as_1252[cp - 0x80];
  bool allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                 (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
  return allowed ? cp : 0xFFFD;
}

bool is_xml_entity(std::string_view name) {
  return name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos";
}

// Where the markup construct starting at s[i] ('<') that must not be rewritten ends, or npos
// when s[i] does not start one.
std::size_t skip_literal(std::string_view s, std::size_t i) {
  auto ends_at = [&](std::string_view open, std::string_view close) -> std::size_t {
    if (s.substr(i, open.size()) != open) return std::string_view::npos;
    std::size_t end = s.find(close, i + open.size());
    return end == std::string_view::npos ? s.size() : end + close.size();
  };
  for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"<![CDATA[", "]]>"},
                             {"<!--", "-->"},
                             {"<?", "?>"}}) {
    std::size_t end = ends_at(open, close);
    if (end != std::string_view::npos) return end;
  }
  if (s.substr(i, 9) == "<!DOCTYPE") {
    int brackets = 0;
    for (std::size_t j = i + 9; j < s.size(); ++j) {
      if (s[j] == '[') ++brackets;
      if (s[j] == ']') --brackets;
      if (s[j] == '>' && brackets <= 0) return j + 1;
    }
    return s.size();
  }
  return std::string_view::npos;
}

}  // namespace

Repaired repair_entities(std::string_view text) {
  Repaired r;
  r.text.reserve(text.size() + text.size() / 16);
  std::size_t limit = text.size() * model::limits::k_max_repair_growth + 1024;
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '<') {
      std::size_t end = skip_literal(text, i);
      if (end != std::string_view::npos) {
        r.text.append(text.substr(i, end - i));
        i = end;
        continue;
      }
    }
    if (c != '&') {
      r.text += c;
      ++i;
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '#') {
      if (std::size_t n = numeric_reference(text, i)) {
        std::uint32_t cp = reference_value(text.substr(i, n));
        std::uint32_t fixed = repaired_code_point(cp);
        if (fixed == cp && text[i + 2] != 'X') {
          r.text.append(text.substr(i, n));
        } else {
          r.text += "&#" + std::to_string(fixed) + ";";
          bool c1 = cp >= 0x80 && cp <= 0x9F;  // well-formed XML, only a Windows habit
          if (r.problem.empty() && !c1) r.problem = "reference to invalid character number";
        }
        i += n;
        continue;
      }
    }
    std::size_t j = i + 1;
    while (j < text.size() && is_name_char(text[j])) ++j;
    std::string_view name = text.substr(i + 1, j - i - 1);
    if (!name.empty() && j < text.size() && text[j] == ';') {
      if (is_xml_entity(name)) {
        r.text.append(text.substr(i, j + 1 - i));
      } else if (std::optional<std::uint32_t> cp = html_entity(name)) {
        r.text += "&#" + std::to_string(*cp) + ";";
        if (r.problem.empty()) r.problem = "undefined entity &" + std::string(name) + ";";
      } else {
        r.text += "&amp;";
        r.text.append(name);
        r.text += ';';
        if (r.problem.empty()) r.problem = "undefined entity &" + std::string(name) + ";";
      }
      i = j + 1;
    } else {
      r.text += "&amp;";  // a bare ampersand (`?a=1&b=2` in a link)
      if (r.problem.empty()) r.problem = "not well-formed (invalid token)";
      ++i;
    }
    if (r.text.size() > limit) {
      return {std::string(text), "document too broken to repair"};
    }
  }
  return r;
}

namespace {

bool is_tag_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool is_tag_char(char c) { return is_tag_start(c) || is_name_char(c); }

// The end of the start or end tag at s[i] ('<'): the index after its '>', honouring quoted
// attribute values; npos when the document ends first.
std::size_t tag_end(std::string_view s, std::size_t i) {
  char quote = 0;
  for (std::size_t j = i + 1; j < s.size(); ++j) {
    char c = s[j];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return j + 1;
    } else if (c == '<') {
      return std::string_view::npos;  // `<a href="x" <b>`: a broken tag, not a tag
    }
  }
  return std::string_view::npos;
}

void close_until(std::string& out, std::vector<std::string_view>& open, std::size_t keep) {
  while (open.size() > keep) {
    out += "</";
    out.append(open.back());
    out += '>';
    open.pop_back();
  }
}

}  // namespace

std::string balance_tags(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 64);
  std::vector<std::string_view> open;
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '<') {
      std::size_t next = s.find('<', i);
      if (next == std::string_view::npos) next = s.size();
      out.append(s.substr(i, next - i));
      i = next;
      continue;
    }
    if (std::size_t end = skip_literal(s, i); end != std::string_view::npos) {
      out.append(s.substr(i, end - i));
      i = end;
      continue;
    }
    bool closing = i + 1 < s.size() && s[i + 1] == '/';
    std::size_t name_start = i + (closing ? 2 : 1);
    if (name_start >= s.size() || !is_tag_start(s[name_start])) {
      out += "&lt;";  // a stray `<` in text
      ++i;
      continue;
    }
    std::size_t name_end = name_start;
    while (name_end < s.size() && is_tag_char(s[name_end])) ++name_end;
    std::string_view name = s.substr(name_start, name_end - name_start);
    std::size_t end = tag_end(s, i);
    if (end == std::string_view::npos) {
      // Truncated or broken tag: skip to the next '<' (or the end).
      std::size_t next = s.find('<', i + 1);
      i = next == std::string_view::npos ? s.size() : next;
      continue;
    }
    if (closing) {
      std::size_t match = open.size();
      while (match > 0 && open[match - 1] != name) --match;
      if (match > 0) {
        close_until(out, open, match - 1);  // closes `name` and all opened after it
      }
    } else {
      out.append(s.substr(i, end - i));
      if (s[end - 2] != '/') open.push_back(name);
    }
    i = end;
  }
  close_until(out, open, 0);
  return out;
}

}  // namespace orrery::parse
