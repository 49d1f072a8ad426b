// One entry as Venus caches it (reconstitute.reconstitute()): an Atom <entry> with an
// atom:source carrying the subscription's planet: elements.

#include <cstdio>
#include <string>

#include "document/build.h"

namespace orrery::document::detail {

namespace {

void link(pugi::xml_node parent, const std::string& rel, const std::string& href,
          const std::string& type = {}, std::optional<std::int64_t> length = {},
          const std::string& title = {}) {
  if (href.empty()) {
    return;
  }
  pugi::xml_node node = parent.append_child("link");
  node.append_attribute("rel") = xml_chars(rel).c_str();
  node.append_attribute("href") = href.c_str();
  // A type that is not `type/subtype` (`"><script>`) is dropped (util/url_policy.h).
  if (std::string media_type = util::media_type(type); !media_type.empty()) {
    node.append_attribute("type") = media_type.c_str();
  }
  if (!title.empty()) {
    node.append_attribute("title") = xml_chars(title).c_str();
  }
  if (length && *length >= 0) {
    node.append_attribute("length") = std::to_string(*length).c_str();
  }
}

// Venus keeps every link the feed gives; an entry stored before links were kept has its
// alternate link and enclosures.
void links(pugi::xml_node node, const model::Entry& entry, const std::string& alternate) {
  if (!entry.links.empty()) {
    for (const model::Link& l : entry.links) {
      link(node, l.rel.empty() ? "alternate" : l.rel, safe_link(l.href), l.type, l.length, l.title);
    }
    return;
  }
  link(node, "alternate", alternate);
  for (const model::Enclosure& enclosure : entry.enclosures) {
    link(node, "enclosure", safe_link(enclosure.href, util::UrlUse::resource), enclosure.type,
         enclosure.length);
  }
}

void categories(pugi::xml_node node, const model::Entry& entry) {
  if (entry.categories.empty()) {
    for (const std::string& tag : entry.tags) {
      if (!tag.empty()) {
        node.append_child("category").append_attribute("term") = xml_chars(tag).c_str();
      }
    }
    return;
  }
  for (const model::Tag& tag : entry.categories) {
    if (tag.term.empty()) {
      continue;
    }
    pugi::xml_node category = node.append_child("category");
    category.append_attribute("term") = xml_chars(tag.term).c_str();
    if (!tag.scheme.empty()) {
      category.append_attribute("scheme") = xml_chars(tag.scheme).c_str();
    }
    if (!tag.label.empty()) {
      category.append_attribute("label") = xml_chars(tag.label).c_str();
    }
  }
}

// geo:lat and geo:long (W3C Basic Geo), each declaring its namespace as Venus writes them.
void geo(pugi::xml_node node, const std::optional<model::GeoPoint>& point) {
  if (!point) {
    return;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.6f", point->latitude);
  pugi::xml_node lat = text_element(node, "geo:lat", text);
  lat.append_attribute("xmlns:geo") = k_geo_ns;
  std::snprintf(text, sizeof text, "%.6f", point->longitude);
  pugi::xml_node lon = text_element(node, "geo:long", text);
  lon.append_attribute("xmlns:geo") = k_geo_ns;
}

std::string language_of(const model::Entry& entry, const Source& source) {
  if (!entry.language.empty()) {
    return entry.language;
  }
  return source.status != nullptr ? source.status->channel.language : std::string();
}

// Venus: an author without a name is named after the subscription (planet:name); RFC 4287
// §3.2.1 requires the name.
void author(pugi::xml_node parent, const char* element, const model::Person& p,
            const Source& source) {
  pugi::xml_node node = parent.append_child(element);
  std::string name = p.name;
  if (name.empty() && source.settings != nullptr) {
    name = source.settings->name;
  }
  if (name.empty() && source.status != nullptr) {
    name = source.status->channel.title_plain;
  }
  text_element(node, "name", name.empty() ? source.url : name);
  if (!p.email.empty()) {
    text_element(node, "email", p.email);
  }
  if (std::string uri = safe_link(p.href); !uri.empty()) {
    text_element(node, "uri", uri);
  }
}

}  // namespace

void entry_element(pugi::xml_node parent, const model::Entry& entry, const Source& source,
                   const config::Config& config, PlanetElements planet, util::TimePoint updated,
                   util::TimePoint now) {
  pugi::xml_node node = parent.append_child("entry");
  if (std::string lang = language_of(entry, source); !lang.empty()) {
    node.append_attribute("xml:lang") = xml_chars(lang).c_str();
  }
  std::string alternate = safe_link(entry.link);
  text_element(node, "id",
               !entry.id.empty()    ? xml_chars(entry.id)
               : !alternate.empty() ? alternate
                                    : stable_urn("entry", {source.url, entry.key}));
  links(node, entry, alternate);
  // Venus writes an empty <title/> for an untitled entry.
  if (!entry.title_html.empty()) {
    html_construct(node, "title", entry.title_html);
  } else {
    text_element(node, "title", entry.title_plain);
  }
  if (!entry.summary_html.empty()) {
    html_construct(node, "summary", entry.summary_html);
  }
  if (!entry.content_html.empty()) {
    html_construct(node, "content", entry.content_html);
  }
  if (!entry.rights_html.empty()) {
    html_construct(node, "rights", entry.rights_html);
  }
  date_element(node, "updated", updated, config, planet);
  if (entry.published) {
    date_element(node, "published", *entry.published, config, planet);
  }
  categories(node, entry);
  geo(node, entry.geo);
  if (!entry.author.empty()) {
    author(node, "author", entry.author, source);
  }
  for (const model::Person& contributor : entry.contributors) {
    if (!contributor.empty()) {
      author(node, "contributor", contributor, source);
    }
  }
  pugi::xml_node xsource = node.append_child("source");
  if (entry.source.id.empty()) {
    source_children(xsource, source, config, planet, now);
  } else {
    frozen_source_children(xsource, entry.source, source, config, planet, now);
  }
  // excerpt.py's planet:excerpt (kept by the store as the planet_excerpt extension), after the
  // source where Venus's filter appends it; XSLT themes (Venus's mobile) show it.
  if (planet == PlanetElements::keep) {
    for (const auto& [name, value] : entry.extensions) {
      if (name == "planet_excerpt" && !value.empty()) {
        html_construct(node, "planet:excerpt", value);
      }
    }
  }
}

}  // namespace orrery::document::detail

namespace orrery::document {

std::string entry_xml(const model::Entry& entry, const Source& source, const config::Config& config,
                      util::TimePoint now) {
  pugi::xml_document doc;
  detail::entry_element(doc, entry, source, config, PlanetElements::keep,
                        entry.updated.value_or(entry.published.value_or(now)), now);
  pugi::xml_node root = doc.first_child();
  root.prepend_attribute("xmlns:planet") = k_planet_ns;
  root.prepend_attribute("xmlns") = k_atom_ns;
  return detail::save(doc);
}

}  // namespace orrery::document
