#pragma once
// markup_scan: the few HTML5 tokenizer rules (WHATWG HTML §13.2.5) the pre-parse pass needs to
// find tags, comments and raw text exactly where gumbo will. Internal to sanitise/.

#include <cstddef>
#include <string>
#include <string_view>

namespace orrery::sanitise::detail {

inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// Tokenizer whitespace: tab, LF, FF, space (and CR, which input preprocessing turns into LF).
inline bool is_tag_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

struct TagToken {
  std::size_t end = std::string_view::npos;  // one past '>', npos when the input ends first
  std::string name;                          // lower case
  bool self_closing = false;                 // ends with "/>"
};

// Reads the start or end tag at `pos` (at '<' followed by a letter, or "</" and a letter),
// following the tag-name, attribute-name and attribute-value states exactly: '>' inside a
// quoted value does not end the tag, '>' after a stray quote in a name does.
TagToken read_tag(std::string_view in, std::size_t pos);

// One past the end of the comment opened at `pos` ("<!--"): after the first "-->" or "--!>",
// or the abrupt "<!-->" and "<!--->"; npos when the comment runs to the end of the input.
std::size_t comment_end(std::string_view in, std::size_t pos);

// Where the raw text of element `name` that started at `from` ends: at the first "</name"
// followed by whitespace, '/' or '>' (any case); npos when it runs to the end of the input.
std::size_t raw_text_end(std::string_view in, std::size_t from, std::string_view name);

}  // namespace orrery::sanitise::detail
