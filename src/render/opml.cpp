#include "render/opml.h"

#include <pugixml.hpp>

#include "render/htmltmpl/context.h"
#include "render/writer_common.h"

namespace orrery::render {

OpmlOutput write_opml(const RenderInput& input) {
  const config::PlanetSettings& planet = input.config->planet;
  OpmlOutput out;
  pugi::xml_document doc;
  pugi::xml_node opml = doc.append_child("opml");
  opml.append_attribute("version") = "2.0";
  pugi::xml_node head = opml.append_child("head");
  append_text(head, "title", planet.name);
  if (std::optional<util::TimePoint> newest = newest_update(input)) {
    append_text(head, "dateModified", util::format_rfc822(*newest));
  }
  if (!planet.owner_name.empty()) {
    append_text(head, "ownerName", planet.owner_name);
  }
  if (!planet.owner_email.empty()) {
    append_text(head, "ownerEmail", planet.owner_email);
  }
  append_text(head, "docs", "http://opml.org/spec2.opml");

  pugi::xml_node body = opml.append_child("body");
  std::vector<std::string> left_out;
  for (const Subscription& sub : subscriptions(input)) {
    std::string xml_url = safe_link(sub.url, util::UrlUse::resource);
    if (xml_url.empty()) {
      left_out.push_back(sub.url);
      continue;
    }
    pugi::xml_node outline = body.append_child("outline");
    outline.append_attribute("type") = "rss";
    append_attribute(outline, "text", sub.name);
    append_attribute(outline, "title", !sub.title.empty() ? sub.title : sub.name);
    append_attribute(outline, "xmlUrl", xml_url);
    if (!sub.link.empty()) {
      append_attribute(outline, "htmlUrl", sub.link);
    }
  }
  if (!left_out.empty()) {
    out.notes.push_back(left_out_note("opml.xml", left_out));
  }
  out.content = serialise(doc);
  return out;
}

}  // namespace orrery::render
