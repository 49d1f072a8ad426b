#pragma once
// Internal: the document's character encoding (RFC 3023 as feedparser applies it: HTTP charset,
// BOM, XML declaration) and its conversion to UTF-8 through iconv.

#include <string>
#include <string_view>

namespace orrery::parse {

struct Decoded {
  std::string text;            // valid UTF-8 without NUL
  std::string encoding;        // the encoding used, lower case ("" when none worked)
  std::string bozo_exception;  // "CharacterEncodingOverride: …" etc., "" when none
  bool json = false;           // the media type or the first byte says JSON
};

// Decodes `bytes`. `content_type` is the HTTP Content-Type ("" for a local file);
// `forced_encoding` overrides every declaration. Never fails: when no candidate encoding decodes
// the bytes strictly, they are read as UTF-8 with U+FFFD for invalid sequences and
// bozo_exception says CharacterEncodingUnknown.
Decoded decode_document(std::string_view bytes, std::string_view content_type,
                        std::string_view forced_encoding);

// The encoding named in an XML declaration at the start of `text` (lower case), or "".
std::string declared_xml_encoding(std::string_view text);

}  // namespace orrery::parse
