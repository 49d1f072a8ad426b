#pragma once
// atom.xml, written in code: the page's entries as one Atom 1.0 feed (RFC 4287), each with an
// atom:source naming the channel it came from.

#include <string>

#include "render/render.h"

namespace orrery::render {

// The Atom document of the page: feed metadata from [Planet] (name, link, owner), one entry per
// input entry in input order, dates in RFC 3339 UTC, titles as type="text", content and summary
// as type="html" (escaped by the XML writer, so nothing in them can close an element). Text
// that XML 1.0 cannot carry (C0 controls, U+FFFE, U+FFFF) is dropped. Precondition:
// input.config != nullptr.
std::string write_atom(const RenderInput& input);

}  // namespace orrery::render
