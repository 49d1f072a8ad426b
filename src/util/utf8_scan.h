#pragma once
// utf8_scan: the fast test that lets callers skip util::repair_utf8 (which copies one code
// point at a time) on the text that needs no repair, nearly all of it, and the fast scan for
// the first byte that is not ASCII.

#include <string>
#include <string_view>

namespace orrery::util {

// True when `s` is well-formed UTF-8 (as is_valid_utf8 judges) and holds no NUL: exactly when
// repair_utf8(s) == s. ASCII is checked sixteen bytes at a time.
bool is_clean_utf8(std::string_view s);

// The number of ASCII bytes (NUL included) at the start of `s`: s.size() when all are ASCII.
std::size_t ascii_prefix_length(std::string_view s);

// `s` as repair_utf8 returns it, without copying when it is already clean.
std::string repaired_utf8(std::string s);

}  // namespace orrery::util
