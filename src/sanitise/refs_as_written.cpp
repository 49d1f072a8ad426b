#include "sanitise/refs_as_written.h"

#include <array>
#include <cctype>
#include <cstdint>

namespace orrery::sanitise::detail {

namespace {

// What HTML5 (and feedparser) read a reference to 0x80–0x9F as: windows-1252's characters;
// 0 where windows-1252 leaves the byte undefined (the reference then means the C1 control).
constexpr std::array<char32_t, 32> k_windows_1252_c1 = {
    0x20ac, 0,      0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017d, 0,      0,      0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
    0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0,      0x017e, 0x0178};

constexpr char k_hex[] = "0123456789abcdef";

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xc0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3f));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xe0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (c & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (c & 0x3f));
  }
}

void append_hex(std::string& out, char32_t c) {
  std::string digits;
  do {
    digits.insert(digits.begin(), k_hex[c & 0xf]);
    c >>= 4;
  } while (c != 0);
  out += digits;
}

void append_escaped(std::string& out, char c, RefContext context) {
  switch (c) {
    case '&':
      out += "&amp;";
      return;
    case '<':
      out += "&lt;";
      return;
    case '>':
      out += "&gt;";
      return;
    case '"':
      out += context == RefContext::attribute ? "&quot;" : "\"";
      return;
    default:
      out += c;
  }
}

int digit_value(char c, bool hex) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (hex && c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (hex && c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

struct Reference {
  std::size_t length = 0;  // of the reference in the source, 0 when it is none we keep
  char32_t value = 0;      // what it decodes to
  std::string written;     // how feedparser writes it back
};

// A numeric reference `&#…;` at the start of `in`, when it means a character HTML keeps.
Reference numeric_reference(std::string_view in) {
  bool hex = in.size() > 2 && (in[2] == 'x' || in[2] == 'X');
  std::size_t at = hex ? 3 : 2;
  std::uint32_t value = 0;
  std::size_t digits_start = at;
  for (; at < in.size() && digit_value(in[at], hex) >= 0; ++at) {
    value = value * (hex ? 16 : 10) + static_cast<std::uint32_t>(digit_value(in[at], hex));
    if (value > 0x10ffff) {
      return {};
    }
  }
  if (at == digits_start || at >= in.size() || in[at] != ';') {
    return {};
  }
  // NUL, surrogates and C0/C1 controls are replaced or reported by the HTML parser.
  if (value == 0 || (value >= 0xd800 && value <= 0xdfff) ||
      (value < 0x20 && value != '\t' && value != '\n' && value != '\f')) {
    return {};
  }
  Reference ref;
  ref.length = at + 1;
  if (value >= 0x80 && value <= 0x9f) {
    char32_t meant = k_windows_1252_c1[value - 0x80];
    if (meant == 0) {
      return {};
    }
    ref.value = meant;
    ref.written = "&#x";
    append_hex(ref.written, meant);
    ref.written += ';';
    return ref;
  }
  ref.value = value;
  ref.written = "&#";
  for (std::size_t i = 2; i < at; ++i) {
    char c = in[i];
    ref.written += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  ref.written += ';';
  return ref;
}

struct Named {
  std::string_view name;
  char32_t value;
};

constexpr std::array<Named, 6> k_named = {{{"&amp;", '&'},
                                           {"&lt;", '<'},
                                           {"&gt;", '>'},
                                           {"&quot;", '"'},
                                           {"&apos;", '\''},
                                           {"&nbsp;", 0xa0}}};

}  // namespace

std::optional<std::string> refs_as_written(std::string_view decoded, std::string_view original,
                                           RefContext context) {
  std::string out;
  std::string mine;  // `original` decoded by these rules, to compare with `decoded`
  out.reserve(original.size());
  for (std::size_t at = 0; at < original.size();) {
    std::string_view rest = original.substr(at);
    if (rest.starts_with("&#")) {
      Reference ref = numeric_reference(rest);
      if (ref.length == 0) {
        return std::nullopt;
      }
      append_utf8(mine, ref.value);
      out += ref.written;
      at += ref.length;
      continue;
    }
    bool names_something = rest.size() > 1 && std::isalnum(static_cast<unsigned char>(rest[1]));
    if (rest[0] == '&' && names_something) {
      const Named* named = nullptr;
      for (const Named& candidate : k_named) {
        if (rest.starts_with(candidate.name)) {
          named = &candidate;
        }
      }
      if (named == nullptr) {
        return std::nullopt;
      }
      std::size_t from = mine.size();
      append_utf8(mine, named->value);
      for (std::size_t i = from; i < mine.size(); ++i) {
        append_escaped(out, mine[i], context);
      }
      at += named->name.size();
      continue;
    }
    char c = rest[0];
    if (c == '\r') {  // the parser normalises CR LF and CR to LF
      c = '\n';
      if (rest.size() > 1 && rest[1] == '\n') {
        ++at;
      }
    }
    mine += c;
    append_escaped(out, c, context);
    ++at;
  }
  if (mine != decoded) {
    return std::nullopt;
  }
  return out;
}

}  // namespace orrery::sanitise::detail
