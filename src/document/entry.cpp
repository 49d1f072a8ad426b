// One entry as Venus caches it (reconstitute.reconstitute()): an Atom <entry> with an
// atom:source carrying the subscription's planet: elements.

#include <string>

#include "document/build.h"

namespace orrery::document::detail {

namespace {

void link(pugi::xml_node parent, const char* rel, const std::string& href,
          const std::string& type = {}, std::optional<std::int64_t> length = {}) {
  if (href.empty()) {
    return;
  }
  pugi::xml_node node = parent.append_child("link");
  node.append_attribute("rel") = rel;
  node.append_attribute("href") = href.c_str();
  if (!type.empty()) {
    node.append_attribute("type") = xml_chars(type).c_str();
  }
  if (length && *length >= 0) {
    node.append_attribute("length") = std::to_string(*length).c_str();
  }
}

std::string language_of(const model::Entry& entry, const Source& source) {
  if (!entry.language.empty()) {
    return entry.language;
  }
  return source.status != nullptr ? source.status->channel.language : std::string();
}

// Venus: an author without a name is named after the subscription (planet:name); RFC 4287
// §3.2.1 requires the name.
void author(pugi::xml_node parent, const model::Person& p, const Source& source) {
  pugi::xml_node node = parent.append_child("author");
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
               !entry.id.empty()     ? xml_chars(entry.id)
               : !alternate.empty() ? alternate
                                    : stable_urn("entry", {source.url, entry.key}));
  link(node, "alternate", alternate);
  for (const model::Enclosure& enclosure : entry.enclosures) {
    link(node, "enclosure", safe_link(enclosure.href), enclosure.type, enclosure.length);
  }
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
  date_element(node, "updated", updated, config, planet);
  if (entry.published) {
    date_element(node, "published", *entry.published, config, planet);
  }
  for (const std::string& tag : entry.tags) {
    if (!tag.empty()) {
      node.append_child("category").append_attribute("term") = xml_chars(tag).c_str();
    }
  }
  if (!entry.author.empty()) {
    author(node, entry.author, source);
  }
  pugi::xml_node xsource = node.append_child("source");
  source_children(xsource, source, config, planet, now);
}

}  // namespace orrery::document::detail

namespace orrery::document {

std::string entry_xml(const model::Entry& entry, const Source& source,
                      const config::Config& config, util::TimePoint now) {
  pugi::xml_document doc;
  detail::entry_element(doc, entry, source, config, PlanetElements::keep,
                        entry.updated.value_or(entry.published.value_or(now)), now);
  pugi::xml_node root = doc.first_child();
  root.prepend_attribute("xmlns:planet") = k_planet_ns;
  root.prepend_attribute("xmlns") = k_atom_ns;
  return detail::save(doc);
}

}  // namespace orrery::document
