#include "sanitise/refs_as_written.h"

#include <array>
#include <cctype>
#include <cstdint>

#include "sanitise/tokenizer.h"
#include "util/utf8.h"

namespace orrery::sanitise::detail {

namespace {

constexpr char k_hex[] = "0123456789abcdef";

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

struct WrittenReference {
  std::size_t length = 0;  // of the reference in the source, 0 when it is none we keep
  char32_t value = 0;      // what it decodes to
  std::string written;     // how feedparser writes it back
};

// A numeric reference `&#…;` at the start of `in`, when it means a character HTML keeps (read
// by the tokenizer's reader: tokenizer.h).
WrittenReference numeric_reference(std::string_view in) {
  const NumericReference numeric = read_numeric_reference(in, 0);
  if (numeric.digits == 0 || !numeric.terminated || numeric.value > 0x10ffff) {
    return {};
  }
  const std::uint32_t value = numeric.value;
  const std::size_t at = numeric.end - 1;  // the ';'
  // NUL, surrogates and C0/C1 controls are replaced or reported by the HTML parser.
  if (value == 0 || (value >= 0xd800 && value <= 0xdfff) ||
      (value < 0x20 && value != '\t' && value != '\n' && value != '\f')) {
    return {};
  }
  WrittenReference ref;
  ref.length = at + 1;
  if (value >= 0x80 && value <= 0x9f) {
    const char32_t meant = windows_1252_c1(value);
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
      WrittenReference ref = numeric_reference(rest);
      if (ref.length == 0) {
        return std::nullopt;
      }
      util::append_utf8(mine, ref.value);
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
      util::append_utf8(mine, named->value);
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
