#pragma once
// normalise: ParsedFeed → Feed. The only producer of model::Entry.

#include "config/config.h"
#include "model/feed.h"
#include "model/parsed_feed.h"

namespace orrery::normalise {

// How clean() sanitises HTML beyond the one policy every caller shares.
struct CleanOptions {
  // A removed <iframe> leaves a link to its src before it (sanitise::Limits::embeds_as_links).
  // Off by default: `orrery parse --json` keeps feedparser's output (iframes dropped without a
  // trace, tests/e2e/conformance.sh). The planet's store path (app/cycle) turns it on, so its
  // pages show a link where a video was embedded.
  bool embeds_as_links = false;
};

// What `orrery parse --json` prints: the same document with every HTML construct sanitised and
// every relative URL (links, enclosures, HTML attributes) resolved against its xml:base.
model::ParsedFeed clean(model::ParsedFeed parsed, const CleanOptions& options = {});

// The feed as the planet stores it: to_feed(as_stored(clean(scrub(parsed, settings)),
// settings)). One path: `orrery parse --json --as-stored` prints the as_stored() document this
// is made of (with -c, the subscription's scrub settings too).
model::Feed normalise(const model::ParsedFeed& parsed, const config::FeedSettings& settings,
                      const CleanOptions& options = {});

// The projection of an as_stored() document onto model::Feed, adding no rule of its own: the
// entry's key is its stored id (the store scopes it to the feed); an entry without one is left
// out (Venus's spider skipped it); text constructs as HTML (text escaped) and as text; at most
// k_max_entries_per_feed entries.
model::Feed to_feed(const model::ParsedFeed& stored);

}  // namespace orrery::normalise
