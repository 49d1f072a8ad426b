#pragma once
// normalise: ParsedFeed → Feed. The only producer of model::Entry.

#include "config/config.h"
#include "model/feed.h"
#include "model/parsed_feed.h"
#include "util/time.h"

namespace orrery::normalise {

// What `orrery parse --json` prints: the same document with every HTML construct sanitised and
// every relative URL (links, enclosures, HTML attributes) resolved against its xml:base.
model::ParsedFeed clean(model::ParsedFeed parsed);

// The feed as the planet stores it: clean(), then per entry an identity key (id, else link,
// else a stable hash of title and content; scoped to the feed), dates in UTC, text fields as
// text, titles also as sanitised HTML. `now` is not used as a date for undated entries (the
// store fills first-seen). Config overrides (e.g. the feed's name) come from settings.
model::Feed normalise(const model::ParsedFeed& parsed, const config::FeedSettings& settings,
                      util::TimePoint now);

}  // namespace orrery::normalise
