#pragma once
// The render test planet (fixtures.h) with what the feed writers also carry: an author with an
// email, an enclosure, a javascript: enclosure, a summary beside content, a channel language.

#include "unit/render/fixtures.h"

namespace orrery::render::test {

inline void add_feed_details(Planet& p) {
  model::Entry& shipping = p.input.entries[3].entry;  // Bob's "Shipping it"
  shipping.author.email = "bob@example.net";
  shipping.enclosures = {{"https://bob.example.net/ship.mp3", "audio/mpeg", 12345},
                         {"https://bob.example.net/notes.txt", "", std::nullopt},
                         {"javascript:alert(1)", "text/html", 1}};
  shipping.summary_html = "<p>Short: it <em>shipped</em> &amp; works &#x263A;</p>";
  p.input.channels[0].channel.language = "en";
}

}  // namespace orrery::render::test
