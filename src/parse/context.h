#pragma once
// Internal: the state of one feed-document walk and the dispatch of elements to the format and
// extension handlers (rss.cpp, rdf.cpp, atom.cpp, ext_*.cpp). Every handler reads one element
// into a Target; unknown elements become `prefix_localname` extensions, as in feedparser.

#include <memory>
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "model/parsed_feed.h"
#include "parse/xml_tree.h"

namespace orrery::parse {

enum class Dialect { rss, rdf, atom10, atom03, cdf };

// xml:base, xml:lang and the namespace bindings in effect at an element.
struct Scope {
  std::string base;
  std::string language;
  std::shared_ptr<const xml::Bindings> ns;  // nullptr: none declared
};

// Where the children of the element being walked go: the channel, an entry, or an entry's
// source (a channel-shaped record).
struct Target {
  model::ParsedCommon& common;
  model::ParsedChannel* channel = nullptr;
  model::ParsedEntry* entry = nullptr;
};

// One element, resolved: its namespace, local name, feedparser prefix and scope.
struct Element {
  pugi::xml_node node;
  std::string_view ns;
  std::string_view local;
  std::string prefix;              // feedparser's prefix: "" for RSS and Atom elements
  Scope scope;                     // with the element's own xml:base and xml:lang applied
  Dialect dialect = Dialect::rss;  // the document's format

  // `prefix_local` (or `local` for core elements): the key feedparser stores it under.
  std::string key() const;
};

class Context {
 public:
  Context(model::ParsedFeed& feed, Dialect dialect) : m_feed(feed), m_dialect(dialect) {}

  model::ParsedFeed& feed() { return m_feed; }
  Dialect dialect() const { return m_dialect; }

  // Resolves `node` with `parent` as the enclosing scope.
  Element element(pugi::xml_node node, const Scope& parent) const;

  // Reads every child element of `parent` into `target`.
  void walk_children(const Element& parent, Target& target);

  // Reads one element into `target` (the dispatch by namespace).
  void handle(const Element& e, Target& target);

  // Adds an entry read from `item` (RSS item, Atom entry), unless the entry limit is reached.
  void add_entry(const Element& item);

  // Reads an Atom <source> or RSS <source> into a channel-shaped record.
  void read_source(const Element& source, model::ParsedEntry& entry);

  // Records that recovery was needed (keeps the first reason).
  void set_bozo(std::string exception);

 private:
  // An element no handler knows: kept as `prefix_localname` when it holds text; when it holds
  // elements, feedparser reads those as if they were the parent's (`<redirect><newLocation>`).
  void keep_unknown(const Element& e, Target& t);

  model::ParsedFeed& m_feed;
  Dialect m_dialect;
  std::size_t m_depth = 0;  // nesting of walk_children, bounded by k_max_xml_depth
};

// Shared readers, used by several handlers.

// Keeps `e` as an attribute dictionary under `key` (feedparser's reading of empty extension
// elements such as thr:in-reply-to), at most k_max_attributes_per_element of them.
void keep_attributes(const Element& e, Target& t, std::string key, bool repeated);

// A date element's text and its parsed instant.
model::Date read_date(const Element& e);

// An Atom text construct (RFC 4287 §3.1; Atom 0.3 mode="escaped|xml|base64").
model::TextConstruct atom_text(const Element& e);

// An RSS text element: `default_type` unless a `type` attribute says otherwise; plain text that
// looks like HTML (a close tag or an entity of known HTML elements) is reported as HTML, as
// feedparser does, because RSS never says.
model::TextConstruct rss_text(const Element& e, model::TextType default_type);

// feedparser's test for text that is HTML although nothing says so: a close tag or an entity
// reference, and every tag a known HTML element.
bool text_looks_like_html(std::string_view s);

// An Atom person construct (RFC 4287 §3.2).
model::Person atom_person(const Context& ctx, const Element& e);

// An RSS person as text: `me@example.com (Name)`, `Name <me@example.com>`, `Name`.
model::Person text_person(std::string_view text);

// Sets the entry's or channel's author (first one wins) and appends to authors.
void add_author(Target& t, model::Person person);

// add_author for an author written as text: keeps the text verbatim as well (feedparser's
// `author` is what the feed wrote).
void add_text_author(Target& t, std::string_view text);

// Adds a tag unless an equal one is present.
void add_tag(Target& t, model::Tag tag);

// `url` with the slashes after `scheme://` collapsed to two (a malformed xml:base in the wild).
std::string collapse_authority_slashes(std::string url);

// `url` (trimmed) resolved against the element's xml:base (RFC 3986 §5.2).
std::string resolve(const Element& e, std::string_view url);

// Adds a link; the first alternate HTML link becomes `link` (feedparser's rule).
void add_link(Target& t, model::Link link);

// An entry's summary, or — when it already has one (RSS <description> and <summary> both
// given) — another content value, as feedparser does.
void add_summary(Target& t, model::TextConstruct text);

// Parses a non-negative integer attribute or text; nullopt when not a number.
std::optional<std::int64_t> parse_integer(std::string_view text);

}  // namespace orrery::parse
