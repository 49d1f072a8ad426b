#pragma once
// Internal: single-byte encodings decoded by table where glibc's iconv is missing or stricter
// than browsers (windows-1252 per the WHATWG Encoding Standard), or differs from Python's codecs,
// which feedparser decodes with (the Mac OS encodings as Apple maps them today).

#include <optional>
#include <string>
#include <string_view>

namespace orrery::parse {

// True when `encoding` (a label, any case) is decoded by a table here.
bool has_single_byte_table(std::string_view encoding);

// `bytes` decoded to UTF-8, or nullopt when `encoding` has no table here. Never fails otherwise.
std::optional<std::string> decode_single_byte(std::string_view bytes, std::string_view encoding);

}  // namespace orrery::parse
