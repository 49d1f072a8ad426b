#pragma once
// rss10.xml, written in code: the page's entries as one RSS 1.0 channel, an RDF/XML document
// (https://web.resource.org/rss/1.0/spec) with the Dublin Core and content modules.

#include <string>

#include "render/render.h"

namespace orrery::render {

// The RSS 1.0 document of the page. channel rdf:about is rss10.xml under the planet's link
// (a stable urn:orrery: when the planet has none), with title, link, description, dc:date (the
// newest entry's; left out on an empty page, never `now`) and the items' rdf:Seq. One item per
// input entry in input order; its rdf:about is the entry's id when that is a clean absolute URI
// (tag:, urn:, or one the link policy passes), else its link when it has no id, else a stable
// urn, so RDF parsers read every item as its own resource. Item:
// title "Channel: Title" (Venus's rss10.xml.tmpl), link (the entry's, else its channel's site,
// else the planet's: RSS 1.0 requires one), dc:date (W3CDTF, updated), dc:creator, dc:subject
// per tag, dc:source (the subscription), dc:language (a BCP 47 tag), content:encoded (the content,
// else the summary: sanitised HTML carried as escaped text). Every URL passes safe_link.
// Precondition: input.config != nullptr.
std::string write_rss10(const RenderInput& input);

}  // namespace orrery::render
