#include "parse/double_encoding.h"

#include <array>
#include <cstdint>

#include "util/utf8.h"
#include "util/utf8_scan.h"

namespace orrery::parse {

namespace {

// windows-1252's characters for bytes 0x80–0x9F (0 where it defines none).
constexpr std::array<char32_t, 32> k_windows_1252_c1 = {
    0x20ac, 0,      0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017d, 0,      0,      0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
    0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0,      0x017e, 0x0178};

// The byte a code point was read from, or -1 when Latin-1 and windows-1252 have none.
int byte_of(char32_t cp) {
  if (cp < 0x100) {
    return static_cast<int>(cp);
  }
  for (std::size_t i = 0; i < k_windows_1252_c1.size(); ++i) {
    if (k_windows_1252_c1[i] == cp) {
      return static_cast<int>(0x80 + i);
    }
  }
  return -1;
}

// Decodes one code point of valid UTF-8 at `at`, advancing it.
char32_t next_code_point(std::string_view s, std::size_t& at) {
  auto byte = static_cast<unsigned char>(s[at++]);
  if (byte < 0x80) {
    return byte;
  }
  int extra = byte >= 0xf0 ? 3 : byte >= 0xe0 ? 2 : 1;
  char32_t cp = byte & (0x3f >> extra);
  for (int i = 0; i < extra && at < s.size(); ++i) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[at++]) & 0x3f);
  }
  return cp;
}

// Whether `byte` may come next in valid UTF-8, `pending` being the continuation bytes the
// current sequence still needs (updated). Only a necessary condition, for returning early on
// the usual text (a lone "’" gives the continuation byte 0x92): is_valid_utf8 still decides.
bool may_continue_utf8(int byte, int& pending) {
  if (pending > 0) {
    --pending;
    return byte >= 0x80 && byte <= 0xbf;
  }
  if (byte < 0x80) {
    return true;
  }
  if (byte < 0xc2 || byte > 0xf4) {
    return false;
  }
  pending = byte >= 0xf0 ? 3 : byte >= 0xe0 ? 2 : 1;
  return true;
}

void undo(std::optional<model::TextConstruct>& construct) {
  if (construct) {
    if (auto fixed = undo_double_encoding(construct->value)) {
      construct->value = std::move(*fixed);
    }
  }
}

void undo_common(model::ParsedCommon& common) {
  undo(common.title);
  undo(common.rights);
}

void undo_channel(model::ParsedChannel& channel) {
  undo_common(channel);
  undo(channel.subtitle);
  undo(channel.info);
}

}  // namespace

std::optional<std::string> undo_double_encoding(std::string_view utf8) {
  // ASCII reads as its own byte and leaves no sequence open, so only what follows the first
  // other byte can decide; all ASCII (the common case) cannot have been encoded twice.
  const std::size_t first = util::ascii_prefix_length(utf8);
  if (first == utf8.size()) {
    return std::nullopt;
  }
  // A first pass only checks, so that the usual text, which fails within a few code points,
  // is not copied.
  int pending = 0;
  for (std::size_t at = first; at < utf8.size();) {
    int byte = byte_of(next_code_point(utf8, at));
    if (byte < 0 || !may_continue_utf8(byte, pending)) {
      return std::nullopt;
    }
  }
  // The code point at `first` is not ASCII, so some byte is >= 0x80.
  std::string bytes(utf8.substr(0, first));
  bytes.reserve(utf8.size());
  for (std::size_t at = first; at < utf8.size();) {
    bytes += static_cast<char>(byte_of(next_code_point(utf8, at)));
  }
  if (!util::is_valid_utf8(bytes)) {
    return std::nullopt;
  }
  return bytes;
}

void undo_double_encoding(model::ParsedFeed& feed) {
  undo_channel(feed.feed);
  for (model::ParsedEntry& entry : feed.entries) {
    undo_common(entry);
    undo(entry.summary);
    undo(entry.subtitle);
    for (model::TextConstruct& content : entry.content) {
      if (auto fixed = undo_double_encoding(content.value)) {
        content.value = std::move(*fixed);
      }
    }
    if (entry.source) {
      undo_channel(*entry.source);
    }
  }
}

}  // namespace orrery::parse
