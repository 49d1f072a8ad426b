#pragma once
// Internal: feedparser's repair of UTF-8 that was read as Latin-1 (or windows-1252) and encoded
// as UTF-8 again ("â€¦" for "…"), applied to the text constructs of a UTF-8 document.

#include <optional>
#include <string>
#include <string_view>

#include "model/parsed_feed.h"

namespace orrery::parse {

// The text `utf8` was before it was encoded twice: when every code point is below U+0100 or
// one of windows-1252's characters for 0x80–0x9F, at least one is not ASCII, and those bytes
// are valid UTF-8. nullopt otherwise (the text is left as it is).
std::optional<std::string> undo_double_encoding(std::string_view utf8);

// Applies undo_double_encoding to every text construct (titles, summaries, content, rights,
// subtitles) of the feed, its entries and their sources. For documents decoded as UTF-8 only.
void undo_double_encoding(model::ParsedFeed& feed);

}  // namespace orrery::parse
