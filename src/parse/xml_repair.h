#pragma once
// Internal: recovery from the mistakes feeds make in XML before it reaches pugixml. pugixml
// leaves undefined entity references (`&nbsp;`, from HTML) as literal text and rejects bare
// ampersands; feedparser's loose parser reads both, so they are rewritten first.

#include <string>
#include <string_view>

namespace orrery::parse {

struct Repaired {
  std::string text;
  // feedparser-style reason when the document needed repair ("" when it was well-formed as far
  // as entities go).
  std::string problem;
};

// Rewrites `text` outside CDATA sections, comments, processing instructions and the DOCTYPE:
// entities the internal DTD subset declares with a safe literal value (text, or one character
// reference: feedparser's rule) are expanded, at most model::limits::k_max_entity_expansion_bytes
// in all; entities with other values and external ones are never expanded;
// HTML named entities become numeric character references, unknown entity names and bare `&`
// are escaped as `&amp;`. When the rewrite would grow the text past
// model::limits::k_max_repair_growth times, the text is returned unchanged with the problem set.
// A document that needs no repair (nearly all) costs one scan and comes back as it was passed,
// without a copy.
Repaired repair_entities(std::string text);

// Rebalances the tags of a document pugixml rejected, as a forgiving reader would: a close tag
// that matches an open element closes everything opened after it, a close tag matching nothing
// is dropped, a `<` that starts no tag is escaped, a tag cut off by truncation is dropped, and
// elements still open at the end are closed. Comments, CDATA sections, processing instructions
// and the DOCTYPE are copied unchanged. Iterative; the result is at most the input plus the
// closing tags it adds.
std::string balance_tags(std::string_view text);

}  // namespace orrery::parse
