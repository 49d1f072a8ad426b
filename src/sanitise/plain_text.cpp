#include "sanitise/plain_text.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "sanitise/gumbo_tree.h"

namespace orrery::sanitise::detail {

namespace {

constexpr std::string_view k_replacement_character = "\xEF\xBF\xBD";

// Code points gumbo 0.10.1's input stream turns into U+FFFD (utf8.c): C0 controls other than
// tab, LF, FF and CR; DEL and the C1 controls; the noncharacters.
bool is_replaced_by_gumbo(std::uint32_t cp) {
  return (cp >= 0x1 && cp <= 0x8) || cp == 0xB || (cp >= 0xE && cp <= 0x1F) ||
         (cp >= 0x7F && cp <= 0x9F) || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

// The code point of the well-formed sequence at text[i]; `length` receives its byte count.
std::uint32_t code_point_at(std::string_view text, std::size_t i, std::size_t& length) {
  const auto byte = [&](std::size_t k) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(text[i + k]));
  };
  const std::uint32_t lead = byte(0);
  if (lead < 0x80) {
    length = 1;
    return lead;
  }
  if (lead < 0xE0) {
    length = 2;
    return ((lead & 0x1F) << 6) | (byte(1) & 0x3F);
  }
  if (lead < 0xF0) {
    length = 3;
    return ((lead & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
  }
  length = 4;
  return ((lead & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) |
         (byte(3) & 0x3F);
}

}  // namespace

bool is_plain_text(std::string_view html) {
  return html.find_first_of("<&") == std::string_view::npos &&
         html.find("\xEF\xBB\xBF") == std::string_view::npos;
}

// Byte-level form of "a CR or is_replaced_by_gumbo": eight printable ASCII bytes are skipped
// at a time; a multi-byte sequence can only be a C1 control (C2 80–9F) or a noncharacter
// (EF B7 90–AF: U+FDD0–FDEF; EF BF BE/BF: U+FFFE/F; F0–F4 xF BF BE/BF: U+xFFFE/F).
bool changes_on_input(std::string_view text) { return !is_settled_text(text); }

bool is_settled_text(std::string_view text) {
  constexpr std::uint64_t k_high = 0x8080808080808080ULL;
  constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
  const auto at = [&](std::size_t k) {
    return k < text.size() ? static_cast<unsigned char>(text[k]) : 0;
  };
  const auto continuation = [&](std::size_t k) { return (at(k) & 0xC0) == 0x80; };
  std::size_t i = 0;
  while (i < text.size()) {
    if (i + 8 <= text.size()) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + i, sizeof word);
      const std::uint64_t del = word ^ (0x7F * k_ones);
      const bool below_space = ((word - 0x20 * k_ones) & ~word & k_high) != 0;
      const bool has_del = ((del - k_ones) & ~del & k_high) != 0;
      if ((word & k_high) == 0 && !below_space && !has_del) {
        i += 8;
        continue;
      }
    }
    // The next eight bytes one by one; a sequence that starts among them is read whole.
    for (const std::size_t end = i + 8; i < end && i < text.size();) {
      const unsigned char lead = at(i);
      if (lead < 0x80) {
        if ((lead < 0x20 && lead != '\t' && lead != '\n' && lead != '\f') || lead == 0x7F) {
          return false;  // NUL, CR, another control, DEL
        }
        ++i;
        continue;
      }
      std::size_t length = 0;
      std::uint32_t cp = 0;
      if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        cp = lead & 0x1Fu;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        cp = lead & 0x0Fu;
      } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        cp = lead & 0x07u;
      } else {
        return false;  // a continuation byte, an overlong lead, or beyond U+10FFFF
      }
      for (std::size_t k = 1; k < length; ++k) {
        if (!continuation(i + k)) return false;
        cp = (cp << 6) | (at(i + k) & 0x3Fu);
      }
      const bool overlong = (length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000);
      if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
      if (cp <= 0x9F || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
        return false;  // C1, noncharacters: gumbo replaces them
      }
      i += length;
    }
  }
  return true;
}

std::string plain_text_content(std::string_view html, const Limits& limits) {
  std::string text = bounded_input(html, limits);
  if (!changes_on_input(text)) {
    return text;
  }
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0, length = 0; i < text.size(); i += length) {
    const std::uint32_t cp = code_point_at(text, i, length);
    if (cp == '\r') {
      if (i + 1 >= text.size() || text[i + 1] != '\n') {
        out.push_back('\n');  // a CR of CRLF is dropped, the LF kept
      }
    } else if (is_replaced_by_gumbo(cp)) {
      out.append(k_replacement_character);
    } else {
      out.append(text.substr(i, length));
    }
  }
  return out;
}

void append_escaped_text(std::string& out, std::string_view text) {
  // Appends the runs between the characters that need escaping, skipping eight bytes at a time
  // where none of '&', '<', '>' occurs (a zero byte in word ^ c·0x01…01 marks c).
  constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
  constexpr std::uint64_t k_high = 0x8080808080808080ULL;
  const auto has_byte = [](std::uint64_t word, unsigned char c) {
    const std::uint64_t x = word ^ (c * k_ones);
    return ((x - k_ones) & ~x & k_high) != 0;
  };
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (i + 8 <= text.size()) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + i, sizeof word);
      if (!has_byte(word, '&') && !has_byte(word, '<') && !has_byte(word, '>')) {
        i += 8;
        continue;
      }
    }
    const char c = text[i];
    if (c == '&' || c == '<' || c == '>') {
      out.append(text.data() + start, i - start);
      start = i + 1;
      out += c == '&' ? "&amp;" : c == '<' ? "&lt;" : "&gt;";
    }
    ++i;
  }
  out.append(text.data() + start, text.size() - start);
}

}  // namespace orrery::sanitise::detail
