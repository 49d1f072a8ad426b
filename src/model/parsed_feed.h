#pragma once
// ParsedFeed: what parse/ produces from one document. Raw and faithful: values as the document
// gives them (HTML not yet sanitised, URLs inside HTML not yet resolved; URL-valued fields such
// as link hrefs, icon, logo, enclosure and image URLs already resolved against xml:base and the
// document's base), every value valid UTF-8, dates parsed or absent, the bozo flag when recovery
// was needed. Field names follow the Universal Feed Parser's (../shared/PARSE-JSON.md), because
// that is what people in this field know. Only normalise/ turns this into model::Feed.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "util/time.h"

namespace orrery::model {

enum class TextType { text, html, xhtml };

// An Atom text construct, or its RSS equivalent (RFC 4287 §3.1).
struct TextConstruct {
  TextType type = TextType::text;
  std::string value;
  std::string language;  // xml:lang in scope, "" if none
  std::string base;      // xml:base in scope (already resolved against outer bases), "" if none
  // The declared media type when it is none of the three text types (Atom content
  // type="image/png"), "" otherwise; and Atom content's src attribute, "" if none.
  std::string media_type;
  std::string src;
};

struct Link {
  std::string rel;  // "alternate" when the document gives none (RFC 4287 §4.2.7.2)
  std::string type;
  std::string href;
  std::string title;
  std::string hreflang;
  std::optional<std::int64_t> length;
};

struct Person {
  std::string name;
  std::string email;
  std::string href;
  bool empty() const { return name.empty() && email.empty() && href.empty(); }
};

struct Tag {
  std::string term;
  std::string scheme;
  std::string label;
};

struct Enclosure {
  std::string href;
  std::string type;
  std::optional<std::int64_t> length;
};

// A date as the document wrote it, and the instant when the text could be parsed.
struct Date {
  std::string raw;
  std::optional<util::TimePoint> parsed;
};

// An extension element read as its attributes (thr:in-reply-to, media:player, media:content),
// under feedparser's key.
struct ExtensionElement {
  std::string key;
  std::vector<std::pair<std::string, std::string>> attributes;
  bool repeated = false;  // every occurrence is kept as a list (media_content, media_thumbnail)
  std::vector<std::string> content_list;  // a `content` that is a list (media_restriction's)
  // Not repeated, and the first occurrence's attributes stay: a later one only replaces their
  // `content`, when it has one (feedparser's setdefault: media_rating, media_license …).
  bool first_wins = false;
};

// A GeoRSS location (georss:point/line/polygon/box, or GML inside georss:where), as GeoJSON.
// A box (georss:box) keeps its two corners as feedparser does: type "Box", two coordinates.
struct Where {
  std::string type;  // "Point", "LineString", "Polygon", "Box"; "" when none could be read
  std::vector<std::pair<double, double>> coordinates;  // (x, y): longitude first, as GeoJSON
  std::vector<double> heights;  // the third value of each coordinate when srsDimension is 3
  // GML only (srsDimension set): the geometry's srsName attribute, if any, and dimension.
  std::optional<std::string> srs_name;
  std::optional<int> srs_dimension;
};

// Fields common to the channel and to entries.
struct ParsedCommon {
  std::optional<TextConstruct> title;
  std::optional<TextConstruct> rights;
  std::string id;    // guid / atom:id, "" if absent
  std::string link;  // the alternate link as given, "" if absent
  std::vector<Link> links;
  std::optional<Person> author;
  // The author as the document wrote it when it wrote text (RSS `me@example.com (Name)`),
  // "" when it gave a structured person (Atom).
  std::string author_text;
  std::optional<Person> publisher;  // dc:publisher, RSS 2.0 webMaster
  std::vector<Person> authors;
  std::vector<Person> contributors;
  std::vector<Tag> tags;
  std::optional<Date> published;
  std::optional<Date> updated;
  std::optional<Date> created;         // dcterms:created, Atom 0.3 created
  std::optional<Date> validity_start;  // dcterms:valid's DCMI Period start=…
  std::optional<Date> validity_end;    // … and end=…
  std::string license;                 // cc:license / creativeCommons:license
  std::optional<int> itunes_block;     // itunes:block: 1 for "yes", 0 otherwise (feedparser)
  // itunes:explicit: true for yes/true, false for no/clean/false, nullopt inside for other text;
  // the outer optional is empty when the element is absent.
  std::optional<std::optional<bool>> itunes_explicit;
  std::string base;      // xml:base in scope for this element
  std::string language;  // xml:lang / <language> in scope
  // Extension and unknown-namespace elements with simple text content, under feedparser's key
  // (`prefix_localname`), in document order.
  std::vector<std::pair<std::string, std::string>> extensions;
  std::vector<ExtensionElement> extension_elements;
  std::optional<Where> where;
};

struct Image {
  std::string href;
  std::string title;
  std::string link;
  std::string description;
  std::optional<std::int64_t> width;
  std::optional<std::int64_t> height;
};

// RSS <textInput> (RSS 2.0 §"<textInput> sub-element of <channel>").
struct TextInput {
  std::string title;
  std::string description;
  std::string name;
  std::string link;
};

struct ParsedChannel : ParsedCommon {
  std::optional<TextConstruct> subtitle;
  std::string generator;          // its text
  std::string generator_href;     // Atom uri / RSS 1.0 admin:generatorAgent rdf:resource
  std::string generator_version;  // Atom version attribute
  std::string icon;
  std::string logo;
  std::optional<Image> image;
  std::optional<std::int64_t> ttl;  // minutes (RSS 2.0 <ttl>)
  std::string docs;
  std::optional<TextConstruct> info;  // Atom 0.3 <info>
  std::string href;                   // an entry's RSS 2.0 <source url="">: the feed it came from
  std::optional<TextInput> textinput;
  // RSS <cloud>'s attributes (domain, port, path, registerProcedure, protocol) as given.
  std::vector<std::pair<std::string, std::string>> cloud;
  std::optional<Date> expired;
};

// Podlove Simple Chapters (http://podlove.org/simple-chapters): <psc:chapters>.
struct Chapter {
  std::string start;  // normal play time as written ("00:03:07.250")
  std::string title;
  std::string href;
  std::string image;
};

struct Chapters {
  std::string version;
  std::vector<Chapter> chapters;
};

struct ParsedEntry : ParsedCommon {
  std::optional<TextConstruct> summary;
  std::optional<TextConstruct> subtitle;  // itunes:subtitle
  std::optional<Image> image;             // itunes:image
  std::vector<TextConstruct> content;
  bool guidislink = false;
  std::vector<Enclosure> enclosures;
  std::string comments;
  std::optional<Date> expired;
  std::optional<ParsedChannel> source;   // Atom <source> / RSS <source url="">
  std::optional<Chapters> psc_chapters;  // the first <psc:chapters> only
};

struct ParsedFeed {
  // "rss20", "atom10", … as feedparser names them; "" when the document is not a feed.
  std::string version;
  std::string encoding;  // the encoding actually used to decode, lower case
  bool bozo = false;
  std::string bozo_exception;                     // "ClassName: message" when bozo
  std::map<std::string, std::string> namespaces;  // prefix → URI as declared
  ParsedChannel feed;
  std::vector<ParsedEntry> entries;
};

}  // namespace orrery::model
