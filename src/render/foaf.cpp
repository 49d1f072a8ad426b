#include "render/foaf.h"

#include <pugixml.hpp>

#include "render/htmltmpl/context.h"
#include "render/writer_common.h"

namespace orrery::render {

namespace {

constexpr const char* k_rdf_ns = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr const char* k_rdfs_ns = "http://www.w3.org/2000/01/rdf-schema#";
constexpr const char* k_foaf_ns = "http://xmlns.com/foaf/0.1/";
constexpr const char* k_rss_ns = "http://purl.org/rss/1.0/";
constexpr const char* k_dc_ns = "http://purl.org/dc/elements/1.1/";

void member_element(pugi::xml_node group, const Subscription& sub, const std::string& feed_url) {
  pugi::xml_node agent = group.append_child("foaf:member").append_child("foaf:Agent");
  append_text(agent, "foaf:name", sub.name);
  pugi::xml_node document = agent.append_child("foaf:weblog").append_child("foaf:Document");
  if (is_clean_absolute_uri(sub.link)) {
    append_attribute(document, "rdf:about", sub.link);
  }
  append_text(document, "dc:title", !sub.title.empty() ? sub.title : sub.name);
  pugi::xml_node channel = document.append_child("rdfs:seeAlso").append_child("rss:channel");
  append_attribute(channel, "rdf:about", feed_url);
}

}  // namespace

FoafOutput write_foaf(const RenderInput& input) {
  const config::PlanetSettings& planet = input.config->planet;
  FoafOutput out;
  pugi::xml_document doc;
  pugi::xml_node rdf = doc.append_child("rdf:RDF");
  rdf.append_attribute("xmlns:rdf") = k_rdf_ns;
  rdf.append_attribute("xmlns:rdfs") = k_rdfs_ns;
  rdf.append_attribute("xmlns:foaf") = k_foaf_ns;
  rdf.append_attribute("xmlns:rss") = k_rss_ns;
  rdf.append_attribute("xmlns:dc") = k_dc_ns;
  pugi::xml_node group = rdf.append_child("foaf:Group");
  append_text(group, "foaf:name", planet.name);
  std::string homepage = safe_link(planet.link);
  if (is_clean_absolute_uri(homepage)) {
    append_attribute(group.append_child("foaf:homepage"), "rdf:resource", homepage);
  }
  std::vector<std::string> left_out;
  for (const Subscription& sub : subscriptions(input)) {
    std::string feed_url = safe_link(sub.url, util::UrlUse::resource);
    if (!is_clean_absolute_uri(feed_url)) {
      left_out.push_back(sub.url);
      continue;
    }
    member_element(group, sub, feed_url);
  }
  if (!left_out.empty()) {
    out.notes.push_back(left_out_note("foafroll.xml", left_out));
  }
  out.content = serialise(doc);
  return out;
}

}  // namespace orrery::render
