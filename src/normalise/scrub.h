#pragma once
// normalise::scrub — Venus's per-feed corrections (planet/scrub.py), applied to the parsed
// document before clean(), as Venus applied them before it sanitised and stored an entry.

#include "config/config.h"
#include "model/parsed_feed.h"

namespace orrery::normalise {

// `parsed` with the subscription's corrections:
// - ignore_in_feed: each named element is removed from the feed and from every entry (its value,
//   and for `language` the language of each text construct too). Names are feedparser's:
//   author, contributors, id, link, links, title, subtitle, summary, content, rights, tags
//   (also `category`), enclosures, updated, published, created, expired, comments, license,
//   source, image, icon, logo, generator, where; any other name is an extension key
//   (`georss_point`, `dc_subject`, …).
// - title_type, summary_type, content_type: every entry's title, summary and first content is
//   read as that type (text, html, xhtml) whatever the feed declared.
// - xml_base: the base of every HTML or XHTML construct (so where its relative URLs point):
//   feed_alternate, the entry's source link, else the feed's link; entry_alternate, the entry's
//   link; a URI, resolved against the construct's base.
// name_type needs nothing here (names are always stored as text, markup removed), nor
// future_dates (the store applies it against the cycle's time).
model::ParsedFeed scrub(model::ParsedFeed parsed, const config::FeedOptions& options);

}  // namespace orrery::normalise
