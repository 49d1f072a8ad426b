#pragma once
// MD5 (RFC 1321), for compatibility only: Planet Venus names an entry without id or link by the
// MD5 of its title, summary or content, and stores made by Venus keep those ids. Not for
// anything that needs a secure hash.

#include <string>
#include <string_view>

namespace orrery::util {

// The MD5 digest of `bytes` as 32 lower-case hex digits.
std::string md5_hex(std::string_view bytes);

}  // namespace orrery::util
