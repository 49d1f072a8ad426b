#pragma once
// opml.xml, written in code: the planet's subscriptions as an OPML 2.0 subscription list
// (http://opml.org/spec2.opml).

#include <string>
#include <vector>

#include "render/render.h"

namespace orrery::render {

struct OpmlOutput {
  std::string content;
  // One line per subscription left out because its URL fails the link policy (a file: feed,
  // say), naming it; app/ logs them.
  std::vector<std::string> notes;
};

// head: title (the planet's name), dateModified (RFC 822; the newest entry's, left out on an
// empty page, never `now`), ownerName, ownerEmail, docs. body: one
// <outline type="rss" text=NAME title=TITLE xmlUrl=URL htmlUrl=SITE/> per subscription in config
// order, as Venus's opml.xml.xslt lists them (text is the display name, title the feed's own
// title, else the name). Precondition: input.config != nullptr.
OpmlOutput write_opml(const RenderInput& input);

}  // namespace orrery::render
