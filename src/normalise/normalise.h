#pragma once
// normalise: ParsedFeed → Feed. The only producer of model::Entry.

#include "config/config.h"
#include "model/feed.h"
#include "model/parsed_feed.h"

namespace orrery::normalise {

// What `orrery parse --json` prints: the same document with every HTML construct sanitised and
// every relative URL (links, enclosures, HTML attributes) resolved against its xml:base.
model::ParsedFeed clean(model::ParsedFeed parsed);

// The feed as the planet stores it: to_feed(as_stored(clean(parsed), settings)). One path:
// `orrery parse --json --as-stored` prints the as_stored() document this is made of.
model::Feed normalise(const model::ParsedFeed& parsed, const config::FeedSettings& settings);

// The projection of an as_stored() document onto model::Feed, adding no rule of its own: the
// entry's key is its stored id (the store scopes it to the feed); an entry without one is left
// out (Venus's spider skipped it); text constructs as HTML (text escaped) and as text; at most
// k_max_entries_per_feed entries.
model::Feed to_feed(const model::ParsedFeed& stored);

}  // namespace orrery::normalise
