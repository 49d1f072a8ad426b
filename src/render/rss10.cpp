#include "render/rss10.h"

#include <pugixml.hpp>

#include "render/htmltmpl/context.h"
#include "render/writer_common.h"
#include "util/url.h"

namespace orrery::render {

namespace {

constexpr const char* k_rdf_ns = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr const char* k_rss_ns = "http://purl.org/rss/1.0/";
constexpr const char* k_dc_ns = "http://purl.org/dc/elements/1.1/";
constexpr const char* k_content_ns = "http://purl.org/rss/1.0/modules/content/";

// An id fit for rdf:about: a clean absolute URI whose scheme is an identifier's (tag:, urn:) or
// passes the link policy; a reader may follow rdf:about, so no javascript: or data: id.
bool is_identifier_uri(const std::string& id) {
  if (!is_clean_absolute_uri(id)) {
    return false;
  }
  std::string scheme = util::url_scheme(id);
  return scheme == "tag" || scheme == "urn" || !safe_link(id).empty();
}

// The item's RDF subject: ids such as "1234" or "tag with spaces" are not URIs an RDF parser
// accepts, and rdf:about must tell the items apart.
std::string item_about(const model::StoredEntry& stored) {
  if (is_identifier_uri(stored.entry.id)) {
    return stored.entry.id;
  }
  std::string link = safe_link(stored.entry.link);
  if (is_clean_absolute_uri(link) && stored.entry.id.empty()) {
    return link;
  }
  return stable_urn("entry", {stored.feed_url, stored.entry.key});
}

void item_element(pugi::xml_node rdf, const model::StoredEntry& stored, const ChannelView& view,
                  const std::string& about, const std::string& planet_link) {
  const model::Entry& e = stored.entry;
  pugi::xml_node item = rdf.append_child("item");
  append_attribute(item, "rdf:about", about);
  append_text(item, "title", prefixed_title(stored, view));
  std::string link = safe_link(e.link);
  if (link.empty() && view.status != nullptr) {
    link = safe_link(view.status->channel.link);
  }
  append_text(item, "link", !link.empty() ? link : planet_link);
  append_text(item, "dc:date", util::format_rfc3339(e.updated.value_or(stored.first_seen)));
  if (!e.author.name.empty()) {
    append_text(item, "dc:creator", e.author.name);
  }
  for (const std::string& tag : e.tags) {
    append_text(item, "dc:subject", tag);
  }
  std::string source = safe_link(view.url, util::UrlUse::resource);
  if (!source.empty()) {
    append_text(item, "dc:source", source);
  }
  std::string lang = language_tag(e.language);
  if (lang.empty() && view.status != nullptr) {
    lang = language_tag(view.status->channel.language);
  }
  if (!lang.empty()) {
    append_text(item, "dc:language", lang);
  }
  const std::string& html = !e.content_html.empty() ? e.content_html : e.summary_html;
  if (!html.empty()) {
    append_text(item, "content:encoded", html);
  }
}

}  // namespace

std::string write_rss10(const RenderInput& input) {
  const config::PlanetSettings& planet = input.config->planet;
  pugi::xml_document doc;
  pugi::xml_node rdf = doc.append_child("rdf:RDF");
  rdf.append_attribute("xmlns:rdf") = k_rdf_ns;
  rdf.append_attribute("xmlns:dc") = k_dc_ns;
  rdf.append_attribute("xmlns:content") = k_content_ns;
  rdf.append_attribute("xmlns") = k_rss_ns;

  std::string self = planet_url(input, "rss10.xml");
  std::string link = safe_link(planet.link);
  pugi::xml_node channel = rdf.append_child("channel");
  append_attribute(channel, "rdf:about",
                   !self.empty() ? self : stable_urn("planet", {planet.name}));
  append_text(channel, "title", planet.name);
  append_text(channel, "link", !link.empty() ? link : self);
  append_text(channel, "description", link.empty() ? planet.name : planet.name + " - " + link);
  if (std::optional<util::TimePoint> newest = newest_update(input)) {
    append_text(channel, "dc:date", util::format_rfc3339(*newest));
  }
  pugi::xml_node seq = channel.append_child("items").append_child("rdf:Seq");

  ChannelDirectory channels(input);
  for (const model::StoredEntry& stored : input.entries) {
    std::string about = item_about(stored);
    append_attribute(seq.append_child("rdf:li"), "rdf:resource", about);
    item_element(rdf, stored, channels.of(stored), about, link);
  }
  return serialise(doc);
}

}  // namespace orrery::render
