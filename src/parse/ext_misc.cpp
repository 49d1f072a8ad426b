// Small extension namespaces with one meaning each: Creative Commons licences, inline XHTML
// bodies, the comment API (wfw), threading (thr) and FeedBurner's original link.

#include "parse/handlers.h"
#include "parse/xml_tree.h"
#include "util/strings.h"

namespace orrery::parse {

namespace {

bool read_license(const Element& e, Target& t) {
  const char* resource = xml::find_attribute(e.node, "resource", xml::k_rdf_ns);
  std::string href = resource ? resolve(e, resource) : resolve(e, xml::own_text(e.node));
  if (!href.empty()) {
    t.common.license = href;
    t.common.links.push_back({"license", {}, href, {}, {}, {}});
  }
  return true;
}

// Podlove Simple Chapters 1.1; feedparser keeps the first <psc:chapters> of an entry.
bool read_chapters(Context& ctx, const Element& e, Target& t) {
  if (!t.entry || t.entry->psc_chapters) return true;
  model::Chapters& chapters = t.entry->psc_chapters.emplace();
  chapters.version = xml::attribute(e.node, "version");
  for (pugi::xml_node c : e.node.children()) {
    if (c.type() != pugi::node_element) continue;
    Element child = ctx.element(c, e.scope);
    if (child.prefix != "psc" || child.local != "chapter") continue;
    model::Chapter chapter;
    chapter.start = xml::attribute(c, "start");
    chapter.title = xml::attribute(c, "title");
    if (const char* href = xml::find_attribute(c, "href")) chapter.href = resolve(child, href);
    if (const char* image = xml::find_attribute(c, "image")) chapter.image = resolve(child, image);
    chapters.chapters.push_back(std::move(chapter));
  }
  return true;
}

// RSS 1.0 admin module: the generator and the error address as rdf:resource URIs.
bool read_admin(const Element& e, Target& t) {
  const char* resource = xml::find_attribute(e.node, "resource", xml::k_rdf_ns);
  std::string value = resource ? resolve(e, resource) : std::string();
  if (e.local == "generatorAgent") {
    if (!t.channel) return false;
    t.channel->generator = value;
    t.channel->generator_href = value;
    return true;
  }
  if (e.local == "errorReportsTo") {
    t.common.extensions.emplace_back("errorreportsto", value);
    return true;
  }
  return false;
}

}  // namespace

bool misc_element(Context& ctx, const Element& e, Target& t) {
  if (e.prefix == "media") return media_element(ctx, e, t);
  if (e.prefix == "georss" || e.prefix == "gml") return geo_element(ctx, e, t);
  if (e.prefix == "admin") return read_admin(e, t);
  if (e.prefix == "psc" && e.local == "chapters") return read_chapters(ctx, e, t);
  if ((e.prefix == "cc" || e.prefix == "creativeCommons") && e.local == "license") {
    return read_license(e, t);
  }
  if (e.prefix == "wfw" &&
      (e.local == "comment" || e.local == "commentRss" || e.local == "commentRSS")) {
    t.common.extensions.emplace_back(util::to_lower(e.key()), resolve(e, xml::own_text(e.node)));
    return true;
  }
  if (e.prefix == "feedburner" && e.local == "browserFriendly" && t.channel) {
    t.channel->info = rss_text(e, model::TextType::text);
    return true;
  }
  if (e.prefix == "xhtml" && e.local == "body" && t.entry) {
    model::TextConstruct tc;
    tc.type = model::TextType::xhtml;
    tc.value = std::string(util::trim(xml::content(e.node)));
    tc.language = e.scope.language;
    tc.base = e.scope.base;
    t.entry->content.push_back(std::move(tc));
    return true;
  }
  return false;
}

}  // namespace orrery::parse
