#include "util/utf8_scan.h"

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "util/utf8.h"

namespace orrery::util {

namespace {

enum class Stop { at_non_ascii, at_non_ascii_or_nul };

// The first index at or after `from` holding a byte >= 0x80 (or NUL too, as `stop` says), or
// s.size(): sixteen bytes at a time with SSE2 (every x86-64), eight otherwise.
std::size_t skip_ascii(std::string_view s, std::size_t from, Stop stop) {
  std::size_t i = from;
  const bool nul_stops = stop == Stop::at_non_ascii_or_nul;
#if defined(__SSE2__)
  const __m128i zero = _mm_setzero_si128();
  while (i + 16 <= s.size()) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    int mask = _mm_movemask_epi8(block);  // the high bit of each byte
    if (nul_stops) mask |= _mm_movemask_epi8(_mm_cmpeq_epi8(block, zero));
    if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    i += 16;
  }
#else
  constexpr std::uint64_t k_high_bits = 0x8080808080808080ULL;
  constexpr std::uint64_t k_low_bits = 0x0101010101010101ULL;
  while (i + 8 <= s.size()) {
    std::uint64_t word = 0;
    std::memcpy(&word, s.data() + i, sizeof word);
    const bool has_nul = ((word - k_low_bits) & ~word & k_high_bits) != 0;
    if ((word & k_high_bits) != 0 || (nul_stops && has_nul)) break;
    i += 8;
  }
#endif
  while (i < s.size()) {
    const auto byte = static_cast<unsigned char>(s[i]);
    if (byte >= 0x80 || (nul_stops && byte == 0)) break;
    ++i;
  }
  return i;
}

}  // namespace

// A run of bytes >= 0x80 always starts a sequence (the byte before it is ASCII) and no
// well-formed sequence contains an ASCII byte, so `s` is well-formed iff each run is.
bool is_clean_utf8(std::string_view s) {
  std::size_t i = 0;
  while ((i = skip_ascii(s, i, Stop::at_non_ascii_or_nul)) < s.size()) {
    if (s[i] == '\0') {
      return false;
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

std::size_t ascii_prefix_length(std::string_view s) { return skip_ascii(s, 0, Stop::at_non_ascii); }

std::string repaired_utf8(std::string s) { return is_clean_utf8(s) ? s : repair_utf8(s); }

}  // namespace orrery::util
