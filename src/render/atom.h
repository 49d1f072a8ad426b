#pragma once
// atom.xml, written in code: the spliced document (document::splice()) without Venus's planet:
// nodes, as Venus's common/atom.xml.xslt makes it. One Atom serialiser for the planet: XSLT
// themes read the same document with its planet: nodes.

#include <string>

#include "render/render.h"

namespace orrery::render {

// The page as one Atom 1.0 feed (RFC 4287): feed metadata from [Planet] (name, link, owner,
// generator), <updated> the newest entry's (now for an empty page) so an unchanged page gives
// the same bytes, ids stable across runs, one entry per input entry in input order with an
// atom:source naming its channel. Text constructs are plain text, xhtml (HTML that is
// well-formed XML) or escaped html. Precondition: input.config != nullptr.
std::string write_atom(const RenderInput& input);

}  // namespace orrery::render
