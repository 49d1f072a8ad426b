#include "util/utf8_scan.h"

#include <cstdint>
#include <cstring>

#include "util/utf8.h"

namespace orrery::util {

namespace {

constexpr std::uint64_t k_high_bits = 0x8080808080808080ULL;
constexpr std::uint64_t k_low_bits = 0x0101010101010101ULL;

// Eight ASCII bytes, none of them NUL.
bool is_plain_ascii_word(const char* p) {
  std::uint64_t word = 0;
  std::memcpy(&word, p, sizeof word);
  const bool has_nul = ((word - k_low_bits) & ~word & k_high_bits) != 0;
  return (word & k_high_bits) == 0 && !has_nul;
}

}  // namespace

// A run of bytes >= 0x80 always starts a sequence (the byte before it is ASCII) and no
// well-formed sequence contains an ASCII byte, so `s` is well-formed iff each run is.
bool is_clean_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (i + 8 <= s.size() && is_plain_ascii_word(s.data() + i)) {
      i += 8;
      continue;
    }
    const auto byte = static_cast<unsigned char>(s[i]);
    if (byte == 0) {
      return false;
    }
    if (byte < 0x80) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < s.size() && static_cast<unsigned char>(s[end]) >= 0x80) {
      ++end;
    }
    if (!is_valid_utf8(s.substr(i, end - i))) {
      return false;
    }
    i = end;
  }
  return true;
}

std::string repaired_utf8(std::string s) { return is_clean_utf8(s) ? s : repair_utf8(s); }

}  // namespace orrery::util
