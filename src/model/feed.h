#pragma once
// Feed: the normalised channel and entries normalise/ makes of a ParsedFeed. Every HTML field is
// already sanitised and its URLs absolute; nothing but normalise/ constructs these, so
// unsanitised HTML cannot reach the store or a page.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/parsed_feed.h"
#include "util/time.h"

namespace orrery::model {

// A location as Venus keeps it (geo:lat, geo:long): a GeoRSS point, the first vertex of a line
// or polygon, the centre of a box, or the feed's own geo:lat/geo:long.
struct GeoPoint {
  double latitude = 0;
  double longitude = 0;
};

// The feed an entry came from, as Venus keeps it in the entry's atom:source: the entry's own
// <source> when the document gives one (an aggregated feed), else the subscribed feed's metadata
// when the entry was fetched. HTML fields are sanitised; `planet` holds the planet: elements in
// order, names without the prefix ("name", "format", "bozo", "css-id", "id", and every config
// key of the subscription), as Venus writes them into the source.
struct Source {
  std::string id;  // the source's id, else its alternate link
  std::string title_html;
  std::string title_plain;
  std::string subtitle_html;
  std::string link;         // alternate (web page) link, "" if none
  std::vector<Link> links;  // every link as given (rel="self" is the feed's own address)
  std::string icon;
  std::string logo;
  std::string rights_html;
  Person author;  // name as text
  std::vector<Person> contributors;
  std::vector<Tag> categories;
  std::optional<util::TimePoint> updated;
  std::string language;
  std::vector<std::pair<std::string, std::string>> planet;
};

struct Entry {
  std::string key;          // identity within the feed: Venus's id rule (see normalise.h)
  std::string id;           // the stored id: the document's, else link, else base/md5 ("" if none)
  std::string link;         // absolute alternate link ("" if none)
  std::vector<Link> links;  // every link Venus keeps (alternate, enclosure, related, …)
  std::string title_html;   // sanitised HTML, "" if untitled
  std::string title_plain;  // title as text (markup stripped, entities decoded)
  std::string summary_html;
  std::string content_html;  // full content, sanitised; "" if the feed gives only a summary
  std::string rights_html;
  // How each construct is stored, as Venus stores it: text when it holds no markup (the _html
  // field is then escaped text), html or xhtml when it does.
  TextType title_type = TextType::text;
  TextType summary_type = TextType::text;
  TextType content_type = TextType::text;
  Person author;  // name as text; email and href (Atom uri) as given
  std::vector<Person> contributors;
  std::optional<util::TimePoint> published;
  std::optional<util::TimePoint> updated;  // never absent in a stored entry (store fills it)
  std::vector<std::string> tags;           // category terms as text (the terms of categories)
  std::vector<Tag> categories;             // term, scheme, label; only those with a term
  std::vector<Enclosure> enclosures;       // absolute hrefs
  std::optional<GeoPoint> geo;
  // The simple extension elements Venus keeps, under feedparser's keys: feedburner_origlink
  // (the original link of a FeedBurner-proxied post) and dc_date_taken (Flickr).
  std::vector<std::pair<std::string, std::string>> extensions;
  std::string language;
  Source source;
};

struct Channel {
  std::string title_plain;
  std::string link;  // absolute alternate (web page) link
  std::string subtitle_plain;
  std::string id;
  Person author;
  std::string icon;
  std::string logo;
  std::string rights_plain;
  // The same three constructs as HTML, as Venus keeps them with their markup: sanitised HTML, or
  // escaped text when the feed gave text. "" when absent (and for channels stored before
  // schema 8 until their feed is parsed again: readers fall back to the escaped _plain value).
  std::string title_html;
  std::string subtitle_html;
  std::string rights_html;
  std::optional<util::TimePoint> updated;
  std::string language;
  std::string generator;
  // How often the feed says it changes, for schedule/ (not stored as metadata): RSS <ttl> in
  // minutes, and the RSS 1.0 syndication module's sy:updatePeriod / sy:updateFrequency as
  // written ("" when absent).
  std::optional<std::int64_t> ttl_minutes;
  std::string update_period;
  std::string update_frequency;
};

struct Feed {
  Channel channel;
  std::vector<Entry> entries;
};

}  // namespace orrery::model
