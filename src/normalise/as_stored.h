#pragma once
// normalise::as_stored — the storage normalisation of Planet Venus (planet/reconstitute.py and
// the parts of planet/spider.py that shape what it stores), applied to a cleaned document: what
// `orrery parse --as-stored` prints, and the only input normalise() turns into model::Feed, so
// what the store keeps and templates see. See ../shared/PARSE-JSON.md, "--as-stored", and
// docs/venus.md, "Storage, splice and import".

#include "config/config.h"
#include "model/parsed_feed.h"

namespace orrery::normalise {

// `cleaned` (the output of clean()) with, per entry, Venus's rules:
// - id: its own, else its link (an RSS guid that is a permalink is the link), else its first
//   enclosure (as Venus's parser did), else `base + "/" + md5(value)` of the first non-empty of
//   title, summary and content (`base` is that construct's xml:base), else none (such an entry
//   is printed but never stored: Venus's spider skipped it);
// - links: every link with an href; an entry giving only `link` gets it as rel="alternate";
// - title: an empty text title when the document gives none; content: the first one only;
// - text constructs: HTML without markup becomes text (entities decoded); the entry's
//   language (its own, else the feed's) carried into every construct without one;
// - people (author, contributors, source's too): names as text; an author without a name takes
//   the subscription's planet name when there is one;
// - categories: only those with a term, with their scheme and label;
// - updated: its own, else published, else the feed's updated (else its published, which is
//   where RSS puts the channel date); an entry left undated takes its first-seen date in the store;
// - dc:date.Taken kept as dc_date_taken; a location as geo_lat/geo_long with six decimals: the
//   feed's own geo:lat/long, else a GeoRSS point, the centre of a box, or the first vertex of a
//   line or polygon;
// - source: the entry's own <source> (an RSS <source url> becomes a link titled with its text;
//   planet_id names the feed it came through), else the feed's title, subtitle, id (else link),
//   links, logo (else the image), icon, rights, author, contributors, categories and updated;
//   with the planet: elements Venus writes as extensions `planet_<key>`: the feed's own,
//   every key of the subscription's config section (`settings.raw`, so none for a bare
//   `orrery parse`), planet_format (the document's version), planet_bozo ("true"/"false") and
//   planet_css-id (from planet_name); and the subscription's address (`settings.url`) as a
//   rel="self" link typed by the format when the feed names none.
// Never throws on any input (std::bad_alloc aside); applying it twice changes nothing more.
model::ParsedFeed as_stored(model::ParsedFeed cleaned, const config::FeedSettings& settings = {});

}  // namespace orrery::normalise
