#include "render/rss20.h"

#include <algorithm>
#include <cstdint>
#include <pugixml.hpp>

#include "render/htmltmpl/context.h"
#include "render/writer_common.h"

namespace orrery::render {

namespace {

constexpr const char* k_atom_ns = "http://www.w3.org/2005/Atom";
constexpr const char* k_dc_ns = "http://purl.org/dc/elements/1.1/";

void item_element(pugi::xml_node channel, const model::StoredEntry& stored,
                  const ChannelView& view) {
  const model::Entry& e = stored.entry;
  pugi::xml_node item = channel.append_child("item");
  append_text(item, "title", prefixed_title(stored, view));
  std::string link = safe_link(e.link);
  if (!link.empty()) {
    append_text(item, "link", link);
  }
  std::string id = entry_id(stored);
  pugi::xml_node guid = append_text(item, "guid", id);
  // RSS 2.0 <guid>: isPermaLink defaults to true, so say false unless the guid is the link.
  guid.prepend_attribute("isPermaLink") = id == link ? "true" : "false";
  const std::string& html = !e.content_html.empty() ? e.content_html : e.summary_html;
  if (!html.empty()) {
    append_text(item, "description", html);
  }
  append_text(item, "pubDate", util::format_rfc822(e.updated.value_or(stored.first_seen)));
  if (!e.author.email.empty()) {
    // RSS 2.0 <author> is an email address, by convention followed by the name in parentheses.
    append_text(
        item, "author",
        e.author.name.empty() ? e.author.email : e.author.email + " (" + e.author.name + ")");
  } else if (!e.author.name.empty()) {
    append_text(item, "dc:creator", e.author.name);
  }
  for (const std::string& tag : e.tags) {
    append_text(item, "category", tag);
  }
  for (const model::Enclosure& enc : e.enclosures) {
    std::string url = safe_link(enc.href, util::UrlUse::resource);
    if (url.empty()) {
      continue;
    }
    pugi::xml_node enclosure = item.append_child("enclosure");
    append_attribute(enclosure, "url", url);
    // All three attributes are required; 0 is the customary "unknown" length.
    enclosure.append_attribute("length") =
        static_cast<long long>(std::max<std::int64_t>(enc.length.value_or(0), 0));
    append_attribute(enclosure, "type",
                     util::media_type(enc.type).empty() ? "application/octet-stream"
                                                        : util::media_type(enc.type));
  }
  std::string source_url = safe_link(view.url, util::UrlUse::resource);
  if (!source_url.empty()) {
    append_attribute(append_text(item, "source", view.name), "url", source_url);
  }
}

}  // namespace

std::string write_rss20(const RenderInput& input) {
  const config::PlanetSettings& planet = input.config->planet;
  pugi::xml_document doc;
  pugi::xml_node rss = doc.append_child("rss");
  rss.append_attribute("version") = "2.0";
  rss.append_attribute("xmlns:atom") = k_atom_ns;
  rss.append_attribute("xmlns:dc") = k_dc_ns;
  pugi::xml_node channel = rss.append_child("channel");
  append_text(channel, "title", planet.name);
  std::string link = safe_link(planet.link);
  if (!link.empty()) {
    append_text(channel, "link", link);
  }
  append_text(channel, "description", link.empty() ? planet.name : planet.name + " - " + link);
  std::string self = planet_url(input, "rss20.xml");
  if (!self.empty()) {
    pugi::xml_node atom_link = channel.append_child("atom:link");
    atom_link.append_attribute("rel") = "self";
    append_attribute(atom_link, "href", self);
    atom_link.append_attribute("type") = "application/rss+xml";
  }
  append_text(channel, "generator", input.generator);
  if (std::optional<util::TimePoint> newest = newest_update(input)) {
    append_text(channel, "lastBuildDate", util::format_rfc822(*newest));
  }
  ChannelDirectory channels(input);
  for (const model::StoredEntry& stored : input.entries) {
    item_element(channel, stored, channels.of(stored));
  }
  return serialise(doc);
}

}  // namespace orrery::render
