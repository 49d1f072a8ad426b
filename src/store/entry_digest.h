#pragma once
// A fingerprint of an entry's content, to tell "changed" from "the same again" without reading
// the stored copy back.

#include <cstdint>

#include "model/feed.h"

namespace orrery::store::detail {

// A 64-bit hash of every field a reader sees except the identity (key, id) and the dates:
// link, titles, summary, content, author, tags, enclosures, language. Dates are left out on
// purpose: feeds that stamp every item with the time of generation would otherwise "change" on
// every poll and old posts would re-appear as new. Leaving the id out lets apply() recognise a
// post whose id changed while its link and content did not. Each field is length-prefixed, so
// moving text from one field to the next changes the digest.
std::int64_t content_digest(const model::Entry& entry);

}  // namespace orrery::store::detail
