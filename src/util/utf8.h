#pragma once
// UTF-8 validation and repair. Everything past parse/ is valid UTF-8 without NUL.

#include <cstdint>
#include <string>
#include <string_view>

namespace orrery::util {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Returns `s` with every ill-formed sequence replaced by U+FFFD (one per maximal subpart, as
// the Unicode standard recommends) and NUL characters removed.
std::string repair_utf8(std::string_view s);

// Appends code point `cp` as UTF-8; surrogates and values above U+10FFFF become U+FFFD.
void append_utf8(std::string& out, std::uint32_t cp);

// XML 1.0 §2.2 Char: `s` without the C0 controls but tab, newline and return, and without
// U+FFFE/U+FFFF. `s` is valid UTF-8 already, so nothing else needs dropping.
std::string xml_chars(std::string_view s);

}  // namespace orrery::util
