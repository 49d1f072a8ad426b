#pragma once
// normalise::as_stored — the storage normalisation of Planet Venus (planet/reconstitute.py),
// applied to a cleaned document: what `orrery parse --as-stored` prints and what the planet
// keeps and renders. See ../shared/PARSE-JSON.md, "--as-stored".

#include "model/parsed_feed.h"

namespace orrery::normalise {

// `cleaned` (the output of clean()) with, per entry:
// - an id: its own, else its link, else `base + "/" + md5(text)` of the first non-empty of
//   title, summary and content (Venus's rule, so stores made by Venus keep their ids; `base`
//   is that construct's xml:base);
// - a source: the entry's own <source> when it has one (an RSS <source url> becomes a link
//   titled with the source's text), else the feed's title, subtitle, id (else link), links,
//   logo (else the image), icon, rights, author, contributors, tags and updated;
// - a title, empty when the document gives none;
// - HTML constructs without markup downgraded to plain text, entities decoded;
// - the feed's language when the entry has none, carried into every text construct without one;
// - people's names as text: markup removed, entities decoded, whitespace collapsed;
// - updated: the entry's published date when it gives no updated date.
// Never throws on any input (std::bad_alloc aside); applying it twice changes nothing more.
model::ParsedFeed as_stored(model::ParsedFeed cleaned);

}  // namespace orrery::normalise
