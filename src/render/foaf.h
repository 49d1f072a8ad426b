#pragma once
// foafroll.xml, written in code: the planet's subscriptions as a FOAF group (RDF/XML,
// http://xmlns.com/foaf/spec/), in the shape of Venus's foafroll.xml.xslt.

#include <string>
#include <vector>

#include "render/render.h"

namespace orrery::render {

struct FoafOutput {
  std::string content;
  std::vector<std::string> notes;  // subscriptions left out (URL fails the link policy), named
};

// rdf:RDF holding one foaf:Group: foaf:name (the planet's name), foaf:homepage (the planet's
// link, as a resource) and, per subscription in config order, a foaf:member whose foaf:Agent
// has foaf:name (the display name) and foaf:weblog: a foaf:Document (rdf:about = the feed's
// site, a blank node when it has none) with dc:title (the feed's title, else the name) and
// rdfs:seeAlso an rss:channel whose rdf:about is the feed URL. Precondition: input.config !=
// nullptr.
FoafOutput write_foaf(const RenderInput& input);

}  // namespace orrery::render
