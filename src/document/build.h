#pragma once
// Internals of document/: the pugixml builders entry_xml() and splice() share.

#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "document/document.h"
#include "util/hash.h"
#include "util/url_policy.h"
#include "util/utf8.h"

namespace orrery::document::detail {

using util::xml_chars;

// <name>value</name> under parent (value cleaned by xml_chars).
pugi::xml_node text_element(pugi::xml_node parent, const char* name, std::string_view value);

// An Atom text construct from HTML: plain text when it has no markup (entities decoded), one
// xhtml:div (type="xhtml") when the HTML is well-formed XML, else type="html".
void html_construct(pugi::xml_node parent, const char* name, std::string_view html);

// A URL fit for an href outside content, by util/url_policy.h's one policy for `use` (http,
// https, ftp; mailto for a link), cleaned by xml_chars; anything else (javascript:,
// java&#9;script&colon;, data:, relative junk) is "".
std::string safe_link(std::string_view url, util::UrlUse use = util::UrlUse::link);

using util::stable_urn;

// <name planet:format="…">RFC 3339</name>; without the attribute when planet elements drop.
void date_element(pugi::xml_node parent, const char* name, util::TimePoint t,
                  const config::Config& config, PlanetElements planet);

// The id of a subscription as the documents give it (atom:source/atom:id and
// planet:source/atom:id agree, so themes can group entries by it): the feed's id, else its
// link, else the subscription URL.
std::string source_id(const Source& source);

// The children of an atom:source or a planet:source (Venus's order): id, icon, logo, author,
// links, rights, subtitle, title, updated, then the planet: elements unless dropped.
void source_children(pugi::xml_node node, const Source& source, const config::Config& config,
                     PlanetElements planet, util::TimePoint now);

// The children of an entry's atom:source when the store kept the source the entry was fetched
// with (Venus freezes it at fetch time): `frozen`'s metadata and planet: elements; the
// subscription's planet: elements when it kept none.
void frozen_source_children(pugi::xml_node node, const model::Source& frozen, const Source& source,
                            const config::Config& config, PlanetElements planet,
                            util::TimePoint now);

// One <entry> appended to parent (see entry_xml()); `updated` is the date it shows as
// atom:updated (the entry's own, or the caller's fallback), `now` the source's fallback.
void entry_element(pugi::xml_node parent, const model::Entry& entry, const Source& source,
                   const config::Config& config, PlanetElements planet, util::TimePoint updated,
                   util::TimePoint now);

// Saves with a declaration; indent by two spaces.
std::string save(const pugi::xml_document& doc);

}  // namespace orrery::document::detail

namespace orrery::document::detail {

// Whether a config key can be an element name after "planet:" (an XML NCName, ASCII only, not
// starting with "xml").
bool is_xml_name(std::string_view key);

}  // namespace orrery::document::detail
