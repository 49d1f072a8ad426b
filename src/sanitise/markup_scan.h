#pragma once
// markup_scan: the few HTML5 tokenizer rules (WHATWG HTML §13.2.5) the pre-parse pass needs to
// find tags, comments and raw text exactly where gumbo will. Internal to sanitise/.

#include <cstddef>
#include <string>
#include <string_view>

#include "sanitise/tokenizer.h"

namespace orrery::sanitise::detail {

struct TagToken {
  std::size_t end = std::string_view::npos;  // one past '>', npos when the input ends first
  std::string name;                          // lower case
  bool self_closing = false;                 // ends with "/>"
};

// Reads the start or end tag at `pos` (at '<' followed by a letter, or "</" and a letter),
// following the tag-name, attribute-name and attribute-value states exactly: '>' inside a
// quoted value does not end the tag, '>' after a stray quote in a name does.
TagToken read_tag(std::string_view in, std::size_t pos);

}  // namespace orrery::sanitise::detail
