#pragma once
// What the feed writers in code (rss20, rss10, opml, foaf, json_feed) share: XML-safe text, the
// entry id every output agrees on, the date an unchanged planet keeps, and the subscriptions in
// config order.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "render/htmltmpl/context.h"
#include "render/render.h"
#include "util/hash.h"
#include "util/time.h"
#include "util/utf8.h"

namespace pugi {
class xml_node;
}

namespace orrery::render {

using util::xml_chars;  // what XML 1.0 can carry (util/utf8.h)

// Appends <name>value</name> (value made XML-safe; pugixml escapes it) and returns the element.
pugi::xml_node append_text(pugi::xml_node parent, const char* name, std::string_view value);

// Appends attribute `name` = value, made XML-safe.
void append_attribute(pugi::xml_node node, const char* name, std::string_view value);

// The whole document as UTF-8 with an <?xml version="1.0" encoding="utf-8"?> declaration,
// indented by two spaces.
std::string serialise(const pugi::xml_node& document);

using util::stable_urn;  // the id of something with neither id nor link (util/hash.h)

// The entry's id in every output: its own id, else its link when the link policy lets it
// through, else stable_urn("entry", {feed_url, key}).
std::string entry_id(const model::StoredEntry& stored);

// Whether `s` is an absolute URI an RDF parser takes as rdf:about: a scheme, then no
// whitespace, control character or any of "<>\^`{|}.
bool is_clean_absolute_uri(std::string_view s);

// A language tag as BCP 47 (RFC 5646) spells it, for dc:language and JSON Feed's language:
// "en_US" (common in feeds) becomes "en-US"; anything that is not letters and digits in
// hyphen-separated pieces of 1 to 8 gives "" (left out).
std::string language_tag(std::string_view language);

// The newest `updated` of the page's entries; nullopt on an empty page. The writers date the
// planet by its content, never by `now`, so an unchanged planet writes identical bytes.
std::optional<util::TimePoint> newest_update(const RenderInput& input);

// `name` resolved against the planet's link ("https://planet.example/rss20.xml"); "" when the
// planet has no link or the result fails the link policy.
std::string planet_url(const RenderInput& input, std::string_view name);

// "Channel: Title" as Venus's rss10/rss20 templates title an item ("Channel" alone when the
// entry has no title).
std::string prefixed_title(const model::StoredEntry& stored, const ChannelView& channel);

// One subscription of the config, in config order, with what the store knows of it.
struct Subscription {
  // The subscription URL as written (may fail the link policy); for a local file, the public
  // rel="self" link its stored entries declare, when there is one.
  std::string url;
  std::string name;   // the display name (FeedSettings.name, else the feed title, else the URL)
  std::string title;  // the feed's own title; "" if never fetched
  std::string link;   // the feed's web page, through safe_link; "" if none
};

std::vector<Subscription> subscriptions(const RenderInput& input);

// The note for subscriptions an output lists by URL and had to leave out because their URL fails
// the link policy: "opml.xml: 2 subscriptions left out, their URL is not http, https or ftp:
// file:///a.xml, file:///b.xml".
std::string left_out_note(std::string_view output, const std::vector<std::string>& urls);

}  // namespace orrery::render
