#pragma once
// rss20.xml, written in code: the page's entries as one RSS 2.0 channel
// (https://www.rssboard.org/rss-specification).

#include <string>

#include "render/render.h"

namespace orrery::render {

// The RSS 2.0 document of the page. Channel: title, link and description from [Planet],
// atom:link rel="self" (rss20.xml under the planet's link), generator, and lastBuildDate from
// the newest entry (left out on an empty page), never from `now`. One item per input entry in
// input order: title "Channel: Title" as Venus's rss20.xml.tmpl writes it, link, guid (the id
// all outputs share; isPermaLink="true" only when it is the link), description (the content,
// else the summary: sanitised HTML carried as escaped text), pubDate (RFC 822, updated),
// author "email (name)" when the feed gives an email else dc:creator, category per tag,
// enclosure per enclosure (length 0 and type application/octet-stream when unknown), and
// source naming the subscription. Every URL passes safe_link; text XML cannot carry is dropped.
// Precondition: input.config != nullptr.
std::string write_rss20(const RenderInput& input);

}  // namespace orrery::render
